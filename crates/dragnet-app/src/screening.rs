//! Screening, once: people against every notice in force that the caller's country may see, and
//! the audit record of what was shown, before anything is answered.

use dragnet_domain::{NoticeId, Person, Role};
use dragnet_match::Hit;

use crate::error::Result;
use crate::{App, Principal};

/// The roles that screen.
pub const SCREENERS: [Role; 4] = [Role::Screener, Role::BureauOfficer, Role::Reviewer, Role::Supervisor];

/// Batches of at most this many people are searched on the calling thread: a search takes well
/// under a millisecond, less than handing it to another thread and back costs a busy server.
/// Larger ones go to the blocking pool, where they use every core.
const SEARCHED_IN_PLACE: usize = 4;

impl App {
    /// Each person's hits, best first, with a score of at least `threshold`, at most `limit` each.
    pub async fn screen(
        &self,
        principal: &Principal,
        people: Vec<Person>,
        threshold: f64,
        limit: usize,
    ) -> Result<(Vec<Person>, Vec<Vec<Hit<NoticeId>>>)> {
        principal.require(&SCREENERS)?;
        let viewer = principal.viewer();
        // A border post's one traveller is answered on the spot; anything heavier (many people, or
        // many names each) waits for a blocking thread of its own, never holding an async worker.
        let light = people.len() <= SEARCHED_IN_PLACE && people.iter().all(|p| p.aliases.len() <= SEARCHED_IN_PLACE);
        let (people, results) =
            if light {
                let results = self.views.screening.search(&people, viewer, threshold, limit);
                (people, results)
            } else {
                let permit =
                    self.screenings.clone().acquire_owned().await.map_err(|_| {
                        dragnet_store::StoreError::Corrupt("the screening threads are closed".to_string())
                    })?;
                let views = self.views.clone();
                tokio::task::spawn_blocking(move || {
                    let _permit = permit;
                    let results = views.screening.search(&people, viewer, threshold, limit);
                    (people, results)
                })
                .await
                .map_err(|err| dragnet_store::StoreError::Corrupt(format!("a screening task failed: {err}")))?
            };
        self.record_screening(principal, people.len(), results.iter().flatten()).await?;
        Ok((people, results))
    }

    /// Records that `people` were screened and which notices it showed. Batches screened in slices
    /// (a passenger list) are recorded once, with every notice they showed.
    pub async fn record_screening<'a>(
        &self,
        principal: &Principal,
        people: usize,
        hits: impl IntoIterator<Item = &'a Hit<NoticeId>>,
    ) -> Result<()> {
        let mut shown: Vec<NoticeId> = hits.into_iter().map(|hit| hit.id).collect();
        shown.sort();
        shown.dedup();
        self.store.record_screening(&principal.actor, people, &shown).await?;
        Ok(())
    }
}
