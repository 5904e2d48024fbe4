//! The pages' words in English, French, Spanish and Arabic, and how a request picks its language:
//! `?lang=`, then the language cookie that `?lang=` sets, then `Accept-Language`, then English.

use axum::http::HeaderMap;

/// A language the pages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
    Es,
    Ar,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Fr, Lang::Es, Lang::Ar];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::Ar => "ar",
        }
    }

    /// The language's own name, for the switcher.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Es => "Español",
            Lang::Ar => "العربية",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| code.eq_ignore_ascii_case(lang.code()))
    }

    /// `rtl` for Arabic.
    pub fn dir(self) -> &'static str {
        if self == Lang::Ar { "rtl" } else { "ltr" }
    }

    /// The language of a request: `lang` from its query, else its cookie, else its `Accept-Language`.
    pub fn of(query_lang: Option<&str>, headers: &HeaderMap) -> Lang {
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

    /// The page's words for `key`; a key missing from the catalogue shows as an ellipsis and is
    /// logged (a test keeps every key the templates use in the catalogue, in all four languages).
    pub fn t(self, key: &str) -> &'static str {
        let column = self as usize;
        MESSAGES.iter().find(|(k, _)| *k == key).map(|(_, words)| words[column]).unwrap_or_else(|| {
            tracing::warn!(key, "a word missing from the catalogue");
            "…"
        })
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
            "Too many attempts for this user name; wait a minute and try again.",
            "Trop de tentatives pour ce nom d’utilisateur ; attendez une minute et réessayez.",
            "Demasiados intentos para este nombre de usuario; espere un minuto y vuelva a intentarlo.",
            "محاولات كثيرة جداً لاسم المستخدم هذا؛ انتظر دقيقة ثم أعد المحاولة.",
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
];
