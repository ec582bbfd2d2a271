//! The hand-annotated evaluation set in `tests/quotes/`: gold offsets are checked against the
//! article files, then the extractor is scored on the set and the figures are printed.

mod common;

use std::path::{Path, PathBuf};
use std::time::Instant;
use storyline_eval::quotes::{align, load_gold, speaker_correct};

fn set_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/quotes")
}

#[test]
fn gold_offsets_match_the_article_text() {
    let dir = set_dir();
    let gold = load_gold(&dir.join("gold.jsonl")).expect("gold loads");
    let mut articles: Vec<&str> = gold.iter().map(|g| g.article.as_str()).collect();
    articles.dedup();
    for g in &gold {
        let text =
            std::fs::read_to_string(dir.join("articles").join(&g.article)).expect("article exists");
        let got = text.get(g.start..g.end);
        assert_eq!(
            got,
            Some(g.text.as_str()),
            "{} {}..{}",
            g.article,
            g.start,
            g.end
        );
        assert!(
            g.speaker.is_none() || !g.anonymous,
            "{}: anonymous quotes have no name",
            g.article
        );
    }
    let files = std::fs::read_dir(dir.join("articles"))
        .expect("articles folder")
        .count();
    assert!(files >= 60, "only {files} articles");
    println!(
        "gold: {} quotes in {} articles ({} files)",
        gold.len(),
        articles.len(),
        files
    );
}

#[test]
fn extractor_scores_on_the_set() {
    let dir = set_dir();
    let t = Instant::now();
    let (gold, system) = storyline_quotes::extract_set(&dir, common::prepare).expect("set runs");
    let elapsed = t.elapsed();
    let pairs = align(&gold, &system);
    let mut gold_hit = vec![false; gold.len()];
    let mut sys_hit = vec![false; system.len()];
    for &(g, s) in &pairs {
        gold_hit[g] = true;
        sys_hit[s] = true;
        if !speaker_correct(&gold[g], &system[s]) {
            println!(
                "speaker {}: {:?} gold {:?}{} system {:?}{}",
                gold[g].article,
                gold[g].text,
                gold[g].speaker,
                if gold[g].anonymous {
                    " (anonymous)"
                } else {
                    ""
                },
                system[s].speaker,
                if system[s].anonymous {
                    " (anonymous)"
                } else {
                    ""
                },
            );
        }
    }
    for (g, q) in gold.iter().enumerate().filter(|(g, _)| !gold_hit[*g]) {
        println!("missed {} {:?} {:?} ({g})", q.article, q.kind, q.text);
    }
    for q in system
        .iter()
        .zip(&sys_hit)
        .filter(|(_, hit)| !**hit)
        .map(|(q, _)| q)
    {
        let text =
            std::fs::read_to_string(dir.join("articles").join(&q.article)).unwrap_or_default();
        println!(
            "spurious {} {:?} {:?}",
            q.article,
            q.kind,
            text.get(q.start..q.end).unwrap_or("")
        );
    }
    let scores = storyline_eval::quotes::score(&gold, &system);
    let articles = std::fs::read_dir(dir.join("articles"))
        .map(|d| d.count())
        .unwrap_or(1)
        .max(1);
    println!("{scores}");
    println!(
        "time: {:.0} µs per article (reading, segmenting and extracting)",
        elapsed.as_micros() as f64 / articles as f64
    );
    assert!(
        scores.overlap.f1 >= 0.5,
        "overlap F1 {:.3}",
        scores.overlap.f1
    );
    assert!(
        scores.speaker_accuracy >= 0.5,
        "speaker accuracy {:.3}",
        scores.speaker_accuracy
    );
}
