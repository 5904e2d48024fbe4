//! The public catalogue: every public extract in memory, with a name index per kind and a word
//! index for free-text search, for the public notices API and the public's pages.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::RwLock;

use dragnet_domain::{NoticeId, NoticeKind, Person};
use dragnet_match::Index;
use dragnet_store::{PublicExtract, Readable, Store, StoreError, Unreadable};

use super::screening::variants;

/// The kinds the public sees.
pub const PUBLIC_KINDS: [NoticeKind; 3] = [NoticeKind::Red, NoticeKind::Yellow, NoticeKind::UnSpecial];

/// A name search finds notices scoring at least this, as screening does.
const NAME_THRESHOLD: f64 = dragnet_match::DEFAULT_THRESHOLD;

#[derive(Debug)]
pub struct PublicCatalogue {
    catalogue: RwLock<Catalogue>,
}

#[derive(Debug)]
struct Catalogue {
    extracts: BTreeMap<NoticeId, PublicExtract>,
    names: HashMap<NoticeKind, Index<NoticeId>>,
    /// Each folded word of the extracts' searchable text, with the notices that hold it.
    words: HashMap<String, BTreeSet<NoticeId>>,
}

/// The most words, and characters, a free-text search may hold: each word is looked for in the
/// whole vocabulary of the catalogue.
pub const MOST_FREE_TEXT_WORDS: usize = 10;
pub const MOST_FREE_TEXT_CHARS: usize = 200;

impl Catalogue {
    fn new() -> Self {
        let names = PUBLIC_KINDS.iter().map(|kind| (*kind, Index::new(variants()))).collect();
        Catalogue { extracts: BTreeMap::new(), names, words: HashMap::new() }
    }

    fn insert(&mut self, extract: PublicExtract) {
        self.remove(extract.id);
        if let Some(index) = self.names.get_mut(&extract.kind) {
            index.insert(extract.id, &extract.subject, Vec::new());
            for word in searchable_words(&extract) {
                self.words.entry(word).or_default().insert(extract.id);
            }
            self.extracts.insert(extract.id, extract);
        }
    }

    fn remove(&mut self, id: NoticeId) {
        if let Some(old) = self.extracts.remove(&id)
            && let Some(index) = self.names.get_mut(&old.kind)
        {
            index.remove(&id);
            for word in searchable_words(&old) {
                if let Some(ids) = self.words.get_mut(&word) {
                    ids.remove(&id);
                    if ids.is_empty() {
                        self.words.remove(&word);
                    }
                }
            }
        }
    }

    /// The notices whose searchable text holds every one of `words` (each within a word of the
    /// text: `murd` finds `murder`).
    fn holding_all(&self, words: &[String]) -> BTreeSet<NoticeId> {
        let mut found: Option<BTreeSet<NoticeId>> = None;
        for word in words {
            let mut holding = BTreeSet::new();
            for (known, ids) in &self.words {
                if known.contains(word.as_str()) {
                    holding.extend(ids.iter().copied());
                }
            }
            let narrowed = match found {
                None => holding,
                Some(before) => before.intersection(&holding).copied().collect(),
            };
            if narrowed.is_empty() {
                return narrowed;
            }
            found = Some(narrowed);
        }
        found.unwrap_or_default()
    }
}

/// The folded words free-text search looks in: names, places, charges, the requester.
pub fn searchable_words(extract: &PublicExtract) -> BTreeSet<String> {
    let s = &extract.subject;
    let mut texts: Vec<&str> = Vec::new();
    texts.extend(s.family_name.as_deref());
    texts.extend(s.forenames.as_deref());
    texts.extend(s.name.as_deref());
    texts.extend(s.original_script_name.as_deref());
    texts.extend(s.aliases.iter().map(String::as_str));
    texts.extend(s.birth_name.as_deref());
    texts.extend(s.place_of_birth.as_deref());
    texts.extend(extract.charges.iter().map(|c| c.title.as_str()));
    texts.extend(extract.charges.iter().filter_map(|c| c.translation.as_deref()));
    texts.extend(extract.offence_place.as_deref());
    if extract.requested_by != dragnet_domain::codes::UNKNOWN_REQUESTER {
        texts.push(&extract.requested_by);
    }
    texts.iter().flat_map(|text| folded_words(text)).collect()
}

/// `text`'s words, folded as the review library folds them (case, accents, Arabic letter forms).
pub fn folded_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(dragnet_review::text::fold_word)
        .filter(|w| !w.is_empty())
        .collect()
}

impl PublicCatalogue {
    pub fn empty() -> Self {
        PublicCatalogue { catalogue: RwLock::new(Catalogue::new()) }
    }

    /// Every public extract in `store` that reads, and the notices whose extract does not.
    pub async fn load(store: &dyn Store) -> Result<(Self, Vec<Unreadable>), StoreError> {
        let Readable { rows: extracts, unreadable } = store.public_extracts().await?;
        let catalogue = tokio::task::spawn_blocking(move || {
            let mut catalogue = Catalogue::new();
            for extract in extracts {
                catalogue.insert(extract);
            }
            for index in catalogue.names.values_mut() {
                index.pack();
            }
            catalogue
        })
        .await
        .map_err(|err| StoreError::Corrupt(format!("building the public notices: {err}")))?;
        Ok((PublicCatalogue { catalogue: RwLock::new(catalogue) }, unreadable))
    }

    /// Brings `ids` in line with the store: those in `extracts` shown as they are now, the rest gone.
    pub(crate) fn apply(&self, ids: &[NoticeId], extracts: Vec<PublicExtract>) {
        let mut catalogue = self.catalogue.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        for id in ids {
            catalogue.remove(*id);
        }
        for extract in extracts {
            catalogue.insert(extract);
        }
    }

    pub fn len(&self) -> usize {
        self.catalogue.read().map(|c| c.extracts.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The public extract of notice `id`, if it has one.
    pub fn get(&self, id: NoticeId) -> Option<PublicExtract> {
        self.catalogue.read().ok()?.extracts.get(&id).cloned()
    }

    /// A page of the extracts of `kind` that `keep` keeps and that hold every one of `words`
    /// ([`folded_words`], at most [`MOST_FREE_TEXT_WORDS`]), and how many there are in all: those
    /// whose name the name engine finds for `name`, best first, or (with no name) all, newest
    /// first. `keep` sees each extract under the lock; only the page is copied out.
    pub fn find(
        &self,
        kind: NoticeKind,
        name: Option<&Person>,
        words: &[String],
        keep: impl Fn(&PublicExtract) -> bool,
        skip: usize,
        take: usize,
    ) -> (usize, Vec<PublicExtract>) {
        let Ok(catalogue) = self.catalogue.read() else { return (0, Vec::new()) };
        let words = &words[..words.len().min(MOST_FREE_TEXT_WORDS)];
        let holding = (!words.is_empty()).then(|| catalogue.holding_all(words));
        let held = |id: &NoticeId| holding.as_ref().is_none_or(|ids| ids.contains(id));
        let kept: Vec<&PublicExtract> = match name {
            Some(person) => {
                let Some(index) = catalogue.names.get(&kind) else { return (0, Vec::new()) };
                index
                    .search(person, None, NAME_THRESHOLD, index.len().max(1))
                    .iter()
                    .filter(|hit| held(&hit.id))
                    .filter_map(|hit| catalogue.extracts.get(&hit.id))
                    .filter(|extract| keep(extract))
                    .collect()
            }
            None => match &holding {
                Some(ids) => ids
                    .iter()
                    .rev()
                    .filter_map(|id| catalogue.extracts.get(id))
                    .filter(|e| e.kind == kind && keep(e))
                    .collect(),
                None => catalogue.extracts.values().rev().filter(|e| e.kind == kind && keep(e)).collect(),
            },
        };
        (kept.len(), kept.into_iter().skip(skip).take(take).cloned().collect())
    }
}
