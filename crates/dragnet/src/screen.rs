//! `dragnet screen --against NOTICES.jsonl QUERIES.jsonl`: screen people against notices without a
//! server or database. One JSON line per query, in input order; progress on stderr.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::Args;
use dragnet_domain::{Person, parse_person};
use dragnet_match::{DEFAULT_LIMIT, DEFAULT_THRESHOLD, Index, Variants};

use crate::InputError;

#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// The notices: one Person with an `id` per line (JSON lines)
    #[arg(long, value_name = "NOTICES.jsonl")]
    pub against: PathBuf,
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
    // Every query is read before any is screened: a file with a bad line gives no results at all.
    let queries = read_people(&args.queries)?;
    let notices = read_people(&args.against)?;
    refuse_repeated_ids(&args.against, &notices)?;

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

/// One line of output; a struct so that `query` comes first, as in DESIGN.md.
#[derive(serde::Serialize)]
struct ResultLine<'a> {
    query: &'a str,
    hits: Vec<dragnet_match::Hit>,
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
    let file =
        std::fs::File::open(path).map_err(|err| InputError(format!("{}: cannot read: {err}", path.display())))?;
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
fn read_csv(path: &Path, file: std::fs::File) -> anyhow::Result<Vec<(usize, String, Person)>> {
    dragnet_server::passengers::read_csv(file).map_err(|err| {
        // The header's problems name the header, not a line.
        let place = if err.line == 1 { String::new() } else { format!(" line {}", err.line) };
        InputError(format!("{}{place}: {}", path.display(), err.message)).into()
    })
}
