//! The public catalogue: every public extract in memory, with a name index per kind, for the
//! public notices API and the public's pages.

use std::collections::{BTreeMap, HashMap};
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
}

impl Catalogue {
    fn new() -> Self {
        let names = PUBLIC_KINDS.iter().map(|kind| (*kind, Index::new(variants()))).collect();
        Catalogue { extracts: BTreeMap::new(), names }
    }

    fn insert(&mut self, extract: PublicExtract) {
        self.remove(extract.id);
        if let Some(index) = self.names.get_mut(&extract.kind) {
            index.insert(extract.id, &extract.subject, Vec::new());
            self.extracts.insert(extract.id, extract);
        }
    }

    fn remove(&mut self, id: NoticeId) {
        if let Some(old) = self.extracts.remove(&id)
            && let Some(index) = self.names.get_mut(&old.kind)
        {
            index.remove(&id);
        }
    }
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

    /// A page of the extracts of `kind` that `keep` keeps, and how many it keeps in all: those whose
    /// name the name engine finds for `name`, best first, or (with no name) all, newest first.
    /// `keep` sees each extract under the lock; only the page is copied out.
    pub fn find(
        &self,
        kind: NoticeKind,
        name: Option<&Person>,
        keep: impl Fn(&PublicExtract) -> bool,
        skip: usize,
        take: usize,
    ) -> (usize, Vec<PublicExtract>) {
        let Ok(catalogue) = self.catalogue.read() else { return (0, Vec::new()) };
        let kept: Vec<&PublicExtract> = match name {
            Some(person) => {
                let Some(index) = catalogue.names.get(&kind) else { return (0, Vec::new()) };
                index
                    .search(person, None, NAME_THRESHOLD, index.len().max(1))
                    .iter()
                    .filter_map(|hit| catalogue.extracts.get(&hit.id))
                    .filter(|extract| keep(extract))
                    .collect()
            }
            None => catalogue.extracts.values().rev().filter(|e| e.kind == kind && keep(e)).collect(),
        };
        (kept.len(), kept.into_iter().skip(skip).take(take).cloned().collect())
    }
}
