//! The JSON API under `/api/v1`: notice requests from their draft to the reviewer's decision.
//!
//! Each handler reads its input, calls the application's use case (which holds the rules of who may
//! do what), and shapes the answer. Bodies are read by the domain's own readers, so a bad one is
//! refused with the path of the field at fault.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dragnet_domain::{FieldError, LifecycleEvent, NoticeId, Role, parse_request};
use dragnet_store::{Decision, QueueDetail};
use serde_json::{Value, json};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Caller;
use crate::openapi::{DecisionBody, NoticeRequest, Problem as ProblemDoc, ReasonBody};
use crate::problem::{json_body, object_with};
use crate::{AppState, Problem};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_request, list_requests))
        .routes(routes!(read_request, update_request))
        .routes(routes!(withdraw_request))
        .routes(routes!(submit_request))
        .routes(routes!(decide))
        .routes(routes!(review_queue))
        .routes(routes!(read_notice))
        .routes(routes!(notice_action))
        .routes(routes!(crate::screening::screen))
        .routes(routes!(notifications))
        .routes(routes!(audit_trail))
        .routes(routes!(audit_verification))
}

pub(crate) type Answer = Result<Response, Problem>;

/// A request id from the path; anything else names no request.
fn request_id(text: &str) -> Result<i64, Problem> {
    text.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(Problem::not_found)
}

/// A query string, read by hand so that a bad parameter is named like a bad field.
pub(crate) type Parameters = std::collections::HashMap<String, String>;

/// `after` (a position, default 0) and `limit` (default `default`, at most `most`) of a list;
/// any other parameter than `known` is refused, as a misspelt one would otherwise be ignored.
pub(crate) fn paging(query: &Parameters, known: &[&str], default: i64, most: i64) -> Result<(i64, i64), Problem> {
    if let Some(unknown) = query.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(Problem::invalid(&FieldError::new(unknown.clone(), "unknown query parameter")));
    }
    let number = |name: &str, low: i64, high: i64| -> Result<Option<i64>, Problem> {
        query
            .get(name)
            .map(|text| {
                text.parse::<i64>().ok().filter(|n| (low..=high).contains(n)).ok_or_else(|| {
                    Problem::invalid(&FieldError::new(
                        name,
                        format!("{text:?} is not a whole number from {low} to {high}"),
                    ))
                })
            })
            .transpose()
    };
    Ok((number("after", 0, i64::MAX)?.unwrap_or(0), number("limit", 1, most)?.unwrap_or(default)))
}

/// `before` (an id: the next page of a list newest first, those below it) and `limit`, as
/// [`paging`] reads it; any other parameter is refused. `what` names the ids for the error.
pub(crate) fn paging_back(
    query: &Parameters,
    what: &str,
    default: i64,
    most: i64,
) -> Result<(Option<i64>, i64), Problem> {
    let (_, limit) = paging(query, &["before", "limit"], default, most)?;
    let before = query
        .get("before")
        .map(|text| {
            text.parse::<i64>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| Problem::invalid(&FieldError::new("before", format!("{text:?} is not {what}"))))
        })
        .transpose()?;
    Ok((before, limit))
}

/// The longest reason kept on the record.
const MOST_REASON_CHARS: usize = 4000;

/// The `reason` of a body: every decision and change of a notice is on the record with one.
pub(crate) fn reason_of(body: &Value, what: &str) -> Result<String, Problem> {
    let reason = body
        .get("reason")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .ok_or_else(|| Problem::invalid(&FieldError::new("reason", format!("{what} needs its reason"))))?;
    if reason.chars().count() > MOST_REASON_CHARS {
        return Err(Problem::invalid(&FieldError::new("reason", format!("at most {MOST_REASON_CHARS} characters"))));
    }
    dragnet_domain::text::plain_text("reason", reason).map_err(|err| Problem::invalid(&err))?;
    Ok(reason.to_string())
}

/// The reason of a body that holds a reason and nothing else (a misspelt field is named).
pub(crate) fn only_reason(body: &Value, what: &str) -> Result<String, Problem> {
    object_with(body, &["reason"])?;
    reason_of(body, what)
}

/// `POST /api/v1/requests`: a bureau's request becomes one draft notice per subject.
#[utoipa::path(post, path = "/api/v1/requests", tag = "requests", request_body = NoticeRequest,
    responses(
        (status = 201, description = "One draft notice per subject; `Location` names the request",
         body = Object, example = json!({"request_id": 7, "notices": ["2026/00012"]})),
        (status = 400, description = "The body is not JSON", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 409, description = "A draft already names one of these subjects", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 413, description = "The body is over 8 MiB", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "A field does not read; `field` names it", body = ProblemDoc, content_type = "application/problem+json")))]
async fn create_request(State(state): State<AppState>, caller: Caller, body: Bytes) -> Answer {
    caller.require(&[Role::BureauOfficer])?;
    let request = request_body(&body)?;
    let stored = state.app.create_request(&caller, &request).await?;
    let location = format!("/api/v1/requests/{}", stored.request_id);
    let body = json!({"request_id": stored.request_id, "notices": stored.notice_ids});
    Ok((StatusCode::CREATED, [(axum::http::header::LOCATION, location)], Json(body)).into_response())
}

/// `GET /api/v1/requests/{id}`: the request and where each of its notices stands.
#[utoipa::path(get, path = "/api/v1/requests/{id}", tag = "requests", params(("id" = i64, Path, description = "The request's id")),
    responses(
        (status = 200, description = "The request as sent, and each notice's state", body = Object),
        (status = 404, description = "No such request, or another country's", body = ProblemDoc, content_type = "application/problem+json")))]
async fn read_request(State(state): State<AppState>, caller: Caller, Path(id): Path<String>) -> Answer {
    let record = state.app.read_request(&caller, request_id(&id)?).await?;
    Ok(Json(record).into_response())
}

/// `POST /api/v1/requests/{id}/submit`: runs the automated check and, unless a subject lacks the
/// minimum data, sends the drafts to review with their reports.
#[utoipa::path(post, path = "/api/v1/requests/{id}/submit", tag = "requests", params(("id" = i64, Path, description = "The request's id")),
    responses(
        (status = 200, description = "The check's recommendation and each notice's report and new state", body = Object),
        (status = 404, description = "No such request of the caller's country", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 409, description = "Nothing in the request can be submitted now", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "A subject lacks the minimum data (`code` = `incomplete`, with the report)",
         body = ProblemDoc, content_type = "application/problem+json")))]
async fn submit_request(State(state): State<AppState>, caller: Caller, Path(id): Path<String>) -> Answer {
    let id = request_id(&id)?;
    let submitted = state.app.submit_request(&caller, id).await.map_err(|err| match err {
        dragnet_app::AppError::Store(dragnet_store::StoreError::NothingToDo { .. }) => {
            Problem::new(StatusCode::CONFLICT, "nothing_to_do", "The request has no draft to submit")
        }
        other => Problem::from_app(other),
    })?;
    let notices: Vec<Value> = submitted
        .moved
        .iter()
        .zip(&submitted.checks)
        .map(|((notice, state), check)| json!({"id": notice, "state": state, "report": check.report}))
        .collect();
    let recommendation = submitted.recommendation;
    Ok(Json(json!({"request_id": id, "recommendation": recommendation, "notices": notices})).into_response())
}

/// `GET /api/v1/requests`: the calling bureau's own requests, newest first.
#[utoipa::path(get, path = "/api/v1/requests", tag = "requests",
    params(("before" = Option<i64>, Query, description = "Only requests with an id below this (the next page)"),
           ("limit" = Option<i64>, Query, description = "At most this many, 1 to 500 (default 50)")),
    responses(
        (status = 200, description = "The bureau's requests newest first, each with its first subjects (their states and \
         expiry) and how many notices stand in each state; `next_before` pages on", body = Object),
        (status = 403, description = "Not a bureau officer", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "A query parameter does not read", body = ProblemDoc, content_type = "application/problem+json")))]
async fn list_requests(State(state): State<AppState>, caller: Caller, Query(query): Query<Parameters>) -> Answer {
    caller.require(&[Role::BureauOfficer])?;
    let (before, limit) = paging_back(&query, "a request id", 50, 500)?;
    let requests = state.app.requests_of(&caller, before, limit).await?;
    let next = (requests.len() as i64 == limit).then(|| requests.last().map(|r| r.request_id)).flatten();
    Ok(Json(json!({"requests": requests, "next_before": next})).into_response())
}

/// A request's body read by the domain's reader: JSON that does not parse is a 400, a field that
/// does not read a 422 naming it.
fn request_body(body: &Bytes) -> Result<dragnet_domain::NoticeRequest, Problem> {
    json_body(body)?;
    let text =
        std::str::from_utf8(body).map_err(|_| Problem::invalid(&FieldError::new("", "the body is not UTF-8 text")))?;
    parse_request(text).map_err(|err| Problem::invalid(&err))
}

/// `GET /api/v1/review/queue`: requests waiting for a decision, the riskiest first.
#[utoipa::path(get, path = "/api/v1/review/queue", tag = "review",
    params(("limit" = Option<i64>, Query, description = "At most this many requests, 1 to 500 (default 50)")),
    responses(
        (status = 200, description = "Requests in review, highest risk first, with each check's findings", body = Object),
        (status = 422, description = "A query parameter does not read", body = ProblemDoc, content_type = "application/problem+json")))]
async fn review_queue(State(state): State<AppState>, caller: Caller, Query(query): Query<Parameters>) -> Answer {
    caller.require(&[Role::Reviewer, Role::Supervisor])?;
    let (_, limit) = paging(&query, &["limit"], 50, 500)?;
    let queue = state.app.review_queue(&caller, limit, QueueDetail::Reports).await?;
    Ok(Json(json!({"requests": queue})).into_response())
}

/// The body of a decision, read field by field so that an error names its field.
fn read_decision(body: &Value) -> Result<(Decision, String, Option<Vec<NoticeId>>), Problem> {
    let object = object_with(body, &["decision", "reason", "notices"])?;
    let decision =
        object.get("decision").and_then(Value::as_str).and_then(Decision::parse).ok_or_else(|| {
            Problem::invalid(&FieldError::new("decision", "one of publish, refuse, request_information"))
        })?;
    let reason = reason_of(body, "a decision")?;
    let notices = match object.get("notices") {
        None | Some(Value::Null) => None,
        Some(Value::Array(items)) => Some(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    item.as_str().and_then(|text| NoticeId::parse(text).ok()).ok_or_else(|| {
                        Problem::invalid(&FieldError::new(
                            format!("notices[{i}]"),
                            "a notice id, a year and a number: 2026/00001, 2020/821",
                        ))
                    })
                })
                .collect::<Result<Vec<_>, _>>()?,
        ),
        Some(_) => return Err(Problem::invalid(&FieldError::new("notices", "a list of notice ids"))),
    };
    Ok((decision, reason, notices))
}

/// `POST /api/v1/requests/{id}/decision`: a reviewer publishes, refuses or asks for information.
#[utoipa::path(post, path = "/api/v1/requests/{id}/decision", tag = "review", params(("id" = i64, Path, description = "The request's id")),
    request_body = DecisionBody,
    responses(
        (status = 200, description = "What became of each notice; publishing against a `refuse` waits for a second reviewer",
         body = Object),
        (status = 404, description = "No such request", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 409, description = "Nothing in review, or the same reviewer concurring with themself",
         body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "A field does not read", body = ProblemDoc, content_type = "application/problem+json")))]
async fn decide(State(state): State<AppState>, caller: Caller, Path(id): Path<String>, body: Bytes) -> Answer {
    caller.require(&[Role::Reviewer])?;
    let id = request_id(&id)?;
    let (decision, reason, notices) = read_decision(&json_body(&body)?)?;
    let outcomes = state.app.decide(&caller, id, decision, &reason, notices.as_deref()).await?;
    Ok(Json(json!({"request_id": id, "decision": decision, "outcomes": outcomes})).into_response())
}

/// `POST /api/v1/notices/{id}/located` with optional `place` and `remarks`: a screener (or a bureau)
/// confirms a hit as the person; the requesting bureau is notified.
async fn located(state: AppState, caller: Caller, id: &str, body: &Bytes) -> Answer {
    caller.require(&[Role::Screener, Role::BureauOfficer])?;
    let id = NoticeId::parse(id).map_err(|_| Problem::not_found())?;
    let body = if body.is_empty() { json!({}) } else { json_body(body)? };
    let object = object_with(&body, &["place", "remarks"])?;
    let text = |field: &str| -> Result<Option<String>, Problem> {
        match object.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) if !text.trim().is_empty() && text.chars().count() <= 1000 => {
                let plain = if field == "place" {
                    dragnet_domain::text::plain_line(field, text)
                } else {
                    dragnet_domain::text::plain_text(field, text)
                };
                plain.map_err(|err| Problem::invalid(&err))?;
                Ok(Some(text.trim().to_string()))
            }
            Some(_) => Err(Problem::invalid(&FieldError::new(field, "a text of 1 to 1,000 characters"))),
        }
    };
    let (place, remarks) = (text("place")?, text("remarks")?);
    let notification = state.app.located(&caller, id, place.as_deref(), remarks.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(notification)).into_response())
}

/// `GET /api/v1/notifications?after=N`: what a bureau has been told about its notices, oldest first;
/// poll with the last id seen.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notices",
    params(("after" = Option<i64>, Query, description = "Only those after this id (the last one seen)"),
           ("limit" = Option<i64>, Query, description = "At most this many, 1 to 1,000 (default 100)")),
    responses(
        (status = 200, description = "What the bureau was told, oldest first: each decision on its notices (`published`, \
         `refused`, `information_requested`, `suspended`, `reinstated`, `cancelled`, `renewed`, `expired`, `expiring`, \
         with the decider's `reason`), `rechecked`, `located` (where, by whom), and `diffusion` (one sent to it)", body = Object),
        (status = 422, description = "A query parameter does not read", body = ProblemDoc, content_type = "application/problem+json")))]
async fn notifications(State(state): State<AppState>, caller: Caller, Query(query): Query<Parameters>) -> Answer {
    caller.require(&[Role::BureauOfficer])?;
    let country = caller.country().ok_or_else(|| Problem::forbidden("a bureau officer acts for a country"))?;
    let (after, limit) = paging(&query, &["after", "limit"], 100, 1000)?;
    let list = state.store.notifications(&caller.actor, &country, after, limit).await.map_err(Problem::from_store)?;
    Ok(Json(json!({"notifications": list})).into_response())
}

/// `POST /api/v1/notices/{id}/suspend|reinstate|cancel|renew` with `{"reason": "…"}`: a published
/// notice's life after publication. The secretariat suspends, reinstates and cancels; the requesting
/// bureau cancels and renews its own. Screening follows at once.
#[utoipa::path(post, path = "/api/v1/notices/{id}/{action}", tag = "notices",
    params(("id" = String, Path, description = "The notice's id with a dash, `2026-00001` or `2020-821` (a year and a number of one to seven digits, as written), or with an escaped slash"),
           ("action" = String, Path, description = "`suspend`, `reinstate`, `cancel`, `renew` (with a `reason`), `located`, `objections` (another member's bureau objects: `summary`, optional `source`), or `keep` (a reviewer keeps a notice checked again as it stands, with a `reason`)")),
    request_body(content = ReasonBody, description = "`{\"reason\"}`; for `located`, optional `place` and `remarks` (`LocatedBody`); for `objections`, `{\"summary\", \"source\"}`"),
    responses(
        (status = 200, description = "The notice's new state", body = Object, example = json!({"id": "2026/00012", "state": "cancelled"})),
        (status = 201, description = "`located`: the notification sent to the requesting bureau; `objections`: the objection as kept, and each notice of the request checked again", body = Object),
        (status = 404, description = "No such notice or action, or one the caller may not see", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 409, description = "The notice's state does not allow this", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "A field does not read", body = ProblemDoc, content_type = "application/problem+json")))]
async fn notice_action(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, action)): Path<(String, String)>,
    body: Bytes,
) -> Answer {
    match action.as_str() {
        "located" => return located(state, caller, &id, &body).await,
        "objections" => return crate::knowledge::lodge_objection(state, caller, &id, &body).await,
        "keep" => return crate::knowledge::keep_after_recheck(state, caller, &id, &body).await,
        _ => {}
    }
    let event = match action.as_str() {
        "suspend" => LifecycleEvent::Suspend,
        "reinstate" => LifecycleEvent::Reinstate,
        "cancel" => LifecycleEvent::Cancel,
        "renew" => LifecycleEvent::Renew,
        _ => return Err(Problem::not_found()),
    };
    // Who may is asked first: a role that never may is refused before the notice is looked up,
    // so that it learns nothing of which exist; a caller who may not learns nothing from a bad body.
    caller.may_ever_move_notice(event)?;
    let id = NoticeId::parse(&id).map_err(|_| Problem::not_found())?;
    let owner = state.store.notice_owner(id).await.map_err(Problem::from_store)?;
    caller.may_move_notice(event, &owner)?;
    let reason = only_reason(&json_body(&body)?, "each change of a notice")?;
    let new_state = state.app.move_notice(&caller, id, event, &reason).await?;
    if event == LifecycleEvent::Reinstate && new_state != dragnet_domain::NoticeState::Published {
        // The check says refuse: this reviewer's vote is kept, and a second one must concur.
        return Ok(Json(json!({"id": id, "state": new_state, "awaiting_second_reviewer": true})).into_response());
    }
    Ok(Json(json!({"id": id, "state": new_state})).into_response())
}

/// `GET /api/v1/notices/{id}`: the secretariat and the requesting bureau read any of its notices;
/// other bureaus and screeners read a notice in force, unless its requester barred their country.
#[utoipa::path(get, path = "/api/v1/notices/{id}", tag = "notices", params(("id" = String, Path, description = "The notice's id with a dash, `2026-00001` or `2020-821` (a year and a number of one to seven digits, as written), or with an escaped slash")),
    responses(
        (status = 200, description = "The notice and its subject", body = Object),
        (status = 404, description = "No such notice, or one the caller's country may not see", body = ProblemDoc, content_type = "application/problem+json")))]
async fn read_notice(State(state): State<AppState>, caller: Caller, Path(id): Path<String>) -> Answer {
    let id = NoticeId::parse(&id).map_err(|_| Problem::not_found())?;
    let record = state.app.read_notice(&caller, id).await?;
    Ok(Json(record).into_response())
}

/// `GET /api/v1/audit?after=N&limit=M`: the audit trail in order, for auditors and supervisors.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit",
    params(("after" = Option<i64>, Query, description = "Records after this sequence number"),
           ("limit" = Option<i64>, Query, description = "At most this many, 1 to 1,000 (default 100)"),
           ("action" = Option<String>, Query, description = "Only what was done: an action (`notice.publish`), or every one starting so when it ends in `.` (`notice.`)"),
           ("actor" = Option<String>, Query, description = "Only what this user (or `system:…`) did"),
           ("target" = Option<String>, Query, description = "Only what was done to a target (`notice/2026/00012`), or to every one starting so when it ends in `/` (`request/`)")),
    responses(
        (status = 200, description = "Audit records in order, each with its hash and the previous one's", body = Object),
        (status = 422, description = "A query parameter does not read", body = ProblemDoc, content_type = "application/problem+json")))]
async fn audit_trail(State(state): State<AppState>, caller: Caller, Query(query): Query<Parameters>) -> Answer {
    caller.require(&[Role::Auditor, Role::Supervisor])?;
    let (after, limit) = paging(&query, &["after", "limit", "action", "actor", "target"], 100, 1000)?;
    let given = |name: &str| query.get(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let filter = dragnet_store::AuditFilter {
        action: given("action"),
        actor: given("actor"),
        target: given("target"),
        before: None,
        after: Some(after),
    };
    // Narrowed, the read is a search and is itself audited; the whole trail in order is what an
    // export follows, call after call.
    let records = if filter.action.is_some() || filter.actor.is_some() || filter.target.is_some() {
        state.store.search_audit(&caller.actor, &filter, limit).await
    } else {
        state.store.audit_records(after, limit).await
    }
    .map_err(Problem::from_store)?;
    Ok(Json(json!({"records": records})).into_response())
}

/// `GET /api/v1/audit/verification`: walks the whole chain and says whether it is intact.
#[utoipa::path(get, path = "/api/v1/audit/verification", tag = "audit",
    responses((status = 200, description = "`intact` with the count of records, or `broken` at the first bad record",
               body = Object)))]
async fn audit_verification(State(state): State<AppState>, caller: Caller) -> Answer {
    caller.require(&[Role::Auditor, Role::Supervisor])?;
    let verification = state.store.verify_audit().await.map_err(Problem::from_store)?;
    Ok(Json(verification).into_response())
}

/// `PUT /api/v1/requests/{id}`: the bureau edits its request while it is a draft, or to answer a
/// reviewer's question; then it submits again.
#[utoipa::path(put, path = "/api/v1/requests/{id}", tag = "requests", params(("id" = i64, Path, description = "The request's id")),
    request_body = NoticeRequest,
    responses(
        (status = 200, description = "Edited; submit it again", body = Object),
        (status = 404, description = "No such request of the caller's country", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 409, description = "Not a draft, nor sent back for information", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "A field does not read, or the subjects' count changed", body = ProblemDoc, content_type = "application/problem+json")))]
async fn update_request(State(state): State<AppState>, caller: Caller, Path(id): Path<String>, body: Bytes) -> Answer {
    caller.require(&[Role::BureauOfficer])?;
    let id = request_id(&id)?;
    let owner = state.store.request_owner(id).await.map_err(Problem::from_store)?;
    caller.may_change_request(&owner)?;
    let request = request_body(&body)?;
    state.app.edit_request(&caller, id, &request).await?;
    Ok(Json(json!({"request_id": id, "updated": true})).into_response())
}

/// `POST /api/v1/requests/{id}/withdraw` with `{"reason": "…"}`: the bureau takes back what is not decided.
#[utoipa::path(post, path = "/api/v1/requests/{id}/withdraw", tag = "requests", params(("id" = i64, Path, description = "The request's id")),
    request_body = ReasonBody,
    responses(
        (status = 200, description = "The notices withdrawn", body = Object),
        (status = 404, description = "No such request of the caller's country", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 409, description = "Nothing left to withdraw", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "No reason, or one that does not read", body = ProblemDoc, content_type = "application/problem+json")))]
async fn withdraw_request(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Answer {
    caller.require(&[Role::BureauOfficer])?;
    let id = request_id(&id)?;
    let owner = state.store.request_owner(id).await.map_err(Problem::from_store)?;
    caller.may_change_request(&owner)?;
    let reason = only_reason(&json_body(&body)?, "a withdrawal")?;
    let withdrawn = state.app.withdraw_request(&caller, id, &reason).await?;
    Ok(Json(json!({"request_id": id, "withdrawn": withdrawn})).into_response())
}
