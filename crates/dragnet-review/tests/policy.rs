//! The policy files: the built-in ones are valid, and a broken file is refused with its name and the reason.

use dragnet_domain::parse_request;
use dragnet_review::{Policy, PolicyTexts, Recommendation, check};

fn with(edit: impl FnOnce(&mut [String; 6])) -> Result<Policy, dragnet_review::PolicyError> {
    let built_in = PolicyTexts::built_in();
    let mut texts = [
        built_in.offences,
        built_in.statuses,
        built_in.contexts,
        built_in.office_holders,
        built_in.acts,
        built_in.predominance,
    ]
    .map(String::from);
    edit(&mut texts);
    Policy::parse(PolicyTexts {
        offences: &texts[0],
        statuses: &texts[1],
        contexts: &texts[2],
        office_holders: &texts[3],
        acts: &texts[4],
        predominance: &texts[5],
    })
}

#[test]
fn the_built_in_policy_is_valid_and_versioned() {
    let policy = Policy::built_in();
    assert!(policy.version.contains("offences 2026-"), "{}", policy.version);
    assert!(policy.office_holders.len() >= 40);
    assert!(policy.categories.iter().all(|c| !c.phrases.is_empty()));
}

#[test]
fn broken_files_are_refused_with_the_reason() {
    let err = with(|t| t[0] = t[0].replacen("severity = \"refuse\"", "severity = \"forbid\"", 1)).unwrap_err();
    assert_eq!(err.file, "offences.toml");
    assert!(err.message.contains("\"forbid\" is not a severity"), "{err}");

    let err = with(|t| t[0] = t[0].replacen("ar = [", "ar_old = [", 1)).unwrap_err();
    assert_eq!(err.file, "offences.toml");

    let err = with(|t| t[1] = t[1].replace("\"journalist\", ", "")).unwrap_err();
    assert!(err.message.contains("Journalist") && err.message.contains("no entry"), "{err}");

    let err = with(|t| t[2] = t[2].replacen("tag = \"election\"", "tag = \"carnival\"", 1)).unwrap_err();
    assert_eq!(err.file, "contexts.toml");

    let err = with(|t| t[3].push_str("Someone|NOBODY\tking_of_the_world\tKing\tFR\t\t\n")).unwrap_err();
    assert_eq!(err.file, "office_holders.tsv");
    assert!(err.message.contains("not a status"), "{err}");

    let err = with(|t| t[3].push_str("Someone|NOBODY\thead_of_state\tKing\tFR\t1971-13-01\t\n")).unwrap_err();
    assert!(err.message.contains("no month 13"), "{err}");

    let err = with(|t| t[0] = t[0].replacen("\"desertion\"", "\"a*\"", 1)).unwrap_err();
    assert!(err.message.contains("too short"), "{err}");

    let err = with(|t| t[4] = t[4].replacen("id = \"air_means\"", "id = \"air_power\"", 1)).unwrap_err();
    assert_eq!(err.file, "acts.toml");
    assert!(err.message.contains("\"air_power\" is not a class"), "{err}");

    let err = with(|t| t[4] = t[4].replacen("id = \"civilian_target\"", "id = \"attack\"", 1)).unwrap_err();
    assert!(err.message.contains("appears twice"), "{err}");

    let err = with(|t| t[5] = t[5].replacen("threshold = 3", "threshold = 1", 1)).unwrap_err();
    assert_eq!(err.file, "predominance.toml");
    assert!(err.message.contains("one sign alone"), "{err}");

    let err = with(|t| t[5] = t[5].replacen("weight = 1", "weight = 3", 1)).unwrap_err();
    assert!(err.message.contains("one sign alone would refuse"), "{err}");
}

#[test]
fn a_legal_team_can_change_the_outcome_without_touching_code() {
    let text = std::fs::read_to_string(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/compliance-dev/09-desertion.json"),
    )
    .unwrap();
    let request = parse_request(&text).unwrap();
    assert_eq!(check(&request, &Policy::built_in()).recommendation, Recommendation::Refuse);
    // Without the words for desertion, the charge is no longer recognised as purely military.
    let policy = with(|t| {
        for word in ["\"desertion\", ", "\"deserted from the army\", ", "\"désertion\", "] {
            t[0] = t[0].replacen(word, "", 1);
        }
    })
    .unwrap();
    assert_eq!(check(&request, &policy).recommendation, Recommendation::Review);
}
