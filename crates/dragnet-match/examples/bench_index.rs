//! Screening speed and memory on synthetic notices with names from the shipped name corpus (many
//! scripts), printed as JSON. `cargo run --release -p dragnet-match --example bench_index -- [NOTICES] [QUERIES]`
//! (defaults: 1,000,000 notices, 10,000 queries, half of them variants of listed people).

use std::io::Read;
use std::sync::Arc;
use std::time::Instant;

use dragnet_domain::{Person, parse_person};
use dragnet_match::{DEFAULT_LIMIT, DEFAULT_THRESHOLD, Index, Variants};
use serde_json::json;

/// A small fixed generator, so that every run measures the same data.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        self.next() as usize % n
    }
}

fn peak_memory_mb() -> f64 {
    memory_mb("VmHWM:")
}

/// A line of /proc/self/status in MB: `VmHWM:` the peak resident size, `VmRSS:` the current one.
fn memory_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|line| line.starts_with(field))
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let notices: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1_000_000);
    let queries: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);

    // Name groups of the corpus: every form of one name, in whatever scripts Wikidata holds.
    let mut text = String::new();
    flate2::read::GzDecoder::new(&include_bytes!("../data/name_variants.txt.gz")[..])
        .read_to_string(&mut text)
        .unwrap();
    let groups: Vec<Vec<&str>> = text
        .lines()
        .filter_map(|line| line.rsplit_once(" => "))
        .map(|(forms, _)| forms.split(", ").filter(|f| !f.contains(' ')).collect::<Vec<_>>())
        .filter(|forms: &Vec<&str>| forms.len() >= 2)
        .collect();

    let mut random = Random(42);
    let countries = ["IR", "IQ", "SY", "RU", "UA", "CN", "KR", "FR", "DE", "US", "BR", "NG", "EG", "TR", "PK", "IN"];
    let mut people: Vec<(usize, usize, String)> = Vec::with_capacity(notices);
    // The notices stream into the build as they are made, as they would from a database: the
    // memory measured is the index's, not a million records waiting their turn.
    let listed = (0..notices).map(|i| {
        let (given, family) = (random.below(groups.len()), random.below(groups.len()));
        let date = format!("{}-{:02}-{:02}", 1940 + random.below(65), 1 + random.below(12), 1 + random.below(28));
        let name = format!("{} {}", groups[given][0], groups[family][0]);
        let mut person = json!({"id": format!("{}/{:05}", 2000 + i / 99_999, 1 + i % 99_999), "name": name, "date_of_birth": date,
            "nationalities": [countries[random.below(countries.len())]]});
        if random.below(3) == 0 {
            person["identity_documents"] = json!([{"kind": "passport", "number": format!("P{:08}", random.next() % 100_000_000)}]);
        }
        people.push((given, family, date));
        let person = parse_person(&person.to_string()).unwrap();
        (person.id.clone().unwrap(), person, Vec::new())
    });

    let memory_before = peak_memory_mb();
    let started = Instant::now();
    let index = Index::build(Arc::new(Variants::built_in()), listed);
    let build_seconds = started.elapsed().as_secs_f64();
    let memory_after = peak_memory_mb();
    let resident_after = memory_mb("VmRSS:");

    // Half the queries are listed people under another spelling of their names; half are not listed.
    let query_people: Vec<Person> = (0..queries)
        .map(|q| {
            let value = if q % 2 == 0 {
                let (given, family, date) = &people[random.below(people.len())];
                let g = &groups[*given];
                let f = &groups[*family];
                json!({"id": format!("q{q}"), "name": format!("{} {}", g[1 % g.len()], f[1 % f.len()]), "date_of_birth": date})
            } else {
                let (given, family) = (random.below(groups.len()), random.below(groups.len()));
                json!({"id": format!("q{q}"), "name": format!("{} {}", groups[given][1], groups[family][1])})
            };
            parse_person(&value.to_string()).unwrap()
        })
        .collect();

    // One query at a time on one thread: the latency a border officer sees.
    let mut latencies: Vec<f64> = Vec::with_capacity(queries);
    let mut hits = 0;
    for query in &query_people {
        let started = Instant::now();
        hits += index.search(query, None, DEFAULT_THRESHOLD, DEFAULT_LIMIT).len();
        latencies.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    latencies.sort_by(f64::total_cmp);
    let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q) as usize];

    // The same queries as one batch on every core: a flight manifest.
    let started = Instant::now();
    let batch = index.search_batch(&query_people, None, DEFAULT_THRESHOLD, DEFAULT_LIMIT);
    let batch_seconds = started.elapsed().as_secs_f64();
    assert_eq!(batch.len(), queries);

    println!(
        "{}",
        serde_json::to_string_pretty(&json!({
            "benchmark": "screening index",
            "notices": index.len(),
            "keys": index.key_counts().0,
            "postings": index.key_counts().1,
            "queries": queries,
            "build_seconds_including_generation": build_seconds,
            "peak_memory_mb": {"before_build": memory_before, "after_build": memory_after},
            "resident_memory_mb_after_build": resident_after,
            "single_query_ms": {"median": at(0.5), "p90": at(0.9), "p99": at(0.99), "max": at(1.0)},
            "batch": {"threads": rayon::current_num_threads(), "seconds": batch_seconds, "queries_per_second": queries as f64 / batch_seconds},
            "hits": hits,
        }))
        .unwrap()
    );
}
