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
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use dragnet_domain::{CountryCode, NoticeId, Person, Role};
use dragnet_match::{DEFAULT_LIMIT, DEFAULT_THRESHOLD, Hit};

use dragnet_app::screening::Screened;

use super::screening::HitView;
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
type ListHit = (usize, String, Screened);

/// A traveller of a list: their line, their id in the list, and who they are.
type Listed = (usize, String, Person);

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
        let (people, results) = found.unwrap_or_default();
        // The index's hits completed from the store and recorded as shown, once for the whole list;
        // unrecorded, none is shown.
        let persons: Vec<Person> = people.iter().map(|(_, _, person)| person.clone()).collect();
        let screened = match app.complete_hits(&principal, &persons, results).await {
            Ok(screened) => screened,
            Err(err) => {
                tracing::error!(error = %err, "recording a list's screening");
                *job.hits.lock().unwrap_or_else(|p| p.into_inner()) = Some(Vec::new());
                return;
            }
        };
        let found: Vec<ListHit> = people
            .into_iter()
            .zip(screened)
            .flat_map(|((line, id, _), hits)| hits.into_iter().map(move |hit| (line, id.clone(), hit)))
            .collect();
        *job.hits.lock().unwrap_or_else(|p| p.into_inner()) = Some(found);
    });
    redirect(&format!("/screening/list/{id}?lang={}", frame.lang.code()))
}

/// The list's people and each one's hits in the index, screened a slice at a time so that the
/// progress moves.
fn screen_in_slices(
    screening: &dragnet_app::views::ScreeningIndex,
    job: &ListJob,
    people: Vec<Listed>,
    viewer: Option<CountryCode>,
) -> (Vec<Listed>, Vec<Vec<Hit<NoticeId>>>) {
    let mut results = Vec::with_capacity(people.len());
    for slice in people.chunks(SLICE) {
        let persons: Vec<Person> = slice.iter().map(|(_, _, person)| person.clone()).collect();
        results.extend(screening.search(&persons, viewer, DEFAULT_THRESHOLD, DEFAULT_LIMIT));
        job.done.fetch_add(slice.len(), Ordering::Relaxed);
    }
    (people, results)
}

struct HitRow {
    line: usize,
    id: String,
    hit: HitView,
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
        .iter()
        .map(|(line, person, screened)| HitRow {
            line: *line,
            id: person.clone(),
            hit: super::screening::hit_view(frame.lang, screened),
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
    let mut text = String::from(
        "line,id,notice,kind,requested_by,name,original_script_name,date_of_birth,nationalities,charges,action,\
         score,why,evidence_against,cleared_by,cleared_at\n",
    );
    for (line, person, screened) in &hits {
        let view = super::screening::hit_view(frame.lang, screened);
        let card = view.notice.as_ref();
        let of_card = |f: &dyn Fn(&super::screening::CardView) -> String| card.map(f).unwrap_or_default();
        let fields = [
            person.clone(),
            view.id.clone(),
            of_card(&|c| c.kind.to_string()),
            of_card(&|c| c.requested_by.clone()),
            of_card(&|c| c.name.clone()),
            of_card(&|c| c.original_script_name.clone().unwrap_or_default()),
            of_card(&|c| c.date_of_birth.clone()),
            of_card(&|c| c.nationalities.clone()),
            of_card(&|c| c.charges.join("; ")),
            of_card(&|c| c.action_text.to_string()),
        ];
        let quoted: Vec<String> = fields.iter().map(|f| super::csv::field(f)).collect();
        let cleared = view.cleared.as_ref();
        text.push_str(&format!(
            "{line},{},{:.3},{},{},{},{}\n",
            quoted.join(","),
            screened.hit.score,
            super::csv::field(&view.why),
            super::csv::field(&view.evidence_against.join("; ")),
            super::csv::field(&cleared.map(|c| format!("{} ({})", c.by, c.country)).unwrap_or_default()),
            super::csv::field(&cleared.map(|c| c.at.clone()).unwrap_or_default()),
        ));
    }
    super::csv::download("dragnet-hits.csv", text)
}
