//! The OpenAPI document: a snapshot that shows every change to it, a validator's verdict, every
//! path it names served by the router, and each body example it gives accepted by the real server.

use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use dragnet_domain::{Actor, Grant, MemberCountry, Role, UserName};
use dragnet_server::{AppState, openapi, router};
use dragnet_store::sqlite::SqliteStore;
use dragnet_store::{Clock, Store};
use serde_json::{Value, json};
use tower::ServiceExt;

fn document() -> Value {
    serde_json::to_value(openapi::document()).unwrap()
}

fn snapshot_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json")
}

/// `docs/openapi.json` is the document as last reviewed; a change to the API shows as a change to it.
/// `DRAGNET_UPDATE_SNAPSHOTS=1 cargo test -p dragnet-server --test openapi` writes the new one.
#[test]
fn the_document_matches_its_snapshot() {
    let current = serde_json::to_string_pretty(&document()).unwrap() + "\n";
    let path = snapshot_path();
    if std::env::var_os("DRAGNET_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &current).unwrap();
        return;
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    if kept != current {
        let first = kept.lines().zip(current.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "the API's description changed (first at line {}: {:?}); review the change and run \
             DRAGNET_UPDATE_SNAPSHOTS=1 cargo test -p dragnet-server --test openapi",
            first + 1,
            current.lines().nth(first).unwrap_or("")
        );
    }
}

/// The document validates against OpenAPI 3.1 with `openapi-spec-validator` (from PyPI; CI installs
/// it and names it in `DRAGNET_OPENAPI_VALIDATOR`).
#[test]
fn the_document_validates() {
    let validator = std::env::var("DRAGNET_OPENAPI_VALIDATOR").unwrap_or_else(|_| "openapi-spec-validator".into());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("openapi.json");
    std::fs::write(&file, serde_json::to_string(&document()).unwrap()).unwrap();
    match std::process::Command::new(&validator).arg(&file).output() {
        Ok(output) => assert!(
            output.status.success(),
            "the document does not validate:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(err) if std::env::var_os("CI").is_none() => {
            eprintln!("{validator} cannot run ({err}): install openapi-spec-validator to validate the document");
        }
        Err(err) => panic!("{validator} cannot run in CI: {err}"),
    }
    assert_eq!(document()["openapi"], "3.1.0");
}

async fn app() -> (axum::Router, Arc<dyn Store>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> =
        Arc::new(SqliteStore::open(&dir.path().join("dragnet.sqlite3"), Clock::system()).await.unwrap());
    let state = AppState::load(store.clone(), dragnet_review::Policy::built_in()).await.unwrap();
    (router(state), store, dir)
}

async fn call(app: &axum::Router, method: &str, path: &str, token: Option<&str>, body: Option<&Value>) -> (u16, Value) {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let body = match body {
        Some(body) => Body::from(body.to_string()),
        None => Body::empty(),
    };
    let response = app.clone().oneshot(request.header("content-type", "application/json").body(body).unwrap());
    let response = response.await.unwrap();
    let status = response.status().as_u16();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

/// Every path and method the document names is served: none answers 404 or 405 for want of a route.
#[tokio::test]
async fn every_path_described_is_served() {
    let (app, _store, _dir) = app().await;
    let document = document();
    let mut seen = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        let concrete = path.replace("{id}", "1").replace("{action}", "cancel").replace("{name}", "nobody");
        for method in item.as_object().unwrap().keys() {
            let (status, body) = call(&app, &method.to_uppercase(), &concrete, None, None).await;
            let secured = item[method].get("security").is_some();
            if secured {
                assert_eq!(status, 401, "{method} {path} without a token: {body}");
            } else {
                assert!(status < 400, "{method} {path} answered {status}: {body}");
            }
            seen += 1;
        }
    }
    assert!(seen >= 20, "only {seen} operations described");
}

fn example(name: &str) -> Value {
    document()["components"]["schemas"][name]["example"].clone()
}

/// The examples the document gives are bodies the server takes, along one notice's life.
#[tokio::test]
async fn the_documented_examples_are_accepted() {
    let (app, store, _dir) = app().await;
    let token = async |name: &str, role: Role, country: Option<&str>| {
        let admin = Actor::system("test", None);
        let user = UserName::parse(name).unwrap();
        let country = country.map(|c| MemberCountry::parse(c).unwrap());
        store.create_user(&admin, &user, Grant::new(role, country).unwrap()).await.unwrap();
        store.create_token(&admin, &user, "test", dragnet_store::TOKEN_LIFETIME).await.unwrap()
    };
    let bureau = token("ncb.fr", Role::BureauOfficer, Some("FR")).await;
    let reviewer = token("reviewer", Role::Reviewer, None).await;
    let screener = token("border.de", Role::Screener, Some("DE")).await;
    let administrator = token("root", Role::Administrator, None).await;

    let (status, created) =
        call(&app, "POST", "/api/v1/requests", Some(&bureau), Some(&example("NoticeRequest"))).await;
    assert_eq!(status, 201, "{created}");
    let request = created["request_id"].as_i64().unwrap();
    let notice = created["notices"][0].as_str().unwrap().replace('/', "-");
    let (status, submitted) =
        call(&app, "POST", &format!("/api/v1/requests/{request}/submit"), Some(&bureau), None).await;
    assert_eq!((status, &submitted["recommendation"]), (200, &json!("clear")), "{submitted}");
    let decision = example("DecisionBody");
    let (status, decided) =
        call(&app, "POST", &format!("/api/v1/requests/{request}/decision"), Some(&reviewer), Some(&decision)).await;
    assert_eq!(status, 200, "{decided}");

    let mut screen = example("ScreenBody");
    screen["persons"] = json!([example("NoticeRequest")["subjects"][0]]);
    let (status, screened) = call(&app, "POST", "/api/v1/screen", Some(&screener), Some(&screen)).await;
    assert_eq!(status, 200, "{screened}");
    assert_eq!(screened["results"][0]["hits"][0]["id"], created["notices"][0], "{screened}");
    let (status, answer) = call(&app, "POST", "/api/v1/screen", Some(&screener), Some(&example("ScreenBody"))).await;
    assert_eq!(status, 200, "{answer}");

    let located = example("LocatedBody");
    let (status, answer) =
        call(&app, "POST", &format!("/api/v1/notices/{notice}/located"), Some(&screener), Some(&located)).await;
    assert_eq!(status, 201, "{answer}");
    let reason = example("ReasonBody");
    let (status, answer) =
        call(&app, "POST", &format!("/api/v1/notices/{notice}/cancel"), Some(&bureau), Some(&reason)).await;
    assert_eq!((status, &answer["state"]), (200, &json!("cancelled")), "{answer}");

    let (status, answer) = call(&app, "POST", "/api/v1/users", Some(&administrator), Some(&example("NewUser"))).await;
    assert_eq!(status, 201, "{answer}");
    let user = example("NewUser")["name"].as_str().unwrap().to_string();
    let label = example("TokenLabel");
    let (status, answer) =
        call(&app, "POST", &format!("/api/v1/users/{user}/tokens"), Some(&administrator), Some(&label)).await;
    assert_eq!(status, 201, "{answer}");
    let (status, answer) =
        call(&app, "POST", &format!("/api/v1/users/{user}/tokens/revoke"), Some(&administrator), Some(&label)).await;
    assert_eq!((status, &answer["revoked"]), (200, &json!(1)), "{answer}");
}

/// The reference page is drawn from the document: each path appears, and nothing is fetched from elsewhere.
#[tokio::test]
async fn the_reference_page_shows_every_path() {
    let (app, _store, _dir) = app().await;
    let response = app.oneshot(Request::get("/api/docs").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let page =
        String::from_utf8(axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap().to_vec()).unwrap();
    for path in document()["paths"].as_object().unwrap().keys() {
        assert!(page.contains(&format!("<code>{path}</code>")), "{path} is missing from the page");
    }
    for fetches in ["<script", "<link", "src=", "@import", "url("] {
        assert!(!page.contains(fetches), "the page loads nothing from elsewhere: {fetches}");
    }
}
