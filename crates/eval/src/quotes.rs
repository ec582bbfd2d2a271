//! Quote scorer: quote-span precision, recall and F1 (exact and overlap) and speaker
//! accuracy, against a hand-annotated set in JSONL (one gold quote per line).
//!
//! Gold line: `{"article": "001.txt", "start": 10, "end": 42, "text": "…", "kind": "direct",
//! "speaker": "Name" | null, "anonymous": false}` with byte offsets into the article file.
//!
//! Matching is one-to-one within an article. Exact: identical spans. Overlap: pairs sharing
//! at least one byte, greedily by largest overlap. Speaker accuracy is counted over gold
//! quotes matched by overlap: a named gold speaker needs a system speaker whose name
//! matches it (case-insensitive containment either way, or the same surname); an anonymous
//! gold speaker needs an anonymous system speaker; a null gold speaker needs none.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};
use storyline_model::QuoteKind;

/// Errors while loading a gold file.
#[derive(Debug, thiserror::Error)]
pub enum QuoteEvalError {
    /// The file could not be read.
    #[error("reading {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A line is not a valid gold quote.
    #[error("{path}:{line}: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The cause.
        source: serde_json::Error,
    },
}

/// One hand-annotated quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldQuote {
    /// Article file name, relative to the set's `articles/` folder.
    pub article: String,
    /// First byte of the quoted content.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The content (must equal the file's bytes `start..end`).
    pub text: String,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// The speaker's name; `null` for anonymous or unattributed quotes.
    pub speaker: Option<String>,
    /// True when the speaker is an anonymous source.
    #[serde(default)]
    pub anonymous: bool,
}

/// One quote found by a system, in the scorer's terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemQuote {
    /// Article file name.
    pub article: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// The speaker's name (or description), if any.
    pub speaker: Option<String>,
    /// True when the speaker is an anonymous source.
    pub anonymous: bool,
}

/// Precision, recall and F1 with the counts behind them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Matched pairs.
    pub matched: usize,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

impl Prf {
    fn new(matched: usize, gold: usize, system: usize) -> Self {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(matched, system);
        let recall = ratio(matched, gold);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            matched,
            precision,
            recall,
            f1,
        }
    }
}

/// Scores of a system on a gold set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteScores {
    /// Gold quotes.
    pub gold: usize,
    /// System quotes.
    pub system: usize,
    /// Exact-span matching.
    pub exact: Prf,
    /// Overlap matching.
    pub overlap: Prf,
    /// Overlap matching restricted to direct quotes (gold and system).
    pub direct: Prf,
    /// Overlap matching restricted to indirect speech (gold and system).
    pub indirect: Prf,
    /// Gold quotes matched by overlap (the speaker accuracy denominator).
    pub speaker_total: usize,
    /// Of those, the ones with the right speaker.
    pub speaker_correct: usize,
    /// `speaker_correct / speaker_total`.
    pub speaker_accuracy: f64,
}

impl fmt::Display for QuoteScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "gold quotes {}  system quotes {}",
            self.gold, self.system
        )?;
        writeln!(
            f,
            "{:<10} {:>7} {:>9} {:>9} {:>9}",
            "matching", "matched", "precision", "recall", "F1"
        )?;
        for (name, p) in [
            ("exact", self.exact),
            ("overlap", self.overlap),
            ("direct", self.direct),
            ("indirect", self.indirect),
        ] {
            writeln!(
                f,
                "{name:<10} {:>7} {:>9.4} {:>9.4} {:>9.4}",
                p.matched, p.precision, p.recall, p.f1
            )?;
        }
        write!(
            f,
            "speaker accuracy {:.4} ({}/{} overlap-matched gold quotes)",
            self.speaker_accuracy, self.speaker_correct, self.speaker_total
        )
    }
}

/// Reads a gold JSONL file (blank lines are skipped).
pub fn load_gold(path: &Path) -> Result<Vec<GoldQuote>, QuoteEvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| QuoteEvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|source| QuoteEvalError::Json {
                path: path.to_path_buf(),
                line: i + 1,
                source,
            })
        })
        .collect()
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// One-to-one overlap alignment: `(gold index, system index)` pairs, greedily preferring
/// pairs of the same kind, then the largest overlap (ties by position); sorted by gold index.
pub fn align(gold: &[GoldQuote], system: &[SystemQuote]) -> Vec<(usize, usize)> {
    let mut cands: Vec<(bool, usize, usize, usize)> = Vec::new();
    for (g, gq) in gold.iter().enumerate() {
        for (s, sq) in system.iter().enumerate() {
            if gq.article == sq.article {
                let o = overlap((gq.start, gq.end), (sq.start, sq.end));
                if o > 0 {
                    cands.push((gq.kind == sq.kind, o, g, s));
                }
            }
        }
    }
    cands.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    let mut gold_used = vec![false; gold.len()];
    let mut sys_used = vec![false; system.len()];
    let mut pairs = Vec::new();
    for (_, _, g, s) in cands {
        if !gold_used[g] && !sys_used[s] {
            gold_used[g] = true;
            sys_used[s] = true;
            pairs.push((g, s));
        }
    }
    pairs.sort_unstable();
    pairs
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// True when two speaker names refer to the same speaker: one contains the other
/// (case-insensitive, on word boundaries) or they share the last word (surname).
pub fn names_match(gold: &str, system: &str) -> bool {
    let g = words(gold);
    let s = words(system);
    if g.is_empty() || s.is_empty() {
        return false;
    }
    let contains = |a: &[String], b: &[String]| a.windows(b.len()).any(|w| w == b);
    contains(&g, &s) || contains(&s, &g) || g.last() == s.last()
}

/// True when the system quote gives the gold quote's speaker.
pub fn speaker_correct(gold: &GoldQuote, system: &SystemQuote) -> bool {
    match (&gold.speaker, gold.anonymous) {
        (_, true) => system.anonymous,
        (None, false) => system.speaker.is_none(),
        (Some(g), false) => {
            !system.anonymous && system.speaker.as_deref().is_some_and(|s| names_match(g, s))
        }
    }
}

fn exact_matches(gold: &[GoldQuote], system: &[SystemQuote]) -> usize {
    let mut spans: Vec<(&str, usize, usize)> = system
        .iter()
        .map(|s| (s.article.as_str(), s.start, s.end))
        .collect();
    spans.sort_unstable();
    spans.dedup();
    gold.iter()
        .filter(|g| {
            spans
                .binary_search(&(g.article.as_str(), g.start, g.end))
                .is_ok()
        })
        .count()
}

fn kind_prf(gold: &[GoldQuote], system: &[SystemQuote], kind: QuoteKind) -> Prf {
    let g: Vec<GoldQuote> = gold.iter().filter(|q| q.kind == kind).cloned().collect();
    let s: Vec<SystemQuote> = system.iter().filter(|q| q.kind == kind).cloned().collect();
    Prf::new(align(&g, &s).len(), g.len(), s.len())
}

/// Scores `system` against `gold`.
pub fn score(gold: &[GoldQuote], system: &[SystemQuote]) -> QuoteScores {
    let pairs = align(gold, system);
    let speaker_correct_count = pairs
        .iter()
        .filter(|&&(g, s)| speaker_correct(&gold[g], &system[s]))
        .count();
    QuoteScores {
        gold: gold.len(),
        system: system.len(),
        exact: Prf::new(exact_matches(gold, system), gold.len(), system.len()),
        overlap: Prf::new(pairs.len(), gold.len(), system.len()),
        direct: kind_prf(gold, system, QuoteKind::Direct),
        indirect: kind_prf(gold, system, QuoteKind::Indirect),
        speaker_total: pairs.len(),
        speaker_correct: speaker_correct_count,
        speaker_accuracy: if pairs.is_empty() {
            0.0
        } else {
            speaker_correct_count as f64 / pairs.len() as f64
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(start: usize, end: usize, speaker: Option<&str>, anonymous: bool) -> GoldQuote {
        GoldQuote {
            article: "a.txt".into(),
            start,
            end,
            text: String::new(),
            kind: QuoteKind::Direct,
            speaker: speaker.map(str::to_string),
            anonymous,
        }
    }

    fn sys(start: usize, end: usize, speaker: Option<&str>, anonymous: bool) -> SystemQuote {
        SystemQuote {
            article: "a.txt".into(),
            start,
            end,
            kind: QuoteKind::Direct,
            speaker: speaker.map(str::to_string),
            anonymous,
        }
    }

    #[test]
    fn names_match_by_containment_or_surname() {
        assert!(names_match("Antony Blinken", "Blinken"));
        assert!(names_match("Antony Blinken", "Anthony Blinken"));
        assert!(names_match("Jean-Yves Le Drian", "Le Drian"));
        assert!(!names_match("Antony Blinken", "Sergey Lavrov"));
        assert!(!names_match("Ann Lee", ""));
    }

    #[test]
    fn scores_count_exact_overlap_and_speakers() {
        let g = [
            gold(0, 10, Some("Ilse Marrow"), false),
            gold(20, 30, None, true),
            gold(40, 50, None, false),
            gold(60, 70, Some("Olaf Brenn"), false),
        ];
        let s = [
            sys(0, 10, Some("Marrow"), false),
            sys(22, 30, Some("a senior official"), true),
            sys(40, 50, Some("Olaf Brenn"), false),
            sys(80, 90, None, false),
        ];
        let r = score(&g, &s);
        assert_eq!(r.exact.matched, 2);
        assert_eq!(r.overlap.matched, 3);
        assert!((r.overlap.precision - 0.75).abs() < 1e-9);
        assert!((r.overlap.recall - 0.75).abs() < 1e-9);
        assert_eq!((r.speaker_correct, r.speaker_total), (2, 3));
        assert!(r.to_string().contains("speaker accuracy 0.6667"));
    }

    #[test]
    fn alignment_prefers_the_same_kind() {
        let mut indirect = gold(0, 30, Some("Ann Lee"), false);
        indirect.kind = QuoteKind::Indirect;
        let g = [indirect, gold(10, 20, Some("Ann Lee"), false)];
        let s = [sys(10, 20, Some("Lee"), false)];
        assert_eq!(align(&g, &s), [(1, 0)]);
    }

    #[test]
    fn one_system_span_matches_one_gold_quote_only() {
        let g = [gold(0, 10, None, false), gold(12, 20, None, false)];
        let s = [sys(0, 20, None, false)];
        assert_eq!(align(&g, &s), [(0, 0)]);
    }
}
