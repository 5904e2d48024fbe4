//! The public notices API read by INTERPOL's own clients: a real server with public and hidden
//! notices, every answer validated against INTERPOL's OpenAPI description with openapi-core, and
//! the red notices read through the client generated from it (`de-interpol`, PyPI). Both run in
//! Python (`tests/interpol_clients.py`) from the virtualenv CI names in `DRAGNET_INTERPOL_PYTHON`.

use std::path::PathBuf;
use std::sync::Arc;

use dragnet_domain::{Actor, Grant, MemberCountry, NoticeRequest, Role, UserName, parse_request};
use dragnet_server::AppState;
use dragnet_store::sqlite::SqliteStore;
use dragnet_store::{Clock, Decision, Recommendation, Store, SubjectCheck};

fn testdata(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata").join(path)
}

fn case(name: &str) -> NoticeRequest {
    parse_request(&std::fs::read_to_string(testdata("compliance-dev").join(name)).unwrap()).unwrap()
}

fn actor(name: &str, role: Role, country: Option<&str>) -> Actor {
    let grant = Grant::new(role, country.map(|c| MemberCountry::parse(c).unwrap())).unwrap();
    Actor::user(&UserName::parse(name).unwrap(), &grant)
}

/// Publishes `request` through the store as its bureau would; answers its notice's id as paths write it.
async fn published(store: &dyn Store, request: &NoticeRequest) -> String {
    let bureau = actor(
        &format!("ncb.{}", request.requested_by.as_str().to_lowercase()),
        Role::BureauOfficer,
        Some(request.requested_by.as_str()),
    );
    let stored = store.create_drafts(&bureau, request).await.unwrap();
    let report = dragnet_review::check(request, &dragnet_review::Policy::built_in());
    let checks = stored
        .notice_ids
        .iter()
        .zip(&report.subjects)
        .map(|(id, subject)| SubjectCheck {
            notice_id: *id,
            recommendation: Recommendation::Clear,
            report: serde_json::to_value(subject).unwrap(),
            held: false,
        })
        .collect::<Vec<_>>();
    store.submit_request(&bureau, stored.request_id, 1, &checks).await.unwrap();
    let reviewer = actor("reviewer.one", Role::Reviewer, None);
    store.decide(&reviewer, stored.request_id, Decision::Publish, "ordinary-law case", None).await.unwrap();
    stored.notice_ids[0].to_string().replace('/', "-")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interpols_description_and_client_accept_the_public_api() {
    let python = match std::env::var("DRAGNET_INTERPOL_PYTHON") {
        Ok(python) => python,
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("DRAGNET_INTERPOL_PYTHON is not set: a Python with openapi-core and de-interpol runs this test");
            return;
        }
        Err(_) => panic!("CI names a Python with openapi-core and de-interpol in DRAGNET_INTERPOL_PYTHON"),
    };
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> =
        Arc::new(SqliteStore::open(&dir.path().join("dragnet.sqlite3"), Clock::system()).await.unwrap());
    let mut murder = case("02-ordinary-murder.json");
    murder.public_extract = true;
    let red = published(store.as_ref(), &murder).await;
    let svg = b"<svg xmlns='http://www.w3.org/2000/svg' width='3' height='4'/>";
    let notice = dragnet_domain::NoticeId::parse(&red.replace('-', "/")).unwrap();
    store.add_picture(&actor("ncb.fr", Role::BureauOfficer, Some("FR")), notice, "image/svg+xml", svg).await.unwrap();
    let hidden = published(store.as_ref(), &case("02-ordinary-murder.json")).await;
    let mut missing = case("19-yellow-missing-child.json");
    missing.public_extract = true;
    let yellow = published(store.as_ref(), &missing).await;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let state = AppState::load(store.clone(), dragnet_review::Policy::built_in()).await.unwrap();
    tokio::spawn(dragnet_server::serve(listener, state, std::future::pending()));

    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/interpol_clients.py");
    let spec = testdata("interpol-api/openapi.yaml");
    let output = tokio::process::Command::new(&python)
        .arg(script)
        .args([base.as_str(), spec.to_str().unwrap(), &red, &yellow, &hidden])
        .output()
        .await
        .unwrap_or_else(|err| panic!("{python} cannot run: {err}"));
    let said = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{said}");
    assert!(said.contains("valid: /notices/v1/red/") && said.contains("de-interpol client reads"), "{said}");
    assert!(said.trim_end().ends_with("ok"), "{said}");
}
