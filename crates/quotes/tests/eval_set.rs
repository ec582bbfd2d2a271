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
    let (gold, system) = storyline_quotes::extract_set(&dir, common::prepare).expect("set runs");
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
    println!("{scores}");
    assert!(
        scores.overlap.f1 >= 0.95,
        "overlap F1 {:.3}",
        scores.overlap.f1
    );
    assert!(
        scores.speaker_accuracy >= 0.90,
        "speaker accuracy {:.3}",
        scores.speaker_accuracy
    );
}

/// Extraction time per article next to segmentation time, over the set and the seeds.
#[test]
fn extraction_time_per_article() {
    let mut texts: Vec<String> = Vec::new();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    for dir in [set_dir().join("articles"), seeds] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        texts.extend(entries.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok()));
    }
    const ROUNDS: u32 = 20;
    let t = Instant::now();
    let mut sentences = Vec::new();
    for _ in 0..ROUNDS {
        sentences = texts.iter().map(|t| common::sentences(t)).collect();
    }
    let segmenting = t.elapsed() / ROUNDS;
    let t = Instant::now();
    let mut found = 0;
    for _ in 0..ROUNDS {
        found = texts
            .iter()
            .zip(&sentences)
            .map(|(t, s)| storyline_quotes::extract(t, s, &[]).len())
            .sum();
    }
    let extracting = t.elapsed() / ROUNDS;
    let per = |d: std::time::Duration| d.as_secs_f64() * 1e6 / texts.len().max(1) as f64;
    println!(
        "{} articles, {found} quotes: extraction {:.0} µs per article, segmentation {:.0} µs per article",
        texts.len(),
        per(extracting),
        per(segmenting)
    );
    assert!(found > 0);
}
