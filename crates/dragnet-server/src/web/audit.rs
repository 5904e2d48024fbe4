//! The auditor's page: the audit trail newest first, narrowed by action, actor and target, paged
//! backwards, and the verification of the whole hash chain on demand.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use dragnet_domain::Role;
use dragnet_store::{AuditFilter, AuditVerification};
use serde::Deserialize;

use super::{Frame, error_page, page, require};
use crate::AppState;

/// Records per page.
const PAGE: i64 = 100;

pub fn routes() -> Router<AppState> {
    Router::new().route("/audit", get(trail)).route("/audit.csv", get(trail_csv))
}

#[derive(Debug, Default, Deserialize)]
struct TrailQuery {
    #[serde(default)]
    action: String,
    #[serde(default)]
    actor: String,
    #[serde(default)]
    target: String,
    before: Option<i64>,
    verify: Option<String>,
}

struct Row {
    seq: i64,
    at: String,
    actor: String,
    country: String,
    action: String,
    target: String,
    reason: String,
    details: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    frame: Frame,
    action: String,
    actor: String,
    target: String,
    rows: Vec<Row>,
    /// The query of the next (older) page, if there may be one.
    older: Option<String>,
    /// `Some((intact, text))` when verification was asked for.
    verification: Option<(bool, String)>,
    /// The query of this filter's CSV download.
    csv: String,
}

/// A query string part, escaped for a URL.
pub(super) fn encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn trail(State(state): State<AppState>, frame: Frame, Query(query): Query<TrailQuery>) -> Response {
    let user = match require(&frame, &[Role::Auditor, Role::Supervisor]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let given = |text: &str| Some(text.trim().to_string()).filter(|t| !t.is_empty());
    let filter = AuditFilter {
        action: given(&query.action),
        actor: given(&query.actor),
        target: given(&query.target),
        before: query.before.filter(|b| *b > 0),
        after: None,
    };
    let records = match state.store.search_audit(&user.actor, &filter, PAGE).await {
        Ok(records) => records,
        Err(err) => return error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    };
    let verification = if query.verify.is_some() {
        match state.store.verify_audit().await {
            Ok(AuditVerification::Intact { records }) => Some((true, records.to_string())),
            Ok(AuditVerification::Broken { seq, problem }) => Some((false, format!("#{seq}: {problem}"))),
            Err(err) => return error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
        }
    } else {
        None
    };
    let older = (records.len() as i64 == PAGE).then(|| {
        let last = records.last().map(|r| r.seq).unwrap_or(0);
        format!(
            "lang={}&action={}&actor={}&target={}&before={last}",
            frame.lang.code(),
            encoded(query.action.trim()),
            encoded(query.actor.trim()),
            encoded(query.target.trim())
        )
    });
    let rows = records
        .into_iter()
        .map(|r| Row {
            seq: r.seq,
            at: format!("{} {:02}:{:02}:{:02}", r.at.date(), r.at.hour(), r.at.minute(), r.at.second()),
            actor: r.actor,
            country: r.country.unwrap_or_default(),
            action: r.action,
            target: r.target,
            reason: r.reason.unwrap_or_default(),
            details: if r.details == "{}" { String::new() } else { r.details },
        })
        .collect();
    let csv = format!(
        "action={}&actor={}&target={}",
        encoded(query.action.trim()),
        encoded(query.actor.trim()),
        encoded(query.target.trim())
    );
    page(
        &frame,
        &AuditPage {
            frame: frame.clone(),
            action: query.action,
            actor: query.actor,
            target: query.target,
            rows,
            older,
            verification,
            csv,
        },
    )
}

/// The most records one CSV of the trail holds; narrow the filter (or page with `before`) for more.
const MOST_IN_CSV: usize = 100_000;

/// `GET /audit.csv`: the trail as the page narrows it, newest first, every page of it up to
/// [`MOST_IN_CSV`] records.
async fn trail_csv(State(state): State<AppState>, frame: Frame, Query(query): Query<TrailQuery>) -> Response {
    let user = match require(&frame, &[Role::Auditor, Role::Supervisor]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let given = |text: &str| Some(text.trim().to_string()).filter(|t| !t.is_empty());
    let mut filter = AuditFilter {
        action: given(&query.action),
        actor: given(&query.actor),
        target: given(&query.target),
        before: query.before.filter(|b| *b > 0),
        after: None,
    };
    let mut text = super::csv::line(&[
        "seq",
        "at",
        "actor",
        "country",
        "action",
        "target",
        "reason",
        "details",
        "hash",
        "previous_hash",
    ]);
    let mut written = 0;
    while written < MOST_IN_CSV {
        let records = match state.store.search_audit(&user.actor, &filter, 1000).await {
            Ok(records) => records,
            Err(err) => return error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
        };
        for r in &records {
            text.push_str(&super::csv::line(&[
                r.seq.to_string(),
                r.at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
                r.actor.clone(),
                r.country.clone().unwrap_or_default(),
                r.action.clone(),
                r.target.clone(),
                r.reason.clone().unwrap_or_default(),
                r.details.clone(),
                r.hash.clone(),
                r.prev_hash.clone(),
            ]));
        }
        written += records.len();
        match records.last() {
            Some(last) if records.len() == 1000 => filter.before = Some(last.seq),
            _ => break,
        }
    }
    super::csv::download("dragnet-audit.csv", text)
}
