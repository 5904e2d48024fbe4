//! A national bureau's pages: what it was told lately (each decision on its notices, a location,
//! a diffusion received), its own country's requests and where each notice stands, and a request
//! with the check's findings and the reviewers' decisions, questions among them.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use dragnet_domain::Role;
use dragnet_store::RequestListing;
use serde::Deserialize;

use super::review::request_view;
use super::{Frame, Words, error_page, page, require};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/requests", get(list)).route("/requests/{id}", get(one))
}

struct SubjectState {
    name: String,
    state: &'static str,
    class: &'static str,
    /// Until when it is in force, once published.
    expires: String,
}

struct Row {
    id: i64,
    kind: String,
    kind_name: &'static str,
    reference: String,
    created: String,
    subjects: Vec<SubjectState>,
    /// How many subjects the list does not name, said; empty when it names them all.
    more: String,
    /// For a request with more subjects than the list names: how many notices in each state.
    counts: Vec<(&'static str, &'static str, i64)>,
}

/// A notification as the bureau's page lists it.
struct Told {
    kind: String,
    what: &'static str,
    notice: String,
    at: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "requests.html")]
struct ListPage {
    frame: Frame,
    rows: Vec<Row>,
    told: Vec<Told>,
}

/// How many notifications the bureau's page shows; the API's poll has them all.
const TOLD: i64 = 20;

/// The colour of a notice's state: where the bureau has something to do, where it is waiting.
fn state_class(state: dragnet_domain::NoticeState) -> &'static str {
    use dragnet_domain::NoticeState as S;
    match state {
        S::Published => "clear",
        S::InfoRequested | S::Draft => "review",
        S::Refused | S::Cancelled | S::Withdrawn | S::Expired => "refuse",
        _ => "incomplete",
    }
}

fn row(frame: &Frame, listing: RequestListing) -> Row {
    let total: i64 = listing.states.iter().map(|(_, count)| count).sum();
    let more = total - listing.first_notices.len() as i64;
    Row {
        more: if more > 0 { frame.lang.fill("bureau.more", &[("n", &more.to_string())]) } else { String::new() },
        counts: if more > 0 {
            listing
                .states
                .iter()
                .map(|(state, count)| (frame.t(&format!("state.{}", state.as_str())), state_class(*state), *count))
                .collect()
        } else {
            Vec::new()
        },
        id: listing.request_id,
        kind: listing.kind.as_str().to_string(),
        kind_name: frame.t(&format!("kind.{}", listing.kind.as_str())),
        reference: listing.reference.unwrap_or_default(),
        created: format!("{}", listing.created_at.date()),
        subjects: listing
            .first_notices
            .iter()
            .map(|n| SubjectState {
                name: n.subject_name.clone(),
                state: frame.t(&format!("state.{}", n.state.as_str())),
                class: state_class(n.state),
                expires: n
                    .expires_at
                    .filter(|_| n.state == dragnet_domain::NoticeState::Published)
                    .map(|at| at.date().to_string())
                    .unwrap_or_default(),
            })
            .collect(),
    }
}

async fn list(State(state): State<AppState>, frame: Frame) -> Response {
    let user = match require(&frame, &[Role::BureauOfficer]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let told = match state.app.recent_notifications(&user.principal(), TOLD).await {
        Ok(told) => told
            .into_iter()
            .map(|n| Told {
                what: frame.t(&format!("told.{}", n.kind)),
                notice: n.notice.to_string(),
                at: super::date_time(n.at),
                detail: match (&n.located_in, &n.place, &n.reason) {
                    (Some(country), place, _) => {
                        [Some(country.clone()), place.clone()].into_iter().flatten().collect::<Vec<_>>().join(", ")
                    }
                    (None, _, Some(reason)) => reason.clone(),
                    _ => String::new(),
                },
                kind: n.kind,
            })
            .collect(),
        Err(err) => return error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    };
    match state.app.requests_of(&user.principal(), None, 200).await {
        Ok(listings) => page(
            &frame,
            &ListPage { frame: frame.clone(), rows: listings.into_iter().map(|l| row(&frame, l)).collect(), told },
        ),
        Err(err) => error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
}

/// What the request form just did with a request, said on its page.
#[derive(Debug, Deserialize)]
struct DoneQuery {
    saved: Option<String>,
    sent: Option<String>,
    /// What a notice's form just did (`withdrawn`, `moved`, `picture`).
    done: Option<String>,
}

/// One of the bureau's requests; another country's is not found, as in the API.
async fn one(
    State(state): State<AppState>,
    frame: Frame,
    Path(id): Path<String>,
    Query(query): Query<DoneQuery>,
) -> Response {
    let user = match require(&frame, &[Role::BureauOfficer]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let Some(id) = id.parse::<i64>().ok().filter(|id| *id > 0) else {
        return error_page(frame.lang, StatusCode::NOT_FOUND, "");
    };
    let country = user.user.grant.acts_for().map(|c| c.to_string()).unwrap_or_default();
    match state.store.request_owner(id).await {
        Ok(owner) if owner == country => {}
        Ok(_) | Err(dragnet_store::StoreError::RequestNotFound(_)) => {
            return error_page(frame.lang, StatusCode::NOT_FOUND, "");
        }
        Err(err) => return error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
    match state.app.read_request(&user.principal(), id).await {
        Ok(record) => {
            let done = match (query.sent, query.saved) {
                (Some(_), _) => Some("form.sent"),
                (None, Some(_)) => Some("form.saved"),
                (None, None) => query.done.as_deref().and_then(super::notice_actions::done_key),
            };
            page(&frame, &request_view(&frame, record, done, None))
        }
        Err(err) => error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
}
