//! Finding input files: paths given and folders walked recursively, in sorted order.

use crate::Input;
use std::collections::BTreeSet;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use storyline_model::Rejection;

/// Walks files and folders (sorted, symlink-loop safe, hidden entries skipped inside folders).
pub(crate) fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<Rejection>) {
    let mut walk = Walk::default();
    for path in paths {
        walk.visit(path);
    }
    (walk.inputs, walk.rejections)
}

#[derive(Default)]
struct Walk {
    inputs: Vec<Input>,
    rejections: Vec<Rejection>,
    /// Canonical folders on the current descent, to detect loops.
    stack: Vec<PathBuf>,
    /// Canonical folders already walked (reached again through a link, they are not walked twice).
    done: BTreeSet<PathBuf>,
}

impl Walk {
    fn reject(&mut self, path: &Path, reason: String) {
        self.rejections.push(Rejection {
            source: path.to_string_lossy().into_owned(),
            reason,
        });
    }

    fn visit(&mut self, path: &Path) {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == ErrorKind::NotFound => {
                let dangling = fs::symlink_metadata(path).is_ok();
                let reason = if dangling {
                    "broken symbolic link: its target does not exist"
                } else {
                    "no such file or folder; check the path"
                };
                return self.reject(path, reason.into());
            }
            Err(e) => return self.reject(path, format!("cannot access ({e}); check permissions")),
        };
        if meta.is_file() {
            self.inputs.push(Input {
                path: path.to_path_buf(),
            });
        } else if meta.is_dir() {
            self.folder(path);
        } else {
            self.reject(
                path,
                "not a regular file or folder (device, pipe or socket); skipped".into(),
            );
        }
    }

    fn folder(&mut self, path: &Path) {
        let canonical = match fs::canonicalize(path) {
            Ok(c) => c,
            Err(e) => return self.reject(path, format!("cannot resolve folder ({e})")),
        };
        if self.stack.contains(&canonical) {
            return self.reject(
                path,
                format!(
                    "folder loop: links back to {}; skipped",
                    canonical.display()
                ),
            );
        }
        if !self.done.insert(canonical.clone()) {
            return;
        }
        let entries = match fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => {
                return self.reject(path, format!("cannot read folder ({e}); check permissions"))
            }
        };
        let mut names = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => names.push(entry.file_name()),
                Err(e) => self.reject(path, format!("cannot list an entry of the folder ({e})")),
            }
        }
        names.sort();
        self.stack.push(canonical);
        for name in names
            .iter()
            .filter(|n| !n.to_string_lossy().starts_with('.'))
        {
            self.visit(&path.join(name));
        }
        self.stack.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(inputs: &[Input]) -> Vec<String> {
        inputs
            .iter()
            .map(|i| i.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn walks_sorted_skips_hidden_and_reports_missing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join("b")).unwrap();
        fs::write(root.join("b/2.txt"), "x").unwrap();
        fs::write(root.join("a.txt"), "x").unwrap();
        fs::write(root.join("c.txt"), "x").unwrap();
        fs::write(root.join(".hidden"), "x").unwrap();
        let (inputs, rejections) = discover(&[root.to_path_buf(), root.join("missing.txt")]);
        assert_eq!(sources(&inputs), vec!["a.txt", "2.txt", "c.txt"]);
        assert_eq!(rejections.len(), 1);
        assert!(rejections[0].source.ends_with("missing.txt"));
        assert!(rejections[0].reason.contains("no such file"));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_and_broken_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join("sub")).unwrap();
        fs::write(root.join("sub/a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(root, root.join("sub/back")).unwrap();
        std::os::unix::fs::symlink(root.join("nowhere"), root.join("dangling")).unwrap();
        let (inputs, rejections) = discover(&[root.to_path_buf()]);
        assert_eq!(sources(&inputs), vec!["a.txt"]);
        let reasons: Vec<&str> = rejections.iter().map(|r| r.reason.as_str()).collect();
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        assert!(reasons.iter().any(|r| r.contains("broken symbolic link")));
        assert!(reasons.iter().any(|r| r.contains("folder loop")));
    }
}
