//! The public notices API in the shape of INTERPOL's (`/notices/v1/red`, `/yellow`, `/un`, their
//! details and pictures), so that the clients and scrapers written for it read a Dragnet server.
//! It shows only published notices whose requester agreed to a public extract and barred no
//! country, and only what an extract may show. Unlike the original: no cap at 160 results, paging
//! that reaches every result, `freeText` that searches, and the screening engine behind `name` and
//! `forename`, so that `Alghasi Mehr` finds the notice written `Alqasimehr`.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use dragnet_app::views::public::{MOST_FREE_TEXT_CHARS, MOST_FREE_TEXT_WORDS, folded_words};
use dragnet_domain::codes::{interpol_country_code, interpol_requester_code};
use dragnet_domain::{CountryCode, NoticeId, NoticeKind, PartialDate, Person, Requester};
use dragnet_store::PublicExtract;
use serde_json::{Map, Value, json};

use crate::AppState;
use crate::client::Client;

/// Results per page when a client does not say, and the most it may ask for.
const DEFAULT_PER_PAGE: usize = 20;
const MOST_PER_PAGE: usize = 200;
/// The highest page a client may ask for: far past any list, and far from any overflow.
const MOST_PAGE: usize = 1_000_000;

/// Why a list query was not answered: it does not read (the message names the parameter), or
/// every search thread is busy.
pub(crate) enum NotSearched {
    Invalid(String),
    Busy,
}

/// How long a list query waits for a search thread before it is told to come back.
const SEARCH_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// [`search`] on a blocking thread, at most [`AppState::searches`] at once, so that searches never
/// hold up the async workers (health checks, sign-ins, publications).
pub(crate) async fn search_aside(
    state: &AppState,
    kind: NoticeKind,
    pairs: Vec<(String, String)>,
) -> Result<Page, NotSearched> {
    let permit = tokio::time::timeout(SEARCH_WAIT, state.searches.clone().acquire_owned()).await;
    let Ok(Ok(permit)) = permit else { return Err(NotSearched::Busy) };
    let state = state.clone();
    let found = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        search(&state, kind, &pairs)
    })
    .await;
    match found {
        Ok(found) => found.map_err(NotSearched::Invalid),
        Err(err) => {
            tracing::error!(error = %err, "a public search failed");
            Err(NotSearched::Busy)
        }
    }
}

/// Whether a list query's parameters read, and why not: the public API's reader, for the fuzz
/// targets.
pub fn read_list_query(kind: NoticeKind, pairs: &[(String, String)]) -> Result<(), String> {
    ListQuery::read(kind, pairs).map(|_| ())
}

/// The page of notices of `kind` that a list query (the API's parameters) asks for.
pub(crate) fn search(state: &AppState, kind: NoticeKind, pairs: &[(String, String)]) -> Result<Page, String> {
    let query = ListQuery::read(kind, pairs)?;
    let today = time::OffsetDateTime::now_utc().date();
    let (name, forename) = (query.get("name"), query.get("forename"));
    let person = (name.is_some() || forename.is_some()).then(|| Person {
        family_name: name.filter(|_| forename.is_some()).map(str::to_string),
        forenames: forename.filter(|_| name.is_some()).map(str::to_string),
        name: if name.is_some() && forename.is_some() { None } else { name.or(forename).map(str::to_string) },
        ..Person::default()
    });
    let words = query.get("freeText").map(folded_words).unwrap_or_default();
    let (total, notices) = state.app.views.public.find(
        kind,
        person.as_ref(),
        &words,
        |extract| matches(extract, &query, today),
        (query.page - 1).saturating_mul(query.per_page),
        query.per_page,
    );
    Ok(Page { total, query, notices })
}

/// A page of a public list.
pub(crate) struct Page {
    pub total: usize,
    pub query: ListQuery,
    pub notices: Vec<PublicExtract>,
}

impl Page {
    pub fn last_page(&self) -> usize {
        self.total.div_ceil(self.query.per_page).max(1)
    }
}

pub fn routes() -> Router<AppState> {
    let mut router = Router::new();
    for (kind, path) in [(NoticeKind::Red, "red"), (NoticeKind::Yellow, "yellow")] {
        router = router
            .route(
                &format!("/notices/v1/{path}"),
                get(
                    move |state: State<AppState>,
                          headers: HeaderMap,
                          client: Client,
                          query: Query<Vec<(String, String)>>| {
                        list(state, headers, client, query, kind)
                    },
                ),
            )
            .route(
                &format!("/notices/v1/{path}/{{id}}"),
                get(move |state: State<AppState>, headers: HeaderMap, client: Client, Path(id): Path<String>| {
                    detail(state, headers, client, id, kind)
                }),
            )
            .route(
                &format!("/notices/v1/{path}/{{id}}/images"),
                get(move |state: State<AppState>, headers: HeaderMap, client: Client, Path(id): Path<String>| {
                    images(state, headers, client, id, kind)
                }),
            )
            .route(
                &format!("/notices/v1/{path}/{{id}}/images/{{picture}}"),
                get(move |state: State<AppState>, Path((id, picture)): Path<(String, String)>| {
                    picture_of(state, id, picture, kind)
                }),
            );
    }
    let un = NoticeKind::UnSpecial;
    router
        .route(
            "/notices/v1/un",
            get(
                move |state: State<AppState>,
                      headers: HeaderMap,
                      client: Client,
                      query: Query<Vec<(String, String)>>| { list(state, headers, client, query, un) },
            ),
        )
        .route(
            "/notices/v1/un/{category}/{id}",
            get(
                move |state: State<AppState>,
                      headers: HeaderMap,
                      client: Client,
                      Path((category, id)): Path<(String, String)>| {
                    un_only(category, move || detail(state, headers, client, id, un))
                },
            ),
        )
        .route(
            "/notices/v1/un/{category}/{id}/images",
            get(
                move |state: State<AppState>,
                      headers: HeaderMap,
                      client: Client,
                      Path((category, id)): Path<(String, String)>| {
                    un_only(category, move || images(state, headers, client, id, un))
                },
            ),
        )
        .route(
            "/notices/v1/un/{category}/{id}/images/{picture}",
            get(move |state: State<AppState>, Path((category, id, picture)): Path<(String, String, String)>| {
                un_only(category, move || picture_of(state, id, picture, un))
            }),
        )
}

/// UN notices are about persons; Dragnet keeps no notices about entities.
async fn un_only<F: Future<Output = Response>>(category: String, then: impl FnOnce() -> F) -> Response {
    if category == "persons" { then().await } else { not_found().await }
}

/// The original's answer to an unknown notice.
async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, axum::Json(json!({"status": 404, "name": "NotFoundError", "message": "Not Found"})))
        .into_response()
}

fn busy() -> Response {
    let body = json!({"status": 503, "name": "ServiceUnavailableError", "message": "Busy: try again shortly"});
    let mut response = (StatusCode::SERVICE_UNAVAILABLE, axum::Json(body)).into_response();
    response.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from(1));
    response
}

fn bad_request(message: String) -> Response {
    (StatusCode::BAD_REQUEST, axum::Json(json!({"status": 400, "name": "BadRequestError", "message": message})))
        .into_response()
}

/// Where this server is reached, for the links.
fn base(state: &AppState, headers: &HeaderMap, client: &Client) -> String {
    crate::client::base_url(state.public_url.as_deref(), headers, client)
}

fn path_of(kind: NoticeKind) -> &'static str {
    match kind {
        NoticeKind::Yellow => "yellow",
        NoticeKind::UnSpecial => "un",
        _ => "red",
    }
}

/// A notice's own path: UN notices sit under `persons`.
pub fn notice_path(kind: NoticeKind, id: NoticeId) -> String {
    let dashed = id.to_string().replace('/', "-");
    match kind {
        NoticeKind::UnSpecial => format!("/notices/v1/un/persons/{dashed}"),
        _ => format!("/notices/v1/{}/{dashed}", path_of(kind)),
    }
}

/// A date as the original writes it: `1980/05/17`, or the year alone.
fn slashed(date: Option<PartialDate>) -> Value {
    date.map_or(Value::Null, |d| Value::String(d.to_string().replace('-', "/")))
}

/// The filters each list takes; others are ignored, as the original ignores them.
fn filters_of(kind: NoticeKind) -> &'static [&'static str] {
    match kind {
        NoticeKind::UnSpecial => &["name", "unReference", "unResolution"],
        NoticeKind::Yellow => &["forename", "name", "nationality", "ageMin", "ageMax", "freeText", "sexId"],
        _ => &["forename", "name", "nationality", "ageMin", "ageMax", "freeText", "sexId", "arrestWarrantCountryId"],
    }
}

/// A list's query, read: each filter given (blank ones are not given) and the page.
pub(crate) struct ListQuery {
    filters: Vec<(&'static str, String)>,
    pub page: usize,
    pub per_page: usize,
}

impl ListQuery {
    fn read(kind: NoticeKind, pairs: &[(String, String)]) -> Result<ListQuery, String> {
        let mut filters = Vec::new();
        let (mut page, mut per_page) = (1, DEFAULT_PER_PAGE);
        for (name, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let number = || value.parse::<usize>().map_err(|_| format!("{name}: {value:?} is not a whole number"));
            let from_one_to = |most: usize| {
                number().and_then(|n| {
                    if (1..=most).contains(&n) { Ok(n) } else { Err(format!("{name}: from 1 to {most}")) }
                })
            };
            match name.as_str() {
                "page" => page = from_one_to(MOST_PAGE)?,
                "resultPerPage" => per_page = from_one_to(MOST_PER_PAGE)?,
                other => {
                    if let Some(filter) = filters_of(kind).iter().find(|f| **f == other) {
                        if matches!(*filter, "ageMin" | "ageMax" | "unResolution") {
                            number()?;
                        }
                        if *filter == "nationality" {
                            CountryCode::parse(&value.to_uppercase()).map_err(|err| format!("{name}: {err}"))?;
                        }
                        // A warrant's country as INTERPOL writes it: a country, or an entity's number (914).
                        if *filter == "arrestWarrantCountryId" {
                            let requester =
                                Requester::parse(&value.to_uppercase()).map_err(|err| format!("{name}: {err}"))?;
                            filters.push((*filter, requester.as_str().to_string()));
                            continue;
                        }
                        if *filter == "sexId" && !["F", "M", "U"].contains(&value.to_uppercase().as_str()) {
                            return Err(format!("{name}: F, M or U"));
                        }
                        if matches!(*filter, "name" | "forename" | "freeText") {
                            let chars = value.chars().count();
                            if chars > MOST_FREE_TEXT_CHARS {
                                return Err(format!(
                                    "{name}: at most {MOST_FREE_TEXT_CHARS} characters ({chars} given)"
                                ));
                            }
                        }
                        if *filter == "freeText" && folded_words(value).len() > MOST_FREE_TEXT_WORDS {
                            return Err(format!("{name}: at most {MOST_FREE_TEXT_WORDS} words"));
                        }
                        filters.push((*filter, value.to_string()));
                    }
                }
            }
        }
        Ok(ListQuery { filters, page, per_page })
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.filters.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    /// The query string of a page of this list.
    fn href(&self, base: &str, kind: NoticeKind, page: usize) -> String {
        let mut pairs: Vec<String> = self.filters.iter().map(|(n, v)| format!("{n}={}", encode(v))).collect();
        pairs.push(format!("resultPerPage={}", self.per_page));
        pairs.push(format!("page={page}"));
        format!("{base}/notices/v1/{}?{}", path_of(kind), pairs.join("&"))
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Age in whole years on `today` of someone born on `born`; a year alone counts from 1 January.
fn age(born: PartialDate, today: time::Date) -> i64 {
    let before_birthday = (today.month() as u8, today.day()) < (born.month().unwrap_or(1), born.day().unwrap_or(1));
    i64::from(today.year()) - i64::from(born.year()) - i64::from(before_birthday)
}

fn matches(extract: &PublicExtract, query: &ListQuery, today: time::Date) -> bool {
    let s = &extract.subject;
    if let Some(code) = query.get("nationality")
        && !s
            .nationalities
            .iter()
            .any(|c| interpol_country_code(c).eq_ignore_ascii_case(code) || c.as_str().eq_ignore_ascii_case(code))
    {
        return false;
    }
    if let Some(code) = query.get("arrestWarrantCountryId")
        && !extract.requested_by.eq_ignore_ascii_case(code)
    {
        return false;
    }
    if let Some(sex) = query.get("sexId")
        && s.sex.is_none_or(|own| !own.to_string().eq_ignore_ascii_case(sex))
    {
        return false;
    }
    for (bound, at_least) in [("ageMin", true), ("ageMax", false)] {
        if let Some(limit) = query.get(bound).and_then(|v| v.parse::<i64>().ok()) {
            let Some(born) = s.date_of_birth else { return false };
            let years = age(born, today);
            if (at_least && years < limit) || (!at_least && years > limit) {
                return false;
            }
        }
    }
    let listing = extract.un_listing.as_ref();
    if let Some(wanted) = query.get("unReference")
        && !listing.and_then(|l| l.reference.as_deref()).is_some_and(|r| r.eq_ignore_ascii_case(wanted.trim()))
    {
        return false;
    }
    if let Some(wanted) = query.get("unResolution")
        && listing.and_then(|l| l.resolution).map(|r| r.to_string()).as_deref() != Some(wanted.trim())
    {
        return false;
    }
    true
}

/// The name parts as the original splits them: `name` the family name, `forename` the rest.
fn names(subject: &Person) -> (Value, Value) {
    let text = |v: Option<&String>| v.map_or(Value::Null, |s| Value::String(s.clone()));
    match (&subject.family_name, &subject.name) {
        (Some(_), _) => (text(subject.family_name.as_ref()), text(subject.forenames.as_ref())),
        (None, name) => (text(name.as_ref()), Value::Null),
    }
}

fn links(base: &str, extract: &PublicExtract) -> Value {
    let own = format!("{base}{}", notice_path(extract.kind, extract.id));
    let mut links = json!({"self": {"href": own}, "images": {"href": format!("{own}/images")}});
    if let Some(first) = extract.pictures.first() {
        links["thumbnail"] = json!({"href": format!("{own}/images/{first}")});
    }
    links
}

fn summary(base: &str, extract: &PublicExtract) -> Value {
    let (name, forename) = names(&extract.subject);
    let mut summary = Map::new();
    summary.insert("forename".into(), forename);
    summary.insert("name".into(), name);
    summary.insert("date_of_birth".into(), slashed(extract.subject.date_of_birth));
    summary.insert("entity_id".into(), json!(extract.id.to_string()));
    summary.insert(
        "nationalities".into(),
        json!(extract.subject.nationalities.iter().map(interpol_country_code).collect::<Vec<_>>()),
    );
    summary.insert("_links".into(), links(base, extract));
    summary.retain(|_, value| !value.is_null());
    Value::Object(summary)
}

/// A notice's detail record, its links under `base` (`https://host`).
pub fn detail_body(base: &str, extract: &PublicExtract) -> Value {
    let s = &extract.subject;
    let person = serde_json::to_value(s).unwrap_or_default();
    let physical = &person["physical"];
    let list = |value: &Value| if value.is_array() { value.clone() } else { json!([]) };
    let (name, forename) = names(s);
    let mut body = Map::new();
    body.insert("forename".into(), forename);
    body.insert("name".into(), name);
    body.insert("entity_id".into(), json!(extract.id.to_string()));
    body.insert("date_of_birth".into(), slashed(s.date_of_birth));
    body.insert("sex_id".into(), s.sex.map_or(Value::Null, |x| json!(x.to_string())));
    body.insert("place_of_birth".into(), s.place_of_birth.as_ref().map_or(Value::Null, |p| json!(p)));
    // Countries as INTERPOL writes them: Kosovo is UNK.
    let codes = |codes: &[dragnet_domain::CountryCode]| {
        if codes.is_empty() { Value::Null } else { json!(codes.iter().map(interpol_country_code).collect::<Vec<_>>()) }
    };
    let country =
        |code: Option<dragnet_domain::CountryCode>| code.map_or(Value::Null, |c| json!(interpol_country_code(&c)));
    body.insert("country_of_birth_id".into(), country(s.country_of_birth));
    body.insert("nationalities".into(), json!(s.nationalities.iter().map(interpol_country_code).collect::<Vec<_>>()));
    body.insert("languages_spoken_ids".into(), list(&person["languages"]));
    // Heights in metres, weights in kilograms; unknown is null, never 0.
    body.insert("height".into(), physical["height_cm"].as_f64().map_or(Value::Null, |cm| json!(cm.round() / 100.0)));
    body.insert("weight".into(), physical["weight_kg"].as_u64().map_or(Value::Null, |kg| json!(kg)));
    body.insert("eyes_colors_id".into(), list(&physical["eyes"]));
    body.insert("hairs_id".into(), list(&physical["hair"]));
    body.insert("distinguishing_marks".into(), physical["marks"].as_str().map_or(Value::Null, |m| json!(m)));
    let text = |value: Option<&String>| value.map_or(Value::Null, |v| json!(v));
    for (prefix, parent) in [("father", &s.father), ("mother", &s.mother)] {
        let parent = parent.as_ref();
        body.insert(format!("{prefix}_name"), text(parent.and_then(|p| p.family_name.as_ref())));
        body.insert(format!("{prefix}_forename"), text(parent.and_then(|p| p.forenames.as_ref())));
    }
    if !s.aliases.is_empty() {
        body.insert("aliases".into(), json!(s.aliases));
    }
    body.insert("name_in_original_script".into(), text(s.original_script_name.as_ref()));
    // An international requester as INTERPOL writes it: the ICC is 914. Unknown is left out.
    let requester = Some(interpol_requester_code(&extract.requested_by))
        .filter(|code| *code != dragnet_domain::codes::UNKNOWN_REQUESTER);
    let birth_name = if extract.kind == NoticeKind::UnSpecial { "name_at_birth" } else { "birth_name" };
    body.insert(birth_name.into(), text(s.birth_name.as_ref()));
    match extract.kind {
        NoticeKind::Red => {
            let mut warrants: Vec<Value> = extract
                .charges
                .iter()
                .map(|charge| {
                    let issuer = charge.issued_by.as_ref().map(|by| interpol_requester_code(by.as_str()));
                    let mut warrant = Map::new();
                    warrant.insert("issuing_country_id".into(), issuer.or(requester).map_or(Value::Null, |c| json!(c)));
                    warrant.insert("charge".into(), json!(charge.title));
                    warrant.insert("charge_translation".into(), text(charge.translation.as_ref()));
                    warrant.retain(|_, value| !value.is_null());
                    Value::Object(warrant)
                })
                .collect();
            // Without a charge (an imported list entry) the warrant still says who asked for it.
            if let (true, Some(requester)) = (warrants.is_empty(), requester) {
                warrants.push(json!({"issuing_country_id": requester}));
            }
            if !warrants.is_empty() {
                body.insert("arrest_warrants".into(), json!(warrants));
            }
        }
        NoticeKind::Yellow => {
            body.insert("date_of_event".into(), slashed(extract.offence_date));
            body.insert("place".into(), text(extract.offence_place.as_ref()));
            body.insert("country".into(), country(extract.offence_country));
            body.insert("issuing_country".into(), requester.map_or(Value::Null, |c| json!(c)));
        }
        _ => {
            let listing = extract.un_listing.as_ref();
            body.insert("un_reference".into(), text(listing.and_then(|l| l.reference.as_ref())));
            body.insert("un_resolution".into(), listing.and_then(|l| l.resolution).map_or(Value::Null, |r| json!(r)));
            body.insert("un_reference_date".into(), slashed(listing.and_then(|l| l.listed_on)));
        }
    }
    body.insert("countries_likely_to_be_visited".into(), codes(&extract.countries_likely_to_visit));
    body.insert("_embedded".into(), json!({"links": []}));
    body.insert("_links".into(), links(base, extract));
    // What is not known is left out: INTERPOL's description types every field and allows no null.
    body.retain(|_, value| !value.is_null());
    Value::Object(body)
}

async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Client,
    Query(pairs): Query<Vec<(String, String)>>,
    kind: NoticeKind,
) -> Response {
    let page = match search_aside(&state, kind, pairs).await {
        Ok(page) => page,
        Err(NotSearched::Invalid(message)) => return bad_request(message),
        Err(NotSearched::Busy) => return busy(),
    };
    let base = base(&state, &headers, &client);
    let (total, last, query) = (page.total, page.last_page(), &page.query);
    let notices: Vec<Value> = page.notices.iter().map(|e| summary(&base, e)).collect();
    let mut echoed = Map::new();
    for (name, value) in &query.filters {
        let number = matches!(*name, "ageMin" | "ageMax" | "unResolution");
        echoed.insert((*name).into(), if number { json!(value.parse::<u64>().unwrap_or(0)) } else { json!(value) });
    }
    echoed.insert("page".into(), json!(query.page));
    echoed.insert("resultPerPage".into(), json!(query.per_page));
    let mut links = Map::new();
    links.insert("self".into(), json!({"href": query.href(&base, kind, query.page)}));
    links.insert("first".into(), json!({"href": query.href(&base, kind, 1)}));
    if query.page < last {
        links.insert("next".into(), json!({"href": query.href(&base, kind, query.page + 1)}));
    }
    links.insert("last".into(), json!({"href": query.href(&base, kind, last)}));
    let body = json!({"total": total, "query": echoed, "_embedded": {"notices": notices}, "_links": links});
    axum::Json(body).into_response()
}

/// The public extract with this id (`2020-821`, `2026-00001`) of this kind, if there is one.
fn extract_of(state: &AppState, id: &str, kind: NoticeKind) -> Option<PublicExtract> {
    let id = NoticeId::parse(&id.replace('-', "/")).ok()?;
    state.app.views.public.get(id).filter(|e| e.kind == kind)
}

async fn detail(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Client,
    id: String,
    kind: NoticeKind,
) -> Response {
    match extract_of(&state, &id, kind) {
        Some(extract) => axum::Json(detail_body(&base(&state, &headers, &client), &extract)).into_response(),
        None => not_found().await,
    }
}

/// A notice's pictures, listed.
async fn images(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Client,
    id: String,
    kind: NoticeKind,
) -> Response {
    let Some(extract) = extract_of(&state, &id, kind) else { return not_found().await };
    axum::Json(images_body(&base(&state, &headers, &client), &extract)).into_response()
}

/// A notice's list of pictures, its links under `base`.
pub fn images_body(base: &str, extract: &PublicExtract) -> Value {
    let own = format!("{base}{}", notice_path(extract.kind, extract.id));
    let images: Vec<Value> = extract
        .pictures
        .iter()
        .map(|p| json!({"picture_id": p.to_string(), "_links": {"self": {"href": format!("{own}/images/{p}")}}}))
        .collect();
    let mut links = json!({"self": {"href": format!("{own}/images")}, "notice": {"href": own}});
    if let Some(first) = extract.pictures.first() {
        links["thumbnail"] = json!({"href": format!("{own}/images/{first}")});
    }
    json!({"_embedded": {"images": images}, "_links": links})
}

/// One picture of a public notice, as its bytes. Whatever a picture holds, it is shown only as an
/// image: no sniffing, no script, no framing.
async fn picture_of(State(state): State<AppState>, id: String, picture: String, kind: NoticeKind) -> Response {
    let Some(extract) = extract_of(&state, &id, kind) else { return not_found().await };
    let Some(picture) = picture.parse::<i64>().ok().filter(|p| extract.pictures.contains(p)) else {
        return not_found().await;
    };
    match state.store.picture(extract.id, picture).await {
        Ok(Some((content_type, bytes))) => (
            [
                (axum::http::header::CONTENT_TYPE, content_type),
                (axum::http::header::CACHE_CONTROL, "public, max-age=300".to_string()),
                (axum::http::header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
                (
                    axum::http::header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'unsafe-inline'; sandbox".to_string(),
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => not_found().await,
        Err(err) => {
            tracing::error!(%err, "reading a picture");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                axum::Json(json!({"status": 500, "name": "ServerError", "message": "Server Error"})),
            )
                .into_response()
        }
    }
}
