//! The office-holder register: administrators add and remove entries; the check reads the register
//! from the next submission on, in every process, once the follower has reached the edit.

use dragnet_domain::{Actor, Role};

/// Notices in force that score this much for a new entry are checked again: the screening threshold,
/// for the check itself then decides by name and date of birth.
const RECHECK_THRESHOLD: f64 = dragnet_match::DEFAULT_THRESHOLD;
/// At most this many notices are checked again for one entry.
const RECHECK_MOST: usize = 200;
use dragnet_store::RegisterEntry;

use crate::error::Result;
use crate::{App, Principal};

impl App {
    /// Every entry, oldest first.
    pub async fn office_holders(&self, principal: &Principal) -> Result<Vec<RegisterEntry>> {
        principal.require(&[Role::Reviewer, Role::Supervisor, Role::Administrator])?;
        Ok(self.store.office_holders().await?)
    }

    /// Adds a line the review library has read; the notices in force that may be about the new
    /// office holder are checked again, so that one now barred leaves force.
    pub async fn add_office_holder(&self, principal: &Principal, line: &str) -> Result<RegisterEntry> {
        principal.require(&[Role::Administrator])?;
        let entry = self.store.add_office_holder(&principal.actor, line).await?;
        self.settle().await;
        let holders = dragnet_review::policy::parse_register(line).unwrap_or_default();
        let people: Vec<_> = holders.iter().map(dragnet_review::register::holder_person).collect();
        let hits = self.views.screening.search(&people, None, RECHECK_THRESHOLD, RECHECK_MOST);
        let mut requests = Vec::new();
        for hit in hits.into_iter().flatten() {
            let notice = self.store.read_notice(&Actor::system("recheck", None), hit.id).await?;
            if !requests.contains(&notice.request_id) {
                requests.push(notice.request_id);
            }
        }
        for request in requests {
            self.recheck_request(request).await?;
        }
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
