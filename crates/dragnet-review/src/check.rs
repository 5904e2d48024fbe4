//! The rules of the check. Request-wide findings (charges, facts, judicial data, third parties) are
//! worked out once; each subject then adds its own (identity, status, the register) and gets a report.

use dragnet_domain::knowledge::{Known, KnownItem};
use dragnet_domain::person::{Person, Status};
use dragnet_domain::request::{Context, NoticeKind, NoticeRequest, Penalty, Purpose, RefugeeStatus};
use dragnet_domain::{PartialDate, Requester};

use crate::acts::{self, ActReading};
use crate::language::{self, Said, say, term};
use crate::policy::{OfficeHolder, Policy};
use crate::register::Identity;
use crate::text::Words;
use crate::{Duplicate, Finding, Knowledge, Recommendation, Report, Severity, SubjectReport};

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

fn finding(rule: &str, basis: &str, severity: Severity, message: Said) -> Finding {
    Finding::new(rule, &term(basis), severity, &message)
}

fn verbatim(text: &str) -> Said {
    Said::verbatim(text)
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
/// The request is judged as a whole: subjects named in one warrant for one act share what that act is.
pub fn check(request: &NoticeRequest, policy: &Policy) -> Report {
    check_with(request, policy, &Knowledge::default())
}

/// The check, weighing also what the secretariat knows from its records.
pub fn check_with(request: &NoticeRequest, policy: &Policy, knowledge: &Knowledge) -> Report {
    let texts = Texts::read(request);
    let facts = RequestFacts::read(request, policy, &texts);
    let shared = request_findings(request, policy, knowledge, &facts, &texts);
    let standings: Vec<Standing> = request
        .subjects
        .iter()
        .enumerate()
        .map(|(index, subject)| standing(request, policy, knowledge, &texts.summary, index, subject))
        .collect();
    let subjects: Vec<SubjectReport> = request
        .subjects
        .iter()
        .enumerate()
        .map(|(index, subject)| {
            let mut findings = subject_findings(request, policy, knowledge, index, subject, &standings[index]);
            military_character(request, &facts, &standings, index, &mut findings);
            findings.extend(shared.iter().cloned());
            facts_before_birth(request, index, subject, &mut findings);
            duplicates(knowledge.duplicates.iter().filter(|d| d.subject == index), &mut findings);
            predominance(policy, &mut findings);
            if let (true, Some(charge)) = (facts.international_crimes_exception, &facts.international_crimes_charged) {
                apply_international_crimes_exception(&mut findings, charge);
            }
            findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
            SubjectReport {
                name: subject.display_name(),
                recommendation: crate::recommendation_of(&findings),
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
    terrorism_charged: Option<Said>,
    civilians_attacked: Option<String>,
    international_crimes_charged: Option<Said>,
    international_crimes_exception: bool,
    /// The act as the summary describes it, by meaning.
    acts: ActReading,
}

impl RequestFacts {
    fn read(request: &NoticeRequest, policy: &Policy, texts: &Texts) -> Self {
        let summary_words = &texts.summary;
        let declared: Vec<Context> = request.offence.as_ref().map(|o| o.context.clone()).unwrap_or_default();
        let mut contexts: Vec<(Context, Option<String>)> = declared.iter().map(|c| (*c, None)).collect();
        let acts = acts::read(texts.summary.original, &policy.acts);
        for rule in &policy.contexts {
            if declared.contains(&rule.tag) {
                continue;
            }
            let mut evidence = rule.phrases.iter().find_map(|p| summary_words.find(p)).map(str::to_string);
            if rule.tag == Context::MilitaryOperation {
                // What was done, not what it is called: a renamed weapon does not stop being one.
                evidence = evidence.or_else(|| acts.military_operation());
            }
            if let Some(evidence) = evidence {
                contexts.push((rule.tag, Some(evidence)));
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
            acts,
        }
    }

    fn has_context(&self, context: Context) -> Option<&(Context, Option<String>)> {
        self.contexts.iter().find(|(c, _)| *c == context)
    }
}

/// The first charge (title, then law) in which a category's phrase appears, described for a reviewer.
fn charge_evidence(request: &NoticeRequest, texts: &Texts, category: &crate::policy::OffenceCategory) -> Option<Said> {
    request.charges.iter().zip(&texts.charges).find_map(|(charge, (title_words, law_words))| {
        let words = category.phrases.iter().find_map(|p| title_words.find(p).or_else(|| law_words.find(p)))?;
        let law = charge.law.as_deref().unwrap_or("");
        let cited = verbatim(&if law.trim().is_empty() { String::new() } else { format!(" ({law})") });
        let by_words =
            if words == charge.title { verbatim("") } else { say("evidence.by_words", &[("words", &verbatim(words))]) };
        Some(say("evidence.charge", &[("title", &verbatim(&charge.title)), ("law", &cited), ("words", &by_words)]))
    })
}

fn request_findings(
    request: &NoticeRequest,
    policy: &Policy,
    knowledge: &Knowledge,
    facts: &RequestFacts,
    texts: &Texts,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    minimum_case_data(request, &mut findings);
    penalty_threshold(request, &mut findings);
    offence_categories(request, policy, texts, &mut findings);
    terrorism(facts, &mut findings);
    contexts(request, policy, facts, &mut findings);
    concreteness(request, texts, &mut findings);
    third_parties(request, knowledge, &mut findings);
    warrant_before_offence(request, &mut findings);
    sentence_above_maximum(request, &mut findings);
    findings
}

/// Whether the kind needs the judicial data of a wanted person (a red notice, or a diffusion to arrest).
fn wants_arrest(request: &NoticeRequest) -> bool {
    request.kind == NoticeKind::Red || (request.kind == NoticeKind::Diffusion && request.judicial.is_some())
}

/// Missing minimum data: `minimum.identity` for a subject's, `minimum.case` for the request's own.
/// `why` is the catalogue's sentence that says why the field is needed.
fn missing(field: &str, why: &str) -> Finding {
    let rule = if field.starts_with("subjects[") { "minimum.identity" } else { "minimum.case" };
    let message = say("missing", &[("field", &verbatim(field)), ("why", &say(why, &[]))]);
    finding(rule, "RPD art. 83(2)", Severity::Incomplete, message)
}

fn minimum_case_data(request: &NoticeRequest, findings: &mut Vec<Finding>) {
    let offence = request.offence.as_ref();
    let summary = offence.and_then(|o| o.summary.as_deref());
    let needs_summary = request.kind != NoticeKind::UnSpecial;
    if needs_summary && summary.is_none() {
        findings.push(missing("offence.summary", "missing.summary"));
    }
    if request.kind == NoticeKind::Yellow {
        if offence.and_then(|o| o.date).is_none() {
            findings.push(missing("offence.date", "missing.yellow_date"));
        }
        if offence.and_then(|o| o.place.as_deref()).is_none() {
            findings.push(missing("offence.place", "missing.yellow_place"));
        }
    }
    if !wants_arrest(request) {
        return;
    }
    if offence.and_then(|o| o.date).is_none() {
        findings.push(missing("offence.date", "missing.offence_date"));
    }
    if offence.and_then(|o| o.place.as_deref()).is_none() {
        findings.push(missing("offence.place", "missing.offence_place"));
    }
    if request.charges.is_empty() {
        findings.push(missing("charges", "missing.charges"));
    }
    let Some(judicial) = &request.judicial else {
        findings.push(missing("judicial", "missing.judicial"));
        return;
    };
    for (i, charge) in request.charges.iter().enumerate() {
        if charge.law.as_deref().is_none_or(|law| law.trim().is_empty()) {
            findings.push(missing(&format!("charges[{i}].law"), "missing.law"));
        }
        if judicial.purpose == Purpose::Prosecution && charge.max_penalty.is_none() {
            findings.push(missing(&format!("charges[{i}].max_penalty"), "missing.max_penalty"));
        }
    }
    if judicial.warrant.is_none() {
        findings.push(missing("judicial.warrant", "missing.warrant"));
    }
    if judicial.purpose == Purpose::Sentence && judicial.sentence.is_none() {
        findings.push(missing("judicial.sentence", "missing.sentence"));
    }
    if judicial.extradition_sought_from.is_empty() {
        findings.push(missing("judicial.extradition_sought_from", "missing.extradition"));
    }
}

fn penalty_months(penalty: Penalty) -> u32 {
    match penalty {
        Penalty::Death | Penalty::Life => u32::MAX,
        Penalty::Imprisonment { months } => months,
        Penalty::Fine => 0,
    }
}

fn describe_months(months: u32) -> Said {
    match months {
        0 => say("months.fine", &[]),
        12 => say("months.one_year", &[]),
        m if m % 12 == 0 => say("months.years", &[("n", &verbatim(&(m / 12).to_string()))]),
        m => say("months.months", &[("n", &verbatim(&m.to_string()))]),
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
                    say(
                        "penalty.prosecution",
                        &[("charge", &verbatim(&charge.title)), ("penalty", &describe_months(months))],
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
                    say(
                        "penalty.sentence",
                        &[
                            ("imposed", &describe_months(sentence.imposed_months)),
                            ("left", &describe_months(sentence.remaining_months)),
                        ],
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
                say("category.charged", &[("evidence", &evidence), ("label", &term(&category.label))]),
            ));
        } else if let Some(words) = category.phrases.iter().find_map(|p| summary_words.find(p)) {
            let serious = serious_crime_charged(request) && category.rule.starts_with("rpd83.");
            let (severity, consequence) = if serious {
                (Severity::Info, "consequence.serious")
            } else {
                (category.summary_severity, "consequence.labels")
            };
            let message = say(
                "category.summary",
                &[
                    ("label", &term(&category.label)),
                    ("words", &verbatim(words)),
                    ("consequence", &say(consequence, &[])),
                ],
            );
            findings.push(finding(&category.rule, &category.basis, severity, message));
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
            say("terrorism.ordinary_law", &[("charge", charge), ("words", &verbatim(words))]),
        )),
        None => findings.push(finding(
            "art3.terrorism",
            BASIS,
            Severity::Review,
            say("terrorism.review", &[("charge", charge)]),
        )),
    }
}

fn contexts(request: &NoticeRequest, policy: &Policy, facts: &RequestFacts, findings: &mut Vec<Finding>) {
    for (tag, evidence) in &facts.contexts {
        let Some(rule) = policy.contexts.iter().find(|rule| rule.tag == *tag) else { continue };
        let label = term(&rule.label);
        let (severity, message) = match evidence {
            None => (rule.severity, say("context.declared", &[("label", &label)])),
            // A private or family setting the summary mentions does not make a serious crime a
            // private dispute (a murder after a divorce): as with the RPD 83 categories, information.
            Some(words) if rule.rule.starts_with("rpd83.") && serious_crime_charged(request) => {
                (Severity::Info, say("context.summary", &[("label", &label), ("words", &verbatim(words))]))
            }
            Some(words) => {
                (rule.summary_severity, say("context.summary", &[("label", &label), ("words", &verbatim(words))]))
            }
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
        gaps.push(say("concrete.few_words", &[("n", &verbatim(&words.len().to_string()))]));
    }
    if !has_time {
        gaps.push(say("concrete.no_date", &[]));
    }
    if !gaps.is_empty() {
        findings.push(finding(
            "rpd83.summary_not_concrete",
            "RPD art. 83(2)(b)(i)",
            Severity::Review,
            say("concrete", &[("summary", &verbatim(summary)), ("gaps", &Said::join(&gaps, "list.comma"))]),
        ));
    }
}

/// Where an item of knowledge comes from, as a finding cites it. The report is read by the
/// requesting bureau too: it names the General Secretariat, never a reviewer (the reviewers' own
/// page lists who recorded what).
fn recorded(known: &Known) -> Said {
    let on = match known.known_on {
        Some(date) => say("known.on", &[("date", &verbatim(&date.to_string()))]),
        None => verbatim(""),
    };
    say("source.recorded", &[("source", &verbatim(&known.source)), ("on", &on)])
}

fn concerns(known: &Known, index: usize) -> bool {
    known.subject.is_none_or(|subject| subject == index)
}

/// An objection a member country lodged itself, in its own words.
fn lodged_objection(known: &Known) -> Option<Finding> {
    let KnownItem::Objection { summary } = &known.item else { return None };
    let on = match known.known_on {
        Some(date) => say("known.on", &[("date", &verbatim(&date.to_string()))]),
        None => verbatim(""),
    };
    Some(finding(
        "art3.objection",
        "Constitution art. 3 (position of another country)",
        Severity::Review,
        say(
            "objection.lodged",
            &[
                ("country", &verbatim(known.country.as_deref().unwrap_or("?"))),
                ("on", &on),
                ("summary", &verbatim(summary)),
            ],
        ),
    ))
}

/// Objections: those lodged by the objecting countries themselves, and those the requester reports
/// (labelled as the requester's, and left out where that country lodged its own).
fn third_parties(request: &NoticeRequest, knowledge: &Knowledge, findings: &mut Vec<Finding>) {
    let lodged_by = |country: &str| {
        knowledge
            .known
            .iter()
            .any(|k| matches!(k.item, KnownItem::Objection { .. }) && k.country.as_deref() == Some(country))
    };
    for objection in &request.third_party.objections {
        if lodged_by(objection.country.as_str()) {
            continue;
        }
        findings.push(finding(
            "art3.objection",
            "Constitution art. 3 (position of another country)",
            Severity::Review,
            say(
                "objection.declared",
                &[("country", &verbatim(objection.country.as_str())), ("summary", &verbatim(&objection.summary))],
            ),
        ));
    }
    if request.judicial.as_ref().is_some_and(|j| j.in_absentia) {
        findings.push(finding(
            "rpd.in_absentia",
            "Constitution art. 2 (fair trial)",
            Severity::Review,
            say("in_absentia", &[]),
        ));
    }
}

/// A height or weight outside the usual human range is kept as given (a toddler is 37 cm) and
/// pointed out, so that the reviewer asks whether 18 was meant as 180.
fn implausible_measures(subject: &Person, findings: &mut Vec<Finding>) {
    let Some(physical) = &subject.physical else { return };
    if let Some(height) = physical.height_cm.filter(|h| !(40..=260).contains(h)) {
        let value = verbatim(&height.to_string());
        findings.push(finding(
            "data.implausible_height",
            "RPD art. 12",
            Severity::Info,
            say("data.height", &[("height", &value)]),
        ));
    }
    if let Some(weight) = physical.weight_kg.filter(|w| *w > 400) {
        let value = verbatim(&weight.to_string());
        findings.push(finding(
            "data.implausible_weight",
            "RPD art. 12",
            Severity::Info,
            say("data.weight", &[("weight", &value)]),
        ));
    }
}

/// A subject's statuses (declared, known, found in the register) with where each comes from, and the
/// register's entries a reviewer must confirm.
struct Standing {
    statuses: Vec<(Status, Said)>,
    to_confirm: Vec<Finding>,
}

impl Standing {
    /// The first status by which the subject acts for a state.
    fn state_actor(&self) -> Option<Status> {
        self.statuses.iter().map(|(status, _)| *status).find(|status| STATE_ACTORS.contains(status))
    }
}

/// Where the summary names the office the register gives `holder`, the words that do.
fn office_named<'a>(summary: &Words<'a>, holder: &OfficeHolder) -> Option<&'a str> {
    let office = crate::text::Phrase::parse(&holder.office).ok()?;
    summary.find(&office)
}

fn standing(
    request: &NoticeRequest,
    policy: &Policy,
    knowledge: &Knowledge,
    summary: &Words,
    index: usize,
    subject: &Person,
) -> Standing {
    let mut statuses: Vec<(Status, Said)> = Vec::new();
    let mut to_confirm = Vec::new();
    for status in &subject.status {
        statuses.push((*status, say("source.declared", &[])));
    }
    for status in &request.third_party.subject_status {
        statuses.push((*status, say("source.requester_known", &[])));
    }
    for known in knowledge.known.iter().filter(|known| concerns(known, index)) {
        if let KnownItem::Status { status } = known.item {
            statuses.push((status, recorded(known)));
        }
    }
    for found in policy.office_holders.matching(subject) {
        let confirmed = found.identity == Identity::Confirmed;
        let source = register_description(found.holder, confirmed);
        let message = match found.identity {
            Identity::Confirmed => {
                statuses.push((found.holder.status, source));
                continue;
            }
            Identity::ToConfirm => say("register.possible", &[("source", &source)]),
            // A namesake as a rule; but a summary that gives the subject the holder's own office
            // outweighs a date of birth that is wrong by a slip (or on purpose).
            Identity::Contradicted => match office_named(summary, found.holder) {
                Some(words) => say("register.office_named", &[("source", &source), ("words", &verbatim(words))]),
                None => continue,
            },
        };
        to_confirm.push(finding("register.possible_office_holder", "Constitution art. 3", Severity::Review, message));
    }
    Standing { statuses, to_confirm }
}

fn subject_findings(
    request: &NoticeRequest,
    policy: &Policy,
    knowledge: &Knowledge,
    index: usize,
    subject: &Person,
    standing: &Standing,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    minimum_identity(request, index, subject, &mut findings);
    implausible_measures(subject, &mut findings);
    findings.extend(standing.to_confirm.iter().cloned());
    for rule in &policy.statuses {
        let Some(severity) = rule.severity else { continue };
        let held: Vec<Said> = standing
            .statuses
            .iter()
            .filter(|(status, _)| rule.tags.contains(status))
            .map(|(status, source)| say("status.held", &[("status", &language::status(*status)), ("source", source)]))
            .collect();
        if !held.is_empty() {
            findings.push(finding(
                &rule.rule,
                &rule.basis,
                severity,
                say("status.finding", &[("held", &Said::join(&held, "list.and")), ("reason", &term(&rule.reason))]),
            ));
        }
    }
    let said_by_requester = request.third_party.refugee_status.map(|status| (status, say("source.declared", &[])));
    let recorded_statuses =
        knowledge.known.iter().filter(|known| concerns(known, index)).filter_map(|known| match known.item {
            KnownItem::RefugeeStatus { granted_by, year } => {
                Some((RefugeeStatus { granted_by, year }, recorded(known)))
            }
            _ => None,
        });
    for (status, source) in said_by_requester.into_iter().chain(recorded_statuses) {
        refugee(request, subject, status, &source, &mut findings);
    }
    // A country objects once however often it says so: its latest objection stands for it, so that
    // one hostile country cannot add up the signs of predominance alone.
    let mut latest: Vec<&Known> = Vec::new();
    for known in knowledge.known.iter().filter(|known| concerns(known, index)) {
        if !matches!(known.item, KnownItem::Objection { .. }) {
            continue;
        }
        latest.retain(|kept| kept.country != known.country);
        latest.push(known);
    }
    findings.extend(latest.into_iter().filter_map(lodged_objection));
    for known in knowledge.known.iter().filter(|known| concerns(known, index)) {
        if let KnownItem::Fact { text } = &known.item {
            let message = say("knowledge.fact", &[("source", &recorded(known)), ("text", &verbatim(text))]);
            findings.push(finding("knowledge.fact", "RPD art. 12", Severity::Info, message));
        }
    }
    findings
}

/// Acts of a state's forces in a military operation are the state's: a subject who acts for a state,
/// or is named in the same warrant with one who does, or whom the summary describes as acting for a
/// state, shares the operation's military character. An attack on civilians alone is not so covered:
/// an ordinary crime may predominate, and a reviewer weighs it.
fn military_character(
    request: &NoticeRequest,
    facts: &RequestFacts,
    standings: &[Standing],
    index: usize,
    findings: &mut Vec<Finding>,
) {
    let own = standings[index].state_actor();
    let named_with = standings
        .iter()
        .enumerate()
        .filter(|(other, _)| *other != index)
        .find_map(|(other, standing)| standing.state_actor().map(|status| (other, status)));
    let described = facts.acts.state_actor();
    if facts.acts.against_civilians() {
        let state_involved = own.is_some() || named_with.is_some() || facts.acts.state_involved();
        let (Some(target), true) = (facts.acts.civilians(), state_involved) else { return };
        let Some(attack) = facts.acts.attack() else { return };
        let forces = facts.acts.state_attack.as_ref().map(|t| t.who_or_how.as_str());
        let actor = match (own, described.or(forces)) {
            (Some(status), _) => say("state_agents.subject", &[("status", &language::status(status))]),
            (None, Some(words)) => say("state_agents.described", &[("words", &verbatim(words))]),
            (None, None) => verbatim(""),
        };
        let message = say(
            "state_agents.civilians",
            &[("attack", &verbatim(attack)), ("target", &verbatim(target)), ("actor", &actor)],
        );
        findings.push(finding("art3.state_agents_civilians", "Constitution art. 3", Severity::Review, message));
        return;
    }
    let Some((_, evidence)) = facts.has_context(Context::MilitaryOperation) else { return };
    let shown = match evidence {
        Some(words) => say("military.summary", &[("words", &verbatim(words))]),
        None => say("military.declared", &[]),
    };
    let message = match (own, named_with, described) {
        (Some(status), _, _) => say("military.finding", &[("shown", &shown), ("status", &language::status(status))]),
        (None, Some((other, status)), _) => say(
            "military.named_with",
            &[
                ("shown", &shown),
                ("name", &verbatim(&request.subjects[other].display_name())),
                ("status", &language::status(status)),
            ],
        ),
        (None, None, Some(words)) => say("military.described", &[("shown", &shown), ("words", &verbatim(words))]),
        (None, None, None) => return,
    };
    findings.push(finding("art3.military_operation", "Constitution art. 3", Severity::Refuse, message));
}

/// The latest day a partial date can stand for, and the earliest.
fn latest(date: PartialDate) -> (u16, u8, u8) {
    (date.year(), date.month().unwrap_or(12), date.day().unwrap_or(31))
}

fn earliest(date: PartialDate) -> (u16, u8, u8) {
    (date.year(), date.month().unwrap_or(1), date.day().unwrap_or(1))
}

/// A warrant or an offence dated before the subject was born cannot be about the subject as written.
fn facts_before_birth(request: &NoticeRequest, index: usize, subject: &Person, findings: &mut Vec<Finding>) {
    let Some(born) = subject.date_of_birth else { return };
    let warrant = request.judicial.as_ref().and_then(|j| j.warrant.as_ref()).map(|w| PartialDate::Full(w.issued_on));
    let offence = request.offence.as_ref().and_then(|o| o.date);
    for (field, date) in [("judicial.warrant.issued_on", warrant), ("offence.date", offence)] {
        let Some(date) = date.filter(|date| latest(*date) < earliest(born)) else { continue };
        findings.push(finding(
            "data.before_birth",
            "RPD art. 12",
            Severity::Review,
            say(
                "data.before_birth",
                &[
                    ("field", &verbatim(field)),
                    ("date", &verbatim(&date.to_string())),
                    ("born", &verbatim(&born.to_string())),
                    ("birth_field", &verbatim(&format!("subjects[{index}].date_of_birth"))),
                ],
            ),
        ));
    }
}

/// Another notice of the requester for the same person or under the same reference: two notices
/// for one case give a border officer two hits and split its history.
fn duplicates<'a>(found: impl Iterator<Item = &'a Duplicate>, findings: &mut Vec<Finding>) {
    for duplicate in found {
        let mut why = Vec::new();
        if let Some(reference) = &duplicate.same_reference {
            why.push(say("duplicate.reference", &[("reference", &verbatim(reference))]));
        }
        if let Some((score, reasons)) = &duplicate.same_person {
            let score = verbatim(&format!("{score:.2}"));
            why.push(say("duplicate.person", &[("score", &score), ("why", &verbatim(reasons))]));
        }
        let message = say(
            "duplicate",
            &[
                ("notice", &verbatim(&duplicate.notice)),
                ("state", &verbatim(&duplicate.state)),
                ("why", &Said::join(&why, "list.and")),
            ],
        );
        findings.push(finding("data.duplicate", "RPD art. 12", Severity::Review, message));
    }
}

/// A warrant to prosecute issued before the offence it is for was committed cannot be that offence's.
fn warrant_before_offence(request: &NoticeRequest, findings: &mut Vec<Finding>) {
    let Some(judicial) = request.judicial.as_ref().filter(|j| j.purpose == Purpose::Prosecution) else { return };
    let (Some(warrant), Some(offence)) = (&judicial.warrant, request.offence.as_ref().and_then(|o| o.date)) else {
        return;
    };
    let issued = PartialDate::Full(warrant.issued_on);
    if latest(issued) < earliest(offence) {
        findings.push(finding(
            "data.warrant_before_offence",
            "RPD art. 12",
            Severity::Review,
            say(
                "data.warrant_before_offence",
                &[("issued", &verbatim(&issued.to_string())), ("offence", &verbatim(&offence.to_string()))],
            ),
        ));
    }
}

/// A sentence longer than the heaviest penalty the charges carry cannot be the sentence for them.
/// Only where every charge gives its maximum and none is life or death.
fn sentence_above_maximum(request: &NoticeRequest, findings: &mut Vec<Finding>) {
    let Some(sentence) = request.judicial.as_ref().and_then(|j| j.sentence) else { return };
    let maxima: Option<Vec<u32>> = request.charges.iter().map(|c| c.max_penalty.map(penalty_months)).collect();
    let Some(heaviest) = maxima.and_then(|m| m.into_iter().max()) else { return };
    if heaviest == u32::MAX || sentence.imposed_months <= heaviest {
        return;
    }
    findings.push(finding(
        "data.sentence_above_maximum",
        "RPD art. 12",
        Severity::Review,
        say(
            "data.sentence_above_maximum",
            &[("imposed", &describe_months(sentence.imposed_months)), ("maximum", &describe_months(heaviest))],
        ),
    ));
}

/// The predominance test: independent signs of a political or unfair case add up, and past the
/// policy's threshold they recommend refusal, with the weighing shown.
fn predominance(policy: &Policy, findings: &mut Vec<Finding>) {
    if findings.iter().any(|f| f.severity >= Severity::Refuse) {
        return;
    }
    let test = &policy.predominance;
    let mut total = 0;
    let mut weighed: Vec<Said> = Vec::new();
    for sign in &test.signs {
        let count = findings.iter().filter(|f| f.rule == sign.rule && f.severity == Severity::Review).count() as u32;
        let count = count.min(sign.most);
        if count == 0 {
            continue;
        }
        total += count * sign.weight;
        let label = Said::from_languages(sign.label.clone());
        let weight = verbatim(&(count * sign.weight).to_string());
        weighed.push(say("predominance.sign", &[("label", &label), ("weight", &weight)]));
    }
    if total < test.threshold {
        return;
    }
    let message = say(
        "predominance",
        &[
            ("signs", &Said::join(&weighed, "list.comma")),
            ("total", &verbatim(&total.to_string())),
            ("threshold", &verbatim(&test.threshold.to_string())),
        ],
    );
    findings.push(finding(
        "art3.predominance",
        "Constitution arts. 2 and 3 (predominance test)",
        Severity::Refuse,
        message,
    ));
}

/// The register's entry as a finding cites it; the office is the register's own words.
fn register_description(holder: &OfficeHolder, dated: bool) -> Said {
    let since = match holder.since {
        Some(date) => say("register.since", &[("date", &verbatim(&date.to_string()))]),
        None => verbatim(""),
    };
    let born = match (holder.date_of_birth, dated) {
        (Some(date), true) => say("register.born", &[("date", &verbatim(&date.to_string()))]),
        _ => verbatim(""),
    };
    say(
        "register.entry",
        &[
            ("name", &verbatim(&holder.display_name)),
            ("office", &verbatim(&holder.office)),
            ("since", &since),
            ("born", &born),
        ],
    )
}

fn minimum_identity(request: &NoticeRequest, index: usize, subject: &Person, findings: &mut Vec<Finding>) {
    let path = |field: &str| format!("subjects[{index}].{field}");
    match request.kind {
        NoticeKind::Red => {
            if subject.family_name.is_some() && subject.forenames.is_none() {
                findings.push(missing(&path("forenames"), "missing.red_forenames"));
            }
            if subject.sex.is_none() {
                findings.push(missing(&path("sex"), "missing.red_sex"));
            }
            if subject.date_of_birth.is_none() {
                findings.push(missing(&path("date_of_birth"), "missing.red_birth"));
            }
            if subject.physical.as_ref().is_none_or(|p| p.is_empty()) && subject.identity_documents.is_empty() {
                findings.push(missing(&path("physical"), "missing.red_physical"));
            }
        }
        NoticeKind::Yellow => {
            if subject.sex.is_none() {
                findings.push(missing(&path("sex"), "missing.yellow_sex"));
            }
            if subject.date_of_birth.is_none() {
                findings.push(missing(&path("date_of_birth"), "missing.yellow_birth"));
            }
        }
        NoticeKind::Diffusion
            if request.judicial.is_some()
                && subject.date_of_birth.is_none()
                && subject.identity_documents.is_empty() =>
        {
            findings.push(missing(&path("date_of_birth"), "missing.diffusion_birth"));
        }
        _ => {}
    }
}

fn refugee(
    request: &NoticeRequest,
    subject: &Person,
    status: RefugeeStatus,
    source: &Said,
    findings: &mut Vec<Finding>,
) {
    const BASIS: &str = "INTERPOL refugee policy (2015)";
    let source = say("refugee.source", &[("source", source)]);
    let Requester::Member(requester) = request.requested_by else {
        let mut found = finding(
            "refugee.status",
            BASIS,
            Severity::Review,
            say("refugee.status", &[("year", &verbatim(&status.year.to_string()))]),
        );
        found.append(&source);
        findings.push(found);
        return;
    };
    let from_home_country = subject.nationalities.is_empty() || subject.nationalities.contains(&requester);
    let values = [("year", &verbatim(&status.year.to_string())), ("requester", &verbatim(requester.as_str()))];
    let mut found = if from_home_country {
        let key = if subject.nationalities.is_empty() { "refugee.protected_presumed" } else { "refugee.protected" };
        finding("refugee.protected", BASIS, Severity::Refuse, say(key, &values))
    } else {
        finding("refugee.status", BASIS, Severity::Review, say("refugee.elsewhere", &values))
    };
    found.append(&source);
    findings.push(found);
}

/// International crimes requested by an international court are admissible even against a head
/// of state (1994 resolution; the ICC's 2011 notices): the art. 3 bars become information.
fn apply_international_crimes_exception(findings: &mut Vec<Finding>, charge: &Said) {
    let not_a_bar = say("international.not_a_bar", &[]);
    for finding in findings.iter_mut() {
        if finding.rule.starts_with("art3.") && matches!(finding.severity, Severity::Refuse | Severity::Review) {
            finding.severity = Severity::Info;
            finding.append(&not_a_bar);
        }
    }
    findings.push(finding(
        "art3.international_crimes",
        "Constitution art. 3 (1994 resolution on international crimes)",
        Severity::Info,
        say("international.finding", &[("charge", charge)]),
    ));
}
