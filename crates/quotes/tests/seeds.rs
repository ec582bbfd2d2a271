//! The seed articles' quotes and speakers, as `shared/eval/quotes_check.py` expects them.
//! The expectations are read from that script, so no seed text lives in this repository.
//! Skipped (with a message) when `../shared` is absent.

mod common;

use regex::Regex;
use std::path::Path;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

fn norm(s: &str) -> String {
    let lower = s.to_lowercase();
    let spaced: String = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    spaced
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ')
        .collect()
}

/// `(quote words, speaker pattern)` pairs from the `EXPECTED` list of the reference check.
fn expected(script: &str) -> Vec<(String, Regex)> {
    let pair = Regex::new(r#"\(\s*'([^']*)'\s*,\s*r'([^']*)'\s*\)"#).expect("valid pattern");
    pair.captures_iter(script)
        .filter_map(|c| Some((c[1].to_string(), Regex::new(&c[2]).ok()?)))
        .collect()
}

#[test]
fn seed_quotes_have_their_speakers() {
    let seeds = Path::new(SHARED).join("seeds");
    let Ok(script) = std::fs::read_to_string(Path::new(SHARED).join("eval/quotes_check.py")) else {
        eprintln!("skipped: {} not found", SHARED);
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&seeds)
        .expect("seeds folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("seed text");
        let (sentences, mentions) = common::prepare(&text);
        found.extend(storyline_quotes::extract(&text, &sentences, &mentions));
    }
    let want = expected(&script);
    assert!(
        !want.is_empty(),
        "no expectations parsed from quotes_check.py"
    );
    let mut good = 0;
    for (words, speaker) in &want {
        let hits: Vec<_> = found
            .iter()
            .filter(|q| norm(&q.text).contains(&norm(words)))
            .collect();
        let ok = hits.iter().any(|q| {
            q.speaker.as_ref().is_some_and(|s| {
                let via = serde_json::to_string(&s.via).unwrap_or_default();
                speaker.is_match(&format!("{} {}", s.name, via).to_lowercase())
            })
        });
        let given: Vec<String> = hits
            .iter()
            .map(|q| {
                format!(
                    "{:?} relay {:?}",
                    q.speaker.as_ref().map(|s| (&s.name, s.via)),
                    q.relay
                )
            })
            .collect();
        println!(
            "{} {words:?} -> {} {given:?}",
            if ok { "ok  " } else { "FAIL" },
            speaker.as_str()
        );
        good += usize::from(ok);
    }
    println!("seed quotes: {good}/{} with the right speaker", want.len());
    assert_eq!(good, want.len());
}
