//! Who is acting, and the one set of rules for what they may see and do.
//!
//! Every edge (the API, the pages, the command line) builds a [`Principal`] for its user and the use
//! cases ask it; the store enforces the country bars again in its queries.

use dragnet_domain::{Actor, CountryCode, LifecycleEvent, Role};
use dragnet_store::UserRecord;

use crate::error::{AppError, Result};

/// A signed-in user, as the audit trail records them.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user: UserRecord,
    pub actor: Actor,
}

impl Principal {
    pub fn new(user: UserRecord) -> Self {
        let actor = Actor::user(&user.name, &user.grant);
        Principal { user, actor }
    }

    pub fn role(&self) -> Role {
        self.user.grant.role()
    }

    /// The member country the user acts for, if their role acts for one.
    pub fn country(&self) -> Option<String> {
        self.user.grant.acts_for().map(|c| c.to_string())
    }

    /// The country whose bars apply to what this user is shown.
    pub fn viewer(&self) -> Option<CountryCode> {
        self.country().and_then(|c| CountryCode::parse(&c).ok())
    }

    /// Whether the user acts for `requester` (a request's or notice's requesting country).
    pub fn acts_for(&self, requester: &str) -> bool {
        self.country().as_deref() == Some(requester)
    }

    /// Whether the user is of the bureau that asked for it: an officer of `requester`'s bureau. A
    /// screener at that country's border is not: what it may read is what any member may.
    pub fn is_requester(&self, requester: &str) -> bool {
        self.role() == Role::BureauOfficer && self.acts_for(requester)
    }

    /// The secretariat: reviewers and their supervisors.
    pub fn is_secretariat(&self) -> bool {
        matches!(self.role(), Role::Reviewer | Role::Supervisor)
    }

    /// Refuses a user whose role is not among `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<()> {
        if roles.contains(&self.role()) {
            return Ok(());
        }
        let names: Vec<&str> = roles.iter().map(Role::as_str).collect();
        Err(AppError::forbidden(format!("this needs the role {}", names.join(" or "))))
    }

    /// May see a request of `owner`: its own bureau, or the secretariat. Another country's request
    /// does not exist, as far as anyone else can tell.
    pub fn may_see_request(&self, owner: &str) -> Result<()> {
        if self.is_secretariat() || self.is_requester(owner) { Ok(()) } else { Err(AppError::NotFound) }
    }

    /// May change (create, edit, submit, withdraw) a request of `owner`: its own bureau only.
    pub fn may_change_request(&self, owner: &str) -> Result<()> {
        self.require(&[Role::BureauOfficer])?;
        if self.acts_for(owner) { Ok(()) } else { Err(AppError::NotFound) }
    }

    /// Whether the role may ever take `event` on a notice, whoever asked for it: asked before the
    /// notice is looked up, so that a role that may not learns nothing of which notices exist.
    pub fn may_ever_move_notice(&self, event: LifecycleEvent) -> Result<()> {
        let allowed = match event {
            LifecycleEvent::Suspend | LifecycleEvent::Reinstate => self.role() == Role::Reviewer,
            LifecycleEvent::Cancel | LifecycleEvent::Renew => {
                matches!(self.role(), Role::Reviewer | Role::BureauOfficer)
            }
            _ => false,
        };
        if allowed { Ok(()) } else { Err(AppError::forbidden(format!("this role cannot {event} a notice"))) }
    }

    /// May move a published notice of `owner` on: reviewers suspend, reinstate, cancel and renew;
    /// the requesting bureau cancels and renews its own.
    pub fn may_move_notice(&self, event: LifecycleEvent, owner: &str) -> Result<()> {
        let reviewer = self.role() == Role::Reviewer;
        let own_bureau = self.is_requester(owner);
        let allowed = match event {
            LifecycleEvent::Suspend | LifecycleEvent::Reinstate => reviewer,
            LifecycleEvent::Cancel | LifecycleEvent::Renew => reviewer || own_bureau,
            _ => false,
        };
        if allowed {
            return Ok(());
        }
        if self.role() == Role::BureauOfficer && !own_bureau {
            return Err(AppError::NotFound);
        }
        Err(AppError::forbidden(format!("this role cannot {event} a notice")))
    }

    /// May add a picture to a notice of `owner`: its bureau, or a reviewer.
    pub fn may_add_picture(&self, owner: &str) -> Result<()> {
        self.require(&[Role::BureauOfficer, Role::Reviewer])?;
        if self.role() == Role::BureauOfficer && !self.acts_for(owner) {
            return Err(AppError::NotFound);
        }
        Ok(())
    }
}
