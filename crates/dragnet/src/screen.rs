//! `dragnet screen --against NOTICES.jsonl QUERIES.jsonl`: screen people against notices without a
//! server or database; `dragnet screen --as USER QUERIES`: against the notices in force in the
//! store, as that user, audited as the server's screening is. One JSON line per query, in input
//! order; progress on stderr.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dragnet_app::{App, Principal};
use dragnet_domain::{Person, UserName, parse_person};
use dragnet_match::{DEFAULT_LIMIT, DEFAULT_THRESHOLD, Index, Variants};
use dragnet_review::Policy;

use crate::InputError;
use crate::settings::Settings;

#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// The notices: one Person with an `id` per line (JSON lines)
    #[arg(long, value_name = "NOTICES.jsonl", required_unless_present = "as_user", conflicts_with = "as_user")]
    pub against: Option<PathBuf>,
    /// Screen against the notices in force in the store instead, as this user (a screener, say):
    /// what the user may see, recorded in the audit trail
    #[arg(long = "as", value_name = "USER")]
    pub as_user: Option<String>,
    /// The people to screen: one Person with an `id` per line, or a `.csv` with a header
    pub queries: PathBuf,
    /// The lowest score reported
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    pub threshold: f64,
    /// The most hits reported per query
    #[arg(long, default_value_t = DEFAULT_LIMIT)]
    pub limit: usize,
}

pub fn run(args: ScreenArgs) -> anyhow::Result<ExitCode> {
    if !(0.0..=1.0).contains(&args.threshold) {
        return Err(InputError(format!("--threshold: {} is not between 0 and 1", args.threshold)).into());
    }
    if args.limit == 0 {
        return Err(InputError("--limit: 0 would report no hit for anyone; give 1 or more".into()).into());
    }
    // Every query is read before any is screened: a file with a bad line gives no results at all.
    let queries = read_people(&args.queries)?;
    let Some(against) = &args.against else {
        unreachable!("clap requires --against without --as; --as is run by run_in_store")
    };
    let notices = read_people(against)?;
    refuse_repeated_ids(against, &notices)?;

    let started = Instant::now();
    let variants = Arc::new(Variants::built_in());
    let count = notices.len();
    let index = Index::build(variants, notices.into_iter().map(|(_, id, person)| (id, person, Vec::new())));
    eprintln!("indexed {count} notices in {:.1} s", started.elapsed().as_secs_f64());

    let started = Instant::now();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let total = queries.len();
    let (ids, people): (Vec<String>, Vec<Person>) = queries.into_iter().map(|(_, id, person)| (id, person)).unzip();
    let chunk = 1000;
    for (done, (ids, people)) in ids.chunks(chunk).zip(people.chunks(chunk)).enumerate() {
        let results = index.search_batch(people, None, args.threshold, args.limit);
        for (id, hits) in ids.iter().zip(results) {
            writeln!(stdout, "{}", serde_json::to_string(&ResultLine { query: id, hits })?)?;
        }
        eprintln!("screened {} of {total} queries", done * chunk + ids.len());
    }
    stdout.flush()?;
    eprintln!("screened {total} queries in {:.2} s", started.elapsed().as_secs_f64());
    Ok(ExitCode::SUCCESS)
}

/// Screens against the notices in force in the store, as `user`, through the same use case as the
/// server's screening API: what the user may see, and audited.
pub async fn run_in_store(settings: &Settings, args: ScreenArgs, user: &str) -> anyhow::Result<ExitCode> {
    if !(0.0..=1.0).contains(&args.threshold) {
        return Err(InputError(format!("--threshold: {} is not between 0 and 1", args.threshold)).into());
    }
    let queries = read_people(&args.queries)?;
    let store = settings
        .open_store(dragnet_store::Clock::system())
        .await
        .with_context(|| format!("cannot open the store ({})", settings.store_description()))?;
    let name = UserName::parse(user).map_err(|err| InputError(format!("--as: {err}")))?;
    let record = store
        .users()
        .await?
        .into_iter()
        .find(|record| record.name == name)
        .ok_or_else(|| InputError(format!("--as: no user named {name} (dragnet admin create-user makes one)")))?;
    let principal = Principal::new(record);
    // Refused before the notices are loaded, not after.
    principal.require(&dragnet_app::screening::SCREENERS).map_err(|err| InputError(format!("--as {user}: {err}")))?;
    let started = Instant::now();
    let app = App::load(store, Policy::built_in()).await.context("cannot load the notices in force")?;
    let progress = app.progress();
    if !progress.unreadable.is_empty() {
        // Named on the server's /readyz and in its log; here counted.
        eprintln!("{} notices in the store do not read and are left out", progress.unreadable.len());
    }
    eprintln!("indexed {} notices in force in {:.1} s", app.views.screening.len(), started.elapsed().as_secs_f64());

    let started = Instant::now();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let total = queries.len();
    let chunk = 1000;
    let mut done = 0;
    for slice in queries.chunks(chunk) {
        let people: Vec<Person> = slice.iter().map(|(_, _, person)| person.clone()).collect();
        let (_, results) =
            app.screen(&principal, people, args.threshold, args.limit).await.map_err(|err| match err {
                dragnet_app::AppError::Forbidden { .. } => {
                    anyhow::Error::new(InputError(format!("--as {user}: {err}")))
                }
                err => anyhow::Error::new(err),
            })?;
        for ((_, id, _), hits) in slice.iter().zip(results) {
            // Each hit as the API gives it: the contract's id, score and why, then the notice in force.
            let hits: Vec<_> = hits.iter().map(dragnet_server::screening::hit_json).collect();
            writeln!(stdout, "{}", serde_json::to_string(&StoreResultLine { query: id, hits })?)?;
        }
        done += slice.len();
        eprintln!("screened {done} of {total} queries");
    }
    stdout.flush()?;
    eprintln!(
        "screened {total} queries in {:.2} s, recorded in the audit trail as {user}",
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// One line of output; a struct so that `query` comes first, as in DESIGN.md.
#[derive(serde::Serialize)]
struct ResultLine<'a, Id: serde::Serialize> {
    query: &'a str,
    hits: Vec<dragnet_match::Hit<Id>>,
}

/// One line of output of a screening against the store, `query` first as well.
#[derive(serde::Serialize)]
struct StoreResultLine<'a> {
    query: &'a str,
    hits: Vec<dragnet_server::screening::HitAnswer<'a>>,
}

/// Two notices with one id would make one of them unreachable: the file is refused instead.
fn refuse_repeated_ids(path: &Path, people: &[(usize, String, Person)]) -> anyhow::Result<()> {
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    for (line, id, _) in people {
        if let Some(first) = first_seen.insert(id, *line) {
            let message = format!("{} line {line}: id: {id:?} is already on line {first}", path.display());
            return Err(InputError(message).into());
        }
    }
    Ok(())
}

/// People with their line numbers and ids, from JSON lines or (by the `.csv` ending) CSV with a header.
fn read_people(path: &Path) -> anyhow::Result<Vec<(usize, String, Person)>> {
    let file = crate::files::open(path, crate::files::MOST_LIST_BYTES).map_err(InputError)?;
    if path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("csv")) {
        return read_csv(path, file);
    }
    let mut people = Vec::new();
    for (number, line) in BufReader::new(file).lines().enumerate() {
        let line =
            line.map_err(|err| InputError(format!("{} line {}: cannot read: {err}", path.display(), number + 1)))?;
        if line.trim().is_empty() {
            continue;
        }
        let at = |message: String| InputError(format!("{} line {}: {message}", path.display(), number + 1));
        let person = parse_person(&line).map_err(|err| at(err.to_string()))?;
        let id = person.id.clone().ok_or_else(|| at("id: is missing".to_string()))?;
        people.push((number + 1, id, person));
    }
    Ok(people)
}

/// A passenger list as CSV, read as the border officer's upload reads it.
fn read_csv(path: &Path, file: impl std::io::Read) -> anyhow::Result<Vec<(usize, String, Person)>> {
    dragnet_server::passengers::read_csv(file).map_err(|err| {
        // The header's problems name the header, not a line.
        let place = if err.line == 1 { String::new() } else { format!(" line {}", err.line) };
        InputError(format!("{}{place}: {}", path.display(), err.message)).into()
    })
}
