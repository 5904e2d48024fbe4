//! `dragnet admin`: create users, API tokens and passwords, and stop users. A token is printed once and kept only
//! hashed; a password is read from standard input and kept only as its Argon2id hash.

use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use dragnet_domain::{Actor, ActsFor, Grant, Role, UserName};
use dragnet_store::{Clock, StoreError};

use crate::InputError;
use crate::settings::Settings;

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a user and a first API token for them
    CreateUser {
        /// Login name: lower-case letters, digits, '.', '-' or '_'
        name: String,
        /// bureau_officer, reviewer, supervisor, screener, data_protection_officer, auditor or administrator
        #[arg(long)]
        role: String,
        /// The member country a bureau officer or screener acts for (ISO code)
        #[arg(long)]
        country: Option<String>,
    },
    /// Set a user's password for the web pages, read from the first line of standard input
    SetPassword { name: String },
    /// Issue another API token for an existing user
    CreateToken {
        name: String,
        /// What the token is for, to recognise it later
        #[arg(long, default_value = "cli")]
        label: String,
        /// How many days the token lasts, 1 to 366
        #[arg(long, default_value_t = 90, value_parser = clap::value_parser!(u16).range(1..=366))]
        days: u16,
    },
    /// Stop a user: their sessions end, their tokens are revoked, their password no longer signs in
    Disable {
        name: String,
        /// Why, for the audit trail
        #[arg(long)]
        reason: String,
    },
    /// Let a disabled user sign in with their password again (revoked tokens stay revoked)
    Enable {
        name: String,
        /// Why, for the audit trail
        #[arg(long)]
        reason: String,
    },
}

pub async fn run(settings: &Settings, command: AdminCommand) -> anyhow::Result<ExitCode> {
    let actor = Actor::system("admin", None);
    match command {
        AdminCommand::CreateUser { name, role, country } => {
            let name = UserName::parse(&name).map_err(|e| InputError(format!("name: {e}")))?;
            let role = Role::parse(&role).map_err(|e| InputError(format!("--role: {e}")))?;
            let country = country
                .map(|code| ActsFor::parse(&code))
                .transpose()
                .map_err(|e| InputError(format!("--country: {e}")))?;
            let grant = Grant::acting_for(role, country).map_err(|e| InputError(format!("--country: {e}")))?;
            let store = settings.open_store(Clock::system()).await?;
            let (_, token) = match dragnet_app::users::new_user(store.as_ref(), &actor, &name, grant).await {
                Err(StoreError::UserExists(name)) => {
                    return Err(InputError(format!("a user named {name} already exists")).into());
                }
                other => other.context("cannot create the user")?,
            };
            print_token(&name, &token);
        }
        AdminCommand::SetPassword { name } => {
            let name = UserName::parse(&name).map_err(|e| InputError(format!("name: {e}")))?;
            let mut line = String::new();
            std::io::stdin().read_line(&mut line).context("cannot read the password from standard input")?;
            let password = line.trim_end_matches(['\r', '\n']).to_string();
            dragnet_server::web::passwords::acceptable(&password)
                .map_err(|rule| InputError(format!("password: {rule}")))?;
            let hash = tokio::task::spawn_blocking(move || dragnet_server::web::passwords::hash(&password))
                .await?
                .map_err(|err| anyhow::anyhow!("cannot hash the password: {err}"))?;
            let store = settings.open_store(Clock::system()).await?;
            match store.set_password(&actor, &name, &hash).await {
                Err(StoreError::UserNotFound(name)) => {
                    return Err(InputError(format!("there is no user named {name}")).into());
                }
                other => other.context("cannot set the password")?,
            }
            eprintln!("password set for {name}");
        }
        AdminCommand::CreateToken { name, label, days } => {
            let name = UserName::parse(&name).map_err(|e| InputError(format!("name: {e}")))?;
            dragnet_domain::text::plain_line("--label", &label).map_err(|e| InputError(e.to_string()))?;
            let store = settings.open_store(Clock::system()).await?;
            let lifetime = time::Duration::days(i64::from(days));
            let token = match store.create_token(&actor, &name, &label, lifetime).await {
                Err(err @ (StoreError::UserNotFound(_) | StoreError::UserDisabled(_))) => {
                    return Err(InputError(err.to_string()).into());
                }
                other => other.context("cannot create the token")?,
            };
            print_token(&name, &token);
            eprintln!("it lasts {days} days");
        }
        AdminCommand::Disable { name, reason } => set_disabled(settings, &actor, &name, &reason, true).await?,
        AdminCommand::Enable { name, reason } => set_disabled(settings, &actor, &name, &reason, false).await?,
    }
    Ok(ExitCode::SUCCESS)
}

async fn set_disabled(
    settings: &Settings,
    actor: &Actor,
    name: &str,
    reason: &str,
    disabled: bool,
) -> anyhow::Result<()> {
    let name = UserName::parse(name).map_err(|e| InputError(format!("name: {e}")))?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(InputError("--reason: say why, for the audit trail".into()).into());
    }
    dragnet_domain::text::plain_text("--reason", reason).map_err(|e| InputError(e.to_string()))?;
    let store = settings.open_store(Clock::system()).await?;
    match store.set_disabled(actor, &name, disabled, reason).await {
        Err(StoreError::UserNotFound(name)) => {
            return Err(InputError(format!("there is no user named {name}")).into());
        }
        other => other.context("cannot change the user")?,
    }
    eprintln!("{name} is {}", if disabled { "disabled" } else { "enabled" });
    Ok(())
}

fn print_token(name: &UserName, token: &str) {
    eprintln!("API token for {name}; it is shown this once and cannot be recovered:");
    println!("{token}");
}
