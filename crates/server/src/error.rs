//! Server errors: start-up failures ([`ServerError`]) and request failures ([`Failure`]).

use axum::http::StatusCode;
use std::net::SocketAddr;
use std::path::PathBuf;
use storyline_engine::EngineError;
use storyline_store::StoreError;

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// A non-loopback address was asked for without `allow_remote`.
    #[error("refusing to listen on {addr}: it is reachable from other machines; pass --allow-remote to do so on purpose, or bind 127.0.0.1")]
    RemoteNotAllowed {
        /// The address asked for.
        addr: SocketAddr,
    },
    /// The database could not be opened.
    #[error("cannot open the database {path}: {source}")]
    Open {
        /// The database file.
        path: PathBuf,
        /// The underlying error.
        source: EngineError,
    },
    /// A read connection to the database could not be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The address could not be bound or serving failed.
    #[error("cannot serve on {addr}: {source}; choose another address with --addr")]
    Io {
        /// The address.
        addr: SocketAddr,
        /// The underlying error.
        source: std::io::Error,
    },
    /// No random token could be generated.
    #[error("cannot generate a random API token ({0}); set STORYLINE_TOKEN instead")]
    Random(String),
}

/// A request that failed: an HTTP status and a message for the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    /// HTTP status.
    pub(crate) status: StatusCode,
    /// What went wrong, in words the client can act on.
    pub(crate) message: String,
}

impl Failure {
    /// A failure with this status and message.
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
        }
    }

    /// 404 for an id that names nothing of `kind`.
    pub(crate) fn not_found(kind: &str, id: &str) -> Failure {
        Failure::new(StatusCode::NOT_FOUND, format!("no {kind} with id {id:?}"))
    }

    /// 500 for a server-side error; the details go to stderr, not to the client.
    pub(crate) fn internal(err: impl std::fmt::Display) -> Failure {
        eprintln!("storyline serve: {err}");
        Failure::new(StatusCode::INTERNAL_SERVER_ERROR, "internal server error")
    }
}

impl From<StoreError> for Failure {
    fn from(err: StoreError) -> Failure {
        match err {
            StoreError::AmbiguousId { .. } => {
                Failure::new(StatusCode::BAD_REQUEST, err.to_string())
            }
            other => Failure::internal(other),
        }
    }
}

impl From<EngineError> for Failure {
    fn from(err: EngineError) -> Failure {
        Failure::internal(err)
    }
}
