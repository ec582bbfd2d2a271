//! Re-running, reordering inputs, and killing a run midway all give the same database.

use crate::util::{ok, root, s, storyline, tmp};
use std::process::{Command, Stdio};
use std::time::Duration;

#[test]
fn running_twice_changes_nothing_and_prints_the_same() {
    let dir = tmp();
    let db = dir.path().join("x.db");
    let first = ok(&["run", "examples", "--db", s(&db)]);
    let json1 = ok(&["run", "examples", "--db", s(&db), "--json"]);
    let again = storyline(&["run", "examples", "--db", s(&db)]);
    assert_eq!(String::from_utf8_lossy(&again.stdout), first);
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("0 new, 42 already stored"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(ok(&["run", "examples", "--db", s(&db), "--json"]), json1);
}

#[test]
fn input_order_does_not_change_the_result() {
    let dir = tmp();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let one = ok(&[
        "run",
        "examples/txt",
        "examples/jsonl",
        "examples/html",
        "examples/feeds",
        "examples/warc",
        "--db",
        s(&a),
        "--json",
    ]);
    let two = ok(&[
        "run",
        "examples/warc",
        "examples/feeds",
        "examples/html",
        "examples/jsonl",
        "examples/txt",
        "--db",
        s(&b),
        "--json",
    ]);
    assert_eq!(one, two);
}

#[test]
fn killing_a_run_and_running_again_gives_the_clean_result() {
    let dir = tmp();
    // A corpus big enough to be caught midway: the examples copied many times with a varying line.
    let corpus = dir.path().join("corpus");
    for i in 0..20 {
        let d = corpus.join(format!("copy{i:02}"));
        std::fs::create_dir_all(&d).expect("mkdir");
        for entry in std::fs::read_dir(root().join("examples/txt"))
            .expect("examples/txt")
            .flatten()
        {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            std::fs::write(
                d.join(entry.file_name()),
                format!("{text}\nEditor's note {i}: corrected.\n"),
            )
            .expect("write");
        }
    }
    let clean = dir.path().join("clean.db");
    let expected = ok(&["run", s(&corpus), "--db", s(&clean), "--json"]);
    let killed = dir.path().join("killed.db");
    for delay_ms in [150u64, 400] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_storyline"))
            .args(["ingest", s(&corpus), "--db", s(&killed)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
    }
    assert_eq!(
        ok(&["run", s(&corpus), "--db", s(&killed), "--json"]),
        expected
    );
}
