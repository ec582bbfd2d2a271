//! The trained tagger: two tagging passes (the second sees what the first predicted for the
//! same words elsewhere in the document) and the learnt lexicon, in a compact compressed file.

use crate::cache::{FormCache, Known};
use crate::codec::{Reader, Writer};
use crate::consistency::propagate_person_names;
use crate::features::Document;
use crate::forms::{Form, Part, PARTS};
use crate::lexicon::{Lexicon, LEVELS};
use crate::stage::Stage;
use crate::tag::{Tag, NUM_TAGS};
use crate::weights::Weights;
use crate::NerError;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::OnceLock;

const MAGIC: &[u8; 8] = b"SLNER\0\0\x02";

/// The model committed at `models/ner.bin`.
static EMBEDDED: &[u8] = include_bytes!("../../../models/ner.bin");

/// A named-entity tagger.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Tagging passes; every pass after the first also sees the previous pass's tags.
    stages: Vec<Stage>,
    /// Word clusters, case statistics and names.
    lexicon: Lexicon,
    /// The weights of all passes in one table (derived from `stages`).
    table: Weights,
    /// Forms analysed so far, with their weight sums.
    cache: FormCache,
}

impl Model {
    /// A model from its passes and lexicon.
    pub(crate) fn new(stages: Vec<Stage>, lexicon: Lexicon) -> Model {
        Model {
            table: all_passes(&stages),
            stages,
            lexicon,
            cache: FormCache::default(),
        }
    }

    /// The model committed with the crate (`models/ner.bin`), loaded once.
    pub fn embedded() -> Result<&'static Model, NerError> {
        static MODEL: OnceLock<Result<Model, String>> = OnceLock::new();
        MODEL
            .get_or_init(|| Model::load(EMBEDDED).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| NerError::Model(format!("embedded model: {e}")))
    }

    /// The learnt word clusters, case statistics and names.
    pub(crate) fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Number of features with weights (all passes).
    pub fn features(&self) -> usize {
        self.stages.iter().map(Stage::features).sum()
    }

    /// Tags one sentence on its own (IOB2, always a valid sequence).
    pub fn tag(&self, tokens: &[&str]) -> Vec<Tag> {
        self.tag_document(&[tokens.to_vec()])
            .pop()
            .unwrap_or_default()
    }

    /// Tags the sentences of one document together: what the document says elsewhere about a
    /// word informs its tag (e.g. in an all-caps headline). One tag sequence per sentence.
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let doc = Document::new(
            sentences,
            self.cache.boundary(|| self.known(Form::boundary())),
            |t| {
                self.cache
                    .get(t, || self.known(Form::new(t, &self.lexicon)))
            },
        );
        let passes = self.stages.len();
        // Weight sums of the features that do not depend on earlier passes, all passes at once,
        // token after token.
        let mut base = vec![[0; NUM_TAGS]; doc.len() * passes];
        for (g, sums) in base.chunks_exact_mut(passes.max(1)).enumerate() {
            for (f, part) in doc.parts(g) {
                let p = part.index();
                let add = doc.forms().get(f).map_or(&[][..], |k| {
                    k.sums.get(p * passes..(p + 1) * passes).unwrap_or(&[])
                });
                for (sum, add) in sums.iter_mut().zip(add) {
                    sum.iter_mut().zip(add).for_each(|(s, a)| *s += a);
                }
            }
        }
        let extra = doc.token_features(&self.lexicon);
        for r in doc.sentences() {
            self.table.warm(extra.tokens(r.clone()));
            for g in r.clone() {
                let sums = base
                    .get_mut(g * passes..(g + 1) * passes)
                    .unwrap_or(&mut []);
                self.table.add(extra.token(g), sums);
            }
        }
        let mut tags: Vec<Tag> = Vec::new();
        for (i, stage) in self.stages.iter().enumerate() {
            let aggregates = (i > 0).then(|| doc.aggregate_features(&tags));
            let mut next = Vec::with_capacity(doc.len());
            for r in doc.sentences() {
                let mut sums: Vec<[i32; NUM_TAGS]> = r
                    .clone()
                    .map(|g| base.get(g * passes + i).copied().unwrap_or_default())
                    .collect();
                if let Some(aggregates) = &aggregates {
                    stage.warm(aggregates.tokens(r.clone()));
                    for (g, sum) in r.clone().zip(sums.iter_mut()) {
                        stage.add(aggregates.token(g), sum);
                    }
                }
                next.extend(stage.decode_sums(&sums));
            }
            tags = next;
        }
        let mut tags = tags.into_iter();
        let mut nested: Vec<Vec<Tag>> = doc
            .sentences()
            .iter()
            .map(|r| tags.by_ref().take(r.len()).collect())
            .collect();
        propagate_person_names(sentences, &mut nested);
        nested
    }

    /// A form with the summed weights of its parts in every pass.
    fn known(&self, form: Form) -> Known {
        let passes = self.stages.len();
        let mut sums = vec![[0; NUM_TAGS]; PARTS * passes];
        for (p, part_sums) in sums.chunks_exact_mut(passes.max(1)).enumerate() {
            self.table.add(form.ids(Part::from_index(p)), part_sums);
        }
        Known { form, sums }
    }

    /// Serialises the model (deflate-compressed, deterministic byte for byte).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.varint(self.stages.len() as u64);
        for stage in &self.stages {
            stage.write(&mut w);
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
        let mut names: Vec<_> = self.lexicon.names.0.iter().collect();
        names.sort_unstable();
        w.varint(names.len() as u64);
        for (name, mask) in names {
            w.str(name);
            w.varint(u64::from(*mask));
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
        let body = bytes.strip_prefix(MAGIC.as_slice()).ok_or_else(|| {
            NerError::Model("not a storyline NER model of this version (bad magic)".into())
        })?;
        let mut raw = Vec::new();
        DeflateDecoder::new(body)
            .read_to_end(&mut raw)
            .map_err(|e| NerError::Model(format!("model data is corrupt ({e})")))?;
        let mut r = Reader(&raw);
        let stages = (0..r.count()?)
            .map(|_| Stage::read(&mut r))
            .collect::<Result<Vec<_>, _>>()?;
        if stages.is_empty() {
            return Err(NerError::Model("model has no tagging pass".into()));
        }
        let mut lexicon = Lexicon::default();
        for _ in 0..r.count()? {
            let word = r.str()?;
            let mut ids = [0u16; LEVELS];
            for id in ids.iter_mut() {
                *id = u16::try_from(r.varint()?)
                    .map_err(|_| NerError::Model("cluster id out of range".into()))?;
            }
            lexicon.clusters.insert(word, ids);
        }
        for _ in 0..r.count()? {
            let word = r.str()?;
            let bucket = u8::try_from(r.varint()?)
                .map_err(|_| NerError::Model("case bucket out of range".into()))?;
            lexicon.case.insert(word, bucket);
        }
        for _ in 0..r.count()? {
            let name = r.str()?;
            let mask = u8::try_from(r.varint()?)
                .map_err(|_| NerError::Model("class mask out of range".into()))?;
            lexicon.names.0.insert(name, mask);
        }
        Ok(Model::new(stages, lexicon))
    }
}

/// One table with the weights of every pass side by side (zeros where a pass lacks a feature).
fn all_passes(stages: &[Stage]) -> Weights {
    let mut entries: Vec<(u32, usize, &[i16])> = stages
        .iter()
        .enumerate()
        .flat_map(|(pass, stage)| {
            let rows = stage.weights().sorted();
            rows.into_iter().map(move |(key, row)| (key, pass, row))
        })
        .collect();
    entries.sort_unstable_by_key(|&(key, pass, _)| (key, pass));
    let width = stages.len() * NUM_TAGS;
    let rows = entries.chunk_by(|a, b| a.0 == b.0).map(|same| {
        let mut all = vec![0; width];
        for &(_, pass, row) in same {
            if let Some(slot) = all.get_mut(pass * NUM_TAGS..(pass + 1) * NUM_TAGS) {
                slot.iter_mut().zip(row).for_each(|(s, w)| *s = *w);
            }
        }
        (same.first().map_or(0, |e| e.0), all)
    });
    Weights::with_passes(stages.len(), rows)
}
