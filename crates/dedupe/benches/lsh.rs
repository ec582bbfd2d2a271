//! Throughput of signature + index + query on Reuters-21578 bodies, side by side with Python's
//! `datasketch` MinHashLSH (same documents, num_perm and threshold) in a throwaway venv under
//! `target/bench-venv`; with `STORYLINE_BENCH_DOCS=N`, also a scaling run over N generated documents
//! (time, peak memory, index bytes per document).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use storyline_dedupe::synth::{read_reuters, ScaleCorpus};
use storyline_dedupe::{fingerprint, DedupeConfig, Index};

const PEER: &str = r#"
import json, re, sys, time
from datasketch import MinHash, MinHashLSH
num_perm, threshold = int(sys.argv[2]), float(sys.argv[3])
docs = [json.loads(l) for l in open(sys.argv[1])]
word = re.compile(r"\w+")
start = time.perf_counter()
lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
for d in docs:
    w = word.findall(d["text"].lower())
    grams = {" ".join(w[i:i + 3]).encode() for i in range(max(1, len(w) - 2))}
    m = MinHash(num_perm=num_perm)
    m.update_batch(list(grams))
    lsh.query(m)
    lsh.insert(d["id"], m)
print(len(docs) / (time.perf_counter() - start))
"#;

fn main() {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let cfg = DedupeConfig::default();
    let data = root.join("../shared/data/reuters21578/docs.jsonl.gz");
    if data.exists() {
        reuters(&root, &data, &cfg);
    } else {
        println!("skipped Reuters comparison: {} not found", data.display());
    }
    match std::env::var("STORYLINE_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        Some(n) => scale(&cfg, n),
        None => println!("scaling run skipped (set STORYLINE_BENCH_DOCS=1000000 to run it)"),
    }
}

fn reuters(root: &Path, data: &Path, cfg: &DedupeConfig) {
    let docs = match read_reuters(data) {
        Ok(d) => d,
        Err(e) => return println!("skipped Reuters comparison: {e}"),
    };
    let rounds = 5;
    let start = Instant::now();
    let mut found = 0;
    for _ in 0..rounds {
        let mut index = Index::new(cfg.clone());
        for d in &docs {
            found += usize::from(index.insert(&d.id, &fingerprint(cfg, &d.body)).is_some());
        }
    }
    let ours = (docs.len() * rounds) as f64 / start.elapsed().as_secs_f64();
    println!(
        "storyline-dedupe: {} Reuters bodies x {rounds}: {ours:.0} docs/s single-threaded (signature + query + insert; {} duplicates per pass)",
        docs.len(),
        found / rounds
    );
    let start = Instant::now();
    for _ in 0..rounds {
        use rayon::prelude::*;
        let fps: Vec<_> = docs.par_iter().map(|d| fingerprint(cfg, &d.body)).collect();
        let mut index = Index::new(cfg.clone());
        for (d, fp) in docs.iter().zip(&fps) {
            index.insert(&d.id, fp);
        }
    }
    let parallel = (docs.len() * rounds) as f64 / start.elapsed().as_secs_f64();
    println!(
        "storyline-dedupe: {parallel:.0} docs/s with fingerprints on {} rayon threads, index single-threaded",
        rayon::current_num_threads()
    );
    match datasketch(root, &docs, cfg) {
        Ok(peer) => println!(
            "datasketch MinHashLSH (num_perm {}, threshold {}): {peer:.0} docs/s; ratio {:.1}x single-threaded, {:.1}x parallel",
            cfg.num_perm,
            cfg.threshold,
            ours / peer,
            parallel / peer
        ),
        Err(e) => println!("datasketch peer skipped: {e}"),
    }
}

fn datasketch(
    root: &Path,
    docs: &[storyline_dedupe::synth::SourceDoc],
    cfg: &DedupeConfig,
) -> Result<f64, String> {
    let venv = root.join("target/bench-venv");
    let python = venv.join("bin/python");
    let run = |cmd: &mut Command| {
        cmd.status().map_err(|e| e.to_string()).and_then(|s| {
            if s.success() {
                Ok(())
            } else {
                Err(format!("{cmd:?} failed"))
            }
        })
    };
    if !python.exists() {
        run(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
    }
    if run(Command::new(&python).args(["-c", "import datasketch"])).is_err() {
        run(Command::new(&python).args(["-m", "pip", "install", "--quiet", "datasketch"]))?;
    }
    let input = root.join("target/bench-reuters.jsonl");
    let lines: String = docs
        .iter()
        .map(|d| serde_json::json!({"id": d.id, "text": d.body}).to_string() + "\n")
        .collect();
    std::fs::write(&input, lines).map_err(|e| e.to_string())?;
    let out = Command::new(&python)
        .args(["-c", PEER])
        .arg(&input)
        .arg(cfg.num_perm.to_string())
        .arg(cfg.threshold.to_string())
        .output()
        .map_err(|e| e.to_string())?;
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .map_err(|_| String::from_utf8_lossy(&out.stderr).into_owned())
}

fn scale(cfg: &DedupeConfig, n: u64) {
    use rayon::prelude::*;
    let corpus = ScaleCorpus::new(7);
    let mut index = Index::new(cfg.clone());
    let start = Instant::now();
    let mut fingerprint_secs = 0.0;
    let mut found = 0;
    let chunk = 20_000u64;
    for lo in (0..n).step_by(chunk as usize) {
        let t = Instant::now();
        let fps: Vec<_> = (lo..(lo + chunk).min(n))
            .into_par_iter()
            .map(|i| (i, fingerprint(cfg, &corpus.document(i))))
            .collect();
        fingerprint_secs += t.elapsed().as_secs_f64();
        for (i, fp) in fps {
            found += usize::from(index.insert(&format!("doc-{i}"), &fp).is_some());
        }
    }
    let total = start.elapsed().as_secs_f64();
    println!(
        "scale: {n} generated docs in {total:.1} s ({:.0} docs/s; generation + fingerprints {fingerprint_secs:.1} s on {} threads, index {:.1} s single-threaded); {found} flagged duplicate",
        n as f64 / total,
        rayon::current_num_threads(),
        total - fingerprint_secs
    );
    println!(
        "scale: index heap {:.0} MB = {:.0} bytes/doc; peak RSS (VmHWM) {}",
        index.heap_bytes() as f64 / 1e6,
        index.heap_bytes() as f64 / n as f64,
        peak_memory()
    );
}

fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| "unknown".into())
}
