//! The screening index: every valid notice's profile, and an inverted index from name keys (consonant
//! skeletons, variant groups, Latin spellings, document numbers) to the notices that have them.
//! Notices are added and removed one at a time as they are published, suspended or cancelled.

use std::borrow::Borrow;
use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use dragnet_domain::{CountryCode, Person};
use rayon::prelude::*;
use serde::Serialize;

use crate::names::Part;
use crate::score::{Profile, Reason, explain, score};
use crate::variants::Variants;
use crate::{names, normalise_document};

/// How many candidates, found through the keys, are scored in full.
const CANDIDATES: usize = 150;
/// A candidate whose keys weigh less than this share of the best candidate's is left out.
const RELATIVE_FLOOR: f64 = 0.12;

/// A notice that may be the person screened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit<Id = String> {
    pub id: Id,
    pub score: f64,
    /// The reasons in English, as the formats give them.
    pub why: String,
    /// The reasons as data, for a page to say in its own language.
    #[serde(skip)]
    pub reasons: Vec<Reason>,
}

#[derive(Debug)]
struct Entry<Id> {
    id: Id,
    profile: Profile,
    /// Countries the requester barred from seeing the notice.
    hidden_from: Vec<CountryCode>,
}

/// Sorted keys with their notices laid end to end: `docs[offsets[i]..offsets[i + 1]]` for `keys[i]`.
/// Keys are hashes, spread evenly: `directory[k >> 48]` is where keys with those top 16 bits begin,
/// so a lookup searches a few dozen neighbours, not two million keys.
#[derive(Debug, Default)]
struct Packed {
    keys: Vec<u64>,
    offsets: Vec<u32>,
    docs: Vec<u32>,
    directory: Vec<u32>,
}

const DIRECTORY_BITS: u32 = 16;

impl Packed {
    fn from_sorted(pairs: &[(u64, u32)]) -> Self {
        let mut packed = Packed {
            keys: Vec::new(),
            offsets: Vec::new(),
            docs: Vec::with_capacity(pairs.len()),
            directory: Vec::new(),
        };
        for (key, doc) in pairs {
            if packed.keys.last() != Some(key) {
                packed.keys.push(*key);
                packed.offsets.push(packed.docs.len() as u32);
            }
            packed.docs.push(*doc);
        }
        packed.offsets.push(packed.docs.len() as u32);
        packed.keys.shrink_to_fit();
        packed.offsets.shrink_to_fit();
        let mut directory = Vec::with_capacity((1 << DIRECTORY_BITS) + 1);
        let mut at = 0;
        for bucket in 0..=(1u64 << DIRECTORY_BITS) {
            while at < packed.keys.len() && packed.keys[at] >> (64 - DIRECTORY_BITS) < bucket {
                at += 1;
            }
            directory.push(at as u32);
        }
        packed.directory = directory;
        packed
    }

    /// The notices of `key`.
    fn docs(&self, key: u64) -> &[u32] {
        let Some(&from) = self.directory.get((key >> (64 - DIRECTORY_BITS)) as usize) else { return &[] };
        let to = self.directory[(key >> (64 - DIRECTORY_BITS)) as usize + 1];
        match self.keys[from as usize..to as usize].binary_search(&key) {
            Ok(i) => {
                let i = from as usize + i;
                &self.docs[self.offsets[i] as usize..self.offsets[i + 1] as usize]
            }
            Err(_) => &[],
        }
    }
}

/// The index of valid notices. Build it once with [`Index::build`], then keep it current with
/// [`Index::insert`] and [`Index::remove`].
#[derive(Debug)]
pub struct Index<Id = String> {
    variants: Arc<Variants>,
    entries: Vec<Option<Entry<Id>>>,
    /// Whether each entry is live, kept apart from the entries so that skipping removed ones
    /// before the cut to the best candidates reads a few bytes per candidate, not an entry each.
    alive: Vec<bool>,
    by_id: HashMap<Id, u32>,
    /// Postings of the notices indexed in bulk, packed: sorted keys, and each key's notices.
    packed: Packed,
    /// Postings of the notices inserted one by one since the last pack.
    postings: HashMap<u64, Vec<u32>>,
    live: usize,
    /// One copy of each distinct part (a word at a place in a name, or a join), shared by every
    /// notice that has it: names repeat, and a million notices would otherwise hold millions of copies.
    parts: HashSet<SharedPart>,
}

/// A part compared by what determines it: its text, where it stands and how many words it covers.
#[derive(Debug)]
struct SharedPart(Arc<Part>);

impl PartialEq for SharedPart {
    fn eq(&self, other: &Self) -> bool {
        (self.0.start, self.0.len, &self.0.text) == (other.0.start, other.0.len, &other.0.text)
    }
}

impl Eq for SharedPart {}

impl Hash for SharedPart {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.0.start, self.0.len, &self.0.text).hash(state);
    }
}

/// The candidate weights of one query: every key's postings add to their notices' weights. Tens of
/// thousands of postings per query add up faster in an array by notice number than in a hash map;
/// each thread keeps one, and clears only what the last query touched.
#[derive(Default)]
struct Weights {
    by_doc: Vec<f32>,
    touched: Vec<u32>,
}

thread_local! {
    static WEIGHTS: std::cell::RefCell<Weights> = std::cell::RefCell::new(Weights::default());
}

fn key(kind: u8, text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    kind.hash(&mut hasher);
    text.hash(&mut hasher);
    hasher.finish()
}

/// The keys a profile is found by.
fn keys(profile: &Profile) -> Vec<u64> {
    let mut keys = Vec::new();
    for form in &profile.forms {
        for part in &form.parts {
            let single = part.len == 1;
            if part.bare_skeleton.len() >= 2 && !(single && part.abjad) {
                keys.push(key(b's', &part.bare_skeleton));
            }
            keys.extend(part.coarse.iter().filter(|c| c.len() >= 2).map(|c| key(b'c', c)));
            if !single {
                continue;
            }
            if !part.abjad && part.latin.len() >= 2 {
                keys.push(key(b'l', &part.latin));
            }
            keys.extend(part.phonetic.iter().filter(|p| p.len() >= 3).map(|p| key(b'p', p)));
            keys.extend(part.groups.iter().map(|g| key(b'g', &g.to_string())));
            keys.extend(part.syllables.iter().map(|s| key(b'y', &s.bits().to_string())));
            // Each skeleton less one consonant: spellings one consonant apart still meet.
            for coarse in part.coarse.iter().filter(|c| c.len() >= 3) {
                for skip in 0..coarse.len() {
                    let shorter: String = coarse.char_indices().filter(|(i, _)| *i != skip).map(|(_, c)| c).collect();
                    keys.push(key(b'd', &shorter));
                }
                keys.push(key(b'd', coarse));
            }
        }
    }
    keys.extend(profile.documents.iter().map(|d| key(b'd', d)));
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// A person's profile for screening.
pub fn profile(person: &Person, variants: &Variants) -> Profile {
    Profile {
        forms: names::name_forms(person, variants),
        date_of_birth: person.date_of_birth,
        sex: person.sex,
        nationalities: person.nationalities.clone(),
        documents: person.identity_documents.iter().map(|d| normalise_document(&d.number)).collect(),
    }
}

/// A notice is indexed by its id: the server's `NoticeId`, or any text for a file of names
/// (`dragnet screen`, the quality harness).
impl<Id: Clone + Eq + Hash + Ord + Send + Sync> Index<Id> {
    pub fn new(variants: Arc<Variants>) -> Self {
        Index {
            variants,
            entries: Vec::new(),
            alive: Vec::new(),
            by_id: HashMap::new(),
            packed: Packed::default(),
            postings: HashMap::new(),
            live: 0,
            parts: HashSet::new(),
        }
    }

    /// Builds an index from many notices at once, analysing them on every core, a slice at a time
    /// so that only one slice's unshared analysis is held at once.
    pub fn build(variants: Arc<Variants>, notices: impl IntoIterator<Item = (Id, Person, Vec<CountryCode>)>) -> Self {
        const SLICE: usize = 50_000;
        let mut index = Index::new(variants.clone());
        let mut pairs: Vec<(u64, u32)> = Vec::new();
        let mut notices = notices.into_iter();
        loop {
            let slice: Vec<(Id, Person, Vec<CountryCode>)> = notices.by_ref().take(SLICE).collect();
            if slice.is_empty() {
                break;
            }
            let analysed: Vec<(Id, Profile, Vec<CountryCode>, Vec<u64>)> = slice
                .into_par_iter()
                .map(|(id, person, hidden_from)| {
                    let profile = profile(&person, &variants);
                    let keys = keys(&profile);
                    (id, profile, hidden_from, keys)
                })
                .collect();
            for (id, profile, hidden_from, keys) in analysed {
                index.remove(&id);
                let doc = index.entries.len() as u32;
                pairs.extend(keys.into_iter().map(|key| (key, doc)));
                index.add_entry(id, profile, hidden_from);
            }
        }
        pairs.par_sort_unstable();
        index.packed = Packed::from_sorted(&pairs);
        index
    }

    /// Adds a notice, or replaces the one with the same id.
    pub fn insert(&mut self, id: Id, person: &Person, hidden_from: Vec<CountryCode>) {
        let profile = profile(person, &self.variants);
        self.insert_profile(id, profile, hidden_from);
    }

    fn insert_profile(&mut self, id: Id, profile: Profile, hidden_from: Vec<CountryCode>) {
        self.remove(&id);
        let doc = self.entries.len() as u32;
        for key in keys(&profile) {
            self.postings.entry(key).or_default().push(doc);
        }
        self.add_entry(id, profile, hidden_from);
    }

    fn add_entry(&mut self, id: Id, mut profile: Profile, hidden_from: Vec<CountryCode>) {
        // Joins found the notice's keys; scoring makes them again when it needs them (see `names::joins`).
        for form in &mut profile.forms {
            form.parts.truncate(form.singles);
            form.parts.shrink_to_fit();
        }
        for part in profile.forms.iter_mut().flat_map(|form| form.parts.iter_mut()) {
            *part = self.shared(part);
        }
        self.by_id.insert(id.clone(), self.entries.len() as u32);
        self.entries.push(Some(Entry { id, profile, hidden_from }));
        self.alive.push(true);
        self.live += 1;
    }

    /// The index's copy of a part, made on first sight. Coarse skeletons only find candidates
    /// (scoring compares shapes), so the stored copy goes without them.
    fn shared(&mut self, part: &Arc<Part>) -> Arc<Part> {
        let probe = SharedPart(part.clone());
        if let Some(existing) = self.parts.get(&probe) {
            return existing.0.clone();
        }
        let stored = Arc::new(Part { coarse: Vec::new(), ..Part::clone(part) });
        self.parts.insert(SharedPart(stored.clone()));
        stored
    }

    /// Takes a notice out of screening at once; its postings are skipped, and dropped by the next `pack()`.
    pub fn remove<Q: Hash + Eq + ?Sized>(&mut self, id: &Q) -> bool
    where
        Id: Borrow<Q>,
    {
        let Some(doc) = self.by_id.remove(id) else { return false };
        self.entries[doc as usize] = None;
        self.alive[doc as usize] = false;
        self.live -= 1;
        true
    }

    /// Whether a notice of this id is in the index.
    pub fn contains<Q: Hash + Eq + ?Sized>(&self, id: &Q) -> bool
    where
        Id: Borrow<Q>,
    {
        self.by_id.contains_key(id)
    }

    pub fn len(&self) -> usize {
        self.live
    }

    /// How many distinct keys the index holds, and how many postings: for sizing.
    pub fn key_counts(&self) -> (usize, usize) {
        let loose: usize = self.postings.values().map(Vec::len).sum();
        (self.packed.keys.len() + self.postings.len(), self.packed.docs.len() + loose)
    }

    /// Moves the postings of notices inserted one by one into the packed store. Millions of small
    /// lists cost far more memory than one sorted array; call it after a bulk load or now and then.
    pub fn pack(&mut self) {
        let mut all: Vec<(u64, u32)> = Vec::with_capacity(self.packed.docs.len() + self.postings.len());
        let live = |doc: &u32| self.entries[*doc as usize].is_some();
        for (i, key) in self.packed.keys.iter().enumerate() {
            let (from, to) = (self.packed.offsets[i] as usize, self.packed.offsets[i + 1] as usize);
            all.extend(self.packed.docs[from..to].iter().filter(|doc| live(doc)).map(|doc| (*key, *doc)));
        }
        for (key, docs) in &self.postings {
            all.extend(docs.iter().filter(|doc| live(doc)).map(|doc| (*key, *doc)));
        }
        self.postings = HashMap::new();
        self.postings.shrink_to_fit();
        all.sort_unstable();
        self.packed = Packed::from_sorted(&all);
    }

    /// The notices a key leads to, packed and loose.
    fn postings(&self, key: u64) -> (&[u32], &[u32]) {
        (self.packed.docs(key), self.postings.get(&key).map_or(&[], Vec::as_slice))
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    pub fn variants(&self) -> &Variants {
        &self.variants
    }

    /// The notices `viewer` may see that score at least `threshold` for `query`, best first, at most `limit`.
    pub fn search(&self, query: &Person, viewer: Option<CountryCode>, threshold: f64, limit: usize) -> Vec<Hit<Id>> {
        let query = profile(query, &self.variants);
        self.search_profile(&query, viewer, threshold, limit)
    }

    /// Many queries, on every core; results in the order of the queries.
    pub fn search_batch(
        &self,
        queries: &[Person],
        viewer: Option<CountryCode>,
        threshold: f64,
        limit: usize,
    ) -> Vec<Vec<Hit<Id>>> {
        queries.par_iter().map(|query| self.search(query, viewer, threshold, limit)).collect()
    }

    fn search_profile(
        &self,
        query: &Profile,
        viewer: Option<CountryCode>,
        threshold: f64,
        limit: usize,
    ) -> Vec<Hit<Id>> {
        let total = self.entries.len().max(1) as f64;
        // A key shared by a two-hundredth of all notices (a very common name) finds nothing by
        // itself and costs the most to walk; the query's rarer keys find those notices anyway.
        let too_common = (self.entries.len() / 200).max(5_000);
        let mut candidates: Vec<(u32, f64)> = WEIGHTS.with_borrow_mut(|weights| {
            if weights.by_doc.len() < self.entries.len() {
                weights.by_doc.resize(self.entries.len(), 0.0);
            }
            for key in keys(query) {
                let (packed, loose) = self.postings(key);
                let count = packed.len() + loose.len();
                if count == 0 || count > too_common {
                    continue;
                }
                let idf = (1.0 + total / count as f64).ln() as f32;
                for &doc in packed.iter().chain(loose) {
                    let weight = &mut weights.by_doc[doc as usize];
                    if *weight == 0.0 {
                        weights.touched.push(doc);
                    }
                    *weight += idf;
                }
            }
            let Weights { by_doc, touched } = weights;
            // Removed notices leave before the cut to the best candidates: a notice replaced many
            // times leaves as many dead copies of its keys, and they must not crowd out the live one.
            let some_removed = self.live < self.entries.len();
            let candidates = touched
                .iter()
                .filter(|&&doc| !some_removed || self.alive[doc as usize])
                .map(|&doc| (doc, f64::from(by_doc[doc as usize])))
                .collect();
            for &doc in touched.iter() {
                by_doc[doc as usize] = 0.0;
            }
            touched.clear();
            candidates
        });
        if candidates.len() > CANDIDATES {
            candidates.select_nth_unstable_by(CANDIDATES, |a, b| b.1.total_cmp(&a.1));
            candidates.truncate(CANDIDATES);
        }
        // Candidates that share far less with the query than the best one are not scored in full.
        let best = candidates.iter().map(|c| c.1).fold(0.0, f64::max);
        candidates.retain(|c| c.1 >= best * RELATIVE_FLOOR);
        let mut hits: Vec<Hit<Id>> = candidates
            .into_iter()
            .filter_map(|(doc, _)| self.entries[doc as usize].as_ref())
            .filter(|entry| viewer.is_none_or(|country| !entry.hidden_from.contains(&country)))
            .filter(|entry| score(query, &entry.profile) >= threshold)
            .map(|entry| {
                // Only hits are explained: the words cost more than the arithmetic.
                let (score, reasons) = explain(query, &entry.profile);
                let why = Reason::sentence(&reasons);
                Hit { id: entry.id.clone(), score: (score * 1000.0).round() / 1000.0, why, reasons }
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        hits.truncate(limit);
        hits
    }
}
