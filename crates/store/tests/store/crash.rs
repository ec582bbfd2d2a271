//! A writer killed at any moment leaves whole batches only, and re-running completes it.

use crate::fixture::filler;
use std::process::Command;
use std::time::{Duration, Instant};
use storyline_model::Change;
use storyline_store::Store;

const DB_VAR: &str = "STORYLINE_STORE_CRASH_DB";
const BATCH: usize = 10;

fn batch(i: usize) -> Vec<Change> {
    (i * BATCH..(i + 1) * BATCH)
        .map(|n| Change::AddArticle(Box::new(filler(n))))
        .collect()
}

/// The writer process of `killed_writer_leaves_whole_batches`: applies batches forever.
#[test]
#[ignore = "run as a child process by killed_writer_leaves_whole_batches"]
fn crash_child_writer() {
    let Ok(path) = std::env::var(DB_VAR) else {
        return;
    };
    let mut store = Store::open(path).unwrap();
    for i in 0.. {
        store.apply(&batch(i)).unwrap();
    }
}

#[test]
fn killed_writer_leaves_whole_batches() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--ignored", "--exact", "crash::crash_child_writer"])
        .env(DB_VAR, &path)
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let stored = loop {
        std::thread::sleep(Duration::from_millis(50));
        let n = Store::open_read_only(&path)
            .and_then(|s| s.article_count())
            .unwrap_or(0);
        if n >= 5 * BATCH as u64 || Instant::now() > deadline {
            break n;
        }
    };
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(stored > 0, "the child wrote nothing");

    let mut store = Store::open(&path).unwrap();
    let count = store.article_count().unwrap();
    println!("killed after {count} articles");
    assert_eq!(count % BATCH as u64, 0, "a partial batch survived");
    let done = usize::try_from(count).unwrap() / BATCH;
    for i in 0..=done {
        store.apply(&batch(i)).unwrap();
    }
    assert_eq!(store.article_count().unwrap(), count + BATCH as u64);
}
