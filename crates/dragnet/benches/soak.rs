//! The soak: a bounded mixed load on a real `dragnet serve` over the demo world, from many clients
//! at once. Screening, public searches, reads, bureaus' requests submitted and published, and
//! failed sign-ins. It prints one JSON line: calls a second, errors, and the server's memory before
//! and after.
//!
//! `cargo bench -p dragnet --bench soak` (60 s, 16 clients); `DRAGNET_SOAK_SECONDS`,
//! `DRAGNET_SOAK_CLIENTS`, and `DRAGNET_SOAK_DATABASE_URL` (PostgreSQL) change that.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn dragnet(data: &std::path::Path, url: Option<&str>) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dragnet"));
    for (key, _) in std::env::vars().filter(|(key, _)| key.starts_with("DRAGNET_")) {
        command.env_remove(key);
    }
    command.arg("--data").arg(data);
    if let Some(url) = url {
        command.arg("--database-url").arg(url);
    }
    command
}

fn token(data: &std::path::Path, url: Option<&str>, user: &str) -> String {
    let output = dragnet(data, url).args(["admin", "create-token", user, "--label", "soak"]).output().unwrap();
    assert!(output.status.success(), "{user}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().trim().to_string()
}

fn memory_kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status.lines().find(|l| l.starts_with(field)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()).unwrap_or(0)
}

/// One exchange on a fresh connection: the status (0 when the connection failed) and the body.
fn call(address: &str, method: &str, path: &str, token: Option<&str>, body: &str) -> (u16, String) {
    let Ok(mut stream) = std::net::TcpStream::connect(address) else { return (0, String::new()) };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(60)));
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    let kind = if path == "/sign-in" { "application/x-www-form-urlencoded" } else { "application/json" };
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n{auth}Content-Type: {kind}\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    if stream.write_all(request.as_bytes()).is_err() {
        return (0, String::new());
    }
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    let status = response.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, response.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default())
}

const NAMES: [&str; 8] = [
    "MARCHETTI Luca",
    "Alghasi Mehr",
    "SMITH John",
    "ترامپ دونالد",
    "Ivanov Petr",
    "GARCIA Maria",
    "Nguyen Van An",
    "O'NEILL Sean",
];

fn main() {
    let seconds: u64 = std::env::var("DRAGNET_SOAK_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    let clients: usize = std::env::var("DRAGNET_SOAK_CLIENTS").ok().and_then(|s| s.parse().ok()).unwrap_or(16);
    let url = std::env::var("DRAGNET_SOAK_DATABASE_URL").ok();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let url = url.as_deref();
    let demo = dragnet(&data, url).args(["demo", "--synthetic", "20000"]).output().unwrap();
    assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));
    let tokens = Arc::new(["border.de", "ncb.fr", "reviewer.one", "reviewer.two"].map(|user| token(&data, url, user)));
    let mut server = dragnet(&data, url)
        .args(["serve", "--port", "0", "--rate-limit", "100000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let address = line.split("http://").nth(1).and_then(|r| r.split_whitespace().next()).unwrap().to_string();
    std::thread::sleep(Duration::from_secs(1));
    let pid = server.id();
    let before_kb = memory_kb(pid, "VmRSS:");
    let case = std::fs::read_to_string(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../testdata/compliance-dev/02-ordinary-murder.json"),
    )
    .unwrap();

    let stop = Arc::new(AtomicBool::new(false));
    let counts: Arc<Mutex<BTreeMap<(&'static str, &'static str), u64>>> = Arc::default();
    let submitted: Arc<Mutex<Vec<i64>>> = Arc::default();
    let serial = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|client| {
            let (address, tokens, stop, counts, submitted, serial, case) = (
                address.clone(),
                tokens.clone(),
                stop.clone(),
                counts.clone(),
                submitted.clone(),
                serial.clone(),
                case.clone(),
            );
            std::thread::spawn(move || {
                let [screener, bureau, reviewer, _] = &*tokens;
                let mut n = client as u64;
                while !stop.load(Ordering::Relaxed) {
                    n += 1;
                    let name = NAMES[(n as usize) % NAMES.len()];
                    let (op, (status, body)) = match n % 20 {
                        0..=9 => (
                            "screen",
                            call(
                                &address,
                                "POST",
                                "/api/v1/screen",
                                Some(screener),
                                &format!(
                                    "{{\"persons\": [{{\"name\": \"{name}\", \"date_of_birth\": \"1988-03-11\"}}]}}"
                                ),
                            ),
                        ),
                        10..=12 => (
                            "public_search",
                            call(
                                &address,
                                "GET",
                                &format!(
                                    "/notices/v1/red?freeText={}&resultPerPage=20",
                                    if n.is_multiple_of(2) { "murder" } else { "fraud+lyon" }
                                ),
                                None,
                                "",
                            ),
                        ),
                        13 => (
                            "public_name",
                            call(&address, "GET", "/notices/v1/red?name=Marchetti&forename=Luca", None, ""),
                        ),
                        14 => ("queue", call(&address, "GET", "/api/v1/review/queue?limit=20", Some(reviewer), "")),
                        15 | 16 => {
                            let reference = format!("SOAK-{}", serial.fetch_add(1, Ordering::Relaxed));
                            let mut request: serde_json::Value = serde_json::from_str(&case).unwrap();
                            request["reference"] = serde_json::json!(reference);
                            let created =
                                call(&address, "POST", "/api/v1/requests", Some(bureau), &request.to_string());
                            if created.0 == 201 {
                                let id = serde_json::from_str::<serde_json::Value>(&created.1)
                                    .ok()
                                    .and_then(|v| v["request_id"].as_i64());
                                if let Some(id) = id {
                                    let submit = call(
                                        &address,
                                        "POST",
                                        &format!("/api/v1/requests/{id}/submit"),
                                        Some(bureau),
                                        "{}",
                                    );
                                    if submit.0 == 200 {
                                        submitted.lock().unwrap().push(id);
                                    }
                                    ("create_and_submit", submit)
                                } else {
                                    ("create_and_submit", (0, String::new()))
                                }
                            } else {
                                ("create_and_submit", created)
                            }
                        }
                        17 => {
                            let next = submitted.lock().unwrap().pop();
                            match next {
                                Some(id) => (
                                    "publish",
                                    call(
                                        &address,
                                        "POST",
                                        &format!("/api/v1/requests/{id}/decision"),
                                        Some(reviewer),
                                        "{\"decision\": \"publish\", \"reason\": \"ordinary-law crime, soak\"}",
                                    ),
                                ),
                                None => ("health", call(&address, "GET", "/healthz", None, "")),
                            }
                        }
                        18 => ("health", call(&address, "GET", "/readyz", None, "")),
                        _ => ("sign_in_page", call(&address, "GET", "/sign-in", None, "")),
                    };
                    let outcome = match status {
                        200..=299 => "ok",
                        0 => "no_answer",
                        400..=499 => "refused",
                        _ => "error",
                    };
                    if outcome != "ok" && op != "publish" {
                        eprintln!("{op}: {status} {}", body.chars().take(200).collect::<String>());
                    }
                    *counts.lock().unwrap().entry((op, outcome)).or_default() += 1;
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(seconds));
    stop.store(true, Ordering::Relaxed);
    for worker in workers {
        worker.join().unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    std::thread::sleep(Duration::from_secs(2));
    let (after_kb, peak_kb) = (memory_kb(pid, "VmRSS:"), memory_kb(pid, "VmHWM:"));
    let _ = server.kill();
    let _ = server.wait();
    let counts = counts.lock().unwrap();
    let total: u64 = counts.values().sum();
    let failed: u64 = counts.iter().filter(|((_, o), _)| *o == "error" || *o == "no_answer").map(|(_, n)| n).sum();
    let by_op: BTreeMap<String, u64> =
        counts.iter().map(|((op, outcome), n)| (format!("{op}.{outcome}"), *n)).collect();
    println!(
        "{}",
        serde_json::json!({
            "store": if url.is_some() { "postgres" } else { "sqlite" },
            "seconds": (elapsed * 10.0).round() / 10.0,
            "clients": clients,
            "calls": total,
            "calls_per_second": (total as f64 / elapsed).round(),
            "errors": failed,
            "by_call": by_op,
            "memory_mb": {"before": before_kb / 1024, "peak": peak_kb / 1024, "after": after_kb / 1024},
        })
    );
}
