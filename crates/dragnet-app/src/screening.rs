//! Screening, once: people against every notice in force that the caller's country may see, each
//! hit completed with the notice as the store holds it in force now and any clearance of the
//! traveller against it, and the audit record of what was shown, before anything is answered.
//! Clearing a traveller, and the secretariat's review of clearances, live here too.

use std::collections::{HashMap, HashSet};

use dragnet_domain::{FieldError, NoticeId, PartialDate, Person, Role};
use dragnet_match::{Hit, normalise_document};
use dragnet_store::{Clearance, NewClearance, NoticeCard};
use time::OffsetDateTime;

use crate::error::{AppError, Result};
use crate::{App, Principal};

/// The roles that screen.
pub const SCREENERS: [Role; 4] = [Role::Screener, Role::BureauOfficer, Role::Reviewer, Role::Supervisor];

/// The roles that clear a traveller: those who stand before them.
pub const CLEARERS: [Role; 2] = [Role::Screener, Role::BureauOfficer];

/// The roles that review clearances: the secretariat.
pub const CLEARANCE_REVIEWERS: [Role; 2] = [Role::Reviewer, Role::Supervisor];

/// Batches of at most this many people are searched on the calling thread: a search takes well
/// under a millisecond, less than handing it to another thread and back costs a busy server.
/// Larger ones go to the blocking pool, where they use every core.
const SEARCHED_IN_PLACE: usize = 4;

/// A hit as an officer acts on it.
#[derive(Debug, Clone)]
pub struct Screened {
    pub hit: Hit<NoticeId>,
    /// The notice as the store holds it in force; `None` when its stored record does not read:
    /// the hit still stands (a wanted person must not pass for a bad record), its details missing.
    pub notice: Option<NoticeCard>,
    /// The clearance of this traveller against this notice as it stands, if one is in effect.
    pub cleared: Option<Clearance>,
}

/// What an officer says to clear a traveller: the notice as they saw it, the traveller's document
/// and date of birth, and why they are not its subject.
#[derive(Debug, Clone)]
pub struct ClearTraveller {
    pub notice: NoticeId,
    pub document: String,
    pub date_of_birth: String,
    /// The notice's `updated_at` as the screening showed it (RFC 3339).
    pub seen: String,
    pub reason: String,
}

impl App {
    /// Each person's hits, best first, with a score of at least `threshold`, at most `limit` each.
    pub async fn screen(
        &self,
        principal: &Principal,
        people: Vec<Person>,
        threshold: f64,
        limit: usize,
    ) -> Result<(Vec<Person>, Vec<Vec<Screened>>)> {
        principal.require(&SCREENERS)?;
        let viewer = principal.viewer();
        // A border post's one traveller is answered on the spot; anything heavier (many people, or
        // many names each) waits for a blocking thread of its own, never holding an async worker.
        let light = people.len() <= SEARCHED_IN_PLACE && people.iter().all(|p| p.aliases.len() <= SEARCHED_IN_PLACE);
        let (people, results) =
            if light {
                let results = self.views.screening.search(&people, viewer, threshold, limit);
                (people, results)
            } else {
                let permit =
                    self.screenings.clone().acquire_owned().await.map_err(|_| {
                        dragnet_store::StoreError::Corrupt("the screening threads are closed".to_string())
                    })?;
                let views = self.views.clone();
                tokio::task::spawn_blocking(move || {
                    let _permit = permit;
                    let results = views.screening.search(&people, viewer, threshold, limit);
                    (people, results)
                })
                .await
                .map_err(|err| dragnet_store::StoreError::Corrupt(format!("a screening task failed: {err}")))?
            };
        let screened = self.complete_hits(principal, &people, results).await?;
        Ok((people, screened))
    }

    /// The index's hits of `people` completed from the store, and recorded as shown: a hit whose
    /// notice left force since the index read it is dropped, so nothing shown is out of force.
    /// Batches screened in slices (a passenger list) come here once, with every slice's hits.
    pub async fn complete_hits(
        &self,
        principal: &Principal,
        people: &[Person],
        results: Vec<Vec<Hit<NoticeId>>>,
    ) -> Result<Vec<Vec<Screened>>> {
        principal.require(&SCREENERS)?;
        let mut ids: Vec<NoticeId> = results.iter().flatten().map(|hit| hit.id).collect();
        ids.sort();
        ids.dedup();
        let cards = self.store.notice_cards(&ids).await?;
        for bad in &cards.unreadable {
            tracing::error!(notice = %bad.notice, reason = %bad.reason, "a hit's notice does not read; shown without its details");
        }
        let unreadable: HashSet<&str> = cards.unreadable.iter().map(|u| u.notice.as_str()).collect();
        let cards: HashMap<NoticeId, NoticeCard> = cards.rows.into_iter().map(|card| (card.id, card)).collect();
        let mut documents: Vec<String> = people
            .iter()
            .flat_map(|person| person.identity_documents.iter().map(|d| normalise_document(&d.number)))
            .filter(|d| !d.is_empty())
            .collect();
        documents.sort();
        documents.dedup();
        // An officer's clearance holds at their own country's borders: what one country's officer
        // judged is not another country's to rely on, and a hostile bureau hides nothing elsewhere.
        let clearances: Vec<Clearance> = match principal.country() {
            Some(country) => self
                .store
                .clearances_for(&documents, &ids)
                .await?
                .into_iter()
                .filter(|c| c.country == country)
                .collect(),
            None => Vec::new(),
        };
        let screened: Vec<Vec<Screened>> = people
            .iter()
            .zip(results)
            .map(|(person, hits)| {
                hits.into_iter()
                    .filter_map(|hit| {
                        let notice = cards.get(&hit.id).cloned();
                        if notice.is_none() && !unreadable.contains(hit.id.to_string().as_str()) {
                            return None;
                        }
                        let cleared = notice.as_ref().and_then(|card| clearance_of(person, card, &clearances));
                        Some(Screened { hit, notice, cleared })
                    })
                    .collect()
            })
            .collect();
        let mut shown: Vec<NoticeId> = screened.iter().flatten().map(|s| s.hit.id).collect();
        shown.sort();
        shown.dedup();
        self.store.record_screening(&principal.actor, people.len(), &shown).await?;
        Ok(screened)
    }

    /// An officer records that a traveller is not the subject of a notice; later screenings of
    /// the same document and date of birth show the hit as cleared until the clearance expires,
    /// is revoked, or the notice changes.
    pub async fn clear_traveller(&self, principal: &Principal, clear: &ClearTraveller) -> Result<Clearance> {
        principal.require(&CLEARERS)?;
        // A number is compared by its letters A-Z and digits, as a machine-readable zone writes it:
        // other letters would be dropped, and two different numbers could then clear each other.
        if clear.document.chars().any(|c| c.is_alphabetic() && !c.is_ascii_alphabetic()) {
            return Err(
                FieldError::new("document", "letters A-Z and digits, as the machine-readable zone writes it").into()
            );
        }
        let document = normalise_document(&clear.document);
        if document.len() < 5 {
            return Err(
                FieldError::new("document", "the traveller's document number, at least 5 letters and digits").into()
            );
        }
        if document.len() > 40 {
            return Err(FieldError::new("document", "at most 40 letters and digits").into());
        }
        let date_of_birth = PartialDate::parse(clear.date_of_birth.trim())
            .map_err(|err| FieldError::new("date_of_birth", format!("the traveller's date of birth: {err}")))?;
        // A clearance stands for one traveller: their whole date of birth, as their document gives it.
        let PartialDate::Full(born) = date_of_birth else {
            return Err(FieldError::new("date_of_birth", "the traveller's full date of birth, YYYY-MM-DD").into());
        };
        let today = OffsetDateTime::now_utc().date();
        if (born.year(), born.month(), born.day()) > (today.year() as u16, today.month() as u8, today.day()) {
            return Err(FieldError::new("date_of_birth", "a date of birth in the future").into());
        }
        let seen = OffsetDateTime::parse(&clear.seen, &time::format_description::well_known::Rfc3339)
            .map_err(|_| FieldError::new("seen", "the notice's updated_at as the screening gave it"))?;
        let reason = clear.reason.trim();
        if reason.is_empty() {
            return Err(FieldError::new("reason", "say why the traveller is not this person").into());
        }
        dragnet_domain::text::plain_line("reason", reason)?;
        if reason.chars().count() > 1000 {
            return Err(FieldError::new("reason", "at most 1,000 characters").into());
        }
        // The notice's own document is decisive: a traveller holding it is not cleared on a look.
        let cards = self.store.notice_cards(&[clear.notice]).await?;
        let own = cards.rows.first().is_some_and(|card| {
            card.subject.identity_documents.iter().any(|d| normalise_document(&d.number) == document)
        });
        if own {
            return Err(FieldError::new(
                "document",
                "the notice's subject holds this document: the same document is decisive, and a clearance \
                 cannot set it aside; ask the requesting bureau",
            )
            .into());
        }
        let new = NewClearance { notice: clear.notice, document, date_of_birth, seen, reason: reason.to_string() };
        Ok(self.store.record_clearance(&principal.actor, &new).await?)
    }

    /// A picture of a notice as a hit shows it: the secretariat sees any; anyone else who screens
    /// only one of a notice in force that their country may see. Its requester's bureau sees its
    /// own. What was shown is the screening's audit record; the picture adds nothing personal.
    pub async fn hit_picture(&self, principal: &Principal, id: NoticeId, picture: i64) -> Result<(String, Vec<u8>)> {
        principal.require(&SCREENERS)?;
        if !principal.is_secretariat() {
            let owner = self.store.notice_owner(id).await?;
            if !principal.is_requester(&owner) {
                let in_force = self.store.notice_in_force(id).await?.ok_or(AppError::NotFound)?;
                let country = principal.country().ok_or(AppError::NotFound)?;
                if in_force.barred.contains(&country) {
                    return Err(AppError::NotFound);
                }
            }
        }
        self.store.picture(id, picture).await?.ok_or(AppError::NotFound)
    }

    /// Clearances for the secretariat to review, newest first.
    pub async fn clearances(&self, principal: &Principal, before: Option<i64>, limit: i64) -> Result<Vec<Clearance>> {
        principal.require(&CLEARANCE_REVIEWERS)?;
        Ok(self.store.clearances(&principal.actor, before, limit.clamp(1, 500)).await?)
    }

    /// The secretariat revokes a clearance: the hit is raised again at the next screening.
    pub async fn revoke_clearance(&self, principal: &Principal, id: i64, reason: &str) -> Result<Clearance> {
        principal.require(&CLEARANCE_REVIEWERS)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(FieldError::new("reason", "say why the clearance is revoked").into());
        }
        dragnet_domain::text::plain_line("reason", reason)?;
        if reason.chars().count() > 1000 {
            return Err(FieldError::new("reason", "at most 1,000 characters").into());
        }
        Ok(self.store.revoke_clearance(&principal.actor, id, reason).await?)
    }
}

/// The clearance in effect of `person` against `card` as it stands: same notice, one of the
/// person's documents, the same date of birth, and the notice unchanged since it was cleared.
fn clearance_of(person: &Person, card: &NoticeCard, clearances: &[Clearance]) -> Option<Clearance> {
    let date_of_birth = person.date_of_birth?.to_string();
    let documents: Vec<String> = person.identity_documents.iter().map(|d| normalise_document(&d.number)).collect();
    clearances
        .iter()
        .filter(|c| c.notice == card.id && c.notice_updated_at == card.updated_at)
        .filter(|c| c.date_of_birth == date_of_birth && documents.contains(&c.document))
        .max_by_key(|c| c.cleared_at)
        .cloned()
}
