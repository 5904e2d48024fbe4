//! A passenger list (CSV) screened from the border officer's page: uploaded, read whole (a bad line
//! is named and nothing is screened), then screened in the background in slices while a page shows
//! how far it has got, and the hits offered as a CSV to download. A list belongs to the officer who
//! uploaded it and is forgotten an hour later.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use dragnet_domain::{CountryCode, NoticeId, Person, Role};
use dragnet_match::{DEFAULT_LIMIT, DEFAULT_THRESHOLD, Hit};

use super::{Frame, SignedIn, check_csrf, error_page, page, redirect, require};
use crate::AppState;

/// People screened between two updates of the progress.
const SLICE: usize = 100;
/// How long a finished list is kept for its officer.
const KEPT: Duration = Duration::from_secs(3600);
/// The most lists one officer may have kept at once: they live in memory.
const MOST_PER_OFFICER: usize = 20;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/screening/list", post(upload))
        .route("/screening/list/{id}", get(progress))
        .route("/screening/list/{id}/hits.csv", get(download))
}

/// A hit of a list: the person's line and their id in the list, and the notice found.
type ListHit = (usize, String, Hit<NoticeId>);

/// One uploaded list and how far its screening has got.
#[derive(Debug)]
pub struct ListJob {
    owner: i64,
    name: String,
    total: usize,
    done: AtomicUsize,
    started: Instant,
    /// The hits, once every person is screened.
    hits: Mutex<Option<Vec<ListHit>>>,
}

/// The lists being screened or kept, by a random id.
#[derive(Debug, Default)]
pub struct ListJobs {
    jobs: Mutex<HashMap<String, Arc<ListJob>>>,
}

impl ListJobs {
    /// Keeps `job` under a new id, unless its officer already has as many as allowed.
    fn insert(&self, job: ListJob) -> Option<String> {
        let id = dragnet_store::new_token()[3..27].to_string();
        let mut jobs = self.jobs.lock().unwrap_or_else(|p| p.into_inner());
        jobs.retain(|_, job| job.started.elapsed() < KEPT);
        if jobs.values().filter(|kept| kept.owner == job.owner).count() >= MOST_PER_OFFICER {
            return None;
        }
        jobs.insert(id.clone(), Arc::new(job));
        Some(id)
    }

    /// The list `id` if `user` uploaded it.
    fn get(&self, id: &str, user: &SignedIn) -> Option<Arc<ListJob>> {
        let jobs = self.jobs.lock().unwrap_or_else(|p| p.into_inner());
        jobs.get(id).filter(|job| job.owner == user.user.id && job.started.elapsed() < KEPT).cloned()
    }
}

/// `POST /screening/list`: a multipart form with `csrf` and the `list` file.
async fn upload(State(state): State<AppState>, frame: Frame, mut form: Multipart) -> Response {
    let user = match require(&frame, &[Role::Screener, Role::BureauOfficer]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let (mut csrf, mut file, mut name) = (String::new(), None, String::new());
    loop {
        match form.next_field().await {
            Ok(Some(field)) => {
                let field_name = field.name().unwrap_or_default().to_string();
                if field_name == "list" {
                    name = field.file_name().unwrap_or("list.csv").to_string();
                }
                match field.bytes().await {
                    Ok(bytes) if field_name == "csrf" => csrf = String::from_utf8_lossy(&bytes).into_owned(),
                    Ok(bytes) if field_name == "list" => file = Some(bytes),
                    Ok(_) => {}
                    Err(err) => return super::screening::list_problem(&frame, format!("list: {err}")),
                }
            }
            Ok(None) => break,
            Err(err) => return super::screening::list_problem(&frame, format!("list: {err}")),
        }
    }
    if let Err(refused) = check_csrf(&user, &csrf, frame.lang) {
        return refused.into_response();
    }
    let Some(file) = file.filter(|f| !f.is_empty()) else {
        return super::screening::list_problem(&frame, "list: choose a CSV file".into());
    };
    let people = match crate::passengers::read_csv(&file[..]) {
        Ok(people) if people.is_empty() => {
            return super::screening::list_problem(&frame, "list: the file names no one".into());
        }
        Ok(people) if people.len() > crate::screening::MOST_PEOPLE => {
            let most = crate::screening::MOST_PEOPLE;
            return super::screening::list_problem(&frame, format!("list: at most {most} people in one list"));
        }
        Ok(people) => people,
        Err(err) => return super::screening::list_problem(&frame, format!("{name} {err}")),
    };
    let job = ListJob {
        owner: user.user.id,
        name,
        total: people.len(),
        done: AtomicUsize::new(0),
        started: Instant::now(),
        hits: Mutex::new(None),
    };
    let Some(id) = state.lists.insert(job) else {
        let problem = format!("list: at most {MOST_PER_OFFICER} lists are kept for an hour; wait for one to lapse");
        return super::screening::list_problem(&frame, problem);
    };
    let job = state.lists.get(&id, &user).expect("just inserted");
    let viewer = user.user.grant.country().and_then(|c| CountryCode::parse(&c.to_string()).ok());
    let (app, principal) = (state.app.clone(), user.principal());
    tokio::spawn(async move {
        let (worker, views) = (job.clone(), app.views.clone());
        let found =
            tokio::task::spawn_blocking(move || screen_in_slices(&views.screening, &worker, people, viewer)).await;
        let found = found.unwrap_or_default();
        if let Err(err) = app.record_screening(&principal, job.total, found.iter().map(|(_, _, hit)| hit)).await {
            // Unrecorded, the hits are not shown.
            tracing::error!(error = %err, "recording a list's screening");
            *job.hits.lock().unwrap_or_else(|p| p.into_inner()) = Some(Vec::new());
            return;
        }
        *job.hits.lock().unwrap_or_else(|p| p.into_inner()) = Some(found);
    });
    redirect(&format!("/screening/list/{id}?lang={}", frame.lang.code()))
}

fn screen_in_slices(
    screening: &dragnet_app::views::ScreeningIndex,
    job: &ListJob,
    people: Vec<(usize, String, Person)>,
    viewer: Option<CountryCode>,
) -> Vec<ListHit> {
    let mut found = Vec::new();
    for slice in people.chunks(SLICE) {
        let persons: Vec<Person> = slice.iter().map(|(_, _, person)| person.clone()).collect();
        let results = screening.search(&persons, viewer, DEFAULT_THRESHOLD, DEFAULT_LIMIT);
        for ((line, id, _), hits) in slice.iter().zip(results) {
            found.extend(hits.into_iter().map(|hit| (*line, id.clone(), hit)));
        }
        job.done.fetch_add(slice.len(), Ordering::Relaxed);
    }
    found
}

struct HitRow {
    line: usize,
    id: String,
    notice: String,
    score: String,
    why: String,
}

#[derive(Template)]
#[template(path = "list.html")]
struct ProgressPage {
    frame: Frame,
    id: String,
    name: String,
    total: usize,
    done: usize,
    finished: bool,
    people_with_hits: usize,
    hits: Vec<HitRow>,
}

/// `GET /screening/list/{id}`: how far the screening has got (the page refreshes itself until it
/// is done), then the hits.
async fn progress(State(state): State<AppState>, frame: Frame, Path(id): Path<String>) -> Response {
    let user = match require(&frame, &[Role::Screener, Role::BureauOfficer]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let Some(job) = state.lists.get(&id, &user) else { return error_page(frame.lang, StatusCode::NOT_FOUND, "") };
    let finished_hits = job.hits.lock().unwrap_or_else(|p| p.into_inner()).clone();
    let (finished, hits) = match finished_hits {
        Some(hits) => (true, hits),
        None => (false, Vec::new()),
    };
    let mut people: Vec<usize> = hits.iter().map(|(line, _, _)| *line).collect();
    people.dedup();
    let rows = hits
        .into_iter()
        .map(|(line, person, hit)| HitRow {
            line,
            id: person,
            notice: hit.id.to_string(),
            score: format!("{:.0} %", hit.score * 100.0),
            why: super::screening::explanation(frame.lang, &hit.reasons),
        })
        .collect();
    page(
        &frame,
        &ProgressPage {
            frame: frame.clone(),
            id,
            name: job.name.clone(),
            total: job.total,
            done: job.done.load(Ordering::Relaxed),
            finished,
            people_with_hits: people.len(),
            hits: rows,
        },
    )
}

/// A field for CSV: quoted, and never read as a formula by a spreadsheet.
fn csv_field(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_string() };
    format!("\"{}\"", guarded.replace('"', "\"\""))
}

/// `GET /screening/list/{id}/hits.csv`: one line per hit, the list's line and id beside it.
async fn download(State(state): State<AppState>, frame: Frame, Path(id): Path<String>) -> Response {
    let user = match require(&frame, &[Role::Screener, Role::BureauOfficer]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let Some(job) = state.lists.get(&id, &user) else { return error_page(frame.lang, StatusCode::NOT_FOUND, "") };
    let Some(hits) = job.hits.lock().unwrap_or_else(|p| p.into_inner()).clone() else {
        return redirect(&format!("/screening/list/{id}?lang={}", frame.lang.code()));
    };
    let mut text = String::from("line,id,notice,score,why\n");
    for (line, person, hit) in hits {
        text.push_str(&format!(
            "{line},{},{},{:.3},{}\n",
            csv_field(&person),
            csv_field(&hit.id.to_string()),
            hit.score,
            csv_field(&super::screening::explanation(frame.lang, &hit.reasons))
        ));
    }
    (
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (CONTENT_DISPOSITION, "attachment; filename=\"dragnet-hits.csv\"".to_string()),
            (CACHE_CONTROL, "no-store".to_string()),
        ],
        text,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(csv_field("MARCHETTI, Luca"), "\"MARCHETTI, Luca\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    }
}
