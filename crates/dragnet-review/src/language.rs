//! The check's sentences in INTERPOL's four working languages: each finding is written in English,
//! French, Spanish and Arabic when it is made, so a report kept with a notice reads the same in any of
//! them for as long as it is kept, whatever the catalogue says later.

use dragnet_domain::person::Status;
use dragnet_domain::request::WorkingLanguage;

/// Something the check says, in English, French, Spanish and Arabic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said([String; 4]);

impl Said {
    /// Words that read the same in every language: a quotation, a name, a code, a number.
    pub fn verbatim(text: &str) -> Said {
        Said(std::array::from_fn(|_| text.to_string()))
    }

    /// Words the policy data gives in each language: English, French, Spanish, Arabic.
    pub(crate) fn from_languages(texts: [String; 4]) -> Said {
        Said(texts)
    }

    pub fn in_language(&self, language: WorkingLanguage) -> &str {
        &self.0[column(language)]
    }

    pub fn english(&self) -> &str {
        &self.0[0]
    }

    /// The items one after another, with the list separator of each language.
    pub(crate) fn join(items: &[Said], separator: &str) -> Said {
        let separators = sentence(separator);
        Said(std::array::from_fn(|column| {
            let words: Vec<&str> = items.iter().map(|item| item.0[column].as_str()).collect();
            words.join(separators.map_or(", ", |s| s[column]))
        }))
    }
}

fn column(language: WorkingLanguage) -> usize {
    match language {
        WorkingLanguage::En => 0,
        WorkingLanguage::Fr => 1,
        WorkingLanguage::Es => 2,
        WorkingLanguage::Ar => 3,
    }
}

fn sentence(key: &str) -> Option<&'static [&'static str; 4]> {
    SENTENCES.iter().find(|(k, _)| *k == key).map(|(_, texts)| texts)
}

/// The sentence `key` with each `{name}` replaced by its value in the same language. A key missing
/// from the catalogue is said as the key itself: a test runs every rule and looks for one.
pub(crate) fn say(key: &str, values: &[(&str, &Said)]) -> Said {
    let Some(texts) = sentence(key) else { return Said::verbatim(key) };
    Said(std::array::from_fn(|column| {
        let mut text = texts[column].to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), &value.0[column]);
        }
        text
    }))
}

/// Words of the policy files (a category's label, a status's reason, a legal basis), looked up by
/// their English; an operator's own policy may use words the catalogue lacks, which stay in English.
pub(crate) fn term(english: &str) -> Said {
    match TERMS.iter().find(|(en, _)| *en == english) {
        Some((en, [fr, es, ar])) => Said([en.to_string(), fr.to_string(), es.to_string(), ar.to_string()]),
        None => Said::verbatim(english),
    }
}

/// A status with its article: "a head of state".
pub(crate) fn status(status: Status) -> Said {
    say(&format!("status.{}", status.as_str()), &[])
}

/// The check's sentences: key, then English, French, Spanish, Arabic. Values in `{braces}`.
pub(crate) const SENTENCES: &[(&str, [&str; 4])] = &[
    ("list.comma", [", ", ", ", ", ", "، "]),
    ("list.and", [" and ", " et ", " y ", " و"]),
    (
        "evidence.charge",
        [
            "the charge \u{201c}{title}\u{201d}{law}{words}",
            "le chef « {title} »{law}{words}",
            "el cargo «{title}»{law}{words}",
            "التهمة «{title}»{law}{words}",
        ],
    ),
    (
        "evidence.by_words",
        [
            " (by the words \u{201c}{words}\u{201d})",
            " (par les mots « {words} »)",
            " (por las palabras «{words}»)",
            " (بعبارة «{words}»)",
        ],
    ),
    (
        "missing",
        ["{field} is missing: {why}", "{field} manque : {why}", "falta {field}: {why}", "الحقل {field} ناقص: {why}"],
    ),
    (
        "missing.summary",
        [
            "a notice states the facts it rests on",
            "une notice expose les faits sur lesquels elle repose",
            "una notificación expone los hechos en que se basa",
            "تذكر النشرة الوقائع التي تستند إليها",
        ],
    ),
    (
        "missing.yellow_date",
        [
            "a yellow notice gives the date of the disappearance",
            "une notice jaune indique la date de la disparition",
            "una notificación amarilla indica la fecha de la desaparición",
            "تذكر النشرة الصفراء تاريخ الاختفاء",
        ],
    ),
    (
        "missing.yellow_place",
        [
            "a yellow notice gives the place of the disappearance",
            "une notice jaune indique le lieu de la disparition",
            "una notificación amarilla indica el lugar de la desaparición",
            "تذكر النشرة الصفراء مكان الاختفاء",
        ],
    ),
    (
        "missing.offence_date",
        [
            "the summary of facts must say when the offence was committed",
            "l’exposé des faits doit dire quand l’infraction a été commise",
            "la exposición de los hechos debe decir cuándo se cometió el delito",
            "يجب أن يذكر ملخص الوقائع متى ارتُكبت الجريمة",
        ],
    ),
    (
        "missing.offence_place",
        [
            "the summary of facts must say where the offence was committed",
            "l’exposé des faits doit dire où l’infraction a été commise",
            "la exposición de los hechos debe decir dónde se cometió el delito",
            "يجب أن يذكر ملخص الوقائع أين ارتُكبت الجريمة",
        ],
    ),
    (
        "missing.charges",
        [
            "a wanted person's notice names the charges",
            "la notice d’une personne recherchée énonce les chefs d’accusation",
            "la notificación de una persona buscada enumera los cargos",
            "تذكر نشرة الشخص المطلوب التهم الموجهة إليه",
        ],
    ),
    (
        "missing.judicial",
        [
            "the warrant or judicial decision, and the penalty, are required",
            "le mandat ou la décision judiciaire, et la peine, sont requis",
            "se requieren la orden o la decisión judicial, y la pena",
            "يلزم ذكر مذكرة التوقيف أو القرار القضائي، والعقوبة",
        ],
    ),
    (
        "missing.law",
        [
            "each charge cites the law that makes it an offence",
            "chaque chef cite la loi qui en fait une infraction",
            "cada cargo cita la ley que lo tipifica como delito",
            "تستند كل تهمة إلى القانون الذي يجرّمها",
        ],
    ),
    (
        "missing.max_penalty",
        [
            "the maximum penalty shows whether the threshold of two years is met",
            "la peine maximale montre si le seuil de deux ans est atteint",
            "la pena máxima muestra si se alcanza el umbral de dos años",
            "تبيّن العقوبة القصوى ما إذا كان حد السنتين مستوفى",
        ],
    ),
    (
        "missing.warrant",
        [
            "a red notice rests on a valid arrest warrant or judicial decision",
            "une notice rouge repose sur un mandat d’arrêt ou une décision judiciaire en vigueur",
            "una notificación roja se basa en una orden de detención o una decisión judicial vigentes",
            "تستند النشرة الحمراء إلى مذكرة توقيف أو قرار قضائي ساريين",
        ],
    ),
    (
        "missing.sentence",
        [
            "a request to serve a sentence gives the sentence imposed and left",
            "une demande aux fins d’exécution d’une peine indique la peine prononcée et celle qui reste à purger",
            "una solicitud para cumplir una condena indica la pena impuesta y la pendiente",
            "يذكر طلب تنفيذ العقوبة العقوبةَ المحكوم بها والمتبقي منها",
        ],
    ),
    (
        "missing.extradition",
        [
            "the requester undertakes to seek extradition, and says from where",
            "le requérant s’engage à demander l’extradition et dit auprès de quels pays",
            "el solicitante se compromete a pedir la extradición e indica a qué países",
            "يتعهد الطالب بطلب التسليم ويذكر من أي بلد",
        ],
    ),
    (
        "missing.red_forenames",
        [
            "a red notice identifies the subject by forename and family name",
            "une notice rouge identifie la personne par ses prénoms et son nom de famille",
            "una notificación roja identifica a la persona por su nombre y apellido",
            "تحدد النشرة الحمراء هوية الشخص باسمه الأول واسم عائلته",
        ],
    ),
    (
        "missing.red_sex",
        [
            "a red notice gives the subject's sex",
            "une notice rouge indique le sexe de la personne",
            "una notificación roja indica el sexo de la persona",
            "تذكر النشرة الحمراء جنس الشخص",
        ],
    ),
    (
        "missing.red_birth",
        [
            "a red notice gives at least the year of birth",
            "une notice rouge indique au moins l’année de naissance",
            "una notificación roja indica al menos el año de nacimiento",
            "تذكر النشرة الحمراء سنة الميلاد على الأقل",
        ],
    ),
    (
        "missing.red_physical",
        [
            "a red notice carries a physical description or identity document data (physical or identity_documents)",
            "une notice rouge comporte un signalement ou les données d’une pièce d’identité (physical ou identity_documents)",
            "una notificación roja contiene una descripción física o los datos de un documento de identidad (physical o identity_documents)",
            "تتضمن النشرة الحمراء أوصافًا جسدية أو بيانات وثيقة هوية (physical أو identity_documents)",
        ],
    ),
    (
        "missing.yellow_sex",
        [
            "a yellow notice gives the missing person's sex",
            "une notice jaune indique le sexe de la personne disparue",
            "una notificación amarilla indica el sexo de la persona desaparecida",
            "تذكر النشرة الصفراء جنس الشخص المفقود",
        ],
    ),
    (
        "missing.yellow_birth",
        [
            "a yellow notice gives at least the year of birth",
            "une notice jaune indique au moins l’année de naissance",
            "una notificación amarilla indica al menos el año de nacimiento",
            "تذكر النشرة الصفراء سنة الميلاد على الأقل",
        ],
    ),
    (
        "missing.diffusion_birth",
        [
            "a diffusion to arrest identifies the subject by date of birth or identity document",
            "une diffusion aux fins d’arrestation identifie la personne par sa date de naissance ou une pièce d’identité",
            "una difusión para detención identifica a la persona por su fecha de nacimiento o un documento de identidad",
            "يحدد التعميم لغرض التوقيف هوية الشخص بتاريخ ميلاده أو بوثيقة هوية",
        ],
    ),
    ("months.fine", ["a fine only", "une amende seulement", "solo una multa", "غرامة فقط"]),
    ("months.one_year", ["1 year", "1 an", "1 año", "سنة واحدة"]),
    ("months.years", ["{n} years", "{n} ans", "{n} años", "{n} سنوات"]),
    ("months.months", ["{n} months", "{n} mois", "{n} meses", "{n} أشهر"]),
    (
        "penalty.prosecution",
        [
            "the heaviest charge, \u{201c}{charge}\u{201d}, carries at most {penalty}; a red notice for prosecution needs an offence punishable by at least two years",
            "le chef le plus grave, « {charge} », est puni au plus de {penalty} ; une notice rouge aux fins de poursuites exige une infraction punie d’au moins deux ans",
            "el cargo más grave, «{charge}», se castiga como máximo con {penalty}; una notificación roja para enjuiciamiento exige un delito punible con al menos dos años",
            "أشد التهم، «{charge}»، عقوبتها القصوى {penalty}؛ وتتطلب النشرة الحمراء لغرض الملاحقة جريمة يعاقب عليها بسنتين على الأقل",
        ],
    ),
    (
        "penalty.sentence",
        [
            "the sentence is {imposed} with {left} left to serve; a red notice to serve a sentence needs at least six months imposed and left",
            "la peine est de {imposed}, dont {left} restant à purger ; une notice rouge aux fins d’exécution d’une peine exige au moins six mois prononcés et restant à purger",
            "la condena es de {imposed}, con {left} pendientes de cumplir; una notificación roja para cumplir una condena exige al menos seis meses impuestos y pendientes",
            "العقوبة {imposed} والمتبقي منها {left}؛ وتتطلب النشرة الحمراء لتنفيذ عقوبة ستة أشهر على الأقل محكومًا بها ومتبقية",
        ],
    ),
    (
        "category.charged",
        ["{evidence} is {label}", "{evidence} est {label}", "{evidence} es {label}", "{evidence} تمثل {label}"],
    ),
    (
        "category.summary",
        [
            "the summary of facts describes {label}: \u{201c}{words}\u{201d}; {consequence}",
            "l’exposé des faits décrit {label} : « {words} » ; {consequence}",
            "la exposición de los hechos describe {label}: «{words}»; {consequence}",
            "يصف ملخص الوقائع {label}: «{words}»؛ {consequence}",
        ],
    ),
    (
        "data.height",
        [
            "the height given, {height} cm, is outside the usual human range (40 to 260): kept as given; confirm it with the requester",
            "la taille indiquée, {height} cm, sort de l’étendue humaine habituelle (40 à 260) : gardée telle quelle ; la faire confirmer par le demandeur",
            "la estatura indicada, {height} cm, está fuera del rango humano habitual (40 a 260): se mantiene tal cual; confírmela con el solicitante",
            "الطول المذكور، {height} سم، خارج النطاق البشري المعتاد (40 إلى 260): يُحفظ كما ورد؛ ويُستوثق منه لدى الجهة الطالبة",
        ],
    ),
    (
        "data.weight",
        [
            "the weight given, {weight} kg, is beyond the usual human range (up to 400): kept as given; confirm it with the requester",
            "le poids indiqué, {weight} kg, dépasse l’étendue humaine habituelle (jusqu’à 400) : gardé tel quel ; le faire confirmer par le demandeur",
            "el peso indicado, {weight} kg, supera el rango humano habitual (hasta 400): se mantiene tal cual; confírmelo con el solicitante",
            "الوزن المذكور، {weight} كغ، يتجاوز النطاق البشري المعتاد (حتى 400): يُحفظ كما ورد؛ ويُستوثق منه لدى الجهة الطالبة",
        ],
    ),
    (
        "consequence.serious",
        [
            "the charges are of a serious crime, which the exclusion does not cover",
            "les chefs relèvent d’un crime grave, que l’exclusion ne couvre pas",
            "los cargos son de un delito grave, que la exclusión no abarca",
            "التهم تتعلق بجريمة خطيرة لا يشملها الاستبعاد",
        ],
    ),
    (
        "consequence.labels",
        [
            "the charges may be ordinary-law labels for it",
            "les chefs n’en sont peut-être que des qualifications de droit commun",
            "los cargos pueden ser calificaciones de derecho común para ello",
            "قد تكون التهم توصيفات من القانون العام لذلك",
        ],
    ),
    (
        "terrorism.ordinary_law",
        [
            "{charge} is a terrorism charge; the summary describes an attack on civilians (\u{201c}{words}\u{201d}), so the ordinary-law element predominates",
            "{charge} est un chef de terrorisme ; l’exposé décrit une attaque contre des civils (« {words} »), l’élément de droit commun prédomine donc",
            "{charge} es un cargo de terrorismo; la exposición describe un ataque contra civiles («{words}»), por lo que predomina el elemento de derecho común",
            "{charge} تهمة إرهاب؛ ويصف الملخص هجومًا على مدنيين («{words}»)، فيغلب عنصر القانون العام",
        ],
    ),
    (
        "terrorism.review",
        [
            "{charge} is a terrorism charge, and the summary shows no attack on civilians: admissible only where the ordinary-law element predominates",
            "{charge} est un chef de terrorisme, et l’exposé ne montre aucune attaque contre des civils : recevable seulement si l’élément de droit commun prédomine",
            "{charge} es un cargo de terrorismo y la exposición no muestra ningún ataque contra civiles: admisible solo si predomina el elemento de derecho común",
            "{charge} تهمة إرهاب، ولا يُظهر الملخص أي هجوم على مدنيين: لا تُقبل إلا إذا غلب عنصر القانون العام",
        ],
    ),
    (
        "context.declared",
        [
            "the requester places the offence in the context of {label}",
            "le requérant situe l’infraction dans le contexte d’{label}",
            "el solicitante sitúa el delito en el contexto de {label}",
            "يضع الطالب الجريمة في سياق {label}",
        ],
    ),
    (
        "context.summary",
        [
            "the summary of facts describes {label} (\u{201c}{words}\u{201d}), though the requester does not say so",
            "l’exposé des faits décrit {label} (« {words} »), bien que le requérant ne le dise pas",
            "la exposición de los hechos describe {label} («{words}»), aunque el solicitante no lo dice",
            "يصف ملخص الوقائع {label} («{words}»)، وإن لم يذكر الطالب ذلك",
        ],
    ),
    (
        "concrete",
        [
            "the summary of facts (\u{201c}{summary}\u{201d}) is not concrete about the subject's own acts, time and place: {gaps}",
            "l’exposé des faits (« {summary} ») n’est pas concret quant aux actes de la personne elle-même, au moment et au lieu : {gaps}",
            "la exposición de los hechos («{summary}») no es concreta sobre los actos de la propia persona, el momento y el lugar: {gaps}",
            "ملخص الوقائع («{summary}») غير محدد بشأن أفعال الشخص نفسه وزمانها ومكانها: {gaps}",
        ],
    ),
    (
        "concrete.few_words",
        ["it has only {n} words", "il ne compte que {n} mots", "solo tiene {n} palabras", "لا يضم سوى {n} كلمات"],
    ),
    (
        "concrete.no_date",
        ["it gives no date or year", "il ne donne ni date ni année", "no da fecha ni año", "لا يذكر تاريخًا ولا سنة"],
    ),
    (
        "objection.declared",
        [
            "the requester reports that {country} objects: \u{201c}{summary}\u{201d}",
            "le requérant indique que {country} s’y oppose : « {summary} »",
            "el solicitante indica que {country} se opone: «{summary}»",
            "يفيد الطالب بأن {country} تعترض: «{summary}»",
        ],
    ),
    (
        "objection.lodged",
        [
            "{country} objects, as its bureau lodged{on}: \u{201c}{summary}\u{201d}",
            "{country} s’y oppose, selon l’opposition déposée par son bureau{on} : « {summary} »",
            "{country} se opone, según la oposición presentada por su oficina{on}: «{summary}»",
            "تعترض {country} بحسب الاعتراض الذي قدمه مكتبها{on}: «{summary}»",
        ],
    ),
    ("known.on", [" on {date}", " le {date}", " el {date}", " بتاريخ {date}"]),
    (
        "source.recorded",
        [
            "recorded by the General Secretariat from {source}{on}",
            "enregistré par le Secrétariat général d’après {source}{on}",
            "registrado por la Secretaría General según {source}{on}",
            "سجّلته الأمانة العامة استنادًا إلى {source}{on}",
        ],
    ),
    (
        "refugee.source",
        [
            " (refugee status {source})",
            " (statut de réfugié {source})",
            " (estatuto de refugiado {source})",
            " (صفة اللاجئ {source})",
        ],
    ),
    (
        "knowledge.fact",
        [
            "the secretariat knows, {source}: \u{201c}{text}\u{201d}",
            "le Secrétariat général sait, {source} : « {text} »",
            "la Secretaría General sabe, {source}: «{text}»",
            "تعلم الأمانة العامة، {source}: «{text}»",
        ],
    ),
    (
        "in_absentia",
        [
            "the subject was tried in absentia: check that a retrial is guaranteed",
            "la personne a été jugée par défaut : vérifier qu’un nouveau procès est garanti",
            "la persona fue juzgada en rebeldía: comprobar que se garantiza un nuevo juicio",
            "حوكم الشخص غيابيًا: يجب التحقق من ضمان إعادة المحاكمة",
        ],
    ),
    (
        "register.possible",
        [
            "the name matches {source}; confirm whether this is the same person",
            "le nom correspond à {source} ; confirmer s’il s’agit de la même personne",
            "el nombre coincide con {source}; confirmar si es la misma persona",
            "الاسم يطابق {source}؛ يجب التأكد مما إذا كان الشخص نفسه",
        ],
    ),
    (
        "register.office_named",
        [
            "the name matches {source}, whose date of birth differs from the subject's, but the summary gives the subject that office (\u{201c}{words}\u{201d}): confirm whether this is the same person",
            "le nom correspond à {source}, dont la date de naissance diffère de celle de la personne, mais l’exposé attribue cette fonction à la personne (« {words} ») : confirmer s’il s’agit de la même personne",
            "el nombre coincide con {source}, cuya fecha de nacimiento difiere de la de la persona, pero la exposición atribuye ese cargo a la persona («{words}»): confirmar si es la misma persona",
            "الاسم يطابق {source}، الذي يختلف تاريخ ميلاده عن تاريخ ميلاد الشخص، لكن الملخص ينسب إليه هذا المنصب («{words}»): يجب التأكد مما إذا كان الشخص نفسه",
        ],
    ),
    (
        "register.entry",
        [
            "the office-holder register's {name}, {office}{since}{born}",
            "{name} du registre des titulaires de fonctions, {office}{since}{born}",
            "{name} del registro de titulares de cargos, {office}{since}{born}",
            "{name} في سجل شاغلي المناصب، {office}{since}{born}",
        ],
    ),
    ("register.since", [" since {date}", " depuis le {date}", " desde el {date}", " منذ {date}"]),
    (
        "register.born",
        [
            ", born {date} as the subject",
            ", né(e) le {date} comme la personne",
            ", nacido el {date} como la persona",
            "، المولود في {date} مثل الشخص المعني",
        ],
    ),
    (
        "source.declared",
        ["declared by the requester", "déclaré par le requérant", "declarado por el solicitante", "بحسب إعلان الطالب"],
    ),
    (
        "source.requester_known",
        [
            "known from elsewhere, as the requester declares",
            "connu d’ailleurs, selon la déclaration du requérant",
            "conocido por otras fuentes, según declara el solicitante",
            "معروف من مصادر أخرى بحسب إعلان الطالب",
        ],
    ),
    ("status.held", ["{status} ({source})", "{status} ({source})", "{status} ({source})", "{status} ({source})"]),
    (
        "status.finding",
        [
            "the subject is {held}: {reason}",
            "la personne est {held} : {reason}",
            "la persona es {held}: {reason}",
            "الشخص {held}: {reason}",
        ],
    ),
    (
        "military.summary",
        [
            "the summary describes a military operation (\u{201c}{words}\u{201d})",
            "l’exposé décrit une opération militaire (« {words} »)",
            "la exposición describe una operación militar («{words}»)",
            "يصف الملخص عملية عسكرية («{words}»)",
        ],
    ),
    (
        "military.declared",
        [
            "the requester places the offence in a military operation",
            "le requérant situe l’infraction dans une opération militaire",
            "el solicitante sitúa el delito en una operación militar",
            "يضع الطالب الجريمة في إطار عملية عسكرية",
        ],
    ),
    (
        "military.finding",
        [
            "{shown} and the subject is {status}: acts of a state's forces in a military operation are military in character, whatever the charge",
            "{shown} et la personne est {status} : les actes des forces d’un État dans une opération militaire ont un caractère militaire, quel que soit le chef d’accusation",
            "{shown} y la persona es {status}: los actos de las fuerzas de un Estado en una operación militar tienen carácter militar, sea cual sea el cargo",
            "{shown} والشخص {status}: أفعال قوات دولة في عملية عسكرية ذات طابع عسكري أيًا كانت التهمة",
        ],
    ),
    (
        "military.named_with",
        [
            "{shown}, and the subject is named in the same warrant for the same act with {name}, {status}: acts of a state's forces in a military operation are military in character for all who took part, whatever the charge",
            "{shown}, et la personne est visée par le même mandat pour le même acte que {name}, {status} : les actes des forces d’un État dans une opération militaire ont un caractère militaire pour tous ceux qui y ont pris part, quel que soit le chef d’accusation",
            "{shown}, y la persona figura en la misma orden por el mismo acto que {name}, {status}: los actos de las fuerzas de un Estado en una operación militar tienen carácter militar para todos los que participaron, sea cual sea el cargo",
            "{shown}، والشخص مذكور في المذكرة نفسها وبسبب الفعل نفسه مع {name}، {status}: أفعال قوات دولة في عملية عسكرية ذات طابع عسكري لكل من شارك فيها أيًا كانت التهمة",
        ],
    ),
    (
        "military.described",
        [
            "{shown}, and the summary describes the accused as acting for a state (\u{201c}{words}\u{201d}): acts of a state's forces in a military operation are military in character, whatever the charge",
            "{shown}, et l’exposé décrit les accusés comme agissant pour un État (« {words} ») : les actes des forces d’un État dans une opération militaire ont un caractère militaire, quel que soit le chef d’accusation",
            "{shown}, y la exposición describe a los acusados como actuando por cuenta de un Estado («{words}»): los actos de las fuerzas de un Estado en una operación militar tienen carácter militar, sea cual sea el cargo",
            "{shown}، ويصف الملخص المتهمين بأنهم يتصرفون لحساب دولة («{words}»): أفعال قوات دولة في عملية عسكرية ذات طابع عسكري أيًا كانت التهمة",
        ],
    ),
    (
        "state_agents.civilians",
        [
            "the summary describes an attack (\u{201c}{attack}\u{201d}) on civilians (\u{201c}{target}\u{201d}){actor}: unlike an operation against a military target, an ordinary crime may predominate here; weigh whether it does (as in the AMIA case)",
            "l’exposé décrit une attaque (« {attack} ») contre des civils (« {target} »){actor} : à la différence d’une opération contre un objectif militaire, un crime de droit commun peut ici prédominer ; apprécier s’il prédomine (comme dans l’affaire AMIA)",
            "la exposición describe un ataque («{attack}») contra civiles («{target}»){actor}: a diferencia de una operación contra un objetivo militar, aquí puede predominar un delito común; valorar si predomina (como en el caso AMIA)",
            "يصف الملخص هجومًا («{attack}») على مدنيين («{target}»){actor}: خلافًا لعملية ضد هدف عسكري، قد تغلب هنا جريمة من جرائم القانون العام؛ يجب تقدير ذلك (كما في قضية آميا)",
        ],
    ),
    (
        "state_agents.subject",
        [
            " by a subject who is {status}",
            " par une personne qui est {status}",
            " por una persona que es {status}",
            " نفذه شخص هو {status}",
        ],
    ),
    (
        "state_agents.described",
        [
            " by agents of a state (\u{201c}{words}\u{201d})",
            " par des agents d’un État (« {words} »)",
            " por agentes de un Estado («{words}»)",
            " نفذه عملاء دولة («{words}»)",
        ],
    ),
    (
        "data.before_birth",
        [
            "{field} ({date}) is before {birth_field} ({born}): the facts cannot be the subject's as written",
            "{field} ({date}) précède {birth_field} ({born}) : les faits ne peuvent être ceux de la personne tels qu’ils sont écrits",
            "{field} ({date}) es anterior a {birth_field} ({born}): los hechos no pueden ser los de la persona tal como están escritos",
            "{field} ({date}) سابق لـ {birth_field} ({born}): لا يمكن أن تكون الوقائع وقائع الشخص كما كُتبت",
        ],
    ),
    (
        "data.sentence_above_maximum",
        [
            "judicial.sentence.imposed_months ({imposed}) is more than the heaviest charges[].max_penalty ({maximum}): the sentence cannot be for these charges as written",
            "judicial.sentence.imposed_months ({imposed}) dépasse la plus lourde charges[].max_penalty ({maximum}) : la peine ne peut correspondre à ces chefs tels qu’ils sont écrits",
            "judicial.sentence.imposed_months ({imposed}) supera la mayor charges[].max_penalty ({maximum}): la pena no puede corresponder a estos cargos tal como están escritos",
            "judicial.sentence.imposed_months ({imposed}) تتجاوز أشد charges[].max_penalty ({maximum}): لا يمكن أن تكون العقوبة عن هذه التهم كما كُتبت",
        ],
    ),
    (
        "data.warrant_before_offence",
        [
            "judicial.warrant.issued_on ({issued}) is before offence.date ({offence}): a warrant cannot be for an offence not yet committed",
            "judicial.warrant.issued_on ({issued}) précède offence.date ({offence}) : un mandat ne peut viser une infraction pas encore commise",
            "judicial.warrant.issued_on ({issued}) es anterior a offence.date ({offence}): una orden no puede referirse a un delito aún no cometido",
            "judicial.warrant.issued_on ({issued}) سابق لـ offence.date ({offence}): لا يمكن أن تصدر مذكرة بشأن جريمة لم تُرتكب بعد",
        ],
    ),
    (
        "duplicate",
        [
            "the requester already has notice {notice} ({state}) that may be this one: {why}; link or withdraw one of them rather than publish both",
            "le requérant a déjà la notice {notice} ({state}) qui peut être la même : {why} ; lier ou retirer l’une d’elles plutôt que publier les deux",
            "el solicitante ya tiene la notificación {notice} ({state}) que puede ser la misma: {why}; vincular o retirar una de ellas en lugar de publicar ambas",
            "لدى الطالب بالفعل النشرة {notice} ({state}) وقد تكون هي نفسها: {why}؛ يجب ربط إحداهما أو سحبها بدلًا من نشر الاثنتين",
        ],
    ),
    (
        "duplicate.reference",
        [
            "the same reference {reference}",
            "la même référence {reference}",
            "la misma referencia {reference}",
            "المرجع نفسه {reference}",
        ],
    ),
    (
        "duplicate.person",
        [
            "the same person by the screening engine (score {score}: {why})",
            "la même personne selon le moteur de filtrage (score {score} : {why})",
            "la misma persona según el motor de cotejo (puntuación {score}: {why})",
            "الشخص نفسه بحسب محرك المطابقة (الدرجة {score}: {why})",
        ],
    ),
    ("predominance.sign", ["{label} ({weight})", "{label} ({weight})", "{label} ({weight})", "{label} ({weight})"]),
    (
        "predominance",
        [
            "independent signs of a political or unfair case add up: {signs}; {total} reach the threshold of {threshold}, so the political element predominates over the ordinary-law element, as the predominance test weighs it",
            "des indices indépendants d’une affaire politique ou inéquitable s’additionnent : {signs} ; {total} atteignent le seuil de {threshold}, l’élément politique prédomine donc sur l’élément de droit commun, selon le critère de prédominance",
            "indicios independientes de un caso político o injusto se suman: {signs}; {total} alcanzan el umbral de {threshold}, por lo que el elemento político predomina sobre el de derecho común, según la prueba de predominio",
            "تتراكم مؤشرات مستقلة على قضية سياسية أو غير عادلة: {signs}؛ يبلغ مجموعها {total} عتبة {threshold}، فيغلب العنصر السياسي على عنصر القانون العام وفق اختبار الغلبة",
        ],
    ),
    (
        "refugee.status",
        [
            "the subject holds refugee status (granted in {year}); check the grounds",
            "la personne a le statut de réfugié (accordé en {year}) ; vérifier les motifs",
            "la persona tiene el estatuto de refugiado (concedido en {year}); comprobar los motivos",
            "يحمل الشخص صفة اللاجئ (مُنحت عام {year})؛ يجب التحقق من الأسباب",
        ],
    ),
    (
        "refugee.protected",
        [
            "the subject was granted refugee status in {year} and the request comes from {requester}, the country of their nationality, where persecution is feared",
            "la personne a obtenu le statut de réfugié en {year} et la demande vient de {requester}, le pays dont elle a la nationalité, où elle craint des persécutions",
            "la persona obtuvo el estatuto de refugiado en {year} y la solicitud procede de {requester}, el país de su nacionalidad, donde teme ser perseguida",
            "مُنح الشخص صفة اللاجئ عام {year} والطلب صادر عن {requester}، بلد جنسيته، حيث يُخشى الاضطهاد",
        ],
    ),
    (
        "refugee.protected_presumed",
        [
            "the subject was granted refugee status in {year} and the request comes from {requester}, the country of presumed nationality, where persecution is feared",
            "la personne a obtenu le statut de réfugié en {year} et la demande vient de {requester}, le pays de sa nationalité présumée, où elle craint des persécutions",
            "la persona obtuvo el estatuto de refugiado en {year} y la solicitud procede de {requester}, el país de su nacionalidad presunta, donde teme ser perseguida",
            "مُنح الشخص صفة اللاجئ عام {year} والطلب صادر عن {requester}، بلد جنسيته المفترضة، حيث يُخشى الاضطهاد",
        ],
    ),
    (
        "refugee.elsewhere",
        [
            "the subject was granted refugee status in {year}; check it was not on grounds of fear of {requester}",
            "la personne a obtenu le statut de réfugié en {year} ; vérifier que ce n’était pas par crainte de {requester}",
            "la persona obtuvo el estatuto de refugiado en {year}; comprobar que no fue por temor a {requester}",
            "مُنح الشخص صفة اللاجئ عام {year}؛ يجب التحقق من أن ذلك لم يكن بسبب الخوف من {requester}",
        ],
    ),
    (
        "international.not_a_bar",
        [
            " (not a bar here: international crimes requested by an international court are admissible under the 1994 resolution)",
            " (pas d’obstacle ici : les crimes internationaux demandés par une juridiction internationale sont recevables selon la résolution de 1994)",
            " (no es un impedimento aquí: los crímenes internacionales solicitados por un tribunal internacional son admisibles según la resolución de 1994)",
            " (ليس مانعًا هنا: الجرائم الدولية التي تطلبها محكمة دولية مقبولة بموجب قرار 1994)",
        ],
    ),
    (
        "international.finding",
        [
            "{charge} is an international crime and the request comes from an international court: the art. 3 status rules do not bar it",
            "{charge} est un crime international et la demande vient d’une juridiction internationale : les règles de l’art. 3 sur la qualité de la personne ne s’y opposent pas",
            "{charge} es un crimen internacional y la solicitud procede de un tribunal internacional: las normas del art. 3 sobre la condición de la persona no lo impiden",
            "{charge} جريمة دولية والطلب صادر عن محكمة دولية: لا تمنعه قواعد المادة 3 المتعلقة بصفة الشخص",
        ],
    ),
    ("status.head_of_state", ["a head of state", "un chef d’État", "un jefe de Estado", "رئيس دولة"]),
    (
        "status.head_of_government",
        ["a head of government", "un chef de gouvernement", "un jefe de Gobierno", "رئيس حكومة"],
    ),
    (
        "status.foreign_minister",
        [
            "a foreign minister",
            "un ministre des affaires étrangères",
            "un ministro de Asuntos Exteriores",
            "وزير خارجية",
        ],
    ),
    ("status.minister", ["a minister", "un ministre", "un ministro", "وزير"]),
    (
        "status.member_of_parliament",
        ["a member of parliament", "un parlementaire", "un parlamentario", "عضو في البرلمان"],
    ),
    ("status.senior_official", ["a senior official", "un haut fonctionnaire", "un alto funcionario", "مسؤول رفيع"]),
    ("status.diplomat", ["a diplomat", "un diplomate", "un diplomático", "دبلوماسي"]),
    ("status.military_officer", ["a military officer", "un officier", "un oficial militar", "ضابط عسكري"]),
    (
        "status.armed_forces_member",
        [
            "an armed forces member",
            "un membre des forces armées",
            "un miembro de las fuerzas armadas",
            "فرد في القوات المسلحة",
        ],
    ),
    (
        "status.international_official",
        ["an international official", "un fonctionnaire international", "un funcionario internacional", "موظف دولي"],
    ),
    ("status.politician", ["a politician", "un responsable politique", "un político", "سياسي"]),
    (
        "status.opposition_figure",
        ["an opposition figure", "une figure de l’opposition", "una figura de la oposición", "شخصية معارضة"],
    ),
    (
        "status.government_critic",
        ["a government critic", "un critique du gouvernement", "un crítico del gobierno", "منتقد للحكومة"],
    ),
    ("status.journalist", ["a journalist", "un journaliste", "un periodista", "صحفي"]),
    (
        "status.human_rights_defender",
        [
            "a human rights defender",
            "un défenseur des droits humains",
            "un defensor de los derechos humanos",
            "مدافع عن حقوق الإنسان",
        ],
    ),
    ("status.religious_leader", ["a religious leader", "un chef religieux", "un líder religioso", "زعيم ديني"]),
    (
        "status.minority_activist",
        ["a minority activist", "un militant d’une minorité", "un activista de una minoría", "ناشط من أقلية"],
    ),
    (
        "status.business_person",
        ["a business person", "une personne d’affaires", "una persona de negocios", "رجل أعمال"],
    ),
    (
        "status.former_head_of_state",
        ["a former head of state", "un ancien chef d’État", "un exjefe de Estado", "رئيس دولة سابق"],
    ),
    (
        "status.former_head_of_government",
        ["a former head of government", "un ancien chef de gouvernement", "un exjefe de Gobierno", "رئيس حكومة سابق"],
    ),
    ("status.former_minister", ["a former minister", "un ancien ministre", "un exministro", "وزير سابق"]),
];

/// The built-in policy's words and the bases the rules cite: English, then French, Spanish, Arabic.
/// The Constitution is the Statut in French and the Estatuto in Spanish; the RPD, the RTD in both.
pub(crate) const TERMS: &[(&str, [&str; 3])] = &[
    (
        "a purely political offence",
        ["une infraction purement politique", "un delito puramente político", "جريمة سياسية بحتة"],
    ),
    (
        "a purely military offence",
        ["une infraction purement militaire", "un delito puramente militar", "جريمة عسكرية بحتة"],
    ),
    ("a religious offence", ["une infraction religieuse", "un delito religioso", "جريمة دينية"]),
    (
        "an offence of a racial or ethnic character",
        [
            "une infraction à caractère racial ou ethnique",
            "un delito de carácter racial o étnico",
            "جريمة ذات طابع عرقي أو إثني",
        ],
    ),
    (
        "an offence about behavioural or cultural norms",
        [
            "une infraction relative à des normes de comportement ou culturelles",
            "un delito relativo a normas de conducta o culturales",
            "جريمة تتعلق بمعايير سلوكية أو ثقافية",
        ],
    ),
    (
        "an offence relating to family or private matters",
        [
            "une infraction relevant de questions familiales ou privées",
            "un delito relativo a asuntos familiares o privados",
            "جريمة تتعلق بشؤون أسرية أو خاصة",
        ],
    ),
    (
        "a private dispute or a breach of administrative rules",
        [
            "un litige privé ou une violation de règles administratives",
            "una controversia privada o una infracción de normas administrativas",
            "نزاع خاص أو مخالفة لقواعد إدارية",
        ],
    ),
    ("a terrorism charge", ["un chef de terrorisme", "un cargo de terrorismo", "تهمة إرهاب"]),
    ("an international crime", ["un crime international", "un crimen internacional", "جريمة دولية"]),
    ("an attack on civilians", ["une attaque contre des civils", "un ataque contra civiles", "هجوم على مدنيين"]),
    ("a military operation", ["une opération militaire", "una operación militar", "عملية عسكرية"]),
    ("an armed conflict", ["un conflit armé", "un conflicto armado", "نزاع مسلح"]),
    (
        "a coup or uprising",
        ["un coup d’État ou un soulèvement", "un golpe de Estado o un levantamiento", "انقلاب أو انتفاضة"],
    ),
    ("a political protest", ["une manifestation politique", "una protesta política", "احتجاج سياسي"]),
    ("an election", ["une élection", "una elección", "انتخابات"]),
    ("a publication or speech", ["une publication ou un discours", "una publicación o un discurso", "نشر أو خطاب"]),
    ("a religious practice", ["une pratique religieuse", "una práctica religiosa", "ممارسة دينية"]),
    (
        "an ethnic or racial conflict",
        ["un conflit ethnique ou racial", "un conflicto étnico o racial", "نزاع إثني أو عرقي"],
    ),
    ("a family dispute", ["un différend familial", "una disputa familiar", "نزاع أسري"]),
    ("a commercial dispute", ["un litige commercial", "una controversia comercial", "نزاع تجاري"]),
    ("a labour dispute", ["un conflit du travail", "un conflicto laboral", "نزاع عمالي"]),
    (
        "a breach of administrative rules",
        ["une violation de règles administratives", "una infracción de normas administrativas", "مخالفة لقواعد إدارية"],
    ),
    (
        "a serving head of state, head of government or foreign minister is immune from foreign criminal jurisdiction, and a notice against one is political by its nature",
        [
            "un chef d’État, un chef de gouvernement ou un ministre des affaires étrangères en exercice jouit de l’immunité de juridiction pénale étrangère, et une notice à son encontre est politique par nature",
            "un jefe de Estado, un jefe de Gobierno o un ministro de Asuntos Exteriores en ejercicio goza de inmunidad de jurisdicción penal extranjera, y una notificación contra él es política por naturaleza",
            "يتمتع رئيس الدولة أو رئيس الحكومة أو وزير الخارجية أثناء توليه منصبه بالحصانة من الولاية القضائية الجنائية الأجنبية، والنشرة الصادرة ضده سياسية بطبيعتها",
        ],
    ),
    (
        "judges and prosecutors of international courts act for the international community; a country's notice against one targets the court's work",
        [
            "les juges et procureurs des juridictions internationales agissent pour la communauté internationale ; la notice d’un pays contre l’un d’eux vise le travail de la juridiction",
            "los jueces y fiscales de los tribunales internacionales actúan en nombre de la comunidad internacional; la notificación de un país contra uno de ellos ataca la labor del tribunal",
            "يعمل قضاة المحاكم الدولية ومدعوها باسم المجتمع الدولي؛ ونشرة دولة ضد أحدهم تستهدف عمل المحكمة",
        ],
    ),
    (
        "requests against politicians and officials are examined for a political element, as in the AMIA case where notices were refused for a former president, foreign minister and ambassador",
        [
            "les demandes visant des responsables politiques et des agents publics sont examinées pour y déceler un élément politique, comme dans l’affaire AMIA où des notices furent refusées contre un ancien président, un ministre des affaires étrangères et un ambassadeur",
            "las solicitudes contra políticos y funcionarios se examinan en busca de un elemento político, como en el caso AMIA, en que se denegaron notificaciones contra un expresidente, un ministro de Asuntos Exteriores y un embajador",
            "تُفحص الطلبات الموجهة ضد السياسيين والمسؤولين بحثًا عن عنصر سياسي، كما في قضية آميا حيث رُفضت نشرات ضد رئيس سابق ووزير خارجية وسفير",
        ],
    ),
    (
        "acts of members of armed forces in their service may be military in character",
        [
            "les actes des membres des forces armées dans leur service peuvent avoir un caractère militaire",
            "los actos de los miembros de las fuerzas armadas en el servicio pueden tener carácter militar",
            "قد تكون لأفعال أفراد القوات المسلحة أثناء الخدمة طابع عسكري",
        ],
    ),
    (
        "people in this position are the usual targets of politically motivated requests",
        [
            "les personnes dans cette situation sont les cibles habituelles des demandes à motivation politique",
            "las personas en esta situación son los blancos habituales de las solicitudes con motivación política",
            "الأشخاص في هذا الوضع هم الأهداف المعتادة للطلبات ذات الدوافع السياسية",
        ],
    ),
    ("Constitution art. 3", ["Statut, art. 3", "Estatuto, art. 3", "القانون الأساسي، المادة 3"]),
    (
        "Constitution art. 3 (1984 resolution on terrorism)",
        [
            "Statut, art. 3 (résolution de 1984 sur le terrorisme)",
            "Estatuto, art. 3 (resolución de 1984 sobre el terrorismo)",
            "القانون الأساسي، المادة 3 (قرار 1984 بشأن الإرهاب)",
        ],
    ),
    (
        "Constitution art. 3 (1994 resolution on international crimes)",
        [
            "Statut, art. 3 (résolution de 1994 sur les crimes internationaux)",
            "Estatuto, art. 3 (resolución de 1994 sobre los crímenes internacionales)",
            "القانون الأساسي، المادة 3 (قرار 1994 بشأن الجرائم الدولية)",
        ],
    ),
    (
        "Constitution art. 3 (position of another country)",
        [
            "Statut, art. 3 (position d’un autre pays)",
            "Estatuto, art. 3 (posición de otro país)",
            "القانون الأساسي، المادة 3 (موقف بلد آخر)",
        ],
    ),
    (
        "Constitution art. 3 (Repository of Practice: purely military offences)",
        [
            "Statut, art. 3 (Recueil de pratiques : infractions purement militaires)",
            "Estatuto, art. 3 (Repertorio de Prácticas: delitos puramente militares)",
            "القانون الأساسي، المادة 3 (مجموعة الممارسات: الجرائم العسكرية البحتة)",
        ],
    ),
    (
        "Constitution art. 3 (Repository of Practice: coups and unconstitutional seizures of power)",
        [
            "Statut, art. 3 (Recueil de pratiques : coups d’État et prises de pouvoir inconstitutionnelles)",
            "Estatuto, art. 3 (Repertorio de Prácticas: golpes de Estado y tomas inconstitucionales del poder)",
            "القانون الأساسي، المادة 3 (مجموعة الممارسات: الانقلابات والاستيلاء غير الدستوري على السلطة)",
        ],
    ),
    (
        "Constitution art. 3 (Repository of Practice: politicians and former politicians)",
        [
            "Statut, art. 3 (Recueil de pratiques : responsables politiques, anciens ou en fonction)",
            "Estatuto, art. 3 (Repertorio de Prácticas: políticos y antiguos políticos)",
            "القانون الأساسي، المادة 3 (مجموعة الممارسات: السياسيون والسياسيون السابقون)",
        ],
    ),
    (
        "Constitution art. 3; immunity of serving heads of state, heads of government and foreign ministers",
        [
            "Statut, art. 3 ; immunité des chefs d’État, chefs de gouvernement et ministres des affaires étrangères en exercice",
            "Estatuto, art. 3; inmunidad de los jefes de Estado, jefes de Gobierno y ministros de Asuntos Exteriores en ejercicio",
            "القانون الأساسي، المادة 3؛ حصانة رؤساء الدول ورؤساء الحكومات ووزراء الخارجية أثناء توليهم مناصبهم",
        ],
    ),
    (
        "Constitution art. 3; immunity of officials of international courts",
        [
            "Statut, art. 3 ; immunité des membres des juridictions internationales",
            "Estatuto, art. 3; inmunidad de los miembros de los tribunales internacionales",
            "القانون الأساسي، المادة 3؛ حصانة أعضاء المحاكم الدولية",
        ],
    ),
    (
        "Constitution arts. 2 and 3 (Repository of Practice: politicians, freedom of expression, religion)",
        [
            "Statut, art. 2 et 3 (Recueil de pratiques : responsables politiques, liberté d’expression, religion)",
            "Estatuto, arts. 2 y 3 (Repertorio de Prácticas: políticos, libertad de expresión, religión)",
            "القانون الأساسي، المادتان 2 و3 (مجموعة الممارسات: السياسيون، حرية التعبير، الدين)",
        ],
    ),
    (
        "Constitution arts. 2 and 3 (Repository of Practice: freedom of expression)",
        [
            "Statut, art. 2 et 3 (Recueil de pratiques : liberté d’expression)",
            "Estatuto, arts. 2 y 3 (Repertorio de Prácticas: libertad de expresión)",
            "القانون الأساسي، المادتان 2 و3 (مجموعة الممارسات: حرية التعبير)",
        ],
    ),
    (
        "Constitution art. 2 (fair trial)",
        [
            "Statut, art. 2 (procès équitable)",
            "Estatuto, art. 2 (juicio justo)",
            "القانون الأساسي، المادة 2 (المحاكمة العادلة)",
        ],
    ),
    (
        "RPD art. 83(1)(a)(i)",
        ["RTD, art. 83(1)(a)(i)", "RTD, art. 83(1)(a)(i)", "قواعد معالجة البيانات، المادة 83(1)(أ)(1)"],
    ),
    (
        "RPD art. 83(1)(a)(ii)",
        ["RTD, art. 83(1)(a)(ii)", "RTD, art. 83(1)(a)(ii)", "قواعد معالجة البيانات، المادة 83(1)(أ)(2)"],
    ),
    (
        "RPD art. 83(1)(a)(iii)",
        ["RTD, art. 83(1)(a)(iii)", "RTD, art. 83(1)(a)(iii)", "قواعد معالجة البيانات، المادة 83(1)(أ)(3)"],
    ),
    (
        "RPD art. 83(1)(b)(i)",
        ["RTD, art. 83(1)(b)(i)", "RTD, art. 83(1)(b)(i)", "قواعد معالجة البيانات، المادة 83(1)(ب)(1)"],
    ),
    (
        "RPD art. 83(1)(b)(ii)",
        ["RTD, art. 83(1)(b)(ii)", "RTD, art. 83(1)(b)(ii)", "قواعد معالجة البيانات، المادة 83(1)(ب)(2)"],
    ),
    ("RPD art. 83(2)", ["RTD, art. 83(2)", "RTD, art. 83(2)", "قواعد معالجة البيانات، المادة 83(2)"]),
    (
        "Constitution arts. 2 and 3 (predominance test)",
        [
            "Statut, art. 2 et 3 (critère de prédominance)",
            "Estatuto, arts. 2 y 3 (prueba de predominio)",
            "القانون الأساسي، المادتان 2 و3 (اختبار الغلبة)",
        ],
    ),
    ("RPD art. 12", ["RTD, art. 12", "RTD, art. 12", "قواعد معالجة البيانات، المادة 12"]),
    (
        "RPD art. 83(2)(b)(i)",
        ["RTD, art. 83(2)(b)(i)", "RTD, art. 83(2)(b)(i)", "قواعد معالجة البيانات، المادة 83(2)(ب)(1)"],
    ),
    (
        "INTERPOL refugee policy (2015)",
        [
            "Politique d’INTERPOL sur les réfugiés (2015)",
            "Política de INTERPOL sobre los refugiados (2015)",
            "سياسة الإنتربول بشأن اللاجئين (2015)",
        ],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = text.split('{').skip(1).filter_map(|rest| rest.split('}').next()).collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn every_sentence_has_the_same_values_in_every_language() {
        for (key, texts) in SENTENCES {
            let english = placeholders(texts[0]);
            for text in &texts[1..] {
                assert_eq!(placeholders(text), english, "{key}: {text}");
            }
        }
        let mut keys: Vec<&str> = SENTENCES.iter().map(|(key, _)| *key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), SENTENCES.len(), "a key is in the catalogue twice");
    }

    /// The keys the rules name, read from their source: `say("…"` and the sentences handed on.
    #[test]
    fn every_sentence_the_rules_say_is_in_the_catalogue() {
        let source = include_str!("check.rs");
        let mut keys: Vec<String> =
            source.split("say(\"").skip(1).filter_map(|rest| rest.split('"').next()).map(str::to_string).collect();
        for prefix in ["missing.", "consequence.", "refugee.protected"] {
            let quoted = format!("\"{prefix}");
            keys.extend(
                source
                    .split(&quoted)
                    .skip(1)
                    .filter_map(|rest| rest.split('"').next())
                    .map(|rest| format!("{prefix}{rest}")),
            );
        }
        assert!(keys.len() > 50, "only {} keys found", keys.len());
        for key in &keys {
            assert!(sentence(key).is_some(), "{key} is not in the catalogue");
        }
    }

    #[test]
    fn values_go_in_their_own_language() {
        let said = say("category.charged", &[("evidence", &Said::verbatim("X")), ("label", &term("an election"))]);
        assert_eq!(said.english(), "X is an election");
        assert_eq!(said.in_language(WorkingLanguage::Fr), "X est une élection");
        assert_eq!(said.in_language(WorkingLanguage::Ar), "X تمثل انتخابات");
        assert_eq!(term("an operator's own words").in_language(WorkingLanguage::Es), "an operator's own words");
    }

    #[test]
    fn every_word_of_the_built_in_policy_is_translated() {
        let policy = crate::Policy::built_in();
        let words = policy
            .categories
            .iter()
            .flat_map(|c| [&c.label, &c.basis])
            .chain(policy.contexts.iter().flat_map(|c| [&c.label, &c.basis]))
            .chain(policy.statuses.iter().filter(|s| s.severity.is_some()).flat_map(|s| [&s.reason, &s.basis]));
        for english in words {
            assert_ne!(term(english).in_language(WorkingLanguage::Fr), english, "no translation of {english:?}");
        }
    }

    #[test]
    fn every_status_has_a_name() {
        for status in Status::ALL {
            let said = self::status(status);
            assert!(said.english().starts_with('a'), "{status:?} has no name: {}", said.english());
        }
    }
}
