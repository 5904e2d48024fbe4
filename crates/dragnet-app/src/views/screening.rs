//! The screening view: every notice in force, in the matching engine's index.

use std::sync::{Arc, RwLock};

use dragnet_domain::{CountryCode, NoticeId, Person};
use dragnet_match::{Hit, Index, Variants};
use dragnet_store::{InForce, Readable, Store, StoreError, Unreadable};

/// The index of notices in force.
#[derive(Debug)]
pub struct ScreeningIndex {
    index: RwLock<Index<NoticeId>>,
}

/// The name corpus, read once per process: it is the same for every index.
pub fn variants() -> Arc<Variants> {
    Variants::shared()
}

impl ScreeningIndex {
    pub fn empty() -> Self {
        ScreeningIndex { index: RwLock::new(Index::new(variants())) }
    }

    /// The index of every notice in force in `store` that reads, and those that do not.
    pub async fn load(store: &dyn Store) -> Result<(Self, Vec<Unreadable>), StoreError> {
        let Readable { rows: notices, unreadable } = store.notices_in_force().await?;
        let index = tokio::task::spawn_blocking(move || {
            Index::build(variants(), notices.into_iter().map(|n| (n.id, n.subject, barred(&n.barred))))
        })
        .await
        .map_err(|err| StoreError::Corrupt(format!("building the screening index: {err}")))?;
        Ok((ScreeningIndex { index: RwLock::new(index) }, unreadable))
    }

    pub fn len(&self) -> usize {
        self.index.read().map(|index| index.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Brings `ids` in line with the store: those in `in_force` in (as they are now), the rest out.
    pub(crate) fn apply(&self, ids: &[NoticeId], in_force: Vec<InForce>) {
        let mut index = self.index.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        for id in ids {
            index.remove(id);
        }
        for notice in in_force {
            index.insert(notice.id, &notice.subject, barred(&notice.barred));
        }
    }

    /// The hits of each person among the notices `viewer` may see, on every core.
    pub fn search(
        &self,
        people: &[Person],
        viewer: Option<CountryCode>,
        threshold: f64,
        limit: usize,
    ) -> Vec<Vec<Hit<NoticeId>>> {
        match self.index.read() {
            Ok(index) => index.search_batch(people, viewer, threshold, limit),
            Err(_) => vec![Vec::new(); people.len()],
        }
    }

    /// Whether notice `id` is in the index.
    pub fn contains(&self, id: NoticeId) -> bool {
        self.index.read().is_ok_and(|index| index.contains(&id))
    }
}

/// The countries barred from a notice, as the index takes them.
fn barred(countries: &[String]) -> Vec<CountryCode> {
    countries.iter().filter_map(|c| CountryCode::parse(c).ok()).collect()
}
