//! Golden tests on the project's example corpus (`examples/`), and its scores against the
//! corpus truth (`tests/examples/TRUTH.tsv`).

use crate::util::{json, ok, root, s, tmp};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

fn run_examples(db: &std::path::Path, json_out: bool) -> String {
    let mut args = vec!["run", "examples", "--db", s(db)];
    if json_out {
        args.push("--json");
    }
    ok(&args)
}

/// The parts of the run document a reader checks: articles with dates and copies, the
/// stories with their dated events, entity names, and rejections.
fn projection(doc: &Value) -> Value {
    let articles: Vec<Value> = doc["articles"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| {
            json!({
                "source": a["source"], "outlet": a["outlet"], "title": a["title"],
                "published": a["published"]["value"], "from": a["published"]["chosen_from"],
                "conflict": a["published"]["conflict"], "duplicate_of": a["duplicate_of"],
                "timexes": a["timexes"].as_array().map(|t| t.len()), "mentions": a["mentions"].as_array().map(|m| m.len()),
                "quotes": a["quotes"].as_array().map(|q| q.len()),
            })
        })
        .collect();
    let stories: Vec<Value> = doc["stories"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|st| {
            let events: Vec<Value> = st["events"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|e| json!({"date": e["date"], "title": e["title"], "articles": e["articles"]}))
                .collect();
            json!({"title": st["title"], "events": events})
        })
        .collect();
    let entities: Vec<Value> = doc["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["articles"].as_array().is_some_and(|a| a.len() > 1))
        .map(|e| json!([e["kind"], e["canonical"], e["variants"]]))
        .collect();
    json!({"articles": articles, "stories": stories, "entities": entities, "rejected": doc["rejected"]})
}

#[test]
fn examples_report_and_json_are_golden() {
    let dir = tmp();
    let db = dir.path().join("e.db");
    let report = run_examples(&db, false);
    insta::assert_snapshot!("examples_report", report);
    let doc = json(&run_examples(&db, true));
    insta::assert_json_snapshot!("examples_json", projection(&doc));
}

/// B³ precision and recall of a clustering against gold labels, over the gold items.
fn b3(gold: &BTreeMap<String, String>, sys: &BTreeMap<String, String>) -> (f64, f64) {
    let members = |m: &BTreeMap<String, String>, label: &str| -> BTreeSet<String> {
        m.iter()
            .filter(|(_, l)| l.as_str() == label)
            .map(|(k, _)| k.clone())
            .collect()
    };
    let (mut p, mut r) = (0.0, 0.0);
    for (id, g) in gold {
        let gs = members(gold, g);
        let ss = sys
            .get(id)
            .map(|l| members(sys, l))
            .unwrap_or_else(|| BTreeSet::from([id.clone()]));
        let inter = gs.intersection(&ss).count() as f64;
        p += inter / ss.len() as f64;
        r += inter / gs.len() as f64;
    }
    let n = gold.len() as f64;
    (p / n, r / n)
}

#[test]
fn examples_match_their_truth() {
    let dir = tmp();
    let db = dir.path().join("e.db");
    let doc = json(&run_examples(&db, true));
    let truth =
        std::fs::read_to_string(root().join("tests/examples/TRUTH.tsv")).expect("TRUTH.tsv");
    let rows: Vec<Vec<&str>> = truth
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    // Articles are matched to truth rows by source (`path`, `path#record`) or, for WARC records, by URL.
    let mut by_source: BTreeMap<String, &Value> = BTreeMap::new();
    for a in doc["articles"].as_array().into_iter().flatten() {
        let src = a["source"]
            .as_str()
            .unwrap_or("")
            .trim_start_matches("examples/")
            .to_string();
        let path = src.split('#').next().unwrap_or("").to_string();
        by_source.insert(src, a);
        if let Some(url) = a["url"].as_str() {
            by_source.insert(format!("{path}#{url}"), a);
        }
    }
    let (mut ev_gold, mut st_gold, mut ev_sys, mut st_sys) = (
        BTreeMap::new(),
        BTreeMap::new(),
        BTreeMap::new(),
        BTreeMap::new(),
    );
    let mut event_of = BTreeMap::new();
    for st in doc["stories"].as_array().into_iter().flatten() {
        for e in st["events"].as_array().into_iter().flatten() {
            for a in e["articles"].as_array().into_iter().flatten() {
                event_of.insert(
                    a.as_str().unwrap_or("").to_string(),
                    (e["id"].to_string(), st["id"].to_string()),
                );
            }
        }
    }
    let (mut dates_ok, mut dated) = (0, 0);
    for row in rows.iter().filter(|r| r.get(1) != Some(&"-")) {
        let Some(a) = by_source.get(row[0]) else {
            panic!("truth row {} has no article", row[0])
        };
        let id = a["id"].as_str().unwrap_or("").to_string();
        ev_gold.insert(id.clone(), row[2].to_string());
        st_gold.insert(id.clone(), row[1].to_string());
        if let Some((e, s)) = event_of.get(&id) {
            ev_sys.insert(id.clone(), e.clone());
            st_sys.insert(id.clone(), s.clone());
        }
        if let Some(want) = row.get(4).filter(|w| !w.is_empty()) {
            dated += 1;
            dates_ok += usize::from(a["published"]["value"].as_str() == Some(*want));
        } else {
            assert!(
                a["published"]["value"].is_null(),
                "{} should be undated",
                row[0]
            );
        }
    }
    let (sp, sr) = b3(&st_gold, &st_sys);
    let (ep, er) = b3(&ev_gold, &ev_sys);
    println!("examples: stories B3 P {sp:.3} R {sr:.3}; events B3 P {ep:.3} R {er:.3}; publication dates {dates_ok}/{dated}");
    assert_eq!(dates_ok, dated, "every publication date right");
    assert!(
        sp >= 0.999 && sr >= 0.999,
        "stories must match the truth exactly"
    );
    assert!(ep >= 0.8 && er >= 0.8, "events B3 fell below 0.8");
    let rejected = doc["rejected"].as_array().map(|r| r.len()).unwrap_or(0);
    assert_eq!(
        rejected,
        rows.iter().filter(|r| r.get(1) == Some(&"-")).count()
    );
}
