//! The request and person readers: every shared case reads, and every bad input names its field.

use std::path::PathBuf;

use dragnet_domain::request::{ExtraditionFrom, Penalty, Purpose};
use dragnet_domain::{NoticeKind, PartialDate, parse_person, parse_request};
use serde_json::{Value, json};

fn compliance_dev() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/compliance-dev")
}

fn seed() -> Value {
    let text = std::fs::read_to_string(compliance_dev().join("02-ordinary-murder.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Reads `request` and returns the error's path and message, failing if it was accepted.
fn rejected(request: &Value) -> (String, String) {
    match parse_request(&request.to_string()) {
        Ok(_) => panic!("accepted: {request}"),
        Err(err) => (err.path, err.message),
    }
}

#[test]
fn every_shared_case_reads() {
    let mut read = 0;
    for entry in std::fs::read_dir(compliance_dev()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            let request = parse_request(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            assert!(!request.subjects.is_empty());
            read += 1;
        }
    }
    assert!(read >= 20, "only {read} cases found");
}

#[test]
fn the_seed_case_reads_into_typed_values() {
    let text = std::fs::read_to_string(compliance_dev().join("01-seed-head-of-state-drone-strike.json")).unwrap();
    let request = parse_request(&text).unwrap();
    assert_eq!(request.kind, NoticeKind::Red);
    assert_eq!(request.requested_by.as_str(), "IR");
    assert!(request.subjects.len() > 3, "one warrant, many subjects");
    assert_eq!(request.subjects[1].date_of_birth, Some(PartialDate::Year(1962)));
    assert!(request.charges.iter().any(|c| c.max_penalty == Some(Penalty::Death)));
    let judicial = request.judicial.unwrap();
    assert_eq!(judicial.purpose, Purpose::Prosecution);
    assert_eq!(judicial.extradition_sought_from, vec![ExtraditionFrom::Anywhere]);
}

#[test]
fn a_request_survives_writing_and_reading_again() {
    for entry in std::fs::read_dir(compliance_dev()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "json") {
            let request = parse_request(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let written = serde_json::to_string(&request).unwrap();
            assert_eq!(parse_request(&written).unwrap(), request, "{}", path.display());
        }
    }
}

#[test]
fn malformed_json_is_reported_as_such() {
    let err = parse_request("{\"kind\": \"red\", ").unwrap_err();
    assert!(err.message.starts_with("malformed JSON"), "{err}");
    let err = parse_request("").unwrap_err();
    assert!(err.message.starts_with("malformed JSON"), "{err}");
    let err = parse_request(&format!("{} {{}}", seed())).unwrap_err();
    assert!(err.message.contains("trailing"), "{err}");
}

#[test]
fn an_impossible_date_of_birth_names_its_subject() {
    let mut request = seed();
    request["subjects"][0]["date_of_birth"] = json!("1971-13-02");
    let (path, message) = rejected(&request);
    assert_eq!(path, "subjects[0].date_of_birth");
    assert!(message.contains("\"1971-13-02\" is not a date"), "{message}");

    let mut request = seed();
    let subject = request["subjects"][0].clone();
    request["subjects"] = json!([subject.clone(), subject.clone(), subject]);
    request["subjects"][2]["date_of_birth"] = json!("2023-02-29");
    assert_eq!(rejected(&request).0, "subjects[2].date_of_birth");
}

#[test]
fn a_warrant_date_must_be_complete_and_real() {
    let mut request = seed();
    request["judicial"]["warrant"]["issued_on"] = json!("2020-06");
    assert_eq!(rejected(&request).0, "judicial.warrant.issued_on");
    request["judicial"]["warrant"]["issued_on"] = json!("2020-06-31");
    assert_eq!(rejected(&request).0, "judicial.warrant.issued_on");
}

#[test]
fn wrong_types_name_the_field() {
    let cases = [
        ("/subjects/0/nationalities", json!("FR"), "subjects[0].nationalities"),
        ("/subjects/0/physical/height_cm", json!("tall"), "subjects[0].physical.height_cm"),
        ("/subjects/0/physical/height_cm", json!(-5), "subjects[0].physical.height_cm"),
        ("/charges/0/max_penalty/months", json!("ten years"), "charges[0].max_penalty.months"),
        ("/judicial/in_absentia", json!("no"), "judicial.in_absentia"),
        ("/subjects", json!({}), "subjects"),
        ("/kind", json!(3), "kind"),
    ];
    for (pointer, value, expected) in cases {
        let mut request = seed();
        *request.pointer_mut(pointer).unwrap() = value;
        assert_eq!(rejected(&request).0, expected, "{pointer}");
    }
}

#[test]
fn unknown_enum_values_are_refused() {
    let cases = [
        ("/kind", json!("purple_rain"), "kind"),
        ("/subjects/0/sex", json!("X"), "subjects[0].sex"),
        ("/subjects/0/status", json!(["king"]), "subjects[0].status[0]"),
        ("/offence/context", json!(["revolution"]), "offence.context[0]"),
        ("/judicial/purpose", json!("revenge"), "judicial.purpose"),
        ("/charges/0/max_penalty", json!({"kind": "flogging"}), "charges[0].max_penalty.kind"),
        ("/language", json!("de"), "language"),
        ("/subjects/0/physical/eyes", json!(["PURPLE"]), "subjects[0].physical.eyes[0]"),
        ("/subjects/0/languages", json!(["KLINGON"]), "subjects[0].languages[0]"),
    ];
    for (pointer, value, expected) in cases {
        let mut request = seed();
        match request.pointer_mut(pointer) {
            Some(slot) => *slot = value,
            None => {
                let (parent, key) = pointer.rsplit_once('/').unwrap();
                request.pointer_mut(parent).unwrap()[key] = value;
            }
        }
        assert_eq!(rejected(&request).0, expected, "{pointer}");
    }
}

#[test]
fn unknown_countries_are_refused_where_they_appear() {
    let cases = [
        ("/requested_by", json!("ZZ"), "requested_by", "not an INTERPOL member"),
        ("/requested_by", json!("KP"), "requested_by", "not an INTERPOL member"),
        ("/subjects/0/nationalities", json!(["FR", "XX"]), "subjects[0].nationalities[1]", "not an ISO 3166-1"),
        ("/offence/country", json!("France"), "offence.country", "not an ISO 3166-1"),
        ("/judicial/extradition_sought_from", json!(["EU"]), "judicial.extradition_sought_from[0]", "not an ISO"),
        ("/subjects/0/country_of_birth", json!("fr"), "subjects[0].country_of_birth", "not an ISO"),
    ];
    for (pointer, value, expected_path, expected_message) in cases {
        let mut request = seed();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        request.pointer_mut(if parent.is_empty() { "" } else { parent }).unwrap()[key] = value;
        let (path, message) = rejected(&request);
        assert_eq!(path, expected_path, "{pointer}");
        assert!(message.contains(expected_message), "{pointer}: {message}");
    }
}

#[test]
fn a_request_needs_subjects_and_each_subject_a_name() {
    let mut request = seed();
    request["subjects"] = json!([]);
    let (path, message) = rejected(&request);
    assert_eq!(path, "subjects");
    assert!(message.contains("empty"), "{message}");

    let mut request = seed();
    request.as_object_mut().unwrap().remove("subjects");
    assert_eq!(rejected(&request), ("subjects".to_string(), "is missing".to_string()));

    let mut request = seed();
    request["judicial"]["warrant"].as_object_mut().unwrap().remove("issued_on");
    assert_eq!(rejected(&request).0, "judicial.warrant.issued_on");

    let mut request = seed();
    let subject = request["subjects"][0].as_object_mut().unwrap();
    subject.remove("family_name");
    subject.remove("forenames");
    assert_eq!(rejected(&request).0, "subjects[0].family_name");

    let mut request = seed();
    request["subjects"][0]["family_name"] = json!("   ");
    let (path, message) = rejected(&request);
    assert_eq!(path, "subjects[0].family_name");
    assert!(message.contains("blank"), "{message}");
}

#[test]
fn misspelt_fields_are_refused_rather_than_dropped() {
    let mut request = seed();
    request["subjects"][0]["date_of_brith"] = json!("1970-01-01");
    let (path, message) = rejected(&request);
    assert_eq!(path, "subjects[0].date_of_brith");
    assert!(message.contains("unknown field"), "{message}");
}

#[test]
fn diffusions_have_recipients_and_notices_do_not() {
    let mut request = seed();
    request["kind"] = json!("diffusion");
    assert_eq!(rejected(&request).0, "to");
    request["to"] = json!([]);
    assert_eq!(rejected(&request).0, "to");
    request["to"] = json!(["DE", "TW"]);
    assert_eq!(rejected(&request).0, "to[1]");
    request["to"] = json!(["DE", "FR"]);
    assert!(parse_request(&request.to_string()).is_ok());
    request["to"] = json!(["*"]);
    assert!(parse_request(&request.to_string()).is_ok(), "to every member country");
    request["to"] = json!(["DE", "*"]);
    let (path, message) = rejected(&request);
    assert_eq!(path, "to");
    assert!(message.contains("stands alone"), "{message}");
    request["to"] = json!(["DE", "FR"]);
    request["kind"] = json!("red");
    let (path, message) = rejected(&request);
    assert_eq!(path, "to");
    assert!(message.contains("only a diffusion"), "{message}");
}

#[test]
fn barred_countries_are_members_other_than_the_requester_and_its_recipients() {
    let mut request = seed();
    request["barred_countries"] = json!(["US", "GB"]);
    let parsed = parse_request(&request.to_string()).unwrap();
    let barred: Vec<&str> = parsed.barred.iter().map(|c| c.as_str()).collect();
    assert_eq!(barred, ["US", "GB"]);
    request["barred_countries"] = json!(["US", "XX"]);
    assert_eq!(rejected(&request).0, "barred_countries[1]");
    request["barred_countries"] = json!(["FR"]);
    let (path, message) = rejected(&request);
    assert_eq!(path, "barred_countries[0]");
    assert!(message.contains("itself"), "{message}");
    request["kind"] = json!("diffusion");
    request["to"] = json!(["DE", "IT"]);
    request["barred_countries"] = json!(["IT"]);
    assert_eq!(rejected(&request).0, "barred_countries[0]");
}

#[test]
fn implausible_measures_and_sentences_are_refused() {
    let mut request = seed();
    request["subjects"][0]["physical"]["height_cm"] = json!(1750);
    assert_eq!(rejected(&request).0, "subjects[0].physical.height_cm");

    let mut request = seed();
    request["judicial"]["purpose"] = json!("sentence");
    request["judicial"]["sentence"] = json!({"imposed_months": 12, "remaining_months": 30});
    assert_eq!(rejected(&request).0, "judicial.sentence.remaining_months");

    let mut request = seed();
    request["charges"][0]["max_penalty"] = json!({"kind": "imprisonment"});
    let (path, message) = rejected(&request);
    assert_eq!(path, "charges[0].max_penalty");
    assert!(message.contains("months"), "{message}");
}

#[test]
fn a_person_reads_on_its_own() {
    let person = parse_person(
        r#"{"id": "q1", "name": "Ali Alghasi-Mehr", "date_of_birth": "1971-05", "aliases": null,
            "identity_documents": [{"kind": "passport", "number": "K12345678", "country": "IR"}]}"#,
    )
    .unwrap();
    assert_eq!(person.date_of_birth, Some(PartialDate::YearMonth(1971, 5)));
    assert_eq!(person.display_name(), "Ali Alghasi-Mehr");
    let err = parse_person(r#"{"id": "q2", "sex": "M"}"#).unwrap_err();
    assert_eq!(err.path, "family_name");
    let err = parse_person(r#"{"name": "A B", "identity_documents": [{"kind": "visa", "number": "1"}]}"#).unwrap_err();
    assert_eq!(err.path, "identity_documents[0].kind");
}

#[test]
fn the_examples_in_the_repository_read() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/requests");
    let mut read = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        parse_request(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        read += 1;
    }
    assert!(read >= 2);
}

#[test]
fn a_public_extract_is_asked_for_only_in_so_many_words() {
    let request = parse_request(&seed().to_string()).unwrap();
    assert!(!request.public_extract, "no public extract unless the requester agrees");
    assert!(!serde_json::to_string(&request).unwrap().contains("public_extract"));
    let mut agreed = seed();
    agreed["public_extract"] = json!(true);
    assert!(parse_request(&agreed.to_string()).unwrap().public_extract);
    agreed["public_extract"] = json!("yes");
    assert_eq!(rejected(&agreed).0, "public_extract");
}

#[test]
fn colours_stored_before_interpols_tables_read_as_interpols() {
    let mut request = seed();
    request["subjects"][0]["physical"] = json!({"eyes": ["HAZ", "UNK"], "hair": ["BLOH", "UNK", "GRY"]});
    let request = parse_request(&request.to_string()).unwrap();
    let physical = request.subjects[0].physical.as_ref().unwrap();
    let eyes: Vec<&str> = physical.eyes.iter().map(|c| c.as_str()).collect();
    let hair: Vec<&str> = physical.hair.iter().map(|c| c.as_str()).collect();
    assert_eq!((eyes, hair), (vec!["BROH"], vec!["YELB", "GRY"]), "an unknown colour is one not given");
    // Written again, they are INTERPOL's codes.
    let written = serde_json::to_value(&request.subjects[0].physical).unwrap();
    assert_eq!(written, json!({"eyes": ["BROH"], "hair": ["YELB", "GRY"]}));
}

#[test]
fn every_sex_interpol_codes_is_read() {
    let table = include_str!("../data/interpol/sexes.tsv");
    let codes: Vec<&str> =
        table.lines().filter(|line| !line.starts_with('#')).map(|line| line.split('\t').next().unwrap()).collect();
    assert_eq!(codes.len(), 3);
    for code in codes {
        let sex: dragnet_domain::person::Sex = serde_json::from_value(json!(code)).unwrap();
        assert_eq!(sex.to_string(), code);
    }
}

#[test]
fn the_fields_interpols_records_carry_read_and_name_their_faults() {
    let mut request = seed();
    request["subjects"][0]["birth_name"] = json!("MARTIN");
    request["subjects"][0]["father"] = json!({"family_name": "MARCHETTI", "forenames": "Paolo"});
    request["subjects"][0]["mother"] = json!({"forenames": "Anna"});
    request["charges"][0]["translation"] = json!("Murder");
    request["charges"][0]["issued_by"] = json!("914");
    request["countries_likely_to_visit"] = json!(["IT", "ES"]);
    let read = parse_request(&request.to_string()).unwrap();
    assert_eq!(read.subjects[0].mother.as_ref().unwrap().forenames.as_deref(), Some("Anna"));
    assert_eq!(read.charges[0].issued_by.unwrap().as_str(), "ICC");
    assert_eq!(read.countries_likely_to_visit.len(), 2);
    assert_eq!(parse_request(&serde_json::to_string(&read).unwrap()).unwrap(), read, "written as it reads");

    let with = |pointer: &str, value: Value| {
        let mut bad = request.clone();
        *bad.pointer_mut(pointer).unwrap() = value;
        rejected(&bad)
    };
    assert_eq!(with("/subjects/0/father", json!({})).0, "subjects[0].father");
    assert_eq!(with("/subjects/0/father", json!({"name": "X"})).0, "subjects[0].father.name");
    assert_eq!(with("/subjects/0/mother", json!({"forenames": " "})).0, "subjects[0].mother.forenames");
    assert_eq!(with("/subjects/0/birth_name", json!("x".repeat(201))).0, "subjects[0].birth_name");
    assert_eq!(with("/charges/0/translation", json!("x".repeat(10_001))).0, "charges[0].translation");
    assert_eq!(with("/charges/0/issued_by", json!("QQ")).0, "charges[0].issued_by");
    assert_eq!(with("/countries_likely_to_visit", json!(["FR", "ZZ"])).0, "countries_likely_to_visit[1]");
    let (path, message) = with("/countries_likely_to_visit", json!({"un_listing": 1}));
    assert_eq!(path, "countries_likely_to_visit", "{message}");
    // A UN listing belongs to a UN special notice only, and its resolution is a number.
    let mut listed = request.clone();
    listed["un_listing"] = json!({"reference": "QDi.432", "resolution": 1267});
    assert_eq!(rejected(&listed).0, "un_listing");
    listed["kind"] = json!("un_special");
    listed["requested_by"] = json!("UN");
    parse_request(&listed.to_string()).unwrap();
    listed["un_listing"]["resolution"] = json!("1267a");
    assert_eq!(rejected(&listed).0, "un_listing.resolution");
}
