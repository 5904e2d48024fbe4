//! Two `dragnet serve` processes on one PostgreSQL database, as a deployment with more than one
//! server runs them: a publication, suspension, reinstatement, cancellation, expiry or register edit
//! made through one is answered by the other within two seconds; expiry and webhooks are done once;
//! a process that was stopped, or killed and started again, catches up. Real processes, the
//! machine's PostgreSQL (`DRAGNET_TEST_DATABASE_URL`); without one the test says so and passes.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use dragnet_store::testing::{TestDatabase, postgres_test_url};
use serde_json::{Value, json};

/// How soon a change through one server must be answered by the other.
const CROSSING: Duration = Duration::from_secs(2);

fn dragnet(url: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dragnet"));
    for (key, _) in std::env::vars().filter(|(key, _)| key.starts_with("DRAGNET_")) {
        command.env_remove(key);
    }
    let data = std::env::temp_dir().join("dragnet-cluster-unused");
    command.arg("--data").arg(data).arg("--database-url").arg(url);
    command
}

/// Creates a user and answers its first token.
fn user(url: &str, name: &str, role: &str, country: Option<&str>) -> String {
    let mut command = dragnet(url);
    command.args(["admin", "create-user", name, "--role", role]);
    if let Some(country) = country {
        command.args(["--country", country]);
    }
    let output = command.output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().trim().to_string()
}

struct Server {
    child: Child,
    address: String,
}

impl Server {
    fn start(url: &str) -> Server {
        let mut command = dragnet(url);
        command.args(["serve", "--port", "0", "--expiry-every", "1", "--webhooks-to-private-networks"]);
        let (child, address) = common::serving(command);
        let server = Server { child, address };
        // The address is printed before the views are loaded: wait until it answers.
        let deadline = Instant::now() + Duration::from_secs(30);
        while server.try_call("GET", "/readyz", None, None).is_none_or(|(status, _)| status != 200) {
            assert!(Instant::now() < deadline, "the server never became ready");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn try_call(&self, method: &str, path: &str, token: Option<&str>, body: Option<&Value>) -> Option<(u16, Value)> {
        let mut stream = std::net::TcpStream::connect(&self.address).ok()?;
        let body = body.map(Value::to_string).unwrap_or_default();
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", self.address);
        if let Some(token) = token {
            head.push_str(&format!("Authorization: Bearer {token}\r\n"));
        }
        head.push_str(&format!("Content-Type: application/json\r\nContent-Length: {}\r\n\r\n", body.len()));
        stream.write_all(head.as_bytes()).ok()?;
        stream.write_all(body.as_bytes()).ok()?;
        let mut response = String::new();
        stream.read_to_string(&mut response).ok()?;
        let status = response.split_whitespace().nth(1).and_then(|s| s.parse().ok())?;
        let text = response.split_once("\r\n\r\n").map(|(_, body)| body).unwrap_or_default();
        Some((status, serde_json::from_str(text).unwrap_or(Value::Null)))
    }

    fn call(&self, method: &str, path: &str, token: &str, body: Option<&Value>) -> Value {
        let (status, answer) = self.try_call(method, path, Some(token), body).expect("the server answers");
        assert!((200..300).contains(&status), "{method} {path}: {status} {answer}");
        answer
    }

    /// Whether screening on this server finds notice `id` (`YYYY-N`) for `person`, as `token`'s
    /// country sees it.
    fn finds(&self, token: &str, person: &Value, id: &str) -> bool {
        let answer = self.call("POST", "/api/v1/screen", token, Some(&json!({"persons": [person]})));
        let id = id.replace('-', "/");
        answer["results"][0]["hits"].as_array().is_some_and(|hits| hits.iter().any(|hit| hit["id"] == id.as_str()))
    }

    fn signal(&self, signal: &str) {
        let sent = Command::new("kill").args([signal, &self.child.id().to_string()]).status().unwrap();
        assert!(sent.success());
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits until `done` holds, at most `limit`; answers how long it took.
fn within(limit: Duration, what: &str, mut done: impl FnMut() -> bool) -> Duration {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < limit, "{what}: not seen within {limit:?}");
        std::thread::sleep(Duration::from_millis(10));
    }
    let took = started.elapsed();
    eprintln!("{what}: {took:?}");
    took
}

/// A red notice request about one person, ordinary crime, agreed to as a public extract.
fn request(family_name: &str) -> Value {
    json!({
        "kind": "red", "requested_by": "FR", "public_extract": true,
        "subjects": [{"family_name": family_name, "forenames": "Claire", "sex": "F", "date_of_birth": "1984-02-03",
                      "nationalities": ["FR"], "physical": {"height_cm": 168}}],
        "offence": {"summary": "On 9 May 2026 in Lyon the subject stabbed her business partner to death in their shop.",
                    "date": "2026-05-09", "place": "Lyon", "country": "FR"},
        "charges": [{"title": "Murder", "law": "Code pénal, art. 221-1", "max_penalty": {"kind": "life"}}],
        "judicial": {"purpose": "prosecution", "extradition_sought_from": ["*"],
                     "warrant": {"reference": "LY-26-77", "issued_on": "2026-05-12", "authority": "Juge d'instruction, Lyon"}}
    })
}

/// Creates, submits and publishes a request through `server`; answers its notice's path id.
fn publish(server: &Server, bureau: &str, reviewer: &str, family_name: &str) -> String {
    let created = server.call("POST", "/api/v1/requests", bureau, Some(&request(family_name)));
    let id = created["request_id"].as_i64().unwrap();
    let submitted = server.call("POST", &format!("/api/v1/requests/{id}/submit"), bureau, None);
    assert_eq!(submitted["recommendation"], "clear", "{submitted}");
    let decision = json!({"decision": "publish", "reason": "ordinary-law crime"});
    let decided = server.call("POST", &format!("/api/v1/requests/{id}/decision"), reviewer, Some(&decision));
    decided["outcomes"][0]["notice"].as_str().unwrap().replace('/', "-")
}

/// A bureau's webhook receiver: counts what it is sent and answers 200, slowly, so that the other
/// server's sender looks at the outbox while the first delivery is still on its way.
fn receiver() -> (String, Arc<AtomicUsize>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let received = Arc::new(AtomicUsize::new(0));
    let count = received.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let count = count.clone();
            std::thread::spawn(move || answer(stream, &count));
        }
    });
    (format!("http://{address}/hooks"), received)
}

/// Reads one delivery, counts it, and answers after a while.
fn answer(mut stream: std::net::TcpStream, count: &AtomicUsize) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    count.fetch_add(1, Ordering::SeqCst);
    std::thread::sleep(Duration::from_secs(6));
    let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
}

#[test]
fn two_servers_on_one_postgres_answer_each_others_changes() {
    let Some(admin_url) = postgres_test_url() else {
        eprintln!("DRAGNET_TEST_DATABASE_URL is not set: two servers on one PostgreSQL not tested");
        return;
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let database = runtime.block_on(TestDatabase::create(&admin_url)).unwrap();
    let url = database.url.clone();
    let bureau = user(&url, "ncb.fr", "bureau_officer", Some("FR"));
    let reviewer = user(&url, "reviewer.one", "reviewer", None);
    let border = user(&url, "border.it", "screener", Some("IT"));
    let admin = user(&url, "admin", "administrator", None);
    let a = Server::start(&url);
    let mut b = Server::start(&url);
    let traveller = json!({"family_name": "MORVAN", "forenames": "Claire", "date_of_birth": "1984-02-03"});

    // Published through A: screened and shown publicly by B.
    let notice = publish(&a, &bureau, &reviewer, "MORVAN");
    within(CROSSING, "publish: A to B's screening", || b.finds(&border, &traveller, &notice));
    within(CROSSING, "publish: A to B's public API", || {
        b.try_call("GET", "/notices/v1/red?name=Morvan", None, None).is_some_and(|(_, page)| page["total"] == 1)
    });

    // Suspended through A, reinstated through B, cancelled through B.
    let reason = json!({"reason": "under review"});
    a.call("POST", &format!("/api/v1/notices/{notice}/suspend"), &reviewer, Some(&reason));
    within(CROSSING, "suspend: A to B", || !b.finds(&border, &traveller, &notice));
    b.call("POST", &format!("/api/v1/notices/{notice}/reinstate"), &reviewer, Some(&reason));
    within(CROSSING, "reinstate: B to A", || a.finds(&border, &traveller, &notice));

    // A register edit through A is what B's check reads, from the very next submission.
    let holder = json!({"names": [{"family_name": "QUENTIN", "forenames": "Claire"}], "status": "head_of_state",
        "office": "President of the Republic", "country": "FR"});
    a.call("POST", "/api/v1/office-holders", &admin, Some(&holder));
    let created = b.call("POST", "/api/v1/requests", &bureau, Some(&request("QUENTIN")));
    let id = created["request_id"].as_i64().unwrap();
    let submitted = b.call("POST", &format!("/api/v1/requests/{id}/submit"), &bureau, None);
    let findings = submitted["notices"][0]["report"]["findings"].as_array().unwrap().clone();
    assert!(
        findings.iter().any(|f| f["message"].as_str().unwrap().contains("office-holder register")),
        "B's check does not know the register entry added through A: {findings:?}"
    );

    // A located hit through B is sent to the bureau's webhook once, though both servers send.
    let (hook, received) = receiver();
    a.call("PUT", "/api/v1/webhook", &bureau, Some(&json!({"url": hook})));
    b.call("POST", &format!("/api/v1/notices/{notice}/located"), &border, Some(&json!({"place": "Milan Malpensa"})));
    within(Duration::from_secs(10), "webhook: delivered", || received.load(Ordering::SeqCst) >= 1);
    // Both senders look at least once every five seconds while the first delivery waits for its answer.
    std::thread::sleep(Duration::from_secs(12));
    assert_eq!(received.load(Ordering::SeqCst), 1, "both servers sent the notification");

    // Cancelled through B: gone from A.
    b.call("POST", &format!("/api/v1/notices/{notice}/cancel"), &reviewer, Some(&json!({"reason": "extradited"})));
    within(CROSSING, "cancel: B to A", || !a.finds(&border, &traveller, &notice));

    // Due to expire: both servers look every second; it is expired once and leaves both.
    let other = json!({"family_name": "LE GALL", "forenames": "Claire", "date_of_birth": "1984-02-03"});
    let lapsing = publish(&a, &bureau, &reviewer, "LE GALL");
    within(CROSSING, "publish: A to B", || b.finds(&border, &other, &lapsing));
    let lapsing_id = lapsing.replace('-', "/");
    runtime.block_on(async {
        let pool = sqlx::PgPool::connect(&url).await.unwrap();
        sqlx::query("UPDATE notices SET expires_at = now() - interval '1 day' WHERE id = $1")
            .bind(&lapsing_id)
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
    });
    within(CROSSING + Duration::from_secs(1), "expiry: seen by A", || !a.finds(&border, &other, &lapsing));
    within(CROSSING + Duration::from_secs(1), "expiry: seen by B", || !b.finds(&border, &other, &lapsing));
    std::thread::sleep(Duration::from_secs(2));
    let expiries: i64 = runtime.block_on(async {
        let pool = sqlx::PgPool::connect(&url).await.unwrap();
        let count = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'notice.expire' AND target = $1")
            .bind(format!("notice/{lapsing_id}"))
            .fetch_one(&pool)
            .await
            .unwrap();
        pool.close().await;
        count
    });
    assert_eq!(expiries, 1, "the notice was expired more than once");

    // B stopped while A publishes: once it runs again, it catches up.
    let third = json!({"family_name": "KERBRAT", "forenames": "Claire", "date_of_birth": "1984-02-03"});
    b.signal("-STOP");
    let third_id = publish(&a, &bureau, &reviewer, "KERBRAT");
    b.signal("-CONT");
    within(CROSSING, "stopped B catching up", || b.finds(&border, &third, &third_id));

    // B killed; what A does meanwhile is there when B starts again.
    let fourth = json!({"family_name": "TANGUY", "forenames": "Claire", "date_of_birth": "1984-02-03"});
    b.signal("-KILL");
    let _ = b.child.wait();
    let fourth_id = publish(&a, &bureau, &reviewer, "TANGUY");
    b = Server::start(&url);
    assert!(b.finds(&border, &fourth, &fourth_id), "a restarted server misses what was published while it was down");
    drop((a, b));
    runtime.block_on(database.drop_now()).unwrap();
}
