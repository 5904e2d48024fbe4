//! Background work every server runs, done once across them: expiry. The store moves each due
//! notice in a transaction that locks it, so two servers expiring at once expire each notice once.

use std::time::Duration;

use dragnet_domain::{Actor, NoticeId};
use dragnet_store::StoreError;

use crate::App;

/// How often a server looks for notices whose five years are up.
pub const EXPIRY_EVERY: Duration = Duration::from_secs(60);

impl App {
    /// Expires every notice that is due by the store's clock; screening drops each before this answers.
    pub async fn expire_due(&self) -> Result<Vec<NoticeId>, StoreError> {
        let expired = self.store.expire_due(&Actor::system("expiry", None)).await?;
        if !expired.is_empty() {
            tracing::info!(count = expired.len(), "notices expired");
            self.settle().await;
        }
        Ok(expired)
    }

    /// Runs [`App::expire_due`] now and then every `every`, for as long as the task lives.
    pub fn spawn_expiry(&self, every: Duration) -> tokio::task::JoinHandle<()> {
        let app = self.clone();
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(every);
            loop {
                ticks.tick().await;
                if let Err(err) = app.expire_due().await {
                    tracing::error!(%err, "expiring notices failed; trying again at the next tick");
                }
            }
        })
    }
}
