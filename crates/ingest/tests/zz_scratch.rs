use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
#[test]
fn misses() {
    let f = std::fs::File::open("/work/shared/data/reuters21578/docs.jsonl.gz").unwrap();
    let mut shown = 0;
    for l in BufReader::new(flate2::read::GzDecoder::new(f)).lines().map_while(Result::ok) {
        let d: Value = serde_json::from_str(&l).unwrap();
        let dl = d["dateline"].as_str().unwrap_or("").trim().to_string();
        let body = d["body"].as_str().unwrap_or("");
        if dl.is_empty() || body.trim().is_empty() { continue; }
        let rec = json!({"published": d["date"], "text": format!("{dl} {body}")}).to_string();
        let a = storyline_ingest::read_bytes("x.jsonl", rec.as_bytes(), &Default::default()).remove(0).unwrap();
        let got = a.dateline.as_ref().map(|x| x.span.slice(&a.text).to_string());
        let cand = a.published.candidates.iter().find(|c| c.source == storyline_model::DateSource::Dateline).map(|c| c.value);
        let rec = a.published.candidates.iter().find(|c| c.source == storyline_model::DateSource::Record).map(|c| c.value);
        if got.as_deref() != Some(dl.as_str()) || cand.zip(rec).is_some_and(|(c, r)| (c - r).num_days().abs() > 2) {
            shown += 1;
            if shown < 60 { println!("WANT {dl:?} GOT {got:?} cand {cand:?} rec {rec:?}"); }
        }
    }
    println!("total {shown}");
}
#[test]
fn ecb() {
    let f = std::fs::File::open("/work/shared/data/ecbplus/docs.jsonl.gz").unwrap();
    for l in BufReader::new(flate2::read::GzDecoder::new(f)).lines().map_while(Result::ok) {
        let d: Value = serde_json::from_str(&l).unwrap();
        let rec = json!({"text": d["text"]}).to_string();
        let a = storyline_ingest::read_bytes("x.jsonl", rec.as_bytes(), &Default::default()).remove(0).unwrap();
        if let Some(x) = &a.dateline { println!("ECB {:?} {:?}", x.span.slice(&a.text), a.published.value); }
    }
}
