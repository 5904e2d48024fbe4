//! The policy data the check relies on: offence categories, what each status and context means,
//! and the register of office holders. Built in from `policy/`, or read from texts an operator supplies;
//! either way every file is validated before the check may use it.

use std::collections::HashSet;

use dragnet_domain::PartialDate;
use dragnet_domain::codes::{CountryCode, INTERNATIONAL_ENTITIES};
use dragnet_domain::person::Status;
use dragnet_domain::request::Context;
use serde::Deserialize;

use crate::Severity;
use crate::register::Register;
use crate::text::{Phrase, Words};

pub const OFFENCES_TOML: &str = include_str!("../policy/offences.toml");
pub const STATUSES_TOML: &str = include_str!("../policy/statuses.toml");
pub const CONTEXTS_TOML: &str = include_str!("../policy/contexts.toml");
pub const OFFICE_HOLDERS_TSV: &str = include_str!("../policy/office_holders.tsv");
pub const ACTS_TOML: &str = include_str!("../policy/acts.toml");
pub const PREDOMINANCE_TOML: &str = include_str!("../policy/predominance.toml");

/// A policy file that cannot be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct PolicyError {
    pub file: &'static str,
    pub message: String,
}

/// The texts of the policy files.
#[derive(Debug, Clone, Copy)]
pub struct PolicyTexts<'a> {
    pub offences: &'a str,
    pub statuses: &'a str,
    pub contexts: &'a str,
    pub office_holders: &'a str,
    pub acts: &'a str,
    pub predominance: &'a str,
}

impl PolicyTexts<'static> {
    pub fn built_in() -> Self {
        PolicyTexts {
            offences: OFFENCES_TOML,
            statuses: STATUSES_TOML,
            contexts: CONTEXTS_TOML,
            office_holders: OFFICE_HOLDERS_TSV,
            acts: ACTS_TOML,
            predominance: PREDOMINANCE_TOML,
        }
    }
}

/// Everything the check knows beyond the request itself.
#[derive(Debug, Clone)]
pub struct Policy {
    /// The versions of the files, for the report: `offences 2026-11-29.1, …`.
    pub version: String,
    /// The versions of the rules' files alone, without the register (which administrators edit
    /// apart): when it changes, what is in force is checked again.
    pub rules_version: String,
    pub categories: Vec<OffenceCategory>,
    pub statuses: Vec<StatusRule>,
    pub contexts: Vec<ContextRule>,
    pub office_holders: Register,
    /// The words of acts, actors and targets, by class.
    pub acts: ActWords,
    pub predominance: Predominance,
}

/// The phrases of each class of `acts.toml`.
#[derive(Debug, Clone, Default)]
pub struct ActWords {
    pub air_means: Vec<Phrase>,
    pub attack: Vec<Phrase>,
    pub killing: Vec<Phrase>,
    pub pretence: Vec<Phrase>,
    pub state_forces: Vec<Phrase>,
    pub state_agents: Vec<Phrase>,
    pub military_target: Vec<Phrase>,
    pub civilian_target: Vec<Phrase>,
    pub victims: Vec<Phrase>,
}

/// The predominance test of `predominance.toml`.
#[derive(Debug, Clone)]
pub struct Predominance {
    pub threshold: u32,
    pub signs: Vec<Sign>,
}

/// A rule whose `review` findings count as a sign of a political or unfair case.
#[derive(Debug, Clone)]
pub struct Sign {
    pub rule: String,
    pub weight: u32,
    /// How many findings of the rule may count for one subject.
    pub most: u32,
    /// What the sign is, in English, French, Spanish and Arabic.
    pub label: [String; 4],
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
    /// Spellings of the name as the register writes them: forenames (perhaps empty) and family name.
    pub spellings: Vec<(String, String)>,
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
struct ActsFile {
    version: String,
    class: Vec<ClassEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassEntry {
    id: String,
    words: WorkingLanguages,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PredominanceFile {
    version: String,
    threshold: u32,
    sign: Vec<SignEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignEntry {
    rule: String,
    weight: u32,
    #[serde(default = "one")]
    most: u32,
    label: Labels,
}

fn one() -> u32 {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Labels {
    en: String,
    fr: String,
    es: String,
    ar: String,
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
        let (acts_version, acts) = parse_acts(texts.acts)?;
        let (predominance_version, predominance) = parse_predominance(texts.predominance)?;
        let rules_version = format!(
            "offences {}, statuses {}, contexts {}, acts {acts_version}, predominance {predominance_version}",
            offences.version, statuses_file.version, contexts_file.version
        );
        Ok(Policy {
            rules_version,
            version: format!(
                "offences {}, statuses {}, contexts {}, acts {acts_version}, predominance {predominance_version}, office holders {}",
                offences.version,
                statuses_file.version,
                contexts_file.version,
                office_holders.len()
            ),
            acts,
            predominance,
            categories,
            statuses,
            contexts,
            office_holders: Register::new(office_holders),
        })
    }

    pub fn status_rule(&self, status: Status) -> Option<&StatusRule> {
        self.statuses.iter().find(|rule| rule.tags.contains(&status))
    }

    pub fn category(&self, id: &str) -> Option<&OffenceCategory> {
        self.categories.iter().find(|category| category.id == id)
    }
}

fn parse_acts(text: &str) -> Result<(String, ActWords), PolicyError> {
    const FILE: &str = "acts.toml";
    let file: ActsFile = toml::from_str(text).map_err(|e| toml_error(FILE, e))?;
    let mut acts = ActWords::default();
    let mut seen = HashSet::new();
    for entry in &file.class {
        let what = format!("class {}", entry.id);
        let list = match entry.id.as_str() {
            "air_means" => &mut acts.air_means,
            "attack" => &mut acts.attack,
            "killing" => &mut acts.killing,
            "pretence" => &mut acts.pretence,
            "state_forces" => &mut acts.state_forces,
            "state_agents" => &mut acts.state_agents,
            "military_target" => &mut acts.military_target,
            "civilian_target" => &mut acts.civilian_target,
            "victims" => &mut acts.victims,
            other => {
                return Err(PolicyError {
                    file: FILE,
                    message: format!("{other:?} is not a class ({})", CLASSES.join(", ")),
                });
            }
        };
        if !seen.insert(entry.id.as_str()) {
            return Err(PolicyError { file: FILE, message: format!("{what} appears twice") });
        }
        *list = phrases(FILE, &what, &entry.words)?;
    }
    const CLASSES: [&str; 9] = [
        "air_means",
        "attack",
        "killing",
        "pretence",
        "state_forces",
        "state_agents",
        "military_target",
        "civilian_target",
        "victims",
    ];
    for required in CLASSES {
        if !seen.contains(required) {
            return Err(PolicyError { file: FILE, message: format!("the class {required} is required by the rules") });
        }
    }
    Ok((file.version, acts))
}

fn parse_predominance(text: &str) -> Result<(String, Predominance), PolicyError> {
    const FILE: &str = "predominance.toml";
    let file: PredominanceFile = toml::from_str(text).map_err(|e| toml_error(FILE, e))?;
    if file.threshold < 2 {
        return Err(PolicyError {
            file: FILE,
            message: format!("a threshold of {} lets one sign alone refuse; it is at least 2", file.threshold),
        });
    }
    let mut rules = HashSet::new();
    let mut signs = Vec::new();
    for entry in file.sign {
        if !rules.insert(entry.rule.clone()) {
            return Err(PolicyError { file: FILE, message: format!("the sign {} appears twice", entry.rule) });
        }
        if entry.weight >= file.threshold {
            return Err(PolicyError {
                file: FILE,
                message: format!("the sign {} weighs {}: one sign alone would refuse", entry.rule, entry.weight),
            });
        }
        let Labels { en, fr, es, ar } = entry.label;
        if [&en, &fr, &es, &ar].iter().any(|label| label.trim().is_empty()) {
            return Err(PolicyError {
                file: FILE,
                message: format!("the sign {} needs a label in every working language", entry.rule),
            });
        }
        signs.push(Sign { rule: entry.rule, weight: entry.weight, most: entry.most.max(1), label: [en, fr, es, ar] });
    }
    Ok((file.version, Predominance { threshold: file.threshold, signs }))
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
            if Words::new(family).is_empty() {
                return Err(error(format!("{spelling:?} has no family name")));
            }
            spellings.push((forenames.trim().to_string(), family.trim().to_string()));
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
            spellings,
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
