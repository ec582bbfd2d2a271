//! `run`, `ingest` and `analyze`.

use crate::{progress, report, DbArgs};
use anyhow::{Context, Result};
use std::io::Read;
use std::path::{Path, PathBuf};
use storyline_analyze::Pipeline;
use storyline_engine::Engine;
use storyline_ingest::{read_bytes, IngestOptions};

/// Arguments of `run` and `ingest`.
#[derive(clap::Args)]
pub struct RunArgs {
    /// Files and folders to read (`-` reads stdin).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    db: DbArgs,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
    /// Exit with status 1 when any input was rejected.
    #[arg(long)]
    strict: bool,
    /// Largest input file accepted, in bytes.
    #[arg(long, default_value_t = IngestOptions::default().max_bytes)]
    max_bytes: u64,
}

/// Ingests, links, and prints the stories when `print` is set (else a one-line summary).
pub fn run(args: &RunArgs, print: bool) -> Result<i32> {
    let mut engine = Engine::open(&args.db.db)?;
    engine.ingest.max_bytes = args.max_bytes;
    let (stdin, files): (Vec<PathBuf>, Vec<PathBuf>) = args
        .paths
        .iter()
        .cloned()
        .partition(|p| p.as_os_str() == "-");
    let mut report = storyline_engine::IngestReport::default();
    if !stdin.is_empty() {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read stdin")?;
        report = engine.ingest_bytes("<stdin>", &bytes)?;
    }
    let bar = progress::bar("ingest");
    let files_report = engine.ingest_paths(&files, &mut |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })?;
    bar.finish_and_clear();
    report.stored += files_report.stored;
    report.already_stored += files_report.already_stored;
    report.rejected.extend(files_report.rejected);
    for r in &report.rejected {
        eprintln!("rejected {}: {}", r.source, r.reason);
    }
    let linked = engine.relink()?;
    eprintln!(
        "{} new, {} already stored, {} rejected; {} articles in {} stories, {} events, {} copies, {} entities",
        report.stored,
        report.already_stored,
        report.rejected.len(),
        linked.articles,
        linked.stories,
        linked.events,
        linked.duplicates,
        linked.entities
    );
    if print {
        if args.json {
            report::print_json(&engine.store().run_document()?)?;
        } else {
            print!("{}", report::run_markdown(engine.store())?);
        }
    }
    Ok(if args.strict && !report.rejected.is_empty() {
        1
    } else {
        0
    })
}

/// Prints the analysis of every article in one file (`-` for stdin) as a JSON array.
pub fn analyze(file: &Path) -> Result<i32> {
    let (source, bytes) = if file.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .read_to_end(&mut b)
            .context("cannot read stdin")?;
        ("<stdin>".to_string(), b)
    } else {
        let b = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
        (file.display().to_string(), b)
    };
    let pipeline = Pipeline::english()?;
    let mut out = Vec::new();
    let mut rejected = 0;
    for r in read_bytes(&source, &bytes, &IngestOptions::default()) {
        match r {
            Ok(a) => out.push(pipeline.analyze(a)),
            Err(rej) => {
                rejected += 1;
                eprintln!("rejected {}: {}", rej.source, rej.reason);
            }
        }
    }
    report::print_json(&out)?;
    Ok(if out.is_empty() && rejected > 0 { 1 } else { 0 })
}
