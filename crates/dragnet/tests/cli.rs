//! The `dragnet` binary as an operator runs it: import, admin, audit verify, serve, and a kill mid-import.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;

use dragnet_store::testing::{TestDatabase, postgres_test_url};
use dragnet_store::{AuditVerification, Clock, StoreSettings};
use serde_json::{Value, json};

fn compliance_dev() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/compliance-dev")
}

fn shared_cases() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(compliance_dev())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

/// The binary with a data folder of the test's own and none of the caller's `DRAGNET_*` settings.
fn dragnet(data: &Path, database_url: Option<&str>) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dragnet"));
    for (key, _) in std::env::vars().filter(|(key, _)| key.starts_with("DRAGNET_")) {
        command.env_remove(key);
    }
    command.arg("--data").arg(data);
    if let Some(url) = database_url {
        command.arg("--database-url").arg(url);
    }
    command
}

fn run(command: &mut Command) -> Output {
    command.output().expect("cannot run dragnet")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

async fn notice_count(data: &Path, database_url: Option<&str>) -> i64 {
    let settings = StoreSettings { data_dir: data.to_path_buf(), database_url: database_url.map(str::to_string) };
    let store = dragnet_store::open(&settings, Clock::system()).await.unwrap();
    store.count_notices().await.unwrap().iter().map(|(_, count)| count).sum()
}

async fn audit_intact(data: &Path, database_url: Option<&str>) -> AuditVerification {
    let settings = StoreSettings { data_dir: data.to_path_buf(), database_url: database_url.map(str::to_string) };
    dragnet_store::open(&settings, Clock::system()).await.unwrap().verify_audit().await.unwrap()
}

/// One red notice request naming `subjects` people on one warrant.
fn many_subject_request(dir: &Path, subjects: usize) -> PathBuf {
    let base: Value =
        serde_json::from_str(&std::fs::read_to_string(compliance_dev().join("02-ordinary-murder.json")).unwrap())
            .unwrap();
    let mut request = base.clone();
    let template = base["subjects"][0].clone();
    request["subjects"] = (0..subjects)
        .map(|i| {
            let mut subject = template.clone();
            subject["family_name"] = json!(format!("SUBJECT{i:04}"));
            subject
        })
        .collect();
    let path = dir.join(format!("warrant-{subjects}.json"));
    std::fs::write(&path, request.to_string()).unwrap();
    path
}

#[tokio::test]
async fn every_shared_request_imports_and_the_server_then_answers() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let output = run(dragnet(&data, None).args(["import", "requests"]).args(shared_cases()));
    assert!(output.status.success(), "{}", text(&output.stderr));

    let stdout = text(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), shared_cases().len(), "one line per file");
    let mut expected_notices = 0;
    for (line, file) in lines.iter().zip(shared_cases()) {
        let request: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let (name, ids) = line.split_once('\t').unwrap();
        assert_eq!(name, file.display().to_string());
        let ids: Vec<&str> = ids.split(' ').collect();
        assert_eq!(ids.len(), request["subjects"].as_array().unwrap().len(), "{name}");
        assert!(ids.iter().all(|id| dragnet_domain::NoticeId::parse(id).is_ok()), "{line}");
        expected_notices += ids.len() as i64;
    }
    assert!(
        lines.iter().any(|line| line.contains("05-missing-minimum-data.json")),
        "the incomplete case is a valid draft"
    );
    assert_eq!(notice_count(&data, None).await, expected_notices);

    let server = Server::start(&data);
    let (status, body) = server.get("/healthz");
    assert_eq!(status, 200);
    assert!(body.contains("ok"), "{body}");
    let (status, body) = server.get("/readyz");
    assert_eq!(status, 200, "{body}");
    server.stop();
}

#[tokio::test]
async fn bad_input_is_refused_with_the_field_named_and_nothing_stored() {
    let good = compliance_dev().join("02-ordinary-murder.json");
    let base: Value = serde_json::from_str(&std::fs::read_to_string(&good).unwrap()).unwrap();
    let with = |pointer: &str, value: Value| {
        let mut request = base.clone();
        *request.pointer_mut(pointer).unwrap() = value;
        request.to_string()
    };
    let cases = [
        ("malformed JSON", "{\"kind\": \"red\",".to_string(), "(document): malformed JSON"),
        ("a wrong type", with("/subjects/0/nationalities", json!("FR")), "subjects[0].nationalities: invalid type"),
        ("an unknown enum value", with("/kind", json!("crimson")), "kind: unknown variant `crimson`"),
        (
            "an impossible date",
            with("/subjects/0/date_of_birth", json!("1971-13-02")),
            "subjects[0].date_of_birth: \"1971-13-02\" is not a date",
        ),
        (
            "an unknown country",
            with("/subjects/0/nationalities", json!(["XX"])),
            "subjects[0].nationalities[0]: \"XX\" is not an ISO 3166-1",
        ),
        ("an empty subject list", with("/subjects", json!([])), "subjects: the list is empty"),
    ];
    for (what, content, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let bad = dir.path().join("bad.json");
        std::fs::write(&bad, content).unwrap();
        let output = run(dragnet(&data, None).args(["import", "requests"]).arg(&good).arg(&bad));
        assert_eq!(output.status.code(), Some(2), "{what}");
        let stderr = text(&output.stderr);
        assert!(stderr.contains(&format!("bad.json: {expected}")), "{what}: {stderr}");
        assert!(stderr.contains("nothing was imported"), "{what}: {stderr}");
        assert!(text(&output.stdout).is_empty(), "{what}");
        assert_eq!(notice_count(&data, None).await, 0, "{what}: something was stored");
    }

    let dir = tempfile::tempdir().unwrap();
    let output = run(dragnet(&dir.path().join("data"), None).args(["import", "requests", "no-such-file.json"]));
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("no-such-file.json: cannot read"));
}

#[tokio::test]
async fn a_killed_import_leaves_all_or_nothing_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    killed_import_leaves_all_or_nothing(dir.path(), None).await;
}

#[tokio::test]
async fn a_killed_import_leaves_all_or_nothing_on_postgres() {
    let Some(admin_url) = postgres_test_url() else {
        eprintln!("DRAGNET_TEST_DATABASE_URL is not set: skipping the PostgreSQL run");
        return;
    };
    let database = TestDatabase::create(&admin_url).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    killed_import_leaves_all_or_nothing(dir.path(), Some(&database.url)).await;
    database.drop_now().await.unwrap();
}

async fn killed_import_leaves_all_or_nothing(dir: &Path, url: Option<&str>) {
    const SUBJECTS: usize = 300;
    let data = dir.join("data");
    let request = many_subject_request(dir, SUBJECTS);

    // Stopped for certain between the 150th and the 151st notice, then killed: nothing remains.
    let mut child = dragnet(&data, url)
        .args(["import", "requests"])
        .arg(&request)
        .env("DRAGNET_FAILPOINT", "create_drafts.halfway")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_line(&mut child, "failpoint create_drafts.halfway reached");
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(notice_count(&data, url).await, 0, "half a request was left behind");

    // Killed at moments chosen by nobody: each request is wholly there or wholly absent.
    let mut completed = 0;
    for delay_ms in [5, 30, 60, 120, 250, 500] {
        let mut child = dragnet(&data, url)
            .args(["import", "requests"])
            .arg(&request)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        if child.wait().unwrap().success() {
            completed += 1;
        }
        let count = notice_count(&data, url).await;
        assert_eq!(count % SUBJECTS as i64, 0, "{count} notices after a kill at {delay_ms} ms");
        assert!(count >= completed * SUBJECTS as i64);
    }

    // And without interruption the whole request lands.
    let before = notice_count(&data, url).await;
    let output = run(dragnet(&data, url).args(["import", "requests"]).arg(&request));
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(notice_count(&data, url).await, before + SUBJECTS as i64);
    assert!(matches!(audit_intact(&data, url).await, AuditVerification::Intact { .. }));
}

fn wait_for_line(child: &mut Child, expected: &str) {
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        match lines.next() {
            Some(Ok(line)) if line.contains(expected) => return,
            Some(Ok(_)) => continue,
            _ => break,
        }
    }
    let _ = child.kill();
    panic!("the process never said {expected:?}");
}

#[tokio::test]
async fn audit_verify_names_an_altered_record() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let output = run(dragnet(&data, None).args(["import", "requests"]).args(&shared_cases()[..4]));
    assert!(output.status.success());
    let output = run(dragnet(&data, None).args(["audit", "verify"]));
    assert!(output.status.success());
    let said = text(&output.stdout);
    assert!(said.starts_with("audit chain intact: 4 records, every notice and request as sealed\nend: 4 "), "{said}");

    // Someone with the database file in hand rewrites who created request 3.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", data.join("dragnet.sqlite3").display())).await.unwrap();
    sqlx::raw_sql("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'someone else' WHERE seq = 3;")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;

    let output = run(dragnet(&data, None).args(["audit", "verify"]));
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("audit chain broken at record 3: record 3 was altered"), "{stdout}");
}

#[test]
fn admin_creates_users_with_a_token_shown_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let output =
        run(dragnet(&data, None).args(["admin", "create-user", "amira", "--role", "screener", "--country", "FR"]));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let token = text(&output.stdout).trim().to_string();
    assert!(token.starts_with("dn_") && token.len() == 67, "{token}");

    let database = std::fs::read(data.join("dragnet.sqlite3")).unwrap();
    let wal = std::fs::read(data.join("dragnet.sqlite3-wal")).unwrap_or_default();
    for bytes in [&database, &wal] {
        assert!(!bytes.windows(token.len()).any(|window| window == token.as_bytes()), "the token is stored in clear");
    }

    let again = run(dragnet(&data, None).args(["admin", "create-user", "amira", "--role", "reviewer"]));
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("already exists"));
    let no_country = run(dragnet(&data, None).args(["admin", "create-user", "bob", "--role", "bureau_officer"]));
    assert_eq!(no_country.status.code(), Some(2));
    assert!(text(&no_country.stderr).contains("--country"));
    let bad_role = run(dragnet(&data, None).args(["admin", "create-user", "bob", "--role", "king"]));
    assert!(text(&bad_role.stderr).contains("--role: \"king\" is not a role"));

    let second = run(dragnet(&data, None).args(["admin", "create-token", "amira", "--label", "gate 4"]));
    assert!(second.status.success());
    assert_ne!(text(&second.stdout).trim(), token);
}

#[test]
fn settings_come_from_a_config_file_unless_flags_say_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let from_file = dir.path().join("from-file");
    let config = dir.path().join("dragnet.toml");
    std::fs::write(&config, format!("data = {:?}\nport = 0\n", from_file.display().to_string())).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_dragnet"));
    command.env_remove("DRAGNET_DATA").env_remove("DRAGNET_DATABASE_URL").env("DRAGNET_CONFIG", &config);
    let output = run(command.args(["audit", "verify"]));
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(from_file.join("dragnet.sqlite3").exists(), "the data folder named in the file is used");

    std::fs::write(&config, "colour = \"blue\"\n").unwrap();
    let output =
        run(Command::new(env!("CARGO_BIN_EXE_dragnet")).env("DRAGNET_CONFIG", &config).args(["audit", "verify"]));
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("colour"), "{}", text(&output.stderr));
}

/// `dragnet serve` on a free port, stopped with SIGTERM.
struct Server {
    child: Child,
    address: String,
}

impl Server {
    fn start(data: &Path) -> Server {
        let mut command = dragnet(data, None);
        command.args(["serve", "--port", "0"]);
        let (child, address) = common::serving(command);
        Server { child, address }
    }

    /// A plain HTTP/1.1 GET, enough for health checks without an HTTP client library.
    fn get(&self, path: &str) -> (u16, String) {
        self.get_as(path, None)
    }

    /// A GET with a bearer token, when one is given.
    fn get_as(&self, path: &str, token: Option<&str>) -> (u16, String) {
        let mut stream = std::net::TcpStream::connect(&self.address).unwrap();
        let authorization = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {}\r\n{authorization}Connection: close\r\n\r\n", self.address)
            .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let body = response.split_once("\r\n\r\n").map(|(_, body)| body.to_string()).unwrap_or_default();
        (status, body)
    }

    fn stop(mut self) {
        let terminated = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        assert!(terminated.success());
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "the server did not stop cleanly: {status}");
                return;
            }
            assert!(Instant::now() < deadline, "the server ignored SIGTERM");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[tokio::test]
async fn the_demo_world_loads_once_and_its_public_list_shows_only_public_extracts() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let output = run(dragnet(&data, None).args(["demo", "--synthetic", "600"]));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    for role in
        ["bureau_officer", "reviewer", "supervisor", "screener", "auditor", "data_protection_officer", "administrator"]
    {
        assert!(stdout.contains(role), "a user of each role: {stdout}");
    }
    assert!(stdout.contains("ncb.ir") && stdout.contains("reviewer.one"), "{stdout}");
    let again = run(dragnet(&data, None).arg("demo"));
    assert_eq!(again.status.code(), Some(2), "a store with data is refused");
    assert!(text(&again.stderr).contains("not empty"), "{}", text(&again.stderr));
    // `serve --demo` on it serves what is there, and says why no demo users are printed.
    let mut serving = dragnet(&data, None)
        .args(["serve", "--demo", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(serving.stdout.take().unwrap()), &mut line).unwrap();
    assert!(line.contains("http://"), "{line}");
    serving.kill().unwrap();
    let mut said = String::new();
    serving.stderr.take().unwrap().read_to_string(&mut said).unwrap();
    serving.wait().unwrap();
    assert!(said.contains("--demo: the store already holds users"), "{said}");

    // Every state a notice can be in by now, and the request that started it all waiting with its refusal.
    let settings = StoreSettings { data_dir: data.clone(), database_url: None };
    let store = dragnet_store::open(&settings, Clock::system()).await.unwrap();
    let counts: std::collections::HashMap<String, i64> =
        store.count_notices().await.unwrap().into_iter().map(|(state, n)| (state.as_str().to_string(), n)).collect();
    assert_eq!(counts.get("published"), Some(&606), "{counts:?}");
    for state in ["in_review", "refused", "info_requested", "draft"] {
        assert!(counts.get(state).is_some_and(|n| *n > 0), "{state}: {counts:?}");
    }
    let reviewer = dragnet_domain::Actor::system("test", None);
    let queue = store.review_queue(&reviewer, 10, dragnet_store::QueueDetail::Summaries).await.unwrap();
    assert_eq!(queue[0].recommendation, dragnet_store::Recommendation::Refuse);
    assert!(queue[0].notices.iter().any(|n| n.subject_name.starts_with("TRUMP")), "{:?}", queue[0].notices);

    // The public list, read page by page over HTTP, shows no notice unpublished, restricted or not
    // agreed to (read here from the stored bodies and bars, not from the store's own query).
    let server = Server::start(&data);
    let (mut listed, mut pictured) = (Vec::new(), 0);
    for kind in ["red", "yellow", "un"] {
        let mut page = 1;
        loop {
            let (status, body) = server.get(&format!("/notices/v1/{kind}?resultPerPage=200&page={page}"));
            assert_eq!(status, 200, "{body}");
            let body: Value = serde_json::from_str(&body).unwrap();
            let notices = body["_embedded"]["notices"].as_array().unwrap().clone();
            listed.extend(notices.iter().map(|n| n["entity_id"].as_str().unwrap().to_string()));
            pictured += notices.iter().filter(|n| n["_links"].get("thumbnail").is_some()).count();
            if body["_links"].get("next").is_none() {
                break;
            }
            page += 1;
        }
    }
    server.stop();
    assert_eq!(listed.len(), 606, "every public extract, past any cap");
    assert_eq!(pictured, 6, "the demo's own notices have drawn portraits; the synthetic ones none");
    let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", data.join("dragnet.sqlite3").display())).await.unwrap();
    let not_public: Vec<String> = sqlx::query_scalar(
        "SELECT notices.id FROM notices JOIN requests ON requests.id = notices.request_id
         WHERE notices.state <> 'published' OR json_extract(requests.body, '$.public_extract') IS NOT 1
            OR notices.id IN (SELECT notice_id FROM notice_bars)",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(!not_public.is_empty());
    assert!(listed.iter().all(|id| !not_public.contains(id)), "a hidden notice on the public list");
}

/// Every file under `dir`, by its path below it, with its bytes.
fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            pending.extend(std::fs::read_dir(&path).unwrap().map(|entry| entry.unwrap().path()));
        } else {
            let relative = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            files.insert(relative, std::fs::read(&path).unwrap());
        }
    }
    files
}

#[tokio::test]
async fn export_import_export_gives_the_same_records_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    round_trip(dir.path(), None).await;
}

#[tokio::test]
async fn export_import_export_gives_the_same_records_on_postgres() {
    let Some(admin_url) = postgres_test_url() else {
        eprintln!("DRAGNET_TEST_DATABASE_URL is not set: skipping the PostgreSQL run");
        return;
    };
    let database = TestDatabase::create(&admin_url).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    round_trip(dir.path(), Some(&database.url)).await;
    database.drop_now().await.unwrap();
}

/// The demo's public notices exported from SQLite, imported into an empty store (`url`, or SQLite),
/// exported again: the same files, byte for byte, pictures and their ids included.
async fn round_trip(dir: &Path, url: Option<&str>) {
    let (demo, copy) = (dir.join("demo"), dir.join("copy"));
    let output = run(dragnet(&demo, None).args(["demo", "--synthetic", "40"]));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let first = dir.join("first");
    let output = run(dragnet(&demo, None).arg("export").arg(&first));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let exported = tree(&first);
    let records: Vec<&String> = exported.keys().filter(|p| !p.contains("images")).collect();
    assert_eq!(records.len(), 46, "the demo's 6 public notices and 40 synthetic ones: {records:?}");
    assert!(exported.keys().any(|p| p.starts_with("yellow/")), "the missing child");
    assert_eq!(exported.keys().filter(|p| p.ends_with(".svg")).count(), 6);
    let again = run(dragnet(&demo, None).arg("export").arg(&first));
    assert_eq!(again.status.code(), Some(2), "an existing folder is not written into");
    let odd = run(dragnet(&demo, None).args(["export", "--base-url", "ftp://x"]).arg(dir.join("odd")));
    assert_eq!(odd.status.code(), Some(2));
    assert!(text(&odd.stderr).contains("--base-url"), "{}", text(&odd.stderr));
    assert!(!dir.join("odd").exists());

    let output = run(dragnet(&copy, url).args(["import", "interpol"]).arg(&first));
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout).lines().filter(|l| l.ends_with("\timported")).count(), 46);
    let second = dir.join("second");
    let output = run(dragnet(&copy, url).arg("export").arg(&second));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let re_exported = tree(&second);
    assert_eq!(exported.keys().collect::<Vec<_>>(), re_exported.keys().collect::<Vec<_>>());
    for (path, bytes) in &exported {
        assert!(re_exported[path] == *bytes, "{path} differs:\n{}\n{}", text(bytes), text(&re_exported[path]));
    }

    // Imported again: every notice is already there, and nothing more is stored.
    let before = notice_count(&copy, url).await;
    let output = run(dragnet(&copy, url).args(["import", "interpol"]).arg(&first));
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout).lines().filter(|l| l.ends_with("\talready_imported")).count(), 46);
    assert_eq!(notice_count(&copy, url).await, before);
    let settings = StoreSettings { data_dir: copy.clone(), database_url: url.map(str::to_string) };
    let store = dragnet_store::open(&settings, Clock::system()).await.unwrap();
    let extracts = store.public_extracts().await.unwrap();
    assert!(extracts.unreadable.is_empty());
    assert!(
        extracts.rows.iter().all(|e| e.source.as_deref() == Some("INTERPOL public notices")),
        "marked with their source"
    );
    assert!(matches!(store.verify_audit().await.unwrap(), AuditVerification::Intact { .. }));
}

/// A JPEG's first bytes and a little more: enough to be taken for one.
const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00made-up picture bytes";

/// Files as public scrapers save them: list pages swept by age (an array of pages), detail
/// records in an array, yellow notices in JSON Lines, pictures named by the notice id.
fn scraped(dir: &Path) -> PathBuf {
    let scrape = dir.join("scrape");
    std::fs::create_dir_all(scrape.join("images_red")).unwrap();
    let entry = |id: &str, name: &str, forename: &str| {
        json!({"entity_id": id, "name": name, "forename": forename, "date_of_birth": "1975/03/02",
               "nationalities": ["IR"], "_links": {
                   "self": {"href": format!("https://ws-public.interpol.int/notices/v1/red/{}", id.replace('/', "-"))},
                   "thumbnail": {"href": "https://ws-public.interpol.int/notices/v1/red/x/images/1"}}})
    };
    let pages = json!([
        {"total": 2, "query": {"page": 1, "resultPerPage": 160, "ageMin": 50, "ageMax": 51},
         "_embedded": {"notices": [entry("2019/114539", "ALQASIMEHR", "ALI"), entry("2021/27493", "DOE", "JOHN")]},
         "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/red?ageMin=50&ageMax=51"}}},
        {"total": 1, "query": {"page": 1, "resultPerPage": 160, "arrestWarrantCountryId": "AR"},
         "_embedded": {"notices": [entry("2022/301", "GARCIA", "-")]},
         "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/red?arrestWarrantCountryId=AR"}}}
    ]);
    std::fs::write(scrape.join("red_pages.json"), pages.to_string()).unwrap();
    let details = json!([{
        "entity_id": "2019/114539", "name": "ALQASIMEHR", "forename": "ALI", "date_of_birth": "1975/03/02",
        "sex_id": "M", "nationalities": ["IR"], "height": 1.76, "weight": 0, "eyes_colors_id": ["BRO"],
        "hairs_id": ["BLA"], "languages_spoken_ids": ["PER", "ENG"], "place_of_birth": "TEHRAN",
        "country_of_birth_id": "IR", "distinguishing_marks": null,
        "arrest_warrants": [{"issuing_country_id": "FR", "charge": "Trafic de stupéfiants", "charge_translation": null},
                            {"issuing_country_id": "BE", "charge": "Drug trafficking", "charge_translation": null}],
        "_embedded": {"links": []},
        "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/red/2019-114539"}}
    }, {
        "entity_id": "2024/2", "name": "OKELLO", "forename": "JOSEPH", "date_of_birth": "1961", "sex_id": "M",
        "eyes_colors_id": ["OTHC"], "hairs_id": ["YELB", "NOPE"],
        "arrest_warrants": [{"issuing_country_id": "914", "charge": "Crimes against humanity", "charge_translation": null}],
        "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/red/2024-2"}}
    }]);
    std::fs::write(scrape.join("red_details.json"), serde_json::to_string_pretty(&details).unwrap()).unwrap();
    let yellow = [
        json!({"entity_id": "2023/41234", "name": "KLETTE", "forename": "DANIELA", "date_of_birth": "2009",
               "sex_id": "F", "date_of_event": "2023/06/01", "place": "KARLSRUHE", "country": "DE",
               "nationalities": ["DE"], "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/yellow/2023-41234"}}}),
        json!({"entity_id": "2023/4", "name": "MUSTER", "forename": "PAULA", "date_of_event": "2023/07/09",
               "place": "LYON", "country": "FR"}),
    ];
    let lines: Vec<String> = yellow.iter().map(Value::to_string).collect();
    std::fs::write(scrape.join("yellow.jsonl"), lines.join("\n")).unwrap();
    std::fs::write(scrape.join("images_red/2019-114539.jpg"), JPEG).unwrap();
    std::fs::write(scrape.join("images_red/ALQASIMEHR.jpg"), JPEG).unwrap();
    scrape
}

#[tokio::test]
async fn scraped_files_import_as_public_notices_that_screening_finds_across_spellings() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let scrape = scraped(dir.path());

    // A bad record stops the import, naming the file, the notice and the field; nothing is stored.
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        json!({"entity_id": "2020/55555", "name": "X", "date_of_birth": "1990/02/30",
        "arrest_warrants": [{"issuing_country_id": "FR", "charge": "Vol"}]})
        .to_string(),
    )
    .unwrap();
    let output = run(dragnet(&data, None).args(["import", "interpol"]).arg(&scrape).arg(&bad));
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    let said = text(&output.stderr);
    assert!(said.contains("bad.json: notice 2020/55555: date_of_birth: \"1990-02-30\""), "{said}");
    assert!(said.contains("nothing was imported"), "{said}");
    assert_eq!(notice_count(&data, None).await, 0);

    // Asked to, it imports the rest and says what it left, beside a server that is running.
    let server = Server::start(&data);
    assert!(server.get("/notices/v1/red").1.contains("\"total\":0"));
    let output = run(dragnet(&data, None).args(["import", "interpol", "--skip-invalid"]).arg(&scrape).arg(&bad));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let said = text(&output.stderr);
    let stdout = text(&output.stdout);
    for id in ["2019/114539", "2021/27493", "2022/301", "2023/41234", "2023/4", "2024/2"] {
        assert!(stdout.contains(&format!("{id}\timported")), "{id}: {stdout}");
    }
    assert!(said.contains("2 list entries without their detail record: kept as the list shows them"), "{said}");
    assert!(said.contains("1 picture has no notice id in its path"), "{said}");
    assert!(said.contains("2 notices link pictures whose files were not given"), "2021/27493, 2022/301: {said}");
    assert!(said.contains("with 1 picture"), "{said}");
    assert!(said.contains("hairs_id[1]: \"NOPE\" is not one of INTERPOL's hair colour codes"), "{said}");
    assert_eq!(notice_count(&data, None).await, 6);

    // The running server takes them in within seconds, serves them as INTERPOL serves them, and
    // finds them by the screening engine across spellings.
    let deadline = Instant::now() + Duration::from_secs(30);
    let body = loop {
        let (status, body) = server.get("/notices/v1/red?name=Alghasi-Mehr&forename=Ali");
        assert_eq!(status, 200, "{body}");
        if !body.contains("\"total\":0") || Instant::now() > deadline {
            break body;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let list: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(list["_embedded"]["notices"][0]["entity_id"], "2019/114539", "{list}");
    let (status, body) = server.get("/notices/v1/red/2019-114539");
    assert_eq!(status, 200);
    let detail: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(detail["height"], 1.76);
    assert!(detail.get("weight").is_none(), "0 was unknown: {detail}");
    assert_eq!(detail["languages_spoken_ids"], json!(["PER", "ENG"]));
    assert_eq!(
        detail["arrest_warrants"],
        json!([{"issuing_country_id": "FR", "charge": "Trafic de stupéfiants"},
               {"issuing_country_id": "BE", "charge": "Drug trafficking"}]),
        "each warrant with its own issuer"
    );
    let thumbnail = detail["_links"]["thumbnail"]["href"].as_str().unwrap().to_string();
    let path = thumbnail.split_once("://").unwrap().1.split_once('/').unwrap().1;
    let mut stream = std::net::TcpStream::connect(&server.address).unwrap();
    write!(stream, "GET /{path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    assert!(response.ends_with(JPEG), "the picture's bytes as given");
    assert!(text(&response).contains("image/jpeg"));
    let (status, body) = server.get("/notices/v1/yellow?name=Klette");
    assert_eq!(status, 200);
    let list: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(list["total"], 1, "{list}");
    let (_, body) = server.get("/notices/v1/yellow/2023-41234");
    let detail: Value = serde_json::from_str(&body).unwrap();
    assert_eq!((detail["place"].as_str(), detail["date_of_event"].as_str()), (Some("KARLSRUHE"), Some("2023/06/01")));
    // Ids as INTERPOL writes them, of three digits and of one, read and linked as written.
    let (status, body) = server.get("/notices/v1/red/2022-301");
    assert_eq!(status, 200, "{body}");
    let detail: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(detail["entity_id"], "2022/301");
    assert!(detail["_links"]["self"]["href"].as_str().unwrap().ends_with("/notices/v1/red/2022-301"), "{detail}");
    // The International Criminal Court's warrant, as INTERPOL writes its requester; INTERPOL's colour codes.
    let (_, body) = server.get("/notices/v1/red/2024-2");
    let detail: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(detail["arrest_warrants"][0]["issuing_country_id"], "914", "{detail}");
    assert_eq!((detail["eyes_colors_id"].clone(), detail["hairs_id"].clone()), (json!(["OTHC"]), json!(["YELB"])));
    for filter in ["914", "ICC"] {
        let (status, body) = server.get(&format!("/notices/v1/red?arrestWarrantCountryId={filter}"));
        let list: Value = serde_json::from_str(&body).unwrap();
        assert_eq!((status, list["total"].clone()), (200, json!(1)), "{filter}: {list}");
        assert_eq!(list["_embedded"]["notices"][0]["entity_id"], "2024/2");
    }
    let (status, body) = server.get("/notices/v1/yellow/2023-4");
    assert_eq!((status, serde_json::from_str::<Value>(&body).unwrap()["entity_id"].clone()), (200, json!("2023/4")));
    assert_eq!(server.get("/notices/v1/yellow/2023-00004").0, 404, "another spelling is another id");
    let (status, page) = server.get("/notices/2022-301");
    assert!(status == 200 && page.contains("2022/301"), "{status} {page}");
    let (status, page) = server.get("/notices/2019-114539?lang=es");
    assert_eq!(status, 200);
    assert!(page.contains("<dt>Fuente</dt><dd dir=\"auto\">INTERPOL public notices</dd>"), "its source shown: {page}");
    server.stop();

    // Exported and imported again, even the list entry without charges keeps who asked for it.
    let export = dir.path().join("export");
    let output = run(dragnet(&data, None).arg("export").arg(&export));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let record: Value = serde_json::from_slice(&std::fs::read(export.join("red/2022-301.json")).unwrap()).unwrap();
    assert_eq!(record["arrest_warrants"], json!([{"issuing_country_id": "AR"}]));
    let output = run(dragnet(&dir.path().join("copy"), None).args(["import", "interpol"]).arg(&export));
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout).lines().filter(|l| l.ends_with("\timported")).count(),
        6,
        "{}",
        text(&output.stdout)
    );
}

#[tokio::test]
async fn a_server_whose_store_holds_unreadable_records_starts_serves_the_rest_and_names_them() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let scrape = scraped(dir.path());
    let output = run(dragnet(&data, None).args(["import", "interpol"]).arg(&scrape));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let token = |args: &[&str]| {
        let output = run(dragnet(&data, None).args(["admin", "create-user"]).args(args));
        assert!(output.status.success(), "{}", text(&output.stderr));
        text(&output.stdout).trim().to_string()
    };
    let admin = token(&["root", "--role", "administrator"]);
    let screener = token(&["gate", "--role", "screener", "--country", "FR"]);

    // Records altered past the store: a subject that is no longer a person, and a request body
    // that is no longer a request (so its notice's public extract cannot be made).
    let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", data.join("dragnet.sqlite3").display())).await.unwrap();
    sqlx::query("UPDATE notices SET subject = '{\"family_name\": 5}' WHERE id = '2022/301'")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query(
        "UPDATE requests SET body = '{\"kind\": \"yellow\"}'
         WHERE id = (SELECT request_id FROM notices WHERE id = '2023/41234')",
    )
    .execute(&pool)
    .await
    .unwrap();
    // A subject that is not even text; a bar naming no country (the notice must not be shown to
    // anyone rather than to the country that barred it); a register line that does not read.
    for tampering in [
        "UPDATE notices SET subject = CAST(x'7bff7d' AS TEXT) WHERE id = '2023/4'",
        "INSERT INTO notice_bars (notice_id, country) VALUES ('2024/2', 'Q!')",
        "UPDATE office_holders SET line = 'not a register line'",
    ] {
        sqlx::query(tampering).execute(&pool).await.unwrap();
    }
    pool.close().await;

    let server = Server::start(&data);
    let (status, body) = server.get("/readyz");
    assert_eq!(status, 200, "{body}");
    let ready: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(ready["views"]["unreadable_notices"], json!(["2022/301", "2023/4", "2023/41234", "2024/2"]), "{ready}");
    // The readable subject of the broken request is still screened; the others are not.
    assert_eq!(ready["notices_in_force"], 3, "{ready}");
    assert_eq!(ready["public_notices"], 2, "{ready}");
    assert_eq!(server.get("/notices/v1/red/2019-114539").0, 200, "the rest are served");
    assert_eq!(server.get("/notices/v1/red/2022-301").0, 404);
    assert_eq!(server.get("/notices/v1/yellow/2023-41234").0, 404);
    // Listed for administrators with the view and why; no one else sees the list.
    let (status, body) = server.get_as("/api/v1/admin/unreadable-notices", Some(&admin));
    assert_eq!(status, 200, "{body}");
    let listed: Value = serde_json::from_str(&body).unwrap();
    let broken = listed["notices"].as_array().unwrap().iter().find(|n| n["notice"] == "2022/301").expect("listed");
    assert_eq!(broken["view"], "screening", "{listed}");
    assert!(broken["reason"].as_str().unwrap().contains("family_name: invalid type"), "{listed}");
    assert_eq!(server.get_as("/api/v1/admin/unreadable-notices", Some(&screener)).0, 403);
    assert_eq!(server.get("/api/v1/admin/unreadable-notices").0, 401);
    server.stop();

    // The export says what it left, and writes the rest.
    let export = dir.path().join("export");
    let output = run(dragnet(&data, None).arg("export").arg(&export));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let said = text(&output.stderr);
    assert!(said.contains("notice 2022/301: its stored record does not read"), "{said}");
    assert!(export.join("red/2019-114539.json").exists());
}

#[tokio::test]
async fn a_folder_per_notice_attaches_its_pictures_and_empty_files_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let scrape = dir.path().join("scrape");
    // One folder per notice, named or not by its id, holding its detail record and its photo.
    let child = scrape.join("yellow").join("2020-821");
    let wanted = scrape.join("red").join("some-folder");
    for folder in [&child, &wanted] {
        std::fs::create_dir_all(folder).unwrap();
    }
    let toddler = json!({"entity_id": "2020/821", "name": "KLEIN", "forename": "MIA", "sex_id": "F",
        "date_of_birth": "2019/04/01", "height": 0.37, "weight": 11, "eyes_colors_id": ["BROH"],
        "date_of_event": "2020/09/12", "place": "KÖLN", "country": "DE",
        "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/yellow/2020-821"}}});
    std::fs::write(child.join("data.json"), toddler.to_string()).unwrap();
    std::fs::write(child.join("b469ea.jpeg"), JPEG).unwrap();
    let red = json!({"entity_id": "2017/3801", "name": "VARGA", "forename": "PETER", "sex_id": "M",
        "arrest_warrants": [{"issuing_country_id": "HU", "charge": "Fraud", "charge_translation": null}],
        "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/red/2017-3801"}}});
    std::fs::write(wanted.join("data.json"), red.to_string()).unwrap();
    std::fs::write(wanted.join("photo.jpg"), JPEG).unwrap();
    // What a scraper leaves when a notice was gone by the time it asked: nothing to lose.
    std::fs::write(scrape.join("gone.json"), "null").unwrap();
    std::fs::write(scrape.join("blank.json"), "{}").unwrap();

    let output = run(dragnet(&data, None).args(["import", "interpol"]).arg(&scrape));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let said = text(&output.stderr);
    assert!(said.contains("with 2 pictures"), "{said}");
    assert!(said.contains("2 files or entries hold no record (null or {}): skipped"), "{said}");
    assert!(said.contains("physical.height_cm: 37 cm is outside the usual human range"), "{said}");

    let settings = StoreSettings { data_dir: data.clone(), database_url: None };
    let store = dragnet_store::open(&settings, Clock::system()).await.unwrap();
    let extracts = store.public_extracts().await.unwrap();
    assert!(extracts.unreadable.is_empty(), "{:?}", extracts.unreadable);
    let pictures: Vec<(String, usize)> = extracts.rows.iter().map(|e| (e.id.to_string(), e.pictures.len())).collect();
    assert_eq!(pictures, [("2017/3801".to_string(), 1), ("2020/821".to_string(), 1)]);
    let child = extracts.rows.iter().find(|e| e.id.to_string() == "2020/821").unwrap();
    assert_eq!(child.subject.physical.as_ref().unwrap().height_cm, Some(37), "kept as given, and it loads");
}

#[tokio::test]
async fn a_scrape_imported_is_screened_against_from_a_csv_in_two_commands() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let scrape = scraped(dir.path());
    let customers = dir.path().join("customers.csv");
    std::fs::write(
        &customers,
        "id,family_name,forenames,date_of_birth,nationalities\n\
         c-1,Alghasi-Mehr,Ali,1975-03-02,IR\n\
         c-2,Lindqvist,Sara,1988-11-23,SE\n",
    )
    .unwrap();
    let made =
        run(dragnet(&data, None).args(["admin", "create-user", "bank.se", "--role", "screener", "--country", "SE"]));
    assert!(made.status.success(), "{}", text(&made.stderr));

    // The README's two commands.
    let output = run(dragnet(&data, None).args(["import", "interpol"]).arg(&scrape));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let output = run(dragnet(&data, None).args(["screen", "--as", "bank.se"]).arg(&customers));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let lines: Vec<Value> = text(&output.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["query"], "c-1");
    assert_eq!(lines[0]["hits"][0]["id"], "2019/114539", "{}", lines[0]);
    assert_eq!(lines[1]["hits"], json!([]));

    // Recorded as the user's screening, with the notice it showed.
    let settings = StoreSettings { data_dir: data.clone(), database_url: None };
    let store = dragnet_store::open(&settings, Clock::system()).await.unwrap();
    let records = store.audit_records(0, 1000).await.unwrap();
    let screening = records.iter().rev().find(|r| r.action == "screening.search").expect("the screening is audited");
    assert_eq!(screening.actor, "bank.se");
    assert!(screening.details.contains("2019/114539"), "{}", screening.details);

    // Someone not entitled to screen is refused, naming the flag.
    run(dragnet(&data, None).args(["admin", "create-user", "auditor", "--role", "auditor"]));
    let refused = run(dragnet(&data, None).args(["screen", "--as", "auditor"]).arg(&customers));
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stderr));
    assert!(text(&refused.stderr).contains("--as auditor"), "{}", text(&refused.stderr));
    let unknown = run(dragnet(&data, None).args(["screen", "--as", "nobody"]).arg(&customers));
    assert_eq!(unknown.status.code(), Some(2));
}

/// Detail records of every kind in the exact shape of INTERPOL's public API, each field as INTERPOL
/// writes it, awkward ones included: ids of six digits and of two, several warrants and the ICC's,
/// a 3,000-character charge with its translation, a 0.37 m child, parents' names, a birth name,
/// countries likely to be visited, a UN sanctions list entry.
fn interpol_details() -> Vec<Value> {
    let long_charge = "Participation à une organisation criminelle en vue de la traite d'êtres humains. ".repeat(38);
    assert!(long_charge.chars().count() > 3_000);
    vec![
        json!({
            "arrest_warrants": [
                {"issuing_country_id": "FR", "charge": long_charge.trim(), "charge_translation": "Participation in a criminal organisation for trafficking in human beings"},
                {"issuing_country_id": "BE", "charge": "Blanchiment", "charge_translation": null},
                {"issuing_country_id": "914", "charge": "Crimes against humanity", "charge_translation": null}],
            "weight": 82, "forename": "NIKOLAI SERGEEVICH", "date_of_birth": "1977/10/30", "entity_id": "2018/104032",
            "languages_spoken_ids": ["RUS", "FRE"], "nationalities": ["RU", "FR"], "height": 1.83, "sex_id": "M",
            "country_of_birth_id": "RU", "name": "VOLKOV", "distinguishing_marks": "Tattoo of an anchor on the left forearm",
            "eyes_colors_id": ["BROH"], "hairs_id": ["GRY"], "place_of_birth": "SAMARA",
            "_embedded": {"links": []},
            "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/red/2018-104032"},
                       "images": {"href": "https://ws-public.interpol.int/notices/v1/red/2018-104032/images"}}
        }),
        json!({
            "weight": 11, "birth_name": "BERGER", "entity_id": "2024/57", "nationalities": ["AT"], "height": 0.37,
            "name": "HOFER", "eyes_colors_id": ["BLU"], "place": "INNSBRUCK", "date_of_event": "2024/08/14",
            "hairs_id": ["YELB"], "father_forename": "THOMAS", "father_name": "HOFER", "mother_forename": "ANNA",
            "mother_name": "BERGER", "forename": "LENA", "date_of_birth": "2023/05/01", "languages_spoken_ids": ["GER"],
            "country": "AT", "country_of_birth_id": "AT", "sex_id": "F", "distinguishing_marks": "Birthmark on the neck",
            "place_of_birth": "INNSBRUCK", "issuing_country": "AT", "countries_likely_to_be_visited": ["IT", "DE"],
            "_embedded": {"links": []},
            "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/yellow/2024-57"}}
        }),
        json!({
            "weight": 0, "entity_id": "2021/84506", "aliases": ["Abu Hamza al-Ansari", "Hamza Rashid"],
            "father_name": "RASHID", "father_forename": "KHALED", "mother_forename": "FATIMA", "mother_name": "HASSAN",
            "un_reference": "QDi.432", "nationalities": ["IQ", "UNK"], "name_at_birth": "AL-RASHIDI", "name": "RASHID",
            "name_in_original_script": "حمزة راشد", "un_resolution": 1267, "forename": "HAMZA",
            "date_of_birth": "1981", "un_reference_date": "2021/12/29", "languages_spoken_ids": ["ARA"],
            "country_of_birth_id": "IQ", "sex_id": "M", "place_of_birth": "MOSUL",
            "_embedded": {"links": []},
            "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/un/persons/2021-84506"}}
        }),
    ]
}

/// Whether `served` is `record` field by field: every field that holds something served as it
/// was, and nothing served that the record did not have. Links name another host.
fn served_as_given(record: &Value, served: &Value) -> Result<(), String> {
    let holds = |v: &Value| !(v.is_null() || v == &json!(0) || v == &json!([]) || v == &json!(""));
    let (record, served) = (record.as_object().unwrap(), served.as_object().unwrap());
    for (field, value) in record.iter().filter(|(f, v)| !f.starts_with('_') && holds(v)) {
        if field == "arrest_warrants" {
            // A null translation is left out, as INTERPOL's description allows no null.
            let warrants: Vec<Value> = value
                .as_array()
                .unwrap()
                .iter()
                .map(|w| {
                    let mut w = w.as_object().unwrap().clone();
                    w.retain(|_, v| !v.is_null());
                    Value::Object(w)
                })
                .collect();
            if served.get(field) != Some(&json!(warrants)) {
                return Err(format!("{field}: {} served as {:?}", json!(warrants), served.get(field)));
            }
        } else if served.get(field) != Some(value) {
            return Err(format!("{field}: {value} served as {:?}", served.get(field)));
        }
    }
    for (field, value) in served.iter().filter(|(f, v)| !f.starts_with('_') && holds(v)) {
        if !record.get(field).is_some_and(holds) {
            return Err(format!("{field}: {value} served, not in the record"));
        }
    }
    Ok(())
}

#[tokio::test]
async fn every_field_of_interpols_records_is_served_back_and_a_newer_sweep_updates_and_withdraws() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let sweep = dir.path().join("sweep-1");
    std::fs::create_dir_all(&sweep).unwrap();
    let details = interpol_details();
    std::fs::write(sweep.join("details.json"), json!(details).to_string()).unwrap();
    // A list entry alone: no warrant, no requester; still screened, shown and searchable.
    let entry = json!({"entity_id": "2017/3801", "name": "LINDQVIST", "forename": "SARA", "date_of_birth": "1988/11/23",
        "nationalities": ["SE"], "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/red/2017-3801"}}});
    let page = json!({"total": 1, "query": {"page": 1, "resultPerPage": 160},
        "_embedded": {"notices": [entry]},
        "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/red?page=1"}}});
    std::fs::write(sweep.join("red_page.json"), page.to_string()).unwrap();
    let output = run(dragnet(&data, None).args(["import", "interpol"]).arg(&sweep));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let said = text(&output.stderr);
    assert!(!said.contains("not kept"), "every field is read: {said}");

    let server = Server::start(&data);
    for (record, path) in details.iter().zip(["red/2018-104032", "yellow/2024-57", "un/persons/2021-84506"]) {
        let (status, body) = server.get(&format!("/notices/v1/{path}"));
        assert_eq!(status, 200, "{path}: {body}");
        let served: Value = serde_json::from_str(&body).unwrap();
        served_as_given(record, &served).unwrap_or_else(|diff| panic!("{path}: {diff}\n{served}"));
    }
    let (status, body) = server.get("/notices/v1/red/2017-3801");
    assert_eq!(status, 200, "{body}");
    served_as_given(&entry, &serde_json::from_str(&body).unwrap()).unwrap();
    let (_, body) = server.get("/notices/v1/red?name=Lindqvist");
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["total"], 1, "searchable: {body}");
    let (_, body) = server.get("/notices/v1/un?unReference=QDi.432");
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["total"], 1, "found by its UN reference: {body}");
    let (status, page) = server.get("/notices/2017-3801");
    assert!(status == 200 && page.contains("LINDQVIST"), "shown: {status}");
    server.stop();
    let customers = dir.path().join("customers.csv");
    std::fs::write(
        &customers,
        "id,family_name,forenames,date_of_birth\nc-1,Lindqvist,Sara,1988-11-23\nc-2,Berger,Lena,2023-05-01\n",
    )
    .unwrap();
    let made =
        run(dragnet(&data, None).args(["admin", "create-user", "bank.se", "--role", "screener", "--country", "SE"]));
    assert!(made.status.success(), "{}", text(&made.stderr));
    let screened = |data: &Path| {
        let output = run(dragnet(data, None).args(["screen", "--as", "bank.se"]).arg(&customers));
        assert!(output.status.success(), "{}", text(&output.stderr));
        text(&output.stdout)
    };
    let found = screened(&data);
    assert!(found.contains("2017/3801"), "the list entry is screened: {found}");
    assert!(found.contains("\"id\":\"2024/57\",\"score\":1.0"), "a child found by her birth name: {found}");
    assert!(found.contains("Berger = BERGER"), "{found}");

    // A newer sweep: the entry now has its detail record, a charge was translated, the child's notice
    // is gone (deleted after it was solved).
    let sweep = dir.path().join("sweep-2");
    std::fs::create_dir_all(&sweep).unwrap();
    let mut newer = vec![details[0].clone(), details[2].clone()];
    newer[0]["arrest_warrants"][1]["charge_translation"] = json!("Money laundering");
    newer.push(
        json!({"entity_id": "2017/3801", "name": "LINDQVIST", "forename": "SARA", "date_of_birth": "1988/11/23",
        "nationalities": ["SE"], "sex_id": "F", "arrest_warrants": [{"issuing_country_id": "NO", "charge": "Fraud"}],
        "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/red/2017-3801"}}}),
    );
    std::fs::write(sweep.join("details.json"), json!(newer).to_string()).unwrap();
    let output = run(dragnet(&data, None).args(["import", "interpol", "--sync"]).arg(&sweep));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    for line in ["2018/104032\tupdated", "2017/3801\tupdated", "2021/84506\talready_imported"] {
        assert!(stdout.contains(line), "{line}: {stdout}");
    }
    assert!(!stdout.contains("2024/57\twithdrawn"), "a sweep of red and UN notices says nothing of yellow ones");

    // Only a sweep of that kind withdraws it.
    let yellow = dir.path().join("sweep-yellow");
    std::fs::create_dir_all(&yellow).unwrap();
    let other = json!({"entity_id": "2024/58", "name": "HOFER", "forename": "MAX", "date_of_event": "2024/08/14",
        "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/yellow/2024-58"}}});
    std::fs::write(yellow.join("yellow.json"), json!([other]).to_string()).unwrap();
    let output = run(dragnet(&data, None).args(["import", "interpol", "--sync"]).arg(&yellow));
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("2024/57\twithdrawn"), "{}", text(&output.stdout));
    assert!(text(&output.stderr).contains("withdrawn by the source"), "{}", text(&output.stderr));

    let server = Server::start(&data);
    let (_, body) = server.get("/notices/v1/red/2018-104032");
    let served: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(served["arrest_warrants"][1]["charge_translation"], "Money laundering");
    let (_, body) = server.get("/notices/v1/red/2017-3801");
    served_as_given(&newer[2], &serde_json::from_str(&body).unwrap()).unwrap();
    assert_eq!(server.get("/notices/v1/yellow/2024-57").0, 404, "withdrawn by its source: not shown");
    server.stop();
    let found = screened(&data);
    assert!(!found.contains("2024/57"), "nor screened: {found}");

    // Each change audited, the chain whole.
    let settings = StoreSettings { data_dir: data.clone(), database_url: None };
    let store = dragnet_store::open(&settings, Clock::system()).await.unwrap();
    let records = store.audit_records(0, 1000).await.unwrap();
    let of = |action: &str| records.iter().filter(|r| r.action == action).map(|r| r.target.clone()).collect::<Vec<_>>();
    assert_eq!(of("notice.source_update"), ["notice/2017/3801", "notice/2018/104032"]);
    assert_eq!(of("notice.source_withdraw"), ["notice/2024/57"]);
    assert!(matches!(store.verify_audit().await.unwrap(), AuditVerification::Intact { .. }));
}

/// A small deterministic generator (splitmix64), so that a failing case is named by its seed.
struct Generator(u64);

impl Generator {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn some<T>(&mut self, percent: usize, make: impl FnOnce(&mut Self) -> T) -> Option<T> {
        if self.chance(percent) { Some(make(self)) } else { None }
    }
    fn name(&mut self) -> String {
        const PARTS: [&str; 14] = [
            "PETROV",
            "ÖZTÜRK",
            "O'NEIL",
            "AL-RASHID",
            "NGUYEN VAN",
            "DE LA CRUZ",
            "ØSTERGÅRD",
            "MÜLLER",
            "ŁUKASZ",
            "KIM",
            "SMITH-JONES",
            "ÇELIK",
            "D'ARTAGNAN",
            "BJÖRK",
        ];
        let mut name = self.pick(&PARTS).to_string();
        if self.chance(30) {
            name = format!("{name} {}", self.pick(&PARTS));
        }
        name
    }
    fn text(&mut self, most: usize) -> String {
        const WORDS: [&str; 8] = ["Escroquerie", "en", "bande", "organisée", "murder", "of", "خطف", "убийство"];
        let words = 1 + self.below(most);
        (0..words).map(|_| *self.pick(&WORDS)).collect::<Vec<_>>().join(" ")
    }
    fn date(&mut self, full: bool) -> String {
        let year = 1930 + self.below(95);
        if full || self.chance(70) {
            format!("{year}/{:02}/{:02}", 1 + self.below(12), 1 + self.below(28))
        } else {
            year.to_string()
        }
    }
    fn countries(&mut self, most: usize) -> Vec<String> {
        let members = dragnet_domain::codes::member_countries();
        let mut picked: Vec<String> = Vec::new();
        for _ in 0..self.below(most + 1) {
            let country = self.pick(&members).to_string();
            if !picked.contains(&country) {
                picked.push(country);
            }
        }
        picked
    }
}

/// A record of one of INTERPOL's three detail shapes with random values of every field.
fn generated_record(g: &mut Generator) -> (Value, &'static str) {
    let kind = *g.pick(&["red", "yellow", "un"]);
    let digits = 1 + g.below(6);
    let number = 1 + g.below(10usize.pow(digits as u32) - 1);
    let id = format!("{}/{number}", 1990 + g.below(37));
    let mut record = serde_json::Map::new();
    record.insert("entity_id".into(), json!(id));
    record.insert("name".into(), json!(g.name()));
    if let Some(forename) = g.some(80, |g| g.name()) {
        record.insert("forename".into(), json!(forename));
    }
    record.insert("date_of_birth".into(), json!(g.date(false)));
    if let Some(sex) = g.some(80, |g| *g.pick(&["M", "F", "U"])) {
        record.insert("sex_id".into(), json!(sex));
    }
    let mut nationalities = g.countries(3);
    if g.chance(10) {
        // Kosovo, as INTERPOL writes it.
        nationalities.push("UNK".into());
    }
    record.insert("nationalities".into(), json!(nationalities));
    // Heights from a 12 cm mistake to 3 m, in metres with two decimals; weights up to 700 kg, 0 unknown.
    if let Some(cm) = g.some(70, |g| 12 + g.below(289)) {
        record.insert("height".into(), json!(cm as f64 / 100.0));
    }
    record.insert("weight".into(), json!(g.below(701)));
    let eyes: Vec<String> = dragnet_domain::codes::EyeColour::all().iter().map(|c| c.as_str().to_string()).collect();
    let hair: Vec<String> = dragnet_domain::codes::HairColour::all().iter().map(|c| c.as_str().to_string()).collect();
    record.insert("eyes_colors_id".into(), json!(g.some(60, |g| vec![g.pick(&eyes).clone()]).unwrap_or_default()));
    record.insert("hairs_id".into(), json!(g.some(60, |g| vec![g.pick(&hair).clone()]).unwrap_or_default()));
    let languages = ["ENG", "FRE", "SPA", "ARA", "RUS", "GER", "PER", "CHI"];
    record.insert("languages_spoken_ids".into(), json!(g.some(60, |g| vec![*g.pick(&languages)]).unwrap_or_default()));
    if let Some(marks) = g.some(40, |g| g.text(400)) {
        record.insert("distinguishing_marks".into(), json!(marks));
    }
    if let Some(place) = g.some(50, |g| g.name()) {
        record.insert("place_of_birth".into(), json!(place));
    }
    if let Some(country) = g.some(50, |g| g.countries(1)).and_then(|c| c.into_iter().next()) {
        record.insert("country_of_birth_id".into(), json!(country));
    }
    let parents = |g: &mut Generator, record: &mut serde_json::Map<String, Value>| {
        for field in ["father_name", "father_forename", "mother_name", "mother_forename"] {
            if let Some(name) = g.some(40, |g| g.name()) {
                record.insert(field.into(), json!(name));
            }
        }
    };
    match kind {
        "red" => {
            let mut issuers =
                dragnet_domain::codes::member_countries().iter().map(|c| c.to_string()).collect::<Vec<_>>();
            issuers.extend(["914".to_string(), "916".to_string(), "922".to_string()]);
            let warrants: Vec<Value> = (0..g.below(4))
                .map(|_| {
                    json!({"issuing_country_id": g.pick(&issuers), "charge": g.text(500),
                           "charge_translation": g.some(30, |g| g.text(100))})
                })
                .collect();
            record.insert("arrest_warrants".into(), json!(warrants));
        }
        "yellow" => {
            parents(g, &mut record);
            for (field, value) in [
                ("birth_name", g.some(30, |g| json!(g.name()))),
                ("date_of_event", g.some(70, |g| json!(g.date(true)))),
                ("place", g.some(70, |g| json!(g.name()))),
                ("country", g.some(70, |g| json!(g.countries(1)))),
                ("issuing_country", g.some(60, |g| json!(g.countries(1)))),
                ("countries_likely_to_be_visited", g.some(40, |g| json!(g.countries(3)))),
            ] {
                let value = match value {
                    // A single country is text, not a list.
                    Some(Value::Array(list)) if field != "countries_likely_to_be_visited" => list.first().cloned(),
                    other => other,
                };
                if let Some(value) = value {
                    record.insert(field.into(), value);
                }
            }
        }
        _ => {
            parents(g, &mut record);
            for (field, value) in [
                ("name_at_birth", g.some(30, |g| json!(g.name()))),
                ("aliases", g.some(50, |g| json!([g.name(), g.name()]))),
                ("name_in_original_script", g.some(50, |_| json!("حمزة راشد"))),
                ("un_reference", g.some(80, |g| json!(format!("QDi.{}", g.below(999))))),
                ("un_resolution", g.some(80, |g| json!(*g.pick(&[1267, 1518, 1718, 2140])))),
                ("un_reference_date", g.some(60, |g| json!(g.date(true)))),
            ] {
                if let Some(value) = value {
                    record.insert(field.into(), value);
                }
            }
        }
    }
    let path = match kind {
        "red" => "red",
        "yellow" => "yellow",
        _ => "un/persons",
    };
    let href = format!("https://ws-public.interpol.int/notices/v1/{path}/{}", id.replace('/', "-"));
    record.insert("_links".into(), json!({"self": {"href": href}}));
    (Value::Object(record), kind)
}

/// One set of rules for what is valid, whatever the path: a generated record read by the importer
/// is stored as the API's reader reads it, served back field by field as it came, and read again
/// from what is served (export, then import) into the very same request.
#[test]
fn generated_records_round_trip_through_every_reader() {
    use dragnet_server::interpol_records::read_records;
    for seed in 0..3_000u64 {
        let mut g = Generator(seed);
        let (record, kind) = generated_record(&mut g);
        let reading = read_records(&record.to_string(), "generated.json", None);
        assert!(reading.problems.is_empty(), "seed {seed}: {:?}\n{record}", reading.problems);
        let read = &reading.records[0];
        let flags: Vec<&String> = read.notes.iter().filter(|n| !n.ends_with("kept as given")).collect();
        assert!(flags.is_empty(), "seed {seed}: {flags:?}\n{record}");
        let request = &read.request;
        // The API's reader and the store's: the same request.
        let stored = dragnet_domain::parse_request(&serde_json::to_string(request).unwrap())
            .unwrap_or_else(|err| panic!("seed {seed}: {err}\n{record}"));
        assert_eq!(&stored, request, "seed {seed}");
        // Served back as INTERPOL served it.
        let extract = dragnet_store::PublicExtract::of(read.id, request, request.subjects[0].clone());
        let served = dragnet_server::public::detail_body("https://dragnet.example", &extract);
        served_as_given(&record, &served).unwrap_or_else(|diff| panic!("seed {seed} ({kind}): {diff}\n{record}"));
        // And what is served reads back into the same request.
        let again = read_records(&served.to_string(), "served.json", None);
        assert!(again.problems.is_empty(), "seed {seed}: {:?}", again.problems);
        assert_eq!(&again.records[0].request, request, "seed {seed}: {served}");
    }
}

#[tokio::test]
async fn a_sweep_that_is_visibly_incomplete_withdraws_nothing_and_disagreeing_records_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let detail = |n: usize, name: &str| {
        json!({"entity_id": format!("2015/{n}"), "name": name, "forename": "ANA", "sex_id": "F",
               "arrest_warrants": [{"issuing_country_id": "FR", "charge": "Fraud"}],
               "_links": {"self": {"href": format!("https://ws-public.interpol.int/notices/v1/red/2015-{n}")}}})
    };
    let all = dir.path().join("all.json");
    std::fs::write(&all, json!((1..=30).map(|n| detail(n, "SILVA")).collect::<Vec<_>>()).to_string()).unwrap();
    assert!(run(dragnet(&data, None).args(["import", "interpol"]).arg(&all)).status.success());
    let withdrawn = |output: &Output| text(&output.stdout).lines().filter(|l| l.ends_with("\twithdrawn")).count();

    // One page of three: the page says how many its list holds.
    let entries: Vec<Value> = (1..=5)
        .map(|n| {
            json!({"entity_id": format!("2015/{n}"), "name": "SILVA", "forename": "ANA",
            "_links": {"self": {"href": format!("https://ws-public.interpol.int/notices/v1/red/2015-{n}")}}})
        })
        .collect();
    let page = dir.path().join("page.json");
    std::fs::write(
        &page,
        json!({"total": 30, "query": {"page": 1, "resultPerPage": 5}, "_embedded": {"notices": entries},
        "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/red?page=1&resultPerPage=5"}}})
        .to_string(),
    )
    .unwrap();
    let output = run(dragnet(&data, None).args(["import", "interpol", "--sync"]).arg(&page));
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("hold 5 of the 30 notices it counts"), "{}", text(&output.stderr));
    assert_eq!(withdrawn(&output), 0);

    // Five records and no page: more than half of the source missing is taken for a sweep cut short.
    let five = dir.path().join("five.json");
    std::fs::write(&five, json!((1..=5).map(|n| detail(n, "SILVA")).collect::<Vec<_>>()).to_string()).unwrap();
    let output = run(dragnet(&data, None).args(["import", "interpol", "--sync"]).arg(&five));
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("lacks 25 of the source's 30"), "{}", text(&output.stderr));
    assert_eq!(withdrawn(&output), 0);
    let output = run(dragnet(&data, None).args(["import", "interpol", "--sync", "--sync-force"]).arg(&five));
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(withdrawn(&output), 25);

    // Two records of one notice that disagree: neither is taken, and the import names both.
    let other = dir.path().join("other.json");
    std::fs::write(&other, json!([detail(1, "SOUZA")]).to_string()).unwrap();
    let output = run(dragnet(&data, None).args(["import", "interpol"]).arg(&five).arg(&other));
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    let said = text(&output.stderr);
    assert!(said.contains("other.json[0]: notice 2015/1: another record of it, at"), "{said}");
    assert!(said.contains("five.json[0], says otherwise"), "{said}");
    assert!(matches!(audit_intact(&data, None).await, AuditVerification::Intact { .. }));
}
