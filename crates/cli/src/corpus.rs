//! Verbs over evaluation corpora: `timeml`, `ner`, `cluster`, `dedupe`, `train ner`.

use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use storyline_analyze::Pipeline;
use storyline_ingest::{read_bytes, IngestOptions};
use storyline_link::{link, LinkConfig};
use storyline_model::AnalyzedArticle;

/// What `storyline train` can train.
#[derive(clap::Subcommand)]
pub enum TrainWhat {
    /// Train the named-entity model on CoNLL-2003 columns.
    Ner {
        /// Training file (CoNLL-2003, IOB2).
        #[arg(long)]
        train: PathBuf,
        /// Development file for model selection.
        #[arg(long)]
        dev: PathBuf,
        /// Where to write the model.
        #[arg(long, default_value = "models/ner.bin")]
        out: PathBuf,
        /// Unlabelled text for word clusters (JSONL or gzip JSONL with `body`/`text`); repeatable.
        #[arg(long)]
        unlabelled: Vec<PathBuf>,
    },
}

/// `storyline timeml IN_DIR OUT_DIR`.
pub fn timeml(in_dir: &Path, out_dir: &Path) -> Result<i32> {
    let tagger = storyline_temporal::Tagger::english();
    let stats = storyline_temporal::timeml::annotate_dir(&tagger, in_dir, out_dir)
        .with_context(|| format!("cannot tag the TimeML files of {}", in_dir.display()))?;
    eprintln!(
        "{} files tagged ({} without <TEXT>, {} without a creation time), {} TIMEX3 written",
        stats.files, stats.without_text, stats.without_dct, stats.timexes
    );
    Ok(0)
}

/// `storyline ner --conll FILE`.
pub fn ner(file: &Path) -> Result<i32> {
    let model = storyline_ner::Model::embedded()?;
    let input = BufReader::new(
        File::open(file).with_context(|| format!("cannot open {}", file.display()))?,
    );
    let stdout = std::io::stdout();
    storyline_ner::tag_conll(model, input, BufWriter::new(stdout.lock()))?;
    Ok(0)
}

/// `storyline train ner`.
pub fn train(what: TrainWhat) -> Result<i32> {
    match what {
        TrainWhat::Ner {
            train,
            dev,
            out,
            unlabelled,
        } => {
            let opts = storyline_ner::TrainOptions {
                unlabelled,
                ..storyline_ner::TrainOptions::default()
            };
            let (model, report) = storyline_ner::train(&train, &dev, &opts)?;
            if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)?;
            }
            model.save(&out)?;
            eprintln!("{}", serde_json::to_string_pretty(&report)?);
            eprintln!("model written to {}", out.display());
            Ok(0)
        }
    }
}

/// `storyline dedupe FILE.jsonl`.
pub fn dedupe(file: &Path) -> Result<i32> {
    let stdout = std::io::stdout();
    write_dedupe(file, BufWriter::new(stdout.lock()))?;
    Ok(0)
}

/// Writes the `storyline dedupe` lines of `file` to `out`.
pub fn write_dedupe(file: &Path, out: impl Write) -> Result<()> {
    let input = BufReader::new(
        File::open(file).with_context(|| format!("cannot open {}", file.display()))?,
    );
    storyline_dedupe::dedupe_jsonl(input, out, &storyline_dedupe::DedupeConfig::default())?;
    Ok(())
}

/// One output line of `storyline cluster`.
#[derive(serde::Serialize)]
pub struct ClusterLine {
    /// The record's id.
    pub id: String,
    /// The canonical article it copies.
    pub duplicate_of: Option<String>,
    /// Its event.
    pub event: Option<String>,
    /// Its story.
    pub story: Option<String>,
}

/// Analyses every JSONL record of `file`, links them, and returns one line per record in input
/// order. The record's own `id` names it.
fn cluster_lines(file: &Path) -> Result<Vec<ClusterLine>> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let source = file.display().to_string();
    let pipeline = Pipeline::english()?;
    let mut order = Vec::new();
    let mut articles = Vec::new();
    for r in read_bytes(&source, &bytes, &IngestOptions::default()) {
        match r {
            Ok(mut a) => {
                if let Some(id) = a.source_id.clone() {
                    a.id = id;
                }
                order.push(a.id.clone());
                articles.push(a);
            }
            Err(rej) => eprintln!("rejected {}: {}", rej.source, rej.reason),
        }
    }
    let mut analyzed: Vec<AnalyzedArticle> = articles
        .into_par_iter()
        .map(|a| pipeline.analyze(a))
        .collect();
    let linked = link(&mut analyzed, &LinkConfig::default());
    let dup: BTreeMap<&str, &str> = linked
        .duplicates
        .iter()
        .map(|d| (d.article.as_str(), d.of.as_str()))
        .collect();
    let mut event_of: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
    for e in &linked.events {
        for a in &e.articles {
            event_of.insert(a, (e.id.as_str(), e.story.as_str()));
        }
    }
    Ok(order
        .iter()
        .map(|id| {
            let (event, story) = event_of
                .get(id.as_str())
                .map(|(e, s)| (Some(e.to_string()), Some(s.to_string())))
                .unwrap_or((None, None));
            ClusterLine {
                id: id.clone(),
                duplicate_of: dup.get(id.as_str()).map(|d| d.to_string()),
                event,
                story,
            }
        })
        .collect())
}

/// `storyline cluster FILE.jsonl`.
pub fn cluster(file: &Path) -> Result<i32> {
    let stdout = std::io::stdout();
    write_cluster(file, BufWriter::new(stdout.lock()))?;
    Ok(0)
}

/// Writes the `storyline cluster` lines of `file` to `out`.
pub fn write_cluster(file: &Path, mut out: impl Write) -> Result<()> {
    for line in cluster_lines(file)? {
        writeln!(out, "{}", serde_json::to_string(&line)?)?;
    }
    out.flush()?;
    Ok(())
}
