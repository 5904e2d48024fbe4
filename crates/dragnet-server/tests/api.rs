//! The API driven over a real socket, on SQLite and (when `DRAGNET_TEST_DATABASE_URL` names a
//! server) on PostgreSQL: the life of a request from its draft to the reviewer's decision, and
//! what each role and country is refused.

use std::net::SocketAddr;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use dragnet_domain::{Actor, Grant, MemberCountry, Role, UserName};
use dragnet_server::AppState;
use dragnet_store::postgres::PostgresStore;
use dragnet_store::sqlite::SqliteStore;
use dragnet_store::testing::{TestDatabase, postgres_test_url};
use dragnet_store::{Clock, Store};
use futures::FutureExt;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A server on a random port, its store, and a token per user.
struct Server {
    address: SocketAddr,
    store: Arc<dyn Store>,
    state: AppState,
    /// Seconds added to the real time on the store's clock.
    shift: Arc<AtomicI64>,
    tokens: std::collections::HashMap<&'static str, String>,
}

/// An answer: status, headers (lower-case names), and the body as JSON (`Null` when empty).
#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Value,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

impl Server {
    async fn start(store: Arc<dyn Store>, shift: Arc<AtomicI64>) -> Server {
        let admin = Actor::system("test", None);
        let mut tokens = std::collections::HashMap::new();
        let users: [(&str, Role, Option<&str>); 10] = [
            ("ncb.ir", Role::BureauOfficer, Some("IR")),
            ("ncb.fr", Role::BureauOfficer, Some("FR")),
            ("reviewer.one", Role::Reviewer, None),
            ("reviewer.two", Role::Reviewer, None),
            ("border.de", Role::Screener, Some("DE")),
            ("border.it", Role::Screener, Some("IT")),
            ("ncb.de", Role::BureauOfficer, Some("DE")),
            ("auditor", Role::Auditor, None),
            ("admin", Role::Administrator, None),
            ("ncb.ie", Role::BureauOfficer, Some("IE")),
        ];
        for (name, role, country) in users {
            let grant = Grant::new(role, country.map(|c| MemberCountry::parse(c).unwrap())).unwrap();
            let user = UserName::parse(name).unwrap();
            store.create_user(&admin, &user, grant).await.unwrap();
            tokens
                .insert(name, store.create_token(&admin, &user, "test", dragnet_store::TOKEN_LIFETIME).await.unwrap());
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let mut state = AppState::load(store.clone(), dragnet_review::Policy::built_in()).await.unwrap();
        // The bureaus' webhook receivers listen on this machine.
        state.webhooks_to_private_networks = true;
        tokio::spawn(dragnet_server::serve(listener, state.clone(), std::future::pending()));
        Server { address, store, state, shift, tokens }
    }

    /// One HTTP/1.1 exchange on a fresh connection, a body (if any) in JSON.
    async fn call(&self, method: &str, path: &str, user: Option<&str>, body: Option<&str>) -> Answer {
        let body = body.unwrap_or("");
        let content_type = (!body.is_empty() || method == "POST").then_some("application/json");
        self.send(method, path, user, content_type, body.as_bytes()).await
    }

    /// One HTTP/1.1 exchange on a fresh connection, with a body of any type.
    async fn send(
        &self,
        method: &str,
        path: &str,
        user: Option<&str>,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Answer {
        let mut stream = tokio::net::TcpStream::connect(self.address).await.unwrap();
        let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", self.address);
        if let Some(user) = user {
            let token = self.tokens.get(user).map_or(user, String::as_str);
            request.push_str(&format!("Authorization: Bearer {token}\r\n"));
        }
        if let Some(content_type) = content_type {
            request.push_str(&format!("Content-Type: {content_type}\r\nContent-Length: {}\r\n", body.len()));
        }
        request.push_str("\r\n");
        let mut request = request.into_bytes();
        request.extend_from_slice(body);
        stream.write_all(&request).await.unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await.unwrap();
        let text = String::from_utf8(raw).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        let mut lines = head.lines();
        let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers = lines
            .filter_map(|line| line.split_once(": "))
            .map(|(n, v)| (n.to_ascii_lowercase(), v.to_string()))
            .collect();
        let headers: Vec<(String, String)> = headers;
        let json = headers.iter().any(|(n, v)| n == "content-type" && v.contains("json"));
        let body = match (body.is_empty(), json) {
            (true, _) => Value::Null,
            (false, true) => serde_json::from_str(body).unwrap(),
            (false, false) => Value::String(body.to_string()),
        };
        Answer { status, headers, body }
    }

    async fn post(&self, path: &str, user: &str, body: &Value) -> Answer {
        self.call("POST", path, Some(user), Some(&body.to_string())).await
    }

    async fn get(&self, path: &str, user: &str) -> Answer {
        self.call("GET", path, Some(user), None).await
    }
}

/// The real time, moved on by as many seconds as the test says.
fn shifted_clock() -> (Arc<AtomicI64>, Clock) {
    let shift = Arc::new(AtomicI64::new(0));
    let seconds = shift.clone();
    let clock = Clock::from_fn(move || {
        time::OffsetDateTime::now_utc() + time::Duration::seconds(seconds.load(Ordering::SeqCst))
    });
    (shift, clock)
}

async fn on_sqlite<F>(test: impl FnOnce(Server) -> F)
where
    F: Future<Output = ()>,
{
    let dir = tempfile::tempdir().unwrap();
    let (shift, clock) = shifted_clock();
    let store = SqliteStore::open(&dir.path().join("dragnet.sqlite3"), clock).await.unwrap();
    test(Server::start(Arc::new(store), shift).await).await;
}

async fn on_postgres<F>(test: impl FnOnce(Server) -> F)
where
    F: Future<Output = ()>,
{
    let Some(admin_url) = postgres_test_url() else {
        eprintln!("DRAGNET_TEST_DATABASE_URL is not set: skipping the PostgreSQL run");
        return;
    };
    let database = TestDatabase::create(&admin_url).await.expect("cannot create a test database");
    let (shift, clock) = shifted_clock();
    let store = PostgresStore::connect(&database.url, clock).await.unwrap();
    let outcome = AssertUnwindSafe(async { test(Server::start(Arc::new(store.clone()), shift).await).await })
        .catch_unwind()
        .await;
    store.pool().close().await;
    database.drop_now().await.expect("cannot drop the test database");
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)] async fn $name() { super::on_sqlite(super::$name).await })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)] async fn $name() { super::on_postgres(super::$name).await })*
        }
    };
}

on_both_backends!(
    the_request_that_started_this_project_is_refused_with_its_art3_finding,
    an_ordinary_red_notice_is_published,
    publishing_against_a_refusal_takes_a_second_reviewer,
    each_role_is_refused_what_it_may_not_do,
    a_wrong_role_learns_nothing_of_which_requests_exist,
    bad_bodies_are_refused_with_their_field,
    a_published_notice_is_screened_at_once_and_gone_when_cancelled,
    a_restricted_notice_never_reaches_a_barred_country,
    a_notice_expires_after_five_years_unless_renewed,
    a_bureau_edits_answers_a_question_and_withdraws,
    a_diffusion_reaches_its_recipients_at_once_unless_its_check_finds_art_2_or_3,
    administrators_manage_users_and_tokens,
    a_located_hit_reaches_the_bureau_by_signed_webhook,
    the_office_holder_register_is_kept_over_the_api_and_changes_the_check,
    the_public_api_shows_public_extracts_only_in_interpols_shape,
    a_screener_reads_only_what_any_member_may,
    hostile_input_is_refused_with_its_field,
    a_slow_bureau_delays_no_other_bureaus_webhook,
    a_second_notice_for_the_same_case_is_flagged_with_the_first,
    what_others_say_is_kept_with_who_said_it_and_checks_the_notice_again,
    a_hit_carries_the_notice_and_a_cleared_traveller_is_not_raised_again,
    a_bureau_lists_its_own_requests_with_each_notices_expiry,
    a_bureau_is_told_of_every_decision_and_a_diffusions_recipients_that_it_reached_them,
    reinstating_a_notice_the_check_now_refuses_takes_two_reviewers,
    the_secretariat_searches_every_notice_by_name_and_filters_and_pages,
);

fn case(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/compliance-dev").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

const SEED: &str = "01-seed-head-of-state-drone-strike.json";
const MURDER: &str = "02-ordinary-murder.json";

/// Creates and submits a case as `bureau`; answers the request id and the submission.
async fn submitted(server: &Server, bureau: &str, name: &str) -> (i64, Answer) {
    let created = server.post("/api/v1/requests", bureau, &case(name)).await;
    assert_eq!(created.status, 201, "{:?}", created.body);
    let id = created.body["request_id"].as_i64().unwrap();
    assert_eq!(created.header("location"), Some(format!("/api/v1/requests/{id}").as_str()));
    let submission = server.post(&format!("/api/v1/requests/{id}/submit"), bureau, &json!({})).await;
    (id, submission)
}

async fn the_request_that_started_this_project_is_refused_with_its_art3_finding(server: Server) {
    let (id, submission) = submitted(&server, "ncb.ir", SEED).await;
    assert_eq!(submission.status, 200, "{:?}", submission.body);
    assert_eq!(submission.body["recommendation"], "refuse");

    // An ordinary case waits too, but behind the riskier one.
    let (ordinary, _) = submitted(&server, "ncb.fr", MURDER).await;
    let queue = server.get("/api/v1/review/queue", "reviewer.one").await;
    assert_eq!(queue.status, 200);
    let order: Vec<i64> =
        queue.body["requests"].as_array().unwrap().iter().map(|r| r["request_id"].as_i64().unwrap()).collect();
    assert_eq!(order, [id, ordinary]);

    let request = server.get(&format!("/api/v1/requests/{id}"), "reviewer.one").await;
    assert_eq!(request.status, 200);
    let notices = request.body["notices"].as_array().unwrap();
    let first = &notices[0];
    assert_eq!(first["recommendation"], "refuse");
    let rules: Vec<&str> =
        first["report"]["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.iter().any(|r| r.starts_with("art3.")), "the art. 3 finding is before the reviewer: {rules:?}");
    let basis = first["report"]["findings"][0]["basis"].as_str().unwrap_or_default();
    assert!(!basis.is_empty(), "each finding names its legal basis");

    let decision = server
        .post(
            &format!("/api/v1/requests/{id}/decision"),
            "reviewer.one",
            &json!({"decision": "refuse", "reason": "Constitution art. 3: a military operation by a state's officials"}),
        )
        .await;
    assert_eq!(decision.status, 200, "{:?}", decision.body);
    let outcomes = decision.body["outcomes"].as_array().unwrap();
    assert_eq!(outcomes.len(), notices.len());
    assert!(outcomes.iter().all(|o| o["state"] == "refused"));
    let queue = server.get("/api/v1/review/queue", "reviewer.one").await;
    assert_eq!(queue.body["requests"].as_array().unwrap().len(), 1, "only the ordinary case is left");
    assert!(matches!(server.store.verify_audit().await.unwrap(), dragnet_store::AuditVerification::Intact { .. }));
    // The auditor reads the trail and its verification; the decision is on it with its reason.
    let trail = server.get("/api/v1/audit?limit=1000", "auditor").await;
    assert_eq!(trail.status, 200);
    let refusal = trail.body["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["action"] == "notice.decision.refuse")
        .expect("the refusal is on the record");
    assert_eq!(refusal["actor"], "reviewer.one");
    assert!(refusal["reason"].as_str().unwrap().contains("art. 3"));
    let verification = server.get("/api/v1/audit/verification", "auditor").await;
    assert_eq!(verification.body["outcome"], "intact");
    assert_eq!(server.get("/api/v1/audit", "reviewer.one").await.status, 403);
}

async fn an_ordinary_red_notice_is_published(server: Server) {
    let (id, submission) = submitted(&server, "ncb.fr", MURDER).await;
    assert_eq!(submission.status, 200, "{:?}", submission.body);
    assert_eq!(submission.body["recommendation"], "clear", "a murder in Lyon passes with nothing to flag");
    let decision = server
        .post(
            &format!("/api/v1/requests/{id}/decision"),
            "reviewer.one",
            &json!({"decision": "publish", "reason": "ordinary-law crime, data complete"}),
        )
        .await;
    assert_eq!(decision.status, 200, "{:?}", decision.body);
    assert_eq!(decision.body["outcomes"][0]["state"], "published");
    let request = server.get(&format!("/api/v1/requests/{id}"), "ncb.fr").await;
    assert_eq!(request.body["notices"][0]["state"], "published");
    // Deciding again finds nothing in review.
    let again = server
        .post(
            &format!("/api/v1/requests/{id}/decision"),
            "reviewer.one",
            &json!({"decision": "refuse", "reason": "no"}),
        )
        .await;
    assert_eq!(again.status, 409);
    assert_eq!(again.body["code"], "nothing_to_do");
}

async fn publishing_against_a_refusal_takes_a_second_reviewer(server: Server) {
    let (id, _) = submitted(&server, "ncb.ir", SEED).await;
    let path = format!("/api/v1/requests/{id}/decision");
    let first = server
        .post(&path, "reviewer.one", &json!({"decision": "publish", "reason": "I disagree with the check"}))
        .await;
    assert_eq!(first.status, 200);
    assert!(first.body["outcomes"].as_array().unwrap().iter().all(|o| o["outcome"] == "awaiting_second_reviewer"));
    let same = server.post(&path, "reviewer.one", &json!({"decision": "publish", "reason": "still"})).await;
    assert_eq!(same.status, 409);
    assert_eq!(same.body["code"], "four_eyes");
    let second = server.post(&path, "reviewer.two", &json!({"decision": "publish", "reason": "concur"})).await;
    assert_eq!(second.status, 200);
    assert!(second.body["outcomes"].as_array().unwrap().iter().all(|o| o["state"] == "published"));
}

async fn each_role_is_refused_what_it_may_not_do(server: Server) {
    let missing = server.call("GET", "/api/v1/review/queue", None, None).await;
    assert_eq!(missing.status, 401);
    assert_eq!(missing.header("www-authenticate"), Some("Bearer"));
    assert_eq!(missing.header("content-type"), Some("application/problem+json"));
    let unknown = server.call("GET", "/api/v1/review/queue", Some("not-a-token"), None).await;
    assert_eq!(unknown.status, 401);

    // A bureau asks only for its own country; a screener or reviewer drafts nothing.
    let as_other = server.post("/api/v1/requests", "ncb.fr", &case(SEED)).await;
    assert_eq!(as_other.status, 403);
    assert_eq!(as_other.body["field"], "requested_by");
    for user in ["border.de", "reviewer.one", "auditor"] {
        assert_eq!(server.post("/api/v1/requests", user, &case(MURDER)).await.status, 403, "{user}");
    }
    let (id, _) = submitted(&server, "ncb.ir", SEED).await;
    // Another country's bureau cannot tell the request exists; nor can a screener.
    for user in ["ncb.fr", "border.de"] {
        let read = server.get(&format!("/api/v1/requests/{id}"), user).await;
        assert_eq!(read.status, 404, "{user}");
        assert!(!read.body.to_string().contains("HALVERSEN"), "no personal data in a refusal");
    }
    assert_eq!(server.post(&format!("/api/v1/requests/{id}/submit"), "ncb.fr", &json!({})).await.status, 404);
    // Only reviewers decide; only the secretariat reads the queue.
    let decision = json!({"decision": "publish", "reason": "mine"});
    for user in ["ncb.ir", "border.de", "auditor"] {
        assert_eq!(
            server.post(&format!("/api/v1/requests/{id}/decision"), user, &decision).await.status,
            403,
            "{user}"
        );
        assert_eq!(server.get("/api/v1/review/queue", user).await.status, 403, "{user}");
    }
    assert_eq!(server.get("/api/v1/requests/999999", "reviewer.one").await.status, 404);
    // A token that calls too often is slowed, and only it.
    let limits = &server.state.limits;
    let hash = dragnet_store::hash_token(&server.tokens["auditor"]);
    // The bucket refills as time passes: on a busy machine a token may come back between draining
    // it and the call, so the drained call is tried a few times; a limiter that never slows fails.
    let mut slowed = server.get("/api/v1/audit", "auditor").await;
    for _ in 0..5 {
        while limits.take(&hash).is_ok() {}
        slowed = server.get("/api/v1/audit", "auditor").await;
        if slowed.status == 429 {
            break;
        }
    }
    assert_eq!(slowed.status, 429);
    assert!(slowed.header("retry-after").is_some());
    assert_eq!(server.get("/api/v1/review/queue", "reviewer.one").await.status, 200);
    assert_eq!(server.get("/api/v1/requests/abc", "reviewer.one").await.status, 404);
}

async fn bad_bodies_are_refused_with_their_field(server: Server) {
    let before = server.store.audit_head().await.unwrap();
    let malformed = server.call("POST", "/api/v1/requests", Some("ncb.fr"), Some("{\"kind\": ")).await;
    assert_eq!(malformed.status, 400);
    assert_eq!(malformed.body["code"], "malformed_json");
    let mut request = case(MURDER);
    request["subjects"][0]["date_of_birth"] = json!("1971-13-02");
    let impossible = server.post("/api/v1/requests", "ncb.fr", &request).await;
    assert_eq!(impossible.status, 422);
    assert_eq!(impossible.body["code"], "invalid_request");
    assert_eq!(impossible.body["field"], "subjects[0].date_of_birth");
    let mut request = case(MURDER);
    request["kind"] = json!("scarlet");
    assert_eq!(server.post("/api/v1/requests", "ncb.fr", &request).await.body["field"], "kind");
    assert_eq!(server.store.audit_head().await.unwrap(), before, "nothing stored, nothing recorded");

    let (id, _) = submitted(&server, "ncb.fr", MURDER).await;
    let path = format!("/api/v1/requests/{id}/decision");
    let cases = [
        (json!({"decision": "maybe", "reason": "x"}), "decision"),
        (json!({"decision": "refuse", "reason": "  "}), "reason"),
        (json!({"decision": "refuse", "reason": "x", "notices": ["soon"]}), "notices[0]"),
        (json!({"decision": "refuse", "reason": "x", "why": "extra"}), "why"),
        (json!({"decision": "refuse", "reason": "x".repeat(4001)}), "reason"),
        (json!({"decision": "refuse", "reason": "bell \u{7}"}), "reason"),
    ];
    for (body, field) in cases {
        let answer = server.post(&path, "reviewer.one", &body).await;
        assert_eq!(answer.status, 422, "{body}");
        assert_eq!(answer.body["field"], field, "{body}");
    }
    for (query, field) in [("limit=many", "limit"), ("limit=0", "limit"), ("limt=5", "limt")] {
        let answer = server.get(&format!("/api/v1/review/queue?{query}"), "reviewer.one").await;
        assert_eq!(answer.status, 422, "{query}");
        assert_eq!(answer.body["field"], field, "{query}");
    }
    assert_eq!(server.get("/api/v1/audit?after=-1", "auditor").await.body["field"], "after");
    let not_json = server.call("POST", &path, Some("reviewer.one"), Some("decide!")).await;
    assert_eq!(not_json.status, 400);
    assert_eq!(not_json.body["code"], "malformed_json");
}

async fn a_published_notice_is_screened_at_once_and_gone_when_cancelled(server: Server) {
    let (id, _) = submitted(&server, "ncb.fr", MURDER).await;
    let traveller = json!({"persons": [
        {"id": "seat-12A", "name": "Luca MARCHETTI", "date_of_birth": "1988-03-11"},
        {"id": "seat-12B", "name": "Jane Doe"}
    ]});
    let before = server.post("/api/v1/screen", "border.de", &traveller).await;
    assert_eq!(before.status, 200, "{:?}", before.body);
    assert_eq!(before.body["results"][0]["hits"], json!([]), "not screened before it is published");

    let decision = server
        .post(
            &format!("/api/v1/requests/{id}/decision"),
            "reviewer.one",
            &json!({"decision": "publish", "reason": "ordinary-law crime"}),
        )
        .await;
    let notice = decision.body["outcomes"][0]["notice"].as_str().unwrap().to_string();
    let found = server.post("/api/v1/screen", "border.de", &traveller).await;
    assert_eq!(found.status, 200);
    let results = found.body["results"].as_array().unwrap();
    assert_eq!(results[0]["query"], "seat-12A");
    assert_eq!(results[0]["hits"][0]["id"], notice.as_str(), "found in the moment it is published");
    assert!(results[0]["hits"][0]["why"].as_str().unwrap().contains("MARCHETTI"));
    assert_eq!(results[1]["hits"], json!([]));

    // The border officer confirms the hit; the requesting bureau is told, and only it.
    let located_path = format!("/api/v1/notices/{}/located", notice.replace('/', "-"));
    let located = server.post(&located_path, "border.de", &json!({"place": "Frankfurt airport, gate B12"})).await;
    assert_eq!(located.status, 201, "{:?}", located.body);
    let told = server.get("/api/v1/notifications", "ncb.fr").await;
    assert_eq!(told.status, 200);
    let list: Vec<&Value> =
        told.body["notifications"].as_array().unwrap().iter().filter(|n| n["kind"] == "located").collect();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["notice"], notice.as_str());
    assert_eq!(list[0]["located_in"], "DE");
    assert_eq!(list[0]["place"], "Frankfurt airport, gate B12");
    let last = list[0]["id"].as_i64().unwrap();
    let later = server.get(&format!("/api/v1/notifications?after={last}"), "ncb.fr").await;
    assert_eq!(later.body["notifications"], json!([]), "polling from the last id seen");
    assert_eq!(server.get("/api/v1/notifications", "ncb.ir").await.body["notifications"], json!([]));
    assert_eq!(server.get("/api/v1/notifications", "border.de").await.status, 403);
    assert_eq!(server.post(&located_path, "auditor", &json!({})).await.status, 403);
    assert_eq!(server.post(&located_path, "border.de", &json!({"place": 7})).await.body["field"], "place");

    // Screeners cannot cancel; the requesting bureau can, with a reason; screening follows at once.
    let path = format!("/api/v1/notices/{}/cancel", notice.replace('/', "-"));
    assert_eq!(server.post(&path, "border.de", &json!({"reason": "no"})).await.status, 403);
    assert_eq!(server.post(&path, "ncb.ir", &json!({"reason": "no"})).await.status, 404);
    assert_eq!(server.post(&path, "ncb.fr", &json!({})).await.body["field"], "reason");
    let cancelled = server.post(&path, "ncb.fr", &json!({"reason": "located and extradited"})).await;
    assert_eq!(cancelled.status, 200, "{:?}", cancelled.body);
    assert_eq!(cancelled.body["state"], "cancelled");
    let after = server.post("/api/v1/screen", "border.de", &traveller).await;
    assert_eq!(after.body["results"][0]["hits"], json!([]), "gone from screening once cancelled");
    let again = server.post(&path, "ncb.fr", &json!({"reason": "twice"})).await;
    assert_eq!(again.status, 409);
    assert_eq!(server.post(&located_path, "border.de", &json!({})).await.status, 404, "no longer in force");

    // Screening is audited with what it showed; an auditor cannot screen; bad people are named.
    let records = server.store.audit_records(0, 1000).await.unwrap();
    let screenings: Vec<_> = records.iter().filter(|r| r.action == "screening.search").collect();
    assert_eq!(screenings.len(), 3);
    assert!(screenings[1].details.contains(&notice), "{}", screenings[1].details);
    assert_eq!(server.post("/api/v1/screen", "auditor", &traveller).await.status, 403);
    let bad = json!({"persons": [{"name": "A B"}, {"name": "C D", "date_of_birth": "1990-02-30"}]});
    let answer = server.post("/api/v1/screen", "border.de", &bad).await;
    assert_eq!(answer.status, 422);
    assert_eq!(answer.body["field"], "persons[1].date_of_birth");
    let many: Vec<Value> = (0..10_001).map(|i| json!({"name": format!("P {i}")})).collect();
    let too_many = server.post("/api/v1/screen", "border.de", &json!({"persons": many})).await;
    assert_eq!(too_many.status, 413);
}

async fn a_restricted_notice_never_reaches_a_barred_country(server: Server) {
    let mut request = case(MURDER);
    request["barred_countries"] = json!(["DE"]);
    let created = server.post("/api/v1/requests", "ncb.fr", &request).await;
    assert_eq!(created.status, 201, "{:?}", created.body);
    let id = created.body["request_id"].as_i64().unwrap();
    let notice = created.body["notices"][0].as_str().unwrap().replace('/', "-");
    server.post(&format!("/api/v1/requests/{id}/submit"), "ncb.fr", &json!({})).await;
    let decision = json!({"decision": "publish", "reason": "ordinary-law crime"});
    assert_eq!(server.post(&format!("/api/v1/requests/{id}/decision"), "reviewer.one", &decision).await.status, 200);

    let traveller = json!({"persons": [{"id": "p1", "family_name": "MARCHETTI", "forenames": "Luca", "date_of_birth": "1988-03-11"}]});
    let hits = |answer: &Answer| answer.body["results"][0]["hits"].as_array().unwrap().len();
    // Screening: Italy sees it; Germany, barred, never does.
    assert_eq!(hits(&server.post("/api/v1/screen", "border.it", &traveller).await), 1);
    assert_eq!(hits(&server.post("/api/v1/screen", "border.de", &traveller).await), 0);
    // Reading: Germany's bureau and border officers are told it does not exist; Italy's may read it.
    for user in ["ncb.de", "border.de"] {
        let read = server.get(&format!("/api/v1/notices/{notice}"), user).await;
        assert_eq!(read.status, 404, "{user}");
        assert!(!read.body.to_string().contains("MARCHETTI"), "{user}");
    }
    assert_eq!(server.get(&format!("/api/v1/notices/{notice}"), "border.it").await.status, 200);
    assert_eq!(server.get(&format!("/api/v1/notices/{notice}"), "ncb.fr").await.status, 200);
    assert_eq!(server.get(&format!("/api/v1/requests/{id}"), "ncb.de").await.status, 404);
    let located = format!("/api/v1/notices/{notice}/located");
    assert_eq!(server.post(&located, "border.de", &json!({})).await.status, 404, "nor can it report a location");
    // Suspended and reinstated, or after a restart, it stays barred.
    let path = format!("/api/v1/notices/{notice}");
    assert_eq!(server.post(&format!("{path}/suspend"), "reviewer.one", &json!({"reason": "check"})).await.status, 200);
    assert_eq!(hits(&server.post("/api/v1/screen", "border.it", &traveller).await), 0, "suspended: not screened");
    assert_eq!(server.get(&path, "border.it").await.status, 404, "suspended: not in force");
    assert_eq!(server.post(&format!("{path}/reinstate"), "reviewer.one", &json!({"reason": "ok"})).await.status, 200);
    let (restarted, unreadable) = dragnet_app::views::ScreeningIndex::load(server.store.as_ref()).await.unwrap();
    assert!(unreadable.is_empty());
    assert_eq!(restarted.len(), 1);
    let person = dragnet_domain::parse_person(&traveller["persons"][0].to_string()).unwrap();
    let country = |c: &str| Some(dragnet_domain::CountryCode::parse(c).unwrap());
    assert!(restarted.search(std::slice::from_ref(&person), country("DE"), 0.7, 10)[0].is_empty());
    assert_eq!(restarted.search(std::slice::from_ref(&person), country("IT"), 0.7, 10)[0].len(), 1);
    assert_eq!(hits(&server.post("/api/v1/screen", "border.de", &traveller).await), 0);
    assert_eq!(hits(&server.post("/api/v1/screen", "border.it", &traveller).await), 1);
    // The store itself refuses the read, whatever a handler forgets.
    let de = Actor { name: "ncb.de".into(), country: Some("DE".into()) };
    let notice_id = dragnet_domain::NoticeId::parse(&notice).unwrap();
    assert!(matches!(
        server.store.read_notice(&de, notice_id).await,
        Err(dragnet_store::StoreError::NoticeNotFound(_))
    ));
}

async fn a_notice_expires_after_five_years_unless_renewed(server: Server) {
    let mut ids = Vec::new();
    for _ in 0..2 {
        let (id, _) = submitted(&server, "ncb.fr", MURDER).await;
        let decision = json!({"decision": "publish", "reason": "ordinary-law crime"});
        let answer = server.post(&format!("/api/v1/requests/{id}/decision"), "reviewer.one", &decision).await;
        ids.push(answer.body["outcomes"][0]["notice"].as_str().unwrap().replace('/', "-"));
    }
    let traveller = json!({"persons": [{"name": "Luca MARCHETTI", "date_of_birth": "1988-03-11"}]});
    let hits = |answer: &Answer| answer.body["results"][0]["hits"].as_array().unwrap().len();
    assert_eq!(hits(&server.post("/api/v1/screen", "border.it", &traveller).await), 2);

    // Four years on, the bureau renews the second; a year and a half later, only the first lapses.
    server.shift.store(4 * 365 * 86_400, Ordering::SeqCst);
    assert!(server.state.app.expire_due().await.unwrap().is_empty(), "nothing due yet");
    let renewed =
        server.post(&format!("/api/v1/notices/{}/renew", ids[1]), "ncb.fr", &json!({"reason": "still sought"})).await;
    assert_eq!(renewed.status, 200, "{:?}", renewed.body);
    server.shift.store((5 * 365 + 180) * 86_400, Ordering::SeqCst);
    let expired = server.state.app.expire_due().await.unwrap();
    let expired: Vec<String> = expired.iter().map(|id| id.to_string().replace('/', "-")).collect();
    assert_eq!(expired, [ids[0].clone()]);
    assert_eq!(hits(&server.post("/api/v1/screen", "border.it", &traveller).await), 1, "the lapsed one is gone");
    let read = server.get(&format!("/api/v1/notices/{}", ids[0]), "ncb.fr").await;
    assert_eq!(read.body["state"], "expired");
    let records = server.store.audit_records(0, 1000).await.unwrap();
    assert!(records.iter().any(|r| r.action == "notice.expire" && r.actor == "system:expiry"));
}

async fn a_bureau_edits_answers_a_question_and_withdraws(server: Server) {
    let created = server.post("/api/v1/requests", "ncb.fr", &case(MURDER)).await;
    let id = created.body["request_id"].as_i64().unwrap();
    let path = format!("/api/v1/requests/{id}");
    let mut edited = case(MURDER);
    edited["reference"] = json!("LYON-2023-0117-bis");
    let put = server.call("PUT", &path, Some("ncb.fr"), Some(&edited.to_string())).await;
    assert_eq!(put.status, 200, "{:?}", put.body);
    assert_eq!(server.get(&path, "ncb.fr").await.body["request"]["reference"], "LYON-2023-0117-bis");
    assert_eq!(server.call("PUT", &path, Some("ncb.ir"), Some(&edited.to_string())).await.status, 404);
    let mut two = edited.clone();
    two["subjects"] = json!([edited["subjects"][0], edited["subjects"][0]]);
    let count = server.call("PUT", &path, Some("ncb.fr"), Some(&two.to_string())).await;
    assert_eq!(count.status, 422);
    assert_eq!(count.body["field"], "subjects");

    // Sent back with a question, edited, submitted again: back in the queue.
    server.post(&format!("{path}/submit"), "ncb.fr", &json!({})).await;
    assert_eq!(
        server.call("PUT", &path, Some("ncb.fr"), Some(&edited.to_string())).await.status,
        409,
        "not while in review"
    );
    let question = json!({"decision": "request_information", "reason": "which court issued the warrant?"});
    assert_eq!(
        server.post(&format!("{path}/decision"), "reviewer.one", &question).await.body["outcomes"][0]["state"],
        "info_requested"
    );
    edited["judicial"]["warrant"]["authority"] = json!("Juge d'instruction, Tribunal judiciaire de Lyon (2e cabinet)");
    assert_eq!(server.call("PUT", &path, Some("ncb.fr"), Some(&edited.to_string())).await.status, 200);
    let again = server.post(&format!("{path}/submit"), "ncb.fr", &json!({})).await;
    assert_eq!(again.status, 200, "{:?}", again.body);
    assert_eq!(again.body["notices"][0]["state"], "in_review");

    // Withdrawn with a reason, it leaves the queue; nothing is left to withdraw.
    assert_eq!(server.post(&format!("{path}/withdraw"), "ncb.fr", &json!({})).await.body["field"], "reason");
    let withdrawn = server
        .post(&format!("{path}/withdraw"), "ncb.fr", &json!({"reason": "the subject was arrested in France"}))
        .await;
    assert_eq!(withdrawn.status, 200, "{:?}", withdrawn.body);
    assert_eq!(withdrawn.body["withdrawn"].as_array().unwrap().len(), 1);
    assert_eq!(server.get("/api/v1/review/queue", "reviewer.one").await.body["requests"], json!([]));
    assert_eq!(server.post(&format!("{path}/withdraw"), "ncb.fr", &json!({"reason": "again"})).await.status, 409);
}

async fn a_diffusion_reaches_its_recipients_at_once_unless_its_check_finds_art_2_or_3(server: Server) {
    let mut diffusion = case(MURDER);
    diffusion["kind"] = json!("diffusion");
    diffusion["to"] = json!(["IT"]);
    let created = server.post("/api/v1/requests", "ncb.fr", &diffusion).await;
    let id = created.body["request_id"].as_i64().unwrap();
    let submission = server.post(&format!("/api/v1/requests/{id}/submit"), "ncb.fr", &json!({})).await;
    assert_eq!(submission.status, 200, "{:?}", submission.body);
    assert_eq!(submission.body["notices"][0]["state"], "published", "delivered without waiting for review");
    let traveller =
        json!({"persons": [{"family_name": "MARCHETTI", "forenames": "Luca", "date_of_birth": "1988-03-11"}]});
    let hits = |answer: &Answer| answer.body["results"][0]["hits"].as_array().unwrap().len();
    assert_eq!(hits(&server.post("/api/v1/screen", "border.it", &traveller).await), 1, "the recipient screens it");
    assert_eq!(hits(&server.post("/api/v1/screen", "border.de", &traveller).await), 0, "others do not");
    assert_eq!(hits(&server.post("/api/v1/screen", "ncb.ir", &traveller).await), 0);
    assert!(server.get("/api/v1/review/queue", "reviewer.one").await.body["requests"].as_array().unwrap().is_empty());

    // The request that started this project, as a diffusion: held for a reviewer, screened by no one.
    let mut seed = case(SEED);
    seed["kind"] = json!("diffusion");
    seed["to"] = json!(["DE"]);
    let created = server.post("/api/v1/requests", "ncb.ir", &seed).await;
    let id = created.body["request_id"].as_i64().unwrap();
    let submission = server.post(&format!("/api/v1/requests/{id}/submit"), "ncb.ir", &json!({})).await;
    assert_eq!(submission.body["recommendation"], "refuse");
    assert!(submission.body["notices"].as_array().unwrap().iter().all(|n| n["state"] == "in_review"), "held");
    let held = json!({"persons": [{"name": "Donald John TRUMP"}]});
    assert_eq!(hits(&server.post("/api/v1/screen", "border.de", &held).await), 0);
    let queue = server.get("/api/v1/review/queue", "reviewer.one").await;
    assert_eq!(queue.body["requests"][0]["request_id"], id);

    // Not only a refusal holds one: a finding of art. 2 (a trial in absentia) waits for a reviewer too.
    let mut unfair = case(MURDER);
    unfair["kind"] = json!("diffusion");
    unfair["to"] = json!(["*"]);
    unfair["reference"] = json!("LYON-2024-0999");
    unfair["judicial"]["in_absentia"] = json!(true);
    let created = server.post("/api/v1/requests", "ncb.fr", &unfair).await;
    assert_eq!(created.status, 201, "to every member: {:?}", created.body);
    let id = created.body["request_id"].as_i64().unwrap();
    let submission = server.post(&format!("/api/v1/requests/{id}/submit"), "ncb.fr", &json!({})).await;
    assert_eq!(submission.body["recommendation"], "review", "{:?}", submission.body);
    assert_eq!(submission.body["notices"][0]["state"], "in_review", "held for a reviewer");
    let queue = server.get("/api/v1/review/queue", "reviewer.one").await;
    assert!(queue.body["requests"].as_array().unwrap().iter().any(|r| r["request_id"] == id));

    // To every member: each one screens it once it is delivered.
    let mut everyone = case(MURDER);
    everyone["kind"] = json!("diffusion");
    everyone["to"] = json!(["*"]);
    everyone["reference"] = json!("LYON-2024-1000");
    everyone["subjects"][0]["family_name"] = json!("DELACROIX-VANDAMME");
    let created = server.post("/api/v1/requests", "ncb.fr", &everyone).await;
    let id = created.body["request_id"].as_i64().unwrap();
    let submission = server.post(&format!("/api/v1/requests/{id}/submit"), "ncb.fr", &json!({})).await;
    assert_eq!(submission.body["notices"][0]["state"], "published", "{:?}", submission.body);
    let notice = submission.body["notices"][0]["id"].clone();
    let traveller =
        json!({"persons": [{"family_name": "DELACROIX-VANDAMME", "forenames": "Luca", "date_of_birth": "1988-03-11"}]});
    for screener in ["border.de", "border.it"] {
        let answer = server.post("/api/v1/screen", screener, &traveller).await;
        let hits = answer.body["results"][0]["hits"].as_array().unwrap();
        assert!(hits.iter().any(|hit| hit["id"] == notice), "{screener}: {:?}", answer.body);
    }
    for bad in [json!(["*", "DE"]), json!(["DE", "XX"])] {
        let mut request = case(MURDER);
        request["kind"] = json!("diffusion");
        request["to"] = bad.clone();
        let answer = server.post("/api/v1/requests", "ncb.fr", &request).await;
        assert_eq!(answer.status, 422, "{bad}: {:?}", answer.body);
        assert!(answer.body["field"].as_str().unwrap().starts_with("to"), "{bad}: {:?}", answer.body);
    }
}

async fn a_second_notice_for_the_same_case_is_flagged_with_the_first(server: Server) {
    let submit = |request: Value| {
        let server = &server;
        async move {
            let created = server.post("/api/v1/requests", "ncb.fr", &request).await;
            assert_eq!(created.status, 201, "{:?}", created.body);
            let id = created.body["request_id"].as_i64().unwrap();
            let submitted = server.post(&format!("/api/v1/requests/{id}/submit"), "ncb.fr", &json!({})).await;
            assert_eq!(submitted.status, 200, "{:?}", submitted.body);
            submitted.body
        }
    };
    let duplicates = |body: &Value| -> Vec<String> {
        body["notices"][0]["report"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "data.duplicate")
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect()
    };
    let first = submit(case(MURDER)).await;
    assert_eq!(first["recommendation"], "clear", "{first:?}");
    let first_notice = first["notices"][0]["id"].as_str().unwrap().to_string();

    // The same person again, with the same reference, spelt otherwise: in review, then in force.
    let mut again = case(MURDER);
    again["subjects"][0]["family_name"] = json!("MARKETTI");
    let second = submit(again).await;
    assert_eq!(second["recommendation"], "review", "{second:?}");
    let said = duplicates(&second);
    assert_eq!(said.len(), 1, "{second:?}");
    assert!(said[0].contains(&first_notice) && said[0].contains("in_review"), "{said:?}");
    assert!(said[0].contains("same reference") && said[0].contains("same person"), "{said:?}");

    // Another person under another reference is not flagged; one under the same reference is.
    let mut other = case(MURDER);
    other["reference"] = json!("LYON-2025-0001");
    other["subjects"][0]["family_name"] = json!("OKONKWO");
    other["subjects"][0]["forenames"] = json!("Chidi");
    other["subjects"][0]["date_of_birth"] = json!("1979-07-30");
    other["subjects"][0]["identity_documents"][0]["number"] = json!("YB7654321");
    let third = submit(other.clone()).await;
    assert!(duplicates(&third).is_empty(), "{third:?}");
    other["subjects"][0]["family_name"] = json!("NWOSU");
    other["subjects"][0]["forenames"] = json!("Ada");
    other["subjects"][0]["identity_documents"][0]["number"] = json!("YC1111111");
    let fourth = submit(other).await;
    let said = duplicates(&fourth);
    assert_eq!(said.len(), 1, "{fourth:?}");
    assert!(said[0].contains("same reference") && !said[0].contains("same person"), "{said:?}");

    // Another country's notice for the same person is not the requester's duplicate.
    let mut elsewhere = case(MURDER);
    elsewhere["requested_by"] = json!("DE");
    let created = server.post("/api/v1/requests", "ncb.de", &elsewhere).await;
    let id = created.body["request_id"].as_i64().unwrap();
    let submitted = server.post(&format!("/api/v1/requests/{id}/submit"), "ncb.de", &json!({})).await;
    assert!(duplicates(&submitted.body).is_empty(), "{:?}", submitted.body);
}

async fn what_others_say_is_kept_with_who_said_it_and_checks_the_notice_again(server: Server) {
    let (id, submission) = submitted(&server, "ncb.fr", MURDER).await;
    assert_eq!(submission.body["recommendation"], "clear");
    let notice = submission.body["notices"][0]["id"].as_str().unwrap().replace('/', "-");
    let objections = format!("/api/v1/notices/{notice}/objections");
    let objection = json!({"summary": "The subject is prosecuted for his reporting on the case."});
    // Nobody objects to what they cannot see: a notice in review is not another bureau's to know of.
    assert_eq!(server.post(&objections, "ncb.de", &objection).await.status, 404);
    let published = server
        .post(
            &format!("/api/v1/requests/{id}/decision"),
            "reviewer.one",
            &json!({"decision": "publish", "reason": "ordinary"}),
        )
        .await;
    assert_eq!(published.status, 200, "{:?}", published.body);

    // Another member's bureau lodges its objection; the notice is checked again and waits for a reviewer.
    let lodged = server.post(&objections, "ncb.de", &objection).await;
    assert_eq!(lodged.status, 201, "{:?}", lodged.body);
    assert_eq!(lodged.body["knowledge"]["country"], "DE");
    assert_eq!(lodged.body["knowledge"]["recorded_by"], "ncb.de");
    assert_eq!(lodged.body["rechecked"][0]["state"], "published", "one sign alone keeps it in force");
    let queue = server.get("/api/v1/review/queue", "reviewer.one").await;
    let queued = queue.body["requests"].as_array().unwrap().iter().find(|r| r["request_id"] == id).cloned();
    let queued = queued.expect("back in the queue");
    assert!(queued["notices"][0]["recheck"].as_str().unwrap().contains("art3.objection"), "{queued:?}");
    let findings = &queued["notices"][0]["report"]["findings"];
    let said = findings.as_array().unwrap().iter().find(|f| f["rule"] == "art3.objection").unwrap();
    assert!(said["message"].as_str().unwrap().contains("DE objects, as its bureau lodged"), "{said:?}");

    // The requester, a screener and a reviewer may not lodge one; a body that does not read is named.
    assert_eq!(server.post(&objections, "ncb.fr", &objection).await.status, 403);
    assert_eq!(server.post(&objections, "border.de", &objection).await.status, 403);
    assert_eq!(server.post(&objections, "reviewer.one", &objection).await.status, 403);
    let empty = server.post(&objections, "ncb.ie", &json!({"summary": " "})).await;
    assert_eq!((empty.status, empty.body["field"].as_str()), (422, Some("summary")), "{:?}", empty.body);
    let unknown = server.post(&objections, "ncb.ie", &json!({"summary": "x", "country": "IE"})).await;
    assert_eq!(unknown.status, 422, "{:?}", unknown.body);

    // A reviewer keeps it as it stands: it leaves the queue; keeping it twice has nothing to keep.
    let keep = format!("/api/v1/notices/{notice}/keep");
    let kept = server.post(&keep, "reviewer.one", &json!({"reason": "the objection gives no facts"})).await;
    assert_eq!(kept.status, 200, "{:?}", kept.body);
    assert_eq!(server.post(&keep, "reviewer.one", &json!({"reason": "again"})).await.status, 409);
    let queue = server.get("/api/v1/review/queue", "reviewer.one").await;
    assert!(!queue.body["requests"].as_array().unwrap().iter().any(|r| r["request_id"] == id));

    // A reviewer records that the subject is a sitting foreign minister: the notice leaves force at once.
    let knowledge = format!("/api/v1/requests/{id}/knowledge");
    let status = json!({"kind": "status", "status": "foreign_minister", "subject": 0,
                        "source": "the government's gazette", "known_on": "2026-11-20"});
    let recorded = server.post(&knowledge, "reviewer.two", &status).await;
    assert_eq!(recorded.status, 201, "{:?}", recorded.body);
    assert_eq!(recorded.body["rechecked"][0]["state"], "suspended", "{:?}", recorded.body);
    let traveller =
        json!({"persons": [{"family_name": "MARCHETTI", "forenames": "Luca", "date_of_birth": "1988-03-11"}]});
    let hits = server.post("/api/v1/screen", "border.de", &traveller).await;
    assert_eq!(hits.body["results"][0]["hits"], json!([]), "screening no longer shows it");
    let listed = server.get(&knowledge, "reviewer.one").await;
    assert_eq!(listed.status, 200);
    let items = listed.body["knowledge"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!((items[1]["kind"].as_str(), items[1]["recorded_by"].as_str()), (Some("status"), Some("reviewer.two")));
    assert_eq!(server.get(&knowledge, "ncb.fr").await.status, 403, "the requester does not read it");
    assert_eq!(server.post(&knowledge, "ncb.fr", &status).await.status, 403, "nor write it");

    for (body, field) in [
        (json!({"kind": "rumour", "text": "x", "source": "y"}), "kind"),
        (json!({"kind": "refugee_status", "granted_by": "CA", "year": 1900, "source": "UNHCR"}), "year"),
        (json!({"kind": "fact", "text": "x"}), "source"),
        (json!({"kind": "fact", "text": "x", "source": "y", "subject": 4}), "subject"),
        (json!({"kind": "objection", "summary": "x", "source": "a note verbale"}), "country"),
        (json!({"kind": "objection", "summary": "x", "source": "a note verbale", "country": "FR"}), "country"),
        (json!({"kind": "fact", "text": "x", "source": "y", "known_on": "2026-13-01"}), "known_on"),
    ] {
        let answer = server.post(&knowledge, "reviewer.one", &body).await;
        assert_eq!(answer.status, 422, "{body}: {:?}", answer.body);
        assert_eq!(answer.body["field"], field, "{body}: {:?}", answer.body);
    }
    // The requesting bureau was told each time its notice came back to a reviewer, and why.
    let told = server.get("/api/v1/notifications", "ncb.fr").await;
    let rechecked: Vec<&Value> =
        told.body["notifications"].as_array().unwrap().iter().filter(|n| n["kind"] == "rechecked").collect();
    assert_eq!(rechecked.len(), 2, "{:?}", told.body);
    assert!(rechecked[0]["reason"].as_str().unwrap().contains("art3.objection"), "{:?}", rechecked[0]);
    assert!(rechecked[1]["reason"].as_str().unwrap().contains("now recommends refusal"), "{:?}", rechecked[1]);
    assert!(rechecked[0].get("located_in").is_none(), "{:?}", rechecked[0]);
    let trail = server.get("/api/v1/audit?limit=1000", "auditor").await;
    let actions: Vec<&str> =
        trail.body["records"].as_array().unwrap().iter().map(|r| r["action"].as_str().unwrap()).collect();
    for action in ["knowledge.record", "notice.recheck", "notice.recheck.kept", "notice.suspend"] {
        assert!(actions.contains(&action), "{action} is on the record");
    }
}

async fn administrators_manage_users_and_tokens(server: Server) {
    let created =
        server.post("/api/v1/users", "admin", &json!({"name": "border.es", "role": "screener", "country": "ES"})).await;
    assert_eq!(created.status, 201, "{:?}", created.body);
    let token = created.body["token"].as_str().unwrap().to_string();
    let screen = json!({"persons": [{"name": "Nobody Known"}]});
    assert_eq!(server.call("POST", "/api/v1/screen", Some(&token), Some(&screen.to_string())).await.status, 200);
    let users = server.get("/api/v1/users", "admin").await;
    assert!(users.body["users"].as_array().unwrap().iter().any(|u| u["name"] == "border.es" && u["country"] == "ES"));

    let cases = [
        (json!({"name": "border.xx", "role": "screener"}), "country"),
        (json!({"name": "border.yy", "role": "emperor"}), "role"),
        (json!({"name": "border.zz", "role": "reviewer", "country": "ZZ"}), "country"),
        (json!({"role": "reviewer"}), "name"),
    ];
    for (body, field) in cases {
        let answer = server.post("/api/v1/users", "admin", &body).await;
        assert_eq!(answer.status, 422, "{body}");
        assert_eq!(answer.body["field"], field, "{body}");
    }
    let again =
        server.post("/api/v1/users", "admin", &json!({"name": "border.es", "role": "screener", "country": "ES"})).await;
    assert_eq!(again.status, 409);

    let revoked = server.post("/api/v1/users/border.es/tokens/revoke", "admin", &json!({})).await;
    assert_eq!(revoked.body["revoked"], 1);
    assert_eq!(server.call("POST", "/api/v1/screen", Some(&token), Some(&screen.to_string())).await.status, 401);
    let fresh = server.post("/api/v1/users/border.es/tokens", "admin", &json!({"label": "gate system"})).await;
    assert_eq!(fresh.status, 201);
    let fresh = fresh.body["token"].as_str().unwrap().to_string();
    assert_eq!(server.call("POST", "/api/v1/screen", Some(&fresh), Some(&screen.to_string())).await.status, 200);
    assert_eq!(server.post("/api/v1/users/nobody/tokens", "admin", &json!({})).await.status, 404);
    let long = server.post("/api/v1/users/border.es/tokens", "admin", &json!({"label": "x".repeat(101)})).await;
    assert_eq!(long.body["field"], "label");
    for user in ["reviewer.one", "auditor", "ncb.fr"] {
        assert_eq!(server.get("/api/v1/users", user).await.status, 403, "{user}");
        assert_eq!(server.post("/api/v1/users/border.es/tokens", user, &json!({})).await.status, 403, "{user}");
    }
}

/// What a bureau's server received: each delivery's headers and body.
type Received = Arc<std::sync::Mutex<Vec<(axum::http::HeaderMap, String)>>>;

/// A bureau's webhook receiver on a random port, which fails its first delivery.
async fn receiver() -> (SocketAddr, Received) {
    let received: Received = Arc::default();
    let kept = received.clone();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: axum::http::HeaderMap, body: String| {
            let kept = kept.clone();
            async move {
                let mut list = kept.lock().unwrap();
                list.push((headers, body));
                if list.len() == 1 { axum::http::StatusCode::SERVICE_UNAVAILABLE } else { axum::http::StatusCode::OK }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (address, received)
}

async fn wait_for(received: &Received, count: usize) {
    for _ in 0..200 {
        if received.lock().unwrap().len() >= count {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{count} deliveries expected, {} came", received.lock().unwrap().len());
}

async fn a_located_hit_reaches_the_bureau_by_signed_webhook(server: Server) {
    let (address, received) = receiver().await;
    let url = format!("http://{address}/hook");
    let put = |user: &'static str, body: Value| {
        let server = &server;
        async move { server.call("PUT", "/api/v1/webhook", Some(user), Some(&body.to_string())).await }
    };
    assert_eq!(put("border.de", json!({"url": url})).await.status, 403, "screeners have no webhook");
    let plain = put("ncb.fr", json!({"url": "http://ncb.example.fr/hook"})).await;
    assert_eq!((plain.status, plain.body["field"].as_str()), (422, Some("url")), "personal data leave over https only");
    assert_eq!(server.get("/api/v1/webhook", "ncb.fr").await.status, 404);
    let broken = server.call("PUT", "/api/v1/webhook", Some("ncb.fr"), Some("{\"url\": ")).await;
    assert_eq!((broken.status, broken.body["code"].as_str()), (400, Some("malformed_json")));
    let misspelt = put("ncb.fr", json!({"uri": url})).await;
    assert_eq!((misspelt.status, misspelt.body["field"].as_str()), (422, Some("uri")));
    // Published before the webhook is registered: only what is made after it is sent there.
    let (id, _) = submitted(&server, "ncb.fr", MURDER).await;
    let decision = json!({"decision": "publish", "reason": "ordinary-law crime"});
    let decided = server.post(&format!("/api/v1/requests/{id}/decision"), "reviewer.one", &decision).await;
    let notice = decided.body["outcomes"][0]["notice"].as_str().unwrap().to_string();
    let registered = put("ncb.fr", json!({"url": url})).await;
    assert_eq!(registered.status, 200, "{:?}", registered.body);
    let secret = registered.body["secret"].as_str().unwrap().to_string();
    let shown = server.get("/api/v1/webhook", "ncb.fr").await;
    assert_eq!(shown.body["url"], url.as_str());
    assert!(shown.body.get("secret").is_none(), "the secret is shown once");

    let located_path = format!("/api/v1/notices/{}/located", notice.replace('/', "-"));
    let located = server.post(&located_path, "border.de", &json!({"place": "Frankfurt airport"})).await;
    assert_eq!(located.status, 201, "{:?}", located.body);

    // The first attempt comes at once and is refused; the next waits ten seconds on the store's clock.
    wait_for(&received, 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(received.lock().unwrap().len(), 1, "no retry before its time");
    server.shift.fetch_add(11, Ordering::SeqCst);
    wait_for(&received, 2).await;

    let (headers, body) = received.lock().unwrap()[1].clone();
    let header = |name: &str| headers.get(name).unwrap().to_str().unwrap().to_string();
    assert_eq!(header("dragnet-event"), "located");
    assert_eq!(header("content-type"), "application/json");
    let signature = header("dragnet-signature");
    let timestamp: i64 = signature.strip_prefix("t=").unwrap().split(',').next().unwrap().parse().unwrap();
    assert_eq!(signature, dragnet_server::webhooks::signature(&secret, timestamp, body.as_bytes()));
    assert_ne!(signature, dragnet_server::webhooks::signature("whsec_other", timestamp, body.as_bytes()));
    let delivered: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(delivered["event"], "located");
    assert_eq!(delivered["notification"]["notice"], notice.as_str());
    assert_eq!(delivered["notification"]["place"], "Frankfurt airport");
    assert_eq!(header("dragnet-delivery"), delivered["notification"]["id"].to_string());

    // Taken once: no third delivery, the hand-over is audited, and the poll list still has it.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    server.state.app.deliveries.notify_one();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(received.lock().unwrap().len(), 2);
    let records = server.store.audit_records(0, 1000).await.unwrap();
    let actions: Vec<&str> = records.iter().map(|r| r.action.as_str()).collect();
    assert!(actions.contains(&"webhook.set") && actions.contains(&"notification.deliver"), "{actions:?}");
    let polled = server.get("/api/v1/notifications", "ncb.fr").await;
    let kinds: Vec<&str> =
        polled.body["notifications"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["published", "located"]);

    assert_eq!(server.call("DELETE", "/api/v1/webhook", Some("ncb.fr"), None).await.status, 204);
    assert_eq!(server.call("DELETE", "/api/v1/webhook", Some("ncb.fr"), None).await.status, 404);
}

fn register_rules(submission: &Answer) -> Vec<String> {
    submission.body["notices"][0]["report"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|finding| finding["message"].as_str().unwrap().contains("office-holder register"))
        .map(|finding| finding["rule"].as_str().unwrap().to_string())
        .collect()
}

async fn the_office_holder_register_is_kept_over_the_api_and_changes_the_check(server: Server) {
    let listed = server.get("/api/v1/office-holders", "reviewer.one").await;
    assert_eq!(listed.status, 200, "{:?}", listed.body);
    let seeded = listed.body["office_holders"].as_array().unwrap().len();
    assert!(seeded >= 10, "filled from the built-in register: {seeded}");
    assert_eq!(server.get("/api/v1/office-holders", "ncb.fr").await.status, 403);

    let holder = json!({"names": [{"forenames": "Luca", "family_name": "MARCHETTI"}], "status": "head_of_state",
        "office": "President of the Republic", "country": "IT", "date_of_birth": "1988-03-11", "since": "2026-01-01"});
    assert_eq!(server.post("/api/v1/office-holders", "reviewer.one", &holder).await.status, 403);
    let mut bad = holder.clone();
    bad["status"] = json!("emperor");
    assert_eq!(server.post("/api/v1/office-holders", "admin", &bad).await.body["field"], "status");
    let broken = server.call("POST", "/api/v1/office-holders", Some("admin"), Some("not json")).await;
    assert_eq!((broken.status, broken.body["code"].as_str()), (400, Some("malformed_json")));
    let mut nested = holder.clone();
    nested["names"][0]["middle"] = json!("X");
    assert_eq!(server.post("/api/v1/office-holders", "admin", &nested).await.body["field"], "names[0].middle");
    let added = server.post("/api/v1/office-holders", "admin", &holder).await;
    assert_eq!(added.status, 201, "{:?}", added.body);
    assert_eq!(added.body["names"][0]["family_name"], "MARCHETTI");
    let entry = added.body["id"].as_i64().unwrap();

    // The next submission is checked against the register as it now stands.
    let (first, submission) = submitted(&server, "ncb.fr", MURDER).await;
    assert_eq!(submission.status, 200, "{:?}", submission.body);
    // Born the same day as the subject: the register makes them a serving head of state, immune.
    assert_eq!(register_rules(&submission), ["art3.immunity"], "{:?}", submission.body);
    assert_eq!(submission.body["recommendation"], "refuse");
    let withdrawn =
        server.post(&format!("/api/v1/requests/{first}/withdraw"), "ncb.fr", &json!({"reason": "resent"})).await;
    assert_eq!(withdrawn.status, 200, "{:?}", withdrawn.body);

    let remove = format!("/api/v1/office-holders/{entry}/remove");
    assert_eq!(server.post(&remove, "admin", &json!({})).await.body["field"], "reason");
    let removed = server.post(&remove, "admin", &json!({"reason": "left office on 2 May 2026"})).await;
    assert_eq!(removed.status, 200, "{:?}", removed.body);
    assert_eq!(server.post(&remove, "admin", &json!({"reason": "again"})).await.status, 404);
    let (_, submission) = submitted(&server, "ncb.fr", MURDER).await;
    assert!(register_rules(&submission).is_empty(), "{:?}", submission.body);
    assert_eq!(submission.body["recommendation"], "clear", "{:?}", submission.body);

    // A restart keeps the register as edited: it is not filled again from the policy files.
    let (restarted, _) =
        dragnet_app::Views::load(server.store.as_ref(), dragnet_review::Policy::built_in()).await.unwrap();
    assert_eq!(restarted.policy().office_holders.len(), seeded);
    assert_eq!(server.store.office_holders().await.unwrap().len(), seeded);
    let records = server.store.audit_records(0, 1000).await.unwrap();
    let removal = records.iter().find(|r| r.action == "register.remove").unwrap();
    assert_eq!(removal.reason.as_deref(), Some("left office on 2 May 2026"));
    assert!(removal.details.contains("MARCHETTI"));

    // A notice in force whose subject then takes office is checked again when the register says so:
    // it leaves force at once and waits for a reviewer; a namesake born another day is left alone.
    let mut namesake = case(MURDER);
    namesake["reference"] = json!("LYON-2024-2000");
    namesake["subjects"][0]["date_of_birth"] = json!("1971-09-30");
    namesake["subjects"][0]["identity_documents"][0]["number"] = json!("YZ9999999");
    let created = server.post("/api/v1/requests", "ncb.fr", &namesake).await;
    let other = created.body["request_id"].as_i64().unwrap();
    server.post(&format!("/api/v1/requests/{other}/submit"), "ncb.fr", &json!({})).await;
    let last = server.get("/api/v1/review/queue", "reviewer.one").await;
    for request in last.body["requests"].as_array().unwrap().iter().map(|r| r["request_id"].as_i64().unwrap()) {
        let decided = server
            .post(
                &format!("/api/v1/requests/{request}/decision"),
                "reviewer.one",
                &json!({"decision": "publish", "reason": "ordinary"}),
            )
            .await;
        assert_eq!(decided.status, 200, "{:?}", decided.body);
    }
    let states = |request: i64| {
        let server = &server;
        async move {
            let read = server.get(&format!("/api/v1/requests/{request}"), "reviewer.one").await;
            read.body["notices"][0]["state"].as_str().unwrap().to_string()
        }
    };
    assert_eq!(last.body["requests"].as_array().unwrap().len(), 2, "the murder sent again, and the namesake's");
    assert_eq!(states(other).await, "published");
    assert_eq!(server.post("/api/v1/office-holders", "admin", &holder).await.status, 201);
    let suspended: Vec<String> = {
        let mut all = Vec::new();
        for request in last.body["requests"].as_array().unwrap().iter().map(|r| r["request_id"].as_i64().unwrap()) {
            all.push(states(request).await);
        }
        all
    };
    assert!(suspended.contains(&"suspended".to_string()), "{suspended:?}");
    assert_eq!(states(other).await, "published", "the namesake stays in force");
    let queue = server.get("/api/v1/review/queue", "reviewer.one").await;
    assert!(queue.body["requests"].as_array().unwrap().iter().any(|r| r["notices"][0]["recheck"].is_string()));
}

/// Calls are counted per address before any token is looked at: a flood of bad tokens from one
/// address is stopped like any other.
#[tokio::test]
async fn each_address_has_its_limit_signed_in_or_not() {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> =
        Arc::new(SqliteStore::open(&dir.path().join("dragnet.sqlite3"), Clock::system()).await.unwrap());
    let mut state = AppState::load(store.clone(), dragnet_review::Policy::built_in()).await.unwrap();
    state.address_limits = Arc::new(dragnet_server::limits::RateLimits::new(0.5, 3.0));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(dragnet_server::serve(listener, state.clone(), std::future::pending()));
    let server = Server { address, store, state, shift: Arc::default(), tokens: Default::default() };
    for _ in 0..3 {
        assert_eq!(server.get("/api/v1/review/queue", "dn_made-up").await.status, 401);
    }
    let refused = server.get("/api/v1/review/queue", "dn_made-up").await;
    assert_eq!(refused.status, 429, "{:?}", refused.body);
    assert_eq!(refused.body["code"], "rate_limited");
    assert_eq!(refused.header("retry-after"), Some("2"));
    assert_eq!(server.call("GET", "/healthz", None, None).await.status, 429, "every path counts");
}

/// A call to the public API, without a token.
async fn public(server: &Server, path: &str) -> Answer {
    server.call("GET", path, None, None).await
}

/// Publishes `request` as `bureau`; answers its first notice's id as the public API writes it (`2026-00001`).
async fn published_as(server: &Server, bureau: &str, request: &Value) -> String {
    let created = server.post("/api/v1/requests", bureau, request).await;
    assert_eq!(created.status, 201, "{:?}", created.body);
    let id = created.body["request_id"].as_i64().unwrap();
    let submitted = server.post(&format!("/api/v1/requests/{id}/submit"), bureau, &json!({})).await;
    assert_eq!(submitted.status, 200, "{:?}", submitted.body);
    let decision = json!({"decision": "publish", "reason": "ordinary-law crime"});
    let decided = server.post(&format!("/api/v1/requests/{id}/decision"), "reviewer.one", &decision).await;
    assert_eq!(decided.status, 200, "{:?}", decided.body);
    created.body["notices"][0].as_str().unwrap().replace('/', "-")
}

async fn the_public_api_shows_public_extracts_only_in_interpols_shape(server: Server) {
    let mut murder = case(MURDER);
    murder["public_extract"] = json!(true);
    let shown = published_as(&server, "ncb.fr", &murder).await;
    let mut accomplice = murder.clone();
    accomplice["subjects"][0]["family_name"] = json!("ALQASIMEHR");
    accomplice["subjects"][0]["forenames"] = json!("Ali");
    accomplice["subjects"][0]["identity_documents"][0]["number"] = json!("YB7654321");
    let written_otherwise = published_as(&server, "ncb.fr", &accomplice).await;
    let not_public = published_as(&server, "ncb.fr", &case(MURDER)).await;
    let mut barred = murder.clone();
    barred["barred_countries"] = json!(["DE"]);
    let restricted = published_as(&server, "ncb.fr", &barred).await;
    let waiting =
        server.post("/api/v1/requests", "ncb.fr", &murder).await.body["notices"][0].as_str().unwrap().replace('/', "-");
    let mut missing = case("19-yellow-missing-child.json");
    missing["public_extract"] = json!(true);
    let child = published_as(&server, "ncb.ie", &missing).await;

    // The list: only what the requester agreed to show, published, barred from no one.
    let list = public(&server, "/notices/v1/red").await;
    assert_eq!(list.status, 200, "{:?}", list.body);
    assert_eq!(list.body["total"], 2, "{}", list.body);
    let ids: Vec<&str> = list.body["_embedded"]["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["entity_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [written_otherwise.replace('-', "/"), shown.replace('-', "/")], "newest first, ids with a slash");
    let first = &list.body["_embedded"]["notices"][1];
    assert_eq!((first["name"].as_str(), first["forename"].as_str()), (Some("MARCHETTI"), Some("Luca")));
    assert_eq!(first["date_of_birth"], "1988/03/11");
    assert_eq!(first["nationalities"], json!(["IT"]));
    let host = format!("http://{}", server.address);
    assert_eq!(first["_links"]["self"]["href"], format!("{host}/notices/v1/red/{shown}"));
    assert_eq!(list.body["query"], json!({"page": 1, "resultPerPage": 20}));
    assert_eq!(list.body["_links"]["last"]["href"], format!("{host}/notices/v1/red?resultPerPage=20&page=1"));
    assert!(list.body["_links"].get("next").is_none(), "one page only");
    for hidden in [&not_public, &restricted, &waiting] {
        assert!(!list.body.to_string().contains(&hidden.replace('-', "/")), "{hidden} is not public");
        let detail = public(&server, &format!("/notices/v1/red/{hidden}")).await;
        assert_eq!(
            (detail.status, detail.body.clone()),
            (404, json!({"status": 404, "name": "NotFoundError", "message": "Not Found"}))
        );
    }

    // Names through the screening engine, across spellings; the other filters; paging that goes on.
    let by_name = public(&server, "/notices/v1/red?name=Alghasi-Mehr&forename=Ali").await;
    assert_eq!(by_name.body["total"], 1, "{}", by_name.body);
    assert_eq!(by_name.body["_embedded"]["notices"][0]["entity_id"], written_otherwise.replace('-', "/"));
    assert_eq!(
        by_name.body["query"],
        json!({"name": "Alghasi-Mehr", "forename": "Ali", "page": 1, "resultPerPage": 20})
    );
    let filtered = [
        ("nationality=IT&sexId=M&arrestWarrantCountryId=FR", 2),
        ("nationality=DE", 0),
        ("sexId=F", 0),
        ("ageMin=18&ageMax=120", 2),
        ("ageMax=17", 0),
        ("freeText=meurtre", 2),
        ("freeText=marchetti%20murder", 1),
        ("sexId=", 2),
    ];
    for (query, total) in filtered {
        let answer = public(&server, &format!("/notices/v1/red?{query}")).await;
        assert_eq!(answer.body["total"], total, "{query}: {}", answer.body);
    }
    let second = public(&server, "/notices/v1/red?resultPerPage=1&page=2").await;
    assert_eq!(second.body["_embedded"]["notices"][0]["entity_id"], shown.replace('-', "/"));
    assert_eq!(second.body["_links"]["first"]["href"], format!("{host}/notices/v1/red?resultPerPage=1&page=1"));
    let first_page = public(&server, "/notices/v1/red?resultPerPage=1").await;
    assert_eq!(first_page.body["_links"]["next"]["href"], format!("{host}/notices/v1/red?resultPerPage=1&page=2"));
    for bad in ["page=0", "resultPerPage=1000", "nationality=ZZ", "ageMin=old", "sexId=X"] {
        let answer = public(&server, &format!("/notices/v1/red?{bad}")).await;
        assert_eq!((answer.status, answer.body["name"].as_str()), (400, Some("BadRequestError")), "{bad}");
    }

    // The detail: only what an extract may show.
    let detail = public(&server, &format!("/notices/v1/red/{shown}")).await;
    assert_eq!(detail.status, 200);
    assert_eq!(detail.body["entity_id"], shown.replace('-', "/"));
    assert_eq!(detail.body["arrest_warrants"], json!([{"issuing_country_id": "FR", "charge": "Meurtre (murder)"}]));
    assert_eq!(detail.body["height"], 1.78);
    assert_eq!(detail.body["eyes_colors_id"], json!(["BRO"]));
    assert_eq!(detail.body["_links"]["images"]["href"], format!("{host}/notices/v1/red/{shown}/images"));
    assert!(!detail.body.to_string().contains("YA1234567"), "no passport number: {}", detail.body);
    let images = public(&server, &format!("/notices/v1/red/{shown}/images")).await;
    assert_eq!(images.body["_embedded"]["images"], json!([]), "no picture yet");
    // The requesting bureau uploads a picture; it is listed and served at once. Another bureau
    // does not find the notice, a screener may not, and the type must be a picture's and the bytes'.
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 3 4\"/>";
    let upload_path = format!("/api/v1/notices/{shown}/pictures");
    let upload = |user: &'static str, content_type: &'static str, bytes: &'static [u8]| {
        server.send("POST", &upload_path, Some(user), Some(content_type), bytes)
    };
    assert_eq!(upload("ncb.de", "image/svg+xml", svg.as_bytes()).await.status, 404);
    assert_eq!(upload("border.de", "image/svg+xml", svg.as_bytes()).await.status, 403);
    let html = upload("ncb.fr", "text/html", b"<script>alert(1)</script>").await;
    assert_eq!((html.status, html.body["code"].as_str()), (415, Some("unsupported_media_type")), "{:?}", html.body);
    let lying = upload("ncb.fr", "image/png", svg.as_bytes()).await;
    assert_eq!((lying.status, lying.body["field"].as_str()), (422, Some("body")), "{:?}", lying.body);
    let added = upload("ncb.fr", "image/svg+xml", svg.as_bytes()).await;
    assert_eq!(added.status, 201, "{:?}", added.body);
    let picture = added.body["picture"].as_i64().unwrap();
    let images = public(&server, &format!("/notices/v1/red/{shown}/images")).await;
    assert_eq!(images.body["_embedded"]["images"][0]["picture_id"], picture.to_string());
    let href = format!("{host}/notices/v1/red/{shown}/images/{picture}");
    assert_eq!(images.body["_embedded"]["images"][0]["_links"]["self"]["href"], href);
    assert_eq!(public(&server, &format!("/notices/v1/red/{shown}")).await.body["_links"]["thumbnail"]["href"], href);
    let raw = server.call("GET", &format!("/notices/v1/red/{shown}/images/{picture}"), None, None).await;
    assert_eq!((raw.status, raw.header("content-type")), (200, Some("image/svg+xml")));
    assert_eq!(raw.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(raw.body, svg);
    assert_eq!(public(&server, &format!("/notices/v1/red/{not_public}/images/{picture}")).await.status, 404);
    assert_eq!(images.body["_links"]["notice"]["href"], format!("{host}/notices/v1/red/{shown}"));
    assert_eq!(public(&server, &format!("/notices/v1/yellow/{shown}")).await.status, 404, "a red notice is not yellow");

    // A missing child on the yellow list, with where and when she disappeared; no UN notices.
    let yellow = public(&server, "/notices/v1/yellow").await;
    assert_eq!(yellow.body["total"], 1);
    let child_detail = public(&server, &format!("/notices/v1/yellow/{child}")).await;
    assert_eq!(
        (child_detail.body["place"].as_str(), child_detail.body["date_of_event"].as_str()),
        (Some("Dublin"), Some("2024/03/03"))
    );
    assert_eq!(public(&server, "/notices/v1/un").await.body["total"], 0);

    // Suspended, a notice leaves the public list at once.
    let suspend =
        server.post(&format!("/api/v1/notices/{shown}/suspend"), "reviewer.one", &json!({"reason": "check"})).await;
    assert_eq!(suspend.status, 200, "{:?}", suspend.body);
    assert_eq!(public(&server, "/notices/v1/red").await.body["total"], 1);
    assert_eq!(public(&server, &format!("/notices/v1/red/{shown}")).await.status, 404);
}

/// A role that may not change requests is refused alike whether the request exists or not, so
/// that trying ids one by one tells it nothing.
async fn a_wrong_role_learns_nothing_of_which_requests_exist(server: Server) {
    let created = server.post("/api/v1/requests", "ncb.fr", &case(MURDER)).await;
    let existing = created.body["request_id"].as_i64().unwrap();
    for id in [existing, 999_999] {
        for user in ["border.it", "reviewer.one"] {
            let submit = server.post(&format!("/api/v1/requests/{id}/submit"), user, &json!({})).await;
            assert_eq!(submit.status, 403, "{user} submitting {id}: {:?}", submit.body);
            let withdraw = server.post(&format!("/api/v1/requests/{id}/withdraw"), user, &json!({"reason": "x"})).await;
            assert_eq!(withdraw.status, 403, "{user} withdrawing {id}: {:?}", withdraw.body);
            let body = case(MURDER).to_string();
            let edit = server.call("PUT", &format!("/api/v1/requests/{id}"), Some(user), Some(&body)).await;
            assert_eq!(edit.status, 403, "{user} editing {id}: {:?}", edit.body);
        }
    }
}

async fn a_screener_reads_only_what_any_member_may(server: Server) {
    let mut request = case(MURDER);
    request["requested_by"] = json!("DE");
    let created = server.post("/api/v1/requests", "ncb.de", &request).await;
    assert_eq!(created.status, 201, "{:?}", created.body);
    let id = created.body["request_id"].as_i64().unwrap();
    let notice = created.body["notices"][0].as_str().unwrap().replace('/', "-");
    let (request_path, notice_path) = (format!("/api/v1/requests/{id}"), format!("/api/v1/notices/{notice}"));
    // A draft, then a request in review: its own bureau reads it; the same country's screener does not.
    for stage in ["draft", "in review"] {
        assert_eq!(server.get(&request_path, "ncb.de").await.status, 200, "{stage}");
        for path in [&request_path, &notice_path] {
            let read = server.get(path, "border.de").await;
            assert_eq!(read.status, 404, "{stage}: {path}: {:?}", read.body);
            assert!(!read.body.to_string().contains("MARCHETTI"), "no personal data in a refusal");
        }
        if stage == "draft" {
            let submitted = server.post(&format!("{request_path}/submit"), "ncb.de", &json!({})).await;
            assert_eq!(submitted.status, 200, "{:?}", submitted.body);
        }
    }
    let decision = json!({"decision": "publish", "reason": "ordinary-law crime"});
    assert_eq!(server.post(&format!("{request_path}/decision"), "reviewer.one", &decision).await.status, 200);
    // Published: the notice is what any member may read; the request stays the bureau's.
    assert_eq!(server.get(&notice_path, "border.de").await.status, 200);
    assert_eq!(server.get(&notice_path, "border.it").await.status, 200);
    assert_eq!(server.get(&request_path, "border.de").await.status, 404);
    // A screener may take no action on a notice: the same answer whether it exists or not.
    for action in ["cancel", "renew", "suspend", "reinstate"] {
        let existing = server.post(&format!("{notice_path}/{action}"), "border.de", &json!({"reason": "x"})).await;
        let missing = server.post(&format!("/api/v1/notices/2099-99999/{action}"), "border.de", &json!({})).await;
        assert_eq!((existing.status, missing.status), (403, 403), "{action}");
    }
}

async fn hostile_input_is_refused_with_its_field(server: Server) {
    let mut murder = case(MURDER);
    murder["public_extract"] = json!(true);
    let notice = published_as(&server, "ncb.fr", &murder).await;
    let located = server
        .post(&format!("/api/v1/notices/{notice}/located"), "border.de", &json!({"remarks": "held\u{0}here"}))
        .await;
    assert_eq!((located.status, located.body["field"].as_str()), (422, Some("remarks")), "{:?}", located.body);
    let escape = server
        .post(&format!("/api/v1/notices/{notice}/located"), "border.de", &json!({"place": "gate\u{1b}[2J B44"}))
        .await;
    assert_eq!((escape.status, escape.body["field"].as_str()), (422, Some("place")), "{:?}", escape.body);
    let label = server.post("/api/v1/users/border.de/tokens", "admin", &json!({"label": "gate\u{0}"})).await;
    assert_eq!((label.status, label.body["field"].as_str()), (422, Some("label")), "{:?}", label.body);
    for name in ["..", "-rf", ".hidden"] {
        let user = server.post("/api/v1/users", "admin", &json!({"name": name, "role": "auditor"})).await;
        assert_eq!((user.status, user.body["field"].as_str()), (422, Some("name")), "{name}: {:?}", user.body);
    }
    let days = server.post("/api/v1/users/border.de/tokens", "admin", &json!({"expires_in_days": 5000})).await;
    assert_eq!((days.status, days.body["field"].as_str()), (422, Some("expires_in_days")));
    let unknown =
        server.post(&format!("/api/v1/notices/{notice}/cancel"), "ncb.fr", &json!({"reason": "x", "reasn": 1})).await;
    assert_eq!((unknown.status, unknown.body["field"].as_str()), (422, Some("reasn")), "{:?}", unknown.body);
    let script = b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"fetch('//x.example')\"><rect/></svg>";
    let picture = server
        .send("POST", &format!("/api/v1/notices/{notice}/pictures"), Some("ncb.fr"), Some("image/svg+xml"), script)
        .await;
    assert_eq!((picture.status, picture.body["field"].as_str()), (422, Some("body")), "{:?}", picture.body);
    let plain = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"4\" height=\"4\"/></svg>";
    let picture = server
        .send("POST", &format!("/api/v1/notices/{notice}/pictures"), Some("ncb.fr"), Some("image/svg+xml"), plain)
        .await;
    assert_eq!(picture.status, 201, "{:?}", picture.body);
    // Screening: aliases and names bounded, so that no call asks for unbounded work.
    let aliases: Vec<String> = (0..101).map(|n| format!("ALIAS {n}")).collect();
    let heavy =
        server.post("/api/v1/screen", "border.de", &json!({"persons": [{"name": "A B", "aliases": aliases}]})).await;
    assert_eq!((heavy.status, heavy.body["field"].as_str()), (422, Some("persons[0].aliases")), "{:?}", heavy.body);
    let many: Vec<Value> = (0..250).map(|n| json!({"name": format!("P {n}"), "aliases": vec!["X Y"; 90]})).collect();
    let names = server.post("/api/v1/screen", "border.de", &json!({"persons": many})).await;
    assert_eq!(names.status, 413, "{:?}", names.body);
    let register = server
        .post(
            "/api/v1/office-holders",
            "admin",
            &json!({"names": [{"family_name": "DUF\u{202E}x", "forenames": "Jean"}],
            "status": "head_of_state", "office": "President", "country": "FR"}),
        )
        .await;
    assert_eq!(register.status, 422, "{:?}", register.body);
    // Names: one line of plain text, no direction override.
    let mut request = case(MURDER);
    request["subjects"][0]["family_name"] = json!("\u{202E}ITTEHCRAM");
    let created = server.post("/api/v1/requests", "ncb.fr", &request).await;
    assert_eq!(created.status, 422);
    assert_eq!(created.body["field"], "subjects[0].family_name", "{:?}", created.body);
    request["subjects"][0]["family_name"] = json!("MARCHETTI\nBIS");
    assert_eq!(server.post("/api/v1/requests", "ncb.fr", &request).await.status, 422);

    // The public list: bounded words and length, paging that cannot wrap.
    let many = vec!["murder"; 4_000].join("+");
    let flood = public(&server, &format!("/notices/v1/red?freeText={many}")).await;
    assert_eq!(flood.status, 400, "{:?}", flood.body);
    assert!(flood.body["message"].as_str().unwrap().starts_with("freeText"), "{:?}", flood.body);
    let eleven = ["a"; 11].join("+");
    assert_eq!(public(&server, &format!("/notices/v1/red?freeText={eleven}")).await.status, 400);
    let found = public(&server, "/notices/v1/red?freeText=MURD+lyon").await;
    assert_eq!((found.status, found.body["total"].as_u64()), (200, Some(1)), "{:?}", found.body);
    let none = public(&server, "/notices/v1/red?freeText=murder+zzzz").await;
    assert_eq!(none.body["total"], 0);
    let huge = public(&server, "/notices/v1/red?page=18446744073709551615&resultPerPage=200").await;
    assert_eq!(huge.status, 400, "{:?}", huge.body);
    let far = public(&server, "/notices/v1/red?page=1000000&resultPerPage=200").await;
    assert_eq!((far.status, far.body["_embedded"]["notices"].as_array().map(Vec::len)), (200, Some(0)));
}

async fn a_slow_bureau_delays_no_other_bureaus_webhook(server: Server) {
    // The slow bureau's server holds its answer until the other bureau's delivery has come, or
    // nine seconds (within the ten a delivery is given): sent one after the other, it never would.
    let arrived = Arc::new(tokio::sync::Notify::new());
    let (held_until_the_other, signal) = (Arc::new(std::sync::Mutex::new(None)), arrived.clone());
    let outcome = held_until_the_other.clone();
    let app = axum::Router::new()
        .route(
            "/slow",
            axum::routing::post(move || {
                let (arrived, outcome) = (arrived.clone(), outcome.clone());
                async move {
                    let released =
                        tokio::time::timeout(std::time::Duration::from_secs(9), arrived.notified()).await.is_ok();
                    outcome.lock().unwrap().get_or_insert(released);
                    axum::http::StatusCode::OK
                }
            }),
        )
        .route(
            "/fast",
            axum::routing::post(move || {
                let signal = signal.clone();
                async move {
                    signal.notify_one();
                    axum::http::StatusCode::OK
                }
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    for (bureau, path) in [("ncb.fr", "slow"), ("ncb.de", "fast")] {
        let body = json!({"url": format!("http://{address}/{path}")}).to_string();
        assert_eq!(server.call("PUT", "/api/v1/webhook", Some(bureau), Some(&body)).await.status, 200);
    }
    let french = published_as(&server, "ncb.fr", &case(MURDER)).await;
    let mut german = case(MURDER);
    german["requested_by"] = json!("DE");
    let german = published_as(&server, "ncb.de", &german).await;
    for notice in [french, german] {
        let located = server.post(&format!("/api/v1/notices/{notice}/located"), "border.it", &json!({})).await;
        assert_eq!(located.status, 201, "{:?}", located.body);
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    for _ in 0..200 {
        if held_until_the_other.lock().unwrap().is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        *held_until_the_other.lock().unwrap(),
        Some(true),
        "the other bureau's delivery came while one was held"
    );
}

async fn a_hit_carries_the_notice_and_a_cleared_traveller_is_not_raised_again(server: Server) {
    let (id, _) = submitted(&server, "ncb.fr", MURDER).await;
    let decision = json!({"decision": "publish", "reason": "ordinary-law crime"});
    let decided = server.post(&format!("/api/v1/requests/{id}/decision"), "reviewer.one", &decision).await;
    let notice = decided.body["outcomes"][0]["notice"].as_str().unwrap().to_string();
    let path = notice.replace('/', "-");
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="3" height="4"><rect width="3" height="4"/></svg>"#;
    let added = server
        .send("POST", &format!("/api/v1/notices/{path}/pictures"), Some("ncb.fr"), Some("image/svg+xml"), svg)
        .await;
    assert_eq!(added.status, 201, "{:?}", added.body);
    let picture = added.body["picture"].as_i64().unwrap();

    // A traveller whose date of birth is a day off, with a passport of their own.
    let traveller = json!({"persons": [{"id": "seat-12A", "name": "Luca Marchetti", "date_of_birth": "1988-03-12",
        "identity_documents": [{"kind": "passport", "number": "YB 765-4321"}]}]});
    let screened = server.post("/api/v1/screen", "border.de", &traveller).await;
    let hit = &screened.body["results"][0]["hits"][0];
    assert_eq!(hit["id"], notice.as_str(), "{:?}", screened.body);
    let card = &hit["notice"];
    assert_eq!((card["kind"].as_str(), card["requested_by"].as_str()), (Some("red"), Some("FR")));
    assert_eq!(card["name"], "MARCHETTI, Luca");
    assert_eq!(card["date_of_birth"], "1988-03-11");
    assert_eq!(card["charges"], json!(["Meurtre (murder)"]));
    assert_eq!((card["action"].as_str(), card["purpose"].as_str()), (Some("arrest"), Some("prosecution")));
    assert!(card["action_text"].as_str().unwrap().contains("extradition"));
    assert!(card["expires_at"].as_str().is_some_and(|at| at.starts_with("203")), "{card}");
    let against = hit["evidence"]["against"].as_array().unwrap();
    assert!(against.iter().any(|r| r.as_str().unwrap().contains("1988-03-11")), "the date that disagrees: {hit}");
    assert!(hit["evidence"]["for"].as_array().unwrap().iter().any(|r| r.as_str().unwrap().starts_with("name")));
    assert!(hit.get("cleared").is_none());

    // The picture, for those the notice is shown to.
    let url = card["pictures"][0].as_str().unwrap().to_string();
    assert_eq!(url, format!("/api/v1/notices/{path}/pictures/{picture}"));
    let shown = server.get(&url, "border.de").await;
    assert_eq!(shown.status, 200);
    assert_eq!(shown.header("content-type"), Some("image/svg+xml"));
    assert_eq!(shown.header("cache-control"), Some("private, no-store"));
    assert_eq!(server.get(&format!("/api/v1/notices/{path}/pictures/{}", picture + 1), "border.de").await.status, 404);
    assert_eq!(server.get(&url, "auditor").await.status, 403);

    // Cleared: what is refused names its field; a stale sight of the notice is refused as such.
    let seen = card["updated_at"].as_str().unwrap().to_string();
    let clear = |document: &str, date: &str, seen: &str| {
        json!({"notice": notice, "document": document, "date_of_birth": date, "seen": seen,
               "reason": "another man: his fingerprints differ"})
    };
    for (body, field) in [
        (clear("", "1988-03-12", &seen), "document"),
        (clear("YB7654321", "1988-02-30", &seen), "date_of_birth"),
        (clear("YB7654321", "1988-03-12", "yesterday"), "seen"),
        (clear("YB7654321", "1988", &seen), "date_of_birth"),
        (clear("YB7654321", "2099-01-01", &seen), "date_of_birth"),
        (clear("ПП5557777", "1988-03-12", &seen), "document"),
        // The notice's own passport is decisive: no one clears its holder on a look.
        (clear("ya 1234567", "1988-03-11", &seen), "document"),
    ] {
        let refused = server.post("/api/v1/clearances", "border.de", &body).await;
        assert_eq!(refused.status, 422, "{body}: {:?}", refused.body);
        assert_eq!(refused.body["field"], field, "{:?}", refused.body);
    }
    let stale =
        server.post("/api/v1/clearances", "border.de", &clear("YB7654321", "1988-03-12", "2026-01-01T00:00:00Z")).await;
    assert_eq!(stale.status, 409, "{:?}", stale.body);
    assert_eq!(
        server.post("/api/v1/clearances", "reviewer.one", &clear("YB7654321", "1988-03-12", &seen)).await.status,
        403
    );
    let cleared = server.post("/api/v1/clearances", "border.de", &clear("YB-7654321", "1988-03-12", &seen)).await;
    assert_eq!(cleared.status, 201, "{:?}", cleared.body);
    assert_eq!(cleared.body["document"], "YB7654321", "kept as compared");
    let clearance = cleared.body["id"].as_i64().unwrap();

    // The same traveller again at a German border: shown as cleared, with who and when. At an
    // Italian one the hit is raised: one country's clearance hides nothing from another.
    let again = server.post("/api/v1/screen", "border.de", &traveller).await;
    let hit = &again.body["results"][0]["hits"][0];
    assert_eq!(hit["id"], notice.as_str());
    assert_eq!((hit["cleared"]["by"].as_str(), hit["cleared"]["country"].as_str()), (Some("border.de"), Some("DE")));
    let elsewhere = server.post("/api/v1/screen", "border.it", &traveller).await;
    assert!(elsewhere.body["results"][0]["hits"][0].get("cleared").is_none(), "{:?}", elsewhere.body);
    // Another document, or another date of birth: raised as before.
    for other in [
        json!({"persons": [{"name": "Luca Marchetti", "date_of_birth": "1988-03-12",
            "identity_documents": [{"kind": "passport", "number": "ZZ1111111"}]}]}),
        json!({"persons": [{"name": "Luca Marchetti", "date_of_birth": "1988-03-13",
            "identity_documents": [{"kind": "passport", "number": "YB7654321"}]}]}),
    ] {
        let raised = server.post("/api/v1/screen", "border.de", &other).await;
        assert!(raised.body["results"][0]["hits"][0].get("cleared").is_none(), "{other}");
    }

    // The secretariat reviews and revokes: the hit is raised again.
    assert_eq!(server.get("/api/v1/clearances", "border.de").await.status, 403);
    let listed = server.get("/api/v1/clearances?limit=5", "reviewer.one").await;
    assert_eq!(listed.status, 200, "{:?}", listed.body);
    assert_eq!(listed.body["clearances"][0]["id"], clearance);
    assert_eq!(listed.body["clearances"][0]["in_effect"], true);
    assert_eq!(server.get("/api/v1/clearances?limit=0", "reviewer.one").await.status, 422);
    let revoke = format!("/api/v1/clearances/{clearance}/revoke");
    assert_eq!(server.post(&revoke, "reviewer.one", &json!({})).await.status, 422, "a reason is needed");
    let revoked = server.post(&revoke, "reviewer.one", &json!({"reason": "no fingerprints were taken"})).await;
    assert_eq!(revoked.status, 200, "{:?}", revoked.body);
    assert_eq!(revoked.body["in_effect"], false);
    assert_eq!(server.post(&revoke, "reviewer.one", &json!({"reason": "again"})).await.status, 409);
    let raised = server.post("/api/v1/screen", "border.de", &traveller).await;
    assert!(raised.body["results"][0]["hits"][0].get("cleared").is_none(), "revoked: raised again");

    // Once the secretariat revoked it, the officer cannot simply clear the traveller again.
    let overruled = server.post("/api/v1/clearances", "border.de", &clear("YB7654321", "1988-03-12", &seen)).await;
    assert_eq!(overruled.status, 409, "{:?}", overruled.body);

    // Another traveller cleared, then the notice changes (suspended, reinstated): raised again.
    let traveller = json!({"persons": [{"id": "seat-14C", "name": "Luca Marchetti", "date_of_birth": "1988-03-12",
        "identity_documents": [{"kind": "passport", "number": "YC1112223"}]}]});
    let cleared = server.post("/api/v1/clearances", "border.de", &clear("YC1112223", "1988-03-12", &seen)).await;
    assert_eq!(cleared.status, 201, "{:?}", cleared.body);
    let shown = server.post("/api/v1/screen", "border.de", &traveller).await;
    assert!(shown.body["results"][0]["hits"][0].get("cleared").is_some());
    let notice_path = format!("/api/v1/notices/{path}");
    server.post(&format!("{notice_path}/suspend"), "reviewer.one", &json!({"reason": "check"})).await;
    server.post(&format!("{notice_path}/reinstate"), "reviewer.one", &json!({"reason": "new warrant"})).await;
    let changed = server.post("/api/v1/screen", "border.de", &traveller).await;
    let hit = &changed.body["results"][0]["hits"][0];
    assert_eq!(hit["id"], notice.as_str());
    assert!(hit.get("cleared").is_none(), "the notice changed since it was cleared: {hit}");
    let listed = server.get("/api/v1/clearances", "reviewer.one").await;
    assert_eq!(listed.body["clearances"][0]["in_effect"], false, "lapsed with the notice's change: {:?}", listed.body);

    let records = server.store.audit_records(0, 1000).await.unwrap();
    assert_eq!(records.iter().filter(|r| r.action == "clearance.record").count(), 2);
    assert_eq!(records.iter().filter(|r| r.action == "clearance.revoke").count(), 1);
    assert!(records.iter().any(|r| r.action == "clearance.list" && r.actor == "reviewer.one"));
}

async fn a_bureau_lists_its_own_requests_with_each_notices_expiry(server: Server) {
    let (first, _) = submitted(&server, "ncb.fr", MURDER).await;
    let (second, _) = submitted(&server, "ncb.fr", MURDER).await;
    submitted(&server, "ncb.ir", SEED).await;
    let decision = json!({"decision": "publish", "reason": "ordinary-law crime"});
    let decided = server.post(&format!("/api/v1/requests/{first}/decision"), "reviewer.one", &decision).await;
    let notice = decided.body["outcomes"][0]["notice"].as_str().unwrap().replace('/', "-");

    let listed = server.get("/api/v1/requests", "ncb.fr").await;
    assert_eq!(listed.status, 200, "{:?}", listed.body);
    let ids: Vec<i64> =
        listed.body["requests"].as_array().unwrap().iter().map(|r| r["request_id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [second, first], "its own, newest first, and no other country's");
    let published = &listed.body["requests"][1]["first_notices"][0];
    assert_eq!(published["state"], "published");
    assert!(published["expires_at"].as_str().is_some_and(|at| at.starts_with("203")), "{published}");
    assert!(listed.body["requests"][0]["first_notices"][0].get("expires_at").is_none(), "not published, no expiry");
    let page = server.get("/api/v1/requests?limit=1", "ncb.fr").await;
    assert_eq!(page.body["requests"].as_array().unwrap().len(), 1);
    assert_eq!(page.body["next_before"], second);
    let next = server.get(&format!("/api/v1/requests?limit=1&before={second}"), "ncb.fr").await;
    assert_eq!(next.body["requests"][0]["request_id"], first);
    assert_eq!(server.get("/api/v1/requests?before=x", "ncb.fr").await.body["field"], "before");
    assert_eq!(server.get("/api/v1/requests?page=2", "ncb.fr").await.body["field"], "page");
    assert_eq!(server.get("/api/v1/requests", "border.de").await.status, 403);
    assert_eq!(server.get("/api/v1/requests", "reviewer.one").await.status, 403);

    let read = server.get(&format!("/api/v1/notices/{notice}"), "ncb.fr").await;
    assert!(read.body["expires_at"].as_str().is_some_and(|at| at.starts_with("203")), "{:?}", read.body);
}

async fn a_bureau_is_told_of_every_decision_and_a_diffusions_recipients_that_it_reached_them(server: Server) {
    let told = |user: &'static str| {
        let server = &server;
        async move {
            let answer = server.get("/api/v1/notifications", user).await;
            assert_eq!(answer.status, 200, "{:?}", answer.body);
            answer.body["notifications"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| (n["kind"].as_str().unwrap().to_string(), n["reason"].as_str().unwrap_or("").to_string()))
                .collect::<Vec<_>>()
        }
    };
    // A question, then (answered) publication; suspension, reinstatement, renewal, cancellation.
    let (id, _) = submitted(&server, "ncb.fr", MURDER).await;
    let question = json!({"decision": "request_information", "reason": "Which court issued the warrant?"});
    server.post(&format!("/api/v1/requests/{id}/decision"), "reviewer.one", &question).await;
    server.post(&format!("/api/v1/requests/{id}/submit"), "ncb.fr", &json!({})).await;
    let publish = json!({"decision": "publish", "reason": "ordinary-law crime"});
    let decided = server.post(&format!("/api/v1/requests/{id}/decision"), "reviewer.one", &publish).await;
    let notice = decided.body["outcomes"][0]["notice"].as_str().unwrap().replace('/', "-");
    let path = format!("/api/v1/notices/{notice}");
    for (action, user) in [("suspend", "reviewer.one"), ("reinstate", "reviewer.one"), ("renew", "ncb.fr")] {
        let moved = server.post(&format!("{path}/{action}"), user, &json!({"reason": format!("{action} it")})).await;
        assert_eq!(moved.status, 200, "{action}: {:?}", moved.body);
    }
    let kinds: Vec<(String, String)> = told("ncb.fr").await;
    let expected = [
        ("information_requested", "Which court issued the warrant?"),
        ("published", "ordinary-law crime"),
        ("suspended", "suspend it"),
        ("reinstated", "reinstate it"),
        ("renewed", "renew it"),
    ];
    assert_eq!(kinds, expected.map(|(k, r)| (k.to_string(), r.to_string())), "every decision, with its reason");
    assert!(told("ncb.de").await.is_empty(), "nothing to another bureau");

    // A refusal.
    let (refused, _) = submitted(&server, "ncb.ir", SEED).await;
    let refuse = json!({"decision": "refuse", "reason": "art. 3: a military operation"});
    server.post(&format!("/api/v1/requests/{refused}/decision"), "reviewer.one", &refuse).await;
    let iran = told("ncb.ir").await;
    assert!(!iran.is_empty() && iran.iter().all(|(kind, _)| kind == "refused"), "{iran:?}");

    // Six months before it lapses the bureau is warned, once; then told it lapsed.
    server.shift.store((5 * 365 - 100) * 86_400, Ordering::SeqCst);
    server.state.app.expire_due().await.unwrap();
    server.state.app.expire_due().await.unwrap();
    let warned: Vec<(String, String)> = told("ncb.fr").await.into_iter().filter(|(k, _)| k == "expiring").collect();
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(warned[0].1.contains("unless renewed"));
    server.shift.store((5 * 365 + 10) * 86_400, Ordering::SeqCst);
    server.state.app.expire_due().await.unwrap();
    assert_eq!(told("ncb.fr").await.last().unwrap().0, "expired");
    server.shift.store(0, Ordering::SeqCst);

    // A diffusion to Germany reaches it at once: Germany's bureau is told, France's only of its own.
    let mut diffusion = case(MURDER);
    diffusion["kind"] = json!("diffusion");
    diffusion["to"] = json!(["DE"]);
    diffusion["reference"] = json!("LYON-2023-0117-D");
    let created = server.post("/api/v1/requests", "ncb.fr", &diffusion).await;
    assert_eq!(created.status, 201, "{:?}", created.body);
    let diffusion_id = created.body["request_id"].as_i64().unwrap();
    let submitted = server.post(&format!("/api/v1/requests/{diffusion_id}/submit"), "ncb.fr", &json!({})).await;
    assert_eq!(submitted.status, 200, "{:?}", submitted.body);
    let germany = told("ncb.de").await;
    assert_eq!(germany.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["diffusion"], "{:?}", submitted.body);
}

async fn reinstating_a_notice_the_check_now_refuses_takes_two_reviewers(server: Server) {
    let (id, _) = submitted(&server, "ncb.fr", MURDER).await;
    let publish = json!({"decision": "publish", "reason": "ordinary-law crime"});
    let decided = server.post(&format!("/api/v1/requests/{id}/decision"), "reviewer.one", &publish).await;
    let notice = decided.body["outcomes"][0]["notice"].as_str().unwrap().replace('/', "-");
    // What is learnt later makes the check refuse it: it leaves force.
    let known = json!({"kind": "status", "status": "head_of_state", "subject": 0, "source": "press"});
    let recorded = server.post(&format!("/api/v1/requests/{id}/knowledge"), "reviewer.one", &known).await;
    assert_eq!(recorded.status, 201, "{:?}", recorded.body);
    let path = format!("/api/v1/notices/{notice}");
    assert_eq!(server.get(&path, "reviewer.one").await.body["state"], "suspended");

    let first = server.post(&format!("{path}/reinstate"), "reviewer.one", &json!({"reason": "I alone say so"})).await;
    assert_eq!(first.status, 200, "{:?}", first.body);
    assert_eq!(
        (first.body["state"].as_str(), first.body["awaiting_second_reviewer"].as_bool()),
        (Some("suspended"), Some(true))
    );
    let again = server.post(&format!("{path}/reinstate"), "reviewer.one", &json!({"reason": "still me"})).await;
    assert_eq!((again.status, again.body["code"].as_str()), (409, Some("four_eyes")), "{:?}", again.body);
    let traveller = json!({"persons": [{"name": "Luca MARCHETTI", "date_of_birth": "1988-03-11"}]});
    let hits = server.post("/api/v1/screen", "border.de", &traveller).await;
    assert_eq!(hits.body["results"][0]["hits"], json!([]), "still out of force");
    let second = server.post(&format!("{path}/reinstate"), "reviewer.two", &json!({"reason": "I concur"})).await;
    assert_eq!(second.body["state"], "published", "{:?}", second.body);

    // The bureau reads the check's report without a reviewer's name.
    let read = server.get(&format!("/api/v1/requests/{id}"), "ncb.fr").await;
    let text = read.body.to_string();
    assert!(!text.contains("reviewer.one") && !text.contains("reviewer.two"), "{text}");
    assert!(text.contains("General Secretariat"), "{text}");
}

async fn the_secretariat_searches_every_notice_by_name_and_filters_and_pages(server: Server) {
    let (murder, _) = submitted(&server, "ncb.fr", MURDER).await;
    let decision = json!({"decision": "publish", "reason": "ordinary-law crime"});
    assert_eq!(
        server.post(&format!("/api/v1/requests/{murder}/decision"), "reviewer.one", &decision).await.status,
        200
    );
    let (seed, _) = submitted(&server, "ncb.ir", SEED).await;
    let child = server.post("/api/v1/requests", "ncb.ie", &case("19-yellow-missing-child.json")).await;
    assert_eq!(child.status, 201);

    // A name spelt otherwise finds the notice, scored; a name in review or a draft is found too,
    // which screening (notices in force only) never shows.
    let found = server.get("/api/v1/search?name=Luka%20Marketti", "reviewer.two").await;
    assert_eq!(found.status, 200, "{:?}", found.body);
    let notices = found.body["notices"].as_array().unwrap();
    assert_eq!(notices[0]["name"], "MARCHETTI, Luca", "{:?}", found.body);
    assert!(notices[0]["score"].as_f64().unwrap() >= 0.7);
    assert_eq!(notices[0]["state"], "published");
    assert!(notices.iter().all(|n| n["name"] != "BRENNAN, Aoife"), "{:?}", found.body);
    assert_eq!(found.body["compared"], 7, "every notice stored was compared: {:?}", found.body);
    let trump = server.get("/api/v1/search?name=Donald%20Trump", "reviewer.two").await;
    assert_eq!(trump.body["notices"][0]["state"], "in_review", "{:?}", trump.body);
    assert_eq!(trump.body["notices"][0]["request_id"], seed);
    let draft = server.get("/api/v1/search?name=Aoife%20Brennan&state=draft&kind=yellow", "reviewer.two").await;
    assert_eq!(draft.body["notices"].as_array().unwrap().len(), 1, "{:?}", draft.body);

    // Filters alone: newest first, paged with `next` until the list ends, no notice twice.
    let iran = server.get("/api/v1/search?requested_by=ir&limit=2", "reviewer.two").await;
    assert_eq!(iran.status, 200, "{:?}", iran.body);
    let mut seen: Vec<String> = Vec::new();
    let mut page = iran;
    loop {
        for notice in page.body["notices"].as_array().unwrap() {
            assert_eq!(notice["requested_by"], "IR");
            seen.push(notice["id"].as_str().unwrap().to_string());
        }
        match page.body["next"].as_str() {
            Some(next) => {
                page = server.get(&format!("/api/v1/search?requested_by=IR&limit=2&page={next}"), "reviewer.two").await
            }
            None => break,
        }
    }
    let mut unique = seen.clone();
    unique.dedup();
    assert_eq!((seen.len(), unique.len()), (5, 5), "{seen:?}");
    let today = time::OffsetDateTime::now_utc().date();
    let dated = server
        .get(&format!("/api/v1/search?created_from={today}&created_to={today}&state=published"), "reviewer.two")
        .await;
    assert_eq!(dated.body["notices"].as_array().unwrap().len(), 1, "{:?}", dated.body);
    let asked = server.get("/api/v1/audit?action=notice.search&limit=1000", "auditor").await;
    let filters: Vec<Value> = asked.body["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| serde_json::from_str::<Value>(r["details"].as_str().unwrap()).unwrap()["search"]["filters"].clone())
        .collect();
    assert!(filters.iter().any(|f| f["created_from"] == today.to_string()), "days as written: {filters:?}");
    let tomorrow = today.next_day().unwrap();
    let later = server.get(&format!("/api/v1/search?created_from={tomorrow}"), "reviewer.two").await;
    assert!(later.body["notices"].as_array().unwrap().is_empty(), "{:?}", later.body);

    // Each bad parameter is named; the search is the secretariat's alone, and is audited.
    for (query, field) in [
        ("state=wanted", "state"),
        ("kind=crimson", "kind"),
        ("requested_by=XX", "requested_by"),
        ("created_from=2026-02-30", "created_from"),
        ("created_from=2026-03-01&created_to=2026-02-01", "created_to"),
        ("limit=0", "limit"),
        ("page=nowhere", "page"),
        ("name=Luca&page=3.0", "page"),
        ("nme=Luca", "nme"),
    ] {
        let refused = server.get(&format!("/api/v1/search?{query}"), "reviewer.two").await;
        assert_eq!((refused.status, refused.body["field"].as_str()), (422, Some(field)), "{query}: {:?}", refused.body);
    }
    for user in ["ncb.fr", "border.de", "auditor", "admin"] {
        assert_eq!(server.get("/api/v1/search?name=Luca", user).await.status, 403, "{user}");
    }

    // The audit API narrows the trail: the searches, oldest first, by who searched.
    let searches = server.get("/api/v1/audit?action=notice.search&actor=reviewer.two", "auditor").await;
    assert_eq!(searches.status, 200, "{:?}", searches.body);
    let records = searches.body["records"].as_array().unwrap();
    assert!(records.len() >= 5, "{records:?}");
    assert!(records.iter().all(|r| r["action"] == "notice.search" && r["actor"] == "reviewer.two"));
    assert!(records.windows(2).all(|w| w[0]["seq"].as_i64() < w[1]["seq"].as_i64()), "oldest first");
    let after = records[0]["seq"].as_i64().unwrap();
    let rest =
        server.get(&format!("/api/v1/audit?action=notice.search&actor=reviewer.two&after={after}"), "auditor").await;
    assert_eq!(rest.body["records"].as_array().unwrap().len(), records.len() - 1);
    // A target is matched whole (request 1 is not request 10), or as a start when it ends in `/`;
    // by case, on both databases.
    for _ in 0..10 {
        server.post("/api/v1/requests", "ncb.fr", &case(MURDER)).await;
    }
    let on_murder = server.get(&format!("/api/v1/audit?target=request/{murder}"), "auditor").await;
    let targets: Vec<&str> =
        on_murder.body["records"].as_array().unwrap().iter().map(|r| r["target"].as_str().unwrap()).collect();
    assert!(!targets.is_empty() && targets.iter().all(|t| *t == format!("request/{murder}")), "{targets:?}");
    let every = server.get("/api/v1/audit?target=request/&limit=1000", "auditor").await;
    let requests: std::collections::BTreeSet<&str> =
        every.body["records"].as_array().unwrap().iter().map(|r| r["target"].as_str().unwrap()).collect();
    assert!(requests.len() >= 13 && requests.iter().all(|t| t.starts_with("request/")), "{requests:?}");
    let shouted = server.get(&format!("/api/v1/audit?target=REQUEST/{murder}"), "auditor").await;
    assert!(shouted.body["records"].as_array().unwrap().is_empty(), "{:?}", shouted.body);
    let part = server.get("/api/v1/audit?action=notice.sea", "auditor").await;
    assert!(part.body["records"].as_array().unwrap().is_empty(), "a part of an action is not a start: {:?}", part.body);
    assert_eq!(server.get("/api/v1/audit?acter=x", "auditor").await.body["field"], "acter");
}
