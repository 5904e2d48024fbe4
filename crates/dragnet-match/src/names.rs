//! A person's names analysed for matching: every spelling (name, original script, aliases) cut into
//! parts, each with its Latin spelling, skeletons, shapes, phonetic readings and variant groups.

use std::sync::Arc;

use dragnet_domain::Person;

use crate::script::{Shape, coarse_skeletons, is_abjad, latin, phonetic, shape, skeleton};
use crate::syllables::{Syllabary, SyllableKey, syllable_keys};
use crate::variants::Variants;

/// Words that link or title a name rather than name anyone: left out of the parts, kept for joins.
const PARTICLES: [&str; 32] = [
    "al", "el", "ul", "bin", "ibn", "ben", "bint", "binti", "van", "von", "der", "den", "de", "da", "di", "du", "del",
    "della", "dos", "das", "la", "le", "ter", "mr", "mrs", "ms", "dr", "prof", "sheikh", "بن", "بنت", "ابن",
];

/// Name parts so common (or so much a prefix) that two people sharing them says little:
/// they count for half as much as other parts.
const COMMON_PARTS: [&str; 42] = [
    "abd", "abu", "abou", "mohammad", "mohammed", "muhammad", "mohamed", "muhamad", "mohamad", "mohd", "ahmad",
    "ahmed", "ali", "hassan", "hasan", "hussein", "husain", "hossein", "khan", "kim", "lee", "park", "choi", "wang",
    "li", "zhang", "chen", "liu", "nguyen", "singh", "kumar", "عبد", "ابو", "محمد", "احمد", "أحمد", "علي", "علی",
    "حسن", "حسين", "حسین", "خان",
];

/// One word of a name.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub text: String,
    pub latin: String,
    /// The skeleton without an Arabic-script article (`ال`), where the part has one.
    pub bare_skeleton: String,
    /// Coarse skeletons for finding candidates across Arabic script and Latin, for every reading
    /// (the index drops them from the notices it stores: scoring compares shapes).
    pub coarse: Vec<String>,
    /// Consonant classes and vowels in order, for aligning across scripts: one per reading
    /// (with and without a joined article).
    pub shapes: Vec<Shape>,
    /// Written in a script without short vowels: only skeletons compare.
    pub abjad: bool,
    /// The Latin spelling with romanisation differences folded (two readings of `ch`).
    pub phonetic: Vec<String>,
    /// How much matching this part proves: 1, ½ for a very common part (`Mohammad`, `Ali`, `Abd`),
    /// the sum of its parts for a join.
    pub weight: f64,
    /// Where the part stands in its name, and how many words it covers: 1, or more for a join
    /// (`Alghasi-Mehr` read as one word, to meet `Alqasimehr`).
    pub start: usize,
    pub len: usize,
    /// The Wikidata groups of equivalent name parts this part belongs to.
    pub groups: Vec<u32>,
    /// Keys of the part read as Chinese, Korean or Japanese syllables, shared by their romanisations.
    pub syllables: Vec<SyllableKey>,
    /// Which consonant classes the part's shapes hold, as bits: spellings of one name hold nearly the
    /// same, so parts far apart here need no closer look.
    pub sounds: u16,
}

/// One spelling of a person's whole name: its words, then the joins of adjacent words and, for
/// three words or more, of all of them.
#[derive(Debug, Clone, PartialEq)]
pub struct NameForm {
    /// Shared: an index keeps one copy of each part, however many notices spell it alike.
    pub parts: Vec<Arc<Part>>,
    /// How many of `parts` are single words (they come first).
    pub singles: usize,
    /// Every word reads as Chinese syllables and one is a single syllable (a family name), or the
    /// same in Korean: a Chinese or Korean name, whose parts differ when their syllables do, however
    /// alike they look.
    pub syllabic: bool,
}

/// Every concatenation of one reading of `a` with one of `b`.
fn joined<T: Clone>(a: &[Vec<T>], b: &[Vec<T>]) -> Vec<Vec<T>> {
    a.iter().flat_map(|x| b.iter().map(move |y| [x.as_slice(), y.as_slice()].concat())).collect()
}

fn joined_text(a: &[String], b: &[String]) -> Vec<String> {
    a.iter().flat_map(|x| b.iter().map(move |y| format!("{x}{y}"))).collect()
}

/// Adjacent words read as one; `syllables` says whether to cut the joined word into syllables too.
fn join(words: &[Arc<Part>], syllables: bool) -> Part {
    let first = &words[0];
    let mut part = Part {
        text: words.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("-"),
        latin: String::new(),
        bare_skeleton: String::new(),
        coarse: vec![String::new()],
        shapes: vec![Vec::new()],
        phonetic: vec![String::new()],
        abjad: words.iter().any(|p| p.abjad),
        groups: Vec::new(),
        syllables: Vec::new(),
        sounds: 0,
        weight: 0.0,
        start: first.start,
        len: words.len(),
    };
    for word in words {
        part.latin.push_str(&word.latin);
        part.bare_skeleton.push_str(&word.bare_skeleton);
        part.coarse = joined_text(&part.coarse, &word.coarse);
        part.shapes = joined(&part.shapes, &word.shapes);
        part.phonetic =
            if word.phonetic.is_empty() { part.phonetic } else { joined_text(&part.phonetic, &word.phonetic) };
        part.weight += word.weight;
        part.sounds |= word.sounds;
    }
    // A whole name of many words keeps one reading of each, lest the readings multiply.
    part.coarse.truncate(4);
    part.shapes.truncate(4);
    part.phonetic.truncate(4);
    // Words read as one are cut into syllables afresh (`Min-jun` as `minjun`).
    if syllables && !part.abjad {
        part.syllables = syllable_keys(&part.latin);
    }
    part
}

/// An Arabic-script part without its article (`ال`), which Latin spellings keep or drop at will.
fn without_arabic_article(text: &str) -> Option<&str> {
    text.strip_prefix("ال").filter(|rest| rest.chars().count() >= 2)
}

/// A Latin part that may begin with a joined Arabic article (`Alqasimi`), without it. Whether it is
/// an article (`Alqasimi`) or the name's own letters (`Alberto`) cannot be told, so both are kept.
fn without_latin_article(text: &str) -> Option<&str> {
    let lower = text.to_lowercase();
    (!is_abjad(text) && (lower.starts_with("al") || lower.starts_with("el")) && text.chars().count() >= 6)
        .then(|| &text[2..])
}

fn is_han(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}'))
}

/// Cuts a name into words: spaces, commas, hyphens and other marks separate; apostrophes join.
fn words(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '.' | '/' | '(' | ')' | '_' | ';' | ':' | '"'))
        .map(|word| word.chars().filter(|c| !matches!(c, '\'' | '’' | '`' | 'ʿ' | 'ʾ')).collect::<String>())
        .filter(|word| !word.is_empty())
        .collect()
}

/// `Abdulrahman`, `Abdel Aziz`: the servant-of prefix is one part of its own, spelt `abd`.
fn split_abd(word: &str) -> Vec<String> {
    let lower = latin(word);
    for prefix in ["abdoul", "abdul", "abdel", "abdal", "abdol", "abd"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            if rest.is_empty() {
                return vec!["abd".to_string()];
            }
            if rest.len() >= 3 && !is_abjad(word) {
                return vec!["abd".to_string(), rest.to_string()];
            }
        }
    }
    vec![word.to_string()]
}

fn part(text: &str, variants: &Variants) -> Part {
    let base = without_arabic_article(text).unwrap_or(text);
    let mut readings = vec![base];
    readings.extend(without_latin_article(text));
    let mut coarse: Vec<String> = Vec::new();
    let mut shapes: Vec<Shape> = Vec::new();
    let mut groups = Vec::new();
    for reading in &readings {
        for skeleton in coarse_skeletons(reading) {
            if !coarse.contains(&skeleton) {
                coarse.push(skeleton);
            }
        }
        let reading_shape = shape(reading);
        if !shapes.contains(&reading_shape) {
            shapes.push(reading_shape);
        }
        groups.extend_from_slice(variants.groups(reading));
    }
    groups.sort_unstable();
    groups.dedup();
    if is_han(text) {
        // A Chinese character's groups mix every language's reading of it; its pinyin is compared instead.
        groups.clear();
    }
    Part {
        text: text.to_string(),
        latin: latin(text),
        bare_skeleton: skeleton(base),
        coarse,
        sounds: sounds(&shapes),
        shapes,
        abjad: is_abjad(text),
        phonetic: if is_abjad(text) { Vec::new() } else { phonetic(&latin(text)) },
        weight: if COMMON_PARTS.contains(&latin(text).as_str()) || COMMON_PARTS.contains(&text) { 0.5 } else { 1.0 },
        groups,
        syllables: if is_abjad(text) { Vec::new() } else { syllable_keys(&latin(text)) },
        start: 0,
        len: 1,
    }
}

/// The consonant classes of a part's shapes, as bits.
fn sounds(shapes: &[Shape]) -> u16 {
    const CLASSES: &[u8] = b"BTSKHRLMN";
    shapes
        .iter()
        .flatten()
        .filter_map(|symbol| CLASSES.iter().position(|c| c == symbol))
        .fold(0, |bits, class| bits | 1 << class)
}

/// The most words of one spelling that are compared; a longer one is cut (no one's name is longer).
pub const MOST_WORDS: usize = 16;

/// One spelling, cut into parts (particles and titles left out).
pub fn name_form(name: &str, variants: &Variants) -> Option<NameForm> {
    let words: Vec<String> = words(name).iter().flat_map(|word| split_abd(word)).take(MOST_WORDS).collect();
    let is_particle = |word: &String| PARTICLES.contains(&latin(word).as_str()) || PARTICLES.contains(&word.as_str());
    // A particle names no one when it links or titles two other words (`Maria da Silva`); with one
    // word beside it, it is a name itself (`Du Wei`, `Wang Di`, `Le Thi`).
    let drop_particles = words.iter().filter(|w| !is_particle(w)).count() >= 2;
    let parts: Vec<Part> = words
        .iter()
        .filter(|word| !(drop_particles && is_particle(word)))
        .map(|word| part(word, variants))
        .filter(|part| !part.latin.is_empty() || !part.bare_skeleton.is_empty())
        .enumerate()
        .map(|(i, part)| Part { start: i, ..part })
        .collect();
    if parts.is_empty() {
        return None;
    }
    let singles = parts.len();
    let fewest_syllables = |part: &Part, syllabary: Syllabary| {
        part.syllables.iter().filter(|k| k.syllabary() == syllabary).map(|k| k.syllables()).min()
    };
    let syllabic = singles >= 2
        && [Syllabary::Chinese, Syllabary::Korean].into_iter().any(|syllabary| {
            parts.iter().all(|p| fewest_syllables(p, syllabary).is_some())
                && parts.iter().any(|p| fewest_syllables(p, syllabary) == Some(1))
        });
    let mut all: Vec<Arc<Part>> = parts.into_iter().map(Arc::new).collect();
    let joined = joins(&all, true);
    all.extend(joined.into_iter().map(Arc::new));
    Some(NameForm { parts: all, singles, syllabic })
}

/// The joins of a spelling's words: each two adjacent words, and all of them when there are three
/// or more. An index keeps its notices without them (they are most of its parts, and needed only
/// against a spelling with another number of words) and makes them again when they are, then
/// without syllables (`syllables` false): the query's own joins carry those, and cutting costs.
pub fn joins(singles: &[Arc<Part>], syllables: bool) -> Vec<Part> {
    let mut joins: Vec<Part> = singles.windows(2).map(|pair| join(pair, syllables)).collect();
    if singles.len() >= 3 {
        joins.push(join(singles, syllables));
    }
    joins
}

/// Every spelling of a person's name: family and forenames, the whole name, the original script,
/// aliases, the name at birth.
pub fn name_forms(person: &Person, variants: &Variants) -> Vec<NameForm> {
    let mut names: Vec<String> = Vec::new();
    match (&person.family_name, &person.forenames) {
        (Some(family), Some(forenames)) => names.push(format!("{forenames} {family}")),
        (Some(family), None) => names.push(family.clone()),
        (None, Some(forenames)) => names.push(forenames.clone()),
        (None, None) => {}
    }
    names.extend(person.name.iter().cloned());
    names.extend(person.original_script_name.iter().cloned());
    names.extend(person.aliases.iter().cloned());
    // The family name at birth, with the forenames the person still bears.
    names.extend(person.birth_name.iter().map(|birth| match &person.forenames {
        Some(forenames) => format!("{forenames} {birth}"),
        None => birth.clone(),
    }));
    let mut forms: Vec<NameForm> = Vec::new();
    for name in names {
        if let Some(form) = name_form(&name, variants)
            && !forms.contains(&form)
        {
            forms.push(form);
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_titles_and_the_servant_prefix() {
        let variants = Variants::default();
        let form = name_form("Dr. Abdulrahman bin Khalid AL-FULAN", &variants).unwrap();
        let latin: Vec<&str> = form.parts[..form.singles].iter().map(|p| p.latin.as_str()).collect();
        assert_eq!(latin, ["abd", "rahman", "khalid", "fulan"]);
        assert_eq!(form.parts.last().unwrap().latin, "abdrahmankhalidfulan", "the whole name read as one word");
        let form = name_form("ALGHASI-MEHR, Ali", &variants).unwrap();
        let latin: Vec<&str> = form.parts[..form.singles].iter().map(|p| p.latin.as_str()).collect();
        assert_eq!(latin, ["alghasi", "mehr", "ali"]);
        assert!(form.parts[0].coarse.contains(&"KS".to_string()), "{:?}", form.parts[0].coarse);
        let arabic = name_form("علی القاصی مهر", &variants).unwrap();
        assert_eq!(arabic.parts[1].bare_skeleton, "KS");
        assert!(arabic.parts.iter().all(|p| p.abjad));
    }
}
