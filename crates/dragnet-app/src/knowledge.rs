//! What the secretariat knows from others: a member country lodges its objection to a notice it
//! sees, a reviewer records a refugee status, a position or a fact with its source; and every
//! notice the new knowledge concerns is checked again at once.

use dragnet_domain::knowledge::{KnownItem, validate_source};
use dragnet_domain::{Actor, FieldError, MemberCountry, NoticeId, NoticeState, Role};
use dragnet_review::{Finding, Recommendation, Severity};
use dragnet_store::{KnowledgeRecord, NewKnowledge, Rechecked, StoreError, SubjectCheck};

use crate::error::{AppError, Result};
use crate::{App, Principal};

/// How many times a recheck reads the request again when it changed while being checked.
const RECHECK_ATTEMPTS: usize = 5;

/// What recording an item did: the item as kept, and each notice of the request checked again.
#[derive(Debug)]
pub struct Recorded {
    pub knowledge: KnowledgeRecord,
    pub rechecked: Vec<(NoticeId, NoticeState)>,
}

impl App {
    /// A member country's bureau objects to a notice it may see (in force, not barred to it), in its
    /// own words; the objection concerns the notice's subject. The requester cannot object to itself.
    pub async fn lodge_objection(
        &self,
        principal: &Principal,
        notice: NoticeId,
        summary: &str,
        source: Option<&str>,
    ) -> Result<Recorded> {
        principal.require(&[Role::BureauOfficer])?;
        let country = principal.country().ok_or_else(|| AppError::forbidden("a bureau officer acts for a country"))?;
        let owner = self.store.notice_owner(notice).await?;
        // Another bureau knows of a notice only while it is in force and not barred to it.
        let in_force = self.store.notice_in_force(notice).await?;
        if in_force.as_ref().is_none_or(|n| n.barred.contains(&country)) {
            return Err(AppError::NotFound);
        }
        if principal.is_requester(&owner) {
            return Err(AppError::Forbidden {
                message: "a requester does not object to its own notice: withdraw or cancel it".into(),
                field: None,
            });
        }
        let record = self.store.read_notice(&principal.actor, notice).await?;
        let new = NewKnowledge {
            subject: Some(record.subject_index as usize),
            item: KnownItem::Objection { summary: summary.trim().to_string() },
            source: source.map_or_else(|| format!("the {country} bureau's objection"), |s| s.trim().to_string()),
            known_on: None,
            country: Some(country),
        };
        self.record(principal, record.request_id, new).await
    }

    /// A reviewer records what the secretariat knows about a request's subject (or all of them): a
    /// refugee status, a position, a fact, or an objection a country sent another way, with its source.
    /// `new.country` is checked here: a member country, not the requester; an objection names one.
    pub async fn record_knowledge(
        &self,
        principal: &Principal,
        request_id: i64,
        new: NewKnowledge,
    ) -> Result<Recorded> {
        principal.require(&[Role::Reviewer, Role::Supervisor])?;
        let owner = self.store.request_owner(request_id).await?;
        let country = match (&new.item, new.country.as_deref()) {
            (KnownItem::Objection { .. }, None) => {
                return Err(FieldError::new("country", "an objection is a member country's: name it").into());
            }
            (_, Some(code)) => {
                let member = MemberCountry::parse(code).map_err(|reason| FieldError::new("country", reason))?;
                if member.as_str() == owner {
                    return Err(FieldError::new("country", "the requester does not object to its own request").into());
                }
                Some(member.as_str().to_string())
            }
            (_, None) => None,
        };
        let new = NewKnowledge { source: new.source.trim().to_string(), country, ..new };
        self.record(principal, request_id, new).await
    }

    /// What is known about a request, for the secretariat; the read is audited by the store's reads
    /// of the request itself.
    pub async fn knowledge(&self, principal: &Principal, request_id: i64) -> Result<Vec<KnowledgeRecord>> {
        principal.require(&[Role::Reviewer, Role::Supervisor, Role::Auditor])?;
        // Reading the request audits the read of its personal data, knowledge with it.
        self.store.read_request(&principal.actor, request_id).await?;
        Ok(self.store.knowledge_of(request_id).await?)
    }

    async fn record(&self, principal: &Principal, request_id: i64, new: NewKnowledge) -> Result<Recorded> {
        new.item.validate()?;
        validate_source(&new.source)?;
        let knowledge =
            self.store.record_knowledge(&principal.actor, request_id, &new).await.map_err(|err| match err {
                StoreError::NoSuchSubject { .. } => AppError::Invalid(FieldError::new("subject", err.to_string())),
                other => other.into(),
            })?;
        let rechecked = self.recheck_request(request_id).await?;
        Ok(Recorded { knowledge, rechecked })
    }

    /// Checks a request again with everything known now. A notice in review gets the new report;
    /// one in force whose check now recommends refusal is suspended and waits for a reviewer; one
    /// with new findings for a reviewer stays in force and waits for one too.
    /// The check does this, not whoever brought the knowledge: the reads and changes are the system's.
    pub async fn recheck_request(&self, request_id: i64) -> Result<Vec<(NoticeId, NoticeState)>> {
        self.settle().await;
        let checker = Actor::system("recheck", None);
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self.recheck_once(&checker, request_id).await {
                // Knowledge recorded, an edit or a decision landed while the check ran: read it all again.
                Err(AppError::Store(StoreError::RequestChanged { .. })) if attempt < RECHECK_ATTEMPTS => continue,
                Err(AppError::Store(StoreError::RequestChanged { .. })) => {
                    // Another recheck (by the change that moved it) is on its way and reads the newest.
                    tracing::warn!(request = request_id, "the request kept changing while it was checked again");
                    return Ok(Vec::new());
                }
                other => return other,
            }
        }
    }

    async fn recheck_once(&self, checker: &Actor, request_id: i64) -> Result<Vec<(NoticeId, NoticeState)>> {
        let record = self.store.read_request(checker, request_id).await?;
        let knowledge = crate::workflow::knowledge_of(self.store.as_ref(), &record).await?;
        let report = dragnet_review::check_with(&record.request, &self.policy(), &knowledge);
        let mut rechecked = Vec::new();
        for (index, notice) in record.notices.iter().enumerate() {
            if !matches!(
                notice.state,
                NoticeState::InReview | NoticeState::InfoRequested | NoticeState::Published | NoticeState::Suspended
            ) {
                continue;
            }
            let Some(subject) = report.subjects.get(index) else { continue };
            let before: Vec<Finding> = notice
                .report
                .as_ref()
                .and_then(|report| serde_json::from_value::<dragnet_review::SubjectReport>(report.clone()).ok())
                .map(|report| report.findings)
                .unwrap_or_default();
            let new_findings: Vec<&str> = subject
                .findings
                .iter()
                .filter(|f| f.severity >= Severity::Review)
                .filter(|f| !before.iter().any(|b| b.rule == f.rule && b.message == f.message))
                .map(|f| f.rule.as_str())
                .collect();
            let in_force_or_held = matches!(notice.state, NoticeState::Published | NoticeState::Suspended);
            let now_refused = subject.recommendation == Recommendation::Refuse
                && notice.recommendation != Some(Recommendation::Refuse);
            let why = (in_force_or_held && !new_findings.is_empty()).then(|| {
                let what = if now_refused { "the check now recommends refusal" } else { "new findings to weigh" };
                format!("checked again after new knowledge: {what} ({})", new_findings.join(", "))
            });
            let report = serde_json::to_value(subject)
                .map_err(|err| StoreError::Corrupt(format!("a report that does not serialise: {err}")))?;
            // A report that did not change is not written again: checking again changed nothing.
            if notice.report.as_ref() == Some(&report) {
                continue;
            }
            rechecked.push(Rechecked {
                check: SubjectCheck {
                    notice_id: notice.id,
                    recommendation: subject.recommendation,
                    report,
                    held: subject.has_art2_or_art3_finding(),
                },
                suspend: now_refused && notice.state == NoticeState::Published,
                why,
                seen: notice.state,
            });
        }
        if rechecked.is_empty() {
            return Ok(Vec::new());
        }
        let states = self.store.record_rechecks(checker, request_id, record.version, &rechecked).await?;
        // A notice of the bureau's that waits for a reviewer again is a notification for its webhook.
        self.deliveries.notify_one();
        self.settle().await;
        Ok(states)
    }

    /// Checks again every request made here with a notice in force, once per version of the rules
    /// and store: a new policy may bar what the old one let through. Every server may start it; the
    /// second finds nothing new (a report that did not change marks nothing). Answers how many
    /// requests it checked.
    pub async fn recheck_for_new_rules(&self) -> Result<usize> {
        let mark = format!("rules {}", self.policy().rules_version);
        if self.store.has_mark(&mark).await? {
            return Ok(0);
        }
        let requests = self.store.requests_in_force().await?;
        // Nothing in force, nothing to check: no mark either, so a store that is new writes nothing
        // at start (the notices it will hold are checked under the rules in use when submitted).
        if requests.is_empty() {
            return Ok(0);
        }
        tracing::info!(requests = requests.len(), rules = %mark, "checking what is in force against new rules");
        for (done, request) in requests.iter().enumerate() {
            if let Err(err) = self.recheck_request(*request).await {
                // One request that cannot be checked (a stored body that no longer reads) stops nothing.
                tracing::error!(%err, request, "checking a request in force again failed");
            }
            if (done + 1) % 500 == 0 {
                tracing::info!(done = done + 1, of = requests.len(), "checking what is in force against new rules");
            }
        }
        self.store.set_mark(&Actor::system("recheck", None), &mark).await?;
        Ok(requests.len())
    }

    /// A reviewer weighed a notice checked again and keeps it as it stands.
    pub async fn keep_after_recheck(&self, principal: &Principal, notice: NoticeId, reason: &str) -> Result<()> {
        principal.require(&[Role::Reviewer])?;
        self.store.clear_recheck(&principal.actor, notice, reason).await?;
        Ok(())
    }
}
