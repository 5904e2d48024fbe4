//! Settings, from flags and `DRAGNET_*` variables first, then an optional TOML file, then defaults
//! that need nothing installed.

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use dragnet_store::StoreSettings;
use serde::Deserialize;

use crate::{CommonArgs, InputError};

pub const DEFAULT_DATA_DIR: &str = "./dragnet-data";
pub const DEFAULT_PORT: u16 = 8080;
pub const CONFIG_FILE_NAME: &str = "dragnet.toml";

/// The settings file's keys; every one is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    data: Option<PathBuf>,
    database_url: Option<String>,
    port: Option<u16>,
    bind: Option<IpAddr>,
}

#[derive(Clone)]
pub struct Settings {
    pub store: StoreSettings,
    pub port: u16,
    pub bind: Option<IpAddr>,
    /// The key that signs audit records, read from `--audit-key`.
    pub audit_key: Option<Vec<u8>>,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("store", &self.store)
            .field("port", &self.port)
            .field("bind", &self.bind)
            .field("audit_key", &self.audit_key.as_ref().map(|_| "…"))
            .finish()
    }
}

impl Settings {
    pub fn resolve(args: &CommonArgs, port: Option<u16>) -> anyhow::Result<Settings> {
        let file = match &args.config {
            Some(path) => read_config(path)?,
            None => {
                let data = args.data.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR));
                let implicit = data.join(CONFIG_FILE_NAME);
                if implicit.is_file() { read_config(&implicit)? } else { ConfigFile::default() }
            }
        };
        let data_dir = args.data.clone().or(file.data).unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR));
        let database_url = args.database_url.clone().or(file.database_url).filter(|url| !url.is_empty());
        let audit_key = match &args.audit_key {
            None => None,
            Some(path) => {
                let key = crate::files::open(path, 4096)
                    .and_then(|mut file| {
                        let mut key = Vec::new();
                        std::io::Read::read_to_end(&mut file, &mut key)
                            .map_err(|err| format!("{}: cannot read: {err}", path.display()))?;
                        Ok(key)
                    })
                    .map_err(|err| InputError(format!("--audit-key: {err}")))?;
                if key.len() < 32 {
                    return Err(
                        InputError(format!("--audit-key {}: a key has at least 32 bytes", path.display())).into()
                    );
                }
                Some(key)
            }
        };
        Ok(Settings {
            store: StoreSettings { data_dir, database_url },
            port: port.or(file.port).unwrap_or(DEFAULT_PORT),
            bind: file.bind,
            audit_key,
        })
    }

    /// The store these settings name, signing its audit records with the audit key if one was given.
    pub async fn open_store(
        &self,
        clock: dragnet_store::Clock,
    ) -> dragnet_store::Result<std::sync::Arc<dyn dragnet_store::Store>> {
        dragnet_store::open_signed(&self.store, clock, self.audit_key.clone()).await
    }

    /// Where the store is, for messages: never the password of a database URL.
    pub fn store_description(&self) -> String {
        if self.store.is_postgres() {
            let url = self.store.database_url.as_deref().unwrap_or_default();
            format!("PostgreSQL at {}", redact_password(url))
        } else {
            format!("SQLite at {}", self.store.sqlite_path().display())
        }
    }
}

fn read_config(path: &Path) -> anyhow::Result<ConfigFile> {
    let text = crate::files::read_text(path, crate::files::MOST_DOCUMENT_BYTES)
        .map_err(|err| anyhow::anyhow!("cannot read the settings file: {err}"))?;
    toml::from_str(&text).map_err(|err| InputError(format!("{}: {}", path.display(), err.message())).into())
}

fn redact_password(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else { return url.to_string() };
    let rest = &url[scheme_end..];
    match (rest.find('@'), rest.find(':')) {
        (Some(at), Some(colon)) if colon < at => format!("{}{}:***{}", &url[..scheme_end], &rest[..colon], &rest[at..]),
        _ => url.to_string(),
    }
}

/// Logs go to stderr; `DRAGNET_LOG` (or `RUST_LOG`) picks what, `info` by default.
pub fn init_logging() {
    let filter = std::env::var("DRAGNET_LOG").or_else(|_| std::env::var("RUST_LOG")).unwrap_or_else(|_| "info".into());
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(redact_password("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
        assert_eq!(
            redact_password("postgres://postgres@127.0.0.1:5432/test"),
            "postgres://postgres@127.0.0.1:5432/test"
        );
    }

    #[test]
    fn flags_beat_the_file_and_the_file_beats_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("settings.toml");
        std::fs::write(&config, "data = \"/srv/dragnet\"\nport = 9000\n").unwrap();
        let args = CommonArgs { data: None, database_url: None, config: Some(config.clone()), audit_key: None };
        let settings = Settings::resolve(&args, None).unwrap();
        assert_eq!((settings.store.data_dir.to_str().unwrap(), settings.port), ("/srv/dragnet", 9000));
        let args =
            CommonArgs { data: Some("/tmp/x".into()), database_url: None, config: Some(config), audit_key: None };
        let settings = Settings::resolve(&args, Some(7000)).unwrap();
        assert_eq!((settings.store.data_dir.to_str().unwrap(), settings.port), ("/tmp/x", 7000));
        let args =
            CommonArgs { data: Some(dir.path().join("empty")), database_url: None, config: None, audit_key: None };
        assert_eq!(Settings::resolve(&args, None).unwrap().port, DEFAULT_PORT);
    }

    #[test]
    fn an_unknown_setting_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("settings.toml");
        std::fs::write(&config, "prot = 9000\n").unwrap();
        let args = CommonArgs { data: None, database_url: None, config: Some(config), audit_key: None };
        let err = Settings::resolve(&args, None).unwrap_err();
        assert!(err.to_string().contains("prot"), "{err}");
    }
}
