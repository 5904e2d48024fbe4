//! A load benchmark of the screening API on loopback, printed as JSON: a store with N published
//! notices (names from the shipped corpus, many scripts), the real server on a random port, and C
//! clients on kept-alive connections each screening one person per call for a bounded time.
//! `cargo run --release -p dragnet-server --example load -- [NOTICES] [CLIENTS] [SECONDS] [EVERY_MS]`
//! (defaults: 100,000 notices, 32 clients, 20 seconds; SQLite in a temporary folder, or PostgreSQL
//! when `DRAGNET_BENCH_DATABASE_URL` names a database to use).
//!
//! Under that traffic, another process (this program started again as a writer) publishes one
//! notice every EVERY_MS milliseconds (default 50; 0 for none) through its own store; the report
//! gives the lag from each commit to the moment the loaded server's screening has the notice,
//! median and 99th percentile.

use std::io::Read;
use std::sync::Arc;
use std::time::{Duration, Instant};

use dragnet_domain::{Actor, Grant, MemberCountry, Role, UserName, parse_request};
use dragnet_server::AppState;
use dragnet_store::{Clock, Decision, Recommendation, Store, SubjectCheck};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

/// A small fixed generator, so that every run screens the same people.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize % n
    }
}

fn name_groups() -> Vec<Vec<String>> {
    let mut text = String::new();
    flate2::read::GzDecoder::new(&include_bytes!("../../dragnet-match/data/name_variants.txt.gz")[..])
        .read_to_string(&mut text)
        .unwrap();
    text.lines()
        .filter_map(|line| line.rsplit_once(" => "))
        .map(|(forms, _)| forms.split(", ").filter(|f| !f.contains(' ')).map(str::to_string).collect::<Vec<_>>())
        .filter(|forms: &Vec<String>| forms.len() >= 2)
        .collect()
}

/// Publishes a bank robbery by `subjects` through the store, as a bureau and a reviewer would (the
/// check's report left out: the benchmark measures screening); answers the first notice's id.
async fn publish(
    store: &dyn Store,
    bureau: &Actor,
    reviewer: &Actor,
    subjects: Vec<Value>,
) -> dragnet_domain::NoticeId {
    let request = json!({"kind": "red", "requested_by": "FR", "subjects": subjects,
        "offence": {"summary": "Armed robbery of a bank in Lyon on 3 March 2026.", "country": "FR"},
        "charges": [{"title": "Armed robbery", "law": "Code pénal, art. 311-8", "max_penalty": {"kind": "imprisonment", "months": 360}}],
        "judicial": {"purpose": "prosecution", "warrant": {"reference": "26/001", "issued_on": "2026-03-04", "authority": "Lyon"}}});
    let request = parse_request(&request.to_string()).unwrap();
    let stored = store.create_drafts(bureau, &request).await.unwrap();
    let checks: Vec<SubjectCheck> = stored
        .notice_ids
        .iter()
        .map(|id| SubjectCheck {
            notice_id: *id,
            recommendation: Recommendation::Clear,
            report: json!({}),
            held: false,
        })
        .collect();
    store.submit_request(bureau, stored.request_id, 1, &checks).await.unwrap();
    store.decide(reviewer, stored.request_id, Decision::Publish, "ordinary-law crime", None).await.unwrap();
    stored.notice_ids[0]
}

/// Publishes `count` notices through the store, a thousand subjects per request, as a bureau and two
/// reviewers would; answers the (given, family) groups of each notice's subject.
async fn seed(store: &dyn Store, groups: &[Vec<String>], count: usize) -> Vec<(usize, usize)> {
    let bureau = Actor::user(
        &UserName::parse("ncb.fr").unwrap(),
        &Grant::new(Role::BureauOfficer, Some(MemberCountry::parse("FR").unwrap())).unwrap(),
    );
    let reviewer = Actor::user(&UserName::parse("reviewer").unwrap(), &Grant::new(Role::Reviewer, None).unwrap());
    let mut random = Random(7);
    let mut people = Vec::with_capacity(count);
    let mut left = count;
    while left > 0 {
        let batch = left.min(1000);
        left -= batch;
        let subjects: Vec<Value> = (0..batch)
            .map(|_| {
                let (given, family) = (random.below(groups.len()), random.below(groups.len()));
                people.push((given, family));
                json!({"name": format!("{} {}", groups[given][0], groups[family][0]),
                       "date_of_birth": format!("{}-{:02}-{:02}", 1940 + random.below(65), 1 + random.below(12), 1 + random.below(28))})
            })
            .collect();
        publish(store, &bureau, &reviewer, subjects).await;
    }
    people
}

/// One call on a kept-alive connection: the status and the body's length.
async fn call(stream: &mut BufReader<tokio::net::TcpStream>, request: &[u8]) -> std::io::Result<u16> {
    stream.get_mut().write_all(request).await?;
    let mut line = String::new();
    stream.read_line(&mut line).await?;
    let status: u16 = line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut length = 0usize;
    loop {
        line.clear();
        stream.read_line(&mut line).await?;
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    stream.read_exact(&mut body).await?;
    Ok(status)
}

/// How often the writer publishes a notice while the clients screen, unless told otherwise.
const PUBLISH_EVERY_MS: u64 = 50;

/// The writer: opens the same database in this process of its own, publishes `count` notices one
/// by one, and prints each notice's id with the time its publication committed.
async fn writer(database: &str, count: usize, every: Duration) {
    let store: Arc<dyn Store> = if database.starts_with("postgres") {
        Arc::new(dragnet_store::postgres::PostgresStore::connect(database, Clock::system()).await.unwrap())
    } else {
        Arc::new(
            dragnet_store::sqlite::SqliteStore::open(std::path::Path::new(database), Clock::system()).await.unwrap(),
        )
    };
    let bureau = Actor::user(
        &UserName::parse("ncb.fr").unwrap(),
        &Grant::new(Role::BureauOfficer, Some(MemberCountry::parse("FR").unwrap())).unwrap(),
    );
    let reviewer = Actor::user(&UserName::parse("reviewer").unwrap(), &Grant::new(Role::Reviewer, None).unwrap());
    for i in 0..count {
        let subject = json!({"name": format!("Lagrange Number{i}"), "date_of_birth": "1970-01-01"});
        let notice = publish(store.as_ref(), &bureau, &reviewer, vec![subject]).await;
        let committed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        println!("{notice} {committed}");
        tokio::time::sleep(every).await;
    }
}

/// Follows the writer's lines and, for each, waits until the server's screening has the notice;
/// answers the lags in milliseconds.
async fn lags(app: dragnet_app::App, mut child: tokio::process::Child) -> Vec<f64> {
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut lags = Vec::new();
    while let Ok(Some(line)) = lines.next_line().await {
        let Some((id, at)) = line.split_once(' ') else { continue };
        let (Ok(id), Ok(at)) = (dragnet_domain::NoticeId::parse(id), at.parse::<u128>()) else { continue };
        let deadline = Instant::now() + Duration::from_secs(10);
        while !app.views.screening.contains(id) && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_micros(200)).await;
        }
        let seen = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        lags.push(seen.saturating_sub(at) as f64 / 1e6);
    }
    let _ = child.wait().await;
    lags
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    if args.next().as_deref() == Some("writer") {
        let database = args.next().unwrap();
        let count = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
        let every = args.next().and_then(|n| n.parse().ok()).unwrap_or(PUBLISH_EVERY_MS);
        return writer(&database, count, Duration::from_millis(every)).await;
    }
    let mut args = std::env::args().skip(1);
    let notices: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let clients: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(32);
    let seconds: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let every: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(PUBLISH_EVERY_MS);

    let dir = tempfile::tempdir().unwrap();
    let (store, database): (Arc<dyn Store>, String) = match std::env::var("DRAGNET_BENCH_DATABASE_URL") {
        Ok(url) if !url.is_empty() => {
            (Arc::new(dragnet_store::postgres::PostgresStore::connect(&url, Clock::system()).await.unwrap()), url)
        }
        _ => {
            let path = dir.path().join("dragnet.sqlite3");
            let store = dragnet_store::sqlite::SqliteStore::open(&path, Clock::system()).await.unwrap();
            (Arc::new(store), path.display().to_string())
        }
    };
    let groups = name_groups();
    let started = Instant::now();
    let people = seed(store.as_ref(), &groups, notices).await;
    let seed_seconds = started.elapsed().as_secs_f64();

    let admin = Actor::system("bench", None);
    let screener = UserName::parse("border.de").unwrap();
    let grant = Grant::new(Role::Screener, Some(MemberCountry::parse("DE").unwrap())).unwrap();
    store.create_user(&admin, &screener, grant).await.unwrap();
    let token = store.create_token(&admin, &screener, "bench", dragnet_store::TOKEN_LIFETIME).await.unwrap();
    let started = Instant::now();
    let mut state = AppState::load(store.clone(), dragnet_review::Policy::built_in()).await.unwrap();
    let load_seconds = started.elapsed().as_secs_f64();
    // The benchmark measures the server, not the limits per token and per address.
    state.limits = Arc::new(dragnet_server::limits::RateLimits::new(1e9, 1e9));
    state.address_limits = Arc::new(dragnet_server::limits::RateLimits::new(1e9, 1e9));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = state.app.clone();
    tokio::spawn(dragnet_server::serve(listener, state, std::future::pending()));

    // Half the people screened are listed, under another spelling; half are not.
    let mut random = Random(99);
    let bodies: Vec<Vec<u8>> = (0..2000)
        .map(|i| {
            let person = if i % 2 == 0 {
                let (given, family) = people[random.below(people.len())];
                let (g, f) = (&groups[given], &groups[family]);
                json!({"name": format!("{} {}", g[1 % g.len()], f[1 % f.len()])})
            } else {
                let (g, f) = (&groups[random.below(groups.len())], &groups[random.below(groups.len())]);
                json!({"name": format!("{} {}", g[1], f[1])})
            };
            let body = json!({"persons": [person]}).to_string();
            format!(
                "POST /api/v1/screen HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {token}\r\n\
                 Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )
            .into_bytes()
        })
        .collect();
    let bodies = Arc::new(bodies);

    let deadline = Instant::now() + Duration::from_secs(seconds);
    // Leave the last second for the writer's final notices to arrive.
    let publications = (seconds.saturating_sub(1) * 1000).checked_div(every).unwrap_or(0) as usize;
    let child = tokio::process::Command::new(std::env::current_exe().unwrap())
        .args(["writer", &database, &publications.to_string(), &every.to_string()])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let following = tokio::spawn(lags(app, child));
    let mut tasks = Vec::new();
    for client in 0..clients {
        let bodies = bodies.clone();
        tasks.push(tokio::spawn(async move {
            let mut stream = BufReader::new(tokio::net::TcpStream::connect(address).await.unwrap());
            let (mut latencies, mut errors, mut i) = (Vec::new(), 0usize, client * 61);
            while Instant::now() < deadline {
                let started = Instant::now();
                match call(&mut stream, &bodies[i % bodies.len()]).await {
                    Ok(200) => latencies.push(started.elapsed().as_secs_f64() * 1000.0),
                    _ => errors += 1,
                }
                i += 1;
            }
            (latencies, errors)
        }));
    }
    let (mut latencies, mut errors) = (Vec::new(), 0);
    for task in tasks {
        let (mine, failed) = task.await.unwrap();
        latencies.extend(mine);
        errors += failed;
    }
    latencies.sort_by(f64::total_cmp);
    let at = |q: f64| latencies.get(((latencies.len().max(1) - 1) as f64 * q) as usize).copied().unwrap_or(0.0);
    let mut lags = following.await.unwrap();
    lags.sort_by(f64::total_cmp);
    let lag = |q: f64| lags.get(((lags.len().max(1) - 1) as f64 * q) as usize).copied().unwrap_or(0.0);
    let audited = store.audit_head().await.unwrap().0;
    println!(
        "{}",
        serde_json::to_string_pretty(&json!({
            "benchmark": "screening API on loopback",
            "store": store.backend(),
            "notices": notices,
            "seed_seconds": seed_seconds,
            "index_load_seconds": load_seconds,
            "clients": clients,
            "seconds": seconds,
            "requests": latencies.len(),
            "errors": errors,
            "requests_per_second": latencies.len() as f64 / seconds as f64,
            "latency_ms": {"median": at(0.5), "p90": at(0.9), "p99": at(0.99), "max": at(1.0)},
            "another_process_publishing": {
                "publications": lags.len(),
                "commit_to_screening_ms": {"median": lag(0.5), "p99": lag(0.99), "max": lag(1.0)},
            },
            "audit_records": audited,
        }))
        .unwrap()
    );
}
