//! `storyline serve`: the JSON API and the server-rendered web UI over a storyline database.
//!
//! Reads go through a pool of read-only store connections; writes (`POST /api/articles`)
//! go through the single [`storyline_engine::Engine`] behind a mutex and need the bearer
//! token. Pages use no scripts, and every stored text is HTML-escaped.
#![warn(missing_docs)]

mod api;
mod assets;
mod data;
mod error;
mod html;
mod openapi;
mod security;
mod state;

pub use error::ServerError;
pub use security::CSP;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use state::{AppState, Shared};
use std::future::Future;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use storyline_engine::Engine;

/// Largest accepted request body (2 MiB).
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The environment variable holding the API token when none is given.
pub const TOKEN_ENV: &str = "STORYLINE_TOKEN";

/// Settings of `storyline serve`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeOptions {
    /// The database file (created when missing).
    pub db: PathBuf,
    /// Address to listen on (default `127.0.0.1:8080`).
    pub addr: SocketAddr,
    /// Allow listening on a non-loopback address.
    pub allow_remote: bool,
    /// Bearer token for write endpoints; when `None`, [`TOKEN_ENV`] or a random one.
    pub token: Option<String>,
}

impl ServeOptions {
    /// Defaults for serving `db`: loopback port 8080, no remote access, token from the
    /// environment or random.
    pub fn new(db: impl Into<PathBuf>) -> ServeOptions {
        ServeOptions {
            db: db.into(),
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 8080)),
            allow_remote: false,
            token: None,
        }
    }
}

/// A bound, ready-to-run server.
pub struct Server {
    listener: tokio::net::TcpListener,
    state: Shared,
    addr: SocketAddr,
    /// Answer only requests whose `Host` is a loopback name.
    loopback_only: bool,
}

impl Server {
    /// Checks the address, opens the database (creating it when missing) and binds.
    /// Prints a warning for a non-loopback address, and a generated token, to stderr.
    /// Must be called inside a Tokio runtime.
    pub async fn bind(opts: ServeOptions) -> Result<Server, ServerError> {
        if !opts.addr.ip().is_loopback() {
            if !opts.allow_remote {
                return Err(ServerError::RemoteNotAllowed { addr: opts.addr });
            }
            eprintln!(
                "warning: listening on {}: the API and pages are reachable from other machines, over plain HTTP",
                opts.addr
            );
        }
        let token = match resolve_token(opts.token) {
            Some(t) => t,
            None => {
                let t = security::random_token()?;
                eprintln!("API token for write requests (Authorization: Bearer ...): {t}");
                t
            }
        };
        // Opening blocks briefly (schema check, pipeline load) before anything is served.
        let engine = Engine::open(&opts.db).map_err(|source| ServerError::Open {
            path: opts.db.clone(),
            source,
        })?;
        let state = Arc::new(AppState::new(opts.db, engine, token));
        let loopback_only = !opts.allow_remote;
        state.check_readable()?;
        let io = |source| ServerError::Io {
            addr: opts.addr,
            source,
        };
        let listener = tokio::net::TcpListener::bind(opts.addr).await.map_err(io)?;
        let addr = listener.local_addr().map_err(io)?;
        Ok(Server {
            listener,
            state,
            addr,
            loopback_only,
        })
    }

    /// The address actually bound (useful with port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves requests until `shutdown` completes.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServerError> {
        let addr = self.addr;
        axum::serve(self.listener, router(self.state, self.loopback_only))
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(|source| ServerError::Io { addr, source })
    }
}

/// The token given, else a non-empty [`TOKEN_ENV`].
fn resolve_token(given: Option<String>) -> Option<String> {
    given
        .or_else(|| std::env::var(TOKEN_ENV).ok())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// Every route: the JSON API, the pages and the assets, with the security headers;
/// with `loopback_only`, requests for other host names are refused.
fn router(state: Shared, loopback_only: bool) -> Router {
    let write = Router::new()
        .route("/api/articles", post(api::post_article))
        .route_layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            security::require_token,
        ));
    let app = Router::new()
        .route("/api/health", get(api::health))
        .route("/api/stories", get(api::stories))
        .route("/api/stories/{id}", get(api::story))
        .route("/api/events/{id}", get(api::event))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/entities/{id_or_name}", get(api::entities))
        .route("/api/openapi.json", get(api::openapi))
        .merge(write)
        .route("/", get(html::index))
        .route("/stories/{id}", get(html::story))
        .route("/events/{id}", get(html::event))
        .route("/articles/{id}", get(html::article))
        .route("/entities/{id_or_name}", get(html::entity))
        .route("/assets/{name}", get(assets::asset))
        .fallback(html::not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT));
    let app = if loopback_only {
        app.layer(axum::middleware::from_fn(security::loopback_host))
    } else {
        app
    };
    app.layer(axum::middleware::from_fn(security::headers))
        .with_state(state)
}

/// Serves `opts.db` on `opts.addr` until Ctrl-C: the blocking entry point of
/// `storyline serve`.
pub fn serve(opts: ServeOptions) -> Result<(), ServerError> {
    let addr = opts.addr;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| ServerError::Io { addr, source })?;
    runtime.block_on(async {
        let server = Server::bind(opts).await?;
        eprintln!(
            "serving on http://{}/ (Ctrl-C to stop)",
            server.local_addr()
        );
        server
            .run(async {
                // Without a signal handler the server simply runs until killed.
                if tokio::signal::ctrl_c().await.is_err() {
                    std::future::pending::<()>().await;
                }
            })
            .await
    })
}
