//! Figures on the development corpora in `../shared/data` (skipped when absent): dateline
//! recognition and year completion on Reuters-21578 datelines, and clean ingestion of ECB+ texts.

use flate2::read::GzDecoder;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::time::Instant;
use storyline_ingest::{read_bytes, IngestOptions};
use storyline_model::DateSource;

fn records(name: &str) -> Option<Vec<Value>> {
    let path =
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")).join(name);
    let Ok(file) = std::fs::File::open(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return None;
    };
    let lines = BufReader::new(GzDecoder::new(file))
        .lines()
        .map_while(Result::ok);
    Some(
        lines
            .filter_map(|l| serde_json::from_str(&l).ok())
            .collect(),
    )
}

fn text_of(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

#[test]
fn reuters_datelines() {
    let Some(docs) = records("reuters21578/docs.jsonl.gz") else {
        return;
    };
    // Each story as the wire printed it: dateline, then body; the record date is the wire time.
    let mut input = String::new();
    let mut expected = Vec::new();
    for doc in &docs {
        let (dateline, body) = (text_of(doc, "dateline"), text_of(doc, "body"));
        if dateline.trim().is_empty() || body.trim().is_empty() {
            continue;
        }
        let record = json!({"id": doc["id"], "published": text_of(doc, "date"), "text": format!("{} {}", dateline.trim(), body)});
        input.push_str(&record.to_string());
        input.push('\n');
        expected.push(dateline.trim().to_string());
    }
    let opts = IngestOptions { max_bytes: 1 << 30 };
    let start = Instant::now();
    let out = read_bytes("reuters.jsonl", input.as_bytes(), &opts);
    let elapsed = start.elapsed();
    let articles: Vec<_> = out.iter().filter_map(|r| r.as_ref().ok()).collect();
    let (mut exact, mut dated, mut same_day, mut within_two) = (0, 0, 0, 0);
    for (a, want) in articles.iter().zip(&expected) {
        let Some(d) = &a.dateline else { continue };
        exact += usize::from(d.span.start == 0 && d.span.slice(&a.text) == want.as_str());
        let Some(candidate) = a
            .published
            .candidates
            .iter()
            .find(|c| c.source == DateSource::Dateline)
        else {
            continue;
        };
        dated += 1;
        let record = a
            .published
            .candidates
            .iter()
            .find(|c| c.source == DateSource::Record)
            .map(|c| c.value);
        let gap = record.map(|r| (candidate.value - r).num_days().abs());
        same_day += usize::from(gap == Some(0));
        within_two += usize::from(gap.is_some_and(|g| g <= 2));
    }
    let signoffs = articles
        .iter()
        .filter(|a| {
            a.boilerplate
                .iter()
                .any(|b| b.kind == storyline_model::BoilerplateKind::AgencySignoff)
        })
        .count();
    let n = expected.len();
    let pct = |k: usize| 100.0 * k as f64 / n.max(1) as f64;
    println!(
        "reuters: {n} stories, {} articles, {} rejected in {:.2?} ({:.0} stories/s, this build profile); dateline exact {exact} ({:.1}%), dated {dated} ({:.1}%), dateline date = wire date {same_day} ({:.1}%), within 2 days {within_two} ({:.1}%), agency sign-off removed from {signoffs}",
        articles.len(),
        out.len() - articles.len(),
        elapsed,
        n as f64 / elapsed.as_secs_f64(),
        pct(exact),
        pct(dated),
        pct(same_day),
        pct(within_two),
    );
    assert_eq!(articles.len(), n, "every story with a body is ingested");
    assert!(pct(exact) > 95.0 && pct(within_two) > 95.0);
}

#[test]
fn ecbplus_texts_ingest_cleanly() {
    let Some(docs) = records("ecbplus/docs.jsonl.gz") else {
        return;
    };
    let input: String = docs
        .iter()
        .map(|d| json!({"id": d["id"], "text": text_of(d, "text")}).to_string() + "\n")
        .collect();
    let start = Instant::now();
    let out = read_bytes(
        "ecb.jsonl",
        input.as_bytes(),
        &IngestOptions { max_bytes: 1 << 30 },
    );
    let elapsed = start.elapsed();
    let rejected: Vec<_> = out.iter().filter_map(|r| r.as_ref().err()).collect();
    let boilerplate: usize = out
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|a| a.boilerplate.len())
        .sum();
    let datelines = out
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .filter(|a| a.dateline.is_some())
        .count();
    println!(
        "ecb+: {} docs in {elapsed:.2?}, {} rejected, {boilerplate} boilerplate items removed, {datelines} datelines",
        docs.len(),
        rejected.len()
    );
    assert!(rejected.is_empty(), "{rejected:?}");
}
