//! The change log the in-memory views follow: the audit chain's records of changes, in order.
//!
//! Every change is written with its audit record in the same transaction, and appends are
//! serialised, so the chain's sequence numbers are the order in which changes became visible: a
//! reader that has applied every change up to `seq` holds what the store held at `seq`. The reads
//! recorded in the chain (a notice read, a screening) change nothing and are passed over.

use dragnet_domain::NoticeId;

use crate::AuditRecord;

/// What one change record tells the views to bring up to date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// These notices may have entered or left force, or changed what the public sees of them.
    Notices(Vec<NoticeId>),
    /// The office-holder register changed: the policy the check uses must be read again.
    Register,
    /// A user or a token changed: what is remembered of tokens must be forgotten.
    Users,
}

/// The PostgreSQL channel on which each committed change is announced to other processes.
pub const CHANNEL: &str = "dragnet_changes";

/// The SQL condition on `action` that picks the records [`change_of`] may read as a change: the
/// follower asks the store for these only, as reads far outnumber changes.
pub(crate) const CHANGE_ACTIONS: &str = "(action LIKE 'notice.%' OR action = 'picture.add' OR action LIKE 'register.%' \
     OR action LIKE 'token.%' OR action LIKE 'user.%')";

/// Actions under `notice.` that record a read or a message, not a change of the notice.
const NOTICE_READS: [&str; 2] = ["notice.read", "notice.located"];

/// Whether an action changes something a view holds (so other processes are told of it).
pub fn is_change(action: &str) -> bool {
    (action.starts_with("notice.") && !NOTICE_READS.contains(&action))
        || action == "picture.add"
        || action.starts_with("register.")
        || action.starts_with("token.")
        || action.starts_with("user.")
}

/// The change a record stands for, if it is one; a record whose details do not read is reported.
pub fn change_of(record: &AuditRecord) -> Result<Option<Change>, String> {
    let action = record.action.as_str();
    if !is_change(action) {
        return Ok(None);
    }
    if action.starts_with("register.") {
        return Ok(Some(Change::Register));
    }
    if action.starts_with("token.") || action.starts_with("user.") {
        return Ok(Some(Change::Users));
    }
    if action == "notice.import" {
        let details: serde_json::Value =
            serde_json::from_str(&record.details).map_err(|err| format!("audit record {}: {err}", record.seq))?;
        let ids = details["notices"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|id| {
                id.as_str()
                    .and_then(|id| NoticeId::parse(id).ok())
                    .ok_or_else(|| format!("audit record {}: {id} is not a notice id", record.seq))
            })
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Some(Change::Notices(ids)));
    }
    let Some(id) = record.target.strip_prefix("notice/") else { return Ok(None) };
    let id = NoticeId::parse(id).map_err(|err| format!("audit record {}: {err}", record.seq))?;
    Ok(Some(Change::Notices(vec![id])))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(action: &str, target: &str, details: &str) -> AuditRecord {
        AuditRecord {
            signature: None,
            seq: 7,
            at: time::OffsetDateTime::UNIX_EPOCH,
            actor: "x".into(),
            country: None,
            action: action.into(),
            target: target.into(),
            reason: None,
            details: details.into(),
            prev_hash: String::new(),
            hash: String::new(),
        }
    }

    #[test]
    fn changes_are_told_from_reads() {
        let id = NoticeId::parse("2026/00012").unwrap();
        assert_eq!(
            change_of(&record("notice.publish", "notice/2026/00012", "{}")),
            Ok(Some(Change::Notices(vec![id])))
        );
        assert_eq!(
            change_of(&record("notice.decision.publish", "notice/2026/00012", "{}")),
            Ok(Some(Change::Notices(vec![id])))
        );
        assert_eq!(change_of(&record("picture.add", "notice/2026/00012", "{}")), Ok(Some(Change::Notices(vec![id]))));
        assert_eq!(
            change_of(&record("notice.import", "notices", r#"{"notices": ["2026/00012"]}"#)),
            Ok(Some(Change::Notices(vec![id])))
        );
        assert_eq!(change_of(&record("register.remove", "office_holder/3", "{}")), Ok(Some(Change::Register)));
        assert_eq!(change_of(&record("token.revoke", "user/ana", "{}")), Ok(Some(Change::Users)));
        for read in ["notice.read", "notice.located", "screening.search", "request.read", "session.start"] {
            assert_eq!(change_of(&record(read, "notice/2026/00012", "{}")), Ok(None), "{read}");
        }
        assert!(change_of(&record("notice.import", "notices", r#"{"notices": ["nope"]}"#)).is_err());
    }
}
