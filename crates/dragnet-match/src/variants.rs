//! Equivalent name parts across scripts and spellings, from Wikidata (CC0; see NOTICE):
//! `mohammad, mohamed, muhammad, محمد => Q…` puts every form of a name in one group.

use std::collections::HashMap;
use std::io::Read;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::script::{is_abjad, latin};

const CORPUS_GZ: &[u8] = include_bytes!("../data/name_variants.txt.gz");

/// Groups with more forms than this are families of names rather than one name; they are left out.
const MAX_FORMS_PER_GROUP: usize = 60;

/// For each form of a name part, the groups it belongs to.
#[derive(Debug, Default)]
pub struct Variants {
    groups: HashMap<String, Vec<u32>>,
}

/// The key a form is looked up by: its Latin spelling, or for a script without short vowels its
/// letters without marks (Latin spellings of those are too lossy to key on).
pub fn variant_key(text: &str) -> String {
    if is_abjad(text) {
        text.nfd()
            .filter(|c| !is_combining_mark(*c) && !c.is_whitespace() && *c != '\u{200c}')
            .map(|c| match c {
                'أ' | 'إ' | 'آ' => 'ا',
                'ى' | 'ی' => 'ي',
                'ک' => 'ك',
                'ة' => 'ه',
                c => c,
            })
            .collect()
    } else {
        latin(text)
    }
}

impl Variants {
    /// The corpus shipped with Dragnet.
    pub fn built_in() -> Variants {
        let mut text = String::new();
        flate2::read::GzDecoder::new(CORPUS_GZ)
            .read_to_string(&mut text)
            .expect("the built-in name corpus decompresses");
        Variants::parse(&text)
    }

    /// The built-in corpus, read once per process and shared: it is the same for every index.
    pub fn shared() -> std::sync::Arc<Variants> {
        static SHARED: std::sync::OnceLock<std::sync::Arc<Variants>> = std::sync::OnceLock::new();
        SHARED.get_or_init(|| std::sync::Arc::new(Variants::built_in())).clone()
    }

    /// Reads lines of `form, form, … => Qid`; malformed lines are skipped.
    pub fn parse(text: &str) -> Variants {
        let mut groups: HashMap<String, Vec<u32>> = HashMap::new();
        for line in text.lines() {
            let Some((forms, id)) = line.rsplit_once(" => ") else { continue };
            let Ok(id) = id.trim().trim_start_matches('Q').parse::<u32>() else { continue };
            let forms: Vec<&str> = forms.split(", ").collect();
            if forms.len() < 2 || forms.len() > MAX_FORMS_PER_GROUP {
                continue;
            }
            for form in forms {
                let key = variant_key(form);
                if key.len() < 2 {
                    continue;
                }
                let ids = groups.entry(key).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        groups.shrink_to_fit();
        Variants { groups }
    }

    /// The groups a name part belongs to.
    pub fn groups(&self, part: &str) -> &[u32] {
        self.groups.get(&variant_key(part)).map_or(&[], Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.groups.len()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_one_name_share_a_group() {
        let variants = Variants::parse(
            "mohamed said, mohammad saeed, محمد سعيد => Q104892392\nmohammad, mohamed, muhammad, مُحَمَّد => Q123\nsolo => Q9\n",
        );
        let shared = |a: &str, b: &str| variants.groups(a).iter().any(|g| variants.groups(b).contains(g));
        assert!(shared("Mohamed", "MUHAMMAD"));
        assert!(shared("محمد", "Mohammad"));
        assert!(shared("mohamedsaid", "محمدسعيد"));
        assert!(variants.groups("solo").is_empty(), "a group of one form says nothing");
    }
}
