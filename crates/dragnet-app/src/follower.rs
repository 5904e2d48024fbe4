//! The follower: the one task per process that brings every view up to the store's change log.
//!
//! It is woken at once by this process's own writes (`App::settle`), on PostgreSQL by
//! `LISTEN/NOTIFY` for other processes' writes, and otherwise looks every [`POLL`] (how an SQLite
//! store learns of another process's import, and how any missed wake-up is made good). Each time it
//! reads the change records after the last one it applied, up to the chain's head, and refreshes
//! what they name. Nothing else changes a view, so a handler that times out or a process that
//! crashes between a commit and a refresh cannot leave one behind: the next pass, or the next
//! start, applies the change.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use dragnet_domain::NoticeId;
use dragnet_store::log::{Change, change_of};
use dragnet_store::{Store, StoreError, Unreadable};
use tokio::sync::{Mutex, Notify, watch};

use crate::views::Views;

/// How often the follower looks at the chain's head when nothing wakes it.
pub const POLL: Duration = Duration::from_millis(500);
/// Change records read at a time.
const PAGE: i64 = 1000;
/// Notices refreshed in one read of the store.
const REFRESH_BATCH: usize = 500;
/// How long to wait before listening again after the listening connection failed.
const LISTEN_RETRY: Duration = Duration::from_secs(1);

/// Where the follower stands, shared between the task and those who wait for it.
#[derive(Debug)]
pub struct Follower {
    /// The last sequence number every view has applied.
    applied: watch::Sender<i64>,
    /// The chain's head when the follower last looked.
    head_seen: std::sync::atomic::AtomicI64,
    /// Rung to make the follower look now.
    pub(crate) wake: Arc<Notify>,
    /// One pass at a time.
    pass: Mutex<()>,
    /// Passes that failed (the store unreachable, say) and were tried again.
    failures: AtomicU64,
    /// Notices whose stored record a view could not read, with why: left out of it, and named in
    /// the log.
    unreadable: std::sync::Mutex<BTreeMap<(String, View), String>>,
}

/// A notice a view leaves out because its stored record does not read: for administrators.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnreadableNotice {
    /// The notice's id as stored (it may not even read as an id).
    pub notice: String,
    /// `screening` or `public`: the view that cannot read it.
    pub view: &'static str,
    pub reason: String,
}

/// Where the views stand against the store, for `/readyz`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Progress {
    /// The last change-log sequence number every view has applied.
    pub applied: i64,
    /// The chain's head when the follower last looked.
    pub head: i64,
    /// Failed passes since start (each tried again).
    pub failures: u64,
    /// Notices left out of a view because their stored record does not read, by their stored id.
    pub unreadable: Vec<String>,
}

impl Follower {
    pub(crate) fn new(applied: i64) -> Self {
        Follower {
            applied: watch::Sender::new(applied),
            head_seen: applied.into(),
            wake: Arc::new(Notify::new()),
            pass: Mutex::new(()),
            failures: AtomicU64::new(0),
            unreadable: std::sync::Mutex::new(BTreeMap::new()),
        }
    }

    /// Notes the notices a view's load at start could not read: left out of it, logged with why,
    /// and on `/readyz`, while every other notice is served.
    pub(crate) fn unreadable_at_load(&self, screening: &[Unreadable], public: &[Unreadable]) {
        let mut unreadable = self.unreadable.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        for (view, list) in [(View::Screening, screening), (View::Public, public)] {
            for bad in list {
                tracing::error!(notice = %bad.notice, view = view.name(), reason = %bad.reason, "a stored notice does not read; that view leaves it out");
                unreadable.insert((bad.notice.clone(), view), bad.reason.clone());
            }
        }
    }

    /// Every notice a view leaves out, with the view and why, in id order.
    pub fn unreadable(&self) -> Vec<UnreadableNotice> {
        let unreadable = self.unreadable.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        unreadable
            .iter()
            .map(|((notice, view), reason)| UnreadableNotice {
                notice: notice.clone(),
                view: view.name(),
                reason: reason.clone(),
            })
            .collect()
    }

    pub fn applied(&self) -> i64 {
        *self.applied.borrow()
    }

    pub fn progress(&self) -> Progress {
        Progress {
            applied: self.applied(),
            head: self.head_seen.load(Ordering::Relaxed).max(self.applied()),
            failures: self.failures.load(Ordering::Relaxed),
            unreadable: self
                .unreadable
                .lock()
                .map(|set| {
                    let mut ids: Vec<String> = set.keys().map(|(id, _)| id.clone()).collect();
                    ids.dedup();
                    ids
                })
                .unwrap_or_default(),
        }
    }

    /// Waits until every view has applied `seq`, or `patience` has passed; answers whether it did.
    pub(crate) async fn reached(&self, seq: i64, patience: Duration) -> bool {
        let mut applied = self.applied.subscribe();
        tokio::time::timeout(patience, applied.wait_for(|at| *at >= seq)).await.is_ok_and(|r| r.is_ok())
    }

    /// Applies every change committed up to the chain's head now; answers the sequence reached.
    pub async fn catch_up(&self, store: &dyn Store, views: &Views) -> Result<i64, StoreError> {
        let _one_pass = self.pass.lock().await;
        let (head, _) = store.audit_head().await?;
        self.head_seen.fetch_max(head, Ordering::Relaxed);
        let mut applied = self.applied();
        while applied < head {
            let records = store.audit_changes(applied, head, PAGE).await?;
            let upto = match records.last() {
                Some(last) if records.len() as i64 == PAGE => last.seq,
                _ => head,
            };
            let mut notices = BTreeSet::new();
            let (mut register, mut users) = (false, false);
            for record in &records {
                match change_of(record) {
                    Ok(Some(Change::Notices(ids))) => notices.extend(ids),
                    Ok(Some(Change::Register)) => register = true,
                    Ok(Some(Change::Users)) => users = true,
                    Ok(None) => {}
                    // A record that names nothing readable cannot be applied; the chain holds it
                    // for the auditors, and the views go on.
                    Err(err) => tracing::error!(seq = record.seq, %err, "a change record does not read; passed over"),
                }
            }
            let notices: Vec<NoticeId> = notices.into_iter().collect();
            for batch in notices.chunks(REFRESH_BATCH) {
                self.refresh(store, views, batch).await?;
            }
            if register {
                match views.reload_register(store).await {
                    // Lines are read by the review library before they are stored; one that no
                    // longer reads was altered past the store. The policy in use is kept, and
                    // every other change still applied.
                    Err(StoreError::Corrupt(err)) => {
                        tracing::error!(%err, "the stored register does not read; the policy in use is kept")
                    }
                    other => other?,
                }
            }
            if users {
                views.tokens.clear();
            }
            applied = upto;
            self.applied.send_replace(applied);
        }
        Ok(applied)
    }

    /// Refreshes a batch of notices in each view. A notice whose stored record does not read is
    /// left out of the view that cannot read it (its public extract may be unreadable while its
    /// subject, which screening needs, reads), and the rest of the batch is applied.
    async fn refresh(&self, store: &dyn Store, views: &Views, batch: &[NoticeId]) -> Result<(), StoreError> {
        for view in [View::Screening, View::Public] {
            self.refresh_view(store, views, view, batch).await?;
        }
        Ok(())
    }

    async fn refresh_view(
        &self,
        store: &dyn Store,
        views: &Views,
        view: View,
        batch: &[NoticeId],
    ) -> Result<(), StoreError> {
        let refreshed = match view {
            View::Screening => views.refresh_screening(store, batch).await,
            View::Public => views.refresh_public(store, batch).await,
        };
        let mut unreadable = self.unreadable.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match refreshed {
            Ok(()) => {
                for id in batch {
                    unreadable.remove(&(id.to_string(), view));
                }
                Ok(())
            }
            Err(StoreError::Corrupt(_)) if batch.len() > 1 => {
                drop(unreadable);
                for id in batch {
                    Box::pin(self.refresh_view(store, views, view, std::slice::from_ref(id))).await?;
                }
                Ok(())
            }
            Err(StoreError::Corrupt(err)) => {
                tracing::error!(notice = %batch[0], view = view.name(), %err, "a stored notice does not read; that view leaves it out");
                match view {
                    View::Screening => views.screening.apply(batch, Vec::new()),
                    View::Public => views.public.apply(batch, Vec::new()),
                }
                unreadable.insert((batch[0].to_string(), view), err);
                Ok(())
            }
            Err(other) => Err(other),
        }
    }
}

/// The views that hold notices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum View {
    Screening,
    Public,
}

impl View {
    fn name(self) -> &'static str {
        match self {
            View::Screening => "screening",
            View::Public => "public",
        }
    }
}

/// What the follower's task needs, the views and the follower held weakly so that the task ends
/// once the application is dropped.
pub(crate) struct Followed {
    pub store: Arc<dyn Store>,
    pub views: Weak<Views>,
    pub follower: Weak<Follower>,
    pub wake: Arc<Notify>,
}

/// The follower's tasks, stopped when the application that started them is dropped.
#[derive(Debug)]
pub(crate) struct Tasks(Vec<tokio::task::AbortHandle>);

impl Drop for Tasks {
    fn drop(&mut self) {
        for task in &self.0 {
            task.abort();
        }
    }
}

/// Starts the follower's task and, for a store that can tell of other processes' commits, the
/// task that listens for them.
pub(crate) fn spawn(followed: Followed) -> Tasks {
    let Followed { store, views, follower, wake } = followed;
    let listener = {
        let (store, wake) = (store.clone(), wake.clone());
        tokio::spawn(async move {
            loop {
                if let Err(err) = store.listen_for_changes(&wake).await {
                    tracing::warn!(%err, "listening for other processes' changes failed; listening again");
                }
                tokio::time::sleep(LISTEN_RETRY).await;
            }
        })
    };
    let applier = tokio::spawn(async move {
        loop {
            let (Some(views), Some(me)) = (views.upgrade(), follower.upgrade()) else { return };
            if let Err(err) = me.catch_up(store.as_ref(), &views).await {
                me.failures.fetch_add(1, Ordering::Relaxed);
                tracing::error!(%err, "bringing the views up to the change log failed; trying again");
            }
            drop((views, me));
            // A wake-up rung while the pass ran is kept by `Notify`, so none is lost.
            let _ = tokio::time::timeout(POLL, wake.notified()).await;
        }
    });
    Tasks(vec![listener.abort_handle(), applier.abort_handle()])
}
