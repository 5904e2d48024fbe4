//! `GET /api/v1/search`: the secretariat's search over every notice, and the one reader of a
//! search's parameters that the API and the search page share.

use axum::Json;
use axum::extract::{Query, State};
use axum::response::IntoResponse;
use dragnet_app::search::{Found, NoticeQuery, Place};
use dragnet_domain::{FieldError, NoticeKind, NoticeState, Requester};
use dragnet_store::NoticeSearch;
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::{Answer, Parameters};
use crate::auth::Caller;
use crate::openapi::Problem as ProblemDoc;
use crate::{AppState, Problem};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(search_notices))
}

/// The parameters a search reads; any other is refused, named.
pub const SEARCH_PARAMETERS: [&str; 8] =
    ["name", "requested_by", "state", "kind", "created_from", "created_to", "page", "limit"];

/// A search from its parameters; a blank one narrows nothing (a form sends every field).
pub fn query_of(parameters: &Parameters, known: &[&str]) -> Result<NoticeQuery, FieldError> {
    if let Some(unknown) = parameters.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(FieldError::new(unknown.clone(), "unknown query parameter"));
    }
    let given = |name: &str| parameters.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());
    let day = |name: &str| -> Result<Option<time::Date>, FieldError> {
        given(name)
            .map(|text| {
                let date = dragnet_domain::Date::parse(text).map_err(|why| FieldError::new(name, why))?;
                let month =
                    time::Month::try_from(date.month()).map_err(|err| FieldError::new(name, err.to_string()))?;
                time::Date::from_calendar_date(i32::from(date.year()), month, date.day())
                    .map_err(|err| FieldError::new(name, err.to_string()))
            })
            .transpose()
    };
    let requested_by = given("requested_by")
        .map(|text| match Requester::parse(&text.to_ascii_uppercase()) {
            Ok(Requester::Unknown) | Err(_) => Err(FieldError::new(
                "requested_by",
                format!("{text:?} is not a member country or an international requester"),
            )),
            Ok(requester) => Ok(requester.as_str().to_string()),
        })
        .transpose()?;
    let state = given("state")
        .map(|text| {
            NoticeState::parse(text)
                .ok_or_else(|| FieldError::new("state", format!("{text:?} is not a notice's state")))
        })
        .transpose()?;
    let kind = given("kind")
        .map(|text| {
            NoticeKind::parse(text).ok_or_else(|| FieldError::new("kind", format!("{text:?} is not a kind of notice")))
        })
        .transpose()?;
    let (created_from, created_to) = (day("created_from")?, day("created_to")?);
    if let (Some(from), Some(to)) = (created_from, created_to)
        && to < from
    {
        return Err(FieldError::new("created_to", "before created_from"));
    }
    let limit = match given("limit") {
        None => 50,
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=500).contains(n))
            .ok_or_else(|| FieldError::new("limit", format!("{text:?} is not a whole number from 1 to 500")))?,
    };
    Ok(NoticeQuery {
        name: given("name").map(str::to_string),
        filters: NoticeSearch { requested_by, state, kind, created_from, created_to, before: None },
        page: given("page").map(Place::parse).transpose()?,
        limit,
    })
}

/// What a search found, as the API answers it.
pub fn found_json(found: &Found) -> Value {
    let notices: Vec<Value> = found
        .rows
        .iter()
        .map(|(notice, agreement)| {
            let mut row = json!({
                "id": notice.id,
                "request_id": notice.request_id,
                "kind": notice.kind,
                "requested_by": notice.requested_by,
                "state": notice.state,
                "name": notice.subject.display_name(),
                "original_script_name": notice.subject.original_script_name,
                "date_of_birth": notice.subject.date_of_birth,
                "created_at": notice.created_at.format(&time::format_description::well_known::Rfc3339).ok(),
                "published_at": notice.published_at.and_then(|at| at.format(&time::format_description::well_known::Rfc3339).ok()),
                "expires_at": notice.expires_at.and_then(|at| at.format(&time::format_description::well_known::Rfc3339).ok()),
            });
            if let Some(agreement) = agreement {
                row["score"] = json!((agreement * 1000.0).round() / 1000.0);
            }
            row
        })
        .collect();
    let mut answer = json!({"notices": notices, "next": found.next.map(|place| place.to_string())});
    if found.compared > 0 {
        answer["compared"] = json!(found.compared);
        answer["stopped_short"] = json!(found.stopped_short);
    }
    if !found.unreadable.is_empty() {
        answer["unreadable"] = json!(found.unreadable);
    }
    answer
}

/// `GET /api/v1/search`: every notice in any state, for reviewers and supervisors.
#[utoipa::path(get, path = "/api/v1/search", tag = "review",
    params(("name" = Option<String>, Query, description = "A name in any script, compared as screening compares names; the best agreeing first"),
           ("requested_by" = Option<String>, Query, description = "The requesting country (`FR`) or international requester (`ICC`)"),
           ("state" = Option<String>, Query, description = "`draft`, `in_review`, `published`, `refused`, …"),
           ("kind" = Option<String>, Query, description = "`red`, `yellow`, `diffusion`, …"),
           ("created_from" = Option<String>, Query, description = "Created on or after this day, `YYYY-MM-DD`"),
           ("created_to" = Option<String>, Query, description = "Created on or before this day, `YYYY-MM-DD`"),
           ("page" = Option<String>, Query, description = "The `next` of the previous answer"),
           ("limit" = Option<i64>, Query, description = "At most this many, 1 to 500 (default 50)")),
    responses(
        (status = 200, description = "`notices` newest first (by name: the best agreeing first, each with its `score`), \
         `next` for the next page; by name also `compared` (how many notices the name was compared with) and \
         `stopped_short` (the comparison stopped at the newest 20,000: narrow the search)", body = Object),
        (status = 403, description = "Not the secretariat", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "A parameter does not read; `field` names it", body = ProblemDoc, content_type = "application/problem+json")))]
async fn search_notices(State(state): State<AppState>, caller: Caller, Query(parameters): Query<Parameters>) -> Answer {
    caller.require(&[dragnet_domain::Role::Reviewer, dragnet_domain::Role::Supervisor])?;
    let query = query_of(&parameters, &SEARCH_PARAMETERS).map_err(|err| Problem::invalid(&err))?;
    let found = state.app.search_notices(&caller, query).await?;
    Ok(Json(found_json(&found)).into_response())
}
