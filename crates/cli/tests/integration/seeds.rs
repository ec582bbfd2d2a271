//! The seed acceptance of the foundation issue, on `../shared/seeds` when present.
//! The code under test never names these articles; only this test does.

use crate::util::{json, ok, s, shared, tmp};
use serde_json::Value;
use std::collections::BTreeMap;

fn seed_of(a: &Value) -> String {
    let src = a["source"].as_str().unwrap_or("");
    let name = src.rsplit('/').next().unwrap_or("");
    name.get(..3).unwrap_or("").to_string()
}

#[test]
fn seeds_give_one_story_three_events_and_the_right_dates() {
    let Some(shared) = shared() else {
        eprintln!("../shared/seeds absent: seed acceptance skipped");
        return;
    };
    let dir = tmp();
    let db = dir.path().join("s.db");
    let doc = json(&ok(&[
        "run",
        s(&shared.join("seeds")),
        "--db",
        s(&db),
        "--json",
    ]));
    let seed: BTreeMap<String, String> = doc["articles"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| (a["id"].as_str().unwrap_or("").to_string(), seed_of(a)))
        .collect();
    let mut names: Vec<&String> = seed.values().collect();
    names.sort();
    assert_eq!(names, ["000", "001", "002", "003", "004"]);

    let published: BTreeMap<&str, &Value> = doc["articles"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| {
            (
                seed[a["id"].as_str().unwrap_or("")].as_str(),
                &a["published"],
            )
        })
        .collect();
    for (s, want) in [
        ("000", Some("2022-01-20")),
        ("001", Some("2022-01-19")),
        ("002", Some("2022-02-18")),
        ("003", Some("2022-02-18")),
        ("004", None),
    ] {
        assert_eq!(
            published[s]["value"].as_str(),
            want,
            "publication date of {s}"
        );
    }
    assert_eq!(published["001"]["conflict"], true);
    assert_eq!(published["002"]["conflict"], true);
    assert_eq!(published["001"]["chosen_from"], "dateline");

    let stories = doc["stories"].as_array().cloned().unwrap_or_default();
    assert_eq!(stories.len(), 1, "one story");
    let mut events: Vec<(Vec<String>, Option<String>)> = stories[0]["events"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            let mut members: Vec<String> = e["articles"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|a| seed[a.as_str().unwrap_or("")].clone())
                .collect();
            members.sort();
            (members, e["date"].as_str().map(str::to_string))
        })
        .collect();
    events.sort();
    assert_eq!(
        events,
        vec![
            (
                vec!["000".to_string(), "001".to_string()],
                Some("2022-01-21".to_string())
            ),
            (
                vec!["002".to_string(), "003".to_string()],
                Some("2022-W08".to_string())
            ),
            (vec!["004".to_string()], None),
        ]
    );

    for pattern in ["lavrov", "blinken", "kyiv|kiev", "donbas"] {
        let hits: Vec<&Value> = doc["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| {
                let canonical = e["canonical"].as_str().unwrap_or("").to_lowercase();
                let variants: Vec<String> = e["variants"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str())
                    .map(str::to_lowercase)
                    .collect();
                pattern.split('|').any(|p| {
                    if p.len() > 5 {
                        canonical.contains(p) || variants.iter().any(|v| v.contains(p))
                    } else {
                        canonical.trim_end_matches('s') == p
                            || variants.iter().any(|v| v.trim_end_matches('s') == p)
                    }
                })
            })
            .collect();
        assert_eq!(hits.len(), 1, "one entity for {pattern}: {hits:?}");
    }
}
