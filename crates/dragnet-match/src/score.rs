//! Scoring a candidate against a query: the names part by part (across scripts, spellings, joined or
//! split parts, missing middle names), then the date of birth, sex, nationality and documents.
//! Every score comes with a line a border officer can read.

use dragnet_domain::person::Sex;
use dragnet_domain::{CountryCode, PartialDate};

use crate::names::{NameForm, Part, joins};
use crate::script::{consonants, same_onset, shape_distance, sound_similarity};
use crate::syllables::{Syllabary, SyllableKey};

/// How alike two readings must sound (see `sound_similarity`) to count as the same name.
const SOUND_FLOOR: f64 = 0.8;

/// One thing that made a hit's score, for a border officer to read in their own language.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// The name parts that agree.
    Name(Vec<PartAgreement>),
    NoNamePartInCommon,
    DateOfBirth {
        agreement: DateAgreement,
        query: PartialDate,
        notice: PartialDate,
    },
    /// The notice's sex, which differs from the query's.
    SexDiffers(Sex),
    NationalityAgrees,
    NationalityDiffers,
    /// The document number both carry.
    SameDocument(String),
}

/// A part of the query's name, the notice's part it agrees with, and how.
#[derive(Debug, Clone, PartialEq)]
pub struct PartAgreement {
    pub query: String,
    pub notice: String,
    /// `same`, `romanisation variant`, `transliteration`, `sounds alike`…: see `part_similarity`.
    pub how: &'static str,
}

impl Reason {
    /// The reason in English, as the `why` of a hit says it.
    pub fn english(&self) -> String {
        match self {
            Reason::Name(parts) => {
                let pairs: Vec<String> = parts
                    .iter()
                    .map(|p| match p.how {
                        "same" => format!("{} = {}", p.query, p.notice),
                        how => format!("{} ~ {} ({how})", p.query, p.notice),
                    })
                    .collect();
                format!("name {}", pairs.join(", "))
            }
            Reason::NoNamePartInCommon => "no name part in common".to_string(),
            Reason::DateOfBirth { agreement, query, notice } => date_line(*agreement, *query, *notice),
            Reason::SexDiffers(sex) => format!("sex {sex} differs"),
            Reason::NationalityAgrees => "nationality agrees".to_string(),
            Reason::NationalityDiffers => "nationality differs".to_string(),
            Reason::SameDocument(number) => format!("document {number} is the same"),
        }
    }

    /// Whether the reason speaks for the hit being the person (a name or date that agrees, the
    /// same document) or against it (another date of birth, sex or nationality):
    /// what an officer weighs before confirming.
    pub fn supports(&self) -> bool {
        match self {
            Reason::Name(_) | Reason::NationalityAgrees | Reason::SameDocument(_) => true,
            Reason::DateOfBirth { agreement, .. } => {
                matches!(agreement, DateAgreement::Agrees | DateAgreement::Swapped | DateAgreement::Close)
            }
            Reason::NoNamePartInCommon | Reason::SexDiffers(_) | Reason::NationalityDiffers => false,
        }
    }

    /// Reasons in English, one after another, as a hit's `why`.
    pub fn sentence(reasons: &[Reason]) -> String {
        reasons.iter().map(Reason::english).collect::<Vec<_>>().join("; ")
    }
}

/// The ways two name parts can agree, as `part_similarity` says them: what a catalogue of their
/// words in other languages must cover.
pub const WAYS_PARTS_AGREE: [&str; 10] = [
    "same",
    "romanisation variant",
    "variant of the same name",
    "initial",
    "transliteration",
    "close transliteration",
    "spelling variant",
    "typing variant",
    "sounds alike",
    "similar spelling",
];

/// Everything about a person that screening compares.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub forms: Vec<NameForm>,
    pub date_of_birth: Option<PartialDate>,
    pub sex: Option<Sex>,
    pub nationalities: Vec<CountryCode>,
    /// Identity document numbers, upper case letters and digits only.
    pub documents: Vec<String>,
}

/// Whether one edit (a letter changed, added or removed) at most turns `a` into `b`; linear, no allocation.
fn levenshtein_at_most_one(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if prefix == short.len() {
        return true;
    }
    if short.len() == long.len() {
        short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// Jaro-Winkler similarity, skipped (as 0) where the lengths alone rule out a close likeness.
fn jaro_winkler(a: &str, b: &str) -> f64 {
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) * 2 > la.max(lb) {
        return 0.0;
    }
    strsim::jaro_winkler(a, b)
}

/// Whether both parts can only be one syllable (a Chinese or Korean family name: `Chen`, `Pak`) and
/// no romanisation shares it: then `Chen`/`Cheng` or `Pak`/`Pyo` are different names, however alike
/// they look. (The caller has found no shared key, and no variant group: Cantonese `Chan` is `Chen`.)
fn syllables_apart(a: &Part, b: &Part) -> bool {
    let one_syllable = |p: &Part, syllabary: Syllabary| {
        let mut keys = p.syllables.iter().filter(|k| k.syllabary() == syllabary).peekable();
        keys.peek().is_some() && keys.all(|k| k.syllables() == 1)
    };
    [Syllabary::Chinese, Syllabary::Korean].into_iter().any(|s| one_syllable(a, s) && one_syllable(b, s))
}

/// The first key two sorted key lists share.
fn shared_key(a: &[SyllableKey], b: &[SyllableKey]) -> Option<SyllableKey> {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return Some(a[i]),
        }
    }
    None
}

/// How alike two parts are, and how to say so. Between two Chinese or Korean names (`strict`) only
/// the same syllables or a known variant count: `Chisen` and `China`, `Jianni` and `Jianie` are other names.
fn part_similarity(a: &Part, b: &Part, strict: bool) -> (f64, &'static str) {
    if !a.abjad && !b.abjad && !a.latin.is_empty() && a.latin == b.latin {
        return (1.0, "same");
    }
    if a.abjad && b.abjad && a.text == b.text {
        return (1.0, "same");
    }
    // The same Chinese, Korean or Japanese syllables in two romanisations (`Zhang Xiaoping`/`Chang
    // Hsiao-p'ing`, `Itou Shouhei`/`Itoh Syohei`).
    if let Some(key) = shared_key(&a.syllables, &b.syllables) {
        return (if key.syllables() >= 2 { 0.9 } else { 0.82 }, "romanisation variant");
    }
    if a.groups.iter().any(|g| b.groups.contains(g)) {
        // A syllable (`Yong`, `张`) belongs to many names' groups; a longer form to few.
        let shortest = a.latin.len().min(b.latin.len());
        return (if shortest <= 3 { 0.8 } else { 0.95 }, "variant of the same name");
    }
    let latin_pair = !a.abjad && !b.abjad && !a.latin.is_empty() && !b.latin.is_empty();
    if latin_pair && (a.latin.len() == 1 || b.latin.len() == 1) && a.latin.as_bytes()[0] == b.latin.as_bytes()[0] {
        return (0.6, "initial");
    }
    // Past here every likeness is of letters or sounds: parts that differ in more than three
    // consonant classes have none worth finding (`Smith` and `Garcia`).
    if strict || syllables_apart(a, b) || (a.sounds ^ b.sounds).count_ones() > 3 {
        return (0.0, "");
    }
    if a.abjad || b.abjad {
        // Aligned with vowels where Arabic script writes them; shorter names say less.
        let ratio = a
            .shapes
            .iter()
            .flat_map(|x| b.shapes.iter().map(move |y| (x, y)))
            .map(|(x, y)| shape_distance(x, y) / consonants(x).max(consonants(y)).max(1) as f64)
            .fold(f64::INFINITY, f64::min);
        let length = a.shapes.iter().chain(&b.shapes).map(|s| consonants(s)).min().unwrap_or(0).max(1);
        if ratio > 0.25 {
            return (0.0, "");
        }
        let ceiling = match length {
            1 => 0.82,
            2 => 0.9,
            _ => 0.95,
        };
        return (ceiling - ratio, if ratio == 0.0 { "transliteration" } else { "close transliteration" });
    }
    let skeletons_equal = a.bare_skeleton == b.bare_skeleton && !a.bare_skeleton.is_empty();
    if a.latin.is_empty() || b.latin.is_empty() {
        return (0.0, "");
    }
    if skeletons_equal && a.bare_skeleton.len() >= 2 {
        let jw = jaro_winkler(&a.latin, &b.latin);
        if jw >= 0.8 {
            return (jw.max(0.88), "spelling variant");
        }
    }
    let pairs = || a.phonetic.iter().flat_map(|x| b.phonetic.iter().map(move |y| (x, y)));
    if pairs().any(|(x, y)| x == y && x.len() >= 3) {
        return (0.92, "romanisation variant");
    }
    if pairs().any(|(x, y)| x.len().min(y.len()) >= 5 && levenshtein_at_most_one(x, y)) {
        return (0.86, "romanisation variant");
    }
    if a.latin.len().min(b.latin.len()) >= 5 && levenshtein_at_most_one(&a.latin, &b.latin) {
        return (0.88, "typing variant");
    }
    // Spellings that sound alike letter by letter (`Uraikat`/`Erekat`, `Kunkel`/`Gungl`); both must
    // be long enough and begin alike, or short names would meet half the list. Names the variant
    // table knows, in groups apart, are different names (`Muhammad`/`Mahmoud`), as are two readings
    // of Chinese syllables that share no key.
    let chinese = |p: &Part| p.syllables.iter().any(|k| k.syllabary() == Syllabary::Chinese);
    let known_apart = (!a.groups.is_empty() && !b.groups.is_empty()) || (chinese(a) && chinese(b));
    if a.latin.len().min(b.latin.len()) >= 5 && !known_apart {
        let sound = pairs()
            .filter(|(x, y)| same_onset(x, y))
            .map(|(x, y)| sound_similarity(x, y, SOUND_FLOOR))
            .fold(0.0, f64::max);
        if sound >= SOUND_FLOOR {
            return (sound.min(0.9), "sounds alike");
        }
    }
    if jaro_winkler_may_reach(&a.latin, &b.latin, 0.9) {
        let jw = jaro_winkler(&a.latin, &b.latin);
        if jw >= 0.9 {
            return (jw * 0.95, "similar spelling");
        }
    }
    (0.0, "")
}

/// Whether Jaro-Winkler similarity of two lower-case ASCII words can reach `target`, from the letters
/// they have in common (at least as many as the matches Jaro counts): a cheap test before the real one.
fn jaro_winkler_may_reach(a: &str, b: &str, target: f64) -> bool {
    let mut counts = [0i16; 128];
    for byte in a.bytes() {
        counts[usize::from(byte & 0x7f)] += 1;
    }
    let mut common = 0usize;
    for byte in b.bytes() {
        let count = &mut counts[usize::from(byte & 0x7f)];
        if *count > 0 {
            *count -= 1;
            common += 1;
        }
    }
    let (la, lb) = (a.len().max(1) as f64, b.len().max(1) as f64);
    let jaro = (common as f64 / la + common as f64 / lb + 1.0) / 3.0;
    // The Winkler bonus adds at most 0.4 of what Jaro leaves.
    jaro + 0.4 * (1.0 - jaro) >= target
}

/// The best reading of one spelling against another: a score and the pairs that made it.
fn align(query: &NameForm, notice: &NameForm, explain: bool) -> (f64, Vec<PartAgreement>) {
    let strict = query.syllabic && notice.syllabic;
    let same_count = query.singles == notice.singles;
    // A notice kept without its joins has them made again where the word counts differ.
    let remade: Vec<Part> =
        if !same_count && notice.parts.len() == notice.singles { joins(&notice.parts, false) } else { Vec::new() };
    let stored = notice.parts.len();
    let n_item = |i: usize| -> &Part { if i < stored { &notice.parts[i] } else { &remade[i - stored] } };
    let q_item = |i: usize| -> &Part { &query.parts[i] };
    // Scored for every candidate of every query: the pairs and the words used live on the stack.
    // Pairs that count (0.6 and over) are few; past the buffer, the weakest gives way.
    const MOST_PAIRS: usize = 12;
    let mut pairs = [(0.0f64, "", 0u8, 0u8); MOST_PAIRS];
    let mut count = 0;
    for (qi, q) in query.parts.iter().enumerate() {
        for ni in 0..stored + remade.len() {
            let n = n_item(ni);
            // Joins against joins are just pairs of parts; a join meets a single word where the two
            // spellings cut the name differently, so not when both have as many words.
            if (q.len >= 2 || n.len >= 2) && (q.len >= 2 && n.len >= 2 || same_count) {
                continue;
            }
            let (similarity, how) = part_similarity(q, n, strict);
            if similarity < 0.6 {
                continue;
            }
            // Parts are indexed in a byte: a name has at most `names::MOST_WORDS` words and their joins.
            let pair = (similarity, how, qi as u8, ni as u8);
            if count < MOST_PAIRS {
                pairs[count] = pair;
                count += 1;
            } else if let Some(weakest) = pairs.iter_mut().min_by(|a, b| a.0.total_cmp(&b.0))
                && weakest.0 < similarity
            {
                *weakest = pair;
            }
        }
    }
    let pairs = &mut pairs[..count];
    // Highest first; among equals the single parts first, so joins only fill what parts cannot.
    pairs.sort_by(|a, b| {
        let size = |pair: &(f64, &str, u8, u8)| q_item(pair.2 as usize).len + n_item(pair.3 as usize).len;
        b.0.total_cmp(&a.0).then(size(a).cmp(&size(b)))
    });
    let (q_len, n_len) = (query.singles, notice.singles);
    // Words used, as bits: a name has at most `names::MOST_WORDS` words.
    let (mut q_used, mut n_used) = (0u64, 0u64);
    let (mut weighted, mut total, mut q_matched, mut n_matched) = (0.0, 0.0, 0, 0);
    let mut why = Vec::new();
    for &mut (similarity, how, qi, ni) in pairs {
        let (q, n) = (q_item(qi as usize), n_item(ni as usize));
        let bits = |item: &Part| (u64::MAX >> (64 - item.len)) << item.start;
        if q_used & bits(q) != 0 || n_used & bits(n) != 0 {
            continue;
        }
        q_used |= bits(q);
        n_used |= bits(n);
        // A join against a single word proves a little less than its words matched one by one.
        let weight = if q.len.max(n.len) >= 2 { 0.75 * q.weight.max(n.weight) } else { q.weight.min(n.weight) };
        weighted += similarity * weight;
        total += weight;
        q_matched += q.len;
        n_matched += n.len;
        if !explain {
            continue;
        }
        why.push(PartAgreement { query: q.text.clone(), notice: n.text.clone(), how });
    }
    if total == 0.0 {
        return (0.0, why);
    }
    let quality = weighted / total;
    let coverage = (q_matched + n_matched) as f64 / (q_len + n_len) as f64;
    let mut score = quality * (0.5 + 0.5 * coverage);
    // One part (a given name), a join against one word, or two very common parts (`Mohammad Ali`) do
    // not make two people of many-part names the same; in two-part names a common part beside a
    // rarer one may, in longer names two parts of full weight must agree.
    let enough = match q_len.min(n_len) {
        0 | 1 => total >= 1.0,
        2 => q_matched >= 2 && n_matched >= 2 && total >= 1.5,
        _ => q_matched >= 2 && n_matched >= 2 && total >= 2.0,
    };
    if !enough {
        score = score.min(0.55);
    }
    (score, why)
}

/// How two dates of birth compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateAgreement {
    Agrees,
    Swapped,
    SameYear,
    Close,
    FewYears,
    Differs,
}

/// Whether two dates can be the same day, and how strongly they say so.
fn compare_dates(query: PartialDate, notice: PartialDate) -> (f64, DateAgreement) {
    let same_month = query.month().zip(notice.month()).is_none_or(|(a, b)| a == b);
    let same_day = query.day().zip(notice.day()).is_none_or(|(a, b)| a == b);
    if query.year() == notice.year() && same_month && same_day {
        let full = query.day().is_some() && notice.day().is_some();
        return (if full { 0.35 } else { 0.15 }, DateAgreement::Agrees);
    }
    let swapped = query.year() == notice.year()
        && query.day().zip(notice.month()).is_some_and(|(d, m)| d == m)
        && query.month().zip(notice.day()).is_some_and(|(m, d)| m == d);
    if swapped {
        return (0.2, DateAgreement::Swapped);
    }
    if query.year() == notice.year() {
        // The same year, another month or day: most often another person.
        return (-0.15, DateAgreement::SameYear);
    }
    if query.year().abs_diff(notice.year()) <= 1 && (query.month().is_none() || notice.month().is_none()) {
        return (0.0, DateAgreement::Close);
    }
    if query.year().abs_diff(notice.year()) <= 3 {
        // Dates of birth on notices are often estimates or clerical slips by a few years.
        return (-0.1, DateAgreement::FewYears);
    }
    (-0.3, DateAgreement::Differs)
}

fn date_line(agreement: DateAgreement, query: PartialDate, notice: PartialDate) -> String {
    match agreement {
        DateAgreement::Agrees => format!("date of birth {notice} agrees"),
        DateAgreement::Swapped => format!("date of birth {notice} agrees with day and month swapped"),
        DateAgreement::SameYear => format!("date of birth {notice} differs from {query} within the year"),
        DateAgreement::Close => format!("date of birth {notice} is close to {query}"),
        DateAgreement::FewYears => format!("date of birth {notice} is a few years from {query}"),
        DateAgreement::Differs => format!("date of birth {notice} differs from {query}"),
    }
}

/// The score of `notice` for `query`, in [0, 1].
pub fn score(query: &Profile, notice: &Profile) -> f64 {
    assess(query, notice, false).0
}

/// The score of `notice` for `query`, in [0, 1], and why.
pub fn explain(query: &Profile, notice: &Profile) -> (f64, Vec<Reason>) {
    assess(query, notice, true)
}

fn assess(query: &Profile, notice: &Profile, explain: bool) -> (f64, Vec<Reason>) {
    let mut best = (0.0, Vec::new());
    for q in &query.forms {
        for n in &notice.forms {
            let candidate = align(q, n, explain);
            if candidate.0 > best.0 {
                best = candidate;
            }
        }
    }
    let (name_score, name_why) = best;
    let same_document = query.documents.iter().find(|d| notice.documents.contains(d));
    if name_score == 0.0 && same_document.is_none() && !explain {
        return (0.0, Vec::new());
    }
    let mut score = name_score;
    // The words are written only when asked for: scoring runs for every candidate, explaining for hits.
    let mut why: Vec<Reason> = Vec::new();
    let mut say = |reason: &dyn Fn() -> Reason| {
        if explain {
            why.push(reason());
        }
    };
    say(&|| if name_why.is_empty() { Reason::NoNamePartInCommon } else { Reason::Name(name_why.clone()) });
    if let (Some(q), Some(n)) = (query.date_of_birth, notice.date_of_birth) {
        let (weight, agreement) = compare_dates(q, n);
        score = if weight >= 0.0 { score + (1.0 - score) * weight } else { score * (1.0 + weight) };
        say(&|| Reason::DateOfBirth { agreement, query: q, notice: n });
    }
    if let (Some(q), Some(n)) = (query.sex, notice.sex)
        && q != n
        && q != Sex::U
        && n != Sex::U
    {
        score *= 0.85;
        say(&|| Reason::SexDiffers(n));
    }
    if !query.nationalities.is_empty() && !notice.nationalities.is_empty() {
        if query.nationalities.iter().any(|c| notice.nationalities.contains(c)) {
            score += (1.0 - score) * 0.1;
            say(&|| Reason::NationalityAgrees);
        } else {
            score *= 0.95;
            say(&|| Reason::NationalityDiffers);
        }
    }
    if let Some(document) = same_document {
        score = score.max(0.99);
        say(&|| Reason::SameDocument(document.clone()));
    }
    (score.clamp(0.0, 1.0), why)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every way `part_similarity` can say two parts agree is one a catalogue can know of.
    #[test]
    fn every_way_parts_agree_is_listed() {
        let source = include_str!("score.rs");
        let start = source.find("fn part_similarity").unwrap();
        let body = &source[start..start + source[start..].find("\n}\n").unwrap()];
        let said: Vec<&str> = body.split("return (").skip(1).filter_map(|r| r.split('"').nth(1)).collect();
        assert!(said.len() >= 10, "{said:?}");
        for how in said.into_iter().filter(|how| !how.is_empty()) {
            assert!(WAYS_PARTS_AGREE.contains(&how), "{how:?} is not in WAYS_PARTS_AGREE");
        }
    }

    #[test]
    fn one_edit_at_most() {
        for (a, b, expected) in [
            ("zimurinda", "zimurinda", true),
            ("inocent", "innocent", true),
            ("innocent", "inocent", true),
            ("ayub", "ayob", true),
            ("ayub", "ayyub", true),
            ("abcd", "abdc", false),
            ("abc", "abcde", false),
            ("", "a", true),
        ] {
            assert_eq!(levenshtein_at_most_one(a, b), expected, "{a} {b}");
            assert_eq!(strsim::levenshtein(a, b) <= 1, expected, "{a} {b}");
        }
    }
}
