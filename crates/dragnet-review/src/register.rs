//! The office-holder register, searched with the screening engine: a subject is found in it by
//! name in any script and spelling, and the date of birth decides what the finding says.

use std::sync::Arc;

use dragnet_domain::{PartialDate, Person};
use dragnet_match::{Index, Variants};

use crate::policy::OfficeHolder;

/// The name alone must score this much: the engine's default threshold counts a date of birth in,
/// and here the date is weighed apart (it decides between a status and a question).
const NAME_THRESHOLD: f64 = 0.72;
/// More entries than this for one subject would be a flood, not a lead.
const MOST_CANDIDATES: usize = 5;

/// What the date of birth says of a name found in the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Identity {
    /// Both dates are full and the same day: the subject is the office holder.
    Confirmed,
    /// No date, only a year or a month, or none in the register: a reviewer confirms the identity.
    ToConfirm,
    /// The dates contradict each other: a namesake, unless something else says otherwise.
    Contradicted,
}

/// An entry a subject may be, and how sure the check is.
#[derive(Debug, Clone)]
pub struct RegisterMatch<'a> {
    pub holder: &'a OfficeHolder,
    pub identity: Identity,
    /// How alike the names are, as the screening engine scores them.
    pub score: f64,
}

/// The register's entries and the screening index of their names.
#[derive(Debug, Clone)]
pub struct Register {
    holders: Vec<OfficeHolder>,
    index: Arc<Index<usize>>,
}

/// A person with only the names of `person`, so that the engine's score is the names' alone.
fn names_only(person: &Person) -> Person {
    Person {
        family_name: person.family_name.clone(),
        forenames: person.forenames.clone(),
        name: person.name.clone(),
        original_script_name: person.original_script_name.clone(),
        aliases: person.aliases.clone(),
        birth_name: person.birth_name.clone(),
        ..Person::default()
    }
}

/// The register's spellings of a holder as one person: the first spelling its name, the others
/// aliases; with the register's date of birth, so that screening the notices in force for a new
/// entry finds its holder and passes over namesakes.
pub fn holder_person(holder: &OfficeHolder) -> Person {
    let mut spellings = holder.spellings.iter();
    let (forenames, family) = spellings.next().cloned().unwrap_or_default();
    Person {
        family_name: Some(family),
        forenames: (!forenames.trim().is_empty()).then_some(forenames),
        aliases: spellings.map(|(forenames, family)| format!("{forenames} {family}").trim().to_string()).collect(),
        date_of_birth: holder.date_of_birth,
        ..Person::default()
    }
}

/// Dates that do not contradict each other at the precision both have.
fn dates_agree(a: PartialDate, b: PartialDate) -> bool {
    a.year() == b.year()
        && a.month().zip(b.month()).is_none_or(|(x, y)| x == y)
        && a.day().zip(b.day()).is_none_or(|(x, y)| x == y)
}

fn is_full(date: PartialDate) -> bool {
    date.day().is_some()
}

impl Register {
    pub fn new(holders: Vec<OfficeHolder>) -> Register {
        // The index compares names only: the date of birth is weighed apart (see `matching`).
        let people: Vec<(usize, Person, Vec<_>)> = holders
            .iter()
            .enumerate()
            .map(|(at, holder)| (at, names_only(&holder_person(holder)), Vec::new()))
            .collect();
        let index = Arc::new(Index::build(Variants::shared(), people));
        Register { holders, index }
    }

    pub fn holders(&self) -> &[OfficeHolder] {
        &self.holders
    }

    pub fn len(&self) -> usize {
        self.holders.len()
    }

    pub fn is_empty(&self) -> bool {
        self.holders.is_empty()
    }

    /// The entries `person`'s names may be, confirmed ones first; those whose dates of birth
    /// contradict the register's come last, as `Contradicted` (a namesake, as a rule).
    pub fn matching(&self, person: &Person) -> Vec<RegisterMatch<'_>> {
        let hits = self.index.search(&names_only(person), None, NAME_THRESHOLD, MOST_CANDIDATES);
        let mut found: Vec<RegisterMatch<'_>> = hits
            .into_iter()
            .filter_map(|hit| {
                let holder = self.holders.get(hit.id)?;
                let identity = match (holder.date_of_birth, person.date_of_birth) {
                    (Some(registered), Some(declared)) if !dates_agree(registered, declared) => Identity::Contradicted,
                    (Some(registered), Some(declared)) if is_full(registered) && is_full(declared) => {
                        Identity::Confirmed
                    }
                    _ => Identity::ToConfirm,
                };
                Some(RegisterMatch { holder, identity, score: hit.score })
            })
            .collect();
        found.sort_by_key(|found| found.identity);
        found
    }
}
