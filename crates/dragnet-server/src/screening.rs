//! `/api/v1/screen`: people against every notice in force that the caller's country may see, the
//! application's screening use case behind it; each hit as an officer acts on it (the notice, what
//! to do, the evidence for and against, any clearance), and `/api/v1/clearances` to clear a
//! traveller and for the secretariat to review and revoke clearances.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dragnet_app::screening::Screened;
use dragnet_domain::{FieldError, NoticeId, Person, parse_person};
use dragnet_match::score::Reason;
use dragnet_match::{DEFAULT_LIMIT, DEFAULT_THRESHOLD};
use dragnet_store::NoticeCard;
use serde_json::{Value, json};

use crate::auth::Caller;
use crate::openapi::{Problem as ProblemDoc, ScreenAnswer, ScreenBody};
use crate::problem::{json_body, object_with};
use crate::{AppState, Problem};

/// The most people one call may screen: a wide-body aircraft's manifest many times over.
pub const MOST_PEOPLE: usize = 10_000;
/// The most names one call may screen, each person's name and aliases counted: what bounds the
/// work a call asks for.
pub const MOST_NAMES: usize = 20_000;

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
    let names: usize = people.iter().map(|p| 1 + p.aliases.len()).sum();
    if names > MOST_NAMES {
        return Err(Problem::new(StatusCode::PAYLOAD_TOO_LARGE, "too_many_people", "Too many names in one call")
            .detail(format!("at most {MOST_NAMES} names and aliases per call; this one has {names}"))
            .field("persons"));
    }
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
    caller.require(&dragnet_app::screening::SCREENERS)?;
    let body = json_body(&body)?;
    let (people, threshold, limit) = read_people(&body)?;
    let (people, results) = state.app.screen(&caller, people, threshold, limit).await?;
    let results: Vec<Value> = people
        .iter()
        .zip(results)
        .enumerate()
        .map(|(i, (person, hits))| {
            let hits: Vec<Value> = hits.iter().filter_map(|hit| serde_json::to_value(hit_json(hit)).ok()).collect();
            json!({"query": person.id.clone().unwrap_or_else(|| i.to_string()), "hits": hits})
        })
        .collect();
    Ok(axum::Json(json!({"results": results})).into_response())
}

/// A hit as the API gives it: `id`, `score` and `why` first, as `dragnet screen` prints them,
/// then what an officer acts on: the evidence for and against, the notice in force (or that its
/// record does not read), and any clearance of this traveller against it.
#[derive(Debug, serde::Serialize)]
pub struct HitAnswer<'a> {
    id: NoticeId,
    score: f64,
    why: &'a str,
    evidence: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    notice: Option<Value>,
    /// The hit stands; its details could not be read, and the officer is told so.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    notice_unreadable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    cleared: Option<Value>,
}

pub fn hit_json(screened: &Screened) -> HitAnswer<'_> {
    let hit = &screened.hit;
    let (supporting, against): (Vec<&Reason>, Vec<&Reason>) = hit.reasons.iter().partition(|r| r.supports());
    HitAnswer {
        id: hit.id,
        score: hit.score,
        why: &hit.why,
        evidence: json!({
            "for": supporting.iter().map(|r| r.english()).collect::<Vec<_>>(),
            "against": against.iter().map(|r| r.english()).collect::<Vec<_>>(),
        }),
        notice: screened.notice.as_ref().map(card_json),
        notice_unreadable: screened.notice.is_none(),
        cleared: screened.cleared.as_ref().map(|cleared| {
            json!({
                "clearance": cleared.id,
                "by": cleared.cleared_by,
                "country": cleared.country,
                "at": rfc3339(cleared.cleared_at),
                "expires_at": rfc3339(cleared.expires_at),
                "reason": cleared.reason,
            })
        }),
    }
}

/// The notice of a hit: who it names, in every script it holds, what it is for and what to do.
fn card_json(card: &NoticeCard) -> Value {
    let subject = &card.subject;
    let path = card.id.to_path_segment();
    json!({
        "kind": card.kind,
        "requested_by": card.requested_by,
        "name": subject.display_name(),
        "original_script_name": subject.original_script_name,
        "aliases": subject.aliases,
        "sex": subject.sex,
        "date_of_birth": subject.date_of_birth,
        "nationalities": subject.nationalities,
        "identity_documents": subject.identity_documents,
        "charges": card.charges.iter().map(|c| c.title.clone()).collect::<Vec<_>>(),
        "offence": card.offence_summary,
        "purpose": card.purpose,
        "action": card.action,
        "action_text": card.action.english(),
        "pictures": card.pictures.iter().map(|p| format!("/api/v1/notices/{path}/pictures/{p}")).collect::<Vec<_>>(),
        "published_at": card.published_at.map(rfc3339),
        "expires_at": card.expires_at.map(rfc3339),
        "updated_at": rfc3339(card.updated_at),
        "source": card.source,
    })
}

pub fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}
