//! The life of a request and its notices, each step once: create, read, edit, submit, withdraw,
//! decide, suspend, reinstate, cancel, renew, located, a picture added.

use dragnet_domain::knowledge::Known;
use dragnet_domain::{Actor, FieldError, LifecycleEvent, NoticeId, NoticeRequest, NoticeState, Role};
use dragnet_review::{Duplicate, Knowledge, Policy};
use dragnet_store::{
    Decision, DecisionOutcome, NoticeRecord, Notification, QueueDetail, QueueEntry, Recommendation, RequestRecord,
    Store, StoreError, StoredRequest, SubjectCheck,
};

use crate::error::{AppError, Result};
use crate::{App, Principal};

/// How many times a submission checks a request again when it was edited while being checked.
const SUBMIT_ATTEMPTS: usize = 3;

/// What submitting a request did: the check's recommendation, each notice's report and new state.
#[derive(Debug)]
pub struct Submitted {
    pub recommendation: Recommendation,
    pub checks: Vec<SubjectCheck>,
    pub moved: Vec<(NoticeId, NoticeState)>,
}

/// Who a decision was made by, as a requesting bureau reads it.
pub const GENERAL_SECRETARIAT: &str = "General Secretariat";

impl App {
    /// A bureau's request becomes one draft notice per subject.
    pub async fn create_request(&self, principal: &Principal, request: &NoticeRequest) -> Result<StoredRequest> {
        principal.require(&[Role::BureauOfficer])?;
        if !principal.acts_for(request.requested_by.as_str()) {
            return Err(AppError::Forbidden {
                message: format!(
                    "a bureau asks only for its own country: this request names {} as requester",
                    request.requested_by
                ),
                field: Some("requested_by"),
            });
        }
        Ok(self.store.create_drafts(&principal.actor, request).await?)
    }

    /// A request and its notices, for its bureau and the secretariat; the read is audited.
    pub async fn read_request(&self, principal: &Principal, id: i64) -> Result<RequestRecord> {
        let owner = self.store.request_owner(id).await?;
        principal.may_see_request(&owner)?;
        let mut record = self.store.read_request(&principal.actor, id).await?;
        if !principal.is_secretariat() {
            // Reviewers decide for the General Secretariat: a bureau learns what was decided and
            // why, not which reviewer it was, nor how a vote inside the secretariat stands.
            // A vote to publish that waits for a second reviewer, or that another reviewer's refusal
            // or question overtook, is the secretariat's own business: a bureau reads the votes to
            // publish of a notice that was published, and every other decision.
            let never_published: Vec<NoticeId> = record
                .notices
                .iter()
                .filter(|n| {
                    matches!(
                        n.state,
                        NoticeState::Draft
                            | NoticeState::Submitted
                            | NoticeState::InReview
                            | NoticeState::InfoRequested
                            | NoticeState::Refused
                            | NoticeState::Withdrawn
                    )
                })
                .map(|n| n.id)
                .collect();
            record.decisions.retain(|d| !(d.decision == "publish" && never_published.contains(&d.notice)));
            for decision in &mut record.decisions {
                decision.reviewer = GENERAL_SECRETARIAT.to_string();
            }
            for notice in &mut record.notices {
                notice.awaiting_second = None;
            }
        }
        Ok(record)
    }

    /// A bureau's own requests, newest first, those with an id below `before`, at most `limit`
    /// (1 to 500), each with its first subjects and how many notices stand in each state.
    pub async fn requests_of(
        &self,
        principal: &Principal,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<dragnet_store::RequestListing>> {
        principal.require(&[Role::BureauOfficer])?;
        let country = principal.country().ok_or(AppError::NotFound)?;
        Ok(self.store.requests_of(&principal.actor, &country, before, limit.clamp(1, 500)).await?)
    }

    /// A bureau's latest notifications, newest first: what its page shows.
    pub async fn recent_notifications(&self, principal: &Principal, limit: i64) -> Result<Vec<Notification>> {
        principal.require(&[Role::BureauOfficer])?;
        let country = principal.country().ok_or(AppError::NotFound)?;
        Ok(self.store.recent_notifications(&principal.actor, &country, limit.clamp(1, 200)).await?)
    }

    /// The bureau replaces its request while it is a draft or was sent back with a question.
    pub async fn edit_request(&self, principal: &Principal, id: i64, request: &NoticeRequest) -> Result<()> {
        // The role first: whether a request exists is nobody else's business.
        principal.require(&[Role::BureauOfficer])?;
        let owner = self.store.request_owner(id).await?;
        principal.may_change_request(&owner)?;
        if request.requested_by.as_str() != owner {
            return Err(FieldError::new("requested_by", format!("the request is {owner}'s")).into());
        }
        self.store.update_request(&principal.actor, id, request).await.map_err(|err| match err {
            StoreError::SubjectCountChanged { .. } => AppError::Invalid(FieldError::new("subjects", err.to_string())),
            other => other.into(),
        })
    }

    /// Runs the automated check on the request as stored and, unless a subject lacks the minimum
    /// data, sends its drafts (and notices sent back with a question) to review with their reports.
    pub async fn submit_request(&self, principal: &Principal, id: i64) -> Result<Submitted> {
        principal.require(&[Role::BureauOfficer])?;
        let owner = self.store.request_owner(id).await?;
        principal.may_change_request(&owner)?;
        // The check reads the policy from the views: bring them (the office-holder register among
        // them) up to every change committed so far, on any server, before it runs.
        self.settle().await;
        let submitted = submit_checked(self.store.as_ref(), &self.policy(), &principal.actor, id).await?;
        // A diffusion in which the check finds nothing of art. 2 or 3 is delivered at once: screened from
        // now, and its recipients told.
        self.deliveries.notify_one();
        self.settle().await;
        Ok(submitted)
    }

    /// The bureau takes back what is not decided.
    pub async fn withdraw_request(&self, principal: &Principal, id: i64, reason: &str) -> Result<Vec<NoticeId>> {
        principal.require(&[Role::BureauOfficer])?;
        let owner = self.store.request_owner(id).await?;
        principal.may_change_request(&owner)?;
        let withdrawn = self.store.withdraw_request(&principal.actor, id, reason).await?;
        self.settle().await;
        Ok(withdrawn)
    }

    /// Requests waiting for a decision, the riskiest first.
    pub async fn review_queue(
        &self,
        principal: &Principal,
        limit: i64,
        detail: QueueDetail,
    ) -> Result<Vec<QueueEntry>> {
        principal.require(&[Role::Reviewer, Role::Supervisor])?;
        Ok(self.store.review_queue(&principal.actor, limit, detail).await?)
    }

    /// A reviewer publishes, refuses or asks for information; a published notice is screened
    /// against once this answers.
    pub async fn decide(
        &self,
        principal: &Principal,
        id: i64,
        decision: Decision,
        reason: &str,
        only: Option<&[NoticeId]>,
    ) -> Result<Vec<DecisionOutcome>> {
        principal.require(&[Role::Reviewer])?;
        let outcomes = self.store.decide(&principal.actor, id, decision, reason, only).await?;
        self.deliveries.notify_one();
        self.settle().await;
        Ok(outcomes)
    }

    /// Suspends, reinstates, cancels or renews a published notice; screening follows before this answers.
    pub async fn move_notice(
        &self,
        principal: &Principal,
        id: NoticeId,
        event: LifecycleEvent,
        reason: &str,
    ) -> Result<NoticeState> {
        let owner = self.store.notice_owner(id).await?;
        principal.may_move_notice(event, &owner)?;
        let state = self.store.transition(&principal.actor, id, event, Some(reason)).await?;
        // The bureau's notification of the move waits for its webhook.
        self.deliveries.notify_one();
        self.settle().await;
        Ok(state)
    }

    /// A notice, for the secretariat and its bureau; for other bureaus and screeners only while it
    /// is in force and does not bar their country. The read is audited.
    pub async fn read_notice(&self, principal: &Principal, id: NoticeId) -> Result<NoticeRecord> {
        let owner = self.store.notice_owner(id).await?;
        let member = matches!(principal.role(), Role::BureauOfficer | Role::Screener);
        if !principal.is_secretariat() && !member {
            return Err(AppError::forbidden("this role does not read notices"));
        }
        if !principal.is_secretariat() && !principal.is_requester(&owner) {
            let in_force = self.store.notice_in_force(id).await?;
            let barred = in_force.as_ref().is_none_or(|n| principal.country().is_some_and(|c| n.barred.contains(&c)));
            if barred {
                return Err(AppError::NotFound);
            }
        }
        // The store leaves out a notice that bars the reader's country, whatever was checked above.
        Ok(self.store.read_notice(&principal.actor, id).await?)
    }

    /// A screener (or a bureau) confirms that the person of a notice in force was found; the
    /// requesting bureau is notified, by its webhook too.
    pub async fn located(
        &self,
        principal: &Principal,
        id: NoticeId,
        place: Option<&str>,
        remarks: Option<&str>,
    ) -> Result<Notification> {
        principal.require(&[Role::Screener, Role::BureauOfficer])?;
        // The one rule for what a location says, whichever edge it came through.
        if let Some(place) = place {
            dragnet_domain::text::plain_line("place", place)?;
        }
        if let Some(remarks) = remarks {
            dragnet_domain::text::plain_text("remarks", remarks)?;
        }
        for (field, text) in [("place", place), ("remarks", remarks)] {
            if text.is_some_and(|t| t.chars().count() > 1000) {
                return Err(FieldError::new(field, "at most 1,000 characters").into());
            }
        }
        let notification = self.store.record_location(&principal.actor, id, place, remarks).await?;
        self.deliveries.notify_one();
        Ok(notification)
    }

    /// Adds a picture (its type already told by its bytes) to a notice; a public notice shows it
    /// once this answers.
    pub async fn add_picture(
        &self,
        principal: &Principal,
        id: NoticeId,
        content_type: &str,
        bytes: &[u8],
    ) -> Result<i64> {
        let owner = self.store.notice_owner(id).await?;
        principal.may_add_picture(&owner)?;
        let picture = self.store.add_picture(&principal.actor, id, content_type, bytes).await?;
        self.settle().await;
        Ok(picture)
    }
}

/// Submits a request as `actor`, checked as it is stored: the store keeps a report only with the
/// version of the request it was made from, so an edit that lands while the check runs makes the
/// submission check the request again (and, past a few tries, refuses it). Every edge submits
/// through here; so does the demo, which has no views to bring up to date.
pub async fn submit_checked(store: &dyn Store, policy: &Policy, actor: &Actor, id: i64) -> Result<Submitted> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let record = store.read_request(actor, id).await?;
        let knowledge = knowledge_of(store, &record).await?;
        let (report, checks) = check(&record, policy, &knowledge)?;
        match store.submit_request(actor, id, record.version, &checks).await {
            Ok(moved) => return Ok(Submitted { recommendation: report.recommendation, checks, moved }),
            Err(StoreError::RequestChanged { .. }) if attempt < SUBMIT_ATTEMPTS => continue,
            Err(err) => return Err(err.into()),
        }
    }
}

/// A notice whose subject scores this much against a subject of the request is reported as the
/// same person: higher than screening's threshold, for a namesake in the same bureau's files is
/// common and a reviewer should not be sent after every one.
const DUPLICATE_THRESHOLD: f64 = 0.85;
/// Notices reported per subject, at most.
const MOST_DUPLICATES: usize = 5;

/// What the store knows that the check weighs: what others said of the request (objections lodged,
/// what reviewers recorded), and the requester's notices in review or in force that may be the same
/// person (by the screening engine) or the same case (by its reference).
pub(crate) async fn knowledge_of(store: &dyn Store, record: &RequestRecord) -> Result<Knowledge> {
    let request = &record.request;
    let known = store
        .knowledge_of(record.request_id)
        .await?
        .into_iter()
        .map(|kept| Known {
            subject: kept.subject,
            item: kept.item,
            recorded_by: kept.recorded_by,
            country: kept.country,
            source: kept.source,
            known_on: kept.known_on,
        })
        .collect();
    let open = store.open_notices_of(request.requested_by.as_str(), record.request_id).await?;
    if open.is_empty() {
        return Ok(Knowledge { known, ..Knowledge::default() });
    }
    let reference = |text: &str| text.trim().to_lowercase();
    let ours = request.reference.as_deref().map(reference).filter(|r| !r.is_empty());
    let people = open.iter().enumerate().map(|(at, notice)| (at, notice.subject.clone(), Vec::new()));
    let index = dragnet_match::Index::build(dragnet_match::Variants::shared(), people);
    let mut duplicates = Vec::new();
    for (subject, person) in request.subjects.iter().enumerate() {
        let hits = index.search(person, None, DUPLICATE_THRESHOLD, MOST_DUPLICATES);
        let mut found: Vec<Duplicate> = hits
            .into_iter()
            .map(|hit| {
                let notice = &open[hit.id];
                let same_reference = notice.reference.clone().filter(|r| ours.as_deref() == Some(&reference(r)));
                Duplicate {
                    subject,
                    notice: notice.id.to_string(),
                    state: notice.state.as_str().to_string(),
                    same_reference,
                    same_person: Some((hit.score, hit.why)),
                }
            })
            .collect();
        for notice in &open {
            let same = notice.reference.as_deref().is_some_and(|r| ours.as_deref() == Some(&reference(r)));
            let listed = found.iter().any(|d| d.notice == notice.id.to_string());
            if same && !listed && found.len() < MOST_DUPLICATES {
                found.push(Duplicate {
                    subject,
                    notice: notice.id.to_string(),
                    state: notice.state.as_str().to_string(),
                    same_reference: notice.reference.clone(),
                    same_person: None,
                });
            }
        }
        duplicates.extend(found);
    }
    Ok(Knowledge { duplicates, known })
}

/// The check of a stored request, and what the store keeps of it for each notice being submitted.
fn check(
    record: &RequestRecord,
    policy: &Policy,
    knowledge: &Knowledge,
) -> Result<(dragnet_review::Report, Vec<SubjectCheck>)> {
    let report = dragnet_review::check_with(&record.request, policy, knowledge);
    let submitting: Vec<(usize, NoticeId)> = record
        .notices
        .iter()
        .enumerate()
        .filter(|(_, n)| matches!(n.state, NoticeState::Draft | NoticeState::InfoRequested))
        .map(|(index, n)| (index, n.id))
        .collect();
    if submitting.is_empty() {
        return Err(
            StoreError::NothingToDo { request: record.request_id, reason: "it has no draft to submit".into() }.into()
        );
    }
    let mut checks = Vec::with_capacity(submitting.len());
    for (index, notice_id) in submitting {
        let Some(subject) = report.subjects.get(index) else {
            return Err(
                StoreError::Corrupt(format!("request {}: a subject without a report", record.request_id)).into()
            );
        };
        if subject.recommendation == Recommendation::Incomplete {
            return Err(AppError::Incomplete {
                subject: subject.name.clone(),
                notice: notice_id,
                report: Box::new(report.clone()),
            });
        }
        let recommendation = subject.recommendation;
        let subject_json = serde_json::to_value(subject)
            .map_err(|err| StoreError::Corrupt(format!("a report that does not serialise: {err}")))?;
        let held = subject.has_art2_or_art3_finding();
        checks.push(SubjectCheck { notice_id, recommendation, report: subject_json, held });
    }
    Ok((report, checks))
}
