//! MinHash signatures by one-permutation hashing (OPH) with optimal densification.
//!
//! Classic MinHash applies `num_perm` hash functions to every shingle: O(n·K) work, which is what
//! makes `datasketch` slow. OPH hashes each shingle once, uses the low bits of the hash to pick
//! one of K bins and keeps the minimum per bin: O(n + K). Bins left empty (short texts) are filled
//! by *optimal densification* (Shrivastava, ICML 2017): an empty bin copies the value of the first
//! non-empty bin along a pseudo-random probe sequence that depends only on the bin number, so two
//! texts borrow from the same bins and the probability that bin `i` agrees stays the Jaccard
//! similarity of the two shingle sets. The signature only feeds LSH band keys; verification uses
//! the bottom-k sketch kept next to them (see `sketch`).

use crate::shingle::{fmix64, shingles};
use crate::DedupeConfig;
use serde::{Deserialize, Serialize};

/// Everything needed to index and verify one article: compact, pure and safe to compute in parallel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// Hash of the normalised word sequence (0 when the text has no words): equal means exact copy.
    content: u64,
    /// Number of distinct shingles.
    shingles: u32,
    /// LSH key of each band (empty when the text has no words).
    bands: Vec<u32>,
    /// Bottom-k sketch: the `query_sketch` smallest 32-bit shingle hashes, ascending.
    sketch: Vec<u32>,
}

impl Fingerprint {
    /// Hash of the normalised text; equal hashes mean the same words in the same order.
    pub fn content_hash(&self) -> u64 {
        self.content
    }

    /// Number of distinct shingles (the set size).
    pub fn shingle_count(&self) -> u32 {
        self.shingles
    }

    /// The LSH band keys, one per band.
    pub fn band_keys(&self) -> &[u32] {
        &self.bands
    }

    /// The bottom-k sketch of shingle hashes, ascending.
    pub fn sketch(&self) -> &[u32] {
        &self.sketch
    }
}

/// Computes the fingerprint of `text` under `cfg` (shingle width, bins, banding, sketch size).
pub fn fingerprint(cfg: &DedupeConfig, text: &str) -> Fingerprint {
    let set = shingles(text, cfg.shingle_words);
    let shingles = u32::try_from(set.hashes.len()).unwrap_or(u32::MAX);
    if set.hashes.is_empty() {
        return Fingerprint {
            content: set.content,
            shingles,
            bands: Vec::new(),
            sketch: Vec::new(),
        };
    }
    let signature = one_permutation(&set.hashes, cfg.num_perm.max(1));
    let rows = cfg.rows.max(1);
    let bands = signature
        .chunks_exact(rows)
        .take(cfg.band_count())
        .enumerate()
        .map(|(b, values)| band_key(b, values))
        .collect();
    Fingerprint {
        content: set.content,
        shingles,
        bands,
        sketch: bottom_k(&set.hashes, cfg.query_sketch.max(cfg.sketch)),
    }
}

/// LSH key of band `b`: a hash of its signature values and the band number.
fn band_key(b: usize, values: &[u32]) -> u32 {
    let h = values
        .iter()
        .fold(fmix64(b as u64 + 1), |h, &v| fmix64(h ^ u64::from(v)));
    (h >> 32) as u32
}

/// The `k` smallest distinct high-32-bit shingle hashes, ascending: a prefix of the sorted hashes,
/// so it costs no second sort. The high bits are independent of the low bits that choose OPH
/// bins, and every text samples the same hash range, so two sketches are coordinated samples (see
/// `sketch`).
fn bottom_k(sorted: &[u64], k: usize) -> Vec<u32> {
    let mut high: Vec<u32> = Vec::with_capacity(k.min(sorted.len()));
    for &h in sorted {
        let v = (h >> 32) as u32;
        if high.last() != Some(&v) {
            if high.len() == k {
                break;
            }
            high.push(v);
        }
    }
    high
}

/// OPH signature with `bins` bins over a non-empty set of well-mixed hashes.
fn one_permutation(hashes: &[u64], bins: usize) -> Vec<u32> {
    let mut mins = vec![u64::MAX; bins];
    let mut filled = vec![false; bins];
    for &h in hashes {
        let b = bin_of(h, bins);
        filled[b] = true;
        if h < mins[b] {
            mins[b] = h;
        }
    }
    let mut signature: Vec<u32> = mins.iter().map(|&m| (m ^ (m >> 32)) as u32).collect();
    for i in 0..bins {
        if !filled[i] {
            signature[i] = signature[donor(i, bins, &filled)];
        }
    }
    signature
}

/// Bin of a hash: its low 32 bits scaled to `0..bins` (multiply-shift, no division). The minimum
/// within a bin is then decided by the high bits, independently of the bin.
fn bin_of(h: u64, bins: usize) -> usize {
    ((u128::from(h & 0xffff_ffff) * bins as u128) >> 32) as usize
}

/// The non-empty bin an empty bin `i` copies from: the first hit of a probe sequence seeded by `i`
/// alone. Falls back to a circular scan so the result is defined even for pathological probes.
fn donor(i: usize, bins: usize, filled: &[bool]) -> usize {
    let seed = fmix64(i as u64 ^ 0x5851_f42d_4c95_7f2d);
    for attempt in 0..(bins as u64).saturating_mul(8) {
        let j = bin_of(
            fmix64(seed.wrapping_add(attempt.wrapping_mul(0x9e37_79b9_7f4a_7c15))),
            bins,
        );
        if filled[j] {
            return j;
        }
    }
    (1..bins)
        .map(|d| (i + d) % bins)
        .find(|&j| filled[j])
        .unwrap_or(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signature(text: &str) -> Vec<u32> {
        one_permutation(&shingles(text, 3).hashes, 128)
    }

    #[test]
    fn identical_texts_have_identical_fingerprints() {
        let cfg = DedupeConfig::default();
        let text = "Harbour cranes stood idle on Tuesday. Dock workers said talks would resume.";
        assert_eq!(fingerprint(&cfg, text), fingerprint(&cfg, text));
    }

    #[test]
    fn agreement_tracks_jaccard() {
        let words: Vec<String> = (0..400).map(|i| format!("w{i}")).collect();
        // Two 300-word single-sentence texts overlapping in 200 words: Jaccard of 3-shingles ~ 198/402.
        let a = words[..300].join(" ");
        let b = words[100..].join(" ");
        let (sa, sb) = (signature(&a), signature(&b));
        let est = sa.iter().zip(&sb).filter(|(x, y)| x == y).count() as f64 / 128.0;
        assert!((est - 198.0 / 402.0).abs() < 0.15, "estimate {est}");
    }

    #[test]
    fn short_text_is_densified_fully() {
        let cfg = DedupeConfig::default();
        let fp = fingerprint(&cfg, "Storm closes pass");
        assert_eq!(fp.shingle_count(), 1);
        assert_eq!(fp.sketch().len(), 1);
        assert_eq!(fp.band_keys().len(), cfg.band_count());
        let sig = signature("Storm closes pass");
        assert!(sig.iter().all(|&v| v == sig[0]));
    }

    #[test]
    fn no_words_means_no_signature() {
        let fp = fingerprint(&DedupeConfig::default(), "... !!");
        assert!(fp.band_keys().is_empty() && fp.sketch().is_empty());
        assert_eq!(fp.content_hash(), 0);
    }
}
