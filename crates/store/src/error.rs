//! Store errors, worded so that a user knows what to do next.

use rusqlite::ErrorCode;
use std::path::PathBuf;

/// Everything that can go wrong opening, writing or reading the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The parent directory of the database file could not be created.
    #[error("cannot create directory {path} for the database: {source}; check the path and permissions or use --db to choose another file")]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The database file cannot be opened or created.
    #[error("cannot open {path} as a database file; check that it is a file you may write, or use --db to choose another file")]
    CannotOpen {
        /// The file.
        path: PathBuf,
    },
    /// A database opened for reading does not exist.
    #[error(
        "{path} does not exist; build it with `storyline run` or use --db to choose another file"
    )]
    Missing {
        /// The file.
        path: PathBuf,
    },
    /// A database opened for reading has an older schema.
    #[error("{path} has the older schema version {found}; run any storyline command that writes to it (e.g. `storyline run`) to upgrade it")]
    Outdated {
        /// The file.
        path: PathBuf,
        /// Schema version found in the file.
        found: i64,
    },
    /// The file exists but is not an SQLite database.
    #[error("{path} is not a storyline database (not an SQLite file); use --db to choose another file or move this one away")]
    NotADatabase {
        /// The file.
        path: PathBuf,
    },
    /// The file is an SQLite database written by some other program.
    #[error("{path} is an SQLite database of another program, not a storyline database; use --db to choose another file")]
    NotStoryline {
        /// The file.
        path: PathBuf,
    },
    /// The database was written by a newer storyline.
    #[error("{path} has schema version {found} but this storyline understands up to version {supported}; upgrade storyline to read it")]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Schema version found in the file.
        found: i64,
        /// Newest schema version this binary knows.
        supported: i64,
    },
    /// Another process holds the write lock for longer than the busy timeout.
    #[error("database is locked by another storyline process; wait for it or use --db to choose another file")]
    Locked,
    /// A change refers to a row that is neither stored nor added by the same batch.
    #[error("{referrer} refers to {missing}, which is not stored; the batch was not applied")]
    MissingReference {
        /// The change holding the reference (`event 0123…`).
        referrer: String,
        /// What it points to (`article 4567…`).
        missing: String,
    },
    /// A change contradicts what is stored.
    #[error("{change} cannot be applied: {reason}; the batch was not applied")]
    InvalidChange {
        /// The change (`mention assignment of article 0123…`).
        change: String,
        /// Why.
        reason: String,
    },
    /// An id prefix matches more than one stored object.
    #[error("id prefix {prefix:?} is ambiguous; it matches:\n{}\ntype more characters of the id", .matches.join("\n"))]
    AmbiguousId {
        /// The prefix given.
        prefix: String,
        /// The matches, one `kind id` line each (at most a handful, then `...`).
        matches: Vec<String>,
    },
    /// Stored data could not be decoded.
    #[error("stored {what} could not be decoded ({reason}); the database may be damaged: rebuild it with `storyline run`")]
    Corrupt {
        /// What was being read.
        what: String,
        /// Why it failed.
        reason: String,
    },
    /// A value could not be encoded for storage.
    #[error("cannot encode {what} for storage: {reason}")]
    Encode {
        /// What was being written.
        what: String,
        /// Why it failed.
        reason: String,
    },
    /// Any other SQLite failure.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked,
            _ => StoreError::Sqlite(e),
        }
    }
}

impl StoreError {
    /// A [`StoreError::Corrupt`] for `what`.
    pub(crate) fn corrupt(what: impl Into<String>, reason: impl ToString) -> Self {
        StoreError::Corrupt {
            what: what.into(),
            reason: reason.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_sqlite_errors_become_the_locked_message() {
        let busy = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(5), None);
        let err = StoreError::from(busy);
        assert!(matches!(err, StoreError::Locked));
        assert!(err.to_string().contains("--db"), "{err}");
        let other = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(19), None);
        assert!(matches!(StoreError::from(other), StoreError::Sqlite(_)));
    }
}
