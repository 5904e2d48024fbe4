//! Notices imported by another process (`dragnet import interpol` beside a running server) reach
//! screening and the public notices within seconds: a task follows the audit trail from where it
//! stood when the server loaded its notices, and takes in each notice a `notice.import` record names.

use std::time::Duration;

use dragnet_domain::NoticeId;
use dragnet_store::StoreError;

use crate::AppState;

/// How often the task looks at the end of the audit trail.
pub const EVERY: Duration = Duration::from_secs(2);
/// Audit records read at a time.
const PAGE: i64 = 1000;

/// Takes in the notices imported after audit record `after`; answers the last record read.
pub async fn take_in(state: &AppState, after: i64) -> Result<i64, StoreError> {
    let (head, _) = state.store.audit_head().await?;
    let mut seen = after;
    while seen < head {
        let records = state.store.audit_records(seen, PAGE).await?;
        let Some(last) = records.last() else { break };
        seen = last.seq;
        for record in records.iter().filter(|r| r.action == "notice.import") {
            let details: serde_json::Value = serde_json::from_str(&record.details)
                .map_err(|err| StoreError::Corrupt(format!("audit record {}: {err}", record.seq)))?;
            let ids = details["notices"].as_array().map(Vec::as_slice).unwrap_or_default();
            for id in ids.iter().filter_map(|id| id.as_str()).filter_map(|id| NoticeId::parse(id).ok()) {
                state.notice_changed(id).await?;
            }
            tracing::info!(count = ids.len(), "imported notices taken in");
        }
    }
    Ok(seen)
}

/// Runs [`take_in`] every `every` from the audit record the server's notices were loaded at.
pub fn spawn(state: AppState, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut seen = state.loaded_at;
        let mut ticks = tokio::time::interval(every);
        loop {
            ticks.tick().await;
            match take_in(&state, seen).await {
                Ok(last) => seen = last,
                Err(err) => tracing::error!(%err, "taking in imported notices failed; trying again at the next tick"),
            }
        }
    })
}
