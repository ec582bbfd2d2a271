//! The trained tagger: quantised feature weights, tag transitions and the learnt lexicon, with
//! a compact compressed file format.

use crate::codec::{Reader, Writer};
use crate::decode::{viterbi, Transitions};
use crate::consistency::propagate_person_names;
use crate::features::document_features;
use crate::lexicon::{Lexicon, LEVELS};
use crate::tag::{Tag, NUM_TAGS};
use crate::NerError;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::OnceLock;

const MAGIC: &[u8; 8] = b"SLNER\0\0\x01";

/// The model committed at `models/ner.bin`.
static EMBEDDED: &[u8] = include_bytes!("../../../models/ner.bin");

/// A named-entity tagger.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Quantised weights per hashed feature.
    weights: HashMap<u32, [i16; NUM_TAGS]>,
    /// Value of one quantisation step.
    scale: f32,
    /// Tag-bigram scores.
    transitions: Transitions,
    /// Word clusters and case statistics.
    lexicon: Lexicon,
}

impl Model {
    /// Builds a model from real-valued weights, quantising them to 16 bits and dropping
    /// features whose weights all round to zero.
    pub(crate) fn from_weights(
        weights: impl Iterator<Item = (u32, [f32; NUM_TAGS])> + Clone,
        transitions: Transitions,
        lexicon: Lexicon,
    ) -> Model {
        let max = weights.clone().flat_map(|(_, w)| w).fold(0.0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / f32::from(i16::MAX) } else { 1.0 };
        let weights = weights
            .filter_map(|(h, w)| {
                let q = w.map(|x| (x / scale).round() as i16);
                q.iter().any(|x| *x != 0).then_some((h, q))
            })
            .collect();
        Model { weights, scale, transitions, lexicon }
    }

    /// The model committed with the crate (`models/ner.bin`), loaded once.
    pub fn embedded() -> Result<&'static Model, NerError> {
        static MODEL: OnceLock<Result<Model, String>> = OnceLock::new();
        MODEL
            .get_or_init(|| Model::load(EMBEDDED).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| NerError::Model(format!("embedded model: {e}")))
    }

    /// The learnt word clusters and case statistics.
    pub(crate) fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Number of features with weights.
    pub fn features(&self) -> usize {
        self.weights.len()
    }

    /// Tags one sentence on its own (IOB2, always a valid sequence).
    pub fn tag(&self, tokens: &[&str]) -> Vec<Tag> {
        self.tag_document(&[tokens.to_vec()]).pop().unwrap_or_default()
    }

    /// Tags the sentences of one document together: what the document says elsewhere about a
    /// word informs its tag (e.g. in an all-caps headline). One tag sequence per sentence.
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let mut tags: Vec<Vec<Tag>> = document_features(sentences, &self.lexicon)
            .iter()
            .map(|f| viterbi(&self.emissions(f), &self.transitions).into_iter().map(Tag::from_index).collect())
            .collect();
        propagate_person_names(sentences, &mut tags);
        tags
    }

    fn emissions(&self, features: &[Vec<u32>]) -> Vec<[f32; NUM_TAGS]> {
        features
            .iter()
            .map(|fs| {
                let mut sum = [0i32; NUM_TAGS];
                for w in fs.iter().filter_map(|f| self.weights.get(f)) {
                    for (s, x) in sum.iter_mut().zip(w) {
                        *s += i32::from(*x);
                    }
                }
                sum.map(|s| s as f32 * self.scale)
            })
            .collect()
    }

    /// Serialises the model (deflate-compressed, deterministic byte for byte).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.f32(self.scale);
        for v in self.transitions.iter().flatten() {
            w.f32(*v);
        }
        let mut rows: Vec<(&u32, &[i16; NUM_TAGS])> = self.weights.iter().collect();
        rows.sort_unstable_by_key(|(h, _)| **h);
        w.varint(rows.len() as u64);
        let mut prev = 0u32;
        for (h, _) in &rows {
            w.varint(u64::from(**h - prev));
            prev = **h;
        }
        for t in 0..NUM_TAGS {
            for (_, q) in &rows {
                w.zigzag(i64::from(q[t]));
            }
        }
        let mut clusters: Vec<_> = self.lexicon.clusters.iter().collect();
        clusters.sort_unstable();
        w.varint(clusters.len() as u64);
        for (word, ids) in clusters {
            w.str(word);
            ids.iter().for_each(|id| w.varint(u64::from(*id)));
        }
        let mut case: Vec<_> = self.lexicon.case.iter().collect();
        case.sort_unstable();
        w.varint(case.len() as u64);
        for (word, bucket) in case {
            w.str(word);
            w.varint(u64::from(*bucket));
        }
        let mut enc = DeflateEncoder::new(MAGIC.to_vec(), Compression::best());
        // Writing to a Vec cannot fail.
        let _ = enc.write_all(&w.0);
        enc.finish().unwrap_or_default()
    }

    /// Writes the model to a file.
    pub fn save(&self, path: &Path) -> Result<(), NerError> {
        std::fs::write(path, self.to_bytes()).map_err(|e| NerError::io(path, e))
    }

    /// Reads a model written by [`Model::save`].
    pub fn load(bytes: &[u8]) -> Result<Model, NerError> {
        let body = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or_else(|| NerError::Model("not a storyline NER model (bad magic)".into()))?;
        let mut raw = Vec::new();
        DeflateDecoder::new(body)
            .read_to_end(&mut raw)
            .map_err(|e| NerError::Model(format!("model data is corrupt ({e})")))?;
        let mut r = Reader(&raw);
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
            hashes.push(u32::try_from(prev).map_err(|_| NerError::Model("feature id out of range".into()))?);
        }
        let mut rows = vec![[0i16; NUM_TAGS]; n];
        for t in 0..NUM_TAGS {
            for row in rows.iter_mut() {
                row[t] = i16::try_from(r.zigzag()?).map_err(|_| NerError::Model("weight out of range".into()))?;
            }
        }
        let mut lexicon = Lexicon::default();
        for _ in 0..r.count()? {
            let word = r.str()?;
            let mut ids = [0u16; LEVELS];
            for id in ids.iter_mut() {
                *id = u16::try_from(r.varint()?).map_err(|_| NerError::Model("cluster id out of range".into()))?;
            }
            lexicon.clusters.insert(word, ids);
        }
        for _ in 0..r.count()? {
            let word = r.str()?;
            let bucket = u8::try_from(r.varint()?).map_err(|_| NerError::Model("case bucket out of range".into()))?;
            lexicon.case.insert(word, bucket);
        }
        Ok(Model { weights: hashes.into_iter().zip(rows).collect(), scale, transitions, lexicon })
    }
}
