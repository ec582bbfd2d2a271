//! Versioned schema migrations, tracked in `PRAGMA user_version`.
//!
//! Each entry of [`MIGRATIONS`] moves the schema one version up; a database at
//! version `n` has had the first `n` applied. Migrations are never edited once
//! released: a schema change is a new entry.

use crate::StoreError;
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;

/// `PRAGMA application_id` of storyline databases (`STLN`).
const APPLICATION_ID: i64 = 0x5354_4c4e;

/// Ordered migrations; index `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[V1];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Version 1: articles, rejections and the derived link tables.
///
/// Tables holding link results (everything but `articles` and `rejections`) are
/// emptied together by `ResetLinks`. Cross references between link tables carry
/// no foreign keys because a batch may put an event before its story; the writer
/// checks them at the end of each batch instead.
const V1: &str = "
CREATE TABLE articles (
    id        TEXT PRIMARY KEY,
    seq       INTEGER NOT NULL UNIQUE,
    source    TEXT NOT NULL,
    source_id TEXT,
    url       TEXT,
    outlet    TEXT,
    title     TEXT,
    published TEXT,
    language  TEXT,
    format    TEXT NOT NULL,
    text      TEXT NOT NULL,
    tokens    BLOB NOT NULL,
    mentions  INTEGER NOT NULL,
    analysis  TEXT NOT NULL
) STRICT;
CREATE INDEX articles_canonical_order ON articles (published IS NULL, published, id);

CREATE TABLE rejections (
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (source, reason)
) STRICT, WITHOUT ROWID;

-- Entity ids set by linking, as JSON: mentions (id or null per mention) and
-- speakers (id or null per quote).
CREATE TABLE article_entities (
    article TEXT PRIMARY KEY REFERENCES articles (id),
    ids     TEXT NOT NULL
) STRICT;

CREATE TABLE duplicates (
    article    TEXT PRIMARY KEY REFERENCES articles (id),
    of         TEXT NOT NULL REFERENCES articles (id),
    similarity REAL NOT NULL,
    kind       TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX duplicates_of ON duplicates (of);

CREATE TABLE entities (
    id        TEXT PRIMARY KEY,
    canonical TEXT NOT NULL,
    kind      TEXT NOT NULL,
    json      TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE entity_names (
    name   TEXT NOT NULL,
    entity TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    PRIMARY KEY (name, entity)
) STRICT, WITHOUT ROWID;
CREATE INDEX entity_names_entity ON entity_names (entity);

CREATE TABLE entity_articles (
    entity  TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    article TEXT NOT NULL REFERENCES articles (id),
    PRIMARY KEY (entity, article)
) STRICT, WITHOUT ROWID;
CREATE INDEX entity_articles_article ON entity_articles (article);

CREATE TABLE stories (
    id    TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    pos   INTEGER NOT NULL UNIQUE
) STRICT;

CREATE TABLE events (
    id              TEXT PRIMARY KEY,
    story           TEXT NOT NULL,
    date            TEXT,
    first_published TEXT,
    title           TEXT NOT NULL,
    summary         TEXT NOT NULL,
    json            TEXT NOT NULL
) STRICT;
CREATE INDEX events_story ON events (story);

CREATE TABLE event_articles (
    event   TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    article TEXT NOT NULL REFERENCES articles (id),
    pos     INTEGER NOT NULL,
    PRIMARY KEY (event, article)
) STRICT, WITHOUT ROWID;
CREATE INDEX event_articles_article ON event_articles (article);

CREATE TABLE story_events (
    story TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    event TEXT NOT NULL,
    pos   INTEGER NOT NULL,
    PRIMARY KEY (story, event)
) STRICT, WITHOUT ROWID;
CREATE INDEX story_events_event ON story_events (event);
";

/// Checks that `conn` holds a storyline database (or an empty file) this binary
/// can read, and returns its schema version.
pub(crate) fn check(conn: &Connection, path: &Path) -> Result<i64, StoreError> {
    let not_a_db = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase {
            path: path.to_path_buf(),
        },
        _ => StoreError::from(e),
    };
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(not_a_db)?;
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT COUNT(*) FROM sqlite_schema", [], |r| r.get(0))?;
    let foreign =
        version < 0 || (app_id != 0 && app_id != APPLICATION_ID) || (version == 0 && tables > 0);
    if foreign {
        return Err(StoreError::NotStoryline {
            path: path.to_path_buf(),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(version)
}

/// Checks `conn` like [`check`] and brings its schema up to [`SCHEMA_VERSION`].
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    check(conn, path)?;
    // Each step re-reads the version under the write lock, so two processes
    // opening a fresh file at once do not both run the same migration.
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let Some(sql) = usize::try_from(current)
            .ok()
            .and_then(|v| MIGRATIONS.get(v))
        else {
            return Ok(());
        };
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", current + 1)?;
        tx.commit()?;
    }
}
