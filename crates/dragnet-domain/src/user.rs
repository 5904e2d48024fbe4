//! Users, their roles, and the actor recorded for every change.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::codes::MemberCountry;

/// What a user may do. Some roles act for one member country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// An officer of a National Central Bureau: drafts and follows its country's requests.
    BureauOfficer,
    /// The secretariat's notices task force: decides on requests.
    Reviewer,
    /// Oversees reviewers and statistics.
    Supervisor,
    /// A border officer or border system: screens travellers for its country.
    Screener,
    /// Handles data subjects' requests for access, correction and deletion.
    DataProtectionOfficer,
    /// Reads the audit trail.
    Auditor,
    /// Manages members, users, tokens and policy data.
    Administrator,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::BureauOfficer,
        Role::Reviewer,
        Role::Supervisor,
        Role::Screener,
        Role::DataProtectionOfficer,
        Role::Auditor,
        Role::Administrator,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Role::BureauOfficer => "bureau_officer",
            Role::Reviewer => "reviewer",
            Role::Supervisor => "supervisor",
            Role::Screener => "screener",
            Role::DataProtectionOfficer => "data_protection_officer",
            Role::Auditor => "auditor",
            Role::Administrator => "administrator",
        }
    }

    pub fn parse(text: &str) -> Result<Role, String> {
        Role::ALL.into_iter().find(|role| role.as_str() == text).ok_or_else(|| {
            let names: Vec<_> = Role::ALL.iter().map(Role::as_str).collect();
            format!("{text:?} is not a role (one of {})", names.join(", "))
        })
    }

    /// Roles that act for one member country, and only for it.
    pub fn acts_for_a_country(&self) -> bool {
        matches!(self, Role::BureauOfficer | Role::Screener)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A user's login name: lower-case letters, digits, `.`, `-` and `_`, 2 to 64 characters, starting
/// with a letter or digit (so that no name is `..`, or reads as a path or an option).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UserName(String);

impl UserName {
    pub fn parse(text: &str) -> Result<Self, String> {
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_');
        let starts_well = text.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit());
        if !(2..=64).contains(&text.len()) || !text.chars().all(allowed) || !starts_well {
            return Err(format!(
                "{text:?} is not a user name: 2 to 64 lower-case letters, digits, '.', '-' or '_', \
                 starting with a letter or digit"
            ));
        }
        Ok(UserName(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for UserName {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        UserName::parse(&text)
    }
}

impl From<UserName> for String {
    fn from(name: UserName) -> String {
        name.0
    }
}

impl fmt::Display for UserName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whom a user acts for: a member country, or (for a bureau officer only) an international
/// requester such as the ICC, which asks for notices without being a member and has no border.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActsFor {
    Country(MemberCountry),
    Entity(&'static str),
}

impl ActsFor {
    /// A member country's code, or an international requester's (`ICC`, `UN`, `IRMCT`, `STL`).
    pub fn parse(text: &str) -> Result<Self, String> {
        if let Some((code, _)) = crate::codes::INTERNATIONAL_ENTITIES.iter().find(|(code, _)| *code == text) {
            return Ok(ActsFor::Entity(code));
        }
        MemberCountry::parse(text).map(ActsFor::Country).map_err(|why| {
            let entities: Vec<&str> = crate::codes::INTERNATIONAL_ENTITIES.iter().map(|(code, _)| *code).collect();
            format!("{why}, nor an international requester ({})", entities.join(", "))
        })
    }

    pub fn as_str(&self) -> &str {
        match self {
            ActsFor::Country(country) => country.as_str(),
            ActsFor::Entity(code) => code,
        }
    }

    pub fn country(&self) -> Option<MemberCountry> {
        match self {
            ActsFor::Country(country) => Some(*country),
            ActsFor::Entity(_) => None,
        }
    }
}

impl fmt::Display for ActsFor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A role with whom it acts for, where the role has one. Built only by [`Grant::new`] and
/// [`Grant::acting_for`], so a bureau officer for no one, a reviewer tied to a country, or a
/// screener at the border of a court cannot exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Grant {
    role: Role,
    acts_for: Option<ActsFor>,
}

impl Grant {
    pub fn new(role: Role, country: Option<MemberCountry>) -> Result<Self, String> {
        Grant::acting_for(role, country.map(ActsFor::Country))
    }

    pub fn acting_for(role: Role, acts_for: Option<ActsFor>) -> Result<Self, String> {
        match (role.acts_for_a_country(), acts_for) {
            (true, None) => Err(format!("a {role} acts for one member country; name it")),
            (false, Some(country)) => Err(format!("a {role} does not act for a country (got {country})")),
            (true, Some(ActsFor::Entity(code))) if role != Role::BureauOfficer => {
                Err(format!("a {role} works at a member country's border; {code} is not a country"))
            }
            _ => Ok(Grant { role, acts_for }),
        }
    }

    pub fn role(&self) -> Role {
        self.role
    }

    /// The member country, if the user acts for one (not for an international requester).
    pub fn country(&self) -> Option<MemberCountry> {
        self.acts_for.and_then(|a| a.country())
    }

    /// The country or international requester the user acts for.
    pub fn acts_for(&self) -> Option<ActsFor> {
        self.acts_for
    }
}

/// Who did something, for the audit trail: a user, or the system itself (an import, a timer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The user's name, or a name for the system part that acted (`system:import`).
    pub name: String,
    /// The country the actor acted for, where there is one.
    pub country: Option<String>,
}

impl Actor {
    pub fn user(name: &UserName, grant: &Grant) -> Self {
        Actor { name: name.to_string(), country: grant.acts_for().map(|c| c.to_string()) }
    }

    pub fn system(part: &str, country: Option<String>) -> Self {
        Actor { name: format!("system:{part}"), country }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_roles_need_a_country_and_others_refuse_one() {
        let fr = Some(MemberCountry::parse("FR").unwrap());
        assert!(Grant::new(Role::BureauOfficer, fr).is_ok());
        assert!(Grant::new(Role::Screener, None).unwrap_err().contains("acts for one member country"));
        assert!(Grant::new(Role::Reviewer, fr).is_err());
        assert!(Grant::new(Role::Auditor, None).is_ok());
    }

    #[test]
    fn an_international_requester_has_bureau_officers_and_no_border() {
        let icc = ActsFor::parse("ICC").unwrap();
        let officer = Grant::acting_for(Role::BureauOfficer, Some(icc)).unwrap();
        assert_eq!((officer.acts_for().map(|a| a.to_string()), officer.country()), (Some("ICC".into()), None));
        assert!(Grant::acting_for(Role::Screener, Some(icc)).unwrap_err().contains("ICC is not a country"));
        assert!(Grant::acting_for(Role::Reviewer, Some(icc)).is_err());
        assert!(ActsFor::parse("XX").unwrap_err().contains("nor an international requester (ICC, UN, IRMCT, STL)"));
        assert_eq!(ActsFor::parse("FR").unwrap().country().map(|c| c.to_string()), Some("FR".into()));
    }

    #[test]
    fn roles_and_names_are_checked() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert!(Role::parse("god").is_err());
        assert!(UserName::parse("amira.haddad").is_ok());
        for bad in ["", "a", "Amira", "amira haddad", "amira;drop"] {
            assert!(UserName::parse(bad).is_err(), "{bad}");
        }
    }
}
