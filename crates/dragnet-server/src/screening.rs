//! The live screening index and `/api/v1/screen`: every notice in force, held in memory, changed in
//! the same moment a notice is published, suspended, reinstated or cancelled.

use std::sync::{Arc, OnceLock, RwLock};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dragnet_domain::{CountryCode, FieldError, NoticeId, Person, Role, parse_person};
use dragnet_match::{DEFAULT_LIMIT, DEFAULT_THRESHOLD, Hit, Index, Variants};
use dragnet_store::{Store, StoreError};
use serde_json::{Value, json};

use crate::auth::Caller;
use crate::openapi::{Problem as ProblemDoc, ScreenAnswer, ScreenBody};
use crate::problem::{json_body, object_with};
use crate::{AppState, Problem};

/// The most people one call may screen: a wide-body aircraft's manifest many times over.
pub const MOST_PEOPLE: usize = 10_000;

/// Calls with at most this many people are searched on the thread that serves them: a search takes
/// well under a millisecond, less than handing it to another thread and back costs a busy server.
/// Larger batches go to the blocking pool, where they use every core.
const SEARCHED_IN_PLACE: usize = 4;

/// The index of notices in force.
#[derive(Debug)]
pub struct Screening {
    index: RwLock<Index>,
}

/// The name corpus, read once per process: it is the same for every index.
pub(crate) fn variants() -> Arc<Variants> {
    static VARIANTS: OnceLock<Arc<Variants>> = OnceLock::new();
    VARIANTS.get_or_init(|| Arc::new(Variants::built_in())).clone()
}

impl Screening {
    pub fn empty() -> Self {
        Screening { index: RwLock::new(Index::new(variants())) }
    }

    /// The index of every notice in force in `store`.
    pub async fn load(store: &dyn Store) -> Result<Self, StoreError> {
        let notices = store.notices_in_force().await?;
        let index = tokio::task::spawn_blocking(move || {
            Index::build(variants(), notices.into_iter().map(|n| (n.id.to_string(), n.subject, barred(&n.barred))))
        })
        .await
        .map_err(|err| StoreError::Corrupt(format!("building the screening index: {err}")))?;
        Ok(Screening { index: RwLock::new(index) })
    }

    pub fn len(&self) -> usize {
        self.index.read().map(|index| index.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Brings one notice's place in the index in line with the store: in if it is in force, out if not.
    pub async fn refresh(&self, store: &dyn Store, id: NoticeId) -> Result<(), StoreError> {
        let in_force = store.notice_in_force(id).await?;
        let mut index = self.index.write().map_err(|_| StoreError::Corrupt("the screening index lock".into()))?;
        match in_force {
            Some(notice) => index.insert(&id.to_string(), &notice.subject, barred(&notice.barred)),
            None => {
                index.remove(&id.to_string());
            }
        }
        Ok(())
    }

    /// The hits of each person among the notices `viewer` may see, on every core.
    pub fn search(
        &self,
        people: &[Person],
        viewer: Option<CountryCode>,
        threshold: f64,
        limit: usize,
    ) -> Vec<Vec<Hit>> {
        match self.index.read() {
            Ok(index) => index.search_batch(people, viewer, threshold, limit),
            Err(_) => vec![Vec::new(); people.len()],
        }
    }
}

/// The countries barred from a notice, as the index takes them.
fn barred(countries: &[String]) -> Vec<CountryCode> {
    countries.iter().filter_map(|c| CountryCode::parse(c).ok()).collect()
}

/// The body of a screening call, read field by field so that an error names its field.
fn read_people(body: &Value) -> Result<(Vec<Person>, f64, usize), Problem> {
    let object = object_with(body, &["persons", "threshold", "limit"])?;
    let items = object
        .get("persons")
        .and_then(Value::as_array)
        .ok_or_else(|| Problem::invalid(&FieldError::new("persons", "a list of persons")))?;
    if items.len() > MOST_PEOPLE {
        return Err(Problem::new(StatusCode::PAYLOAD_TOO_LARGE, "too_many_people", "Too many people in one call")
            .detail(format!("at most {MOST_PEOPLE} people per call; this one has {}", items.len()))
            .field("persons"));
    }
    let people = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            parse_person(&item.to_string()).map_err(|err| {
                let path =
                    if err.path.is_empty() { format!("persons[{i}]") } else { format!("persons[{i}].{}", err.path) };
                Problem::invalid(&FieldError::new(path, err.message))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let threshold = match object.get("threshold") {
        None => DEFAULT_THRESHOLD,
        Some(value) => value
            .as_f64()
            .filter(|t| (0.0..=1.0).contains(t))
            .ok_or_else(|| Problem::invalid(&FieldError::new("threshold", "a number from 0 to 1")))?,
    };
    let limit = match object.get("limit") {
        None => DEFAULT_LIMIT,
        Some(value) => value
            .as_u64()
            .filter(|l| (1..=100).contains(l))
            .ok_or_else(|| Problem::invalid(&FieldError::new("limit", "a whole number from 1 to 100")))?
            as usize,
    };
    Ok((people, threshold, limit))
}

/// `POST /api/v1/screen`: people against every notice in force that the caller's country may see,
/// with the same hits as `dragnet screen`.
#[utoipa::path(post, path = "/api/v1/screen", tag = "screening", request_body = ScreenBody,
    responses(
        (status = 200, description = "Each person's hits, best first, as `dragnet screen` gives them", body = ScreenAnswer),
        (status = 400, description = "The body is not JSON", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 413, description = "More than 10,000 people", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "A field does not read; `field` names it (`persons[3].date_of_birth`)",
         body = ProblemDoc, content_type = "application/problem+json")))]
pub async fn screen(State(state): State<AppState>, caller: Caller, body: Bytes) -> Result<Response, Problem> {
    caller.require(&[Role::Screener, Role::BureauOfficer, Role::Reviewer, Role::Supervisor])?;
    let body = json_body(&body)?;
    let (people, threshold, limit) = read_people(&body)?;
    let viewer = caller.country().and_then(|c| CountryCode::parse(&c).ok());
    let (people, results) = if people.len() <= SEARCHED_IN_PLACE {
        let results = state.screening.search(&people, viewer, threshold, limit);
        (people, results)
    } else {
        let screening = state.screening.clone();
        tokio::task::spawn_blocking(move || {
            let results = screening.search(&people, viewer, threshold, limit);
            (people, results)
        })
        .await
        .map_err(|err| Problem::internal(&err))?
    };
    let mut shown: Vec<NoticeId> = results.iter().flatten().filter_map(|hit| NoticeId::parse(&hit.id).ok()).collect();
    shown.sort_by_key(ToString::to_string);
    shown.dedup();
    state.store.record_screening(&caller.actor, people.len(), &shown).await.map_err(Problem::from_store)?;
    let results: Vec<Value> = people
        .iter()
        .zip(results)
        .enumerate()
        .map(|(i, (person, hits))| json!({"query": person.id.clone().unwrap_or_else(|| i.to_string()), "hits": hits}))
        .collect();
    Ok(axum::Json(json!({"results": results})).into_response())
}
