//! What the secretariat knows from others weighs as what it is: an objection lodged by a country
//! counts, and is cited with who lodged it; what the requester declares is labelled as the requester's.

use std::path::PathBuf;

use dragnet_domain::knowledge::{Known, KnownItem};
use dragnet_domain::person::Status;
use dragnet_domain::{CountryCode, NoticeRequest, parse_request};
use dragnet_review::{Knowledge, Policy, Recommendation, Report, check_with};

fn shared(name: &str) -> NoticeRequest {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/compliance-dev").join(name);
    parse_request(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn known(subject: Option<usize>, item: KnownItem, country: Option<&str>) -> Known {
    Known {
        subject,
        item,
        recorded_by: country.map_or("reviewer.one".into(), |c| format!("ncb.{}", c.to_lowercase())),
        country: country.map(str::to_string),
        source: "a letter of its bureau".into(),
        known_on: Some(dragnet_domain::PartialDate::parse("2026-11-02").unwrap()),
    }
}

fn rules(report: &Report) -> Vec<(String, String)> {
    report.subjects[0].findings.iter().map(|f| (f.rule.clone(), f.severity.as_str().to_string())).collect()
}

#[test]
fn objections_lodged_by_two_countries_and_a_trial_in_absentia_add_up_to_a_refusal() {
    let mut fraud = shared("04-investment-fraud.json");
    fraud.third_party = Default::default();
    let policy = Policy::built_in();
    assert_eq!(check_with(&fraud, &policy, &Knowledge::default()).recommendation, Recommendation::Clear);

    fraud.judicial.as_mut().unwrap().in_absentia = true;
    let one_sign = check_with(&fraud, &policy, &Knowledge::default());
    assert_eq!(one_sign.recommendation, Recommendation::Review, "{:?}", rules(&one_sign));

    let objection = |country| {
        known(None, KnownItem::Objection { summary: "The case punishes his reporting.".into() }, Some(country))
    };
    let knowledge = Knowledge { known: vec![objection("DE"), objection("SE")], ..Knowledge::default() };
    let report = check_with(&fraud, &policy, &knowledge);
    assert_eq!(report.recommendation, Recommendation::Refuse, "{:?}", rules(&report));
    let weighing = report.subjects[0].findings.iter().find(|f| f.rule == "art3.predominance").unwrap();
    assert!(weighing.message.contains("an objection from another country (2)"), "{}", weighing.message);
    let lodged: Vec<&str> =
        report.subjects[0].findings.iter().filter(|f| f.rule == "art3.objection").map(|f| f.message.as_str()).collect();
    assert_eq!(lodged.len(), 2);
    assert!(lodged[0].contains("DE objects, as its bureau lodged on 2026-11-02"), "{lodged:?}");

    // One country saying it three times is one sign: it cannot tip the balance alone.
    let mut fraud = fraud.clone();
    fraud.judicial.as_mut().unwrap().in_absentia = false;
    let again = |summary: &str| known(Some(0), KnownItem::Objection { summary: summary.into() }, Some("DE"));
    let knowledge = Knowledge {
        known: vec![objection("DE"), again("Second letter."), again("Third letter.")],
        ..Knowledge::default()
    };
    let report = check_with(&fraud, &policy, &knowledge);
    assert_eq!(report.recommendation, Recommendation::Review, "{:?}", rules(&report));
    let lodged: Vec<&str> =
        report.subjects[0].findings.iter().filter(|f| f.rule == "art3.objection").map(|f| f.message.as_str()).collect();
    assert_eq!(lodged.len(), 1, "{lodged:?}");
    assert!(lodged[0].contains("Third letter."), "its latest: {lodged:?}");
}

#[test]
fn what_the_requester_declares_is_labelled_as_its_own_and_gives_way_to_the_country_itself() {
    let seed = shared("01-seed-head-of-state-drone-strike.json");
    let policy = Policy::built_in();
    let report = check_with(&seed, &policy, &Knowledge::default());
    let said = report.subjects[0].findings.iter().find(|f| f.rule == "art3.objection").unwrap();
    assert!(said.message.starts_with("the requester reports that US objects"), "{}", said.message);

    let lodged = known(None, KnownItem::Objection { summary: "An act of the United States.".into() }, Some("US"));
    let report = check_with(&seed, &policy, &Knowledge { known: vec![lodged], ..Knowledge::default() });
    let objections: Vec<&str> =
        report.subjects[0].findings.iter().filter(|f| f.rule == "art3.objection").map(|f| f.message.as_str()).collect();
    assert_eq!(
        objections,
        ["US objects, as its bureau lodged on 2026-11-02: \u{201c}An act of the United States.\u{201d}"]
    );
}

#[test]
fn a_refugee_status_or_a_position_recorded_by_a_reviewer_applies_to_its_subject_only() {
    let mut murder = shared("02-ordinary-murder.json");
    let policy = Policy::built_in();
    murder.subjects.push(murder.subjects[0].clone());
    murder.subjects[1].family_name = Some("ROSSI".into());
    let requester = murder.requested_by.as_str().to_string();
    murder.subjects[0].nationalities = vec![CountryCode::parse(&requester).unwrap()];
    let refugee =
        known(Some(0), KnownItem::RefugeeStatus { granted_by: CountryCode::parse("CA").unwrap(), year: 2019 }, None);
    let minister = known(Some(1), KnownItem::Status { status: Status::ForeignMinister }, None);
    let report = check_with(&murder, &policy, &Knowledge { known: vec![refugee, minister], ..Knowledge::default() });
    let protected = report.subjects[0].findings.iter().find(|f| f.rule == "refugee.protected").unwrap();
    assert!(
        protected.message.contains("recorded by the General Secretariat from a letter of its bureau"),
        "{}",
        protected.message
    );
    assert!(!report.subjects[1].findings.iter().any(|f| f.rule.starts_with("refugee.")));
    let immune = report.subjects[1].findings.iter().find(|f| f.rule == "art3.immunity").unwrap();
    assert!(immune.message.contains("recorded by the General Secretariat"), "{}", immune.message);
    assert!(!report.subjects[0].findings.iter().any(|f| f.rule == "art3.immunity"));
}
