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
const INTERPOL_EYES_TSV: &str = include_str!("../data/interpol/eye_colours.tsv");
const INTERPOL_HAIR_TSV: &str = include_str!("../data/interpol/hair_colours.tsv");
const INTERPOL_LANGUAGES_TSV: &str = include_str!("../data/interpol/languages.tsv");
const RETIRED_APPEARANCE_TSV: &str = include_str!("../data/retired_appearance.tsv");

/// International entities that may request notices without being member countries.
pub const INTERNATIONAL_ENTITIES: [(&str, &str); 4] = [
    ("ICC", "International Criminal Court"),
    ("UN", "United Nations"),
    ("IRMCT", "International Residual Mechanism for Criminal Tribunals"),
    ("STL", "Special Tribunal for Lebanon"),
];

/// The codes INTERPOL's own records give international requesters in place of a country
/// (`issuing_country_id: "914"`), and the entity each is.
pub const INTERPOL_ENTITY_CODES: [(&str, &str); 3] = [("914", "ICC"), ("916", "STL"), ("922", "IRMCT")];

/// A requester as INTERPOL's records write it: a country's code, or an entity's number (`914`).
pub fn interpol_requester_code(requester: &str) -> &str {
    INTERPOL_ENTITY_CODES.iter().find(|(_, entity)| *entity == requester).map_or(requester, |(code, _)| code)
}

/// INTERPOL's code for Kosovo (under UNMIK mandate), which Dragnet holds as ISO's user-assigned `XK`.
pub const INTERPOL_KOSOVO: &str = "UNK";

/// A country as INTERPOL's records write it: ISO's code, or `UNK` for Kosovo.
pub fn parse_interpol_country(text: &str) -> Result<CountryCode, String> {
    CountryCode::parse(if text == INTERPOL_KOSOVO { "XK" } else { text })
}

/// A country as INTERPOL's records write it, the other way round.
pub fn interpol_country_code(country: &CountryCode) -> &str {
    match country.as_str() {
        "XK" => INTERPOL_KOSOVO,
        code => code,
    }
}

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

/// Who may ask for a notice: a member country's bureau, or an international entity. `Unknown`
/// is who asked for a notice imported from a public list entry, which does not say: no bureau
/// owns such a notice and no one can request one (a request is made by a user, who acts for a
/// member country).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Requester {
    Member(CountryCode),
    Entity(&'static str),
    Unknown,
}

/// How [`Requester::Unknown`] is written.
pub const UNKNOWN_REQUESTER: &str = "unknown";

impl Requester {
    pub fn parse(text: &str) -> Result<Self, String> {
        if text == UNKNOWN_REQUESTER {
            return Ok(Requester::Unknown);
        }
        if let Some((code, _)) = INTERNATIONAL_ENTITIES.iter().find(|(code, _)| *code == text) {
            return Ok(Requester::Entity(code));
        }
        if let Some((_, entity)) = INTERPOL_ENTITY_CODES.iter().find(|(code, _)| *code == text) {
            return Ok(Requester::Entity(entity));
        }
        match CountryCode::parse(text) {
            Ok(country) if country.is_member() => Ok(Requester::Member(country)),
            _ => Err(format!(
                "{text:?} is not an INTERPOL member country or an international entity (ICC or 914, UN, IRMCT or 922, STL or 916)"
            )),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Requester::Member(country) => country.as_str(),
            Requester::Entity(code) => code,
            Requester::Unknown => UNKNOWN_REQUESTER,
        }
    }

    pub fn is_known(&self) -> bool {
        *self != Requester::Unknown
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
        // INTERPOL's own list adds codes ISO has retired (MOL, Moldavian) that its notices use.
        for cols in tsv_rows(INTERPOL_LANGUAGES_TSV) {
            table.entry(cols[0]).or_insert(cols.get(1).copied().unwrap_or(""));
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

/// A colour table's codes with their meanings, in the table's order.
fn colour_table(tsv: &'static str) -> Vec<(&'static str, &'static str)> {
    tsv_rows(tsv).map(|cols| (cols[0], cols.get(1).copied().unwrap_or(""))).collect()
}

fn eye_codes() -> &'static [(&'static str, &'static str)] {
    static CODES: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    CODES.get_or_init(|| colour_table(INTERPOL_EYES_TSV))
}

fn hair_codes() -> &'static [(&'static str, &'static str)] {
    static CODES: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    CODES.get_or_init(|| colour_table(INTERPOL_HAIR_TSV))
}

/// What a colour code Dragnet used before INTERPOL's tables reads as now: `Some(Some(code))`, or
/// `Some(None)` for one that meant "unknown"; `None` if the code was never Dragnet's.
fn retired_colour(kind: &str, code: &str) -> Option<Option<&'static str>> {
    tsv_rows(RETIRED_APPEARANCE_TSV)
        .find(|cols| cols[0] == kind && cols.get(1) == Some(&code))
        .map(|cols| cols.get(2).copied().filter(|now| !now.is_empty()))
}

/// The code of `text` in `table`, reading a retired code as the one that replaced it.
fn colour(
    kind: &str,
    what: &str,
    table: &'static [(&'static str, &'static str)],
    text: &str,
) -> Result<&'static str, String> {
    let wanted = match retired_colour(kind, text) {
        Some(Some(now)) => now,
        Some(None) => return Err(format!("{text:?} meant an unknown {what}: leave it out")),
        None => text,
    };
    table.iter().find(|(code, _)| *code == wanted).map(|(code, _)| *code).ok_or_else(|| {
        let codes: Vec<&str> = table.iter().map(|(code, _)| *code).collect();
        format!("{text:?} is not one of INTERPOL's {what} codes ({})", codes.join(", "))
    })
}

/// Whether `text` is a retired colour code that meant "unknown": a list reading it leaves it out.
pub fn means_unknown_colour(text: &str) -> bool {
    matches!(retired_colour("eyes", text), Some(None)) || matches!(retired_colour("hair", text), Some(None))
}

/// An eye colour as INTERPOL codes it (`BRO`, `BLU`, `BROH` hazel…).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EyeColour(&'static str);

impl EyeColour {
    pub fn parse(text: &str) -> Result<Self, String> {
        colour("eyes", "eye colour", eye_codes(), text).map(EyeColour)
    }

    pub fn as_str(&self) -> &'static str {
        self.0
    }

    /// INTERPOL's meaning of the code, in English.
    pub fn meaning(&self) -> &'static str {
        eye_codes().iter().find(|(code, _)| *code == self.0).map_or("", |(_, meaning)| meaning)
    }

    /// Every code of INTERPOL's table.
    pub fn all() -> Vec<EyeColour> {
        eye_codes().iter().map(|(code, _)| EyeColour(code)).collect()
    }
}

/// A hair colour as INTERPOL codes it (`BLA`, `GRY`, `YELB` blond…).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct HairColour(&'static str);

impl HairColour {
    pub fn parse(text: &str) -> Result<Self, String> {
        colour("hair", "hair colour", hair_codes(), text).map(HairColour)
    }

    pub fn as_str(&self) -> &'static str {
        self.0
    }

    /// INTERPOL's meaning of the code, in English.
    pub fn meaning(&self) -> &'static str {
        hair_codes().iter().find(|(code, _)| *code == self.0).map_or("", |(_, meaning)| meaning)
    }

    /// Every code of INTERPOL's table.
    pub fn all() -> Vec<HairColour> {
        hair_codes().iter().map(|(code, _)| HairColour(code)).collect()
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
    fn colours_are_interpols_and_the_retired_ones_read_as_theirs() {
        let eyes: Vec<&str> = EyeColour::all().iter().map(EyeColour::as_str).collect();
        assert_eq!(eyes, ["BLA", "BLU", "BLUL", "BRO", "BROD", "BROH", "BROL", "GRE", "GRY", "OTHC", "OTHD", "OTHL"]);
        let hair: Vec<&str> = HairColour::all().iter().map(HairColour::as_str).collect();
        assert_eq!(hair, ["BLA", "BRO", "BROF", "GRY", "GRYG", "HAIB", "HAID", "OTHD", "RED", "REDA", "WHI", "YELB"]);
        assert_eq!(EyeColour::parse("BROH").unwrap().meaning(), "Hazel");
        assert_eq!(EyeColour::parse("OTHC").unwrap().meaning(), "Eyes of different colours");
        assert_eq!(EyeColour::parse("HAZ").unwrap().as_str(), "BROH", "Dragnet's old code for hazel");
        assert_eq!(HairColour::parse("BLOH").unwrap().as_str(), "YELB");
        assert!(EyeColour::parse("UNK").unwrap_err().contains("leave it out"));
        assert!(EyeColour::parse("PURPLE").unwrap_err().contains("BROH"));
        assert!(HairColour::parse("BRO ").is_err());
    }

    #[test]
    fn interpols_entity_numbers_are_international_requesters() {
        for (code, entity) in [("914", "ICC"), ("916", "STL"), ("922", "IRMCT")] {
            let requester = Requester::parse(code).unwrap();
            assert_eq!(requester, Requester::Entity(entity));
            assert!(requester.is_international_entity());
            assert_eq!(interpol_requester_code(requester.as_str()), code);
        }
        assert_eq!(interpol_requester_code("FR"), "FR");
        let kosovo = parse_interpol_country("UNK").unwrap();
        assert_eq!((kosovo.as_str(), interpol_country_code(&kosovo)), ("XK", "UNK"));
        assert_eq!(interpol_country_code(&parse_interpol_country("FR").unwrap()), "FR");
        assert!(Requester::parse("915").is_err());
    }

    #[test]
    fn every_country_interpol_lists_is_read_but_two() {
        let mut unread = Vec::new();
        for cols in tsv_rows(include_str!("../data/interpol/countries.tsv")) {
            if CountryCode::parse(cols[0]).is_err() && Requester::parse(cols[0]).is_err() {
                unread.push(cols[1]);
            }
        }
        // Kosovo under UNMIK (`UNK`; Dragnet writes `XK`) and the European Union (a list of its
        // members' codes) are not yet read.
        assert_eq!(unread, ["European Union", "under UNMIK mandate (Kosovo)"]);
    }

    #[test]
    fn every_language_interpol_lists_is_read() {
        for cols in tsv_rows(INTERPOL_LANGUAGES_TSV) {
            assert!(LanguageCode::parse(cols[0]).is_ok(), "{}", cols[0]);
        }
        assert!(LanguageCode::parse("MOL").is_ok());
    }
}
