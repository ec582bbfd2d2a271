use std::collections::BTreeMap;
use storyline_dedupe::synth::*;
use storyline_dedupe::*;
fn main() {
    let cfg = DedupeConfig::default();
    let docs = read_reuters(std::path::Path::new("/work/shared/data/reuters21578/docs.jsonl.gz")).unwrap();
    let mut index = Index::new(cfg.clone());
    let mut kinds = BTreeMap::new();
    let mut ms = Vec::new();
    for d in &docs { let m = index.insert(&d.id, &fingerprint(&cfg, &d.body)); if let Some(m) = &m { *kinds.entry(format!("{:?}", m.kind)).or_insert(0) += 1; } ms.push(m); }
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for p in 0..docs.len() { groups.entry(index.canonical_of(p).unwrap()).or_default().push(p); }
    let mut sizes: Vec<(usize, &str)> = groups.iter().map(|(k, v)| (v.len(), *k)).collect();
    sizes.sort(); sizes.reverse();
    println!("kinds {kinds:?} top groups {:?}", &sizes[..8]);
    let big = &groups[sizes[0].1];
    for &p in big.iter().take(400).step_by(40) { println!("--- {} {:?} {:?}\n{}", docs[p].title, ms[p].as_ref().map(|m| (m.kind, m.similarity)), ms[p].as_ref().map(|m| &m.of), docs[p].body.chars().take(300).collect::<String>()); }
}
