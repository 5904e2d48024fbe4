//! The policy data the check relies on: offence categories, what each status and context means,
//! and the register of office holders. Built in from `policy/`, or read from texts an operator supplies;
//! either way every file is validated before the check may use it.

use std::collections::HashSet;

use dragnet_domain::codes::{CountryCode, INTERNATIONAL_ENTITIES};
use dragnet_domain::person::Status;
use dragnet_domain::request::Context;
use dragnet_domain::{PartialDate, Person};
use serde::Deserialize;

use crate::Severity;
use crate::text::{Phrase, Words};

pub const OFFENCES_TOML: &str = include_str!("../policy/offences.toml");
pub const STATUSES_TOML: &str = include_str!("../policy/statuses.toml");
pub const CONTEXTS_TOML: &str = include_str!("../policy/contexts.toml");
pub const OFFICE_HOLDERS_TSV: &str = include_str!("../policy/office_holders.tsv");

/// A policy file that cannot be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct PolicyError {
    pub file: &'static str,
    pub message: String,
}

/// The texts of the four policy files.
#[derive(Debug, Clone, Copy)]
pub struct PolicyTexts<'a> {
    pub offences: &'a str,
    pub statuses: &'a str,
    pub contexts: &'a str,
    pub office_holders: &'a str,
}

impl PolicyTexts<'static> {
    pub fn built_in() -> Self {
        PolicyTexts {
            offences: OFFENCES_TOML,
            statuses: STATUSES_TOML,
            contexts: CONTEXTS_TOML,
            office_holders: OFFICE_HOLDERS_TSV,
        }
    }
}

/// Everything the check knows beyond the request itself.
#[derive(Debug, Clone)]
pub struct Policy {
    /// The versions of the files, for the report: `offences 2026-11-29.1, …`.
    pub version: String,
    pub categories: Vec<OffenceCategory>,
    pub statuses: Vec<StatusRule>,
    pub contexts: Vec<ContextRule>,
    pub office_holders: Vec<OfficeHolder>,
}

#[derive(Debug, Clone)]
pub struct OffenceCategory {
    pub id: String,
    pub rule: String,
    pub basis: String,
    pub severity: Severity,
    pub summary_severity: Severity,
    pub label: String,
    pub phrases: Vec<Phrase>,
}

#[derive(Debug, Clone)]
pub struct StatusRule {
    pub tags: Vec<Status>,
    pub rule: String,
    pub basis: String,
    /// `None` where the status alone says nothing.
    pub severity: Option<Severity>,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct ContextRule {
    pub tag: Context,
    pub rule: String,
    pub basis: String,
    /// When the requester declares the context.
    pub severity: Severity,
    /// When only the summary's words show it.
    pub summary_severity: Severity,
    pub label: String,
    pub phrases: Vec<Phrase>,
}

/// Someone holding an office now, as the register records them.
#[derive(Debug, Clone)]
pub struct OfficeHolder {
    /// Spellings of the name: each a family name's folded words and the forenames' folded words.
    pub names: Vec<(Vec<String>, Vec<String>)>,
    pub display_name: String,
    pub status: Status,
    pub office: String,
    pub country: String,
    pub date_of_birth: Option<PartialDate>,
    pub since: Option<PartialDate>,
    /// The register's line for this holder, as written: what a store keeps and gives back.
    pub line: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OffencesFile {
    version: String,
    category: Vec<CategoryEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryEntry {
    id: String,
    rule: String,
    basis: String,
    severity: String,
    summary_severity: String,
    label: String,
    words: WorkingLanguages,
}

/// Phrases in each of the four working languages; every language must have some.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkingLanguages {
    en: Vec<String>,
    fr: Vec<String>,
    es: Vec<String>,
    ar: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusesFile {
    version: String,
    status: Vec<StatusEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusEntry {
    tags: Vec<Status>,
    rule: String,
    basis: String,
    severity: String,
    reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextsFile {
    version: String,
    context: Vec<ContextEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextEntry {
    tag: Context,
    rule: String,
    basis: String,
    severity: String,
    summary_severity: String,
    label: String,
    words: WorkingLanguages,
}

fn severity(file: &'static str, what: &str, text: &str) -> Result<Severity, PolicyError> {
    Severity::parse(text).ok_or_else(|| PolicyError {
        file,
        message: format!("{what}: {text:?} is not a severity (incomplete, refuse, review, info)"),
    })
}

fn phrases(file: &'static str, what: &str, words: &WorkingLanguages) -> Result<Vec<Phrase>, PolicyError> {
    let mut phrases = Vec::new();
    let lists = [&words.en, &words.fr, &words.es, &words.ar];
    for (language, list) in ["en", "fr", "es", "ar"].iter().zip(lists) {
        if list.is_empty() {
            return Err(PolicyError {
                file,
                message: format!("{what}: no phrases in {language}; every working language needs some"),
            });
        }
        for text in list {
            phrases.push(
                Phrase::parse(text)
                    .map_err(|message| PolicyError { file, message: format!("{what}.{language}: {message}") })?,
            );
        }
    }
    Ok(phrases)
}

fn toml_error(file: &'static str, err: toml::de::Error) -> PolicyError {
    PolicyError { file, message: err.to_string().trim().to_string() }
}

impl Policy {
    /// The policy shipped with this build.
    pub fn built_in() -> Policy {
        // The built-in files are checked by this crate's tests, so this cannot fail in a released build.
        Policy::parse(PolicyTexts::built_in()).expect("the built-in policy data is valid")
    }

    /// Reads and validates policy files.
    pub fn parse(texts: PolicyTexts<'_>) -> Result<Policy, PolicyError> {
        const OFFENCES: &str = "offences.toml";
        const STATUSES: &str = "statuses.toml";
        const CONTEXTS: &str = "contexts.toml";

        let offences: OffencesFile = toml::from_str(texts.offences).map_err(|e| toml_error(OFFENCES, e))?;
        let mut categories = Vec::new();
        let mut ids = HashSet::new();
        for entry in offences.category {
            if !ids.insert(entry.id.clone()) {
                return Err(PolicyError { file: OFFENCES, message: format!("category {} appears twice", entry.id) });
            }
            let what = format!("category {}", entry.id);
            categories.push(OffenceCategory {
                severity: severity(OFFENCES, &what, &entry.severity)?,
                summary_severity: severity(OFFENCES, &what, &entry.summary_severity)?,
                phrases: phrases(OFFENCES, &what, &entry.words)?,
                id: entry.id,
                rule: entry.rule,
                basis: entry.basis,
                label: entry.label,
            });
        }
        for required in ["terrorism", "international_crimes"] {
            if !ids.contains(required) {
                return Err(PolicyError {
                    file: OFFENCES,
                    message: format!("the category {required} is required by the rules"),
                });
            }
        }

        let statuses_file: StatusesFile = toml::from_str(texts.statuses).map_err(|e| toml_error(STATUSES, e))?;
        let mut statuses = Vec::new();
        let mut seen = HashSet::new();
        for entry in statuses_file.status {
            for tag in &entry.tags {
                if !seen.insert(*tag) {
                    return Err(PolicyError { file: STATUSES, message: format!("the status {tag:?} appears twice") });
                }
            }
            let severity = match entry.severity.as_str() {
                "none" => None,
                text => Some(severity(STATUSES, &entry.rule, text)?),
            };
            statuses.push(StatusRule {
                tags: entry.tags,
                rule: entry.rule,
                basis: entry.basis,
                severity,
                reason: entry.reason,
            });
        }
        if let Some(missing) = Status::ALL.iter().find(|status| !seen.contains(status)) {
            return Err(PolicyError { file: STATUSES, message: format!("the status {missing:?} has no entry") });
        }

        let contexts_file: ContextsFile = toml::from_str(texts.contexts).map_err(|e| toml_error(CONTEXTS, e))?;
        let mut contexts = Vec::new();
        for entry in contexts_file.context {
            let what = format!("context {:?}", entry.tag);
            contexts.push(ContextRule {
                severity: severity(CONTEXTS, &what, &entry.severity)?,
                summary_severity: severity(CONTEXTS, &what, &entry.summary_severity)?,
                phrases: phrases(CONTEXTS, &what, &entry.words)?,
                tag: entry.tag,
                rule: entry.rule,
                basis: entry.basis,
                label: entry.label,
            });
        }

        let office_holders = parse_register(texts.office_holders)?;
        Ok(Policy {
            version: format!(
                "offences {}, statuses {}, contexts {}, office holders {}",
                offences.version,
                statuses_file.version,
                contexts_file.version,
                office_holders.len()
            ),
            categories,
            statuses,
            contexts,
            office_holders,
        })
    }

    pub fn status_rule(&self, status: Status) -> Option<&StatusRule> {
        self.statuses.iter().find(|rule| rule.tags.contains(&status))
    }

    pub fn category(&self, id: &str) -> Option<&OffenceCategory> {
        self.categories.iter().find(|category| category.id == id)
    }

    /// Office holders the person may be, best evidence first: `true` where the dates of birth agree.
    pub fn office_holders_matching(&self, person: &Person) -> Vec<(&OfficeHolder, bool)> {
        let spellings = person_spellings(person);
        let mut found: Vec<(&OfficeHolder, bool)> = self
            .office_holders
            .iter()
            .filter(|holder| holder.names.iter().any(|name| spellings.iter().any(|words| name_matches(name, words))))
            .filter_map(|holder| match (holder.date_of_birth, person.date_of_birth) {
                (Some(registered), Some(declared)) => dates_agree(registered, declared).then_some((holder, true)),
                _ => Some((holder, false)),
            })
            .collect();
        found.sort_by_key(|(_, dated)| !dated);
        found
    }
}

/// The person's names as sets of folded words: the main name and every alias.
fn person_spellings(person: &Person) -> Vec<Vec<String>> {
    let mut texts: Vec<String> = Vec::new();
    match (&person.family_name, &person.forenames) {
        (Some(family), Some(forenames)) => texts.push(format!("{forenames} {family}")),
        (Some(family), None) => texts.push(family.clone()),
        _ => {}
    }
    texts.extend(person.name.iter().cloned());
    texts.extend(person.original_script_name.iter().cloned());
    texts.extend(person.aliases.iter().cloned());
    texts.iter().map(|text| Words::new(text).words.into_iter().map(|w| w.folded).collect()).collect()
}

/// Every word of the family name, and at least one forename where the register has any.
fn name_matches((family, forenames): &(Vec<String>, Vec<String>), words: &[String]) -> bool {
    family.iter().all(|part| words.contains(part))
        && (forenames.is_empty() || forenames.iter().any(|part| words.contains(part)))
}

/// Dates agree where they do not contradict each other at the precision both have.
fn dates_agree(a: PartialDate, b: PartialDate) -> bool {
    a.year() == b.year()
        && a.month().zip(b.month()).is_none_or(|(x, y)| x == y)
        && a.day().zip(b.day()).is_none_or(|(x, y)| x == y)
}

/// The register of office holders from its tab-separated text (`office_holders.tsv`'s format).
pub fn parse_register(text: &str) -> Result<Vec<OfficeHolder>, PolicyError> {
    const FILE: &str = "office_holders.tsv";
    let mut holders = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let error = |message: String| PolicyError { file: FILE, message: format!("line {}: {message}", number + 1) };
        let columns: Vec<&str> = line.split('\t').collect();
        let [names, status, office, country, date_of_birth, since] = columns.as_slice() else {
            return Err(error(format!("{} columns where 6 are expected", columns.len())));
        };
        let mut spellings = Vec::new();
        for spelling in names.split(';') {
            let (forenames, family) =
                spelling.split_once('|').ok_or_else(|| error(format!("{spelling:?} is not \"Forenames|FAMILY\"")))?;
            let fold = |text: &str| Words::new(text).words.into_iter().map(|w| w.folded).collect::<Vec<_>>();
            if fold(family).is_empty() {
                return Err(error(format!("{spelling:?} has no family name")));
            }
            spellings.push((fold(family), fold(forenames)));
        }
        let status: Status = serde_json::from_value(serde_json::Value::String(status.to_string()))
            .map_err(|_| error(format!("{status:?} is not a status")))?;
        let known_entity = INTERNATIONAL_ENTITIES.iter().any(|(code, _)| code == country);
        if !known_entity {
            CountryCode::parse(country).map_err(error)?;
        }
        let date = |text: &str| {
            if text.is_empty() { Ok(None) } else { PartialDate::parse(text).map(Some).map_err(error) }
        };
        let display_name = names.split(';').next().unwrap_or_default().replace('|', " ");
        holders.push(OfficeHolder {
            names: spellings,
            display_name: display_name.trim().to_string(),
            status,
            office: office.to_string(),
            country: country.to_string(),
            date_of_birth: date(date_of_birth)?,
            since: date(since)?,
            line: line.to_string(),
        });
    }
    Ok(holders)
}
