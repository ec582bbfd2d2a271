//! `storyline dedupe FILE.jsonl`: near-duplicate groups of a JSONL collection.
//!
//! Input lines `{"id", "text", "title"?, "published"?, "outlet"?}`; output one line per accepted
//! input line, in input order: `{"id", "duplicate_of": id|null, "similarity": f64}` where
//! `duplicate_of` is the earliest member (by `published`, then input order; undated articles after
//! dated ones) of the article's group and `similarity` its similarity to the closest earlier member
//! (0 when `duplicate_of` is null). Only the body decides: a changed headline changes nothing.

use crate::{fingerprint, DedupeConfig, DedupeError, Fingerprint, Index};
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use rayon::prelude::*;
use serde::Serialize;
use std::fmt;
use std::io::{BufRead, Write};

/// Lines fingerprinted per parallel batch (bounds the memory held by raw texts).
const BATCH: usize = 4096;

/// A rejected input line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineRejection {
    /// 1-based line number.
    pub line: usize,
    /// Why it was rejected.
    pub reason: String,
}

impl fmt::Display for LineRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: rejected: {}", self.line, self.reason)
    }
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DedupeSummary {
    /// Accepted articles (output lines).
    pub articles: usize,
    /// Articles found to copy an earlier one.
    pub duplicates: usize,
    /// Rejected lines, also reported on stderr as they are met.
    pub rejected: Vec<LineRejection>,
}

/// One accepted line after fingerprinting.
struct Entry {
    id: String,
    published: Option<i64>,
    fp: Fingerprint,
}

/// One output line.
#[derive(Serialize)]
struct OutLine<'a> {
    id: &'a str,
    duplicate_of: Option<&'a str>,
    similarity: f64,
}

/// Reads JSONL articles from `input`, writes one duplicate line per accepted article to `out`
/// (see the module doc). Bad lines are reported on stderr (`line N: rejected: reason`) and in the
/// summary, never fatal; only I/O failures are errors.
pub fn dedupe_jsonl(
    input: impl BufRead,
    mut out: impl Write,
    cfg: &DedupeConfig,
) -> Result<DedupeSummary, DedupeError> {
    let mut summary = DedupeSummary::default();
    let mut entries = Vec::new();
    let mut batch: Vec<(String, Option<i64>, String)> = Vec::with_capacity(BATCH);
    for (n, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        match parse_line(n + 1, &line) {
            Ok(parsed) => batch.push(parsed),
            Err(reason) => {
                let rejection = LineRejection {
                    line: n + 1,
                    reason,
                };
                eprintln!("{rejection}");
                summary.rejected.push(rejection);
            }
        }
        if batch.len() == BATCH {
            fingerprint_batch(cfg, &mut batch, &mut entries);
        }
    }
    fingerprint_batch(cfg, &mut batch, &mut entries);

    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|&i| (entries[i].published.is_none(), entries[i].published, i));
    let mut index = Index::new(cfg.clone());
    // Per entry: insertion position and match.
    let mut placed = vec![(0, None); entries.len()];
    for (position, &i) in order.iter().enumerate() {
        let e = &entries[i];
        placed[i] = (position, index.insert(&e.id, &e.fp));
    }
    for (e, (position, m)) in entries.iter().zip(&placed) {
        // Final groups: a later article may have merged this one's group into an earlier one.
        let of = index
            .root_of(*position)
            .filter(|&r| r as usize != *position)
            .and_then(|r| index.canonical_of(r as usize));
        let line = OutLine {
            id: &e.id,
            duplicate_of: of,
            similarity: if of.is_some() {
                m.as_ref().map_or(0.0, |d| d.similarity)
            } else {
                0.0
            },
        };
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    summary.articles = entries.len();
    summary.duplicates = (0..entries.len())
        .filter(|&p| index.root_of(p).is_some_and(|r| r as usize != p))
        .count();
    Ok(summary)
}

/// Fingerprints the pending batch in parallel and moves it into `entries`.
fn fingerprint_batch(
    cfg: &DedupeConfig,
    batch: &mut Vec<(String, Option<i64>, String)>,
    entries: &mut Vec<Entry>,
) {
    let done: Vec<Entry> = batch
        .par_drain(..)
        .map(|(id, published, text)| Entry {
            fp: fingerprint(cfg, &text),
            id,
            published,
        })
        .collect();
    entries.extend(done);
}

/// Parses input line `line_no` into (id, published as seconds since the epoch, text). An unreadable
/// date is noted on stderr and the article ordered as undated.
fn parse_line(line_no: usize, line: &str) -> Result<(String, Option<i64>, String), String> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let obj = value.as_object().ok_or("not a JSON object")?;
    let id = match obj.get("id") {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => return Err("missing or invalid \"id\" (string or number)".into()),
    };
    let text = match obj.get("text") {
        Some(serde_json::Value::String(s)) => s.clone(),
        _ => {
            return Err(format!(
                "article {id}: missing or invalid \"text\" (string)"
            ))
        }
    };
    let published = match obj.get("published") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => match parse_published(s) {
            Some(t) => Some(t),
            None => {
                eprintln!("line {line_no}: article {id}: unreadable \"published\" {s:?}, ordered as undated");
                None
            }
        },
        Some(_) => return Err(format!("article {id}: \"published\" is not a string")),
    };
    Ok((id, published, text))
}

/// Seconds since the epoch of an RFC 3339 / ISO 8601 date or date-time (naive times read as UTC).
fn parse_published(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.timestamp());
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some(t.timestamp());
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, format) {
            return Some(t.and_utc().timestamp());
        }
    }
    let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc().timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_formats_are_ordered() {
        let a = parse_published("2024-03-01").unwrap_or_default();
        let b = parse_published("2024-03-01T09:30:00Z").unwrap_or_default();
        let c = parse_published("2024-03-01 10:00:00").unwrap_or_default();
        let d = parse_published("Fri, 01 Mar 2024 12:00:00 +0000").unwrap_or_default();
        assert!(a < b && b < c && c < d, "{a} {b} {c} {d}");
        assert_eq!(parse_published("last week"), None);
    }

    #[test]
    fn bad_lines_are_explained() {
        assert!(parse_line(1, "{").is_err());
        assert!(parse_line(1, "[1]").is_err());
        assert!(parse_line(1, r#"{"text":"x"}"#).unwrap_err().contains("id"));
        assert!(parse_line(1, r#"{"id":"a"}"#).unwrap_err().contains("text"));
        assert_eq!(
            parse_line(1, r#"{"id":"a","text":"x","published":"soon"}"#),
            Ok(("a".into(), None, "x".into()))
        );
        assert!(parse_line(1, r#"{"id":"a","text":"x","published":3}"#).is_err());
        assert_eq!(
            parse_line(1, r#"{"id":7,"text":"x","title":null}"#),
            Ok(("7".into(), None, "x".into()))
        );
    }
}
