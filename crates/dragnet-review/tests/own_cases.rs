//! The project's own cases (`tests/cases/`): ordinary crimes that must pass clean as much as abuses
//! that must be caught, each with the outcome a careful reviewer would reach.

use std::path::PathBuf;

use dragnet_domain::parse_request;
use dragnet_review::{Policy, check};

#[test]
fn every_own_case_gets_its_expected_recommendation() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let expected = std::fs::read_to_string(dir.join("EXPECTED.tsv")).unwrap();
    let policy = Policy::built_in();
    let (mut cases, mut clean, mut caught) = (0, 0, 0);
    let mut wrong = Vec::new();
    for line in expected.lines().skip(1).filter(|line| !line.trim().is_empty()) {
        let columns: Vec<&str> = line.split('\t').collect();
        let (file, acceptable) = (columns[0], columns[1]);
        let request = parse_request(&std::fs::read_to_string(dir.join(file)).unwrap())
            .unwrap_or_else(|err| panic!("{file}: {err}"));
        let report = check(&request, &policy);
        let got = report.recommendation.as_str();
        if !acceptable.split('|').any(|ok| ok == got) {
            wrong.push(format!(
                "{file}: got {got}, expected {acceptable}\n{}",
                serde_json::to_string_pretty(&report).unwrap()
            ));
        }
        cases += 1;
        match acceptable {
            "clear" => clean += 1,
            "refuse" => caught += 1,
            _ => {}
        }
    }
    assert!(cases >= 30, "only {cases} cases");
    assert!(clean >= 10 && caught >= 10, "the cases must hold ordinary crimes and abuses alike");
    assert!(wrong.is_empty(), "{} of {cases} cases wrong:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn every_case_file_is_listed() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let expected = std::fs::read_to_string(dir.join("EXPECTED.tsv")).unwrap();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".json") {
            assert!(
                expected.lines().any(|line| line.starts_with(&format!("{name}\t"))),
                "{name} has no expected outcome"
            );
        }
    }
}
