//! CoNLL entity-level scorer: precision, recall and F1 of exact (span, type) chunks, counted the
//! way conlleval (and `shared/eval/conll_score.py`) counts them, for IOB1 or IOB2 tags.
//!
//! Input: CoNLL lines with the gold tag in the next-to-last column and the prediction in the last.
//! Blank lines and `-DOCSTART-` lines end a segment; lines with fewer than three columns are
//! counted as malformed and skipped.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::BufRead;

/// Errors while scoring a CoNLL file.
#[derive(Debug, thiserror::Error)]
pub enum ConllError {
    /// The input could not be read.
    #[error("reading CoNLL input: {0}")]
    Io(#[from] std::io::Error),
}

/// Precision, recall and F1 of one entity type.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TypeScores {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f1: f64,
}

/// Entity-level scores of a CoNLL file (same fields as `conll_score.py --json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConllScores {
    /// Token lines scored.
    pub tokens: usize,
    /// Lines with fewer than three columns (skipped).
    pub malformed_lines: usize,
    /// Gold chunks.
    pub gold: usize,
    /// Predicted chunks.
    pub predicted: usize,
    /// Overall precision.
    pub precision: f64,
    /// Overall recall.
    pub recall: f64,
    /// Overall F1.
    pub f1: f64,
    /// Scores per entity type, sorted by type.
    pub per_type: BTreeMap<String, TypeScores>,
}

impl fmt::Display for ConllScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "tokens {}  gold chunks {}  predicted chunks {}  malformed lines {}",
            self.tokens, self.gold, self.predicted, self.malformed_lines
        )?;
        writeln!(
            f,
            "{:<8} {:>9} {:>9} {:>9}",
            "type", "precision", "recall", "F1"
        )?;
        for (kind, s) in &self.per_type {
            writeln!(f, "{kind:<8} {:>9.4} {:>9.4} {:>9.4}", s.p, s.r, s.f1)?;
        }
        write!(
            f,
            "{:<8} {:>9.4} {:>9.4} {:>9.4}",
            "overall", self.precision, self.recall, self.f1
        )
    }
}

/// A chunk: first token, one past the last token, type.
type Chunk = (usize, usize, String);

/// Splits a tag into its prefix and type (`B-PER` → (`B`, `PER`), `O` → (`O`, ``)).
fn split_tag(tag: &str) -> (&str, &str) {
    if tag == "O" {
        return ("O", "");
    }
    tag.split_once('-').unwrap_or((tag, ""))
}

/// Chunks of a tag sequence with conlleval's start and end rules.
fn chunks(tags: &[String]) -> BTreeSet<Chunk> {
    let mut out = BTreeSet::new();
    let mut start: Option<usize> = None;
    let (mut prev_tag, mut prev_type) = ("O", "");
    for (i, t) in tags.iter().map(String::as_str).chain(["O"]).enumerate() {
        let (tag, typ) = split_tag(t);
        let in_chunk = prev_tag == "B" || prev_tag == "I";
        let end = in_chunk && (tag == "O" || tag == "B" || typ != prev_type);
        let begin = tag == "B" || (tag == "I" && (prev_tag == "O" || prev_type != typ));
        if end {
            if let Some(s) = start.take() {
                out.insert((s, i, prev_type.to_string()));
            }
        }
        if begin {
            start = Some(i);
        }
        prev_tag = tag;
        prev_type = typ;
    }
    out
}

/// Chunk counts per type.
#[derive(Default)]
struct Counts {
    gold: BTreeMap<String, usize>,
    predicted: BTreeMap<String, usize>,
    correct: BTreeMap<String, usize>,
}

impl Counts {
    fn flush(&mut self, gold: &mut Vec<String>, pred: &mut Vec<String>) {
        let gs = chunks(gold);
        let ps = chunks(pred);
        for c in &gs {
            *self.gold.entry(c.2.clone()).or_default() += 1;
        }
        for c in &ps {
            *self.predicted.entry(c.2.clone()).or_default() += 1;
        }
        for c in gs.intersection(&ps) {
            *self.correct.entry(c.2.clone()).or_default() += 1;
        }
        gold.clear();
        pred.clear();
    }
}

/// Precision, recall and F1 from correct, predicted and gold counts.
fn prf(correct: usize, predicted: usize, gold: usize) -> TypeScores {
    let p = if predicted > 0 {
        correct as f64 / predicted as f64
    } else {
        0.0
    };
    let r = if gold > 0 {
        correct as f64 / gold as f64
    } else {
        0.0
    };
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    TypeScores { p, r, f1 }
}

/// Scores CoNLL lines (gold tag next-to-last column, prediction last). Invalid UTF-8 is
/// replaced, as the reference scorer does.
pub fn score(mut reader: impl BufRead) -> Result<ConllScores, ConllError> {
    let mut counts = Counts::default();
    let (mut gold, mut pred) = (Vec::new(), Vec::new());
    let (mut tokens, mut malformed) = (0, 0);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        let line = String::from_utf8_lossy(&buf);
        let cols: Vec<&str> = line.split_whitespace().collect();
        match cols.as_slice() {
            [] | ["-DOCSTART-", ..] => counts.flush(&mut gold, &mut pred),
            [.., g, p] if cols.len() >= 3 => {
                gold.push((*g).to_string());
                pred.push((*p).to_string());
                tokens += 1;
            }
            _ => malformed += 1,
        }
    }
    counts.flush(&mut gold, &mut pred);
    let total = |m: &BTreeMap<String, usize>| m.values().sum::<usize>();
    let overall = prf(
        total(&counts.correct),
        total(&counts.predicted),
        total(&counts.gold),
    );
    let types: BTreeSet<&String> = counts.gold.keys().chain(counts.predicted.keys()).collect();
    let get = |m: &BTreeMap<String, usize>, t: &str| m.get(t).copied().unwrap_or(0);
    let per_type = types
        .into_iter()
        .map(|t| {
            let s = prf(
                get(&counts.correct, t),
                get(&counts.predicted, t),
                get(&counts.gold, t),
            );
            (t.clone(), s)
        })
        .collect();
    Ok(ConllScores {
        tokens,
        malformed_lines: malformed,
        gold: total(&counts.gold),
        predicted: total(&counts.predicted),
        precision: overall.p,
        recall: overall.r,
        f1: overall.f1,
        per_type,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn chunks_follow_conlleval_rules() {
        // IOB1-style I after O starts a chunk; a type change ends one.
        let c = chunks(&tags("I-PER I-PER O B-LOC I-ORG B-MISC B-MISC"));
        let want: BTreeSet<Chunk> = [
            (0, 2, "PER".to_string()),
            (3, 4, "LOC".to_string()),
            (4, 5, "ORG".to_string()),
            (5, 6, "MISC".to_string()),
            (6, 7, "MISC".to_string()),
        ]
        .into_iter()
        .collect();
        assert_eq!(c, want);
    }

    #[test]
    fn scores_a_small_file() {
        let input = "-DOCSTART- -X- O O\n\nAnna B-PER B-PER\nKarsk I-PER O\nvisited O O\nOsterholm B-LOC B-LOC\n\nshort\nBrindle B-ORG B-LOC\n";
        let s = score(input.as_bytes()).unwrap();
        assert_eq!(s.tokens, 5);
        assert_eq!(s.malformed_lines, 1);
        assert_eq!((s.gold, s.predicted), (3, 3));
        assert!((s.precision - 1.0 / 3.0).abs() < 1e-12);
        assert!((s.recall - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(s.per_type["LOC"].p, 0.5);
        assert_eq!(s.per_type["LOC"].r, 1.0);
        assert_eq!(s.per_type["ORG"].f1, 0.0);
        assert_eq!(s.per_type["PER"].f1, 0.0);
        assert!(s.to_string().contains("overall"));
    }

    #[test]
    fn segments_do_not_join_across_blank_lines() {
        let s = score("A B-PER B-PER\n\nB I-PER I-PER\n".as_bytes()).unwrap();
        assert_eq!((s.gold, s.predicted), (2, 2));
        assert_eq!(s.f1, 1.0);
    }
}
