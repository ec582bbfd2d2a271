//! `storyline`: news story tracking from the command line.

mod bench;
mod corpus;
mod evaluate;
mod progress;
mod report;
mod run;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Tracks news stories: finds copies, events, stories, entities and quotes in piles of articles.
#[derive(Parser)]
#[command(name = "storyline", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Options shared by the verbs that use the database.
#[derive(clap::Args, Clone)]
pub struct DbArgs {
    /// SQLite database file (created when missing).
    #[arg(long, default_value = "storyline.db")]
    pub db: PathBuf,
}

#[derive(Subcommand)]
enum Command {
    /// Ingest, analyse, link, store, and print the stories (the main job).
    Run(run::RunArgs),
    /// Ingest and analyse articles into the database without printing stories.
    Ingest(run::RunArgs),
    /// List the stored stories.
    Stories {
        #[command(flatten)]
        db: DbArgs,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show a story, event, article or entity by id (or unique id prefix).
    Show {
        /// The id or id prefix.
        id: String,
        #[command(flatten)]
        db: DbArgs,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show an entity by name or variant: kind, variants, articles and events, co-occurring entities.
    Entity {
        /// A name, variant or id.
        name: String,
        #[command(flatten)]
        db: DbArgs,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Analyse one file (or `-` for stdin) and print each article's analysis as JSON.
    Analyze {
        /// The input file.
        file: PathBuf,
    },
    /// Tag TimeML documents: for each *.tml in IN_DIR, write OUT_DIR/<name>.tml with TIMEX3 tags.
    Timeml {
        /// Folder of .tml files.
        in_dir: PathBuf,
        /// Output folder (created).
        out_dir: PathBuf,
    },
    /// Tag CoNLL-2003 columns with a predicted IOB2 entity tag as one more column.
    Ner {
        /// The CoNLL file.
        #[arg(long)]
        conll: PathBuf,
    },
    /// Cluster JSONL articles into duplicates, events and stories (one JSON line out per line in).
    Cluster {
        /// JSONL input: {"id","text","title"?,"published"?,"outlet"?} per line.
        file: PathBuf,
    },
    /// Find near-duplicates in JSONL articles (one JSON line out per line in).
    Dedupe {
        /// JSONL input: {"id","text","title"?,"published"?,"outlet"?} per line.
        file: PathBuf,
    },
    /// Train a model.
    Train {
        #[command(subcommand)]
        what: corpus::TrainWhat,
    },
    /// Browse the stories in a web browser and serve the JSON API (`/api/...`).
    Serve {
        #[command(flatten)]
        db: DbArgs,
        /// Address to listen on (loopback unless --allow-remote).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Allow listening on a non-loopback address.
        #[arg(long)]
        allow_remote: bool,
    },
    /// Measure end-to-end throughput and peak memory on a generated corpus.
    Bench(bench::BenchArgs),
    /// Score the system against gold data and print the figures.
    Eval {
        #[command(subcommand)]
        what: evaluate::EvalWhat,
    },
}

fn main() {
    let cli = Cli::parse();
    let code = match dispatch(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            2
        }
    };
    std::process::exit(code);
}

fn dispatch(command: Command) -> Result<i32> {
    match command {
        Command::Run(args) => run::run(&args, true),
        Command::Ingest(args) => run::run(&args, false),
        Command::Stories { db, json } => report::stories(&db.db, json),
        Command::Show { id, db, json } => report::show(&db.db, &id, json),
        Command::Entity { name, db, json } => report::entity(&db.db, &name, json),
        Command::Analyze { file } => run::analyze(&file),
        Command::Timeml { in_dir, out_dir } => corpus::timeml(&in_dir, &out_dir),
        Command::Ner { conll } => corpus::ner(&conll),
        Command::Cluster { file } => corpus::cluster(&file),
        Command::Dedupe { file } => corpus::dedupe(&file),
        Command::Train { what } => corpus::train(what),
        Command::Eval { what } => evaluate::eval(what),
        Command::Bench(args) => bench::bench(&args),
        Command::Serve {
            db,
            addr,
            allow_remote,
        } => {
            storyline_server::serve(storyline_server::ServeOptions {
                db: db.db,
                addr,
                allow_remote,
                token: None,
            })?;
            Ok(0)
        }
    }
}
