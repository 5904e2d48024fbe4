//! `dragnet export DIR`: the public notices in the shape of INTERPOL's public API, laid out as its
//! paths (`red/2019-114539.json`, `red/2019-114539/images.json`, `red/2019-114539/images/7.jpg`,
//! `un/persons/…`), which `dragnet import interpol DIR` reads back. Only what the public API shows.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use dragnet_server::pictures::picture_file_name;
use dragnet_server::public::{detail_body, images_body, notice_path};
use dragnet_store::Clock;

use crate::InputError;
use crate::settings::Settings;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The folder to write; it must not exist yet
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Where the server is reached, for the records' links
    #[arg(long, value_name = "URL", default_value = "http://127.0.0.1:8080")]
    base_url: String,
}

fn write_json(path: &Path, value: &serde_json::Value) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    std::fs::write(path, text + "\n").with_context(|| format!("cannot write {}", path.display()))
}

pub async fn run(settings: &Settings, args: ExportArgs) -> anyhow::Result<ExitCode> {
    if args.dir.exists() {
        return Err(InputError(format!("{} exists: the export goes into a new folder", args.dir.display())).into());
    }
    let base = args.base_url.trim_end_matches('/');
    if !(base.starts_with("http://") || base.starts_with("https://")) {
        return Err(InputError(format!("--base-url: {base:?} is not an http:// or https:// URL")).into());
    }
    let store = settings
        .open_store(Clock::system())
        .await
        .with_context(|| format!("cannot open the store ({})", settings.store_description()))?;
    let readable = store.public_extracts().await?;
    for bad in &readable.unreadable {
        eprintln!("notice {}: its stored record does not read ({}); not exported", bad.notice, bad.reason);
    }
    let extracts = readable.rows;

    // Written beside the folder and renamed at the end, so that a folder of that name is whole.
    let name = args.dir.file_name().and_then(|n| n.to_str()).unwrap_or("export");
    let partial = args.dir.with_file_name(format!(".{name}.partial-{}", std::process::id()));
    std::fs::create_dir_all(&partial).with_context(|| format!("cannot create {}", partial.display()))?;
    let pictures = match write_all(store.as_ref(), &extracts, base, &partial).await {
        Ok(pictures) => pictures,
        Err(err) => {
            let _ = std::fs::remove_dir_all(&partial);
            return Err(err);
        }
    };
    std::fs::rename(&partial, &args.dir)
        .with_context(|| format!("cannot rename {} to {}", partial.display(), args.dir.display()))?;
    eprintln!(
        "exported {} notices with {pictures} pictures into {} (links under {base})",
        extracts.len(),
        args.dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes each extract, its picture list and its pictures under `partial`; answers how many pictures.
async fn write_all(
    store: &dyn dragnet_store::Store,
    extracts: &[dragnet_store::PublicExtract],
    base: &str,
    partial: &Path,
) -> anyhow::Result<usize> {
    let mut pictures = 0;
    for (done, extract) in extracts.iter().enumerate() {
        let own = notice_path(extract.kind, extract.id);
        let relative = own.trim_start_matches("/notices/v1/");
        let record = partial.join(format!("{relative}.json"));
        std::fs::create_dir_all(record.parent().unwrap_or(partial))?;
        write_json(&record, &detail_body(base, extract))?;
        if !extract.pictures.is_empty() {
            let folder = partial.join(relative);
            std::fs::create_dir_all(folder.join("images"))?;
            write_json(&folder.join("images.json"), &images_body(base, extract))?;
            for picture in &extract.pictures {
                let Some((content_type, bytes)) = store.picture(extract.id, *picture).await? else { continue };
                let path = folder.join("images").join(picture_file_name(*picture, &content_type));
                std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
                pictures += 1;
            }
        }
        if (done + 1) % 1000 == 0 {
            eprintln!("written {} of {}", done + 1, extracts.len());
        }
    }
    Ok(pictures)
}
