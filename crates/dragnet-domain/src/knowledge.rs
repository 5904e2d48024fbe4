//! What the secretariat knows about a request besides what its requester says: an objection lodged by
//! another member country, or a refugee status, a status or a fact recorded by a reviewer, each with
//! its source. The requester's own `third_party` declarations stay in the request, labelled as its own.

use serde::{Deserialize, Serialize};

use crate::codes::CountryCode;
use crate::date::PartialDate;
use crate::parse::FieldError;
use crate::person::Status;
use crate::text::{plain_line, plain_text};

/// Longest objection or fact, in characters.
pub const MOST_KNOWLEDGE_CHARS: usize = 5_000;
/// Longest source, in characters.
pub const MOST_SOURCE_CHARS: usize = 500;

/// One thing known, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum KnownItem {
    /// A member country's objection to the request, in its own words; the country is who lodged it.
    Objection { summary: String },
    /// Refugee status granted to the subject.
    RefugeeStatus { granted_by: CountryCode, year: u16 },
    /// A position the subject holds or held, known from a source other than the requester.
    Status { status: Status },
    /// Anything else a reviewer should weigh, with its source.
    Fact { text: String },
}

impl KnownItem {
    pub fn kind(&self) -> &'static str {
        match self {
            KnownItem::Objection { .. } => "objection",
            KnownItem::RefugeeStatus { .. } => "refugee_status",
            KnownItem::Status { .. } => "status",
            KnownItem::Fact { .. } => "fact",
        }
    }

    /// Checks what the types alone cannot, naming the field.
    pub fn validate(&self) -> Result<(), FieldError> {
        let text = |field: &str, text: &str| {
            plain_text(field, text)?;
            if text.trim().is_empty() {
                return Err(FieldError::new(field, "is empty"));
            }
            if text.chars().count() > MOST_KNOWLEDGE_CHARS {
                return Err(FieldError::new(field, format!("is longer than {MOST_KNOWLEDGE_CHARS} characters")));
            }
            Ok(())
        };
        match self {
            KnownItem::Objection { summary } => text("summary", summary),
            KnownItem::Fact { text: fact } => text("text", fact),
            KnownItem::RefugeeStatus { year, .. } if !(1945..=2199).contains(year) => {
                Err(FieldError::new("year", format!("{year} is not a plausible year for a grant of refugee status")))
            }
            KnownItem::RefugeeStatus { .. } | KnownItem::Status { .. } => Ok(()),
        }
    }
}

/// Checks a source as its recorder gives it ("UNHCR letter of 3 May 2024").
pub fn validate_source(source: &str) -> Result<(), FieldError> {
    plain_line("source", source)?;
    if source.trim().is_empty() {
        return Err(FieldError::new("source", "is empty: say where this is known from"));
    }
    if source.chars().count() > MOST_SOURCE_CHARS {
        return Err(FieldError::new("source", format!("is longer than {MOST_SOURCE_CHARS} characters")));
    }
    Ok(())
}

/// One item as the check weighs it: what, about whom, who said it and from where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    /// The subject it concerns, by its place in the request; `None` for every subject.
    pub subject: Option<usize>,
    pub item: KnownItem,
    /// The actor who recorded it, as the audit trail names them (`FR bureau_officer ncb.fr`).
    pub recorded_by: String,
    /// The member country that said it: an objection's objector.
    pub country: Option<String>,
    pub source: String,
    pub known_on: Option<PartialDate>,
}
