//! Clustering scores of a system clustering against gold labels: B³, MUC, CEAF-e, the CoNLL
//! average, and the adjusted Rand index. B³ and ARI count exactly as
//! `shared/eval/cluster_score.py` does: items missing from the system output are singletons.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::BufRead;

/// Errors reading gold or system files.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    /// Reading failed.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The gold file lacks the requested column.
    #[error("the gold file has no column '{0}' (its header names the columns)")]
    NoColumn(String),
    /// A system line is not a JSON object with an id.
    #[error("system line {line}: {reason}")]
    BadLine {
        /// Line number (1-based).
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// A clustering: item id → cluster label.
pub type Labels = BTreeMap<String, String>;

/// Reads gold labels: a tab-separated file with a header; the first column is the id.
pub fn read_gold(reader: impl BufRead, column: &str) -> Result<Labels, ClusterError> {
    let mut lines = reader.lines();
    let header = lines.next().transpose()?.unwrap_or_default();
    let cols: Vec<&str> = header.split('\t').collect();
    let idx = cols
        .iter()
        .position(|c| *c == column)
        .ok_or_else(|| ClusterError::NoColumn(column.to_string()))?;
    let mut out = Labels::new();
    for line in lines {
        let line = line?;
        let f: Vec<&str> = line.split('\t').collect();
        if let (Some(id), Some(label)) = (f.first(), f.get(idx)) {
            out.insert(id.to_string(), label.to_string());
        }
    }
    Ok(out)
}

/// Reads system labels from JSONL objects with `id` and `field` (null fields are skipped).
pub fn read_system(reader: impl BufRead, field: &str) -> Result<Labels, ClusterError> {
    let mut out = Labels::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| ClusterError::BadLine {
                line: n + 1,
                reason: e.to_string(),
            })?;
        let id = match v.get("id") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(other) if !other.is_null() => other.to_string(),
            _ => {
                return Err(ClusterError::BadLine {
                    line: n + 1,
                    reason: "no \"id\"".into(),
                })
            }
        };
        match v.get(field) {
            Some(serde_json::Value::String(s)) => {
                out.insert(id, s.clone());
            }
            Some(other) if !other.is_null() => {
                out.insert(id, other.to_string());
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f1: f64,
}

impl Prf {
    fn new(p: f64, r: f64) -> Prf {
        Prf {
            p,
            r,
            f1: if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            },
        }
    }
}

/// Every clustering score.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ClusterScores {
    /// Gold items.
    pub items: usize,
    /// Gold items the system did not label (scored as singletons).
    pub missing: usize,
    /// Gold clusters.
    pub gold_clusters: usize,
    /// System clusters.
    pub system_clusters: usize,
    /// B³.
    pub b3: Prf,
    /// MUC (links).
    pub muc: Prf,
    /// CEAF-e (entity-based, φ4).
    pub ceafe: Prf,
    /// Mean of the B³, MUC and CEAF-e F1.
    pub conll_f1: f64,
    /// Adjusted Rand index.
    pub ari: f64,
}

fn clusters(labels: &Labels) -> Vec<BTreeSet<&str>> {
    let mut by: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (i, l) in labels {
        by.entry(l).or_default().insert(i);
    }
    by.into_values().collect()
}

/// Scores `system` against `gold` over the gold items.
pub fn score(gold: &Labels, system: &Labels) -> ClusterScores {
    let mut sys = Labels::new();
    let mut missing = 0;
    for id in gold.keys() {
        match system.get(id) {
            Some(l) => {
                sys.insert(id.clone(), l.clone());
            }
            None => {
                missing += 1;
                sys.insert(id.clone(), format!("__missing__{id}"));
            }
        }
    }
    let g = clusters(gold);
    let s = clusters(&sys);
    let b3 = b_cubed(gold, &sys, &g, &s);
    let muc = Prf::new(muc_recall(&s, &g), muc_recall(&g, &s));
    let ceafe = ceaf_e(&g, &s);
    ClusterScores {
        items: gold.len(),
        missing,
        gold_clusters: g.len(),
        system_clusters: s.len(),
        b3,
        muc,
        ceafe,
        conll_f1: (b3.f1 + muc.f1 + ceafe.f1) / 3.0,
        ari: ari(gold, &sys),
    }
}

fn b_cubed(gold: &Labels, sys: &Labels, g: &[BTreeSet<&str>], s: &[BTreeSet<&str>]) -> Prf {
    let find =
        |cs: &[BTreeSet<&str>], id: &str| cs.iter().position(|c| c.contains(id)).unwrap_or(0);
    let gi: BTreeMap<&str, usize> = gold.keys().map(|k| (k.as_str(), find(g, k))).collect();
    let si: BTreeMap<&str, usize> = sys.keys().map(|k| (k.as_str(), find(s, k))).collect();
    let (mut p, mut r) = (0.0, 0.0);
    for id in gold.keys() {
        let (gc, sc) = (&g[gi[id.as_str()]], &s[si[id.as_str()]]);
        let inter = gc.intersection(sc).count() as f64;
        p += inter / sc.len() as f64;
        r += inter / gc.len() as f64;
    }
    let n = gold.len().max(1) as f64;
    Prf::new(p / n, r / n)
}

/// MUC recall of `key` clusters against `response` partitions (swap the arguments for precision).
fn muc_recall(key: &[BTreeSet<&str>], response: &[BTreeSet<&str>]) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    for k in key {
        let parts: BTreeSet<usize> = k
            .iter()
            .map(|id| {
                response
                    .iter()
                    .position(|r| r.contains(id))
                    .unwrap_or(usize::MAX)
            })
            .collect();
        num += (k.len() - parts.len()) as f64;
        den += (k.len() - 1) as f64;
    }
    if den == 0.0 {
        0.0
    } else {
        num / den
    }
}

/// CEAF-e with φ4 similarity and an optimal one-to-one alignment (Hungarian algorithm).
fn ceaf_e(g: &[BTreeSet<&str>], s: &[BTreeSet<&str>]) -> Prf {
    let phi = |a: &BTreeSet<&str>, b: &BTreeSet<&str>| {
        2.0 * a.intersection(b).count() as f64 / (a.len() + b.len()) as f64
    };
    let n = g.len().max(s.len());
    let mut cost = vec![vec![0.0; n]; n];
    for (i, a) in g.iter().enumerate() {
        for (j, b) in s.iter().enumerate() {
            cost[i][j] = -phi(a, b);
        }
    }
    let assignment = hungarian(&cost);
    let total: f64 = assignment
        .iter()
        .enumerate()
        .map(|(i, &j)| -cost[i][j])
        .sum();
    Prf::new(
        if s.is_empty() {
            0.0
        } else {
            total / s.len() as f64
        },
        if g.is_empty() {
            0.0
        } else {
            total / g.len() as f64
        },
    )
}

/// Minimum-cost assignment on a square matrix (row → column), O(n³).
fn hungarian(cost: &[Vec<f64>]) -> Vec<usize> {
    let n = cost.len();
    let (mut u, mut v) = (vec![0.0; n + 1], vec![0.0; n + 1]);
    let (mut p, mut way) = (vec![0usize; n + 1], vec![0usize; n + 1]);
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![f64::INFINITY; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = f64::INFINITY;
            let mut j1 = 0;
            for j in 1..=n {
                if !used[j] {
                    let cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut out = vec![0; n];
    for j in 1..=n {
        if p[j] > 0 {
            out[p[j] - 1] = j - 1;
        }
    }
    out
}

fn pairs(n: u64) -> f64 {
    (n * n.saturating_sub(1) / 2) as f64
}

fn ari(gold: &Labels, sys: &Labels) -> f64 {
    let mut cont: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    let mut a: BTreeMap<&str, u64> = BTreeMap::new();
    let mut b: BTreeMap<&str, u64> = BTreeMap::new();
    for (id, g) in gold {
        let s = sys.get(id).map(String::as_str).unwrap_or("");
        *cont.entry((g, s)).or_default() += 1;
        *a.entry(g).or_default() += 1;
        *b.entry(s).or_default() += 1;
    }
    let s_ij: f64 = cont.values().map(|&v| pairs(v)).sum();
    let s_a: f64 = a.values().map(|&v| pairs(v)).sum();
    let s_b: f64 = b.values().map(|&v| pairs(v)).sum();
    let total = pairs(gold.len() as u64);
    let expected = if total > 0.0 { s_a * s_b / total } else { 0.0 };
    let max = (s_a + s_b) / 2.0;
    if (max - expected).abs() < f64::EPSILON {
        1.0
    } else {
        (s_ij - expected) / (max - expected)
    }
}

impl fmt::Display for ClusterScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "items {} (missing {}), gold clusters {}, system clusters {}",
            self.items, self.missing, self.gold_clusters, self.system_clusters
        )?;
        for (name, s) in [("B3", self.b3), ("MUC", self.muc), ("CEAF-e", self.ceafe)] {
            writeln!(f, "{name:<7} P {:.4}  R {:.4}  F1 {:.4}", s.p, s.r, s.f1)?;
        }
        writeln!(f, "CoNLL F1 {:.4}", self.conll_f1)?;
        write!(f, "ARI     {:.4}", self.ari)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn perfect_clustering_scores_one() {
        let g = labels(&[("a", "1"), ("b", "1"), ("c", "2")]);
        let s = labels(&[("a", "x"), ("b", "x"), ("c", "y")]);
        let sc = score(&g, &s);
        assert_eq!(
            (sc.b3.f1, sc.muc.f1, sc.ceafe.f1, sc.ari),
            (1.0, 1.0, 1.0, 1.0)
        );
    }

    #[test]
    fn b3_matches_the_reference_on_a_known_case() {
        // gold {a,b,c} {d}; system {a,b} {c,d}: P = (1+1+.5+.5)/4 = .75, R = (2/3+2/3+1/3+1)/4 = 2/3.
        let g = labels(&[("a", "1"), ("b", "1"), ("c", "1"), ("d", "2")]);
        let s = labels(&[("a", "x"), ("b", "x"), ("c", "y"), ("d", "y")]);
        let sc = score(&g, &s);
        assert!((sc.b3.p - 0.75).abs() < 1e-12 && (sc.b3.r - 2.0 / 3.0).abs() < 1e-12);
        // MUC recall: gold {a,b,c} split in 2 parts → (3-2)/(3-1) = .5; precision: {a,b} 1/1, {c,d} split 0/1 → .5
        assert!((sc.muc.r - 0.5).abs() < 1e-12 && (sc.muc.p - 0.5).abs() < 1e-12);
    }

    #[test]
    fn missing_items_are_singletons() {
        let g = labels(&[("a", "1"), ("b", "1")]);
        let s = labels(&[("a", "x")]);
        let sc = score(&g, &s);
        assert_eq!(sc.missing, 1);
        assert_eq!(sc.b3.p, 1.0);
        assert_eq!(sc.b3.r, 0.5);
    }

    #[test]
    fn reads_gold_columns_and_system_fields() {
        let g =
            read_gold("id\ttopic\tsub\na\t1\t1a\nb\t1\t1b\n".as_bytes(), "sub").unwrap_or_default();
        assert_eq!(g.get("b").map(String::as_str), Some("1b"));
        assert!(read_gold("id\ttopic\n".as_bytes(), "nope").is_err());
        let s = read_system(
            "{\"id\":\"a\",\"event\":\"e1\"}\n{\"id\":\"b\",\"event\":null}\n".as_bytes(),
            "event",
        )
        .unwrap_or_default();
        assert_eq!(s.len(), 1);
    }
}
