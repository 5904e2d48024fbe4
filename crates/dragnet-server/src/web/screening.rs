//! The border officer's page: one traveller (a name in any script, date of birth, nationality,
//! document number) against every notice in force that the officer's country may see, each hit with
//! the notice (names, photo, kind, requester, charges, what to do), its score and the evidence for
//! and against; the form that confirms a hit as the person (located) after comparing them, and the
//! one that clears the traveller as not the person.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use dragnet_app::screening::{ClearTraveller, Screened};
use dragnet_domain::request::Purpose;
use dragnet_domain::{NoticeId, NoticeKind, Role, parse_person};
use dragnet_match::score::{DateAgreement, Reason};
use dragnet_match::{DEFAULT_LIMIT, DEFAULT_THRESHOLD};
use dragnet_store::NoticeCard;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::i18n::{Lang, Words};
use super::{Frame, check_csrf, date_time, error_page, page, require};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/screening", get(form_page).post(search))
        .route("/screening/located", post(located))
        .route("/screening/clear", post(clear))
        .route("/screening/pictures/{id}/{picture}", get(picture))
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

/// A hit as the page shows it: the notice in force (its names in every script, photo, kind,
/// requester, charges, what to do), the evidence for and against, and any clearance.
pub(super) struct HitView {
    pub id: String,
    pub path_id: String,
    pub score: String,
    pub strength: &'static str,
    pub why: String,
    pub evidence_for: Vec<String>,
    pub evidence_against: Vec<String>,
    /// `None` when the notice's stored record does not read: the hit stands without details.
    pub notice: Option<CardView>,
    pub cleared: Option<ClearedView>,
    /// Whether the traveller's document is the notice's own: decisive, and never cleared.
    pub same_document: bool,
}

pub(super) struct CardView {
    pub kind: &'static str,
    pub kind_name: String,
    pub requested_by: String,
    pub name: String,
    pub original_script_name: Option<String>,
    pub aliases: String,
    pub date_of_birth: String,
    pub sex: String,
    pub nationalities: String,
    /// The subject's identity documents as the notice gives them.
    pub documents: String,
    pub charges: Vec<String>,
    pub offence: Option<String>,
    pub purpose: Option<&'static str>,
    pub action: &'static str,
    pub action_text: &'static str,
    pub pictures: Vec<String>,
    pub expires: Option<String>,
    /// The notice's `updated_at` as the screening saw it, which a clearance names.
    pub seen: String,
}

pub(super) struct ClearedView {
    pub by: String,
    pub country: String,
    pub at: String,
    pub until: String,
    pub reason: String,
}

/// A hit in the page's language.
pub(super) fn hit_view(lang: Lang, screened: &Screened) -> HitView {
    let hit = &screened.hit;
    let (supporting, against): (Vec<Reason>, Vec<Reason>) = hit.reasons.iter().cloned().partition(|r| r.supports());
    let say = |reasons: &[Reason]| reasons.iter().map(|r| explanation(lang, std::slice::from_ref(r))).collect();
    let path_id = hit.id.to_path_segment();
    HitView {
        path_id: path_id.clone(),
        strength: if hit.score >= 0.9 {
            "strong"
        } else if hit.score >= 0.8 {
            "good"
        } else {
            "weak"
        },
        score: format!("{:.0} %", hit.score * 100.0),
        why: explanation(lang, &hit.reasons),
        evidence_for: say(&supporting),
        evidence_against: say(&against),
        id: hit.id.to_string(),
        same_document: hit.reasons.iter().any(|r| matches!(r, Reason::SameDocument(_))),
        notice: screened.notice.as_ref().map(|card| card_view(lang, card, &path_id)),
        cleared: screened.cleared.as_ref().map(|c| ClearedView {
            by: c.cleared_by.clone(),
            country: c.country.clone(),
            at: date_time(c.cleared_at),
            until: c.expires_at.date().to_string(),
            reason: c.reason.clone(),
        }),
    }
}

fn card_view(lang: Lang, card: &NoticeCard, path_id: &str) -> CardView {
    let subject = &card.subject;
    let kind_name = lang.t(&format!("kind.{}", card.kind.as_str()));
    let kind_name = if card.kind == NoticeKind::Diffusion {
        kind_name.to_string()
    } else {
        lang.fill("hit.kind", &[("kind", kind_name)])
    };
    CardView {
        kind: card.kind.as_str(),
        kind_name,
        requested_by: card.requested_by.clone(),
        name: subject.display_name(),
        original_script_name: subject.original_script_name.clone(),
        aliases: subject.aliases.join(" · "),
        date_of_birth: subject.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
        sex: subject
            .sex
            .map(|s| lang.t(&format!("form.sex_{}", s.to_string().to_lowercase())).to_string())
            .unwrap_or_default(),
        nationalities: subject.nationalities.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", "),
        documents: subject.identity_documents.iter().map(|d| d.number.clone()).collect::<Vec<_>>().join(", "),
        charges: card.charges.iter().map(|c| c.title.clone()).collect(),
        offence: card.offence_summary.clone(),
        purpose: card.purpose.map(|p| match p {
            Purpose::Prosecution => lang.t("hit.purpose.prosecution"),
            Purpose::Sentence => lang.t("hit.purpose.sentence"),
        }),
        action: card.action.as_str(),
        action_text: lang.t(&format!("action.{}", card.action.as_str())),
        pictures: card.pictures.iter().map(|p| format!("/screening/pictures/{path_id}/{p}")).collect(),
        expires: card.expires_at.map(|at| at.date().to_string()),
        seen: crate::screening::rfc3339(card.updated_at),
    }
}

#[derive(Template)]
#[template(path = "screening.html")]
struct ScreeningPage {
    frame: Frame,
    traveller: Traveller,
    searched: bool,
    hits: Vec<HitView>,
    problem: Option<String>,
    located: Option<String>,
    cleared: Option<String>,
    can_locate: bool,
    /// Whether the traveller screened carries what a clearance needs: a document and a date of birth.
    can_clear: bool,
}

fn screening_page(frame: &Frame, traveller: Traveller, outcome: Outcome) -> Response {
    let can_locate = frame.is("screener") || frame.is("bureau_officer");
    let can_clear = can_locate && !traveller.document.trim().is_empty() && !traveller.date_of_birth.trim().is_empty();
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
            cleared: outcome.cleared,
            can_locate,
            can_clear,
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
    hits: Vec<HitView>,
    problem: Option<String>,
    located: Option<String>,
    cleared: Option<String>,
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
    let hits = hits.iter().map(|screened| hit_view(frame.lang, screened)).collect();
    screening_page(&frame, traveller, Outcome { searched: true, hits, ..Outcome::default() })
}

#[derive(Debug, Deserialize)]
struct LocatedForm {
    csrf: String,
    notice: String,
    #[serde(default)]
    place: String,
    /// The check box that says the officer compared the traveller with the notice.
    #[serde(default)]
    compared: String,
    #[serde(default)]
    traveller_name: String,
    #[serde(default)]
    traveller_date_of_birth: String,
    #[serde(default)]
    traveller_document: String,
}

/// The page again with a problem, as a 422.
fn problem_page(frame: &Frame, problem: String) -> Response {
    let mut response =
        screening_page(frame, Traveller::default(), Outcome { problem: Some(problem), ..Outcome::default() });
    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    response
}

/// `POST /screening/located`: the officer, having compared the traveller with the notice,
/// confirms the hit; the requesting bureau is told, with the traveller as confirmed.
async fn located(State(state): State<AppState>, frame: Frame, Form(form): Form<LocatedForm>) -> Response {
    let user = match require(&frame, &SCREENERS) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    if let Err(refused) = check_csrf(&user, &form.csrf, frame.lang) {
        return refused.into_response();
    }
    let Ok(id) = NoticeId::parse(&form.notice) else { return error_page(frame.lang, StatusCode::NOT_FOUND, "") };
    if form.compared != "yes" {
        return problem_page(&frame, format!("compared: {}", frame.t("confirm.compare_first")));
    }
    let place = form.place.trim();
    let place = (!place.is_empty()).then_some(place);
    let traveller: Vec<String> = [
        ("name", &form.traveller_name),
        ("born", &form.traveller_date_of_birth),
        ("document", &form.traveller_document),
    ]
    .iter()
    .filter(|(_, value)| !value.trim().is_empty())
    .map(|(what, value)| format!("{what} {}", value.trim()))
    .collect();
    let remarks = (!traveller.is_empty()).then(|| format!("confirmed against the traveller: {}", traveller.join(", ")));
    match state.app.located(&user.principal(), id, place, remarks.as_deref()).await {
        Ok(_) => {
            let located = Some(id.to_string());
            screening_page(&frame, Traveller::default(), Outcome { located, ..Outcome::default() })
        }
        Err(dragnet_app::AppError::Store(dragnet_store::StoreError::NoticeNotFound(_))) => {
            error_page(frame.lang, StatusCode::NOT_FOUND, "")
        }
        // The use case's rule for what a location says (one line, at most 1,000 characters).
        Err(dragnet_app::AppError::Invalid(err)) => problem_page(&frame, err.to_string()),
        Err(err) => error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
}

#[derive(Debug, Deserialize)]
struct ClearForm {
    csrf: String,
    notice: String,
    #[serde(default)]
    seen: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    traveller_document: String,
    #[serde(default)]
    traveller_date_of_birth: String,
}

/// `POST /screening/clear`: the officer records that the traveller is not the notice's subject.
async fn clear(State(state): State<AppState>, frame: Frame, Form(form): Form<ClearForm>) -> Response {
    let user = match require(&frame, &SCREENERS) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    if let Err(refused) = check_csrf(&user, &form.csrf, frame.lang) {
        return refused.into_response();
    }
    let Ok(notice) = NoticeId::parse(&form.notice) else { return error_page(frame.lang, StatusCode::NOT_FOUND, "") };
    let clear = ClearTraveller {
        notice,
        document: form.traveller_document,
        date_of_birth: form.traveller_date_of_birth,
        seen: form.seen,
        reason: form.reason,
    };
    match state.app.clear_traveller(&user.principal(), &clear).await {
        Ok(_) => {
            let cleared = Some(notice.to_string());
            screening_page(&frame, Traveller::default(), Outcome { cleared, ..Outcome::default() })
        }
        Err(dragnet_app::AppError::Store(dragnet_store::StoreError::NoticeNotFound(_))) => {
            error_page(frame.lang, StatusCode::NOT_FOUND, "")
        }
        Err(dragnet_app::AppError::Store(dragnet_store::StoreError::NoticeChanged(_))) => {
            let mut response = problem_page(&frame, frame.t("clear.changed").to_string());
            *response.status_mut() = StatusCode::CONFLICT;
            response
        }
        Err(dragnet_app::AppError::Invalid(err)) => problem_page(&frame, err.to_string()),
        Err(err) => error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
}

/// `GET /screening/pictures/{notice}/{picture}`: a picture of a hit's notice, for an officer whose
/// screening may show the notice.
async fn picture(State(state): State<AppState>, frame: Frame, Path((id, picture)): Path<(String, String)>) -> Response {
    let user = match require(&frame, &dragnet_app::screening::SCREENERS) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let (Ok(id), Ok(picture)) = (NoticeId::parse(&id), picture.parse::<i64>()) else {
        return error_page(frame.lang, StatusCode::NOT_FOUND, "");
    };
    match state.app.hit_picture(&user.principal(), id, picture).await {
        Ok((content_type, bytes)) => crate::clearances::picture_response(content_type, bytes),
        Err(
            dragnet_app::AppError::NotFound
            | dragnet_app::AppError::Store(dragnet_store::StoreError::NoticeNotFound(_)),
        ) => error_page(frame.lang, StatusCode::NOT_FOUND, ""),
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
