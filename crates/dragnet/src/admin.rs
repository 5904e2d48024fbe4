//! `dragnet admin`: create users and API tokens. A token is printed once and kept only hashed.

use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use dragnet_domain::{Actor, Grant, MemberCountry, Role, UserName};
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
    /// Issue another API token for an existing user
    CreateToken {
        name: String,
        /// What the token is for, to recognise it later
        #[arg(long, default_value = "cli")]
        label: String,
    },
}

pub async fn run(settings: &Settings, command: AdminCommand) -> anyhow::Result<ExitCode> {
    let actor = Actor::system("admin", None);
    match command {
        AdminCommand::CreateUser { name, role, country } => {
            let name = UserName::parse(&name).map_err(|e| InputError(format!("name: {e}")))?;
            let role = Role::parse(&role).map_err(|e| InputError(format!("--role: {e}")))?;
            let country = country
                .map(|code| MemberCountry::parse(&code))
                .transpose()
                .map_err(|e| InputError(format!("--country: {e}")))?;
            let grant = Grant::new(role, country).map_err(|e| InputError(format!("--country: {e}")))?;
            let store = dragnet_store::open(&settings.store, Clock::system()).await?;
            match store.create_user(&actor, &name, grant).await {
                Err(StoreError::UserExists(name)) => {
                    return Err(InputError(format!("a user named {name} already exists")).into());
                }
                other => other.context("cannot create the user")?,
            };
            let token = store.create_token(&actor, &name, "first token").await?;
            print_token(&name, &token);
        }
        AdminCommand::CreateToken { name, label } => {
            let name = UserName::parse(&name).map_err(|e| InputError(format!("name: {e}")))?;
            let store = dragnet_store::open(&settings.store, Clock::system()).await?;
            let token = match store.create_token(&actor, &name, &label).await {
                Err(StoreError::UserNotFound(name)) => {
                    return Err(InputError(format!("there is no user named {name}")).into());
                }
                other => other.context("cannot create the token")?,
            };
            print_token(&name, &token);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_token(name: &UserName, token: &str) {
    eprintln!("API token for {name}; it is shown this once and cannot be recovered:");
    println!("{token}");
}
