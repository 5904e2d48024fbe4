//! The secretariat's search over every notice, in any state: narrowed by requester, state, kind and
//! the day it was created, and by a name compared as screening compares names (across scripts and
//! spellings), not as text.

use dragnet_domain::{FieldError, NoticeId, Person, Role};
use dragnet_match::score::score;
use dragnet_match::{Variants, profile};
use dragnet_store::{FoundNotice, NoticeSearch, Unreadable};

use crate::{App, Principal, Result};

/// How many notices a name is compared with at most, newest first among those the other filters
/// admit: each comparison builds the subject's name profile (about 70 µs, the pages benchmark), so
/// this bounds a search to about a second and a half. The answer says when the search stopped
/// there, so that the reviewer narrows it.
pub const MOST_COMPARED: usize = 20_000;

/// How many notices are read from the store at a time while a name is compared.
const READ_AT_ONCE: i64 = 2_000;

/// Where a page of a search starts: after a place in the list (newest first), or, for a name
/// search ranked by how well names agree, after so many of the ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Before(i64, i32),
    Ranked(usize),
}

impl Place {
    /// The place as the edges write it: `12.0` (a request and a subject) or `+40` (ranked).
    pub fn parse(text: &str) -> std::result::Result<Place, FieldError> {
        let bad = || FieldError::new("page", "the `next` of an earlier answer, such as 12.0 or +40");
        if let Some(ranked) = text.strip_prefix('+') {
            return ranked.parse().map(Place::Ranked).map_err(|_| bad());
        }
        let (request, subject) = text.split_once('.').ok_or_else(bad)?;
        let request = request.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(bad)?;
        let subject = subject.parse::<i32>().ok().filter(|index| *index >= 0).ok_or_else(bad)?;
        Ok(Place::Before(request, subject))
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Before(request, subject) => write!(f, "{request}.{subject}"),
            Place::Ranked(n) => write!(f, "+{n}"),
        }
    }
}

/// A search as an edge asks it.
#[derive(Debug, Clone, Default)]
pub struct NoticeQuery {
    /// A name, in any script; blank for none.
    pub name: Option<String>,
    pub filters: NoticeSearch,
    pub page: Option<Place>,
    pub limit: usize,
}

/// One page of what a search found.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Each notice with how well its subject's names agree with the name searched for (none when
    /// no name was given): newest first, or the best agreeing first.
    pub rows: Vec<(FoundNotice, Option<f64>)>,
    /// Where the next page starts, if there is more.
    pub next: Option<Place>,
    /// For a name: how many notices it was compared with, and whether that stopped at
    /// [`MOST_COMPARED`] with more left uncompared.
    pub compared: usize,
    pub stopped_short: bool,
    /// Notices whose stored record does not read, named.
    pub unreadable: Vec<Unreadable>,
}

/// How well `query`'s names agree with each of `notices`' subjects, as screening scores them;
/// those at least at screening's threshold.
pub fn agreeing(query: &Person, notices: Vec<FoundNotice>, variants: &Variants) -> Vec<(FoundNotice, f64)> {
    let wanted = profile(query, variants);
    notices
        .into_iter()
        .filter_map(|notice| {
            let agreement = score(&wanted, &profile(&notice.subject, variants));
            (agreement >= dragnet_match::DEFAULT_THRESHOLD).then_some((notice, agreement))
        })
        .collect()
}

impl App {
    /// Searches every notice for the secretariat; the search and what it showed are audited.
    pub async fn search_notices(&self, principal: &Principal, query: NoticeQuery) -> Result<Found> {
        principal.require(&[Role::Reviewer, Role::Supervisor])?;
        let limit = query.limit.clamp(1, 500);
        let name = query.name.as_deref().map(str::trim).filter(|name| !name.is_empty());
        if let Some(name) = name {
            dragnet_domain::text::plain_line("name", name)?;
            if name.chars().count() > 200 {
                return Err(FieldError::new("name", "at most 200 characters").into());
            }
        }
        let found = match name {
            None => self.search_in_order(&query, limit).await?,
            Some(name) => self.search_by_name(name, &query, limit).await?,
        };
        let shown: Vec<NoticeId> = found.rows.iter().map(|(notice, _)| notice.id).collect();
        let asked = serde_json::json!({
            "name": name,
            "filters": query.filters,
            "page": query.page.map(|p| p.to_string()),
        });
        self.store.record_notice_search(&principal.actor, asked, &shown).await?;
        Ok(found)
    }

    async fn search_in_order(&self, query: &NoticeQuery, limit: usize) -> Result<Found> {
        let mut filters = query.filters.clone();
        if let Some(Place::Before(request, subject)) = query.page {
            filters.before = Some((request, subject));
        } else if query.page.is_some() {
            return Err(FieldError::new("page", "a ranked place is only for a search by name").into());
        }
        // A page is `limit` rows read, readable or not: a record that does not read is named on
        // its page and paging goes on past it. One row beyond is looked for, to know whether there is a next page.
        let (read, last) = self.store.search_notices(&filters, limit as i64).await?;
        let full = read.rows.len() + read.unreadable.len() == limit;
        let next = match last {
            Some((request, subject)) if full => {
                let after = NoticeSearch { before: Some((request, subject)), ..filters.clone() };
                let (beyond, _) = self.store.search_notices(&after, 1).await?;
                (!beyond.rows.is_empty() || !beyond.unreadable.is_empty()).then_some(Place::Before(request, subject))
            }
            _ => None,
        };
        let rows = read.rows.into_iter().map(|n| (n, None)).collect();
        Ok(Found { rows, next, compared: 0, stopped_short: false, unreadable: read.unreadable })
    }

    async fn search_by_name(&self, name: &str, query: &NoticeQuery, limit: usize) -> Result<Found> {
        let skip = match query.page {
            None => 0,
            Some(Place::Ranked(n)) => n,
            Some(Place::Before(..)) => {
                return Err(FieldError::new("page", "a search by name goes on from a ranked place, +N").into());
            }
        };
        let wanted = Person { name: Some(name.to_string()), ..Person::default() };
        let mut filters = query.filters.clone();
        let (mut agreeing_ones, mut unreadable, mut compared) = (Vec::new(), Vec::new(), 0usize);
        let stopped_short = loop {
            let (read, last) = self.store.search_notices(&filters, READ_AT_ONCE).await?;
            let count = read.rows.len() + read.unreadable.len();
            compared += read.rows.len();
            unreadable.extend(read.unreadable);
            let (query, variants) = (wanted.clone(), crate::views::screening::variants());
            let scored = tokio::task::spawn_blocking(move || agreeing(&query, read.rows, &variants))
                .await
                .map_err(|err| dragnet_store::StoreError::Corrupt(format!("comparing names: {err}")))?;
            agreeing_ones.extend(scored);
            match last {
                Some(place) if count as i64 == READ_AT_ONCE => {
                    if compared >= MOST_COMPARED {
                        break true;
                    }
                    filters.before = Some(place);
                }
                _ => break false,
            }
        };
        // The best agreeing first; among equals, the newest.
        agreeing_ones.sort_by(|(a, x), (b, y)| {
            y.total_cmp(x).then((b.request_id, b.subject_index).cmp(&(a.request_id, a.subject_index)))
        });
        let total = agreeing_ones.len();
        let rows: Vec<_> = agreeing_ones.into_iter().skip(skip).take(limit).map(|(n, s)| (n, Some(s))).collect();
        let next = (skip + rows.len() < total).then_some(Place::Ranked(skip + rows.len()));
        Ok(Found { rows, next, compared, stopped_short, unreadable })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_reads_back_as_written_and_nothing_else_reads() {
        for place in [Place::Before(12, 0), Place::Before(1, 35), Place::Ranked(0), Place::Ranked(40)] {
            assert_eq!(Place::parse(&place.to_string()), Ok(place));
        }
        for bad in
            ["", "12", "12.", ".5", "-1.0", "0.0", "8.-5", "+-1", "+", "+1.0", "1.2.3", "+99999999999999999999999"]
        {
            assert_eq!(Place::parse(bad).unwrap_err().path, "page", "{bad}");
        }
    }
}
