//! The standard components.

use crate::{AnalyzeError, Component, Layer};
use storyline_model::AnalyzedArticle;

/// Sentences and tokens with byte offsets.
pub struct Segmenter;

impl Component for Segmenter {
    fn name(&self) -> &'static str {
        "segmenter"
    }
    fn needs(&self) -> &'static [Layer] {
        &[Layer::Text]
    }
    fn adds(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Tokens]
    }
    fn run(&self, doc: &mut AnalyzedArticle) {
        let seg = storyline_text::segment(&doc.article.text);
        doc.sentences = seg.sentences;
        doc.tokens = seg.tokens;
    }
}

/// Main language and passages in another script.
pub struct LanguageId;

impl Component for LanguageId {
    fn name(&self) -> &'static str {
        "language"
    }
    fn needs(&self) -> &'static [Layer] {
        &[Layer::Text]
    }
    fn adds(&self) -> &'static [Layer] {
        &[Layer::Language]
    }
    fn run(&self, doc: &mut AnalyzedArticle) {
        doc.language = storyline_text::language(&doc.article.text);
        doc.foreign = storyline_text::foreign_passages(&doc.article.text);
    }
}

/// TIMEX3 time expressions anchored to the publication date.
pub struct TemporalTagger(storyline_temporal::Tagger);

impl TemporalTagger {
    /// The English rule set.
    pub fn english() -> Self {
        TemporalTagger(storyline_temporal::Tagger::english())
    }
}

impl Component for TemporalTagger {
    fn name(&self) -> &'static str {
        "temporal"
    }
    fn needs(&self) -> &'static [Layer] {
        &[Layer::Text]
    }
    fn adds(&self) -> &'static [Layer] {
        &[Layer::Timexes]
    }
    fn run(&self, doc: &mut AnalyzedArticle) {
        doc.timexes = self.0.tag(&doc.article.text, doc.article.published.value);
    }
}

/// Named-entity mentions (PER, ORG, LOC, MISC), outside foreign passages.
pub struct EntityRecognizer(&'static storyline_ner::Model);

impl EntityRecognizer {
    /// The model embedded in the binary.
    pub fn embedded() -> Result<Self, AnalyzeError> {
        storyline_ner::Model::embedded()
            .map(EntityRecognizer)
            .map_err(|e| AnalyzeError::Model(e.to_string()))
    }
}

impl Component for EntityRecognizer {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn needs(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Tokens, Layer::Language]
    }
    fn adds(&self) -> &'static [Layer] {
        &[Layer::Mentions]
    }
    fn run(&self, doc: &mut AnalyzedArticle) {
        let mut mentions = self
            .0
            .recognize(&doc.article.text, &doc.sentences, &doc.tokens);
        mentions.retain(|m| !doc.foreign.iter().any(|f| f.span.overlaps(&m.span)));
        doc.mentions = mentions;
    }
}

/// Direct and indirect quotes with speakers.
pub struct QuoteExtractor;

impl Component for QuoteExtractor {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn needs(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Mentions]
    }
    fn adds(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }
    fn run(&self, doc: &mut AnalyzedArticle) {
        doc.quotes = storyline_quotes::extract(&doc.article.text, &doc.sentences, &doc.mentions);
    }
}
