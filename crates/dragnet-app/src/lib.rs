//! Dragnet's application layer: each use case written once, who may do what, and the in-memory
//! views that follow the store's change log.
//!
//! The edges (the HTTP API, the pages, the command line) read their input, call a use case on
//! [`App`], and shape its answer. A use case checks the [`Principal`], calls the store (which
//! writes the audit record in the same transaction as the change), and, when it changed something,
//! waits for this process's views to reach the change ([`App::settle`]) so that its caller reads
//! its own writes. Views are changed by the follower alone (`follower.rs`).

use std::sync::Arc;
use std::time::Duration;

use dragnet_review::Policy;
use dragnet_store::{Store, StoreError};

pub mod error;
pub mod follower;
pub mod jobs;
pub mod knowledge;
pub mod principal;
pub mod register;
pub mod screening;
pub mod search;
pub mod users;
pub mod views;
pub mod workflow;

pub use error::{AppError, Result};
pub use follower::Progress;
pub use principal::Principal;
pub use views::Views;

/// How long a use case waits for the views to reach its own change before answering anyway (the
/// change is committed; the follower applies it when it can).
const SETTLE_PATIENCE: Duration = Duration::from_secs(10);

/// The application: the store, this process's views, and the follower that keeps them current.
#[derive(Debug, Clone)]
pub struct App {
    pub store: Arc<dyn Store>,
    pub views: Arc<Views>,
    follower: Arc<follower::Follower>,
    /// Rung when a notification waits to be sent, so the webhook sender need not wait for its tick.
    pub deliveries: Arc<tokio::sync::Notify>,
    /// Screenings running at once on blocking threads: as many as the machine has cores, so that
    /// a heavy call waits its turn instead of taking every thread.
    pub(crate) screenings: Arc<tokio::sync::Semaphore>,
    _tasks: Arc<follower::Tasks>,
}

impl App {
    /// Loads every view from `store` and starts the follower from the chain's head as it stood
    /// before the views were read, so nothing committed during the load is missed.
    pub async fn load(store: Arc<dyn Store>, policy: Policy) -> Result<Self, StoreError> {
        let (head, _) = store.audit_head().await?;
        let (views, unloaded) = Views::load(store.as_ref(), policy).await?;
        let views = Arc::new(views);
        let follower = Arc::new(follower::Follower::new(head));
        follower.unreadable_at_load(&unloaded.screening, &unloaded.public);
        let tasks = follower::spawn(follower::Followed {
            store: store.clone(),
            views: Arc::downgrade(&views),
            follower: Arc::downgrade(&follower),
            wake: follower.wake.clone(),
        });
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let screenings = Arc::new(tokio::sync::Semaphore::new(cores));
        Ok(App { store, views, follower, deliveries: Arc::default(), screenings, _tasks: Arc::new(tasks) })
    }

    /// The policy in use now.
    pub fn policy(&self) -> Arc<Policy> {
        self.views.policy()
    }

    /// Where the views stand against the store.
    pub fn progress(&self) -> Progress {
        self.follower.progress()
    }

    /// Waits until this process's views have applied everything committed so far (this caller's
    /// own change among it), or a while has passed. The follower does the work; a caller that goes
    /// away leaves it to finish. It never fails: the change is committed whatever the views do,
    /// and the caller is told so; a view that lags is logged and on `/readyz`.
    pub async fn settle(&self) {
        let head = match self.store.audit_head().await {
            Ok((head, _)) => head,
            Err(err) => {
                tracing::warn!(%err, "cannot read the store's head to wait for the views; answering anyway");
                self.follower.wake.notify_one();
                return;
            }
        };
        self.follower.wake.notify_one();
        if !self.follower.reached(head, SETTLE_PATIENCE).await {
            tracing::warn!(head, applied = self.follower.applied(), "the views are behind the store; answering anyway");
        }
    }

    /// Applies every committed change now, in the caller's task: for tests and tools that must
    /// know the views are current at a point.
    pub async fn catch_up(&self) -> Result<i64, StoreError> {
        self.follower.catch_up(self.store.as_ref(), &self.views).await
    }
}
