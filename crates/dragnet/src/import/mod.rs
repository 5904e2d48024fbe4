//! `dragnet import requests FILE...`: read request files, check every one, then store each as
//! drafts. `dragnet import interpol PATH...`: published notices in the shape of INTERPOL's public
//! API (as scrapers save them) with their pictures, stored as published notices marked with their source.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use dragnet_domain::{Actor, NoticeRequest, parse_request};
use dragnet_store::Clock;

use crate::InputError;
use crate::settings::Settings;

mod interpol;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Notice requests in Dragnet's JSON format, one per file; each subject becomes a draft notice
    Requests {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Published notices in the shape of INTERPOL's public API: list pages and detail records
    /// (one per file, arrays, or JSON Lines), and their pictures (.jpg, .png, .svg) in a folder or
    /// file named by the notice id (2019-114539). Folders are read whole.
    Interpol(interpol::InterpolArgs),
}

pub async fn run(settings: &Settings, command: ImportCommand) -> anyhow::Result<ExitCode> {
    let files = match command {
        ImportCommand::Requests { files } => files,
        ImportCommand::Interpol(args) => return interpol::run(settings, args).await,
    };

    // Read everything before storing anything: one bad file stops the import with nothing written.
    let mut requests: Vec<(PathBuf, NoticeRequest)> = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for path in files {
        match crate::files::read_text(&path, crate::files::MOST_DOCUMENT_BYTES) {
            Ok(text) => match parse_request(&text) {
                Ok(request) if !request.requested_by.is_known() => problems.push(format!(
                    "{}: requested_by: a request names who asks for it (\"unknown\" is only the requester of a notice \
                     imported from a public list)",
                    path.display()
                )),
                Ok(request) => requests.push((path, request)),
                Err(err) => problems.push(format!("{}: {err}", path.display())),
            },
            Err(err) => problems.push(err),
        }
    }
    if !problems.is_empty() {
        let count = problems.len();
        return Err(InputError(format!(
            "{}\n{count} file{} could not be read; nothing was imported",
            problems.join("\n"),
            if count == 1 { "" } else { "s" }
        ))
        .into());
    }

    let store = settings
        .open_store(Clock::system())
        .await
        .with_context(|| format!("cannot open the store ({})", settings.store_description()))?;
    let mut notices = 0;
    for (path, request) in &requests {
        let actor = Actor::system("import", Some(request.requested_by.to_string()));
        let stored = store
            .create_drafts(&actor, request)
            .await
            .with_context(|| format!("{}: cannot store the request", path.display()))?;
        let ids: Vec<String> = stored.notice_ids.iter().map(ToString::to_string).collect();
        // A reader that went away (`| head`) must not stop the import half-way.
        let _ = writeln!(std::io::stdout(), "{}\t{}", path.display(), ids.join(" "));
        notices += ids.len();
    }
    eprintln!(
        "imported {} request{} as {notices} draft notice{} into {}",
        requests.len(),
        if requests.len() == 1 { "" } else { "s" },
        if notices == 1 { "" } else { "s" },
        settings.store_description()
    );
    Ok(ExitCode::SUCCESS)
}
