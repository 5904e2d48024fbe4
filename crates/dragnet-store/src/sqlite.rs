//! The SQLite store: one file in the data folder, in WAL mode, so `dragnet serve` needs nothing installed.
//!
//! The statements are `sql.rs`'s, shared with PostgreSQL; here is only what SQLite says otherwise.

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::sqlite::{
    Sqlite, SqliteArgumentsBuffer, SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous, SqliteTypeInfo, SqliteValueRef,
};
use sqlx::{Decode, Encode, SqliteConnection, Transaction, Type};

use crate::audit::{format_timestamp, parse_timestamp};
use crate::group::AuditQueue;
use crate::{Clock, JsonText, Result, Stamp, UnreadableValue};

static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    clock: Clock,
    /// Audit records of reads, committed in groups.
    reads: Arc<AuditQueue>,
    /// The key that signs each audit record, held outside the database (`None`: unsigned).
    audit_key: Option<Arc<Vec<u8>>>,
}

impl SqliteStore {
    /// Opens (creating if need be) the database file and runs its migrations.
    pub async fn open(path: &Path, clock: Clock) -> Result<Self> {
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a committed change survives a power cut, not only a crash of the process.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
        MIGRATIONS.run(&pool).await?;
        let store = SqliteStore { pool, clock, reads: Arc::default(), audit_key: None };
        store.seal_baseline().await?;
        Ok(store)
    }

    /// This store, signing every audit record it appends with `key` (none: unsigned), and
    /// verifying with it.
    pub fn with_audit_key(mut self, key: Option<Vec<u8>>) -> Self {
        self.audit_key = key.map(Arc::new);
        self
    }

    /// The pool, for tests that must reach past the store (to tamper with the audit log, say).
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

const BACKEND: &str = "sqlite";
type ThisStore = SqliteStore;
type Conn = SqliteConnection;
type Db = Sqlite;
type DbRow = SqliteRow;

// A writer holds the whole database from BEGIN IMMEDIATE to its commit, so no row needs a lock of
// its own, and none is ever skipped as another's.
macro_rules! for_update {
    () => {
        ""
    };
}
macro_rules! skip_locked {
    ($table:literal) => {
        ""
    };
}
/// `column` is one of the values of a list bound as one JSON array (see [`id_list`]).
macro_rules! among {
    ($column:literal, $list:literal) => {
        concat!($column, " IN (SELECT value FROM json_each(", $list, "))")
    };
}

#[allow(clippy::duplicate_mod)] // on purpose: the one store, compiled for this dialect as for the other
#[path = "sql.rs"]
mod sql;

/// Starts a write transaction that holds the write lock from its first statement, so two writers
/// never both read the audit head (or a request's version) and then both write.
async fn begin_write(pool: &SqlitePool) -> Result<Transaction<'static, Sqlite>> {
    Ok(pool.begin_with("BEGIN IMMEDIATE").await?)
}

/// Starts a read transaction: in WAL mode its reads share one snapshot, taken at the first.
async fn begin_read(pool: &SqlitePool) -> Result<Transaction<'static, Sqlite>> {
    Ok(pool.begin().await?)
}

/// Nothing to say: another process on this file finds the change by sequence number when it looks.
async fn announce(_conn: &mut SqliteConnection, _seq: i64) -> Result<()> {
    Ok(())
}

/// SQLite cannot tell of other processes' commits: followers look every so often instead.
async fn listen(_pool: &SqlitePool, _wake: &tokio::sync::Notify) -> Result<()> {
    std::future::pending().await
}

/// A row given its id explicitly: the next one without takes the largest plus one anyway.
async fn follow_explicit_id(_conn: &mut SqliteConnection) -> Result<()> {
    Ok(())
}

/// A list as one bound value, however long: a JSON array, read back by `json_each` in [`among!`].
fn id_list<T: Serialize>(ids: Vec<T>) -> String {
    serde_json::to_string(&ids).expect("a list of ids or numbers serializes")
}

impl Type<Sqlite> for Stamp {
    fn type_info() -> SqliteTypeInfo {
        <String as Type<Sqlite>>::type_info()
    }

    fn compatible(ty: &SqliteTypeInfo) -> bool {
        <String as Type<Sqlite>>::compatible(ty)
    }
}

impl Encode<'_, Sqlite> for Stamp {
    fn encode_by_ref(&self, buf: &mut SqliteArgumentsBuffer) -> std::result::Result<IsNull, BoxDynError> {
        Encode::<Sqlite>::encode(format_timestamp(self.0), buf)
    }
}

impl<'r> Decode<'r, Sqlite> for Stamp {
    fn decode(value: SqliteValueRef<'r>) -> std::result::Result<Self, BoxDynError> {
        Ok(Stamp(parse_timestamp(<&str as Decode<Sqlite>>::decode(value)?).map_err(UnreadableValue)?))
    }
}

impl Type<Sqlite> for JsonText {
    fn type_info() -> SqliteTypeInfo {
        <String as Type<Sqlite>>::type_info()
    }
}

impl Encode<'_, Sqlite> for JsonText {
    fn encode_by_ref(&self, buf: &mut SqliteArgumentsBuffer) -> std::result::Result<IsNull, BoxDynError> {
        Encode::<Sqlite>::encode_by_ref(&self.0, buf)
    }
}
