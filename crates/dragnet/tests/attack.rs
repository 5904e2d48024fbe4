//! The running binary under attack: a flood of sign-ins from many addresses (behind a trusted
//! proxy, as a botnet would reach a real deployment) must leave the server's memory within its
//! bound and the server answering.

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

mod common;

/// How much the server's peak memory may exceed its memory before the flood: the password
/// threads' buffers (at most four of 19 MiB), connections' buffers, and the allocator's slack.
const FLOOD_MEMORY_BOUND_MB: u64 = 300;

fn dragnet(data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dragnet"));
    for (key, _) in std::env::vars().filter(|(key, _)| key.starts_with("DRAGNET_")) {
        command.env_remove(key);
    }
    command.arg("--data").arg(data);
    command
}

/// One HTTP/1.1 exchange: the status and the whole answer.
fn exchange(address: &str, request: &str) -> (u16, String) {
    let Ok(mut stream) = std::net::TcpStream::connect(address) else { return (0, String::new()) };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    if stream.write_all(request.as_bytes()).is_err() {
        return (0, String::new());
    }
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    let status = response.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, response)
}

/// A field of the process's `/proc/PID/status`, in kB.
fn memory_kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find(|line| line.starts_with(field))
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|kb| kb.parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/{pid}/status"))
}

#[test]
fn a_sign_in_flood_from_many_addresses_stays_within_its_memory_and_the_server_answers() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = dragnet(&dir.path().join("data"));
    command.args(["serve", "--port", "0", "--trusted-proxies", "127.0.0.1"]);
    let (mut child, address) = common::serving(command);
    let pid = child.id();

    let get = format!("GET /sign-in HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    let (status, page) = exchange(&address, &get);
    assert_eq!(status, 200, "{page}");
    let cookie = page
        .lines()
        .find_map(|line| line.strip_prefix("set-cookie: dragnet_sign_in="))
        .and_then(|rest| rest.split(';').next())
        .expect("a sign-in cookie")
        .to_string();
    let csrf = page.split("name=\"csrf\" value=\"").nth(1).and_then(|rest| rest.split('"').next()).unwrap().to_string();
    std::thread::sleep(Duration::from_millis(500));
    let before_kb = memory_kb(pid, "VmRSS:");

    let stop = Arc::new(AtomicBool::new(false));
    let answered = Arc::new(AtomicU64::new(0));
    let counted: Arc<[AtomicU64; 6]> = Arc::new(Default::default());
    let attackers: Vec<_> = (0..64u32)
        .map(|n| {
            let (address, cookie, csrf) = (address.clone(), cookie.clone(), csrf.clone());
            let (stop, answered, counted) = (stop.clone(), answered.clone(), counted.clone());
            std::thread::spawn(move || {
                let mut attempt = 0u32;
                while !stop.load(Ordering::Relaxed) {
                    attempt += 1;
                    let body = format!("name=guest.{n}.{attempt}&password=guess+{attempt}&csrf={csrf}");
                    let request = format!(
                        "POST /sign-in HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\
                         X-Forwarded-For: 10.{}.{}.{}\r\nCookie: dragnet_sign_in={cookie}\r\n\
                         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
                        n,
                        attempt / 250 % 250,
                        attempt % 250 + 1,
                        body.len()
                    );
                    let (status, _) = exchange(&address, &request);
                    answered.fetch_add(1, Ordering::Relaxed);
                    let slot = match status {
                        401 => 0,
                        429 => 1,
                        503 => 2,
                        403 => 3,
                        0 => 4,
                        _ => 5,
                    };
                    counted[slot].fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    let started = Instant::now();
    let mut health = Vec::new();
    while started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(500));
        let (status, _) =
            exchange(&address, &format!("GET /healthz HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"));
        health.push(status);
    }
    stop.store(true, Ordering::Relaxed);
    for attacker in attackers {
        attacker.join().unwrap();
    }
    let peak_kb = memory_kb(pid, "VmHWM:");
    let after_kb = memory_kb(pid, "VmRSS:");
    let counts: Vec<u64> = counted.iter().map(|c| c.load(Ordering::Relaxed)).collect();
    let _ = child.kill();
    let _ = child.wait();

    let grown_mb = peak_kb.saturating_sub(before_kb) / 1024;
    eprintln!(
        "sign-in flood: {} answers (401 {}, 429 {}, 503 {}, 403 {}, none {}, other {}); \
         memory {} MB before, {} MB at peak, {} MB after",
        answered.load(Ordering::Relaxed),
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        counts[4],
        counts[5],
        before_kb / 1024,
        peak_kb / 1024,
        after_kb / 1024
    );
    assert!(counts[0] > 0, "some passwords were checked: {counts:?}");
    assert_eq!(counts[5] + counts[3], 0, "every answer is a refusal of the attempt: {counts:?}");
    assert!(
        grown_mb < FLOOD_MEMORY_BOUND_MB,
        "the flood grew the server by {grown_mb} MB (bound {FLOOD_MEMORY_BOUND_MB} MB)"
    );
    assert!(health.iter().all(|s| *s == 200), "the server kept answering its health check: {health:?}");
}

#[test]
fn files_an_attacker_prepared_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // A device that never ends, and a folder, where a file is expected.
    for (args, path) in [(["check"], "/dev/zero"), (["check"], "/tmp")] {
        let output = dragnet(&data).args(args).arg(path).output().unwrap();
        let said = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{path}: {said}");
        assert!(said.contains("not a regular file"), "{path}: {said}");
    }
    let list = dragnet(&data).args(["screen", "--against", "/dev/zero", "/dev/zero"]).output().unwrap();
    let said = String::from_utf8_lossy(&list.stderr);
    assert_eq!(list.status.code(), Some(2), "{said}");
    assert!(said.contains("not a regular file"), "{said}");

    // A scrape whose folder links to a picture outside it, and to itself.
    let scrape = dir.path().join("scrape");
    let notice = scrape.join("2020-821");
    std::fs::create_dir_all(&notice).unwrap();
    let record = r#"{"entity_id": "2020/821", "name": "MARCHETTI", "forename": "Luca", "date_of_birth": "1988/03/11",
        "sex_id": "M", "arrest_warrants": [{"issuing_country_id": "FR", "charge": "Murder"}],
        "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/red/2020-821"}}}"#;
    std::fs::write(notice.join("data.json"), record).unwrap();
    let outside = dir.path().join("secret.png");
    std::fs::write(&outside, b"\x89PNG\r\n\x1a\n not really").unwrap();
    std::os::unix::fs::symlink(&outside, notice.join("face.png")).unwrap();
    std::os::unix::fs::symlink(&scrape, notice.join("again")).unwrap();
    let output = dragnet(&data).args(["import", "interpol"]).arg(&scrape).output().unwrap();
    let said = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(said.contains("face.png: a symbolic link, not followed"), "{said}");
    assert!(said.contains("again: a symbolic link, not followed"), "{said}");
    assert!(said.contains("nothing was imported"), "{said}");
}

#[tokio::test]
async fn a_refused_notice_published_in_the_database_is_caught_and_the_chain_anchored() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let key = dir.path().join("audit.key");
    std::fs::write(&key, b"a key kept off the database's machine, 32 bytes or more").unwrap();
    let signed = |data: &Path| {
        let mut command = dragnet(data);
        command.arg("--audit-key").arg(&key);
        command
    };
    let demo = signed(&data).arg("demo").output().unwrap();
    assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));
    let anchors = dir.path().join("anchors.txt");
    for round in 1..=2 {
        let verified = signed(&data).args(["audit", "verify", "--anchors"]).arg(&anchors).output().unwrap();
        let said = String::from_utf8_lossy(&verified.stdout);
        assert!(verified.status.success(), "round {round}: {said}");
        assert!(said.contains("every notice and request as sealed"), "{said}");
    }
    let anchored = std::fs::read_to_string(&anchors).unwrap();
    assert_eq!(anchored.lines().count(), 2, "each intact run adds its end");
    assert!(anchored.lines().all(|line| line.ends_with(" signed")), "{anchored}");

    // A record appended with the database alone, hashed as the servers would: it bears no signature.
    let url = format!("sqlite:{}", data.join("dragnet.sqlite3").display());
    let store = dragnet_store::sqlite::SqliteStore::open(&data.join("dragnet.sqlite3"), dragnet_store::Clock::system())
        .await
        .unwrap();
    use dragnet_store::Store;
    let (seq, hash) = store.audit_head().await.unwrap();
    let mut forged = store.audit_records(seq - 1, 1).await.unwrap().remove(0);
    (forged.seq, forged.prev_hash, forged.action, forged.reason) = (seq + 1, hash, "notice.read".into(), None);
    forged.hash = forged.expected_hash();
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor, country, action, target, reason, details, prev_hash, hash)
         SELECT $1, at, actor, country, $2, target, NULL, details, $3, $4 FROM audit_log WHERE seq = $5",
    )
    .bind(forged.seq)
    .bind(&forged.action)
    .bind(&forged.prev_hash)
    .bind(&forged.hash)
    .bind(seq)
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query("UPDATE audit_head SET seq = $1, hash = $2")
        .bind(forged.seq)
        .bind(&forged.hash)
        .execute(&pool)
        .await
        .unwrap();
    let verified = signed(&data).args(["audit", "verify"]).output().unwrap();
    let said = String::from_utf8_lossy(&verified.stdout);
    assert_eq!(verified.status.code(), Some(1), "{said}");
    assert!(said.contains("unsigned"), "{said}");
    sqlx::raw_sql("DROP TRIGGER audit_log_no_delete").execute(&pool).await.unwrap();
    sqlx::query("DELETE FROM audit_log WHERE seq = $1").bind(forged.seq).execute(&pool).await.unwrap();
    sqlx::query("UPDATE audit_head SET seq = $1, hash = $2")
        .bind(seq)
        .bind(&forged.prev_hash)
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    drop(store);

    // Someone with the database file publishes a refused notice, past Dragnet.
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    let flipped = sqlx::query("UPDATE notices SET state = 'published' WHERE state = 'refused'")
        .execute(&pool)
        .await
        .unwrap()
        .rows_affected();
    assert!(flipped > 0, "the demo world holds a refused notice");
    pool.close().await;
    let verified = signed(&data).args(["audit", "verify", "--anchors"]).arg(&anchors).output().unwrap();
    let said = String::from_utf8_lossy(&verified.stdout);
    assert_eq!(verified.status.code(), Some(1), "{said}");
    assert!(said.contains("notice/") && said.contains("past the trail"), "{said}");
    assert_eq!(std::fs::read_to_string(&anchors).unwrap().lines().count(), 2, "a broken chain is not anchored");
}
