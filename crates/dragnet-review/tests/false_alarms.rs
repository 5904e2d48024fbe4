//! Words that merely look like a bar must not flag an ordinary case.

use std::path::PathBuf;

use dragnet_domain::parse_request;
use dragnet_review::{Policy, Recommendation, check};
use serde_json::{Value, json};

fn ordinary_murder() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/compliance-dev/02-ordinary-murder.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn look_alike_words_in_the_facts_do_not_flag_an_ordinary_murder() {
    let summaries = [
        "On 14 February 2023 in the car park of the military hospital in Lyon the subject stabbed Mr Jean Dufresne three times after an argument, causing his death.",
        "On 14 February 2023 the subject stabbed Mr Jean Dufresne, president of the Lyon chess club, three times after an argument about club funds, causing his death.",
        "On 14 February 2023 in Lyon the subject stabbed the journalist Jean Dufresne, his neighbour, three times after an argument about parking, causing his death.",
        "On 14 February 2023 in Lyon the subject, a deserter from nothing but his family, stabbed Mr Jean Dufresne three times and fled into the desert of southern Algeria.",
        "On 14 February 2023 in Lyon the subject stabbed Mr Jean Dufresne, a treasury official, three times after an argument in a bar, causing his death.",
        "On 14 February 2023, on the night of the municipal election results, the subject stabbed Mr Jean Dufresne three times outside a bar in Lyon, causing his death.",
        "On 14 February 2023 in Lyon the subject, who had posted threats on social media, stabbed Mr Jean Dufresne three times outside his home, causing his death.",
        "On 14 February 2023 in Lyon the subject, a former soldier of the armed forces, stabbed Mr Jean Dufresne three times in a dispute over a stolen motorbike, causing his death.",
        "On 14 February 2023 in Lyon the subject stabbed Mr Jean Dufresne three times in the Place des Terreaux after a drunken argument, causing his death.",
        "On 14 February 2023 at the Prophet's Kitchen restaurant in Lyon the subject stabbed Mr Jean Dufresne three times after an argument, causing his death.",
    ];
    for summary in summaries {
        let mut request = ordinary_murder();
        request["offence"]["summary"] = json!(summary);
        let report = check(&parse_request(&request.to_string()).unwrap(), &Policy::built_in());
        assert_eq!(report.recommendation, Recommendation::Clear, "{summary}\n{:#?}", report.subjects[0].findings);
    }
}

#[test]
fn look_alike_charge_titles_do_not_flag_an_ordinary_crime() {
    let titles = [
        ("Murder of a military police officer", "Code pénal, art. 221-4"),
        ("Robbery of a church collection box with violence", "Code pénal, art. 311-4"),
        ("Aggravated theft from a presidential palace museum", "Code pénal, art. 311-4"),
        ("Fraud against the State treasury", "Code pénal, art. 313-1"),
    ];
    for (title, law) in titles {
        let mut request = ordinary_murder();
        request["charges"][0]["title"] = json!(title);
        request["charges"][0]["law"] = json!(law);
        let report = check(&parse_request(&request.to_string()).unwrap(), &Policy::built_in());
        assert_eq!(report.recommendation, Recommendation::Clear, "{title}\n{:#?}", report.subjects[0].findings);
    }
}

#[test]
fn an_implausible_height_is_pointed_out_without_changing_the_recommendation() {
    for (height, flagged) in [(18, true), (37, true), (180, false), (275, true)] {
        let mut request = ordinary_murder();
        request["subjects"][0]["physical"] = json!({"height_cm": height});
        let report = check(&parse_request(&request.to_string()).unwrap(), &Policy::built_in());
        let findings = &report.subjects[0].findings;
        let found = findings.iter().find(|f| f.rule == "data.implausible_height");
        assert_eq!(found.is_some(), flagged, "{height}: {findings:#?}");
        if let Some(finding) = found {
            assert!(finding.message.contains(&format!("{height} cm")), "{}", finding.message);
        }
        assert_eq!(report.recommendation, Recommendation::Clear, "{height}: kept as given, for the reviewer to ask");
    }
}
