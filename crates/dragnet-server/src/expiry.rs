//! Notices lapse five years after publication unless renewed: a task that moves the due ones to
//! `expired` and out of screening. The time is the store's clock, so tests move it instead of waiting.

use std::time::Duration;

use dragnet_domain::{Actor, NoticeId};
use dragnet_store::StoreError;

use crate::AppState;

/// How often the task looks for notices that are due.
pub const EVERY: Duration = Duration::from_secs(60);

/// Expires every notice that is due, and takes each out of screening; answers those expired.
pub async fn expire_due(state: &AppState) -> Result<Vec<NoticeId>, StoreError> {
    let expired = state.store.expire_due(&Actor::system("expiry", None)).await?;
    for id in &expired {
        state.notice_changed(*id).await?;
    }
    if !expired.is_empty() {
        tracing::info!(count = expired.len(), "notices expired");
    }
    Ok(expired)
}

/// Runs [`expire_due`] now and then every `every`, for as long as the server runs.
pub fn spawn(state: AppState, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        loop {
            ticks.tick().await;
            if let Err(err) = expire_due(&state).await {
                tracing::error!(%err, "expiring notices failed; trying again at the next tick");
            }
        }
    })
}
