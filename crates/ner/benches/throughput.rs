//! Tagging throughput of the embedded model on the CoNLL-2003 dev set (when the shared data is
//! present): first pass with a cold form cache, then warm passes.
//!
//! `cargo bench -p storyline-ner --bench throughput`

use std::path::Path;
use std::time::Instant;
use storyline_ner::{tag_conll, Model};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/conll2003/eng.testa"
    ));
    let Ok(data) = std::fs::read(path) else {
        eprintln!("skipped: {} not found", path.display());
        return Ok(());
    };
    let start = Instant::now();
    let model = Model::embedded()?;
    println!(
        "model loaded in {:.0} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    for round in ["cold", "warm", "warm"] {
        let start = Instant::now();
        let tokens = tag_conll(model, data.as_slice(), std::io::sink())?;
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{round}: {tokens} tokens in {:.0} ms = {:.0} tokens/s",
            secs * 1e3,
            tokens as f64 / secs
        );
    }
    Ok(())
}
