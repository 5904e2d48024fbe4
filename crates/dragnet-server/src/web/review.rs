//! The reviewer's pages: the queue by risk, a request with the check's findings beside it (their
//! evidence marked in the summary of facts), and the decision form with the four-eyes rule.

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use dragnet_domain::knowledge::KnownItem;
use dragnet_domain::{NoticeId, NoticeState, Role};
use dragnet_store::{Decision, DecisionOutcome, QueueDetail, QueueEntry, Recommendation, RequestRecord};
use serde::Deserialize;
use serde_json::Value;

use super::i18n::{Lang, Words};
use super::{Frame, check_csrf, date_time, error_page, page, redirect, require};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/review", get(queue))
        .route("/review/queue.csv", get(queue_csv))
        .route("/review/{id}", get(request_page))
        .route("/review/{id}/decision", post(decide))
        .route("/review/{id}/knowledge", post(record_knowledge))
}

/// The recommendation's word and the badge's class.
pub(super) fn badge(recommendation: Option<Recommendation>) -> (&'static str, &'static str) {
    match recommendation {
        Some(Recommendation::Refuse) => ("rec.refuse", "refuse"),
        Some(Recommendation::Review) => ("rec.review", "review"),
        Some(Recommendation::Clear) => ("rec.clear", "clear"),
        Some(Recommendation::Incomplete) | None => ("rec.incomplete", "incomplete"),
    }
}

/// One line of the queue, ready to show.
struct QueueRow {
    id: i64,
    kind: String,
    kind_name: &'static str,
    requested_by: String,
    reference: String,
    subjects: String,
    recommendation: &'static str,
    class: &'static str,
    submitted: String,
    /// The reviewers whose vote to publish waits for a second one, if any.
    awaiting_second: String,
}

#[derive(Template)]
#[template(path = "queue.html")]
struct QueuePage {
    frame: Frame,
    rows: Vec<QueueRow>,
}

async fn queue(State(state): State<AppState>, frame: Frame) -> Response {
    let user = match require(&frame, &[Role::Reviewer, Role::Supervisor]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let entries: Vec<QueueEntry> = match state.store.review_queue(&user.actor, 200, QueueDetail::Summaries).await {
        Ok(entries) => entries,
        Err(err) => return error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    };
    let rows = entries
        .into_iter()
        .map(|entry| {
            let (word, class) = badge(Some(entry.recommendation));
            let names: Vec<&str> = entry.notices.iter().map(|n| n.subject_name.as_str()).collect();
            let subjects = match names.len() {
                0..=3 => names.join("; "),
                n => format!("{}; … (+{})", names[..2].join("; "), n - 2),
            };
            QueueRow {
                id: entry.request_id,
                kind: entry.kind.as_str().to_string(),
                kind_name: frame.t(&format!("kind.{}", entry.kind.as_str())),
                requested_by: entry.requested_by,
                reference: entry.reference.unwrap_or_default(),
                subjects,
                recommendation: frame.t(word),
                class,
                submitted: date_time(entry.submitted_at),
                awaiting_second: {
                    let mut voters: Vec<&str> =
                        entry.notices.iter().filter_map(|n| n.awaiting_second.as_deref()).collect();
                    voters.sort();
                    voters.dedup();
                    voters.join(", ")
                },
            }
        })
        .collect();
    page(&frame, &QueuePage { frame: frame.clone(), rows })
}

/// A piece of the summary of facts: marked where a finding quotes it as evidence.
struct Piece {
    text: String,
    marked: bool,
}

/// The phrases findings quote as evidence (between “ and ”).
fn quoted(messages: &[String]) -> Vec<String> {
    let mut phrases: Vec<String> = Vec::new();
    for message in messages {
        let mut rest = message.as_str();
        while let Some(start) = rest.find('“') {
            let after = &rest[start + '“'.len_utf8()..];
            let Some(end) = after.find('”') else { break };
            let phrase = after[..end].trim();
            if phrase.chars().count() >= 3 && !phrases.iter().any(|p| p == phrase) {
                phrases.push(phrase.to_string());
            }
            rest = &after[end..];
        }
    }
    phrases
}

/// `text` cut into pieces, those matching a phrase (ignoring case) marked.
fn mark(text: &str, phrases: &[String]) -> Vec<Piece> {
    let lower = text.to_lowercase();
    // Lower-casing may change byte lengths outside ASCII; then mark nothing rather than cut wrongly.
    if lower.len() != text.len() {
        return vec![Piece { text: text.to_string(), marked: false }];
    }
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for phrase in phrases {
        let needle = phrase.to_lowercase();
        let mut from = 0;
        while let Some(at) = lower[from..].find(&needle) {
            let start = from + at;
            spans.push((start, start + needle.len()));
            from = start + needle.len();
        }
    }
    spans.sort();
    let mut pieces = Vec::new();
    let mut at = 0;
    for (start, end) in spans {
        if start < at || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        if start > at {
            pieces.push(Piece { text: text[at..start].to_string(), marked: false });
        }
        pieces.push(Piece { text: text[start..end].to_string(), marked: true });
        at = end;
    }
    if at < text.len() {
        pieces.push(Piece { text: text[at..].to_string(), marked: false });
    }
    pieces
}

pub(super) struct FindingRow {
    pub rule: String,
    pub basis: String,
    pub severity: String,
    /// The sentence in the page's language.
    pub message: String,
    /// The sentence in English, whose “quotes” mark the evidence in the summary of facts.
    english: String,
}

struct SubjectBlock {
    notice: String,
    name: String,
    born: String,
    nationalities: String,
    state: &'static str,
    recommendation: &'static str,
    class: &'static str,
    in_review: bool,
    findings: Vec<FindingRow>,
    /// Why the notice waits for a reviewer again after a re-check, or empty.
    recheck: String,
    /// The subject's identity documents, as the request gives them.
    documents: String,
    /// The reviewer who voted to publish against a refusal: it waits for a second one.
    awaiting_second: Option<String>,
    /// Until when a published notice is in force, or empty.
    expires: String,
}

/// An item of what the secretariat knows, as the request page lists it.
pub(super) struct KnowledgeRow {
    what: &'static str,
    detail: String,
    about: String,
    recorded_by: String,
    source: String,
    at: String,
}

/// A reviewer's decision as the request page shows it.
struct DecisionRow {
    notice: String,
    /// The subject the decision was about.
    subject: String,
    reviewer: String,
    decision: &'static str,
    question: bool,
    reason: String,
    at: String,
}

struct ChargeRow {
    title: String,
    law: String,
}

#[derive(Template)]
#[template(path = "review_request.html")]
pub(super) struct RequestPage {
    frame: Frame,
    id: i64,
    kind: String,
    kind_name: &'static str,
    requested_by: String,
    reference: String,
    summary: Vec<Piece>,
    offence_place: String,
    charges: Vec<ChargeRow>,
    warrant: String,
    subjects: Vec<SubjectBlock>,
    any_in_review: bool,
    four_eyes: bool,
    /// What was just done, to say so: a catalogue key.
    done: Option<&'static str>,
    /// Whether the bureau may still edit the request: a draft, or a question to answer.
    editable: bool,
    public_extract: bool,
    /// Where the notices came from when they were imported, not requested here.
    source: String,
    problem: Option<String>,
    decisions: Vec<DecisionRow>,
    /// What the decision rests on besides the offence: penalties, purpose, extradition, declared
    /// statuses, objections, who may see it. Label (in the page's language) and value.
    facts: Vec<(&'static str, String)>,
    /// The notices in review, which a decision may be limited to: id and subject.
    in_review: Vec<(String, String)>,
    /// Whether the page's own reviewer cast the vote a notice waits on (they cannot be the second).
    voted_by_me: bool,
    /// What the secretariat knows, for a reviewer; filled by the reviewer's pages.
    pub(super) knowledge: Vec<KnowledgeRow>,
    /// Each subject by its place in the request, for the form that records knowledge.
    subject_choices: Vec<(usize, String)>,
    /// The status vocabulary: value and words.
    status_choices: Vec<(&'static str, &'static str)>,
    /// What the reader may do to each notice from this page.
    actions: Vec<super::notice_actions::NoticeActions>,
    /// Whether the bureau may take back what is undecided.
    withdrawable: bool,
    /// Whether a reviewer asked the bureau a question it has still to answer.
    question_open: bool,
    /// Where this page's forms post: `/requests` for the bureau, `/review` for the secretariat.
    base: &'static str,
}

/// A subject's findings as its report keeps them, in the page's language where the report has it
/// (reports are written in all four when made). A kept report that does not read shows nothing
/// and is logged: the notice's page still opens.
pub(super) fn findings_of(report: Option<&Value>, lang: Lang) -> Vec<FindingRow> {
    let Some(report) = report else { return Vec::new() };
    let subject = match dragnet_review::SubjectReport::deserialize(report) {
        Ok(subject) => subject,
        Err(err) => {
            tracing::error!(%err, "a kept check report does not read");
            return Vec::new();
        }
    };
    subject
        .findings
        .iter()
        .map(|finding| {
            let (basis, message) = finding.in_language(lang);
            FindingRow {
                rule: finding.rule.clone(),
                basis: basis.to_string(),
                severity: finding.severity.as_str().to_string(),
                message: message.to_string(),
                english: finding.message.clone(),
            }
        })
        .collect()
}

pub(super) fn request_view(
    frame: &Frame,
    record: RequestRecord,
    done: Option<&'static str>,
    problem: Option<String>,
) -> RequestPage {
    let request = &record.request;
    let as_text = |value: Value| value.as_str().map(str::to_string).unwrap_or_default();
    let subjects: Vec<SubjectBlock> = record
        .notices
        .iter()
        .enumerate()
        .map(|(i, notice)| {
            let person = request.subjects.get(i);
            let (word, class) = badge(notice.recommendation);
            SubjectBlock {
                notice: notice.id.to_string(),
                name: notice.subject_name.clone(),
                born: person.and_then(|p| p.date_of_birth).map(|d| d.to_string()).unwrap_or_default(),
                nationalities: person
                    .map(|p| p.nationalities.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", "))
                    .unwrap_or_default(),
                state: frame.t(&format!("state.{}", notice.state.as_str())),
                recommendation: frame.t(word),
                class,
                in_review: notice.state == NoticeState::InReview,
                findings: findings_of(notice.report.as_ref(), frame.lang),
                recheck: notice.recheck.clone().unwrap_or_default(),
                documents: person
                    .map(|p| {
                        p.identity_documents
                            .iter()
                            .map(|d| match d.country {
                                Some(country) => format!("{} ({country})", d.number),
                                None => d.number.clone(),
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default(),
                awaiting_second: notice.awaiting_second.clone(),
                expires: notice
                    .expires_at
                    .filter(|_| notice.state == NoticeState::Published)
                    .map(|at| at.date().to_string())
                    .unwrap_or_default(),
            }
        })
        .collect();
    let messages: Vec<String> = subjects.iter().flat_map(|s| s.findings.iter().map(|f| f.english.clone())).collect();
    let offence = serde_json::to_value(&request.offence).unwrap_or_default();
    let judicial = serde_json::to_value(&request.judicial).unwrap_or_default();
    let warrant = &judicial["warrant"];
    let four_eyes = record
        .notices
        .iter()
        .any(|n| n.state == NoticeState::InReview && n.recommendation == Some(Recommendation::Refuse));
    let decisions = record
        .decisions
        .iter()
        .map(|d| DecisionRow {
            notice: d.notice.to_string(),
            subject: record
                .notices
                .iter()
                .find(|n| n.id == d.notice)
                .map(|n| n.subject_name.clone())
                .unwrap_or_default(),
            // The application names the secretariat, not a reviewer, to a bureau: in the page's language.
            reviewer: if d.reviewer == dragnet_app::workflow::GENERAL_SECRETARIAT {
                frame.t("decision.general_secretariat").to_string()
            } else {
                d.reviewer.clone()
            },
            decision: frame.t(&format!("decision.{}", d.decision)),
            question: d.decision == "request_information",
            reason: d.reason.clone(),
            at: date_time(d.at),
        })
        .collect();
    let subject_choices = record.notices.iter().enumerate().map(|(i, n)| (i, n.subject_name.clone())).collect();
    let status_choices = dragnet_domain::person::Status::ALL
        .iter()
        .map(|status| (status.as_str(), frame.t(&format!("status.{}", status.as_str()))))
        .collect();
    let in_review = record
        .notices
        .iter()
        .filter(|n| n.state == NoticeState::InReview)
        .map(|n| (n.id.to_string(), n.subject_name.clone()))
        .collect();
    let me = frame.user.as_ref().map(|u| u.user.name.as_str().to_string()).unwrap_or_default();
    let voted_by_me = record.notices.iter().any(|n| n.awaiting_second.as_deref() == Some(me.as_str()));
    RequestPage {
        frame: frame.clone(),
        actions: super::notice_actions::actions_for(frame, &record),
        withdrawable: super::notice_actions::withdrawable(&record),
        question_open: record.notices.iter().any(|n| n.state == NoticeState::InfoRequested),
        base: if frame.is("bureau_officer") { "/requests" } else { "/review" },
        facts: facts_of(frame, request),
        in_review,
        voted_by_me,
        decisions,
        knowledge: Vec::new(),
        subject_choices,
        status_choices,
        id: record.request_id,
        kind: request.kind.as_str().to_string(),
        kind_name: frame.t(&format!("kind.{}", request.kind.as_str())),
        requested_by: request.requested_by.to_string(),
        reference: request.reference.clone().unwrap_or_default(),
        summary: mark(&as_text(offence["summary"].clone()), &quoted(&messages)),
        offence_place: [as_text(offence["place"].clone()), as_text(offence["date"].clone())]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        charges: serde_json::to_value(&request.charges)
            .unwrap_or_default()
            .as_array()
            .map(|charges| {
                charges
                    .iter()
                    .map(|c| ChargeRow { title: as_text(c["title"].clone()), law: as_text(c["law"].clone()) })
                    .collect()
            })
            .unwrap_or_default(),
        warrant: [
            as_text(warrant["reference"].clone()),
            as_text(warrant["authority"].clone()),
            as_text(warrant["issued_on"].clone()),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", "),
        any_in_review: subjects.iter().any(|s| s.in_review),
        public_extract: request.public_extract,
        source: record.source.clone().unwrap_or_default(),
        editable: record.notices.iter().any(|n| matches!(n.state, NoticeState::Draft | NoticeState::InfoRequested)),
        subjects,
        four_eyes,
        done,
        problem,
    }
}

/// What a decision rests on besides the offence and the findings, each fact the request states.
fn facts_of(frame: &Frame, request: &dragnet_domain::NoticeRequest) -> Vec<(&'static str, String)> {
    use dragnet_domain::request::{ExtraditionFrom, Penalty, Purpose, Recipients};
    let mut facts = Vec::new();
    for charge in &request.charges {
        let penalty = match charge.max_penalty {
            Some(Penalty::Death) => frame.t("penalty.death").to_string(),
            Some(Penalty::Life) => frame.t("penalty.life").to_string(),
            Some(Penalty::Fine) => frame.t("penalty.fine").to_string(),
            Some(Penalty::Imprisonment { months }) => {
                frame.lang.fill("facts.imprisonment", &[("months", &months.to_string())])
            }
            None => frame.t("facts.not_given").to_string(),
        };
        facts.push((frame.t("facts.max_penalty"), format!("{}: {penalty}", charge.title)));
    }
    if let Some(judicial) = &request.judicial {
        let purpose = match judicial.purpose {
            Purpose::Prosecution => frame.t("hit.purpose.prosecution"),
            Purpose::Sentence => frame.t("hit.purpose.sentence"),
        };
        facts.push((frame.t("facts.purpose"), purpose.to_string()));
        if let Some(sentence) = judicial.sentence {
            let months = [
                ("imposed", sentence.imposed_months.to_string()),
                ("remaining", sentence.remaining_months.to_string()),
            ];
            let values: Vec<(&str, &str)> = months.iter().map(|(k, v)| (*k, v.as_str())).collect();
            facts.push((frame.t("facts.sentence"), frame.lang.fill("facts.sentence_months", &values)));
        }
        if judicial.in_absentia {
            facts.push((frame.t("facts.in_absentia"), frame.t("facts.yes").to_string()));
        }
        let extradition = if judicial.extradition_sought_from.is_empty() {
            frame.t("facts.not_sought").to_string()
        } else if judicial.extradition_sought_from.contains(&ExtraditionFrom::Anywhere) {
            frame.t("facts.every_country").to_string()
        } else {
            judicial
                .extradition_sought_from
                .iter()
                .filter_map(|e| match e {
                    ExtraditionFrom::Country(country) => Some(country.to_string()),
                    ExtraditionFrom::Anywhere => None,
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        facts.push((frame.t("facts.extradition"), extradition));
    }
    if let Some(offence) = &request.offence {
        if let Some(country) = offence.country {
            facts.push((frame.t("facts.offence_country"), country.to_string()));
        }
        if !offence.context.is_empty() {
            let contexts: Vec<&str> = offence
                .context
                .iter()
                .filter_map(|c| serde_json::to_value(c).ok())
                .filter_map(|v| v.as_str().map(|c| frame.t(&format!("context.{c}"))))
                .collect();
            facts.push((frame.t("facts.context"), contexts.join(", ")));
        }
    }
    for subject in &request.subjects {
        if !subject.status.is_empty() {
            let statuses: Vec<&str> =
                subject.status.iter().map(|s| frame.t(&format!("status.{}", s.as_str()))).collect();
            facts.push((frame.t("facts.statuses"), format!("{}: {}", subject.display_name(), statuses.join(", "))));
        }
    }
    let third = &request.third_party;
    if !third.subject_status.is_empty() {
        let statuses: Vec<&str> =
            third.subject_status.iter().map(|s| frame.t(&format!("status.{}", s.as_str()))).collect();
        facts.push((frame.t("facts.statuses"), statuses.join(", ")));
    }
    if let Some(refugee) = &third.refugee_status {
        let values = [("country", refugee.granted_by.to_string()), ("year", refugee.year.to_string())];
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        facts.push((frame.t("facts.refugee"), frame.lang.fill("facts.refugee_granted", &values)));
    }
    for objection in &third.objections {
        facts.push((frame.t("facts.objection"), format!("{}: {}", objection.country, objection.summary)));
    }
    match &request.to {
        Some(Recipients::Every) => {
            facts.push((frame.t("facts.recipients"), frame.t("facts.every_country").to_string()))
        }
        Some(Recipients::Countries(countries)) => facts.push((
            frame.t("facts.recipients"),
            countries.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
        )),
        None => {}
    }
    if !request.barred.is_empty() {
        let barred: Vec<String> = request.barred.iter().map(ToString::to_string).collect();
        facts.push((frame.t("facts.barred"), barred.join(", ")));
    }
    if !request.countries_likely_to_visit.is_empty() {
        let likely: Vec<&str> = request.countries_likely_to_visit.iter().map(|c| c.as_str()).collect();
        facts.push((frame.t("facts.likely_to_visit"), likely.join(", ")));
    }
    if let Some(language) = request.language {
        facts.push((frame.t("facts.language"), language.name().to_string()));
    }
    facts
}

#[derive(Debug, Deserialize)]
struct DecidedQuery {
    decided: Option<String>,
    recorded: Option<String>,
    /// What a notice's form just did (`moved`, `picture`, `awaiting`).
    done: Option<String>,
}

/// What the secretariat knows of request `id`, as the page lists it; nothing if it does not read
/// (the page still opens, and the log says why).
pub(super) async fn knowledge_rows(state: &AppState, frame: &Frame, id: i64) -> Vec<KnowledgeRow> {
    let items = match state.store.knowledge_of(id).await {
        Ok(items) => items,
        Err(err) => {
            tracing::error!(%err, request = id, "the knowledge of a request does not read");
            return Vec::new();
        }
    };
    items
        .into_iter()
        .map(|item| {
            let detail = match &item.item {
                KnownItem::Objection { summary } => format!("{}: {summary}", item.country.clone().unwrap_or_default()),
                KnownItem::RefugeeStatus { granted_by, year } => format!("{granted_by}, {year}"),
                KnownItem::Status { status } => frame.t(&format!("status.{}", status.as_str())).to_string(),
                KnownItem::Fact { text } => text.clone(),
            };
            KnowledgeRow {
                what: frame.t(&format!("knowledge.kind.{}", item.item.kind())),
                detail,
                about: item.subject.map_or_else(|| frame.t("knowledge.all_subjects").to_string(), |s| format!("#{s}")),
                recorded_by: item.recorded_by,
                source: [item.source, item.known_on.map(|d| d.to_string()).unwrap_or_default()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
                at: date_time(item.recorded_at),
            }
        })
        .collect()
}

#[derive(Debug, Deserialize)]
struct KnowledgeForm {
    csrf: String,
    kind: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    granted_by: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    known_on: String,
}

/// The form's fields as the API's body, so that both are read by one rule.
fn knowledge_body(form: &KnowledgeForm) -> Value {
    let mut body = serde_json::Map::new();
    let mut put = |field: &str, value: Value| {
        body.insert(field.to_string(), value);
    };
    put("kind", Value::String(form.kind.clone()));
    match form.kind.as_str() {
        "objection" => put("summary", Value::String(form.text.clone())),
        "fact" => put("text", Value::String(form.text.clone())),
        "status" => put("status", Value::String(form.status.clone())),
        "refugee_status" => {
            put("granted_by", Value::String(form.granted_by.trim().to_uppercase()));
            put("year", form.year.trim().parse::<u64>().map_or(Value::String(form.year.clone()), Value::from));
        }
        _ => {}
    }
    put("source", Value::String(form.source.clone()));
    for (field, text) in [("country", &form.country), ("known_on", &form.known_on)] {
        if !text.trim().is_empty() {
            put(field, Value::String(text.trim().to_uppercase()));
        }
    }
    if let Ok(subject) = form.subject.parse::<u64>() {
        put("subject", Value::from(subject));
    }
    Value::Object(body)
}

/// `POST /review/{id}/knowledge`: a reviewer records what is known, as the API's call does, and the
/// request is checked again.
async fn record_knowledge(
    State(state): State<AppState>,
    frame: Frame,
    Path(id): Path<String>,
    Form(form): Form<KnowledgeForm>,
) -> Response {
    let user = match require(&frame, &[Role::Reviewer, Role::Supervisor]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    if let Err(refused) = check_csrf(&user, &form.csrf, frame.lang) {
        return refused.into_response();
    }
    let Some(id) = id.parse::<i64>().ok().filter(|id| *id > 0) else {
        return error_page(frame.lang, StatusCode::NOT_FOUND, "");
    };
    let problem = match crate::knowledge::read_knowledge(&knowledge_body(&form)) {
        Err(problem) => problem,
        Ok(new) => match state.app.record_knowledge(&user.principal(), id, new).await {
            Ok(_) => return redirect(&format!("/review/{id}?lang={}&recorded=1", frame.lang.code())),
            Err(dragnet_app::AppError::Invalid(err)) => crate::Problem::invalid(&err),
            Err(dragnet_app::AppError::Store(dragnet_store::StoreError::RequestNotFound(_))) => {
                return error_page(frame.lang, StatusCode::NOT_FOUND, "");
            }
            Err(err) => return error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
        },
    };
    let problem = format!(
        "{}: {}",
        problem.field.clone().unwrap_or_default(),
        problem.detail.clone().unwrap_or_else(|| problem.title.to_string())
    );
    match state.store.read_request(&user.actor, id).await {
        Ok(record) => {
            let mut view = request_view(&frame, record, None, Some(problem));
            view.knowledge = knowledge_rows(&state, &frame, id).await;
            let mut response = page(&frame, &view);
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            response
        }
        Err(err) => error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
}

async fn request_page(
    State(state): State<AppState>,
    frame: Frame,
    Path(id): Path<String>,
    Query(query): Query<DecidedQuery>,
) -> Response {
    let user = match require(&frame, &[Role::Reviewer, Role::Supervisor]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let Some(id) = id.parse::<i64>().ok().filter(|id| *id > 0) else {
        return error_page(frame.lang, StatusCode::NOT_FOUND, "");
    };
    match state.store.read_request(&user.actor, id).await {
        Ok(record) => {
            let done = match (query.decided.as_deref(), query.recorded.is_some()) {
                (Some("awaiting"), _) => Some("decision.awaiting_second"),
                (Some(_), _) => Some("decision.done"),
                (_, true) => Some("knowledge.done"),
                _ => query.done.as_deref().and_then(super::notice_actions::done_key),
            };
            let mut view = request_view(&frame, record, done, None);
            view.knowledge = knowledge_rows(&state, &frame, id).await;
            page(&frame, &view)
        }
        Err(dragnet_store::StoreError::RequestNotFound(_)) => error_page(frame.lang, StatusCode::NOT_FOUND, ""),
        Err(err) => error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
}

/// `GET /review/queue.csv`: the queue as the page orders it, one line per notice waiting.
async fn queue_csv(State(state): State<AppState>, frame: Frame) -> Response {
    let user = match require(&frame, &[Role::Reviewer, Role::Supervisor]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let entries = match state.app.review_queue(&user.principal(), 500, QueueDetail::Summaries).await {
        Ok(entries) => entries,
        Err(err) => return error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    };
    let mut text = super::csv::line(&[
        "request",
        "kind",
        "requested_by",
        "reference",
        "submitted",
        "request_recommendation",
        "notice",
        "subject",
        "state",
        "recommendation",
        "awaiting_second_reviewer_after",
    ]);
    for entry in &entries {
        for notice in &entry.notices {
            text.push_str(&super::csv::line(&[
                entry.request_id.to_string(),
                entry.kind.as_str().to_string(),
                entry.requested_by.clone(),
                entry.reference.clone().unwrap_or_default(),
                date_time(entry.submitted_at),
                entry.recommendation.as_str().to_string(),
                notice.id.to_string(),
                notice.subject_name.clone(),
                notice.state.as_str().to_string(),
                notice.recommendation.map(|r| r.as_str().to_string()).unwrap_or_default(),
                notice.awaiting_second.clone().unwrap_or_default(),
            ]));
        }
    }
    super::csv::download("dragnet-review-queue.csv", text)
}

/// `POST /review/{id}/decision`: the same decision as the API's, then back to the request.
async fn decide(
    State(state): State<AppState>,
    frame: Frame,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let user = match require(&frame, &[Role::Reviewer]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    // Read as pairs: `notice` repeats, once per subject the decision is limited to.
    let field = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    if let Err(refused) = check_csrf(&user, &field("csrf"), frame.lang) {
        return refused.into_response();
    }
    let chosen: Vec<&str> = fields.iter().filter(|(k, _)| k == "notice").map(|(_, v)| v.as_str()).collect();
    // The form names the subjects it showed (ticked, or the one there was): a decision covers those
    // only, never a subject put back in review after the page was read.
    let limited = fields.iter().any(|(k, _)| k == "limited" || k == "notice");
    let Some(id) = id.parse::<i64>().ok().filter(|id| *id > 0) else {
        return error_page(frame.lang, StatusCode::NOT_FOUND, "");
    };
    let decision = Decision::parse(&field("decision"));
    // The reason is read by the same rule as the API's.
    let reason = crate::api::reason_of(&serde_json::json!({"reason": field("reason")}), "a decision");
    let only: Result<Option<Vec<NoticeId>>, String> = if !limited {
        Ok(None)
    } else if chosen.is_empty() {
        Err("notice: choose at least one subject to decide on".to_string())
    } else {
        chosen
            .iter()
            .map(|id| NoticeId::parse(id).map_err(|reason| format!("notice: {reason}")))
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    };
    let problem = match (decision, reason, only) {
        (None, _, _) => Some("decision: one of publish, refuse, request_information".to_string()),
        (_, Err(problem), _) => {
            Some(format!("reason: {}", problem.detail.unwrap_or_else(|| problem.title.to_string())))
        }
        (_, _, Err(problem)) => Some(problem),
        (Some(decision), Ok(reason), Ok(only)) => {
            match state.app.decide(&user.principal(), id, decision, &reason, only.as_deref()).await {
                Ok(outcomes) => {
                    let waiting = outcomes.iter().any(|o| matches!(o, DecisionOutcome::AwaitingSecondReviewer { .. }));
                    let decided = if waiting { "awaiting" } else { "1" };
                    return redirect(&format!("/review/{id}?lang={}&decided={decided}", frame.lang.code()));
                }
                Err(dragnet_app::AppError::Store(
                    err @ (dragnet_store::StoreError::SameReviewer(_)
                    | dragnet_store::StoreError::NothingToDo { .. }
                    | dragnet_store::StoreError::CheckMismatch { .. }),
                )) => Some(err.to_string()),
                Err(dragnet_app::AppError::Store(dragnet_store::StoreError::RequestNotFound(_))) => {
                    return error_page(frame.lang, StatusCode::NOT_FOUND, "");
                }
                Err(err) => return error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
            }
        }
    };
    match state.store.read_request(&user.actor, id).await {
        Ok(record) => {
            let mut view = request_view(&frame, record, None, problem);
            view.knowledge = knowledge_rows(&state, &frame, id).await;
            let mut response = page(&frame, &view);
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            response
        }
        Err(dragnet_store::StoreError::RequestNotFound(_)) => error_page(frame.lang, StatusCode::NOT_FOUND, ""),
        Err(err) => error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_evidence_is_marked_in_the_summary() {
        let phrases = quoted(&["the summary describes a military operation (“drone strike”)".to_string()]);
        assert_eq!(phrases, ["drone strike"]);
        let pieces = mark("A Drone strike killed him; another drone strike followed.", &phrases);
        let marked: Vec<&str> = pieces.iter().filter(|p| p.marked).map(|p| p.text.as_str()).collect();
        assert_eq!(marked, ["Drone strike", "drone strike"]);
        let whole: String = pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(whole, "A Drone strike killed him; another drone strike followed.");
    }
}
