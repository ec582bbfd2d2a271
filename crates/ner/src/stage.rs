//! One tagging pass: quantised feature weights and tag-bigram scores, decoded with Viterbi.

use crate::codec::{Reader, Writer};
use crate::decode::{viterbi, Transitions};
use crate::tag::{Tag, NUM_TAGS};
use crate::weights::{Row, Weights};
use crate::NerError;

/// Weights of one tagging pass.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stage {
    /// Quantised weights per hashed feature.
    weights: Weights,
    /// Value of one quantisation step.
    scale: f32,
    /// Tag-bigram scores.
    transitions: Transitions,
}

impl Stage {
    /// Quantises real-valued weights to 16 bits, dropping features whose weights all round to
    /// zero.
    pub fn from_weights(
        weights: impl Iterator<Item = (u32, [f32; NUM_TAGS])> + Clone,
        transitions: Transitions,
    ) -> Stage {
        let max = weights
            .clone()
            .flat_map(|(_, w)| w)
            .fold(0.0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 {
            max / f32::from(i16::MAX)
        } else {
            1.0
        };
        let weights = Weights::new(weights.filter_map(|(h, w)| {
            let q = w.map(|x| (x / scale).round() as i16);
            q.iter().any(|x| *x != 0).then_some((h, q))
        }));
        Stage {
            weights,
            scale,
            transitions,
        }
    }

    /// The weights.
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// Number of features with weights.
    pub fn features(&self) -> usize {
        self.weights.len()
    }

    /// Prepares the lookups of features `ids` (see [`Weights::warm`]).
    pub fn warm(&self, ids: &[u32]) {
        self.weights.warm(ids);
    }

    /// Adds the weights of features `ids` to `sum` (quantisation steps per tag).
    pub fn add(&self, ids: &[u32], sum: &mut [i32; NUM_TAGS]) {
        self.weights.add(ids, std::slice::from_mut(sum));
    }

    /// The best valid IOB2 tags of a sentence given its tokens' summed weights (see
    /// [`Stage::add`]).
    pub fn decode_sums(&self, sums: &[[i32; NUM_TAGS]]) -> Vec<Tag> {
        let emissions: Vec<[f32; NUM_TAGS]> = sums
            .iter()
            .map(|sum| sum.map(|s| s as f32 * self.scale))
            .collect();
        viterbi(&emissions, &self.transitions)
            .into_iter()
            .map(Tag::from_index)
            .collect()
    }

    /// The best valid IOB2 tags of a sentence given its tokens' features.
    pub fn decode(&self, features: &[Vec<u32>]) -> Vec<Tag> {
        let sums: Vec<[i32; NUM_TAGS]> = features
            .iter()
            .map(|fs| {
                let mut sum = [0; NUM_TAGS];
                self.add(fs, &mut sum);
                sum
            })
            .collect();
        self.decode_sums(&sums)
    }

    /// Appends the stage to a model file body.
    pub fn write(&self, w: &mut Writer) {
        w.f32(self.scale);
        for v in self.transitions.iter().flatten() {
            w.f32(*v);
        }
        let rows = self.weights.sorted();
        w.varint(rows.len() as u64);
        let mut prev = 0u32;
        for (h, _) in &rows {
            w.varint(u64::from(*h - prev));
            prev = *h;
        }
        for t in 0..NUM_TAGS {
            for (_, q) in &rows {
                w.zigzag(i64::from(q.get(t).copied().unwrap_or(0)));
            }
        }
    }

    /// Reads a stage written by [`Stage::write`].
    pub fn read(r: &mut Reader) -> Result<Stage, NerError> {
        let scale = r.f32()?;
        let mut transitions = [[0.0; NUM_TAGS]; NUM_TAGS + 1];
        for v in transitions.iter_mut().flatten() {
            *v = r.f32()?;
        }
        let n = r.count()?;
        let mut hashes = Vec::with_capacity(n);
        let mut prev = 0u64;
        for _ in 0..n {
            prev += r.varint()?;
            hashes.push(
                u32::try_from(prev)
                    .map_err(|_| NerError::Model("feature id out of range".into()))?,
            );
        }
        let mut rows: Vec<Row> = vec![[0; NUM_TAGS]; n];
        for t in 0..NUM_TAGS {
            for row in rows.iter_mut() {
                row[t] = i16::try_from(r.zigzag()?)
                    .map_err(|_| NerError::Model("weight out of range".into()))?;
            }
        }
        Ok(Stage {
            weights: Weights::new(hashes.into_iter().zip(rows)),
            scale,
            transitions,
        })
    }
}
