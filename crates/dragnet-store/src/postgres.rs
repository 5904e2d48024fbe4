//! The PostgreSQL store, for production: chosen by a `postgres://` database URL.

use std::time::Duration;

use async_trait::async_trait;
use dragnet_domain::{Actor, Grant, LifecycleEvent, NoticeId, NoticeRequest, NoticeState, UserName};
use sqlx::postgres::{PgPool, PgPoolOptions, PgRow};
use sqlx::{PgConnection, Row};
use time::OffsetDateTime;

use crate::audit::{AuditEntry, AuditRecord, record_hash};
use crate::{
    Clock, NoticeRecord, Result, Store, StoreError, StoredNotice, StoredRequest, UserRecord, failpoint, hash_token,
    id_year, new_token, notice_target, parse_stored_grant, parse_stored_state,
};

static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
    clock: Clock,
}

impl PostgresStore {
    /// Connects and runs the migrations.
    pub async fn connect(url: &str, clock: Clock) -> Result<Self> {
        let pool =
            PgPoolOptions::new().max_connections(16).acquire_timeout(Duration::from_secs(10)).connect(url).await?;
        MIGRATIONS.run(&pool).await?;
        Ok(PostgresStore { pool, clock })
    }

    /// The pool, for tests that must reach past the store (to tamper with the audit log, say).
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    async fn append_audit(&self, conn: &mut PgConnection, actor: &Actor, entry: AuditEntry) -> Result<()> {
        // The head row's lock orders concurrent appenders: each sees the hash the previous one wrote.
        let (last_seq, prev_hash): (i64, String) =
            sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE").fetch_one(&mut *conn).await?;
        let seq = last_seq + 1;
        let at = self.clock.now();
        let details = entry.details.to_string();
        let hash = record_hash(
            seq,
            at,
            &actor.name,
            actor.country.as_deref(),
            &entry.action,
            &entry.target,
            entry.reason.as_deref(),
            &details,
            &prev_hash,
        );
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor, country, action, target, reason, details, prev_hash, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(seq)
        .bind(at)
        .bind(&actor.name)
        .bind(&actor.country)
        .bind(&entry.action)
        .bind(&entry.target)
        .bind(&entry.reason)
        .bind(&details)
        .bind(&prev_hash)
        .bind(&hash)
        .execute(&mut *conn)
        .await?;
        sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
            .bind(seq)
            .bind(&hash)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }
}

fn notice_from_row(row: &PgRow) -> Result<NoticeRecord> {
    let stored = StoredNotice {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        requested_by: row.try_get("requested_by")?,
        state: row.try_get("state")?,
        subject_json: row.try_get("subject_json")?,
    };
    Ok(NoticeRecord {
        notice: stored.parse()?,
        request_id: row.try_get("request_id")?,
        subject_index: row.try_get("subject_index")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

fn user_from_row(row: &PgRow) -> Result<UserRecord> {
    let name: String = row.try_get("name")?;
    let role: String = row.try_get("role")?;
    let country: Option<String> = row.try_get("country")?;
    let (name, grant) = parse_stored_grant(&name, &role, country.as_deref())?;
    Ok(UserRecord { id: row.try_get("id")?, name, grant, created_at: row.try_get("created_at")? })
}

fn audit_from_row(row: &PgRow) -> Result<AuditRecord> {
    Ok(AuditRecord {
        seq: row.try_get("seq")?,
        at: row.try_get::<OffsetDateTime, _>("at")?,
        actor: row.try_get("actor")?,
        country: row.try_get("country")?,
        action: row.try_get("action")?,
        target: row.try_get("target")?,
        reason: row.try_get("reason")?,
        details: row.try_get("details")?,
        prev_hash: row.try_get("prev_hash")?,
        hash: row.try_get("hash")?,
    })
}

const NOTICE_COLUMNS: &str =
    "id, request_id, subject_index, kind, requested_by, state, subject::text AS subject_json, created_at, updated_at";

#[async_trait]
impl Store for PostgresStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn create_drafts(&self, actor: &Actor, request: &NoticeRequest) -> Result<StoredRequest> {
        let now = self.clock.now();
        let year = id_year(now)?;
        let body = serde_json::to_string(request).map_err(|err| StoreError::Corrupt(err.to_string()))?;
        let mut tx = self.pool.begin().await?;

        let request_id: i64 = sqlx::query_scalar(
            "INSERT INTO requests (kind, requested_by, reference, body, created_at, created_by)
             VALUES ($1, $2, $3, $4::jsonb, $5, $6) RETURNING id",
        )
        .bind(request.kind.as_str())
        .bind(request.requested_by.as_str())
        .bind(&request.reference)
        .bind(&body)
        .bind(now)
        .bind(&actor.name)
        .fetch_one(&mut *tx)
        .await?;

        let count = request.subjects.len() as i64;
        let last: i64 = sqlx::query_scalar(
            "INSERT INTO notice_numbers (year, last_number) VALUES ($1, $2)
             ON CONFLICT (year) DO UPDATE SET last_number = notice_numbers.last_number + EXCLUDED.last_number
             RETURNING last_number",
        )
        .bind(i32::from(year))
        .bind(count)
        .fetch_one(&mut *tx)
        .await?;

        let mut notice_ids = Vec::with_capacity(request.subjects.len());
        for (index, subject) in request.subjects.iter().enumerate() {
            let number = u32::try_from(last - count + 1 + index as i64)
                .map_err(|_| StoreError::Corrupt(format!("notice number out of range in {year}")))?;
            let id = NoticeId::new(year, number).map_err(StoreError::Corrupt)?;
            let subject = serde_json::to_string(subject).map_err(|err| StoreError::Corrupt(err.to_string()))?;
            sqlx::query(
                "INSERT INTO notices (id, request_id, subject_index, kind, requested_by, state, subject, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, 'draft', $6::jsonb, $7, $7)",
            )
            .bind(id.to_string())
            .bind(request_id)
            .bind(index as i32)
            .bind(request.kind.as_str())
            .bind(request.requested_by.as_str())
            .bind(&subject)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            notice_ids.push(id);
            if index + 1 == request.subjects.len().div_ceil(2) && request.subjects.len() > 1 {
                failpoint("create_drafts.halfway").await;
            }
        }

        let entry = AuditEntry::new("request.create", format!("request/{request_id}")).details(serde_json::json!({
            "kind": request.kind,
            "requested_by": request.requested_by.as_str(),
            "reference": request.reference,
            "notices": notice_ids,
        }));
        self.append_audit(&mut tx, actor, entry).await?;
        tx.commit().await?;
        Ok(StoredRequest { request_id, notice_ids })
    }

    async fn read_notice(&self, actor: &Actor, id: NoticeId) -> Result<NoticeRecord> {
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {NOTICE_COLUMNS} FROM notices WHERE id = $1")))
            .bind(id.to_string())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NoticeNotFound(id))?;
        let notice = notice_from_row(&row)?;
        self.append_audit(&mut tx, actor, AuditEntry::new("notice.read", notice_target(id))).await?;
        tx.commit().await?;
        Ok(notice)
    }

    async fn count_notices(&self) -> Result<Vec<(NoticeState, i64)>> {
        let rows: Vec<(String, i64)> =
            sqlx::query_as("SELECT state, COUNT(*) FROM notices GROUP BY state ORDER BY state")
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter().map(|(state, count)| Ok((parse_stored_state(&state)?, count))).collect()
    }

    async fn transition(
        &self,
        actor: &Actor,
        id: NoticeId,
        event: LifecycleEvent,
        reason: Option<&str>,
    ) -> Result<NoticeState> {
        let mut tx = self.pool.begin().await?;
        let state: String = sqlx::query_scalar("SELECT state FROM notices WHERE id = $1 FOR UPDATE")
            .bind(id.to_string())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NoticeNotFound(id))?;
        let from = parse_stored_state(&state)?;
        let to = from.apply(event)?;
        sqlx::query("UPDATE notices SET state = $1, updated_at = $2 WHERE id = $3")
            .bind(to.as_str())
            .bind(self.clock.now())
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
        let entry = AuditEntry::new(&format!("notice.{event}"), notice_target(id))
            .reason(reason)
            .details(serde_json::json!({"from": from, "to": to}));
        self.append_audit(&mut tx, actor, entry).await?;
        tx.commit().await?;
        Ok(to)
    }

    async fn create_user(&self, actor: &Actor, name: &UserName, grant: Grant) -> Result<UserRecord> {
        let now = self.clock.now();
        let mut tx = self.pool.begin().await?;
        let country = grant.country().map(|c| c.to_string());
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO users (name, role, country, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (name) DO NOTHING RETURNING id",
        )
        .bind(name.as_str())
        .bind(grant.role().as_str())
        .bind(&country)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = id else {
            return Err(StoreError::UserExists(name.to_string()));
        };
        let entry = AuditEntry::new("user.create", format!("user/{name}"))
            .details(serde_json::json!({"role": grant.role(), "country": country}));
        self.append_audit(&mut tx, actor, entry).await?;
        tx.commit().await?;
        Ok(UserRecord { id, name: name.clone(), grant, created_at: now })
    }

    async fn create_token(&self, actor: &Actor, user: &UserName, label: &str) -> Result<String> {
        let token = new_token();
        let mut tx = self.pool.begin().await?;
        let user_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE name = $1")
            .bind(user.as_str())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::UserNotFound(user.to_string()))?;
        sqlx::query("INSERT INTO api_tokens (user_id, token_sha256, label, created_at) VALUES ($1, $2, $3, $4)")
            .bind(user_id)
            .bind(hash_token(&token))
            .bind(label)
            .bind(self.clock.now())
            .execute(&mut *tx)
            .await?;
        let entry =
            AuditEntry::new("token.create", format!("user/{user}")).details(serde_json::json!({"label": label}));
        self.append_audit(&mut tx, actor, entry).await?;
        tx.commit().await?;
        Ok(token)
    }

    async fn user_for_token(&self, token: &str) -> Result<Option<UserRecord>> {
        let row = sqlx::query(
            "SELECT users.* FROM api_tokens JOIN users ON users.id = api_tokens.user_id
             WHERE api_tokens.token_sha256 = $1 AND api_tokens.revoked_at IS NULL",
        )
        .bind(hash_token(token))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    async fn audit_records(&self, after: i64, limit: i64) -> Result<Vec<AuditRecord>> {
        let rows = sqlx::query("SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2")
            .bind(after)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(audit_from_row).collect()
    }

    async fn audit_head(&self) -> Result<(i64, String)> {
        Ok(sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(&self.pool).await?)
    }
}
