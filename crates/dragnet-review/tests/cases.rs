//! Cases with the outcome a careful reviewer would reach: the shared compliance set, and the
//! project's own (`tests/cases/`), ordinary crimes that must pass clean as much as abuses to catch.

use std::path::{Path, PathBuf};

use dragnet_domain::parse_request;
use dragnet_review::{Policy, check};

/// Checks every case an `EXPECTED.tsv` lists (`file`, `acceptable outcomes separated by |`, …)
/// and returns how many expected each outcome; panics with the reports of the cases gone wrong.
fn check_expected(dir: &Path) -> Vec<String> {
    let expected = std::fs::read_to_string(dir.join("EXPECTED.tsv")).unwrap();
    let policy = Policy::built_in();
    let (mut outcomes, mut wrong) = (Vec::new(), Vec::new());
    for line in expected.lines().skip(1).filter(|line| !line.trim().is_empty()) {
        let columns: Vec<&str> = line.split('\t').collect();
        let (file, acceptable) = (columns[0], columns[1]);
        let request = parse_request(&std::fs::read_to_string(dir.join(file)).unwrap())
            .unwrap_or_else(|err| panic!("{file}: {err}"));
        let report = check(&request, &policy);
        said_in_every_language(file, &report);
        let got = report.recommendation.as_str();
        if !acceptable.split('|').any(|ok| ok == got) {
            let report = serde_json::to_string_pretty(&report).unwrap();
            wrong.push(format!("{file}: got {got}, expected {acceptable}\n{report}"));
        }
        outcomes.push(acceptable.to_string());
    }
    assert!(wrong.is_empty(), "{} of {} cases wrong:\n{}", wrong.len(), outcomes.len(), wrong.join("\n"));
    outcomes
}

/// Every finding is written in French, Spanish and Arabic too: none falls back to English, none
/// leaves a value or a catalogue key unfilled.
fn said_in_every_language(file: &str, report: &dragnet_review::Report) {
    for finding in report.subjects.iter().flat_map(|s| &s.findings) {
        let t = &finding.translations;
        for (language, words) in [("fr", &t.fr), ("es", &t.es), ("ar", &t.ar)] {
            assert_ne!(words.message, finding.message, "{file}: {} not in {language}", finding.rule);
            assert_ne!(words.basis, finding.basis, "{file}: the basis of {} not in {language}", finding.rule);
            assert!(!words.message.contains('{'), "{file}: {language} {}: {}", finding.rule, words.message);
        }
        assert!(!finding.message.contains('{') && finding.message.contains(' '), "{file}: {}", finding.message);
    }
}

#[test]
fn every_shared_case_gets_an_accepted_recommendation() {
    let outcomes = check_expected(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/compliance-dev"));
    assert!(outcomes.len() >= 20, "only {} cases", outcomes.len());
}

#[test]
fn every_own_case_gets_its_expected_recommendation() {
    let outcomes = check_expected(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases"));
    let count = |outcome: &str| outcomes.iter().filter(|o| *o == outcome).count();
    assert!(outcomes.len() >= 30, "only {} cases", outcomes.len());
    assert!(count("clear") >= 10 && count("refuse") >= 10, "ordinary crimes and abuses alike");
}

/// Rewrites of requests the check refuses, each meant to slip past it (other scripts, misspellings,
/// statuses left out, the co-accused alone, the act renamed, each working language), and cases
/// written from public reporting that must pass or be weighed.
#[test]
fn every_rewrite_and_reported_case_gets_its_expected_recommendation() {
    let outcomes = check_expected(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/rewrites"));
    let count = |outcome: &str| outcomes.iter().filter(|o| *o == outcome).count();
    assert!(outcomes.len() >= 40, "only {} cases", outcomes.len());
    assert!(count("refuse") >= 20 && count("clear") >= 8, "rewrites to refuse and ordinary crimes to pass");
}

/// Rewrites that still slip past the check, kept with what they get and why: when a change makes
/// one get what it should, this says so, and the case moves to `EXPECTED.tsv`.
#[test]
fn the_open_rewrites_are_listed_with_what_they_still_get() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/rewrites/open");
    let listed = std::fs::read_to_string(dir.join("OPEN.tsv")).unwrap();
    let policy = Policy::built_in();
    let mut changed = Vec::new();
    for line in listed.lines().skip(1).filter(|line| !line.trim().is_empty()) {
        let columns: Vec<&str> = line.split('\t').collect();
        let (file, should, gets) = (columns[0], columns[1], columns[2]);
        assert!(columns.get(3).is_some_and(|why| !why.trim().is_empty()), "{file}: say why it is open");
        let request = parse_request(&std::fs::read_to_string(dir.join(file)).unwrap()).unwrap();
        let got = check(&request, &policy).recommendation;
        if got.as_str() != gets {
            changed.push(format!("{file}: gets {got} now (listed as getting {gets}, should {should})"));
        }
    }
    assert!(changed.is_empty(), "move these to EXPECTED.tsv or mend OPEN.tsv:\n{}", changed.join("\n"));
    every_file_is_listed_in(&dir, "OPEN.tsv");
}

#[test]
fn every_own_case_file_is_listed() {
    for folder in ["tests/cases", "tests/rewrites"] {
        every_file_is_listed_in(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(folder), "EXPECTED.tsv");
    }
}

fn every_file_is_listed_in(dir: &Path, list: &str) {
    let expected = std::fs::read_to_string(dir.join(list)).unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".json") {
            assert!(
                expected.lines().any(|line| line.starts_with(&format!("{name}\t"))),
                "{name} has no expected outcome"
            );
        }
    }
}
