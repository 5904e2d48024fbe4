//! How fast the pages answer, printed as JSON: a store with R requests in review (the request that
//! started this project and the ordinary murder case, alternately) and P published notices, the
//! real router, signed-in sessions, and each page asked for N times in turn.
//! `cargo run --release -p dragnet-server --example pages -- [REQUESTS] [PUBLISHED] [TIMES]`
//! (defaults: 200 requests, 10,000 published notices, 200 times; SQLite in a temporary folder).

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::http::Request;
use dragnet_domain::{Actor, Grant, MemberCountry, NoticeRequest, Role, UserName, parse_request};
use dragnet_server::{AppState, router};
use dragnet_store::{Clock, Decision, Store, SubjectCheck};
use serde_json::{Value, json};
use tower::ServiceExt;

fn case(name: &str) -> NoticeRequest {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/compliance-dev").join(name);
    parse_request(&std::fs::read_to_string(path).unwrap()).unwrap()
}

async fn user(store: &dyn Store, name: &str, role: Role, country: Option<&str>) -> Actor {
    let admin = Actor::system("bench", None);
    let user = UserName::parse(name).unwrap();
    let grant = Grant::new(role, country.map(|c| MemberCountry::parse(c).unwrap())).unwrap();
    store.create_user(&admin, &user, grant).await.unwrap();
    let hash = dragnet_server::web::passwords::hash("a benchmark password").unwrap();
    store.set_password(&admin, &user, &hash).await.unwrap();
    Actor::user(&user, &grant)
}

/// Submits `request` as `bureau` with the review library's own check.
async fn submit(store: &dyn Store, bureau: &Actor, request: &NoticeRequest, policy: &dragnet_review::Policy) -> i64 {
    let stored = store.create_drafts(bureau, request).await.unwrap();
    let report = dragnet_review::check(request, policy);
    let checks = stored
        .notice_ids
        .iter()
        .zip(&report.subjects)
        .map(|(id, subject)| SubjectCheck {
            notice_id: *id,
            recommendation: subject.recommendation,
            report: serde_json::to_value(subject).unwrap(),
            held: false,
        })
        .collect::<Vec<_>>();
    store.submit_request(bureau, stored.request_id, 1, &checks).await.unwrap();
    stored.request_id
}

async fn session(app: &axum::Router, name: &str) -> String {
    let form = app.clone().oneshot(Request::get("/sign-in").body(Body::empty()).unwrap()).await.unwrap();
    let pre = form
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .find(|c| c.starts_with("dragnet_sign_in="))
        .unwrap();
    let html = String::from_utf8(axum::body::to_bytes(form.into_body(), usize::MAX).await.unwrap().to_vec()).unwrap();
    let csrf = html.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let body = format!("name={name}&password=a+benchmark+password&csrf={csrf}");
    let request = Request::post("/sign-in")
        .header("cookie", pre)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    let signed = app.clone().oneshot(request).await.unwrap();
    signed
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .find(|c| c.starts_with("dragnet_session="))
        .unwrap()
}

/// A form field, percent-encoded.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

fn csrf_of(html: &str) -> String {
    html.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string()
}

/// Milliseconds of each of `times` answers to `make()`, which must be 200.
async fn measure(app: &axum::Router, times: usize, make: impl Fn() -> Request<Body>) -> Value {
    let mut took = Vec::with_capacity(times);
    for _ in 0..times {
        let started = Instant::now();
        let response = app.clone().oneshot(make()).await.unwrap();
        let status = response.status();
        let _ = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        took.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(status, 200);
    }
    took.sort_by(f64::total_cmp);
    let at = |q: f64| took[((took.len() - 1) as f64 * q) as usize];
    json!({"median_ms": at(0.5), "p90_ms": at(0.9), "p99_ms": at(0.99), "max_ms": at(1.0)})
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let requests: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(200);
    let published: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(200);

    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> = Arc::new(
        dragnet_store::sqlite::SqliteStore::open(&dir.path().join("dragnet.sqlite3"), Clock::system()).await.unwrap(),
    );
    let policy = dragnet_review::Policy::built_in();
    let iran = user(store.as_ref(), "ncb.ir", Role::BureauOfficer, Some("IR")).await;
    let france = user(store.as_ref(), "ncb.fr", Role::BureauOfficer, Some("FR")).await;
    let reviewer = user(store.as_ref(), "reviewer.one", Role::Reviewer, None).await;
    user(store.as_ref(), "border.de", Role::Screener, Some("DE")).await;
    user(store.as_ref(), "auditor", Role::Auditor, None).await;
    let (seed, murder) = (case("01-seed-head-of-state-drone-strike.json"), case("02-ordinary-murder.json"));
    let mut in_review = Vec::new();
    for i in 0..requests {
        let (bureau, request) = if i % 2 == 0 { (&iran, &seed) } else { (&france, &murder) };
        in_review.push(submit(store.as_ref(), bureau, request, &policy).await);
    }
    // Published notices: the murder case under many names, so that screening has a haystack.
    let mut request = murder.clone();
    let mut left = published;
    let mut n = 0;
    while left > 0 {
        let batch = left.min(500);
        left -= batch;
        request.subjects = (0..batch)
            .map(|_| {
                n += 1;
                let mut subject = murder.subjects[0].clone();
                subject.family_name = Some(format!("SUBJECT{n:06}"));
                subject
            })
            .collect();
        let id = submit(store.as_ref(), &france, &request, &policy).await;
        store.decide(&reviewer, id, Decision::Publish, "ordinary-law crime", None).await.unwrap();
    }
    let state = AppState::load(store.clone(), policy).await.unwrap();
    let app = router(state);

    let reviewer_session = session(&app, "reviewer.one").await;
    let border_session = session(&app, "border.de").await;
    let auditor_session = session(&app, "auditor").await;
    let get = |path: String, cookie: String| {
        move || Request::get(&path).header("cookie", &cookie).body(Body::empty()).unwrap()
    };
    let queue = measure(&app, times, get("/review".into(), reviewer_session.clone())).await;
    let seed_page = measure(&app, times, get(format!("/review/{}", in_review[0]), reviewer_session.clone())).await;
    let arabic_page =
        measure(&app, times, get(format!("/review/{}?lang=ar", in_review[0]), reviewer_session.clone())).await;
    let audit = measure(&app, times, get("/audit".into(), auditor_session.clone())).await;
    // The secretariat's search: a name compared with every notice stored, and filters alone.
    let search_name =
        measure(&app, times.min(50), get("/search?name=Luca+Marketti".into(), reviewer_session.clone())).await;
    let search_filters =
        measure(&app, times, get("/search?state=published&kind=red".into(), reviewer_session.clone())).await;
    let form = app.clone().oneshot(get("/screening".into(), border_session.clone())()).await.unwrap();
    let html = String::from_utf8(axum::body::to_bytes(form.into_body(), usize::MAX).await.unwrap().to_vec()).unwrap();
    let csrf = csrf_of(&html);
    let screening = measure(&app, times, || {
        Request::post("/screening")
            .header("cookie", &border_session)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(format!("csrf={csrf}&name=Luca+Marchetti&date_of_birth=1988-03-11")))
            .unwrap()
    })
    .await;
    let bureau_session = session(&app, "ncb.fr").await;
    let requests_list = measure(&app, times, get("/requests".into(), bureau_session.clone())).await;
    let blank = measure(&app, times, get("/requests/new".into(), bureau_session.clone())).await;
    let form = app.clone().oneshot(get("/requests/new".into(), bureau_session.clone())()).await.unwrap();
    let html = String::from_utf8(axum::body::to_bytes(form.into_body(), usize::MAX).await.unwrap().to_vec()).unwrap();
    let bureau_csrf = csrf_of(&html);
    let fields = [
        ("action", "check"),
        ("kind", "red"),
        ("subjects[0].family_name", "MARCHETTI"),
        ("subjects[0].forenames", "Luca"),
        ("subjects[0].sex", "M"),
        ("subjects[0].date_of_birth", "1988-03-11"),
        ("subjects[0].identity_documents[0].kind", "passport"),
        ("subjects[0].identity_documents[0].number", "YA1234567"),
        ("subjects[1].family_name", "RICCI"),
        ("subjects[1].forenames", "Paolo"),
        ("subjects[1].sex", "M"),
        ("subjects[1].date_of_birth", "1990"),
        ("subjects[1].physical.height_cm", "181"),
        ("offence.summary", &murder.offence.as_ref().and_then(|o| o.summary.clone()).unwrap_or_default()),
        ("offence.date", "2023-02-14"),
        ("offence.place", "Lyon"),
        ("charges[0].title", "Meurtre (murder)"),
        ("charges[0].law", "Code pénal, art. 221-1"),
        ("charges[0].max_penalty.kind", "imprisonment"),
        ("charges[0].max_penalty.months", "360"),
        ("judicial.purpose", "prosecution"),
        ("judicial.warrant.reference", "23/0117"),
        ("judicial.warrant.issued_on", "2023-03-02"),
        ("judicial.extradition_sought_from", "*"),
    ];
    let mut pairs = vec![format!("csrf={bureau_csrf}")];
    pairs.extend(fields.iter().map(|(name, value)| format!("{}={}", encode(name), encode(value))));
    let body = pairs.join("&");
    let checked = measure(&app, times, || {
        Request::post("/requests/new")
            .header("cookie", &bureau_session)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body.clone()))
            .unwrap()
    })
    .await;
    let sign_in = measure(&app, times.min(20), || Request::get("/sign-in").body(Body::empty()).unwrap()).await;
    println!(
        "{}",
        serde_json::to_string_pretty(&json!({
            "benchmark": "web pages through the router (no network), SQLite",
            "requests_in_review": requests,
            "published_notices": published,
            "times_each": times,
            "pages": {
                "/review (queue)": queue,
                "/review/{id} (the seed request with its findings)": seed_page,
                "/review/{id}?lang=ar": arabic_page,
                "/audit": audit,
                "/search?name= (compared with every notice)": search_name,
                "/search?state=&kind= (the first 50)": search_filters,
                "POST /screening (one traveller)": screening,
                "/requests (a bureau's list)": requests_list,
                "/requests/new (the blank form)": blank,
                "POST /requests/new (Check, two subjects)": checked,
                "/sign-in": sign_in,
            }
        }))
        .unwrap()
    );
}
