//! TempEval-3 TIMEX3 scorer: counts exactly as `shared/eval/te3_score.py` does (extent strict and
//! relaxed P/R/F1, type and value accuracy and F1), plus per-type error counts and the commonest
//! mistakes for reports.
//!
//! Offsets are character offsets into the text inside `<TEXT>` with tags removed and entities
//! unescaped; the creation time is not scored. When a system file changed the text, its spans are
//! mapped onto the gold text through the matching blocks of a `difflib.SequenceMatcher`
//! (no junk heuristic), reimplemented here.

use regex::Regex;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Errors while scoring.
#[derive(Debug, thiserror::Error)]
pub enum TimemlScoreError {
    /// A directory or file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The path concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// One scored TIMEX3: character span, type, value.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Tx {
    start: usize,
    end: usize,
    kind: String,
    value: String,
}

/// Error counts for one gold TIMEX3 type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TypeErrors {
    /// Gold expressions of the type.
    pub gold: usize,
    /// Gold expressions no system expression overlaps.
    pub missed: usize,
    /// Matched with another type.
    pub wrong_type: usize,
    /// Matched with another value.
    pub wrong_value: usize,
    /// Matched with another extent (relaxed match only).
    pub wrong_extent: usize,
}

/// A recurring mistake: what the gold had and what the system produced, with how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mistake {
    /// `missed`, `spurious`, `value`, `type` or `extent`.
    pub kind: String,
    /// Gold side (`text TYPE value`), empty for spurious expressions.
    pub gold: String,
    /// System side, empty for missed expressions.
    pub system: String,
    /// Occurrences.
    pub count: usize,
}

/// Scores of a system directory against a gold directory (the fields of `te3_score.py --json`
/// plus error analysis).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimexScores {
    /// Gold expressions.
    pub gold: usize,
    /// System expressions.
    pub system: usize,
    /// Gold files with no system file.
    pub missing_files: usize,
    /// Strict extent precision.
    pub strict_p: f64,
    /// Strict extent recall.
    pub strict_r: f64,
    /// Strict extent F1.
    pub strict_f1: f64,
    /// Relaxed (overlap) extent precision.
    pub relaxed_p: f64,
    /// Relaxed extent recall.
    pub relaxed_r: f64,
    /// Relaxed extent F1.
    pub relaxed_f1: f64,
    /// Type F1.
    pub type_f1: f64,
    /// Value precision.
    pub value_p: f64,
    /// Value recall.
    pub value_r: f64,
    /// Value F1.
    pub value_f1: f64,
    /// Type accuracy over relaxed matches.
    pub type_acc: f64,
    /// Value accuracy over relaxed matches.
    pub value_acc: f64,
    /// Error counts per gold type.
    pub per_type: BTreeMap<String, TypeErrors>,
    /// The commonest mistakes, most frequent first.
    pub mistakes: Vec<Mistake>,
}

/// How many distinct mistakes [`score_dirs`] keeps.
const MISTAKES_KEPT: usize = 40;

/// Scores every `*.tml` of `gold` against the file of the same name in `system`.
pub fn score_dirs(gold: &Path, system: &Path) -> Result<TimexScores, TimemlScoreError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| TimemlScoreError::Io { path, source }
    };
    let mut names: Vec<String> = std::fs::read_dir(gold)
        .map_err(io(gold))?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".tml"))
        .collect();
    names.sort();
    let mut tally = Tally::default();
    for name in names {
        let gold_path = gold.join(&name);
        let (gold_text, gold_tx) = parse(&read(&gold_path).map_err(io(&gold_path))?);
        let system_path = system.join(&name);
        let system_tx = if system_path.exists() {
            let (text, tx) = parse(&read(&system_path).map_err(io(&system_path))?);
            align(&text, &gold_text, tx)
        } else {
            tally.missing += 1;
            Vec::new()
        };
        tally.add(&gold_text, &gold_tx, &system_tx);
    }
    Ok(tally.finish())
}

fn read(path: &Path) -> std::io::Result<String> {
    Ok(String::from_utf8_lossy(&std::fs::read(path)?).into_owned())
}

/// Running counts, as in the Python scorer.
#[derive(Debug, Default)]
struct Tally {
    gold: usize,
    system: usize,
    strict: usize,
    relaxed_p: usize,
    relaxed_r: usize,
    type_ok: usize,
    value_ok: usize,
    missing: usize,
    per_type: BTreeMap<String, TypeErrors>,
    mistakes: BTreeMap<(String, String, String), usize>,
}

impl Tally {
    fn add(&mut self, text: &[char], gold: &[Tx], system: &[Tx]) {
        let surface = |t: &Tx| {
            let words: String = text
                .get(t.start..t.end)
                .unwrap_or_default()
                .iter()
                .collect();
            format!(
                "{} {} {}",
                words.split_whitespace().collect::<Vec<_>>().join(" "),
                t.kind,
                t.value
            )
        };
        self.gold += gold.len();
        self.system += system.len();
        for g in gold {
            self.per_type.entry(g.kind.clone()).or_default().gold += 1;
        }
        self.strict += system
            .iter()
            .filter(|s| gold.iter().any(|g| g.start == s.start && g.end == s.end))
            .count();
        let mut used = vec![false; gold.len()];
        for s in system {
            let Some(j) = gold.iter().position(|g| g.start < s.end && s.start < g.end) else {
                *self
                    .mistakes
                    .entry(("spurious".into(), String::new(), surface(s)))
                    .or_default() += 1;
                continue;
            };
            self.relaxed_p += 1;
            if used.get(j).copied().unwrap_or(true) {
                continue;
            }
            if let Some(u) = used.get_mut(j) {
                *u = true;
            }
            let Some(g) = gold.get(j) else { continue };
            let errors = self.per_type.entry(g.kind.clone()).or_default();
            let (type_ok, value_ok) = (s.kind == g.kind, s.value == g.value);
            self.type_ok += usize::from(type_ok);
            self.value_ok += usize::from(value_ok);
            errors.wrong_type += usize::from(!type_ok);
            errors.wrong_value += usize::from(!value_ok);
            let extent_ok = s.start == g.start && s.end == g.end;
            errors.wrong_extent += usize::from(!extent_ok);
            let kind = match (value_ok, type_ok, extent_ok) {
                (false, _, _) => "value",
                (true, false, _) => "type",
                (true, true, false) => "extent",
                (true, true, true) => continue,
            };
            *self
                .mistakes
                .entry((kind.into(), surface(g), surface(s)))
                .or_default() += 1;
        }
        self.relaxed_r += used.iter().filter(|u| **u).count();
        for (g, _) in gold.iter().zip(&used).filter(|(_, u)| !**u) {
            self.per_type.entry(g.kind.clone()).or_default().missed += 1;
            *self
                .mistakes
                .entry(("missed".into(), surface(g), String::new()))
                .or_default() += 1;
        }
    }

    fn finish(self) -> TimexScores {
        let (strict_p, strict_r, strict_f1) = prf(self.strict, self.system, self.strict, self.gold);
        let (relaxed_p, relaxed_r, relaxed_f1) =
            prf(self.relaxed_p, self.system, self.relaxed_r, self.gold);
        let (_, _, type_f1) = prf(self.type_ok, self.system, self.type_ok, self.gold);
        let (value_p, value_r, value_f1) =
            prf(self.value_ok, self.system, self.value_ok, self.gold);
        let ratio = |n: usize| {
            if self.relaxed_r == 0 {
                0.0
            } else {
                n as f64 / self.relaxed_r as f64
            }
        };
        let mut mistakes: Vec<Mistake> = self
            .mistakes
            .into_iter()
            .map(|((kind, gold, system), count)| Mistake {
                kind,
                gold,
                system,
                count,
            })
            .collect();
        mistakes.sort_by_key(|m| std::cmp::Reverse(m.count));
        mistakes.truncate(MISTAKES_KEPT);
        TimexScores {
            gold: self.gold,
            system: self.system,
            missing_files: self.missing,
            strict_p,
            strict_r,
            strict_f1,
            relaxed_p,
            relaxed_r,
            relaxed_f1,
            type_f1,
            value_p,
            value_r,
            value_f1,
            type_acc: ratio(self.type_ok),
            value_acc: ratio(self.value_ok),
            per_type: self.per_type,
            mistakes,
        }
    }
}

fn prf(tp_p: usize, n_sys: usize, tp_r: usize, n_gold: usize) -> (f64, f64, f64) {
    let p = if n_sys == 0 {
        0.0
    } else {
        tp_p as f64 / n_sys as f64
    };
    let r = if n_gold == 0 {
        0.0
    } else {
        tp_r as f64 / n_gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// The text inside `<TEXT>` (tags removed, entities unescaped) as characters, and its
/// TIMEX3s other than the creation time, in the order their closing tags appear.
fn parse(raw: &str) -> (Vec<char>, Vec<Tx>) {
    static TAG: OnceLock<Option<Regex>> = OnceLock::new();
    static ATTR: OnceLock<Option<Regex>> = OnceLock::new();
    let (Some(tag), Some(attr)) = (
        TAG.get_or_init(|| Regex::new(r"(?s)<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>").ok())
            .as_ref(),
        ATTR.get_or_init(|| Regex::new(r#"([A-Za-z_]+)\s*=\s*"([^"]*)""#).ok())
            .as_ref(),
    ) else {
        return (Vec::new(), Vec::new());
    };
    let (Some(open), Some(close)) = (raw.find("<TEXT>"), raw.rfind("</TEXT>")) else {
        return (Vec::new(), Vec::new());
    };
    let body = raw.get(open + "<TEXT>".len()..close).unwrap_or_default();
    let mut text: Vec<char> = Vec::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut stack: Vec<(usize, BTreeMap<String, String>)> = Vec::new();
    let mut pos = 0;
    for caps in tag.captures_iter(body) {
        let Some(whole) = caps.get(0) else { continue };
        text.extend(unescape(body.get(pos..whole.start()).unwrap_or_default()).chars());
        pos = whole.end();
        let field = |i: usize| caps.get(i).map_or("", |m| m.as_str());
        if field(2) != "TIMEX3" {
            continue;
        }
        if !field(1).is_empty() {
            if let Some((start, attrs)) = stack.pop() {
                if attrs.get("functionInDocument").map(String::as_str) != Some("CREATION_TIME") {
                    let get = |k: &str| attrs.get(k).cloned().unwrap_or_default();
                    timexes.push(Tx {
                        start,
                        end: text.len(),
                        kind: get("type"),
                        value: get("value"),
                    });
                }
            }
        } else if field(4).is_empty() {
            let attrs = attr
                .captures_iter(field(3))
                .filter_map(|a| {
                    Some((
                        a.get(1)?.as_str().to_string(),
                        a.get(2)?.as_str().to_string(),
                    ))
                })
                .collect();
            stack.push((text.len(), attrs));
        }
    }
    text.extend(unescape(body.get(pos..).unwrap_or_default()).chars());
    (text, timexes)
}

/// XML/HTML character references (the named ones TimeML files use, and numeric ones).
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let tail = rest.get(amp..).unwrap_or_default();
        let decoded = tail.find(';').filter(|&e| e <= 10).and_then(|e| {
            let name = tail.get(1..e)?;
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => '\u{a0}',
                _ => {
                    let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => name.strip_prefix('#')?.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, e + 1))
        });
        match decoded {
            Some((c, width)) => {
                out.push(c);
                rest = tail.get(width..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = tail.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

/// Maps system spans onto the gold text when the texts differ (as `te3_score.py` does).
fn align(system_text: &[char], gold_text: &[char], spans: Vec<Tx>) -> Vec<Tx> {
    if system_text == gold_text {
        return spans;
    }
    let blocks = matching_blocks(system_text, gold_text);
    let map = |i: usize| {
        if let Some((a, b, _)) = blocks.iter().find(|(a, _, n)| *a <= i && i < a + n) {
            return b + (i - a);
        }
        blocks
            .iter()
            .min_by_key(|(a, _, _)| a.abs_diff(i))
            .map_or(0, |(_, b, _)| *b)
    };
    spans
        .into_iter()
        .map(|t| Tx {
            start: map(t.start),
            end: map(t.start.max(t.end.saturating_sub(1))) + 1,
            ..t
        })
        .collect()
}

/// `difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()`.
fn matching_blocks(a: &[char], b: &[char]) -> Vec<(usize, usize, usize)> {
    let mut b2j: HashMap<char, Vec<usize>> = HashMap::new();
    for (j, c) in b.iter().enumerate() {
        b2j.entry(*c).or_default().push(j);
    }
    let mut queue = vec![(0, a.len(), 0, b.len())];
    let mut blocks = Vec::new();
    while let Some((alo, ahi, blo, bhi)) = queue.pop() {
        let (i, j, k) = longest_match(a, &b2j, (alo, ahi, blo, bhi));
        if k > 0 {
            blocks.push((i, j, k));
            if alo < i && blo < j {
                queue.push((alo, i, blo, j));
            }
            if i + k < ahi && j + k < bhi {
                queue.push((i + k, ahi, j + k, bhi));
            }
        }
    }
    blocks.sort_unstable();
    let mut merged: Vec<(usize, usize, usize)> = Vec::with_capacity(blocks.len() + 1);
    for (i, j, k) in blocks {
        match merged.last_mut() {
            Some(last) if last.0 + last.2 == i && last.1 + last.2 == j => last.2 += k,
            _ => merged.push((i, j, k)),
        }
    }
    merged.push((a.len(), b.len(), 0));
    merged
}

/// `SequenceMatcher.find_longest_match` without junk: the longest common run, earliest in `a`,
/// then earliest in `b`.
fn longest_match(
    a: &[char],
    b2j: &HashMap<char, Vec<usize>>,
    (alo, ahi, blo, bhi): (usize, usize, usize, usize),
) -> (usize, usize, usize) {
    let (mut best_i, mut best_j, mut best) = (alo, blo, 0);
    let mut lengths: HashMap<usize, usize> = HashMap::new();
    for i in alo..ahi {
        let mut next: HashMap<usize, usize> = HashMap::new();
        let positions = a
            .get(i)
            .and_then(|c| b2j.get(c))
            .map_or(&[][..], Vec::as_slice);
        for &j in positions {
            if j < blo {
                continue;
            }
            if j >= bhi {
                break;
            }
            let k = j
                .checked_sub(1)
                .and_then(|p| lengths.get(&p))
                .copied()
                .unwrap_or(0)
                + 1;
            next.insert(j, k);
            if k > best {
                (best_i, best_j, best) = (i + 1 - k, j + 1 - k, k);
            }
        }
        lengths = next;
    }
    (best_i, best_j, best)
}

impl TimexScores {
    /// A Markdown report: the figures, errors per type and the commonest mistakes.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        out.push_str(&format!(
            "| measure | P | R | F1 |\n|---|---|---|---|\n| extent strict | {:.4} | {:.4} | {:.4} |\n| extent relaxed | {:.4} | {:.4} | {:.4} |\n| value | {:.4} | {:.4} | {:.4} |\n\n",
            self.strict_p, self.strict_r, self.strict_f1, self.relaxed_p, self.relaxed_r, self.relaxed_f1,
            self.value_p, self.value_r, self.value_f1
        ));
        out.push_str(&format!(
            "Gold {}, system {}, missing files {}; type F1 {:.4}, type accuracy {:.4}, value accuracy {:.4}.\n\n",
            self.gold, self.system, self.missing_files, self.type_f1, self.type_acc, self.value_acc
        ));
        out.push_str("| gold type | gold | missed | wrong type | wrong value | other extent |\n|---|---|---|---|---|---|\n");
        for (kind, e) in &self.per_type {
            out.push_str(&format!(
                "| {kind} | {} | {} | {} | {} | {} |\n",
                e.gold, e.missed, e.wrong_type, e.wrong_value, e.wrong_extent
            ));
        }
        out.push_str("\n| count | mistake | gold | system |\n|---|---|---|---|\n");
        for m in &self.mistakes {
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                m.count, m.kind, m.gold, m.system
            ));
        }
        out
    }
}

impl fmt::Display for TimexScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_markdown())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!("<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2020-01-01\" functionInDocument=\"CREATION_TIME\">x</TIMEX3></DCT><TEXT>{body}</TEXT></TimeML>")
    }

    const GOLD: &str = "A &amp; B met <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2019-12-27\">last Friday</TIMEX3> for <TIMEX3 tid=\"t2\" type=\"DURATION\" value=\"P2H\">two hours</TIMEX3>, <TIMEX3 tid=\"t3\" type=\"DATE\" value=\"PRESENT_REF\">now</TIMEX3>.";

    fn score(gold: &str, system: Option<&str>) -> TimexScores {
        let g = tempfile::tempdir().unwrap();
        let s = tempfile::tempdir().unwrap();
        std::fs::write(g.path().join("d.tml"), doc(gold)).unwrap();
        if let Some(system) = system {
            std::fs::write(s.path().join("d.tml"), doc(system)).unwrap();
        }
        score_dirs(g.path(), s.path()).unwrap()
    }

    #[test]
    fn parses_offsets_in_characters_after_unescaping() {
        let (text, tx) = parse(&doc(GOLD));
        assert_eq!(tx.len(), 3);
        let first: String = text[tx[0].start..tx[0].end].iter().collect();
        assert_eq!(first, "last Friday");
        assert_eq!(tx[0].start, 10);
    }

    #[test]
    fn counts_like_the_reference_scorer() {
        let system = "A &amp; B met last <TIMEX3 type=\"DATE\" value=\"2019-12-27\">Friday</TIMEX3> for <TIMEX3 type=\"DURATION\" value=\"PT2H\">two hours</TIMEX3>, now. <TIMEX3 type=\"DATE\" value=\"X\">x</TIMEX3>";
        let s = score(GOLD, Some(system));
        assert_eq!((s.gold, s.system), (3, 3));
        assert!((s.strict_p - 1.0 / 3.0).abs() < 1e-9);
        assert!((s.relaxed_r - 2.0 / 3.0).abs() < 1e-9);
        assert!((s.value_p - 1.0 / 3.0).abs() < 1e-9);
        assert!((s.type_acc - 1.0).abs() < 1e-9);
        assert_eq!(s.per_type["DATE"].missed, 1);
        assert_eq!(s.per_type["DURATION"].wrong_value, 1);
        assert!(s
            .mistakes
            .iter()
            .any(|m| m.kind == "value" && m.system == "two hours DURATION PT2H"));
        assert!(s.to_markdown().contains("| DURATION | 1 | 0 | 0 | 1 | 0 |"));
    }

    #[test]
    fn missing_system_file_counts_as_empty() {
        let s = score(GOLD, None);
        assert_eq!(s.missing_files, 1);
        assert_eq!(s.relaxed_f1, 0.0);
    }

    #[test]
    fn aligns_changed_system_text() {
        let system = "A & B  met <TIMEX3 type=\"DATE\" value=\"2019-12-27\">last Friday</TIMEX3> for two hours, now.";
        let s = score(GOLD, Some(system));
        assert!((s.strict_p - 1.0).abs() < 1e-9, "{s:?}");
    }

    #[test]
    fn matching_blocks_follow_difflib() {
        let a: Vec<char> = "abxcd".chars().collect();
        let b: Vec<char> = "abcd".chars().collect();
        assert_eq!(
            matching_blocks(&a, &b),
            vec![(0, 0, 2), (3, 2, 2), (5, 4, 0)]
        );
    }
}
