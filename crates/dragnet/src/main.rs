//! The `dragnet` command: serve, import, admin and audit, over one set of common settings.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

mod admin;
mod audit;
mod check;
mod demo;
mod export;
mod files;
mod import;
mod screen;
mod serve;
mod settings;

/// Dragnet: international police notices, reviewed against the rules and screened across scripts.
#[derive(Debug, Parser)]
#[command(name = "dragnet", version, about)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
    #[command(subcommand)]
    command: Command,
}

/// Settings every command that touches the store shares.
#[derive(Debug, Clone, Args)]
pub struct CommonArgs {
    /// The data folder [default: ./dragnet-data]
    #[arg(long = "data", env = "DRAGNET_DATA", global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// A postgres:// URL selects PostgreSQL; otherwise SQLite in the data folder
    #[arg(long, env = "DRAGNET_DATABASE_URL", global = true, value_name = "URL")]
    pub database_url: Option<String>,
    /// A TOML file of settings; flags and environment variables override it
    /// [default: dragnet.toml in the data folder, if there is one]
    #[arg(long, env = "DRAGNET_CONFIG", global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// A file holding the key that signs every audit record (at least 32 bytes), kept off the
    /// database's machine; every server and command writing to one database needs the same one
    #[arg(long, env = "DRAGNET_AUDIT_KEY_FILE", global = true, value_name = "FILE")]
    pub audit_key: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the server
    Serve(serve::ServeArgs),
    /// Check one notice request against the rules, without a server or database
    Check(check::CheckArgs),
    /// Screen people against notices, without a server or database
    Screen(screen::ScreenArgs),
    /// Load a demo world into an empty store: users of every role, requests in every state
    Demo(demo::DemoArgs),
    /// Read files into the store
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// Write the public notices in the shape of INTERPOL's public API, to a folder
    Export(export::ExportArgs),
    /// Manage users and API tokens
    #[command(subcommand)]
    Admin(admin::AdminCommand),
    /// Inspect the audit trail
    #[command(subcommand)]
    Audit(audit::AuditCommand),
}

/// Input the command could not accept: exit code 2, as for a file `dragnet check` cannot read.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    settings::init_logging();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("dragnet: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = runtime.block_on(async {
        let command = match cli.command {
            Command::Check(args) => return check::run(args),
            Command::Screen(args) if args.as_user.is_none() => return screen::run(args),
            command => command,
        };
        let settings = settings::Settings::resolve(&cli.common, command.port())?;
        match command {
            Command::Serve(args) => serve::run(&settings, args).await,
            Command::Demo(args) => demo::run(&settings, args).await,
            Command::Import(command) => import::run(&settings, command).await,
            Command::Export(args) => export::run(&settings, args).await,
            Command::Admin(command) => admin::run(&settings, command).await,
            Command::Audit(command) => audit::run(&settings, command).await,
            Command::Screen(args) => {
                let user = args.as_user.clone().unwrap_or_default();
                screen::run_in_store(&settings, args, &user).await
            }
            Command::Check(_) => unreachable!("handled before the settings are read"),
        }
    });
    match outcome {
        Ok(code) => code,
        Err(err) if err.is::<InputError>() => {
            eprintln!("dragnet: {err}");
            ExitCode::from(2)
        }
        Err(err) => {
            eprintln!("dragnet: {err:#}");
            ExitCode::FAILURE
        }
    }
}

impl Command {
    fn port(&self) -> Option<u16> {
        match self {
            Command::Serve(args) => args.port,
            _ => None,
        }
    }
}
