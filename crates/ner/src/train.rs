//! Reproducible training: lexicon from unlabelled text, then an averaged structured perceptron
//! over the training sentences, with the epoch scoring best on the dev set kept.

use crate::corpus::{read_conll, read_unlabelled, Labelled};
use crate::decode::{viterbi, Transitions};
use crate::features::document_features;
use crate::kmeans::SplitMix;
use crate::lexicon::{Lexicon, LexiconOptions};
use crate::model::Model;
use crate::tag::NUM_TAGS;
use crate::NerError;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;
use storyline_eval::conll::{score, ConllScores};

/// Training settings. The defaults are the ones the committed model was trained with.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// Maximum number of passes over the training data.
    pub epochs: usize,
    /// Stop after this many epochs without a better dev F1.
    pub patience: usize,
    /// Seed of every random choice (shuffling, cluster initialisation).
    pub seed: u64,
    /// Unlabelled corpora for word clusters and case statistics (JSONL with `body`/`text`, or
    /// plain text; `.gz` accepted). The training sentences are always added.
    pub unlabelled: Vec<PathBuf>,
    /// Number of fine word clusters.
    pub clusters: usize,
    /// Features seen fewer times in the training data are dropped.
    pub min_feature_count: u32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { epochs: 20, patience: 4, seed: 17, unlabelled: Vec::new(), clusters: 400, min_feature_count: 1 }
    }
}

/// Figures of one training epoch.
#[derive(Debug, Clone, Serialize)]
pub struct EpochReport {
    /// Epoch number, from 1.
    pub epoch: usize,
    /// Training sentences tagged wrongly during the epoch.
    pub train_errors: usize,
    /// Entity-level F1 on the dev set with the averaged weights.
    pub dev_f1: f64,
}

/// What training did and how well the kept model scores on the dev set.
#[derive(Debug, Clone, Serialize)]
pub struct TrainReport {
    /// Training sentences.
    pub train_sentences: usize,
    /// Unlabelled sentences used for the lexicon (training sentences included).
    pub unlabelled_sentences: usize,
    /// Words with clusters.
    pub clustered_words: usize,
    /// Features in the kept model.
    pub features: usize,
    /// Every epoch run.
    pub epochs: Vec<EpochReport>,
    /// The epoch whose weights were kept.
    pub best_epoch: usize,
    /// Dev scores of the kept model.
    pub dev: ConllScores,
    /// Wall-clock seconds spent learning the lexicon.
    pub lexicon_seconds: f64,
    /// Wall-clock seconds in total.
    pub seconds: f64,
}

/// Trains a model on a CoNLL file, choosing the epoch by F1 on a dev CoNLL file.
pub fn train(train: &Path, dev: &Path, opts: &TrainOptions) -> Result<(Model, TrainReport), NerError> {
    train_with_progress(train, dev, opts, &mut |_| {})
}

/// [`train`], calling `progress` after every epoch.
pub fn train_with_progress(
    train: &Path,
    dev: &Path,
    opts: &TrainOptions,
    progress: &mut dyn FnMut(&EpochReport),
) -> Result<(Model, TrainReport), NerError> {
    let start = Instant::now();
    let train_set = read_conll(train)?;
    let dev_set = read_conll(dev)?;
    if train_set.is_empty() {
        return Err(NerError::Format { path: train.display().to_string(), line: 0, message: "no sentences".into() });
    }
    let mut unlabelled: Vec<Vec<String>> = train_set.iter().map(|s| s.tokens.clone()).collect();
    for path in &opts.unlabelled {
        unlabelled.extend(read_unlabelled(path)?);
    }
    let lexicon = Lexicon::learn(
        &unlabelled,
        &LexiconOptions {
            clusters: opts.clusters,
            min_count: 3,
            max_vocab: 40_000,
            contexts: 1000,
            iterations: 12,
            seed: opts.seed,
        },
    );
    let lexicon_seconds = start.elapsed().as_secs_f64();
    let (sentences, hashes) = index_features(&train_set, &lexicon, opts.min_feature_count);
    let mut p = Perceptron::new(hashes.len());
    let mut rng = SplitMix(opts.seed);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut epochs = Vec::new();
    let mut best: Option<(f64, usize, Model, ConllScores)> = None;
    for epoch in 1..=opts.epochs {
        rng.shuffle(&mut order);
        let train_errors = order.iter().filter_map(|&i| sentences.get(i)).filter(|s| p.learn(s)).count();
        let model = p.average(&hashes, &lexicon);
        let dev = evaluate(&model, &dev_set)?;
        let report = EpochReport { epoch, train_errors, dev_f1: dev.f1 };
        progress(&report);
        epochs.push(report);
        match &best {
            Some(b) if dev.f1 <= b.0 => {
                if epoch >= b.1 + opts.patience {
                    break;
                }
            }
            _ => best = Some((dev.f1, epoch, model, dev)),
        }
    }
    let (_, best_epoch, model, dev) = best.ok_or_else(|| NerError::Model("no training epoch ran".into()))?;
    let report = TrainReport {
        train_sentences: train_set.len(),
        unlabelled_sentences: unlabelled.len(),
        clustered_words: lexicon.clusters.len(),
        features: model.features(),
        epochs,
        best_epoch,
        dev,
        lexicon_seconds,
        seconds: start.elapsed().as_secs_f64(),
    };
    Ok((model, report))
}

/// A training sentence as feature ids per token and gold tag indices.
struct Example {
    features: Vec<Vec<u32>>,
    gold: Vec<usize>,
}

/// Extracts features, keeps those seen at least `min_count` times and numbers them; returns the
/// examples and the hash of every feature id.
fn index_features(set: &[Labelled], lexicon: &Lexicon, min_count: u32) -> (Vec<Example>, Vec<u32>) {
    let hashed: Vec<Vec<Vec<u32>>> = documents(set)
        .par_iter()
        .map(|doc| document_features(&token_lists(doc), lexicon))
        .collect::<Vec<_>>()
        .concat();
    let mut counts: HashMap<u32, u32> = HashMap::new();
    for f in hashed.iter().flatten().flatten() {
        *counts.entry(*f).or_default() += 1;
    }
    let mut ids: HashMap<u32, u32> = HashMap::new();
    let mut hashes = Vec::new();
    for f in hashed.iter().flatten().flatten() {
        if counts.get(f).is_some_and(|n| *n >= min_count) && !ids.contains_key(f) {
            ids.insert(*f, hashes.len() as u32);
            hashes.push(*f);
        }
    }
    let examples = hashed
        .into_iter()
        .zip(set)
        .map(|(sent, s)| Example {
            features: sent.into_iter().map(|tok| tok.iter().filter_map(|f| ids.get(f).copied()).collect()).collect(),
            gold: s.tags.iter().map(|t| t.index()).collect(),
        })
        .collect();
    (examples, hashes)
}

/// Averaged structured perceptron state (integer updates, exact averaging).
struct Perceptron {
    w: Vec<[i32; NUM_TAGS]>,
    acc: Vec<[i64; NUM_TAGS]>,
    trans: [[i32; NUM_TAGS]; NUM_TAGS + 1],
    trans_acc: [[i64; NUM_TAGS]; NUM_TAGS + 1],
    step: i64,
}

impl Perceptron {
    fn new(features: usize) -> Self {
        Perceptron {
            w: vec![[0; NUM_TAGS]; features],
            acc: vec![[0; NUM_TAGS]; features],
            trans: [[0; NUM_TAGS]; NUM_TAGS + 1],
            trans_acc: [[0; NUM_TAGS]; NUM_TAGS + 1],
            step: 1,
        }
    }

    /// Tags one example and updates on mistakes; true when the prediction was wrong.
    fn learn(&mut self, ex: &Example) -> bool {
        let emissions: Vec<[f32; NUM_TAGS]> = ex
            .features
            .iter()
            .map(|fs| {
                let mut sum = [0i32; NUM_TAGS];
                for row in fs.iter().filter_map(|f| self.w.get(*f as usize)) {
                    for (s, x) in sum.iter_mut().zip(row) {
                        *s += x;
                    }
                }
                sum.map(|s| s as f32)
            })
            .collect();
        let trans: Transitions = self.trans.map(|row| row.map(|x| x as f32));
        let pred = viterbi(&emissions, &trans);
        let wrong = pred != ex.gold;
        if wrong {
            let step = self.step;
            let mut prev = (0, 0);
            for ((fs, &g), &p) in ex.features.iter().zip(&ex.gold).zip(&pred) {
                if g != p {
                    for &f in fs {
                        if let (Some(w), Some(a)) = (self.w.get_mut(f as usize), self.acc.get_mut(f as usize)) {
                            w[g] += 1;
                            w[p] -= 1;
                            a[g] += step;
                            a[p] -= step;
                        }
                    }
                }
                if (prev.0, g) != (prev.1, p) {
                    self.trans[prev.0][g] += 1;
                    self.trans[prev.1][p] -= 1;
                    self.trans_acc[prev.0][g] += step;
                    self.trans_acc[prev.1][p] -= step;
                }
                prev = (g + 1, p + 1);
            }
        }
        self.step += 1;
        wrong
    }

    /// The averaged weights as a model.
    fn average(&self, hashes: &[u32], lexicon: &Lexicon) -> Model {
        let c = self.step as f64;
        let avg = |w: i32, a: i64| (f64::from(w) - a as f64 / c) as f32;
        let mut transitions = [[0.0; NUM_TAGS]; NUM_TAGS + 1];
        for ((out, w), a) in transitions.iter_mut().zip(&self.trans).zip(&self.trans_acc) {
            for ((o, w), a) in out.iter_mut().zip(w).zip(a) {
                *o = avg(*w, *a);
            }
        }
        let rows = hashes.iter().zip(self.w.iter().zip(&self.acc)).map(|(h, (w, a))| {
            let mut row = [0.0f32; NUM_TAGS];
            for ((o, w), a) in row.iter_mut().zip(w).zip(a) {
                *o = avg(*w, *a);
            }
            (*h, row)
        });
        Model::from_weights(rows, transitions, lexicon.clone())
    }
}

/// Consecutive sentences of the same document.
fn documents(set: &[Labelled]) -> Vec<&[Labelled]> {
    set.chunk_by(|a, b| a.doc == b.doc).collect()
}

/// The tokens of each sentence as string slices.
fn token_lists(doc: &[Labelled]) -> Vec<Vec<&str>> {
    doc.iter().map(|s| s.tokens.iter().map(String::as_str).collect()).collect()
}

/// Tags the sentences document by document and scores them with the CoNLL scorer.
pub(crate) fn evaluate(model: &Model, set: &[Labelled]) -> Result<ConllScores, NerError> {
    let tagged: Vec<String> = documents(set)
        .par_iter()
        .map(|doc| {
            let mut out = String::new();
            for (s, tags) in doc.iter().zip(model.tag_document(&token_lists(doc))) {
                for ((tok, gold), pred) in s.tokens.iter().zip(&s.tags).zip(tags) {
                    out.push_str(&format!("{tok} {gold} {pred}\n"));
                }
                out.push('\n');
            }
            out
        })
        .collect();
    score(tagged.concat().as_bytes()).map_err(|e| NerError::Model(e.to_string()))
}
