//! The in-memory views: what the store holds, kept where answering must not wait for a database.
//! Each is loaded once and then changed only by the follower (`follower.rs`), from the change log.

use std::sync::{Arc, RwLock};

use dragnet_domain::{Actor, NoticeId};
use dragnet_review::Policy;
use dragnet_store::{Store, StoreError, Unreadable};

pub mod public;
pub mod screening;
pub mod tokens;

pub use public::PublicCatalogue;
pub use screening::ScreeningIndex;
pub use tokens::TokenCache;

/// Every view of one process.
#[derive(Debug)]
pub struct Views {
    /// Every notice in force, for screening.
    pub screening: ScreeningIndex,
    /// The public extracts, for the public notices API and pages.
    pub public: PublicCatalogue,
    /// Tokens' users.
    pub tokens: TokenCache,
    /// The compliance policy in use: the operator's files with the register the store keeps.
    policy: RwLock<Arc<Policy>>,
    /// The policy as read from its files, before the stored register replaced its own.
    base_policy: Policy,
}

/// The notices a load could not read, by view.
#[derive(Debug, Default)]
pub struct Unloaded {
    pub screening: Vec<Unreadable>,
    pub public: Vec<Unreadable>,
}

impl Views {
    /// Every view as `store` holds it now. The first time, the store's register is filled from
    /// `policy`'s own.
    /// The views of `store`, and the notices that screening and the public catalogue could not
    /// read (left out of them, every other notice loaded).
    pub async fn load(store: &dyn Store, policy: Policy) -> Result<(Self, Unloaded), StoreError> {
        let lines: Vec<String> = policy.office_holders.holders().iter().map(|holder| holder.line.clone()).collect();
        store.seed_office_holders(&Actor::system("register", None), &lines).await?;
        let in_use = match with_stored_register(store, &policy).await {
            Ok(in_use) => in_use,
            // A register altered past the store does not stop the server: the operator's own
            // files serve until it is mended, and the log says so.
            Err(StoreError::Corrupt(err)) => {
                tracing::error!(%err, "the stored register does not read; the register of the policy files is used");
                policy.clone()
            }
            Err(err) => return Err(err),
        };
        let (screening, screening_unread) = ScreeningIndex::load(store).await?;
        let (public, public_unread) = PublicCatalogue::load(store).await?;
        let views = Views {
            screening,
            public,
            tokens: TokenCache::default(),
            policy: RwLock::new(Arc::new(in_use)),
            base_policy: policy,
        };
        Ok((views, Unloaded { screening: screening_unread, public: public_unread }))
    }

    /// The policy in use now.
    pub fn policy(&self) -> Arc<Policy> {
        self.policy.read().map(|policy| policy.clone()).unwrap_or_else(|poisoned| poisoned.into_inner().clone())
    }

    /// Reads the register again and swaps the policy whole.
    pub(crate) async fn reload_register(&self, store: &dyn Store) -> Result<(), StoreError> {
        let policy = with_stored_register(store, &self.base_policy).await?;
        *self.policy.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(policy);
        Ok(())
    }

    /// Brings `ids` in line with the store in the screening index.
    pub(crate) async fn refresh_screening(&self, store: &dyn Store, ids: &[NoticeId]) -> Result<(), StoreError> {
        let in_force = store.notices_in_force_among(ids).await?;
        self.screening.apply(ids, in_force);
        Ok(())
    }

    /// Brings `ids` in line with the store in the public catalogue.
    pub(crate) async fn refresh_public(&self, store: &dyn Store, ids: &[NoticeId]) -> Result<(), StoreError> {
        let extracts = store.public_extracts_among(ids).await?;
        self.public.apply(ids, extracts);
        Ok(())
    }
}

/// `policy` with the register the store keeps.
async fn with_stored_register(store: &dyn Store, policy: &Policy) -> Result<Policy, StoreError> {
    let entries = store.office_holders().await?;
    let text = entries.iter().map(|entry| entry.line.as_str()).collect::<Vec<_>>().join("\n");
    let mut policy = policy.clone();
    policy.office_holders = dragnet_review::register::Register::new(
        dragnet_review::policy::parse_register(&text)
            .map_err(|err| StoreError::Corrupt(format!("the stored office-holder register: {err}")))?,
    );
    Ok(policy)
}
