//! `dragnet demo` (and `dragnet serve --demo` on an empty store): a demo world. One user of each
//! role with a printed password; the request that started this project waiting for review with the
//! check's refusal; ordinary notices published with public extracts; a request refused, one sent
//! back with a question, a draft; and, with `--synthetic N`, N more published notices for load.
//! Everything goes through the store and the check as a bureau and reviewers would do it.

use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use dragnet_domain::{Actor, Grant, MemberCountry, NoticeRequest, Person, Role, UserName, parse_request};
use dragnet_review::Policy;
use dragnet_store::{Clock, Decision, Store};

use crate::InputError;
use crate::settings::Settings;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Also publish this many made-up notices, to try screening and the lists under load
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub synthetic: usize,
}

/// The demo's requests, shipped with the binary: written for this project, the people invented
/// (but for the request that started it).
const DRONE_STRIKE: &str = include_str!("../demo/drone-strike.json");
const MISSING_CHILD: &str = include_str!("../demo/missing-child.json");
const LYON_MURDER: &str = include_str!("../../../examples/requests/lyon-murder.json");
const ROTTERDAM_COCAINE: &str = include_str!("../../../examples/requests/rotterdam-cocaine.json");
const MADRID_ROBBERY: &str = include_str!("../../dragnet-review/tests/cases/c01-armed-robbery-madrid-es.json");
const INSULTING_THE_CROWN: &str = include_str!("../../dragnet-review/tests/cases/c16-insulting-the-crown-es.json");
const BRUSSELS_FRAUD: &str = include_str!("../../dragnet-review/tests/cases/c09-fraud-brussels-fr.json");
const BERLIN_RAPE: &str = include_str!("../../dragnet-review/tests/cases/c02-rape-berlin.json");

/// What becomes of each demo request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Draft,
    InReview,
    Published,
    Refused,
    Questioned,
}

const REQUESTS: [(&str, Fate); 8] = [
    (DRONE_STRIKE, Fate::InReview),
    (LYON_MURDER, Fate::Published),
    (ROTTERDAM_COCAINE, Fate::Published),
    (MADRID_ROBBERY, Fate::Published),
    (MISSING_CHILD, Fate::Published),
    (INSULTING_THE_CROWN, Fate::Refused),
    (BRUSSELS_FRAUD, Fate::Questioned),
    (BERLIN_RAPE, Fate::Draft),
];

/// The demo's users besides each requesting country's bureau (`ncb.fr`, `ncb.ir`…).
const STAFF: [(&str, Role, Option<&str>); 7] = [
    ("reviewer.one", Role::Reviewer, None),
    ("reviewer.two", Role::Reviewer, None),
    ("supervisor", Role::Supervisor, None),
    ("border.de", Role::Screener, Some("DE")),
    ("auditor", Role::Auditor, None),
    ("dpo", Role::DataProtectionOfficer, None),
    ("admin", Role::Administrator, None),
];

pub async fn run(settings: &Settings, args: DemoArgs) -> anyhow::Result<ExitCode> {
    let store = settings
        .open_store(Clock::system())
        .await
        .with_context(|| format!("cannot open the store ({})", settings.store_description()))?;
    if !store.users().await?.is_empty() {
        return Err(InputError(format!(
            "the store ({}) is not empty: the demo goes into a new data folder (--data DIR)",
            settings.store_description()
        ))
        .into());
    }
    let credentials = load(store.as_ref(), &Policy::built_in(), args.synthetic).await?;
    print_credentials(&credentials);
    println!("Run `dragnet serve` on the same data folder and sign in at http://127.0.0.1:8080/.");
    Ok(ExitCode::SUCCESS)
}

/// Whether the store holds nothing yet: `serve --demo` loads the demo only then.
pub async fn is_empty(store: &dyn Store) -> anyhow::Result<bool> {
    Ok(store.users().await?.is_empty())
}

pub fn print_credentials(credentials: &[(String, Role, String)]) {
    println!("Demo users (the passwords are shown this once):");
    for (name, role, password) in credentials {
        println!("  {name:<14} {:<24} {password}", role.as_str());
    }
}

/// A password for a demo user: 20 random letters and digits in groups of five.
fn password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    let letters: Vec<char> = bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect();
    letters.chunks(5).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

async fn user(store: &dyn Store, name: &str, role: Role, country: Option<&str>) -> anyhow::Result<(Actor, String)> {
    let admin = Actor::system("demo", None);
    let user = UserName::parse(name).map_err(anyhow::Error::msg)?;
    let country = country.map(MemberCountry::parse).transpose().map_err(anyhow::Error::msg)?;
    let grant = Grant::new(role, country).map_err(anyhow::Error::msg)?;
    store.create_user(&admin, &user, grant).await?;
    let password = password();
    let hash = dragnet_server::web::passwords::hash(&password).map_err(anyhow::Error::msg)?;
    store.set_password(&admin, &user, &hash).await?;
    Ok((Actor::user(&user, &grant), password))
}

/// Loads the demo world into an empty store; answers each user's name, role and password.
pub async fn load(store: &dyn Store, policy: &Policy, synthetic: usize) -> anyhow::Result<Vec<(String, Role, String)>> {
    let mut credentials = Vec::new();
    let mut staff = Vec::new();
    for (name, role, country) in STAFF {
        let (actor, password) = user(store, name, role, country).await?;
        credentials.push((name.to_string(), role, password));
        staff.push(actor);
    }
    let (reviewer, second_reviewer) = (&staff[0], &staff[1]);
    let mut bureaus: Vec<(String, Actor)> = Vec::new();
    for (text, fate) in REQUESTS {
        let mut request = parse_request(text).map_err(|err| anyhow::anyhow!("a demo request: {err}"))?;
        request.public_extract = fate == Fate::Published;
        let country = request.requested_by.as_str().to_string();
        if !bureaus.iter().any(|(c, _)| *c == country) {
            let name = format!("ncb.{}", country.to_lowercase());
            let (actor, password) = user(store, &name, Role::BureauOfficer, Some(&country)).await?;
            credentials.push((name, Role::BureauOfficer, password));
            bureaus.push((country.clone(), actor));
        }
        let bureau = bureaus.iter().find(|(c, _)| *c == country).map(|(_, a)| a.clone()).expect("added above");
        let stored = submit(store, policy, &bureau, &request, fate != Fate::Draft).await?;
        let request_id = stored.request_id;
        let decision = match fate {
            Fate::Published => Some((Decision::Publish, "Ordinary-law crime; the minimum data are present.")),
            Fate::Refused => {
                Some((Decision::Refuse, "Art. 3: insulting the head of state is a purely political offence."))
            }
            Fate::Questioned => {
                Some((Decision::RequestInformation, "Which court issued the warrant, and does it name the subject?"))
            }
            Fate::Draft | Fate::InReview => None,
        };
        if let Some((decision, reason)) = decision {
            let outcomes = store.decide(reviewer, request_id, decision, reason, None).await?;
            // A refusal recommendation takes a second reviewer to publish against.
            if outcomes.iter().any(|o| matches!(o, dragnet_store::DecisionOutcome::AwaitingSecondReviewer { .. })) {
                store.decide(second_reviewer, request_id, decision, reason, None).await?;
            }
        }
        if fate == Fate::Published {
            for (notice, subject) in stored.notice_ids.iter().zip(&request.subjects) {
                store.add_picture(&bureau, *notice, "image/svg+xml", portrait(subject).as_bytes()).await?;
            }
        }
    }
    if synthetic > 0 {
        let (_, bureau) = &bureaus[0];
        let template = parse_request(LYON_MURDER).map_err(|err| anyhow::anyhow!("a demo request: {err}"))?;
        publish_synthetic(store, policy, bureau, reviewer, &template, synthetic).await?;
    }
    Ok(credentials)
}

/// Creates `request` as `bureau` and, if `send`, submits it with the check's report.
async fn submit(
    store: &dyn Store,
    policy: &Policy,
    bureau: &Actor,
    request: &NoticeRequest,
    send: bool,
) -> anyhow::Result<dragnet_store::StoredRequest> {
    let stored = store.create_drafts(bureau, request).await?;
    if !send {
        return Ok(stored);
    }
    dragnet_app::workflow::submit_checked(store, policy, bureau, stored.request_id).await?;
    Ok(stored)
}

/// A drawn portrait for a demo notice, never a photograph: a silhouette on a colour taken from the
/// name, the initials, and the word "illustration" across it.
fn portrait(person: &Person) -> String {
    let name = person.display_name();
    let hue = name.bytes().fold(7u32, |hash, b| hash.wrapping_mul(31).wrapping_add(u32::from(b))) % 360;
    let initials: String = name
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter_map(|word| word.chars().next())
        .filter(|c| c.is_alphabetic())
        .take(2)
        .collect();
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"400\" viewBox=\"0 0 300 400\">\
         <rect width=\"300\" height=\"400\" fill=\"hsl({hue},35%,82%)\"/>\
         <circle cx=\"150\" cy=\"150\" r=\"70\" fill=\"hsl({hue},25%,45%)\"/>\
         <path d=\"M40 400 C40 290 90 240 150 240 C210 240 260 290 260 400 Z\" fill=\"hsl({hue},25%,45%)\"/>\
         <text x=\"150\" y=\"172\" font-family=\"sans-serif\" font-size=\"60\" text-anchor=\"middle\" fill=\"#fff\">{initials}</text>\
         <text x=\"150\" y=\"385\" font-family=\"sans-serif\" font-size=\"18\" text-anchor=\"middle\" fill=\"#fff\">illustration</text>\
         </svg>"
    )
}

const FORENAMES: [&str; 24] = [
    "Luca",
    "Amira",
    "Jonas",
    "Mei",
    "Oleksandr",
    "Fatima",
    "Diego",
    "Aiko",
    "Kwame",
    "Ingrid",
    "Rahul",
    "Zeynep",
    "Mateo",
    "Nadia",
    "Tomasz",
    "Leila",
    "Hiroshi",
    "Chiara",
    "Samir",
    "Elena",
    "Kofi",
    "Marta",
    "Yusuf",
    "Anya",
];
const FAMILY_NAMES: [&str; 24] = [
    "ROSSI",
    "HADDAD",
    "NIELSEN",
    "CHEN",
    "KOVALENKO",
    "BENALI",
    "FERNANDEZ",
    "TANAKA",
    "MENSAH",
    "LARSEN",
    "SHARMA",
    "YILMAZ",
    "SILVA",
    "KARIMI",
    "NOWAK",
    "RAHIMI",
    "SATO",
    "BIANCHI",
    "KHOURY",
    "POPESCU",
    "OWUSU",
    "GARCIA",
    "DEMIR",
    "VOLKOVA",
];

/// The `n`th made-up person: names, a date of birth and a nationality drawn from fixed lists.
fn made_up(n: usize, template: &Person) -> Person {
    let mut person = template.clone();
    person.family_name =
        Some(format!("{}{}", FAMILY_NAMES[n % 24], if n >= 576 { format!("-{}", n / 576) } else { String::new() }));
    person.forenames = Some(FORENAMES[(n / 24) % 24].to_string());
    person.date_of_birth =
        dragnet_domain::PartialDate::parse(&format!("{}-{:02}-{:02}", 1950 + n % 50, 1 + n % 12, 1 + n % 28)).ok();
    person.identity_documents.clear();
    person
}

/// Publishes `count` made-up red notices, 500 subjects to a request, with progress on stderr.
async fn publish_synthetic(
    store: &dyn Store,
    policy: &Policy,
    bureau: &Actor,
    reviewer: &Actor,
    template: &NoticeRequest,
    count: usize,
) -> anyhow::Result<()> {
    let mut done = 0;
    while done < count {
        let batch = (count - done).min(500);
        let mut request = template.clone();
        request.public_extract = true;
        request.subjects = (done..done + batch).map(|n| made_up(n, &template.subjects[0])).collect();
        let stored = submit(store, policy, bureau, &request, true).await?;
        store.decide(reviewer, stored.request_id, Decision::Publish, "Synthetic notices for the demo.", None).await?;
        done += batch;
        eprintln!("synthetic notices: {done} of {count}");
    }
    Ok(())
}
