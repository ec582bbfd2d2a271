use storyline_dedupe::synth::*;
use storyline_dedupe::*;
use std::collections::{HashMap, HashSet};
fn main() {
    let sources = read_reuters(std::path::Path::new("/work/shared/data/reuters21578/docs.jsonl.gz")).unwrap();
    let corpus = syndicate(&sources, &SynthConfig::default());
    let cfg = DedupeConfig::default();
    let by: HashMap<&str, &SynthDoc> = corpus.docs.iter().map(|d| (d.id.as_str(), d)).collect();
    let (mut nolsh, mut low, mut total) = (0, vec![0; 10], 0);
    for (c, o) in &corpus.duplicate_pairs {
        total += 1;
        let a = fingerprint(&cfg, &by[c.as_str()].text);
        let b = fingerprint(&cfg, &by[o.as_str()].text);
        let band = a.band_keys().iter().zip(b.band_keys()).any(|(x, y)| x == y);
        let sa: HashSet<_> = a.sketch().iter().collect();
        let sb: HashSet<_> = b.sketch().iter().collect();
        let inter = sa.intersection(&sb).count() as f64;
        let j = inter / (sa.len() + sb.len()) as f64 * 2.0 / (1.0 + inter / (sa.len() + sb.len()) as f64 * 2.0 - inter / (sa.len() + sb.len()) as f64 );
        let j = inter / (sa.len() as f64 + sb.len() as f64 - inter);
        let cont = inter / sa.len().min(sb.len()) as f64;
        if !band { nolsh += 1; }
        if j < 0.3 && cont < 0.5 { low[(j * 10.0) as usize] += 1; }
    }
    println!("pairs {total} lsh-missed {nolsh} low-sim by J decile {low:?}");
}
