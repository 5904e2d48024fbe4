//! Group commit of audit records that stand alone (the records of reads and searches): each caller
//! queues its record, one of the waiting callers writes every queued record in one transaction, and
//! each caller returns only once its own record is committed.
//!
//! Without this, every screening call is its own write transaction and its own flush to disk, and
//! the database's single writer caps the whole server at about a thousand calls a second. With it,
//! records that arrive while a transaction is being written go together in the next one, so the
//! flushes per second stay about the same while the records per flush grow with the load. No
//! caller waits on a timer: under light load a batch is one record.

use std::sync::Mutex;

use dragnet_domain::Actor;
use tokio::sync::oneshot;

use crate::audit::AuditEntry;
use crate::{Result, StoreError};

/// The most records written in one transaction; more wait for the next.
const MOST_PER_BATCH: usize = 1_024;

type Outcome = std::result::Result<(), String>;

#[derive(Debug)]
struct Waiting {
    actor: Actor,
    entry: AuditEntry,
    committed: oneshot::Sender<Outcome>,
}

/// The records waiting to be written, and the turn to write them.
#[derive(Debug, Default)]
pub(crate) struct AuditQueue {
    waiting: Mutex<Vec<Waiting>>,
    turn: tokio::sync::Mutex<()>,
}

impl AuditQueue {
    /// Appends `entry` through `write`, which must append a whole batch in one transaction and
    /// commit it. Returns once the record is committed, with the batch's error if it was not.
    pub(crate) async fn append<W, F>(&self, actor: &Actor, entry: AuditEntry, write: W) -> Result<()>
    where
        W: Fn(Vec<(Actor, AuditEntry)>) -> F,
        F: Future<Output = Result<()>> + Send + 'static,
    {
        let (committed, mut outcome) = oneshot::channel();
        self.lock_waiting().push(Waiting { actor: actor.clone(), entry, committed });
        loop {
            let turn = self.turn.lock().await;
            match outcome.try_recv() {
                Ok(result) => return result.map_err(StoreError::AuditBatch),
                Err(oneshot::error::TryRecvError::Closed) => {
                    return Err(StoreError::AuditBatch("the batch writing this record stopped".into()));
                }
                Err(oneshot::error::TryRecvError::Empty) => {}
            }
            let batch: Vec<Waiting> = {
                let mut waiting = self.lock_waiting();
                let keep = waiting.len().saturating_sub(MOST_PER_BATCH);
                // The oldest go first; ours is among them unless the queue is longer than a batch.
                let oldest = waiting.len() - keep;
                let rest = waiting.split_off(oldest);
                std::mem::replace(&mut *waiting, rest)
            };
            if batch.is_empty() {
                // Someone else's batch took ours and is still running: wait for its answer.
                drop(turn);
                let result = outcome.await.map_err(|_| StoreError::AuditBatch("the batch stopped".into()))?;
                return result.map_err(StoreError::AuditBatch);
            }
            let (records, waiters): (Vec<_>, Vec<_>) =
                batch.into_iter().map(|w| ((w.actor, w.entry), w.committed)).unzip();
            let writing = write(records);
            // The batch runs as its own task, so a caller that goes away (a client hanging up) cannot
            // cancel a transaction that other callers are waiting on.
            let task = tokio::spawn(async move {
                let result = writing.await.map_err(|err| {
                    tracing::error!(error = %err, "writing a batch of audit records");
                    err.to_string()
                });
                for waiter in waiters {
                    let _ = waiter.send(result.clone());
                }
            });
            let _ = task.await;
            drop(turn);
        }
    }

    fn lock_waiting(&self) -> std::sync::MutexGuard<'_, Vec<Waiting>> {
        // A panic while holding this lock leaves the vector whole (pushes and swaps only).
        self.waiting.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
