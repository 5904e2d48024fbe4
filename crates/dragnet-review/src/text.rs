//! Text as the check reads it: words in any of the four working languages, folded so that case,
//! accents and Arabic vowel marks do not matter, each remembering where it stood in the original.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A word of a text: its folded form, and its byte range in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub folded: String,
    pub start: usize,
    pub end: usize,
}

/// A text cut into folded words.
#[derive(Debug, Clone)]
pub struct Words<'a> {
    pub original: &'a str,
    pub words: Vec<Word>,
    /// Where each folded word stands, so a phrase is looked up rather than slid along the text.
    positions: HashMap<String, Vec<usize>>,
}

/// Arabic proclitics written joined to the next word ("and", "the", "with the"…), longest first.
const ARABIC_PREFIXES: [&str; 9] = ["وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل"];

/// Folds one word: lower case, no accents, Arabic letters unified and proclitics removed.
pub fn fold_word(word: &str) -> String {
    let mut folded = String::with_capacity(word.len());
    for c in word.nfd() {
        if is_combining_mark(c) || c == '\u{0640}' {
            continue; // accents, Arabic short vowels and the tatweel stretch
        }
        let c = match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            'ؤ' => 'و',
            'ئ' => 'ي',
            'ک' => 'ك',
            'ی' => 'ي',
            'ß' => 's',
            'æ' => 'a',
            'œ' => 'o',
            'ø' => 'o',
            'ł' => 'l',
            'đ' => 'd',
            'ı' => 'i',
            c => c,
        };
        folded.extend(c.to_lowercase());
    }
    for prefix in ARABIC_PREFIXES {
        if let Some(rest) = folded.strip_prefix(prefix).filter(|rest| rest.chars().count() >= 3) {
            return rest.to_string();
        }
    }
    folded
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || c == '\u{0640}'
}

impl<'a> Words<'a> {
    pub fn new(original: &'a str) -> Self {
        let mut words = Vec::new();
        let mut start = None;
        for (index, c) in original.char_indices() {
            match (is_word_char(c), start) {
                (true, None) => start = Some(index),
                (false, Some(from)) => {
                    words.push(Word { folded: fold_word(&original[from..index]), start: from, end: index });
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(from) = start {
            words.push(Word { folded: fold_word(&original[from..]), start: from, end: original.len() });
        }
        let mut positions: HashMap<String, Vec<usize>> = HashMap::new();
        for (at, word) in words.iter().enumerate() {
            positions.entry(word.folded.clone()).or_default().push(at);
        }
        Words { original, words, positions }
    }

    /// Where `phrase` occurs, as the original text it covers, or `None`.
    pub fn find(&self, phrase: &Phrase) -> Option<&'a str> {
        let n = phrase.parts.len();
        if n == 0 || n > self.words.len() {
            return None;
        }
        let matches_at = |at: usize| {
            let window = self.words.get(at..at + n)?;
            let matches = window.iter().zip(&phrase.parts).all(|(word, part)| part.matches(&word.folded));
            matches.then(|| &self.original[window[0].start..window[n - 1].end])
        };
        match &phrase.parts[0] {
            PhrasePart::Exact(first) => self.positions.get(first)?.iter().find_map(|&at| matches_at(at)),
            PhrasePart::Prefix(_) => (0..=self.words.len() - n).find_map(matches_at),
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// A phrase of policy data: words that must follow each other; a word ending in `*` is a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub text: String,
    parts: Vec<PhrasePart>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum PhrasePart {
    Exact(String),
    Prefix(String),
}

impl PhrasePart {
    fn matches(&self, word: &str) -> bool {
        match self {
            PhrasePart::Exact(exact) => word == exact,
            PhrasePart::Prefix(prefix) => word.starts_with(prefix.as_str()),
        }
    }
}

impl Phrase {
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut parts = Vec::new();
        for chunk in text.split_whitespace() {
            // "coup d'état" or "sit-in" is one chunk but several words; only the last may be a prefix.
            let (stem, prefix) = match chunk.strip_suffix('*') {
                Some(stem) => (stem, true),
                None => (chunk, false),
            };
            let words: Vec<String> = Words::new(stem).words.into_iter().map(|w| w.folded).collect();
            let Some((last, first)) = words.split_last() else {
                return Err(format!("{chunk:?} in {text:?} has no word in it"));
            };
            parts.extend(first.iter().cloned().map(PhrasePart::Exact));
            if prefix && last.chars().count() < 3 {
                return Err(format!("the prefix {chunk:?} in {text:?} is too short to mean anything"));
            }
            parts.push(if prefix { PhrasePart::Prefix(last.clone()) } else { PhrasePart::Exact(last.clone()) });
        }
        if parts.is_empty() {
            return Err("an empty phrase".into());
        }
        Ok(Phrase { text: text.to_string(), parts })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, phrase: &str) -> Option<String> {
        Words::new(text).find(&Phrase::parse(phrase).unwrap()).map(str::to_string)
    }

    #[test]
    fn case_and_accents_do_not_matter() {
        assert_eq!(found("Le sujet a commis une DÉSERTION.", "desertion"), Some("DÉSERTION".into()));
        assert_eq!(found("Injurias al Presidente", "injuria* al presidente"), Some("Injurias al Presidente".into()));
    }

    #[test]
    fn prefixes_match_word_starts_only() {
        assert_eq!(found("a blasphemous post", "blasphem*"), Some("blasphemous".into()));
        assert_eq!(found("anti-blasphemy", "blasphem*"), Some("blasphemy".into()));
        assert_eq!(found("the deserted street", "desertion"), None);
    }

    #[test]
    fn phrases_must_be_contiguous() {
        assert_eq!(found("a military hospital", "military operation"), None);
        assert_eq!(found("during a military operation in", "military operation"), Some("military operation".into()));
    }

    #[test]
    fn arabic_is_folded_without_vowels_and_with_proclitics_removed() {
        assert_eq!(found("وقام بالإساءة إلى الرَّئيس", "اساءه"), Some("بالإساءة".into()));
        assert_eq!(found("غارة بطائرة مسيرة", "طائره مسيره"), Some("بطائرة مسيرة".into()));
    }

    #[test]
    fn bad_phrases_are_refused() {
        assert!(Phrase::parse("").is_err());
        assert!(Phrase::parse("a*").is_err());
        assert!(Phrase::parse("*").is_err());
        assert_eq!(found("un coup d'État manqué", "coup d'état"), Some("coup d'État".into()));
    }
}
