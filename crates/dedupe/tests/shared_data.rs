//! Measurements on the shared development data (`../shared` next to the workspace). Each test
//! skips with a message when the data is absent and prints the figures it measures.

use std::io::BufReader;
use std::path::{Path, PathBuf};
use storyline_dedupe::synth::{read_reuters, syndicate, SourceDoc, SynthConfig, SynthKind};
use storyline_dedupe::{dedupe_jsonl, fingerprint, DedupeConfig, Index};
use storyline_eval::dedupe::{score, PairScores};

fn reuters_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/reuters21578"
    ));
    if dir.join("docs.jsonl.gz").exists() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: shared Reuters data not found at {}",
            dir.display()
        );
        None
    }
}

/// Gold pairs (every pair within each identical-body group), as `check-dev.sh dedupe` builds them.
fn identical_body_pairs(dir: &Path) -> String {
    let tsv =
        std::fs::read_to_string(dir.join("exact_duplicate_body_groups.tsv")).unwrap_or_default();
    let mut out = String::new();
    for line in tsv.lines().skip(1) {
        let ids: Vec<&str> = line
            .split('\t')
            .nth(2)
            .unwrap_or_default()
            .split(',')
            .collect();
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                out.push_str(&format!("{a}\t{b}\n"));
            }
        }
    }
    out
}

fn to_jsonl(docs: &[SourceDoc]) -> String {
    docs.iter()
        .map(|d| {
            serde_json::json!({"id": d.id, "title": d.title, "text": d.body}).to_string() + "\n"
        })
        .collect()
}

#[test]
fn reuters_identical_bodies_are_all_found() {
    let Some(dir) = reuters_dir() else { return };
    let docs = read_reuters(&dir.join("docs.jsonl.gz")).unwrap_or_else(|e| panic!("{e}"));
    let mut out = Vec::new();
    let summary = dedupe_jsonl(
        BufReader::new(to_jsonl(&docs).as_bytes()),
        &mut out,
        &DedupeConfig::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let s = score(identical_body_pairs(&dir).as_bytes(), out.as_slice())
        .unwrap_or_else(|e| panic!("{e}"));
    println!(
        "reuters: {} bodies, {} marked duplicate; identical-body pairs {}: recall {:.4}; system pairs {} ({} beyond identical bodies)",
        summary.articles,
        summary.duplicates,
        s.gold_pairs,
        s.recall,
        s.system_pairs,
        s.system_pairs - s.true_pairs
    );
    assert_eq!(s.recall, 1.0);
    assert!(summary.rejected.is_empty());
}

/// Groups the synthetic corpus with `cfg` from precomputed fingerprints and scores it.
fn run_synthetic(
    cfg: &DedupeConfig,
    docs: &[(String, storyline_dedupe::Fingerprint)],
    gold: &str,
) -> PairScores {
    let mut index = Index::new(cfg.clone());
    for (id, fp) in docs {
        index.insert(id, fp);
    }
    let mut system = String::new();
    for (position, (id, _)) in docs.iter().enumerate() {
        let of = index.canonical_of(position).filter(|root| root != id);
        system.push_str(&serde_json::json!({"id": id, "duplicate_of": of}).to_string());
        system.push('\n');
    }
    score(gold.as_bytes(), system.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn synthetic_syndication_precision_and_recall() {
    let Some(dir) = reuters_dir() else { return };
    let sources = read_reuters(&dir.join("docs.jsonl.gz")).unwrap_or_else(|e| panic!("{e}"));
    let corpus = syndicate(&sources, &SynthConfig::default());
    let gold: String = corpus
        .duplicate_pairs
        .iter()
        .map(|(a, b)| format!("{a}\t{b}\n"))
        .collect();
    let defaults = DedupeConfig::default();
    let fps: Vec<_> = corpus
        .docs
        .iter()
        .map(|d| (d.id.clone(), fingerprint(&defaults, &d.text)))
        .collect();
    let count = |k: SynthKind| corpus.docs.iter().filter(|d| d.kind == k).count();
    println!(
        "synthetic: {} originals, {} copies, {} hard negatives, {} gold pairs",
        count(SynthKind::Original),
        count(SynthKind::Copy),
        count(SynthKind::HardNegative),
        corpus.duplicate_pairs.len()
    );
    println!("threshold  containment  precision  recall  f1");
    for t in [0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.8] {
        for c in [0.5, 0.6, 0.7, 0.8, 1.01] {
            let cfg = DedupeConfig {
                threshold: t,
                containment_threshold: c,
                ..defaults.clone()
            };
            let s = run_synthetic(&cfg, &fps, &gold);
            println!(
                "{t:9.2}  {c:11.2}  {:9.4}  {:6.4}  {:.4}",
                s.precision, s.recall, s.f1
            );
        }
    }
    let s = run_synthetic(&defaults, &fps, &gold);
    println!("synthetic at defaults: {s}");
    assert!(s.precision >= 0.99 && s.recall >= 0.98, "{s}");
}
