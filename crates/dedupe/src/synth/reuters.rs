//! Loader of Reuters-21578 in the shared gzip JSONL layout (`id`, `title`, `body`, `topics`).

use super::SourceDoc;
use crate::DedupeError;
use flate2::read::GzDecoder;
use serde::Deserialize;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// One line of `docs.jsonl.gz`; other fields are ignored.
#[derive(Deserialize)]
struct Line {
    id: serde_json::Value,
    title: Option<String>,
    body: Option<String>,
    #[serde(default)]
    topics: Vec<String>,
}

/// Reads the articles with a non-blank body, in file order. A malformed line is an error naming it.
pub fn read_reuters(path: &Path) -> Result<Vec<SourceDoc>, DedupeError> {
    let reader = BufReader::new(GzDecoder::new(File::open(path)?));
    let mut docs = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let bad = |reason: String| DedupeError::Corpus {
            path: path.display().to_string(),
            line: n + 1,
            reason,
        };
        let parsed: Line = serde_json::from_str(&line).map_err(|e| bad(e.to_string()))?;
        let id = match parsed.id {
            serde_json::Value::String(s) => s,
            serde_json::Value::Number(n) => n.to_string(),
            other => return Err(bad(format!("invalid id {other}"))),
        };
        let Some(body) = parsed.body.filter(|b| !b.trim().is_empty()) else {
            continue;
        };
        docs.push(SourceDoc {
            id,
            title: parsed.title.unwrap_or_default(),
            body,
            topics: parsed.topics,
        });
    }
    Ok(docs)
}
