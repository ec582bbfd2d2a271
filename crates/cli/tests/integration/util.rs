//! Helpers: run the binary, locate fixtures.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap_or_else(|_| PathBuf::from("../.."))
}

/// `../shared` beside the workspace, when present.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    p.is_dir().then_some(p)
}

/// Runs `storyline ARGS` from the workspace root.
pub fn storyline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_storyline"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the storyline binary runs")
}

/// Runs `storyline ARGS`, asserts success, returns stdout.
pub fn ok(args: &[&str]) -> String {
    let out = storyline(args);
    assert!(
        out.status.success(),
        "storyline {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A fresh temporary folder.
pub fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// Path as a `&str` for arguments.
pub fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Parses `run --json` output.
pub fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).expect("valid JSON")
}
