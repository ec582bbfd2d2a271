//! Reproducible training: a lexicon from unlabelled text, names from the training data, then
//! two averaged structured perceptron passes. The second pass also sees the first pass's tags
//! of the same words elsewhere in the document; during training those come from first-pass
//! models trained on the other half of the documents, so they are as noisy as on new text.
//! Each pass keeps the epoch scoring best on the dev set.

use crate::corpus::{read_conll, read_unlabelled, Labelled};
use crate::decode::{viterbi, Transitions};
use crate::fasthash::FeatureMap;
use crate::features::{aggregate_features, document_features};
use crate::gazetteer::Gazetteer;
use crate::kmeans::SplitMix;
use crate::lexicon::{Lexicon, LexiconOptions};
use crate::model::Model;
use crate::stage::Stage;
use crate::tag::{Tag, NUM_TAGS};
use crate::NerError;
use rayon::prelude::*;
use serde::Serialize;
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
        TrainOptions {
            epochs: 20,
            patience: 4,
            seed: 17,
            unlabelled: Vec::new(),
            clusters: 400,
            min_feature_count: 2,
        }
    }
}

/// Figures of one training epoch.
#[derive(Debug, Clone, Serialize)]
pub struct EpochReport {
    /// Tagging pass (1 or 2).
    pub pass: usize,
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
    /// The epoch whose weights were kept, per pass.
    pub best_epochs: Vec<usize>,
    /// Dev scores of the kept model.
    pub dev: ConllScores,
    /// Wall-clock seconds spent learning the lexicon.
    pub lexicon_seconds: f64,
    /// Wall-clock seconds in total.
    pub seconds: f64,
}

/// Trains a model on a CoNLL file, choosing epochs by F1 on a dev CoNLL file.
pub fn train(
    train: &Path,
    dev: &Path,
    opts: &TrainOptions,
) -> Result<(Model, TrainReport), NerError> {
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
        return Err(NerError::Format {
            path: train.display().to_string(),
            line: 0,
            message: "no sentences".into(),
        });
    }
    let mut unlabelled: Vec<Vec<String>> = train_set.iter().map(|s| s.tokens.clone()).collect();
    for path in &opts.unlabelled {
        unlabelled.extend(read_unlabelled(path)?);
    }
    let mut lexicon = Lexicon::learn(
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
    // Training sentences see names from the other folds only, so that the gazetteer is as
    // reliable during training as on unseen text; the model keeps every name.
    let folds: Vec<Lexicon> = (0..NAME_FOLDS)
        .map(|k| Lexicon {
            names: Gazetteer::from_labelled(train_set.iter().filter(|s| s.doc % NAME_FOLDS != k)),
            ..lexicon.clone()
        })
        .collect();
    let base = base_features(&train_set, &folds);
    lexicon.names = Gazetteer::from_labelled(train_set.iter());
    let gold: Vec<Vec<usize>> = train_set
        .iter()
        .map(|s| s.tags.iter().map(|t| t.index()).collect())
        .collect();
    let all: Vec<usize> = (0..train_set.len()).collect();
    let mut epochs = Vec::new();
    let mut log = |e: EpochReport| {
        progress(&e);
        epochs.push(e);
    };

    let data = Data {
        features: &base,
        gold: &gold,
        opts,
    };
    let (first, first_epoch, _) = data.fit(&all, opts.epochs, &mut |stage, e, errors| {
        let dev = evaluate(&Model::new(vec![stage.clone()], lexicon.clone()), &dev_set)?;
        log(EpochReport {
            pass: 1,
            epoch: e,
            train_errors: errors,
            dev_f1: dev.f1,
        });
        Ok(Some(dev))
    })?;

    // First-pass tags of the training data, each half tagged by a model of the other half.
    let mut first_tags: Vec<Vec<Tag>> = vec![Vec::new(); train_set.len()];
    for half in 0..2 {
        let learn: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| train_set.get(i).is_some_and(|s| s.doc % 2 != half))
            .collect();
        let (stage, _, _) = data.fit(&learn, first_epoch, &mut |_, _, _| Ok(None))?;
        for i in all.iter().copied().filter(|i| !learn.contains(i)) {
            if let (Some(slot), Some(f)) = (first_tags.get_mut(i), base.get(i)) {
                *slot = stage.decode(f);
            }
        }
    }
    let second_features = second_pass_features(&train_set, &base, &first_tags);
    let data = Data {
        features: &second_features,
        ..data
    };
    let (second, second_epoch, dev) = data.fit(&all, opts.epochs, &mut |stage, e, errors| {
        let dev = evaluate(
            &Model::new(vec![first.clone(), stage.clone()], lexicon.clone()),
            &dev_set,
        )?;
        log(EpochReport {
            pass: 2,
            epoch: e,
            train_errors: errors,
            dev_f1: dev.f1,
        });
        Ok(Some(dev))
    })?;
    let dev = dev.ok_or_else(|| NerError::Model("no training epoch ran".into()))?;
    let clustered_words = lexicon.clusters.len();
    let model = Model::new(vec![first, second], lexicon);
    let report = TrainReport {
        train_sentences: train_set.len(),
        unlabelled_sentences: unlabelled.len(),
        clustered_words,
        features: model.features(),
        epochs,
        best_epochs: vec![first_epoch, second_epoch],
        dev,
        lexicon_seconds,
        seconds: start.elapsed().as_secs_f64(),
    };
    Ok((model, report))
}

/// Number of document folds for the training-time gazetteer.
const NAME_FOLDS: usize = 5;

/// Hashed base features of every training sentence (a document with index `d` uses lexicon
/// `d % folds.len()`).
fn base_features(set: &[Labelled], folds: &[Lexicon]) -> Vec<Vec<Vec<u32>>> {
    documents(set)
        .par_iter()
        .filter_map(|doc| {
            let lexicon = folds.get(doc.first()?.doc % folds.len().max(1))?;
            Some(document_features(&token_lists(doc), lexicon))
        })
        .collect::<Vec<_>>()
        .concat()
}

/// Base features plus aggregates of the first-pass tags, per sentence.
fn second_pass_features(
    set: &[Labelled],
    base: &[Vec<Vec<u32>>],
    tags: &[Vec<Tag>],
) -> Vec<Vec<Vec<u32>>> {
    let mut out = Vec::with_capacity(set.len());
    let mut at = 0;
    for doc in documents(set) {
        let end = at + doc.len();
        let (Some(b), Some(t)) = (base.get(at..end), tags.get(at..end)) else {
            break;
        };
        out.extend(with_aggregates(
            b,
            &aggregate_features(&token_lists(doc), t),
        ));
        at = end;
    }
    out
}

/// A training sentence as feature ids per token and gold tag indices.
struct Example<'a> {
    features: Vec<Vec<u32>>,
    gold: &'a [usize],
}

/// Hashed features and gold tags of the training sentences.
struct Data<'a> {
    features: &'a [Vec<Vec<u32>>],
    gold: &'a [Vec<usize>],
    opts: &'a TrainOptions,
}

/// Dev scores of an epoch's weights, or `None` to keep the last epoch.
type Judge<'j> = dyn FnMut(&Stage, usize, usize) -> Result<Option<ConllScores>, NerError> + 'j;

impl Data<'_> {
    /// Numbers the features of the chosen sentences seen at least `min_feature_count` times.
    fn examples(&self, chosen: &[usize]) -> (Vec<Example<'_>>, Vec<u32>) {
        let mut counts: FeatureMap<u32> = FeatureMap::default();
        let sentences = || {
            chosen
                .iter()
                .filter_map(|&i| Some((self.features.get(i)?, self.gold.get(i)?)))
        };
        for f in sentences().flat_map(|(f, _)| f.iter().flatten()) {
            *counts.entry(*f).or_default() += 1;
        }
        let mut ids: FeatureMap<u32> = FeatureMap::default();
        let mut hashes = Vec::new();
        for f in sentences().flat_map(|(f, _)| f.iter().flatten()) {
            if counts
                .get(f)
                .is_some_and(|n| *n >= self.opts.min_feature_count)
                && !ids.contains_key(f)
            {
                ids.insert(*f, hashes.len() as u32);
                hashes.push(*f);
            }
        }
        let examples = sentences()
            .map(|(f, gold)| Example {
                features: f
                    .iter()
                    .map(|tok| tok.iter().filter_map(|x| ids.get(x).copied()).collect())
                    .collect(),
                gold,
            })
            .collect();
        (examples, hashes)
    }

    /// Runs up to `epochs` epochs over the chosen sentences; `judge` scores each epoch's
    /// averaged weights. Returns the best (or, unjudged, the last) weights, their epoch and
    /// scores. Stops after `patience` epochs without improvement.
    fn fit(
        &self,
        chosen: &[usize],
        epochs: usize,
        judge: &mut Judge,
    ) -> Result<(Stage, usize, Option<ConllScores>), NerError> {
        let (examples, hashes) = self.examples(chosen);
        let mut p = Perceptron::new(hashes.len());
        let mut rng = SplitMix(self.opts.seed);
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut best: Option<(Stage, usize, Option<ConllScores>)> = None;
        for epoch in 1..=epochs.max(1) {
            rng.shuffle(&mut order);
            let errors = order
                .iter()
                .filter_map(|&i| examples.get(i))
                .filter(|s| p.learn(s))
                .count();
            let stage = p.average(&hashes);
            let scores = judge(&stage, epoch, errors)?;
            let better = match (&best, &scores) {
                (Some((_, _, Some(b))), Some(s)) => s.f1 > b.f1,
                _ => true,
            };
            if better {
                best = Some((stage, epoch, scores));
            } else if best
                .as_ref()
                .is_some_and(|b| epoch >= b.1 + self.opts.patience)
            {
                break;
            }
        }
        best.ok_or_else(|| NerError::Model("no training epoch ran".into()))
    }
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
    fn learn(&mut self, ex: &Example<'_>) -> bool {
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
            for ((fs, &g), &p) in ex.features.iter().zip(ex.gold).zip(&pred) {
                if g != p {
                    for &f in fs {
                        if let (Some(w), Some(a)) =
                            (self.w.get_mut(f as usize), self.acc.get_mut(f as usize))
                        {
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

    /// The averaged weights.
    fn average(&self, hashes: &[u32]) -> Stage {
        let c = self.step as f64;
        let avg = |w: i32, a: i64| (f64::from(w) - a as f64 / c) as f32;
        let mut transitions = [[0.0; NUM_TAGS]; NUM_TAGS + 1];
        for ((out, w), a) in transitions.iter_mut().zip(&self.trans).zip(&self.trans_acc) {
            for ((o, w), a) in out.iter_mut().zip(w).zip(a) {
                *o = avg(*w, *a);
            }
        }
        let rows = hashes
            .iter()
            .zip(self.w.iter().zip(&self.acc))
            .map(|(h, (w, a))| {
                let mut row = [0.0f32; NUM_TAGS];
                for ((o, w), a) in row.iter_mut().zip(w).zip(a) {
                    *o = avg(*w, *a);
                }
                (*h, row)
            });
        Stage::from_weights(rows, transitions)
    }
}

/// Consecutive sentences of the same document.
fn documents(set: &[Labelled]) -> Vec<&[Labelled]> {
    set.chunk_by(|a, b| a.doc == b.doc).collect()
}

/// The tokens of each sentence as string slices.
fn token_lists(doc: &[Labelled]) -> Vec<Vec<&str>> {
    doc.iter()
        .map(|s| s.tokens.iter().map(String::as_str).collect())
        .collect()
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

/// Base features with the aggregate features of the same tokens appended.
fn with_aggregates(base: &[Vec<Vec<u32>>], aggregates: &[Vec<Vec<u32>>]) -> Vec<Vec<Vec<u32>>> {
    base.iter()
        .zip(aggregates)
        .map(|(s, a)| {
            s.iter()
                .zip(a)
                .map(|(f, g)| f.iter().chain(g).copied().collect())
                .collect()
        })
        .collect()
}
