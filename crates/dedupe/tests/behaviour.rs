//! Behaviour on small hand-written fixtures (no shared data needed).

use storyline_dedupe::{dedupe_jsonl, fingerprint, DedupeConfig, Index};
use storyline_model::DuplicateKind;

const STORY: &str = "The Lakeshore council voted on Monday to close the old ferry pier after engineers found cracks in its pilings. \
Mayor Elena Varga said the decision was painful but necessary for public safety. \
Ferry services will move to the freight terminal on the north bank from next week. \
Local shop owners near the pier warned that fewer visitors would hurt their trade during the summer season. \
The council has set aside four million crowns for repairs and expects work to take two years. \
Engineers will publish a full inspection report before the end of the month.";

const OTHER: &str = "A late frost damaged apple orchards across the Greenvale valley this weekend, growers reported. \
Temperatures fell to minus six degrees in the early hours of Sunday, well below what blossoms can bear. \
The growers' cooperative estimated that a third of the harvest could be lost. \
Insurance cover for frost is rare among small farms, the cooperative's chairman said. \
Regional officials promised to review emergency support for affected families. \
Some orchards used smoke pots and sprinklers to protect trees through the night.";

fn sentences(text: &str) -> Vec<&str> {
    text.split_inclusive(". ").map(str::trim).collect()
}

fn check(index: &mut Index, id: &str, text: &str) -> Option<storyline_model::Duplicate> {
    index.insert(id, &fingerprint(index.config(), text))
}

fn with_original() -> Index {
    let mut index = Index::new(DedupeConfig::default());
    assert!(check(&mut index, "orig", STORY).is_none());
    assert!(check(&mut index, "other", OTHER).is_none());
    index
}

#[test]
fn exact_copy_with_other_wrapping_and_case() {
    let mut index = with_original();
    let copy = STORY.to_uppercase().replace(". ", ".\n\n");
    let d = check(&mut index, "copy", &copy).unwrap_or_else(|| panic!("exact copy not found"));
    assert_eq!(
        (d.of.as_str(), d.kind, d.similarity),
        ("orig", DuplicateKind::Exact, 1.0)
    );
}

#[test]
fn shuffled_copy_is_near() {
    let mut index = with_original();
    let mut s = sentences(STORY);
    s.reverse();
    let d = check(&mut index, "shuffled", &s.join(" "))
        .unwrap_or_else(|| panic!("shuffled copy not found"));
    assert_eq!(d.of, "orig");
    assert_eq!(d.kind, DuplicateKind::Near);
    assert!(d.similarity > 0.9, "{}", d.similarity);
}

#[test]
fn trimmed_copy_is_contained_and_embedding_article_too() {
    let mut index = with_original();
    let s = sentences(STORY);
    let trimmed = s[..3].join(" ");
    let d =
        check(&mut index, "trimmed", &trimmed).unwrap_or_else(|| panic!("trimmed copy not found"));
    assert_eq!(d.of, "orig");

    let mut index = Index::new(DedupeConfig::default());
    check(&mut index, "short", &trimmed);
    let embedding = format!("{STORY} {OTHER}");
    let d = check(&mut index, "long", &embedding)
        .unwrap_or_else(|| panic!("embedding article not found"));
    assert_eq!((d.of.as_str(), d.kind), ("short", DuplicateKind::Contained));
    assert!(d.similarity > 0.9);
}

#[test]
fn changed_headline_and_added_credit_line_still_match() {
    let mut index = with_original();
    let copy = format!(
        "PIER CLOSED AFTER CRACKS FOUND\n\n{STORY}\n\nDistributed by the Northwind Wire Service."
    );
    let d = check(&mut index, "syndicated", &copy)
        .unwrap_or_else(|| panic!("syndicated copy not found"));
    assert_eq!(d.of, "orig");
}

#[test]
fn hard_negative_sharing_lead_and_quote_stays_apart() {
    let mut index = with_original();
    let s = sentences(STORY);
    let follow_up = format!(
        "{} {} Divers inspected the pier again on Thursday and found the damage worse than first thought. \
The harbour authority now wants the whole structure demolished rather than repaired. \
Demolition crews could start in the autumn if the council agrees to pay for them. \
Residents will be invited to a public meeting at the town library on Friday evening. \
A temporary floating platform is being considered for small boats.",
        s[0], s[1]
    );
    assert!(check(&mut index, "follow-up", &follow_up).is_none());
}

#[test]
fn canonical_is_earliest_and_copy_of_copy_points_at_root() {
    let mut index = with_original();
    let s = sentences(STORY);
    let first = format!("{} Distributed by the Northwind Wire Service.", s.join(" "));
    check(&mut index, "copy1", &first);
    let second = format!("{first} Copyright Harbor Daily Press.");
    let d = check(&mut index, "copy2", &second).unwrap_or_else(|| panic!("copy of copy not found"));
    assert_eq!(d.of, "orig");
    assert_eq!(index.canonical_of(3), Some("orig"));
}

#[test]
fn incremental_equals_batch_and_is_deterministic() {
    let cfg = DedupeConfig::default();
    let texts = [
        STORY,
        OTHER,
        &STORY.replace("Monday", "Tuesday"),
        &OTHER.to_lowercase(),
    ];
    let fps: Vec<_> = texts.iter().map(|t| fingerprint(&cfg, t)).collect();
    let mut incremental = Index::new(cfg.clone());
    let one_by_one: Vec<_> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| incremental.insert(&format!("a{i}"), &fingerprint(&cfg, t)))
        .collect();
    let mut batch = Index::new(cfg.clone());
    let all: Vec<_> = fps
        .iter()
        .enumerate()
        .map(|(i, fp)| batch.insert(&format!("a{i}"), fp))
        .collect();
    assert_eq!(one_by_one, all);
    assert_eq!(all.iter().filter(|d| d.is_some()).count(), 2);
    let json = serde_json::to_string(&fps[0]).unwrap_or_default();
    let back: storyline_dedupe::Fingerprint =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, fps[0]);
}

#[test]
fn jsonl_orders_by_published_and_rejects_bad_lines() {
    let input = format!(
        "{}\nnot json\n{}\n{}\n",
        serde_json::json!({"id": "late", "text": STORY, "published": "2024-05-02T08:00:00Z"}),
        serde_json::json!({"id": "early", "text": STORY.replace(". ", ".\n"), "published": "2024-05-01"}),
        serde_json::json!({"id": 3, "text": OTHER, "title": "Frost"}),
    );
    let mut out = Vec::new();
    let summary = dedupe_jsonl(input.as_bytes(), &mut out, &DedupeConfig::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "late");
    assert_eq!(lines[0]["duplicate_of"], "early");
    assert_eq!(lines[0]["similarity"], 1.0);
    assert!(lines[1]["duplicate_of"].is_null() && lines[2]["duplicate_of"].is_null());
    assert_eq!(lines[2]["id"], "3");
    assert_eq!(
        (summary.articles, summary.duplicates, summary.rejected.len()),
        (3, 1, 1)
    );
    assert_eq!(summary.rejected[0].line, 2);
}
