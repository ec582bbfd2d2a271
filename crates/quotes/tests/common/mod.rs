//! Test helpers: the project's segmenter, and no entity mentions (so the extractor's own
//! name recognition is what is measured).

use storyline_model::{Mention, Span};

/// Sentence spans of `text` from the project's segmenter.
pub fn sentences(text: &str) -> Vec<Span> {
    storyline_text::segment(text).sentences
}

/// Sentences and no mentions.
#[allow(dead_code)]
pub fn prepare(text: &str) -> (Vec<Span>, Vec<Mention>) {
    (sentences(text), Vec::new())
}
