//! Every case of the shared compliance set gets a recommendation its EXPECTED.tsv accepts.

use std::path::PathBuf;

use dragnet_domain::parse_request;
use dragnet_review::{Policy, check};

fn compliance_dev() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/compliance-dev")
}

#[test]
fn every_shared_case_gets_an_accepted_recommendation() {
    let policy = Policy::built_in();
    let expected = std::fs::read_to_string(compliance_dev().join("EXPECTED.tsv")).unwrap();
    let mut wrong = Vec::new();
    let mut cases = 0;
    for line in expected.lines().skip(1).filter(|line| !line.trim().is_empty()) {
        let columns: Vec<&str> = line.split('\t').collect();
        let (file, acceptable) = (columns[0], columns[1]);
        let request = parse_request(&std::fs::read_to_string(compliance_dev().join(file)).unwrap()).unwrap();
        let report = check(&request, &policy);
        let got = report.recommendation.as_str();
        if !acceptable.split('|').any(|ok| ok == got) {
            wrong.push(format!(
                "{file}: got {got}, expected {acceptable}\n{}",
                serde_json::to_string_pretty(&report).unwrap()
            ));
        }
        cases += 1;
    }
    assert!(cases >= 20, "only {cases} cases");
    assert!(wrong.is_empty(), "{} of {cases} cases wrong:\n{}", wrong.len(), wrong.join("\n"));
}
