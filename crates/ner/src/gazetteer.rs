//! Names seen in labelled data, with the classes they were tagged as, matched as token n-grams.

use crate::corpus::Labelled;
use crate::fasthash::FastMap;
use crate::features::canonical;
use crate::tag::{entities, KINDS};
use std::collections::HashMap;

/// Longest name matched, in tokens.
const MAX_LEN: usize = 6;

/// Lower-cased names (tokens joined by spaces) → mask of the classes they were seen as (bit
/// order of [`KINDS`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Gazetteer(pub FastMap<String, u8>);

/// The lookup key of a token sequence.
fn key<S: AsRef<str>>(tokens: &[S]) -> String {
    tokens
        .iter()
        .map(|t| canonical(t.as_ref()).to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Gazetteer {
    /// Collects the entities of labelled sentences; a class counts for a name when at least a
    /// quarter of its occurrences have it.
    pub fn from_labelled<'a>(sentences: impl Iterator<Item = &'a Labelled>) -> Gazetteer {
        let mut counts: HashMap<String, [u32; 4]> = HashMap::new();
        for s in sentences {
            for (a, b, kind) in entities(&s.tags) {
                let (Some(tokens), Some(k)) =
                    (s.tokens.get(a..=b), KINDS.iter().position(|x| *x == kind))
                else {
                    continue;
                };
                if tokens.len() <= MAX_LEN {
                    counts.entry(key(tokens)).or_default()[k] += 1;
                }
            }
        }
        let names = counts
            .into_iter()
            .map(|(name, c)| {
                let total: u32 = c.iter().sum();
                let mask = c
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| **n * 4 >= total)
                    .fold(0u8, |m, (k, _)| m | (1 << k));
                (name, mask)
            })
            .collect();
        Gazetteer(names)
    }

    /// Every known name in a sentence given as lookup keys (canonical, lower-cased tokens):
    /// (first token, length, class mask).
    pub fn matches_keys(&self, keys: &[&str]) -> Vec<(usize, usize, u8)> {
        let mut out = Vec::new();
        if self.0.is_empty() {
            return out;
        }
        let mut name = String::new();
        for start in 0..keys.len() {
            name.clear();
            for (len, word) in keys.iter().skip(start).take(MAX_LEN).enumerate() {
                if len > 0 {
                    name.push(' ');
                }
                name.push_str(word);
                if let Some(&mask) = self.0.get(name.as_str()) {
                    out.push((start, len + 1, mask));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::Tag;

    #[test]
    fn learns_and_matches_names() {
        let tag = |s: &str| Tag::parse(s).unwrap();
        let s = Labelled {
            tokens: ["Port", "Velden", "beat", "Velden", "FC"]
                .map(String::from)
                .to_vec(),
            tags: vec![
                tag("B-LOC"),
                tag("I-LOC"),
                Tag::O,
                tag("B-ORG"),
                tag("I-ORG"),
            ],
            doc: 0,
        };
        let g = Gazetteer::from_labelled([&s].into_iter());
        assert_eq!(g.0.get("port velden"), Some(&0b0100));
        let m = g.matches_keys(&["port", "velden", "and", "velden", "fc"]);
        assert_eq!(m, vec![(0, 2, 0b0100), (3, 2, 0b0010)]);
    }
}
