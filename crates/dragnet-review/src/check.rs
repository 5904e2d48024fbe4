//! The rules of the check. Request-wide findings (charges, facts, judicial data, third parties) are
//! worked out once; each subject then adds its own (identity, status, the register) and gets a report.

use dragnet_domain::Requester;
use dragnet_domain::person::{Person, Status};
use dragnet_domain::request::{Context, NoticeKind, NoticeRequest, Penalty, Purpose};

use crate::policy::{OfficeHolder, Policy};
use crate::text::Words;
use crate::{Finding, Recommendation, Report, Severity, SubjectReport};

/// Categories the rules treat one by one rather than as a plain bar.
const TERRORISM: &str = "terrorism";
const INTERNATIONAL_CRIMES: &str = "international_crimes";
const ATTACK_ON_CIVILIANS: &str = "attack_on_civilians";

/// Penalty thresholds of RPD art. 83(1)(b), in months.
const PROSECUTION_THRESHOLD_MONTHS: u32 = 24;
const SENTENCE_THRESHOLD_MONTHS: u32 = 6;

/// A charge punishable by this much is a serious crime: the RPD 83 exclusions (prostitution, debts…)
/// do not apply to offences that facilitate one, so the summary's mention of them is only information.
const SERIOUS_CRIME_MONTHS: u32 = 48;

/// A summary shorter than this cannot say who did what, when and where.
const MIN_SUMMARY_WORDS: usize = 12;

/// Statuses of people who act for a state, whose acts in a military operation are the state's.
const STATE_ACTORS: [Status; 8] = [
    Status::HeadOfState,
    Status::HeadOfGovernment,
    Status::ForeignMinister,
    Status::Minister,
    Status::SeniorOfficial,
    Status::MilitaryOfficer,
    Status::ArmedForcesMember,
    Status::Diplomat,
];

const MONTH_NAMES: [&str; 48] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "يناير",
    "فبراير",
    "مارس",
    "ابريل",
    "مايو",
    "يونيو",
    "يوليو",
    "اغسطس",
    "سبتمبر",
    "اكتوبر",
    "نوفمبر",
    "ديسمبر",
];

fn finding(rule: &str, basis: &str, severity: Severity, message: String) -> Finding {
    Finding { rule: rule.to_string(), basis: basis.to_string(), severity, message }
}

/// The request's free texts, cut into words once.
struct Texts<'a> {
    summary: Words<'a>,
    /// Each charge's title and law.
    charges: Vec<(Words<'a>, Words<'a>)>,
}

impl<'a> Texts<'a> {
    fn read(request: &'a NoticeRequest) -> Self {
        let summary = request.offence.as_ref().and_then(|o| o.summary.as_deref()).unwrap_or("");
        Texts {
            summary: Words::new(summary),
            charges: request
                .charges
                .iter()
                .map(|c| (Words::new(&c.title), Words::new(c.law.as_deref().unwrap_or(""))))
                .collect(),
        }
    }
}

/// Checks a request against the policy: one report per subject, and the heaviest as the request's.
pub fn check(request: &NoticeRequest, policy: &Policy) -> Report {
    let texts = Texts::read(request);
    let facts = RequestFacts::read(request, policy, &texts);
    let shared = request_findings(request, policy, &facts, &texts);
    let subjects: Vec<SubjectReport> = request
        .subjects
        .iter()
        .enumerate()
        .map(|(index, subject)| {
            let mut findings = subject_findings(request, policy, &facts, index, subject);
            findings.extend(shared.iter().cloned());
            if let (true, Some(charge)) = (facts.international_crimes_exception, &facts.international_crimes_charged) {
                apply_international_crimes_exception(&mut findings, charge);
            }
            findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
            SubjectReport {
                name: subject.display_name(),
                recommendation: Recommendation::from_findings(&findings),
                findings,
            }
        })
        .collect();
    let recommendation = subjects.iter().map(|s| s.recommendation).max().unwrap_or(Recommendation::Clear);
    Report { recommendation, subjects }
}

/// What the whole request shows, read once.
struct RequestFacts {
    /// Contexts, declared or found in the summary, with the words that showed an undeclared one.
    contexts: Vec<(Context, Option<String>)>,
    terrorism_charged: Option<String>,
    civilians_attacked: Option<String>,
    international_crimes_charged: Option<String>,
    international_crimes_exception: bool,
}

impl RequestFacts {
    fn read(request: &NoticeRequest, policy: &Policy, texts: &Texts) -> Self {
        let summary_words = &texts.summary;
        let declared: Vec<Context> = request.offence.as_ref().map(|o| o.context.clone()).unwrap_or_default();
        let mut contexts: Vec<(Context, Option<String>)> = declared.iter().map(|c| (*c, None)).collect();
        for rule in &policy.contexts {
            if declared.contains(&rule.tag) {
                continue;
            }
            if let Some(evidence) = rule.phrases.iter().find_map(|p| summary_words.find(p)) {
                contexts.push((rule.tag, Some(evidence.to_string())));
            }
        }
        let in_charges = |id: &str| policy.category(id).and_then(|category| charge_evidence(request, texts, category));
        let in_summary = |id: &str| {
            policy
                .category(id)
                .and_then(|category| category.phrases.iter().find_map(|p| summary_words.find(p)))
                .map(str::to_string)
        };
        let international_crimes_charged = in_charges(INTERNATIONAL_CRIMES);
        RequestFacts {
            contexts,
            terrorism_charged: in_charges(TERRORISM),
            civilians_attacked: in_summary(ATTACK_ON_CIVILIANS),
            international_crimes_exception: international_crimes_charged.is_some()
                && request.requested_by.is_international_entity(),
            international_crimes_charged,
        }
    }

    fn has_context(&self, context: Context) -> Option<&(Context, Option<String>)> {
        self.contexts.iter().find(|(c, _)| *c == context)
    }
}

/// The first charge (title, then law) in which a category's phrase appears, described for a reviewer.
fn charge_evidence(
    request: &NoticeRequest,
    texts: &Texts,
    category: &crate::policy::OffenceCategory,
) -> Option<String> {
    request.charges.iter().zip(&texts.charges).find_map(|(charge, (title_words, law_words))| {
        let words = category.phrases.iter().find_map(|p| title_words.find(p).or_else(|| law_words.find(p)))?;
        let law = charge.law.as_deref().unwrap_or("");
        let cited = if law.trim().is_empty() { String::new() } else { format!(" ({law})") };
        let by_words =
            if words == charge.title { String::new() } else { format!(" (by the words \u{201c}{words}\u{201d})") };
        Some(format!("the charge \u{201c}{}\u{201d}{cited}{by_words}", charge.title))
    })
}

fn request_findings(request: &NoticeRequest, policy: &Policy, facts: &RequestFacts, texts: &Texts) -> Vec<Finding> {
    let mut findings = Vec::new();
    minimum_case_data(request, &mut findings);
    penalty_threshold(request, &mut findings);
    offence_categories(request, policy, texts, &mut findings);
    terrorism(facts, &mut findings);
    contexts(policy, facts, &mut findings);
    concreteness(request, texts, &mut findings);
    third_parties(request, &mut findings);
    findings
}

/// Whether the kind needs the judicial data of a wanted person (a red notice, or a diffusion to arrest).
fn wants_arrest(request: &NoticeRequest) -> bool {
    request.kind == NoticeKind::Red || (request.kind == NoticeKind::Diffusion && request.judicial.is_some())
}

/// Missing minimum data: `minimum.identity` for a subject's, `minimum.case` for the request's own.
fn missing(field: &str, why: &str) -> Finding {
    let rule = if field.starts_with("subjects[") { "minimum.identity" } else { "minimum.case" };
    finding(rule, "RPD art. 83(2)", Severity::Incomplete, format!("{field} is missing: {why}"))
}

fn minimum_case_data(request: &NoticeRequest, findings: &mut Vec<Finding>) {
    let offence = request.offence.as_ref();
    let summary = offence.and_then(|o| o.summary.as_deref());
    let needs_summary = request.kind != NoticeKind::UnSpecial;
    if needs_summary && summary.is_none() {
        findings.push(missing("offence.summary", "a notice states the facts it rests on"));
    }
    if request.kind == NoticeKind::Yellow {
        if offence.and_then(|o| o.date).is_none() {
            findings.push(missing("offence.date", "a yellow notice gives the date of the disappearance"));
        }
        if offence.and_then(|o| o.place.as_deref()).is_none() {
            findings.push(missing("offence.place", "a yellow notice gives the place of the disappearance"));
        }
    }
    if !wants_arrest(request) {
        return;
    }
    if offence.and_then(|o| o.date).is_none() {
        findings.push(missing("offence.date", "the summary of facts must say when the offence was committed"));
    }
    if offence.and_then(|o| o.place.as_deref()).is_none() {
        findings.push(missing("offence.place", "the summary of facts must say where the offence was committed"));
    }
    if request.charges.is_empty() {
        findings.push(missing("charges", "a wanted person's notice names the charges"));
    }
    let Some(judicial) = &request.judicial else {
        findings.push(missing("judicial", "the warrant or judicial decision, and the penalty, are required"));
        return;
    };
    for (i, charge) in request.charges.iter().enumerate() {
        if charge.law.as_deref().is_none_or(|law| law.trim().is_empty()) {
            findings.push(missing(&format!("charges[{i}].law"), "each charge cites the law that makes it an offence"));
        }
        if judicial.purpose == Purpose::Prosecution && charge.max_penalty.is_none() {
            findings.push(missing(
                &format!("charges[{i}].max_penalty"),
                "the maximum penalty shows whether the threshold of two years is met",
            ));
        }
    }
    if judicial.warrant.is_none() {
        findings.push(missing("judicial.warrant", "a red notice rests on a valid arrest warrant or judicial decision"));
    }
    if judicial.purpose == Purpose::Sentence && judicial.sentence.is_none() {
        findings
            .push(missing("judicial.sentence", "a request to serve a sentence gives the sentence imposed and left"));
    }
    if judicial.extradition_sought_from.is_empty() {
        findings.push(missing(
            "judicial.extradition_sought_from",
            "the requester undertakes to seek extradition, and says from where",
        ));
    }
}

fn penalty_months(penalty: Penalty) -> u32 {
    match penalty {
        Penalty::Death | Penalty::Life => u32::MAX,
        Penalty::Imprisonment { months } => months,
        Penalty::Fine => 0,
    }
}

fn describe_months(months: u32) -> String {
    match months {
        0 => "a fine only".to_string(),
        m if m % 12 == 0 => format!("{} year{}", m / 12, if m == 12 { "" } else { "s" }),
        m => format!("{m} months"),
    }
}

fn penalty_threshold(request: &NoticeRequest, findings: &mut Vec<Finding>) {
    if !wants_arrest(request) {
        return;
    }
    let Some(judicial) = &request.judicial else { return };
    match judicial.purpose {
        Purpose::Prosecution => {
            let heaviest = request
                .charges
                .iter()
                .filter_map(|charge| charge.max_penalty.map(|p| (charge, penalty_months(p))))
                .max_by_key(|(_, months)| *months);
            if let Some((charge, months)) = heaviest.filter(|(_, months)| *months < PROSECUTION_THRESHOLD_MONTHS) {
                findings.push(finding(
                    "rpd83.penalty_threshold",
                    "RPD art. 83(1)(b)(i)",
                    Severity::Refuse,
                    format!(
                        "the heaviest charge, \u{201c}{}\u{201d}, carries at most {}; a red notice for prosecution needs an offence punishable by at least two years",
                        charge.title,
                        describe_months(months)
                    ),
                ));
            }
        }
        Purpose::Sentence => {
            if let Some(sentence) = judicial.sentence.filter(|s| {
                s.remaining_months < SENTENCE_THRESHOLD_MONTHS || s.imposed_months < SENTENCE_THRESHOLD_MONTHS
            }) {
                findings.push(finding(
                    "rpd83.penalty_threshold",
                    "RPD art. 83(1)(b)(ii)",
                    Severity::Refuse,
                    format!(
                        "the sentence is {} with {} left to serve; a red notice to serve a sentence needs at least six months imposed and left",
                        describe_months(sentence.imposed_months),
                        describe_months(sentence.remaining_months)
                    ),
                ));
            }
        }
    }
}

fn offence_categories(request: &NoticeRequest, policy: &Policy, texts: &Texts, findings: &mut Vec<Finding>) {
    let summary_words = &texts.summary;
    for category in &policy.categories {
        if [TERRORISM, INTERNATIONAL_CRIMES, ATTACK_ON_CIVILIANS].contains(&category.id.as_str()) {
            continue;
        }
        if let Some(evidence) = charge_evidence(request, texts, category) {
            findings.push(finding(
                &category.rule,
                &category.basis,
                category.severity,
                format!("{evidence} is {}", category.label),
            ));
        } else if let Some(words) = category.phrases.iter().find_map(|p| summary_words.find(p)) {
            let serious = serious_crime_charged(request) && category.rule.starts_with("rpd83.");
            let (severity, consequence) = if serious {
                (Severity::Info, "the charges are of a serious crime, which the exclusion does not cover")
            } else {
                (category.summary_severity, "the charges may be ordinary-law labels for it")
            };
            findings.push(finding(
                &category.rule,
                &category.basis,
                severity,
                format!("the summary of facts describes {}: \u{201c}{words}\u{201d}; {consequence}", category.label),
            ));
        }
    }
}

fn serious_crime_charged(request: &NoticeRequest) -> bool {
    request.charges.iter().filter_map(|c| c.max_penalty).any(|p| penalty_months(p) >= SERIOUS_CRIME_MONTHS)
}

fn terrorism(facts: &RequestFacts, findings: &mut Vec<Finding>) {
    let Some(charge) = &facts.terrorism_charged else { return };
    const BASIS: &str = "Constitution art. 3 (1984 resolution on terrorism)";
    match &facts.civilians_attacked {
        Some(words) => findings.push(finding(
            "art3.terrorism_ordinary_law",
            BASIS,
            Severity::Info,
            format!(
                "{charge} is a terrorism charge; the summary describes an attack on civilians (\u{201c}{words}\u{201d}), so the ordinary-law element predominates"
            ),
        )),
        None => findings.push(finding(
            "art3.terrorism",
            BASIS,
            Severity::Review,
            format!(
                "{charge} is a terrorism charge, and the summary shows no attack on civilians: admissible only where the ordinary-law element predominates"
            ),
        )),
    }
}

fn contexts(policy: &Policy, facts: &RequestFacts, findings: &mut Vec<Finding>) {
    for (tag, evidence) in &facts.contexts {
        let Some(rule) = policy.contexts.iter().find(|rule| rule.tag == *tag) else { continue };
        let (severity, message) = match evidence {
            None => (rule.severity, format!("the requester places the offence in the context of {}", rule.label)),
            Some(words) => (
                rule.summary_severity,
                format!(
                    "the summary of facts describes {} (\u{201c}{words}\u{201d}), though the requester does not say so",
                    rule.label
                ),
            ),
        };
        findings.push(finding(&rule.rule, &rule.basis, severity, message));
    }
}

fn concreteness(request: &NoticeRequest, texts: &Texts, findings: &mut Vec<Finding>) {
    if !wants_arrest(request) {
        return;
    }
    let Some(summary) = request.offence.as_ref().and_then(|o| o.summary.as_deref()) else { return };
    let words = &texts.summary;
    let has_time = words.words.iter().any(|w| {
        let text = w.folded.as_str();
        MONTH_NAMES.contains(&text)
            || (text.len() == 4 && text.chars().all(|c| c.is_ascii_digit()) && ("1900".."2200").contains(&text))
    });
    let mut gaps = Vec::new();
    if words.len() < MIN_SUMMARY_WORDS {
        gaps.push(format!("it has only {} words", words.len()));
    }
    if !has_time {
        gaps.push("it gives no date or year".to_string());
    }
    if !gaps.is_empty() {
        findings.push(finding(
            "rpd83.summary_not_concrete",
            "RPD art. 83(2)(b)(i)",
            Severity::Review,
            format!(
                "the summary of facts (\u{201c}{summary}\u{201d}) is not concrete about the subject's own acts, time and place: {}",
                gaps.join(", ")
            ),
        ));
    }
}

fn third_parties(request: &NoticeRequest, findings: &mut Vec<Finding>) {
    for objection in &request.third_party.objections {
        findings.push(finding(
            "art3.objection",
            "Constitution art. 3 (position of another country)",
            Severity::Review,
            format!("{} objects: \u{201c}{}\u{201d}", objection.country, objection.summary),
        ));
    }
    if request.judicial.as_ref().is_some_and(|j| j.in_absentia) {
        findings.push(finding(
            "rpd.in_absentia",
            "Constitution art. 2 (fair trial)",
            Severity::Review,
            "the subject was tried in absentia: check that a retrial is guaranteed".to_string(),
        ));
    }
}

fn subject_findings(
    request: &NoticeRequest,
    policy: &Policy,
    facts: &RequestFacts,
    index: usize,
    subject: &Person,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    minimum_identity(request, index, subject, &mut findings);

    // Statuses as declared, as the secretariat knows them, and as the register finds them.
    let mut statuses: Vec<(Status, String)> = Vec::new();
    for status in &subject.status {
        statuses.push((*status, "declared by the requester".to_string()));
    }
    for status in &request.third_party.subject_status {
        statuses.push((*status, "known to the secretariat".to_string()));
    }
    for (holder, dated) in policy.office_holders_matching(subject) {
        let source = register_description(holder, dated);
        if dated {
            statuses.push((holder.status, source));
        } else {
            findings.push(finding(
                "register.possible_office_holder",
                "Constitution art. 3",
                Severity::Review,
                format!("the name matches {source}; confirm whether this is the same person"),
            ));
        }
    }
    for rule in &policy.statuses {
        let Some(severity) = rule.severity else { continue };
        let held: Vec<String> = statuses
            .iter()
            .filter(|(status, _)| rule.tags.contains(status))
            .map(|(status, source)| format!("{} ({source})", with_article(&status_name(*status))))
            .collect();
        if !held.is_empty() {
            findings.push(finding(
                &rule.rule,
                &rule.basis,
                severity,
                format!("the subject is {}: {}", held.join(" and "), rule.reason),
            ));
        }
    }

    let state_actor = statuses.iter().find(|(status, _)| STATE_ACTORS.contains(status));
    if let (Some((_, evidence)), Some((status, _))) = (facts.has_context(Context::MilitaryOperation), state_actor) {
        let shown = match evidence {
            Some(words) => format!("the summary describes a military operation (\u{201c}{words}\u{201d})"),
            None => "the requester places the offence in a military operation".to_string(),
        };
        let message = format!(
            "{shown} and the subject is {}: acts of a state's forces in a military operation \
             are military in character, whatever the charge",
            with_article(&status_name(*status))
        );
        findings.push(finding("art3.military_operation", "Constitution art. 3", Severity::Refuse, message));
    }
    refugee(request, subject, &mut findings);
    findings
}

fn register_description(holder: &OfficeHolder, dated: bool) -> String {
    let since = holder.since.map(|d| format!(" since {d}")).unwrap_or_default();
    let born = match (holder.date_of_birth, dated) {
        (Some(date), true) => format!(", born {date} as the subject"),
        _ => String::new(),
    };
    format!("the office-holder register's {}, {}{since}{born}", holder.display_name, holder.office)
}

fn status_name(status: Status) -> String {
    serde_json::to_value(status).ok().and_then(|v| v.as_str().map(|s| s.replace('_', " "))).unwrap_or_default()
}

fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {noun}")
}

fn minimum_identity(request: &NoticeRequest, index: usize, subject: &Person, findings: &mut Vec<Finding>) {
    let path = |field: &str| format!("subjects[{index}].{field}");
    match request.kind {
        NoticeKind::Red => {
            if subject.family_name.is_some() && subject.forenames.is_none() {
                findings.push(missing(
                    &path("forenames"),
                    "a red notice identifies the subject by forename and family name",
                ));
            }
            if subject.sex.is_none() {
                findings.push(missing(&path("sex"), "a red notice gives the subject's sex"));
            }
            if subject.date_of_birth.is_none() {
                findings.push(missing(&path("date_of_birth"), "a red notice gives at least the year of birth"));
            }
            if subject.physical.as_ref().is_none_or(|p| p.is_empty()) && subject.identity_documents.is_empty() {
                findings.push(missing(
                    &path("physical"),
                    "a red notice carries a physical description or identity document data (physical or identity_documents)",
                ));
            }
        }
        NoticeKind::Yellow => {
            if subject.sex.is_none() {
                findings.push(missing(&path("sex"), "a yellow notice gives the missing person's sex"));
            }
            if subject.date_of_birth.is_none() {
                findings.push(missing(&path("date_of_birth"), "a yellow notice gives at least the year of birth"));
            }
        }
        NoticeKind::Diffusion
            if request.judicial.is_some()
                && subject.date_of_birth.is_none()
                && subject.identity_documents.is_empty() =>
        {
            findings.push(missing(
                &path("date_of_birth"),
                "a diffusion to arrest identifies the subject by date of birth or identity document",
            ));
        }
        _ => {}
    }
}

fn refugee(request: &NoticeRequest, subject: &Person, findings: &mut Vec<Finding>) {
    let Some(status) = request.third_party.refugee_status else { return };
    const BASIS: &str = "INTERPOL refugee policy (2015)";
    let Requester::Member(requester) = request.requested_by else {
        findings.push(finding(
            "refugee.status",
            BASIS,
            Severity::Review,
            format!("the subject holds refugee status (granted in {}); check the grounds", status.year),
        ));
        return;
    };
    let from_home_country = subject.nationalities.is_empty() || subject.nationalities.contains(&requester);
    if from_home_country {
        findings.push(finding(
            "refugee.protected",
            BASIS,
            Severity::Refuse,
            format!(
                "the subject was granted refugee status in {} and the request comes from {requester}, the country of {} nationality, where persecution is feared",
                status.year,
                if subject.nationalities.is_empty() { "presumed" } else { "their" }
            ),
        ));
    } else {
        findings.push(finding(
            "refugee.status",
            BASIS,
            Severity::Review,
            format!(
                "the subject was granted refugee status in {}; check it was not on grounds of fear of {requester}",
                status.year
            ),
        ));
    }
}

/// International crimes requested by an international court are admissible even against a head
/// of state (1994 resolution; the ICC's 2011 notices): the art. 3 bars become information.
fn apply_international_crimes_exception(findings: &mut Vec<Finding>, charge: &str) {
    for finding in findings.iter_mut() {
        if finding.rule.starts_with("art3.") && matches!(finding.severity, Severity::Refuse | Severity::Review) {
            finding.severity = Severity::Info;
            finding.message.push_str(
                " (not a bar here: international crimes requested by an international court are admissible under the 1994 resolution)",
            );
        }
    }
    findings.push(finding(
        "art3.international_crimes",
        "Constitution art. 3 (1994 resolution on international crimes)",
        Severity::Info,
        format!("{charge} is an international crime and the request comes from an international court: the art. 3 status rules do not bar it"),
    ));
}
