//! Dragnet's storage: the [`Store`] trait, its SQLite and PostgreSQL implementations, the audit chain.
//!
//! Every method that changes something, or reads personal data, writes its audit record in the
//! same transaction, so there is no change without its record and no record without its change.
//! The backend is picked once, from the database URL, by [`open`].

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;
use dragnet_domain::knowledge::KnownItem;
use dragnet_domain::{
    Actor, Grant, IllegalTransition, LifecycleEvent, Notice, NoticeId, NoticeKind, NoticeRequest, NoticeState,
    PartialDate, Person, Requester, UserName,
};
use serde::Serialize;
use time::OffsetDateTime;

pub mod audit;
mod failpoint;
mod group;
pub mod log;
pub mod postgres;
pub mod sqlite;
pub mod testing;
mod tokens;

pub use audit::{Anchor, AuditRecord, AuditVerification};
pub use failpoint::failpoint;
pub use tokens::{hash_token, new_token};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(sqlx::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("cannot create the data folder {path}: {source}")]
    DataFolder { path: PathBuf, source: std::io::Error },
    #[error("no notice {0}")]
    NoticeNotFound(NoticeId),
    #[error(transparent)]
    IllegalTransition(#[from] IllegalTransition),
    #[error("a user named {0} already exists")]
    UserExists(String),
    #[error("no user named {0}")]
    UserNotFound(String),
    #[error("user {0} is disabled")]
    UserDisabled(String),
    #[error("lifetime: a token lasts from one second to {0} days")]
    TokenLifetime(i64),
    #[error("no request {0}")]
    RequestNotFound(i64),
    #[error("no register entry {0}")]
    EntryNotFound(i64),
    /// A notice in a final state (refused, cancelled, expired, withdrawn) takes nothing more.
    #[error("notice {notice} is {state}: it takes no more pictures")]
    NoticeClosed { notice: NoticeId, state: NoticeState },
    /// The request has nothing in the state the action needs (no draft to submit, nothing in review).
    #[error("request {request}: {reason}")]
    NothingToDo { request: i64, reason: String },
    /// Knowledge about a subject the request does not name.
    #[error("request {request} names {subjects} subjects, numbered from 0: there is no subject {subject}")]
    NoSuchSubject { request: i64, subject: usize, subjects: i64 },
    /// A notice kept after a re-check that waits for none.
    #[error("notice {0} waits for no re-check")]
    NotRechecked(NoticeId),
    /// A second publication decision by the reviewer who made the first.
    #[error("notice {0} needs a second reviewer: the same reviewer cannot concur with themself")]
    SameReviewer(NoticeId),
    /// An edit that would change how many subjects a request names.
    #[error("request {request} names {existing} subjects; an edit keeps them (make a new request for others)")]
    SubjectCountChanged { request: i64, existing: usize },
    /// The request was edited after the check read it: its report would not be the stored body's.
    #[error("request {request} was edited while it was being checked; check it again")]
    RequestChanged { request: i64 },
    /// The server's check did not cover exactly the request's notices.
    #[error("request {request}: the check must cover its notices {expected:?}")]
    CheckMismatch { request: i64, expected: Vec<NoticeId> },
    /// Stored data that no longer reads as what was written: a bug or tampering, never user error.
    #[error("notice {0} changed since it was screened; screen the traveller again")]
    NoticeChanged(NoticeId),
    #[error("no clearance {0}")]
    ClearanceNotFound(i64),
    #[error("clearance {0} was revoked already")]
    ClearanceRevoked(i64),
    #[error("the secretariat revoked a clearance of this traveller against notice {0}: only it may clear them again")]
    ClearanceOverruled(NoticeId),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// The transaction that held this audit record with others failed; the text is its error.
    #[error("writing audit records failed: {0}")]
    AuditBatch(String),
    #[error("{0} is not a picture type Dragnet keeps (image/jpeg, image/png, image/svg+xml)")]
    PictureType(String),
    /// An imported notice that is not one published notice about one subject.
    #[error("notice {id} cannot be imported: {reason}")]
    NotImportable { id: NoticeId, reason: String },
    /// A sweep that lacks most of what the source published is taken for an incomplete one (a
    /// scrape cut short, one page of a list): nothing is withdrawn unless the caller insists.
    #[error(
        "the sweep lacks {missing} of the source's {published} published notices of its kinds, more than half: \
         it is taken for an incomplete sweep and nothing was withdrawn"
    )]
    SweepIncomplete { missing: usize, published: usize },
}

/// A sweep may withdraw up to this many notices whatever share of the source they are: a small
/// source can lose most of its notices for real.
pub const SWEEP_LOSS_ALWAYS_ALLOWED: usize = 20;

/// How long an API token lasts unless its maker says otherwise, and the longest it may.
pub const TOKEN_LIFETIME: time::Duration = time::Duration::days(90);
pub const LONGEST_TOKEN_LIFETIME: time::Duration = time::Duration::days(366);

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            // A stored value that does not read as what was written (a timestamp that is not one)
            // is data gone wrong, not a database that is away: no retry mends it. Other decoding
            // failures (a column of another type) are the code's, and stay loud.
            sqlx::Error::ColumnDecode { ref source, .. } if source.is::<UnreadableValue>() => {
                StoreError::Corrupt(err.to_string())
            }
            err => StoreError::Database(err),
        }
    }
}

/// A moment as a column holds it. Each backend gives its encoding: SQLite fixed-width UTC text
/// ([`audit::format_timestamp`], so that text order is time order), PostgreSQL `timestamptz`.
/// The store binds and reads every timestamp as one, never as a bare `OffsetDateTime`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp(pub OffsetDateTime);

/// Why a stored value could not be read as its type: what the backends' decoders of [`Stamp`] say.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct UnreadableValue(pub String);

/// The text of a JSON document bound to a JSON column: text on SQLite, `jsonb` on PostgreSQL.
#[derive(Debug, Clone)]
pub(crate) struct JsonText(pub String);

/// Audit records per INSERT statement: ten values each, well under either database's limit on
/// values in one statement.
pub(crate) const AUDIT_ROWS_PER_INSERT: usize = 500;
/// Imported requests and notices written per statement: at 11 values a row, well within what both
/// databases bind in one statement.
pub(crate) const IMPORT_ROWS_PER_INSERT: usize = 500;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A request stored as drafts: its own id and one notice per subject, in subject order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredRequest {
    pub request_id: i64,
    pub notice_ids: Vec<NoticeId>,
}

/// A notice as stored: the domain's notice, and where and when it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoticeRecord {
    #[serde(flatten)]
    pub notice: Notice,
    pub request_id: i64,
    pub subject_index: i32,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    #[serde(skip_serializing_if = "Option::is_none", with = "time::serde::rfc3339::option")]
    pub published_at: Option<OffsetDateTime>,
    /// Until when it is in force, once published: five years on, or from its last renewal.
    #[serde(skip_serializing_if = "Option::is_none", with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
}

/// What the automated check said of one subject, as the server hands it to [`Store::submit_request`].
#[derive(Debug, Clone, PartialEq)]
pub struct SubjectCheck {
    pub notice_id: NoticeId,
    pub recommendation: Recommendation,
    /// The subject's report, as `dragnet check --json` prints it.
    pub report: serde_json::Value,
    /// Whether a diffusion waits for a reviewer though its check does not refuse it: the check
    /// found something of art. 2 or 3 for a reviewer to weigh before it circulates.
    pub held: bool,
}

pub use dragnet_domain::Recommendation;

/// A reviewer's decision on the notices of a request in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Publish,
    Refuse,
    RequestInformation,
}

impl Decision {
    pub fn as_str(&self) -> &'static str {
        match self {
            Decision::Publish => "publish",
            Decision::Refuse => "refuse",
            Decision::RequestInformation => "request_information",
        }
    }

    pub fn parse(text: &str) -> Option<Decision> {
        [Decision::Publish, Decision::Refuse, Decision::RequestInformation].into_iter().find(|d| d.as_str() == text)
    }

    fn event(&self) -> LifecycleEvent {
        match self {
            Decision::Publish => LifecycleEvent::Publish,
            Decision::Refuse => LifecycleEvent::Refuse,
            Decision::RequestInformation => LifecycleEvent::RequestInformation,
        }
    }
}

/// What a decision did to one notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum DecisionOutcome {
    /// The notice moved to this state.
    Moved { notice: NoticeId, state: NoticeState },
    /// Publication against a `refuse` recommendation: recorded, and waiting for a second reviewer.
    AwaitingSecondReviewer { notice: NoticeId },
}

/// A notice as a reviewer or its bureau sees it in a list: no more personal data than the name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoticeSummary {
    pub id: NoticeId,
    pub subject_name: String,
    pub state: NoticeState,
    pub recommendation: Option<Recommendation>,
    /// The automated check's report on the subject, once submitted.
    pub report: Option<serde_json::Value>,
    /// Why a notice in force or suspended waits for a reviewer again, after new knowledge.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recheck: Option<String>,
    /// The reviewer who voted to publish a notice in review against a `refuse` recommendation: it
    /// waits for a second, different one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub awaiting_second: Option<String>,
    /// Until when a published notice is in force (five years from publication or renewal).
    #[serde(skip_serializing_if = "Option::is_none", with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
}

/// A stored request with its notices.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestRecord {
    pub request_id: i64,
    /// Moves on with every edit; a submission names the version its check read.
    pub version: i64,
    pub request: NoticeRequest,
    pub notices: Vec<NoticeSummary>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub created_by: String,
    /// Where its notices came from when they were not requested here (an import).
    pub source: Option<String>,
    /// The reviewers' decisions on its notices, oldest first: a question for the bureau is a
    /// `request_information` decision and its reason.
    pub decisions: Vec<DecisionRecord>,
}

/// One reviewer's decision on one notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionRecord {
    pub notice: NoticeId,
    /// Who decided; only the secretariat is shown this (the bureau reads "the General Secretariat").
    pub reviewer: String,
    pub decision: String,
    pub reason: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

/// A request as a bureau's list shows it: what it is and where each of its notices stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestListing {
    pub request_id: i64,
    pub kind: NoticeKind,
    pub reference: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// Its first `LISTED_SUBJECTS` notices, without their reports.
    pub first_notices: Vec<NoticeSummary>,
    /// How many of its notices stand in each state.
    pub states: Vec<(NoticeState, i64)>,
}

/// How many of a request's subjects a list names; the rest are counted.
pub const LISTED_SUBJECTS: i64 = 5;

/// A request waiting for reviewers, with the notices of it that are in review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueueEntry {
    pub request_id: i64,
    pub kind: NoticeKind,
    pub requested_by: String,
    pub reference: Option<String>,
    /// The most severe recommendation of its notices in review: the queue's order.
    pub recommendation: Recommendation,
    #[serde(with = "time::serde::rfc3339")]
    pub submitted_at: OffsetDateTime,
    pub notices: Vec<NoticeSummary>,
}

/// How much of each queued notice a reader of the queue needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueDetail {
    /// Names, states and recommendations: a list to choose from.
    Summaries,
    /// The check's reports as well.
    Reports,
}

/// A notice in force, as screening needs it: its subject and the countries barred from seeing it.
#[derive(Debug, Clone, PartialEq)]
pub struct InForce {
    pub id: NoticeId,
    pub subject: Person,
    pub barred: Vec<String>,
}

/// What the secretariat narrows a search over every notice by; each left out narrows nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NoticeSearch {
    pub requested_by: Option<String>,
    pub state: Option<NoticeState>,
    pub kind: Option<NoticeKind>,
    /// Created on or after this day (UTC).
    #[serde(serialize_with = "day")]
    pub created_from: Option<time::Date>,
    /// Created on or before this day (UTC).
    #[serde(serialize_with = "day")]
    pub created_to: Option<time::Date>,
    /// Only what comes after this place in the list, newest first: a request id and a subject's index.
    pub before: Option<(i64, i32)>,
}

/// A day as the audit trail and the edges write it, `2026-12-31`.
fn day<S: serde::Serializer>(day: &Option<time::Date>, serializer: S) -> std::result::Result<S::Ok, S::Error> {
    match day {
        Some(day) => serializer.serialize_str(&day.to_string()),
        None => serializer.serialize_none(),
    }
}

/// A notice as a search over every notice finds it: in any state, with its subject for the name
/// to be compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FoundNotice {
    pub id: NoticeId,
    pub request_id: i64,
    pub subject_index: i32,
    pub kind: NoticeKind,
    pub requested_by: String,
    pub state: NoticeState,
    pub subject: Person,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(skip_serializing_if = "Option::is_none", with = "time::serde::rfc3339::option")]
    pub published_at: Option<OffsetDateTime>,
    #[serde(skip_serializing_if = "Option::is_none", with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
}

/// A notice in force as a border officer's hit shows it: who, what for, and what to do.
#[derive(Debug, Clone, PartialEq)]
pub struct NoticeCard {
    pub id: NoticeId,
    pub kind: NoticeKind,
    pub requested_by: String,
    pub subject: Person,
    pub charges: Vec<dragnet_domain::request::Charge>,
    pub offence_summary: Option<String>,
    pub purpose: Option<dragnet_domain::request::Purpose>,
    pub action: dragnet_domain::Action,
    /// The ids of its pictures, first added first.
    pub pictures: Vec<i64>,
    pub published_at: Option<OffsetDateTime>,
    pub expires_at: Option<OffsetDateTime>,
    /// When it last changed: a clearance holds only against the notice as it stood.
    pub updated_at: OffsetDateTime,
    pub source: Option<String>,
}

/// How long a clearance of a traveller stops a hit being raised again, unless revoked sooner.
pub const CLEARANCE_LIFETIME: time::Duration = time::Duration::days(180);

/// A border officer's finding that a traveller is not the subject of a notice.
#[derive(Debug, Clone, PartialEq)]
pub struct NewClearance {
    pub notice: NoticeId,
    /// The traveller's document number, as compared (`normalise_document`).
    pub document: String,
    pub date_of_birth: dragnet_domain::PartialDate,
    /// The notice's `updated_at` when the officer saw it: a notice changed since is not cleared.
    pub seen: OffsetDateTime,
    pub reason: String,
}

/// A clearance as kept, with who made it and, once revoked, who revoked it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clearance {
    pub id: i64,
    pub notice: NoticeId,
    pub document: String,
    pub date_of_birth: String,
    #[serde(with = "time::serde::rfc3339")]
    pub notice_updated_at: OffsetDateTime,
    pub reason: String,
    pub country: String,
    pub cleared_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub cleared_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revoked_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revoked_reason: Option<String>,
    /// In the secretariat's list: whether the notice is in force as it stood when cleared (a
    /// clearance of a notice that changed since hides nothing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice_unchanged: Option<bool>,
}

/// One item of what the secretariat knows about a request, as kept: who said it, from where, when.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KnowledgeRecord {
    pub id: i64,
    pub request_id: i64,
    /// The subject it concerns, by its place in the request; absent for every subject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<usize>,
    #[serde(flatten)]
    pub item: KnownItem,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known_on: Option<PartialDate>,
    pub recorded_by: String,
    /// The member country that said it: an objection's objector.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub recorded_at: OffsetDateTime,
}

/// An item to record.
#[derive(Debug, Clone, PartialEq)]
pub struct NewKnowledge {
    pub subject: Option<usize>,
    pub item: KnownItem,
    pub source: String,
    pub known_on: Option<PartialDate>,
    pub country: Option<String>,
}

/// A notice checked again after new knowledge: its new report, and whether it waits for a
/// reviewer again (`why`) and leaves force meanwhile (`suspend`).
#[derive(Debug, Clone, PartialEq)]
pub struct Rechecked {
    pub check: SubjectCheck,
    pub why: Option<String>,
    pub suspend: bool,
    /// The notice's state when the check read it: another state now means the check is stale.
    pub seen: NoticeState,
}

/// A requester's notice in review or in force, as a new request of the same requester is compared
/// with it: a second notice for one person and one case is a duplicate.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenNotice {
    pub id: NoticeId,
    pub state: NoticeState,
    /// The requester's own reference for the request the notice came from.
    pub reference: Option<String>,
    pub subject: Person,
}

/// What the public may see of a published notice whose requester agreed to an extract and barred
/// no country from it: the subject without identity documents, positions held or the requester's
/// own id for them; the charges (title, translation and whose warrant, not the law or penalty);
/// for a missing person, where and when they disappeared and where they may go; for a UN notice,
/// its sanctions list entry.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicExtract {
    pub id: NoticeId,
    pub kind: NoticeKind,
    pub requested_by: String,
    pub subject: Person,
    pub charges: Vec<dragnet_domain::request::Charge>,
    pub offence_date: Option<dragnet_domain::PartialDate>,
    pub offence_place: Option<String>,
    pub offence_country: Option<dragnet_domain::CountryCode>,
    pub countries_likely_to_visit: Vec<dragnet_domain::CountryCode>,
    pub un_listing: Option<dragnet_domain::request::UnListing>,
    pub published_at: Option<OffsetDateTime>,
    /// The ids of its pictures, first added first.
    pub pictures: Vec<i64>,
    /// Where the notice came from when it was not requested and reviewed here (an import).
    pub source: Option<String>,
}

/// A notice published elsewhere, brought in with its own id (INTERPOL's public notices, as
/// `dragnet import interpol` reads them).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedNotice {
    pub id: NoticeId,
    /// What the record tells of the request: one subject, the charges, the public extract agreed.
    pub request: NoticeRequest,
    /// Read from a detail record, not a list entry: only a detail record updates a notice stored before.
    pub detailed: bool,
    pub pictures: Vec<ImportedPicture>,
}

/// A picture that comes with an imported notice; it keeps the source's id when that id is free.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedPicture {
    pub id: Option<i64>,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// What became of one imported notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportOutcome {
    Imported,
    /// Imported before from this source and the record has not changed, or is a list entry,
    /// which never replaces what is stored: left as it is.
    AlreadyImported,
    /// Imported before from a detail record that differs: brought up to date, audited.
    Updated,
    /// Withdrawn by its source before (missing from a sweep) and back in this one: in force again,
    /// and brought up to date if its detail record changed.
    Restored,
    /// A notice made here has this id: the record is not imported.
    IdTaken,
    /// Imported from another source: left as it is, for that source alone keeps it up to date.
    OtherSource,
    /// Imported before as a notice of another kind: left as it is (one id is one notice).
    OtherKind,
}

/// Checks an imported notice before anything is written.
pub(crate) fn importable(notice: &ImportedNotice) -> Result<()> {
    let refuse = |reason: &str| Err(StoreError::NotImportable { id: notice.id, reason: reason.to_string() });
    if notice.request.subjects.len() != 1 {
        return refuse("a notice has one subject");
    }
    if !notice.request.public_extract || !notice.request.barred.is_empty() {
        return refuse("an imported notice is a public one, barred from no country");
    }
    if let Some(picture) = notice.pictures.iter().find(|p| !PICTURE_TYPES.contains(&p.content_type.as_str())) {
        return Err(StoreError::PictureType(picture.content_type.clone()));
    }
    // The rules every stored request is read back by: what is imported always loads again.
    notice.request.validate().map_err(|err| StoreError::NotImportable { id: notice.id, reason: err.to_string() })
}

/// The parts of a request that differ between `old` and `new`, by field (`subjects[0].physical`):
/// what an update by the source is audited with.
pub(crate) fn changed_fields(old: &NoticeRequest, new: &NoticeRequest) -> Vec<String> {
    let (old, new) = (serde_json::to_value(old).unwrap_or_default(), serde_json::to_value(new).unwrap_or_default());
    let empty = serde_json::Map::new();
    let fields = |value: &serde_json::Value| value.as_object().cloned().unwrap_or_else(|| empty.clone());
    let (old, new) = (fields(&old), fields(&new));
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut changed = Vec::new();
    for key in keys {
        let (was, is) = (old.get(key.as_str()), new.get(key.as_str()));
        if was == is {
            continue;
        }
        let subjects =
            |v: Option<&serde_json::Value>| v.and_then(|v| v.pointer("/0")).and_then(|v| v.as_object()).cloned();
        match (key.as_str(), subjects(was), subjects(is)) {
            ("subjects", Some(was), Some(is)) => {
                let mut parts: Vec<&String> = was.keys().chain(is.keys()).collect();
                parts.sort();
                parts.dedup();
                changed.extend(
                    parts.into_iter().filter(|p| was.get(*p) != is.get(*p)).map(|p| format!("subjects[0].{p}")),
                );
            }
            _ => changed.push(key.clone()),
        }
    }
    changed
}

pub(crate) fn updated_by_source(source: &str, id: NoticeId, fields: &[String]) -> audit::AuditEntry {
    audit::AuditEntry::new("notice.source_update", format!("notice/{id}"))
        .details(serde_json::json!({"source": source, "fields": fields}))
}

pub(crate) fn restored_by_source(source: &str, id: NoticeId) -> audit::AuditEntry {
    audit::AuditEntry::new("notice.source_restore", format!("notice/{id}"))
        .reason(Some(&format!("back in a sweep of {source}")))
        .details(serde_json::json!({"source": source, "to": NoticeState::Published.as_str()}))
}

pub(crate) fn withdrawn_by_source(source: &str, id: NoticeId) -> audit::AuditEntry {
    audit::AuditEntry::new("notice.source_withdraw", format!("notice/{id}"))
        .reason(Some(&format!("missing from a complete sweep of {source}")))
        .details(serde_json::json!({"source": source, "to": NoticeState::Suspended.as_str()}))
}

pub(crate) fn notices_imported(source: &str, imported: &[NoticeId], pictures: usize) -> audit::AuditEntry {
    audit::AuditEntry::new("notice.import", "notices")
        .details(serde_json::json!({"source": source, "notices": imported, "pictures": pictures}))
}

/// The requests with a published notice and a public extract agreed, each read once: a request
/// can name a thousand subjects, and its body is not to be read once for each of them.
/// Public requests' bodies by id: each one that reads, or why it does not.
pub(crate) fn public_requests(
    bodies: Vec<(i64, String)>,
) -> std::collections::HashMap<i64, std::result::Result<NoticeRequest, String>> {
    bodies
        .into_iter()
        .map(|(id, body)| {
            let request = match parse_stored_request(id, &body) {
                Ok(request) => Ok(request),
                Err(StoreError::Corrupt(reason)) => Err(reason),
                Err(err) => Err(err.to_string()),
            };
            (id, request)
        })
        .collect()
}

/// Rows read in bulk with those whose stored record does not read set apart: one bad record
/// leaves every other served, and is named.
#[derive(Debug, Clone, PartialEq)]
pub struct Readable<T> {
    pub rows: Vec<T>,
    pub unreadable: Vec<Unreadable>,
}

/// A stored notice that does not read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unreadable {
    /// The notice's id as stored (it may itself be what does not read).
    pub notice: String,
    pub reason: String,
}

impl<T> Readable<T> {
    /// Sorts each row into the readable or the unreadable, by whether it read as corrupt; any
    /// other error (the database away) fails the whole read.
    pub(crate) fn sort(rows: impl IntoIterator<Item = (String, Result<T>)>) -> Result<Self> {
        let mut readable = Readable { rows: Vec::new(), unreadable: Vec::new() };
        for (notice, row) in rows {
            match row {
                Ok(row) => readable.rows.push(row),
                Err(StoreError::Corrupt(reason)) => readable.unreadable.push(Unreadable { notice, reason }),
                Err(err) => return Err(err),
            }
        }
        Ok(readable)
    }

    /// All the rows, or the first that does not read as corrupt: for reads of a few named rows,
    /// whose caller sorts them one by one itself.
    pub(crate) fn strict(self) -> Result<Vec<T>> {
        match self.unreadable.into_iter().next() {
            None => Ok(self.rows),
            Some(bad) => Err(StoreError::Corrupt(format!("notice {}: {}", bad.notice, bad.reason))),
        }
    }
}

/// The content types a picture may have.
pub const PICTURE_TYPES: [&str; 3] = ["image/jpeg", "image/png", "image/svg+xml"];

pub(crate) fn picture_added(notice: NoticeId, id: i64, content_type: &str, size: usize) -> audit::AuditEntry {
    audit::AuditEntry::new("picture.add", format!("notice/{notice}"))
        .details(serde_json::json!({"picture": id, "content_type": content_type, "bytes": size}))
}

/// The public extract of a notice from its stored subject and its request.
pub(crate) fn public_extract_row(
    id: &str,
    subject_json: &str,
    request: &NoticeRequest,
    published_at: Option<OffsetDateTime>,
    source: Option<String>,
) -> Result<PublicExtract> {
    let subject = parse_stored_person(subject_json)?;
    let id = NoticeId::parse(id).map_err(StoreError::Corrupt)?;
    Ok(PublicExtract { published_at, source, ..PublicExtract::of(id, request, subject) })
}

impl PublicExtract {
    /// What the public may see of `subject`, notice `id` of `request`: the one rule for what an
    /// extract leaves out, used by the store and by tests that round-trip records through it.
    pub fn of(id: NoticeId, request: &NoticeRequest, mut subject: Person) -> PublicExtract {
        subject.id = None;
        subject.identity_documents.clear();
        subject.status.clear();
        let offence = request.offence.as_ref();
        PublicExtract {
            id,
            kind: request.kind,
            requested_by: request.requested_by.as_str().to_string(),
            subject,
            charges: request
                .charges
                .iter()
                .map(|c| dragnet_domain::request::Charge { law: None, max_penalty: None, ..c.clone() })
                .collect(),
            offence_date: offence.and_then(|o| o.date),
            offence_place: offence.and_then(|o| o.place.clone()),
            offence_country: offence.and_then(|o| o.country),
            countries_likely_to_visit: request.countries_likely_to_visit.clone(),
            un_listing: request.un_listing.clone(),
            published_at: None,
            pictures: Vec::new(),
            source: None,
        }
    }
}

/// What a bureau is told about a notice: of its own, each decision (`published`, `refused`,
/// `information_requested`, `suspended`, `reinstated`, `cancelled`, `renewed`, `expired`, `expiring`),
/// that it was checked again (`rechecked`) or its subject located (`located`); of another's, that a
/// diffusion reached it (`diffusion`). `reason` says why, in the decider's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notification {
    pub id: i64,
    pub kind: String,
    pub notice: NoticeId,
    /// The country where the subject was found, and by whom (a `located` notification).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub located_in: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub located_by: Option<String>,
    /// Why the notice was checked again and waits for a reviewer (a `rechecked` notification).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub place: Option<String>,
    pub remarks: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

/// A bureau's webhook as shown to it: never its secret, which it was given once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Webhook {
    pub country: String,
    pub url: String,
    pub created_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A notification due to be sent to its bureau's webhook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub notification: Notification,
    pub country: String,
    pub url: String,
    pub secret: String,
    /// Attempts made before this one.
    pub attempts: i64,
}

/// How many times a notification is offered to a webhook before the poll list is its only way.
pub const MOST_DELIVERY_ATTEMPTS: i64 = 10;

/// What an auditor narrows the trail to; empty fields narrow nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AuditFilter {
    pub action: Option<String>,
    pub actor: Option<String>,
    pub target: Option<String>,
    pub before: Option<i64>,
    /// Records after this `seq`, oldest first (instead of newest first, before `before`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<i64>,
}

impl AuditFilter {
    /// `text` as what a column must be (the first), or start with (the second) when it ends with
    /// `.` or `/`: `notice.` is every action on notices, `request/7` that request alone.
    pub(crate) fn whole_or_start(text: Option<&str>) -> (Option<&str>, Option<&str>) {
        match text {
            Some(start) if start.ends_with(['.', '/']) => (None, Some(start)),
            whole => (whole, None),
        }
    }
}

/// One entry of the office-holder register: a line of its tab-separated format, and who added it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegisterEntry {
    pub id: i64,
    pub line: String,
    pub added_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub added_at: OffsetDateTime,
}

/// A user as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: i64,
    pub name: UserName,
    pub grant: Grant,
    pub created_at: OffsetDateTime,
    /// When an administrator stopped the user: nothing of theirs lets them in since.
    pub disabled_at: Option<OffsetDateTime>,
}

/// Where time comes from. Tests and the expiry task use a fixed or moving clock.
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> OffsetDateTime + Send + Sync>);

impl Clock {
    pub fn system() -> Self {
        Clock(Arc::new(OffsetDateTime::now_utc))
    }

    /// A clock that asks `now` for the time, such as a test's hand-moved clock.
    pub fn from_fn(now: impl Fn() -> OffsetDateTime + Send + Sync + 'static) -> Self {
        Clock(Arc::new(now))
    }

    pub fn fixed(at: OffsetDateTime) -> Self {
        Clock(Arc::new(move || at))
    }

    pub fn now(&self) -> OffsetDateTime {
        audit::truncate_to_micros((self.0)())
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Clock({})", self.now())
    }
}

/// Everything Dragnet keeps. One implementation per database; both pass the same tests.
#[async_trait]
pub trait Store: Send + Sync + fmt::Debug {
    /// Which backend this is, for logs and readiness: `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;

    /// Whether the database answers.
    async fn ping(&self) -> Result<()>;

    /// Stores a request and one draft notice per subject, all or nothing.
    async fn create_drafts(&self, actor: &Actor, request: &NoticeRequest) -> Result<StoredRequest>;

    /// Reads a notice, recording the read in the audit trail.
    async fn read_notice(&self, actor: &Actor, id: NoticeId) -> Result<NoticeRecord>;

    /// How many notices each state holds, for operators; reads no personal data.
    async fn count_notices(&self) -> Result<Vec<(NoticeState, i64)>>;

    /// Moves a notice along its lifecycle, refusing what the state machine refuses.
    /// Reinstating a notice whose check says `refuse` takes two different reviewers: the first
    /// one's vote is kept (audited `notice.reinstate.vote`) and the answer is the notice's state
    /// unchanged (`suspended`); the same reviewer again is `SameReviewer`.
    async fn transition(
        &self,
        actor: &Actor,
        id: NoticeId,
        event: LifecycleEvent,
        reason: Option<&str>,
    ) -> Result<NoticeState>;

    /// Who asked for a request (a country code or an entity): for deciding who may see it. Reads no
    /// personal data, so it is not audited.
    async fn request_owner(&self, request_id: i64) -> Result<String>;

    /// Who asked for a notice, like [`Store::request_owner`].
    async fn notice_owner(&self, id: NoticeId) -> Result<String>;

    /// Reads a request and its notices, recording the read.
    async fn read_request(&self, actor: &Actor, request_id: i64) -> Result<RequestRecord>;

    /// Submits a request's drafts (and notices it was asked about) with their checks: each moves to
    /// `submitted`, then `in_review`, with its report kept. All or nothing. `version` is the
    /// version of the request the checks read: if it was edited since, nothing moves
    /// ([`StoreError::RequestChanged`]).
    async fn submit_request(
        &self,
        actor: &Actor,
        request_id: i64,
        version: i64,
        checks: &[SubjectCheck],
    ) -> Result<Vec<(NoticeId, NoticeState)>>;

    /// Replaces a request's content while all its notices are drafts or were sent back with a
    /// question: each subject in its place (the number of subjects stays), kind, charges, facts and
    /// barred countries alike.
    async fn update_request(&self, actor: &Actor, request_id: i64, request: &NoticeRequest) -> Result<()>;

    /// The requesting bureau takes back its undecided notices of a request; answers those withdrawn.
    async fn withdraw_request(&self, actor: &Actor, request_id: i64, reason: &str) -> Result<Vec<NoticeId>>;

    /// The requests of `country`, newest first, those with an id below `before`, at most `limit`,
    /// each with its notices' states. Audited.
    async fn requests_of(
        &self,
        actor: &Actor,
        country: &str,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<RequestListing>>;

    /// Requests with notices in review, most severe recommendation first, then oldest first.
    async fn review_queue(&self, actor: &Actor, limit: i64, detail: QueueDetail) -> Result<Vec<QueueEntry>>;

    /// A reviewer's decision on a request's notices in review (all of them, or those named).
    /// Publishing against a `refuse` recommendation takes two reviewers: the first is recorded and
    /// the notice waits; a different second one publishes it.
    async fn decide(
        &self,
        actor: &Actor,
        request_id: i64,
        decision: Decision,
        reason: &str,
        only: Option<&[NoticeId]>,
    ) -> Result<Vec<DecisionOutcome>>;

    /// Every notice in force with its subject, for the screening index. The system reading for
    /// itself: the index shows nothing to anyone, and each search that shows a notice is audited.
    /// A notice whose stored record does not read is set apart, named, and the rest are read.
    async fn notices_in_force(&self) -> Result<Readable<InForce>>;

    /// Records an item of knowledge about a request, audited (`knowledge.record`) with who said it.
    async fn record_knowledge(&self, actor: &Actor, request_id: i64, new: &NewKnowledge) -> Result<KnowledgeRecord>;

    /// What is known about a request, oldest first. Not audited: the check and the reads that
    /// show it (audited by their callers) use it.
    async fn knowledge_of(&self, request_id: i64) -> Result<Vec<KnowledgeRecord>>;

    /// Keeps the new reports of request `request_id`'s notices checked again after new knowledge:
    /// one that waits for a reviewer again is marked so (and listed in the review queue), and one to
    /// suspend leaves force. Each change is audited (`notice.recheck`, and `notice.suspend`). The
    /// check read the request at `version` (knowledge recorded moves it on, as an edit does) and
    /// each notice in its `seen` state; if either moved since, nothing is kept and the answer is
    /// `RequestChanged`: check again. Answers each notice's state after.
    async fn record_rechecks(
        &self,
        actor: &Actor,
        request_id: i64,
        version: i64,
        rechecked: &[Rechecked],
    ) -> Result<Vec<(NoticeId, NoticeState)>>;

    /// The requests made here (not imported) with a notice in force or suspended: those a new
    /// version of the check's rules checks again.
    async fn requests_in_force(&self) -> Result<Vec<i64>>;

    /// Whether the store holds mark `name` (`store_marks`).
    async fn has_mark(&self, name: &str) -> Result<bool>;

    /// Sets mark `name`, once; audited (`store.mark`) the first time.
    async fn set_mark(&self, actor: &Actor, name: &str) -> Result<()>;

    /// A reviewer has weighed a notice checked again and keeps it as it stands, with why.
    async fn clear_recheck(&self, actor: &Actor, notice: NoticeId, reason: &str) -> Result<()>;

    /// `requester`'s notices in review, waiting for its answer, or in force, from any request but
    /// `except_request`: what a request being submitted may duplicate. Not audited as a read: the
    /// check compares, and the submission that asked for it is audited.
    async fn open_notices_of(&self, requester: &str, except_request: i64) -> Result<Vec<OpenNotice>>;

    /// One notice if it is in force: whether a member other than its requester may read it.
    async fn notice_in_force(&self, id: NoticeId) -> Result<Option<InForce>>;

    /// Those of `ids` that are in force, in one read: what the follower takes in after changes.
    async fn notices_in_force_among(&self, ids: &[NoticeId]) -> Result<Vec<InForce>>;

    /// Every public extract, by notice id: published notices whose requester agreed to one and
    /// barred no country. Not audited: the public reads what was published for it.
    /// A notice whose stored record does not read is set apart, named, and the rest are read.
    async fn public_extracts(&self) -> Result<Readable<PublicExtract>>;

    /// The public extracts of those of `ids` that have one now, each request's body read once.
    async fn public_extracts_among(&self, ids: &[NoticeId]) -> Result<Vec<PublicExtract>>;

    /// Adds a picture of a notice's subject (`image/jpeg`, `image/png` or `image/svg+xml`); answers
    /// its id. Audited. The notice's `updated_at` moves on: a traveller cleared against it as it
    /// was is raised again.
    async fn add_picture(&self, actor: &Actor, notice: NoticeId, content_type: &str, bytes: &[u8]) -> Result<i64>;

    /// Stores notices published elsewhere as published here, with their ids, marked with `source`
    /// and shown publicly; each notice's answer in order. A notice whose id is taken (made here,
    /// imported from another source, or of another kind) is left out; one imported before from
    /// `source` is updated from a detail record that differs, and restored if `source` had
    /// withdrawn it. The year's numbering moves past every imported id, so later notices never
    /// collide with one. One transaction: one audit record of the import, one of each change.
    async fn import_published(
        &self,
        actor: &Actor,
        source: &str,
        notices: &[ImportedNotice],
    ) -> Result<Vec<ImportOutcome>>;

    /// After a complete sweep of `source`: its published notices of `kinds` that are not among
    /// `seen` are withdrawn by the source (suspended, so that a later sweep that has them again
    /// puts them back), each audited; answers those withdrawn. One transaction. Unless `insist`,
    /// a sweep that would withdraw more than half of them (and more than
    /// [`SWEEP_LOSS_ALWAYS_ALLOWED`]) withdraws nothing: [`StoreError::SweepIncomplete`].
    async fn withdraw_missing(
        &self,
        actor: &Actor,
        source: &str,
        kinds: &[NoticeKind],
        seen: &std::collections::HashSet<NoticeId>,
        insist: bool,
    ) -> Result<Vec<NoticeId>>;

    /// A picture of `notice`: its content type and bytes.
    async fn picture(&self, notice: NoticeId, id: i64) -> Result<Option<(String, Vec<u8>)>>;

    /// The cards of those of `ids` that are in force now, in one read (pictures too); one whose
    /// stored record does not read is set apart, named. Not audited: the screening that shows
    /// them records what it showed.
    async fn notice_cards(&self, ids: &[NoticeId]) -> Result<Readable<NoticeCard>>;

    /// Every notice `search` admits, in any state, newest request first, at most `limit`; one whose
    /// stored record does not read is set apart, named. With them, the place of the last row read,
    /// readable or not, where the next read goes on. Not audited here: the search that shows them
    /// records what it asked and showed.
    async fn search_notices(
        &self,
        search: &NoticeSearch,
        limit: i64,
    ) -> Result<(Readable<FoundNotice>, Option<(i64, i32)>)>;

    /// Records that `reader` searched the notices for `what` and was shown `shown` of them.
    async fn record_notice_search(&self, reader: &Actor, what: serde_json::Value, shown: &[NoticeId]) -> Result<()>;

    /// Records that a traveller is not the subject of a notice in force that the officer's country
    /// may see, as the notice stood when they saw it (`seen`; `NoticeChanged` if it moved since).
    /// Lasts [`CLEARANCE_LIFETIME`]. Audited (`clearance.record`). A traveller whose clearance
    /// against the notice the secretariat revoked is not cleared again (`ClearanceOverruled`).
    async fn record_clearance(&self, actor: &Actor, new: &NewClearance) -> Result<Clearance>;

    /// The clearances in effect (neither revoked nor expired, by the store's clock) of travellers
    /// holding one of `documents`, against any of `notices`. Not audited: screening is.
    async fn clearances_for(&self, documents: &[String], notices: &[NoticeId]) -> Result<Vec<Clearance>>;

    /// Clearances newest first, revoked and expired ones too, those before id `before`, at most
    /// `limit`: for the secretariat to review. Audited (`clearance.list`).
    async fn clearances(&self, actor: &Actor, before: Option<i64>, limit: i64) -> Result<Vec<Clearance>>;

    /// The secretariat revokes a clearance, with why: the hit is raised again. Audited.
    async fn revoke_clearance(&self, actor: &Actor, id: i64, reason: &str) -> Result<Clearance>;

    /// Records a screening: how many people were screened, and which notices it showed.
    async fn record_screening(&self, actor: &Actor, people: usize, shown: &[NoticeId]) -> Result<()>;

    /// A screener confirms that the person of a notice in force was found (where, with remarks),
    /// and the requesting bureau gets a notification. A notice not in force, or barred from the
    /// screener's country, is not found.
    async fn record_location(
        &self,
        actor: &Actor,
        id: NoticeId,
        place: Option<&str>,
        remarks: Option<&str>,
    ) -> Result<Notification>;

    /// A bureau's notifications with `id` greater than `after`, oldest first, at most `limit`.
    async fn notifications(&self, actor: &Actor, country: &str, after: i64, limit: i64) -> Result<Vec<Notification>>;

    /// A bureau's latest notifications, newest first, at most `limit`: what its page shows. Audited.
    async fn recent_notifications(&self, actor: &Actor, country: &str, limit: i64) -> Result<Vec<Notification>>;

    /// Registers (or replaces) the webhook of `country` and answers its new signing secret, which
    /// is not shown again. Notifications made from now on are sent to it.
    async fn set_webhook(&self, actor: &Actor, country: &str, url: &str) -> Result<String>;

    /// The webhook of `country`, if it has one.
    async fn webhook(&self, country: &str) -> Result<Option<Webhook>>;

    /// Removes the webhook of `country`; answers whether there was one.
    async fn remove_webhook(&self, actor: &Actor, country: &str) -> Result<bool>;

    /// Claims notifications due to be sent (by the store's clock) to their bureau's webhook, oldest
    /// first: made since the webhook was registered, not yet taken, attempts left, not waiting to
    /// retry, and not claimed by another sender in the last `lease`. A claimed notification is
    /// left to its claimant until the lease runs out, so servers sharing a database send it once.
    async fn claim_deliveries(&self, limit: i64, lease: time::Duration) -> Result<Vec<Delivery>>;

    /// Records the outcome of one attempt: taken (audited, as personal data left the system), or
    /// failed with the error, to be tried again after `retry_in` while attempts remain.
    async fn record_delivery(
        &self,
        delivery: &Delivery,
        outcome: std::result::Result<(), String>,
        retry_in: time::Duration,
    ) -> Result<()>;

    /// The office-holder register, in the order entries were added.
    async fn office_holders(&self) -> Result<Vec<RegisterEntry>>;

    /// Fills the register with `lines` the first time only (an emptied register stays empty);
    /// answers whether it did.
    async fn seed_office_holders(&self, actor: &Actor, lines: &[String]) -> Result<bool>;

    /// Adds one entry (a line the review library has read) to the register.
    async fn add_office_holder(&self, actor: &Actor, line: &str) -> Result<RegisterEntry>;

    /// Removes one entry, with why (someone left office).
    async fn remove_office_holder(&self, actor: &Actor, id: i64, reason: &str) -> Result<()>;

    /// Moves every published notice whose five years are up (by the store's clock) to `expired`,
    /// each with its audit record and its bureau told; tells the bureau of each notice that lapses
    /// within [`EXPIRY_WARNING`], once per five years in force; answers those it moved.
    async fn expire_due(&self, actor: &Actor) -> Result<Vec<NoticeId>>;

    async fn create_user(&self, actor: &Actor, name: &UserName, grant: Grant) -> Result<UserRecord>;

    /// Issues an API token for a user, lasting `lifetime` by the store's clock, and returns it;
    /// only its SHA-256 is kept. A disabled user gets none.
    async fn create_token(
        &self,
        actor: &Actor,
        user: &UserName,
        label: &str,
        lifetime: time::Duration,
    ) -> Result<String>;

    /// Stops a user (`disabled`) or lets them in again: a disabled user's sessions end, their
    /// tokens are revoked, and their password no longer signs in. Audited with `reason`.
    async fn set_disabled(&self, actor: &Actor, user: &UserName, disabled: bool, reason: &str) -> Result<()>;

    /// A failed attempt to sign in, audited: the user it named if there is one, and from where.
    async fn record_failed_sign_in(&self, user: Option<&UserName>, address: Option<&str>, why: &str) -> Result<()>;

    /// The secret called `name` that every server on this database shares, made on first use.
    async fn server_secret(&self, name: &str) -> Result<String>;

    /// Revokes every token of a user with this label (all its tokens when `label` is `None`);
    /// answers how many were revoked.
    async fn revoke_tokens(&self, actor: &Actor, user: &UserName, label: Option<&str>) -> Result<u64>;

    /// Every user, by name.
    async fn users(&self) -> Result<Vec<UserRecord>>;

    /// Sets a user's password: its Argon2id hash as a PHC string, made by the caller (the store
    /// never sees the password). Audited, without the hash.
    async fn set_password(&self, actor: &Actor, user: &UserName, hash: &str) -> Result<()>;

    /// A user and their password hash, for signing in; `None` for no such user or no password.
    async fn user_password(&self, user: &UserName) -> Result<Option<(UserRecord, String)>>;

    /// Starts a web session for `user`, lasting `lifetime` by the store's clock: answers its cookie
    /// token and the token its forms must carry (CSRF). Only the cookie's SHA-256 is kept. Audited.
    async fn start_session(&self, user: &UserRecord, lifetime: time::Duration) -> Result<(String, String)>;

    /// The user and CSRF token of a session that has not expired or ended.
    async fn session(&self, token: &str) -> Result<Option<(UserRecord, String)>>;

    /// Ends a session (signing out). Audited.
    async fn end_session(&self, token: &str) -> Result<()>;

    /// The user a token belongs to, if the token is known and not revoked.
    async fn user_for_token(&self, token: &str) -> Result<Option<UserRecord>>;

    /// Audit records with `seq` greater than `after`, oldest first, at most `limit`.
    async fn audit_records(&self, after: i64, limit: i64) -> Result<Vec<AuditRecord>>;

    /// Audit records newest first, those before `before` (a `seq`), narrowed by what was done (an
    /// action, or its start ending in `.`, `notice.`), who did it, and to what (a target, or its start ending in `/`); at most
    /// `limit`. The search itself is audited, as `reader`.
    async fn search_audit(&self, reader: &Actor, filter: &AuditFilter, limit: i64) -> Result<Vec<AuditRecord>>;

    /// The chain's recorded end: the last record's `seq` and hash.
    async fn audit_head(&self) -> Result<(i64, String)>;

    /// The change log: records after `after` and up to `upto` that may change a view
    /// ([`log::change_of`]), oldest first, at most `limit`; reads are passed over.
    async fn audit_changes(&self, after: i64, upto: i64, limit: i64) -> Result<Vec<AuditRecord>>;

    /// Wakes `wake` each time another process commits a change, until the connection fails (an
    /// error; the caller listens again and catches up by sequence number). A backend that cannot
    /// be told of others' commits never returns: its followers find them by looking.
    async fn listen_for_changes(&self, wake: &tokio::sync::Notify) -> Result<()> {
        let _ = wake;
        std::future::pending().await
    }

    /// The chain's recorded end and the seal of every notice and request the store holds, read in
    /// one snapshot.
    async fn sealed_state(&self) -> Result<SealedState>;

    /// The key this store signs audit records with, if it was given one.
    fn audit_key(&self) -> Option<&[u8]>;

    /// Walks the whole audit chain and reports the first record that was altered or removed, or
    /// the first notice or request that is not as the chain last sealed it.
    async fn verify_audit(&self) -> Result<AuditVerification> {
        Ok(self.verify_audit_anchored(&[]).await?.0)
    }

    /// [`Store::verify_audit`], the chain also held to `anchors` (a record's `seq` and hash kept
    /// outside the database); answers the verification and the end of the chain it verified, to
    /// anchor next.
    async fn verify_audit_anchored(&self, anchors: &[audit::Anchor]) -> Result<(AuditVerification, (i64, String))> {
        // The state and the head in one snapshot: records appended while we walk are beyond it.
        let SealedState { head_seq, head_hash, seals } = self.sealed_state().await?;
        let head = (head_seq, head_hash.clone());
        let mut verifier = audit::ChainVerifier::default();
        verifier.key = self.audit_key().map(<[u8]>::to_vec);
        for anchor in anchors {
            verifier.anchor(anchor);
        }
        let mut after = 0;
        loop {
            let page = self.audit_records(after, 1000).await?;
            let Some(last) = page.last() else { break };
            after = last.seq;
            for record in page.iter().take_while(|record| record.seq <= head_seq) {
                if let Err(broken) = verifier.next(record) {
                    return Ok((broken, head));
                }
            }
            if after >= head_seq {
                break;
            }
        }
        let chain = verifier.finish(head_seq, &head_hash);
        if !matches!(chain, AuditVerification::Intact { .. }) {
            return Ok((chain, head));
        }
        if let Err(broken) = verifier.check_state(&seals) {
            return Ok((broken, head));
        }
        Ok((chain, head))
    }
}

/// The chain's recorded end, and the seal of each notice and request by its audit target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedState {
    pub head_seq: i64,
    pub head_hash: String,
    pub seals: std::collections::BTreeMap<String, String>,
}

/// Where the data lives: a `postgres://` URL, an `sqlite:` URL, or (by default) a file in the data folder.
#[derive(Debug, Clone)]
pub struct StoreSettings {
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
}

impl StoreSettings {
    pub fn is_postgres(&self) -> bool {
        self.database_url
            .as_deref()
            .is_some_and(|url| url.starts_with("postgres://") || url.starts_with("postgresql://"))
    }

    /// The SQLite file used when no URL names another database.
    pub fn sqlite_path(&self) -> PathBuf {
        match self.database_url.as_deref().and_then(|url| url.strip_prefix("sqlite://").or(url.strip_prefix("sqlite:")))
        {
            Some(path) => PathBuf::from(path),
            None => self.data_dir.join("dragnet.sqlite3"),
        }
    }
}

/// Opens the store the settings name and brings its schema up to date.
pub async fn open(settings: &StoreSettings, clock: Clock) -> Result<Arc<dyn Store>> {
    open_signed(settings, clock, None).await
}

/// [`open`], every audit record appended signed with `audit_key` (kept outside the database).
pub async fn open_signed(settings: &StoreSettings, clock: Clock, audit_key: Option<Vec<u8>>) -> Result<Arc<dyn Store>> {
    if settings.is_postgres() {
        let url = settings.database_url.as_deref().unwrap_or_default();
        Ok(Arc::new(postgres::PostgresStore::connect(url, clock).await?.with_audit_key(audit_key)))
    } else {
        let path = settings.sqlite_path();
        ensure_folder(path.parent().unwrap_or(Path::new(".")))?;
        Ok(Arc::new(sqlite::SqliteStore::open(&path, clock).await?.with_audit_key(audit_key)))
    }
}

fn ensure_folder(path: &Path) -> Result<()> {
    if path.as_os_str().is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(path).map_err(|source| StoreError::DataFolder { path: path.to_path_buf(), source })
}

/// The audit target naming a notice.
pub(crate) fn notice_target(id: NoticeId) -> String {
    format!("notice/{id}")
}

/// A notice's columns as text, read back into typed values; anything unreadable is corruption.
pub(crate) struct StoredNotice<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub requested_by: &'a str,
    pub state: &'a str,
    pub subject_json: &'a str,
}

impl StoredNotice<'_> {
    pub(crate) fn parse(&self) -> Result<Notice> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("notice {}: {what}", self.id));
        Ok(Notice {
            id: NoticeId::parse(self.id).map_err(StoreError::Corrupt)?,
            kind: NoticeKind::parse(self.kind).ok_or_else(|| corrupt("unknown kind"))?,
            requested_by: Requester::parse(self.requested_by).map_err(|err| corrupt(&err))?,
            state: parse_stored_state(self.state)?,
            subject: parse_stored_person(self.subject_json)?,
        })
    }
}

pub(crate) fn parse_stored_state(text: &str) -> Result<NoticeState> {
    NoticeState::parse(text).ok_or_else(|| StoreError::Corrupt(format!("{text:?} is not a notice state")))
}

pub(crate) fn parse_stored_person(json: &str) -> Result<Person> {
    dragnet_domain::parse_person(json).map_err(|err| StoreError::Corrupt(format!("a stored subject: {err}")))
}

pub(crate) fn parse_stored_grant(name: &str, role: &str, country: Option<&str>) -> Result<(UserName, Grant)> {
    let corrupt = |reason: String| StoreError::Corrupt(format!("user {name}: {reason}"));
    let user = UserName::parse(name).map_err(corrupt)?;
    let role = dragnet_domain::Role::parse(role).map_err(corrupt)?;
    let acts_for = country.map(dragnet_domain::ActsFor::parse).transpose().map_err(corrupt)?;
    let grant = Grant::acting_for(role, acts_for).map_err(corrupt)?;
    Ok((user, grant))
}

/// One draft notice about to be inserted.
pub(crate) struct DraftRow {
    pub id: NoticeId,
    pub subject_index: i32,
    pub subject_json: String,
}

/// The draft rows of `request`, numbered so that the last one takes `last_number` in `year`
/// (the counter has already been moved on by as many subjects as the request names).
pub(crate) fn plan_drafts(request: &NoticeRequest, year: u16, last_number: i64) -> Result<Vec<DraftRow>> {
    let count = request.subjects.len() as i64;
    let mut rows = Vec::with_capacity(request.subjects.len());
    for (index, subject) in request.subjects.iter().enumerate() {
        let number = u32::try_from(last_number - count + 1 + index as i64)
            .map_err(|_| StoreError::Corrupt(format!("notice number out of range in {year}")))?;
        rows.push(DraftRow {
            id: NoticeId::new(year, number).map_err(StoreError::Corrupt)?,
            subject_index: index as i32,
            subject_json: to_json(subject)?,
        });
    }
    Ok(rows)
}

/// Whether the draft just inserted is the middle one: where the kill test stops an import.
pub(crate) fn is_halfway(subject_index: i32, subjects: usize) -> bool {
    subjects > 1 && subject_index as usize + 1 == subjects.div_ceil(2)
}

pub(crate) fn to_json(value: &impl Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(|err| StoreError::Corrupt(err.to_string()))
}

pub(crate) fn request_created(request_id: i64, request: &NoticeRequest, rows: &[DraftRow]) -> audit::AuditEntry {
    let notices: Vec<NoticeId> = rows.iter().map(|row| row.id).collect();
    audit::AuditEntry::new("request.create", format!("request/{request_id}")).details(serde_json::json!({
        "kind": request.kind,
        "requested_by": request.requested_by.as_str(),
        "reference": request.reference,
        "notices": notices,
    }))
}

pub(crate) fn notice_moved(
    id: NoticeId,
    event: LifecycleEvent,
    from: NoticeState,
    to: NoticeState,
    reason: Option<&str>,
) -> audit::AuditEntry {
    audit::AuditEntry::new(&format!("notice.{event}"), notice_target(id))
        .reason(reason)
        .details(serde_json::json!({"from": from, "to": to}))
}

pub(crate) fn user_created(name: &UserName, grant: &Grant) -> audit::AuditEntry {
    audit::AuditEntry::new("user.create", format!("user/{name}"))
        .details(serde_json::json!({"role": grant.role(), "country": grant.acts_for().map(|c| c.to_string())}))
}

pub(crate) fn token_created(user: &UserName, label: &str) -> audit::AuditEntry {
    audit::AuditEntry::new("token.create", format!("user/{user}")).details(serde_json::json!({"label": label}))
}

pub(crate) fn webhook_set(country: &str, url: &str) -> audit::AuditEntry {
    audit::AuditEntry::new("webhook.set", format!("webhook/{country}")).details(serde_json::json!({"url": url}))
}

pub(crate) fn webhook_removed(country: &str) -> audit::AuditEntry {
    audit::AuditEntry::new("webhook.remove", format!("webhook/{country}"))
}

pub(crate) fn webhook_delivered(delivery: &Delivery) -> audit::AuditEntry {
    audit::AuditEntry::new("notification.deliver", format!("notification/{}", delivery.notification.id)).details(
        serde_json::json!({"notice": delivery.notification.notice, "country": delivery.country, "url": delivery.url}),
    )
}

pub(crate) fn register_changed(action: &str, id: i64, line: &str, reason: Option<&str>) -> audit::AuditEntry {
    audit::AuditEntry::new(action, format!("office_holder/{id}"))
        .reason(reason)
        .details(serde_json::json!({"line": line}))
}

/// The actor that sends webhooks.
pub(crate) fn deliverer() -> Actor {
    Actor::system("webhooks", None)
}

/// The year new notice ids are numbered in.
pub(crate) fn id_year(now: OffsetDateTime) -> Result<u16> {
    u16::try_from(now.year()).map_err(|_| StoreError::Corrupt(format!("the clock says year {}", now.year())))
}

/// How long a published notice stays in force unless renewed.
pub const NOTICE_LIFETIME: time::Duration = time::Duration::days(5 * 365 + 1);

/// The kinds of notification, as the `notifications` table allows them (migration 0021).
pub const NOTIFICATION_KINDS: [&str; 12] = [
    "located",
    "rechecked",
    "published",
    "refused",
    "information_requested",
    "suspended",
    "reinstated",
    "cancelled",
    "renewed",
    "expired",
    "expiring",
    "diffusion",
];

/// How long before a notice lapses its requesting bureau is told (`expiring`), to renew it in time.
pub const EXPIRY_WARNING: time::Duration = time::Duration::days(183);

/// The state a decision leads a notice in review to, or that it waits for a second reviewer.
/// `publishers` are the reviewers who already decided to publish it since it was last submitted.
pub(crate) fn plan_decision(
    id: NoticeId,
    recommendation: Option<Recommendation>,
    publishers: &[String],
    reviewer: &str,
    decision: Decision,
) -> Result<Option<NoticeState>> {
    if decision == Decision::Publish && recommendation == Some(Recommendation::Refuse) {
        if publishers.iter().any(|p| p == reviewer) {
            return Err(StoreError::SameReviewer(id));
        }
        if publishers.is_empty() {
            return Ok(None);
        }
    }
    Ok(Some(NoticeState::InReview.apply(decision.event())?))
}

pub(crate) fn notice_submitted(id: NoticeId, check: &SubjectCheck) -> audit::AuditEntry {
    audit::AuditEntry::new("notice.submit", notice_target(id))
        .details(serde_json::json!({"recommendation": check.recommendation}))
}

pub(crate) fn decision_made(
    id: NoticeId,
    decision: Decision,
    reason: &str,
    outcome: &DecisionOutcome,
) -> audit::AuditEntry {
    audit::AuditEntry::new(&format!("notice.decision.{}", decision.as_str()), notice_target(id))
        .reason(Some(reason))
        .details(serde_json::to_value(outcome).unwrap_or_default())
}

/// The name a list shows for a subject: family name and forenames, or the one-string name.
pub(crate) fn subject_name(subject_json: &str) -> Result<String> {
    let person = parse_stored_person(subject_json)?;
    Ok(match (&person.family_name, &person.forenames, &person.name) {
        (Some(family), Some(forenames), _) => format!("{family}, {forenames}"),
        (Some(family), None, _) => family.clone(),
        (None, _, Some(name)) => name.clone(),
        (None, Some(forenames), None) => forenames.clone(),
        (None, None, None) => String::new(),
    })
}

pub(crate) fn parse_stored_recommendation(text: Option<&str>) -> Result<Option<Recommendation>> {
    text.map(|t| Recommendation::parse(t).ok_or_else(|| StoreError::Corrupt(format!("{t:?} is not a recommendation"))))
        .transpose()
}

pub(crate) fn parse_stored_request(id: i64, body: &str) -> Result<NoticeRequest> {
    dragnet_domain::parse_request(body).map_err(|err| StoreError::Corrupt(format!("request {id}: {err}")))
}

/// Whether the checks name exactly the notices that are being submitted.
pub(crate) fn checks_cover(request: i64, submitting: &[NoticeId], checks: &[SubjectCheck]) -> Result<()> {
    let mut named: Vec<NoticeId> = checks.iter().map(|c| c.notice_id).collect();
    let mut expected = submitting.to_vec();
    named.sort_by_key(|id| id.to_string());
    expected.sort_by_key(|id| id.to_string());
    if named != expected {
        return Err(StoreError::CheckMismatch { request, expected });
    }
    Ok(())
}

/// The notices of a request that a submission moves: its drafts and those it was asked about.
pub(crate) fn submittable(request: i64, states: &[(String, String)]) -> Result<Vec<NoticeId>> {
    let mut ids = Vec::new();
    for (id, state) in states {
        if matches!(parse_stored_state(state)?, NoticeState::Draft | NoticeState::InfoRequested) {
            ids.push(NoticeId::parse(id).map_err(StoreError::Corrupt)?);
        }
    }
    if ids.is_empty() {
        return Err(StoreError::NothingToDo { request, reason: "it has no draft to submit".into() });
    }
    Ok(ids)
}

/// The notices in review a decision applies to: all, or those named (each must be in review).
#[allow(clippy::type_complexity)]
pub(crate) fn deciding<T>(
    request: i64,
    rows: Vec<(String, Option<String>, T)>,
    only: Option<&[NoticeId]>,
) -> Result<Vec<(NoticeId, Option<Recommendation>, T)>> {
    let mut picked = Vec::new();
    for (id, recommendation, extra) in rows {
        let id = NoticeId::parse(&id).map_err(StoreError::Corrupt)?;
        if only.is_none_or(|only| only.contains(&id)) {
            picked.push((id, parse_stored_recommendation(recommendation.as_deref())?, extra));
        }
    }
    if let Some(only) = only
        && let Some(missing) = only.iter().find(|id| !picked.iter().any(|(p, _, _)| p == *id))
    {
        return Err(StoreError::NothingToDo { request, reason: format!("notice {missing} is not in review") });
    }
    if picked.is_empty() {
        return Err(StoreError::NothingToDo { request, reason: "it has no notice in review".into() });
    }
    Ok(picked)
}

pub(crate) fn queue_entry(
    request_id: i64,
    kind: &str,
    requested_by: String,
    reference: Option<String>,
    submitted_at: OffsetDateTime,
    notices: Vec<NoticeSummary>,
) -> Result<QueueEntry> {
    Ok(QueueEntry {
        request_id,
        kind: NoticeKind::parse(kind)
            .ok_or_else(|| StoreError::Corrupt(format!("request {request_id}: kind {kind}")))?,
        requested_by,
        reference,
        recommendation: notices.iter().filter_map(|n| n.recommendation).max().unwrap_or(Recommendation::Clear),
        submitted_at,
        notices,
    })
}

pub(crate) fn parse_stored_kind(request_id: i64, kind: &str) -> Result<NoticeKind> {
    NoticeKind::parse(kind).ok_or_else(|| StoreError::Corrupt(format!("request {request_id}: kind {kind}")))
}

pub(crate) fn parse_stored_report(text: Option<&str>) -> Result<Option<serde_json::Value>> {
    text.map(|t| serde_json::from_str(t).map_err(|err| StoreError::Corrupt(format!("a stored check report: {err}"))))
        .transpose()
}

pub(crate) fn screening_recorded(people: usize, shown: &[NoticeId]) -> audit::AuditEntry {
    audit::AuditEntry::new("screening.search", "screening")
        .details(serde_json::json!({"people": people, "shown": shown}))
}

/// A notice in force from its id, subject and barred countries (comma-separated, or none).
pub(crate) fn in_force_row(id: &str, subject_json: &str, barred: Option<&str>) -> Result<InForce> {
    let barred: Vec<String> =
        barred.unwrap_or_default().split(',').filter(|c| !c.is_empty()).map(str::to_string).collect();
    // A bar that does not read cannot be kept: the notice is set apart rather than shown to the
    // country that barred it.
    if let Some(bad) = barred.iter().find(|country| dragnet_domain::CountryCode::parse(country).is_err()) {
        return Err(StoreError::Corrupt(format!("a stored bar names {bad:?}, which is not a country")));
    }
    Ok(InForce {
        id: NoticeId::parse(id).map_err(StoreError::Corrupt)?,
        subject: parse_stored_person(subject_json)?,
        barred,
    })
}

/// When an event publishes a notice, and until when it is then in force: publication starts the
/// five years, renewal starts them again; other events leave both as they were.
pub(crate) fn lifetime_change(
    event: LifecycleEvent,
    now: OffsetDateTime,
) -> (Option<OffsetDateTime>, Option<OffsetDateTime>) {
    match event {
        LifecycleEvent::Publish => (Some(now), Some(now + NOTICE_LIFETIME)),
        LifecycleEvent::Renew => (None, Some(now + NOTICE_LIFETIME)),
        _ => (None, None),
    }
}

pub(crate) fn location_recorded(id: NoticeId, notification: &Notification) -> audit::AuditEntry {
    audit::AuditEntry::new("notice.located", notice_target(id))
        .details(serde_json::json!({"located_in": notification.located_in, "notification": notification.id}))
}

pub(crate) fn clearance_recorded(clearance: &Clearance) -> audit::AuditEntry {
    audit::AuditEntry::new("clearance.record", notice_target(clearance.notice)).reason(Some(&clearance.reason)).details(
        serde_json::json!({
            "clearance": clearance.id, "document": clearance.document, "date_of_birth": clearance.date_of_birth,
            "country": clearance.country,
        }),
    )
}

pub(crate) fn clearance_revoked(clearance: &Clearance) -> audit::AuditEntry {
    audit::AuditEntry::new("clearance.revoke", notice_target(clearance.notice))
        .reason(clearance.revoked_reason.as_deref())
        .details(serde_json::json!({"clearance": clearance.id}))
}

/// Whether a request may be edited: every notice a draft or sent back with a question.
pub(crate) fn editable(request: i64, states: &[(String, String)], subjects: usize) -> Result<()> {
    if states.is_empty() {
        return Err(StoreError::RequestNotFound(request));
    }
    for (_, state) in states {
        if !matches!(parse_stored_state(state)?, NoticeState::Draft | NoticeState::InfoRequested) {
            return Err(StoreError::NothingToDo {
                request,
                reason: format!("a notice of it is {state}: only drafts and notices sent back may be edited"),
            });
        }
    }
    if states.len() != subjects {
        return Err(StoreError::SubjectCountChanged { request, existing: states.len() });
    }
    Ok(())
}

/// The notices of a request that may still be withdrawn: those not yet decided.
pub(crate) fn withdrawable(request: i64, states: &[(String, String)]) -> Result<Vec<(NoticeId, NoticeState)>> {
    if states.is_empty() {
        return Err(StoreError::RequestNotFound(request));
    }
    let mut picked = Vec::new();
    for (id, state) in states {
        let state = parse_stored_state(state)?;
        if state.apply(LifecycleEvent::Withdraw).is_ok() {
            picked.push((NoticeId::parse(id).map_err(StoreError::Corrupt)?, state));
        }
    }
    if picked.is_empty() {
        return Err(StoreError::NothingToDo { request, reason: "it has no undecided notice".into() });
    }
    Ok(picked)
}

/// Whether a submitted notice goes out at once: a diffusion is delivered to its recipients unless
/// its check says `refuse` (or lacks data) or holds it, when it waits for a reviewer.
pub(crate) fn delivered_at_once(kind: &str, check: &SubjectCheck) -> bool {
    kind == NoticeKind::Diffusion.as_str()
        && !check.held
        && matches!(check.recommendation, Recommendation::Clear | Recommendation::Review)
}

pub(crate) fn diffusion_delivered(id: NoticeId) -> audit::AuditEntry {
    notice_moved(
        id,
        LifecycleEvent::Publish,
        NoticeState::InReview,
        NoticeState::Published,
        Some("a diffusion is delivered to its recipients when its check finds nothing of art. 2 or 3 to weigh"),
    )
}
