//! The secretariat's search page over every notice, its CSV download, and the review queue's CSV:
//! the same search, by the same reader of its fields, as `GET /api/v1/search`.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use dragnet_app::search::Found;
use dragnet_domain::{NoticeKind, NoticeState, Role};

use super::{Frame, Words, date_time, error_page, page, require};
use crate::AppState;
use crate::api::Parameters;

pub fn routes() -> Router<AppState> {
    Router::new().route("/search", get(search_page)).route("/search.csv", get(search_csv))
}

/// The fields the page's form sends besides the search's own.
const PAGE_FIELDS: [&str; 9] =
    ["name", "requested_by", "state", "kind", "created_from", "created_to", "page", "limit", "lang"];

struct Row {
    notice: String,
    request_id: i64,
    name: String,
    original: String,
    kind: String,
    kind_name: &'static str,
    requested_by: String,
    state: &'static str,
    created: String,
    expires: String,
    score: String,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    frame: Frame,
    /// The form's fields as sent, to show them again.
    name: String,
    requested_by: String,
    state: String,
    kind: String,
    created_from: String,
    created_to: String,
    states: Vec<(&'static str, &'static str)>,
    kinds: Vec<(&'static str, &'static str)>,
    asked: bool,
    rows: Vec<Row>,
    problem: Option<String>,
    /// The query of the next page, and of the CSV download of this search.
    next: Option<String>,
    csv: String,
    /// Said when a name was compared: with how many notices, and whether it stopped short.
    compared: String,
    unreadable: usize,
}

/// A query string from its pairs, each value escaped.
fn query_string(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", super::audit::encoded(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn rows_of(frame: &Frame, found: &Found) -> Vec<Row> {
    found
        .rows
        .iter()
        .map(|(n, score)| Row {
            notice: n.id.to_string(),
            request_id: n.request_id,
            name: n.subject.display_name(),
            original: n.subject.original_script_name.clone().unwrap_or_default(),
            kind: n.kind.as_str().to_string(),
            kind_name: frame.t(&format!("kind.{}", n.kind.as_str())),
            requested_by: n.requested_by.clone(),
            state: frame.t(&format!("state.{}", n.state.as_str())),
            created: n.created_at.date().to_string(),
            expires: n
                .expires_at
                .filter(|_| n.state == NoticeState::Published)
                .map(|at| at.date().to_string())
                .unwrap_or_default(),
            score: score.map(|s| format!("{s:.3}")).unwrap_or_default(),
        })
        .collect()
}

async fn search_page(State(state): State<AppState>, frame: Frame, Query(parameters): Query<Parameters>) -> Response {
    let user = match require(&frame, &[Role::Reviewer, Role::Supervisor]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let get = |name: &str| parameters.get(name).map(|v| v.trim().to_string()).unwrap_or_default();
    let mut view = SearchPage {
        frame: frame.clone(),
        name: get("name"),
        requested_by: get("requested_by"),
        state: get("state"),
        kind: get("kind"),
        created_from: get("created_from"),
        created_to: get("created_to"),
        states: NoticeState::ALL.iter().map(|s| (s.as_str(), frame.t(&format!("state.{}", s.as_str())))).collect(),
        kinds: NoticeKind::ALL.iter().map(|k| (k.as_str(), frame.t(&format!("kind.{}", k.as_str())))).collect(),
        asked: parameters.keys().any(|k| k != "lang"),
        rows: Vec::new(),
        problem: None,
        next: None,
        csv: String::new(),
        compared: String::new(),
        unreadable: 0,
    };
    let searched: Vec<(&str, String)> =
        ["name", "requested_by", "state", "kind", "created_from", "created_to", "limit"]
            .into_iter()
            .map(|k| (k, get(k)))
            .collect();
    let pairs: Vec<(&str, &str)> = searched.iter().map(|(k, v)| (*k, v.as_str())).collect();
    view.csv = query_string(&pairs);
    if !view.asked {
        return page(&frame, &view);
    }
    let query = match crate::search::query_of(&parameters, &PAGE_FIELDS) {
        Ok(query) => query,
        Err(err) => {
            view.problem = Some(err.to_string());
            let mut response = page(&frame, &view);
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return response;
        }
    };
    match state.app.search_notices(&user.principal(), query).await {
        Ok(found) => {
            view.rows = rows_of(&frame, &found);
            view.unreadable = found.unreadable.len();
            if found.compared > 0 {
                let n = found.compared.to_string();
                let key = if found.stopped_short { "search.stopped_short" } else { "search.compared" };
                view.compared = frame.lang.fill(key, &[("n", &n)]);
            }
            view.next = found.next.map(|place| {
                let place = place.to_string();
                let mut pairs = pairs.clone();
                pairs.push(("page", &place));
                pairs.push(("lang", frame.lang.code()));
                query_string(&pairs)
            });
            page(&frame, &view)
        }
        Err(dragnet_app::AppError::Invalid(err)) => {
            view.problem = Some(err.to_string());
            let mut response = page(&frame, &view);
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            response
        }
        Err(err) => error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
}

/// The most notices one CSV of a search holds: ten pages of the most a page may show.
const MOST_IN_CSV: usize = 5_000;

/// `GET /search.csv`: the search's notices, every page of it up to [`MOST_IN_CSV`].
async fn search_csv(State(state): State<AppState>, frame: Frame, Query(parameters): Query<Parameters>) -> Response {
    let user = match require(&frame, &[Role::Reviewer, Role::Supervisor]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let mut query = match crate::search::query_of(&parameters, &PAGE_FIELDS) {
        Ok(query) => query,
        Err(err) => return error_page(frame.lang, StatusCode::UNPROCESSABLE_ENTITY, &err.to_string()),
    };
    query.limit = 500;
    let mut text = super::csv::line(&[
        "notice",
        "request",
        "kind",
        "requested_by",
        "state",
        "name",
        "original_script_name",
        "date_of_birth",
        "created",
        "published",
        "expires",
        "score",
    ]);
    let mut written = 0;
    loop {
        let found = match state.app.search_notices(&user.principal(), query.clone()).await {
            Ok(found) => found,
            Err(dragnet_app::AppError::Invalid(err)) => {
                return error_page(frame.lang, StatusCode::UNPROCESSABLE_ENTITY, &err.to_string());
            }
            Err(err) => return error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
        };
        for (n, score) in &found.rows {
            text.push_str(&super::csv::line(&[
                n.id.to_string(),
                n.request_id.to_string(),
                n.kind.as_str().to_string(),
                n.requested_by.clone(),
                n.state.as_str().to_string(),
                n.subject.display_name(),
                n.subject.original_script_name.clone().unwrap_or_default(),
                n.subject.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
                date_time(n.created_at),
                n.published_at.map(date_time).unwrap_or_default(),
                n.expires_at.map(date_time).unwrap_or_default(),
                score.map(|s| format!("{s:.3}")).unwrap_or_default(),
            ]));
        }
        written += found.rows.len();
        match found.next {
            Some(next) if written < MOST_IN_CSV => query.page = Some(next),
            _ => break,
        }
    }
    super::csv::download("dragnet-search.csv", text)
}
