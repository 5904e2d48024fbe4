//! `dragnet serve`: the HTTP server, stopped gracefully by SIGINT or SIGTERM.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use dragnet_server::AppState;
use dragnet_store::Clock;

use crate::settings::Settings;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port to listen on; 0 picks a free one [default: 8080]
    #[arg(long, env = "DRAGNET_PORT")]
    pub port: Option<u16>,
    /// The address to listen on [default: 127.0.0.1]
    #[arg(long, env = "DRAGNET_BIND")]
    pub bind: Option<IpAddr>,
    /// Calls per second each API token may make, with bursts of twice as many [default: 200]
    #[arg(long, env = "DRAGNET_RATE_LIMIT", value_name = "PER_SECOND")]
    pub rate_limit: Option<f64>,
    /// Calls per second from each client address, signed in or not, with bursts of twice as many [default: 1000]
    #[arg(long, env = "DRAGNET_ADDRESS_RATE_LIMIT", value_name = "PER_SECOND")]
    pub address_rate_limit: Option<f64>,
    /// Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: addresses or
    /// networks, comma-separated (10.0.0.0/8,::1) [default: none]
    #[arg(long, env = "DRAGNET_TRUSTED_PROXIES", value_name = "LIST")]
    pub trusted_proxies: Option<String>,
    /// Where the public reaches this service, for the links of the public API
    /// (https://notices.example.org) [default: the Host each call names]
    #[arg(long, env = "DRAGNET_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// Let bureaus' webhooks name private networks and this machine (a relay beside the server);
    /// by default they may name public hosts only
    #[arg(long, env = "DRAGNET_WEBHOOKS_TO_PRIVATE_NETWORKS")]
    pub webhooks_to_private_networks: bool,
    /// A folder of policy files replacing the built-in ones (as for `dragnet check`)
    #[arg(long, env = "DRAGNET_POLICY", value_name = "DIR")]
    pub policy: Option<std::path::PathBuf>,
    /// On an empty store, load the demo world first (as `dragnet demo`) and print its users
    #[arg(long)]
    pub demo: bool,
    /// How often to look for notices whose five years are up [default: 60]
    #[arg(long, env = "DRAGNET_EXPIRY_EVERY", value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    pub expiry_every: Option<u64>,
}

pub async fn run(settings: &Settings, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let proxies = dragnet_server::client::TrustedProxies::parse(args.trusted_proxies.as_deref().unwrap_or(""))
        .map_err(|err| crate::InputError(format!("--trusted-proxies: {err}")))?;
    if let Some(url) = &args.public_url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        return Err(crate::InputError(format!("--public-url: {url:?} is not an http(s) URL")).into());
    }
    // The policy is read and validated before anything starts: a bad file stops the server here.
    let policy = crate::check::load_policy(args.policy.as_deref())?;
    let store = settings
        .open_store(Clock::system())
        .await
        .with_context(|| format!("cannot open the store ({})", settings.store_description()))?;
    if args.demo {
        if crate::demo::is_empty(store.as_ref()).await? {
            let credentials = crate::demo::load(store.as_ref(), &policy, 0).await.context("cannot load the demo")?;
            crate::demo::print_credentials(&credentials);
        } else {
            // Saying nothing would leave a newcomer looking for demo users that are not there.
            eprintln!(
                "--demo: the store already holds users, so the demo world is not loaded again; its users are \
                 those printed the first time (start with an empty --data folder for a new one)"
            );
        }
    }
    let bind = args.bind.or(settings.bind).unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(bind, settings.port))
        .await
        .with_context(|| format!("cannot listen on {bind}:{}", settings.port))?;
    let address = listener.local_addr()?;
    // Tests and scripts read this line to find the port.
    println!("dragnet listening on http://{address} ({})", settings.store_description());
    tracing::info!(%address, store = store.backend(), "serving");

    let loading = async move {
        let started = std::time::Instant::now();
        let mut state = AppState::load(store.clone(), policy)
            .await
            .map_err(|err| format!("cannot load the screening index: {err}"))?;
        if let Some(rate) = args.rate_limit.filter(|r| *r > 0.0) {
            state.limits = std::sync::Arc::new(dragnet_server::limits::RateLimits::new(rate, rate * 2.0));
        }
        state.proxies = std::sync::Arc::new(proxies);
        state.public_url = args.public_url.clone();
        state.webhooks_to_private_networks = args.webhooks_to_private_networks;
        if let Some(seconds) = args.expiry_every {
            state.expiry_every = std::time::Duration::from_secs(seconds);
        }
        if let Some(rate) = args.address_rate_limit.filter(|r| *r > 0.0) {
            state.address_limits = std::sync::Arc::new(dragnet_server::limits::RateLimits::new(rate, rate * 2.0));
        }
        tracing::info!(
            notices = state.app.views.screening.len(),
            seconds = started.elapsed().as_secs_f64(),
            "screening index loaded"
        );
        Ok(state)
    };
    dragnet_server::serve_once_loaded(listener, loading, shutdown_signal()).await.context("the server failed")?;
    tracing::info!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// Resolves on the first SIGINT or SIGTERM; requests in flight then finish (each within its timeout).
async fn shutdown_signal() {
    let interrupt = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(%err, "cannot listen for SIGINT");
            std::future::pending::<()>().await;
        }
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(%err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        () = interrupt => tracing::info!("SIGINT: shutting down"),
        () = terminate => tracing::info!("SIGTERM: shutting down"),
    }
}
