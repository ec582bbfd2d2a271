//! An endless corpus of varied synthetic news-like documents for scaling runs.
//!
//! Words are pseudo-words built from syllables; their frequencies follow a Zipf law (as in real
//! text, a few words are very common), sentences have 6–24 words and documents 4–19 sentences in
//! paragraphs. Document `i` depends only on the seed and `i`, so documents can be generated in
//! parallel and any one regenerated on its own.

use crate::rng::Rng;
use crate::shingle::fmix64;

/// Syllables pseudo-words are made of.
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "sa", "tor", "vi", "an", "bel", "cor", "da", "el", "fin", "gra", "hu",
    "is", "jo", "ku", "lan", "mo", "nor", "ol", "pe", "qua", "ri", "ste", "tu", "ul", "ver", "wen",
    "xa", "yo", "zel", "ber", "chi", "dro",
];
/// Distinct words in the vocabulary.
const VOCABULARY: usize = 40_000;
/// Zipf exponent of word frequencies.
const ZIPF: f64 = 1.0;

/// Generator of synthetic documents.
#[derive(Debug, Clone)]
pub struct ScaleCorpus {
    seed: u64,
    words: Vec<String>,
    /// Cumulative word probabilities (Zipf), increasing to 1.
    cdf: Vec<f64>,
}

impl ScaleCorpus {
    /// A corpus generator for `seed`.
    pub fn new(seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let words: Vec<String> = (0..VOCABULARY)
            .map(|rank| {
                let syllables = 1 + rank.min(3000) * 3 / 3000 + rng.below(2);
                (0..syllables)
                    .map(|_| rng.pick(SYLLABLES).copied().unwrap_or("a"))
                    .collect()
            })
            .collect();
        let weights: Vec<f64> = (1..=VOCABULARY)
            .map(|r| 1.0 / (r as f64).powf(ZIPF))
            .collect();
        let total: f64 = weights.iter().sum();
        let mut acc = 0.0;
        let cdf = weights
            .iter()
            .map(|w| {
                acc += w / total;
                acc
            })
            .collect();
        ScaleCorpus { seed, words, cdf }
    }

    /// Document number `index`.
    pub fn document(&self, index: u64) -> String {
        let mut rng = Rng::new(fmix64(self.seed ^ fmix64(index.wrapping_add(1))));
        let mut out = String::with_capacity(1200);
        let sentences = 4 + rng.below(16);
        for s in 0..sentences {
            if s > 0 {
                out.push_str(if rng.chance(0.3) { "\n\n" } else { " " });
            }
            let length = 6 + rng.below(19);
            for w in 0..length {
                let word = self.word(&mut rng);
                if w == 0 {
                    let mut chars = word.chars();
                    out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                    out.push_str(chars.as_str());
                } else {
                    out.push(' ');
                    out.push_str(word);
                }
            }
            out.push('.');
        }
        out
    }

    fn word(&self, rng: &mut Rng) -> &str {
        let u = rng.unit();
        let rank = self
            .cdf
            .partition_point(|&c| c < u)
            .min(self.words.len().saturating_sub(1));
        self.words.get(rank).map_or("", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_deterministic_and_varied() {
        let a = ScaleCorpus::new(7);
        let b = ScaleCorpus::new(7);
        assert_eq!(a.document(12), b.document(12));
        assert_ne!(a.document(12), a.document(13));
        assert!(a.document(0).split_whitespace().count() >= 24);
    }
}
