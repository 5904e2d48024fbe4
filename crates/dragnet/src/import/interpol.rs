//! `dragnet import interpol PATH...`: every file read and every record checked before anything is
//! stored; then the notices stored as published, marked with their source, in batches with progress.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use dragnet_domain::{Actor, NoticeId, NoticeKind};
use dragnet_server::interpol_records::{self, Record};
use dragnet_server::pictures::{MOST_PICTURE_BYTES, picture_type};
use dragnet_store::{Clock, ImportOutcome, ImportedNotice, ImportedPicture, StoreError};

use crate::InputError;
use crate::settings::Settings;

#[derive(Debug, Args)]
pub struct InterpolArgs {
    /// Files and folders of records and pictures
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// What the records that do not show their kind (no link, no telling field) are
    #[arg(long, value_parser = ["red", "yellow", "un"])]
    kind: Option<String>,
    /// What the notices are marked as coming from
    #[arg(long, default_value = "INTERPOL public notices")]
    source: String,
    /// Import the records that read well and list the others, rather than import nothing
    #[arg(long)]
    skip_invalid: bool,
    /// The records are a complete sweep of the source: its notices of the kinds swept that are not
    /// among them are withdrawn (no longer screened or shown; back in force if a later sweep has them)
    #[arg(long)]
    sync: bool,
    /// With --sync: withdraw the missing notices even when they are more than half of the source's
    /// (a sweep that lacks so many is otherwise taken for one cut short)
    #[arg(long, requires = "sync")]
    sync_force: bool,
}

/// Notices stored per transaction: big enough to be quick, small enough to show progress.
const BATCH: usize = 500;
/// Problems and notes listed before the rest are counted.
const LISTED: usize = 20;

const RECORD_EXTENSIONS: [&str; 3] = ["json", "jsonl", "ndjson"];
const PICTURE_EXTENSIONS: [&str; 4] = ["jpg", "jpeg", "png", "svg"];

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_lowercase()
}

/// The files under `paths`, folders read whole in name order; records and pictures apart. A file
/// named on the command line is a record file unless it is a picture. A symbolic link inside a
/// folder is not followed (it may lead out of the folder, or round in a loop): it is a problem.
fn files(paths: &[PathBuf], problems: &mut Vec<String>) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let (mut records, mut pictures) = (Vec::new(), Vec::new());
    let mut pending: Vec<(PathBuf, bool)> = paths.iter().rev().map(|p| (p.clone(), true)).collect();
    while let Some((path, named)) = pending.pop() {
        let linked = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if linked && !named {
            problems.push(format!("{}: a symbolic link, not followed", path.display()));
            continue;
        }
        if path.is_dir() {
            match std::fs::read_dir(&path) {
                Ok(entries) => {
                    let mut inside: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                    inside.sort();
                    pending.extend(inside.into_iter().rev().map(|p| (p, false)));
                }
                Err(err) => problems.push(format!("{}: cannot read the folder: {err}", path.display())),
            }
        } else if PICTURE_EXTENSIONS.contains(&extension(&path).as_str()) {
            pictures.push(path);
        } else if named || RECORD_EXTENSIONS.contains(&extension(&path).as_str()) {
            records.push(path);
        }
    }
    (records, pictures)
}

/// A picture file, checked: the source's id for it (a numeric file name) and its type. Its bytes
/// are read when its notice is stored, so that a scrape's pictures are never all in memory.
struct PictureFile {
    path: PathBuf,
    id: Option<i64>,
    content_type: &'static str,
}

/// A picture file's notice, and the file checked by its size and first bytes. The notice is the one
/// its path names (`images_red/2019-114539.jpg`), else the only notice whose record lies in the same
/// folder (`2019-114539/data.json` beside `2019-114539/b469ea.jpeg`, as many scrapes keep them).
fn check_picture(
    path: &Path,
    notices_in: &BTreeMap<PathBuf, BTreeSet<NoticeId>>,
) -> Result<Option<(NoticeId, PictureFile)>, String> {
    let parts: Vec<&str> = path.iter().filter_map(|p| p.to_str()).collect();
    let beside = || {
        let ids = notices_in.get(path.parent()?)?;
        (ids.len() == 1).then(|| ids.first().copied()).flatten()
    };
    let Some(owner) = interpol_records::picture_owner(&parts).or_else(beside) else { return Ok(None) };
    let cannot = |err: std::io::Error| format!("{}: cannot read: {err}", path.display());
    let metadata = std::fs::metadata(path).map_err(cannot)?;
    if !metadata.is_file() {
        return Err(format!("{}: not a regular file", path.display()));
    }
    let size = metadata.len();
    if size > MOST_PICTURE_BYTES as u64 {
        return Err(format!("{}: {size} bytes; a picture may have {MOST_PICTURE_BYTES}", path.display()));
    }
    let mut head = Vec::with_capacity(1024);
    std::fs::File::open(path).and_then(|file| file.take(1024).read_to_end(&mut head)).map_err(cannot)?;
    let content_type =
        picture_type(&head).ok_or_else(|| format!("{}: not a JPEG, PNG or SVG picture", path.display()))?;
    if content_type == "image/svg+xml" {
        let mut whole = Vec::new();
        crate::files::open(path, MOST_PICTURE_BYTES as u64)?.read_to_end(&mut whole).map_err(cannot)?;
        dragnet_server::pictures::svg_is_inert(&whole).map_err(|why| format!("{}: {why}", path.display()))?;
    }
    let id = path.file_stem().and_then(|s| s.to_str()).and_then(|s| s.parse::<i64>().ok()).filter(|id| *id > 0);
    Ok(Some((owner, PictureFile { path: path.to_path_buf(), id, content_type })))
}

/// The pictures of a batch's notices, read.
fn with_pictures(batch: &[(ImportedNotice, Vec<PictureFile>)]) -> anyhow::Result<Vec<ImportedNotice>> {
    batch
        .iter()
        .map(|(notice, files)| {
            let mut notice = notice.clone();
            for file in files {
                let mut bytes = Vec::new();
                crate::files::open(&file.path, MOST_PICTURE_BYTES as u64)
                    .map_err(anyhow::Error::msg)?
                    .read_to_end(&mut bytes)
                    .with_context(|| format!("cannot read {}", file.path.display()))?;
                notice.pictures.push(ImportedPicture {
                    id: file.id,
                    content_type: file.content_type.to_string(),
                    bytes,
                });
            }
            Ok(notice)
        })
        .collect()
}

/// The most memory this process has held, in MB, where the system says (Linux's `VmHWM`).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb.div_ceil(1024))
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// Lines listed up to `LISTED`, the rest counted.
fn listed(lines: &[String]) -> String {
    let mut text: Vec<String> = lines.iter().take(LISTED).map(|l| format!("  {l}")).collect();
    if lines.len() > LISTED {
        text.push(format!("  … and {} more", lines.len() - LISTED));
    }
    text.join("\n")
}

pub async fn run(settings: &Settings, args: InterpolArgs) -> anyhow::Result<ExitCode> {
    let kind = match args.kind.as_deref() {
        Some("yellow") => Some(NoticeKind::Yellow),
        Some("un") => Some(NoticeKind::UnSpecial),
        Some(_) => Some(NoticeKind::Red),
        None => None,
    };
    let source = args.source.trim();
    if source.is_empty() {
        return Err(InputError("--source: the notices' source needs a name".into()).into());
    }

    // Everything is read and checked before anything is stored.
    let mut problems = Vec::new();
    let (record_files, picture_files) = files(&args.paths, &mut problems);
    let mut records: Vec<Record> = Vec::new();
    let mut notices_in: BTreeMap<PathBuf, BTreeSet<NoticeId>> = BTreeMap::new();
    let mut empty = Vec::new();
    // Each list swept (its kind and filters): the total the source gave, and the entries read.
    let mut lists: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for path in &record_files {
        match crate::files::read_text(path, crate::files::MOST_LIST_BYTES) {
            Ok(text) => {
                let reading = interpol_records::read_records(&text, &path.display().to_string(), kind);
                if let Some(folder) = path.parent() {
                    notices_in.entry(folder.to_path_buf()).or_default().extend(reading.records.iter().map(|r| r.id));
                }
                records.extend(reading.records);
                problems.extend(reading.problems);
                empty.extend(reading.empty);
                for (list, total, entries) in reading.pages {
                    let seen = lists.entry(list).or_default();
                    *seen = (seen.0.max(total), seen.1 + entries);
                }
            }
            Err(err) => problems.push(err),
        }
    }
    let (merged, conflicts) = interpol_records::merge(records);
    problems.extend(conflicts);
    let mut pictures: BTreeMap<NoticeId, Vec<PictureFile>> = BTreeMap::new();
    let (mut unnamed, mut strays) = (Vec::new(), Vec::new());
    for path in &picture_files {
        match check_picture(path, &notices_in) {
            Ok(Some((owner, picture))) if merged.contains_key(&owner) => {
                pictures.entry(owner).or_default().push(picture)
            }
            Ok(Some(_)) => strays.push(path.display().to_string()),
            Ok(None) => unnamed.push(path.display().to_string()),
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() && !args.skip_invalid {
        return Err(InputError(format!(
            "{}\n{}; nothing was imported (--skip-invalid imports the rest)",
            listed(&problems),
            plural(problems.len(), "problem", "problems")
        ))
        .into());
    }

    let mut notices = Vec::new();
    let (mut entries, mut unpictured) = (0, 0);
    // What a sweep held, for --sync; then the records are moved into the notices, not copied.
    let mut swept: Vec<NoticeKind> = merged.values().map(|r| r.kind).collect();
    swept.sort_by_key(|k| k.as_str());
    swept.dedup();
    let seen: HashSet<NoticeId> = merged.keys().copied().collect();
    let mut notes: BTreeMap<String, (usize, NoticeId)> = BTreeMap::new();
    for record in merged.into_values() {
        entries += usize::from(!record.detailed);
        for note in &record.notes {
            notes.entry(note.clone()).or_insert((0, record.id)).0 += 1;
        }
        let mut own = pictures.remove(&record.id).unwrap_or_default();
        // The source's numbered pictures in its order, then the others in the files' order.
        own.sort_by_key(|p| (p.id.is_none(), p.id));
        unpictured += usize::from(record.links_pictures && own.is_empty());
        let notice =
            ImportedNotice { id: record.id, request: record.request, detailed: record.detailed, pictures: Vec::new() };
        notices.push((notice, own));
    }
    if notices.is_empty() {
        return Err(InputError("no notice to import: the files hold no record".into()).into());
    }

    let store = settings
        .open_store(Clock::system())
        .await
        .with_context(|| format!("cannot open the store ({})", settings.store_description()))?;
    let actor = Actor::system("import", None);
    let mut stdout = std::io::stdout();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut imported_by_kind, mut picture_count, mut done) = (BTreeMap::new(), 0, 0);
    for batch in notices.chunks(BATCH) {
        let batch = with_pictures(batch)?;
        let outcomes = store
            .import_published(&actor, source, &batch)
            .await
            .with_context(|| format!("cannot store the notices from {} on", batch[0].id))?;
        for (notice, outcome) in batch.iter().zip(&outcomes) {
            let word = match outcome {
                ImportOutcome::Imported => "imported",
                ImportOutcome::Updated => "updated",
                ImportOutcome::Restored => "restored",
                ImportOutcome::AlreadyImported => "already_imported",
                ImportOutcome::IdTaken => "id_taken",
                ImportOutcome::OtherSource => "other_source",
                ImportOutcome::OtherKind => "other_kind",
            };
            *counts.entry(word).or_default() += 1;
            if *outcome == ImportOutcome::Imported {
                *imported_by_kind.entry(notice.request.kind.as_str()).or_insert(0usize) += 1;
                picture_count += notice.pictures.len();
            }
            // A reader that went away (`| head`) must not stop the import half-way.
            let _ = writeln!(stdout, "{}\t{word}", notice.id);
        }
        done += batch.len();
        eprintln!("stored {done} of {}", notices.len());
    }
    // A sweep known to be whole: every file read, every record's id known, every list page there.
    let short = lists.iter().find(|(_, (total, entries))| entries < total);
    let not_whole = match (problems.is_empty(), short) {
        (false, _) => Some("the sweep had problems".to_string()),
        (true, Some((list, (total, entries)))) => {
            Some(format!("the pages of the list {list} hold {entries} of the {total} notices it counts"))
        }
        (true, None) => None,
    };
    // A sync not carried out is said after the summary, and the command then fails.
    let mut refused = None;
    let withdrawn = match (args.sync, not_whole) {
        (true, Some(reason)) => {
            refused = Some(format!(
                "--sync: nothing was withdrawn, as {reason}: it may not be complete; the notices read were imported"
            ));
            0
        }
        (true, None) => {
            let withdrawn = match store.withdraw_missing(&actor, source, &swept, &seen, args.sync_force).await {
                Err(err @ StoreError::SweepIncomplete { .. }) => {
                    refused = Some(format!(
                        "--sync: {err}; the sweep's notices were imported (--sync-force withdraws the others anyway)"
                    ));
                    Vec::new()
                }
                other => other.context("cannot withdraw the notices missing from the sweep")?,
            };
            for id in &withdrawn {
                let _ = writeln!(stdout, "{id}\twithdrawn");
            }
            withdrawn.len()
        }
        (false, _) => 0,
    };

    let by_kind: Vec<String> = imported_by_kind.iter().map(|(kind, n)| format!("{kind} {n}")).collect();
    eprintln!(
        "imported {} ({}) with {} from {} into {}, marked as from {source:?}{}",
        plural(counts.get("imported").copied().unwrap_or(0), "notice", "notices"),
        if by_kind.is_empty() { "none".to_string() } else { by_kind.join(", ") },
        plural(picture_count, "picture", "pictures"),
        plural(record_files.len(), "file", "files"),
        settings.store_description(),
        peak_memory().map(|mb| format!("; peak memory {mb} MB")).unwrap_or_default()
    );
    let mut said = Vec::new();
    if let Some(n) = counts.get("updated") {
        said.push(format!(
            "{} imported before and changed since: brought up to date",
            plural(*n, "notice was", "notices were")
        ));
    }
    if let Some(n) = counts.get("restored") {
        said.push(format!(
            "{} withdrawn by the source before and back: in force again",
            plural(*n, "notice was", "notices were")
        ));
    }
    if let Some(n) = counts.get("already_imported") {
        said.push(format!(
            "{} imported before and unchanged (or a list entry of a detailed notice): left as they were",
            plural(*n, "notice was", "notices were")
        ));
    }
    match withdrawn {
        0 if args.sync && refused.is_none() => {
            said.push("every notice of the source of the kinds swept is in the sweep".into())
        }
        0 => {}
        n => said.push(format!(
            "{} from the sweep: withdrawn by the source, no longer screened or shown",
            plural(n, "notice of the source is missing", "notices of the source are missing")
        )),
    }
    if let Some(n) = counts.get("other_source") {
        said.push(format!(
            "{} imported from another source, which alone keeps them up to date: left as they were",
            plural(*n, "notice was", "notices were")
        ));
    }
    if let Some(n) = counts.get("other_kind") {
        said.push(format!(
            "{} a notice of another kind imported before: not imported",
            plural(*n, "record has the id of", "records have the ids of")
        ));
    }
    if let Some(n) = counts.get("id_taken") {
        said.push(format!("{} the id of a notice made here: not imported", plural(*n, "record has", "records have")));
    }
    if entries > 0 {
        said.push(format!(
            "{}: kept as the list shows {}, requester unknown unless swept by country, completed when a detail \
             record is imported",
            plural(entries, "list entry without its detail record", "list entries without their detail record"),
            if entries == 1 { "it" } else { "them" }
        ));
    }
    if unpictured > 0 {
        said.push(format!(
            "{} pictures whose files were not given",
            plural(unpictured, "notice links", "notices link")
        ));
    }
    if !strays.is_empty() {
        said.push(format!(
            "{} of notices not among the records (first: {})",
            plural(strays.len(), "picture is", "pictures are"),
            strays[0]
        ));
    }
    if !empty.is_empty() {
        said.push(format!(
            "{} no record (null or {{}}): skipped (first: {})",
            plural(empty.len(), "file or entry holds", "files or entries hold"),
            empty[0]
        ));
    }
    if !unnamed.is_empty() {
        said.push(format!(
            "{} no notice id in its path (first: {})",
            plural(unnamed.len(), "picture has", "pictures have"),
            unnamed[0]
        ));
    }
    for (note, (count, first)) in &notes {
        said.push(format!("{note}: {} (first: {first})", plural(*count, "notice", "notices")));
    }
    if !problems.is_empty() {
        said.push(format!("skipped, as --skip-invalid asked:\n{}", listed(&problems)));
    }
    if !said.is_empty() {
        eprintln!("{}", listed(&said));
    }
    eprintln!("a server running on this store takes them in within seconds");
    match refused {
        Some(refusal) => Err(InputError(refusal).into()),
        None => Ok(ExitCode::SUCCESS),
    }
}
