//! Tagging speed: milliseconds per article and per 3 KB of text, best of five passes after a
//! warm-up. Uses the TempEval-3 dev corpus (`../shared/data/tempeval3-train`) when present,
//! else a built-in set of invented articles.
//! Run with `cargo bench -p storyline-temporal --bench tag`.

use chrono::NaiveDate;
use std::path::Path;
use std::time::Instant;
use storyline_temporal::Tagger;

/// Invented news sentences (no real outlet or person), joined into ~3 KB articles.
const FIXTURE: &[&str] = &[
    "The harbour authority said on Tuesday that the new ferry line would open in March 2025.",
    "Two days later, about 300 residents gathered outside the town hall for three hours.",
    "Prices rose 4.5% in the third quarter, the statistics office reported yesterday.",
    "The council will meet again next week and plans to vote before the end of the year.",
    "Since the 1990s the valley has lost half of its farms, a survey published last month found.",
    "Talks resumed at 10:30 a.m. local time on Friday after a break of nearly six months.",
    "The mayor, speaking at a press conference, said repairs would take several weeks.",
    "Inspections now happen twice a year instead of every month, officials confirmed.",
];

fn fixture() -> Vec<String> {
    (0..64)
        .map(|seed| {
            let mut article = String::new();
            let mut index = seed;
            while article.len() < 3000 {
                article.push_str(FIXTURE[index % FIXTURE.len()]);
                article.push(' ');
                index += 3;
            }
            article
        })
        .collect()
}

/// The text inside `<TEXT>` of every `.tml` file under `dir`, markup removed.
fn timeml_texts(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "tml"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter_map(|source| {
            let start = source.find("<TEXT>")? + "<TEXT>".len();
            let end = source.rfind("</TEXT>")?;
            let mut text = String::new();
            let mut in_tag = false;
            for c in source.get(start..end)?.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    _ if !in_tag => text.push(c),
                    _ => {}
                }
            }
            Some(text)
        })
        .collect()
}

fn main() {
    let shared = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    let corpus = shared.join("data/tempeval3-train");
    let mut articles = timeml_texts(&corpus.join("TimeBank"));
    articles.extend(timeml_texts(&corpus.join("AQUAINT")));
    let source = if articles.is_empty() {
        articles = fixture();
        "built-in fixture"
    } else {
        "TempEval-3 dev corpus"
    };
    let dct = NaiveDate::from_ymd_opt(2024, 1, 15);
    let started = Instant::now();
    let tagger = Tagger::english();
    let build = started.elapsed().as_secs_f64();
    let bytes: usize = articles.iter().map(String::len).sum();
    let mut timexes = 0;
    let mut best = f64::INFINITY;
    for pass in 0..6 {
        let started = Instant::now();
        timexes = articles
            .iter()
            .map(|a| tagger.tag(a, dct).len())
            .sum::<usize>();
        if pass > 0 {
            best = best.min(started.elapsed().as_secs_f64());
        }
    }
    println!(
        "{source}: {} articles, {:.2} MB, {timexes} timexes; rule set built in {:.0} ms",
        articles.len(),
        bytes as f64 / 1e6,
        build * 1e3
    );
    println!(
        "tag: {:.3} ms/article, {:.3} ms per 3 KB, {:.0} articles/s on one thread",
        best / articles.len() as f64 * 1e3,
        best / bytes as f64 * 3000.0 * 1e3,
        articles.len() as f64 / best
    );
}
