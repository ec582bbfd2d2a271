//! Trains the NER model the way the committed `models/ner.bin` was trained:
//!
//! `cargo run --release -p storyline-ner --example train -- TRAIN DEV OUT [UNLABELLED...]`
//!
//! e.g. `.. ../shared/data/conll2003/eng.train ../shared/data/conll2003/eng.testa models/ner.bin
//! ../shared/data/reuters21578/docs.jsonl.gz`

use std::path::PathBuf;
use storyline_ner::{train_with_progress, TrainOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [train, dev, out, unlabelled @ ..] = args.as_slice() else {
        return Err("usage: train TRAIN DEV OUT [UNLABELLED...]".into());
    };
    let opts = TrainOptions {
        unlabelled: unlabelled.to_vec(),
        ..TrainOptions::default()
    };
    let (model, report) = train_with_progress(train, dev, &opts, &mut |e| {
        eprintln!(
            "pass {} epoch {:>2}: {} training sentences wrong, dev F1 {:.4}",
            e.pass, e.epoch, e.train_errors, e.dev_f1
        );
    })?;
    model.save(out)?;
    eprintln!("{}", report.dev);
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}
