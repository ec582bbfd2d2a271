//! Opening files: creation, migrations, reopening, and the errors for files we cannot use.

use crate::fixture::Fixture;
use rusqlite::Connection;
use storyline_store::{Store, StoreError, SCHEMA_VERSION};

#[test]
fn creates_file_and_parent_dirs_at_current_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/deeper/story.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.article_count().unwrap(), 0);
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    assert_eq!(mode, "wal");
}

#[test]
fn reopening_keeps_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.db");
    let fx = Fixture::new();
    Store::open(&path).unwrap().apply(&fx.changes()).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.article_count().unwrap(), 4);
    assert_eq!(store.stories().unwrap().len(), 2);
}

#[test]
fn non_sqlite_file_gets_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "these are my notes, not a database\n".repeat(40)).unwrap();
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains("notes.db") && msg.contains("not a storyline database"),
        "{msg}"
    );
}

#[test]
fn other_programs_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE recipes (name TEXT)")
        .unwrap();
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::NotStoryline { .. }), "{err:?}");
}

#[test]
fn newer_schema_asks_for_an_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.db");
    drop(Store::open(&path).unwrap());
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let err = Store::open(&path).err().unwrap();
    assert!(
        matches!(err, StoreError::TooNew { found, .. } if found == SCHEMA_VERSION + 1),
        "{err:?}"
    );
    assert!(err.to_string().contains("upgrade storyline"), "{err}");
}

#[test]
fn read_only_store_reads_what_the_writer_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.db");
    let err = Store::open_read_only(&path).err().unwrap();
    assert!(matches!(err, StoreError::Missing { .. }), "{err:?}");
    assert!(!path.exists(), "a read-only open must not create the file");

    let fx = Fixture::new();
    let mut writer = Store::open(&path).unwrap();
    let reader = Store::open_read_only(&path).unwrap();
    writer.apply(&fx.changes()).unwrap();
    assert_eq!(reader.article_count().unwrap(), 4);
    let mut reader = reader;
    assert!(reader
        .apply(&[storyline_model::Change::ResetLinks])
        .is_err());
    assert_eq!(writer.stories().unwrap().len(), 2);
}

#[test]
fn read_only_open_of_an_unmigrated_file_says_how_to_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let err = Store::open_read_only(&path).err().unwrap();
    assert!(
        matches!(err, StoreError::Outdated { found: 0, .. }),
        "{err:?}"
    );
}

#[test]
fn directory_in_place_of_the_file_gets_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open(dir.path()).err().unwrap();
    assert!(matches!(err, StoreError::CannotOpen { .. }), "{err:?}");
}
