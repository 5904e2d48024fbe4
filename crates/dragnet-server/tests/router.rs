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

/// One HTTP/1.1 GET over a fresh connection: the status line and the whole answer.
async fn over_tcp(address: std::net::SocketAddr, path: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    let status = answer.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, answer)
}

#[tokio::test]
async fn the_process_answers_health_while_the_index_loads_and_nothing_else_until_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("dragnet.sqlite3"), Clock::system()).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (loaded, load) = tokio::sync::oneshot::channel::<()>();
    let loading = async move {
        // The load waits until the test lets it finish, as a large store's index would.
        load.await.unwrap();
        AppState::load(Arc::new(store) as Arc<dyn Store>, dragnet_review::Policy::built_in())
            .await
            .map_err(|err| err.to_string())
    };
    tokio::spawn(dragnet_server::serve_once_loaded(listener, loading, std::future::pending()));

    let (status, answer) = over_tcp(address, "/healthz").await;
    assert_eq!(status, 200, "{answer}");
    assert!(answer.contains("\"loading\":true"), "{answer}");
    for path in ["/readyz", "/api/v1/review/queue", "/sign-in"] {
        let (status, answer) = over_tcp(address, path).await;
        assert_eq!(status, 503, "{path}: {answer}");
        assert!(answer.to_ascii_lowercase().contains("retry-after: 5"), "{path}: {answer}");
        assert!(answer.contains("\"code\":\"loading\""), "{path}: {answer}");
    }

    loaded.send(()).unwrap();
    let mut ready = (0, String::new());
    for _ in 0..200 {
        ready = over_tcp(address, "/readyz").await;
        if ready.0 == 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_eq!(ready.0, 200, "{}", ready.1);
    let (status, answer) = over_tcp(address, "/healthz").await;
    assert!(status == 200 && !answer.contains("loading"), "{answer}");
    assert_eq!(over_tcp(address, "/sign-in").await.0, 200);
}

#[tokio::test]
async fn a_load_that_fails_stops_the_server_with_its_error() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let failed = dragnet_server::serve_once_loaded(
        listener,
        async { Err("cannot load the screening index: the store is gone".to_string()) },
        std::future::pending(),
    )
    .await;
    assert!(failed.unwrap_err().to_string().contains("the store is gone"));
}
