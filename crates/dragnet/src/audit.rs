//! `dragnet audit verify`: walk the audit chain, name the first record altered or removed and the
//! first notice or request not as the chain last sealed it; with `--anchors FILE`, also hold the
//! chain to the ends recorded there before, and record this end.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use dragnet_store::{Anchor, AuditVerification, Clock};

use crate::InputError;
use crate::settings::Settings;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check every record's hash and link, and every notice and request against its last seal;
    /// exit 1 if anything was tampered with
    Verify {
        /// A file of the chain's ends as earlier runs found them, one `SEQ HASH` a line, kept where
        /// the database's users cannot write (another machine, write-once storage). Each must
        /// still be in the chain, so that a chain rewritten or cut short is caught; when the chain
        /// is intact, its end is added
        #[arg(long, value_name = "FILE")]
        anchors: Option<PathBuf>,
    },
}

pub async fn run(settings: &Settings, command: AuditCommand) -> anyhow::Result<ExitCode> {
    let AuditCommand::Verify { anchors } = command;
    let anchored = match &anchors {
        Some(path) => read_anchors(path)?,
        None => Vec::new(),
    };
    let store = settings.open_store(Clock::system()).await?;
    let (verification, (seq, hash)) = store.verify_audit_anchored(&anchored).await?;
    match verification {
        AuditVerification::Intact { records } => {
            println!("audit chain intact: {records} records, every notice and request as sealed");
            println!("end: {seq} {hash}");
            let signed = if store.audit_key().is_some() { " signed" } else { "" };
            if let Some(path) = anchors {
                let mut file = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&path)
                    .map_err(|err| InputError(format!("{}: cannot record the end: {err}", path.display())))?;
                writeln!(file, "{seq} {hash}{signed}")?;
                println!("checked against {} anchors; this end added to {}", anchored.len(), path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        AuditVerification::Broken { seq, problem } => {
            println!("audit chain broken at record {seq}: {problem}");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// The anchors of `path`, one `SEQ HASH` a line (a missing file holds none yet).
fn read_anchors(path: &Path) -> anyhow::Result<Vec<Anchor>> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let text = crate::files::read_text(path, crate::files::MOST_DOCUMENT_BYTES).map_err(InputError)?;
    let mut anchors = Vec::new();
    for (number, line) in text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty()) {
        let mut parts = line.split_whitespace();
        let read = (parts.next().and_then(|seq| seq.parse::<i64>().ok()), parts.next(), parts.next(), parts.next());
        match read {
            (Some(seq), Some(hash), flag @ (None | Some("signed")), None)
                if hash.len() == 64 && hash.chars().all(|c| c.is_ascii_hexdigit()) =>
            {
                anchors.push(Anchor { seq, hash: hash.to_string(), signed: flag.is_some() })
            }
            _ => {
                let message = format!("{} line {}: not `SEQ HASH [signed]`", path.display(), number + 1);
                return Err(InputError(message).into());
            }
        }
    }
    Ok(anchors)
}
