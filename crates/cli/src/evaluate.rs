//! `storyline eval ...`: figures that agree with the reference scorers in `shared/eval/`.

use anyhow::{Context, Result};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// What `storyline eval` can score.
#[derive(clap::Subcommand)]
pub enum EvalWhat {
    /// TIMEX3 against gold TimeML: tags the gold files' text and scores as TempEval-3 does.
    Timeml {
        /// Folder of gold .tml files.
        #[arg(long)]
        gold: PathBuf,
        /// Keep the system output here (default: a temporary folder).
        #[arg(long)]
        system: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Named entities against gold CoNLL-2003 columns (entity-level, as conlleval counts).
    Ner {
        /// Gold CoNLL file.
        #[arg(long)]
        gold: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs one evaluation and prints its figures.
pub fn eval(what: EvalWhat) -> Result<i32> {
    match what {
        EvalWhat::Timeml { gold, system, json } => timeml(&gold, system, json),
        EvalWhat::Ner { gold, json } => ner(&gold, json),
    }
}

fn timeml(gold: &Path, system: Option<PathBuf>, json: bool) -> Result<i32> {
    let tmp;
    let out = match system {
        Some(p) => p,
        None => {
            tmp = std::env::temp_dir().join(format!("storyline-timeml-{}", std::process::id()));
            tmp
        }
    };
    let tagger = storyline_temporal::Tagger::english();
    storyline_temporal::timeml::annotate_dir(&tagger, gold, &out)
        .with_context(|| format!("cannot tag {}", gold.display()))?;
    let scores = storyline_eval::timeml::score_dirs(gold, &out)?;
    if json {
        crate::report::print_json(&scores)?;
    } else {
        println!("{scores}");
    }
    Ok(0)
}

fn ner(gold: &Path, json: bool) -> Result<i32> {
    let model = storyline_ner::Model::embedded()?;
    let input = BufReader::new(
        File::open(gold).with_context(|| format!("cannot open {}", gold.display()))?,
    );
    let mut tagged = Vec::new();
    storyline_ner::tag_conll(model, input, &mut tagged)?;
    let scores = storyline_eval::conll::score(tagged.as_slice())?;
    if json {
        crate::report::print_json(&scores)?;
    } else {
        println!("{scores}");
    }
    Ok(0)
}
