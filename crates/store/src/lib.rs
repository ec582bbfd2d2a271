//! The storyline store: an SQLite database (WAL, versioned migrations) written by a
//! single writer ([`Store::apply`], one transaction per batch of
//! [`storyline_model::Change`]s) and read through views ([`views`]) that the CLI,
//! the HTTP API and the web UI share.
#![warn(missing_docs)]

mod articles;
mod codec;
mod entities;
mod error;
mod prefix;
mod run;
mod schema;
mod stories;
mod tokens;
pub mod views;
mod write;

pub use entities::CO_ENTITY_LIMIT;
pub use error::StoreError;
pub use prefix::Kind;
pub use schema::SCHEMA_VERSION;
pub use write::ApplyStats;

use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// How long a write waits for another process's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open storyline database.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens the database at `path`, creating the file and its parent directory when
    /// missing and migrating the schema to [`SCHEMA_VERSION`].
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::CannotOpen) => StoreError::CannotOpen {
                path: path.to_path_buf(),
            },
            _ => StoreError::from(e),
        })?;
        Self::setup(conn, path)
    }

    /// Opens an existing database for reading only, e.g. one more connection for a
    /// server that also writes through another. Never creates or migrates.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref();
        if !path.is_file() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let found = schema::check(&conn, path)?;
        if found < SCHEMA_VERSION {
            return Err(StoreError::Outdated {
                path: path.to_path_buf(),
                found,
            });
        }
        Ok(Store { conn })
    }

    /// Opens a fresh database in memory (for tests and one-shot runs).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Self::setup(Connection::open_in_memory()?, Path::new(":memory:"))
    }

    fn setup(mut conn: Connection, path: &Path) -> Result<Store, StoreError> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        schema::migrate(&mut conn, path)?;
        // Only after migrate: it gives the clear error for files that are not databases.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(Store { conn })
    }
}
