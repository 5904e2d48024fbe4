//! The secretariat's review of cleared travellers: every clearance a border officer made, newest
//! first, with whether it is in effect, and the form that revokes one (the hit is raised again).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use dragnet_app::screening::CLEARANCE_REVIEWERS;
use serde::Deserialize;

use super::{Frame, check_csrf, date_time, error_page, page, redirect, require};
use crate::AppState;

/// Clearances per page.
const PAGE: i64 = 100;

pub fn routes() -> Router<AppState> {
    Router::new().route("/clearances", get(list)).route("/clearances/{id}/revoke", post(revoke))
}

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    before: Option<i64>,
}

struct Row {
    id: i64,
    notice: String,
    document: String,
    date_of_birth: String,
    by: String,
    country: String,
    at: String,
    until: String,
    reason: String,
    /// `in_effect`, `expired` or `revoked`.
    status: &'static str,
    revoked: Option<String>,
}

#[derive(Template)]
#[template(path = "clearances.html")]
struct ClearancesPage {
    frame: Frame,
    rows: Vec<Row>,
    older: Option<i64>,
    problem: Option<String>,
}

async fn list(State(state): State<AppState>, frame: Frame, Query(query): Query<ListQuery>) -> Response {
    let user = match require(&frame, &CLEARANCE_REVIEWERS) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    list_page(&state, &frame, &user, query.before, None).await
}

/// The list, newest first from `before`, with a problem to say (a revocation refused).
async fn list_page(
    state: &AppState,
    frame: &Frame,
    user: &super::SignedIn,
    before: Option<i64>,
    problem: Option<String>,
) -> Response {
    let clearances = match state.app.clearances(&user.principal(), before, PAGE).await {
        Ok(clearances) => clearances,
        Err(err) => return error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    };
    let now = time::OffsetDateTime::now_utc();
    let older = (clearances.len() as i64 == PAGE).then(|| clearances.last().map(|c| c.id)).flatten();
    let rows = clearances
        .into_iter()
        .map(|c| Row {
            id: c.id,
            notice: c.notice.to_string(),
            document: c.document,
            date_of_birth: c.date_of_birth,
            by: c.cleared_by,
            country: c.country,
            at: date_time(c.cleared_at),
            until: c.expires_at.date().to_string(),
            reason: c.reason,
            status: if c.revoked_at.is_some() {
                "revoked"
            } else if c.expires_at <= now {
                "expired"
            } else if c.notice_unchanged == Some(false) {
                "lapsed"
            } else {
                "in_effect"
            },
            revoked: c.revoked_at.map(|at| {
                format!(
                    "{} {}, {}: {}",
                    frame.t("clearances.revoked_by"),
                    c.revoked_by.unwrap_or_default(),
                    date_time(at),
                    c.revoked_reason.unwrap_or_default()
                )
            }),
        })
        .collect();
    let status = if problem.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let mut response = page(frame, &ClearancesPage { frame: frame.clone(), rows, older, problem });
    if response.status() == StatusCode::OK {
        *response.status_mut() = status;
    }
    response
}

#[derive(Debug, Deserialize)]
struct RevokeForm {
    csrf: String,
    #[serde(default)]
    reason: String,
}

async fn revoke(
    State(state): State<AppState>,
    frame: Frame,
    Path(id): Path<String>,
    Form(form): Form<RevokeForm>,
) -> Response {
    let user = match require(&frame, &CLEARANCE_REVIEWERS) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    if let Err(refused) = check_csrf(&user, &form.csrf, frame.lang) {
        return refused.into_response();
    }
    let Ok(id) = id.parse::<i64>() else { return error_page(frame.lang, StatusCode::NOT_FOUND, "") };
    match state.app.revoke_clearance(&user.principal(), id, &form.reason).await {
        Ok(_) => redirect(&format!("/clearances?lang={}", frame.lang.code())),
        Err(dragnet_app::AppError::Store(dragnet_store::StoreError::ClearanceNotFound(_))) => {
            error_page(frame.lang, StatusCode::NOT_FOUND, "")
        }
        // Said on the list itself: what was refused, and why.
        Err(dragnet_app::AppError::Store(err @ dragnet_store::StoreError::ClearanceRevoked(_))) => {
            list_page(&state, &frame, &user, None, Some(err.to_string())).await
        }
        Err(dragnet_app::AppError::Invalid(err)) => list_page(&state, &frame, &user, None, Some(err.to_string())).await,
        Err(err) => error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
}
