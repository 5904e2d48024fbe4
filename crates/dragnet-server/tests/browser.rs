//! The pages in a real headless Chromium (Debian's `chromium` and `chromium-driver`, which `.ci/run`
//! installs), driven over WebDriver, in each of the four languages: a reviewer signs in and refuses
//! the request that started this project, its art. 3 finding on screen; a border officer finds an
//! ordinary published notice and confirms the traveller as located. Screenshots of every page
//! go to `target/screenshots/`, the tests' artefacts.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use dragnet_domain::{Actor, Grant, MemberCountry, Role, UserName, parse_request};
use dragnet_server::AppState;
use dragnet_store::sqlite::SqliteStore;
use dragnet_store::{Clock, Recommendation, Store, SubjectCheck};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// chromedriver on a free port, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The driver, or `None` (with a message) where Chromium is not installed outside CI.
fn driver() -> Option<Driver> {
    let path = std::env::var("DRAGNET_CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    if !std::path::Path::new(&path).exists() {
        assert!(std::env::var_os("CI").is_none(), "{path} is missing: CI installs chromium-driver");
        eprintln!("{path} is missing: install chromium and chromium-driver to run the browser tests");
        return None;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(path)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    Some(Driver { child, port })
}

async fn browser(driver: &Driver) -> Client {
    let mut capabilities = serde_json::Map::new();
    let chromium = std::env::var("DRAGNET_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({"binary": chromium, "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=en"]}),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    for _ in 0..100 {
        match ClientBuilder::new(connector.clone())
            .capabilities(capabilities.clone())
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
        {
            Ok(client) => return client,
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    panic!("chromedriver did not answer");
}

fn screenshots() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn snap(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    std::fs::write(screenshots().join(format!("{name}.png")), png).unwrap();
}

/// Types each value into the field of that id, replacing what it held.
async fn fill(client: &Client, fields: &[(&str, &str)]) {
    for (field, value) in fields {
        let input = client.find(Locator::Id(field)).await.unwrap();
        input.clear().await.unwrap();
        input.send_keys(value).await.unwrap();
    }
}

/// The world of a story, on the real server on a random port.
struct World {
    address: SocketAddr,
    store: Arc<dyn Store>,
    /// The seed requests waiting for review.
    requests: Vec<i64>,
    /// The ordinary notice published before the server started, if asked for.
    published: Option<String>,
    _dir: tempfile::TempDir,
}

/// A reviewer, a border officer, `requests` copies of the request that started this project
/// submitted (one per language, so that each run has one to refuse), and, if `ordinary`, the
/// ordinary murder case published; then the server, its screening index loaded.
async fn server(requests: usize, ordinary: bool) -> World {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> =
        Arc::new(SqliteStore::open(&dir.path().join("dragnet.sqlite3"), Clock::system()).await.unwrap());
    let admin = Actor::system("test", None);
    let reviewer = UserName::parse("reviewer.one").unwrap();
    store.create_user(&admin, &reviewer, Grant::new(Role::Reviewer, None).unwrap()).await.unwrap();
    let hash = dragnet_server::web::passwords::hash("correct horse battery").unwrap();
    store.set_password(&admin, &reviewer, &hash).await.unwrap();
    let screener = UserName::parse("border.de").unwrap();
    let grant = Grant::new(Role::Screener, Some(MemberCountry::parse("DE").unwrap())).unwrap();
    store.create_user(&admin, &screener, grant).await.unwrap();
    let hash = dragnet_server::web::passwords::hash("a border password").unwrap();
    store.set_password(&admin, &screener, &hash).await.unwrap();
    let auditor = UserName::parse("auditor").unwrap();
    store.create_user(&admin, &auditor, Grant::new(Role::Auditor, None).unwrap()).await.unwrap();
    let hash = dragnet_server::web::passwords::hash("an auditor password").unwrap();
    store.set_password(&admin, &auditor, &hash).await.unwrap();
    let hash = dragnet_server::web::passwords::hash("a bureau password").unwrap();
    let bureau_name = UserName::parse("ncb.ir").unwrap();
    let grant = Grant::new(Role::BureauOfficer, Some(MemberCountry::parse("IR").unwrap())).unwrap();
    store.create_user(&admin, &bureau_name, grant).await.unwrap();
    store.set_password(&admin, &bureau_name, &hash).await.unwrap();
    let bureau = Actor::user(&bureau_name, &grant);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/compliance-dev/01-seed-head-of-state-drone-strike.json");
    let request = parse_request(&std::fs::read_to_string(path).unwrap()).unwrap();
    let policy = dragnet_review::Policy::built_in();
    let mut ids = Vec::new();
    for _ in 0..requests {
        let stored = store.create_drafts(&bureau, &request).await.unwrap();
        let report = dragnet_review::check(&request, &policy);
        let checks: Vec<SubjectCheck> = stored
            .notice_ids
            .iter()
            .zip(&report.subjects)
            .map(|(id, subject)| SubjectCheck {
                notice_id: *id,
                recommendation: subject.recommendation,
                report: serde_json::to_value(subject).unwrap(),
                held: false,
            })
            .collect();
        store.submit_request(&bureau, stored.request_id, 1, &checks).await.unwrap();
        ids.push(stored.request_id);
    }
    let published = if ordinary { Some(publish_ordinary(store.as_ref()).await) } else { None };
    let state = AppState::load(store.clone(), policy).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(dragnet_server::serve(listener, state, std::future::pending()));
    World { address, store, requests: ids, published, _dir: dir }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewer_refuses_the_seed_request_in_each_language() {
    let Some(driver) = driver() else { return };
    // Kept whole: its temporary folder holds the database until the story ends.
    let world = server(4, false).await;
    let (address, store, ids) = (world.address, world.store.clone(), world.requests.clone());
    let client = browser(&driver).await;
    let base = format!("http://{address}");
    let reasons = [
        ("en", "Refused: a military operation ordered by a serving head of state (art. 3)."),
        ("fr", "Refusée : opération militaire ordonnée par un chef d’État en exercice (art. 3)."),
        ("es", "Rechazada: operación militar ordenada por un jefe de Estado en funciones (art. 3)."),
        ("ar", "مرفوض: عملية عسكرية أمر بها رئيس دولة في منصبه (المادة 3)."),
    ];
    for ((lang, reason), id) in reasons.into_iter().zip(ids) {
        client.goto(&format!("{base}/sign-in?lang={lang}")).await.unwrap();
        let html = client.find(Locator::Css("html")).await.unwrap();
        assert_eq!(html.attr("lang").await.unwrap().as_deref(), Some(lang));
        assert_eq!(html.attr("dir").await.unwrap().as_deref(), Some(if lang == "ar" { "rtl" } else { "ltr" }));
        snap(&client, &format!("sign-in-{lang}")).await;
        client.find(Locator::Id("name")).await.unwrap().send_keys("reviewer.one").await.unwrap();
        client.find(Locator::Id("password")).await.unwrap().send_keys("correct horse battery").await.unwrap();
        client.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();

        // Signed in, the reviewer lands on the queue: the refusal recommendation first.
        let row = client.wait().for_element(Locator::Css(&format!("a[href^='/review/{id}']"))).await.unwrap();
        snap(&client, &format!("queue-{lang}")).await;
        row.click().await.unwrap();
        let findings = client.wait().for_element(Locator::Css(".findings")).await.unwrap();
        let text = findings.text().await.unwrap();
        assert!(text.contains("art3.immunity") && text.contains("art3.military_operation"), "{text}");
        let marked = client.find(Locator::Css(".summary mark")).await.unwrap().text().await.unwrap();
        assert!(marked.to_lowercase().contains("drone strike"), "{marked}");
        // Every fact the decision rests on (the death penalty among them), each subject a row.
        let facts = client.find(Locator::Css("dl.facts")).await.unwrap().text().await.unwrap();
        assert!(facts.contains("Murder") && facts.contains("Terrorism"), "{facts}");
        let rows = client.find_all(Locator::Css("table.subjects tr[id^=subject-]")).await.unwrap();
        assert_eq!(rows.len(), 5);
        snap(&client, &format!("request-{lang}")).await;

        client.find(Locator::Css("input[value=refuse]")).await.unwrap().click().await.unwrap();
        client.find(Locator::Id("reason")).await.unwrap().send_keys(reason).await.unwrap();
        client.find(Locator::Css("textarea + button[type=submit]")).await.unwrap().click().await.unwrap();
        client.wait().for_element(Locator::Css("p.notice[role=status]")).await.unwrap();
        snap(&client, &format!("refused-{lang}")).await;

        client.find(Locator::Css("form.inline button")).await.unwrap().click().await.unwrap();
        client.wait().for_element(Locator::Id("password")).await.unwrap();
    }
    client.close().await.unwrap();

    // Each refusal is on the record with the reason typed into the page.
    let records = store.audit_records(0, 1000).await.unwrap();
    let decisions: Vec<&str> =
        records.iter().filter(|r| r.action == "notice.decision.refuse").filter_map(|r| r.reason.as_deref()).collect();
    for (_, reason) in reasons {
        assert!(decisions.contains(&reason), "{reason} not on the record: {decisions:?}");
    }
}

/// Publishes the ordinary murder case from France, as a bureau and a reviewer would.
async fn publish_ordinary(store: &dyn Store) -> String {
    let admin = Actor::system("test", None);
    let name = UserName::parse("ncb.fr").unwrap();
    let grant = Grant::new(Role::BureauOfficer, Some(MemberCountry::parse("FR").unwrap())).unwrap();
    store.create_user(&admin, &name, grant).await.unwrap();
    let bureau = Actor::user(&name, &grant);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/compliance-dev/02-ordinary-murder.json");
    let mut request = parse_request(&std::fs::read_to_string(path).unwrap()).unwrap();
    request.public_extract = true;
    let stored = store.create_drafts(&bureau, &request).await.unwrap();
    let checks = vec![SubjectCheck {
        notice_id: stored.notice_ids[0],
        recommendation: Recommendation::Clear,
        report: json!({"findings": []}),
        held: false,
    }];
    store.submit_request(&bureau, stored.request_id, 1, &checks).await.unwrap();
    let reviewer = Actor::user(&UserName::parse("reviewer.one").unwrap(), &Grant::new(Role::Reviewer, None).unwrap());
    store
        .decide(&reviewer, stored.request_id, dragnet_store::Decision::Publish, "ordinary-law crime", None)
        .await
        .unwrap();
    let portrait = "<svg xmlns='http://www.w3.org/2000/svg' width='300' height='400'><rect width='300' height='400' fill='#9ab'/><circle cx='150' cy='150' r='70' fill='#567'/></svg>";
    store.add_picture(&bureau, stored.notice_ids[0], "image/svg+xml", portrait.as_bytes()).await.unwrap();
    stored.notice_ids[0].to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_border_officer_finds_a_published_notice_and_confirms_it_in_each_language() {
    let Some(driver) = driver() else { return };
    let world = server(0, true).await;
    let (address, store, notice) = (world.address, world.store.clone(), world.published.clone().unwrap());
    let client = browser(&driver).await;
    let base = format!("http://{address}");
    for lang in ["en", "fr", "es", "ar"] {
        client.goto(&format!("{base}/sign-in?lang={lang}")).await.unwrap();
        client.find(Locator::Id("name")).await.unwrap().send_keys("border.de").await.unwrap();
        client.find(Locator::Id("password")).await.unwrap().send_keys("a border password").await.unwrap();
        client.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();
        client.wait().for_element(Locator::Id("date_of_birth")).await.unwrap();
        client.find(Locator::Id("name")).await.unwrap().send_keys("Luca Marchetti").await.unwrap();
        client.find(Locator::Id("date_of_birth")).await.unwrap().send_keys("1988-03-11").await.unwrap();
        client.find(Locator::Id("nationality")).await.unwrap().send_keys("IT").await.unwrap();
        snap(&client, &format!("screening-form-{lang}")).await;
        client.find(Locator::Css("form.grid button[type=submit]")).await.unwrap().click().await.unwrap();
        let hit = client.wait().for_element(Locator::Css("article.hit")).await.unwrap();
        let text = hit.text().await.unwrap();
        assert!(text.contains(&notice) && text.contains("MARCHETTI"), "{text}");
        // The hit an officer acts on: the kind in its colour, the photo, the charge, what to do.
        let kind = hit.find(Locator::Css(".hit-head .kind.red")).await.unwrap();
        assert!(!kind.text().await.unwrap().is_empty());
        assert!(text.contains("Meurtre (murder)"), "{text}");
        hit.find(Locator::Css("p.action.arrest")).await.unwrap();
        let width = client.execute("return document.querySelector('article.hit img').naturalWidth", vec![]).await;
        assert_eq!(width.unwrap(), json!(300), "the notice's photo loads on the hit");
        client.execute("document.querySelector('article.hit').scrollIntoView()", vec![]).await.unwrap();
        snap(&client, &format!("screening-hit-{lang}")).await;
        // Confirming shows what is confirmed, and needs the comparison ticked.
        hit.find(Locator::Css("details.confirm summary")).await.unwrap().click().await.unwrap();
        let compare = hit.find(Locator::Css("table.compare")).await.unwrap().text().await.unwrap();
        assert!(compare.contains("Luca Marchetti") && compare.contains("MARCHETTI, Luca"), "{compare}");
        hit.find(Locator::Css("details.confirm input[name=place]"))
            .await
            .unwrap()
            .send_keys("Frankfurt, gate B12")
            .await
            .unwrap();
        hit.find(Locator::Css("details.confirm input[name=compared]")).await.unwrap().click().await.unwrap();
        client.execute("document.querySelector('article.hit').scrollIntoView()", vec![]).await.unwrap();
        snap(&client, &format!("screening-confirm-{lang}")).await;
        hit.find(Locator::Css("details.confirm button[type=submit]")).await.unwrap().click().await.unwrap();
        let done = client.wait().for_element(Locator::Css("p.notice[role=status]")).await.unwrap();
        assert!(done.text().await.unwrap().contains(&notice));
        snap(&client, &format!("screening-located-{lang}")).await;

        // Another man of the same name, a day apart: cleared as not this person, and shown so after.
        let passport = format!("YB7654{lang}").to_uppercase();
        let traveller = [("name", "Luca Marchetti"), ("date_of_birth", "1988-03-12"), ("document", passport.as_str())];
        fill(&client, &traveller).await;
        client.find(Locator::Css("form.grid button[type=submit]")).await.unwrap().click().await.unwrap();
        let hit = client.wait().for_element(Locator::Css("article.hit")).await.unwrap();
        let against = hit.find(Locator::Css(".evidence")).await.unwrap().text().await.unwrap();
        assert!(against.contains("1988-03-11"), "the date of birth that disagrees: {against}");
        hit.find(Locator::Css("details.clear summary")).await.unwrap().click().await.unwrap();
        hit.find(Locator::Css("details.clear input[name=reason]"))
            .await
            .unwrap()
            .send_keys("photo and height differ")
            .await
            .unwrap();
        hit.find(Locator::Css("details.clear button[type=submit]")).await.unwrap().click().await.unwrap();
        client.wait().for_element(Locator::Css("p.notice[role=status]")).await.unwrap();
        fill(&client, &traveller).await;
        client.find(Locator::Css("form.grid button[type=submit]")).await.unwrap().click().await.unwrap();
        let cleared = client.wait().for_element(Locator::Css("article.hit.cleared .cleared-line")).await.unwrap();
        assert!(cleared.text().await.unwrap().contains("border.de"));
        client.execute("document.querySelector('article.hit').scrollIntoView()", vec![]).await.unwrap();
        snap(&client, &format!("screening-cleared-{lang}")).await;

        // A passenger list: uploaded, screened with its progress shown, the hit listed.
        let list = std::env::temp_dir().join(format!("dragnet-browser-list-{lang}-{}.csv", std::process::id()));
        let mut text = String::from("id,name,date_of_birth\n");
        for seat in 0..300 {
            text.push_str(&format!("S{seat},Traveller Number{seat},1970-01-01\n"));
        }
        text.push_str("12A,Luca Marchetti,1988-03-11\n");
        std::fs::write(&list, text).unwrap();
        client.find(Locator::Id("list")).await.unwrap().send_keys(list.to_str().unwrap()).await.unwrap();
        client.find(Locator::Css("input#list + button[type=submit]")).await.unwrap().click().await.unwrap();
        client.wait().for_element(Locator::Css("progress")).await.unwrap();
        let download = client.wait().for_element(Locator::Css("a[download]")).await.unwrap();
        assert!(download.attr("href").await.unwrap().unwrap().ends_with("/hits.csv"));
        let table = client.find(Locator::Css("table.list")).await.unwrap().text().await.unwrap();
        assert!(table.contains(&notice) && table.contains("12A"), "{table}");
        snap(&client, &format!("screening-list-{lang}")).await;
        std::fs::remove_file(&list).unwrap();
        client.find(Locator::Css("form.inline button")).await.unwrap().click().await.unwrap();
        client.wait().for_element(Locator::Id("password")).await.unwrap();

        // The public, signed out, finds the same notice's extract among the public notices.
        client.goto(&format!("{base}/notices?lang={lang}&name=Marchetti")).await.unwrap();
        let card = client.wait().for_element(Locator::Css(".notice-grid a")).await.unwrap();
        snap(&client, &format!("public-notices-{lang}")).await;
        card.click().await.unwrap();
        let extract = client.wait().for_element(Locator::Css("article.notice-extract")).await.unwrap();
        let width = client.execute("return document.querySelector('img.portrait').naturalWidth", vec![]).await;
        assert_eq!(width.unwrap(), json!(300), "the picture loads");
        let text = extract.text().await.unwrap();
        assert!(text.contains("MARCHETTI") && text.contains(&notice) && !text.contains("YA1234567"), "{text}");
        snap(&client, &format!("public-notice-{lang}")).await;
    }
    client.close().await.unwrap();

    // The requesting bureau was told each time, by the border post that found the person.
    let bureau = Actor::user(
        &UserName::parse("ncb.fr").unwrap(),
        &Grant::new(Role::BureauOfficer, Some(MemberCountry::parse("FR").unwrap())).unwrap(),
    );
    let told: Vec<_> =
        store.notifications(&bureau, "FR", 0, 100).await.unwrap().into_iter().filter(|n| n.kind == "located").collect();
    assert_eq!(told.len(), 4);
    assert!(
        told.iter().all(|n| n.located_in.as_deref() == Some("DE") && n.place.as_deref() == Some("Frankfurt, gate B12"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_auditor_reads_and_verifies_the_trail_in_each_language() {
    let Some(driver) = driver() else { return };
    let world = server(1, true).await;
    let client = browser(&driver).await;
    let base = format!("http://{}", world.address);
    for lang in ["en", "fr", "es", "ar"] {
        client.goto(&format!("{base}/sign-in?lang={lang}")).await.unwrap();
        client.find(Locator::Id("name")).await.unwrap().send_keys("auditor").await.unwrap();
        client.find(Locator::Id("password")).await.unwrap().send_keys("an auditor password").await.unwrap();
        client.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();
        client.wait().for_element(Locator::Css("table.audit")).await.unwrap();
        client.find(Locator::Id("action")).await.unwrap().send_keys("notice.").await.unwrap();
        client.find(Locator::Css("button[name=verify]")).await.unwrap().click().await.unwrap();
        let verdict = client.wait().for_element(Locator::Css("p.notice[role=status]")).await.unwrap();
        assert!(!verdict.text().await.unwrap().is_empty());
        let actions = client.find(Locator::Css("table.audit tbody")).await.unwrap().text().await.unwrap();
        assert!(actions.contains("notice.decision.publish") && !actions.contains("session.start"), "{actions}");
        snap(&client, &format!("audit-{lang}")).await;
        client.find(Locator::Css("form.inline button")).await.unwrap().click().await.unwrap();
        client.wait().for_element(Locator::Id("password")).await.unwrap();
    }
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bureau_follows_its_requests_in_each_language() {
    let Some(driver) = driver() else { return };
    let world = server(1, false).await;
    let client = browser(&driver).await;
    let base = format!("http://{}", world.address);
    for lang in ["en", "fr", "es", "ar"] {
        client.goto(&format!("{base}/sign-in?lang={lang}")).await.unwrap();
        client.find(Locator::Id("name")).await.unwrap().send_keys("ncb.ir").await.unwrap();
        client.find(Locator::Id("password")).await.unwrap().send_keys("a bureau password").await.unwrap();
        client.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();
        let link =
            client.wait().for_element(Locator::Css(&format!("a[href^='/requests/{}']", world.requests[0]))).await;
        snap(&client, &format!("requests-{lang}")).await;
        link.unwrap().click().await.unwrap();
        let findings = client.wait().for_element(Locator::Css(".findings")).await.unwrap();
        assert!(findings.text().await.unwrap().contains("art3.immunity"));
        assert!(client.find(Locator::Css("textarea#reason")).await.is_err(), "no decision form for a bureau");
        snap(&client, &format!("request-bureau-{lang}")).await;

        // A new request: two subjects typed in, checked before anything is sent.
        client.goto(&format!("{base}/requests?lang={lang}")).await.unwrap();
        client.wait().for_element(Locator::Css("a[href^='/requests/new']")).await.unwrap().click().await.unwrap();
        let family = client.wait().for_element(Locator::Id("subjects[0].family_name")).await.unwrap();
        family.send_keys("ROSSI").await.unwrap();
        client.find(Locator::Id("subjects[0].forenames")).await.unwrap().send_keys("Mario").await.unwrap();
        client.find(Locator::Css("button[value=add_subject]")).await.unwrap().click().await.unwrap();
        let second = client.wait().for_element(Locator::Id("subjects[1].family_name")).await.unwrap();
        second.send_keys("BIANCHI").await.unwrap();
        let summary = client.find(Locator::Id("offence.summary")).await.unwrap();
        summary.send_keys("Armed robbery of a jeweller in Milan on 3 March 2024.").await.unwrap();
        client.find(Locator::Css(".actions button[value=check]")).await.unwrap().click().await.unwrap();
        let findings = client.wait().for_element(Locator::Id("findings")).await.unwrap().text().await.unwrap();
        assert!(findings.contains("ROSSI, Mario") && findings.contains("BIANCHI"), "{findings}");
        assert!(findings.contains("minimum.case"), "a red notice without its warrant is incomplete: {findings}");
        snap(&client, &format!("request-form-{lang}")).await;
        client.find(Locator::Css("form.inline button")).await.unwrap().click().await.unwrap();
        client.wait().for_element(Locator::Id("password")).await.unwrap();
    }
    client.close().await.unwrap();
}

/// Signs in through the form as `name`, and waits for the home page the role lands on.
async fn sign_in(client: &Client, base: &str, lang: &str, name: &str, password: &str) {
    client.goto(&format!("{base}/sign-in?lang={lang}")).await.unwrap();
    fill(client, &[("name", name), ("password", password)]).await;
    client.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();
    client.wait().for_element(Locator::Css("form.inline button")).await.unwrap();
}

async fn sign_out(client: &Client) {
    client.find(Locator::Css("form.inline button")).await.unwrap().click().await.unwrap();
    client.wait().for_element(Locator::Id("password")).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewer_searches_every_notice_in_each_language() {
    let Some(driver) = driver() else { return };
    let world = server(1, true).await;
    let client = browser(&driver).await;
    let base = format!("http://{}", world.address);
    for lang in ["en", "fr", "es", "ar"] {
        sign_in(&client, &base, lang, "reviewer.one", "correct horse battery").await;
        client.find(Locator::Css("a[href^='/search']")).await.unwrap().click().await.unwrap();
        client.wait().for_element(Locator::Css("form[role=search]")).await.unwrap();
        // A name spelt otherwise, among notices in review as well as in force.
        fill(&client, &[("name", "Donald Tramp")]).await;
        client.find(Locator::Css("form[role=search] button")).await.unwrap().click().await.unwrap();
        let table = client.wait().for_element(Locator::Css("table.list tbody")).await.unwrap();
        let found = table.text().await.unwrap();
        assert!(found.contains("TRUMP, Donald John") && !found.contains("MARCHETTI"), "{found}");
        assert!(client.find(Locator::Css("a[href^='/search.csv?name=Donald']")).await.is_ok());
        snap(&client, &format!("search-{lang}")).await;
        // By state and kind alone: the ordinary notice in force.
        client.goto(&format!("{base}/search?lang={lang}&state=published&kind=red")).await.unwrap();
        let found = client.wait().for_element(Locator::Css("table.list tbody")).await.unwrap().text().await.unwrap();
        assert!(found.contains("MARCHETTI, Luca") && !found.contains("TRUMP"), "{found}");
        sign_out(&client).await;
    }
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bureau_adds_a_picture_and_renews_its_notice_in_each_language() {
    let Some(driver) = driver() else { return };
    let world = server(0, true).await;
    let admin = Actor::system("test", None);
    let hash = dragnet_server::web::passwords::hash("a french password").unwrap();
    world.store.set_password(&admin, &UserName::parse("ncb.fr").unwrap(), &hash).await.unwrap();
    let notice = world.published.clone().unwrap();
    let picture = world._dir.path().join("portrait.svg");
    std::fs::write(
        &picture,
        "<svg xmlns='http://www.w3.org/2000/svg' width='30' height='40'><rect width='30' height='40' fill='#345'/></svg>",
    )
    .unwrap();
    let client = browser(&driver).await;
    let base = format!("http://{}", world.address);
    for lang in ["en", "fr", "es", "ar"] {
        sign_in(&client, &base, lang, "ncb.fr", "a french password").await;
        let list = client.wait().for_element(Locator::Css("table.list")).await.unwrap().text().await.unwrap();
        assert!(list.contains("MARCHETTI, Luca"), "{list}");
        client.find(Locator::Css("table.list a[href^='/requests/']")).await.unwrap().click().await.unwrap();
        let actions = client.wait().for_element(Locator::Id("actions")).await.unwrap();
        assert!(actions.text().await.unwrap().contains(&notice), "the notice's own forms");
        let upload = client.find(Locator::Css("form[action*='/pictures'] input[type=file]")).await.unwrap();
        upload.send_keys(picture.to_str().unwrap()).await.unwrap();
        client.find(Locator::Css("form[action*='/pictures'] button")).await.unwrap().click().await.unwrap();
        let said = client.wait().for_element(Locator::Css("p.notice[role=status]")).await.unwrap();
        assert!(!said.text().await.unwrap().is_empty());
        client.find(Locator::Css("select[name=event] option[value=renew]")).await.unwrap().click().await.unwrap();
        let reason = client.find(Locator::Css("form[action*='/move'] textarea")).await.unwrap();
        reason.send_keys("the accused is still sought").await.unwrap();
        client.find(Locator::Css("form[action*='/move'] button")).await.unwrap().click().await.unwrap();
        client.wait().for_element(Locator::Css("p.notice[role=status]")).await.unwrap();
        let url = client.current_url().await.unwrap();
        assert!(url.as_str().contains("done=moved"), "{url}");
        client.execute("document.getElementById('actions').scrollIntoView()", vec![]).await.unwrap();
        snap(&client, &format!("request-actions-{lang}")).await;
        sign_out(&client).await;
    }
    let id = dragnet_domain::NoticeId::parse(&notice).unwrap();
    let stored = world.store.read_notice(&Actor::system("test", None), id).await.unwrap();
    assert_eq!(stored.notice.state.as_str(), "published");
    for n in 1..=5 {
        assert!(world.store.picture(id, n).await.unwrap().is_some(), "the demo's picture and one per language");
    }
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_gives_the_icc_a_bureau_officer_in_each_language() {
    let Some(driver) = driver() else { return };
    let world = server(0, false).await;
    let admin = Actor::system("test", None);
    let name = UserName::parse("admin.one").unwrap();
    world.store.create_user(&admin, &name, Grant::new(Role::Administrator, None).unwrap()).await.unwrap();
    let hash = dragnet_server::web::passwords::hash("an admin password").unwrap();
    world.store.set_password(&admin, &name, &hash).await.unwrap();
    let client = browser(&driver).await;
    let base = format!("http://{}", world.address);
    for lang in ["en", "fr", "es", "ar"] {
        sign_in(&client, &base, lang, "admin.one", "an admin password").await;
        client.wait().for_element(Locator::Id("new-user-title")).await.unwrap();
        let user = format!("ncb.icc.{lang}");
        fill(&client, &[("name", &user), ("acts_for", "ICC"), ("password", "a court password")]).await;
        client.find(Locator::Css("select#role option[value=bureau_officer]")).await.unwrap().click().await.unwrap();
        client.find(Locator::Css("form[action^='/admin/users?'] button")).await.unwrap().click().await.unwrap();
        let token = client.wait().for_element(Locator::Css("code.token")).await.unwrap().text().await.unwrap();
        assert!(token.len() > 20, "{token}");
        let row = client.find(Locator::Id(&format!("user-{user}"))).await.unwrap().text().await.unwrap();
        assert!(row.contains("ICC"), "{row}");
        snap(&client, &format!("admin-{lang}")).await;
        sign_out(&client).await;
        // The court's officer signs in to the bureau's pages.
        sign_in(&client, &base, lang, &user, "a court password").await;
        client.wait().for_element(Locator::Css("a[href^='/requests/new']")).await.unwrap();
        sign_out(&client).await;
    }
    client.close().await.unwrap();
}
