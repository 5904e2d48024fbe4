//! `cargo bench -p dragnet --bench import -- [NOTICES]`: how long `dragnet import interpol` takes
//! for a scrape of NOTICES public notices (100,000 by default), every one a list entry and a third
//! of them with their detail record too, into SQLite and, when `DRAGNET_BENCH_DATABASE_URL` names a
//! PostgreSQL server, into a database of its own there. Prints one JSON line per run: seconds and
//! the importer's peak memory, for the first import and for the same scrape imported again.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use serde_json::{Value, json};

const FAMILY: [&str; 12] = [
    "PETROV",
    "GARCIA",
    "ALQASIMEHR",
    "NGUYEN",
    "KOWALSKI",
    "OKELLO",
    "SILVA",
    "HOFER",
    "YILMAZ",
    "DUBOIS",
    "KIM",
    "RASHID",
];
const GIVEN: [&str; 10] = ["IVAN", "MARIA", "ALI", "LENA", "JOSEPH", "SARA", "NIKOLAI", "FATIMA", "LUC", "HAMZA"];
const COUNTRIES: [&str; 8] = ["FR", "DE", "AR", "RU", "IN", "BR", "TR", "US"];

/// A scrape of `count` notices as scrapers save one: list pages of 160 entries in one file (an
/// array of pages), detail records in JSON Lines.
fn write_scrape(dir: &Path, count: usize) -> usize {
    let mut pages = Vec::new();
    let mut details = String::new();
    let mut detailed = 0;
    for chunk in (0..count).collect::<Vec<_>>().chunks(160) {
        let mut entries = Vec::with_capacity(chunk.len());
        for &i in chunk {
            let id = format!("{}/{}", 2000 + i % 25, 100 + i);
            let yellow = i % 5 == 0;
            let kind = if yellow { "yellow" } else { "red" };
            // Distinct names, as a million notices have: a syllable pair and a number spelled out.
            let family = format!("{}{}", FAMILY[i % FAMILY.len()], FAMILY[(i / 12) % FAMILY.len()].to_lowercase());
            let given = GIVEN[(i / 7) % GIVEN.len()];
            let born = format!("{}/{:02}/{:02}", 1950 + i % 60, 1 + i % 12, 1 + i % 28);
            let href = format!("https://ws-public.interpol.int/notices/v1/{kind}/{}", id.replace('/', "-"));
            entries.push(json!({"entity_id": id, "name": family, "forename": given, "date_of_birth": born,
                "nationalities": [COUNTRIES[i % COUNTRIES.len()]], "_links": {"self": {"href": href}}}));
            if i % 3 == 0 {
                detailed += 1;
                let country = COUNTRIES[(i / 3) % COUNTRIES.len()];
                let mut record = json!({"entity_id": id, "name": family, "forename": given, "date_of_birth": born,
                    "sex_id": if i % 2 == 0 { "M" } else { "F" }, "nationalities": [COUNTRIES[i % COUNTRIES.len()]],
                    "height": 1.5 + (i % 40) as f64 / 100.0, "weight": 50 + i % 50, "eyes_colors_id": ["BRO"],
                    "hairs_id": ["BLA"], "languages_spoken_ids": ["ENG"], "place_of_birth": "SOMEWHERE",
                    "country_of_birth_id": country, "_links": {"self": {"href": href}}});
                if yellow {
                    record["date_of_event"] = json!("2021/02/01");
                    record["place"] = json!("KARLSRUHE");
                    record["issuing_country"] = json!(country);
                } else {
                    record["arrest_warrants"] = json!([{"issuing_country_id": country,
                        "charge": "Fraud and forgery of documents", "charge_translation": null}]);
                }
                details.push_str(&record.to_string());
                details.push('\n');
            }
        }
        pages.push(json!({"total": count, "query": {"page": pages.len() + 1, "resultPerPage": 160},
            "_embedded": {"notices": entries},
            "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/red"}}}));
    }
    std::fs::write(dir.join("pages.json"), Value::Array(pages).to_string()).unwrap();
    std::fs::write(dir.join("details.jsonl"), details).unwrap();
    detailed
}

/// One import: seconds, and the peak memory the importer reports, in MB.
fn import(data: &Path, database_url: Option<&str>, scrape: &Path) -> (f64, Option<u64>) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dragnet"));
    command.arg("--data").arg(data);
    if let Some(url) = database_url {
        command.arg("--database-url").arg(url);
    }
    command.args(["import", "interpol"]).arg(scrape);
    let started = Instant::now();
    let output = command.output().expect("cannot run dragnet");
    let seconds = started.elapsed().as_secs_f64();
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the import failed: {said}");
    let peak = said
        .split("peak memory ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|mb| mb.parse().ok());
    (seconds, peak)
}

fn report(store: &str, notices: usize, details: usize, data: &Path, url: Option<&str>, scrape: &Path) {
    for run in ["first", "again"] {
        let (seconds, peak) = import(data, url, scrape);
        println!(
            "{}",
            json!({"store": store, "run": run, "notices": notices, "list_entries": notices, "detail_records": details,
                   "seconds": (seconds * 100.0).round() / 100.0, "notices_per_second": (notices as f64 / seconds).round(),
                   "peak_memory_mb": peak})
        );
    }
}

fn main() {
    // `cargo bench` passes `--bench`; the first number given is the scrape's size.
    let notices = std::env::args().skip(1).find_map(|a| a.parse::<usize>().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let scrape = dir.path().join("scrape");
    std::fs::create_dir_all(&scrape).unwrap();
    let details = write_scrape(&scrape, notices);

    report("sqlite", notices, details, &dir.path().join("sqlite"), None, &scrape);
    match std::env::var("DRAGNET_BENCH_DATABASE_URL") {
        Ok(admin_url) => {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            let database = runtime.block_on(dragnet_store::testing::TestDatabase::create(&admin_url)).unwrap();
            report("postgres", notices, details, &dir.path().join("postgres"), Some(&database.url), &scrape);
            runtime.block_on(database.drop_now()).unwrap();
        }
        Err(_) => eprintln!("DRAGNET_BENCH_DATABASE_URL is not set: PostgreSQL is not measured"),
    }
}
