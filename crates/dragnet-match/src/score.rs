//! Scoring a candidate against a query: the names part by part (across scripts, spellings, joined or
//! split parts, missing middle names), then the date of birth, sex, nationality and documents.
//! Every score comes with a line a border officer can read.

use dragnet_domain::person::Sex;
use dragnet_domain::{CountryCode, PartialDate};

use crate::names::{NameForm, Part};
use crate::script::{consonants, shape_distance};

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

/// How alike two parts are, and how to say so.
fn part_similarity(a: &Part, b: &Part) -> (f64, &'static str) {
    if !a.abjad && !b.abjad && !a.latin.is_empty() && a.latin == b.latin {
        return (1.0, "same");
    }
    if a.abjad && b.abjad && a.text == b.text {
        return (1.0, "same");
    }
    if a.groups.iter().any(|g| b.groups.contains(g)) {
        // A syllable (`Yong`, `张`) belongs to many names' groups; a longer form to few.
        let shortest = a.latin.len().min(b.latin.len());
        return (if shortest <= 3 { 0.8 } else { 0.95 }, "variant of the same name");
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
    if (a.latin.len() == 1 || b.latin.len() == 1) && a.latin.chars().next() == b.latin.chars().next() {
        return (0.6, "initial");
    }
    let jw = jaro_winkler(&a.latin, &b.latin);
    if skeletons_equal && a.bare_skeleton.len() >= 2 && jw >= 0.8 {
        return (jw.max(0.88), "spelling variant");
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
    if jw >= 0.9 {
        return (jw * 0.95, "similar spelling");
    }
    (0.0, "")
}

/// The best reading of one spelling against another: a score and the pairs that made it.
fn align(query: &NameForm, notice: &NameForm, explain: bool) -> (f64, Vec<String>) {
    let (q_items, n_items) = (&query.parts, &notice.parts);
    let mut pairs: Vec<(f64, &'static str, usize, usize)> = Vec::new();
    for (qi, q) in q_items.iter().enumerate() {
        for (ni, n) in n_items.iter().enumerate() {
            if q.len >= 2 && n.len >= 2 {
                continue; // joins against joins are just pairs of parts
            }
            let (similarity, how) = part_similarity(q, n);
            if similarity >= 0.6 {
                pairs.push((similarity, how, qi, ni));
            }
        }
    }
    // Highest first; among equals the single parts first, so joins only fill what parts cannot.
    pairs.sort_by(|a, b| {
        b.0.total_cmp(&a.0).then((q_items[a.2].len + n_items[a.3].len).cmp(&(q_items[b.2].len + n_items[b.3].len)))
    });
    let (q_len, n_len) = (query.singles, notice.singles);
    let (mut q_used, mut n_used) = (vec![false; q_len], vec![false; n_len]);
    let (mut weighted, mut total, mut q_matched, mut n_matched) = (0.0, 0.0, 0, 0);
    let mut why = Vec::new();
    for (similarity, how, qi, ni) in pairs {
        let (q, n) = (&q_items[qi], &n_items[ni]);
        let free = |used: &[bool], item: &Part| used[item.start..item.start + item.len].iter().all(|u| !u);
        if !free(&q_used, q) || !free(&n_used, n) {
            continue;
        }
        q_used[q.start..q.start + q.len].iter_mut().for_each(|u| *u = true);
        n_used[n.start..n.start + n.len].iter_mut().for_each(|u| *u = true);
        // A join against a single word proves a little less than its words matched one by one.
        let weight = if q.len.max(n.len) >= 2 { 0.75 * q.weight.max(n.weight) } else { q.weight.min(n.weight) };
        weighted += similarity * weight;
        total += weight;
        q_matched += q.len;
        n_matched += n.len;
        if !explain {
            continue;
        }
        why.push(if how == "same" {
            format!("{} = {}", q.text, n.text)
        } else {
            format!("{} ~ {} ({how})", q.text, n.text)
        });
    }
    if total == 0.0 {
        return (0.0, why);
    }
    let quality = weighted / total;
    let coverage = (q_matched + n_matched) as f64 / (q_len + n_len) as f64;
    let mut score = quality * (0.5 + 0.5 * coverage);
    // One part (a given name), or two very common ones, do not make two people of many-part names the same.
    let needed = if q_len.min(n_len) >= 2 { 2.0 } else { 1.0 };
    if total < needed {
        score = score.min(0.55);
    }
    (score, why)
}

/// Whether two dates can be the same day, and how strongly they say so.
fn compare_dates(query: PartialDate, notice: PartialDate) -> (f64, String) {
    let same_month = query.month().zip(notice.month()).is_none_or(|(a, b)| a == b);
    let same_day = query.day().zip(notice.day()).is_none_or(|(a, b)| a == b);
    if query.year() == notice.year() && same_month && same_day {
        let full = query.day().is_some() && notice.day().is_some();
        return (if full { 0.35 } else { 0.15 }, format!("date of birth {notice} agrees"));
    }
    let swapped = query.year() == notice.year()
        && query.day().zip(notice.month()).is_some_and(|(d, m)| d == m)
        && query.month().zip(notice.day()).is_some_and(|(m, d)| m == d);
    if swapped {
        return (0.2, format!("date of birth {notice} agrees with day and month swapped"));
    }
    if query.year() == notice.year() {
        // The same year, another month or day: most often another person.
        return (-0.15, format!("date of birth {notice} differs from {query} within the year"));
    }
    if query.year().abs_diff(notice.year()) <= 1 && (query.month().is_none() || notice.month().is_none()) {
        return (0.0, format!("date of birth {notice} is close to {query}"));
    }
    if query.year().abs_diff(notice.year()) <= 3 {
        // Dates of birth on notices are often estimates or clerical slips by a few years.
        return (-0.1, format!("date of birth {notice} is a few years from {query}"));
    }
    (-0.3, format!("date of birth {notice} differs from {query}"))
}

/// The score of `notice` for `query`, in [0, 1].
pub fn score(query: &Profile, notice: &Profile) -> f64 {
    assess(query, notice, false).0
}

/// The score of `notice` for `query`, in [0, 1], and why.
pub fn explain(query: &Profile, notice: &Profile) -> (f64, String) {
    assess(query, notice, true)
}

fn assess(query: &Profile, notice: &Profile, explain: bool) -> (f64, String) {
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
        return (0.0, String::new());
    }
    let mut score = name_score;
    let mut why = vec![format!("name {}", name_why.join(", "))];
    if name_why.is_empty() {
        why = vec!["no name part in common".to_string()];
    }

    if let (Some(q), Some(n)) = (query.date_of_birth, notice.date_of_birth) {
        let (weight, said) = compare_dates(q, n);
        score = if weight >= 0.0 { score + (1.0 - score) * weight } else { score * (1.0 + weight) };
        why.push(said);
    }
    if let (Some(q), Some(n)) = (query.sex, notice.sex)
        && q != n
        && q != Sex::U
        && n != Sex::U
    {
        score *= 0.85;
        why.push(format!("sex {n} differs"));
    }
    if !query.nationalities.is_empty() && !notice.nationalities.is_empty() {
        if query.nationalities.iter().any(|c| notice.nationalities.contains(c)) {
            score += (1.0 - score) * 0.1;
            why.push("nationality agrees".to_string());
        } else {
            score *= 0.95;
            why.push("nationality differs".to_string());
        }
    }
    if let Some(document) = same_document {
        score = score.max(0.99);
        why.push(format!("document {document} is the same"));
    }
    (score.clamp(0.0, 1.0), why.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

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
