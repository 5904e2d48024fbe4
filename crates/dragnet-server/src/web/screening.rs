//! The border officer's page: one traveller (a name in any script, date of birth, nationality,
//! document number) against every notice in force that the officer's country may see, each hit with
//! its score and why, and the form that confirms a hit as the person (located).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use dragnet_domain::{NoticeId, Role, parse_person};
use dragnet_match::score::{DateAgreement, Reason};
use dragnet_match::{DEFAULT_LIMIT, DEFAULT_THRESHOLD};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::i18n::{Lang, Words};
use super::{Frame, check_csrf, error_page, page, require};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/screening", get(form_page).post(search)).route("/screening/located", post(located))
}

/// Who screens from the pages: border officers, and bureaus for their own checks.
const SCREENERS: [Role; 2] = [Role::Screener, Role::BureauOfficer];

#[derive(Debug, Default, Deserialize)]
struct Traveller {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    date_of_birth: String,
    #[serde(default)]
    nationality: String,
    #[serde(default)]
    document: String,
}

struct HitRow {
    id: String,
    path_id: String,
    score: String,
    strength: &'static str,
    why: String,
}

#[derive(Template)]
#[template(path = "screening.html")]
struct ScreeningPage {
    frame: Frame,
    traveller: Traveller,
    searched: bool,
    hits: Vec<HitRow>,
    problem: Option<String>,
    located: Option<String>,
    can_locate: bool,
}

fn screening_page(frame: &Frame, traveller: Traveller, outcome: Outcome) -> Response {
    let can_locate = frame.is("screener") || frame.is("bureau_officer");
    let status = if outcome.problem.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let mut response = page(
        frame,
        &ScreeningPage {
            frame: frame.clone(),
            traveller,
            searched: outcome.searched,
            hits: outcome.hits,
            problem: outcome.problem,
            located: outcome.located,
            can_locate,
        },
    );
    if response.status() == StatusCode::OK {
        *response.status_mut() = status;
    }
    response
}

#[derive(Default)]
struct Outcome {
    searched: bool,
    hits: Vec<HitRow>,
    problem: Option<String>,
    located: Option<String>,
}

/// The screening page with a problem about an uploaded list.
pub(super) fn list_problem(frame: &Frame, problem: String) -> Response {
    screening_page(frame, Traveller::default(), Outcome { problem: Some(problem), ..Outcome::default() })
}

async fn form_page(frame: Frame) -> Response {
    if let Err(refused) = require(&frame, &SCREENERS) {
        return refused.into_response();
    }
    screening_page(&frame, Traveller::default(), Outcome::default())
}

/// The traveller as a `Person`, read by the domain's reader so that a bad field is named.
fn person_of(traveller: &Traveller) -> Result<dragnet_domain::Person, String> {
    let mut person = Map::new();
    let name = traveller.name.trim();
    if name.is_empty() {
        return Err("name: a name is needed, in any script".into());
    }
    person.insert("name".into(), json!(name));
    if !traveller.date_of_birth.trim().is_empty() {
        person.insert("date_of_birth".into(), json!(traveller.date_of_birth.trim()));
    }
    let nationality = traveller.nationality.trim().to_uppercase();
    if !nationality.is_empty() {
        person.insert("nationalities".into(), json!([nationality]));
    }
    if !traveller.document.trim().is_empty() {
        person.insert("identity_documents".into(), json!([{"kind": "passport", "number": traveller.document.trim()}]));
    }
    parse_person(&Value::Object(person).to_string()).map_err(|err| {
        let field = match err.path.as_str() {
            "nationalities[0]" => "nationality",
            "identity_documents[0].number" => "document",
            other => other,
        };
        format!("{field}: {}", err.message)
    })
}

/// `POST /screening`: the same search and audit as the API's `/api/v1/screen`.
async fn search(State(state): State<AppState>, frame: Frame, Form(traveller): Form<Traveller>) -> Response {
    let user = match require(&frame, &SCREENERS) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    if let Err(refused) = check_csrf(&user, &traveller.csrf, frame.lang) {
        return refused.into_response();
    }
    let person = match person_of(&traveller) {
        Ok(person) => person,
        Err(problem) => {
            return screening_page(&frame, traveller, Outcome { problem: Some(problem), ..Outcome::default() });
        }
    };
    let hits = match state.app.screen(&user.principal(), vec![person], DEFAULT_THRESHOLD, DEFAULT_LIMIT).await {
        Ok((_, mut results)) => results.pop().unwrap_or_default(),
        Err(err) => return error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    };
    let hits = hits
        .into_iter()
        .map(|hit| HitRow {
            path_id: hit.id.to_path_segment(),
            strength: if hit.score >= 0.9 {
                "strong"
            } else if hit.score >= 0.8 {
                "good"
            } else {
                "weak"
            },
            score: format!("{:.0} %", hit.score * 100.0),
            why: explanation(frame.lang, &hit.reasons),
            id: hit.id.to_string(),
        })
        .collect();
    screening_page(&frame, traveller, Outcome { searched: true, hits, ..Outcome::default() })
}

#[derive(Debug, Deserialize)]
struct LocatedForm {
    csrf: String,
    notice: String,
    #[serde(default)]
    place: String,
}

/// `POST /screening/located`: the officer confirms the hit; the requesting bureau is told.
async fn located(State(state): State<AppState>, frame: Frame, Form(form): Form<LocatedForm>) -> Response {
    let user = match require(&frame, &SCREENERS) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    if let Err(refused) = check_csrf(&user, &form.csrf, frame.lang) {
        return refused.into_response();
    }
    let Ok(id) = NoticeId::parse(&form.notice) else { return error_page(frame.lang, StatusCode::NOT_FOUND, "") };
    let place = form.place.trim();
    let place = (!place.is_empty()).then_some(place);
    match state.app.located(&user.principal(), id, place, None).await {
        Ok(_) => {
            let located = Some(id.to_string());
            screening_page(&frame, Traveller::default(), Outcome { located, ..Outcome::default() })
        }
        Err(dragnet_app::AppError::Store(dragnet_store::StoreError::NoticeNotFound(_))) => {
            error_page(frame.lang, StatusCode::NOT_FOUND, "")
        }
        // The use case's rule for what a location says (one line, at most 1,000 characters).
        Err(dragnet_app::AppError::Invalid(err)) => {
            let mut response = screening_page(
                &frame,
                Traveller::default(),
                Outcome { problem: Some(err.to_string()), ..Outcome::default() },
            );
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            response
        }
        Err(err) => error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
}

/// A hit's reasons in the page's language (the API's `why` says them in English).
pub(super) fn explanation(lang: Lang, reasons: &[Reason]) -> String {
    let said: Vec<String> = reasons
        .iter()
        .map(|reason| match reason {
            Reason::Name(parts) => {
                let pairs: Vec<String> = parts
                    .iter()
                    .map(|p| match p.how {
                        "same" => format!("{} = {}", p.query, p.notice),
                        how => format!("{} ~ {} ({})", p.query, p.notice, lang.t(&format!("how.{how}"))),
                    })
                    .collect();
                lang.fill("why.name", &[("pairs", &pairs.join(lang.t("why.comma")))])
            }
            Reason::NoNamePartInCommon => lang.t("why.no_name").to_string(),
            Reason::DateOfBirth { agreement, query, notice } => {
                let key = match agreement {
                    DateAgreement::Agrees => "why.dob.agrees",
                    DateAgreement::Swapped => "why.dob.swapped",
                    DateAgreement::SameYear => "why.dob.same_year",
                    DateAgreement::Close => "why.dob.close",
                    DateAgreement::FewYears => "why.dob.few_years",
                    DateAgreement::Differs => "why.dob.differs",
                };
                lang.fill(key, &[("notice", &notice.to_string()), ("query", &query.to_string())])
            }
            Reason::SexDiffers(sex) => lang.fill("why.sex", &[("sex", &sex.to_string())]),
            Reason::NationalityAgrees => lang.t("why.nationality_agrees").to_string(),
            Reason::NationalityDiffers => lang.t("why.nationality_differs").to_string(),
            Reason::SameDocument(number) => lang.fill("why.document", &[("number", number)]),
        })
        .collect();
    said.join(lang.t("why.separator"))
}
