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
    let system_lines = match (input, system) {
        (Some(i), _) => {
            let mut buf = Vec::new();
            for l in crate::corpus::cluster_lines(i)? {
                buf.extend(serde_json::to_vec(&l)?);
                buf.push(b'\n');
            }
            buf
        }
        (None, Some(s)) => {
            std::fs::read(s).with_context(|| format!("cannot read {}", s.display()))?
        }
        (None, None) => anyhow::bail!(
            "give --input ARTICLES.jsonl to cluster, or --system OUTPUT.jsonl to score"
        ),
    };
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
