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
        /// Folder(s) of gold .tml files (repeat for TimeBank/ and AQUAINT/).
        #[arg(long, required = true)]
        gold: Vec<PathBuf>,
        /// Score the system .tml files already in this folder instead of tagging the gold text.
        #[arg(long)]
        system: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Events and stories against gold cluster labels: B³, MUC, CEAF-e, CoNLL F1 and ARI.
    Cluster {
        /// Gold labels: tab-separated with a header, the id first (e.g. ECB+ labels.tsv).
        #[arg(long)]
        gold: PathBuf,
        /// Articles to cluster (JSONL, as for `storyline cluster`).
        #[arg(long, conflicts_with = "system")]
        input: Option<PathBuf>,
        /// Existing `storyline cluster` output to score instead.
        #[arg(long)]
        system: Option<PathBuf>,
        /// Gold column that events should match.
        #[arg(long, default_value = "subtopic")]
        event_column: String,
        /// Gold column that stories should match.
        #[arg(long, default_value = "topic")]
        story_column: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Duplicate pairs: pairwise precision/recall/F1 of `storyline dedupe` output (transitive groups).
    Dedupe {
        /// Gold pairs: two tab-separated ids per line.
        #[arg(long)]
        gold: PathBuf,
        /// Articles to deduplicate (JSONL, as for `storyline dedupe`).
        #[arg(long, conflicts_with = "system")]
        input: Option<PathBuf>,
        /// Existing `storyline dedupe` output to score instead.
        #[arg(long)]
        system: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Quotes and speakers against the hand-annotated set (`tests/quotes`).
    Quotes {
        /// The annotated set: `articles/*.txt` and `gold.jsonl`.
        #[arg(default_value = "tests/quotes")]
        dir: PathBuf,
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
        EvalWhat::Quotes { dir, json } => quotes(&dir, json),
        EvalWhat::Dedupe {
            gold,
            input,
            system,
            json,
        } => dedupe(&gold, input.as_deref(), system.as_deref(), json),
        EvalWhat::Ner { gold, json } => ner(&gold, json),
        EvalWhat::Cluster {
            gold,
            input,
            system,
            event_column,
            story_column,
            json,
        } => cluster(
            &gold,
            input.as_deref(),
            system.as_deref(),
            &event_column,
            &story_column,
            json,
        ),
    }
}

fn timeml(gold: &[PathBuf], system: Option<PathBuf>, json: bool) -> Result<i32> {
    // The gold may be split over folders (TimeBank/, AQUAINT/): gather them into one.
    let work = std::env::temp_dir().join(format!("storyline-timeml-{}", std::process::id()));
    let gold_dir = work.join("gold");
    std::fs::create_dir_all(&gold_dir)?;
    for dir in gold {
        for entry in std::fs::read_dir(dir)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .flatten()
        {
            if entry.path().extension().is_some_and(|e| e == "tml") {
                std::fs::copy(entry.path(), gold_dir.join(entry.file_name()))?;
            }
        }
    }
    let out = match system {
        Some(p) => p,
        None => {
            let out = work.join("system");
            let tagger = storyline_temporal::Tagger::english();
            storyline_temporal::timeml::annotate_dir(&tagger, &gold_dir, &out)
                .context("cannot tag the gold documents")?;
            out
        }
    };
    let scores = storyline_eval::timeml::score_dirs(&gold_dir, &out)?;
    let _ = std::fs::remove_dir_all(&work);
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

/// Scores of `eval cluster`: events against one gold column, stories against another, and
/// stories against the event column (a story should not merge distinct events' topics).
#[derive(serde::Serialize)]
struct ClusterReport {
    events: storyline_eval::cluster::ClusterScores,
    stories: storyline_eval::cluster::ClusterScores,
    stories_vs_events: storyline_eval::cluster::ClusterScores,
}

fn cluster(
    gold: &Path,
    input: Option<&Path>,
    system: Option<&Path>,
    event_col: &str,
    story_col: &str,
    json: bool,
) -> Result<i32> {
    use storyline_eval::cluster::{read_gold, read_system, score};
    let system_lines = system_output(input, system, "cluster", |i, out| {
        crate::corpus::write_cluster(i, out)
    })?;
    let gold_text =
        std::fs::read(gold).with_context(|| format!("cannot read {}", gold.display()))?;
    let gold_events = read_gold(gold_text.as_slice(), event_col)?;
    let gold_stories = read_gold(gold_text.as_slice(), story_col)?;
    let sys_events = read_system(system_lines.as_slice(), "event")?;
    let sys_stories = read_system(system_lines.as_slice(), "story")?;
    let report = ClusterReport {
        events: score(&gold_events, &sys_events),
        stories: score(&gold_stories, &sys_stories),
        stories_vs_events: score(&gold_events, &sys_stories),
    };
    if json {
        crate::report::print_json(&report)?;
    } else {
        println!("events vs {event_col}:\n{}\n", report.events);
        println!("stories vs {story_col}:\n{}\n", report.stories);
        println!("stories vs {event_col}:\n{}", report.stories_vs_events);
    }
    Ok(0)
}

fn quotes(dir: &Path, json: bool) -> Result<i32> {
    let model = storyline_ner::Model::embedded()?;
    let scores = storyline_quotes::run_eval(dir, |text| {
        let seg = storyline_text::segment(text);
        let mentions = model.recognize(text, &seg.sentences, &seg.tokens);
        (seg.sentences, mentions)
    })?;
    if json {
        crate::report::print_json(&scores)?;
    } else {
        println!("{scores}");
    }
    Ok(0)
}

fn dedupe(gold: &Path, input: Option<&Path>, system: Option<&Path>, json: bool) -> Result<i32> {
    let system_lines = system_output(input, system, "deduplicate", |i, out| {
        crate::corpus::write_dedupe(i, out)
    })?;
    let gold_file = BufReader::new(
        File::open(gold).with_context(|| format!("cannot open {}", gold.display()))?,
    );
    let scores = storyline_eval::dedupe::score(gold_file, system_lines.as_slice())?;
    if json {
        crate::report::print_json(&scores)?;
    } else {
        println!("{scores}");
    }
    Ok(0)
}

/// The system output to score: the verb's output on `input`, or the file `system` holds.
fn system_output(
    input: Option<&Path>,
    system: Option<&Path>,
    verb: &str,
    write: fn(&Path, &mut Vec<u8>) -> Result<()>,
) -> Result<Vec<u8>> {
    match (input, system) {
        (Some(i), _) => {
            let mut out = Vec::new();
            write(i, &mut out)?;
            Ok(out)
        }
        (None, Some(s)) => std::fs::read(s).with_context(|| format!("cannot read {}", s.display())),
        (None, None) => {
            anyhow::bail!(
                "give --input ARTICLES.jsonl to {verb}, or --system OUTPUT.jsonl to score"
            )
        }
    }
}
