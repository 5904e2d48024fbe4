//! `dragnet check` as other tools call it: DESIGN.md's JSON, exit 0 whatever the recommendation,
//! exit 2 with the reason for a file it cannot read.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn shared(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/compliance-dev").join(name)
}

fn dragnet(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dragnet")).env_remove("DRAGNET_POLICY").args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_json_report_has_exactly_the_contracts_shape() {
    let seed = shared("01-seed-head-of-state-drone-strike.json");
    let output = dragnet(&["check", seed.to_str().unwrap(), "--json"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let report: Value = serde_json::from_str(&text(&output.stdout)).unwrap();
    let keys = |value: &Value| {
        let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    };
    assert_eq!(keys(&report), ["recommendation", "subjects"]);
    assert_eq!(report["recommendation"], "refuse");
    let first = &report["subjects"][0];
    assert_eq!(keys(first), ["findings", "name", "recommendation"]);
    assert_eq!(first["name"], "TRUMP, Donald John");
    assert_eq!(first["recommendation"], "refuse");
    let finding = &first["findings"][0];
    assert_eq!(keys(finding), ["basis", "message", "rule", "severity"]);
    assert_eq!(finding["rule"], "art3.immunity");
    assert_eq!(finding["severity"], "refuse");
    assert!(finding["basis"].as_str().unwrap().starts_with("Constitution art. 3"));
    assert!(finding["message"].as_str().unwrap().contains("head of state"));

    // The same report in Arabic, in the same shape.
    let output = dragnet(&["check", seed.to_str().unwrap(), "--json", "--lang", "ar"]);
    let arabic: Value = serde_json::from_str(&text(&output.stdout)).unwrap();
    let finding = &arabic["subjects"][0]["findings"][0];
    assert_eq!(keys(finding), ["basis", "message", "rule", "severity"]);
    assert_eq!(finding["rule"], "art3.immunity");
    assert!(finding["basis"].as_str().unwrap().starts_with("القانون الأساسي، المادة 3"), "{finding}");
    assert!(finding["message"].as_str().unwrap().contains("رئيس دولة"), "{finding}");
    let unknown = dragnet(&["check", seed.to_str().unwrap(), "--lang", "de"]);
    assert_eq!(unknown.status.code(), Some(2), "{}", text(&unknown.stderr));
    assert!(text(&unknown.stderr).contains("not one of en, fr, es, ar"), "{}", text(&unknown.stderr));
}

#[test]
fn every_recommendation_exits_zero() {
    for (file, expected) in [
        ("02-ordinary-murder.json", "clear"),
        ("05-missing-minimum-data.json", "incomplete"),
        ("09-desertion.json", "refuse"),
        ("17-vague-summary.json", "review"),
    ] {
        let output = dragnet(&["check", shared(file).to_str().unwrap(), "--json"]);
        assert_eq!(output.status.code(), Some(0), "{file}");
        let report: Value = serde_json::from_str(&text(&output.stdout)).unwrap();
        assert_eq!(report["recommendation"], expected, "{file}");
    }
}

#[test]
fn the_text_report_names_rule_basis_and_evidence() {
    let output = dragnet(&["check", shared("06-insulting-the-president.json").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    let report = text(&output.stdout);
    assert!(report.starts_with("recommendation: refuse"), "{report}");
    assert!(report.contains("art3.purely_political (Constitution art. 3)"), "{report}");
    assert!(report.contains("\u{201c}Insulting the President\u{201d}"), "{report}");
}

#[test]
fn unreadable_and_invalid_files_exit_two_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let output = dragnet(&["check", dir.path().join("absent.json").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("absent.json: cannot read"), "{}", text(&output.stderr));
    assert!(output.stdout.is_empty());

    let mut request: Value =
        serde_json::from_str(&std::fs::read_to_string(shared("02-ordinary-murder.json")).unwrap()).unwrap();
    request["subjects"][0]["nationalities"] = serde_json::json!(["FR", "QQ"]);
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, request.to_string()).unwrap();
    let output = dragnet(&["check", bad.to_str().unwrap(), "--json"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("bad.json: subjects[0].nationalities[1]: \"QQ\" is not an ISO 3166-1"), "{stderr}");
    assert!(output.stdout.is_empty(), "no report for a request it could not read");
}

#[test]
fn a_policy_folder_replaces_the_built_in_files() {
    let dir = tempfile::tempdir().unwrap();
    let office_holders = "Jean|DUFRESNE-MARCHETTI\thead_of_state\tPresident\tFR\t\t2026-01-01\nLuca|MARCHETTI\thead_of_state\tPresident\tFR\t\t2026-01-01\n";
    std::fs::write(dir.path().join("office_holders.tsv"), office_holders).unwrap();
    let murder = shared("02-ordinary-murder.json");
    let output = dragnet(&["check", murder.to_str().unwrap(), "--json", "--policy", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let report: Value = serde_json::from_str(&text(&output.stdout)).unwrap();
    assert_eq!(report["subjects"][0]["findings"][0]["rule"], "register.possible_office_holder");

    let output =
        dragnet(&["check", murder.to_str().unwrap(), "--policy", dir.path().join("nowhere").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("not a folder"), "{}", text(&output.stderr));

    std::fs::write(dir.path().join("statuses.toml"), "version = 1\n").unwrap();
    let output = dragnet(&["check", murder.to_str().unwrap(), "--policy", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("statuses.toml"), "{}", text(&output.stderr));
}
