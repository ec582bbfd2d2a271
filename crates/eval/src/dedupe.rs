//! Pairwise precision/recall/F1 of near-duplicate groups, counted exactly as
//! `shared/eval/dedupe_score.py`: gold groups are the transitive closure of the gold pairs
//! (`id<TAB>id` lines), system groups the closure of `duplicate_of` links over every system id;
//! both are compared as sets of unordered within-group pairs.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::BufRead;

/// Errors reading the gold or system file.
#[derive(Debug, thiserror::Error)]
pub enum DedupeScoreError {
    /// Reading failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// A system line is not a JSON object with an `id`.
    #[error("system line {line}: {reason}")]
    System {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// Pairwise scores, as the reference scorer prints them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairScores {
    /// Within-group pairs of the gold grouping.
    pub gold_pairs: usize,
    /// Within-group pairs of the system grouping.
    pub system_pairs: usize,
    /// Pairs in both.
    pub true_pairs: usize,
    /// `true_pairs / system_pairs` (0 when the system has no pairs).
    pub precision: f64,
    /// `true_pairs / gold_pairs` (0 when the gold has no pairs).
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl fmt::Display for PairScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "pairs: gold {} system {} true {}  P {:.4} R {:.4} F1 {:.4}",
            self.gold_pairs,
            self.system_pairs,
            self.true_pairs,
            self.precision,
            self.recall,
            self.f1
        )
    }
}

/// Scores `system` (JSONL `{"id", "duplicate_of": id|null}`) against `gold_pairs` (TSV pairs).
pub fn score(
    mut gold_pairs: impl BufRead,
    system: impl BufRead,
) -> Result<PairScores, DedupeScoreError> {
    let mut gold_text = String::new();
    gold_pairs.read_to_string(&mut gold_text)?;
    // Like the reference: split on '\n' only and take the first two tab-separated fields.
    let gold_edges: Vec<(String, String)> = gold_text
        .split('\n')
        .filter(|l| l.contains('\t'))
        .filter_map(|l| {
            let mut fields = l.split('\t');
            Some((fields.next()?.to_string(), fields.next()?.to_string()))
        })
        .collect();

    let mut ids = BTreeSet::new();
    let mut sys_edges = Vec::new();
    for (n, line) in system.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let bad = |reason: String| DedupeScoreError::System {
            line: n + 1,
            reason,
        };
        let value: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| bad(e.to_string()))?;
        let id = value
            .get("id")
            .map(id_string)
            .ok_or_else(|| bad("no \"id\"".into()))?;
        ids.insert(id.clone());
        match value.get("duplicate_of") {
            None | Some(serde_json::Value::Null) => {}
            Some(serde_json::Value::String(s)) if s.is_empty() => {}
            Some(other) => sys_edges.push((id, id_string(other))),
        }
    }
    let gold = pairs(&gold_edges, BTreeSet::new());
    let sys = pairs(&sys_edges, ids);
    let true_pairs = gold.intersection(&sys).count();
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let precision = ratio(true_pairs, sys.len());
    let recall = ratio(true_pairs, gold.len());
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Ok(PairScores {
        gold_pairs: gold.len(),
        system_pairs: sys.len(),
        true_pairs,
        precision,
        recall,
        f1,
    })
}

/// An id as Python's `str()` renders the JSON value (strings unquoted, numbers as written).
fn id_string(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Unordered within-group pairs of the transitive closure of `edges` over `ids` plus edge ends.
fn pairs(edges: &[(String, String)], ids: BTreeSet<String>) -> BTreeSet<(String, String)> {
    let mut parent: BTreeMap<String, String> = ids.into_iter().map(|i| (i.clone(), i)).collect();
    for (a, b) in edges {
        parent.entry(a.clone()).or_insert_with(|| a.clone());
        parent.entry(b.clone()).or_insert_with(|| b.clone());
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        parent.insert(ra, rb);
    }
    let keys: Vec<String> = parent.keys().cloned().collect();
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for k in keys {
        let root = find(&mut parent, &k);
        groups.entry(root).or_default().push(k);
    }
    let mut out = BTreeSet::new();
    for members in groups.values() {
        for (i, a) in members.iter().enumerate() {
            for b in members.iter().skip(i + 1) {
                out.insert((a.clone(), b.clone()));
            }
        }
    }
    out
}

/// Root of `x` with path compression.
fn find(parent: &mut BTreeMap<String, String>, x: &str) -> String {
    let mut path = Vec::new();
    let mut cur = x.to_string();
    while let Some(p) = parent.get(&cur).filter(|p| **p != cur).cloned() {
        path.push(cur);
        cur = p;
    }
    for node in path {
        parent.insert(node, cur.clone());
    }
    cur
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_closure_pairs_like_the_reference() {
        // Gold groups {a,b,c} (3 pairs) and {d,e} (1 pair).
        let gold = "a\tb\nb\tc\nd\te\n";
        // System: {a,b} linked, c alone, {d,e,f} linked through f: pairs ab, de, df, ef.
        let system = r#"{"id":"a","duplicate_of":null}
{"id":"b","duplicate_of":"a"}
{"id":"c","duplicate_of":""}

{"id":"d","duplicate_of":null}
{"id":"e","duplicate_of":"d"}
{"id":"f","duplicate_of":"e"}
"#;
        let s = score(gold.as_bytes(), system.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((s.gold_pairs, s.system_pairs, s.true_pairs), (4, 4, 2));
        assert!((s.precision - 0.5).abs() < 1e-12 && (s.recall - 0.5).abs() < 1e-12);
        assert!((s.f1 - 0.5).abs() < 1e-12);
        assert!(s.to_string().contains("true 2"));
    }

    #[test]
    fn numeric_ids_match_string_gold_and_empty_is_zero() {
        let s = score(
            "1\t2\n".as_bytes(),
            "{\"id\":1}\n{\"id\":2,\"duplicate_of\":1}\n".as_bytes(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.recall, 1.0);
        let empty = score("".as_bytes(), "".as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((empty.precision, empty.recall, empty.f1), (0.0, 0.0, 0.0));
    }

    #[test]
    fn bad_system_line_is_an_error() {
        assert!(matches!(
            score("".as_bytes(), "{\"x\":1}\n".as_bytes()),
            Err(DedupeScoreError::System { line: 1, .. })
        ));
    }
}
