//! What the secretariat knows from others, over the API: another member's bureau objects to a
//! notice it sees; a reviewer records a refugee status, a position, a fact or an objection sent
//! another way, with its source; and a reviewer keeps a notice that was checked again.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dragnet_app::knowledge::Recorded;
use dragnet_domain::knowledge::KnownItem;
use dragnet_domain::{FieldError, NoticeId, PartialDate, Role};
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::only_reason;
use crate::auth::Caller;
use crate::openapi::Problem as ProblemDoc;
use crate::problem::{json_body, object_with};
use crate::{AppState, Problem};

type Answer = Result<Response, Problem>;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_knowledge, record_knowledge))
}

fn recorded_json(recorded: &Recorded) -> Value {
    let rechecked: Vec<Value> =
        recorded.rechecked.iter().map(|(id, state)| json!({"id": id, "state": state})).collect();
    json!({"knowledge": recorded.knowledge, "rechecked": rechecked})
}

fn text(object: &serde_json::Map<String, Value>, field: &str) -> Result<Option<String>, Problem> {
    match object.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(_) => Err(Problem::invalid(&FieldError::new(field, "a text"))),
    }
}

/// `POST /api/v1/notices/{id}/objections` (through the notices' action route): a member country's
/// bureau objects to a notice in force it may see, in its own words.
pub(crate) async fn lodge_objection(state: AppState, caller: Caller, id: &str, body: &Bytes) -> Answer {
    caller.require(&[Role::BureauOfficer])?;
    let id = NoticeId::parse(id).map_err(|_| Problem::not_found())?;
    let body = json_body(body)?;
    let object = object_with(&body, &["summary", "source"])?;
    let summary = text(object, "summary")?.ok_or_else(|| {
        Problem::invalid(&FieldError::new("summary", "an objection says why, in the country's words"))
    })?;
    let source = text(object, "source")?;
    let recorded = state.app.lodge_objection(&caller, id, &summary, source.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(recorded_json(&recorded))).into_response())
}

/// `POST /api/v1/notices/{id}/keep` (through the notices' action route): a reviewer keeps a notice
/// that was checked again as it stands, with why; it leaves the review queue.
pub(crate) async fn keep_after_recheck(state: AppState, caller: Caller, id: &str, body: &Bytes) -> Answer {
    caller.require(&[Role::Reviewer])?;
    let id = NoticeId::parse(id).map_err(|_| Problem::not_found())?;
    let reason = only_reason(&json_body(body)?, "keeping a notice checked again")?;
    state.app.keep_after_recheck(&caller, id, &reason).await?;
    Ok(Json(json!({"id": id, "kept": true})).into_response())
}

/// `POST /api/v1/requests/{id}/knowledge`: a reviewer records what the secretariat knows.
#[utoipa::path(post, path = "/api/v1/requests/{id}/knowledge", tag = "review",
    params(("id" = i64, Path, description = "The request's id")),
    request_body(content = Object, description = "`kind`: `refugee_status` (`granted_by`, `year`), `status` (`status`), \
        `fact` (`text`) or `objection` (`summary`, and the objecting member `country`); `source` (where it is known \
        from), optional `known_on` (`YYYY[-MM[-DD]]`) and `subject` (its place in the request's `subjects`, from 0; \
        absent: every subject)",
        example = json!({"kind": "refugee_status", "granted_by": "CA", "year": 2019, "subject": 0,
                         "source": "UNHCR letter", "known_on": "2026-11-02"})),
    responses(
        (status = 201, description = "The item as kept, and each notice of the request checked again with its state",
         body = Object),
        (status = 404, description = "No such request", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "A field does not read", body = ProblemDoc, content_type = "application/problem+json")))]
async fn record_knowledge(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Answer {
    caller.require(&[Role::Reviewer, Role::Supervisor])?;
    let id: i64 = id.parse().ok().filter(|id| *id > 0).ok_or_else(Problem::not_found)?;
    let new = read_knowledge(&json_body(&body)?)?;
    let recorded = state.app.record_knowledge(&caller, id, new).await?;
    Ok((StatusCode::CREATED, Json(recorded_json(&recorded))).into_response())
}

/// An item of knowledge as a body gives it: the item's `kind` and fields, its `source`, and
/// optional `known_on`, `country` and `subject`. The API and the reviewer's page read it so.
pub(crate) fn read_knowledge(body: &Value) -> Result<dragnet_store::NewKnowledge, Problem> {
    let mut object = body
        .as_object()
        .cloned()
        .ok_or_else(|| Problem::invalid(&FieldError::new("", "an object with the item's kind and fields")))?;
    let source = text(&object, "source")?
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| Problem::invalid(&FieldError::new("source", "say where this is known from")))?;
    let known_on = text(&object, "known_on")?
        .map(|date| PartialDate::parse(&date).map_err(|reason| Problem::invalid(&FieldError::new("known_on", reason))))
        .transpose()?;
    let country = text(&object, "country")?;
    let subject = match object.get("subject") {
        None | Some(Value::Null) => None,
        Some(value) => {
            Some(value.as_u64().filter(|n| *n < dragnet_domain::request::MAX_SUBJECTS as u64).ok_or_else(|| {
                Problem::invalid(&FieldError::new("subject", "a subject's place in the request, from 0"))
            })? as usize)
        }
    };
    for field in ["source", "known_on", "country", "subject"] {
        object.remove(field);
    }
    let item: KnownItem = serde_json::from_value(Value::Object(object)).map_err(|err| {
        let field = if err.to_string().contains("year") { "year" } else { "kind" };
        Problem::invalid(&FieldError::new(field, err.to_string()))
    })?;
    Ok(dragnet_store::NewKnowledge { subject, item, source, known_on, country })
}

/// `GET /api/v1/requests/{id}/knowledge`: what the secretariat knows of a request, each with who said it.
#[utoipa::path(get, path = "/api/v1/requests/{id}/knowledge", tag = "review",
    params(("id" = i64, Path, description = "The request's id")),
    responses(
        (status = 200, description = "Objections lodged and what reviewers recorded, oldest first", body = Object),
        (status = 404, description = "No such request", body = ProblemDoc, content_type = "application/problem+json")))]
async fn list_knowledge(State(state): State<AppState>, caller: Caller, Path(id): Path<String>) -> Answer {
    let id: i64 = id.parse().ok().filter(|id| *id > 0).ok_or_else(Problem::not_found)?;
    let knowledge = state.app.knowledge(&caller, id).await?;
    Ok(Json(json!({"request_id": id, "knowledge": knowledge})).into_response())
}
