//! A person as Dragnet's formats describe one: the subject of a notice or a screening query.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::codes::{CountryCode, EyeColour, HairColour, LanguageCode};
use crate::date::PartialDate;
use crate::parse::{FieldError, check_line, check_text, colour_codes, null_as_empty};

/// Longest name, alias or place accepted: longer ones are pasting mistakes, not names.
pub const MAX_NAME_CHARS: usize = 200;
/// The most aliases and identity documents one person may have: each alias is another name the
/// screening engine searches, so the list is bounded like any other input.
pub const MOST_ALIASES: usize = 100;
pub const MOST_DOCUMENTS: usize = 50;

/// The longest free text of a field that describes (a charge, distinguishing marks): real
/// records run to thousands of characters.
pub const MAX_LONG_TEXT_CHARS: usize = 10_000;

/// The bounds of a height and weight a record may give. Outside the usual human range (see
/// [`Physical::implausible`]) a value is kept and flagged, not refused.
pub const MOST_HEIGHT_CM: u16 = 300;
pub const MOST_WEIGHT_KG: u16 = 700;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forenames: Option<String>,
    /// The whole name as one string in any order, as a passenger manifest often has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_script_name: Option<String>,
    #[serde(default, deserialize_with = "null_as_empty", skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The family name the person was born with, where it is not the one they bear now: a name
    /// they may travel under, screened like the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_name: Option<String>,
    /// The parents' names, which yellow and UN notices give to tell a person from namesakes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub father: Option<ParentName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mother: Option<ParentName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_of_birth: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_of_birth: Option<CountryCode>,
    #[serde(default, deserialize_with = "null_as_empty", skip_serializing_if = "Vec::is_empty")]
    pub nationalities: Vec<CountryCode>,
    #[serde(default, deserialize_with = "null_as_empty", skip_serializing_if = "Vec::is_empty")]
    pub identity_documents: Vec<IdentityDocument>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub physical: Option<Physical>,
    #[serde(default, deserialize_with = "null_as_empty", skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<LanguageCode>,
    #[serde(default, deserialize_with = "null_as_empty", skip_serializing_if = "Vec::is_empty")]
    pub status: Vec<Status>,
}

/// A parent's name, either part of which may be unknown.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParentName {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forenames: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    M,
    F,
    U,
}

impl fmt::Display for Sex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Sex::M => "M",
            Sex::F => "F",
            Sex::U => "U",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityDocument {
    pub kind: DocumentKind,
    pub number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Passport,
    NationalId,
    DrivingLicence,
    ResidencePermit,
    TravelDocument,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Physical {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height_cm: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_kg: Option<u16>,
    #[serde(default, deserialize_with = "colour_codes", skip_serializing_if = "Vec::is_empty")]
    pub eyes: Vec<EyeColour>,
    #[serde(default, deserialize_with = "colour_codes", skip_serializing_if = "Vec::is_empty")]
    pub hair: Vec<HairColour>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marks: Option<String>,
}

impl Physical {
    pub fn is_empty(&self) -> bool {
        self == &Physical::default()
    }

    /// What is out of the usual human range (a height under 40 or over 260 cm, a weight over 400 kg),
    /// in words: kept as given, and worth a look.
    pub fn implausible(&self) -> Vec<String> {
        let mut flags = Vec::new();
        if let Some(height) = self.height_cm.filter(|h| !(40..=260).contains(h)) {
            flags.push(format!("physical.height_cm: {height} cm is outside the usual human range (40 to 260)"));
        }
        if let Some(weight) = self.weight_kg.filter(|w| *w > 400) {
            flags.push(format!("physical.weight_kg: {weight} kg is outside the usual human range (up to 400)"));
        }
        flags
    }
}

/// A role the person holds or held, which the compliance review weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    HeadOfState,
    HeadOfGovernment,
    ForeignMinister,
    Minister,
    MemberOfParliament,
    SeniorOfficial,
    Diplomat,
    MilitaryOfficer,
    ArmedForcesMember,
    InternationalOfficial,
    Politician,
    OppositionFigure,
    GovernmentCritic,
    Journalist,
    HumanRightsDefender,
    ReligiousLeader,
    MinorityActivist,
    BusinessPerson,
    FormerHeadOfState,
    FormerHeadOfGovernment,
    FormerMinister,
}

impl Status {
    pub const ALL: [Status; 21] = [
        Status::HeadOfState,
        Status::HeadOfGovernment,
        Status::ForeignMinister,
        Status::Minister,
        Status::MemberOfParliament,
        Status::SeniorOfficial,
        Status::Diplomat,
        Status::MilitaryOfficer,
        Status::ArmedForcesMember,
        Status::InternationalOfficial,
        Status::Politician,
        Status::OppositionFigure,
        Status::GovernmentCritic,
        Status::Journalist,
        Status::HumanRightsDefender,
        Status::ReligiousLeader,
        Status::MinorityActivist,
        Status::BusinessPerson,
        Status::FormerHeadOfState,
        Status::FormerHeadOfGovernment,
        Status::FormerMinister,
    ];

    /// The status as the formats write it: `head_of_state`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::HeadOfState => "head_of_state",
            Status::HeadOfGovernment => "head_of_government",
            Status::ForeignMinister => "foreign_minister",
            Status::Minister => "minister",
            Status::MemberOfParliament => "member_of_parliament",
            Status::SeniorOfficial => "senior_official",
            Status::Diplomat => "diplomat",
            Status::MilitaryOfficer => "military_officer",
            Status::ArmedForcesMember => "armed_forces_member",
            Status::InternationalOfficial => "international_official",
            Status::Politician => "politician",
            Status::OppositionFigure => "opposition_figure",
            Status::GovernmentCritic => "government_critic",
            Status::Journalist => "journalist",
            Status::HumanRightsDefender => "human_rights_defender",
            Status::ReligiousLeader => "religious_leader",
            Status::MinorityActivist => "minority_activist",
            Status::BusinessPerson => "business_person",
            Status::FormerHeadOfState => "former_head_of_state",
            Status::FormerHeadOfGovernment => "former_head_of_government",
            Status::FormerMinister => "former_minister",
        }
    }
}

impl Person {
    /// The name to show a person reading a list: "FAMILY, Forenames", else the whole name. What a
    /// line may not hold (a direction override stored before names were checked for one) is left
    /// out, so that a name shows as what it is.
    pub fn display_name(&self) -> String {
        let name = match (&self.family_name, &self.forenames, &self.name) {
            (Some(family), Some(forenames), _) => format!("{family}, {forenames}"),
            (Some(family), None, _) => family.clone(),
            (None, _, Some(name)) => name.clone(),
            (None, Some(forenames), None) => forenames.clone(),
            (None, None, None) => self.original_script_name.clone().unwrap_or_default(),
        };
        crate::text::cleaned_line(&name)
    }

    /// Checks what the types alone cannot: a name is present, texts are not blank or absurdly long,
    /// measurements are human. `path` is where this person sits in the document (`subjects[2]`).
    pub fn validate(&self, path: &str) -> Result<(), FieldError> {
        let field = |name: &str| if path.is_empty() { name.to_string() } else { format!("{path}.{name}") };
        if self.family_name.is_none() && self.name.is_none() {
            return Err(FieldError::new(
                field("family_name"),
                "a person needs a name: family_name (with forenames) or name",
            ));
        }
        check_line(&field("id"), self.id.as_deref(), 64)?;
        check_line(&field("family_name"), self.family_name.as_deref(), MAX_NAME_CHARS)?;
        check_line(&field("forenames"), self.forenames.as_deref(), MAX_NAME_CHARS)?;
        check_line(&field("name"), self.name.as_deref(), MAX_NAME_CHARS)?;
        check_line(&field("original_script_name"), self.original_script_name.as_deref(), MAX_NAME_CHARS)?;
        check_line(&field("place_of_birth"), self.place_of_birth.as_deref(), MAX_NAME_CHARS)?;
        check_line(&field("birth_name"), self.birth_name.as_deref(), MAX_NAME_CHARS)?;
        for (which, parent) in [("father", &self.father), ("mother", &self.mother)] {
            let Some(parent) = parent else { continue };
            if parent.family_name.is_none() && parent.forenames.is_none() {
                return Err(FieldError::new(field(which), "a parent given is named: family_name, forenames or both"));
            }
            check_line(&field(&format!("{which}.family_name")), parent.family_name.as_deref(), MAX_NAME_CHARS)?;
            check_line(&field(&format!("{which}.forenames")), parent.forenames.as_deref(), MAX_NAME_CHARS)?;
        }
        if self.aliases.len() > MOST_ALIASES {
            return Err(FieldError::new(field("aliases"), format!("at most {MOST_ALIASES} aliases")));
        }
        if self.identity_documents.len() > MOST_DOCUMENTS {
            return Err(FieldError::new(field("identity_documents"), format!("at most {MOST_DOCUMENTS} documents")));
        }
        for (i, alias) in self.aliases.iter().enumerate() {
            check_line(&field(&format!("aliases[{i}]")), Some(alias), MAX_NAME_CHARS)?;
        }
        for (i, document) in self.identity_documents.iter().enumerate() {
            check_line(&field(&format!("identity_documents[{i}].number")), Some(&document.number), 64)?;
        }
        if let Some(physical) = &self.physical {
            // Records are kept as they come: a missing toddler is 37 cm tall, and a height that is
            // surely wrong (12 cm) is the requester's to answer for, flagged, not a lost notice.
            if let Some(height) = physical.height_cm.filter(|h| !(1..=MOST_HEIGHT_CM).contains(h)) {
                return Err(FieldError::new(
                    field("physical.height_cm"),
                    format!("{height} is not a height in centimetres (1 to {MOST_HEIGHT_CM})"),
                ));
            }
            if let Some(weight) = physical.weight_kg.filter(|w| !(1..=MOST_WEIGHT_KG).contains(w)) {
                return Err(FieldError::new(
                    field("physical.weight_kg"),
                    format!("{weight} is not a weight in kilograms (1 to {MOST_WEIGHT_KG})"),
                ));
            }
            check_text(&field("physical.marks"), physical.marks.as_deref(), MAX_LONG_TEXT_CHARS)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_is_written_as_the_formats_write_it() {
        for status in Status::ALL {
            assert_eq!(serde_json::to_value(status).unwrap(), status.as_str());
        }
    }
}
