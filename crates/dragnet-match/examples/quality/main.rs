//! The screening quality harness: recall of true persons and false hits on people who are not listed,
//! on the shared name data, printed as JSON. Run with
//! `cargo run --release -p dragnet-match --example quality [-- SHARED_NAMES_DIR]`.
//!
//! Sets:
//! - `arabic_script`: notices written only in Arabic script (Google's Arabic-English name pairs, as
//!   two-part names), screened with their Latin spelling; negatives are Latin names not listed.
//! - `latin_romanisations`: given and family names in Cyrillic, Han, Hangul, hiragana and Greek from
//!   name groups held out of the engine's variant table, written for the notice by one documented
//!   romanisation system and for the query by another (`romanise.rs`); negatives are other pairings
//!   of the same pools of names, the hardest kind of stranger.
//! - `latin_variants`: two-part names whose notice and query use different Latin forms of the same
//!   Wikidata name groups, held out likewise. Wikidata groups nicknames, translations and
//!   feminine forms with true variants (`Dolores`/`Lola`, `Wura`/`Gold`), so some pairs here are not
//!   spellings of one name at all.
//! - `un_misspelled`: OpenSanctions' UN sanctions people indexed as notices, screened with the
//!   deliberately misspelled versions; the 50,000 synthetic negatives screened against them.

mod romanise;

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use dragnet_domain::{Person, parse_person};
use dragnet_match::{Index, Variants};
use serde_json::{Value, json};

use romanise::{Script, romanise};

const THRESHOLD: f64 = 0.7;

fn person(id: &str, name: &str, date_of_birth: Option<&str>, nationality: Option<&str>) -> Person {
    let mut object = json!({"id": id, "name": name});
    if let Some(date) = date_of_birth.filter(|d| dragnet_domain::PartialDate::parse(d).is_ok()) {
        object["date_of_birth"] = json!(date);
    }
    if let Some(code) = nationality.map(str::to_uppercase).filter(|c| dragnet_domain::CountryCode::parse(c).is_ok()) {
        object["nationalities"] = json!([code]);
    }
    parse_person(&object.to_string()).unwrap_or_else(|err| panic!("{name}: {err}"))
}

/// Scores of each positive's own notice (0 when not found) and each negative's best hit.
struct Outcome {
    positives: Vec<f64>,
    negatives: Vec<f64>,
    seconds: f64,
}

fn run(
    variants: Arc<Variants>,
    notices: Vec<(String, Person)>,
    positives: &[(String, Person)],
    negatives: &[Person],
) -> Outcome {
    let started = Instant::now();
    let by_id: std::collections::HashMap<String, Person> = notices.iter().cloned().collect();
    let index = Index::build(variants, notices.into_iter().map(|(id, p)| (id, p, Vec::new())));
    let found = found_scores(&index, positives);
    let negative_hits = index.search_batch(negatives, None, 0.0, 1);
    // QUALITY_DEBUG=N shows N false hits and N misses at the default threshold, to study by eye.
    if let Some(shown) = std::env::var("QUALITY_DEBUG").ok().and_then(|n| n.parse::<usize>().ok()) {
        let false_hits =
            negatives.iter().zip(&negative_hits).filter(|(_, h)| h.first().is_some_and(|h| h.score >= THRESHOLD));
        for (person, hits) in false_hits.take(shown) {
            eprintln!("FALSE HIT {:?} -> {} {:.3} {}", person.name, hits[0].id, hits[0].score, hits[0].why);
        }
        for ((id, person), score) in positives.iter().zip(&found).filter(|(_, s)| **s < THRESHOLD).take(shown) {
            let notice = dragnet_match::profile(&by_id[id], index.variants());
            let (_, reasons) =
                dragnet_match::score::explain(&dragnet_match::profile(person, index.variants()), &notice);
            let why = dragnet_match::score::Reason::sentence(&reasons);
            eprintln!("MISS {id} {:?} for {:?} {score:.3} {why}", person.name, by_id[id].name);
        }
    }
    let positives = found;
    let negatives = negative_hits.iter().map(|hits| hits.first().map_or(0.0, |h| h.score)).collect();
    Outcome { positives, negatives, seconds: started.elapsed().as_secs_f64() }
}

/// A fixed shuffle (a linear congruential generator), so that two-part names are not neighbours
/// in alphabetical order and the figures stay the same from run to run.
fn shuffle<T>(items: &mut [T]) {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for i in (1..items.len()).rev() {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        items.swap(i, (state >> 33) as usize % (i + 1));
    }
}

fn found_scores(index: &Index, positives: &[(String, Person)]) -> Vec<f64> {
    let queries: Vec<Person> = positives.iter().map(|(_, p)| p.clone()).collect();
    index
        .search_batch(&queries, None, 0.0, 20)
        .iter()
        .zip(positives)
        .map(|(hits, (id, _))| hits.iter().find(|h| &h.id == id).map_or(0.0, |h| h.score))
        .collect()
}

fn report(name: &str, outcome: &Outcome) -> Value {
    let rate = |scores: &[f64], t: f64| scores.iter().filter(|s| **s >= t).count() as f64 / scores.len().max(1) as f64;
    let sweep: Vec<Value> = (10..=19)
        .map(|i| i as f64 * 0.05)
        .map(|t| json!({"threshold": t, "recall": rate(&outcome.positives, t), "false_hits": rate(&outcome.negatives, t)}))
        .collect();
    // The best recall at a threshold that keeps false hits at or under 1 %.
    let best = (50..=99)
        .map(|i| i as f64 / 100.0)
        .filter(|t| rate(&outcome.negatives, *t) <= 0.01)
        .map(|t| (t, rate(&outcome.positives, t)))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    json!({
        "set": name,
        "positives": outcome.positives.len(),
        "negatives": outcome.negatives.len(),
        "at_default_threshold": {"threshold": THRESHOLD, "recall": rate(&outcome.positives, THRESHOLD), "false_hits": rate(&outcome.negatives, THRESHOLD)},
        "best_recall_with_false_hits_at_most_1pct": best.map(|(t, r)| json!({"threshold": t, "recall": r})),
        "sweep": sweep,
        "seconds": outcome.seconds,
    })
}

fn arabic_script(dir: &Path, variants: Arc<Variants>) -> Value {
    let read = |file: &str| -> Vec<(String, String)> {
        std::fs::read_to_string(dir.join("google-ar2en").join(file))
            .unwrap()
            .lines()
            .filter_map(|line| line.split_once('\t'))
            .map(|(ar, en)| (ar.trim().to_string(), en.trim().to_string()))
            .filter(|(ar, en)| !ar.is_empty() && !en.is_empty())
            .collect()
    };
    let mut pairs = read("ar2en-test.txt");
    pairs.extend(read("ar2en-eval.txt"));
    let listed_words: HashSet<String> = pairs.iter().map(|(_, en)| en.to_lowercase()).collect();
    let mut notices = Vec::new();
    let mut positives = Vec::new();
    for (i, chunk) in pairs.chunks(2).enumerate().take(1500) {
        let [(given_ar, given_en), (family_ar, family_en)] = chunk else { continue };
        let id = format!("ar/{i}");
        notices.push((id.clone(), person(&id, &format!("{given_ar} {family_ar}"), None, None)));
        positives.push((id.clone(), person(&format!("q{i}"), &format!("{given_en} {family_en}"), None, None)));
    }
    let mut unlisted: Vec<String> = read("ar2en-train.txt")
        .into_iter()
        .map(|(_, en)| en)
        .filter(|en| !listed_words.contains(&en.to_lowercase()))
        .collect();
    shuffle(&mut unlisted);
    let negatives: Vec<Person> = unlisted
        .chunks(2)
        .take(2000)
        .enumerate()
        .filter(|(_, chunk)| chunk.len() == 2)
        .map(|(i, chunk)| person(&format!("n{i}"), &format!("{} {}", chunk[0], chunk[1]), None, None))
        .collect();
    report("arabic_script", &run(variants, notices, &positives, &negatives))
}

/// The name corpus, split: the groups whose number ends in 0 or 5 are held out of the engine's variant
/// table; of those, the Latin forms (for the Wikidata set) and the native forms in the scripts the
/// harness romanises (for the romanisation set) are returned.
struct HeldOut {
    kept: String,
    latin_groups: Vec<Vec<String>>,
    native: Vec<(Script, String)>,
}

fn held_out_corpus(dir: &Path) -> HeldOut {
    let mut text = String::new();
    flate2::read::GzDecoder::new(
        std::fs::File::open(dir.join("wikidata-name-variants/persons_rigour-1.8.2.txt.gz")).unwrap(),
    )
    .read_to_string(&mut text)
    .unwrap();
    let mut held = HeldOut { kept: String::new(), latin_groups: Vec::new(), native: Vec::new() };
    for line in text.lines() {
        let Some((forms, id)) = line.rsplit_once(" => ") else { continue };
        let number: u64 = id.trim_start_matches('Q').parse().unwrap_or(1);
        if number.is_multiple_of(5) {
            let latin: Vec<String> = forms
                .split(", ")
                .filter(|f| f.chars().all(|c| c.is_ascii_alphabetic()) && f.len() >= 3)
                .map(str::to_string)
                .collect();
            if latin.len() >= 2 {
                held.latin_groups.push(latin);
            }
            // One native form per group, so that no two people share a name by construction.
            if let Some((script, form)) = forms.split(", ").find_map(|f| Script::of(f).map(|s| (s, f.to_string()))) {
                held.native.push((script, form));
            }
        } else {
            held.kept.push_str(line);
            held.kept.push('\n');
        }
    }
    held
}

/// Given and family names in each script, romanised by one system for the notice and another for
/// the query: the same name as two documents or two clerks would write it.
fn romanisations(dir: &Path) -> Value {
    let held = held_out_corpus(dir);
    let variants = Arc::new(Variants::parse(&held.kept));
    let scripts = [Script::Russian, Script::Chinese, Script::Korean, Script::Japanese, Script::Greek];
    let (mut notices, mut positives, mut negatives) = (Vec::new(), Vec::new(), Vec::new());
    for script in scripts {
        // Chinese and Korean family names have one syllable, given names two.
        let (given, family): (Vec<&String>, Vec<&String>) = match script {
            Script::Chinese | Script::Korean => (
                held.native.iter().filter(|(s, f)| *s == script && f.chars().count() == 2).map(|(_, f)| f).collect(),
                held.native.iter().filter(|(s, f)| *s == script && f.chars().count() == 1).map(|(_, f)| f).collect(),
            ),
            _ => {
                let forms: Vec<&String> = held
                    .native
                    .iter()
                    .filter(|(s, f)| *s == script && f.chars().count() >= 2)
                    .map(|(_, f)| f)
                    .collect();
                let half = forms.len() / 2;
                (forms[..half].to_vec(), forms[half..].to_vec())
            }
        };
        let systems = script.systems();
        let written = |word: &str, system: usize| romanise(script, word, system);
        for i in 0..700 {
            let (g, f) = (given[(i * 7) % given.len()], family[(i * 13) % family.len()]);
            let notice_system = i % systems;
            let query_system = (notice_system + 1 + (i / systems) % (systems - 1)) % systems;
            // A character the romaniser does not know leaves a part out: such a name is not used.
            let readable = |word: &str| (0..systems).all(|s| written(word, s).len() >= 2);
            if !readable(g) || !readable(f) {
                continue;
            }
            let name = |system: usize| format!("{} {}", written(g, system), written(f, system));
            if i < 300 {
                let id = format!("rom/{script:?}/{i}");
                notices.push((id.clone(), person(&id, &name(notice_system), None, None)));
                positives.push((id, person(&format!("q{i}"), &name(query_system), None, None)));
            } else {
                // Other people: a given name and a family name not used together above.
                let (g, f) = (given[(i * 11 + 3) % given.len()], family[(i * 17 + 5) % family.len()]);
                if !readable(g) || !readable(f) {
                    continue;
                }
                let name = format!("{} {}", written(g, query_system), written(f, query_system));
                negatives.push(person(&format!("n{i}"), &name, None, None));
            }
        }
    }
    // A negative that happens to be the same person as a notice is not a false hit.
    let listed: HashSet<String> = notices.iter().filter_map(|(_, p)| p.name.clone()).collect();
    negatives.retain(|p| !p.name.as_ref().is_some_and(|n| listed.contains(n)));
    report("latin_romanisations", &run(variants, notices, &positives, &negatives))
}

fn latin_variants(dir: &Path) -> Value {
    let HeldOut { kept, latin_groups: held, .. } = held_out_corpus(dir);
    let variants = Arc::new(Variants::parse(&kept));
    let mut notices = Vec::new();
    let mut positives = Vec::new();
    let people = 1500;
    for i in 0..people {
        let (given, family) = (&held[(i * 2) % held.len()], &held[(i * 2 + 1) % held.len()]);
        let id = format!("lat/{i}");
        notices.push((id.clone(), person(&id, &format!("{} {}", given[0], family[0]), None, None)));
        positives.push((id, person(&format!("q{i}"), &format!("{} {}", given[1], family[1]), None, None)));
    }
    let negatives: Vec<Person> = (0..2000)
        .map(|i| {
            let (given, family) =
                (&held[(people * 2 + i * 2) % held.len()], &held[(people * 2 + i * 2 + 1) % held.len()]);
            person(&format!("n{i}"), &format!("{} {}", given[1], family[1]), None, None)
        })
        .collect();
    report("latin_variants", &run(variants, notices, &positives, &negatives))
}

fn un_misspelled(dir: &Path, variants: Arc<Variants>) -> Value {
    let read = |reader: Box<dyn Read>| -> Vec<csv::StringRecord> {
        csv::Reader::from_reader(reader).records().map(Result::unwrap).collect()
    };
    let fixtures = dir.join("yente-fixtures");
    let open = |file: &str| -> Box<dyn Read> { Box::new(std::fs::File::open(fixtures.join(file)).unwrap()) };
    let untreated = read(open("positives_un_untreated.csv"));
    let treated = read(open("positives_un_treated.csv"));
    let as_person = |id: &str, r: &csv::StringRecord| person(id, &r[0], Some(&r[5]), Some(&r[7]));
    let notices: Vec<(String, Person)> =
        untreated.iter().enumerate().map(|(i, r)| (format!("un/{i}"), as_person(&format!("un/{i}"), r))).collect();
    let positives: Vec<(String, Person)> =
        treated.iter().enumerate().map(|(i, r)| (format!("un/{i}"), as_person(&format!("q{i}"), r))).collect();
    let negatives_file =
        flate2::read::GzDecoder::new(std::fs::File::open(fixtures.join("negatives_global_50000.csv.gz")).unwrap());
    let negatives: Vec<Person> = read(Box::new(negatives_file))
        .iter()
        .enumerate()
        .map(|(i, r)| person(&format!("n{i}"), &r[0], Some(&r[5]), None))
        .collect();
    report("un_misspelled", &run(variants, notices, &positives, &negatives))
}

fn main() {
    // The name data (8.7 MB, several licences) is not in the repository: the harness is told where it is.
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!(
            "usage: quality NAMES_DIR (the project's shared data/names folder, with netransliteration/, google-ar2en/, yente-fixtures/ …)"
        );
        std::process::exit(2);
    };
    let variants = Arc::new(Variants::built_in());
    let sets = vec![
        arabic_script(&dir, variants.clone()),
        romanisations(&dir),
        latin_variants(&dir),
        un_misspelled(&dir, variants),
    ];
    println!("{}", serde_json::to_string_pretty(&json!({"benchmark": "screening quality", "sets": sets})).unwrap());
}
