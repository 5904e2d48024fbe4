//! The store, written once: every statement, row mapping and rule, compiled for each backend over
//! the dialect its parent module (`sqlite` or `postgres`) declares beside it.
//!
//! The parent gives the types (`Db`, `DbRow`, `Conn`, `Pool`, `ThisStore`), the ways to begin a
//! transaction, what is said to other processes after a change, and three statement fragments as
//! macros (`for_update!`, `skip_locked!`, `among!`): the whole of what differs between the two.
//! Timestamps and JSON travel as [`Stamp`] and [`JsonText`], whose encodings each backend gives.

use std::collections::{BTreeSet, HashMap, HashSet};

use async_trait::async_trait;
use dragnet_domain::{Actor, Grant, LifecycleEvent, NoticeId, NoticeKind, NoticeRequest, NoticeState, UserName};
use sqlx::Row;
use time::OffsetDateTime;

use super::{Conn, DbRow, ThisStore, announce, begin_read, begin_write, follow_explicit_id, id_list, listen};
use crate::audit::{AuditEntry, AuditRecord};
use crate::log::{CHANGE_ACTIONS, is_change};
use crate::{
    AUDIT_ROWS_PER_INSERT, AuditFilter, Decision, DecisionOutcome, DecisionRecord, Delivery, IMPORT_ROWS_PER_INSERT,
    ImportOutcome, ImportedNotice, InForce, JsonText, LISTED_SUBJECTS, MOST_DELIVERY_ATTEMPTS, NOTICE_LIFETIME,
    NoticeRecord, NoticeSummary, Notification, OpenNotice, PICTURE_TYPES, PublicExtract, QueueDetail, QueueEntry,
    Readable, RegisterEntry, RequestListing, RequestRecord, Result, SWEEP_LOSS_ALWAYS_ALLOWED, Stamp, Store,
    StoreError, StoredNotice, StoredRequest, SubjectCheck, UserRecord, Webhook, changed_fields, checks_cover, deciding,
    decision_made, delivered_at_once, deliverer, diffusion_delivered, editable, failpoint, hash_token, id_year,
    importable, in_force_row, is_halfway, lifetime_change, location_recorded, new_token, notice_moved,
    notice_submitted, notice_target, notices_imported, parse_stored_grant, parse_stored_kind, parse_stored_person,
    parse_stored_recommendation, parse_stored_report, parse_stored_request, parse_stored_state, picture_added,
    plan_decision, plan_drafts, public_extract_row, public_requests, queue_entry, register_changed, request_created,
    restored_by_source, screening_recorded, subject_name, submittable, to_json, token_created, updated_by_source,
    user_created, webhook_delivered, webhook_removed, webhook_set, withdrawable, withdrawn_by_source,
};
use crate::{
    CLEARANCE_LIFETIME, Clearance, EXPIRY_WARNING, FoundNotice, KnowledgeRecord, NewClearance, NewKnowledge,
    NoticeCard, NoticeSearch, Rechecked, clearance_recorded, clearance_revoked,
};
use dragnet_domain::PartialDate;
use dragnet_domain::knowledge::KnownItem;

/// A notice's columns, its subject as the text of its JSON.
const NOTICE_COLUMNS: &str = "id, request_id, subject_index, kind, requested_by, state, CAST(subject AS TEXT) AS subject_json, created_at, updated_at, published_at, expires_at";

/// Stores new imported notices, many rows to a statement, so that an import is not one round trip
/// per row: their requests (each answering its id with the notice it stands for, so that nothing
/// rests on the order rows come back in), the years' numbering, the notices, their pictures.
/// Answers the notices' ids and how many pictures were stored.
async fn insert_imported(
    conn: &mut Conn,
    actor: &Actor,
    source: &str,
    fresh: &[&ImportedNotice],
    now: OffsetDateTime,
) -> Result<(Vec<NoticeId>, usize)> {
    let (published, expires) = lifetime_change(LifecycleEvent::Publish, now);
    let mut request_ids: HashMap<String, i64> = HashMap::with_capacity(fresh.len());
    for chunk in fresh.chunks(IMPORT_ROWS_PER_INSERT) {
        let rows = chunk.iter().map(|n| Ok((*n, to_json(&n.request)?))).collect::<Result<Vec<_>>>()?;
        let mut insert = sqlx::QueryBuilder::<super::Db>::new(
            "INSERT INTO requests (kind, requested_by, reference, body, public_extract, created_at, created_by, source,
                                   source_id) ",
        );
        insert.push_values(rows, |mut row, (notice, body)| {
            row.push_bind(notice.request.kind.as_str())
                .push_bind(notice.request.requested_by.as_str().to_string())
                .push_bind(notice.request.reference.clone())
                .push_bind(JsonText(body))
                .push_bind(true)
                .push_bind(Stamp(now))
                .push_bind(actor.name.clone())
                .push_bind(source.to_string())
                .push_bind(notice.id.to_string());
        });
        insert.push(" RETURNING id, source_id");
        let returned: Vec<(i64, String)> = insert.build_query_as().fetch_all(&mut *conn).await?;
        request_ids.extend(returned.into_iter().map(|(id, notice)| (notice, id)));
    }
    let mut last_numbers: std::collections::BTreeMap<u16, u32> = std::collections::BTreeMap::new();
    for notice in fresh {
        let last = last_numbers.entry(notice.id.year()).or_default();
        *last = (*last).max(notice.id.number());
    }
    for (year, number) in last_numbers {
        sqlx::query(
            "INSERT INTO notice_numbers (year, last_number) VALUES ($1, $2)
             ON CONFLICT (year) DO UPDATE SET last_number = CASE
                 WHEN EXCLUDED.last_number > notice_numbers.last_number THEN EXCLUDED.last_number
                 ELSE notice_numbers.last_number END",
        )
        .bind(i32::from(year))
        .bind(i64::from(number))
        .execute(&mut *conn)
        .await?;
    }
    for chunk in fresh.chunks(IMPORT_ROWS_PER_INSERT) {
        let rows = chunk
            .iter()
            .map(|n| {
                let request_id = *request_ids
                    .get(&n.id.to_string())
                    .ok_or_else(|| StoreError::Corrupt(format!("no request came back for notice {}", n.id)))?;
                Ok((*n, request_id, to_json(&n.request.subjects[0])?))
            })
            .collect::<Result<Vec<_>>>()?;
        let mut insert = sqlx::QueryBuilder::<super::Db>::new(
            "INSERT INTO notices (id, request_id, subject_index, kind, requested_by, state, subject, created_at,
                                  updated_at, published_at, expires_at) ",
        );
        insert.push_values(rows, |mut row, (notice, request_id, subject)| {
            row.push_bind(notice.id.to_string())
                .push_bind(request_id)
                .push_bind(0_i32)
                .push_bind(notice.request.kind.as_str())
                .push_bind(notice.request.requested_by.as_str().to_string())
                .push_bind(NoticeState::Published.as_str())
                .push_bind(JsonText(subject))
                .push_bind(Stamp(now))
                .push_bind(Stamp(now))
                .push_bind(published.map(Stamp))
                .push_bind(expires.map(Stamp));
        });
        insert.build().execute(&mut *conn).await?;
    }
    let mut pictures = 0;
    for notice in fresh {
        pictures += insert_pictures(&mut *conn, &notice.id.to_string(), notice, now, actor).await?.len();
    }
    Ok((fresh.iter().map(|n| n.id).collect(), pictures))
}

/// Stores an imported notice's pictures, each with the source's id where it has one that is free;
/// answers their ids in order.
async fn insert_pictures(
    conn: &mut Conn,
    id: &str,
    notice: &ImportedNotice,
    now: OffsetDateTime,
    actor: &Actor,
) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(notice.pictures.len());
    for picture in &notice.pictures {
        let wanted = match picture.id {
            Some(wanted) => {
                let taken: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pictures WHERE id = $1)")
                    .bind(wanted)
                    .fetch_one(&mut *conn)
                    .await?;
                (!taken).then_some(wanted)
            }
            None => None,
        };
        let added: i64 = match wanted {
            Some(wanted) => {
                sqlx::query(
                    "INSERT INTO pictures (id, notice_id, content_type, bytes, added_at, added_by)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(wanted)
                .bind(id)
                .bind(&picture.content_type)
                .bind(&picture.bytes)
                .bind(Stamp(now))
                .bind(&actor.name)
                .execute(&mut *conn)
                .await?;
                follow_explicit_id(&mut *conn).await?;
                wanted
            }
            None => {
                sqlx::query_scalar(
                    "INSERT INTO pictures (notice_id, content_type, bytes, added_at, added_by)
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(id)
                .bind(&picture.content_type)
                .bind(&picture.bytes)
                .bind(Stamp(now))
                .bind(&actor.name)
                .fetch_one(&mut *conn)
                .await?
            }
        };
        ids.push(added);
    }
    Ok(ids)
}

impl ThisStore {
    /// Appends the audit record of a read, committed with whatever other such records are waiting.
    async fn audit_read(&self, actor: &Actor, entry: AuditEntry) -> Result<()> {
        let store = self.clone();
        self.reads
            .append(actor, entry, move |records| {
                let store = store.clone();
                async move {
                    let mut tx = begin_write(&store.pool).await?;
                    for (actor, entry) in records {
                        store.append_audit(&mut tx, &actor, entry).await?;
                    }
                    tx.commit().await?;
                    Ok(())
                }
            })
            .await
    }

    async fn append_audit(&self, conn: &mut Conn, actor: &Actor, entry: AuditEntry) -> Result<()> {
        self.append_audits(conn, vec![(actor.clone(), entry)]).await
    }

    /// The seals of these notices and requests (all of them for `None`) as `conn` sees them:
    /// each one's protected state ([`crate::audit::seal_notice`], [`crate::audit::seal_request`])
    /// by its audit target.
    async fn seals(
        &self,
        conn: &mut Conn,
        notices: Option<Vec<String>>,
        requests: Option<Vec<i64>>,
    ) -> Result<std::collections::BTreeMap<String, String>> {
        let mut seals = std::collections::BTreeMap::new();
        if notices.as_ref().is_none_or(|n| !n.is_empty()) {
            // Two forms of each query: with a list, one the indexes serve (a `$1 IS NULL OR …`
            // would be planned for every row).
            let among = notices.map(id_list);
            let mut bars: HashMap<String, Vec<String>> = HashMap::new();
            let rows = match &among {
                Some(among) => {
                    sqlx::query(concat!(
                        "SELECT notice_id, country FROM notice_bars WHERE ",
                        among!("notice_id", "$1"),
                        " ORDER BY notice_id, country"
                    ))
                    .bind(among)
                    .fetch_all(&mut *conn)
                    .await?
                }
                None => {
                    sqlx::query("SELECT notice_id, country FROM notice_bars ORDER BY notice_id, country")
                        .fetch_all(&mut *conn)
                        .await?
                }
            };
            for row in &rows {
                bars.entry(column(row, 0)?).or_default().push(column(row, 1)?);
            }
            let mut decisions: HashMap<String, Vec<[String; 4]>> = HashMap::new();
            let rows = match &among {
                Some(among) => {
                    sqlx::query(concat!(
                        "SELECT notice_id, reviewer, decision, reason, at FROM decisions WHERE ",
                        among!("notice_id", "$1"),
                        " ORDER BY id"
                    ))
                    .bind(among)
                    .fetch_all(&mut *conn)
                    .await?
                }
                None => {
                    sqlx::query("SELECT notice_id, reviewer, decision, reason, at FROM decisions ORDER BY id")
                        .fetch_all(&mut *conn)
                        .await?
                }
            };
            for row in &rows {
                let at: Stamp = column(row, 4)?;
                decisions.entry(column(row, 0)?).or_default().push([
                    column(row, 1)?,
                    column(row, 2)?,
                    column(row, 3)?,
                    crate::audit::format_timestamp(at.0),
                ]);
            }
            // Pictures are read a few at a time (a store's pictures may not fit in memory), each
            // kept as its bytes' SHA-256.
            let mut pictures: HashMap<String, Vec<[String; 3]>> = HashMap::new();
            let mut after = 0i64;
            loop {
                let rows = match &among {
                    Some(among) => {
                        sqlx::query(concat!(
                            "SELECT notice_id, id, content_type, bytes FROM pictures WHERE id > $2 AND ",
                            among!("notice_id", "$1"),
                            " ORDER BY id LIMIT 64"
                        ))
                        .bind(among)
                        .bind(after)
                        .fetch_all(&mut *conn)
                        .await?
                    }
                    None => sqlx::query(
                        "SELECT notice_id, id, content_type, bytes FROM pictures WHERE id > $1 ORDER BY id LIMIT 64",
                    )
                    .bind(after)
                    .fetch_all(&mut *conn)
                    .await?,
                };
                let Some(last) = rows.last() else { break };
                after = column(last, 1)?;
                for row in &rows {
                    let bytes: Vec<u8> = column(row, 3)?;
                    pictures.entry(column(row, 0)?).or_default().push([
                        column::<i64>(row, 1)?.to_string(),
                        column(row, 2)?,
                        hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes)),
                    ]);
                }
            }
            let rows =
                match &among {
                    Some(among) => {
                        sqlx::query(concat!(
                        "SELECT id, CAST(request_id AS TEXT), CAST(subject_index AS TEXT), kind, requested_by, state,
                                CAST(subject AS TEXT), recommendation, published_at, expires_at,
                                CAST(check_report AS TEXT), submitted_at, created_at
                         FROM notices WHERE ",
                        among!("id", "$1")
                    ))
                        .bind(among)
                        .fetch_all(&mut *conn)
                        .await?
                    }
                    None => sqlx::query(
                        "SELECT id, CAST(request_id AS TEXT), CAST(subject_index AS TEXT), kind, requested_by, state,
                                CAST(subject AS TEXT), recommendation, published_at, expires_at,
                                CAST(check_report AS TEXT), submitted_at, created_at
                         FROM notices",
                    )
                    .fetch_all(&mut *conn)
                    .await?,
                };
            for row in &rows {
                let id: String = column(row, 0)?;
                let (published, expires): (Option<Stamp>, Option<Stamp>) = (column(row, 8)?, column(row, 9)?);
                let (submitted, created): (Option<Stamp>, Stamp) = (column(row, 11)?, column(row, 12)?);
                let at = |stamp: Option<Stamp>| stamp.map(|at| crate::audit::format_timestamp(at.0));
                let fields = serde_json::json!([
                    id,
                    column::<String>(row, 1)?,
                    column::<String>(row, 2)?,
                    column::<String>(row, 3)?,
                    column::<String>(row, 4)?,
                    column::<String>(row, 5)?,
                    column::<String>(row, 6)?,
                    column::<Option<String>>(row, 7)?,
                    at(published),
                    at(expires),
                    bars.remove(&id).unwrap_or_default(),
                    decisions.remove(&id).unwrap_or_default(),
                    column::<Option<String>>(row, 10)?,
                    at(submitted),
                    at(Some(created)),
                    pictures.remove(&id).unwrap_or_default(),
                ]);
                // Two rows of one id (a table rebuilt without its key) match no seal.
                if seals.insert(format!("notice/{id}"), crate::audit::seal_of(&fields)).is_some() {
                    seals.insert(format!("notice/{id}"), "two rows hold this notice".to_string());
                }
            }
        }
        if requests.as_ref().is_none_or(|r| !r.is_empty()) {
            let among = requests.map(id_list);
            let rows =
                match &among {
                    Some(among) => {
                        sqlx::query(concat!(
                        "SELECT id, kind, requested_by, reference, CAST(body AS TEXT), CAST(public_extract AS TEXT),
                                source, source_id, source_withdrawn_at, CAST(version AS TEXT), created_by, created_at
                         FROM requests WHERE ",
                        among!("id", "$1")
                    ))
                        .bind(among)
                        .fetch_all(&mut *conn)
                        .await?
                    }
                    None => sqlx::query(
                        "SELECT id, kind, requested_by, reference, CAST(body AS TEXT), CAST(public_extract AS TEXT),
                                source, source_id, source_withdrawn_at, CAST(version AS TEXT), created_by, created_at
                         FROM requests",
                    )
                    .fetch_all(&mut *conn)
                    .await?,
                };
            for row in &rows {
                let id: i64 = column(row, 0)?;
                let withdrawn: Option<Stamp> = column(row, 8)?;
                let fields = serde_json::json!([
                    id,
                    column::<String>(row, 1)?,
                    column::<String>(row, 2)?,
                    column::<Option<String>>(row, 3)?,
                    column::<String>(row, 4)?,
                    column::<String>(row, 5)?,
                    column::<Option<String>>(row, 6)?,
                    column::<Option<String>>(row, 7)?,
                    withdrawn.map(|at| crate::audit::format_timestamp(at.0)),
                    column::<String>(row, 9)?,
                    column::<String>(row, 10)?,
                    crate::audit::format_timestamp(column::<Stamp>(row, 11)?.0),
                ]);
                if seals.insert(format!("request/{id}"), crate::audit::seal_of(&fields)).is_some() {
                    seals.insert(format!("request/{id}"), "two rows hold this request".to_string());
                }
            }
        }
        Ok(seals)
    }

    /// What the changes among `entries` touched, sealed into each entry's details as it stands
    /// now (the change written, in the same transaction): a notice with its request, a request with
    /// its notices. A later change of the same target seals it again; the last seal is what the
    /// rows must hold.
    async fn seal_entries(&self, conn: &mut Conn, entries: &mut [(Actor, AuditEntry)]) -> Result<()> {
        let mut wanted: Vec<(Vec<String>, Vec<i64>)> = Vec::with_capacity(entries.len());
        for (_, entry) in entries.iter() {
            wanted.push(crate::audit::sealed_targets(entry));
        }
        let notices: BTreeSet<String> = wanted.iter().flat_map(|(n, _)| n.iter().cloned()).collect();
        let requests: BTreeSet<i64> = wanted.iter().flat_map(|(_, r)| r.iter().copied()).collect();
        if notices.is_empty() && requests.is_empty() {
            return Ok(());
        }
        // A notice's request, and a request's notices, are sealed with it.
        let mut request_of: HashMap<String, i64> = HashMap::new();
        let mut notices_of: HashMap<i64, Vec<String>> = HashMap::new();
        let notice_list = id_list(notices.iter().cloned().collect::<Vec<_>>());
        let request_list = id_list(requests.iter().copied().collect::<Vec<_>>());
        let mut rows = sqlx::query(concat!("SELECT id, request_id FROM notices WHERE ", among!("id", "$1")))
            .bind(&notice_list)
            .fetch_all(&mut *conn)
            .await?;
        if !requests.is_empty() {
            rows.extend(
                sqlx::query(concat!("SELECT id, request_id FROM notices WHERE ", among!("request_id", "$1")))
                    .bind(&request_list)
                    .fetch_all(&mut *conn)
                    .await?,
            );
        }
        for row in &rows {
            let (id, request): (String, i64) = (column(row, 0)?, column(row, 1)?);
            notices_of.entry(request).or_default().push(id.clone());
            request_of.insert(id, request);
        }
        let all_notices: Vec<String> = request_of.keys().cloned().collect();
        let all_requests: Vec<i64> =
            request_of.values().copied().chain(requests.iter().copied()).collect::<BTreeSet<_>>().into_iter().collect();
        let seals = self.seals(conn, Some(all_notices), Some(all_requests)).await?;
        for ((_, entry), (notices, requests)) in entries.iter_mut().zip(wanted) {
            let mut targets: BTreeSet<String> = BTreeSet::new();
            for notice in &notices {
                targets.insert(format!("notice/{notice}"));
                if let Some(request) = request_of.get(notice) {
                    targets.insert(format!("request/{request}"));
                }
            }
            for request in &requests {
                targets.insert(format!("request/{request}"));
                for notice in notices_of.get(request).into_iter().flatten() {
                    targets.insert(format!("notice/{notice}"));
                }
            }
            let sealed: serde_json::Map<String, serde_json::Value> = targets
                .into_iter()
                .filter_map(|target| seals.get(&target).map(|seal| (target, serde_json::Value::String(seal.clone()))))
                .collect();
            if !sealed.is_empty()
                && let serde_json::Value::Object(details) = &mut entry.details
            {
                details.insert("seals".into(), serde_json::Value::Object(sealed));
            }
        }
        Ok(())
    }

    /// A store made before seals existed seals what it holds, once, in records of its own.
    pub(crate) async fn seal_baseline(&self) -> Result<()> {
        let mut tx = begin_write(&self.pool).await?;
        let marked = sqlx::query("INSERT INTO store_marks (name) VALUES ('sealed') ON CONFLICT (name) DO NOTHING")
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if marked == 0 {
            return Ok(());
        }
        // A chain that holds seals was sealed before: its mark was removed, and what the store
        // holds now must not be taken as sealed. Verify names it; nothing is sealed afresh.
        let sealed_before: Option<i64> =
            sqlx::query_scalar("SELECT seq FROM audit_log WHERE details LIKE '%\"seals\"%' LIMIT 1")
                .fetch_optional(&mut *tx)
                .await?;
        if sealed_before.is_some() {
            tracing::error!("the store's sealed mark was missing though its chain holds seals: not sealing afresh");
            tx.commit().await?;
            return Ok(());
        }
        let seals = self.seals(&mut tx, None, None).await?;
        let actor = Actor::system("store", None);
        let entries: Vec<(Actor, AuditEntry)> = seals
            .into_iter()
            .collect::<Vec<_>>()
            .chunks(1000)
            .map(|chunk| {
                let sealed: serde_json::Map<String, serde_json::Value> =
                    chunk.iter().map(|(t, s)| (t.clone(), serde_json::Value::String(s.clone()))).collect();
                (actor.clone(), AuditEntry::new("audit.seal", "store").details(serde_json::json!({"seals": sealed})))
            })
            .collect();
        if !entries.is_empty() {
            self.write_audits(&mut tx, entries).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Appends records in order, reading and moving the chain's head once for all of them; what
    /// their changes touched is sealed into them first.
    async fn append_audits(&self, conn: &mut Conn, mut entries: Vec<(Actor, AuditEntry)>) -> Result<()> {
        self.seal_entries(conn, &mut entries).await?;
        self.write_audits(conn, entries).await
    }

    async fn write_audits(&self, conn: &mut Conn, entries: Vec<(Actor, AuditEntry)>) -> Result<()> {
        // The head row's lock (or SQLite's write lock, held since BEGIN) orders concurrent
        // appenders: each sees the hash the previous one wrote.
        let (mut seq, mut hash): (i64, String) =
            sqlx::query_as(concat!("SELECT seq, hash FROM audit_head WHERE id = 1", for_update!()))
                .fetch_one(&mut *conn)
                .await?;
        let now = self.clock.now();
        let records: Vec<AuditRecord> = entries
            .into_iter()
            .map(|(actor, entry)| {
                let mut record = AuditRecord::following(seq, std::mem::take(&mut hash), now, &actor, entry);
                record.signature = self.audit_key.as_deref().map(|key| crate::audit::signature(key, &record.hash));
                (seq, hash) = (record.seq, record.hash.clone());
                record
            })
            .collect();
        for chunk in records.chunks(AUDIT_ROWS_PER_INSERT) {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO audit_log (seq, at, actor, country, action, target, reason, details, prev_hash, hash, signature) ",
            );
            insert.push_values(chunk, |mut row, record| {
                row.push_bind(record.seq)
                    .push_bind(Stamp(record.at))
                    .push_bind(&record.actor)
                    .push_bind(&record.country)
                    .push_bind(&record.action)
                    .push_bind(&record.target)
                    .push_bind(&record.reason)
                    .push_bind(&record.details)
                    .push_bind(&record.prev_hash)
                    .push_bind(&record.hash)
                    .push_bind(&record.signature);
            });
            insert.build().execute(&mut *conn).await?;
        }
        sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
            .bind(seq)
            .bind(&hash)
            .execute(&mut *conn)
            .await?;
        if records.iter().any(|record| is_change(&record.action)) {
            announce(conn, seq).await?;
        }
        Ok(())
    }

    /// The public extracts of every notice, or of those of `among`: each request's body read once.
    async fn extracts(&self, among: Option<&[NoticeId]>) -> Result<Readable<PublicExtract>> {
        let among_ids = among;
        let among = among.map(|ids| id_list(ids.iter().map(ToString::to_string).collect()));
        // One snapshot for the requests, the notices and the pictures.
        let mut tx = begin_read(&self.pool).await?;
        let bodies = sqlx::query(concat!(
            "SELECT id, CAST(body AS TEXT) AS body FROM requests WHERE public_extract
             AND id IN (SELECT request_id FROM notices WHERE state = 'published'
                        AND ($1 IS NULL OR ",
            among!("id", "$1"),
            "))"
        ))
        .bind(&among)
        .fetch_all(&mut *tx)
        .await?;
        // A body that is not even text is its request's notices' reason not to read, not the read's.
        let bodies: Vec<(i64, String)> = bodies
            .iter()
            .filter_map(|row| Some((row.try_get(0).ok()?, column(row, 1).unwrap_or_else(|err| err.to_string()))))
            .collect();
        let requests = public_requests(bodies);
        // Rows decoded one by one: a notice whose stored record does not read is set apart alone.
        let rows = sqlx::query(concat!(
            "SELECT notices.id, notices.request_id, CAST(notices.subject AS TEXT), notices.published_at, requests.source
             FROM notices JOIN requests ON requests.id = notices.request_id
             WHERE notices.state = 'published' AND requests.public_extract
               AND NOT EXISTS (SELECT 1 FROM notice_bars WHERE notice_bars.notice_id = notices.id)
               AND ($1 IS NULL OR ",
            among!("notices.id", "$1"),
            ")"
        ))
        .bind(&among)
        .fetch_all(&mut *tx)
        .await?;
        let mut extracts = Readable::sort(rows.iter().map(|row| {
            let id: String = column(row, 0).unwrap_or_else(|_| "?".into());
            let extract = (|| {
                let (request_id, subject): (i64, String) = (column(row, 1)?, column(row, 2)?);
                let (published_at, source): (Option<Stamp>, Option<String>) = (column(row, 3)?, column(row, 4)?);
                let request = match requests.get(&request_id) {
                    Some(Ok(request)) => request,
                    Some(Err(reason)) => return Err(StoreError::Corrupt(reason.clone())),
                    None => return Err(StoreError::Corrupt(format!("its request {request_id} is not public"))),
                };
                public_extract_row(&id, &subject, request, published_at.map(|at| at.0), source)
            })();
            (id, extract)
        }))?;
        let mut by_notice = picture_ids(&mut tx, among_ids).await?;
        tx.commit().await?;
        for extract in &mut extracts.rows {
            extract.pictures = by_notice.remove(&extract.id.to_string()).unwrap_or_default();
        }
        extracts.rows.sort_by_key(|extract| extract.id);
        Ok(extracts)
    }
}

/// A column of a row read on its own: one that does not decode (not text, not UTF-8) is that
/// row's record gone wrong, for the caller to set apart, not a failure of the whole read.
fn column<'r, T: sqlx::Decode<'r, super::Db> + sqlx::Type<super::Db>>(row: &'r DbRow, index: usize) -> Result<T> {
    row.try_get(index).map_err(|err| match err {
        sqlx::Error::ColumnDecode { .. } => StoreError::Corrupt(err.to_string()),
        err => err.into(),
    })
}

macro_rules! clearance_columns {
    () => {
        "id, notice_id, document, date_of_birth, notice_updated_at, reason, country, cleared_by, cleared_at,
         expires_at, revoked_by, revoked_at, revoked_reason"
    };
}

fn clearance_from_row(row: &DbRow) -> Result<Clearance> {
    let notice: String = row.try_get("notice_id")?;
    Ok(Clearance {
        id: row.try_get("id")?,
        notice: NoticeId::parse(&notice).map_err(StoreError::Corrupt)?,
        document: row.try_get("document")?,
        date_of_birth: row.try_get("date_of_birth")?,
        notice_updated_at: stamp(row, "notice_updated_at")?,
        reason: row.try_get("reason")?,
        country: row.try_get("country")?,
        cleared_by: row.try_get("cleared_by")?,
        cleared_at: stamp(row, "cleared_at")?,
        expires_at: stamp(row, "expires_at")?,
        revoked_by: row.try_get("revoked_by")?,
        revoked_at: row.try_get::<Option<Stamp>, _>("revoked_at")?.map(|at| at.0),
        revoked_reason: row.try_get("revoked_reason")?,
        notice_unchanged: None,
    })
}

/// A timestamp column.
fn stamp(row: &DbRow, column: &str) -> Result<OffsetDateTime> {
    Ok(row.try_get::<Stamp, _>(column)?.0)
}

fn notice_from_row(row: &DbRow) -> Result<NoticeRecord> {
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
        created_at: stamp(row, "created_at")?,
        updated_at: stamp(row, "updated_at")?,
        published_at: row.try_get::<Option<Stamp>, _>("published_at")?.map(|at| at.0),
        expires_at: row.try_get::<Option<Stamp>, _>("expires_at")?.map(|at| at.0),
    })
}

/// The ids of the pictures of each notice (of those of `among`, or of all), first added first.
async fn picture_ids(conn: &mut Conn, among: Option<&[NoticeId]>) -> Result<HashMap<String, Vec<i64>>> {
    let among = among.map(|ids| id_list(ids.iter().map(ToString::to_string).collect()));
    let pictures: Vec<(String, i64)> = sqlx::query_as(concat!(
        "SELECT notice_id, id FROM pictures WHERE ($1 IS NULL OR ",
        among!("notice_id", "$1"),
        ") ORDER BY notice_id, id"
    ))
    .bind(&among)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_notice: HashMap<String, Vec<i64>> = HashMap::new();
    for (notice, id) in pictures {
        by_notice.entry(notice).or_default().push(id);
    }
    Ok(by_notice)
}

/// Tells the requesting bureau of notice `id` what happened to it (`kind`, with the reason given),
/// in the caller's transaction: the notification exists if and only if the change does. Notices
/// imported from elsewhere have no bureau here to tell.
async fn notify_requester(
    conn: &mut Conn,
    id: NoticeId,
    kind: &str,
    reason: Option<&str>,
    at: OffsetDateTime,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO notifications (country, kind, notice_id, at, reason)
         SELECT notices.requested_by, $2, notices.id, $3, $4 FROM notices JOIN requests ON requests.id = notices.request_id
         WHERE notices.id = $1 AND requests.source IS NULL",
    )
    .bind(id.to_string())
    .bind(kind)
    .bind(Stamp(at))
    .bind(reason)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Tells each recipient named by a diffusion that it reached them. A diffusion to every member
/// (`["*"]`) is found by each bureau in its screening and notices; it makes no row per country.
async fn notify_recipients(conn: &mut Conn, id: NoticeId, request: &NoticeRequest, at: OffsetDateTime) -> Result<()> {
    if let Some(dragnet_domain::Recipients::Countries(countries)) = &request.to {
        for country in countries {
            sqlx::query("INSERT INTO notifications (country, kind, notice_id, at) VALUES ($1, 'diffusion', $2, $3)")
                .bind(country.to_string())
                .bind(id.to_string())
                .bind(Stamp(at))
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(())
}

/// The notification a lifecycle event makes for the requesting bureau, if any.
fn event_notification(event: LifecycleEvent) -> Option<&'static str> {
    match event {
        LifecycleEvent::Suspend => Some("suspended"),
        LifecycleEvent::Reinstate => Some("reinstated"),
        LifecycleEvent::Cancel => Some("cancelled"),
        LifecycleEvent::Renew => Some("renewed"),
        LifecycleEvent::Expire => Some("expired"),
        _ => None,
    }
}

fn notification_from_row(row: &DbRow) -> Result<Notification> {
    let notice: String = row.try_get("notice_id")?;
    Ok(Notification {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        notice: NoticeId::parse(&notice).map_err(StoreError::Corrupt)?,
        located_in: row.try_get("located_in")?,
        located_by: row.try_get("located_by")?,
        reason: row.try_get("reason")?,
        place: row.try_get("place")?,
        remarks: row.try_get("remarks")?,
        at: stamp(row, "at")?,
    })
}

fn user_from_row(row: &DbRow) -> Result<UserRecord> {
    let name: String = row.try_get("name")?;
    let role: String = row.try_get("role")?;
    let country: Option<String> = row.try_get("country")?;
    let (name, grant) = parse_stored_grant(&name, &role, country.as_deref())?;
    Ok(UserRecord {
        id: row.try_get("id")?,
        name,
        grant,
        created_at: stamp(row, "created_at")?,
        disabled_at: row.try_get::<Option<Stamp>, _>("disabled_at")?.map(|s| s.0),
    })
}

fn audit_from_row(row: &DbRow) -> Result<AuditRecord> {
    Ok(AuditRecord {
        seq: row.try_get("seq")?,
        at: stamp(row, "at")?,
        actor: row.try_get("actor")?,
        country: row.try_get("country")?,
        action: row.try_get("action")?,
        target: row.try_get("target")?,
        reason: row.try_get("reason")?,
        details: row.try_get("details")?,
        prev_hash: row.try_get("prev_hash")?,
        hash: row.try_get("hash")?,
        signature: row.try_get("signature")?,
    })
}

/// The notices of a request (only those in review, if asked) as a list shows them.
async fn summaries(conn: &mut Conn, request_id: i64, in_review_only: bool) -> Result<Vec<NoticeSummary>> {
    let rows = sqlx::query(
        "SELECT id, state, recommendation, CAST(subject AS TEXT) AS subject, CAST(check_report AS TEXT) AS check_report,
                recheck, expires_at, (SELECT decisions.reviewer FROM decisions WHERE decisions.notice_id = notices.id
                 AND decisions.decision = 'publish' AND notices.state = 'in_review'
                 AND decisions.at >= notices.submitted_at ORDER BY decisions.id LIMIT 1) AS first_vote FROM notices
         WHERE request_id = $1 AND (state = 'in_review' OR NOT $2) ORDER BY subject_index",
    )
    .bind(request_id)
    .bind(in_review_only)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(summary_of).collect()
}

/// A notice's summary from a row with its id, state, recommendation, subject and check report.
fn summary_of(row: &DbRow) -> Result<NoticeSummary> {
    let id: String = row.try_get("id")?;
    Ok(NoticeSummary {
        id: NoticeId::parse(&id).map_err(StoreError::Corrupt)?,
        subject_name: subject_name(row.try_get("subject")?)?,
        state: parse_stored_state(row.try_get("state")?)?,
        recommendation: parse_stored_recommendation(row.try_get("recommendation")?)?,
        report: parse_stored_report(row.try_get("check_report")?)?,
        recheck: row.try_get("recheck")?,
        awaiting_second: row.try_get("first_vote")?,
        expires_at: row.try_get::<Option<Stamp>, _>("expires_at")?.map(|at| at.0),
    })
}

#[async_trait]
impl Store for ThisStore {
    fn backend(&self) -> &'static str {
        super::BACKEND
    }

    async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn create_drafts(&self, actor: &Actor, request: &NoticeRequest) -> Result<StoredRequest> {
        let now = self.clock.now();
        let year = id_year(now)?;
        let body = JsonText(to_json(request)?);
        let mut tx = begin_write(&self.pool).await?;

        let request_id: i64 = sqlx::query_scalar(
            "INSERT INTO requests (kind, requested_by, reference, body, public_extract, created_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(request.kind.as_str())
        .bind(request.requested_by.as_str())
        .bind(&request.reference)
        .bind(&body)
        .bind(request.public_extract)
        .bind(Stamp(now))
        .bind(&actor.name)
        .fetch_one(&mut *tx)
        .await?;

        let last: i64 = sqlx::query_scalar(
            "INSERT INTO notice_numbers (year, last_number) VALUES ($1, $2)
             ON CONFLICT (year) DO UPDATE SET last_number = notice_numbers.last_number + EXCLUDED.last_number
             RETURNING last_number",
        )
        .bind(i32::from(year))
        .bind(request.subjects.len() as i64)
        .fetch_one(&mut *tx)
        .await?;

        let rows = plan_drafts(request, year, last)?;
        for row in &rows {
            sqlx::query(
                "INSERT INTO notices (id, request_id, subject_index, kind, requested_by, state, subject, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $7)",
            )
            .bind(row.id.to_string())
            .bind(request_id)
            .bind(row.subject_index)
            .bind(request.kind.as_str())
            .bind(request.requested_by.as_str())
            .bind(JsonText(row.subject_json.clone()))
            .bind(Stamp(now))
            .execute(&mut *tx)
            .await?;
            for country in request.barred_from() {
                sqlx::query("INSERT INTO notice_bars (notice_id, country) VALUES ($1, $2)")
                    .bind(row.id.to_string())
                    .bind(country)
                    .execute(&mut *tx)
                    .await?;
            }
            if is_halfway(row.subject_index, rows.len()) {
                failpoint("create_drafts.halfway").await;
            }
        }
        self.append_audit(&mut tx, actor, request_created(request_id, request, &rows)).await?;
        tx.commit().await?;
        Ok(StoredRequest { request_id, notice_ids: rows.iter().map(|row| row.id).collect() })
    }

    async fn read_notice(&self, actor: &Actor, id: NoticeId) -> Result<NoticeRecord> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {NOTICE_COLUMNS} FROM notices WHERE id = $1
             AND NOT EXISTS (SELECT 1 FROM notice_bars WHERE notice_id = notices.id AND country = $2)"
        )))
        .bind(id.to_string())
        .bind(&actor.country)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NoticeNotFound(id))?;
        let notice = notice_from_row(&row)?;
        // Committed before the notice is answered: no read goes unrecorded.
        self.audit_read(actor, AuditEntry::new("notice.read", notice_target(id))).await?;
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
        let mut tx = begin_write(&self.pool).await?;
        let state: String = sqlx::query_scalar(concat!("SELECT state FROM notices WHERE id = $1", for_update!()))
            .bind(id.to_string())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NoticeNotFound(id))?;
        let from = parse_stored_state(&state)?;
        let to = from.apply(event)?;
        let now = self.clock.now();
        // Back into force against a check that says refuse takes two reviewers, as publishing does:
        // the first one's vote is kept and the notice stays suspended; a different second one
        // reinstates it. Votes count from the notice's last change (its suspension).
        if event == LifecycleEvent::Reinstate {
            let (recommendation, since): (Option<String>, Stamp) =
                sqlx::query_as("SELECT recommendation, updated_at FROM notices WHERE id = $1")
                    .bind(id.to_string())
                    .fetch_one(&mut *tx)
                    .await?;
            if recommendation.as_deref() == Some("refuse") {
                let voters: Vec<String> = sqlx::query_scalar(
                    "SELECT reviewer FROM decisions WHERE notice_id = $1 AND decision = 'publish' AND at >= $2",
                )
                .bind(id.to_string())
                .bind(since)
                .fetch_all(&mut *tx)
                .await?;
                if voters.contains(&actor.name) {
                    return Err(StoreError::SameReviewer(id));
                }
                sqlx::query(
                    "INSERT INTO decisions (notice_id, reviewer, decision, reason, at) VALUES ($1, $2, 'publish', $3, $4)",
                )
                .bind(id.to_string())
                .bind(&actor.name)
                .bind(reason.unwrap_or_default())
                .bind(Stamp(now))
                .execute(&mut *tx)
                .await?;
                if voters.is_empty() {
                    let entry = AuditEntry::new("notice.reinstate.vote", notice_target(id)).reason(reason);
                    self.append_audit(&mut tx, actor, entry).await?;
                    tx.commit().await?;
                    return Ok(from);
                }
            }
        }
        let (published, expires) = lifetime_change(event, now);
        // Putting a notice back into force, or ending it, settles a re-check that waited for a reviewer.
        let settles = matches!(event, LifecycleEvent::Reinstate | LifecycleEvent::Cancel | LifecycleEvent::Expire);
        sqlx::query(
            "UPDATE notices SET state = $1, updated_at = $2, published_at = COALESCE($3, published_at),
             expires_at = COALESCE($4, expires_at), recheck = CASE WHEN $6 THEN NULL ELSE recheck END WHERE id = $5",
        )
        .bind(to.as_str())
        .bind(Stamp(now))
        .bind(published.map(Stamp))
        .bind(expires.map(Stamp))
        .bind(id.to_string())
        .bind(settles)
        .execute(&mut *tx)
        .await?;
        if let Some(kind) = event_notification(event) {
            notify_requester(&mut tx, id, kind, reason, now).await?;
        }
        self.append_audit(&mut tx, actor, notice_moved(id, event, from, to, reason)).await?;
        tx.commit().await?;
        Ok(to)
    }

    async fn request_owner(&self, request_id: i64) -> Result<String> {
        sqlx::query_scalar("SELECT requested_by FROM requests WHERE id = $1")
            .bind(request_id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::RequestNotFound(request_id))
    }

    async fn notice_owner(&self, id: NoticeId) -> Result<String> {
        sqlx::query_scalar("SELECT requested_by FROM notices WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NoticeNotFound(id))
    }

    async fn read_request(&self, actor: &Actor, request_id: i64) -> Result<RequestRecord> {
        let mut conn = self.pool.acquire().await?;
        let row = sqlx::query(
            "SELECT CAST(body AS TEXT) AS body, version, created_at, created_by, source FROM requests WHERE id = $1",
        )
        .bind(request_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(StoreError::RequestNotFound(request_id))?;
        let request = parse_stored_request(request_id, row.try_get("body")?)?;
        let notices = summaries(&mut conn, request_id, false).await?;
        let decisions = sqlx::query(
            "SELECT decisions.notice_id, decisions.reviewer, decisions.decision, decisions.reason, decisions.at FROM decisions
             JOIN notices ON notices.id = decisions.notice_id WHERE notices.request_id = $1
             ORDER BY decisions.at, decisions.id",
        )
        .bind(request_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| {
            let notice: String = row.try_get("notice_id")?;
            Ok(DecisionRecord {
                notice: NoticeId::parse(&notice).map_err(StoreError::Corrupt)?,
                reviewer: row.try_get("reviewer")?,
                decision: row.try_get("decision")?,
                reason: row.try_get("reason")?,
                at: stamp(row, "at")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
        drop(conn);
        self.audit_read(actor, AuditEntry::new("request.read", format!("request/{request_id}"))).await?;
        Ok(RequestRecord {
            request_id,
            version: row.try_get("version")?,
            request,
            notices,
            created_at: stamp(&row, "created_at")?,
            created_by: row.try_get("created_by")?,
            source: row.try_get("source")?,
            decisions,
        })
    }

    async fn submit_request(
        &self,
        actor: &Actor,
        request_id: i64,
        version: i64,
        checks: &[SubjectCheck],
    ) -> Result<Vec<(NoticeId, NoticeState)>> {
        let now = self.clock.now();
        let mut tx = begin_write(&self.pool).await?;
        // The request's row (on SQLite, the whole file) stays locked until the commit: an edit
        // waits, and one that committed first has moved the version on.
        let stored: Option<i64> =
            sqlx::query_scalar(concat!("SELECT version FROM requests WHERE id = $1", for_update!()))
                .bind(request_id)
                .fetch_optional(&mut *tx)
                .await?;
        match stored {
            None => return Err(StoreError::RequestNotFound(request_id)),
            Some(stored) if stored != version => return Err(StoreError::RequestChanged { request: request_id }),
            Some(_) => {}
        }
        let states: Vec<(String, String)> = sqlx::query_as(concat!(
            "SELECT id, state FROM notices WHERE request_id = $1 ORDER BY subject_index",
            for_update!()
        ))
        .bind(request_id)
        .fetch_all(&mut *tx)
        .await?;
        if states.is_empty() {
            return Err(StoreError::RequestNotFound(request_id));
        }
        let submitting = submittable(request_id, &states)?;
        checks_cover(request_id, &submitting, checks)?;
        let kind: String =
            sqlx::query_scalar("SELECT kind FROM requests WHERE id = $1").bind(request_id).fetch_one(&mut *tx).await?;
        let mut moved = Vec::new();
        for check in checks {
            let id = check.notice_id;
            let stored = states.iter().find(|(n, _)| *n == id.to_string()).map(|(_, s)| s.as_str()).unwrap_or_default();
            let to =
                parse_stored_state(stored)?.apply(LifecycleEvent::Submit)?.apply(LifecycleEvent::CheckCompleted)?;
            sqlx::query(
                "UPDATE notices SET state = $1, recommendation = $2, check_report = $3, submitted_at = $4,
                 updated_at = $4 WHERE id = $5",
            )
            .bind(to.as_str())
            .bind(check.recommendation.as_str())
            .bind(JsonText(to_json(&check.report)?))
            .bind(Stamp(now))
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
            self.append_audit(&mut tx, actor, notice_submitted(id, check)).await?;
            if delivered_at_once(&kind, check) {
                let (published, expires) = lifetime_change(LifecycleEvent::Publish, now);
                let to = to.apply(LifecycleEvent::Publish)?;
                sqlx::query("UPDATE notices SET state = $1, published_at = $2, expires_at = $3 WHERE id = $4")
                    .bind(to.as_str())
                    .bind(published.map(Stamp))
                    .bind(expires.map(Stamp))
                    .bind(id.to_string())
                    .execute(&mut *tx)
                    .await?;
                self.append_audit(&mut tx, actor, diffusion_delivered(id)).await?;
                let body: String = sqlx::query_scalar("SELECT CAST(body AS TEXT) FROM requests WHERE id = $1")
                    .bind(request_id)
                    .fetch_one(&mut *tx)
                    .await?;
                notify_recipients(&mut tx, id, &parse_stored_request(request_id, &body)?, now).await?;
                moved.push((id, to));
                continue;
            }
            moved.push((id, to));
        }
        tx.commit().await?;
        Ok(moved)
    }

    async fn update_request(&self, actor: &Actor, request_id: i64, request: &NoticeRequest) -> Result<()> {
        let now = self.clock.now();
        let mut tx = begin_write(&self.pool).await?;
        // The request's row first, then its notices: the order a submission locks them in.
        sqlx::query(concat!("SELECT id FROM requests WHERE id = $1", for_update!()))
            .bind(request_id)
            .execute(&mut *tx)
            .await?;
        let states: Vec<(String, String)> = sqlx::query_as(concat!(
            "SELECT id, state FROM notices WHERE request_id = $1 ORDER BY subject_index",
            for_update!()
        ))
        .bind(request_id)
        .fetch_all(&mut *tx)
        .await?;
        editable(request_id, &states, request.subjects.len())?;
        sqlx::query(
            "UPDATE requests SET kind = $1, reference = $2, body = $3, public_extract = $4, version = version + 1
             WHERE id = $5",
        )
        .bind(request.kind.as_str())
        .bind(&request.reference)
        .bind(JsonText(to_json(request)?))
        .bind(request.public_extract)
        .bind(request_id)
        .execute(&mut *tx)
        .await?;
        for ((id, _), subject) in states.iter().zip(&request.subjects) {
            sqlx::query("UPDATE notices SET kind = $1, subject = $2, updated_at = $3 WHERE id = $4")
                .bind(request.kind.as_str())
                .bind(JsonText(to_json(subject)?))
                .bind(Stamp(now))
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM notice_bars WHERE notice_id = $1").bind(id).execute(&mut *tx).await?;
            for country in request.barred_from() {
                sqlx::query("INSERT INTO notice_bars (notice_id, country) VALUES ($1, $2)")
                    .bind(id)
                    .bind(country)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        let entry = AuditEntry::new("request.update", format!("request/{request_id}"))
            .details(serde_json::json!({"reference": request.reference, "subjects": request.subjects.len()}));
        self.append_audit(&mut tx, actor, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn withdraw_request(&self, actor: &Actor, request_id: i64, reason: &str) -> Result<Vec<NoticeId>> {
        let now = self.clock.now();
        let mut tx = begin_write(&self.pool).await?;
        let states: Vec<(String, String)> = sqlx::query_as(concat!(
            "SELECT id, state FROM notices WHERE request_id = $1 ORDER BY subject_index",
            for_update!()
        ))
        .bind(request_id)
        .fetch_all(&mut *tx)
        .await?;
        let picked = withdrawable(request_id, &states)?;
        for (id, from) in &picked {
            let to = from.apply(LifecycleEvent::Withdraw)?;
            sqlx::query("UPDATE notices SET state = $1, updated_at = $2 WHERE id = $3")
                .bind(to.as_str())
                .bind(Stamp(now))
                .bind(id.to_string())
                .execute(&mut *tx)
                .await?;
            self.append_audit(&mut tx, actor, notice_moved(*id, LifecycleEvent::Withdraw, *from, to, Some(reason)))
                .await?;
        }
        tx.commit().await?;
        Ok(picked.into_iter().map(|(id, _)| id).collect())
    }

    async fn requests_of(
        &self,
        actor: &Actor,
        country: &str,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<RequestListing>> {
        let mut conn = self.pool.acquire().await?;
        let rows = sqlx::query(
            "SELECT id, kind, reference, created_at FROM requests WHERE requested_by = $1 AND ($3 IS NULL OR id < $3)
             ORDER BY id DESC LIMIT $2",
        )
        .bind(country)
        .bind(limit)
        .bind(before)
        .fetch_all(&mut *conn)
        .await?;
        // Each request's first subjects and how many notices stand in each state, in two reads: a
        // warrant against hundreds of people is one line of the list, not hundreds.
        let ids: Vec<i64> = rows.iter().map(|row| row.try_get("id")).collect::<std::result::Result<_, _>>()?;
        let ids = id_list(ids);
        let first = sqlx::query(concat!(
            "SELECT request_id, id, state, recommendation, CAST(subject AS TEXT) AS subject,
                    CAST(NULL AS TEXT) AS check_report, recheck, CAST(NULL AS TEXT) AS first_vote, expires_at
             FROM notices WHERE ",
            among!("request_id", "$1"),
            " AND subject_index < $2 ORDER BY request_id, subject_index"
        ))
        .bind(&ids)
        .bind(LISTED_SUBJECTS)
        .fetch_all(&mut *conn)
        .await?;
        let counts = sqlx::query(concat!(
            "SELECT request_id, state, COUNT(*) AS count FROM notices WHERE ",
            among!("request_id", "$1"),
            " GROUP BY request_id, state"
        ))
        .bind(&ids)
        .fetch_all(&mut *conn)
        .await?;
        drop(conn);
        let mut notices: HashMap<i64, Vec<NoticeSummary>> = HashMap::new();
        for row in &first {
            notices.entry(row.try_get("request_id")?).or_default().push(summary_of(row)?);
        }
        let mut states: HashMap<i64, Vec<(NoticeState, i64)>> = HashMap::new();
        for row in &counts {
            let state = parse_stored_state(row.try_get("state")?)?;
            states.entry(row.try_get("request_id")?).or_default().push((state, row.try_get("count")?));
        }
        let mut listings = Vec::with_capacity(rows.len());
        for row in &rows {
            let request_id: i64 = row.try_get("id")?;
            listings.push(RequestListing {
                request_id,
                kind: parse_stored_kind(request_id, row.try_get("kind")?)?,
                reference: row.try_get("reference")?,
                created_at: stamp(row, "created_at")?,
                first_notices: notices.remove(&request_id).unwrap_or_default(),
                states: states.remove(&request_id).unwrap_or_default(),
            });
        }
        let shown: Vec<i64> = listings.iter().map(|l| l.request_id).collect();
        let entry = AuditEntry::new("requests.list", format!("requests/{country}"))
            .details(serde_json::json!({"shown": shown}));
        self.audit_read(actor, entry).await?;
        Ok(listings)
    }

    async fn review_queue(&self, actor: &Actor, limit: i64, detail: QueueDetail) -> Result<Vec<QueueEntry>> {
        // One snapshot for both reads; the record of the read is written apart, with others.
        let mut tx = begin_read(&self.pool).await?;
        let rows = sqlx::query(
            "SELECT requests.id, requests.kind, requests.requested_by, requests.reference,
                    MAX(CASE notices.recommendation WHEN 'incomplete' THEN 3 WHEN 'refuse' THEN 2
                        WHEN 'review' THEN 1 ELSE 0 END) AS severity,
                    MIN(notices.submitted_at) AS submitted_at
             FROM requests JOIN notices ON notices.request_id = requests.id
             WHERE notices.state = 'in_review' OR notices.recheck IS NOT NULL
             GROUP BY requests.id
             ORDER BY severity DESC, submitted_at, requests.id
             LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        // Every queued notice in one read, not one read per request.
        let ids: Vec<i64> = rows.iter().map(|row| row.try_get("id")).collect::<std::result::Result<_, _>>()?;
        let notice_rows = sqlx::query(concat!(
            "SELECT request_id, id, state, recommendation, CAST(subject AS TEXT) AS subject,
                    CASE WHEN $1 THEN CAST(check_report AS TEXT) END AS check_report, recheck, expires_at,
                    (SELECT decisions.reviewer FROM decisions WHERE decisions.notice_id = notices.id
                 AND decisions.decision = 'publish' AND notices.state = 'in_review'
                 AND decisions.at >= notices.submitted_at ORDER BY decisions.id LIMIT 1) AS first_vote
             FROM notices
             WHERE (state = 'in_review' OR recheck IS NOT NULL) AND ",
            among!("request_id", "$2"),
            " ORDER BY request_id, subject_index"
        ))
        .bind(detail == QueueDetail::Reports)
        .bind(id_list(ids))
        .fetch_all(&mut *tx)
        .await?;
        let mut by_request: HashMap<i64, Vec<NoticeSummary>> = HashMap::new();
        for row in &notice_rows {
            by_request.entry(row.try_get("request_id")?).or_default().push(summary_of(row)?);
        }
        let mut queue = Vec::with_capacity(rows.len());
        for row in &rows {
            let request_id: i64 = row.try_get("id")?;
            queue.push(queue_entry(
                request_id,
                row.try_get("kind")?,
                row.try_get("requested_by")?,
                row.try_get("reference")?,
                stamp(row, "submitted_at")?,
                by_request.remove(&request_id).unwrap_or_default(),
            )?);
        }
        tx.commit().await?;
        let targets: Vec<i64> = queue.iter().map(|q| q.request_id).collect();
        let entry =
            AuditEntry::new("review.queue.read", "review/queue").details(serde_json::json!({"requests": targets}));
        self.audit_read(actor, entry).await?;
        Ok(queue)
    }

    async fn decide(
        &self,
        actor: &Actor,
        request_id: i64,
        decision: Decision,
        reason: &str,
        only: Option<&[NoticeId]>,
    ) -> Result<Vec<DecisionOutcome>> {
        let now = self.clock.now();
        let mut tx = begin_write(&self.pool).await?;
        // The rows' locks make two reviewers deciding at once take turns: the second sees the first's decision.
        let rows: Vec<(String, Option<String>, Option<Stamp>)> = sqlx::query_as(concat!(
            "SELECT id, recommendation, submitted_at FROM notices
             WHERE request_id = $1 AND state = 'in_review' ORDER BY subject_index",
            for_update!()
        ))
        .bind(request_id)
        .fetch_all(&mut *tx)
        .await?;
        let rows = deciding(request_id, rows, only)?;
        let mut outcomes = Vec::with_capacity(rows.len());
        for (id, recommendation, submitted_at) in rows {
            let publishers: Vec<String> = sqlx::query_scalar(
                "SELECT reviewer FROM decisions WHERE notice_id = $1 AND decision = 'publish' AND at >= $2",
            )
            .bind(id.to_string())
            .bind(submitted_at.unwrap_or(Stamp(OffsetDateTime::UNIX_EPOCH)))
            .fetch_all(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO decisions (notice_id, reviewer, decision, reason, at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id.to_string())
            .bind(&actor.name)
            .bind(decision.as_str())
            .bind(reason)
            .bind(Stamp(now))
            .execute(&mut *tx)
            .await?;
            let outcome = match plan_decision(id, recommendation, &publishers, &actor.name, decision)? {
                None => DecisionOutcome::AwaitingSecondReviewer { notice: id },
                Some(state) => {
                    let (published, expires) = if state == NoticeState::Published {
                        (Some(now), Some(now + NOTICE_LIFETIME))
                    } else {
                        (None, None)
                    };
                    sqlx::query(
                        "UPDATE notices SET state = $1, updated_at = $2,
                         published_at = COALESCE($3, published_at), expires_at = COALESCE($4, expires_at) WHERE id = $5",
                    )
                    .bind(state.as_str())
                    .bind(Stamp(now))
                    .bind(published.map(Stamp))
                    .bind(expires.map(Stamp))
                    .bind(id.to_string())
                    .execute(&mut *tx)
                    .await?;
                    DecisionOutcome::Moved { notice: id, state }
                }
            };
            if let DecisionOutcome::Moved { state, .. } = &outcome {
                let kind = match state {
                    NoticeState::Published => Some("published"),
                    NoticeState::Refused => Some("refused"),
                    NoticeState::InfoRequested => Some("information_requested"),
                    _ => None,
                };
                if let Some(kind) = kind {
                    notify_requester(&mut tx, id, kind, Some(reason), now).await?;
                }
                if *state == NoticeState::Published {
                    let body: String = sqlx::query_scalar("SELECT CAST(body AS TEXT) FROM requests WHERE id = $1")
                        .bind(request_id)
                        .fetch_one(&mut *tx)
                        .await?;
                    let request = parse_stored_request(request_id, &body)?;
                    if request.kind == NoticeKind::Diffusion {
                        notify_recipients(&mut tx, id, &request, now).await?;
                    }
                }
            }
            self.append_audit(&mut tx, actor, decision_made(id, decision, reason, &outcome)).await?;
            outcomes.push(outcome);
        }
        tx.commit().await?;
        Ok(outcomes)
    }

    async fn notices_in_force(&self) -> Result<Readable<InForce>> {
        // Rows decoded one by one: a notice whose stored record does not read is set apart alone.
        let rows = sqlx::query(
            "SELECT notices.id, CAST(notices.subject AS TEXT), string_agg(notice_bars.country, ',') FROM notices
             LEFT JOIN notice_bars ON notice_bars.notice_id = notices.id
             WHERE notices.state = 'published' GROUP BY notices.id ORDER BY notices.id",
        )
        .fetch_all(&self.pool)
        .await?;
        Readable::sort(rows.iter().map(|row| {
            let id: String = column(row, 0).unwrap_or_else(|_| "?".into());
            let notice = (|| {
                let (subject, barred): (String, Option<String>) = (column(row, 1)?, column(row, 2)?);
                in_force_row(&id, &subject, barred.as_deref())
            })();
            (id, notice)
        }))
    }

    async fn record_knowledge(&self, actor: &Actor, request_id: i64, new: &NewKnowledge) -> Result<KnowledgeRecord> {
        let now = self.clock.now();
        let mut tx = begin_write(&self.pool).await?;
        let subjects: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notices WHERE request_id = $1")
            .bind(request_id)
            .fetch_one(&mut *tx)
            .await?;
        if subjects == 0 {
            return Err(StoreError::RequestNotFound(request_id));
        }
        if let Some(subject) = new.subject.filter(|s| *s as i64 >= subjects) {
            return Err(StoreError::NoSuchSubject { request: request_id, subject, subjects });
        }
        let body = to_json(&new.item)?;
        // What is known is read by the check: a submission or a recheck that read the request before
        // this must check it again, as after an edit.
        sqlx::query("UPDATE requests SET version = version + 1 WHERE id = $1")
            .bind(request_id)
            .execute(&mut *tx)
            .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO knowledge (request_id, subject_index, kind, body, source, known_on, recorded_by, country,
             recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(request_id)
        .bind(new.subject.map(|s| s as i32))
        .bind(new.item.kind())
        .bind(JsonText(body))
        .bind(&new.source)
        .bind(new.known_on.map(|d| d.to_string()))
        .bind(&actor.name)
        .bind(new.country.as_deref())
        .bind(Stamp(now))
        .fetch_one(&mut *tx)
        .await?;
        let entry = AuditEntry::new("knowledge.record", format!("request/{request_id}")).details(serde_json::json!({
            "knowledge": id,
            "kind": new.item.kind(),
            "subject": new.subject,
            "country": new.country,
            "source": new.source,
        }));
        self.append_audit(&mut tx, actor, entry).await?;
        tx.commit().await?;
        Ok(KnowledgeRecord {
            id,
            request_id,
            subject: new.subject,
            item: new.item.clone(),
            source: new.source.clone(),
            known_on: new.known_on,
            recorded_by: actor.name.clone(),
            country: new.country.clone(),
            recorded_at: crate::audit::truncate_to_micros(now),
        })
    }

    async fn knowledge_of(&self, request_id: i64) -> Result<Vec<KnowledgeRecord>> {
        let rows = sqlx::query(
            "SELECT id, subject_index, CAST(body AS TEXT) AS body, source, known_on, recorded_by, country, recorded_at
             FROM knowledge WHERE request_id = $1 ORDER BY id",
        )
        .bind(request_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let body: String = row.try_get("body")?;
                let item: KnownItem = serde_json::from_str(&body)
                    .map_err(|err| StoreError::Corrupt(format!("knowledge of request {request_id}: {err}")))?;
                let known_on: Option<String> = row.try_get("known_on")?;
                let subject: Option<i32> = row.try_get("subject_index")?;
                Ok(KnowledgeRecord {
                    id: row.try_get("id")?,
                    request_id,
                    subject: subject.map(|s| s as usize),
                    item,
                    source: row.try_get("source")?,
                    known_on: known_on.map(|d| PartialDate::parse(&d).map_err(StoreError::Corrupt)).transpose()?,
                    recorded_by: row.try_get("recorded_by")?,
                    country: row.try_get("country")?,
                    recorded_at: stamp(row, "recorded_at")?,
                })
            })
            .collect()
    }

    async fn record_rechecks(
        &self,
        actor: &Actor,
        request_id: i64,
        version: i64,
        rechecked: &[Rechecked],
    ) -> Result<Vec<(NoticeId, NoticeState)>> {
        let now = self.clock.now();
        let mut tx = begin_write(&self.pool).await?;
        // The request's row first, as an edit and a submission take it: a recheck that read an older
        // version (knowledge recorded since, an edit) keeps nothing.
        let current: i64 = sqlx::query_scalar(concat!("SELECT version FROM requests WHERE id = $1", for_update!()))
            .bind(request_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::RequestNotFound(request_id))?;
        if current != version {
            return Err(StoreError::RequestChanged { request: request_id });
        }
        let mut states = Vec::with_capacity(rechecked.len());
        for one in rechecked {
            let id = one.check.notice_id;
            let (state, requester): (String, String) =
                sqlx::query_as(concat!("SELECT state, requested_by FROM notices WHERE id = $1", for_update!()))
                    .bind(id.to_string())
                    .fetch_optional(&mut *tx)
                    .await?
                    .ok_or(StoreError::NoticeNotFound(id))?;
            let from = parse_stored_state(&state)?;
            if from != one.seen {
                return Err(StoreError::RequestChanged { request: request_id });
            }
            sqlx::query(
                "UPDATE notices SET recommendation = $1, check_report = $2, recheck = COALESCE($3, recheck),
                 updated_at = $4 WHERE id = $5",
            )
            .bind(one.check.recommendation.as_str())
            .bind(JsonText(to_json(&one.check.report)?))
            .bind(one.why.as_deref())
            .bind(Stamp(now))
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
            let entry = AuditEntry::new("notice.recheck", notice_target(id)).reason(one.why.as_deref()).details(
                serde_json::json!({"recommendation": one.check.recommendation.as_str(), "state": from.as_str()}),
            );
            self.append_audit(&mut tx, actor, entry).await?;
            let mut to = from;
            if one.suspend && from == NoticeState::Published {
                to = from.apply(LifecycleEvent::Suspend)?;
                sqlx::query("UPDATE notices SET state = $1 WHERE id = $2")
                    .bind(to.as_str())
                    .bind(id.to_string())
                    .execute(&mut *tx)
                    .await?;
                let reason = one.why.as_deref().unwrap_or("checked again: the check now recommends refusal");
                self.append_audit(&mut tx, actor, notice_moved(id, LifecycleEvent::Suspend, from, to, Some(reason)))
                    .await?;
            }
            // The requesting bureau is told of a notice of its own that now waits for a reviewer, as it
            // is told of a location: in the list it polls, and by its webhook.
            if let (Some(why), true) = (&one.why, matches!(from, NoticeState::Published | NoticeState::Suspended)) {
                sqlx::query(
                    "INSERT INTO notifications (country, kind, notice_id, at, reason) VALUES ($1, 'rechecked', $2, $3, $4)",
                )
                .bind(&requester)
                .bind(id.to_string())
                .bind(Stamp(now))
                .bind(why)
                .execute(&mut *tx)
                .await?;
            }
            states.push((id, to));
        }
        tx.commit().await?;
        Ok(states)
    }

    async fn requests_in_force(&self) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT notices.request_id FROM notices JOIN requests ON requests.id = notices.request_id
             WHERE notices.state IN ('published', 'suspended') AND requests.source IS NULL ORDER BY notices.request_id",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    async fn has_mark(&self, name: &str) -> Result<bool> {
        let found: Option<String> = sqlx::query_scalar("SELECT name FROM store_marks WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        Ok(found.is_some())
    }

    async fn set_mark(&self, actor: &Actor, name: &str) -> Result<()> {
        let mut tx = begin_write(&self.pool).await?;
        let added = sqlx::query("INSERT INTO store_marks (name) VALUES ($1) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if added > 0 {
            self.append_audit(
                &mut tx,
                actor,
                AuditEntry::new("store.mark", "store").details(serde_json::json!({"mark": name})),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn clear_recheck(&self, actor: &Actor, notice: NoticeId, reason: &str) -> Result<()> {
        let mut tx = begin_write(&self.pool).await?;
        let marked: Option<Option<String>> =
            sqlx::query_scalar(concat!("SELECT recheck FROM notices WHERE id = $1", for_update!()))
                .bind(notice.to_string())
                .fetch_optional(&mut *tx)
                .await?;
        match marked {
            None => return Err(StoreError::NoticeNotFound(notice)),
            Some(None) => return Err(StoreError::NotRechecked(notice)),
            Some(Some(_)) => {}
        }
        sqlx::query("UPDATE notices SET recheck = NULL, updated_at = $1 WHERE id = $2")
            .bind(Stamp(self.clock.now()))
            .bind(notice.to_string())
            .execute(&mut *tx)
            .await?;
        self.append_audit(
            &mut tx,
            actor,
            AuditEntry::new("notice.recheck.kept", notice_target(notice)).reason(Some(reason)),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn open_notices_of(&self, requester: &str, except_request: i64) -> Result<Vec<OpenNotice>> {
        let rows: Vec<(String, String, Option<String>, String)> = sqlx::query_as(
            "SELECT notices.id, notices.state, requests.reference, CAST(notices.subject AS TEXT) FROM notices
             JOIN requests ON requests.id = notices.request_id
             WHERE notices.requested_by = $1 AND notices.state IN ('in_review', 'info_requested', 'published')
               AND notices.request_id <> $2
             ORDER BY notices.id",
        )
        .bind(requester)
        .bind(except_request)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, state, reference, subject)| {
                Ok(OpenNotice {
                    id: NoticeId::parse(&id).map_err(StoreError::Corrupt)?,
                    state: parse_stored_state(&state)?,
                    reference,
                    subject: parse_stored_person(&subject)?,
                })
            })
            .collect()
    }

    async fn notices_in_force_among(&self, ids: &[NoticeId]) -> Result<Vec<InForce>> {
        let ids = id_list(ids.iter().map(ToString::to_string).collect());
        let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(concat!(
            "SELECT notices.id, CAST(notices.subject AS TEXT), string_agg(notice_bars.country, ',') FROM notices
             LEFT JOIN notice_bars ON notice_bars.notice_id = notices.id
             WHERE ",
            among!("notices.id", "$1"),
            " AND notices.state = 'published' GROUP BY notices.id ORDER BY notices.id"
        ))
        .bind(&ids)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|(id, subject, barred)| in_force_row(id, subject, barred.as_deref())).collect()
    }

    async fn notice_in_force(&self, id: NoticeId) -> Result<Option<InForce>> {
        let row: Option<(String, String, Option<String>)> = sqlx::query_as(
            "SELECT notices.id, CAST(notices.subject AS TEXT), string_agg(notice_bars.country, ',') FROM notices
             LEFT JOIN notice_bars ON notice_bars.notice_id = notices.id
             WHERE notices.id = $1 AND notices.state = 'published' GROUP BY notices.id",
        )
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(id, subject, barred)| in_force_row(&id, &subject, barred.as_deref())).transpose()
    }

    async fn public_extracts(&self) -> Result<Readable<PublicExtract>> {
        self.extracts(None).await
    }

    async fn public_extracts_among(&self, ids: &[NoticeId]) -> Result<Vec<PublicExtract>> {
        self.extracts(Some(ids)).await?.strict()
    }

    async fn add_picture(&self, actor: &Actor, notice: NoticeId, content_type: &str, bytes: &[u8]) -> Result<i64> {
        if !PICTURE_TYPES.contains(&content_type) {
            return Err(StoreError::PictureType(content_type.to_string()));
        }
        let mut tx = begin_write(&self.pool).await?;
        let state: Option<String> = sqlx::query_scalar("SELECT state FROM notices WHERE id = $1")
            .bind(notice.to_string())
            .fetch_optional(&mut *tx)
            .await?;
        let state = parse_stored_state(&state.ok_or(StoreError::NoticeNotFound(notice))?)?;
        if state.is_final() {
            return Err(StoreError::NoticeClosed { notice, state });
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO pictures (notice_id, content_type, bytes, added_at, added_by) VALUES ($1, $2, $3, $4, $5)
             RETURNING id",
        )
        .bind(notice.to_string())
        .bind(content_type)
        .bind(bytes)
        .bind(Stamp(self.clock.now()))
        .bind(&actor.name)
        .fetch_one(&mut *tx)
        .await?;
        // A new picture changes the notice as an officer compares it: a traveller cleared against it
        // without the picture is raised again.
        sqlx::query("UPDATE notices SET updated_at = $1 WHERE id = $2")
            .bind(Stamp(self.clock.now()))
            .bind(notice.to_string())
            .execute(&mut *tx)
            .await?;
        self.append_audit(&mut tx, actor, picture_added(notice, id, content_type, bytes.len())).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn import_published(
        &self,
        actor: &Actor,
        source: &str,
        notices: &[ImportedNotice],
    ) -> Result<Vec<ImportOutcome>> {
        let mut given = HashSet::new();
        for notice in notices {
            importable(notice)?;
            if !given.insert(notice.id) {
                return Err(StoreError::NotImportable { id: notice.id, reason: "given twice in one import".into() });
            }
        }
        let now = self.clock.now();
        let mut tx = begin_write(&self.pool).await?;
        let mut outcomes = Vec::with_capacity(notices.len());
        let (mut fresh, mut changes) = (Vec::new(), Vec::new());
        // What is stored of these ids already, in one read.
        let ids: Vec<String> = notices.iter().map(|n| n.id.to_string()).collect();
        let mut existing: HashMap<String, DbRow> = HashMap::new();
        for row in sqlx::query(concat!(
            "SELECT notices.id AS notice_id, requests.id AS request_id, requests.source,
                    CAST(requests.body AS TEXT) AS body, notices.state, notices.kind,
                    requests.source_withdrawn_at IS NOT NULL AS withdrawn,
                    (SELECT COUNT(*) FROM pictures WHERE pictures.notice_id = notices.id) AS pictures
             FROM notices JOIN requests ON requests.id = notices.request_id WHERE ",
            among!("notices.id", "$1")
        ))
        .bind(id_list(ids))
        .fetch_all(&mut *tx)
        .await?
        {
            existing.insert(row.try_get("notice_id")?, row);
        }
        for notice in notices {
            let id = notice.id.to_string();
            let request = &notice.request;
            if let Some(row) = existing.remove(&id) {
                let request_id: i64 = row.try_get("request_id")?;
                let refused = match row.try_get::<Option<String>, _>("source")? {
                    None => Some(ImportOutcome::IdTaken),
                    Some(stored) if stored != source => Some(ImportOutcome::OtherSource),
                    Some(_) if parse_stored_kind(request_id, row.try_get("kind")?)? != request.kind => {
                        Some(ImportOutcome::OtherKind)
                    }
                    Some(_) => None,
                };
                if let Some(refused) = refused {
                    outcomes.push(refused);
                    continue;
                }
                let restore = row.try_get::<bool, _>("withdrawn")?
                    && parse_stored_state(row.try_get("state")?)? == NoticeState::Suspended;
                // A list entry never replaces what is stored; a detail record replaces what differs, and
                // a stored record that no longer reads.
                let changed = match (notice.detailed, parse_stored_request(request_id, row.try_get("body")?)) {
                    (false, _) => Vec::new(),
                    (true, Ok(stored)) => changed_fields(&stored, request),
                    (true, Err(_)) => vec!["(a stored record that did not read)".to_string()],
                };
                if !changed.is_empty() {
                    sqlx::query(
                        "UPDATE requests SET requested_by = $1, body = $2, version = version + 1 WHERE id = $3",
                    )
                    .bind(request.requested_by.as_str())
                    .bind(JsonText(to_json(request)?))
                    .bind(request_id)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query(
                        "UPDATE notices SET kind = $1, requested_by = $2, subject = $3, updated_at = $4 WHERE id = $5",
                    )
                    .bind(request.kind.as_str())
                    .bind(request.requested_by.as_str())
                    .bind(JsonText(to_json(&request.subjects[0])?))
                    .bind(Stamp(now))
                    .bind(&id)
                    .execute(&mut *tx)
                    .await?;
                    changes.push((actor.clone(), updated_by_source(source, notice.id, &changed)));
                }
                if restore {
                    sqlx::query("UPDATE notices SET state = $1, updated_at = $2 WHERE id = $3")
                        .bind(NoticeState::Published.as_str())
                        .bind(Stamp(now))
                        .bind(&id)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query("UPDATE requests SET source_withdrawn_at = NULL WHERE id = $1")
                        .bind(request_id)
                        .execute(&mut *tx)
                        .await?;
                    changes.push((actor.clone(), restored_by_source(source, notice.id)));
                }
                // Pictures come with a notice that has none yet (a list entry's notice, now detailed).
                if row.try_get::<i64, _>("pictures")? == 0 {
                    for (picture, added) in
                        notice.pictures.iter().zip(insert_pictures(&mut tx, &id, notice, now, actor).await?)
                    {
                        changes.push((
                            actor.clone(),
                            picture_added(notice.id, added, &picture.content_type, picture.bytes.len()),
                        ));
                    }
                }
                outcomes.push(match (restore, changed.is_empty()) {
                    (true, _) => ImportOutcome::Restored,
                    (false, false) => ImportOutcome::Updated,
                    (false, true) => ImportOutcome::AlreadyImported,
                });
                continue;
            }
            fresh.push(notice);
            outcomes.push(ImportOutcome::Imported);
        }
        let (imported, pictures) = insert_imported(&mut tx, actor, source, &fresh, now).await?;
        if !imported.is_empty() {
            changes.insert(0, (actor.clone(), notices_imported(source, &imported, pictures)));
        }
        if !changes.is_empty() {
            self.append_audits(&mut tx, changes).await?;
        }
        tx.commit().await?;
        Ok(outcomes)
    }

    async fn withdraw_missing(
        &self,
        actor: &Actor,
        source: &str,
        kinds: &[NoticeKind],
        seen: &HashSet<NoticeId>,
        insist: bool,
    ) -> Result<Vec<NoticeId>> {
        let mut tx = begin_write(&self.pool).await?;
        let rows: Vec<(String, String, i64)> = sqlx::query_as(concat!(
            "SELECT notices.id, notices.kind, requests.id FROM notices JOIN requests ON requests.id = notices.request_id
             WHERE requests.source = $1 AND notices.state = 'published' ORDER BY notices.id",
            for_update!()
        ))
        .bind(source)
        .fetch_all(&mut *tx)
        .await?;
        let mut published = 0;
        let mut missing = Vec::new();
        for (id, kind, request_id) in rows {
            let id = NoticeId::parse(&id).map_err(StoreError::Corrupt)?;
            if kinds.contains(&parse_stored_kind(request_id, &kind)?) {
                published += 1;
                if !seen.contains(&id) {
                    missing.push((id, request_id));
                }
            }
        }
        if !insist && missing.len() > SWEEP_LOSS_ALWAYS_ALLOWED && missing.len() * 2 > published {
            return Err(StoreError::SweepIncomplete { missing: missing.len(), published });
        }
        let now = self.clock.now();
        let (mut withdrawn, mut changes) = (Vec::new(), Vec::new());
        for (id, request_id) in missing {
            let to = NoticeState::Published.apply(LifecycleEvent::Suspend)?;
            sqlx::query("UPDATE notices SET state = $1, updated_at = $2 WHERE id = $3")
                .bind(to.as_str())
                .bind(Stamp(now))
                .bind(id.to_string())
                .execute(&mut *tx)
                .await?;
            sqlx::query("UPDATE requests SET source_withdrawn_at = $1 WHERE id = $2")
                .bind(Stamp(now))
                .bind(request_id)
                .execute(&mut *tx)
                .await?;
            changes.push((actor.clone(), withdrawn_by_source(source, id)));
            withdrawn.push(id);
        }
        if !changes.is_empty() {
            self.append_audits(&mut tx, changes).await?;
        }
        tx.commit().await?;
        Ok(withdrawn)
    }

    async fn picture(&self, notice: NoticeId, id: i64) -> Result<Option<(String, Vec<u8>)>> {
        Ok(sqlx::query_as("SELECT content_type, bytes FROM pictures WHERE notice_id = $1 AND id = $2")
            .bind(notice.to_string())
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn notice_cards(&self, ids: &[NoticeId]) -> Result<Readable<NoticeCard>> {
        if ids.is_empty() {
            return Ok(Readable { rows: Vec::new(), unreadable: Vec::new() });
        }
        let among = id_list(ids.iter().map(ToString::to_string).collect());
        // One snapshot for the notices and their pictures.
        let mut tx = begin_read(&self.pool).await?;
        let rows = sqlx::query(concat!(
            "SELECT notices.id, notices.kind, notices.requested_by, CAST(notices.subject AS TEXT),
                    CAST(requests.body AS TEXT), notices.request_id, notices.published_at, notices.expires_at,
                    notices.updated_at, requests.source
             FROM notices JOIN requests ON requests.id = notices.request_id
             WHERE notices.state = 'published' AND ",
            among!("notices.id", "$1"),
            " ORDER BY notices.id"
        ))
        .bind(&among)
        .fetch_all(&mut *tx)
        .await?;
        let by_notice = picture_ids(&mut tx, Some(ids)).await?;
        tx.commit().await?;
        Readable::sort(rows.iter().map(|row| {
            let id: String = column(row, 0).unwrap_or_else(|_| "?".into());
            let card = (|| {
                let (kind, requested_by, subject, body): (String, String, String, String) =
                    (column(row, 1)?, column(row, 2)?, column(row, 3)?, column(row, 4)?);
                let request_id: i64 = column(row, 5)?;
                let (published_at, expires_at): (Option<Stamp>, Option<Stamp>) = (column(row, 6)?, column(row, 7)?);
                let (updated_at, source): (Stamp, Option<String>) = (column(row, 8)?, column(row, 9)?);
                let kind = parse_stored_kind(request_id, &kind)?;
                let request = parse_stored_request(request_id, &body)?;
                Ok(NoticeCard {
                    id: NoticeId::parse(&id).map_err(StoreError::Corrupt)?,
                    kind,
                    requested_by,
                    subject: parse_stored_person(&subject)?,
                    action: dragnet_domain::action_of(kind, &request),
                    purpose: request.judicial.as_ref().map(|j| j.purpose),
                    offence_summary: request.offence.and_then(|o| o.summary),
                    charges: request.charges,
                    pictures: by_notice.get(&id).cloned().unwrap_or_default(),
                    published_at: published_at.map(|at| at.0),
                    expires_at: expires_at.map(|at| at.0),
                    updated_at: updated_at.0,
                    source,
                })
            })();
            (id, card)
        }))
    }

    async fn record_clearance(&self, actor: &Actor, new: &NewClearance) -> Result<Clearance> {
        let country = actor.country.clone().ok_or(StoreError::NoticeNotFound(new.notice))?;
        let now = self.clock.now();
        let mut tx = begin_write(&self.pool).await?;
        let updated_at: Stamp = sqlx::query_scalar(
            "SELECT updated_at FROM notices WHERE id = $1 AND state = 'published'
             AND NOT EXISTS (SELECT 1 FROM notice_bars WHERE notice_id = notices.id AND country = $2)",
        )
        .bind(new.notice.to_string())
        .bind(&country)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NoticeNotFound(new.notice))?;
        if updated_at.0 != new.seen {
            return Err(StoreError::NoticeChanged(new.notice));
        }
        let overruled: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM clearances WHERE notice_id = $1 AND document = $2 AND date_of_birth = $3
                            AND revoked_at IS NOT NULL)",
        )
        .bind(new.notice.to_string())
        .bind(&new.document)
        .bind(new.date_of_birth.to_string())
        .fetch_one(&mut *tx)
        .await?;
        if overruled {
            return Err(StoreError::ClearanceOverruled(new.notice));
        }
        let expires_at = now + CLEARANCE_LIFETIME;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO clearances (notice_id, document, date_of_birth, notice_updated_at, reason, country,
                                     cleared_by, cleared_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(new.notice.to_string())
        .bind(&new.document)
        .bind(new.date_of_birth.to_string())
        .bind(Stamp(updated_at.0))
        .bind(&new.reason)
        .bind(&country)
        .bind(&actor.name)
        .bind(Stamp(now))
        .bind(Stamp(expires_at))
        .fetch_one(&mut *tx)
        .await?;
        let clearance = Clearance {
            id,
            notice: new.notice,
            document: new.document.clone(),
            date_of_birth: new.date_of_birth.to_string(),
            notice_updated_at: updated_at.0,
            reason: new.reason.clone(),
            country,
            cleared_by: actor.name.clone(),
            cleared_at: now,
            expires_at,
            revoked_by: None,
            revoked_at: None,
            revoked_reason: None,
            notice_unchanged: None,
        };
        self.append_audit(&mut tx, actor, clearance_recorded(&clearance)).await?;
        tx.commit().await?;
        Ok(clearance)
    }

    async fn clearances_for(&self, documents: &[String], notices: &[NoticeId]) -> Result<Vec<Clearance>> {
        if documents.is_empty() || notices.is_empty() {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(concat!(
            "SELECT ",
            clearance_columns!(),
            " FROM clearances WHERE revoked_at IS NULL AND expires_at > $3 AND ",
            among!("document", "$1"),
            " AND ",
            among!("notice_id", "$2"),
            " ORDER BY id"
        ))
        .bind(id_list(documents.to_vec()))
        .bind(id_list(notices.iter().map(ToString::to_string).collect()))
        .bind(Stamp(self.clock.now()))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(clearance_from_row).collect()
    }

    async fn clearances(&self, actor: &Actor, before: Option<i64>, limit: i64) -> Result<Vec<Clearance>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            clearance_columns!(),
            " FROM clearances WHERE ($1 IS NULL OR id < $1) ORDER BY id DESC LIMIT $2"
        ))
        .bind(before)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut clearances = rows.iter().map(clearance_from_row).collect::<Result<Vec<_>>>()?;
        // Whether each notice still stands as it was cleared, read in one go.
        let ids = id_list(clearances.iter().map(|c| c.notice.to_string()).collect());
        let notices: Vec<(String, String, Stamp)> =
            sqlx::query_as(concat!("SELECT id, state, updated_at FROM notices WHERE ", among!("id", "$1")))
                .bind(&ids)
                .fetch_all(&self.pool)
                .await?;
        let now: HashMap<String, (String, OffsetDateTime)> =
            notices.into_iter().map(|(id, state, at)| (id, (state, at.0))).collect();
        for clearance in &mut clearances {
            let standing = now.get(&clearance.notice.to_string());
            clearance.notice_unchanged =
                Some(standing.is_some_and(|(state, at)| state == "published" && *at == clearance.notice_updated_at));
        }
        let entry = AuditEntry::new("clearance.list", "clearances")
            .details(serde_json::json!({"shown": clearances.iter().map(|c| c.id).collect::<Vec<_>>()}));
        self.audit_read(actor, entry).await?;
        Ok(clearances)
    }

    async fn revoke_clearance(&self, actor: &Actor, id: i64, reason: &str) -> Result<Clearance> {
        let now = self.clock.now();
        let mut tx = begin_write(&self.pool).await?;
        let changed = sqlx::query(
            "UPDATE clearances SET revoked_by = $1, revoked_at = $2, revoked_reason = $3
             WHERE id = $4 AND revoked_at IS NULL",
        )
        .bind(&actor.name)
        .bind(Stamp(now))
        .bind(reason)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let row = sqlx::query(concat!("SELECT ", clearance_columns!(), " FROM clearances WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::ClearanceNotFound(id))?;
        let clearance = clearance_from_row(&row)?;
        if changed == 0 {
            return Err(StoreError::ClearanceRevoked(id));
        }
        self.append_audit(&mut tx, actor, clearance_revoked(&clearance)).await?;
        tx.commit().await?;
        Ok(clearance)
    }

    async fn search_notices(
        &self,
        search: &NoticeSearch,
        limit: i64,
    ) -> Result<(Readable<FoundNotice>, Option<(i64, i32)>)> {
        // Bounds that are always given (the widest when the search leaves them out): a typed NULL
        // would be written differently on each backend.
        let from = search.created_from.unwrap_or(time::macros::date!(1900 - 01 - 01)).midnight().assume_utc();
        let to = search
            .created_to
            .and_then(|day| day.next_day())
            .unwrap_or(time::macros::date!(9999 - 12 - 31))
            .midnight()
            .assume_utc();
        let (before_request, before_subject) = search.before.unwrap_or((i64::MAX, i32::MAX));
        let rows = sqlx::query(
            "SELECT id, request_id, subject_index, kind, requested_by, state, CAST(subject AS TEXT) AS subject,
                    created_at, published_at, expires_at
             FROM notices
             WHERE (CAST($1 AS TEXT) IS NULL OR requested_by = $1) AND (CAST($2 AS TEXT) IS NULL OR state = $2)
               AND (CAST($3 AS TEXT) IS NULL OR kind = $3) AND created_at >= $4 AND created_at < $5
               AND (request_id < $6 OR (request_id = $6 AND subject_index < $7))
             ORDER BY request_id DESC, subject_index DESC LIMIT $8",
        )
        .bind(search.requested_by.as_deref())
        .bind(search.state.map(|state| state.as_str()))
        .bind(search.kind.map(|kind| kind.as_str()))
        .bind(Stamp(from))
        .bind(Stamp(to))
        .bind(before_request)
        .bind(before_subject)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut found = Readable { rows: Vec::with_capacity(rows.len()), unreadable: Vec::new() };
        for row in &rows {
            let id: String = row.try_get("id").unwrap_or_else(|_| "?".into());
            let notice = (|| {
                let request_id: i64 = row.try_get("request_id")?;
                Ok::<_, StoreError>(FoundNotice {
                    id: NoticeId::parse(&id).map_err(StoreError::Corrupt)?,
                    request_id,
                    subject_index: row.try_get("subject_index")?,
                    kind: parse_stored_kind(request_id, &row.try_get::<String, _>("kind")?)?,
                    requested_by: row.try_get("requested_by")?,
                    state: parse_stored_state(row.try_get("state")?)?,
                    subject: parse_stored_person(&row.try_get::<String, _>("subject")?)?,
                    created_at: stamp(row, "created_at")?,
                    published_at: row.try_get::<Option<Stamp>, _>("published_at")?.map(|at| at.0),
                    expires_at: row.try_get::<Option<Stamp>, _>("expires_at")?.map(|at| at.0),
                })
            })();
            // Kept in the list's order, newest first, so that paging goes on after the last one read.
            match notice {
                Ok(notice) => found.rows.push(notice),
                Err(err) => found.unreadable.push(crate::Unreadable { notice: id, reason: err.to_string() }),
            }
        }
        let last = match rows.last() {
            Some(row) => Some((row.try_get("request_id")?, row.try_get("subject_index")?)),
            None => None,
        };
        Ok((found, last))
    }

    async fn record_notice_search(&self, reader: &Actor, what: serde_json::Value, shown: &[NoticeId]) -> Result<()> {
        let entry =
            AuditEntry::new("notice.search", "notices").details(serde_json::json!({"search": what, "shown": shown}));
        self.audit_read(reader, entry).await
    }

    async fn record_screening(&self, actor: &Actor, people: usize, shown: &[NoticeId]) -> Result<()> {
        self.audit_read(actor, screening_recorded(people, shown)).await
    }

    async fn record_location(
        &self,
        actor: &Actor,
        id: NoticeId,
        place: Option<&str>,
        remarks: Option<&str>,
    ) -> Result<Notification> {
        let country = actor.country.clone().ok_or(StoreError::NoticeNotFound(id))?;
        let now = self.clock.now();
        let mut tx = begin_write(&self.pool).await?;
        let requester: String = sqlx::query_scalar(
            "SELECT requested_by FROM notices WHERE id = $1 AND state = 'published'
             AND NOT EXISTS (SELECT 1 FROM notice_bars WHERE notice_id = notices.id AND country = $2)",
        )
        .bind(id.to_string())
        .bind(&country)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NoticeNotFound(id))?;
        let location: i64 = sqlx::query_scalar(
            "INSERT INTO locations (notice_id, located_by, country, place, remarks, at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(id.to_string())
        .bind(&actor.name)
        .bind(&country)
        .bind(place)
        .bind(remarks)
        .bind(Stamp(now))
        .fetch_one(&mut *tx)
        .await?;
        let notification: i64 = sqlx::query_scalar(
            "INSERT INTO notifications (country, kind, notice_id, location_id, at)
             VALUES ($1, 'located', $2, $3, $4) RETURNING id",
        )
        .bind(&requester)
        .bind(id.to_string())
        .bind(location)
        .bind(Stamp(now))
        .fetch_one(&mut *tx)
        .await?;
        let notification = Notification {
            id: notification,
            kind: "located".into(),
            notice: id,
            located_in: Some(country),
            located_by: Some(actor.name.clone()),
            reason: None,
            place: place.map(str::to_string),
            remarks: remarks.map(str::to_string),
            at: now,
        };
        self.append_audit(&mut tx, actor, location_recorded(id, &notification)).await?;
        tx.commit().await?;
        Ok(notification)
    }

    async fn notifications(&self, actor: &Actor, country: &str, after: i64, limit: i64) -> Result<Vec<Notification>> {
        let mut tx = begin_write(&self.pool).await?;
        let rows = sqlx::query(
            "SELECT notifications.id, notifications.kind, notifications.notice_id, notifications.at,
                    locations.country AS located_in, locations.located_by, locations.place, locations.remarks,
                    notifications.reason
             FROM notifications LEFT JOIN locations ON locations.id = notifications.location_id
             WHERE notifications.country = $1 AND notifications.id > $2 ORDER BY notifications.id LIMIT $3",
        )
        .bind(country)
        .bind(after)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        let notifications = rows.iter().map(notification_from_row).collect::<Result<Vec<_>>>()?;
        let shown: Vec<i64> = notifications.iter().map(|n| n.id).collect();
        self.append_audit(
            &mut tx,
            actor,
            AuditEntry::new("notifications.read", format!("notifications/{country}"))
                .details(serde_json::json!({"shown": shown})),
        )
        .await?;
        tx.commit().await?;
        Ok(notifications)
    }

    async fn recent_notifications(&self, actor: &Actor, country: &str, limit: i64) -> Result<Vec<Notification>> {
        let rows = sqlx::query(
            "SELECT notifications.id, notifications.kind, notifications.notice_id, notifications.at,
                    locations.country AS located_in, locations.located_by, locations.place, locations.remarks,
                    notifications.reason
             FROM notifications LEFT JOIN locations ON locations.id = notifications.location_id
             WHERE notifications.country = $1 ORDER BY notifications.id DESC LIMIT $2",
        )
        .bind(country)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let notifications = rows.iter().map(notification_from_row).collect::<Result<Vec<_>>>()?;
        let shown: Vec<i64> = notifications.iter().map(|n| n.id).collect();
        let entry = AuditEntry::new("notifications.read", format!("notifications/{country}"))
            .details(serde_json::json!({"shown": shown}));
        self.audit_read(actor, entry).await?;
        Ok(notifications)
    }

    async fn set_webhook(&self, actor: &Actor, country: &str, url: &str) -> Result<String> {
        let secret = format!("whsec_{}", &new_token()[3..]);
        let mut tx = begin_write(&self.pool).await?;
        sqlx::query(
            "INSERT INTO webhooks (country, url, secret, created_by, created_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (country) DO UPDATE SET url = excluded.url, secret = excluded.secret,
             created_by = excluded.created_by, created_at = excluded.created_at",
        )
        .bind(country)
        .bind(url)
        .bind(&secret)
        .bind(&actor.name)
        .bind(Stamp(self.clock.now()))
        .execute(&mut *tx)
        .await?;
        self.append_audit(&mut tx, actor, webhook_set(country, url)).await?;
        tx.commit().await?;
        Ok(secret)
    }

    async fn webhook(&self, country: &str) -> Result<Option<Webhook>> {
        let row = sqlx::query("SELECT country, url, created_by, created_at FROM webhooks WHERE country = $1")
            .bind(country)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| {
            Ok(Webhook {
                country: row.try_get("country")?,
                url: row.try_get("url")?,
                created_by: row.try_get("created_by")?,
                created_at: stamp(&row, "created_at")?,
            })
        })
        .transpose()
    }

    async fn remove_webhook(&self, actor: &Actor, country: &str) -> Result<bool> {
        let mut tx = begin_write(&self.pool).await?;
        let removed = sqlx::query("DELETE FROM webhooks WHERE country = $1")
            .bind(country)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if removed > 0 {
            self.append_audit(&mut tx, actor, webhook_removed(country)).await?;
        }
        tx.commit().await?;
        Ok(removed > 0)
    }

    async fn claim_deliveries(&self, limit: i64, lease: time::Duration) -> Result<Vec<Delivery>> {
        let now = self.clock.now();
        let mut tx = begin_write(&self.pool).await?;
        // A notification another server is claiming this moment is left to it (SKIP LOCKED).
        let claimed: Vec<i64> = sqlx::query_scalar(concat!(
            "UPDATE notifications SET webhook_claimed_until = $1 WHERE id IN (
                 SELECT notifications.id FROM notifications
                 JOIN webhooks ON webhooks.country = notifications.country
                 WHERE notifications.webhook_delivered_at IS NULL AND notifications.at >= webhooks.created_at
                   AND notifications.webhook_attempts < $2
                   AND (notifications.webhook_next_at IS NULL OR notifications.webhook_next_at <= $3)
                   AND (notifications.webhook_claimed_until IS NULL OR notifications.webhook_claimed_until <= $3)
                 ORDER BY notifications.id LIMIT $4",
            skip_locked!("notifications"),
            ") RETURNING id"
        ))
        .bind(Stamp(now + lease))
        .bind(MOST_DELIVERY_ATTEMPTS as i32)
        .bind(Stamp(now))
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        let rows = sqlx::query(concat!(
            "SELECT notifications.id, notifications.kind, notifications.notice_id, notifications.at,
                    locations.country AS located_in, locations.located_by, locations.place, locations.remarks,
                    notifications.reason, notifications.country, webhooks.url, webhooks.secret,
                    notifications.webhook_attempts
             FROM notifications
             LEFT JOIN locations ON locations.id = notifications.location_id
             JOIN webhooks ON webhooks.country = notifications.country
             WHERE ",
            among!("notifications.id", "$1"),
            " ORDER BY notifications.id"
        ))
        .bind(id_list(claimed))
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        rows.iter()
            .map(|row| {
                Ok(Delivery {
                    notification: notification_from_row(row)?,
                    country: row.try_get("country")?,
                    url: row.try_get("url")?,
                    secret: row.try_get("secret")?,
                    attempts: i64::from(row.try_get::<i32, _>("webhook_attempts")?),
                })
            })
            .collect()
    }

    async fn record_delivery(
        &self,
        delivery: &Delivery,
        outcome: std::result::Result<(), String>,
        retry_in: time::Duration,
    ) -> Result<()> {
        let now = self.clock.now();
        let mut tx = begin_write(&self.pool).await?;
        match outcome {
            Ok(()) => {
                sqlx::query(
                    "UPDATE notifications SET webhook_delivered_at = $1, webhook_attempts = webhook_attempts + 1,
                     webhook_error = NULL, webhook_claimed_until = NULL WHERE id = $2",
                )
                .bind(Stamp(now))
                .bind(delivery.notification.id)
                .execute(&mut *tx)
                .await?;
                self.append_audit(&mut tx, &deliverer(), webhook_delivered(delivery)).await?;
            }
            Err(error) => {
                let error: String = error.chars().take(500).collect();
                sqlx::query(
                    "UPDATE notifications SET webhook_attempts = webhook_attempts + 1, webhook_next_at = $1,
                     webhook_error = $2, webhook_claimed_until = NULL WHERE id = $3",
                )
                .bind(Stamp(now + retry_in))
                .bind(error)
                .bind(delivery.notification.id)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    async fn office_holders(&self) -> Result<Vec<RegisterEntry>> {
        let rows = sqlx::query("SELECT id, line, added_by, added_at FROM office_holders ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter()
            .map(|row| {
                Ok(RegisterEntry {
                    id: row.try_get("id")?,
                    line: row.try_get("line")?,
                    added_by: row.try_get("added_by")?,
                    added_at: stamp(&row, "added_at")?,
                })
            })
            .collect()
    }

    async fn seed_office_holders(&self, actor: &Actor, lines: &[String]) -> Result<bool> {
        let now = self.clock.now();
        let mut tx = begin_write(&self.pool).await?;
        let seeded =
            sqlx::query("INSERT INTO register_seeded (id, seeded_at) VALUES (1, $1) ON CONFLICT (id) DO NOTHING")
                .bind(Stamp(now))
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if seeded == 0 {
            return Ok(false);
        }
        for line in lines {
            sqlx::query("INSERT INTO office_holders (line, added_by, added_at) VALUES ($1, $2, $3)")
                .bind(line)
                .bind(&actor.name)
                .bind(Stamp(now))
                .execute(&mut *tx)
                .await?;
        }
        let entry =
            AuditEntry::new("register.seed", "office_holders").details(serde_json::json!({"entries": lines.len()}));
        self.append_audit(&mut tx, actor, entry).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn add_office_holder(&self, actor: &Actor, line: &str) -> Result<RegisterEntry> {
        let now = self.clock.now();
        let mut tx = begin_write(&self.pool).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO office_holders (line, added_by, added_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(line)
        .bind(&actor.name)
        .bind(Stamp(now))
        .fetch_one(&mut *tx)
        .await?;
        self.append_audit(&mut tx, actor, register_changed("register.add", id, line, None)).await?;
        tx.commit().await?;
        Ok(RegisterEntry {
            id,
            line: line.to_string(),
            added_by: actor.name.clone(),
            added_at: crate::audit::truncate_to_micros(now),
        })
    }

    async fn remove_office_holder(&self, actor: &Actor, id: i64, reason: &str) -> Result<()> {
        let mut tx = begin_write(&self.pool).await?;
        let line: String = sqlx::query_scalar("DELETE FROM office_holders WHERE id = $1 RETURNING line")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::EntryNotFound(id))?;
        self.append_audit(&mut tx, actor, register_changed("register.remove", id, &line, Some(reason))).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn expire_due(&self, actor: &Actor) -> Result<Vec<NoticeId>> {
        let now = self.clock.now();
        let mut tx = begin_write(&self.pool).await?;
        let due: Vec<String> = sqlx::query_scalar(concat!(
            "SELECT id FROM notices WHERE state = 'published' AND expires_at <= $1 ORDER BY id",
            for_update!()
        ))
        .bind(Stamp(now))
        .fetch_all(&mut *tx)
        .await?;
        let mut expired = Vec::with_capacity(due.len());
        for id in due {
            let id = NoticeId::parse(&id).map_err(StoreError::Corrupt)?;
            let to = NoticeState::Published.apply(LifecycleEvent::Expire)?;
            sqlx::query("UPDATE notices SET state = $1, updated_at = $2 WHERE id = $3")
                .bind(to.as_str())
                .bind(Stamp(now))
                .bind(id.to_string())
                .execute(&mut *tx)
                .await?;
            let entry = notice_moved(
                id,
                LifecycleEvent::Expire,
                NoticeState::Published,
                to,
                Some("five years in force without renewal"),
            );
            self.append_audit(&mut tx, actor, entry).await?;
            notify_requester(&mut tx, id, "expired", Some("five years in force without renewal"), now).await?;
            expired.push(id);
        }
        // Six months before a notice lapses its bureau is told, once for each five years in force
        // (a renewal starts them again, and a new warning with them).
        let soon: Vec<(String, Stamp)> = sqlx::query_as(
            "SELECT id, expires_at FROM notices WHERE state = 'published' AND expires_at <= $1 ORDER BY id",
        )
        .bind(Stamp(now + EXPIRY_WARNING))
        .fetch_all(&mut *tx)
        .await?;
        for (id, expires_at) in soon {
            let warned: Option<Stamp> =
                sqlx::query_scalar("SELECT MAX(at) FROM notifications WHERE notice_id = $1 AND kind = 'expiring'")
                    .bind(&id)
                    .fetch_one(&mut *tx)
                    .await?;
            if warned.is_some_and(|at| at.0 >= expires_at.0 - NOTICE_LIFETIME) {
                continue;
            }
            let id = NoticeId::parse(&id).map_err(StoreError::Corrupt)?;
            let date = expires_at.0.date().to_string();
            notify_requester(&mut tx, id, "expiring", Some(&format!("in force until {date} unless renewed")), now)
                .await?;
        }
        tx.commit().await?;
        Ok(expired)
    }

    async fn create_user(&self, actor: &Actor, name: &UserName, grant: Grant) -> Result<UserRecord> {
        let now = self.clock.now();
        let mut tx = begin_write(&self.pool).await?;
        let country = grant.acts_for().map(|c| c.to_string());
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO users (name, role, country, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (name) DO NOTHING RETURNING id",
        )
        .bind(name.as_str())
        .bind(grant.role().as_str())
        .bind(&country)
        .bind(Stamp(now))
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = id else {
            return Err(StoreError::UserExists(name.to_string()));
        };
        self.append_audit(&mut tx, actor, user_created(name, &grant)).await?;
        tx.commit().await?;
        Ok(UserRecord { id, name: name.clone(), grant, created_at: now, disabled_at: None })
    }

    async fn create_token(
        &self,
        actor: &Actor,
        user: &UserName,
        label: &str,
        lifetime: time::Duration,
    ) -> Result<String> {
        if lifetime <= time::Duration::ZERO || lifetime > crate::LONGEST_TOKEN_LIFETIME {
            return Err(StoreError::TokenLifetime(crate::LONGEST_TOKEN_LIFETIME.whole_days()));
        }
        let token = new_token();
        let now = self.clock.now();
        let mut tx = begin_write(&self.pool).await?;
        let row: Option<(i64, Option<Stamp>)> = sqlx::query_as("SELECT id, disabled_at FROM users WHERE name = $1")
            .bind(user.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        let user_id = match row {
            None => return Err(StoreError::UserNotFound(user.to_string())),
            Some((_, Some(_))) => return Err(StoreError::UserDisabled(user.to_string())),
            Some((id, None)) => id,
        };
        sqlx::query(
            "INSERT INTO api_tokens (user_id, token_sha256, label, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(user_id)
        .bind(hash_token(&token))
        .bind(label)
        .bind(Stamp(now))
        .bind(Stamp(now + lifetime))
        .execute(&mut *tx)
        .await?;
        let entry = token_created(user, label).details(serde_json::json!({
            "label": label,
            "expires_at": crate::audit::format_timestamp(now + lifetime),
        }));
        self.append_audit(&mut tx, actor, entry).await?;
        tx.commit().await?;
        Ok(token)
    }

    async fn set_disabled(&self, actor: &Actor, user: &UserName, disabled: bool, reason: &str) -> Result<()> {
        let now = self.clock.now();
        let mut tx = begin_write(&self.pool).await?;
        let user_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE name = $1")
            .bind(user.as_str())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::UserNotFound(user.to_string()))?;
        let entry = if disabled {
            sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL")
                .bind(Stamp(now))
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            let sessions =
                sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
            let tokens = sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
                .bind(Stamp(now))
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            AuditEntry::new("user.disable", format!("user/{user}")).reason(Some(reason)).details(serde_json::json!({
                "sessions_ended": sessions.rows_affected(),
                "tokens_revoked": tokens.rows_affected(),
            }))
        } else {
            sqlx::query("UPDATE users SET disabled_at = NULL WHERE id = $1").bind(user_id).execute(&mut *tx).await?;
            AuditEntry::new("user.enable", format!("user/{user}")).reason(Some(reason))
        };
        self.append_audit(&mut tx, actor, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn record_failed_sign_in(&self, user: Option<&UserName>, address: Option<&str>, why: &str) -> Result<()> {
        let mut tx = begin_write(&self.pool).await?;
        let target = user.map_or_else(|| "user/?".to_string(), |user| format!("user/{user}"));
        let actor = Actor::system("sign-in", None);
        let entry = AuditEntry::new("session.refused", target)
            .reason(Some(why))
            .details(serde_json::json!({ "address": address }));
        self.append_audit(&mut tx, &actor, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn server_secret(&self, name: &str) -> Result<String> {
        let fresh = new_token();
        let mut tx = begin_write(&self.pool).await?;
        sqlx::query("INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .bind(&fresh)
            .execute(&mut *tx)
            .await?;
        let value: String = sqlx::query_scalar("SELECT value FROM server_secrets WHERE name = $1")
            .bind(name)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(value)
    }

    async fn revoke_tokens(&self, actor: &Actor, user: &UserName, label: Option<&str>) -> Result<u64> {
        let now = self.clock.now();
        let mut tx = begin_write(&self.pool).await?;
        let user_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE name = $1")
            .bind(user.as_str())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::UserNotFound(user.to_string()))?;
        let revoked = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1
             WHERE user_id = $2 AND revoked_at IS NULL AND (CAST($3 AS TEXT) IS NULL OR label = $3)",
        )
        .bind(Stamp(now))
        .bind(user_id)
        .bind(label)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let entry = AuditEntry::new("token.revoke", format!("user/{user}"))
            .details(serde_json::json!({"label": label, "revoked": revoked}));
        self.append_audit(&mut tx, actor, entry).await?;
        tx.commit().await?;
        Ok(revoked)
    }

    async fn users(&self) -> Result<Vec<UserRecord>> {
        let rows = sqlx::query("SELECT * FROM users ORDER BY name").fetch_all(&self.pool).await?;
        rows.iter().map(user_from_row).collect()
    }

    async fn set_password(&self, actor: &Actor, user: &UserName, hash: &str) -> Result<()> {
        let mut tx = begin_write(&self.pool).await?;
        let changed = sqlx::query("UPDATE users SET password_hash = $1 WHERE name = $2")
            .bind(hash)
            .bind(user.as_str())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if changed == 0 {
            return Err(StoreError::UserNotFound(user.to_string()));
        }
        self.append_audit(&mut tx, actor, AuditEntry::new("user.password", format!("user/{user}"))).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn user_password(&self, user: &UserName) -> Result<Option<(UserRecord, String)>> {
        let row =
            sqlx::query("SELECT * FROM users WHERE name = $1 AND password_hash IS NOT NULL AND disabled_at IS NULL")
                .bind(user.as_str())
                .fetch_optional(&self.pool)
                .await?;
        row.map(|row| Ok((user_from_row(&row)?, row.try_get("password_hash")?))).transpose()
    }

    async fn start_session(&self, user: &UserRecord, lifetime: time::Duration) -> Result<(String, String)> {
        let (token, csrf) = (new_token(), new_token());
        let now = self.clock.now();
        let mut tx = begin_write(&self.pool).await?;
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(Stamp(now)).execute(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO sessions (token_sha256, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(hash_token(&token))
        .bind(user.id)
        .bind(&csrf)
        .bind(Stamp(now))
        .bind(Stamp(now + lifetime))
        .execute(&mut *tx)
        .await?;
        let actor = Actor::user(&user.name, &user.grant);
        self.append_audit(&mut tx, &actor, AuditEntry::new("session.start", format!("user/{}", user.name))).await?;
        tx.commit().await?;
        Ok((token, csrf))
    }

    async fn session(&self, token: &str) -> Result<Option<(UserRecord, String)>> {
        let row = sqlx::query(
            "SELECT users.*, sessions.csrf FROM sessions JOIN users ON users.id = sessions.user_id
             WHERE sessions.token_sha256 = $1 AND sessions.expires_at > $2 AND users.disabled_at IS NULL",
        )
        .bind(hash_token(token))
        .bind(Stamp(self.clock.now()))
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| Ok((user_from_row(&row)?, row.try_get("csrf")?))).transpose()
    }

    async fn end_session(&self, token: &str) -> Result<()> {
        let Some((user, _)) = self.session(token).await? else { return Ok(()) };
        let mut tx = begin_write(&self.pool).await?;
        sqlx::query("DELETE FROM sessions WHERE token_sha256 = $1").bind(hash_token(token)).execute(&mut *tx).await?;
        let actor = Actor::user(&user.name, &user.grant);
        self.append_audit(&mut tx, &actor, AuditEntry::new("session.end", format!("user/{}", user.name))).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn user_for_token(&self, token: &str) -> Result<Option<UserRecord>> {
        let row = sqlx::query(
            "SELECT users.* FROM api_tokens JOIN users ON users.id = api_tokens.user_id
             WHERE api_tokens.token_sha256 = $1 AND api_tokens.revoked_at IS NULL AND users.disabled_at IS NULL
               AND (api_tokens.expires_at IS NULL OR api_tokens.expires_at > $2)",
        )
        .bind(hash_token(token))
        .bind(Stamp(self.clock.now()))
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

    async fn search_audit(&self, reader: &Actor, filter: &AuditFilter, limit: i64) -> Result<Vec<AuditRecord>> {
        // Newest first before a place, or oldest first after one: two statements, each one order.
        // An action or target is matched whole, or as a start when it ends with `.` or `/`
        // (`notice.`, `request/`), compared as text so that both databases match case and `%` alike.
        const MATCHES: &str = "(CAST($1 AS TEXT) IS NULL OR action = $1)
               AND (CAST($2 AS TEXT) IS NULL OR substr(action, 1, length($2)) = $2)
               AND (CAST($3 AS TEXT) IS NULL OR actor = $3)
               AND (CAST($4 AS TEXT) IS NULL OR target = $4)
               AND (CAST($5 AS TEXT) IS NULL OR substr(target, 1, length($5)) = $5)";
        let statement = if filter.after.is_some() {
            format!(
                "SELECT * FROM audit_log WHERE {MATCHES} AND (CAST($6 AS BIGINT) IS NULL OR seq > $6) ORDER BY seq LIMIT $7"
            )
        } else {
            format!(
                "SELECT * FROM audit_log WHERE {MATCHES} AND (CAST($6 AS BIGINT) IS NULL OR seq < $6) ORDER BY seq DESC LIMIT $7"
            )
        };
        let (action, action_start) = AuditFilter::whole_or_start(filter.action.as_deref());
        let (target, target_start) = AuditFilter::whole_or_start(filter.target.as_deref());
        // The statement is two constants of ours: what is asked for is bound, never written into it.
        let rows = sqlx::query(sqlx::AssertSqlSafe(statement))
            .bind(action)
            .bind(action_start)
            .bind(filter.actor.as_deref())
            .bind(target)
            .bind(target_start)
            .bind(filter.after.or(filter.before))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        let records = rows.iter().map(audit_from_row).collect::<Result<Vec<_>>>()?;
        let entry = AuditEntry::new("audit.search", "audit")
            .details(serde_json::json!({"filter": filter, "shown": records.len()}));
        self.audit_read(reader, entry).await?;
        Ok(records)
    }

    async fn audit_changes(&self, after: i64, upto: i64, limit: i64) -> Result<Vec<AuditRecord>> {
        // The condition is a constant of ours: nothing from outside enters the statement's text.
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT * FROM audit_log WHERE seq > $1 AND seq <= $2 AND {CHANGE_ACTIONS} ORDER BY seq LIMIT $3"
        )))
        .bind(after)
        .bind(upto)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(audit_from_row).collect()
    }

    async fn listen_for_changes(&self, wake: &tokio::sync::Notify) -> Result<()> {
        listen(&self.pool, wake).await
    }

    fn audit_key(&self) -> Option<&[u8]> {
        self.audit_key.as_deref().map(Vec::as_slice)
    }

    async fn sealed_state(&self) -> Result<crate::SealedState> {
        let mut tx = begin_read(&self.pool).await?;
        let (head_seq, head_hash): (i64, String) =
            sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(&mut *tx).await?;
        let seals = self.seals(&mut tx, None, None).await?;
        tx.commit().await?;
        Ok(crate::SealedState { head_seq, head_hash, seals })
    }

    async fn audit_head(&self) -> Result<(i64, String)> {
        Ok(sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(&self.pool).await?)
    }
}
