//! Word knowledge learnt from unlabelled text: distributional word clusters at three
//! granularities (k-means over PPMI context vectors, coarse levels clustered from the fine
//! centroids so that they nest) and how often each word is written in lower case.

use crate::fasthash::FastMap;
use crate::gazetteer::Gazetteer;
use crate::kmeans::{self, Sparse};
use std::collections::HashMap;

/// Number of cluster granularities (fine, middle, coarse).
pub(crate) const LEVELS: usize = 3;

/// Settings for learning a lexicon.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LexiconOptions {
    /// Number of fine clusters (the middle and coarse levels have a quarter and a sixteenth).
    pub clusters: usize,
    /// Minimum frequency of a clustered word.
    pub min_count: u32,
    /// Maximum number of clustered words (most frequent first).
    pub max_vocab: usize,
    /// Number of context words (most frequent) that describe a word.
    pub contexts: usize,
    /// k-means iterations.
    pub iterations: usize,
    /// Seed of the k-means initialisation.
    pub seed: u64,
}

/// Word clusters and case statistics.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Lexicon {
    /// Cluster ids (fine, middle, coarse) per digit-normalised word form.
    pub clusters: FastMap<String, [u16; LEVELS]>,
    /// Lower-case share bucket (1..=7) per lower-cased, digit-normalised form.
    pub case: FastMap<String, u8>,
    /// Names seen in the labelled training data.
    pub names: Gazetteer,
}

/// Replaces ASCII digits by `0` so that numbers share statistics.
pub(crate) fn norm_digits(word: &str) -> String {
    word.chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// `Title` case of a word (`JAPAN` → `Japan`).
fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// Bucket of the share of lower-case spellings (`0` = unseen).
fn case_bucket(lower: u32, total: u32) -> u8 {
    if total == 0 {
        return 0;
    }
    if lower == 0 {
        return 1;
    }
    match f64::from(lower) / f64::from(total) {
        r if r < 0.05 => 2,
        r if r < 0.3 => 3,
        r if r < 0.7 => 4,
        r if r < 0.95 => 5,
        r if r < 1.0 => 6,
        _ => 7,
    }
}

/// Tokens after which a capital says nothing about the word (sentence or quote starts).
pub(crate) fn opens_sentence(prev: &str) -> bool {
    matches!(
        prev,
        "." | "!" | "?" | ":" | "\"" | "'" | "`" | "``" | "(" | "-" | "--" | ";"
    )
}

impl Lexicon {
    /// Learns clusters and case statistics from tokenised sentences (no names yet).
    pub fn learn(sentences: &[Vec<String>], opts: &LexiconOptions) -> Lexicon {
        let normed: Vec<Vec<String>> = sentences
            .iter()
            .map(|s| s.iter().map(|t| norm_digits(t)).collect())
            .collect();
        Lexicon {
            clusters: learn_clusters(&normed, opts),
            case: learn_case(&normed),
            names: Gazetteer::default(),
        }
    }

    /// Cluster ids of a word: its own form, else its `Title` form, else its lower-case form.
    pub fn clusters_of(&self, normed: &str) -> Option<[u16; LEVELS]> {
        self.clusters
            .get(normed)
            .or_else(|| self.clusters.get(&title_case(normed)))
            .or_else(|| self.clusters.get(&normed.to_lowercase()))
            .copied()
    }

    /// Lower-case share bucket of a lower-cased, digit-normalised form (`0` = unseen).
    pub fn case_of(&self, lower: &str) -> u8 {
        self.case.get(lower).copied().unwrap_or(0)
    }
}

fn learn_case(sentences: &[Vec<String>]) -> FastMap<String, u8> {
    let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
    for s in sentences {
        if !s.iter().any(|t| t.chars().any(char::is_lowercase)) {
            continue; // an all-caps headline says nothing about case
        }
        for pair in s.windows(2) {
            let [prev, word] = pair else { continue };
            if opens_sentence(prev) || !word.chars().any(char::is_alphabetic) {
                continue;
            }
            let entry = counts.entry(word.to_lowercase()).or_default();
            entry.1 += 1;
            if !word.chars().any(char::is_uppercase) {
                entry.0 += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, (_, total))| *total >= 2)
        .map(|(w, (lower, total))| (w, case_bucket(lower, total)))
        .collect()
}

/// Words sorted by falling frequency (ties by text), with their counts.
fn by_frequency(sentences: &[Vec<String>]) -> Vec<(&str, u32)> {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for t in sentences.iter().flatten() {
        *counts.entry(t.as_str()).or_default() += 1;
    }
    let mut words: Vec<(&str, u32)> = counts.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    words
}

/// Context offsets that describe a word.
const OFFSETS: [isize; 4] = [-2, -1, 1, 2];

/// PPMI-weighted, unit-length context vectors of the vocabulary.
fn context_vectors(
    sentences: &[Vec<String>],
    vocab: &HashMap<&str, u32>,
    contexts: &HashMap<&str, u32>,
) -> Vec<Sparse> {
    let n_ctx = contexts.len() as u64;
    let mut pairs: Vec<u64> = Vec::new();
    for s in sentences {
        for (i, w) in s.iter().enumerate() {
            let Some(&v) = vocab.get(w.as_str()) else {
                continue;
            };
            for (slot, off) in OFFSETS.iter().enumerate() {
                let Some(c) = i.checked_add_signed(*off).and_then(|j| s.get(j)) else {
                    continue;
                };
                if let Some(&ci) = contexts.get(c.as_str()) {
                    pairs.push((u64::from(v) << 32) | (slot as u64 * n_ctx + u64::from(ci)));
                }
            }
        }
    }
    pairs.sort_unstable();
    let mut cells: Vec<(u32, u32, f64)> = Vec::new();
    for p in pairs {
        let (v, d) = ((p >> 32) as u32, (p & 0xFFFF_FFFF) as u32);
        match cells.last_mut() {
            Some(last) if last.0 == v && last.1 == d => last.2 += 1.0,
            _ => cells.push((v, d, 1.0)),
        }
    }
    let dims = OFFSETS.len() * contexts.len();
    let mut row_sum = vec![0.0f64; vocab.len()];
    let mut col_sum = vec![0.0f64; dims];
    for &(v, d, n) in &cells {
        row_sum[v as usize] += n;
        col_sum[d as usize] += n;
    }
    // Context-distribution smoothing (exponent 0.75) tames rare contexts.
    let col_smooth: Vec<f64> = col_sum.iter().map(|c| c.powf(0.75)).collect();
    let smooth_total: f64 = col_smooth.iter().sum();
    let mut points: Vec<Sparse> = vec![Vec::new(); vocab.len()];
    for (v, d, n) in cells {
        let pmi = (n * smooth_total / (row_sum[v as usize] * col_smooth[d as usize])).ln();
        if pmi > 0.0 {
            points[v as usize].push((d, pmi as f32));
        }
    }
    for p in &mut points {
        let norm = p.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            p.iter_mut().for_each(|(_, x)| *x /= norm);
        }
    }
    points
}

fn learn_clusters(
    sentences: &[Vec<String>],
    opts: &LexiconOptions,
) -> FastMap<String, [u16; LEVELS]> {
    let words = by_frequency(sentences);
    let vocab: HashMap<&str, u32> = words
        .iter()
        .take_while(|(_, n)| *n >= opts.min_count)
        .take(opts.max_vocab)
        .enumerate()
        .map(|(i, (w, _))| (*w, i as u32))
        .collect();
    let contexts: HashMap<&str, u32> = words
        .iter()
        .take(opts.contexts)
        .enumerate()
        .map(|(i, (w, _))| (*w, i as u32))
        .collect();
    let points = context_vectors(sentences, &vocab, &contexts);
    let dims = OFFSETS.len() * contexts.len();
    let (fine, fine_centroids) =
        kmeans::cluster(&points, dims, opts.clusters, opts.iterations, opts.seed);
    let fine_points: Vec<Sparse> = fine_centroids.iter().map(|c| kmeans::sparse(c)).collect();
    let (mid, mid_centroids) = kmeans::cluster(
        &fine_points,
        dims,
        (opts.clusters / 4).max(2),
        opts.iterations,
        opts.seed + 1,
    );
    let mid_points: Vec<Sparse> = mid_centroids.iter().map(|c| kmeans::sparse(c)).collect();
    let (coarse, _) = kmeans::cluster(
        &mid_points,
        dims,
        (opts.clusters / 16).max(2),
        opts.iterations,
        opts.seed + 2,
    );
    vocab
        .iter()
        .filter_map(|(w, &i)| {
            let f = *fine.get(i as usize)?;
            let m = *mid.get(f as usize)?;
            let c = *coarse.get(m as usize)?;
            Some(((*w).to_string(), [f as u16, m as u16, c as u16]))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Vec<Vec<String>> {
        let mut out = Vec::new();
        for (i, name) in ["Oslo", "Lima", "Quito", "Perth"].iter().enumerate() {
            for verb in ["sang", "ran", "wrote", "spoke"] {
                let line = format!("Mira {verb} in {name} on day {i} .");
                out.push(line.split(' ').map(str::to_string).collect());
                let line = format!("Yesterday we {verb} in {name} and then the {verb} ended .");
                out.push(line.split(' ').map(str::to_string).collect());
            }
        }
        out
    }

    #[test]
    fn learns_nested_clusters_and_case() {
        let opts = LexiconOptions {
            clusters: 8,
            min_count: 2,
            max_vocab: 100,
            contexts: 30,
            iterations: 10,
            seed: 1,
        };
        let lex = Lexicon::learn(&corpus(), &opts);
        let oslo = lex.clusters_of("OSLO").unwrap();
        let lima = lex.clusters_of("Lima").unwrap();
        assert_eq!(oslo[LEVELS - 1], lima[LEVELS - 1]);
        assert!(lex.clusters_of("Zzyzx").is_none());
        assert_eq!(lex.case_of("oslo"), 1);
        assert_eq!(lex.case_of("sang"), 7);
        assert_eq!(lex.case_of("unseen"), 0);
        assert_eq!(norm_digits("1996-08-22"), "0000-00-00");
    }
}
