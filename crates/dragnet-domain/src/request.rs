//! A notice request: what a bureau or an international court asks the secretariat to publish.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::codes::{CountryCode, MemberCountry, Requester};
use crate::date::{Date, PartialDate};
use crate::parse::{FieldError, check_line, check_text, null_as_empty};
use crate::person::{MAX_LONG_TEXT_CHARS, Person, Status};

/// Longest summary of facts accepted, in characters.
pub const MAX_SUMMARY_CHARS: usize = 20_000;
/// Most subjects one request may name; a warrant against more is split by the bureau.
pub const MAX_SUBJECTS: usize = 1_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeRequest {
    pub kind: NoticeKind,
    pub requested_by: Requester,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<WorkingLanguage>,
    pub subjects: Vec<Person>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offence: Option<Offence>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub charges: Vec<Charge>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judicial: Option<Judicial>,
    #[serde(default)]
    pub third_party: ThirdParty,
    /// The recipients of a diffusion; absent for every other kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Recipients>,
    /// Member countries the requester bars from seeing the notices: no list, read, screening hit
    /// or public page shows them there.
    #[serde(
        rename = "barred_countries",
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub barred: Vec<MemberCountry>,
    /// Whether the requester agrees to an extract on the public website once the notice is
    /// published (INTERPOL publishes one only with the requester's agreement). No by default.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub public_extract: bool,
    /// Where the subject may go, as the requester expects (a missing person's likely destinations).
    #[serde(default, deserialize_with = "null_as_empty", skip_serializing_if = "Vec::is_empty")]
    pub countries_likely_to_visit: Vec<CountryCode>,
    /// For a UN Security Council special notice: the sanctions list entry it stands for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub un_listing: Option<UnListing>,
}

/// A UN Security Council sanctions list entry: its reference (`QDi.432`), the resolution that
/// set up the list (1267) and the date the entry was made.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnListing {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listed_on: Option<PartialDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    Red,
    Yellow,
    Blue,
    Black,
    Green,
    Orange,
    Purple,
    Silver,
    UnSpecial,
    Diffusion,
}

impl NoticeKind {
    pub const ALL: [NoticeKind; 10] = [
        NoticeKind::Red,
        NoticeKind::Yellow,
        NoticeKind::Blue,
        NoticeKind::Black,
        NoticeKind::Green,
        NoticeKind::Orange,
        NoticeKind::Purple,
        NoticeKind::Silver,
        NoticeKind::UnSpecial,
        NoticeKind::Diffusion,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            NoticeKind::Red => "red",
            NoticeKind::Yellow => "yellow",
            NoticeKind::Blue => "blue",
            NoticeKind::Black => "black",
            NoticeKind::Green => "green",
            NoticeKind::Orange => "orange",
            NoticeKind::Purple => "purple",
            NoticeKind::Silver => "silver",
            NoticeKind::UnSpecial => "un_special",
            NoticeKind::Diffusion => "diffusion",
        }
    }

    pub fn parse(text: &str) -> Option<NoticeKind> {
        NoticeKind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

impl fmt::Display for NoticeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// INTERPOL's four working languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkingLanguage {
    En,
    Fr,
    Es,
    Ar,
}

impl WorkingLanguage {
    pub const ALL: [WorkingLanguage; 4] =
        [WorkingLanguage::En, WorkingLanguage::Fr, WorkingLanguage::Es, WorkingLanguage::Ar];

    /// Its ISO 639-1 code, as requests, reports and `?lang=` write it.
    pub fn code(self) -> &'static str {
        match self {
            WorkingLanguage::En => "en",
            WorkingLanguage::Fr => "fr",
            WorkingLanguage::Es => "es",
            WorkingLanguage::Ar => "ar",
        }
    }

    /// The language's own name.
    pub fn name(self) -> &'static str {
        match self {
            WorkingLanguage::En => "English",
            WorkingLanguage::Fr => "Français",
            WorkingLanguage::Es => "Español",
            WorkingLanguage::Ar => "العربية",
        }
    }

    /// A code in any case (`fr`, `FR`).
    pub fn parse(code: &str) -> Option<WorkingLanguage> {
        WorkingLanguage::ALL.into_iter().find(|lang| code.eq_ignore_ascii_case(lang.code()))
    }

    /// The direction it is written in: `rtl` for Arabic.
    pub fn dir(self) -> &'static str {
        if self == WorkingLanguage::Ar { "rtl" } else { "ltr" }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offence {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub context: Vec<Context>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    ArmedConflict,
    MilitaryOperation,
    CoupOrUprising,
    PoliticalProtest,
    Election,
    PublicationOrSpeech,
    ReligiousPractice,
    EthnicOrRacial,
    FamilyDispute,
    CommercialDispute,
    LabourDispute,
    AdministrativeViolation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Charge {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub law: Option<String>,
    #[serde(default)]
    pub max_penalty: Option<Penalty>,
    /// The charge in another language, as the requester gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
    /// Who issued the warrant for this charge, where it is not the requester (a notice joins the
    /// warrants of several countries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_by: Option<Requester>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "PenaltyFields")]
pub enum Penalty {
    Imprisonment { months: u32 },
    Life,
    Death,
    Fine,
}

/// The penalty as written, read field by field so that an error in `months` names `months`
/// (serde's internally tagged enums lose the path below the tag).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PenaltyFields {
    kind: PenaltyKind,
    #[serde(default)]
    months: Option<u32>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum PenaltyKind {
    Imprisonment,
    Life,
    Death,
    Fine,
}

impl TryFrom<PenaltyFields> for Penalty {
    type Error = String;
    fn try_from(fields: PenaltyFields) -> Result<Self, String> {
        match (fields.kind, fields.months) {
            (PenaltyKind::Imprisonment, Some(0)) => Err("imprisonment of 0 months is no penalty".into()),
            (PenaltyKind::Imprisonment, Some(months)) => Ok(Penalty::Imprisonment { months }),
            (PenaltyKind::Imprisonment, None) => Err("imprisonment needs its length in `months`".into()),
            (_, Some(_)) => Err("only imprisonment has a length in `months`".into()),
            (PenaltyKind::Life, None) => Ok(Penalty::Life),
            (PenaltyKind::Death, None) => Ok(Penalty::Death),
            (PenaltyKind::Fine, None) => Ok(Penalty::Fine),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Judicial {
    pub purpose: Purpose,
    #[serde(default)]
    pub warrant: Option<Warrant>,
    #[serde(default)]
    pub sentence: Option<Sentence>,
    #[serde(default)]
    pub in_absentia: bool,
    /// Country codes, or `*` for every country.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub extradition_sought_from: Vec<ExtraditionFrom>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    Prosecution,
    Sentence,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Warrant {
    pub reference: String,
    pub issued_on: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sentence {
    pub imposed_months: u32,
    pub remaining_months: u32,
}

/// Where extradition will be sought from: every country, or a named one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExtraditionFrom {
    Anywhere,
    Country(CountryCode),
}

impl Serialize for ExtraditionFrom {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ExtraditionFrom::Anywhere => serializer.serialize_str("*"),
            ExtraditionFrom::Country(country) => serializer.serialize_str(country.as_str()),
        }
    }
}

impl<'de> Deserialize<'de> for ExtraditionFrom {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text == "*" {
            return Ok(ExtraditionFrom::Anywhere);
        }
        CountryCode::parse(&text)
            .map(ExtraditionFrom::Country)
            .map_err(|reason| serde::de::Error::custom(format!("{reason}, nor \"*\" for every country")))
    }
}

/// Whom a diffusion goes to: chosen member countries, or every one (`"to": ["*"]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipients {
    Every,
    Countries(Vec<MemberCountry>),
}

impl Serialize for Recipients {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Recipients::Every => ["*"].serialize(serializer),
            Recipients::Countries(countries) => countries.serialize(serializer),
        }
    }
}

/// One entry of a diffusion's `to`, read apart so that a bad one is named by its place (`to[1]`).
enum Recipient {
    Every,
    Country(MemberCountry),
}

impl<'de> Deserialize<'de> for Recipient {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        if code == "*" {
            return Ok(Recipient::Every);
        }
        MemberCountry::parse(&code)
            .map(Recipient::Country)
            .map_err(|reason| serde::de::Error::custom(format!("{reason}, nor \"*\" for every member country")))
    }
}

impl<'de> Deserialize<'de> for Recipients {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let entries = Vec::<Recipient>::deserialize(deserializer)?;
        let every = entries.iter().filter(|entry| matches!(entry, Recipient::Every)).count();
        match (every, entries.len()) {
            (0, _) => Ok(Recipients::Countries(
                entries
                    .into_iter()
                    .filter_map(|entry| match entry {
                        Recipient::Country(country) => Some(country),
                        Recipient::Every => None,
                    })
                    .collect(),
            )),
            (1, 1) => Ok(Recipients::Every),
            _ => Err(serde::de::Error::custom("\"*\" (every member country) stands alone in the list")),
        }
    }
}

/// What the secretariat knows from elsewhere, not what the requester says.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThirdParty {
    #[serde(default, deserialize_with = "null_as_empty")]
    pub subject_status: Vec<Status>,
    #[serde(default)]
    pub refugee_status: Option<RefugeeStatus>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub objections: Vec<Objection>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefugeeStatus {
    pub granted_by: CountryCode,
    pub year: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objection {
    pub country: MemberCountry,
    pub summary: String,
}

impl NoticeRequest {
    /// The member countries that may not see this request's notices: those the requester barred,
    /// and for a diffusion every member but its recipients and the requester itself.
    pub fn barred_from(&self) -> Vec<String> {
        let mut barred: Vec<String> = self.barred.iter().map(|c| c.as_str().to_string()).collect();
        if let (NoticeKind::Diffusion, Some(Recipients::Countries(to))) = (self.kind, &self.to) {
            let seen = |code: &str| to.iter().any(|c| c.as_str() == code) || code == self.requested_by.as_str();
            barred.extend(crate::codes::member_countries().iter().map(|c| c.as_str().to_string()).filter(|c| !seen(c)));
        }
        barred.sort();
        barred.dedup();
        barred
    }

    /// Checks what the types alone cannot; the first problem found is returned with its path.
    pub fn validate(&self) -> Result<(), FieldError> {
        if self.subjects.is_empty() {
            return Err(FieldError::new("subjects", "the list is empty: a request names at least one subject"));
        }
        if self.subjects.len() > MAX_SUBJECTS {
            return Err(FieldError::new(
                "subjects",
                format!("{} subjects is more than the {MAX_SUBJECTS} one request may name", self.subjects.len()),
            ));
        }
        for (i, subject) in self.subjects.iter().enumerate() {
            subject.validate(&format!("subjects[{i}]"))?;
        }
        check_line("reference", self.reference.as_deref(), 100)?;
        match (&self.kind, &self.to) {
            (NoticeKind::Diffusion, None) => {
                return Err(FieldError::new("to", "a diffusion names the countries it is sent to"));
            }
            (NoticeKind::Diffusion, Some(Recipients::Countries(to))) if to.is_empty() => {
                return Err(FieldError::new("to", "the list is empty: a diffusion is sent to at least one country"));
            }
            (NoticeKind::Diffusion, Some(_)) | (_, None) => {}
            (kind, Some(_)) => {
                return Err(FieldError::new(
                    "to",
                    format!("only a diffusion has recipients; a {kind} notice goes to every member"),
                ));
            }
        }
        for (i, country) in self.barred.iter().enumerate() {
            if country.as_str() == self.requested_by.as_str() {
                return Err(FieldError::new(format!("barred_countries[{i}]"), "a requester cannot bar itself"));
            }
            // To every member but those barred is a diffusion's usual shape; a chosen recipient barred is a slip.
            if matches!(&self.to, Some(Recipients::Countries(to)) if to.contains(country)) {
                return Err(FieldError::new(
                    format!("barred_countries[{i}]"),
                    format!("{country} is also a recipient of the diffusion"),
                ));
            }
        }
        if let Some(offence) = &self.offence {
            check_text("offence.summary", offence.summary.as_deref(), MAX_SUMMARY_CHARS)?;
            check_line("offence.place", offence.place.as_deref(), 200)?;
        }
        for (i, charge) in self.charges.iter().enumerate() {
            check_text(&format!("charges[{i}].title"), Some(&charge.title), MAX_LONG_TEXT_CHARS)?;
            check_text(&format!("charges[{i}].translation"), charge.translation.as_deref(), MAX_LONG_TEXT_CHARS)?;
            // An empty law is how a draft says "not known yet"; the check reports it as missing.
            if charge.law.as_deref().is_some_and(|law| !law.trim().is_empty()) {
                check_text(&format!("charges[{i}].law"), charge.law.as_deref(), MAX_LONG_TEXT_CHARS)?;
            }
        }
        if let Some(listing) = &self.un_listing {
            if self.kind != NoticeKind::UnSpecial {
                return Err(FieldError::new(
                    "un_listing",
                    format!("only a UN special notice has one, not a {}", self.kind),
                ));
            }
            check_line("un_listing.reference", listing.reference.as_deref(), 100)?;
        }
        if let Some(judicial) = &self.judicial {
            if let Some(sentence) = judicial.sentence.filter(|s| s.remaining_months > s.imposed_months) {
                return Err(FieldError::new(
                    "judicial.sentence.remaining_months",
                    format!(
                        "{} months left to serve is more than the {} months imposed",
                        sentence.remaining_months, sentence.imposed_months
                    ),
                ));
            }
            if judicial.purpose == Purpose::Prosecution && judicial.sentence.is_some() {
                return Err(FieldError::new(
                    "judicial.sentence",
                    "a request for prosecution has no sentence; use \"purpose\": \"sentence\"",
                ));
            }
            if let Some(warrant) = &judicial.warrant {
                check_line("judicial.warrant.reference", Some(&warrant.reference), 100)?;
                check_line("judicial.warrant.authority", warrant.authority.as_deref(), 300)?;
            }
        }
        if let Some(refugee) = self.third_party.refugee_status.filter(|r| !(1945..=2199).contains(&r.year)) {
            return Err(FieldError::new(
                "third_party.refugee_status.year",
                format!("{} is not a plausible year for a grant of refugee status", refugee.year),
            ));
        }
        for (i, objection) in self.third_party.objections.iter().enumerate() {
            check_text(&format!("third_party.objections[{i}].summary"), Some(&objection.summary), MAX_SUMMARY_CHARS)?;
        }
        Ok(())
    }
}
