//! Bad inputs are reported and recorded; the run goes on; nothing stored is lost.

use crate::util::{json, ok, s, storyline, tmp};
use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn bad_inputs_are_rejected_with_reasons_and_strict_fails() {
    let dir = tmp();
    let inputs = dir.path().join("in");
    std::fs::create_dir_all(&inputs).expect("mkdir");
    std::fs::write(inputs.join("good.txt"), "Harbour workers in Pellam voted on Monday to accept a new contract after a week of talks with the port authority, union leaders said.").expect("write");
    std::fs::write(inputs.join("big.txt"), "word ".repeat(5000)).expect("write");
    std::fs::write(inputs.join("blob.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3]).expect("write");
    std::fs::write(
        inputs.join("broken.jsonl"),
        "{\"id\": \"x\", \"text\": \"unterminated\n",
    )
    .expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&inputs, inputs.join("loop")).expect("symlink");
    let db = dir.path().join("b.db");
    let out = storyline(&[
        "run",
        s(&inputs),
        "--db",
        s(&db),
        "--json",
        "--max-bytes",
        "10000",
        "--strict",
    ]);
    assert_eq!(out.status.code(), Some(1), "--strict exits 1 on rejections");
    let err = String::from_utf8_lossy(&out.stderr);
    for name in ["big.txt", "blob.txt", "broken.jsonl"] {
        assert!(err.contains(name), "stderr names {name}: {err}");
    }
    let doc = json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(doc["articles"].as_array().map(|a| a.len()), Some(1));
    assert!(doc["rejected"].as_array().map(|r| r.len()).unwrap_or(0) >= 3);
    // Without --strict the same run succeeds, and the stored article is still there.
    let again = json(&ok(&[
        "run",
        s(&inputs),
        "--db",
        s(&db),
        "--json",
        "--max-bytes",
        "10000",
    ]));
    assert_eq!(again["articles"].as_array().map(|a| a.len()), Some(1));
}

#[test]
fn stdin_is_read_with_a_dash() {
    let dir = tmp();
    let db = dir.path().join("i.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_storyline"))
        .args(["run", "-", "--db", s(&db), "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b" date 2024-06-03 The Pellam harbour council approved a new ferry timetable on Monday, its chair Ines Marlow said.\n")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(doc["articles"][0]["source"], "<stdin>");
    assert_eq!(doc["articles"][0]["published"]["value"], "2024-06-03");
}

#[test]
fn a_missing_database_for_views_says_what_to_do() {
    let dir = tmp();
    let out = storyline(&["stories", "--db", s(&dir.path().join("none.db"))]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("storyline run"));
}
