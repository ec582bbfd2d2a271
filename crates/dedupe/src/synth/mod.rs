//! Generators with known truth: syndicated copies of real bodies (with hard negatives) for
//! precision/recall, and an endless corpus of varied synthetic documents for scaling runs.
//!
//! [`syndicate`] takes source articles (e.g. Reuters-21578 bodies via [`read_reuters`]), keeps a
//! pool of long-enough articles that do not resemble each other (so the source collection's own
//! duplicates and templated reports cannot blur the truth), and emits for each original 0..=`max_copies`
//! copies. Each copy gets a random mix of: boilerplate lines removed, truncation to 60–90% of its
//! words, 5–15% of words substituted/deleted/inserted, shuffled sentences, boilerplate lines added,
//! a changed headline, and re-wrapped paragraphs. Hard negatives are other pool articles on the
//! same topic that receive an original's lead sentence and, for long originals, one of its quotes.
//! Everything is driven by one seed.

mod reuters;
mod scale;
mod text;

pub use reuters::read_reuters;
pub use scale::ScaleCorpus;

use crate::rng::Rng;
use crate::{fingerprint, DedupeConfig, Index};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use text::{normalise, sentences, word_count};

/// Invented boilerplate lines that syndication adds (bylines, credits, sign-up prompts).
const BOILERPLATE: &[&str] = &[
    "Distributed by the Northwind Wire Service.",
    "(Reporting by Ana Lindqvist; editing by Tomas Berg)",
    "Copyright 2026 Harbor Daily Press. All rights reserved.",
    "Sign up for the Morning Ledger newsletter to get stories like this first.",
    "This story has been corrected to fix a typographical error.",
    "Additional reporting by staff in the Valley Courier newsroom.",
    "Follow Eastgate Tribune business coverage for more updates.",
];

/// Headline prefixes of updated or syndicated versions.
const HEADLINE_PREFIXES: &[&str] = &["UPDATE 1-", "UPDATE 2-", "WRAPUP-", "ANALYSIS-", "FOCUS-"];

/// A source article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceDoc {
    /// Identifier in the source collection.
    pub id: String,
    /// Headline (may be empty).
    pub title: String,
    /// Body text.
    pub body: String,
    /// Topic labels, used to pick hard negatives on the same topic.
    pub topics: Vec<String>,
}

/// Parameters of [`syndicate`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SynthConfig {
    /// Seed of every random choice.
    pub seed: u64,
    /// Original articles taken from the pool.
    pub originals: usize,
    /// Maximum copies per original (each gets a uniform 0..=max).
    pub max_copies: usize,
    /// Hard negatives to build (fewer when the pool runs out of same-topic articles).
    pub hard_negatives: usize,
}

impl Default for SynthConfig {
    fn default() -> Self {
        SynthConfig {
            seed: 20_261_123,
            originals: 2000,
            max_copies: 3,
            hard_negatives: 1000,
        }
    }
}

/// What a generated document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SynthKind {
    /// A pool article as it is.
    Original,
    /// A syndicated copy of an original.
    Copy,
    /// A different article sharing an original's lead (and maybe a quote): not a duplicate.
    HardNegative,
}

/// A generated document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SynthDoc {
    /// Unique id (`o-…` originals, `o-…-cN` copies, `hn-N` hard negatives).
    pub id: String,
    /// Headline.
    pub title: String,
    /// Body.
    pub text: String,
    /// Role in the truth.
    pub kind: SynthKind,
    /// For copies and hard negatives: the original they derive from or borrow from.
    pub related: Option<String>,
}

/// A generated collection with its truth.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SynthCorpus {
    /// Documents in a shuffled arrival order.
    pub docs: Vec<SynthDoc>,
    /// True duplicate pairs `(copy, original)`; groups are their transitive closure.
    pub duplicate_pairs: Vec<(String, String)>,
    /// Pairs that must stay apart `(hard negative, original it borrows from)`.
    pub hard_negative_pairs: Vec<(String, String)>,
}

/// Builds a syndicated collection from `sources` (see the module doc).
pub fn syndicate(sources: &[SourceDoc], cfg: &SynthConfig) -> SynthCorpus {
    let mut rng = Rng::new(cfg.seed);
    let mut pool = distinct_pool(sources);
    rng.shuffle(&mut pool);
    let split = cfg.originals.min(pool.len());
    let (originals, donors) = pool.split_at(split);
    let vocabulary = vocabulary(originals);

    let mut corpus = SynthCorpus {
        docs: Vec::new(),
        duplicate_pairs: Vec::new(),
        hard_negative_pairs: Vec::new(),
    };
    for src in originals {
        let id = format!("o-{}", src.id);
        corpus.docs.push(SynthDoc {
            id: id.clone(),
            title: src.title.clone(),
            text: src.body.clone(),
            kind: SynthKind::Original,
            related: None,
        });
        for c in 0..rng.below(cfg.max_copies + 1) {
            let copy_id = format!("{id}-c{c}");
            let (title, text) = make_copy(&mut rng, src, &vocabulary);
            corpus.docs.push(SynthDoc {
                id: copy_id.clone(),
                title,
                text,
                kind: SynthKind::Copy,
                related: Some(id.clone()),
            });
            corpus.duplicate_pairs.push((copy_id, id.clone()));
        }
    }
    add_hard_negatives(&mut rng, originals, donors, cfg.hard_negatives, &mut corpus);
    rng.shuffle(&mut corpus.docs);
    corpus
}

/// Articles with at least 50 words and 3 sentences that do not already resemble an earlier kept
/// article, in input order. Resemblance is judged loosely (an exact shared sentence of 8+ words,
/// or shingle Jaccard >= 0.25 or containment >= 0.4 by this crate's index): the source collection's
/// own duplicates, corrections and templated reports (weekly auction results, offering notices)
/// would otherwise be unlabelled duplicates and blur the truth.
fn distinct_pool(sources: &[SourceDoc]) -> Vec<&SourceDoc> {
    let loose = DedupeConfig {
        threshold: 0.25,
        containment_threshold: 0.4,
        ..DedupeConfig::default()
    };
    let mut index = Index::new(loose.clone());
    let mut seen: HashSet<String> = HashSet::new();
    let mut pool = Vec::new();
    for src in sources {
        let sents = sentences(&src.body);
        if word_count(&src.body) < 50 || sents.len() < 3 {
            continue;
        }
        let long: Vec<String> = sents
            .iter()
            .filter(|s| word_count(s) >= 8)
            .map(|s| normalise(s))
            .collect();
        let shares_sentence = long.iter().any(|s| seen.contains(s));
        seen.extend(long);
        if index
            .insert(&src.id, &fingerprint(&loose, &src.body))
            .is_none()
            && !shares_sentence
        {
            pool.push(src);
        }
    }
    pool
}

/// Sorted distinct words of the originals, used for substitutions and insertions.
fn vocabulary(originals: &[&SourceDoc]) -> Vec<String> {
    let mut words: Vec<String> = originals
        .iter()
        .flat_map(|s| s.body.split_whitespace())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    words.sort_unstable();
    words
}

/// One syndicated copy of `src`: (headline, body).
fn make_copy(rng: &mut Rng, src: &SourceDoc, vocabulary: &[String]) -> (String, String) {
    let mut sents = sentences(&src.body);
    let mut changed = false;
    if rng.chance(0.5) && sents.len() > 1 && sents.last().is_some_and(|s| word_count(s) <= 3) {
        sents.pop();
        changed = true;
    }
    if rng.chance(0.4) {
        text::truncate(&mut sents, rng.between(0.6, 0.9));
        changed = true;
    }
    if rng.chance(0.5) || !changed {
        let rate = rng.between(0.05, 0.15);
        text::edit_words(rng, &mut sents, rate, vocabulary);
    }
    if rng.chance(0.4) {
        rng.shuffle(&mut sents);
    }
    if rng.chance(0.5) {
        for _ in 0..=rng.below(2) {
            let line = rng
                .pick(BOILERPLATE)
                .copied()
                .unwrap_or_default()
                .to_string();
            if rng.chance(0.5) {
                sents.insert(0, line);
            } else {
                sents.push(line);
            }
        }
    }
    let title = if rng.chance(0.6) {
        new_headline(rng, src, &sents)
    } else {
        src.title.clone()
    };
    (title, text::reflow(rng, &sents))
}

/// A changed headline: a wire prefix, or the first words of the (possibly edited) lead.
fn new_headline(rng: &mut Rng, src: &SourceDoc, sents: &[String]) -> String {
    if rng.chance(0.5) {
        format!(
            "{}{}",
            rng.pick(HEADLINE_PREFIXES).copied().unwrap_or_default(),
            src.title
        )
    } else {
        sents
            .first()
            .map(|s| s.split_whitespace().take(9).collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    }
}

/// Builds up to `wanted` hard negatives from `donors` that share a topic with an original. Only
/// originals of 5+ sentences whose lead holds at most 30% of their words lend their lead (and,
/// from 8 sentences, a quote): borrowing more would make the borrower a partial copy.
fn add_hard_negatives(
    rng: &mut Rng,
    originals: &[&SourceDoc],
    donors: &[&SourceDoc],
    wanted: usize,
    corpus: &mut SynthCorpus,
) {
    let mut by_topic: BTreeMap<&str, Vec<&SourceDoc>> = BTreeMap::new();
    for d in donors {
        for t in &d.topics {
            by_topic.entry(t.as_str()).or_default().push(d);
        }
    }
    let mut used: HashSet<&str> = HashSet::new();
    let mut made = 0;
    for a in originals.iter().filter(|a| !a.topics.is_empty()) {
        if made == wanted {
            break;
        }
        let lead_src = sentences(&a.body);
        let lead_share = lead_src.first().map_or(1.0, |l| {
            word_count(l) as f64 / word_count(&a.body).max(1) as f64
        });
        if lead_src.len() < 5 || lead_share > 0.3 {
            continue;
        }
        let donor = a
            .topics
            .iter()
            .filter_map(|t| by_topic.get(t.as_str()))
            .flat_map(|ds| ds.iter())
            .find(|d| !used.contains(d.id.as_str()));
        let Some(donor) = donor else { continue };
        used.insert(donor.id.as_str());
        let mut sents = sentences(&donor.body);
        if let Some(lead) = lead_src.first() {
            sents.insert(rng.below(2).min(sents.len()), lead.clone());
        }
        let quote = lead_src
            .iter()
            .skip(1)
            .find(|s| s.contains('"') || s.contains(" said"));
        if let (true, Some(q)) = (lead_src.len() >= 8, quote) {
            let at = rng.below(sents.len() + 1);
            sents.insert(at, q.clone());
        }
        let id = format!("hn-{made}");
        corpus
            .hard_negative_pairs
            .push((id.clone(), format!("o-{}", a.id)));
        corpus.docs.push(SynthDoc {
            id,
            title: donor.title.clone(),
            text: text::reflow(rng, &sents),
            kind: SynthKind::HardNegative,
            related: Some(format!("o-{}", a.id)),
        });
        made += 1;
    }
}
