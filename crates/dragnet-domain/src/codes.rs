//! Coded values: countries, member countries and international entities, languages, eye and hair colours.
//!
//! The tables live in `data/*.tsv` so that a legal or policy team can read and change them; they are
//! compiled in with `include_str!`, so nothing here touches the file system at run time.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

const COUNTRIES_TSV: &str = include_str!("../data/countries.tsv");
const LANGUAGES_TSV: &str = include_str!("../data/languages.tsv");
const APPEARANCE_TSV: &str = include_str!("../data/appearance.tsv");

/// International entities that may request notices without being member countries.
pub const INTERNATIONAL_ENTITIES: [(&str, &str); 3] = [
    ("ICC", "International Criminal Court"),
    ("UN", "United Nations"),
    ("IRMCT", "International Residual Mechanism for Criminal Tribunals"),
];

struct CountryRow {
    name: &'static str,
    member: bool,
}

/// Rows of a tab-separated table, without comments and blank lines.
fn tsv_rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines().filter(|line| !line.starts_with('#') && !line.trim().is_empty()).map(|line| line.split('\t').collect())
}

fn countries() -> &'static HashMap<&'static str, CountryRow> {
    static TABLE: OnceLock<HashMap<&'static str, CountryRow>> = OnceLock::new();
    TABLE.get_or_init(|| {
        tsv_rows(COUNTRIES_TSV)
            .map(|cols| {
                let row = CountryRow {
                    name: cols.get(1).copied().unwrap_or(""),
                    member: cols.get(2).copied() == Some("member"),
                };
                (cols[0], row)
            })
            .collect()
    })
}

/// An ISO 3166-1 alpha-2 country code that exists (Kosovo's user-assigned `XK` included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// Accepts a known code in upper case; anything else is refused with the reason.
    pub fn parse(text: &str) -> Result<Self, String> {
        match countries().get_key_value(text) {
            Some((code, _)) => {
                let bytes = code.as_bytes();
                Ok(CountryCode([bytes[0], bytes[1]]))
            }
            None => Err(format!("{text:?} is not an ISO 3166-1 alpha-2 country code")),
        }
    }

    pub fn as_str(&self) -> &str {
        // Built only from the ASCII codes of the table.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    pub fn name(&self) -> &'static str {
        countries().get(self.as_str()).map_or("", |row| row.name)
    }

    /// Whether this country is one of INTERPOL's member countries.
    pub fn is_member(&self) -> bool {
        countries().get(self.as_str()).is_some_and(|row| row.member)
    }
}

/// All member countries, in code order.
pub fn member_countries() -> Vec<CountryCode> {
    let mut members: Vec<CountryCode> = countries()
        .iter()
        .filter(|(_, row)| row.member)
        .filter_map(|(code, _)| CountryCode::parse(code).ok())
        .collect();
    members.sort();
    members
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who may ask for a notice: a member country's bureau, or an international entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Requester {
    Member(CountryCode),
    Entity(&'static str),
}

impl Requester {
    pub fn parse(text: &str) -> Result<Self, String> {
        if let Some((code, _)) = INTERNATIONAL_ENTITIES.iter().find(|(code, _)| *code == text) {
            return Ok(Requester::Entity(code));
        }
        match CountryCode::parse(text) {
            Ok(country) if country.is_member() => Ok(Requester::Member(country)),
            _ => Err(format!("{text:?} is not an INTERPOL member country or an international entity (ICC, UN, IRMCT)")),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Requester::Member(country) => country.as_str(),
            Requester::Entity(code) => code,
        }
    }

    pub fn is_international_entity(&self) -> bool {
        matches!(self, Requester::Entity(_))
    }
}

impl fmt::Display for Requester {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A member country, as a recipient of a diffusion or an objecting country must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MemberCountry(CountryCode);

impl MemberCountry {
    pub fn parse(text: &str) -> Result<Self, String> {
        match CountryCode::parse(text) {
            Ok(country) if country.is_member() => Ok(MemberCountry(country)),
            Ok(_) => Err(format!("{text:?} is not an INTERPOL member country")),
            Err(reason) => Err(reason),
        }
    }

    pub fn country(&self) -> CountryCode {
        self.0
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl fmt::Display for MemberCountry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn languages() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = HashMap::new();
        for cols in tsv_rows(LANGUAGES_TSV) {
            let name = cols.get(2).copied().unwrap_or("");
            table.insert(cols[0], name);
            if let Some(other) = cols.get(1).filter(|other| !other.is_empty()) {
                table.insert(*other, name);
            }
        }
        table
    })
}

/// A spoken language as INTERPOL codes it: ISO 639-2 in upper case (`ENG`, `PER`, `ARA`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LanguageCode(&'static str);

impl LanguageCode {
    pub fn parse(text: &str) -> Result<Self, String> {
        match languages().get_key_value(text) {
            Some((code, _)) => Ok(LanguageCode(code)),
            None => Err(format!("{text:?} is not an ISO 639-2 language code (such as ENG, PER, ARA)")),
        }
    }

    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

fn appearance(kind: &str) -> Vec<&'static str> {
    tsv_rows(APPEARANCE_TSV).filter(|cols| cols[0] == kind).map(|cols| cols[1]).collect()
}

fn eye_codes() -> &'static [&'static str] {
    static CODES: OnceLock<Vec<&'static str>> = OnceLock::new();
    CODES.get_or_init(|| appearance("eyes"))
}

fn hair_codes() -> &'static [&'static str] {
    static CODES: OnceLock<Vec<&'static str>> = OnceLock::new();
    CODES.get_or_init(|| appearance("hair"))
}

/// An eye colour code (`BRO`, `BLU`…).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EyeColour(&'static str);

impl EyeColour {
    pub fn parse(text: &str) -> Result<Self, String> {
        eye_codes()
            .iter()
            .find(|code| **code == text)
            .map(|code| EyeColour(code))
            .ok_or_else(|| format!("{text:?} is not an eye colour code (one of {})", eye_codes().join(", ")))
    }

    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

/// A hair colour code (`BLA`, `GRY`…).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct HairColour(&'static str);

impl HairColour {
    pub fn parse(text: &str) -> Result<Self, String> {
        hair_codes()
            .iter()
            .find(|code| **code == text)
            .map(|code| HairColour(code))
            .ok_or_else(|| format!("{text:?} is not a hair colour code (one of {})", hair_codes().join(", ")))
    }

    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

/// Serde glue: each code is a JSON string, checked on the way in.
macro_rules! string_coded {
    ($($type:ty),*) => {$(
        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                <$type>::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    )*};
}

string_coded!(CountryCode, Requester, MemberCountry, LanguageCode, EyeColour, HairColour);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_196_members() {
        assert_eq!(member_countries().len(), 196);
    }

    #[test]
    fn members_include_the_recent_and_the_special_cases() {
        for code in ["PW", "PS", "VA", "AW", "CW", "SX", "FR", "IR", "US"] {
            assert!(CountryCode::parse(code).unwrap().is_member(), "{code}");
        }
        for code in ["KP", "TV", "TW", "XK", "HK"] {
            assert!(!CountryCode::parse(code).unwrap().is_member(), "{code}");
        }
    }

    #[test]
    fn unknown_and_lower_case_codes_are_refused() {
        assert!(CountryCode::parse("ZZ").is_err());
        assert!(CountryCode::parse("fr").is_err());
        assert!(CountryCode::parse("FRA").is_err());
    }

    #[test]
    fn requesters_are_members_or_entities() {
        assert_eq!(Requester::parse("ICC").unwrap(), Requester::Entity("ICC"));
        assert!(Requester::parse("IR").is_ok());
        let err = Requester::parse("KP").unwrap_err();
        assert!(err.contains("not an INTERPOL member"), "{err}");
    }

    #[test]
    fn both_forms_of_a_language_code_are_accepted() {
        assert_eq!(LanguageCode::parse("PER").unwrap().as_str(), "PER");
        assert_eq!(LanguageCode::parse("FAS").unwrap().as_str(), "FAS");
        assert!(LanguageCode::parse("XXX").is_err());
    }

    #[test]
    fn colours_come_from_the_table() {
        assert!(EyeColour::parse("BRO").is_ok());
        assert!(HairColour::parse("BLOH").is_ok());
        assert!(EyeColour::parse("PURPLE").is_err());
    }
}
