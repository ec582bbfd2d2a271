//! Tags a CoNLL file with a model file (or the embedded model) and prints the throughput:
//!
//! `cargo run --release -p storyline-ner --example conll -- FILE [MODEL] > tagged`

use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::time::Instant;
use storyline_ner::{tag_conll, Model};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let input = args.next().ok_or("usage: conll FILE [MODEL]")?;
    let start = Instant::now();
    let loaded;
    let model = match args.next() {
        Some(path) => {
            loaded = Model::load(&std::fs::read(path)?)?;
            &loaded
        }
        None => Model::embedded()?,
    };
    let load = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let out = BufWriter::new(std::io::stdout().lock());
    let tokens = tag_conll(model, BufReader::new(File::open(input)?), out)?;
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "model loaded in {load:.2}s; {tokens} tokens in {secs:.2}s = {:.0} tokens/s",
        tokens as f64 / secs
    );
    Ok(())
}
