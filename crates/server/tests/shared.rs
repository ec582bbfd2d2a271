//! The server over the shared seed articles (skipped when `../shared` is absent): every
//! story, event, article and entity page renders, and request times are printed.

mod common;

use std::path::{Path, PathBuf};
use std::time::Instant;
use storyline_engine::Engine;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

fn ids(v: &serde_json::Value, key: &str) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x[key].as_str().map(String::from))
        .collect()
}

#[test]
fn seed_articles_render_on_every_page() {
    let seeds = Path::new(SHARED).join("seeds");
    if !seeds.is_dir() {
        eprintln!("skipped: {} not found", seeds.display());
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("seeds.db");
    let mut engine = Engine::open(&db).expect("engine");
    let report = engine
        .ingest_paths(&[PathBuf::from(&seeds)], &mut |_, _| {})
        .expect("ingest");
    engine.relink().expect("relink");
    drop(engine);
    let addr = common::start(db, "seed-token", dir);
    let get = |path: &str| common::request(addr, "GET", path, &[], b"");

    let started = Instant::now();
    let mut pages = vec!["/".to_string()];
    let mut entities = Vec::new();
    for story in ids(&get("/api/stories").json(), "id") {
        let view = get(&format!("/api/stories/{story}")).json();
        pages.push(format!("/stories/{story}"));
        for ev in view["timeline"].as_array().into_iter().flatten() {
            pages.push(format!(
                "/events/{}",
                ev["event"]["id"].as_str().unwrap_or("")
            ));
            entities.extend(ids(&ev["participants"], "id"));
            for a in ids(&ev["articles"], "id") {
                pages.push(format!("/articles/{a}"));
            }
        }
    }
    entities.sort();
    entities.dedup();
    pages.extend(entities.iter().map(|e| format!("/entities/{e}")));
    let mut bytes = 0;
    for p in &pages {
        bytes += common::page(addr, p).body.len();
    }
    let elapsed = started.elapsed();
    println!(
        "seeds: {} stored, {} pages rendered ({} KiB) in {:.0} ms, {:.1} ms per page",
        report.stored,
        pages.len(),
        bytes / 1024,
        elapsed.as_secs_f64() * 1000.0,
        elapsed.as_secs_f64() * 1000.0 / pages.len() as f64
    );
    assert_eq!(report.stored, 5, "{report:?}");

    // The same pages again from 4 client threads at once.
    let threads = 4;
    let started = Instant::now();
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let pages = pages.clone();
            std::thread::spawn(move || {
                for p in &pages {
                    common::page(addr, p);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("client thread");
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "seeds: {} pages from {threads} threads in {:.0} ms, {:.0} pages/s",
        pages.len() * threads,
        elapsed * 1000.0,
        (pages.len() * threads) as f64 / elapsed
    );
    assert!(pages.len() > 5 + 1);
}
