//! The pages' words in English, French, Spanish and Arabic, and how a request picks its language:
//! `?lang=`, then the language cookie that `?lang=` sets, then `Accept-Language`, then English.

use axum::http::HeaderMap;

/// A language the pages are written in: INTERPOL's four working languages, the domain's type.
pub use dragnet_domain::request::WorkingLanguage as Lang;

/// The language of a request: `lang` from its query, else its cookie, else its `Accept-Language`.
pub fn lang_of(query_lang: Option<&str>, headers: &HeaderMap) -> Lang {
    if let Some(lang) = query_lang.and_then(Lang::parse) {
        return lang;
    }
    if let Some(lang) = super::cookie(headers, LANG_COOKIE).and_then(|c| Lang::parse(&c)) {
        return lang;
    }
    let accepted = headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    accepted
        .split(',')
        .filter_map(|item| item.split(';').next())
        .filter_map(|tag| Lang::parse(tag.trim().split('-').next().unwrap_or("")))
        .next()
        .unwrap_or(Lang::En)
}

/// The pages' words in a language.
pub trait Words {
    /// The page's words for `key`; a key missing from the catalogue shows as an ellipsis and is
    /// logged (a test keeps every key the templates use in the catalogue, in all four languages).
    fn t(self, key: &str) -> &'static str;

    /// The words for `key` with each `{name}` in them replaced by its value.
    fn fill(self, key: &str, values: &[(&str, &str)]) -> String;
}

impl Words for Lang {
    fn t(self, key: &str) -> &'static str {
        let column = self as usize;
        MESSAGES.iter().find(|(k, _)| *k == key).map(|(_, words)| words[column]).unwrap_or_else(|| {
            tracing::warn!(key, "a word missing from the catalogue");
            "…"
        })
    }

    fn fill(self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.t(key).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }
}
/// The cookie that keeps the language chosen with `?lang=`.
pub const LANG_COOKIE: &str = "dragnet_lang";

/// Every word on the pages: key, then English, French, Spanish, Arabic.
pub const MESSAGES: &[(&str, [&str; 4])] = &[
    ("app.name", ["Dragnet", "Dragnet", "Dragnet", "دراغنت"]),
    (
        "app.tagline",
        [
            "International police notices",
            "Notices de police internationales",
            "Notificaciones policiales internacionales",
            "النشرات الشرطية الدولية",
        ],
    ),
    ("nav.language", ["Language", "Langue", "Idioma", "اللغة"]),
    ("nav.review", ["Review queue", "File d’examen", "Cola de examen", "قائمة المراجعة"]),
    ("nav.sign_out", ["Sign out", "Se déconnecter", "Cerrar sesión", "تسجيل الخروج"]),
    ("nav.signed_in_as", ["Signed in as", "Connecté en tant que", "Sesión iniciada como", "مسجّل الدخول باسم"]),
    ("sign_in.title", ["Sign in", "Connexion", "Iniciar sesión", "تسجيل الدخول"]),
    ("sign_in.name", ["User name", "Nom d’utilisateur", "Nombre de usuario", "اسم المستخدم"]),
    ("sign_in.password", ["Password", "Mot de passe", "Contraseña", "كلمة المرور"]),
    ("sign_in.submit", ["Sign in", "Se connecter", "Entrar", "دخول"]),
    (
        "sign_in.failed",
        [
            "That user name and password do not match.",
            "Ce nom d’utilisateur et ce mot de passe ne correspondent pas.",
            "El nombre de usuario y la contraseña no coinciden.",
            "اسم المستخدم وكلمة المرور غير متطابقين.",
        ],
    ),
    (
        "sign_in.expired",
        [
            "The form had expired; please sign in again.",
            "Le formulaire avait expiré ; veuillez vous reconnecter.",
            "El formulario había caducado; inicie sesión de nuevo.",
            "انتهت صلاحية النموذج؛ يرجى تسجيل الدخول مرة أخرى.",
        ],
    ),
    (
        "sign_in.throttled",
        [
            "Too many failed attempts from here; wait a minute and try again.",
            "Trop de tentatives échouées depuis cet endroit ; attendez une minute et réessayez.",
            "Demasiados intentos fallidos desde aquí; espere un minuto y vuelva a intentarlo.",
            "محاولات فاشلة كثيرة جداً من هنا؛ انتظر دقيقة ثم أعد المحاولة.",
        ],
    ),
    (
        "sign_in.busy",
        [
            "Signing in is busy; try again in a moment.",
            "La connexion est occupée ; réessayez dans un instant.",
            "El inicio de sesión está ocupado; vuelva a intentarlo en un momento.",
            "تسجيل الدخول مشغول؛ أعد المحاولة بعد لحظة.",
        ],
    ),
    ("home.title", ["Home", "Accueil", "Inicio", "الصفحة الرئيسية"]),
    (
        "home.role_pages_pending",
        [
            "The pages for this role are not built yet; the API serves it in full.",
            "Les pages de ce rôle ne sont pas encore construites ; l’API le sert entièrement.",
            "Las páginas de este rol aún no están construidas; la API lo atiende por completo.",
            "لم تُنشأ صفحات هذا الدور بعد؛ واجهة البرمجة تخدمه بالكامل.",
        ],
    ),
    ("role.bureau_officer", ["Bureau officer", "Agent de BCN", "Agente de OCN", "موظف المكتب المركزي الوطني"]),
    ("role.reviewer", ["Reviewer", "Examinateur", "Revisor", "مراجع"]),
    ("role.supervisor", ["Supervisor", "Superviseur", "Supervisor", "مشرف"]),
    ("role.screener", ["Border officer", "Agent aux frontières", "Agente fronterizo", "موظف الحدود"]),
    ("role.auditor", ["Auditor", "Auditeur", "Auditor", "مدقق"]),
    ("role.administrator", ["Administrator", "Administrateur", "Administrador", "مسؤول النظام"]),
    (
        "role.data_protection_officer",
        [
            "Data protection officer",
            "Délégué à la protection des données",
            "Delegado de protección de datos",
            "مسؤول حماية البيانات",
        ],
    ),
    (
        "queue.title",
        [
            "Requests waiting for review",
            "Demandes en attente d’examen",
            "Solicitudes pendientes de examen",
            "طلبات بانتظار المراجعة",
        ],
    ),
    (
        "queue.order",
        [
            "Highest risk first, then oldest.",
            "Le risque le plus élevé d’abord, puis la plus ancienne.",
            "Primero el mayor riesgo, luego la más antigua.",
            "الأعلى خطورة أولاً، ثم الأقدم.",
        ],
    ),
    (
        "queue.empty",
        ["Nothing is waiting.", "Rien n’est en attente.", "No hay nada pendiente.", "لا شيء بانتظار المراجعة."],
    ),
    ("queue.request", ["Request", "Demande", "Solicitud", "الطلب"]),
    ("queue.kind", ["Kind", "Type", "Tipo", "النوع"]),
    ("queue.requested_by", ["Requested by", "Demandée par", "Solicitada por", "مقدَّم من"]),
    ("queue.subjects", ["Subjects", "Personnes visées", "Personas", "الأشخاص المعنيون"]),
    ("queue.recommendation", ["Check", "Vérification", "Verificación", "نتيجة الفحص"]),
    ("queue.submitted", ["Submitted", "Soumise", "Presentada", "تاريخ التقديم"]),
    ("rec.refuse", ["Refuse", "Refuser", "Rechazar", "رفض"]),
    ("rec.review", ["Review", "À examiner", "Examinar", "مراجعة"]),
    ("rec.clear", ["Clear", "Conforme", "Conforme", "سليم"]),
    ("rec.incomplete", ["Incomplete", "Incomplète", "Incompleta", "ناقص"]),
    ("request.title", ["Request", "Demande", "Solicitud", "الطلب"]),
    (
        "request.imported",
        [
            "Published elsewhere and imported, not reviewed here. Source:",
            "Publiée ailleurs et importée, non examinée ici. Source :",
            "Publicada en otro lugar e importada, no examinada aquí. Fuente:",
            "نُشرت في مكان آخر واستوردت، ولم تُراجع هنا. المصدر:",
        ],
    ),
    ("request.offence", ["Offence", "Infraction", "Delito", "الجريمة"]),
    ("request.summary", ["Summary of facts", "Résumé des faits", "Resumen de los hechos", "ملخص الوقائع"]),
    ("request.charges", ["Charges", "Chefs d’accusation", "Cargos", "التهم"]),
    ("request.warrant", ["Warrant", "Mandat", "Orden", "مذكرة التوقيف"]),
    (
        "request.findings",
        ["The check’s findings", "Constats de la vérification", "Hallazgos de la verificación", "نتائج الفحص"],
    ),
    ("request.no_findings", ["Nothing to flag.", "Rien à signaler.", "Nada que señalar.", "لا شيء يستدعي التنبيه."]),
    ("request.subject", ["Subject", "Personne visée", "Persona", "الشخص المعني"]),
    ("request.born", ["born", "né(e) le", "nacido/a el", "تاريخ الميلاد"]),
    ("request.state", ["State", "État", "Estado", "الحالة"]),
    ("decision.title", ["Decision", "Décision", "Decisión", "القرار"]),
    ("decision.publish", ["Publish", "Publier", "Publicar", "نشر"]),
    ("decision.refuse", ["Refuse", "Refuser", "Rechazar", "رفض"]),
    (
        "decision.request_information",
        ["Ask for information", "Demander des informations", "Pedir información", "طلب معلومات"],
    ),
    (
        "decision.reason",
        [
            "Reason (kept on the record)",
            "Motif (versé au dossier)",
            "Motivo (consta en el expediente)",
            "السبب (يُحفظ في السجل)",
        ],
    ),
    ("decision.submit", ["Record the decision", "Enregistrer la décision", "Registrar la decisión", "تسجيل القرار"]),
    (
        "decision.four_eyes",
        [
            "The check says refuse: publishing takes a second, different reviewer.",
            "La vérification conclut au refus : la publication exige un second examinateur, différent.",
            "La verificación indica rechazo: publicar requiere un segundo revisor distinto.",
            "نتيجة الفحص هي الرفض: يتطلب النشر مراجعاً ثانياً مختلفاً.",
        ],
    ),
    ("decision.done", ["Decision recorded.", "Décision enregistrée.", "Decisión registrada.", "تم تسجيل القرار."]),
    (
        "decision.waiting",
        [
            "waits for a second reviewer",
            "attend un second examinateur",
            "espera un segundo revisor",
            "بانتظار مراجع ثانٍ",
        ],
    ),
    ("nav.screening", ["Screening", "Contrôle", "Control", "التحقق"]),
    ("screening.title", ["Screen a traveller", "Contrôler un voyageur", "Controlar a un viajero", "التحقق من مسافر"]),
    (
        "screening.hint",
        [
            "Against every notice in force your country may see; the name in any script.",
            "Contre toutes les notices en vigueur que votre pays peut voir ; le nom dans n’importe quelle écriture.",
            "Contra todas las notificaciones vigentes que su país puede ver; el nombre en cualquier escritura.",
            "مقابل كل النشرات السارية التي يحق لبلدك الاطلاع عليها؛ والاسم بأي كتابة.",
        ],
    ),
    ("screening.name", ["Name", "Nom", "Nombre", "الاسم"]),
    ("screening.date_of_birth", ["Date of birth", "Date de naissance", "Fecha de nacimiento", "تاريخ الميلاد"]),
    (
        "screening.nationality",
        ["Nationality (ISO code)", "Nationalité (code ISO)", "Nacionalidad (código ISO)", "الجنسية (رمز ISO)"],
    ),
    ("screening.document", ["Passport number", "Numéro de passeport", "Número de pasaporte", "رقم جواز السفر"]),
    ("screening.submit", ["Screen", "Contrôler", "Controlar", "تحقق"]),
    (
        "screening.results",
        ["Possible matches", "Correspondances possibles", "Posibles coincidencias", "التطابقات المحتملة"],
    ),
    (
        "screening.no_hits",
        [
            "No notice matches this traveller.",
            "Aucune notice ne correspond à ce voyageur.",
            "Ninguna notificación coincide con este viajero.",
            "لا توجد نشرة تطابق هذا المسافر.",
        ],
    ),
    ("screening.place", ["Where (optional)", "Lieu (facultatif)", "Lugar (opcional)", "المكان (اختياري)"]),
    (
        "screening.confirm",
        [
            "Confirm: this is the person",
            "Confirmer : c’est la personne",
            "Confirmar: es la persona",
            "تأكيد: هذا هو الشخص",
        ],
    ),
    (
        "screening.located_done",
        [
            "Recorded as located; the requesting bureau has been told:",
            "Localisation enregistrée ; le bureau requérant a été prévenu :",
            "Localización registrada; se ha avisado a la oficina solicitante:",
            "سُجّل تحديد المكان؛ وأُبلغ المكتب الطالب:",
        ],
    ),
    ("nav.audit", ["Audit trail", "Journal d’audit", "Registro de auditoría", "سجل التدقيق"]),
    ("audit.title", ["Audit trail", "Journal d’audit", "Registro de auditoría", "سجل التدقيق"]),
    (
        "audit.hint",
        [
            "Every read of personal data and every change, newest first; each record is chained to the one before by its hash.",
            "Chaque lecture de données personnelles et chaque modification, les plus récentes d’abord ; chaque entrée est chaînée à la précédente par son empreinte.",
            "Cada lectura de datos personales y cada cambio, los más recientes primero; cada registro está encadenado al anterior por su huella.",
            "كل اطلاع على بيانات شخصية وكل تغيير، الأحدث أولاً؛ وكل سجل مرتبط بما قبله ببصمته.",
        ],
    ),
    ("audit.action", ["Action", "Action", "Acción", "الإجراء"]),
    ("audit.actor", ["Who", "Qui", "Quién", "من"]),
    ("audit.target", ["On what", "Sur quoi", "Sobre qué", "على ماذا"]),
    ("audit.at", ["When (UTC)", "Quand (UTC)", "Cuándo (UTC)", "متى (UTC)"]),
    ("audit.reason", ["Reason", "Motif", "Motivo", "السبب"]),
    ("audit.details", ["Details", "Détails", "Detalles", "التفاصيل"]),
    ("audit.filter", ["Filter", "Filtrer", "Filtrar", "تصفية"]),
    ("audit.verify", ["Verify the chain", "Vérifier la chaîne", "Verificar la cadena", "التحقق من السلسلة"]),
    (
        "audit.none",
        ["No record matches.", "Aucune entrée ne correspond.", "Ningún registro coincide.", "لا يوجد سجل مطابق."],
    ),
    ("audit.older", ["Older records", "Entrées plus anciennes", "Registros anteriores", "سجلات أقدم"]),
    (
        "audit.intact",
        [
            "The chain is intact. Records checked:",
            "La chaîne est intacte. Entrées vérifiées :",
            "La cadena está intacta. Registros comprobados:",
            "السلسلة سليمة. عدد السجلات المفحوصة:",
        ],
    ),
    (
        "audit.broken",
        ["The chain is broken at", "La chaîne est rompue à", "La cadena está rota en", "السلسلة مكسورة عند"],
    ),
    ("nav.requests", ["Our requests", "Nos demandes", "Nuestras solicitudes", "طلباتنا"]),
    ("bureau.title", ["Our requests", "Nos demandes", "Nuestras solicitudes", "طلباتنا"]),
    (
        "bureau.hint",
        [
            "Newest first; each subject is its own notice, with its own state.",
            "Les plus récentes d’abord ; chaque personne visée est une notice, avec son propre état.",
            "Las más recientes primero; cada persona es su propia notificación, con su propio estado.",
            "الأحدث أولاً؛ كل شخص معني نشرة مستقلة بحالتها الخاصة.",
        ],
    ),
    (
        "bureau.none",
        ["No request yet.", "Aucune demande pour l’instant.", "Aún no hay solicitudes.", "لا توجد طلبات بعد."],
    ),
    ("bureau.created", ["Created", "Créée", "Creada", "تاريخ الإنشاء"]),
    (
        "request.decisions",
        ["The reviewers’ decisions", "Décisions des examinateurs", "Decisiones de los revisores", "قرارات المراجعين"],
    ),
    (
        "list.title",
        [
            "Screen a passenger list",
            "Contrôler une liste de passagers",
            "Controlar una lista de pasajeros",
            "التحقق من قائمة ركاب",
        ],
    ),
    (
        "list.hint",
        [
            "A CSV file with a header, one traveller per line, up to 10,000; columns:",
            "Un fichier CSV avec en-tête, un voyageur par ligne, 10 000 au plus ; colonnes :",
            "Un archivo CSV con cabecera, un viajero por línea, hasta 10 000; columnas:",
            "ملف CSV بسطر عناوين، مسافر في كل سطر، حتى 10000؛ الأعمدة:",
        ],
    ),
    ("list.file", ["Passenger list", "Liste de passagers", "Lista de pasajeros", "قائمة الركاب"]),
    ("list.submit", ["Screen the list", "Contrôler la liste", "Controlar la lista", "تحقق من القائمة"]),
    ("list.progress", ["Screened", "Contrôlés", "Controlados", "تم التحقق من"]),
    ("list.of", ["of", "sur", "de", "من أصل"]),
    ("list.done", ["Done.", "Terminé.", "Terminado.", "اكتمل."]),
    (
        "list.people_with_hits",
        [
            "Travellers with a possible match:",
            "Voyageurs avec une correspondance possible :",
            "Viajeros con una posible coincidencia:",
            "مسافرون لديهم تطابق محتمل:",
        ],
    ),
    (
        "list.download",
        [
            "Download the hits (CSV)",
            "Télécharger les correspondances (CSV)",
            "Descargar las coincidencias (CSV)",
            "تنزيل التطابقات (CSV)",
        ],
    ),
    ("list.line", ["Line", "Ligne", "Línea", "السطر"]),
    ("list.traveller", ["Traveller", "Voyageur", "Viajero", "المسافر"]),
    ("list.notice", ["Notice", "Notice", "Notificación", "النشرة"]),
    ("list.score", ["Score", "Score", "Puntuación", "الدرجة"]),
    ("list.why", ["Why", "Pourquoi", "Por qué", "السبب"]),
    ("state.draft", ["draft", "brouillon", "borrador", "مسودة"]),
    ("state.submitted", ["submitted", "soumise", "presentada", "مُقدَّمة"]),
    ("state.in_review", ["in review", "en examen", "en examen", "قيد المراجعة"]),
    (
        "state.info_requested",
        ["information requested", "informations demandées", "información solicitada", "مطلوب معلومات"],
    ),
    ("state.published", ["published", "publiée", "publicada", "منشورة"]),
    ("state.refused", ["refused", "refusée", "rechazada", "مرفوضة"]),
    ("state.suspended", ["suspended", "suspendue", "suspendida", "معلّقة"]),
    ("state.cancelled", ["cancelled", "annulée", "cancelada", "ملغاة"]),
    ("state.expired", ["expired", "expirée", "caducada", "منتهية"]),
    ("state.withdrawn", ["withdrawn", "retirée", "retirada", "مسحوبة"]),
    ("kind.red", ["red", "rouge", "roja", "حمراء"]),
    ("kind.yellow", ["yellow", "jaune", "amarilla", "صفراء"]),
    ("kind.blue", ["blue", "bleue", "azul", "زرقاء"]),
    ("kind.black", ["black", "noire", "negra", "سوداء"]),
    ("kind.green", ["green", "verte", "verde", "خضراء"]),
    ("kind.orange", ["orange", "orange", "naranja", "برتقالية"]),
    ("kind.purple", ["purple", "violette", "morada", "بنفسجية"]),
    ("kind.silver", ["silver", "argent", "plateada", "فضية"]),
    ("kind.un_special", ["UN special", "spéciale ONU", "especial ONU", "خاصة بالأمم المتحدة"]),
    ("kind.diffusion", ["diffusion", "diffusion", "difusión", "تعميم"]),
    ("why.separator", ["; ", " ; ", "; ", "؛ "]),
    ("why.comma", [", ", ", ", ", ", "، "]),
    ("why.name", ["name {pairs}", "nom {pairs}", "nombre {pairs}", "الاسم {pairs}"]),
    (
        "why.no_name",
        [
            "no name part in common",
            "aucune partie du nom en commun",
            "ninguna parte del nombre en común",
            "لا جزء مشتركًا في الاسم",
        ],
    ),
    (
        "why.dob.agrees",
        [
            "date of birth {notice} agrees",
            "date de naissance {notice} concordante",
            "fecha de nacimiento {notice} coincidente",
            "تاريخ الميلاد {notice} متطابق",
        ],
    ),
    (
        "why.dob.swapped",
        [
            "date of birth {notice} agrees with day and month swapped",
            "date de naissance {notice} concordante, jour et mois inversés",
            "fecha de nacimiento {notice} coincidente, con día y mes invertidos",
            "تاريخ الميلاد {notice} متطابق مع تبديل اليوم والشهر",
        ],
    ),
    (
        "why.dob.same_year",
        [
            "date of birth {notice} differs from {query} within the year",
            "date de naissance {notice} différente de {query} dans la même année",
            "fecha de nacimiento {notice} distinta de {query} en el mismo año",
            "تاريخ الميلاد {notice} يختلف عن {query} في السنة نفسها",
        ],
    ),
    (
        "why.dob.close",
        [
            "date of birth {notice} is close to {query}",
            "date de naissance {notice} proche de {query}",
            "fecha de nacimiento {notice} cercana a {query}",
            "تاريخ الميلاد {notice} قريب من {query}",
        ],
    ),
    (
        "why.dob.few_years",
        [
            "date of birth {notice} is a few years from {query}",
            "date de naissance {notice} à quelques années de {query}",
            "fecha de nacimiento {notice} a pocos años de {query}",
            "تاريخ الميلاد {notice} يبعد بضع سنوات عن {query}",
        ],
    ),
    (
        "why.dob.differs",
        [
            "date of birth {notice} differs from {query}",
            "date de naissance {notice} différente de {query}",
            "fecha de nacimiento {notice} distinta de {query}",
            "تاريخ الميلاد {notice} يختلف عن {query}",
        ],
    ),
    ("why.sex", ["sex {sex} differs", "sexe {sex} différent", "sexo {sex} distinto", "الجنس {sex} مختلف"]),
    (
        "why.nationality_agrees",
        ["nationality agrees", "nationalité concordante", "nacionalidad coincidente", "الجنسية متطابقة"],
    ),
    (
        "why.nationality_differs",
        ["nationality differs", "nationalité différente", "nacionalidad distinta", "الجنسية مختلفة"],
    ),
    (
        "why.document",
        [
            "document {number} is the same",
            "document {number} identique",
            "documento {number} idéntico",
            "الوثيقة {number} نفسها",
        ],
    ),
    ("how.same", ["same", "identique", "idéntico", "متطابق"]),
    (
        "how.romanisation variant",
        ["romanisation variant", "variante de romanisation", "variante de romanización", "كتابة لاتينية أخرى"],
    ),
    (
        "how.variant of the same name",
        ["variant of the same name", "variante du même nom", "variante del mismo nombre", "صيغة أخرى للاسم نفسه"],
    ),
    ("how.initial", ["initial", "initiale", "inicial", "الحرف الأول"]),
    ("how.transliteration", ["transliteration", "translittération", "transliteración", "نقل حرفي"]),
    (
        "how.close transliteration",
        ["close transliteration", "translittération proche", "transliteración cercana", "نقل حرفي قريب"],
    ),
    ("how.spelling variant", ["spelling variant", "variante orthographique", "variante ortográfica", "تهجئة أخرى"]),
    ("how.typing variant", ["typing variant", "faute de frappe", "error de tecleo", "خطأ في الكتابة"]),
    ("how.sounds alike", ["sounds alike", "prononciation proche", "suena parecido", "نطق متشابه"]),
    ("how.similar spelling", ["similar spelling", "orthographe proche", "ortografía parecida", "تهجئة متشابهة"]),
    ("form.title", ["New request", "Nouvelle demande", "Nueva solicitud", "طلب جديد"]),
    ("form.edit_title", ["Edit request", "Modifier la demande", "Modificar la solicitud", "تعديل الطلب"]),
    (
        "form.hint",
        [
            "One request per warrant: name every subject it covers, each becomes its own notice. Check shows the findings before anything is sent.",
            "Une demande par mandat : nommez chaque personne qu’il vise, chacune devient sa propre notice. « Vérifier » montre les constats avant tout envoi.",
            "Una solicitud por orden: nombre a cada persona que abarca; cada una se convierte en su propia notificación. «Verificar» muestra las conclusiones antes de enviar nada.",
            "طلب واحد لكل مذكرة: اذكر كل شخص تشمله، ويصبح كل منهم نشرة مستقلة. يعرض «افحص» النتائج قبل إرسال أي شيء.",
        ],
    ),
    (
        "form.questions",
        ["The reviewers' questions", "Questions des réviseurs", "Preguntas de los revisores", "أسئلة المراجعين"],
    ),
    (
        "form.answer_hint",
        [
            "Answer by completing the request below, then send it again.",
            "Répondez en complétant la demande ci-dessous, puis renvoyez-la.",
            "Responda completando la solicitud a continuación y vuelva a enviarla.",
            "أجب بإكمال الطلب أدناه ثم أرسله مجددًا.",
        ],
    ),
    (
        "form.findings",
        ["The check's findings", "Constats de la vérification", "Conclusiones de la verificación", "نتائج الفحص"],
    ),
    (
        "form.findings_hint",
        [
            "Nothing has been sent: this is what the reviewers will see.",
            "Rien n’a été envoyé : voici ce que verront les réviseurs.",
            "No se ha enviado nada: esto es lo que verán los revisores.",
            "لم يُرسل شيء بعد: هذا ما سيراه المراجعون.",
        ],
    ),
    ("form.check", ["Check", "Vérifier", "Verificar", "افحص"]),
    ("form.save", ["Save as draft", "Enregistrer le brouillon", "Guardar borrador", "احفظ كمسودة"]),
    ("form.submit", ["Submit for review", "Soumettre à l’examen", "Enviar a revisión", "أرسل للمراجعة"]),
    ("form.resubmit", ["Send the answer", "Envoyer la réponse", "Enviar la respuesta", "أرسل الرد"]),
    (
        "form.actions_hint",
        [
            "Check runs the rules and sends nothing. A request lacking minimum data is not submitted.",
            "« Vérifier » applique les règles sans rien envoyer. Une demande sans les données minimales n’est pas soumise.",
            "«Verificar» aplica las normas sin enviar nada. Una solicitud sin los datos mínimos no se envía.",
            "يطبق «افحص» القواعد دون إرسال شيء. لا يُرسل طلب تنقصه البيانات الأساسية.",
        ],
    ),
    ("form.notice", ["The notice", "La notice", "La notificación", "النشرة"]),
    ("form.reference", ["Your reference", "Votre référence", "Su referencia", "مرجعكم"]),
    ("form.language", ["Working language", "Langue de travail", "Idioma de trabajo", "لغة العمل"]),
    (
        "form.to",
        [
            "Recipients (diffusion only)",
            "Destinataires (diffusion seulement)",
            "Destinatarios (solo difusión)",
            "الجهات المرسل إليها (التعميم فقط)",
        ],
    ),
    (
        "form.barred",
        [
            "Countries barred from seeing it",
            "Pays exclus de la consultation",
            "Países excluidos de verla",
            "البلدان الممنوعة من الاطلاع عليها",
        ],
    ),
    (
        "form.codes_hint",
        [
            "Countries as two-letter codes, separated by commas.",
            "Pays en codes à deux lettres, séparés par des virgules.",
            "Países en códigos de dos letras, separados por comas.",
            "البلدان برموز من حرفين تفصل بينها فواصل.",
        ],
    ),
    ("form.subjects", ["Subjects", "Personnes visées", "Personas", "الأشخاص المعنيون"]),
    (
        "form.subjects_hint",
        [
            "Everyone the warrant names; blank subjects are left out.",
            "Toutes les personnes que vise le mandat ; les fiches vides sont ignorées.",
            "Todas las personas que nombra la orden; las fichas vacías se omiten.",
            "كل من تذكرهم المذكرة؛ تُهمل الخانات الفارغة.",
        ],
    ),
    ("form.subject", ["Subject", "Personne", "Persona", "الشخص"]),
    ("form.family_name", ["Family name", "Nom de famille", "Apellido", "اسم العائلة"]),
    ("form.forenames", ["Forenames", "Prénoms", "Nombres", "الأسماء الأولى"]),
    (
        "form.original_script_name",
        [
            "Name in its own script",
            "Nom dans son écriture d’origine",
            "Nombre en su escritura original",
            "الاسم بخطه الأصلي",
        ],
    ),
    ("form.sex", ["Sex", "Sexe", "Sexo", "الجنس"]),
    ("form.sex_m", ["male", "masculin", "masculino", "ذكر"]),
    ("form.sex_f", ["female", "féminin", "femenino", "أنثى"]),
    ("form.sex_u", ["unknown", "inconnu", "desconocido", "غير معروف"]),
    ("form.date_of_birth", ["Date of birth", "Date de naissance", "Fecha de nacimiento", "تاريخ الميلاد"]),
    ("form.place_of_birth", ["Place of birth", "Lieu de naissance", "Lugar de nacimiento", "مكان الميلاد"]),
    ("form.country_of_birth", ["Country of birth", "Pays de naissance", "País de nacimiento", "بلد الميلاد"]),
    ("form.nationalities", ["Nationalities", "Nationalités", "Nacionalidades", "الجنسيات"]),
    (
        "form.aliases",
        [
            "Other names, one per line",
            "Autres noms, un par ligne",
            "Otros nombres, uno por línea",
            "أسماء أخرى، واحد في كل سطر",
        ],
    ),
    ("form.document_kind", ["Identity document", "Pièce d’identité", "Documento de identidad", "وثيقة الهوية"]),
    ("form.document_number", ["Document number", "Numéro du document", "Número del documento", "رقم الوثيقة"]),
    ("form.document_country", ["Issued by", "Délivré par", "Expedido por", "الجهة المصدرة"]),
    ("form.height_cm", ["Height (cm)", "Taille (cm)", "Estatura (cm)", "الطول (سم)"]),
    ("form.weight_kg", ["Weight (kg)", "Poids (kg)", "Peso (kg)", "الوزن (كغ)"]),
    ("form.marks", ["Distinguishing marks", "Signes particuliers", "Señas particulares", "علامات مميزة"]),
    ("form.status", ["Positions held", "Fonctions exercées", "Cargos ejercidos", "المناصب التي يشغلها"]),
    ("form.add_subject", ["Add a subject", "Ajouter une personne", "Añadir una persona", "أضف شخصًا"]),
    ("form.offence_date", ["Date of the offence", "Date de l’infraction", "Fecha del delito", "تاريخ الجريمة"]),
    ("form.offence_place", ["Place", "Lieu", "Lugar", "المكان"]),
    ("form.offence_country", ["Country", "Pays", "País", "البلد"]),
    (
        "form.context",
        [
            "Context the requester declares",
            "Contexte déclaré par le requérant",
            "Contexto declarado por el solicitante",
            "السياق الذي يعلنه الطالب",
        ],
    ),
    ("form.charge", ["Charge", "Chef d’accusation", "Cargo", "التهمة"]),
    ("form.charge_title", ["Offence charged", "Infraction reprochée", "Delito imputado", "الجريمة المنسوبة"]),
    (
        "form.charge_law",
        ["Law that makes it an offence", "Loi qui la réprime", "Ley que lo tipifica", "القانون الذي يجرّمها"],
    ),
    ("form.penalty", ["Maximum penalty", "Peine maximale", "Pena máxima", "العقوبة القصوى"]),
    ("form.penalty_months", ["Months of imprisonment", "Mois d’emprisonnement", "Meses de prisión", "أشهر السجن"]),
    ("form.add_charge", ["Add a charge", "Ajouter un chef", "Añadir un cargo", "أضف تهمة"]),
    ("form.purpose", ["Sought for", "Recherché aux fins de", "Buscado para", "مطلوب بغرض"]),
    ("form.warrant_reference", ["Warrant reference", "Référence du mandat", "Referencia de la orden", "مرجع المذكرة"]),
    ("form.warrant_issued_on", ["Issued on", "Délivré le", "Expedida el", "تاريخ الإصدار"]),
    ("form.warrant_authority", ["Issuing authority", "Autorité émettrice", "Autoridad emisora", "السلطة المصدرة"]),
    (
        "form.imposed_months",
        ["Sentence imposed (months)", "Peine prononcée (mois)", "Pena impuesta (meses)", "العقوبة المحكوم بها (أشهر)"],
    ),
    (
        "form.remaining_months",
        ["Left to serve (months)", "Reste à purger (mois)", "Pendiente de cumplir (meses)", "المتبقي منها (أشهر)"],
    ),
    (
        "form.extradition",
        [
            "Extradition sought from (* for anywhere)",
            "Extradition demandée à (* pour tout pays)",
            "Extradición solicitada a (* para cualquier país)",
            "التسليم مطلوب من (* لأي بلد)",
        ],
    ),
    ("form.in_absentia", ["Tried in absentia", "Jugé par défaut", "Juzgado en rebeldía", "حوكم غيابيًا"]),
    (
        "form.subjects_fixed",
        [
            "A request keeps its subjects: withdraw it and make another to change them.",
            "Une demande garde ses personnes : retirez-la et faites-en une autre pour les changer.",
            "Una solicitud conserva sus personas: retírela y haga otra para cambiarlas.",
            "يحتفظ الطلب بأشخاصه: اسحبه وقدّم طلبًا آخر لتغييرهم.",
        ],
    ),
    (
        "form.incomplete",
        [
            "The request lacks minimum data (see the findings): nothing was sent.",
            "La demande n’a pas les données minimales (voir les constats) : rien n’a été envoyé.",
            "A la solicitud le faltan datos mínimos (vea las conclusiones): no se ha enviado nada.",
            "تنقص الطلب بيانات أساسية (انظر النتائج): لم يُرسل شيء.",
        ],
    ),
    ("form.saved", ["Saved as a draft.", "Enregistrée comme brouillon.", "Guardada como borrador.", "حُفظ كمسودة."]),
    ("form.sent", ["Sent for review.", "Envoyée à l’examen.", "Enviada a revisión.", "أُرسل للمراجعة."]),
    (
        "bureau.more",
        ["and {n} more; in all:", "et {n} de plus ; en tout :", "y {n} más; en total:", "و{n} آخرون؛ المجموع:"],
    ),
    (
        "request.public_extract",
        [
            "the requester agrees to a public extract",
            "le requérant accepte un extrait public",
            "el solicitante acepta un extracto público",
            "يوافق الطالب على نشر مقتطف علني",
        ],
    ),
    (
        "form.public_extract",
        [
            "Publish an extract on the public website once the notice is published",
            "Publier un extrait sur le site public une fois la notice publiée",
            "Publicar un extracto en el sitio público una vez publicada la notificación",
            "نشر مقتطف على الموقع العام بعد نشر النشرة",
        ],
    ),
    ("form.edit", ["Edit or answer", "Modifier ou répondre", "Modificar o responder", "عدّل أو أجب"]),
    ("document.passport", ["passport", "passeport", "pasaporte", "جواز سفر"]),
    (
        "document.national_id",
        ["national identity card", "carte nationale d’identité", "documento nacional de identidad", "بطاقة هوية وطنية"],
    ),
    ("document.driving_licence", ["driving licence", "permis de conduire", "permiso de conducir", "رخصة قيادة"]),
    ("document.residence_permit", ["residence permit", "titre de séjour", "permiso de residencia", "تصريح إقامة"]),
    ("document.travel_document", ["travel document", "document de voyage", "documento de viaje", "وثيقة سفر"]),
    ("document.other", ["other", "autre", "otro", "أخرى"]),
    ("penalty.imprisonment", ["imprisonment", "emprisonnement", "prisión", "السجن"]),
    ("penalty.life", ["life imprisonment", "réclusion à perpétuité", "cadena perpetua", "السجن المؤبد"]),
    ("penalty.death", ["death", "peine de mort", "pena de muerte", "الإعدام"]),
    ("penalty.fine", ["fine", "amende", "multa", "غرامة"]),
    ("purpose.prosecution", ["prosecution", "poursuites", "enjuiciamiento", "الملاحقة القضائية"]),
    ("purpose.sentence", ["serving a sentence", "exécution d’une peine", "cumplimiento de una condena", "تنفيذ عقوبة"]),
    ("context.armed_conflict", ["armed conflict", "conflit armé", "conflicto armado", "نزاع مسلح"]),
    ("context.military_operation", ["military operation", "opération militaire", "operación militar", "عملية عسكرية"]),
    (
        "context.coup_or_uprising",
        ["coup or uprising", "coup d’État ou soulèvement", "golpe de Estado o levantamiento", "انقلاب أو انتفاضة"],
    ),
    (
        "context.political_protest",
        ["political protest", "manifestation politique", "protesta política", "احتجاج سياسي"],
    ),
    ("context.election", ["election", "élection", "elección", "انتخابات"]),
    (
        "context.publication_or_speech",
        ["publication or speech", "publication ou discours", "publicación o discurso", "نشر أو خطاب"],
    ),
    ("context.religious_practice", ["religious practice", "pratique religieuse", "práctica religiosa", "ممارسة دينية"]),
    (
        "context.ethnic_or_racial",
        ["ethnic or racial conflict", "conflit ethnique ou racial", "conflicto étnico o racial", "نزاع إثني أو عرقي"],
    ),
    ("context.family_dispute", ["family dispute", "différend familial", "disputa familiar", "نزاع أسري"]),
    ("context.commercial_dispute", ["commercial dispute", "litige commercial", "controversia comercial", "نزاع تجاري"]),
    ("context.labour_dispute", ["labour dispute", "conflit du travail", "conflicto laboral", "نزاع عمالي"]),
    (
        "context.administrative_violation",
        [
            "breach of administrative rules",
            "violation de règles administratives",
            "infracción administrativa",
            "مخالفة إدارية",
        ],
    ),
    ("status.head_of_state", ["head of state", "chef d’État", "jefe de Estado", "رئيس دولة"]),
    ("status.head_of_government", ["head of government", "chef de gouvernement", "jefe de Gobierno", "رئيس حكومة"]),
    (
        "status.foreign_minister",
        ["foreign minister", "ministre des affaires étrangères", "ministro de Asuntos Exteriores", "وزير خارجية"],
    ),
    ("status.minister", ["minister", "ministre", "ministro", "وزير"]),
    ("status.member_of_parliament", ["member of parliament", "parlementaire", "parlamentario", "عضو في البرلمان"]),
    ("status.senior_official", ["senior official", "haut fonctionnaire", "alto funcionario", "مسؤول رفيع"]),
    ("status.diplomat", ["diplomat", "diplomate", "diplomático", "دبلوماسي"]),
    ("status.military_officer", ["military officer", "officier", "oficial militar", "ضابط عسكري"]),
    (
        "status.armed_forces_member",
        [
            "member of the armed forces",
            "membre des forces armées",
            "miembro de las fuerzas armadas",
            "فرد في القوات المسلحة",
        ],
    ),
    (
        "status.international_official",
        ["international official", "fonctionnaire international", "funcionario internacional", "موظف دولي"],
    ),
    ("status.politician", ["politician", "responsable politique", "político", "سياسي"]),
    (
        "status.opposition_figure",
        ["opposition figure", "figure de l’opposition", "figura de la oposición", "شخصية معارضة"],
    ),
    (
        "status.government_critic",
        ["government critic", "critique du gouvernement", "crítico del gobierno", "منتقد للحكومة"],
    ),
    ("status.journalist", ["journalist", "journaliste", "periodista", "صحفي"]),
    (
        "status.human_rights_defender",
        [
            "human rights defender",
            "défenseur des droits humains",
            "defensor de los derechos humanos",
            "مدافع عن حقوق الإنسان",
        ],
    ),
    ("status.religious_leader", ["religious leader", "chef religieux", "líder religioso", "زعيم ديني"]),
    (
        "status.minority_activist",
        ["minority activist", "militant d’une minorité", "activista de una minoría", "ناشط من أقلية"],
    ),
    ("status.business_person", ["business person", "personne d’affaires", "persona de negocios", "رجل أعمال"]),
    (
        "status.former_head_of_state",
        ["former head of state", "ancien chef d’État", "exjefe de Estado", "رئيس دولة سابق"],
    ),
    (
        "status.former_head_of_government",
        ["former head of government", "ancien chef de gouvernement", "exjefe de Gobierno", "رئيس حكومة سابق"],
    ),
    ("status.former_minister", ["former minister", "ancien ministre", "exministro", "وزير سابق"]),
    ("nav.public", ["Public notices", "Notices publiques", "Notificaciones públicas", "النشرات العامة"]),
    ("public.title", ["Public notices", "Notices publiques", "Notificaciones públicas", "النشرات العامة"]),
    (
        "public.hint",
        [
            "Extracts of notices whose requesting country agreed to publish them. If you have information about a person here, contact your local police.",
            "Extraits des notices que le pays requérant a accepté de publier. Si vous avez des informations sur une personne, contactez la police de votre pays.",
            "Extractos de las notificaciones que el país solicitante aceptó publicar. Si tiene información sobre una persona, póngase en contacto con la policía de su país.",
            "مقتطفات من النشرات التي وافق البلد الطالب على نشرها. إذا كانت لديك معلومات عن أحد هؤلاء الأشخاص فاتصل بالشرطة في بلدك.",
        ],
    ),
    ("public.kinds", ["Kinds of notice", "Types de notice", "Tipos de notificación", "أنواع النشرات"]),
    (
        "public.kind_red",
        ["Red: wanted persons", "Rouges : personnes recherchées", "Rojas: personas buscadas", "الحمراء: أشخاص مطلوبون"],
    ),
    (
        "public.kind_yellow",
        [
            "Yellow: missing persons",
            "Jaunes : personnes disparues",
            "Amarillas: personas desaparecidas",
            "الصفراء: أشخاص مفقودون",
        ],
    ),
    ("public.kind_un", ["UN special", "Spéciales ONU", "Especiales ONU", "الخاصة بالأمم المتحدة"]),
    ("public.name", ["Family name", "Nom de famille", "Apellido", "اسم العائلة"]),
    ("public.forename", ["Forename", "Prénom", "Nombre", "الاسم الأول"]),
    (
        "public.nationality",
        ["Nationality (two letters)", "Nationalité (deux lettres)", "Nacionalidad (dos letras)", "الجنسية (حرفان)"],
    ),
    ("public.sexId", ["Sex (F, M, U)", "Sexe (F, M, U)", "Sexo (F, M, U)", "الجنس (F، M، U)"]),
    ("public.ageMin", ["Age from", "Âge à partir de", "Edad desde", "العمر من"]),
    ("public.ageMax", ["Age up to", "Âge jusqu’à", "Edad hasta", "العمر حتى"]),
    ("public.freeText", ["Any words", "N’importe quels mots", "Cualquier palabra", "أي كلمات"]),
    (
        "public.picture",
        [
            "Picture of the person sought",
            "Photo de la personne recherchée",
            "Foto de la persona buscada",
            "صورة الشخص المطلوب",
        ],
    ),
    ("public.search", ["Search", "Rechercher", "Buscar", "ابحث"]),
    (
        "public.found",
        ["Notices found:", "Notices trouvées :", "Notificaciones encontradas:", "النشرات التي عُثر عليها:"],
    ),
    ("public.pages", ["Pages", "Pages", "Páginas", "الصفحات"]),
    ("public.previous", ["Previous", "Précédente", "Anterior", "السابقة"]),
    ("public.next", ["Next", "Suivante", "Siguiente", "التالية"]),
    (
        "public.back",
        [
            "All public notices",
            "Toutes les notices publiques",
            "Todas las notificaciones públicas",
            "كل النشرات العامة",
        ],
    ),
    ("public.sex", ["Sex", "Sexe", "Sexo", "الجنس"]),
    ("public.born", ["Date of birth", "Date de naissance", "Fecha de nacimiento", "تاريخ الميلاد"]),
    ("public.place_of_birth", ["Place of birth", "Lieu de naissance", "Lugar de nacimiento", "مكان الميلاد"]),
    ("public.nationalities", ["Nationalities", "Nationalités", "Nacionalidades", "الجنسيات"]),
    ("public.height", ["Height", "Taille", "Estatura", "الطول"]),
    ("public.weight", ["Weight", "Poids", "Peso", "الوزن"]),
    ("public.marks", ["Distinguishing marks", "Signes particuliers", "Señas particulares", "علامات مميزة"]),
    ("public.aliases", ["Other names", "Autres noms", "Otros nombres", "أسماء أخرى"]),
    ("public.disappeared_on", ["Missing since", "Disparue depuis le", "Desaparecida desde el", "مفقود منذ"]),
    (
        "public.disappeared_at",
        ["Last seen in", "Vue pour la dernière fois à", "Vista por última vez en", "شوهد آخر مرة في"],
    ),
    ("public.wanted_by", ["Wanted by", "Recherchée par", "Buscada por", "مطلوب من"]),
    ("public.source", ["Source", "Source", "Fuente", "المصدر"]),
    (
        "public.contact",
        [
            "Do not act yourself: a notice is a request to the police. If you know where this person is, contact your local police.",
            "N’agissez pas vous-même : une notice est une demande adressée à la police. Si vous savez où se trouve cette personne, contactez la police.",
            "No actúe por su cuenta: una notificación es una petición a la policía. Si sabe dónde está esta persona, póngase en contacto con la policía.",
            "لا تتصرف بنفسك: النشرة طلب موجه إلى الشرطة. إذا كنت تعرف مكان هذا الشخص فاتصل بالشرطة.",
        ],
    ),
    ("error.title", ["Something is wrong", "Un problème est survenu", "Algo no va bien", "حدث خطأ"]),
    ("error.not_found", ["Nothing here.", "Rien ici.", "No hay nada aquí.", "لا يوجد شيء هنا."]),
    (
        "error.forbidden",
        [
            "Your role may not see this page.",
            "Votre rôle ne permet pas de voir cette page.",
            "Su rol no puede ver esta página.",
            "لا يسمح دورك برؤية هذه الصفحة.",
        ],
    ),
    ("error.back", ["Back", "Retour", "Volver", "رجوع"]),
    (
        "knowledge.title",
        [
            "What the secretariat knows",
            "Ce que sait le Secrétariat général",
            "Lo que sabe la Secretaría General",
            "ما تعرفه الأمانة العامة",
        ],
    ),
    (
        "knowledge.none",
        [
            "Nothing recorded yet: the requester's own declarations are in its request.",
            "Rien d’enregistré : les déclarations du requérant figurent dans sa demande.",
            "Nada registrado: las declaraciones del solicitante están en su solicitud.",
            "لم يُسجَّل شيء بعد: إعلانات الطالب واردة في طلبه.",
        ],
    ),
    ("knowledge.by", ["recorded by", "enregistré par", "registrado por", "سجّله"]),
    (
        "knowledge.record",
        ["Record what is known", "Enregistrer ce qui est connu", "Registrar lo que se sabe", "تسجيل ما هو معروف"],
    ),
    ("knowledge.kind", ["What", "Quoi", "Qué", "ماذا"]),
    (
        "knowledge.kind.objection",
        [
            "An objection of a member country",
            "L’opposition d’un pays membre",
            "La oposición de un país miembro",
            "اعتراض بلد عضو",
        ],
    ),
    ("knowledge.kind.refugee_status", ["Refugee status", "Statut de réfugié", "Estatuto de refugiado", "صفة اللاجئ"]),
    ("knowledge.kind.status", ["A position held", "Une fonction exercée", "Un cargo ocupado", "منصب يشغله"]),
    ("knowledge.kind.fact", ["A fact", "Un fait", "Un hecho", "واقعة"]),
    ("knowledge.subject", ["About", "Au sujet de", "Sobre", "بشأن"]),
    ("knowledge.all_subjects", ["every subject", "toutes les personnes", "todas las personas", "جميع الأشخاص"]),
    (
        "knowledge.status",
        [
            "Position (for a position held)",
            "Fonction (pour une fonction exercée)",
            "Cargo (para un cargo ocupado)",
            "المنصب (لمنصب يشغله)",
        ],
    ),
    (
        "knowledge.granted_by",
        [
            "Granted by (country code, for refugee status)",
            "Accordé par (code du pays, pour le statut de réfugié)",
            "Concedido por (código del país, para el estatuto de refugiado)",
            "مَنَحَها (رمز البلد، لصفة اللاجئ)",
        ],
    ),
    ("knowledge.year", ["Year granted", "Année d’octroi", "Año de concesión", "سنة المنح"]),
    (
        "knowledge.text",
        [
            "The objection or the fact, in its words",
            "L’opposition ou le fait, dans ses termes",
            "La oposición o el hecho, en sus términos",
            "الاعتراض أو الواقعة بنصّها",
        ],
    ),
    (
        "knowledge.country",
        [
            "Objecting member country (code)",
            "Pays membre qui s’oppose (code)",
            "País miembro que se opone (código)",
            "البلد العضو المعترض (الرمز)",
        ],
    ),
    ("knowledge.source", ["Source", "Source", "Fuente", "المصدر"]),
    (
        "knowledge.known_on",
        [
            "Date of the source (YYYY-MM-DD)",
            "Date de la source (AAAA-MM-JJ)",
            "Fecha de la fuente (AAAA-MM-DD)",
            "تاريخ المصدر (YYYY-MM-DD)",
        ],
    ),
    (
        "knowledge.submit",
        [
            "Record, and check the request again",
            "Enregistrer et vérifier à nouveau la demande",
            "Registrar y volver a comprobar la solicitud",
            "تسجيل وإعادة فحص الطلب",
        ],
    ),
    (
        "knowledge.done",
        [
            "Recorded; every notice of the request was checked again.",
            "Enregistré ; chaque notice de la demande a été vérifiée à nouveau.",
            "Registrado; cada notificación de la solicitud se ha vuelto a comprobar.",
            "سُجّل؛ وأُعيد فحص كل نشرة من نشرات الطلب.",
        ],
    ),
    (
        "recheck.waiting",
        [
            "Checked again after new knowledge; waits for a reviewer:",
            "Vérifiée à nouveau après une information nouvelle ; attend un examinateur :",
            "Comprobada de nuevo tras una información nueva; espera a un revisor:",
            "أعيد فحصها بعد معلومات جديدة؛ في انتظار مراجع:",
        ],
    ),
    (
        "objection.title",
        ["Object to this notice", "S’opposer à cette notice", "Oponerse a esta notificación", "الاعتراض على هذه النشرة"],
    ),
    (
        "objection.summary",
        ["Why your country objects", "Pourquoi votre pays s’y oppose", "Por qué su país se opone", "سبب اعتراض بلدك"],
    ),
    ("objection.submit", ["Lodge the objection", "Déposer l’opposition", "Presentar la oposición", "تقديم الاعتراض"]),
    (
        "objection.done",
        [
            "Your objection was lodged; the secretariat weighs it.",
            "Votre opposition a été déposée ; le Secrétariat général l’examine.",
            "Su oposición se ha presentado; la Secretaría General la examina.",
            "قُدّم اعتراضك؛ وتنظر فيه الأمانة العامة.",
        ],
    ),
    ("hit.kind", ["{kind} notice", "notice {kind}", "notificación {kind}", "نشرة {kind}"]),
    (
        "hit.purpose.prosecution",
        [
            "wanted for prosecution",
            "recherché pour être poursuivi",
            "buscado para ser procesado",
            "مطلوب للملاحقة القضائية",
        ],
    ),
    (
        "hit.purpose.sentence",
        [
            "wanted to serve a sentence",
            "recherché pour purger une peine",
            "buscado para cumplir una condena",
            "مطلوب لتنفيذ حكم",
        ],
    ),
    (
        "action.arrest",
        [
            "Wanted: arrest provisionally where national law allows, with a view to extradition or surrender, and tell the requesting bureau at once. A notice is not an arrest warrant.",
            "Personne recherchée : arrestation provisoire si la loi nationale le permet, en vue d’extradition ou de remise, et informer sans délai le bureau requérant. Une notice n’est pas un mandat d’arrêt.",
            "Persona buscada: detención preventiva si la ley nacional lo permite, con vistas a la extradición o la entrega, e informar de inmediato a la oficina solicitante. Una notificación no es una orden de detención.",
            "شخص مطلوب: يُوقَف مؤقتاً حيث يسمح القانون الوطني، بهدف التسليم، ويُبلَّغ المكتب الطالب فوراً. النشرة ليست مذكرة توقيف.",
        ],
    ),
    (
        "action.protect",
        [
            "Missing person: make sure they are safe, do not detain them, and tell the requesting bureau at once where they were found.",
            "Personne disparue : s’assurer de sa sécurité, ne pas la retenir, et indiquer sans délai au bureau requérant où elle a été trouvée.",
            "Persona desaparecida: asegurarse de que está a salvo, no retenerla e informar de inmediato a la oficina solicitante del lugar donde se encontró.",
            "شخص مفقود: تأكّد من سلامته، ولا تحتجزه، وأبلغ المكتب الطالب فوراً بمكان العثور عليه.",
        ],
    ),
    (
        "action.inform",
        [
            "Information sought: do not detain on this notice; note who they are, where they go and with whom, and tell the requesting bureau.",
            "Renseignements demandés : ne pas retenir sur la base de cette notice ; noter qui est la personne, où elle va et avec qui, et en informer le bureau requérant.",
            "Se solicita información: no retener en virtud de esta notificación; anotar quién es, adónde va y con quién, e informar a la oficina solicitante.",
            "مطلوب معلومات: لا تحتجزه بناءً على هذه النشرة؛ دوّن هويته ووجهته ومرافقيه، وأبلغ المكتب الطالب.",
        ],
    ),
    (
        "action.warn",
        [
            "Warning: do not detain on this notice; take the precautions it calls for and tell the requesting bureau.",
            "Avertissement : ne pas retenir sur la base de cette notice ; prendre les précautions qu’elle demande et informer le bureau requérant.",
            "Advertencia: no retener en virtud de esta notificación; tomar las precauciones que indica e informar a la oficina solicitante.",
            "تحذير: لا تحتجزه بناءً على هذه النشرة؛ اتخذ الاحتياطات التي تطلبها وأبلغ المكتب الطالب.",
        ],
    ),
    (
        "action.alert",
        [
            "Serious and imminent threat: alert your supervisor now, follow national procedure, and tell the requesting bureau.",
            "Menace grave et imminente : alerter immédiatement votre responsable, suivre la procédure nationale et informer le bureau requérant.",
            "Amenaza grave e inminente: alertar ahora a su superior, seguir el procedimiento nacional e informar a la oficina solicitante.",
            "تهديد خطير وشيك: نبّه رئيسك فوراً، واتبع الإجراءات الوطنية، وأبلغ المكتب الطالب.",
        ],
    ),
    (
        "action.trace_assets",
        [
            "Assets sought: non-coercive measures only; note what links the person to assets and tell the requesting bureau.",
            "Avoirs recherchés : mesures non coercitives uniquement ; noter ce qui relie la personne à des avoirs et informer le bureau requérant.",
            "Se buscan bienes: solo medidas no coercitivas; anotar lo que vincula a la persona con bienes e informar a la oficina solicitante.",
            "أصول مطلوب تتبّعها: تدابير غير قسرية فقط؛ دوّن ما يربط الشخص بأصول وأبلغ المكتب الطالب.",
        ],
    ),
    (
        "action.sanctions",
        [
            "UN Security Council sanctions: apply the travel ban and asset freeze as national law provides, and tell your national bureau.",
            "Sanctions du Conseil de sécurité de l’ONU : appliquer l’interdiction de voyager et le gel des avoirs selon la loi nationale, et informer votre bureau national.",
            "Sanciones del Consejo de Seguridad de la ONU: aplicar la prohibición de viajar y la congelación de activos según la ley nacional, e informar a su oficina nacional.",
            "عقوبات مجلس الأمن التابع للأمم المتحدة: طبّق حظر السفر وتجميد الأصول وفق القانون الوطني، وأبلغ مكتبك الوطني.",
        ],
    ),
    ("hit.on_notice", ["On the notice", "Sur la notice", "En la notificación", "في النشرة"]),
    ("hit.action_title", ["What to do:", "Que faire :", "Qué hacer:", "ما العمل:"]),
    ("hit.requested_by", ["Requested by", "Demandée par", "Solicitada por", "طلبها"]),
    (
        "hit.unreadable",
        [
            "The notice's details could not be read: call your national bureau before acting on this hit.",
            "Les détails de la notice n’ont pu être lus : appelez votre bureau national avant de donner suite.",
            "No se pudieron leer los datos de la notificación: llame a su oficina nacional antes de actuar.",
            "تعذّرت قراءة تفاصيل النشرة: اتصل بمكتبك الوطني قبل أي إجراء.",
        ],
    ),
    (
        "hit.cleared",
        [
            "Cleared, not this person:",
            "Écarté, ce n’est pas la personne :",
            "Descartado, no es la persona:",
            "مستبعَد، ليس هو الشخص:",
        ],
    ),
    ("hit.cleared_until", ["In effect until", "Valable jusqu’au", "Vigente hasta", "سارٍ حتى"]),
    (
        "hit.show_cleared",
        [
            "Show the cleared hit",
            "Afficher la correspondance écartée",
            "Mostrar la coincidencia descartada",
            "عرض التطابق المستبعَد",
        ],
    ),
    ("hit.picture_of", ["Picture of", "Photo de", "Foto de", "صورة"]),
    ("hit.no_picture", ["No picture", "Pas de photo", "Sin foto", "لا صورة"]),
    (
        "hit.original_script",
        ["Name in its own script", "Nom dans son écriture", "Nombre en su escritura", "الاسم بخطه الأصلي"],
    ),
    ("hit.aliases", ["Also known as", "Également connu sous", "También conocido como", "يُعرف أيضاً باسم"]),
    ("hit.sex", ["Sex", "Sexe", "Sexo", "الجنس"]),
    ("hit.charges", ["Charges", "Chefs d’accusation", "Cargos", "التهم"]),
    ("hit.offence", ["Offence", "Infraction", "Delito", "الجريمة"]),
    ("hit.in_force_until", ["In force until", "En vigueur jusqu’au", "Vigente hasta", "سارية حتى"]),
    (
        "hit.evidence_for",
        [
            "For: it may be the person",
            "Pour : ce peut être la personne",
            "A favor: puede ser la persona",
            "ما يؤيد: قد يكون هو الشخص",
        ],
    ),
    ("hit.evidence_against", ["Against", "Contre", "En contra", "ما يعارض"]),
    ("hit.nothing_against", ["Nothing against.", "Rien contre.", "Nada en contra.", "لا شيء يعارض."]),
    ("confirm.traveller", ["Traveller", "Voyageur", "Viajero", "المسافر"]),
    ("confirm.notice", ["Notice", "Notice", "Notificación", "النشرة"]),
    (
        "confirm.compared",
        [
            "I have compared the traveller with the photo and the details of the notice, and they are the same person.",
            "J’ai comparé le voyageur avec la photo et les détails de la notice : c’est la même personne.",
            "He comparado al viajero con la foto y los datos de la notificación: es la misma persona.",
            "قارنتُ المسافر بالصورة وبتفاصيل النشرة، وهما الشخص نفسه.",
        ],
    ),
    (
        "confirm.submit",
        [
            "Record: this is the person",
            "Enregistrer : c’est la personne",
            "Registrar: es la persona",
            "تسجيل: هذا هو الشخص",
        ],
    ),
    (
        "confirm.compare_first",
        [
            "compare the traveller with the notice and tick the box before confirming",
            "comparez le voyageur avec la notice et cochez la case avant de confirmer",
            "compare al viajero con la notificación y marque la casilla antes de confirmar",
            "قارن المسافر بالنشرة وضع علامة في المربع قبل التأكيد",
        ],
    ),
    ("clear.title", ["Not this person", "Ce n’est pas la personne", "No es la persona", "ليس هو الشخص"]),
    (
        "clear.hint",
        [
            "Records for 180 days, or until the notice changes, that the traveller with this document and date of birth is not its subject:",
            "Enregistre pour 180 jours, ou jusqu’à ce que la notice change, que le voyageur ayant ce document et cette date de naissance n’en est pas la personne visée :",
            "Registra durante 180 días, o hasta que cambie la notificación, que el viajero con este documento y fecha de nacimiento no es su sujeto:",
            "يسجّل لمدة 180 يوماً، أو حتى تتغير النشرة، أن المسافر صاحب هذه الوثيقة وتاريخ الميلاد هذا ليس الشخص المعني بها:",
        ],
    ),
    (
        "clear.reason",
        [
            "Why not (what you compared)",
            "Pourquoi (ce que vous avez comparé)",
            "Por qué no (qué comparó)",
            "لماذا لا (ما الذي قارنته)",
        ],
    ),
    (
        "clear.submit",
        [
            "Record: not this person",
            "Enregistrer : ce n’est pas la personne",
            "Registrar: no es la persona",
            "تسجيل: ليس هو الشخص",
        ],
    ),
    (
        "clear.needs",
        [
            "Clearing a traveller needs their document number and date of birth: screen again with both.",
            "Écarter un voyageur demande son numéro de document et sa date de naissance : contrôlez à nouveau avec les deux.",
            "Descartar a un viajero requiere su número de documento y su fecha de nacimiento: controle de nuevo con ambos.",
            "يتطلب استبعاد مسافر رقم وثيقته وتاريخ ميلاده: تحقق مجدداً بكليهما.",
        ],
    ),
    (
        "clear.done",
        [
            "Recorded: the traveller is not the subject of notice",
            "Enregistré : le voyageur n’est pas la personne visée par la notice",
            "Registrado: el viajero no es el sujeto de la notificación",
            "سُجّل: المسافر ليس الشخص المعني بالنشرة",
        ],
    ),
    (
        "clear.changed",
        [
            "The notice changed since the traveller was screened: screen again before clearing.",
            "La notice a changé depuis le contrôle : contrôlez à nouveau avant d’écarter.",
            "La notificación cambió desde el control: controle de nuevo antes de descartar.",
            "تغيّرت النشرة منذ التحقق: تحقق مجدداً قبل الاستبعاد.",
        ],
    ),
    ("nav.clearances", ["Cleared travellers", "Voyageurs écartés", "Viajeros descartados", "المسافرون المستبعَدون"]),
    ("clearances.title", ["Cleared travellers", "Voyageurs écartés", "Viajeros descartados", "المسافرون المستبعَدون"]),
    (
        "clearances.hint",
        [
            "Travellers that border officers recorded as not the subject of a notice. A clearance lasts 180 days and lapses when the notice changes; revoke one to have the hit raised again.",
            "Voyageurs que des agents aux frontières ont déclarés ne pas être la personne visée par une notice. Un tel constat vaut 180 jours et tombe si la notice change ; révoquez-le pour que la correspondance soit de nouveau signalée.",
            "Viajeros que los agentes de frontera registraron como no sujetos de una notificación. El descarte dura 180 días y caduca si la notificación cambia; revóquelo para que la coincidencia vuelva a señalarse.",
            "مسافرون سجّل موظفو الحدود أنهم ليسوا الأشخاص المعنيين بنشرة. يسري الاستبعاد 180 يوماً ويسقط إذا تغيّرت النشرة؛ ألغِه ليُرفع التطابق من جديد.",
        ],
    ),
    (
        "clearances.none",
        [
            "No traveller has been cleared.",
            "Aucun voyageur n’a été écarté.",
            "No se ha descartado a ningún viajero.",
            "لم يُستبعَد أي مسافر.",
        ],
    ),
    ("clearances.by", ["Cleared by", "Écarté par", "Descartado por", "استبعده"]),
    ("clearances.status", ["Status", "État", "Estado", "الحالة"]),
    ("clearances.in_effect", ["In effect", "En vigueur", "Vigente", "ساري"]),
    ("clearances.expired", ["Expired", "Expiré", "Caducado", "منتهٍ"]),
    ("clearances.revoked", ["Revoked", "Révoqué", "Revocado", "ملغى"]),
    ("clearances.revoke_reason", ["Why revoke it", "Motif de la révocation", "Motivo de la revocación", "سبب الإلغاء"]),
    (
        "clearances.revoke",
        [
            "Revoke: raise the hit again",
            "Révoquer : signaler de nouveau",
            "Revocar: volver a señalar",
            "إلغاء: رفع التطابق مجدداً",
        ],
    ),
    (
        "clearances.lapsed",
        [
            "Lapsed: the notice changed",
            "Caduc : la notice a changé",
            "Caducado: la notificación cambió",
            "ساقط: تغيّرت النشرة",
        ],
    ),
    ("clearances.revoked_by", ["Revoked by", "Révoqué par", "Revocado por", "ألغاه"]),
    (
        "clear.same_document",
        [
            "The traveller carries the notice's own document: the same document is decisive, and this hit cannot be cleared here. Call the requesting bureau.",
            "Le voyageur porte le document de la notice : le même document est décisif, et cette correspondance ne peut être écartée ici. Appelez le bureau requérant.",
            "El viajero lleva el documento de la notificación: el mismo documento es decisivo y esta coincidencia no puede descartarse aquí. Llame a la oficina solicitante.",
            "يحمل المسافر وثيقة النشرة نفسها: الوثيقة نفسها حاسمة، ولا يمكن استبعاد هذا التطابق هنا. اتصل بالمكتب الطالب.",
        ],
    ),
    ("clearances.older", ["Older clearances", "Plus anciens", "Más antiguos", "أقدم"]),
    (
        "queue.awaiting_second",
        [
            "Vote to publish waiting for a second reviewer:",
            "Vote de publication en attente d’un second examinateur :",
            "Voto de publicación a la espera de un segundo revisor:",
            "تصويت بالنشر بانتظار مراجع ثانٍ:",
        ],
    ),
    (
        "decision.voted_publish",
        ["Voted to publish by", "Vote de publication par", "Voto de publicación de", "صوّت بالنشر"],
    ),
    ("decision.by", ["by", "par", "por", "من"]),
    (
        "decision.which",
        [
            "Decide for these subjects",
            "Décider pour ces personnes",
            "Decidir para estas personas",
            "القرار بشأن هؤلاء الأشخاص",
        ],
    ),
    (
        "decision.you_voted",
        [
            "You voted to publish against the check's refusal: a second, different reviewer must concur.",
            "Vous avez voté la publication malgré le refus de la vérification : un second examinateur, différent, doit l’approuver.",
            "Votó publicar pese al rechazo de la verificación: debe confirmarlo un segundo revisor distinto.",
            "صوّتَّ بالنشر رغم نتيجة الرفض: يجب أن يوافق مراجع ثانٍ مختلف.",
        ],
    ),
    (
        "decision.awaiting_second",
        [
            "Your vote to publish is recorded. The check said refuse: the notice is published only when a second, different reviewer concurs.",
            "Votre vote de publication est enregistré. La vérification concluait au refus : la notice n’est publiée que si un second examinateur, différent, l’approuve.",
            "Su voto de publicación está registrado. La verificación indicaba rechazo: la notificación solo se publica si un segundo revisor distinto lo confirma.",
            "سُجّل تصويتك بالنشر. كانت نتيجة الفحص الرفض: لا تُنشر النشرة إلا إذا وافق مراجع ثانٍ مختلف.",
        ],
    ),
    ("request.findings_of", ["Findings on", "Constats concernant", "Constataciones sobre", "ملاحظات الفحص بشأن"]),
    (
        "facts.title",
        ["What the decision rests on", "Éléments de la décision", "Elementos de la decisión", "ما يستند إليه القرار"],
    ),
    (
        "facts.none",
        [
            "The request states nothing more.",
            "La demande n’indique rien de plus.",
            "La solicitud no indica nada más.",
            "لا يذكر الطلب شيئاً آخر.",
        ],
    ),
    ("facts.max_penalty", ["Maximum penalty", "Peine maximale", "Pena máxima", "العقوبة القصوى"]),
    ("facts.not_given", ["not given", "non indiquée", "no indicada", "غير مذكورة"]),
    (
        "facts.imprisonment",
        [
            "{months} months' imprisonment",
            "{months} mois d’emprisonnement",
            "{months} meses de prisión",
            "السجن {months} شهراً",
        ],
    ),
    ("facts.purpose", ["Purpose", "Objet", "Finalidad", "الغرض"]),
    ("facts.sentence", ["Sentence", "Peine", "Condena", "الحكم"]),
    (
        "facts.sentence_months",
        [
            "{imposed} months imposed, {remaining} left to serve",
            "{imposed} mois prononcés, {remaining} restant à purger",
            "{imposed} meses impuestos, {remaining} por cumplir",
            "{imposed} شهراً محكوماً بها، ويبقى {remaining} للتنفيذ",
        ],
    ),
    ("facts.in_absentia", ["Judged in absentia", "Jugé par défaut", "Juzgado en rebeldía", "حُكم غيابياً"]),
    ("facts.yes", ["yes", "oui", "sí", "نعم"]),
    (
        "facts.extradition",
        ["Extradition sought from", "Extradition demandée à", "Extradición solicitada a", "التسليم مطلوب من"],
    ),
    ("facts.not_sought", ["not sought", "non demandée", "no solicitada", "غير مطلوب"]),
    ("facts.every_country", ["every country", "tous les pays", "todos los países", "جميع البلدان"]),
    ("facts.statuses", ["Positions declared", "Fonctions déclarées", "Cargos declarados", "المناصب المصرّح بها"]),
    ("facts.refugee", ["Refugee status", "Statut de réfugié", "Estatuto de refugiado", "صفة اللاجئ"]),
    (
        "facts.refugee_granted",
        [
            "granted by {country} in {year}",
            "accordé par {country} en {year}",
            "concedido por {country} en {year}",
            "منحها {country} عام {year}",
        ],
    ),
    ("facts.objection", ["Objection declared", "Opposition déclarée", "Oposición declarada", "اعتراض مصرّح به"]),
    ("facts.recipients", ["Sent to", "Envoyée à", "Enviada a", "مرسلة إلى"]),
    ("facts.barred", ["Barred from", "Interdite à", "Vedada a", "محجوبة عن"]),
    (
        "facts.likely_to_visit",
        ["Likely to visit", "Pays susceptibles d’être visités", "Países que podría visitar", "بلدان قد يزورها"],
    ),
    ("facts.language", ["Language of the request", "Langue de la demande", "Idioma de la solicitud", "لغة الطلب"]),
    ("facts.documents", ["Documents", "Documents", "Documentos", "الوثائق"]),
    ("told.title", ["What you were told", "Ce qui vous a été notifié", "Lo que se le notificó", "ما أُبلغتم به"]),
    ("told.none", ["Nothing yet.", "Rien pour l’instant.", "Nada por ahora.", "لا شيء بعد."]),
    ("told.located", ["Subject located", "Personne localisée", "Persona localizada", "عُثر على الشخص"]),
    (
        "told.rechecked",
        [
            "Checked again, waits for a reviewer",
            "Vérifiée à nouveau, attend un examinateur",
            "Comprobada de nuevo, espera a un revisor",
            "أعيد فحصها، بانتظار مراجع",
        ],
    ),
    ("told.published", ["Published", "Publiée", "Publicada", "نُشرت"]),
    ("told.refused", ["Refused", "Refusée", "Rechazada", "رُفضت"]),
    (
        "told.information_requested",
        ["A question for you", "Une question pour vous", "Una pregunta para usted", "سؤال موجّه إليكم"],
    ),
    ("told.suspended", ["Suspended", "Suspendue", "Suspendida", "عُلّقت"]),
    ("told.reinstated", ["Reinstated", "Rétablie", "Restablecida", "أعيدت"]),
    ("told.cancelled", ["Cancelled", "Annulée", "Cancelada", "أُلغيت"]),
    ("told.renewed", ["Renewed", "Renouvelée", "Renovada", "جُدّدت"]),
    ("told.expired", ["Expired", "Expirée", "Caducada", "انتهت صلاحيتها"]),
    (
        "told.expiring",
        [
            "Expires within six months",
            "Expire dans moins de six mois",
            "Caduca en menos de seis meses",
            "تنتهي خلال ستة أشهر",
        ],
    ),
    (
        "told.diffusion",
        [
            "A diffusion sent to you",
            "Une diffusion qui vous est adressée",
            "Una difusión dirigida a usted",
            "تعميم موجّه إليكم",
        ],
    ),
    ("facts.offence_country", ["Country of the offence", "Pays de l’infraction", "País del delito", "بلد الجريمة"]),
    ("facts.context", ["Context declared", "Contexte déclaré", "Contexto declarado", "السياق المصرّح به"]),
    ("move.title", ["What you can do", "Ce que vous pouvez faire", "Lo que puede hacer", "ما يمكنكم فعله"]),
    ("move.suspend", ["Suspend", "Suspendre", "Suspender", "علّق"]),
    ("move.reinstate", ["Reinstate", "Rétablir", "Restablecer", "أعد العمل بها"]),
    ("move.renew", ["Renew for five years", "Renouveler pour cinq ans", "Renovar por cinco años", "جدّد لخمس سنوات"]),
    ("move.cancel", ["Cancel", "Annuler", "Cancelar", "ألغِ"]),
    ("move.which", ["Change", "Changement", "Cambio", "التغيير"]),
    ("move.submit", ["Apply", "Appliquer", "Aplicar", "نفّذ"]),
    (
        "move.picture",
        [
            "Picture (JPEG, PNG or SVG)",
            "Photo (JPEG, PNG ou SVG)",
            "Foto (JPEG, PNG o SVG)",
            "صورة (JPEG أو PNG أو SVG)",
        ],
    ),
    ("move.add_picture", ["Add the picture", "Ajouter la photo", "Añadir la foto", "أضف الصورة"]),
    ("move.withdraw_title", ["Withdraw the request", "Retirer la demande", "Retirar la solicitud", "اسحب الطلب"]),
    (
        "move.withdraw_hint",
        [
            "Takes back every notice of this request not yet decided; published notices stay as they are.",
            "Retire chaque notice de cette demande qui n’est pas encore décidée ; les notices publiées restent telles quelles.",
            "Retira cada notificación de esta solicitud aún no decidida; las publicadas quedan como están.",
            "يسحب كل نشرة من هذا الطلب لم يُبتّ فيها بعد؛ وتبقى النشرات المنشورة كما هي.",
        ],
    ),
    ("move.withdraw", ["Withdraw", "Retirer", "Retirar", "اسحب"]),
    ("move.withdrawn", ["Withdrawn.", "Retirée.", "Retirada.", "سُحب."]),
    (
        "move.moved",
        [
            "Done: the notice is changed.",
            "Fait : la notice est modifiée.",
            "Hecho: la notificación ha cambiado.",
            "تم: عُدّلت النشرة.",
        ],
    ),
    (
        "move.picture_added",
        ["The picture is added.", "La photo est ajoutée.", "La foto se ha añadido.", "أضيفت الصورة."],
    ),
    (
        "move.question_open",
        [
            "A reviewer asked you a question (see the decisions below): edit the request to answer it, then send it again.",
            "Un réviseur vous a posé une question (voir les décisions ci-dessous) : modifiez la demande pour y répondre, puis renvoyez-la.",
            "Un revisor le ha hecho una pregunta (vea las decisiones abajo): modifique la solicitud para responderla y envíela de nuevo.",
            "طرح عليكم مراجع سؤالًا (انظروا القرارات أدناه): عدّلوا الطلب للإجابة عنه ثم أرسلوه مجددًا.",
        ],
    ),
    ("nav.search", ["Search", "Recherche", "Búsqueda", "بحث"]),
    (
        "search.title",
        [
            "Search every notice",
            "Rechercher dans toutes les notices",
            "Buscar en todas las notificaciones",
            "البحث في كل النشرات",
        ],
    ),
    (
        "search.hint",
        [
            "Every notice in any state. A name is compared as screening compares names, across scripts and spellings; the best agreeing come first.",
            "Toutes les notices, quel que soit leur état. Un nom est comparé comme le fait le filtrage, à travers les écritures et les graphies ; les plus proches d’abord.",
            "Todas las notificaciones, en cualquier estado. Un nombre se compara como lo hace el control, entre escrituras y grafías; primero las que más coinciden.",
            "كل النشرات بأي حالة. يُقارن الاسم كما يقارنه الفحص، عبر الكتابات والتهجئات؛ والأكثر تطابقًا أولًا.",
        ],
    ),
    ("search.name", ["Name (any script)", "Nom (toute écriture)", "Nombre (cualquier escritura)", "الاسم (بأي كتابة)"]),
    ("search.any", ["Any", "Tous", "Cualquiera", "أيّ"]),
    ("search.created_from", ["Created from", "Créée à partir du", "Creada desde", "أنشئت من"]),
    ("search.created_to", ["Created up to", "Créée jusqu’au", "Creada hasta", "أنشئت حتى"]),
    ("search.submit", ["Search", "Rechercher", "Buscar", "ابحث"]),
    (
        "search.none",
        ["No notice matches.", "Aucune notice ne correspond.", "Ninguna notificación coincide.", "لا تطابق أي نشرة."],
    ),
    ("search.notice", ["Notice", "Notice", "Notificación", "النشرة"]),
    ("search.score", ["Names agree", "Concordance des noms", "Coincidencia de nombres", "تطابق الأسماء"]),
    ("search.next", ["Next page", "Page suivante", "Página siguiente", "الصفحة التالية"]),
    ("search.csv", ["Download as CSV", "Télécharger en CSV", "Descargar en CSV", "نزّل بصيغة CSV"]),
    (
        "search.unreadable",
        [
            "Notices whose stored record does not read (the log names them):",
            "Notices dont l’enregistrement ne se lit pas (le journal les nomme) :",
            "Notificaciones cuyo registro no se lee (el registro las nombra):",
            "نشرات لا يُقرأ سجلها المحفوظ (يسمّيها السجل):",
        ],
    ),
    (
        "search.compared",
        [
            "The name was compared with {n} notices.",
            "Le nom a été comparé à {n} notices.",
            "El nombre se comparó con {n} notificaciones.",
            "قورن الاسم بـ {n} نشرة.",
        ],
    ),
    (
        "search.stopped_short",
        [
            "The name was compared with the newest {n} notices only: narrow the search by requester, state, kind or dates to reach older ones.",
            "Le nom n’a été comparé qu’aux {n} notices les plus récentes : restreignez la recherche (demandeur, état, type, dates) pour atteindre les plus anciennes.",
            "El nombre solo se comparó con las {n} notificaciones más recientes: acote la búsqueda (solicitante, estado, tipo, fechas) para llegar a las anteriores.",
            "قورن الاسم بأحدث {n} نشرة فقط: ضيّقوا البحث (الجهة الطالبة، الحالة، النوع، التواريخ) للوصول إلى الأقدم.",
        ],
    ),
    (
        "queue.csv",
        [
            "Download the queue as CSV",
            "Télécharger la file en CSV",
            "Descargar la cola en CSV",
            "نزّل قائمة الانتظار بصيغة CSV",
        ],
    ),
    ("audit.csv", ["Download as CSV", "Télécharger en CSV", "Descargar en CSV", "نزّل بصيغة CSV"]),
    ("nav.admin", ["Administration", "Administration", "Administración", "الإدارة"]),
    ("admin.title", ["Administration", "Administration", "Administración", "الإدارة"]),
    ("admin.users", ["Users", "Utilisateurs", "Usuarios", "المستخدمون"]),
    ("admin.name", ["Name", "Nom", "Nombre", "الاسم"]),
    ("admin.role", ["Role", "Rôle", "Función", "الدور"]),
    ("admin.acts_for", ["Acts for", "Agit pour", "Actúa por", "يعمل لصالح"]),
    (
        "admin.acts_for_hint",
        [
            "A member country (FR), or for a bureau officer an international requester: ICC, UN, IRMCT, STL.",
            "Un pays membre (FR), ou pour un agent de bureau un demandeur international : ICC, UN, IRMCT, STL.",
            "Un país miembro (FR) o, para un agente de oficina, un solicitante internacional: ICC, UN, IRMCT, STL.",
            "بلد عضو (FR)، أو لموظف مكتب جهة طالبة دولية: ICC أو UN أو IRMCT أو STL.",
        ],
    ),
    ("admin.actions", ["Actions", "Actions", "Acciones", "الإجراءات"]),
    ("admin.manage", ["Manage", "Gérer", "Gestionar", "إدارة"]),
    ("admin.token_label", ["Token label", "Libellé du jeton", "Etiqueta del token", "تسمية الرمز"]),
    ("admin.token_days", ["Days it lasts", "Durée en jours", "Días de validez", "مدة الصلاحية بالأيام"]),
    ("admin.new_token", ["New token", "Nouveau jeton", "Nuevo token", "رمز جديد"]),
    (
        "admin.revoke_label",
        [
            "Label (blank: every token)",
            "Libellé (vide : tous les jetons)",
            "Etiqueta (vacía: todos los tokens)",
            "التسمية (فارغة: كل الرموز)",
        ],
    ),
    ("admin.revoke", ["Revoke tokens", "Révoquer les jetons", "Revocar tokens", "ألغِ الرموز"]),
    ("admin.password", ["Password", "Mot de passe", "Contraseña", "كلمة المرور"]),
    ("admin.set_password", ["Set the password", "Définir le mot de passe", "Fijar la contraseña", "عيّن كلمة المرور"]),
    ("admin.disable", ["Disable", "Désactiver", "Desactivar", "عطّل"]),
    ("admin.enable", ["Let in again", "Réactiver", "Reactivar", "أعد التفعيل"]),
    ("admin.disabled", ["Disabled", "Désactivé", "Desactivado", "معطّل"]),
    ("admin.new_user", ["New user", "Nouvel utilisateur", "Nuevo usuario", "مستخدم جديد"]),
    ("admin.create", ["Create the user", "Créer l’utilisateur", "Crear el usuario", "أنشئ المستخدم"]),
    ("admin.token_for", ["API token for", "Jeton d’API pour", "Token de API para", "رمز واجهة البرمجة لـ"]),
    (
        "admin.token_once",
        [
            "Shown this once: copy it now. Only its hash is kept.",
            "Affiché cette seule fois : copiez-le maintenant. Seule son empreinte est conservée.",
            "Se muestra solo esta vez: cópielo ahora. Solo se guarda su huella.",
            "يُعرض هذه المرة فقط: انسخوه الآن. لا يُحفظ إلا بصمته.",
        ],
    ),
    (
        "admin.created",
        ["The user is created.", "L’utilisateur est créé.", "El usuario se ha creado.", "أنشئ المستخدم."],
    ),
    (
        "admin.disabled_done",
        [
            "The user is disabled: their sessions and tokens no longer let them in.",
            "L’utilisateur est désactivé : ses sessions et jetons ne lui ouvrent plus l’accès.",
            "El usuario está desactivado: sus sesiones y tokens ya no le dan acceso.",
            "عُطّل المستخدم: لم تعد جلساته ورموزه تسمح له بالدخول.",
        ],
    ),
    (
        "admin.enabled_done",
        [
            "The user may sign in again.",
            "L’utilisateur peut de nouveau se connecter.",
            "El usuario puede volver a entrar.",
            "يمكن للمستخدم الدخول مجددًا.",
        ],
    ),
    (
        "admin.password_done",
        ["The password is set.", "Le mot de passe est défini.", "La contraseña se ha fijado.", "عُيّنت كلمة المرور."],
    ),
    (
        "admin.revoked_done",
        ["The tokens are revoked.", "Les jetons sont révoqués.", "Los tokens se han revocado.", "أُلغيت الرموز."],
    ),
    (
        "admin.register",
        [
            "Office-holder register",
            "Registre des titulaires de fonctions",
            "Registro de titulares de cargos",
            "سجل شاغلي المناصب",
        ],
    ),
    (
        "admin.register_hint",
        [
            "People whose office the check weighs under art. 3 (heads of state, ministers, …). A new entry checks the notices in force about them again.",
            "Personnes dont la fonction pèse dans le contrôle au titre de l’art. 3 (chefs d’État, ministres…). Une nouvelle entrée fait revérifier les notices en vigueur les concernant.",
            "Personas cuyo cargo pesa en el control según el art. 3 (jefes de Estado, ministros…). Una nueva entrada hace revisar de nuevo las notificaciones vigentes sobre ellas.",
            "أشخاص يزن الفحص مناصبهم بموجب المادة 3 (رؤساء الدول، الوزراء…). يعيد كل إدخال جديد فحص النشرات السارية المتعلقة بهم.",
        ],
    ),
    ("admin.office", ["Office", "Fonction", "Cargo", "المنصب"]),
    ("admin.country", ["Country", "Pays", "País", "البلد"]),
    ("admin.added", ["Added by", "Ajouté par", "Añadido por", "أضافه"]),
    ("admin.remove", ["Remove", "Retirer", "Quitar", "احذف"]),
    (
        "admin.holder_names",
        [
            "Names (Forenames|FAMILY; another spelling)",
            "Noms (Prénoms|NOM ; autre graphie)",
            "Nombres (Nombres|APELLIDO; otra grafía)",
            "الأسماء (الاسم|العائلة؛ تهجئة أخرى)",
        ],
    ),
    ("admin.since", ["In office since", "En fonction depuis", "En el cargo desde", "في المنصب منذ"]),
    ("admin.add_holder", ["Add to the register", "Ajouter au registre", "Añadir al registro", "أضف إلى السجل"]),
    (
        "admin.holder_added",
        [
            "Added to the register; the notices in force about them are checked again.",
            "Ajouté au registre ; les notices en vigueur le concernant sont revérifiées.",
            "Añadido al registro; las notificaciones vigentes sobre esa persona se revisan de nuevo.",
            "أضيف إلى السجل؛ يُعاد فحص النشرات السارية المتعلقة به.",
        ],
    ),
    (
        "admin.holder_removed",
        ["Removed from the register.", "Retiré du registre.", "Quitado del registro.", "حُذف من السجل."],
    ),
    (
        "decision.general_secretariat",
        ["General Secretariat", "Secrétariat général", "Secretaría General", "الأمانة العامة"],
    ),
    (
        "error.stale_form",
        [
            "This form was not sent from this session's page (it may be older than your sign-in): open the page again and resend it.",
            "Ce formulaire n’a pas été envoyé depuis une page de cette session (il date peut-être d’avant votre connexion) : rouvrez la page et renvoyez-le.",
            "Este formulario no se envió desde una página de esta sesión (quizá es anterior a su inicio de sesión): abra de nuevo la página y vuelva a enviarlo.",
            "لم يُرسل هذا النموذج من صفحة هذه الجلسة (ربما يسبق تسجيل دخولكم): افتحوا الصفحة مجددًا وأعيدوا إرساله.",
        ],
    ),
];
