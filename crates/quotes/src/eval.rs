//! Runs the extractor over a hand-annotated set (`articles/*.txt` + `gold.jsonl`) and
//! scores it with [`storyline_eval::quotes`].

use std::path::{Path, PathBuf};
use storyline_eval::quotes::{
    load_gold, score, GoldQuote, QuoteEvalError, QuoteScores, SystemQuote,
};
use storyline_model::{Mention, Span, SpeakerVia};

/// Errors while running the evaluation.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The gold file could not be loaded.
    #[error(transparent)]
    Gold(#[from] QuoteEvalError),
    /// An article or the articles folder could not be read.
    #[error("reading {path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> EvalError + '_ {
    move |source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Loads the set in `dir` and extracts quotes from every article, analysing each text
/// with `prepare` (sentence spans and entity mentions). Returns the gold quotes and the
/// system quotes, both sorted by article and position.
pub fn extract_set<F>(
    dir: &Path,
    prepare: F,
) -> Result<(Vec<GoldQuote>, Vec<SystemQuote>), EvalError>
where
    F: Fn(&str) -> (Vec<Span>, Vec<Mention>),
{
    let gold = load_gold(&dir.join("gold.jsonl"))?;
    let articles = dir.join("articles");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&articles).map_err(io(&articles))? {
        let path = entry.map_err(io(&articles))?.path();
        if path.extension().is_some_and(|e| e == "txt") {
            names.push(path);
        }
    }
    names.sort();
    let mut system = Vec::new();
    for path in &names {
        let text = std::fs::read_to_string(path).map_err(io(path))?;
        let article = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (sentences, mentions) = prepare(&text);
        for q in crate::extract(&text, &sentences, &mentions) {
            let anonymous = q
                .speaker
                .as_ref()
                .is_some_and(|s| s.via == SpeakerVia::Anonymous);
            system.push(SystemQuote {
                article: article.clone(),
                start: q.span.start,
                end: q.span.end,
                kind: q.kind,
                speaker: q.speaker.map(|s| s.name),
                anonymous,
            });
        }
    }
    Ok((gold, system))
}

/// Extracts quotes on every article of the set in `dir` and scores them against its gold.
pub fn run_eval<F>(dir: &Path, prepare: F) -> Result<QuoteScores, EvalError>
where
    F: Fn(&str) -> (Vec<Span>, Vec<Mention>),
{
    let (gold, system) = extract_set(dir, prepare)?;
    Ok(score(&gold, &system))
}
