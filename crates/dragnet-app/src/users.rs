//! Users and their API tokens, for administrators: listed, created with a first token, given more,
//! revoked. Every server forgets a revoked token once its follower reaches the revocation; the
//! server that revoked it, before it answers.

use dragnet_domain::{Actor, Grant, Role, UserName};
use dragnet_store::{Store, StoreError, TOKEN_LIFETIME, UserRecord};

use crate::error::Result;
use crate::{App, Principal};

impl App {
    pub async fn users(&self, principal: &Principal) -> Result<Vec<UserRecord>> {
        principal.require(&[Role::Administrator])?;
        Ok(self.store.users().await?)
    }

    /// A new user and its first token, shown this once.
    pub async fn create_user(
        &self,
        principal: &Principal,
        name: &UserName,
        grant: Grant,
    ) -> Result<(UserRecord, String)> {
        principal.require(&[Role::Administrator])?;
        Ok(new_user(self.store.as_ref(), &principal.actor, name, grant).await?)
    }

    /// Another token for a user, labelled, lasting `lifetime` ([`TOKEN_LIFETIME`] if `None`);
    /// shown this once.
    pub async fn create_token(
        &self,
        principal: &Principal,
        name: &UserName,
        label: &str,
        lifetime: Option<time::Duration>,
    ) -> Result<String> {
        principal.require(&[Role::Administrator])?;
        Ok(self.store.create_token(&principal.actor, name, label, lifetime.unwrap_or(TOKEN_LIFETIME)).await?)
    }

    /// Stops a user, or lets them in again: their sessions end and tokens are revoked at once in
    /// this process (every other one when its follower reaches the change). An administrator
    /// cannot stop themself, so that one is always left to undo it.
    pub async fn set_disabled(
        &self,
        principal: &Principal,
        name: &UserName,
        disabled: bool,
        reason: &str,
    ) -> Result<()> {
        principal.require(&[Role::Administrator])?;
        if disabled && principal.user.name == *name {
            return Err(crate::AppError::forbidden("an administrator cannot disable themself"));
        }
        self.store.set_disabled(&principal.actor, name, disabled, reason).await?;
        self.settle().await;
        Ok(())
    }

    /// Sets a user's password from its hash, made by the edge that holds the hasher; audited.
    pub async fn set_password_hash(&self, principal: &Principal, name: &UserName, hash: &str) -> Result<()> {
        principal.require(&[Role::Administrator])?;
        Ok(self.store.set_password(&principal.actor, name, hash).await?)
    }

    /// The notices this server's views leave out because their stored record does not read, with
    /// why: what an administrator repairs (a newer import of the record replaces it).
    pub fn unreadable_notices(&self, principal: &Principal) -> Result<Vec<crate::follower::UnreadableNotice>> {
        principal.require(&[Role::Administrator])?;
        Ok(self.follower.unreadable())
    }

    /// Revokes a user's tokens with this label, or all; answers how many.
    pub async fn revoke_tokens(&self, principal: &Principal, name: &UserName, label: Option<&str>) -> Result<u64> {
        principal.require(&[Role::Administrator])?;
        let revoked = self.store.revoke_tokens(&principal.actor, name, label).await?;
        self.settle().await;
        Ok(revoked)
    }
}

/// Creates a user with a first token. The API and `dragnet admin create-user` both create users
/// through here.
pub async fn new_user(
    store: &dyn Store,
    actor: &Actor,
    name: &UserName,
    grant: Grant,
) -> Result<(UserRecord, String), StoreError> {
    let user = store.create_user(actor, name, grant).await?;
    let token = store.create_token(actor, name, "first", TOKEN_LIFETIME).await?;
    Ok((user, token))
}
