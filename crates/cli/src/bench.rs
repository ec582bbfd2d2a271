//! `storyline bench`: end-to-end throughput (ingest + analyze + store + link) and peak memory
//! on the example corpus replicated into many varied articles.
//!
//! Each replica is a separate "world": capitalised words of the template are renamed by a
//! deterministic function of the word and the world, and dates move by whole weeks, so
//! replicas form their own stories instead of collapsing into copies of the originals.

use crate::DbArgs;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;
use storyline_engine::Engine;
use storyline_ingest::{discover, read_input, IngestOptions};
use storyline_model::Article;

/// Arguments of `storyline bench`.
#[derive(clap::Args)]
pub struct BenchArgs {
    /// Number of articles to generate.
    #[arg(long, default_value_t = 100_000)]
    articles: usize,
    /// Folder of template articles.
    #[arg(long, default_value = "examples")]
    templates: PathBuf,
    /// Keep the generated corpus and database in this folder (default: a temporary folder).
    #[arg(long)]
    keep: Option<PathBuf>,
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mir", "sen", "ta", "vo", "dra", "nel", "pe", "ru", "zan", "bri", "cho", "fa",
    "gu", "hol",
];

/// A deterministic new name for `word` in `world`: same word and world, same name.
fn rename(word: &str, world: usize) -> String {
    let mut h: u64 = 1469598103934665603;
    for b in word.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(1099511628211);
    }
    h ^= world as u64;
    h = h.wrapping_mul(0x9E3779B97F4A7C15);
    let mut out = String::new();
    for i in 0..2 {
        out.push_str(SYLLABLES[((h >> (i * 8)) & 15) as usize]);
    }
    let mut c = out.chars();
    match c.next() {
        Some(f) => format!("{}{}{}", f.to_uppercase(), c.as_str(), word.to_lowercase()),
        None => word.to_string(),
    }
}

fn mix(a: u64, b: u64) -> u64 {
    (a ^ b.wrapping_mul(0x9E3779B97F4A7C15))
        .wrapping_mul(0xBF58476D1CE4E5B9)
        .rotate_left(31)
}

/// Renames capitalised words that are not sentence starts, and replaces about 30% of the other
/// words (by a hash of the article and position) with words from `vocabulary`, so replicas
/// are new texts rather than copies.
fn vary(text: &str, world: usize, article: usize, vocabulary: &[&str]) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut after_stop = true;
    for (pos, piece) in text.split_inclusive(' ').enumerate() {
        let word = piece.trim_end();
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        let alphabetic = core.chars().all(char::is_alphabetic) && core.len() > 2;
        let capital = alphabetic && core.chars().next().is_some_and(char::is_uppercase);
        let h = mix(article as u64, pos as u64);
        if capital && !after_stop {
            out.push_str(&piece.replacen(core, &rename(core, world), 1));
        } else if alphabetic && !capital && !vocabulary.is_empty() && h % 10 < 3 {
            out.push_str(&piece.replacen(
                core,
                vocabulary[(h >> 8) as usize % vocabulary.len()],
                1,
            ));
        } else {
            out.push_str(piece);
        }
        after_stop = word.ends_with(['.', '!', '?', '"', '\n']) || word.is_empty();
    }
    out
}

fn template_articles(dir: &Path) -> Result<Vec<Article>> {
    let (inputs, _) = discover(&[dir.to_path_buf()]);
    let opts = IngestOptions::default();
    let arts: Vec<Article> = inputs
        .iter()
        .flat_map(|i| read_input(i, &opts))
        .filter_map(Result::ok)
        .collect();
    anyhow::ensure!(
        !arts.is_empty(),
        "no template articles in {}",
        dir.display()
    );
    Ok(arts)
}

/// Writes `n` varied articles as JSONL files of 1,000 records.
fn generate(templates: &[Article], n: usize, dir: &Path) -> Result<u64> {
    std::fs::create_dir_all(dir)?;
    let mut vocabulary: Vec<&str> = templates
        .iter()
        .flat_map(|t| t.text.split_whitespace())
        .filter(|w| w.len() > 3 && w.chars().all(|c| c.is_ascii_lowercase()))
        .collect();
    vocabulary.sort_unstable();
    vocabulary.dedup();
    let mut bytes = 0u64;
    let mut file: Option<std::io::BufWriter<std::fs::File>> = None;
    for i in 0..n {
        if i % 1000 == 0 {
            let path = dir.join(format!("part-{:05}.jsonl", i / 1000));
            file = Some(std::io::BufWriter::new(
                std::fs::File::create(&path)
                    .with_context(|| format!("cannot write {}", path.display()))?,
            ));
        }
        let t = &templates[i % templates.len()];
        let world = i / templates.len();
        let published = t
            .published
            .value
            .map(|d| d + chrono::Duration::weeks((world % 500) as i64 * 3));
        let rec = serde_json::json!({
            "id": format!("bench-{i}"),
            "outlet": t.outlet.as_deref().map(|o| vary(o, world % 7, 0, &[])),
            "title": t.title.as_deref().map(|x| vary(x, world, i, &vocabulary)),
            "published": published.map(|d| d.to_string()),
            "text": vary(&t.text, world, i, &vocabulary),
        });
        let line = serde_json::to_string(&rec)?;
        bytes += line.len() as u64 + 1;
        if let Some(f) = file.as_mut() {
            writeln!(f, "{line}")?;
        }
    }
    if let Some(mut f) = file {
        f.flush()?;
    }
    Ok(bytes)
}

/// Peak resident memory of this process in MiB (Linux), when known.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Runs the benchmark and prints its figures.
pub fn bench(args: &BenchArgs) -> Result<i32> {
    let tmp;
    let dir = match &args.keep {
        Some(d) => d.clone(),
        None => {
            tmp = std::env::temp_dir().join(format!("storyline-bench-{}", std::process::id()));
            tmp.clone()
        }
    };
    let templates = template_articles(&args.templates)?;
    let corpus = dir.join("corpus");
    let t0 = Instant::now();
    let bytes = generate(&templates, args.articles, &corpus)?;
    eprintln!(
        "generated {} articles ({:.1} MB) from {} templates in {:.1}s",
        args.articles,
        bytes as f64 / 1e6,
        templates.len(),
        t0.elapsed().as_secs_f64()
    );
    let db = DbArgs {
        db: dir.join("bench.db"),
    };
    let _ = std::fs::remove_file(&db.db);
    let mut engine = Engine::open(&db.db)?;
    let bar = crate::progress::bar("bench");
    let t1 = Instant::now();
    let report = engine.ingest_paths(std::slice::from_ref(&corpus), &mut |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })?;
    bar.finish_and_clear();
    let ingest_s = t1.elapsed().as_secs_f64();
    let mem_after_ingest = peak_rss_mib();
    let t2 = Instant::now();
    let linked = engine.relink()?;
    let link_s = t2.elapsed().as_secs_f64();
    let total_s = ingest_s + link_s;
    let n = report.stored as f64;
    println!(
        "storyline bench: {} articles ({} stored, {} already stored, {} rejected)",
        args.articles,
        report.stored,
        report.already_stored,
        report.rejected.len()
    );
    println!(
        "ingest+analyze+store: {:.1}s ({:.0} articles/s)",
        ingest_s,
        n / ingest_s
    );
    println!(
        "link: {:.1}s ({:.0} articles/s): {} stories, {} events, {} copies, {} entities",
        link_s,
        n / link_s,
        linked.stories,
        linked.events,
        linked.duplicates,
        linked.entities
    );
    println!(
        "end to end: {:.1}s, {:.0} articles/s on {} threads",
        total_s,
        n / total_s,
        rayon::current_num_threads()
    );
    if let (Some(a), Some(b)) = (mem_after_ingest, peak_rss_mib()) {
        println!("peak memory: {a:.0} MiB after ingest, {b:.0} MiB after link");
    }
    if let Ok(m) = std::fs::metadata(&db.db) {
        println!("database: {:.1} MB", m.len() as f64 / 1e6);
    }
    profile(&engine, &corpus)?;
    if args.keep.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(0)
}

/// Times each analysis component on one thread over the first generated file.
fn profile(engine: &Engine, corpus: &Path) -> Result<()> {
    let first = corpus.join("part-00000.jsonl");
    let inputs = discover(&[first]).0;
    let articles: Vec<Article> = inputs
        .iter()
        .flat_map(|i| read_input(i, &IngestOptions::default()))
        .filter_map(Result::ok)
        .collect();
    let names = engine.pipeline().component_names();
    let mut times = vec![std::time::Duration::ZERO; names.len()];
    let n = articles.len().max(1) as f64;
    for a in articles {
        engine.pipeline().analyze_timed(a, &mut times);
    }
    let total: f64 = times.iter().map(|t| t.as_secs_f64()).sum();
    let parts: Vec<String> = names
        .iter()
        .zip(&times)
        .map(|(name, t)| format!("{name} {:.0} µs", t.as_secs_f64() * 1e6 / n))
        .collect();
    println!(
        "analysis per article on one thread: {:.0} µs ({})",
        total * 1e6 / n,
        parts.join(", ")
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variation_renames_names_but_not_sentence_starts() {
        let text = "The Valmora port reopened. Dockers cheered Mayor Alana Brooks.";
        let v = vary(text, 3, 1, &[]);
        assert!(v.starts_with("The "));
        assert!(!v.contains("Valmora port") && v.contains("valmora port"));
        assert!(v.contains(". Dockers"));
        assert_eq!(v, vary(text, 3, 1, &[]));
        assert_ne!(v, vary(text, 4, 1, &[]));
        let long =
            "the quick brown fox jumps over the lazy sleeping dog near the quiet river bank "
                .repeat(5);
        let varied = vary(&long, 0, 7, &["zebra"]);
        let replaced = varied.matches("zebra").count();
        assert!(replaced > 10 && replaced < 50, "{replaced}");
    }
}
