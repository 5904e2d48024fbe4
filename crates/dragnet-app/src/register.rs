//! The office-holder register: administrators add and remove entries; the check reads the register
//! from the next submission on, in every process, once the follower has reached the edit.

use dragnet_domain::Role;
use dragnet_store::RegisterEntry;

use crate::error::Result;
use crate::{App, Principal};

impl App {
    /// Every entry, oldest first.
    pub async fn office_holders(&self, principal: &Principal) -> Result<Vec<RegisterEntry>> {
        principal.require(&[Role::Reviewer, Role::Supervisor, Role::Administrator])?;
        Ok(self.store.office_holders().await?)
    }

    /// Adds a line the review library has read.
    pub async fn add_office_holder(&self, principal: &Principal, line: &str) -> Result<RegisterEntry> {
        principal.require(&[Role::Administrator])?;
        let entry = self.store.add_office_holder(&principal.actor, line).await?;
        self.settle().await;
        Ok(entry)
    }

    /// Removes an entry, with why.
    pub async fn remove_office_holder(&self, principal: &Principal, id: i64, reason: &str) -> Result<()> {
        principal.require(&[Role::Administrator])?;
        self.store.remove_office_holder(&principal.actor, id, reason).await?;
        self.settle().await;
        Ok(())
    }
}
