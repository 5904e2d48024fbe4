//! Dragnet's readers of outside input as fuzz targets: each takes any bytes and must answer (a value
//! or an error naming what is wrong) without panicking. The same functions run under libFuzzer
//! (`fuzz/`, with cargo-fuzz on nightly) and under this crate's mutating driver on stable Rust
//! (`cargo run --release -p dragnet-fuzz -- all 1000000`; a short run is a test).

use dragnet_domain::NoticeKind;

pub mod mutate;

/// A target: its name, what it reads, and the inputs its mutations start from.
#[derive(Debug)]
pub struct Target {
    pub name: &'static str,
    pub run: fn(&[u8]),
    pub seeds: fn() -> Vec<Vec<u8>>,
}

/// Every target.
pub const TARGETS: [Target; 8] = [
    Target { name: "request", run: request, seeds: request_seeds },
    Target { name: "person", run: person, seeds: person_seeds },
    Target { name: "interpol", run: interpol, seeds: interpol_seeds },
    Target { name: "passengers", run: passengers, seeds: passenger_seeds },
    Target { name: "public_query", run: public_query, seeds: query_seeds },
    Target { name: "request_form", run: request_form, seeds: form_seeds },
    Target { name: "picture", run: picture, seeds: picture_seeds },
    Target { name: "user_name", run: user_name, seeds: name_seeds },
];

pub fn target(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

/// A request as the API and `dragnet check` read it; one that reads is checked whole again.
pub fn request(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(request) = dragnet_domain::parse_request(&text) {
        let again = serde_json::to_string(&request).expect("a request read is written");
        let reread = dragnet_domain::parse_request(&again).expect("a request written reads again");
        assert_eq!(reread, request, "a request survives writing and reading");
    }
}

/// A person as the screening API reads one.
pub fn person(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(person) = dragnet_domain::parse_person(&text) {
        let _ = person.display_name();
    }
}

/// A file of INTERPOL-shaped records, as `dragnet import interpol` reads it.
pub fn interpol(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for kind in [None, Some(NoticeKind::Red)] {
        let reading = dragnet_server::interpol_records::read_records(&text, "fuzz", kind);
        for record in &reading.records {
            record.request.validate().expect("an imported record is a valid request");
        }
    }
}

/// A passenger list as CSV, as the border page and `dragnet screen` read it.
pub fn passengers(bytes: &[u8]) {
    let _ = dragnet_server::passengers::read_csv(bytes);
}

/// A public list's query string, as the public API and the `/notices` page read it.
pub fn public_query(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let Ok(uri) = axum::http::Uri::try_from(format!("/notices/v1/red?{text}")) else { return };
    let Ok(axum::extract::Query(pairs)) = axum::extract::Query::<Vec<(String, String)>>::try_from_uri(&uri) else {
        return;
    };
    for kind in [NoticeKind::Red, NoticeKind::Yellow, NoticeKind::UnSpecial] {
        let _ = dragnet_server::public::read_list_query(kind, &pairs);
    }
}

/// The request form's posted body, as its page reads it.
pub fn request_form(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let Ok(uri) = axum::http::Uri::try_from(format!("/?{text}")) else { return };
    let Ok(axum::extract::Query(pairs)) = axum::extract::Query::<Vec<(String, String)>>::try_from_uri(&uri) else {
        return;
    };
    let _ = dragnet_server::web::request_form::read_posted(pairs, "FR");
}

/// A picture's bytes: its type told, an SVG's markup checked.
pub fn picture(bytes: &[u8]) {
    if dragnet_server::pictures::picture_type(bytes) == Some("image/svg+xml") {
        let _ = dragnet_server::pictures::svg_is_inert(bytes);
    }
}

/// A user name and the one-line text rules, as sign-in and administration read them.
pub fn user_name(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(name) = dragnet_domain::UserName::parse(&text) {
        assert!(!name.as_str().starts_with('.'), "no user name starts with a dot");
    }
    let _ = dragnet_domain::text::plain_line("x", &text);
    let cleaned = dragnet_domain::text::cleaned_line(&text);
    assert!(dragnet_domain::text::plain_line("x", &cleaned).is_ok(), "a cleaned line is a line");
}

fn testdata() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/compliance-dev")
}

fn request_seeds() -> Vec<Vec<u8>> {
    let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(testdata())
        .map(|entries| {
            let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "json")).collect::<Vec<_>>()
        })
        .unwrap_or_default()
        .into_iter()
        .filter_map(|path| std::fs::read(path).ok())
        .collect();
    seeds.push(b"{}".to_vec());
    seeds
}

fn person_seeds() -> Vec<Vec<u8>> {
    vec![
        br#"{"family_name": "MARCHETTI", "forenames": "Luca", "date_of_birth": "1988-03-11", "nationalities": ["IT"],
            "identity_documents": [{"kind": "passport", "number": "YA1234567", "country": "IT"}]}"#
            .to_vec(),
        "{\"name\": \"ترامپ دونالد\", \"sex\": \"M\", \"date_of_birth\": \"1946\", \"aliases\": [\"X\"]}"
            .as_bytes()
            .to_vec(),
    ]
}

fn interpol_seeds() -> Vec<Vec<u8>> {
    vec![
        br#"{"entity_id": "2020/821", "name": "MARCHETTI", "forename": "Luca", "date_of_birth": "1988/03/11",
            "sex_id": "M", "nationalities": ["IT"], "height": 1.8, "weight": 0, "eyes_colors_id": ["BRO"],
            "languages_spoken_ids": ["ITA"], "arrest_warrants": [{"issuing_country_id": "FR", "charge": "Murder",
            "charge_translation": null}], "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/red/2020-821"}}}"#
            .to_vec(),
        br#"{"total": 1, "query": {"page": 1, "resultPerPage": 20, "arrestWarrantCountryId": "FR"},
            "_embedded": {"notices": [{"entity_id": "2021/77", "name": "DOE", "forename": "-",
            "date_of_birth": "1970", "nationalities": ["US"], "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/red/2021-77"}}}]}}"#
            .to_vec(),
        br#"{"entity_id": "2023/9", "name": "SMITH", "forename": "Anna", "date_of_event": "2023/02/01", "place": "Cork",
            "issuing_country": "IE", "birth_name": "SMITH", "mother_name": "SMITH", "mother_forename": "Mary",
            "height": 0.37, "countries_likely_to_be_visited": ["GB"]}"#
            .to_vec(),
        r#"{"entity_id": "2019/3", "name": "X", "un_reference": "QDi.1", "un_resolution": 1267,
            "name_in_original_script": "عمر", "forename_in_original_script": null}"#
            .as_bytes()
            .to_vec(),
    ]
}

fn passenger_seeds() -> Vec<Vec<u8>> {
    vec![
        b"id,family_name,forenames,date_of_birth,nationalities,document_number\n\
          12A,MARCHETTI,Luca,1988-03-11,IT;FR,YA1234567\n12B,\"O'NEILL, JR\",Sean,,,\n"
            .to_vec(),
        b"id,name,sex,aliases,document_kind,document_country\n1,Jane Doe,F,J. Doe;Janie,passport,GB\n".to_vec(),
    ]
}

fn query_seeds() -> Vec<Vec<u8>> {
    vec![
        b"name=Alghasi+Mehr&forename=Ali&nationality=IR&ageMin=20&ageMax=70&page=2&resultPerPage=50".to_vec(),
        b"freeText=murder+lyon&sexId=M&arrestWarrantCountryId=914&unReference=QDi.1&unResolution=1267".to_vec(),
    ]
}

fn form_seeds() -> Vec<Vec<u8>> {
    vec![
        b"csrf=x&action=check&kind=red&reference=LYON-1&subjects[0].family_name=MARCHETTI&subjects[0].forenames=Luca\
          &subjects[0].sex=M&subjects[0].date_of_birth=1988-03-11&subjects[0].nationalities=it\
          &subjects[0].identity_documents[0].kind=passport&subjects[0].identity_documents[0].number=YA1\
          &charges[0].title=Murder&charges[0].law=Code+penal+221-1&charges[0].maximum_penalty_years=30\
          &offence.summary=Stabbed+a+man+in+Lyon&offence.date=2023-02-14&judicial.warrant.reference=W1\
          &judicial.warrant.issued_on=2023-02-20&public_extract=true"
            .to_vec(),
    ]
}

fn picture_seeds() -> Vec<Vec<u8>> {
    vec![
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect fill=\"url(#g)\" onload=\"x\"/><a href=\"#x\">t</a></svg>"
            .to_vec(),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
        b"\xff\xd8\xff\xe0\0\x10JFIF".to_vec(),
    ]
}

fn name_seeds() -> Vec<Vec<u8>> {
    vec![b"reviewer.one".to_vec(), "\u{202E}ITTEHCRAM\0\n".as_bytes().to_vec()]
}
