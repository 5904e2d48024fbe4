//! `dragnet audit verify`: walk the audit chain and name the first record altered or removed.

use std::process::ExitCode;

use clap::Subcommand;
use dragnet_store::{AuditVerification, Clock};

use crate::settings::Settings;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check every record's hash and link; exit 1 if the chain is broken
    Verify,
}

pub async fn run(settings: &Settings, command: AuditCommand) -> anyhow::Result<ExitCode> {
    let AuditCommand::Verify = command;
    let store = dragnet_store::open(&settings.store, Clock::system()).await?;
    match store.verify_audit().await? {
        AuditVerification::Intact { records } => {
            println!("audit chain intact: {records} records");
            Ok(ExitCode::SUCCESS)
        }
        AuditVerification::Broken { seq, problem } => {
            println!("audit chain broken at record {seq}: {problem}");
            Ok(ExitCode::FAILURE)
        }
    }
}
