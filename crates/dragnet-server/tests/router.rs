//! The router without a socket: health, readiness against a real SQLite store, and errors.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use dragnet_server::{AppState, router};
use dragnet_store::sqlite::SqliteStore;
use dragnet_store::{Clock, Store};
use tower::ServiceExt;

async fn app() -> (axum::Router, SqliteStore, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("dragnet.sqlite3"), Clock::system()).await.unwrap();
    let state =
        AppState::load(Arc::new(store.clone()) as Arc<dyn Store>, dragnet_review::Policy::built_in()).await.unwrap();
    (router(state), store, dir)
}

async fn get(app: &axum::Router, path: &str) -> (StatusCode, String, String) {
    let response = app.clone().oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let content_type =
        response.headers().get("content-type").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, content_type, String::from_utf8(body.to_vec()).unwrap())
}

#[tokio::test]
async fn health_and_readiness_answer() {
    let (app, _store, _dir) = app().await;
    let (status, _, body) = get(&app, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("ok"));
    let (status, _, body) = get(&app, "/readyz").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("sqlite"), "{body}");
}

#[tokio::test]
async fn readiness_fails_when_the_store_is_gone() {
    let (app, store, _dir) = app().await;
    store.pool().close().await;
    let (status, content_type, body) = get(&app, "/readyz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(content_type, "application/problem+json");
    let problem: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(problem["code"], "not_ready");
    assert!(!body.contains("closed"), "internal details stay in the logs: {body}");
}

#[tokio::test]
async fn unknown_paths_are_problems() {
    let (app, _store, _dir) = app().await;
    let (status, content_type, body) = get(&app, "/no/such/thing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(content_type, "application/problem+json");
    let problem: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(problem["code"], "not_found");
    assert_eq!(problem["status"], 404);
}

#[tokio::test]
async fn errors_before_any_handler_are_problems_too() {
    let (app, _store, _dir) = app().await;
    let response = app.clone().oneshot(Request::get("/api/v1/screen").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.headers()["content-type"], "application/problem+json");
    assert_eq!(response.headers()["allow"], "POST");
    let huge = vec![b' '; dragnet_server::MAX_BODY_BYTES + 1];
    let request = Request::post("/api/v1/screen")
        .header("content-type", "application/json")
        .header("content-length", huge.len())
        .body(Body::from(huge))
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(response.headers()["content-type"], "application/problem+json");
}
