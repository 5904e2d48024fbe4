//! A bureau's request form: any notice kind, as many subjects as one warrant names, the check's
//! findings shown before anything is sent, and the same form to answer a reviewer's question.
//!
//! The fields are named by their path in the request's JSON (`subjects[1].date_of_birth`), so the
//! form becomes a request through the API's own reader and an error names the field to mend. No
//! script: adding a subject or a charge, and checking, are round trips that keep what was typed.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use dragnet_domain::person::Status;
use dragnet_domain::request::MAX_SUBJECTS;
use dragnet_domain::{FieldError, NoticeKind, NoticeRequest, NoticeState, Role, parse_request};
use dragnet_review::Report;
use serde_json::{Map, Value};

use super::review::{FindingRow, findings_of};
use super::{Frame, SignedIn, check_csrf, error_page, page, redirect, require};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/requests/new", get(blank).post(posted_new))
        .route("/requests/{id}/edit", get(stored).post(posted_edit))
}

/// Fields holding codes typed as one list: `FR, DE`.
const CODE_LISTS: [&str; 5] = ["nationalities", "languages", "to", "barred_countries", "extradition_sought_from"];
/// Fields holding one entry per line.
const LINE_LISTS: [&str; 1] = ["aliases"];
const NUMBERS: [&str; 6] = ["height_cm", "weight_kg", "months", "imposed_months", "remaining_months", "year"];
const FLAGS: [&str; 2] = ["in_absentia", "public_extract"];

/// The fields the form shows; a stored request's other fields travel along as hidden inputs, so
/// answering a question through the form loses nothing the API put there.
const SHOWN: &[&str] = &[
    "kind",
    "reference",
    "language",
    "to",
    "barred_countries",
    "public_extract",
    "offence.summary",
    "offence.date",
    "offence.place",
    "offence.country",
    "offence.context[]",
    "judicial.purpose",
    "judicial.warrant.reference",
    "judicial.warrant.issued_on",
    "judicial.warrant.authority",
    "judicial.sentence.imposed_months",
    "judicial.sentence.remaining_months",
    "judicial.in_absentia",
    "judicial.extradition_sought_from",
    "charges[].title",
    "charges[].law",
    "charges[].max_penalty.kind",
    "charges[].max_penalty.months",
    "subjects[].family_name",
    "subjects[].forenames",
    "subjects[].original_script_name",
    "subjects[].aliases",
    "subjects[].sex",
    "subjects[].date_of_birth",
    "subjects[].place_of_birth",
    "subjects[].country_of_birth",
    "subjects[].nationalities",
    "subjects[].identity_documents[0].kind",
    "subjects[].identity_documents[0].number",
    "subjects[].identity_documents[0].country",
    "subjects[].physical.height_cm",
    "subjects[].physical.weight_kg",
    "subjects[].physical.marks",
    "subjects[].status[]",
];

/// Form fields that are not the request's.
const CONTROLS: [&str; 2] = ["csrf", "action"];

const CONTEXTS: [&str; 12] = [
    "armed_conflict",
    "military_operation",
    "coup_or_uprising",
    "political_protest",
    "election",
    "publication_or_speech",
    "religious_practice",
    "ethnic_or_racial",
    "family_dispute",
    "commercial_dispute",
    "labour_dispute",
    "administrative_violation",
];

/// What was typed, as posted: name and value pairs, a name repeated for a list (`status[]`).
#[derive(Debug, Clone, Default)]
pub(super) struct FormValues {
    pairs: Vec<(String, String)>,
    /// Each name's values, for the page's many lookups (a request may name a thousand subjects).
    by_name: HashMap<String, Vec<String>>,
    /// The field an error names, marked on the form.
    invalid: String,
}

impl FormValues {
    fn new(pairs: Vec<(String, String)>) -> FormValues {
        let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
        for (name, value) in &pairs {
            by_name.entry(name.clone()).or_default().push(value.clone());
        }
        FormValues { pairs, by_name, invalid: String::new() }
    }

    pub fn get(&self, name: &str) -> &str {
        self.by_name.get(name).and_then(|values| values.first()).map_or("", String::as_str)
    }

    pub fn is(&self, name: &str, value: &str) -> bool {
        self.by_name.get(name).is_some_and(|values| values.iter().any(|v| v == value))
    }

    /// A field of one subject or charge: `field("subjects[1]", "sex")`.
    pub fn field(&self, row: &str, name: &str) -> &str {
        self.get(&format!("{row}.{name}"))
    }

    pub fn field_is(&self, row: &str, name: &str, value: &str) -> bool {
        self.is(&format!("{row}.{name}"), value)
    }

    pub fn invalid(&self, name: &str) -> bool {
        self.invalid == name
    }

    pub fn invalid_in(&self, row: &str, name: &str) -> bool {
        self.invalid == format!("{row}.{name}")
    }

    /// How many rows of `list` (`subjects`, `charges`) the values fill.
    fn rows(&self, list: &str) -> usize {
        let prefix = format!("{list}[");
        self.pairs
            .iter()
            .filter_map(|(name, _)| name.strip_prefix(&prefix)?.split(']').next()?.parse::<usize>().ok())
            .map(|index| index + 1)
            .max()
            .unwrap_or(0)
    }

    /// The values the form does not show, to carry as hidden inputs.
    fn hidden(&self) -> Vec<(String, String)> {
        self.pairs.iter().filter(|(name, _)| !CONTROLS.contains(&name.as_str()) && !shown(name)).cloned().collect()
    }
}

/// Whether the form shows `name`: its pattern, rows' indices dropped, is in `SHOWN`.
fn shown(name: &str) -> bool {
    let pattern = ["subjects[", "charges["].iter().fold(name.to_string(), |name, list| match name.strip_prefix(list) {
        Some(rest) => match rest.split_once(']') {
            Some((index, tail)) if index.parse::<usize>().is_ok() => format!("{list}]{tail}"),
            _ => name,
        },
        None => name,
    });
    SHOWN.contains(&pattern.as_str())
}

/// One step of a field's path.
enum Step {
    Key(String),
    Index(usize),
}

/// `subjects[1].physical.height_cm` as steps; `None` for a name no request has.
fn steps(name: &str) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    for part in name.split('.') {
        let (key, mut rest) = part.split_once('[').map_or((part, ""), |(key, rest)| (key, rest));
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return None;
        }
        steps.push(Step::Key(key.to_string()));
        while !rest.is_empty() {
            let (index, after) = rest.split_once(']')?;
            // A request names at most MAX_SUBJECTS of anything listed: past that, no such field.
            steps.push(Step::Index(index.parse::<usize>().ok().filter(|i| *i < MAX_SUBJECTS)?));
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    Some(steps)
}

/// A typed value as JSON, by what its field holds.
fn leaf(field: &str, value: &str) -> Value {
    if CODE_LISTS.contains(&field) {
        let codes = value.split([',', ';', ' ', '\n', '\r', '\t']).filter(|c| !c.is_empty());
        return Value::Array(codes.map(|code| Value::String(code.to_uppercase())).collect());
    }
    if LINE_LISTS.contains(&field) {
        let lines = value.lines().map(str::trim).filter(|line| !line.is_empty());
        return Value::Array(lines.map(|line| Value::String(line.to_string())).collect());
    }
    if NUMBERS.contains(&field)
        && let Ok(number) = value.parse::<u64>()
    {
        return Value::from(number);
    }
    if FLAGS.contains(&field) {
        return Value::Bool(value == "true");
    }
    // A number that does not read stays text: the request's reader names the field.
    Value::String(value.to_string())
}

fn put(target: &mut Value, steps: &[Step], value: Value, many: bool) {
    let Some((step, rest)) = steps.split_first() else {
        match (target, many) {
            (Value::Array(items), true) => items.push(value),
            (target, true) => *target = Value::Array(vec![value]),
            (target, false) => *target = value,
        }
        return;
    };
    let next_is_index = matches!(rest.first(), Some(Step::Index(_)));
    let empty = || if next_is_index { Value::Array(Vec::new()) } else { Value::Object(Map::new()) };
    match step {
        Step::Key(key) => {
            if !target.is_object() {
                *target = Value::Object(Map::new());
            }
            if let Value::Object(map) = target {
                put(map.entry(key.clone()).or_insert_with(empty), rest, value, many);
            }
        }
        Step::Index(index) => {
            if !target.is_array() {
                *target = Value::Array(Vec::new());
            }
            if let Value::Array(items) = target {
                if items.len() <= *index {
                    items.resize(index + 1, Value::Null);
                }
                if items[*index].is_null() {
                    items[*index] = empty();
                }
                put(&mut items[*index], rest, value, many);
            }
        }
    }
}

/// The rows left of a list once its blank rows (added, never filled) are dropped: for each, the
/// row the form showed it in.
fn drop_blank_rows(list: &mut Value) -> Vec<usize> {
    let Value::Array(items) = list else { return Vec::new() };
    let kept: Vec<usize> = (0..items.len())
        .filter(|i| !items[*i].is_null() && items[*i].as_object().is_none_or(|o| !o.is_empty()))
        .collect();
    let mut index = 0;
    items.retain(|_| {
        index += 1;
        kept.contains(&(index - 1))
    });
    kept
}

/// The request the form describes, for `requester`; and where each subject and charge came from.
fn request_json(values: &FormValues, requester: &str) -> (Value, [Vec<usize>; 2]) {
    let mut root = Value::Object(Map::new());
    for (name, value) in &values.pairs {
        let value = value.trim();
        if value.is_empty() || CONTROLS.contains(&name.as_str()) || name == "requested_by" {
            continue;
        }
        let (path, many) = name.strip_suffix("[]").map_or((name.as_str(), false), |path| (path, true));
        let Some(steps) = steps(path) else { continue };
        let field = path.rsplit('.').next().unwrap_or(path).split('[').next().unwrap_or("");
        put(&mut root, &steps, leaf(field, value), many);
    }
    root["requested_by"] = Value::String(requester.to_string());
    let subjects = root.get_mut("subjects").map(drop_blank_rows).unwrap_or_default();
    let charges = root.get_mut("charges").map(drop_blank_rows).unwrap_or_default();
    if let Value::Object(map) = &mut root {
        // A request names its subjects; with every row blank the reader says so.
        map.entry("subjects").or_insert_with(|| Value::Array(Vec::new()));
    }
    (root, [subjects, charges])
}

/// The request posted `pairs` describe, read as the form's handler reads it: for the fuzz targets.
pub fn read_posted(pairs: Vec<(String, String)>, requester: &str) -> Result<NoticeRequest, FieldError> {
    let (json, _) = request_json(&FormValues::new(pairs), requester);
    parse_request(&json.to_string())
}

/// The form's name for a field an error names in the request: rows counted as the form showed them.
fn form_field(error_field: &str, rows: &[Vec<usize>; 2]) -> String {
    for (list, shown) in ["subjects[", "charges["].iter().zip(rows) {
        if let Some(rest) = error_field.strip_prefix(list)
            && let Some((index, tail)) = rest.split_once(']')
            && let Some(row) = index.parse::<usize>().ok().and_then(|i| shown.get(i))
        {
            return format!("{list}{row}]{tail}");
        }
    }
    error_field.to_string()
}

/// The stored request as the form's values.
fn values_of(request: &NoticeRequest) -> FormValues {
    let mut pairs = Vec::new();
    flatten(&serde_json::to_value(request).unwrap_or_default(), "", &mut pairs);
    FormValues::new(pairs)
}

fn flatten(value: &Value, name: &str, pairs: &mut Vec<(String, String)>) {
    let field = name.rsplit('.').next().unwrap_or(name);
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                let inner = if name.is_empty() { key.clone() } else { format!("{name}.{key}") };
                flatten(item, &inner, pairs);
            }
        }
        Value::Array(items) if CODE_LISTS.contains(&field) || LINE_LISTS.contains(&field) => {
            let words: Vec<String> = items.iter().map(scalar).collect();
            pairs.push((name.to_string(), words.join(if LINE_LISTS.contains(&field) { "\n" } else { ", " })));
        }
        Value::Array(items) if items.iter().all(|item| !item.is_object() && !item.is_array()) => {
            pairs.extend(items.iter().map(|item| (format!("{name}[]"), scalar(item))));
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                flatten(item, &format!("{name}[{index}]"), pairs);
            }
        }
        Value::Null | Value::Bool(false) => {}
        other => pairs.push((name.to_string(), scalar(other))),
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// A subject's findings as the form shows them after a check.
struct SubjectFindings {
    name: String,
    recommendation: &'static str,
    class: &'static str,
    findings: Vec<FindingRow>,
}

#[derive(Template)]
#[template(path = "request_form.html")]
struct FormPage {
    frame: Frame,
    /// The request being edited, or none for a new one.
    editing: Option<i64>,
    requester: String,
    values: FormValues,
    subjects: Vec<String>,
    charges: Vec<String>,
    hidden: Vec<(String, String)>,
    kinds: Vec<(&'static str, &'static str)>,
    contexts: Vec<(&'static str, &'static str)>,
    statuses: Vec<(&'static str, &'static str)>,
    problem: Option<String>,
    checked: Option<Vec<SubjectFindings>>,
    questions: Vec<String>,
}

/// The form as `values` fill it, with `extra` blank rows of subjects and charges.
fn form_page(frame: &Frame, editing: Option<i64>, requester: &str, values: FormValues, extra: [usize; 2]) -> FormPage {
    let rows = |list: &str, extra: usize| -> Vec<String> {
        (0..(values.rows(list) + extra).max(1)).map(|i| format!("{list}[{i}]")).collect()
    };
    let subjects = rows("subjects", extra[0]);
    let charges = rows("charges", extra[1]);
    FormPage {
        frame: frame.clone(),
        editing,
        requester: requester.to_string(),
        hidden: values.hidden(),
        subjects,
        charges,
        kinds: NoticeKind::ALL.iter().map(|k| (k.as_str(), frame.t(&format!("kind.{}", k.as_str())))).collect(),
        contexts: CONTEXTS.iter().map(|c| (*c, frame.t(&format!("context.{c}")))).collect(),
        statuses: Status::ALL.iter().map(|s| (s.as_str(), frame.t(&format!("status.{}", s.as_str())))).collect(),
        values,
        problem: None,
        checked: None,
        questions: Vec::new(),
    }
}

fn answer(frame: &Frame, status: StatusCode, form: &FormPage) -> Response {
    let mut response = page(frame, form);
    *response.status_mut() = status;
    response
}

fn checked(frame: &Frame, report: &Report) -> Vec<SubjectFindings> {
    report
        .subjects
        .iter()
        .map(|subject| {
            let (word, class) = super::review::badge(Some(subject.recommendation));
            SubjectFindings {
                name: subject.name.clone(),
                recommendation: frame.t(word),
                class,
                findings: findings_of(serde_json::to_value(subject).ok().as_ref(), frame.lang),
            }
        })
        .collect()
}

fn requester_of(user: &SignedIn) -> String {
    user.user.grant.acts_for().map(|c| c.to_string()).unwrap_or_default()
}

async fn blank(frame: Frame) -> Response {
    let user = match require(&frame, &[Role::BureauOfficer]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let values = FormValues::new(vec![("kind".into(), "red".into())]);
    page(&frame, &form_page(&frame, None, &requester_of(&user), values, [0, 0]))
}

/// The request, if the bureau's own and still open to its edits: a draft, or sent back with a question.
async fn editable(state: &AppState, user: &SignedIn, id: &str) -> Result<dragnet_store::RequestRecord, StatusCode> {
    let id = id.parse::<i64>().ok().filter(|id| *id > 0).ok_or(StatusCode::NOT_FOUND)?;
    match state.store.request_owner(id).await {
        Ok(owner) if owner == requester_of(user) => {}
        Ok(_) | Err(dragnet_store::StoreError::RequestNotFound(_)) => return Err(StatusCode::NOT_FOUND),
        Err(err) => {
            tracing::error!(%err, "reading a request's owner");
            return Err(StatusCode::INTERNAL_SERVER_ERROR);
        }
    }
    let record = state.store.read_request(&user.actor, id).await.map_err(|err| {
        tracing::error!(%err, "reading a request");
        StatusCode::INTERNAL_SERVER_ERROR
    })?;
    let open = record.notices.iter().any(|n| matches!(n.state, NoticeState::Draft | NoticeState::InfoRequested));
    if open { Ok(record) } else { Err(StatusCode::CONFLICT) }
}

/// The reviewers' questions still waiting for an answer.
fn questions(record: &dragnet_store::RequestRecord) -> Vec<String> {
    let asked: Vec<_> = record.notices.iter().filter(|n| n.state == NoticeState::InfoRequested).map(|n| n.id).collect();
    record
        .decisions
        .iter()
        .filter(|d| d.decision == "request_information" && asked.contains(&d.notice))
        .map(|d| d.reason.clone())
        .collect()
}

async fn stored(State(state): State<AppState>, frame: Frame, Path(id): Path<String>) -> Response {
    let user = match require(&frame, &[Role::BureauOfficer]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    match editable(&state, &user, &id).await {
        Ok(record) => {
            let mut form =
                form_page(&frame, Some(record.request_id), &requester_of(&user), values_of(&record.request), [0, 0]);
            form.questions = questions(&record);
            page(&frame, &form)
        }
        Err(StatusCode::CONFLICT) => redirect(&format!("/requests/{id}?lang={}", frame.lang.code())),
        Err(status) => error_page(frame.lang, status, ""),
    }
}

async fn posted_new(State(state): State<AppState>, frame: Frame, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    posted(&state, &frame, None, pairs).await
}

async fn posted_edit(
    State(state): State<AppState>,
    frame: Frame,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    posted(&state, &frame, Some(id), pairs).await
}

/// What the form's buttons ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    AddSubject,
    AddCharge,
    Check,
    Save,
    Submit,
}

async fn posted(state: &AppState, frame: &Frame, editing: Option<String>, pairs: Vec<(String, String)>) -> Response {
    let user = match require(frame, &[Role::BureauOfficer]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let sent_csrf = pairs.iter().find(|(name, _)| name == "csrf").map_or("", |(_, v)| v.as_str());
    if let Err(refused) = check_csrf(&user, sent_csrf, frame.lang) {
        return refused.into_response();
    }
    let record = match &editing {
        Some(id) => match editable(state, &user, id).await {
            Ok(record) => Some(record),
            Err(StatusCode::CONFLICT) => return redirect(&format!("/requests/{id}?lang={}", frame.lang.code())),
            Err(status) => return error_page(frame.lang, status, ""),
        },
        None => None,
    };
    let action = match pairs.iter().find(|(name, _)| name == "action").map(|(_, v)| v.as_str()) {
        Some("add_subject") if record.is_none() => Action::AddSubject,
        Some("add_charge") => Action::AddCharge,
        Some("save") => Action::Save,
        Some("submit") => Action::Submit,
        _ => Action::Check,
    };
    let requester = requester_of(&user);
    let mut values = FormValues::new(pairs);
    let extra = match action {
        Action::AddSubject => [1, 0],
        Action::AddCharge => [0, 1],
        _ => [0, 0],
    };
    let editing_id = record.as_ref().map(|r| r.request_id);
    if matches!(action, Action::AddSubject | Action::AddCharge) {
        let mut form = form_page(frame, editing_id, &requester, values, extra);
        form.questions = record.as_ref().map(questions).unwrap_or_default();
        return page(frame, &form);
    }
    let (json, rows) = request_json(&values, &requester);
    let parsed = parse_request(&json.to_string());
    let refused = |values: FormValues, problem: String, report: Option<&Report>| {
        let mut form = form_page(frame, editing_id, &requester, values, [0, 0]);
        form.problem = Some(problem);
        form.checked = report.map(|r| checked(frame, r));
        form.questions = record.as_ref().map(questions).unwrap_or_default();
        answer(frame, StatusCode::UNPROCESSABLE_ENTITY, &form)
    };
    let request = match parsed {
        Ok(request) => request,
        Err(err) => {
            values.invalid = form_field(&err.path, &rows);
            let problem = FieldError { path: values.invalid.clone(), message: err.message }.to_string();
            return refused(values, problem, None);
        }
    };
    if let Some(record) = &record
        && record.request.subjects.len() != request.subjects.len()
    {
        return refused(values, frame.t("form.subjects_fixed").to_string(), None);
    }
    let report = dragnet_review::check(&request, &state.policy());
    match action {
        Action::Check => {
            let mut form = form_page(frame, editing_id, &requester, values, [0, 0]);
            form.checked = Some(checked(frame, &report));
            form.questions = record.as_ref().map(questions).unwrap_or_default();
            page(frame, &form)
        }
        Action::Submit if report.recommendation == dragnet_review::Recommendation::Incomplete => {
            refused(values, frame.t("form.incomplete").to_string(), Some(&report))
        }
        _ => {
            let id = match editing_id {
                Some(id) => match state.app.edit_request(&user.principal(), id, &request).await {
                    Ok(()) => id,
                    Err(err) => return error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
                },
                None => match state.app.create_request(&user.principal(), &request).await {
                    Ok(stored) => stored.request_id,
                    Err(err) => return error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
                },
            };
            if action == Action::Save {
                return redirect(&format!("/requests/{id}?lang={}&saved=1", frame.lang.code()));
            }
            match state.app.submit_request(&user.principal(), id).await {
                Ok(_) => redirect(&format!("/requests/{id}?lang={}&sent=1", frame.lang.code())),
                // Checked above; a draft kept, and the bureau's page shows where it stands.
                Err(
                    dragnet_app::AppError::Incomplete { .. }
                    | dragnet_app::AppError::Store(dragnet_store::StoreError::NothingToDo { .. }),
                ) => redirect(&format!("/requests/{id}?lang={}&saved=1", frame.lang.code())),
                // Edited again and again while it was being checked: kept, and said so.
                Err(dragnet_app::AppError::Store(err @ dragnet_store::StoreError::RequestChanged { .. })) => {
                    error_page(frame.lang, StatusCode::CONFLICT, &err.to_string())
                }
                Err(err) => error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> FormValues {
        FormValues::new(pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect())
    }

    #[test]
    fn the_fields_become_the_request_and_blank_rows_drop_out() {
        let form = values(&[
            ("csrf", "x"),
            ("kind", "red"),
            ("subjects[0].family_name", "ROSSI"),
            ("subjects[0].nationalities", "it, fr"),
            ("subjects[0].status[]", "journalist"),
            ("subjects[0].physical.height_cm", "180"),
            ("subjects[1].family_name", " "),
            ("subjects[2].family_name", "BIANCHI"),
            ("subjects[2].aliases", "Bianco\n\nBiancone"),
            ("charges[0].title", "Murder"),
            ("charges[0].max_penalty.kind", "life"),
            ("judicial.in_absentia", "true"),
            ("offence.context[]", "election"),
            ("offence.context[]", "political_protest"),
        ]);
        let (json, rows) = request_json(&form, "IT");
        assert_eq!(json["requested_by"], "IT");
        assert_eq!(json["subjects"].as_array().unwrap().len(), 2, "{json}");
        assert_eq!(json["subjects"][0]["nationalities"], serde_json::json!(["IT", "FR"]));
        assert_eq!(json["subjects"][0]["status"], serde_json::json!(["journalist"]));
        assert_eq!(json["subjects"][0]["physical"]["height_cm"], 180);
        assert_eq!(json["subjects"][1]["aliases"], serde_json::json!(["Bianco", "Biancone"]));
        assert_eq!(json["offence"]["context"], serde_json::json!(["election", "political_protest"]));
        assert_eq!(json["judicial"]["in_absentia"], true);
        assert!(json.get("csrf").is_none());
        assert_eq!(form_field("subjects[1].date_of_birth", &rows), "subjects[2].date_of_birth");
        assert!(parse_request(&json.to_string()).is_err(), "a red notice without its judicial purpose");
    }

    #[test]
    fn a_stored_request_comes_back_as_the_same_request() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../testdata/compliance-dev/01-seed-head-of-state-drone-strike.json"
        ))
        .unwrap();
        let request = parse_request(&text).unwrap();
        let form = values_of(&request);
        let (json, _) = request_json(&form, request.requested_by.as_str());
        assert_eq!(parse_request(&json.to_string()).unwrap(), request);
        assert!(form.hidden().iter().all(|(name, _)| !name.starts_with("subjects[0].family_name")));
    }

    #[test]
    fn odd_names_are_not_fields() {
        assert!(steps("subjects[99999].family_name").is_none());
        assert!(steps("Subjects.x").is_none());
        assert!(shown("subjects[12].status[]") && shown("charges[3].law") && !shown("third_party.objections"));
    }
}
