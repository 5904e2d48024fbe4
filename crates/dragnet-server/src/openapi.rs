//! The OpenAPI 3.1 description of the API, made from the handlers' own annotations as the router is
//! built (so a path or method cannot be served without being described), and the page that shows it.
//!
//! The body schemas below describe what the domain's readers accept and what the handlers answer;
//! the handlers read bodies field by field (so that an error names its field) rather than through
//! these types, and a test posts each schema's example to the running server to keep the two in step.

#![allow(dead_code)] // The types exist to be described, not built.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use axum::response::{Html, IntoResponse, Response};
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, OpenApi as Document, RefOr, ResponseBuilder};
use utoipa::{OpenApi, ToSchema};

/// The document's fixed parts; the paths come from the router.
#[derive(Debug, OpenApi)]
#[openapi(
    info(
        title = "Dragnet API",
        description = "International police notices: requests from national bureaus, the secretariat's review, \
                       screening against every notice in force, and the audit trail. Every `/api/v1` path takes \
                       `Authorization: Bearer <token>`; errors are `application/problem+json` with a stable `code`, \
                       and `field` names the field at fault.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
    ),
    components(schemas(Problem, Person, NoticeRequest, LocatedBody)),
    tags(
        (name = "requests", description = "A bureau's notice requests, from draft to submission"),
        (name = "review", description = "The secretariat's queue and decisions"),
        (name = "notices", description = "Notices after publication"),
        (name = "screening", description = "Border checks against every notice in force"),
        (name = "audit", description = "The audit trail and its verification"),
        (name = "administration", description = "Users and their tokens"),
        (name = "service", description = "Health, readiness and this description"),
    )
)]
pub struct ApiDoc;

/// An error (RFC 9457), with `code` stable for programs and `field` naming the field at fault.
#[derive(Debug, ToSchema)]
#[schema(example = json!({"type": "urn:dragnet:problem:invalid", "title": "The request does not read",
    "status": 422, "code": "invalid", "detail": "subjects[0].date_of_birth: 1971-02-30 is not a date",
    "field": "subjects[0].date_of_birth"}))]
pub struct Problem {
    /// `urn:dragnet:problem:<code>`.
    #[schema(rename = "type")]
    kind: String,
    title: String,
    status: u16,
    /// Stable: `invalid`, `malformed_json`, `unauthorized`, `forbidden`, `not_found`, `conflict`,
    /// `rate_limited`, `too_large`, `incomplete`, `internal`…
    code: String,
    detail: Option<String>,
    /// The path of the field at fault, `subjects[0].date_of_birth`.
    field: Option<String>,
    /// The automated check's report, where a submission was refused for it.
    report: Option<serde_json::Value>,
}

/// A person: the subject of a notice or someone screened. A name is `family_name` with
/// `forenames`, or `name` as one string in any order.
#[derive(Debug, ToSchema)]
#[schema(example = json!({"family_name": "ALQASIMEHR", "forenames": "Ali", "original_script_name": "علی القاصی مهر",
    "sex": "M", "date_of_birth": "1971-05-02", "nationalities": ["IR"]}))]
pub struct Person {
    id: Option<String>,
    family_name: Option<String>,
    forenames: Option<String>,
    name: Option<String>,
    original_script_name: Option<String>,
    aliases: Option<Vec<String>>,
    /// The family name at birth, where it is not the one borne now.
    birth_name: Option<String>,
    /// `{"family_name", "forenames"}`, either part may be left out.
    father: Option<serde_json::Value>,
    /// `{"family_name", "forenames"}`, either part may be left out.
    mother: Option<serde_json::Value>,
    /// `M`, `F` or `U`.
    sex: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    date_of_birth: Option<String>,
    place_of_birth: Option<String>,
    /// ISO 3166-1 alpha-2.
    country_of_birth: Option<String>,
    nationalities: Option<Vec<String>>,
    /// `[{"kind": "passport", "number": "K12345678", "country": "IR"}]`.
    identity_documents: Option<Vec<serde_json::Value>>,
    physical: Option<serde_json::Value>,
    /// INTERPOL's three-letter language codes.
    languages: Option<Vec<String>>,
    /// Roles held or once held: `head_of_state`, `minister`, `journalist`…
    status: Option<Vec<String>>,
}

/// A notice request: one warrant, one or many subjects (each becomes its own notice).
#[derive(Debug, ToSchema)]
#[schema(example = json!({"kind": "red", "requested_by": "FR", "reference": "FR-LYO-2026-0001",
    "subjects": [{"family_name": "DURAND", "forenames": "Marc", "sex": "M", "date_of_birth": "1980-04-12",
                  "nationalities": ["FR"],
                  "identity_documents": [{"kind": "passport", "number": "19FR12345", "country": "FR"}]}],
    "offence": {"summary": "On 3 March 2026 in Lyon the subject killed a shopkeeper with a knife during a robbery.",
                "date": "2026-03-03", "place": "Lyon", "country": "FR"},
    "charges": [{"title": "Murder", "law": "Code pénal, art. 221-1",
                 "max_penalty": {"kind": "imprisonment", "months": 360}}],
    "judicial": {"purpose": "prosecution",
                 "warrant": {"reference": "26/0042", "issued_on": "2026-03-05", "authority": "Tribunal judiciaire de Lyon"},
                 "extradition_sought_from": ["*"]}}))]
pub struct NoticeRequest {
    /// `red`, `yellow`, `blue`, `black`, `green`, `orange`, `purple`, `silver`, `un_special` or `diffusion`.
    kind: String,
    /// The requesting member's ISO code, or `ICC`, `UN`, `IRMCT`, `STL` (INTERPOL's `914`, `922`, `916` read as these).
    /// `unknown` is shown for a notice imported from a public list entry, which does not say; no request names it.
    requested_by: String,
    reference: Option<String>,
    language: Option<String>,
    subjects: Vec<Person>,
    /// `summary`, `date`, `place`, `country`, `context`.
    offence: serde_json::Value,
    /// `[{"title", "law", "max_penalty", "translation", "issued_by"}]`; `issued_by` names the warrant's issuer
    /// where it is not the requester.
    charges: Option<Vec<serde_json::Value>>,
    /// `purpose`, `warrant`, `sentence`, `in_absentia`, `extradition_sought_from`.
    judicial: Option<serde_json::Value>,
    third_party: Option<serde_json::Value>,
    /// For a diffusion: its recipients.
    to: Option<Vec<String>>,
    /// Members that may never see the notice.
    barred_countries: Option<Vec<String>>,
    /// Whether an extract may go on the public website once published (default no).
    public_extract: Option<bool>,
    /// Countries the subject may go to, as the requester expects.
    countries_likely_to_visit: Option<Vec<String>>,
    /// A UN special notice's sanctions list entry: `reference` (`QDi.432`), `resolution` (1267), `listed_on`.
    un_listing: Option<serde_json::Value>,
}

/// A reviewer's decision on the notices of a request in review.
#[derive(Debug, ToSchema)]
#[schema(example = json!({"decision": "publish", "reason": "Ordinary-law crime; the minimum data are present."}))]
pub struct DecisionBody {
    /// `publish`, `refuse` or `request_information`.
    decision: String,
    /// Non-blank, at most 4,000 characters, kept on the record.
    reason: String,
    /// Only these notices of the request (default: all in review).
    notices: Option<Vec<String>>,
}

/// A picture's bytes: JPEG, PNG or SVG.
#[derive(Debug, ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct PictureBytes(Vec<u8>);

/// A change kept on the record with why it was made.
#[derive(Debug, ToSchema)]
#[schema(example = json!({"reason": "The warrant was withdrawn by the issuing court on 2 May 2026."}))]
pub struct ReasonBody {
    /// Non-blank, at most 4,000 characters.
    reason: String,
}

/// A screener confirms that a hit is the person.
#[derive(Debug, ToSchema)]
#[schema(example = json!({"place": "Frankfurt Airport, gate B44", "remarks": "Held for the police."}))]
pub struct LocatedBody {
    place: Option<String>,
    remarks: Option<String>,
}

/// People to screen against every notice in force that the caller's country may see.
#[derive(Debug, ToSchema)]
#[schema(example = json!({"persons": [{"id": "p1", "name": "Ali Alghasi-Mehr", "date_of_birth": "1971"}]}))]
pub struct ScreenBody {
    /// At most 10,000.
    persons: Vec<Person>,
    /// The lowest score reported, 0 to 1 (default 0.7).
    threshold: Option<f64>,
    /// The most hits per person, 1 to 100 (default 10).
    limit: Option<u32>,
}

/// One hit: a notice that may be the person, how sure, and why (`id`, `score`, `why`, as
/// `dragnet screen` prints them); then what an officer acts on.
#[derive(Debug, ToSchema)]
pub struct Hit {
    id: String,
    score: f64,
    why: String,
    /// `for` and `against`: the reasons that speak for the hit being the person, and against.
    #[schema(value_type = Object)]
    evidence: Option<serde_json::Value>,
    /// The notice in force: `kind`, `requested_by`, `name`, `original_script_name`, `aliases`, `sex`,
    /// `date_of_birth`, `nationalities`, `identity_documents`, `charges`, `offence`, `purpose`,
    /// `action` (`arrest`, `protect`, `inform`, `warn`, `alert`, `trace_assets`, `sanctions`) and its
    /// `action_text`, `pictures` (URLs), `published_at`, `expires_at`, `updated_at` (what a clearance names).
    #[schema(value_type = Object)]
    notice: Option<serde_json::Value>,
    /// True when the notice's record does not read: the hit stands, without its details.
    notice_unreadable: Option<bool>,
    /// The clearance of this traveller against this notice by the caller's country, if one is in
    /// effect: `clearance`, `by`, `country`, `at`, `expires_at`, `reason`.
    #[schema(value_type = Object)]
    cleared: Option<serde_json::Value>,
}

/// The hits of one person screened.
#[derive(Debug, ToSchema)]
pub struct ScreenResult {
    /// The person's `id`, or its position in the call.
    query: String,
    hits: Vec<Hit>,
}

#[derive(Debug, ToSchema)]
pub struct ScreenAnswer {
    results: Vec<ScreenResult>,
}

/// A new user.
#[derive(Debug, ToSchema)]
#[schema(example = json!({"name": "border.de.fra", "role": "screener", "country": "DE"}))]
pub struct NewUser {
    name: String,
    /// `bureau_officer`, `reviewer`, `supervisor`, `screener`, `auditor` or `administrator`.
    role: String,
    /// For the roles that act for a member country.
    country: Option<String>,
}

/// A label for a token (which device or system holds it).
#[derive(Debug, ToSchema)]
#[schema(example = json!({"label": "e-gate 12"}))]
pub struct TokenLabel {
    /// At most 100 characters.
    label: Option<String>,
    /// How long a new token lasts, 1 to 366 days (90 by default); ignored when revoking.
    expires_in_days: Option<i64>,
}

/// Where a bureau's notifications are sent.
#[derive(Debug, ToSchema)]
#[schema(example = json!({"url": "https://ncb.example.fr/dragnet/notifications"}))]
pub struct WebhookBody {
    /// `https://`, or `http://` to the server's own machine.
    url: String,
}

/// Someone holding an office whose status the check applies even when a request does not declare it.
#[derive(Debug, ToSchema)]
#[schema(example = json!({"names": [{"forenames": "Jean", "family_name": "DUFRESNE"}], "status": "head_of_state",
    "office": "President of the Republic", "country": "FR", "date_of_birth": "1961-04-02", "since": "2026-01-01"}))]
pub struct OfficeHolderBody {
    /// Spellings of the name, each `{"forenames", "family_name"}`.
    names: Vec<serde_json::Value>,
    /// A status of the request format's vocabulary: `head_of_state`, `minister`…
    status: String,
    office: String,
    /// ISO 3166-1 alpha-2, or `ICC`, `UN`, `IRMCT`, `STL`.
    country: String,
    date_of_birth: Option<String>,
    since: Option<String>,
}

/// The whole document: `ApiDoc`'s parts, the router's paths, the bearer scheme, and the error answers
/// every authenticated path shares.
pub fn finish(mut document: Document) -> Document {
    let components = document.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some("A token issued by an administrator (`dragnet admin token`)"))
                .build(),
        ),
    );
    let problem =
        || Content::builder().schema(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name("Problem")))).build();
    let shared = [
        ("401", "No token, or one that is unknown or revoked"),
        ("403", "The caller's role may not do this"),
        ("429", "The token's calls are over their limit; see `Retry-After`"),
        ("500", "Something failed inside the server; the detail is in its logs"),
    ];
    for (path, item) in document.paths.paths.iter_mut() {
        let public = !path.starts_with("/api/v1/") || path == "/api/v1/openapi.json";
        if public {
            continue;
        }
        for operation in operations(item) {
            // Handlers' doc comments open with their method and path, which the document says already.
            if let Some(summary) = &mut operation.summary
                && summary.starts_with('`')
                && let Some((_, rest)) = summary.split_once("`: ")
            {
                *summary = capitalised(rest);
            }
            operation.security =
                Some(vec![utoipa::openapi::security::SecurityRequirement::new("bearer", Vec::<String>::new())]);
            for (status, description) in shared {
                operation.responses.responses.entry(status.to_string()).or_insert_with(|| {
                    RefOr::T(
                        ResponseBuilder::new()
                            .description(description)
                            .content("application/problem+json", problem())
                            .build(),
                    )
                });
            }
        }
    }
    document
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch]
        .into_iter()
        .filter_map(|operation| operation.as_mut())
}

/// The description of this build's API, made once per process.
pub fn document() -> &'static Document {
    static DOCUMENT: std::sync::OnceLock<Document> = std::sync::OnceLock::new();
    DOCUMENT.get_or_init(|| finish(crate::api_routes().into_openapi()))
}

/// The OpenAPI 3.1 description of the whole API, generated from the handlers of this build.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "service",
    responses((status = 200, description = "The document", content_type = "application/json")))]
pub async fn document_json() -> Response {
    axum::Json(document()).into_response()
}

/// The API reference page, drawn from the same document.
#[utoipa::path(get, path = "/api/docs", tag = "service",
    responses((status = 200, description = "An HTML page", content_type = "text/html")))]
pub async fn reference() -> axum::response::Response {
    use axum::response::IntoResponse;
    static PAGE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    // Its one style sheet is inline; nothing else may load or run.
    let policy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
    (
        [(axum::http::header::CONTENT_SECURITY_POLICY, policy)],
        Html(PAGE.get_or_init(|| reference_page(document())).as_str()),
    )
        .into_response()
}

/// The API reference as one HTML page drawn from the document itself: no script, nothing fetched.
pub fn reference_page(document: &Document) -> String {
    let mut by_tag: BTreeMap<String, Vec<(String, &str, &Operation)>> = BTreeMap::new();
    for (path, item) in &document.paths.paths {
        let methods = [
            ("GET", &item.get),
            ("PUT", &item.put),
            ("POST", &item.post),
            ("DELETE", &item.delete),
            ("PATCH", &item.patch),
        ];
        for (method, operation) in methods {
            if let Some(operation) = operation {
                let tag = operation.tags.as_ref().and_then(|t| t.first()).cloned().unwrap_or_default();
                by_tag.entry(tag).or_default().push((path.clone(), method, operation));
            }
        }
    }
    let mut page = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Dragnet API reference</title><style>\
         body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}\
         h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:1px solid #ccd;padding-bottom:.3rem}\
         section{border:1px solid #dde;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}\
         code{font:14px ui-monospace,monospace}.method{font-weight:700;display:inline-block;min-width:4rem}\
         .GET{color:#0a5}.POST{color:#05a}.PUT{color:#a60}table{border-collapse:collapse}\
         td,th{border-top:1px solid #eef;padding:.2rem .6rem;text-align:left;vertical-align:top}\
         </style></head><body><h1>Dragnet API reference</h1>",
    );
    if let Some(description) = &document.info.description {
        let _ = write!(page, "<p>{}</p>", escape(description));
    }
    page.push_str("<p>The same description as <a href=\"/api/v1/openapi.json\">OpenAPI 3.1 JSON</a>.</p>");
    let tag_text: BTreeMap<&str, &str> =
        document.tags.iter().flatten().map(|t| (t.name.as_str(), t.description.as_deref().unwrap_or(""))).collect();
    for (tag, operations) in &by_tag {
        let _ = write!(page, "<h2 id=\"{0}\">{0}</h2>", escape(tag));
        if let Some(text) = tag_text.get(tag.as_str()) {
            let _ = write!(page, "<p>{}</p>", escape(text));
        }
        for (path, method, operation) in operations {
            let _ = write!(
                page,
                "<section><div><span class=\"method {method}\">{method}</span> <code>{}</code></div>",
                escape(path)
            );
            if let Some(summary) = &operation.summary {
                let _ = write!(page, "<p><strong>{}</strong></p>", escape(summary));
            }
            if let Some(description) = &operation.description {
                let _ = write!(page, "<p>{}</p>", escape(description));
            }
            if let Some(parameters) = &operation.parameters {
                page.push_str("<table><tr><th>parameter</th><th>in</th><th></th></tr>");
                for parameter in parameters {
                    let RefOr::T(parameter) = parameter else { continue };
                    let place = serde_json::to_value(&parameter.parameter_in).unwrap_or_default();
                    let _ = write!(
                        page,
                        "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                        escape(&parameter.name),
                        escape(place.as_str().unwrap_or("")),
                        escape(parameter.description.as_deref().unwrap_or(""))
                    );
                }
                page.push_str("</table>");
            }
            if let Some(RefOr::T(body)) = &operation.request_body {
                let names: Vec<String> = body
                    .content
                    .values()
                    .filter_map(|c| match c {
                        RefOr::T(content) => schema_name(content.schema.as_ref()),
                        RefOr::Ref(_) => None,
                    })
                    .collect();
                if !names.is_empty() {
                    let _ = write!(page, "<p>Body: <code>{}</code></p>", escape(&names.join(", ")));
                }
            }
            page.push_str("<table><tr><th>answer</th><th></th></tr>");
            for (status, response) in &operation.responses.responses {
                let text = match response {
                    RefOr::T(response) => response.description.clone(),
                    RefOr::Ref(reference) => reference.ref_location.clone(),
                };
                let _ = write!(page, "<tr><td><code>{}</code></td><td>{}</td></tr>", escape(status), escape(&text));
            }
            page.push_str("</table></section>");
        }
    }
    page.push_str("</body></html>");
    page
}

fn schema_name(schema: Option<&RefOr<utoipa::openapi::schema::Schema>>) -> Option<String> {
    match schema? {
        RefOr::Ref(reference) => reference.ref_location.rsplit('/').next().map(str::to_string),
        RefOr::T(_) => Some("JSON".to_string()),
    }
}

/// Text made safe for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
