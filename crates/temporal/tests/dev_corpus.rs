//! Tags the TempEval-3 dev corpus (`../shared/data/tempeval3-train`) and reports speed (reading, tagging and
//! writing the files, best of three runs).
//! Run with `cargo test --release -p storyline-temporal --test dev_corpus -- --ignored --nocapture`;
//! set `TEMPORAL_DEV_OUT=DIR` to keep the annotated files (for `te3_score.py`).

use std::path::{Path, PathBuf};
use std::time::Instant;
use storyline_temporal::{timeml, Tagger};

#[test]
#[ignore = "needs ../shared and takes a few seconds; run on demand"]
fn tags_the_dev_corpus() {
    let shared = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    let corpus = shared.join("data/tempeval3-train");
    if !corpus.is_dir() {
        eprintln!("skipped: {} not found", corpus.display());
        return;
    }
    let keep = std::env::var_os("TEMPORAL_DEV_OUT").map(PathBuf::from);
    let scratch = tempfile::tempdir().expect("temp dir");
    let out = keep.unwrap_or_else(|| scratch.path().to_path_buf());
    let tagger = Tagger::english();
    // Best of three runs: the machine is shared, the minimum is the least disturbed.
    let mut seconds = f64::INFINITY;
    let mut total = timeml::AnnotateStats::default();
    for _ in 0..3 {
        let started = Instant::now();
        total = timeml::AnnotateStats::default();
        for part in ["TimeBank", "AQUAINT"] {
            let stats = timeml::annotate_dir(&tagger, &corpus.join(part), &out).expect("annotate");
            total.files += stats.files;
            total.timexes += stats.timexes;
            total.text_bytes += stats.text_bytes;
            total.without_dct += stats.without_dct;
        }
        seconds = seconds.min(started.elapsed().as_secs_f64());
    }
    println!(
        "files {} timexes {} text {:.2} MB in {:.2}s = {:.2} MB/s (without DCT: {}) -> {}",
        total.files,
        total.timexes,
        total.text_bytes as f64 / 1e6,
        seconds,
        total.text_bytes as f64 / 1e6 / seconds,
        total.without_dct,
        out.display()
    );
    assert_eq!(total.files, 256);
    assert!(total.timexes > 1000);
}
