//! The public's pages: the notices whose requesters agreed to a public extract, filtered and paged
//! as the public API filters and pages them (the same search), and each notice's extract. No one
//! signs in to read them, and nothing but the extract is shown.

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use dragnet_domain::{NoticeId, NoticeKind};
use dragnet_store::PublicExtract;
use serde::Deserialize;

use super::{Frame, check_csrf, error_page, page, redirect, require};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/notices", get(list))
        .route("/notices/{id}", get(one))
        .route("/notices/{id}/objection", post(object))
}

/// The filters the list page offers, as the public API names them.
const FILTERS: [&str; 7] = ["name", "forename", "nationality", "sexId", "ageMin", "ageMax", "freeText"];

struct Row {
    path_id: String,
    id: String,
    kind: &'static str,
    kind_name: &'static str,
    name: String,
    born: String,
    nationalities: String,
    /// The first picture's address, if there is one.
    picture: Option<String>,
}

/// Where the public API serves a notice and its pictures.
fn api_path(extract: &PublicExtract) -> String {
    let path_id = extract.id.to_string().replace('/', "-");
    match extract.kind {
        NoticeKind::UnSpecial => format!("/notices/v1/un/persons/{path_id}"),
        kind => format!("/notices/v1/{}/{path_id}", kind_path(kind)),
    }
}

#[derive(Template)]
#[template(path = "notices.html")]
struct ListPage {
    frame: Frame,
    kind: &'static str,
    kinds: Vec<(&'static str, &'static str)>,
    filters: Vec<(&'static str, &'static str, String)>,
    rows: Vec<Row>,
    total: usize,
    page: usize,
    last: usize,
    previous: Option<String>,
    next: Option<String>,
    problem: Option<String>,
}

fn kind_of(path: &str) -> Option<NoticeKind> {
    match path {
        "red" => Some(NoticeKind::Red),
        "yellow" => Some(NoticeKind::Yellow),
        "un" => Some(NoticeKind::UnSpecial),
        _ => None,
    }
}

fn kind_path(kind: NoticeKind) -> &'static str {
    match kind {
        NoticeKind::Yellow => "yellow",
        NoticeKind::UnSpecial => "un",
        _ => "red",
    }
}

fn row(frame: &Frame, extract: &PublicExtract) -> Row {
    Row {
        path_id: extract.id.to_string().replace('/', "-"),
        id: extract.id.to_string(),
        kind: extract.kind.as_str(),
        kind_name: frame.t(&format!("kind.{}", extract.kind.as_str())),
        name: extract.subject.display_name(),
        born: extract.subject.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
        nationalities: extract.subject.nationalities.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", "),
        picture: extract.pictures.first().map(|p| format!("{}/images/{p}", api_path(extract))),
    }
}

/// A page's link with the same filters.
fn href(frame: &Frame, kind: &str, pairs: &[(String, String)], page: usize) -> String {
    let mut query: Vec<String> = vec![format!("kind={kind}"), format!("lang={}", frame.lang.code())];
    let kept = |name: &str| FILTERS.contains(&name) || name == "resultPerPage";
    for (name, value) in pairs.iter().filter(|(n, v)| kept(n) && !v.trim().is_empty()) {
        let encoded: String = value
            .bytes()
            .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
            .collect();
        query.push(format!("{name}={encoded}"));
    }
    query.push(format!("page={page}"));
    format!("/notices?{}", query.join("&"))
}

async fn list(State(state): State<AppState>, frame: Frame, Query(pairs): Query<Vec<(String, String)>>) -> Response {
    let asked_kind = pairs.iter().find(|(n, _)| n == "kind").map_or("red", |(_, v)| v.as_str());
    let Some(notice_kind) = kind_of(asked_kind) else { return error_page(frame.lang, StatusCode::NOT_FOUND, "") };
    let kind = kind_path(notice_kind);
    let asked: Vec<(String, String)> = pairs
        .iter()
        .filter(|(n, _)| FILTERS.contains(&n.as_str()) || n == "page" || n == "resultPerPage")
        .cloned()
        .collect();
    let value = |name: &str| pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let filters = FILTERS.iter().map(|name| (*name, frame.t(&format!("public.{name}")), value(name))).collect();
    let kinds = ["red", "yellow", "un"].iter().map(|k| (*k, frame.t(&format!("public.kind_{k}")))).collect();
    let mut view = ListPage {
        frame: frame.clone(),
        kind,
        kinds,
        filters,
        rows: Vec::new(),
        total: 0,
        page: 1,
        last: 1,
        previous: None,
        next: None,
        problem: None,
    };
    match crate::public::search_aside(&state, notice_kind, asked).await {
        Ok(found) => {
            view.rows = found.notices.iter().map(|e| row(&frame, e)).collect();
            view.total = found.total;
            view.page = found.query.page;
            view.last = found.last_page();
            view.previous = (view.page > 1).then(|| href(&frame, kind, &pairs, view.page - 1));
            view.next = (view.page < view.last).then(|| href(&frame, kind, &pairs, view.page + 1));
            page(&frame, &view)
        }
        Err(crate::public::NotSearched::Invalid(problem)) => {
            view.problem = Some(problem);
            let mut response = page(&frame, &view);
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            response
        }
        Err(crate::public::NotSearched::Busy) => {
            let mut response = page(&frame, &view);
            *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
            response
        }
    }
}

#[derive(Template)]
#[template(path = "notice.html")]
struct NoticePage {
    frame: Frame,
    id: String,
    kind: &'static str,
    kind_name: &'static str,
    api: String,
    pictures: Vec<String>,
    name: String,
    original_script_name: String,
    facts: Vec<(&'static str, String)>,
    charges: Vec<String>,
    requested_by: String,
    /// The path id (`2026-00012`), for the objection form's address.
    path_id: String,
    /// Whether the reader is another member's bureau, which may object to the notice.
    may_object: bool,
    done: Option<&'static str>,
}

#[derive(Debug, Deserialize)]
struct NoticeQuery {
    objected: Option<String>,
}

async fn one(
    State(state): State<AppState>,
    frame: Frame,
    Path(id): Path<String>,
    Query(query): Query<NoticeQuery>,
) -> Response {
    let extract = NoticeId::parse(&id.replace('-', "/")).ok().and_then(|id| state.app.views.public.get(id));
    let Some(e) = extract else { return error_page(frame.lang, StatusCode::NOT_FOUND, "") };
    let s = &e.subject;
    let physical = s.physical.clone().unwrap_or_default();
    let mut facts: Vec<(&'static str, String)> = vec![
        ("public.sex", s.sex.map(|x| x.to_string()).unwrap_or_default()),
        ("public.born", s.date_of_birth.map(|d| d.to_string()).unwrap_or_default()),
        (
            "public.place_of_birth",
            [
                s.place_of_birth.clone().unwrap_or_default(),
                s.country_of_birth.map(|c| c.to_string()).unwrap_or_default(),
            ]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        ),
        ("public.nationalities", s.nationalities.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")),
        ("public.height", physical.height_cm.map(|h| format!("{h} cm")).unwrap_or_default()),
        ("public.weight", physical.weight_kg.map(|w| format!("{w} kg")).unwrap_or_default()),
        ("public.marks", physical.marks.clone().unwrap_or_default()),
        ("public.aliases", s.aliases.join("; ")),
    ];
    if e.kind == NoticeKind::Yellow {
        facts.push(("public.disappeared_on", e.offence_date.map(|d| d.to_string()).unwrap_or_default()));
        facts.push(("public.disappeared_at", e.offence_place.clone().unwrap_or_default()));
    }
    facts.push(("public.source", e.source.clone().unwrap_or_default()));
    facts.retain(|(_, value)| !value.is_empty());
    let api = api_path(&e);
    let pictures = e.pictures.iter().map(|p| format!("{api}/images/{p}")).collect();
    let view = NoticePage {
        frame: frame.clone(),
        id: e.id.to_string(),
        kind: e.kind.as_str(),
        kind_name: frame.t(&format!("kind.{}", e.kind.as_str())),
        api,
        pictures,
        name: s.display_name(),
        original_script_name: s.original_script_name.clone().unwrap_or_default(),
        facts,
        charges: if e.kind == NoticeKind::Red {
            e.charges.iter().map(|c| c.title.clone()).collect()
        } else {
            Vec::new()
        },
        requested_by: e.requested_by.clone(),
        path_id: e.id.to_string().replace('/', "-"),
        may_object: frame.is("bureau_officer")
            && frame.user.as_ref().and_then(|u| u.user.grant.country()).is_some_and(|c| c.as_str() != e.requested_by),
        done: query.objected.is_some().then_some("objection.done"),
    };
    page(&frame, &view).into_response()
}

#[derive(Debug, Deserialize)]
struct ObjectionForm {
    csrf: String,
    summary: String,
}

/// `POST /notices/{id}/objection`: another member's bureau objects, as the API's call does.
async fn object(
    State(state): State<AppState>,
    frame: Frame,
    Path(id): Path<String>,
    Form(form): Form<ObjectionForm>,
) -> Response {
    let user = match require(&frame, &[dragnet_domain::Role::BureauOfficer]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    if let Err(refused) = check_csrf(&user, &form.csrf, frame.lang) {
        return refused.into_response();
    }
    let Ok(notice) = NoticeId::parse(&id.replace('-', "/")) else {
        return error_page(frame.lang, StatusCode::NOT_FOUND, "");
    };
    match state.app.lodge_objection(&user.principal(), notice, &form.summary, None).await {
        Ok(_) => redirect(&format!("/notices/{id}?lang={}&objected=1", frame.lang.code())),
        Err(dragnet_app::AppError::Invalid(err)) => {
            error_page(frame.lang, StatusCode::UNPROCESSABLE_ENTITY, &err.to_string())
        }
        Err(dragnet_app::AppError::Forbidden { message, .. }) => {
            error_page(frame.lang, StatusCode::FORBIDDEN, &message)
        }
        Err(
            dragnet_app::AppError::NotFound
            | dragnet_app::AppError::Store(dragnet_store::StoreError::NoticeNotFound(_)),
        ) => error_page(frame.lang, StatusCode::NOT_FOUND, ""),
        Err(err) => error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
}
