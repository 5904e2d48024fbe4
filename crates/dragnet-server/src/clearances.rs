//! Cleared travellers over the API: a border officer records that a traveller (by document number
//! and date of birth) is not the subject of a notice; the secretariat lists clearances and revokes
//! one. And the pictures of a hit's notice, for whoever screening may show it to.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use dragnet_app::screening::ClearTraveller;
use dragnet_domain::{FieldError, NoticeId};
use dragnet_store::Clearance;
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::{Parameters, only_reason, paging_back};
use crate::auth::Caller;
use crate::openapi::Problem as ProblemDoc;
use crate::problem::{json_body, object_with};
use crate::{AppState, Problem};

type Answer = Result<Response, Problem>;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_clearances, clear_traveller))
        .routes(routes!(revoke_clearance))
        .routes(routes!(hit_picture))
}

/// A clearance as the API gives it.
pub fn clearance_json(clearance: &Clearance, now: time::OffsetDateTime) -> Value {
    let mut value = serde_json::to_value(clearance).unwrap_or_default();
    let in_effect =
        clearance.revoked_at.is_none() && clearance.expires_at > now && clearance.notice_unchanged != Some(false);
    value["in_effect"] = json!(in_effect);
    value
}

fn text_field(object: &serde_json::Map<String, Value>, field: &str, what: &str) -> Result<String, Problem> {
    match object.get(field) {
        Some(Value::String(text)) if !text.trim().is_empty() => Ok(text.clone()),
        _ => Err(Problem::invalid(&FieldError::new(field, what))),
    }
}

/// `POST /api/v1/clearances`: an officer records that a traveller is not the subject of a notice.
#[utoipa::path(post, path = "/api/v1/clearances", tag = "screening",
    request_body(content = Object, description = "`notice` (its id), the traveller's `document` number and \
        `date_of_birth` (`YYYY[-MM[-DD]]`), `seen` (the hit's `notice.updated_at`, so that a notice changed since \
        is not cleared) and `reason`",
        example = json!({"notice": "2026/00004", "document": "YA1234567", "date_of_birth": "1990-04-02",
                         "seen": "2026-11-30T09:12:44.123456Z", "reason": "Photo and fingerprints differ; another man"})),
    responses(
        (status = 201, description = "The clearance, lasting 180 days unless revoked or the notice changes", body = Object),
        (status = 404, description = "No such notice in force that the caller's country may see", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 409, description = "The notice changed since it was screened: screen again", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "A field does not read; `field` names it", body = ProblemDoc, content_type = "application/problem+json")))]
async fn clear_traveller(State(state): State<AppState>, caller: Caller, body: Bytes) -> Answer {
    caller.require(&dragnet_app::screening::CLEARERS)?;
    let body = json_body(&body)?;
    let object = object_with(&body, &["notice", "document", "date_of_birth", "seen", "reason"])?;
    let notice = text_field(object, "notice", "the id of the notice the traveller is not the subject of")?;
    let notice = NoticeId::parse(&notice).map_err(|reason| Problem::invalid(&FieldError::new("notice", reason)))?;
    let clear = ClearTraveller {
        notice,
        document: text_field(object, "document", "the traveller's document number")?,
        date_of_birth: text_field(object, "date_of_birth", "the traveller's date of birth, YYYY[-MM[-DD]]")?,
        seen: text_field(object, "seen", "the hit's notice.updated_at")?,
        reason: text_field(object, "reason", "say why the traveller is not this person")?,
    };
    let clearance = state.app.clear_traveller(&caller, &clear).await?;
    let now = time::OffsetDateTime::now_utc();
    Ok((StatusCode::CREATED, Json(clearance_json(&clearance, now))).into_response())
}

/// `GET /api/v1/clearances`: the secretariat reviews clearances, newest first.
#[utoipa::path(get, path = "/api/v1/clearances", tag = "screening",
    params(("before" = Option<i64>, Query, description = "Only clearances with an id below this (the next page)"),
           ("limit" = Option<i64>, Query, description = "At most this many, 1 to 500 (default 100)")),
    responses(
        (status = 200, description = "Clearances newest first, each with whether it is in effect", body = Object),
        (status = 422, description = "A query parameter does not read", body = ProblemDoc, content_type = "application/problem+json")))]
async fn list_clearances(State(state): State<AppState>, caller: Caller, Query(query): Query<Parameters>) -> Answer {
    caller.require(&dragnet_app::screening::CLEARANCE_REVIEWERS)?;
    let (before, limit) = paging_back(&query, "a clearance id", 100, 500)?;
    let clearances = state.app.clearances(&caller, before, limit).await?;
    let now = time::OffsetDateTime::now_utc();
    let next = (clearances.len() as i64 == limit).then(|| clearances.last().map(|c| c.id)).flatten();
    let list: Vec<Value> = clearances.iter().map(|c| clearance_json(c, now)).collect();
    Ok(Json(json!({"clearances": list, "next_before": next})).into_response())
}

/// `POST /api/v1/clearances/{id}/revoke`: the secretariat revokes a clearance, with why.
#[utoipa::path(post, path = "/api/v1/clearances/{id}/revoke", tag = "screening",
    params(("id" = i64, Path, description = "The clearance's id")),
    request_body = crate::openapi::ReasonBody,
    responses(
        (status = 200, description = "The clearance, revoked: the hit is raised again", body = Object),
        (status = 404, description = "No such clearance", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 409, description = "Revoked already", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "No reason", body = ProblemDoc, content_type = "application/problem+json")))]
async fn revoke_clearance(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Answer {
    caller.require(&dragnet_app::screening::CLEARANCE_REVIEWERS)?;
    let id: i64 = id.parse().ok().filter(|id| *id > 0).ok_or_else(Problem::not_found)?;
    let reason = only_reason(&json_body(&body)?, "revoking a clearance")?;
    let clearance = state.app.revoke_clearance(&caller, id, &reason).await?;
    Ok(Json(clearance_json(&clearance, time::OffsetDateTime::now_utc())).into_response())
}

/// A picture's bytes, shown only as an image: no sniffing, no script, no framing; kept by no cache.
pub fn picture_response(content_type: String, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CONTENT_SECURITY_POLICY, "default-src 'none'; style-src 'unsafe-inline'; sandbox".to_string()),
        ],
        bytes,
    )
        .into_response()
}

/// `GET /api/v1/notices/{id}/pictures/{picture}`: a picture of a hit's notice.
#[utoipa::path(get, path = "/api/v1/notices/{id}/pictures/{picture}", tag = "screening",
    params(("id" = String, Path, description = "The notice's id with a dash, `2026-00001`"),
           ("picture" = i64, Path, description = "The picture's id, as a hit's `notice.pictures` gives it")),
    responses(
        (status = 200, description = "The picture (image/jpeg, image/png or image/svg+xml)", content_type = "image/*"),
        (status = 404, description = "No such picture, or of a notice the caller's country may not see",
         body = ProblemDoc, content_type = "application/problem+json")))]
async fn hit_picture(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, picture)): Path<(String, String)>,
) -> Answer {
    let id = NoticeId::parse(&id).map_err(|_| Problem::not_found())?;
    let picture: i64 = picture.parse().map_err(|_| Problem::not_found())?;
    let (content_type, bytes) = state.app.hit_picture(&caller, id, picture).await?;
    Ok(picture_response(content_type, bytes))
}
