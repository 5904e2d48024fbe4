//! Dragnet's automated compliance check: plain functions from a notice request and the policy data
//! to findings, each naming its rule, its legal basis, a severity and a sentence a reviewer can act on.
//! No I/O: the caller supplies the request and the policy (built in, or read from files it chose).

use dragnet_domain::request::WorkingLanguage;
use serde::{Deserialize, Serialize};

use crate::language::Said;

pub mod acts;
mod check;
pub mod language;
pub mod policy;
pub mod register;
pub mod text;

pub use check::{check, check_with};
pub use policy::{Policy, PolicyError, PolicyTexts};

/// What the secretariat knows beside the request, from its own records: the caller (the server,
/// which has a store) gathers it, and the check weighs it. A request file checked alone has none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Knowledge {
    pub duplicates: Vec<Duplicate>,
    /// Objections lodged by member countries and what reviewers recorded, each with who said it.
    pub known: Vec<dragnet_domain::knowledge::Known>,
}

/// A notice of the same requester, in review or in force, that may be the same person and case.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    /// The subject of the request it may duplicate, by its place in `subjects`.
    pub subject: usize,
    pub notice: String,
    /// `in_review`, `info_requested` or `published`.
    pub state: String,
    /// The requester's reference of both, where it is the same.
    pub same_reference: Option<String>,
    /// The screening engine's score and reasons, where it finds the same person.
    pub same_person: Option<(f64, String)>,
}

/// How much a finding weighs. Ordered: a request's recommendation is its heaviest finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; changes nothing.
    Info,
    /// A risk a reviewer must weigh.
    Review,
    /// A bar a reviewer would apply.
    Refuse,
    /// The minimum data is missing: the request cannot be submitted.
    Incomplete,
}

impl Severity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Review => "review",
            Severity::Refuse => "refuse",
            Severity::Incomplete => "incomplete",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "review" => Some(Severity::Review),
            "refuse" => Some(Severity::Refuse),
            "incomplete" => Some(Severity::Incomplete),
            _ => None,
        }
    }
}

pub use dragnet_domain::Recommendation;

/// A subject's recommendation: its heaviest finding (information weighs nothing).
fn recommendation_of(findings: &[Finding]) -> Recommendation {
    match findings.iter().map(|f| f.severity).max() {
        None | Some(Severity::Info) => Recommendation::Clear,
        Some(Severity::Review) => Recommendation::Review,
        Some(Severity::Refuse) => Recommendation::Refuse,
        Some(Severity::Incomplete) => Recommendation::Incomplete,
    }
}

/// One thing the check found. Reports are kept with their notices and read back as this type;
/// one kept before translations were written reads with none (and shows in English).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// A stable identifier, `art3.immunity`, `rpd83.penalty_threshold`…
    pub rule: String,
    /// The legal basis: `Constitution art. 3`, `RPD art. 83(1)(a)(ii)`…
    pub basis: String,
    pub severity: Severity,
    /// A sentence a reviewer can act on, quoting the evidence.
    pub message: String,
    /// The basis and the sentence in INTERPOL's other working languages.
    #[serde(default)]
    pub translations: Translations,
}

/// A finding's words in one language.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Translation {
    pub basis: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Translations {
    pub fr: Translation,
    pub es: Translation,
    pub ar: Translation,
}

impl Finding {
    fn new(rule: &str, basis: &Said, severity: Severity, message: &Said) -> Finding {
        let words = |language| Translation {
            basis: basis.in_language(language).to_string(),
            message: message.in_language(language).to_string(),
        };
        Finding {
            rule: rule.to_string(),
            basis: basis.english().to_string(),
            severity,
            message: message.english().to_string(),
            translations: Translations {
                fr: words(WorkingLanguage::Fr),
                es: words(WorkingLanguage::Es),
                ar: words(WorkingLanguage::Ar),
            },
        }
    }

    /// Adds to the sentence, in every language.
    fn append(&mut self, more: &Said) {
        self.message.push_str(more.in_language(WorkingLanguage::En));
        self.translations.fr.message.push_str(more.in_language(WorkingLanguage::Fr));
        self.translations.es.message.push_str(more.in_language(WorkingLanguage::Es));
        self.translations.ar.message.push_str(more.in_language(WorkingLanguage::Ar));
    }

    /// The basis and the sentence in `language`; in English where a kept report has no translation.
    pub fn in_language(&self, language: WorkingLanguage) -> (&str, &str) {
        let words = match language {
            WorkingLanguage::En => return (&self.basis, &self.message),
            WorkingLanguage::Fr => &self.translations.fr,
            WorkingLanguage::Es => &self.translations.es,
            WorkingLanguage::Ar => &self.translations.ar,
        };
        if words.message.is_empty() {
            return (&self.basis, &self.message);
        }
        (&words.basis, &words.message)
    }
}

/// The check of one subject: each subject of a request becomes its own notice, which keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectReport {
    pub name: String,
    pub recommendation: Recommendation,
    pub findings: Vec<Finding>,
}

impl SubjectReport {
    /// Whether a finding for a reviewer rests on the Constitution's art. 2 or 3 (or the refugee
    /// policy, which applies them): such a diffusion is held for a reviewer before it circulates.
    pub fn has_art2_or_art3_finding(&self) -> bool {
        self.findings.iter().any(|finding| {
            finding.severity >= Severity::Review
                && (finding.basis.starts_with("Constitution") || finding.rule.starts_with("refugee."))
        })
    }
}

/// The check of a whole request, in the shape `dragnet check --json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub recommendation: Recommendation,
    pub subjects: Vec<SubjectReport>,
}
