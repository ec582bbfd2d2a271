//! Named-entity recognition for storyline: PER, ORG, LOC and MISC mentions in IOB2.
//!
//! The tagger is an averaged structured perceptron (Viterbi over tag bigrams, restricted to
//! valid IOB2) over hashed features: the word, affixes, shapes and neighbours; word clusters
//! and case statistics that training learns from unlabelled newswire; names from the training
//! data; and document context (how the same word is written, and was tagged by a first pass,
//! elsewhere in the document). Everything learnt is stored inside the model file. The model
//! trained on CoNLL-2003 ships with the crate ([`Model::embedded`]).
//!
//! Entry points: [`Model::tag`] / [`Model::tag_document`] for tokens, [`Model::recognize`]
//! for article text with byte offsets, [`tag_conll`] for CoNLL files, [`train`] to retrain.

mod cache;
mod codec;
mod conll;
mod consistency;
mod corpus;
mod decode;
mod fasthash;
mod features;
mod forms;
mod gazetteer;
mod kmeans;
mod lexicon;
mod model;
mod recognize;
mod stage;
mod tag;
mod train;
mod weights;

pub use conll::tag_conll;
pub use model::Model;
pub use tag::{to_iob2, Tag, NUM_TAGS};
pub use train::{train, train_with_progress, EpochReport, TrainOptions, TrainReport};

use std::path::Path;

/// Errors of the NER crate.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// Reading input or writing output failed.
    #[error("i/o: {0}")]
    Stream(std::io::Error),
    /// A training or corpus file is malformed.
    #[error("{path}:{line}: {message}")]
    Format {
        /// The file.
        path: String,
        /// Line number (1-based; 0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Model data is missing or corrupt, or training could not produce one.
    #[error("model: {0}")]
    Model(String),
}

impl NerError {
    fn io(path: &Path, source: std::io::Error) -> Self {
        NerError::Io {
            path: path.display().to_string(),
            source,
        }
    }
}
