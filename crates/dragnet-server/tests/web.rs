//! The web pages through the real router and a real SQLite store: signing in and out, CSRF, the
//! reviewer's queue and request page with the check's findings, a decision, escaping, the four
//! languages and their catalogue.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use dragnet_domain::{Actor, Grant, MemberCountry, Role, UserName};
use dragnet_server::web::{Lang, Words, i18n};
use dragnet_server::{AppState, router};
use dragnet_store::sqlite::SqliteStore;
use dragnet_store::{Clock, Store};
use serde_json::{Value, json};
use tower::ServiceExt;

struct Site {
    app: axum::Router,
    store: Arc<dyn Store>,
    _dir: tempfile::TempDir,
}

struct Page {
    status: StatusCode,
    location: String,
    cookies: Vec<String>,
    headers: axum::http::HeaderMap,
    html: String,
}

impl Page {
    /// A cookie the answer sets, as `name=value`.
    fn cookie(&self, name: &str) -> Option<String> {
        self.cookies
            .iter()
            .filter_map(|c| c.split(';').next())
            .find(|c| c.starts_with(&format!("{name}=")))
            .map(str::to_string)
    }

    /// The value of a hidden field.
    fn field(&self, name: &str) -> String {
        let marker = format!("name=\"{name}\" value=\"");
        let start = self.html.find(&marker).unwrap_or_else(|| panic!("no field {name}")) + marker.len();
        self.html[start..].split('"').next().unwrap().to_string()
    }
}

fn case(name: &str) -> Value {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/compliance-dev").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

impl Site {
    async fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let store: Arc<dyn Store> =
            Arc::new(SqliteStore::open(&dir.path().join("dragnet.sqlite3"), Clock::system()).await.unwrap());
        let state = AppState::load(store.clone(), dragnet_review::Policy::built_in()).await.unwrap();
        Site { app: router(state), store, _dir: dir }
    }

    async fn user(&self, name: &str, role: Role, country: Option<&str>, password: &str) -> String {
        let admin = Actor::system("test", None);
        let user = UserName::parse(name).unwrap();
        let grant = Grant::new(role, country.map(|c| MemberCountry::parse(c).unwrap())).unwrap();
        self.store.create_user(&admin, &user, grant).await.unwrap();
        let hash = dragnet_server::web::passwords::hash(password).unwrap();
        self.store.set_password(&admin, &user, &hash).await.unwrap();
        self.store.create_token(&admin, &user, "test", dragnet_store::TOKEN_LIFETIME).await.unwrap()
    }

    async fn send(&self, request: Request<Body>) -> Page {
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let header =
            |name| response.headers().get(name).map(|v: &axum::http::HeaderValue| v.to_str().unwrap().to_string());
        let location = header("location").unwrap_or_default();
        let cookies =
            response.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        Page { status, location, cookies, headers, html: String::from_utf8_lossy(&bytes).into_owned() }
    }

    async fn get(&self, path: &str, cookie: &str) -> Page {
        self.send(Request::get(path).header("cookie", cookie).body(Body::empty()).unwrap()).await
    }

    async fn post_form(&self, path: &str, cookie: &str, fields: &[(&str, &str)]) -> Page {
        let body: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
        let request = Request::post(path)
            .header("cookie", cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body.join("&")))
            .unwrap();
        self.send(request).await
    }

    async fn api(&self, path: &str, token: &str, body: &Value) -> Value {
        let request = Request::post(path)
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        let response = self.app.clone().oneshot(request).await.unwrap();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    /// Signs in through the form; answers the session cookie as `name=value`.
    async fn sign_in(&self, name: &str, password: &str) -> String {
        let form = self.get("/sign-in", "").await;
        let pre = form.cookie("dragnet_sign_in").unwrap();
        let csrf = form.field("csrf");
        let signed = self.post_form("/sign-in", &pre, &[("name", name), ("password", password), ("csrf", &csrf)]).await;
        assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.html);
        signed.cookie("dragnet_session").expect("a session cookie")
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn signing_in_checks_the_password_and_the_form_token() {
    let site = Site::new().await;
    site.user("reviewer.one", Role::Reviewer, None, "correct horse battery").await;
    let form = site.get("/sign-in", "").await;
    assert_eq!(form.status, StatusCode::OK);
    let pre = form.cookie("dragnet_sign_in").unwrap();
    let setting = form.cookies.iter().find(|c| c.starts_with("dragnet_sign_in=")).unwrap();
    assert!(setting.contains("HttpOnly") && setting.contains("SameSite=Strict"), "{setting}");
    // Over HTTPS only, except for a server asked for on this machine.
    let host = |name: &str| Request::get("/sign-in").header("host", name).body(Body::empty()).unwrap();
    let public = site.send(host("dragnet.example.org")).await;
    assert!(public.cookies.iter().all(|c| c.ends_with("; Secure")), "{:?}", public.cookies);
    for local in ["127.0.0.1:8080", "localhost", "[::1]:8080"] {
        let page = site.send(host(local)).await;
        assert!(page.cookies.iter().all(|c| !c.contains("Secure")), "{local}: {:?}", page.cookies);
    }
    let csrf = form.field("csrf");

    let wrong =
        site.post_form("/sign-in", &pre, &[("name", "reviewer.one"), ("password", "wrong"), ("csrf", &csrf)]).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.html.contains("do not match") && wrong.cookie("dragnet_session").is_none(), "{}", wrong.html);
    let nobody = site.post_form("/sign-in", &pre, &[("name", "nobody"), ("password", "x"), ("csrf", &csrf)]).await;
    assert_eq!(nobody.status, StatusCode::UNAUTHORIZED);
    let forged = site
        .post_form("/sign-in", "", &[("name", "reviewer.one"), ("password", "correct horse battery"), ("csrf", &csrf)])
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "a form posted from elsewhere lacks the cookie");

    let session = site.sign_in("reviewer.one", "correct horse battery").await;
    let home = site.get("/", &session).await;
    assert_eq!(
        (home.status, home.location.as_str()),
        (StatusCode::SEE_OTHER, "/review"),
        "a reviewer lands on the queue"
    );
    let queue = site.get("/review", &session).await;
    assert_eq!(queue.status, StatusCode::OK);
    let token = queue.field("csrf");

    // Signing out ends the session in the store: the old cookie opens nothing.
    assert_eq!(site.post_form("/sign-out", &session, &[("csrf", "forged")]).await.status, StatusCode::FORBIDDEN);
    let out = site.post_form("/sign-out", &session, &[("csrf", &token)]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(site.get("/review", &session).await.status, StatusCode::SEE_OTHER);
    let actions: Vec<String> = site.store.audit_records(0, 100).await.unwrap().into_iter().map(|r| r.action).collect();
    assert!(actions.contains(&"session.start".to_string()) && actions.contains(&"session.end".to_string()));
}

#[tokio::test]
async fn a_reviewer_refuses_the_seed_request_from_its_page() {
    let site = Site::new().await;
    let bureau = site.user("ncb.ir", Role::BureauOfficer, Some("IR"), "a bureau password").await;
    site.user("reviewer.one", Role::Reviewer, None, "correct horse battery").await;
    site.user("border.de", Role::Screener, Some("DE"), "a border password").await;
    let created = site.api("/api/v1/requests", &bureau, &case("01-seed-head-of-state-drone-strike.json")).await;
    let id = created["request_id"].as_i64().unwrap();
    site.api(&format!("/api/v1/requests/{id}/submit"), &bureau, &json!({})).await;

    let session = site.sign_in("reviewer.one", "correct horse battery").await;
    let queue = site.get("/review", &session).await;
    assert!(queue.html.contains(&format!("/review/{id}")) && queue.html.contains("badge refuse"), "{}", queue.html);
    let page = site.get(&format!("/review/{id}"), &session).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.html.contains("art3.immunity") && page.html.contains("Constitution art. 3"), "{}", page.html);
    assert!(page.html.contains("<mark>drone strike</mark>"), "the evidence is marked in the summary");
    assert!(page.html.contains("second, different reviewer"), "the four-eyes rule is shown");
    // The findings in the reviewer's language: the report was written in all four when made.
    let french = site.get(&format!("/review/{id}?lang=fr"), &session).await;
    assert!(french.html.contains("Statut, art. 3") && french.html.contains("la personne est un chef d’État"));
    assert!(!french.html.contains("the subject is a head of state"), "{}", french.html);
    assert!(french.html.contains("<mark>drone strike</mark>"), "the evidence is still marked");
    let arabic = site.get(&format!("/review/{id}?lang=ar"), &session).await;
    assert!(arabic.html.contains("القانون الأساسي، المادة 3") && arabic.html.contains("رئيس دولة"));

    let csrf = page.field("csrf");
    let path = format!("/review/{id}/decision");
    let reason = "Art. 3: a military operation ordered by a serving head of state.";
    let forged = site.post_form(&path, &session, &[("csrf", "x"), ("decision", "refuse"), ("reason", reason)]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let blank = site.post_form(&path, &session, &[("csrf", &csrf), ("decision", "refuse"), ("reason", " ")]).await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(blank.html.contains("reason: a decision needs its reason"), "{}", blank.html);
    let refused = site.post_form(&path, &session, &[("csrf", &csrf), ("decision", "refuse"), ("reason", reason)]).await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER, "{}", refused.html);
    let after = site.get(&refused.location, &session).await;
    assert!(after.html.contains("Decision recorded") && after.html.contains("refused"), "{}", after.html);
    assert!(site.get("/review", &session).await.html.contains("Nothing is waiting"));

    // A border officer has no business here.
    let border = site.sign_in("border.de", "a border password").await;
    assert_eq!(site.get(&format!("/review/{id}"), &border).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn names_are_shown_as_text_never_as_markup() {
    let site = Site::new().await;
    let bureau = site.user("ncb.fr", Role::BureauOfficer, Some("FR"), "a bureau password").await;
    site.user("reviewer.one", Role::Reviewer, None, "correct horse battery").await;
    let mut request = case("02-ordinary-murder.json");
    request["subjects"][0]["family_name"] = json!("<script>alert(1)</script>");
    request["offence"]["summary"] = json!("He wrote \"<img src=x onerror=alert(2)>\" & fled on 3 March 2026 in Lyon.");
    let created = site.api("/api/v1/requests", &bureau, &request).await;
    let id = created["request_id"].as_i64().expect("created");
    site.api(&format!("/api/v1/requests/{id}/submit"), &bureau, &json!({})).await;
    let session = site.sign_in("reviewer.one", "correct horse battery").await;
    for path in ["/review".to_string(), format!("/review/{id}")] {
        let page = site.get(&path, &session).await;
        assert!(!page.html.contains("<script>alert(1)</script>"), "{path}: {}", page.html);
        assert!(!page.html.contains("<img src=x"), "{path}");
        assert!(
            page.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || page.html.contains("&#60;script"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn pages_speak_four_languages_and_arabic_reads_right_to_left() {
    let site = Site::new().await;
    site.user("reviewer.one", Role::Reviewer, None, "correct horse battery").await;
    let session = site.sign_in("reviewer.one", "correct horse battery").await;
    for (lang, title) in [
        ("en", "Requests waiting"),
        ("fr", "Demandes en attente"),
        ("es", "Solicitudes pendientes"),
        ("ar", "طلبات بانتظار"),
    ] {
        let page = site.get(&format!("/review?lang={lang}"), &session).await;
        assert!(page.html.contains(&format!("lang=\"{lang}\"")), "{lang}");
        assert!(page.html.contains(title), "{lang}: {}", page.html);
        assert_eq!(page.html.contains("dir=\"rtl\""), lang == "ar");
        assert!(page.cookie("dragnet_lang").is_some_and(|c| c.ends_with(lang)), "the choice is remembered");
    }
    let remembered = site.get("/review", &format!("{session}; dragnet_lang=fr")).await;
    assert!(remembered.html.contains("Demandes en attente"));
    let request = Request::get("/sign-in").header("accept-language", "es-ES,es;q=0.9,en;q=0.5").body(Body::empty());
    assert!(site.send(request.unwrap()).await.html.contains("Iniciar sesión"), "Accept-Language is heard");
}

/// Every key a template or the code asks for is in the catalogue, in all four languages.
#[test]
fn the_catalogue_has_every_key_in_every_language() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut sources = String::new();
    for folder in ["templates", "src/web"] {
        for entry in std::fs::read_dir(dir.join(folder)).unwrap() {
            sources.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
    }
    let mut keys: Vec<String> = [".t(\"", ".fill(\""]
        .iter()
        .flat_map(|call| sources.split(call).skip(1))
        .filter_map(|rest| rest.split('"').next())
        .filter(|key| key.contains('.') && !key.contains(' '))
        .map(str::to_string)
        .collect();
    for role in
        ["bureau_officer", "reviewer", "supervisor", "screener", "auditor", "administrator", "data_protection_officer"]
    {
        keys.push(format!("role.{role}"));
    }
    for key in [
        "rec.refuse",
        "rec.review",
        "rec.clear",
        "rec.incomplete",
        "sign_in.failed",
        "sign_in.expired",
        "sign_in.throttled",
    ] {
        keys.push(key.to_string());
    }
    for state in dragnet_domain::NoticeState::ALL {
        keys.push(format!("state.{}", state.as_str()));
    }
    for kind in dragnet_domain::NoticeKind::ALL {
        keys.push(format!("kind.{}", kind.as_str()));
    }
    for kind in dragnet_store::NOTIFICATION_KINDS {
        keys.push(format!("told.{kind}"));
    }
    for status in ["in_effect", "expired", "revoked", "lapsed"] {
        keys.push(format!("clearances.{status}"));
    }
    for decision in ["publish", "refuse", "request_information"] {
        keys.push(format!("decision.{decision}"));
    }
    for (prefix, values) in [
        (
            "document",
            &["passport", "national_id", "driving_licence", "residence_permit", "travel_document", "other"][..],
        ),
        ("penalty", &["imprisonment", "life", "death", "fine"]),
        ("purpose", &["prosecution", "sentence"]),
        ("form", &["sex_m", "sex_f", "sex_u"]),
    ] {
        keys.extend(values.iter().map(|value| format!("{prefix}.{value}")));
    }
    for name in [
        "name",
        "forename",
        "nationality",
        "sexId",
        "ageMin",
        "ageMax",
        "freeText",
        "kind_red",
        "kind_yellow",
        "kind_un",
    ] {
        keys.push(format!("public.{name}"));
    }
    for fact in [
        "sex",
        "born",
        "place_of_birth",
        "nationalities",
        "height",
        "weight",
        "marks",
        "aliases",
        "disappeared_on",
        "disappeared_at",
    ] {
        keys.push(format!("public.{fact}"));
    }
    for status in dragnet_domain::person::Status::ALL {
        keys.push(format!("status.{}", status.as_str()));
    }
    for how in dragnet_match::score::WAYS_PARTS_AGREE {
        keys.push(format!("how.{how}"));
    }
    for action in dragnet_domain::Action::ALL {
        keys.push(format!("action.{}", action.as_str()));
        // The API says what to do in English as the pages do.
        assert_eq!(Lang::En.t(&format!("action.{}", action.as_str())), action.english());
    }
    for kind in dragnet_domain::NoticeKind::ALL {
        keys.push(format!("kind.{}", kind.as_str()));
    }
    assert!(keys.len() > 30, "{keys:?}");
    // One entry per key: a second would never be shown, the first hiding it.
    let mut all: Vec<&str> = i18n::MESSAGES.iter().map(|(k, _)| *k).collect();
    all.sort();
    let repeated: Vec<&&str> = all.windows(2).filter(|w| w[0] == w[1]).map(|w| &w[0]).collect();
    assert!(repeated.is_empty(), "keys given twice: {repeated:?}");
    for key in &keys {
        let entry =
            i18n::MESSAGES.iter().find(|(k, _)| k == key).unwrap_or_else(|| panic!("{key} is not in the catalogue"));
        assert!(entry.1.iter().all(|words| !words.trim().is_empty()), "{key} lacks a language");
    }
    let placeholders = |text: &str| {
        let mut names: Vec<String> =
            text.split('{').skip(1).filter_map(|rest| rest.split('}').next()).map(str::to_string).collect();
        names.sort();
        names
    };
    for (key, words) in i18n::MESSAGES {
        for text in &words[1..] {
            assert_eq!(placeholders(text), placeholders(words[0]), "{key}: {text}");
        }
    }
    assert_eq!(Lang::Ar.t("nav.sign_out"), "تسجيل الخروج");
}

#[tokio::test]
async fn the_border_page_screens_names_fields_and_keeps_to_its_roles() {
    let site = Site::new().await;
    site.user("border.de", Role::Screener, Some("DE"), "a border password").await;
    site.user("reviewer.one", Role::Reviewer, None, "correct horse battery").await;
    let reviewer = site.sign_in("reviewer.one", "correct horse battery").await;
    assert_eq!(site.get("/screening", &reviewer).await.status, StatusCode::FORBIDDEN, "reviewers do not screen");
    let border = site.sign_in("border.de", "a border password").await;
    let home = site.get("/", &border).await;
    assert_eq!(home.location, "/screening", "a border officer lands on the screening form");
    let form = site.get("/screening", &border).await;
    let csrf = form.field("csrf");
    let bad = site
        .post_form(
            "/screening",
            &border,
            &[("csrf", &csrf), ("name", "Luca Marchetti"), ("date_of_birth", "1988-02-30")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.html.contains("date_of_birth:"), "{}", bad.html);
    assert!(bad.html.contains("value=\"Luca Marchetti\""), "what was typed is kept");
    let odd =
        site.post_form("/screening", &border, &[("csrf", &csrf), ("name", "<b>x</b>"), ("nationality", "ZZ")]).await;
    assert!(odd.html.contains("nationality:") && !odd.html.contains("<b>x</b>"), "{}", odd.html);
    let none = site.post_form("/screening", &border, &[("csrf", &csrf), ("name", "Jane Nobody")]).await;
    assert_eq!(none.status, StatusCode::OK);
    assert!(none.html.contains("No notice matches"));
    let forged = site.post_form("/screening", &border, &[("csrf", "x"), ("name", "Jane Nobody")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let records = site.store.audit_records(0, 100).await.unwrap();
    assert_eq!(records.iter().filter(|r| r.action == "screening.search").count(), 1, "each search is audited");
}

#[tokio::test]
async fn an_auditor_reads_the_trail_narrowed_and_verifies_the_chain() {
    let site = Site::new().await;
    site.user("auditor", Role::Auditor, None, "an auditor password").await;
    site.user("border.de", Role::Screener, Some("DE"), "a border password").await;
    let border = site.sign_in("border.de", "a border password").await;
    assert_eq!(site.get("/audit", &border).await.status, StatusCode::FORBIDDEN);
    let session = site.sign_in("auditor", "an auditor password").await;
    assert_eq!(site.get("/", &session).await.location, "/audit");
    let all = site.get("/audit", &session).await;
    assert_eq!(all.status, StatusCode::OK);
    assert!(all.html.contains("user.create") && all.html.contains("session.start"), "{}", all.html);
    let sessions = site.get("/audit?action=session.&actor=border.de", &session).await;
    assert!(sessions.html.contains("session.start") && !sessions.html.contains("user.create"), "{}", sessions.html);
    assert!(!sessions.html.contains("<code>session.start</code></td>\n  <td dir=\"ltr\">user/auditor"));
    let wildcard = site.get("/audit?action=%25", &session).await;
    assert!(wildcard.html.contains("No record matches"), "a % in the filter is a percent sign, not a wildcard");
    let verified = site.get("/audit?verify=1", &session).await;
    assert!(verified.html.contains("The chain is intact"), "{}", verified.html);
    let records = site.store.audit_records(0, 1000).await.unwrap();
    assert!(records.iter().any(|r| r.action == "audit.search" && r.actor == "auditor"), "reading the trail is audited");
}

#[tokio::test]
async fn a_bureau_sees_its_own_requests_and_the_question_asked() {
    let site = Site::new().await;
    let france = site.user("ncb.fr", Role::BureauOfficer, Some("FR"), "a bureau password").await;
    let iran = site.user("ncb.ir", Role::BureauOfficer, Some("IR"), "another bureau password").await;
    let reviewer = site.user("reviewer.one", Role::Reviewer, None, "correct horse battery").await;
    let ours =
        site.api("/api/v1/requests", &france, &case("02-ordinary-murder.json")).await["request_id"].as_i64().unwrap();
    let theirs = site.api("/api/v1/requests", &iran, &case("01-seed-head-of-state-drone-strike.json")).await;
    let theirs = theirs["request_id"].as_i64().unwrap();
    site.api(&format!("/api/v1/requests/{ours}/submit"), &france, &json!({})).await;
    let question = "Which court issued the <warrant>, and when?";
    let decided = site
        .api(
            &format!("/api/v1/requests/{ours}/decision"),
            &reviewer,
            &json!({"decision": "request_information", "reason": question}),
        )
        .await;
    assert_eq!(decided["outcomes"][0]["state"], "info_requested", "{decided}");

    let session = site.sign_in("ncb.fr", "a bureau password").await;
    assert_eq!(site.get("/", &session).await.location, "/requests");
    let list = site.get("/requests", &session).await;
    assert!(
        list.html.contains(&format!("/requests/{ours}")) && list.html.contains("information requested"),
        "{}",
        list.html
    );
    assert!(!list.html.contains(&format!("/requests/{theirs}\"")), "another country's request is not listed");
    let page = site.get(&format!("/requests/{ours}"), &session).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.html.contains("Which court issued the &#60;warrant&#62;, and when?"), "{}", page.html);
    assert!(!page.html.contains("name=\"decision\""), "a bureau has no decision form");
    assert_eq!(site.get(&format!("/requests/{theirs}"), &session).await.status, StatusCode::NOT_FOUND);
}

/// A multipart form with the CSRF token and one file.
fn multipart(csrf: &str, file: &str) -> (String, String) {
    let boundary = "dragnet-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"list\"; filename=\"flight-AF1234.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n{file}\r\n--{boundary}--\r\n"
    );
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn a_passenger_list_is_screened_with_progress_and_its_hits_downloaded() {
    let site = Site::new().await;
    let france = site.user("ncb.fr", Role::BureauOfficer, Some("FR"), "a bureau password").await;
    let reviewer = site.user("reviewer.one", Role::Reviewer, None, "correct horse battery").await;
    site.user("border.de", Role::Screener, Some("DE"), "a border password").await;
    site.user("border.it", Role::Screener, Some("IT"), "another border password").await;
    let id =
        site.api("/api/v1/requests", &france, &case("02-ordinary-murder.json")).await["request_id"].as_i64().unwrap();
    site.api(&format!("/api/v1/requests/{id}/submit"), &france, &json!({})).await;
    let decision = json!({"decision": "publish", "reason": "ordinary-law crime"});
    let decided = site.api(&format!("/api/v1/requests/{id}/decision"), &reviewer, &decision).await;
    let notice = decided["outcomes"][0]["notice"].as_str().unwrap().to_string();

    let session = site.sign_in("border.de", "a border password").await;
    let csrf = site.get("/screening", &session).await.field("csrf");
    let mut list = String::from("id,name,date_of_birth\n");
    for seat in 0..250 {
        list.push_str(&format!("S{seat},Traveller Number{seat},1970-01-01\n"));
    }
    list.push_str("12A,Luca Marchetti,1988-03-11\n");
    let upload = |file: String, cookie: String, csrf: String| {
        let (content_type, body) = multipart(&csrf, &file);
        Request::post("/screening/list")
            .header("cookie", cookie)
            .header("content-type", content_type)
            .body(Body::from(body))
            .unwrap()
    };
    let started = site.send(upload(list.clone(), session.clone(), csrf.clone())).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.html);
    let job = started.location.split('?').next().unwrap().to_string();
    let mut page = site.get(&started.location, &session).await;
    for _ in 0..100 {
        if !page.html.contains("http-equiv=\"refresh\"") {
            break;
        }
        assert!(page.html.contains("<progress"), "{}", page.html);
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        page = site.get(&started.location, &session).await;
    }
    assert!(page.html.contains("Done.") && page.html.contains(&notice), "{}", page.html);
    assert!(page.html.contains("value=\"251\""), "every traveller screened");
    let csv = site.get(&format!("{job}/hits.csv"), &session).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.html.starts_with("line,id,notice,kind,requested_by,name,"), "{}", csv.html);
    assert!(
        csv.html.contains(&format!("252,\"12A\",\"{notice}\",\"red\",\"FR\",\"MARCHETTI, Luca\"")),
        "the list's hit carries the notice: {}",
        csv.html
    );
    assert!(csv.html.contains("arrest provisionally"), "and what to do: {}", csv.html);
    assert!(csv.html.contains("date of birth 1988-03-11 agrees"), "{}", csv.html);
    let spanish = site.get(&format!("{job}?lang=es"), &session).await;
    assert!(spanish.html.contains("fecha de nacimiento 1988-03-11 coincidente"), "{}", spanish.html);
    assert!(!spanish.html.contains("date of birth") && !spanish.html.contains("name "), "{}", spanish.html);

    // Another officer cannot see it; a list with a bad line is refused whole, the line named.
    let other = site.sign_in("border.it", "another border password").await;
    assert_eq!(site.get(&job, &other).await.status, StatusCode::NOT_FOUND);
    let bad =
        site.send(upload("id,name,date_of_birth\n1,A B,1990-02-30\n".into(), session.clone(), csrf.clone())).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.html.contains("line 2") && bad.html.contains("date_of_birth"), "{}", bad.html);
    let forged = site.send(upload(list, session.clone(), "forged".into())).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let records = site.store.audit_records(0, 1000).await.unwrap();
    let search = records.iter().find(|r| r.action == "screening.search").unwrap();
    assert!(search.details.contains("\"people\":251") && search.details.contains(&notice), "{}", search.details);
}

/// A sign-in form posted from `address`, as `serve` records the peer of each connection.
async fn sign_in_from(site: &Site, address: &str, form: &Page, name: &str, password: &str) -> Page {
    let pre = form.cookie("dragnet_sign_in").unwrap();
    let csrf = form.field("csrf");
    let body = format!("name={}&password={}&csrf={}", encode(name), encode(password), encode(&csrf));
    let mut request = Request::post("/sign-in")
        .header("cookie", pre)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    let peer = std::net::SocketAddr::new(address.parse().unwrap(), 50000);
    request.extensions_mut().insert(axum::extract::ConnectInfo(peer));
    site.send(request).await
}

#[tokio::test]
async fn a_location_given_on_the_page_follows_the_same_rules_as_the_api() {
    let site = Site::new().await;
    let bureau = site.user("ncb.fr", Role::BureauOfficer, Some("FR"), "a bureau password").await;
    let reviewer = site.user("reviewer.one", Role::Reviewer, None, "correct horse battery").await;
    site.user("border.de", Role::Screener, Some("DE"), "a border password").await;
    let created = site.api("/api/v1/requests", &bureau, &case("02-ordinary-murder.json")).await;
    let id = created["request_id"].as_i64().unwrap();
    let notice = created["notices"][0].as_str().unwrap().to_string();
    site.api(&format!("/api/v1/requests/{id}/submit"), &bureau, &json!({})).await;
    let decision = json!({"decision": "publish", "reason": "ordinary-law crime"});
    site.api(&format!("/api/v1/requests/{id}/decision"), &reviewer, &decision).await;
    let session = site.sign_in("border.de", "a border password").await;
    let csrf = site.get("/screening", &session).await.field("csrf");
    let unchecked = site
        .post_form("/screening/located", &session, &[("csrf", &csrf), ("notice", &notice), ("place", "Gate B44")])
        .await;
    assert_eq!(unchecked.status, StatusCode::UNPROCESSABLE_ENTITY, "nothing confirmed before comparing");
    assert!(unchecked.html.contains("compared"), "{}", unchecked.html);
    for place in ["Gate \u{202E}44B", "Gate\u{2028}B44", "Gate\tB44"] {
        let refused = site
            .post_form(
                "/screening/located",
                &session,
                &[("csrf", &csrf), ("notice", &notice), ("place", place), ("compared", "yes")],
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{place:?}: {}", refused.html);
        assert!(refused.html.contains("place"), "{}", refused.html);
    }
    let fine = site
        .post_form(
            "/screening/located",
            &session,
            &[("csrf", &csrf), ("notice", &notice), ("place", "Gate B44"), ("compared", "yes")],
        )
        .await;
    assert_eq!(fine.status, StatusCode::OK, "{}", fine.html);
    let records = site.store.audit_records(0, 1000).await.unwrap();
    assert_eq!(records.iter().filter(|r| r.action == "notice.located").count(), 1, "only the plain place was kept");
}

#[tokio::test]
async fn another_bureau_objects_on_the_notice_page_and_a_reviewer_records_what_is_known() {
    let site = Site::new().await;
    let bureau = site.user("ncb.fr", Role::BureauOfficer, Some("FR"), "a bureau password").await;
    let reviewer = site.user("reviewer.one", Role::Reviewer, None, "correct horse battery").await;
    site.user("ncb.de", Role::BureauOfficer, Some("DE"), "another bureau password").await;
    let mut murder = case("02-ordinary-murder.json");
    murder["public_extract"] = json!(true);
    let created = site.api("/api/v1/requests", &bureau, &murder).await;
    let id = created["request_id"].as_i64().unwrap();
    let notice = created["notices"][0].as_str().unwrap().replace('/', "-");
    site.api(&format!("/api/v1/requests/{id}/submit"), &bureau, &json!({})).await;
    let decision = json!({"decision": "publish", "reason": "ordinary-law crime"});
    site.api(&format!("/api/v1/requests/{id}/decision"), &reviewer, &decision).await;

    // The requester sees no objection form on its own notice; another bureau does, and lodges one.
    let own = site.sign_in("ncb.fr", "a bureau password").await;
    assert!(!site.get(&format!("/notices/{notice}"), &own).await.html.contains("/objection"));
    let other = site.sign_in("ncb.de", "another bureau password").await;
    let page = site.get(&format!("/notices/{notice}"), &other).await;
    assert!(page.html.contains(&format!("/notices/{notice}/objection")), "{}", page.html);
    let csrf = page.field("csrf");
    let path = format!("/notices/{notice}/objection");
    let forged = site.post_form(&path, &other, &[("csrf", "x"), ("summary", "political")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let lodged =
        site.post_form(&path, &other, &[("csrf", &csrf), ("summary", "He is prosecuted for his reporting.")]).await;
    assert_eq!(lodged.status, StatusCode::SEE_OTHER, "{}", lodged.html);
    assert!(site.get(&lodged.location, &other).await.html.contains("Your objection was lodged"));
    let own_csrf = site.get(&format!("/notices/{notice}"), &own).await.field("csrf");
    let refused = site.post_form(&path, &own, &[("csrf", &own_csrf), ("summary", "we object to ourselves")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.html);

    // The reviewer sees it with who lodged it and the notice waiting again, and records a fact.
    let session = site.sign_in("reviewer.one", "correct horse battery").await;
    let review = site.get(&format!("/review/{id}"), &session).await;
    assert!(review.html.contains("What the secretariat knows") && review.html.contains("ncb.de"), "{}", review.html);
    assert!(review.html.contains("Checked again after new knowledge"), "{}", review.html);
    let csrf = review.field("csrf");
    let path = format!("/review/{id}/knowledge");
    let fact = [
        ("csrf", csrf.as_str()),
        ("kind", "fact"),
        ("subject", "0"),
        ("text", "Acquitted of the same facts in Italy in 2025."),
        ("source", ""),
    ];
    let missing = site.post_form(&path, &session, &fact).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.html.contains("source: say where this is known from"), "{}", missing.html);
    let mut fact = fact.to_vec();
    fact[4] = ("source", "judgment of the Tribunale di Milano");
    let recorded = site.post_form(&path, &session, &fact).await;
    assert_eq!(recorded.status, StatusCode::SEE_OTHER, "{}", recorded.html);
    let after = site.get(&recorded.location, &session).await;
    assert!(
        after.html.contains("Acquitted of the same facts") && after.html.contains("Tribunale di Milano"),
        "{}",
        after.html
    );
    let french = site.get(&format!("/review/{id}?lang=fr"), &session).await;
    assert!(french.html.contains("Ce que sait le Secrétariat général"));
}

#[tokio::test]
async fn pages_cannot_be_framed_or_made_to_load_anything_else() {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> =
        Arc::new(SqliteStore::open(&dir.path().join("dragnet.sqlite3"), Clock::system()).await.unwrap());
    let mut state = AppState::load(store.clone(), dragnet_review::Policy::built_in()).await.unwrap();
    state.proxies = Arc::new(dragnet_server::client::TrustedProxies::parse("10.0.0.2").unwrap());
    let site = Site { app: router(state), store, _dir: dir };
    let header = |page: &Page, name: &str| page.headers.get(name).map(|v| v.to_str().unwrap().to_string());
    // The framework's own answers too: a method a path does not take, a form that does not read.
    let refused_method = site.send(Request::delete("/healthz").body(Body::empty()).unwrap()).await;
    assert_eq!(refused_method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(header(&refused_method, "content-security-policy").is_some_and(|p| p.contains("frame-ancestors 'none'")));
    assert_eq!(header(&refused_method, "x-frame-options").as_deref(), Some("DENY"));
    for path in ["/sign-in", "/notices", "/api/v1/openapi.json"] {
        let page = site.get(path, "").await;
        let policy = header(&page, "content-security-policy").unwrap_or_default();
        assert!(policy.contains("frame-ancestors 'none'") && policy.contains("default-src 'none'"), "{path}: {policy}");
        assert_eq!(header(&page, "x-frame-options").as_deref(), Some("DENY"), "{path}");
        assert_eq!(header(&page, "referrer-policy").as_deref(), Some("no-referrer"), "{path}");
        assert_eq!(header(&page, "x-content-type-options").as_deref(), Some("nosniff"), "{path}");
        assert!(header(&page, "strict-transport-security").is_none(), "plain HTTP: {path}");
    }
    // Behind the trusted proxy, over HTTPS: the browser is told to keep to it, and the cookie is
    // Secure even though the proxy asked for a loopback name.
    let proxied = |from: &str| {
        let mut request = Request::get("/sign-in")
            .header("host", "localhost:8080")
            .header("x-forwarded-proto", "https")
            .header("x-forwarded-for", "198.51.100.20")
            .body(Body::empty())
            .unwrap();
        request
            .extensions_mut()
            .insert(axum::extract::ConnectInfo(std::net::SocketAddr::new(from.parse().unwrap(), 4000)));
        request
    };
    let secure = site.send(proxied("10.0.0.2")).await;
    assert_eq!(header(&secure, "strict-transport-security").as_deref(), Some("max-age=31536000"));
    assert!(secure.cookies.iter().all(|c| c.ends_with("; Secure")), "{:?}", secure.cookies);
    // The same headers from anyone else are text a client wrote.
    let forged = site.send(proxied("127.0.0.1")).await;
    assert!(header(&forged, "strict-transport-security").is_none());
}

#[tokio::test]
async fn guessing_is_slowed_where_it_comes_from_and_cannot_lock_the_user_out() {
    let site = Site::new().await;
    site.user("reviewer.one", Role::Reviewer, None, "correct horse battery").await;
    let form = site.get("/sign-in", "").await;
    let attacker = "203.0.113.66";
    // Ten failures for one name from one address, then a wait.
    let mut refused_after = None;
    for guess in 0..20 {
        let wrong = sign_in_from(&site, attacker, &form, "reviewer.one", &format!("guess {guess}")).await;
        if wrong.status == StatusCode::TOO_MANY_REQUESTS {
            refused_after = Some(guess);
            break;
        }
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    }
    assert!(refused_after.is_some_and(|n| (10..=12).contains(&n)), "{refused_after:?}");
    let throttled = sign_in_from(&site, attacker, &form, "reviewer.one", "correct horse battery").await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS, "the guesser's address waits, right password or not");
    assert!(throttled.html.contains("Too many failed attempts") && throttled.cookie("dragnet_session").is_none());
    // The user, elsewhere, is not locked out.
    let user = sign_in_from(&site, "198.51.100.7", &form, "reviewer.one", "correct horse battery").await;
    assert_eq!(user.status, StatusCode::SEE_OTHER, "{}", user.html);
    // Each failure is on the record, with the user it named and where it came from.
    let records = site.store.audit_records(0, 1000).await.unwrap();
    let refused: Vec<_> = records.iter().filter(|r| r.action == "session.refused").collect();
    assert!((10..=12).contains(&refused.len()), "{} failures audited", refused.len());
    assert!(refused.iter().all(|r| r.target == "user/reviewer.one" && r.details.contains(attacker)), "{refused:?}");
}

#[tokio::test]
async fn guessing_many_names_from_one_address_is_as_slow_as_one() {
    let site = Site::new().await;
    let form = site.get("/sign-in", "").await;
    let mut refused_after = None;
    for n in 0..40 {
        let wrong = sign_in_from(&site, "2001:db8:7:7::1", &form, &format!("someone.{n}"), "a guess").await;
        if wrong.status == StatusCode::TOO_MANY_REQUESTS {
            refused_after = Some(n);
            break;
        }
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    }
    assert!(refused_after.is_some_and(|n| (30..=32).contains(&n)), "{refused_after:?}");
    // Another address of the same IPv6 network is the same client.
    let next = sign_in_from(&site, "2001:db8:7:7:abcd::2", &form, "someone.else", "a guess").await;
    assert_eq!(next.status, StatusCode::TOO_MANY_REQUESTS);
    let unknown = site.store.audit_records(0, 1000).await.unwrap();
    assert!(
        unknown.iter().filter(|r| r.action == "session.refused").all(|r| r.target == "user/?"),
        "no name typed is kept"
    );
}

#[tokio::test]
async fn a_sign_in_token_a_client_made_up_is_refused() {
    let site = Site::new().await;
    site.user("reviewer.one", Role::Reviewer, None, "correct horse battery").await;
    for invented in ["a", "dn_0.9999999999.00", "x.y.z"] {
        let forged = site
            .post_form(
                "/sign-in",
                &format!("dragnet_sign_in={invented}"),
                &[("name", "reviewer.one"), ("password", "correct horse battery"), ("csrf", invented)],
            )
            .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN, "{invented}");
        assert!(forged.cookie("dragnet_session").is_none());
    }
}

#[tokio::test]
async fn a_disabled_user_is_out_at_once_by_every_way_in() {
    let site = Site::new().await;
    let admin = site.user("admin.one", Role::Administrator, None, "an admin password").await;
    let token = site.user("border.de", Role::Screener, Some("DE"), "a border password").await;
    let session = site.sign_in("border.de", "a border password").await;
    assert_eq!(site.get("/screening", &session).await.status, StatusCode::OK);
    let get = |token: &str| {
        Request::get("/api/v1/users").header("authorization", format!("Bearer {token}")).body(Body::empty()).unwrap()
    };
    assert_eq!(site.send(get(&token)).await.status, StatusCode::FORBIDDEN, "known, but not an administrator");

    let refused = site.api("/api/v1/users/border.de/disable", &admin, &json!({})).await;
    assert_eq!(refused["field"], "reason", "a reason is needed: {refused}");
    let done = site.api("/api/v1/users/border.de/disable", &admin, &json!({"reason": "left the service"})).await;
    assert_eq!(done["disabled"], true, "{done}");
    assert_eq!(site.get("/screening", &session).await.status, StatusCode::SEE_OTHER, "the session ended");
    assert_eq!(site.send(get(&token)).await.status, StatusCode::UNAUTHORIZED, "the token is revoked");
    let form = site.get("/sign-in", "").await;
    let again = sign_in_from(&site, "198.51.100.7", &form, "border.de", "a border password").await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED, "the password no longer signs in");
    let users = site.send(get(&admin)).await;
    assert!(users.html.contains("\"disabled_at\":\""), "{}", users.html);
    let no_token = site.api("/api/v1/users/border.de/tokens", &admin, &json!({"label": "new"})).await;
    assert_eq!(no_token["status"], 409, "a disabled user gets no token: {no_token}");
    let myself = site.api("/api/v1/users/admin.one/disable", &admin, &json!({"reason": "oops"})).await;
    assert_eq!(myself["status"], 403, "{myself}");

    let enabled = site.api("/api/v1/users/border.de/enable", &admin, &json!({"reason": "came back"})).await;
    assert_eq!(enabled["disabled"], false);
    let back = sign_in_from(&site, "198.51.100.7", &form, "border.de", "a border password").await;
    assert_eq!(back.status, StatusCode::SEE_OTHER, "the password signs in again");
    assert_eq!(site.send(get(&token)).await.status, StatusCode::UNAUTHORIZED, "a revoked token stays revoked");
    let actions: Vec<String> = site.store.audit_records(0, 1000).await.unwrap().into_iter().map(|r| r.action).collect();
    assert!(actions.contains(&"user.disable".into()) && actions.contains(&"user.enable".into()));
}

/// A murder in Lyon committed by two people, as a bureau officer types it into the request form.
fn lyon_murder_form<'a>(csrf: &'a str, action: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("action", action),
        ("kind", "red"),
        ("reference", "LYON-2023-0117"),
        ("subjects[0].family_name", "MARCHETTI"),
        ("subjects[0].forenames", "Luca"),
        ("subjects[0].sex", "M"),
        ("subjects[0].date_of_birth", "1988-03-11"),
        ("subjects[0].nationalities", "it"),
        ("subjects[0].identity_documents[0].kind", "passport"),
        ("subjects[0].identity_documents[0].number", "YA1234567"),
        ("subjects[1].family_name", "RICCI"),
        ("subjects[1].forenames", "Paolo"),
        ("subjects[1].sex", "M"),
        ("subjects[1].date_of_birth", "1990"),
        ("subjects[1].physical.height_cm", "181"),
        ("subjects[2].family_name", ""),
        (
            "offence.summary",
            "On 14 February 2023 at about 23:40 in rue Mercière, Lyon, the subjects stabbed Mr Jean Dufresne \
             three times in the chest after an argument outside a bar, causing his death, and fled to Italy.",
        ),
        ("offence.date", "2023-02-14"),
        ("offence.place", "Lyon"),
        ("offence.country", "FR"),
        ("charges[0].title", "Meurtre (murder)"),
        ("charges[0].law", "Code pénal, art. 221-1"),
        ("charges[0].max_penalty.kind", "imprisonment"),
        ("charges[0].max_penalty.months", "360"),
        ("judicial.purpose", "prosecution"),
        ("judicial.warrant.reference", "23/0117"),
        ("judicial.warrant.issued_on", "2023-03-02"),
        ("judicial.warrant.authority", "Juge d'instruction, Tribunal judiciaire de Lyon"),
        ("judicial.extradition_sought_from", "*"),
        ("public_extract", "true"),
    ]
}

fn set<'a>(form: &mut [(&'a str, &'a str)], name: &str, value: &'a str) {
    form.iter_mut().filter(|(field, _)| *field == name).for_each(|field| field.1 = value);
}

#[tokio::test]
async fn a_bureau_writes_a_request_sees_the_check_then_submits_and_answers_a_question() {
    let site = Site::new().await;
    site.user("ncb.fr", Role::BureauOfficer, Some("FR"), "a bureau password").await;
    let reviewer = site.user("reviewer.one", Role::Reviewer, None, "correct horse battery").await;
    let session = site.sign_in("ncb.fr", "a bureau password").await;
    let blank = site.get("/requests/new", &session).await;
    assert_eq!(blank.status, StatusCode::OK);
    assert!(blank.html.contains("name=\"subjects[0].family_name\"") && blank.html.contains("value=\"FR\" readonly"));
    for kind in dragnet_domain::NoticeKind::ALL {
        assert!(blank.html.contains(&format!("<option value=\"{}\"", kind.as_str())), "{kind} can be asked for");
    }
    let csrf = blank.field("csrf");

    // Another subject's row, what was typed kept.
    let mut form = lyon_murder_form(&csrf, "add_subject");
    let more = site.post_form("/requests/new", &session, &form).await;
    assert!(more.html.contains("name=\"subjects[3].family_name\"") && more.html.contains("value=\"RICCI\""));

    // A date that cannot be: the field is named and marked, nothing stored.
    set(&mut form, "action", "check");
    set(&mut form, "subjects[1].date_of_birth", "1990-02-30");
    let bad = site.post_form("/requests/new", &session, &form).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.html.contains("subjects[1].date_of_birth:"), "{}", bad.html);
    let tag = bad.html.split("<input id=\"subjects[1].date_of_birth\"").nth(1).unwrap().split('>').next().unwrap();
    assert!(tag.contains("value=\"1990-02-30\"") && tag.contains("aria-invalid=\"true\""), "{tag}");

    // The check's findings before anything is sent: the murder is clear for both subjects, in French.
    set(&mut form, "subjects[1].date_of_birth", "1990");
    let checked = site.post_form("/requests/new?lang=fr", &session, &form).await;
    assert_eq!(checked.status, StatusCode::OK, "{}", checked.html);
    assert!(checked.html.contains("Constats de la vérification"), "{}", checked.html);
    assert_eq!(checked.html.matches("badge clear").count(), 2, "{}", checked.html);
    // What a bureau types is shown back as text, never as markup.
    let mut odd = form.clone();
    set(&mut odd, "subjects[0].family_name", "<script>alert(1)</script>");
    let escaped = site.post_form("/requests/new", &session, &odd).await;
    assert!(!escaped.html.contains("<script>alert(1)</script>"), "{}", escaped.html);
    assert!(escaped.html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"), "{}", escaped.html);
    let listed = site.get("/requests", &session).await;
    assert!(listed.html.contains("No request yet."), "nothing is stored by checking");

    // Without its warrant and purpose the request is incomplete: shown, refused, nothing stored.
    let incomplete: Vec<(&str, &str)> = form
        .iter()
        .copied()
        .filter(|(name, _)| !name.starts_with("judicial."))
        .map(|(n, v)| (n, if n == "action" { "submit" } else { v }))
        .collect();
    let refused = site.post_form("/requests/new", &session, &incomplete).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.html.contains("minimum data") && refused.html.contains("judicial is missing"), "{}", refused.html);

    set(&mut form, "action", "submit");
    let sent = site.post_form("/requests/new", &session, &form).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.html);
    assert!(sent.location.contains("sent=1"), "{}", sent.location);
    let id: i64 = sent.location.trim_start_matches("/requests/").split('?').next().unwrap().parse().unwrap();
    let shown = site.get(&sent.location, &session).await;
    assert!(shown.html.contains("Sent for review") && shown.html.matches("in review").count() >= 2, "{}", shown.html);
    let actor = Actor::user(
        &UserName::parse("ncb.fr").unwrap(),
        &Grant::new(Role::BureauOfficer, Some(MemberCountry::parse("FR").unwrap())).unwrap(),
    );
    let record = site.store.read_request(&actor, id).await.unwrap();
    assert_eq!(record.request.subjects.len(), 2, "the blank third subject left out");
    assert_eq!(record.request.subjects[0].nationalities[0].as_str(), "IT");
    assert_eq!(record.request.requested_by.as_str(), "FR");
    assert!(record.request.public_extract, "the requester agreed to a public extract");

    // A reviewer asks; the bureau answers from the form and the request goes back to review.
    let question = json!({"decision": "request_information", "reason": "Which bar? Give the street number."});
    site.api(&format!("/api/v1/requests/{id}/decision"), &reviewer, &question).await;
    let edit = site.get(&format!("/requests/{id}/edit"), &session).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert!(edit.html.contains("Which bar? Give the street number.") && edit.html.contains("value=\"MARCHETTI\""));
    assert!(!edit.html.contains("value=\"add_subject\""), "an answer keeps the subjects");
    let csrf = edit.field("csrf");
    let mut answer = lyon_murder_form(&csrf, "submit");
    answer.retain(|(name, _)| !name.starts_with("subjects[2]"));
    let summary = "On 14 February 2023 at about 23:40 outside the bar at 12 rue Mercière, Lyon, the subjects stabbed \
                   Mr Jean Dufresne three times in the chest, causing his death, and fled to Italy.";
    set(&mut answer, "offence.summary", summary);
    let answered = site.post_form(&format!("/requests/{id}/edit"), &session, &answer).await;
    assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.html);
    let record = site.store.read_request(&actor, id).await.unwrap();
    assert!(record.request.offence.unwrap().summary.unwrap().contains("12 rue Mercière"));
    assert!(record.notices.iter().all(|n| n.state == dragnet_domain::NoticeState::InReview), "{:?}", record.notices);
    assert_eq!(record.request.subjects[0].identity_documents[0].number, "YA1234567", "nothing lost on the way");

    // Once in review, the form sends the bureau back to the request; another country's is not found.
    let closed = site.get(&format!("/requests/{id}/edit"), &session).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    site.user("ncb.de", Role::BureauOfficer, Some("DE"), "another bureau password").await;
    let german = site.sign_in("ncb.de", "another bureau password").await;
    assert_eq!(site.get(&format!("/requests/{id}/edit"), &german).await.status, StatusCode::NOT_FOUND);
    let forged = site.post_form("/requests/new", &session, &lyon_murder_form("forged", "submit")).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_public_reads_public_extracts_only_without_signing_in() {
    let site = Site::new().await;
    let france = site.user("ncb.fr", Role::BureauOfficer, Some("FR"), "a bureau password").await;
    let reviewer = site.user("reviewer.one", Role::Reviewer, None, "correct horse battery").await;
    let publish = |request: Value| {
        let (site, france, reviewer) = (&site, &france, &reviewer);
        async move {
            let created = site.api("/api/v1/requests", france, &request).await;
            let id = created["request_id"].as_i64().unwrap();
            site.api(&format!("/api/v1/requests/{id}/submit"), france, &json!({})).await;
            let decision = json!({"decision": "publish", "reason": "ordinary-law crime"});
            site.api(&format!("/api/v1/requests/{id}/decision"), reviewer, &decision).await;
            created["notices"][0].as_str().unwrap().replace('/', "-")
        }
    };
    let mut murder = case("02-ordinary-murder.json");
    murder["public_extract"] = json!(true);
    let shown = publish(murder.clone()).await;
    let mut odd = murder.clone();
    odd["subjects"][0]["family_name"] = json!("<script>alert(1)</script>");
    let escaped = publish(odd).await;
    let hidden = publish(case("02-ordinary-murder.json")).await;

    let list = site.get("/notices", "").await;
    assert_eq!(list.status, StatusCode::OK, "no one signs in to read the public notices");
    assert!(list.html.contains(&format!("/notices/{shown}")) && list.html.contains(&format!("/notices/{escaped}")));
    assert!(!list.html.contains(&format!("/notices/{hidden}")), "not agreed to: not shown");
    assert!(!list.html.contains("<script>alert(1)</script>") && list.html.contains("&#60;script&#62;"));
    let filtered = site.get("/notices?kind=red&name=Marchetti&forename=Luca&nationality=IT", "").await;
    assert!(filtered.html.contains(&format!("/notices/{shown}")), "{}", filtered.html);
    assert!(!filtered.html.contains(&format!("/notices/{escaped}")), "the name search narrows");
    let bad = site.get("/notices?nationality=ZZ", "").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.html.contains("nationality:"), "{}", bad.html);
    let paged = site.get("/notices?kind=red&page=2&resultPerPage=1", "").await;
    assert!(paged.html.contains("2 / 2") && paged.html.contains("rel=\"prev\""), "{}", paged.html);
    assert!(site.get("/notices?kind=yellow", "").await.html.contains("<strong>0</strong>"));

    let detail = site.get(&format!("/notices/{shown}?lang=fr"), "").await;
    assert_eq!(detail.status, StatusCode::OK);
    assert!(detail.html.contains("MARCHETTI, Luca") && detail.html.contains("Meurtre (murder)"), "{}", detail.html);
    assert!(detail.html.contains("Recherchée par"), "in French");
    assert!(!detail.html.contains("YA1234567"), "no passport number on a public page");
    assert_eq!(site.get(&format!("/notices/{hidden}"), "").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_border_hit_shows_the_notice_and_what_to_do_and_a_cleared_traveller_stays_cleared() {
    let site = Site::new().await;
    let bureau = site.user("ncb.fr", Role::BureauOfficer, Some("FR"), "a bureau password").await;
    let reviewer = site.user("reviewer.one", Role::Reviewer, None, "correct horse battery").await;
    site.user("border.de", Role::Screener, Some("DE"), "a border password").await;
    let created = site.api("/api/v1/requests", &bureau, &case("02-ordinary-murder.json")).await;
    let id = created["request_id"].as_i64().unwrap();
    let notice = created["notices"][0].as_str().unwrap().to_string();
    site.api(&format!("/api/v1/requests/{id}/submit"), &bureau, &json!({})).await;
    let decision = json!({"decision": "publish", "reason": "ordinary-law crime"});
    site.api(&format!("/api/v1/requests/{id}/decision"), &reviewer, &decision).await;
    let path = notice.replace('/', "-");
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="3" height="4"><rect width="3" height="4"/></svg>"#;
    let added = Request::post(format!("/api/v1/notices/{path}/pictures"))
        .header("authorization", format!("Bearer {bureau}"))
        .header("content-type", "image/svg+xml")
        .body(Body::from(svg))
        .unwrap();
    assert_eq!(site.send(added).await.status, StatusCode::CREATED);

    let session = site.sign_in("border.de", "a border password").await;
    let csrf = site.get("/screening", &session).await.field("csrf");
    let traveller = [
        ("csrf", csrf.as_str()),
        ("name", "Luca Marchetti"),
        ("date_of_birth", "1988-03-12"),
        ("nationality", "IT"),
        ("document", "YB7654321"),
    ];
    let page = site.post_form("/screening", &session, &traveller).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    for shown in [
        "MARCHETTI, Luca",
        "class=\"kind red\"",
        "red notice",
        "Meurtre (murder)",
        "wanted for prosecution",
        "arrest provisionally where national law allows",
        &format!("/screening/pictures/{path}/1"),
        // The evidence against: the notice's date of birth, which is not the traveller's.
        "date of birth 1988-03-11 differs from 1988-03-12",
        // The confirmation shows what is confirmed: the traveller beside the notice.
        "name=\"compared\"",
        "YA1234567",
    ] {
        assert!(page.html.contains(shown), "{shown}: {}", page.html);
    }
    let picture = site.get(&format!("/screening/pictures/{path}/1"), &session).await;
    assert_eq!(picture.status, StatusCode::OK);
    assert_eq!(picture.headers["content-type"], "image/svg+xml");
    let arabic = site.post_form("/screening?lang=ar", &session, &traveller).await;
    assert!(arabic.html.contains("نشرة حمراء") && arabic.html.contains("يُوقَف مؤقتاً"), "{}", arabic.html);

    // Not this person: recorded against the notice as seen, then shown as cleared, with who.
    let seen = page.field("seen");
    let clear = |reason: &'static str, seen: String| {
        vec![
            ("csrf", csrf.clone()),
            ("notice", notice.clone()),
            ("seen", seen),
            ("traveller_document", "YB7654321".to_string()),
            ("traveller_date_of_birth", "1988-03-12".to_string()),
            ("reason", reason.to_string()),
        ]
    };
    let post = |owned: Vec<(&'static str, String)>| {
        let site = &site;
        let session = session.clone();
        async move {
            let borrowed: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
            site.post_form("/screening/clear", &session, &borrowed).await
        }
    };
    let no_reason = post(clear("", seen.clone())).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.html.contains("reason"), "{}", no_reason.html);
    let stale = post(clear("another man", "2026-01-01T00:00:00Z".into())).await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.html);
    let cleared = post(clear("another man: the photo and his height differ", seen)).await;
    assert_eq!(cleared.status, StatusCode::OK, "{}", cleared.html);
    assert!(cleared.html.contains("Recorded: the traveller is not the subject of notice"), "{}", cleared.html);
    let again = site.post_form("/screening", &session, &traveller).await;
    assert!(again.html.contains("Cleared, not this person:") && again.html.contains("border.de"), "{}", again.html);
    assert!(again.html.contains("the photo and his height differ"), "{}", again.html);

    // The secretariat sees it and revokes it; the hit is raised again.
    let secretariat = site.sign_in("reviewer.one", "correct horse battery").await;
    assert_eq!(site.get("/clearances", &session).await.status, StatusCode::FORBIDDEN);
    let list = site.get("/clearances?lang=fr", &secretariat).await;
    assert!(list.html.contains("YB7654321") && list.html.contains("En vigueur"), "{}", list.html);
    let reviewer_csrf = list.field("csrf");
    let revoked = site
        .post_form(
            "/clearances/1/revoke",
            &secretariat,
            &[("csrf", &reviewer_csrf), ("reason", "the fingerprints were not taken")],
        )
        .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER, "{}", revoked.html);
    let twice =
        site.post_form("/clearances/1/revoke", &secretariat, &[("csrf", &reviewer_csrf), ("reason", "again")]).await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        twice.html.contains("revoked already") && twice.html.contains("YB7654321"),
        "said on the list: {}",
        twice.html
    );
    assert!(site.get("/clearances", &secretariat).await.html.contains("Revoked"));
    let raised = site.post_form("/screening", &session, &traveller).await;
    assert!(!raised.html.contains("Cleared, not this person:"), "{}", raised.html);
    // A traveller on the notice's own passport: the same document is decisive, nothing to clear.
    let own = [
        ("csrf", csrf.as_str()),
        ("name", "Luca Marchetti"),
        ("date_of_birth", "1988-03-11"),
        ("document", "YA1234567"),
    ];
    let decisive = site.post_form("/screening", &session, &own).await;
    assert!(decisive.html.contains("the same document is decisive"), "{}", decisive.html);
    assert!(!decisive.html.contains("action=\"/screening/clear"), "no form to clear it: {}", decisive.html);
    let records = site.store.audit_records(0, 1000).await.unwrap();
    assert_eq!(records.iter().filter(|r| r.action == "clearance.record").count(), 1);
    assert_eq!(records.iter().filter(|r| r.action == "clearance.revoke").count(), 1);

    // The requesting bureau sees until when its notice is in force, on its list and on the request.
    let france = site.sign_in("ncb.fr", "a bureau password").await;
    let list = site.get("/requests?lang=es", &france).await;
    assert!(list.html.contains("Vigente hasta"), "{}", list.html);
    assert!(list.html.contains("Lo que se le notificó") && list.html.contains("Publicada"), "told: {}", list.html);
    let request = site.get(&format!("/requests/{id}"), &france).await;
    assert!(request.html.contains("In force until"), "{}", request.html);
}

#[tokio::test]
async fn a_first_vote_is_seen_by_the_second_reviewer_and_decisions_are_per_subject() {
    let site = Site::new().await;
    let iran = site.user("ncb.ir", Role::BureauOfficer, Some("IR"), "a bureau password").await;
    site.user("reviewer.one", Role::Reviewer, None, "correct horse battery").await;
    site.user("reviewer.two", Role::Reviewer, None, "another horse battery").await;
    let created = site.api("/api/v1/requests", &iran, &case("01-seed-head-of-state-drone-strike.json")).await;
    let id = created["request_id"].as_i64().unwrap();
    let notices: Vec<String> =
        created["notices"].as_array().unwrap().iter().map(|n| n.as_str().unwrap().to_string()).collect();
    site.api(&format!("/api/v1/requests/{id}/submit"), &iran, &json!({})).await;

    let first = site.sign_in("reviewer.one", "correct horse battery").await;
    let page = site.get(&format!("/review/{id}"), &first).await;
    // Every fact the decision rests on, and each subject in a row of its own with its findings folded.
    for fact in
        ["Maximum penalty", "Murder: death", "wanted for prosecution", "Extradition sought from", "every country"]
    {
        assert!(page.html.contains(fact), "{fact}: {}", page.html);
    }
    assert_eq!(page.html.matches("<tr id=\"subject-").count(), notices.len());
    assert!(page.html.contains("<details"), "findings folded");
    let csrf = page.field("csrf");
    let none_chosen = site
        .post_form(
            &format!("/review/{id}/decision"),
            &first,
            &[("csrf", &csrf), ("limited", "1"), ("decision", "publish"), ("reason", "the finding is wrong")],
        )
        .await;
    assert_eq!(none_chosen.status, StatusCode::UNPROCESSABLE_ENTITY);
    let voted = site
        .post_form(
            &format!("/review/{id}/decision"),
            &first,
            &[
                ("csrf", &csrf),
                ("limited", "1"),
                ("notice", &notices[0]),
                ("decision", "publish"),
                ("reason", "the finding is wrong"),
            ],
        )
        .await;
    assert_eq!(voted.status, StatusCode::SEE_OTHER, "{}", voted.html);
    let after = site.get(&voted.location, &first).await;
    assert!(after.html.contains("a second, different reviewer concurs"), "the vote is said to wait: {}", after.html);
    assert!(after.html.contains("You voted to publish"), "{}", after.html);

    // The second reviewer sees the pending vote in the queue and on the request.
    let second = site.sign_in("reviewer.two", "another horse battery").await;
    let queue = site.get("/review", &second).await;
    assert!(
        queue.html.contains("waiting for a second reviewer") && queue.html.contains("reviewer.one"),
        "{}",
        queue.html
    );
    let seen = site.get(&format!("/review/{id}?lang=fr"), &second).await;
    assert!(seen.html.contains("Vote de publication par") && seen.html.contains("reviewer.one"), "{}", seen.html);
    let csrf = seen.field("csrf");
    let refused = site
        .post_form(
            &format!("/review/{id}/decision"),
            &second,
            &[
                ("csrf", &csrf),
                ("limited", "1"),
                ("notice", &notices[0]),
                ("notice", &notices[1]),
                ("decision", "refuse"),
                ("reason", "a military operation: art. 3"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER, "{}", refused.html);
    let record = site.store.read_request(&Actor::system("test", None), id).await.unwrap();
    let states: Vec<&str> = record.notices.iter().map(|n| n.state.as_str()).collect();
    assert_eq!(&states[..3], ["refused", "refused", "in_review"], "only the subjects chosen were decided");
    let decided = site.get(&format!("/review/{id}"), &second).await;
    assert!(decided.html.contains("by <bdi>reviewer.one</bdi>") && decided.html.contains("by <bdi>reviewer.two</bdi>"));

    // The requesting bureau reads what was decided and why, not which reviewer voted how.
    let bureau = site.sign_in("ncb.ir", "a bureau password").await;
    let theirs = site.get(&format!("/requests/{id}"), &bureau).await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert!(theirs.html.contains("General Secretariat"), "{}", theirs.html);
    assert!(!theirs.html.contains("reviewer.one") && !theirs.html.contains("reviewer.two"), "{}", theirs.html);
}

/// A multipart form with the CSRF token, a notice and one picture file.
fn picture_form(csrf: &str, notice: &str, content_type: &str, bytes: &str) -> (String, String) {
    let boundary = "dragnet-picture-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"notice\"\r\n\r\n{notice}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"picture\"; filename=\"face\"\r\n\
         Content-Type: {content_type}\r\n\r\n{bytes}\r\n--{boundary}--\r\n"
    );
    (format!("multipart/form-data; boundary={boundary}"), body)
}

impl Site {
    /// Posts one picture for `notice` through request `id`'s page form, as `cookie`'s session.
    async fn post_picture(&self, id: i64, cookie: &str, csrf: &str, notice: &str, kind: &str, bytes: &str) -> Page {
        let (content_type, body) = picture_form(csrf, notice, kind, bytes);
        let request = Request::post(format!("/requests/{id}/pictures"))
            .header("cookie", cookie)
            .header("content-type", content_type)
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }
}

#[tokio::test]
async fn a_bureau_and_a_reviewer_act_on_notices_from_the_request_page() {
    let site = Site::new().await;
    let france = site.user("ncb.fr", Role::BureauOfficer, Some("FR"), "a bureau password").await;
    let reviewer = site.user("reviewer.one", Role::Reviewer, None, "correct horse battery").await;
    let iran = site.user("ncb.ir", Role::BureauOfficer, Some("IR"), "another bureau password").await;
    let created = site.api("/api/v1/requests", &france, &case("02-ordinary-murder.json")).await;
    let id = created["request_id"].as_i64().unwrap();
    let notice = created["notices"][0].as_str().unwrap().to_string();
    let other = site.api("/api/v1/requests", &iran, &case("01-seed-head-of-state-drone-strike.json")).await;
    let foreign = other["notices"][0].as_str().unwrap().to_string();
    let state = |site: &Site, notice: String| {
        let store = site.store.clone();
        async move {
            let id = dragnet_domain::NoticeId::parse(&notice).unwrap();
            store.read_notice(&Actor::system("test", None), id).await.unwrap().notice.state.as_str().to_string()
        }
    };

    // A draft: it can be withdrawn and given a picture, not cancelled.
    let session = site.sign_in("ncb.fr", "a bureau password").await;
    let page = site.get(&format!("/requests/{id}"), &session).await;
    assert!(page.html.contains("Withdraw the request") && page.html.contains("Add the picture"), "{}", page.html);
    assert!(!page.html.contains("value=\"cancel\""), "a draft is not cancelled: {}", page.html);
    let csrf = page.field("csrf");
    let lying = site
        .post_picture(id, &session, &csrf, &notice, "image/png", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        .await;
    assert_eq!(lying.status, StatusCode::UNPROCESSABLE_ENTITY, "bytes that are not the type named: {}", lying.html);
    assert!(lying.html.contains("picture: the bytes are not a image/png picture"), "{}", lying.html);
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="3" height="4"><rect width="3" height="4"/></svg>"#;
    let added = site.post_picture(id, &session, &csrf, &notice, "image/svg+xml", svg).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.html);
    assert!(site.get(&added.location, &session).await.html.contains("The picture is added."));
    let elsewhere = site.post_picture(id, &session, &csrf, &foreign, "image/svg+xml", svg).await;
    assert_eq!(elsewhere.status, StatusCode::UNPROCESSABLE_ENTITY, "another request's notice: {}", elsewhere.html);
    let foreign_id = dragnet_domain::NoticeId::parse(&foreign).unwrap();
    for picture in 1..=3 {
        assert!(site.store.picture(foreign_id, picture).await.unwrap().is_none(), "nothing reached Iran's notice");
    }

    // Published, it can be renewed or cancelled, each with its reason; a move it may not make is named.
    site.api(&format!("/api/v1/requests/{id}/submit"), &france, &json!({})).await;
    site.api(
        &format!("/api/v1/requests/{id}/decision"),
        &reviewer,
        &json!({"decision": "publish", "reason": "ordinary"}),
    )
    .await;
    let page = site.get(&format!("/requests/{id}?lang=fr"), &session).await;
    assert!(page.html.contains("Renouveler pour cinq ans") && page.html.contains("value=\"cancel\""), "{}", page.html);
    assert!(!page.html.contains("Retirer la demande"), "nothing left to withdraw: {}", page.html);
    let csrf = page.field("csrf");
    let path = format!("/requests/{id}/move");
    let suspend = [("csrf", csrf.as_str()), ("notice", notice.as_str()), ("event", "suspend"), ("reason", "why not")];
    let refused = site.post_form(&path, &session, &suspend).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.html.contains("event: one of renew, cancel"), "{}", refused.html);
    let reasonless =
        site.post_form(&path, &session, &[("csrf", &csrf), ("notice", &notice), ("event", "cancel")]).await;
    assert_eq!(reasonless.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reasonless.html.contains("reason: each change of a notice needs its reason"), "{}", reasonless.html);
    assert_eq!(state(&site, notice.clone()).await, "published");
    let forged = [("csrf", "forged"), ("notice", notice.as_str()), ("event", "cancel"), ("reason", "arrested")];
    assert_eq!(site.post_form(&path, &session, &forged).await.status, StatusCode::FORBIDDEN);
    assert_eq!(state(&site, notice.clone()).await, "published");

    // A reviewer suspends it from the secretariat's page; the bureau may then only cancel it.
    let second = site.sign_in("reviewer.one", "correct horse battery").await;
    let review = site.get(&format!("/review/{id}"), &second).await;
    assert!(review.html.contains("value=\"suspend\""), "{}", review.html);
    let rcsrf = review.field("csrf");
    let suspend = [("csrf", rcsrf.as_str()), ("notice", notice.as_str()), ("event", "suspend"), ("reason", "checking")];
    let suspended = site.post_form(&format!("/review/{id}/move"), &second, &suspend).await;
    assert_eq!(suspended.status, StatusCode::SEE_OTHER, "{}", suspended.html);
    assert_eq!(state(&site, notice.clone()).await, "suspended");
    let page = site.get(&format!("/requests/{id}"), &session).await;
    assert!(!page.html.contains("value=\"renew\"") && page.html.contains("value=\"cancel\""), "{}", page.html);
    let cancel = [("csrf", csrf.as_str()), ("notice", notice.as_str()), ("event", "cancel"), ("reason", "arrested")];
    let cancelled = site.post_form(&path, &session, &cancel).await;
    assert_eq!(cancelled.status, StatusCode::SEE_OTHER, "{}", cancelled.html);
    assert!(site.get(&cancelled.location, &session).await.html.contains("the notice is changed"));
    assert_eq!(state(&site, notice.clone()).await, "cancelled");
    let again = site.post_form(&path, &session, &cancel).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "a cancelled notice stays cancelled: {}", again.html);
    let late = site.post_picture(id, &session, &csrf, &notice, "image/svg+xml", svg).await;
    assert_eq!(late.status, StatusCode::CONFLICT, "a cancelled notice takes no picture: {}", late.html);
    assert!(late.html.contains("it takes no more pictures"), "{}", late.html);

    // Iran's bureau cannot act through France's request, nor see it.
    let theirs = site.sign_in("ncb.ir", "another bureau password").await;
    let icsrf = site.get("/requests", &theirs).await.field("csrf");
    let reason = [("csrf", icsrf.as_str()), ("reason", "taken back")];
    assert_eq!(
        site.post_form(&format!("/requests/{id}/withdraw"), &theirs, &reason).await.status,
        StatusCode::NOT_FOUND
    );
    let mine = other["request_id"].as_i64().unwrap();
    let withdrawn = site.post_form(&format!("/requests/{mine}/withdraw"), &theirs, &reason).await;
    assert_eq!(withdrawn.status, StatusCode::SEE_OTHER, "{}", withdrawn.html);
    assert_eq!(state(&site, foreign).await, "withdrawn");
}

#[tokio::test]
async fn the_secretariat_searches_on_its_page_and_downloads_the_search_the_queue_and_the_trail() {
    let site = Site::new().await;
    let france = site.user("ncb.fr", Role::BureauOfficer, Some("FR"), "a bureau password").await;
    let iran = site.user("ncb.ir", Role::BureauOfficer, Some("IR"), "another bureau password").await;
    let reviewer = site.user("reviewer.one", Role::Reviewer, None, "correct horse battery").await;
    site.user("auditor", Role::Auditor, None, "an auditor password").await;
    let murder = site.api("/api/v1/requests", &france, &case("02-ordinary-murder.json")).await;
    let id = murder["request_id"].as_i64().unwrap();
    site.api(&format!("/api/v1/requests/{id}/submit"), &france, &json!({})).await;
    site.api(
        &format!("/api/v1/requests/{id}/decision"),
        &reviewer,
        &json!({"decision": "publish", "reason": "ordinary"}),
    )
    .await;
    let seed = site.api("/api/v1/requests", &iran, &case("01-seed-head-of-state-drone-strike.json")).await;
    let seed_id = seed["request_id"].as_i64().unwrap();
    site.api(&format!("/api/v1/requests/{seed_id}/submit"), &iran, &json!({})).await;

    let session = site.sign_in("reviewer.one", "correct horse battery").await;
    let blank = site.get("/search", &session).await;
    assert_eq!(blank.status, StatusCode::OK);
    assert!(
        blank.html.contains("name=\"created_from\"") && !blank.html.contains("No notice matches"),
        "{}",
        blank.html
    );
    let found = site.get("/search?lang=es&name=Luka+Marketti&state=&kind=&requested_by=", &session).await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.html);
    assert!(found.html.contains("<bdi>MARCHETTI, Luca</bdi>"), "{}", found.html);
    assert!(found.html.contains(&format!("/review/{id}?lang=es")), "{}", found.html);
    assert!(found.html.contains("El nombre se comparó con 6 notificaciones."), "{}", found.html);
    let bad = site.get("/search?created_from=2026-13-01", &session).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.html.contains("created_from"), "{}", bad.html);
    let iran_only = site.get("/search?requested_by=IR&limit=2", &session).await;
    assert_eq!(iran_only.html.matches("<tr>").count(), 3, "a header and two rows: {}", iran_only.html);
    assert!(iran_only.html.contains("page="), "a next page: {}", iran_only.html);
    assert!(!iran_only.html.contains("MARCHETTI"));

    let csv = site.get("/search.csv?requested_by=IR", &session).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    assert!(csv.headers["content-disposition"].to_str().unwrap().contains("dragnet-search.csv"));
    let lines: Vec<&str> = csv.html.lines().collect();
    assert_eq!(lines.len(), 6, "a header and every page of the search: {}", csv.html);
    assert!(lines[0].starts_with("\"notice\",\"request\""), "{}", lines[0]);
    assert!(csv.html.contains("\"TRUMP, Donald John\""), "{}", csv.html);
    let queue = site.get("/review/queue.csv", &session).await;
    assert_eq!(queue.status, StatusCode::OK);
    assert_eq!(queue.html.lines().count(), 6, "one line per notice waiting: {}", queue.html);
    assert!(queue.html.contains("\"refuse\""), "{}", queue.html);

    // The trail, narrowed as the page narrows it, holds the searches just made; the auditor's alone.
    assert_eq!(site.get("/audit.csv", &session).await.status, StatusCode::FORBIDDEN);
    let auditor = site.sign_in("auditor", "an auditor password").await;
    let trail = site.get("/audit.csv?action=notice.search&actor=reviewer.one", &auditor).await;
    assert_eq!(trail.status, StatusCode::OK, "{}", trail.html);
    let rows: Vec<&str> = trail.html.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "the page's search with a name, by requester, and the CSV's: {}", trail.html);
    assert!(rows.iter().all(|r| r.contains("\"notice.search\"") && r.contains("\"reviewer.one\"")), "{}", trail.html);
    let page = site.get("/audit?action=notice.search", &auditor).await;
    assert!(page.html.contains("/audit.csv?action=notice.search"), "{}", page.html);
}

#[tokio::test]
async fn an_administrator_manages_users_tokens_and_the_register_on_the_pages() {
    let site = Site::new().await;
    site.user("admin.one", Role::Administrator, None, "an admin password").await;
    site.user("reviewer.one", Role::Reviewer, None, "correct horse battery").await;
    let reviewer = site.sign_in("reviewer.one", "correct horse battery").await;
    assert_eq!(site.get("/admin", &reviewer).await.status, StatusCode::FORBIDDEN);
    let session = site.sign_in("admin.one", "an admin password").await;
    assert_eq!(site.get("/", &session).await.location, "/admin");
    let page = site.get("/admin?lang=fr", &session).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.html.contains("Registre des titulaires de fonctions") && page.html.contains("reviewer.one"));
    let csrf = page.field("csrf");

    // The International Criminal Court's bureau officer: created with a password, shown a token once.
    let icc = [
        ("csrf", csrf.as_str()),
        ("name", "ncb.icc"),
        ("role", "bureau_officer"),
        ("acts_for", "icc"),
        ("password", "a court password"),
    ];
    let created = site.post_form("/admin/users", &session, &icc).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.html);
    let marker = "<code class=\"token\" dir=\"ltr\">";
    let start = created.html.find(marker).expect("the token, shown once") + marker.len();
    let token = created.html[start..].split('<').next().unwrap().to_string();
    let filed = site.api("/api/v1/requests", &token, &case("16-international-court-head-of-state.json")).await;
    assert!(filed["request_id"].as_i64().is_some(), "the ICC files its own request: {filed}");
    let court = site.sign_in("ncb.icc", "a court password").await;
    assert_eq!(site.get("/requests", &court).await.status, StatusCode::OK);
    assert!(!site.get("/admin", &session).await.html.contains(&token), "the token is not shown again");

    // What cannot be is refused, named, and nothing is created.
    for (fields, named) in [
        (
            vec![("name", "border.icc"), ("role", "screener"), ("acts_for", "ICC")],
            "acts_for: a screener works at a member country",
        ),
        (vec![("name", "ncb.xx"), ("role", "bureau_officer"), ("acts_for", "XX")], "acts_for:"),
        (vec![("name", "Bad Name"), ("role", "reviewer")], "name:"),
        (vec![("name", "weak.pw"), ("role", "reviewer"), ("password", "short")], "password:"),
        (vec![("name", "ncb.icc"), ("role", "bureau_officer"), ("acts_for", "ICC")], "ncb.icc"),
    ] {
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend(fields);
        let refused = site.post_form("/admin/users", &session, &form).await;
        assert!(refused.status.is_client_error(), "{named}: {}", refused.status);
        assert!(
            refused.html.contains("class=\"problem\"") && refused.html.contains(named),
            "{named}: {}",
            refused.html
        );
    }
    let users = site.store.users().await.unwrap();
    assert_eq!(users.len(), 3, "{users:?}");
    let forged = [("csrf", "forged"), ("name", "ncb.forged"), ("role", "reviewer")];
    let forged = site.post_form("/admin/users", &session, &forged).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(forged.html.contains("not sent from this session"), "says why: {}", forged.html);

    // Disabled, the officer is out by session and token; let in again, in.
    let reasonless = site.post_form("/admin/users/ncb.icc/disable", &session, &[("csrf", &csrf)]).await;
    assert!(reasonless.html.contains("reason:"), "{}", reasonless.html);
    let disable = [("csrf", csrf.as_str()), ("reason", "left the court")];
    assert_eq!(site.post_form("/admin/users/ncb.icc/disable", &session, &disable).await.status, StatusCode::SEE_OTHER);
    assert_ne!(site.get("/requests", &court).await.status, StatusCode::OK);
    let again = site.api("/api/v1/requests", &token, &case("16-international-court-head-of-state.json")).await;
    assert_eq!(again["status"], 401, "{again}");
    let enable = [("csrf", csrf.as_str()), ("reason", "back")];
    assert_eq!(site.post_form("/admin/users/ncb.icc/enable", &session, &enable).await.status, StatusCode::SEE_OTHER);
    site.sign_in("ncb.icc", "a court password").await;

    // A labelled token, then revoked.
    let labelled = site
        .post_form("/admin/users/ncb.icc/token", &session, &[("csrf", &csrf), ("label", "case system"), ("days", "30")])
        .await;
    assert_eq!(labelled.status, StatusCode::OK, "{}", labelled.html);
    let start = labelled.html.find(marker).unwrap() + marker.len();
    let second = labelled.html[start..].split('<').next().unwrap().to_string();
    let bad_days =
        site.post_form("/admin/users/ncb.icc/token", &session, &[("csrf", &csrf), ("label", "x"), ("days", "0")]).await;
    assert!(bad_days.html.contains("days:"), "{}", bad_days.html);
    let revoke = [("csrf", csrf.as_str()), ("label", "case system")];
    assert_eq!(site.post_form("/admin/users/ncb.icc/revoke", &session, &revoke).await.status, StatusCode::SEE_OTHER);
    assert_eq!(site.api("/api/v1/requests", &second, &json!({})).await["status"], 401);

    // An office holder added from the form's fields and removed with why.
    let holder = [
        ("csrf", csrf.as_str()),
        ("names", "Ilse|VANTERPOOL"),
        ("status", "head_of_state"),
        ("office", "President"),
        ("country", "NL"),
        ("date_of_birth", "1961-02-03"),
        ("since", "2025-05-01"),
    ];
    let added = site.post_form("/admin/register", &session, &holder).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.html);
    let entries = site.store.office_holders().await.unwrap();
    let entry = entries.iter().find(|e| e.line.contains("VANTERPOOL")).expect("kept");
    assert_eq!(entry.line, "Ilse|VANTERPOOL\thead_of_state\tPresident\tNL\t1961-02-03\t2025-05-01");
    let mut tabbed = holder;
    tabbed[3] = ("office", "President\tof");
    assert!(site.post_form("/admin/register", &session, &tabbed).await.html.contains("office: a line of 1 to 200"));
    // The dates may be left blank, as the form shows them.
    let undated = [
        ("csrf", csrf.as_str()),
        ("names", "Piet|DEKKER"),
        ("status", "minister"),
        ("office", "Minister of Justice"),
        ("country", "NL"),
        ("date_of_birth", ""),
        ("since", ""),
    ];
    let kept = site.post_form("/admin/register", &session, &undated).await;
    assert_eq!(kept.status, StatusCode::SEE_OTHER, "{}", kept.html);
    let broken = [
        ("csrf", csrf.as_str()),
        ("names", "no family"),
        ("status", "head_of_state"),
        ("office", "x"),
        ("country", "NL"),
    ];
    assert!(site.post_form("/admin/register", &session, &broken).await.status.is_client_error());
    let remove = [("csrf", csrf.as_str()), ("reason", "left office")];
    let removed = site.post_form(&format!("/admin/register/{}/remove", entry.id), &session, &remove).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.html);
    assert!(!site.store.office_holders().await.unwrap().iter().any(|e| e.line.contains("VANTERPOOL")));
    let actions: Vec<String> = site.store.audit_records(0, 1000).await.unwrap().into_iter().map(|r| r.action).collect();
    for action in ["user.create", "user.password", "user.disable", "user.enable", "token.create", "token.revoke"] {
        assert!(actions.iter().any(|a| a == action), "{action}: {actions:?}");
    }
}
