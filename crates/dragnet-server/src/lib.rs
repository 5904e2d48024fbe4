//! Dragnet's HTTP server: the router, its layers, and the health and readiness endpoints.
//!
//! Handlers are thin: they read the request, call a use case of the application layer
//! (`dragnet-app`), and shape the answer.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use dragnet_store::Store;
use serde_json::json;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub mod admin;
pub mod api;
pub mod auth;
pub mod clearances;
pub mod client;
pub mod interpol_records;
pub mod knowledge;
pub mod limits;
pub mod openapi;
pub mod outbound;
pub mod passengers;
pub mod passwords;
pub mod pictures;
pub mod problem;
pub mod public;
pub mod register;
pub mod screening;
pub mod search;
pub mod web;
pub mod webhooks;

pub use problem::Problem;

/// Largest request body accepted: a request with a thousand subjects fits well within it.
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
/// Longest a request may take before the client is told so.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What every handler may reach: the application, and what only the HTTP edge needs.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The use cases, and this process's views of the store.
    pub app: dragnet_app::App,
    /// The store, for the plain audited reads a handler makes after its role check.
    pub store: Arc<dyn Store>,
    /// Calls per token.
    pub limits: Arc<limits::RateLimits>,
    /// Calls per peer address, signed in or not.
    pub address_limits: Arc<limits::RateLimits>,
    /// Failed sign-ins per user name from one address: ten, then one every six seconds. Someone
    /// guessing from elsewhere does not lock the user out.
    pub sign_in_limits: Arc<limits::RateLimits>,
    /// Failed sign-ins per address, whatever the name: thirty, then one every two seconds, so that
    /// guessing many names from one place is as slow as guessing one.
    pub sign_in_address_limits: Arc<limits::RateLimits>,
    /// The threads that check passwords, a few at a time.
    pub passwords: passwords::PasswordChecks,
    /// The key that signs the sign-in form's token, shared by every server of the database.
    pub sign_in_key: web::SignInKey,
    /// Public searches running at once, each on a blocking thread: as many as the machine has cores.
    pub searches: Arc<tokio::sync::Semaphore>,
    /// Whether bureaus' webhooks may name private networks and this machine (the operator's
    /// choice, for a relay beside the server; tests). Off: public hosts only.
    pub webhooks_to_private_networks: bool,
    /// The proxies whose forwarding headers are believed.
    pub proxies: Arc<client::TrustedProxies>,
    /// Where the public reaches this service (`https://notices.example.org`), for the links the
    /// public API gives; without it, the `Host` a call named, if it reads as a host.
    pub public_url: Option<String>,
    /// Passenger lists uploaded from the border page, being screened or kept for an hour.
    pub lists: Arc<web::lists::ListJobs>,
    /// How often the server looks for notices whose five years are up.
    pub expiry_every: Duration,
}

impl AppState {
    /// The application loaded from `store` with `policy` (its register the store's).
    pub async fn load(
        store: Arc<dyn Store>,
        policy: dragnet_review::Policy,
    ) -> Result<Self, dragnet_store::StoreError> {
        let app = dragnet_app::App::load(store.clone(), policy).await?;
        let sign_in_key = store.server_secret("sign-in form").await?.into_bytes();
        Ok(AppState {
            app,
            store,
            limits: Arc::new(limits::RateLimits::default()),
            sign_in_limits: Arc::new(limits::RateLimits::new(1.0 / 6.0, 10.0)),
            sign_in_address_limits: Arc::new(limits::RateLimits::new(0.5, 30.0)),
            passwords: passwords::PasswordChecks::for_this_machine(),
            sign_in_key: web::SignInKey(sign_in_key),
            searches: Arc::new(tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            )),
            webhooks_to_private_networks: false,
            proxies: Arc::default(),
            public_url: None,
            address_limits: Arc::new(limits::RateLimits::new(
                limits::DEFAULT_PER_ADDRESS,
                limits::DEFAULT_PER_ADDRESS * 2.0,
            )),
            lists: Arc::default(),
            expiry_every: dragnet_app::jobs::EXPIRY_EVERY,
        })
    }

    /// The policy in use now.
    pub fn policy(&self) -> Arc<dragnet_review::Policy> {
        self.app.policy()
    }
}

/// Every path of the API with its description: the router and the OpenAPI document both come from here.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .routes(routes!(healthz))
        .routes(routes!(readyz))
        .routes(routes!(openapi::document_json))
        .routes(routes!(openapi::reference))
        .merge(api::routes())
        .merge(pictures::routes())
        .merge(admin::routes())
        .merge(webhooks::routes())
        .merge(register::routes())
        .merge(knowledge::routes())
        .merge(clearances::routes())
        .merge(search::routes())
}

/// The whole application, ready to serve.
pub fn router(state: AppState) -> Router {
    let (routes, _) = api_routes().split_for_parts();
    let limited = state.clone();
    routes
        .merge(web::routes())
        .merge(public::routes())
        .fallback(|| async { Problem::not_found() })
        .with_state(state)
        .layer(axum::middleware::from_fn_with_state(limited.clone(), limits::per_address))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, REQUEST_TIMEOUT))
        .layer(axum::middleware::map_response(bare_errors_as_problems))
        // Outermost but for tracing: every answer leaves with them, the framework's own too.
        .layer(axum::middleware::from_fn_with_state(limited, security_headers))
        .layer(TraceLayer::new_for_http())
}

/// What every answer tells the browser: never to guess a type, to send no referrer (paths name
/// notices), never to frame Dragnet's pages (the decision and located buttons cannot be clicked
/// through a disguise), to load and run nothing but Dragnet's own style sheet and pictures, and,
/// once a trusted proxy says the client came over HTTPS, to come that way only. An answer with its
/// own policy (a picture's sandbox, the API reference) keeps it.
async fn security_headers(
    State(state): State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    use axum::http::HeaderValue;
    use axum::http::header::{
        CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
    };
    let client = client::Client::of(request.headers(), client::peer(request.extensions()), &state.proxies);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !headers.contains_key(CONTENT_SECURITY_POLICY) {
        headers.insert(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
                 frame-ancestors 'none'; base-uri 'none'",
            ),
        );
    }
    if client.https {
        headers.insert(STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    response
}

/// Errors answered before a handler runs (a body over the limit, a method a path does not take)
/// come as plain text from the framework; they leave as problems like every other error.
async fn bare_errors_as_problems(response: Response) -> Response {
    let status = response.status();
    // Problems, the pages' own error pages and the public API's errors (in the original's shape)
    // are answers already; the framework's own are plain text.
    let answered = response.headers().get(axum::http::header::CONTENT_TYPE).is_some_and(|v| {
        ["application/problem+json", "text/html", "application/json"]
            .iter()
            .any(|t| v.as_bytes().starts_with(t.as_bytes()))
    });
    if !(status.is_client_error() || status.is_server_error()) || answered {
        return response;
    }
    let problem = match status {
        StatusCode::PAYLOAD_TOO_LARGE => {
            Problem::new(status, "too_large", "The request body is larger than the server accepts")
                .detail(format!("at most {MAX_BODY_BYTES} bytes"))
        }
        StatusCode::METHOD_NOT_ALLOWED => {
            Problem::new(status, "method_not_allowed", "This path does not take that method")
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            Problem::new(status, "unsupported_media_type", "The body must be application/json")
        }
        StatusCode::SERVICE_UNAVAILABLE => Problem::new(status, "timeout", "The request took too long"),
        _ => Problem::new(status, "bad_request", "The request cannot be served"),
    };
    let mut answer = problem.into_response();
    if let Some(allow) = response.headers().get(axum::http::header::ALLOW) {
        answer.headers_mut().insert(axum::http::header::ALLOW, allow.clone());
    }
    answer
}

/// Serves the application on `listener` until `shutdown` resolves, then lets requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let tasks = Background::start(&state);
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let served = axum::serve(listener, app).with_graceful_shutdown(shutdown).await;
    drop(tasks);
    served
}

/// What a serving process runs beside its requests: notices expiring, webhooks sent, and what is
/// in force checked once against the rules in use. Stopped when dropped.
struct Background(Vec<tokio::task::JoinHandle<()>>);

impl Background {
    fn start(state: &AppState) -> Background {
        let expiry = state.app.spawn_expiry(state.expiry_every);
        let app_for_rules = state.app.clone();
        let rules = tokio::spawn(async move {
            match app_for_rules.recheck_for_new_rules().await {
                Ok(0) => {}
                Ok(checked) => tracing::info!(checked, "what is in force was checked against the rules in use"),
                Err(err) => {
                    tracing::error!(%err, "checking what is in force against new rules failed; the next start tries again")
                }
            }
        });
        let sender = webhooks::spawn(
            state.app.clone(),
            webhooks::EVERY,
            webhooks::Webhooks::new(state.webhooks_to_private_networks),
        );
        Background(vec![expiry, rules, sender])
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        for task in &self.0 {
            task.abort();
        }
    }
}

/// What answers before the application is loaded: `/healthz` says the process is up and loading,
/// `/readyz` and everything else answer 503 with `Retry-After`; once loaded, the application.
#[derive(Clone, Default)]
struct Gate(Arc<std::sync::RwLock<Option<Router>>>);

async fn through_gate(State(gate): State<Gate>, request: axum::extract::Request) -> Response {
    let loaded = gate.0.read().unwrap_or_else(|poisoned| poisoned.into_inner()).clone();
    if let Some(router) = loaded {
        use tower::ServiceExt;
        return match router.oneshot(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        };
    }
    if request.uri().path() == "/healthz" {
        return Json(json!({"status": "ok", "loading": true})).into_response();
    }
    let mut answer =
        Problem::new(StatusCode::SERVICE_UNAVAILABLE, "loading", "Starting: the screening index is loading")
            .into_response();
    answer.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from_static("5"));
    answer
}

/// Listens on `listener` at once (so that a supervisor sees the process up while the screening
/// index of a large store loads), and serves the application once `loading` yields it; a load that
/// fails stops the server with its error.
pub async fn serve_once_loaded(
    listener: tokio::net::TcpListener,
    loading: impl Future<Output = Result<AppState, String>>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let gate = Gate::default();
    let front = Router::new().fallback(through_gate).with_state(gate.clone());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        let stopping = async move {
            tokio::select! {
                () = shutdown => {}
                _ = stopped => {}
            }
        };
        axum::serve(listener, front.into_make_service_with_connect_info::<std::net::SocketAddr>())
            .with_graceful_shutdown(stopping)
            .await
    });
    let state = match loading.await {
        Ok(state) => state,
        Err(err) => {
            let _ = stop.send(());
            let _ = server.await;
            return Err(std::io::Error::other(err));
        }
    };
    let tasks = Background::start(&state);
    *gate.0.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(router(state));
    let served = match server.await {
        Ok(served) => served,
        Err(err) => Err(std::io::Error::other(err)),
    };
    drop(stop);
    drop(tasks);
    served
}

/// Liveness: the process is up and answering.
#[utoipa::path(get, path = "/healthz", tag = "service", responses((status = 200, description = "Up", body = Object)))]
async fn healthz() -> Json<serde_json::Value> {
    Json(json!({"status": "ok"}))
}

/// Readiness: the store answers (before the screening index is loaded, 503), and
/// how far the views are behind the store's change log.
#[utoipa::path(get, path = "/readyz", tag = "service", responses(
    (status = 200, description = "Ready: the store's kind, the notices in force, and the change-log sequence the views reached against the store's", body = Object),
    (status = 503, description = "The store does not answer", body = openapi::Problem, content_type = "application/problem+json")))]
async fn readyz(State(state): State<AppState>) -> Response {
    match state.store.audit_head().await {
        Ok((head, _)) => {
            let progress = state.app.progress();
            Json(json!({
                "status": "ready",
                "store": state.store.backend(),
                "notices_in_force": state.app.views.screening.len(),
                "public_notices": state.app.views.public.len(),
                "views": {
                    "sequence": progress.applied,
                    "store_sequence": head,
                    "behind": (head - progress.applied).max(0),
                    "failed_passes": progress.failures,
                    "unreadable_notices": progress.unreadable,
                },
            }))
            .into_response()
        }
        Err(err) => {
            tracing::warn!(error = %err, "readiness check: store unreachable");
            Problem::new(StatusCode::SERVICE_UNAVAILABLE, "not_ready", "The store does not answer").into_response()
        }
    }
}
