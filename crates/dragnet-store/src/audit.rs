//! The audit chain: how a record is hashed, how the state it protects is sealed in it, and how a
//! chain of records is verified.
//!
//! Each record's hash covers its own fields and the previous record's hash, so altering,
//! removing or re-ordering any record breaks every link after it. A record of a change also
//! carries the seal (a SHA-256) of each notice and request it touched as the change left them, so
//! the rows the store holds can be checked against the last seal of each: a notice flipped from
//! refused to published in the database, a body or a decision edited, a bar removed, a row
//! inserted past the trail, are named. Anchors (a record's hash kept outside the database) catch a
//! chain rewritten whole or cut short with its head moved back. The backends store the records;
//! this module is the one place that decides what the hash and the seals cover.

use serde::Serialize;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The previous hash of the first record.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One line of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    pub seq: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// The user (or `system:…` part) that acted.
    pub actor: String,
    /// The country the actor acted for, where there is one.
    pub country: Option<String>,
    /// What was done, `request.create`, `notice.read`, `notice.publish`…
    pub action: String,
    /// What it was done to, `notice/2026/00001`, `user/amira`…
    pub target: String,
    pub reason: Option<String>,
    /// Further facts as JSON text.
    pub details: String,
    pub prev_hash: String,
    pub hash: String,
    /// HMAC-SHA256 of `hash` under the servers' audit key, when they hold one: a record appended
    /// by someone with the database alone has none, or a wrong one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// The signature of a record's hash under `key`.
pub fn signature(key: &[u8], hash: &str) -> String {
    use hmac::{KeyInit, Mac};
    let mut mac = <hmac::Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(hash.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// A record's hash kept outside the database, to hold the chain to: `signed` when it was taken
/// with the audit key and the record was signed then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub seq: i64,
    pub hash: String,
    pub signed: bool,
}

/// A record about to be appended: everything but its place in the chain.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub action: String,
    pub target: String,
    pub reason: Option<String>,
    pub details: serde_json::Value,
}

impl AuditEntry {
    pub fn new(action: &str, target: impl Into<String>) -> Self {
        AuditEntry { action: action.into(), target: target.into(), reason: None, details: serde_json::json!({}) }
    }

    pub fn reason(mut self, reason: Option<&str>) -> Self {
        self.reason = reason.map(str::to_string);
        self
    }

    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }
}

/// The seal of a row's protected fields, written as one JSON array in a fixed order.
pub fn seal_of(fields: &serde_json::Value) -> String {
    hex::encode(Sha256::digest(fields.to_string().as_bytes()))
}

/// The notices and requests a record's change touched, to be sealed in it: its target when it is
/// a change of a notice or request (reads seal nothing), and an import's notices.
pub fn sealed_targets(entry: &AuditEntry) -> (Vec<String>, Vec<i64>) {
    let action = entry.action.as_str();
    let (mut notices, mut requests) = (Vec::new(), Vec::new());
    if action == "notice.import" {
        notices.extend(
            entry.details["notices"].as_array().into_iter().flatten().filter_map(|id| id.as_str()).map(str::to_string),
        );
    } else if let Some(id) = entry.target.strip_prefix("notice/") {
        if crate::log::is_change(action) {
            notices.push(id.to_string());
        }
    } else if let Some(id) = entry.target.strip_prefix("request/")
        && action.starts_with("request.")
        && action != "request.read"
        && let Ok(id) = id.parse()
    {
        requests.push(id);
    }
    (notices, requests)
}

/// Timestamps are kept to the microsecond, which both SQLite (as text) and PostgreSQL hold exactly,
/// so a record read back hashes as it did when written.
pub fn truncate_to_micros(at: OffsetDateTime) -> OffsetDateTime {
    let micros = at.microsecond();
    at.replace_nanosecond(micros * 1_000).unwrap_or(at).to_offset(time::UtcOffset::UTC)
}

pub fn format_timestamp(at: OffsetDateTime) -> String {
    // Fixed width, so that text order is time order in SQLite.
    let at = truncate_to_micros(at);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.microsecond()
    )
}

pub fn parse_timestamp(text: &str) -> Result<OffsetDateTime, String> {
    OffsetDateTime::parse(text, &Rfc3339).map_err(|err| format!("{text:?} is not a timestamp: {err}"))
}

/// The hash of a record: SHA-256 over a JSON array of its fields in a fixed order, then the previous hash.
#[allow(clippy::too_many_arguments)]
pub fn record_hash(
    seq: i64,
    at: OffsetDateTime,
    actor: &str,
    country: Option<&str>,
    action: &str,
    target: &str,
    reason: Option<&str>,
    details: &str,
    prev_hash: &str,
) -> String {
    let canonical =
        serde_json::json!([seq, format_timestamp(at), actor, country, action, target, reason, details, prev_hash]);
    hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
}

impl AuditRecord {
    /// The record that `entry` becomes when appended after the link (`last_seq`, `prev_hash`).
    pub fn following(
        last_seq: i64,
        prev_hash: String,
        at: OffsetDateTime,
        actor: &dragnet_domain::Actor,
        entry: AuditEntry,
    ) -> Self {
        let mut record = AuditRecord {
            seq: last_seq + 1,
            at: truncate_to_micros(at),
            actor: actor.name.clone(),
            country: actor.country.clone(),
            action: entry.action,
            target: entry.target,
            reason: entry.reason,
            details: entry.details.to_string(),
            prev_hash,
            hash: String::new(),
            signature: None,
        };
        record.hash = record.expected_hash();
        record
    }

    /// The hash this record's fields call for.
    pub fn expected_hash(&self) -> String {
        record_hash(
            self.seq,
            self.at,
            &self.actor,
            self.country.as_deref(),
            &self.action,
            &self.target,
            self.reason.as_deref(),
            &self.details,
            &self.prev_hash,
        )
    }
}

/// The outcome of checking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum AuditVerification {
    Intact { records: i64 },
    Broken { seq: i64, problem: String },
}

/// Checks records one at a time, in order, remembering only the last link.
#[derive(Debug)]
pub struct ChainVerifier {
    /// The audit key, if the verifier holds it: then every record from the first signed one on
    /// must be signed with it.
    pub key: Option<Vec<u8>>,
    signed_since: Option<i64>,
    /// Whether a change has sealed something: a baseline seal after that is a forgery (the
    /// store's mark removed so that it seals what it finds).
    sealed_by_a_change: bool,
    last_seq: i64,
    last_hash: String,
    /// The last seal of each target, with the record that made it.
    seals: std::collections::HashMap<String, (String, i64)>,
    /// Hashes the chain must hold at these records, kept outside the database.
    anchors: std::collections::BTreeMap<i64, Anchor>,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        ChainVerifier {
            key: None,
            signed_since: None,
            sealed_by_a_change: false,
            last_seq: 0,
            last_hash: GENESIS_HASH.to_string(),
            seals: std::collections::HashMap::new(),
            anchors: std::collections::BTreeMap::new(),
        }
    }
}

impl ChainVerifier {
    /// Takes the next record; `Err` holds the first break found.
    pub fn next(&mut self, record: &AuditRecord) -> Result<(), AuditVerification> {
        let expected_seq = self.last_seq + 1;
        if record.seq != expected_seq {
            let problem = if record.seq > expected_seq {
                if record.seq == expected_seq + 1 {
                    format!(
                        "record {expected_seq} was removed: the chain goes from {} to {}",
                        self.last_seq, record.seq
                    )
                } else {
                    format!(
                        "records {expected_seq} to {} were removed: the chain goes from {} to {}",
                        record.seq - 1,
                        self.last_seq,
                        record.seq
                    )
                }
            } else {
                format!("record {} is out of order after record {}", record.seq, self.last_seq)
            };
            return Err(AuditVerification::Broken { seq: expected_seq.min(record.seq), problem });
        }
        if record.hash != record.expected_hash() {
            return Err(AuditVerification::Broken {
                seq: record.seq,
                problem: format!("record {} was altered: its contents do not match its hash", record.seq),
            });
        }
        if record.prev_hash != self.last_hash {
            return Err(AuditVerification::Broken {
                seq: record.seq,
                problem: format!(
                    "record {} does not follow record {}: one of them was altered and re-hashed",
                    record.seq, self.last_seq
                ),
            });
        }
        if let Some(key) = &self.key {
            match &record.signature {
                Some(signed) if *signed == signature(key, &record.hash) => {
                    self.signed_since.get_or_insert(record.seq);
                }
                Some(_) => {
                    return Err(AuditVerification::Broken {
                        seq: record.seq,
                        problem: format!("record {} is not signed with the audit key: it was forged", record.seq),
                    });
                }
                None if self.signed_since.is_some()
                    || self.anchors.get(&record.seq).is_some_and(|anchor| anchor.signed) =>
                {
                    return Err(AuditVerification::Broken {
                        seq: record.seq,
                        problem: format!(
                            "record {} is unsigned where the servers sign every record: it was appended \
                             or stripped past them",
                            record.seq
                        ),
                    });
                }
                None => {}
            }
        }
        if let Some(anchored) = self.anchors.get(&record.seq)
            && anchored.hash != record.hash
        {
            return Err(AuditVerification::Broken {
                seq: record.seq,
                problem: format!(
                    "record {} is not the one anchored outside the database: the chain was rewritten",
                    record.seq
                ),
            });
        }
        if record.details.contains("\"seals\"")
            && let Ok(details) = serde_json::from_str::<serde_json::Value>(&record.details)
            && let Some(seals) = details["seals"].as_object()
        {
            if record.action != "audit.seal" {
                self.sealed_by_a_change = true;
            } else if self.sealed_by_a_change {
                return Err(AuditVerification::Broken {
                    seq: record.seq,
                    problem: format!(
                        "record {} seals the store afresh after changes had sealed it: the store's mark was \
                         removed so that what was found then would be taken as sealed",
                        record.seq
                    ),
                });
            }
            for (target, seal) in seals {
                if let Some(seal) = seal.as_str() {
                    self.seals.insert(target.clone(), (seal.to_string(), record.seq));
                }
            }
        }
        self.last_seq = record.seq;
        self.last_hash = record.hash.clone();
        Ok(())
    }

    /// The chain must hold the anchor's hash at its record, signed if it was then.
    pub fn anchor(&mut self, anchor: &Anchor) {
        self.anchors.insert(anchor.seq, anchor.clone());
    }

    /// Whether the last record walked was signed with the verifier's key.
    pub fn signing(&self) -> bool {
        self.signed_since.is_some()
    }

    /// After the chain: each notice and request the store holds now (`current`, by target) must be
    /// as its last seal says, and each seal's target must still be there.
    pub fn check_state(&self, current: &std::collections::BTreeMap<String, String>) -> Result<(), AuditVerification> {
        for (target, seal) in current {
            match self.seals.get(target) {
                Some((sealed, _)) if sealed == seal => {}
                Some((_, seq)) => {
                    return Err(AuditVerification::Broken {
                        seq: *seq,
                        problem: format!(
                            "{target} is not as record {seq} sealed it: it was changed in the database, past the trail"
                        ),
                    });
                }
                None => {
                    return Err(AuditVerification::Broken {
                        seq: self.last_seq,
                        problem: format!("{target} was written past the trail: no record seals it"),
                    });
                }
            }
        }
        let mut gone: Vec<(&String, i64)> =
            self.seals.iter().filter(|(t, _)| !current.contains_key(*t)).map(|(t, (_, seq))| (t, *seq)).collect();
        gone.sort_by_key(|(_, seq)| *seq);
        if let Some((target, seq)) = gone.first() {
            return Err(AuditVerification::Broken {
                seq: *seq,
                problem: format!("{target}, sealed by record {seq}, was removed from the database"),
            });
        }
        Ok(())
    }

    /// Compares the end of the chain with the head the store keeps.
    pub fn finish(&self, head_seq: i64, head_hash: &str) -> AuditVerification {
        if let Some((anchored, _)) = self.anchors.range(self.last_seq + 1..).next() {
            return AuditVerification::Broken {
                seq: self.last_seq + 1,
                problem: format!(
                    "the chain ends at record {} but record {anchored} was anchored outside the database: \
                     records were removed and the chain's end moved back",
                    self.last_seq
                ),
            };
        }
        if head_seq > self.last_seq {
            let problem = if head_seq == self.last_seq + 1 {
                format!("record {head_seq}, the last, was removed")
            } else {
                format!("records {} to {head_seq}, the last ones, were removed", self.last_seq + 1)
            };
            return AuditVerification::Broken { seq: self.last_seq + 1, problem };
        }
        if head_seq != self.last_seq || head_hash != self.last_hash {
            return AuditVerification::Broken {
                seq: self.last_seq,
                problem: format!("record {} does not match the chain's recorded end", self.last_seq),
            };
        }
        AuditVerification::Intact { records: self.last_seq }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditRecord> {
        let mut prev = GENESIS_HASH.to_string();
        let at = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
        (1..=n)
            .map(|seq| {
                let mut record = AuditRecord {
                    seq,
                    at,
                    actor: "amira".into(),
                    country: Some("FR".into()),
                    action: "notice.read".into(),
                    target: format!("notice/2026/{seq:05}"),
                    reason: None,
                    details: "{}".into(),
                    prev_hash: prev.clone(),
                    hash: String::new(),
                    signature: None,
                };
                record.hash = record.expected_hash();
                prev = record.hash.clone();
                record
            })
            .collect()
    }

    fn verify(records: &[AuditRecord], head: (i64, &str)) -> AuditVerification {
        let mut verifier = ChainVerifier::default();
        for record in records {
            if let Err(broken) = verifier.next(record) {
                return broken;
            }
        }
        verifier.finish(head.0, head.1)
    }

    #[test]
    fn a_baseline_seal_after_changes_sealed_the_store_is_a_forgery() {
        let mut records = chain(2);
        records[0].action = "notice.publish".into();
        records[0].details = r#"{"seals": {"notice/2026/00001": "aa"}}"#.into();
        records[1].action = "audit.seal".into();
        records[1].details = r#"{"seals": {"notice/2026/00001": "bb"}}"#.into();
        records[0].hash = records[0].expected_hash();
        records[1].prev_hash = records[0].hash.clone();
        records[1].hash = records[1].expected_hash();
        let head = records[1].hash.clone();
        match verify(&records, (2, &head)) {
            AuditVerification::Broken { seq: 2, problem } => assert!(problem.contains("afresh"), "{problem}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_untouched_chain_is_intact() {
        let records = chain(5);
        let head = records.last().unwrap().hash.clone();
        assert_eq!(verify(&records, (5, &head)), AuditVerification::Intact { records: 5 });
        assert_eq!(verify(&[], (0, GENESIS_HASH)), AuditVerification::Intact { records: 0 });
    }

    #[test]
    fn an_altered_record_is_named() {
        let mut records = chain(5);
        let head = records.last().unwrap().hash.clone();
        records[2].actor = "someone else".into();
        assert!(matches!(verify(&records, (5, &head)), AuditVerification::Broken { seq: 3, .. }));
    }

    #[test]
    fn an_altered_and_rehashed_record_breaks_the_next_link() {
        let mut records = chain(5);
        let head = records.last().unwrap().hash.clone();
        records[2].reason = Some("covering tracks".into());
        records[2].hash = records[2].expected_hash();
        assert!(matches!(verify(&records, (5, &head)), AuditVerification::Broken { seq: 4, .. }));
    }

    #[test]
    fn removed_records_are_named() {
        let mut records = chain(5);
        let head = records.last().unwrap().hash.clone();
        records.remove(1);
        match verify(&records, (5, &head)) {
            AuditVerification::Broken { seq, problem } => {
                assert_eq!(seq, 2);
                assert!(problem.contains("record 2 was removed"), "{problem}");
            }
            other => panic!("{other:?}"),
        }
        let records = chain(5);
        let head = records.last().unwrap().hash.clone();
        assert!(matches!(verify(&records[..4], (5, &head)), AuditVerification::Broken { seq: 5, .. }));
    }

    #[test]
    fn timestamps_keep_microseconds_in_a_fixed_width() {
        let at = OffsetDateTime::from_unix_timestamp_nanos(1_700_000_000_123_456_789).unwrap();
        let text = format_timestamp(at);
        assert_eq!(text, "2023-11-14T22:13:20.123456Z");
        assert_eq!(parse_timestamp(&text).unwrap(), truncate_to_micros(at));
    }
}
