//! Benchmark of the compliance check: its cost per subject over the repository's own cases, printed as JSON.
//! Run with `cargo run --release -p dragnet-review --example bench_check`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use dragnet_domain::parse_request;
use dragnet_review::{Policy, check};

fn main() {
    let started = Instant::now();
    let policy = Policy::built_in();
    let policy_load = started.elapsed();

    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut requests = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("the cases folder") {
        let path = entry.expect("a case").path();
        if path.extension().is_some_and(|ext| ext == "json") {
            let text = std::fs::read_to_string(&path).expect("a readable case");
            requests.push(parse_request(&text).expect("a valid case"));
        }
    }
    let subjects_per_round: usize = requests.iter().map(|r| r.subjects.len()).sum();

    // Each sample is one round over every case; samples give the spread, rounds the total.
    let mut samples = Vec::new();
    let budget = Instant::now();
    let mut findings = 0usize;
    while budget.elapsed() < Duration::from_secs(3) || samples.len() < 20 {
        let round = Instant::now();
        for request in &requests {
            findings += check(request, &policy).subjects.iter().map(|s| s.findings.len()).sum::<usize>();
        }
        samples.push(round.elapsed().as_nanos() as f64 / subjects_per_round as f64);
    }
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize] / 1000.0;
    println!(
        "{}",
        serde_json::json!({
            "benchmark": "compliance check",
            "cases": requests.len(),
            "subjects_per_round": subjects_per_round,
            "rounds": samples.len(),
            "findings": findings,
            "per_subject_us": {"median": at(0.5), "p90": at(0.9), "max": at(1.0)},
            "policy_load_ms": policy_load.as_secs_f64() * 1000.0,
        })
    );
}
