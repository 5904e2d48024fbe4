//! `dragnet screen` as border systems call it: JSON lines in and out, CSV queries, hits in input
//! order, and bad lines refused with their number and field before anything is printed.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn dragnet(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dragnet")).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn write(dir: &Path, name: &str, content: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_str().unwrap().to_string()
}

const NOTICES: &str = r#"{"id": "2020/12345", "original_script_name": "علی القاصی مهر", "name": "علی القاصی مهر", "sex": "M", "date_of_birth": "1971-05-02"}
{"id": "2021/00002", "family_name": "PUTIN", "forenames": "Vladimir Vladimirovich", "date_of_birth": "1952-10-07"}
{"id": "2021/00003", "family_name": "MARCHETTI", "forenames": "Luca", "identity_documents": [{"kind": "passport", "number": "19AF88231"}]}
{"id": "2021/00004", "family_name": "DUBOIS", "forenames": "Marc", "date_of_birth": "1966-01-09"}
"#;

#[test]
fn every_query_gets_a_line_in_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let notices = write(dir.path(), "notices.jsonl", NOTICES);
    let queries = write(
        dir.path(),
        "queries.jsonl",
        r#"{"id": "q1", "name": "Ali Alghasi-Mehr", "date_of_birth": "1971-05-02"}
{"id": "q2", "name": "Jane Nobody"}
{"id": "q3", "name": "Путин Владимир"}

{"id": "q4", "name": "John Smith", "identity_documents": [{"kind": "passport", "number": "19-AF-88231"}]}
"#,
    );
    let output = dragnet(&["screen", "--against", &notices, &queries]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let lines: Vec<Value> = text(&output.stdout).lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    let order: Vec<&str> = lines.iter().map(|l| l["query"].as_str().unwrap()).collect();
    assert_eq!(order, ["q1", "q2", "q3", "q4"]);
    assert_eq!(lines[0]["hits"][0]["id"], "2020/12345");
    assert!(lines[0]["hits"][0]["score"].as_f64().unwrap() >= 0.7);
    assert!(lines[0]["hits"][0]["why"].as_str().unwrap().contains("date of birth"));
    assert_eq!(lines[1]["hits"], serde_json::json!([]));
    assert_eq!(lines[2]["hits"][0]["id"], "2021/00002");
    assert_eq!(lines[3]["hits"][0]["id"], "2021/00003");
    assert!(text(&output.stderr).contains("indexed 4 notices"), "progress goes to stderr");
    assert!(text(&output.stdout).starts_with("{\"query\""), "the query comes first, as in DESIGN.md");
}

#[test]
fn threshold_and_limit_are_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let notices = write(dir.path(), "notices.jsonl", NOTICES);
    let queries = write(dir.path(), "queries.jsonl", "{\"id\": \"q1\", \"name\": \"Ali Alghasi-Mehr\"}\n");
    let strict = dragnet(&["screen", "--against", &notices, &queries, "--threshold", "0.999"]);
    let line: Value = serde_json::from_str(text(&strict.stdout).trim()).unwrap();
    assert_eq!(line["hits"], serde_json::json!([]));
    // No hit for anyone, silently, would read as nobody wanted: refused, with why.
    let none = dragnet(&["screen", "--against", &notices, &queries, "--limit", "0"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(text(&none.stderr).contains("--limit: 0 would report no hit"), "{}", text(&none.stderr));
    assert!(none.stdout.is_empty());
    let bad = dragnet(&["screen", "--against", &notices, &queries, "--threshold", "7"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn csv_queries_with_a_header_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let notices = write(dir.path(), "notices.jsonl", NOTICES);
    let queries = write(
        dir.path(),
        "manifest.csv",
        "id,family_name,forenames,date_of_birth,nationalities,document_number\n\
         p1,Dubois,Marc,1966-01-09,FR;BE,\n\
         p2,Smith,John,,US,19AF88231\n",
    );
    let output = dragnet(&["screen", "--against", &notices, &queries]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let lines: Vec<Value> = text(&output.stdout).lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert_eq!(lines[0]["hits"][0]["id"], "2021/00004");
    assert_eq!(lines[1]["hits"][0]["id"], "2021/00003");
}

#[test]
fn a_bad_line_stops_everything_with_its_number_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let notices = write(dir.path(), "notices.jsonl", NOTICES);
    let cases = [
        (
            "q.jsonl",
            "{\"id\": \"q1\", \"name\": \"A B\"}\n{\"id\": \"q2\", \"name\": \"C D\", \"date_of_birth\": \"1971-13-01\"}\n",
            "q.jsonl line 2: date_of_birth",
        ),
        (
            "q.jsonl",
            "{\"id\": \"q1\", \"name\": \"A B\"}\n{\"id\": \"q2\", \"name\": \n",
            "q.jsonl line 2: name: malformed JSON",
        ),
        ("q.jsonl", "{\"name\": \"A B\"}\n", "q.jsonl line 1: id: is missing"),
        ("q.jsonl", "{\"id\": \"q1\", \"name\": \"A B\", \"sex\": \"X\"}\n", "q.jsonl line 1: sex"),
        ("q.csv", "id,family_name,nationalities\nq1,Smith,XX\n", "q.csv line 2: nationalities[0]"),
        ("q.csv", "id,family_name,colour\nq1,Smith,blue\n", "q.csv: header: unknown column \"colour\""),
    ];
    for (name, content, expected) in cases {
        let queries = write(dir.path(), name, content);
        let output = dragnet(&["screen", "--against", &notices, &queries]);
        assert_eq!(output.status.code(), Some(2), "{expected}");
        assert!(text(&output.stderr).contains(expected), "{expected}: {}", text(&output.stderr));
        assert!(output.stdout.is_empty(), "{expected}: no result for a file with a bad line");
    }
    let queries = write(dir.path(), "fine.jsonl", "{\"id\": \"q1\", \"name\": \"A B\"}\n");
    let bad_notices =
        write(dir.path(), "bad-notices.jsonl", "{\"id\": \"n1\", \"name\": \"A B\", \"nationalities\": [\"ZZ\"]}\n");
    let output = dragnet(&["screen", "--against", &bad_notices, &queries]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("bad-notices.jsonl line 1: nationalities[0]"), "{}", text(&output.stderr));

    let twice = write(dir.path(), "twice.jsonl", &format!("{NOTICES}{{\"id\": \"2021/00002\", \"name\": \"X Y\"}}\n"));
    let output = dragnet(&["screen", "--against", &twice, &queries]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("twice.jsonl line 5: id: \"2021/00002\" is already on line 2"),
        "{}",
        text(&output.stderr)
    );
    assert!(output.stdout.is_empty());
}
