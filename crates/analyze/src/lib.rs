//! Per-article analysis: a pure function `Article -> AnalyzedArticle` built from components.
//!
//! Each [`Component`] declares the [`Layer`]s it needs and the ones it adds; [`Pipeline::new`]
//! checks the order once, so a component never runs on a document missing what it reads.
//! Analysis never touches the store and is safe to run in parallel.

mod components;

pub use components::{EntityRecognizer, LanguageId, QuoteExtractor, Segmenter, TemporalTagger};
use storyline_model::{AnalyzedArticle, Article};

/// A layer of annotation a component reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// The article text and metadata (always present).
    Text,
    /// Sentence spans.
    Sentences,
    /// Token spans.
    Tokens,
    /// Main language and foreign passages.
    Language,
    /// Time expressions.
    Timexes,
    /// Named-entity mentions.
    Mentions,
    /// Quotes with speakers.
    Quotes,
}

/// One step of the pipeline.
pub trait Component: Send + Sync {
    /// Name for messages.
    fn name(&self) -> &'static str;
    /// Layers the component reads.
    fn needs(&self) -> &'static [Layer];
    /// Layers the component adds.
    fn adds(&self) -> &'static [Layer];
    /// Adds the component's layers to the document.
    fn run(&self, doc: &mut AnalyzedArticle);
}

/// A pipeline whose component order was checked.
pub struct Pipeline {
    components: Vec<Box<dyn Component>>,
}

/// Errors building a pipeline.
#[derive(Debug, thiserror::Error)]
pub enum AnalyzeError {
    /// A component needs a layer no earlier component adds.
    #[error("pipeline component '{component}' needs {layer:?}, which no earlier component adds; reorder the components")]
    MissingLayer {
        /// The component.
        component: &'static str,
        /// The layer it lacks.
        layer: Layer,
    },
    /// The embedded entity model could not be loaded.
    #[error("cannot load the entity model: {0}")]
    Model(String),
}

impl Pipeline {
    /// Builds a pipeline, checking that every component's needs are added before it runs.
    pub fn new(components: Vec<Box<dyn Component>>) -> Result<Pipeline, AnalyzeError> {
        let mut have = vec![Layer::Text];
        for c in &components {
            if let Some(&layer) = c.needs().iter().find(|l| !have.contains(l)) {
                return Err(AnalyzeError::MissingLayer {
                    component: c.name(),
                    layer,
                });
            }
            have.extend_from_slice(c.adds());
        }
        Ok(Pipeline { components })
    }

    /// The standard English pipeline: segmenter, language id, temporal tagger, entity recogniser, quotes.
    pub fn english() -> Result<Pipeline, AnalyzeError> {
        Pipeline::new(vec![
            Box::new(Segmenter),
            Box::new(LanguageId),
            Box::new(TemporalTagger::english()),
            Box::new(EntityRecognizer::embedded()?),
            Box::new(QuoteExtractor),
        ])
    }

    /// Names of the components, in order.
    pub fn component_names(&self) -> Vec<&'static str> {
        self.components.iter().map(|c| c.name()).collect()
    }

    /// Analyses one article.
    pub fn analyze(&self, article: Article) -> AnalyzedArticle {
        self.analyze_timed(article, &mut [])
    }

    /// Analyses one article, adding each component's time to `times[i]` (when present).
    pub fn analyze_timed(
        &self,
        article: Article,
        times: &mut [std::time::Duration],
    ) -> AnalyzedArticle {
        let mut doc = AnalyzedArticle {
            article,
            language: None,
            sentences: Vec::new(),
            tokens: Vec::new(),
            foreign: Vec::new(),
            timexes: Vec::new(),
            mentions: Vec::new(),
            quotes: Vec::new(),
        };
        for (i, c) in self.components.iter().enumerate() {
            let start = std::time::Instant::now();
            c.run(&mut doc);
            if let Some(t) = times.get_mut(i) {
                *t += start.elapsed();
            }
        }
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_component_before_its_needs_is_refused() {
        let err = Pipeline::new(vec![Box::new(QuoteExtractor), Box::new(Segmenter)]).err();
        assert!(
            matches!(
                err,
                Some(AnalyzeError::MissingLayer {
                    component: "quotes",
                    ..
                })
            ),
            "{err:?}"
        );
    }

    #[test]
    fn english_pipeline_analyses_an_article() {
        let p = Pipeline::english().expect("embedded model loads");
        let text = "RIVERTON, March 4 (Gx) - Port operator Delmar Freight said on Monday that the strike would end next week, \
                    Mayor Alana Brooks told reporters in Riverton. \"We will reopen the docks,\" Brooks said.";
        let mut art = storyline_model::Article {
            id: "x".into(),
            source: "x.txt".into(),
            source_id: None,
            url: None,
            outlet: None,
            title: None,
            text: text.into(),
            published: Default::default(),
            dateline: None,
            format: storyline_model::InputFormat::Text,
            boilerplate: vec![],
            warnings: vec![],
        };
        art.published.value = chrono::NaiveDate::from_ymd_opt(2024, 3, 4);
        let doc = p.analyze(art);
        assert_eq!(doc.language.as_deref(), Some("eng"));
        assert_eq!(doc.sentences.len(), 2);
        assert!(
            doc.timexes.iter().any(|t| t.value == "2024-W11"),
            "{:?}",
            doc.timexes
        );
        let person = |m: &storyline_model::Mention| {
            m.kind == storyline_model::EntityKind::Per && m.text.ends_with("Alana Brooks")
        };
        assert!(doc.mentions.iter().any(person), "{:?}", doc.mentions);
        assert!(
            doc.quotes
                .iter()
                .any(|q| q.text.contains("reopen the docks")),
            "{:?}",
            doc.quotes
        );
    }
}
