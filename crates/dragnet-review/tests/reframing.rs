//! The same request, framed differently, gets the same outcome: requesters do not label political
//! requests as such, and write in any of the four working languages.

use std::path::PathBuf;

use dragnet_domain::{NoticeRequest, parse_request};
use dragnet_review::{Policy, Recommendation, check};
use serde_json::{Value, json};

fn shared(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/compliance-dev").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn outcome(request: &Value) -> Recommendation {
    let request: NoticeRequest = parse_request(&request.to_string()).unwrap();
    check(&request, &Policy::built_in()).recommendation
}

/// The request with every declared status and context removed, and nothing known from third parties.
fn unlabelled(mut request: Value) -> Value {
    for subject in request["subjects"].as_array_mut().unwrap() {
        subject.as_object_mut().unwrap().remove("status");
    }
    request["offence"]["context"] = json!([]);
    request["third_party"] = json!({"subject_status": [], "refugee_status": null, "objections": []});
    request
}

#[test]
fn the_seed_request_is_refused_however_it_is_framed() {
    let seed = shared("01-seed-head-of-state-drone-strike.json");
    assert_eq!(outcome(&seed), Recommendation::Refuse);
    assert_eq!(outcome(&unlabelled(seed.clone())), Recommendation::Refuse, "without declared status");

    let summaries = [
        (
            "fr",
            "Le 3 janvier 2020 à l'aéroport international de Bagdad, les accusés ont ordonné et exécuté une frappe de drone qui a tué le général Qassem Soleimani et neuf autres personnes.",
        ),
        (
            "es",
            "El 3 de enero de 2020 en el aeropuerto internacional de Bagdad, los acusados ordenaron y ejecutaron un ataque con dron que mató al general Qasem Soleimani y a otras nueve personas.",
        ),
        (
            "ar",
            "في 3 يناير 2020 في مطار بغداد الدولي، أمر المتهمون بتنفيذ غارة بطائرة مسيرة أدت إلى مقتل اللواء قاسم سليماني وتسعة آخرين.",
        ),
        (
            "en",
            "On 3 January 2020 the accused killed ten people near Baghdad airport by a missile strike they ordered from abroad.",
        ),
    ];
    for (language, summary) in summaries {
        let mut request = unlabelled(seed.clone());
        request["language"] = json!(language);
        request["offence"]["summary"] = json!(summary);
        assert_eq!(outcome(&request), Recommendation::Refuse, "{language}: {summary}");
    }
}

#[test]
fn officials_in_a_military_operation_are_refused_without_the_head_of_state() {
    let mut seed = shared("01-seed-head-of-state-drone-strike.json");
    let officials: Vec<Value> = seed["subjects"].as_array().unwrap()[1..].to_vec();
    seed["subjects"] = json!(officials);
    assert_eq!(outcome(&seed), Recommendation::Refuse);
}

#[test]
fn purely_political_military_and_religious_charges_are_caught_in_every_language() {
    let cases = [
        (
            "06-insulting-the-president.json",
            ["Injurias al Presidente de la República", "Offense au chef de l'État", "إهانة رئيس الدولة"],
        ),
        ("09-desertion.json", ["Deserción", "Désertion", "الفرار من الخدمة العسكرية"]),
        ("10-blasphemy.json", ["Blasfemia", "Blasphème", "ازدراء الأديان"]),
        ("07-adultery.json", ["Adulterio", "Adultère", "الزنا"]),
    ];
    for (file, titles) in cases {
        let base = unlabelled(shared(file));
        assert_eq!(outcome(&base), Recommendation::Refuse, "{file} unlabelled");
        for title in titles {
            let mut request = base.clone();
            request["charges"][0]["title"] = json!(title);
            request["charges"][0]["law"] = json!("Code, art. 1");
            assert_eq!(outcome(&request), Recommendation::Refuse, "{file}: {title}");
        }
    }
}

#[test]
fn ordinary_crimes_stay_clear_in_every_language() {
    let summaries = [
        "Le 14 février 2023 vers 23 h 40, rue Mercière à Lyon, le sujet a poignardé M. Jean Dufresne de trois coups à la poitrine après une dispute devant un bar, causant sa mort.",
        "El 14 de febrero de 2023 hacia las 23:40 en la calle Mercière de Lyon, el sujeto apuñaló tres veces en el pecho al Sr. Jean Dufresne tras una discusión, causándole la muerte.",
        "في 14 فبراير 2023 حوالي الساعة 23:40 في شارع ميرسيير بمدينة ليون، طعن المتهم السيد جان دوفرين ثلاث طعنات في الصدر بعد شجار أمام حانة، مما أدى إلى وفاته.",
    ];
    let base = shared("02-ordinary-murder.json");
    assert_eq!(outcome(&base), Recommendation::Clear);
    for summary in summaries {
        let mut request = base.clone();
        request["offence"]["summary"] = json!(summary);
        assert_eq!(outcome(&request), Recommendation::Clear, "{summary}");
    }
}

#[test]
fn a_head_of_state_is_caught_by_the_register_under_any_spelling_it_holds() {
    let mut request = shared("02-ordinary-murder.json");
    request["requested_by"] = json!("UA");
    request["subjects"][0]["family_name"] = json!("ПУТИН");
    request["subjects"][0]["forenames"] = json!("Владимир Владимирович");
    request["subjects"][0]["date_of_birth"] = json!("1952-10-07");
    assert_eq!(outcome(&request), Recommendation::Refuse);
    request["subjects"][0]["date_of_birth"] = json!("1988-01-01");
    assert_eq!(outcome(&request), Recommendation::Clear, "a namesake born another year is not the president");
}
