//! The PostgreSQL store, for production: chosen by a `postgres://` database URL.
//!
//! The statements are `sql.rs`'s, shared with SQLite; here is only what PostgreSQL says otherwise:
//! row locks, `LISTEN/NOTIFY`, arrays for lists, and the binary forms of `timestamptz` and `jsonb`.

use std::sync::Arc;
use std::time::Duration;

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::types::Oid;
use sqlx::postgres::{
    PgArgumentBuffer, PgConnection, PgListener, PgPool, PgPoolOptions, PgRow, PgTypeInfo, PgValueFormat, PgValueRef,
    Postgres,
};
use sqlx::{Decode, Encode, Transaction, Type};
use time::OffsetDateTime;

use crate::audit::truncate_to_micros;
use crate::group::AuditQueue;
use crate::log::CHANNEL;
use crate::{Clock, JsonText, Result, Stamp, UnreadableValue};

static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
    clock: Clock,
    /// Audit records of reads, committed in groups.
    reads: Arc<AuditQueue>,
    /// The key that signs each audit record, held outside the database (`None`: unsigned).
    audit_key: Option<Arc<Vec<u8>>>,
}

impl PostgresStore {
    /// Connects and runs the migrations.
    pub async fn connect(url: &str, clock: Clock) -> Result<Self> {
        let pool =
            PgPoolOptions::new().max_connections(16).acquire_timeout(Duration::from_secs(10)).connect(url).await?;
        MIGRATIONS.run(&pool).await?;
        let store = PostgresStore { pool, clock, reads: Arc::default(), audit_key: None };
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
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

const BACKEND: &str = "postgres";
type ThisStore = PostgresStore;
type Conn = PgConnection;
type Db = Postgres;
type DbRow = PgRow;

// The rows a writer reads to decide are locked until its commit: a second writer waits for them
// and then reads what the first wrote.
macro_rules! for_update {
    () => {
        " FOR UPDATE"
    };
}
/// Rows another server is claiming this moment are passed over, not waited for.
macro_rules! skip_locked {
    ($table:literal) => {
        concat!(" FOR UPDATE OF ", $table, " SKIP LOCKED")
    };
}
/// `column` is one of the values of a list bound as one array (see [`id_list`]).
macro_rules! among {
    ($column:literal, $list:literal) => {
        concat!($column, " = ANY(", $list, ")")
    };
}

#[allow(clippy::duplicate_mod)] // on purpose: the one store, compiled for this dialect as for the other
#[path = "sql.rs"]
mod sql;

async fn begin_write(pool: &PgPool) -> Result<Transaction<'static, Postgres>> {
    Ok(pool.begin().await?)
}

/// Starts a read transaction whose reads share one snapshot.
async fn begin_read(pool: &PgPool) -> Result<Transaction<'static, Postgres>> {
    let mut tx = pool.begin().await?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute(&mut *tx).await?;
    Ok(tx)
}

/// Tells other processes' followers of a change at the commit (NOTIFY is transactional): a change
/// rolled back is never announced, one committed always is, unless a listener is away, when it
/// catches up by sequence number.
async fn announce(conn: &mut PgConnection, seq: i64) -> Result<()> {
    sqlx::query("SELECT pg_notify($1, $2)").bind(CHANNEL).bind(seq.to_string()).execute(&mut *conn).await?;
    Ok(())
}

async fn listen(pool: &PgPool, wake: &tokio::sync::Notify) -> Result<()> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    // Listening starts after the caller last looked: whatever committed in between, it finds by
    // sequence number, so wake it once now.
    wake.notify_one();
    loop {
        listener.recv().await?;
        wake.notify_one();
    }
}

/// A picture given its id explicitly does not move the identity's sequence: move it past, so that
/// the pictures after it follow it, as on SQLite.
async fn follow_explicit_id(conn: &mut PgConnection) -> Result<()> {
    sqlx::query(
        "SELECT setval(pg_get_serial_sequence('pictures', 'id'),
                       GREATEST((SELECT max(id) FROM pictures), nextval(pg_get_serial_sequence('pictures', 'id'))))",
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A list as one bound value, however long: an array, for `= ANY` in [`among!`].
fn id_list<T>(ids: Vec<T>) -> Vec<T> {
    ids
}

/// `timestamptz` and `jsonb`, as PostgreSQL's own catalogue numbers them (these never change).
const TIMESTAMPTZ: Oid = Oid(1184);
const JSONB: Oid = Oid(3802);

/// Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01 00:00 UTC.
const PG_EPOCH_MICROS: i128 = 946_684_800_000_000;

impl Type<Postgres> for Stamp {
    fn type_info() -> PgTypeInfo {
        PgTypeInfo::with_oid(TIMESTAMPTZ)
    }

    fn compatible(ty: &PgTypeInfo) -> bool {
        ty.oid() == Some(TIMESTAMPTZ)
    }
}

impl Encode<'_, Postgres> for Stamp {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> std::result::Result<IsNull, BoxDynError> {
        // Binary `timestamptz`: microseconds since PostgreSQL's epoch, as a signed 64-bit number.
        // Truncated as SQLite's text is (and as the audit hash reads it), also before 1970.
        let since_unix = (truncate_to_micros(self.0) - OffsetDateTime::UNIX_EPOCH).whole_microseconds();
        let micros = i64::try_from(since_unix - PG_EPOCH_MICROS)?;
        Encode::<Postgres>::encode(micros, buf)
    }
}

impl<'r> Decode<'r, Postgres> for Stamp {
    fn decode(value: PgValueRef<'r>) -> std::result::Result<Self, BoxDynError> {
        if value.format() != PgValueFormat::Binary {
            return Err("a timestamp in text form: the store reads rows in binary".into());
        }
        let micros = i128::from(<i64 as Decode<Postgres>>::decode(value)?) + PG_EPOCH_MICROS;
        // `infinity` and its negative are the largest and smallest numbers, far out of range.
        let at = OffsetDateTime::from_unix_timestamp_nanos(micros * 1000)
            .map_err(|err| UnreadableValue(format!("timestamp {micros} µs after 1970: {err}")))?;
        Ok(Stamp(at))
    }
}

impl Type<Postgres> for JsonText {
    fn type_info() -> PgTypeInfo {
        PgTypeInfo::with_oid(JSONB)
    }
}

impl Encode<'_, Postgres> for JsonText {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> std::result::Result<IsNull, BoxDynError> {
        // Binary `jsonb`: a version byte, then the text.
        buf.push(1);
        buf.extend_from_slice(self.0.as_bytes());
        Ok(IsNull::No)
    }
}
