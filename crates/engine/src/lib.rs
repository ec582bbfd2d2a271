//! The engine: turns inputs into stored, linked stories.
//!
//! Ingest and analysis run in parallel in chunks; every chunk's results are applied by the
//! single store writer in one transaction, so an interrupted run loses at most the chunk in
//! flight and re-running completes it. Linking then recomputes the link results over every
//! stored article in canonical order and replaces them in one transaction, so the final
//! database depends only on the set of articles, not on run history or input order.

use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use storyline_analyze::{AnalyzeError, Pipeline};
use storyline_ingest::{discover, read_bytes, read_input, IngestOptions, Input};
use storyline_link::{link_stream, LinkConfig};
use storyline_model::{AnalyzedArticle, Article, Change, Rejection};
use storyline_store::{Store, StoreError};

/// Inputs read and analysed per store transaction.
const CHUNK: usize = 64;

/// Engine errors.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The analysis pipeline could not be built.
    #[error(transparent)]
    Analyze(#[from] AnalyzeError),
}

/// What an ingest call did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestReport {
    /// Articles newly stored.
    pub stored: usize,
    /// Articles whose content was already stored (same content id).
    pub already_stored: usize,
    /// Inputs rejected, with reasons.
    pub rejected: Vec<Rejection>,
}

impl IngestReport {
    fn absorb(&mut self, other: IngestReport) {
        self.stored += other.stored;
        self.already_stored += other.already_stored;
        self.rejected.extend(other.rejected);
    }
}

/// What a relink did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkReport {
    /// Articles linked.
    pub articles: usize,
    /// Near-duplicate copies found.
    pub duplicates: usize,
    /// Events.
    pub events: usize,
    /// Stories.
    pub stories: usize,
    /// Entities.
    pub entities: usize,
}

/// The engine: a store, the analysis pipeline and the settings.
pub struct Engine {
    store: Store,
    pipeline: Pipeline,
    /// Ingest settings.
    pub ingest: IngestOptions,
    /// Link settings.
    pub link: LinkConfig,
}

impl Engine {
    /// Opens (or creates) the database at `db` with the standard English pipeline.
    pub fn open(db: &Path) -> Result<Engine, EngineError> {
        Ok(Engine::with_store(Store::open(db)?, Pipeline::english()?))
    }

    /// An engine over an existing store and pipeline.
    pub fn with_store(store: Store, pipeline: Pipeline) -> Engine {
        Engine {
            store,
            pipeline,
            ingest: IngestOptions::default(),
            link: LinkConfig::default(),
        }
    }

    /// The store, for reading views.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The analysis pipeline.
    pub fn pipeline(&self) -> &Pipeline {
        &self.pipeline
    }

    /// Ingests files and folders; `progress(done, total)` is called after each chunk of inputs.
    pub fn ingest_paths(
        &mut self,
        paths: &[PathBuf],
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<IngestReport, EngineError> {
        let (inputs, rejected) = discover(paths);
        let mut report = self.store_results(rejected.into_iter().map(Err).collect())?;
        let total = inputs.len();
        for (n, chunk) in inputs.chunks(CHUNK).enumerate() {
            let results: Vec<Result<Article, Rejection>> = chunk
                .par_iter()
                .flat_map_iter(|i: &Input| read_input(i, &self.ingest))
                .collect();
            report.absorb(self.store_results(results)?);
            progress((n * CHUNK + chunk.len()).min(total), total);
        }
        Ok(report)
    }

    /// Ingests one in-memory input (stdin, an HTTP body) named `source`.
    pub fn ingest_bytes(
        &mut self,
        source: &str,
        bytes: &[u8],
    ) -> Result<IngestReport, EngineError> {
        let results = read_bytes(source, bytes, &self.ingest);
        let mut report = IngestReport::default();
        for chunk in results.chunks(CHUNK) {
            report.absorb(self.store_results(chunk.to_vec())?);
        }
        Ok(report)
    }

    /// Analyses new articles in parallel and stores them and the rejections in one transaction.
    fn store_results(
        &mut self,
        results: Vec<Result<Article, Rejection>>,
    ) -> Result<IngestReport, EngineError> {
        let mut report = IngestReport::default();
        let mut seen = BTreeSet::new();
        let mut fresh = Vec::new();
        let mut changes = Vec::new();
        for r in results {
            match r {
                Ok(a) if self.store.has_article(&a.id)? || !seen.insert(a.id.clone()) => {
                    report.already_stored += 1
                }
                Ok(a) => fresh.push(a),
                Err(rej) => {
                    report.rejected.push(rej.clone());
                    changes.push(Change::AddRejection(rej));
                }
            }
        }
        report.stored = fresh.len();
        let analyzed: Vec<AnalyzedArticle> = fresh
            .into_par_iter()
            .map(|a| self.pipeline.analyze(a))
            .collect();
        changes.extend(
            analyzed
                .into_iter()
                .map(|a| Change::AddArticle(Box::new(a))),
        );
        if !changes.is_empty() {
            self.store.apply(&changes)?;
        }
        Ok(report)
    }

    /// Recomputes duplicates, entities, events and stories over every stored article and
    /// replaces the stored link results in one transaction.
    pub fn relink(&mut self) -> Result<LinkReport, EngineError> {
        let store = &self.store;
        let mut articles = 0;
        let linked = link_stream(
            |f: &mut dyn FnMut(AnalyzedArticle)| {
                articles = 0;
                store.articles_in_order(|a| {
                    articles += 1;
                    f(a);
                    Ok::<(), StoreError>(())
                })
            },
            &self.link,
        )?;
        let report = LinkReport {
            articles,
            duplicates: linked.duplicates.len(),
            events: linked.events.len(),
            stories: linked.stories.len(),
            entities: linked.entities.len(),
        };
        self.store.apply(&linked.into_changes())?;
        Ok(report)
    }
}
