//! The incremental near-duplicate index: LSH banding for candidates, sketch verification, groups.
//!
//! Per document the index keeps: one key and link per band ([`Buckets`]), the content hash (exact
//! copies are looked up in their own table, so they are found whatever the banding), the shingle
//! count, the group root, its id and the first `sketch` values of its bottom-k sketch. The MinHash
//! signature itself is not kept: it only serves to find candidates. Verification compares the
//! query's longer sketch with the stored one (see `sketch`), which measures Jaccard and
//! containment separately. With the defaults this is at most ~800 bytes per document.

use crate::buckets::Buckets;
use crate::sketch::overlap;
use crate::{DedupeConfig, Fingerprint};
use storyline_model::{Duplicate, DuplicateKind};

/// Incremental MinHash-LSH index over articles fed in canonical order (earliest first).
#[derive(Debug, Clone)]
pub struct Index {
    cfg: DedupeConfig,
    /// Concatenated article ids; `id_ends[d]` is one past the end of document `d`'s id.
    id_text: String,
    id_ends: Vec<usize>,
    /// Group root (earliest member) of each document.
    roots: Vec<u32>,
    content: Vec<u64>,
    shingles: Vec<u32>,
    /// Concatenated stored sketches; `sketch_ends[d]` is one past the end of document `d`'s.
    sketches: Vec<u32>,
    sketch_ends: Vec<usize>,
    bands: Vec<Buckets>,
    exact: Buckets,
}

/// A verified match of the new article against one indexed document.
#[derive(Debug, Clone, Copy)]
struct Match {
    doc: u32,
    kind: DuplicateKind,
    similarity: f64,
}

impl Match {
    /// Ordering key: exact copies first, then higher similarity, then the earlier document.
    fn better_than(&self, other: &Match) -> bool {
        let rank = |m: &Match| u8::from(m.kind == DuplicateKind::Exact);
        (rank(self), self.similarity, std::cmp::Reverse(self.doc))
            .partial_cmp(&(rank(other), other.similarity, std::cmp::Reverse(other.doc)))
            .is_some_and(|o| o.is_gt())
    }
}

impl Index {
    /// An empty index with the given configuration.
    pub fn new(cfg: DedupeConfig) -> Self {
        let bands = (0..cfg.band_count()).map(|_| Buckets::default()).collect();
        Index {
            cfg,
            id_text: String::new(),
            id_ends: Vec::new(),
            roots: Vec::new(),
            content: Vec::new(),
            shingles: Vec::new(),
            sketches: Vec::new(),
            sketch_ends: Vec::new(),
            bands,
            exact: Buckets::default(),
        }
    }

    /// The configuration in use.
    pub fn config(&self) -> &DedupeConfig {
        &self.cfg
    }

    /// Number of indexed articles.
    pub fn len(&self) -> usize {
        self.roots.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }

    /// Heap bytes held by the index (allocated capacity).
    pub fn heap_bytes(&self) -> usize {
        self.id_text.capacity()
            + 8 * (self.id_ends.capacity() + self.content.capacity() + self.sketch_ends.capacity())
            + 4 * (self.roots.capacity() + self.shingles.capacity() + self.sketches.capacity())
            + self.bands.iter().map(Buckets::heap_bytes).sum::<usize>()
            + self.exact.heap_bytes()
    }

    /// Adds an article (callers feed articles in canonical order: earliest published first) and
    /// returns the match when it copies an earlier one: the group's canonical (root) article, the
    /// similarity to the closest earlier member (Jaccard for `Near`, containment for `Contained`,
    /// 1 for `Exact`) and the kind. When it matches several groups it joins the best match's group;
    /// groups never merge, so earlier answers stay valid.
    ///
    /// A fingerprint computed with other banding is matched on exact content only.
    pub fn insert(&mut self, id: &str, fp: &Fingerprint) -> Option<Duplicate> {
        let doc = self.roots.len() as u32;
        let compatible = fp.band_keys().len() == self.bands.len() && !fp.sketch().is_empty();
        let shingles = if compatible { fp.shingle_count() } else { 0 };
        let band_keys: Vec<Option<u32>> =
            (0..self.bands.len()).map(|b| fp.band_keys().get(b).copied().filter(|_| compatible)).collect();

        let best = self.best_match(fp, shingles, &band_keys);

        self.id_text.push_str(id);
        self.id_ends.push(self.id_text.len());
        self.roots.push(best.map_or(doc, |m| self.roots.get(m.doc as usize).copied().unwrap_or(m.doc)));
        self.content.push(fp.content_hash());
        self.shingles.push(shingles);
        if compatible {
            let kept = fp.sketch().len().min(self.cfg.sketch);
            self.sketches.extend_from_slice(fp.sketch().get(..kept).unwrap_or_default());
        }
        self.sketch_ends.push(self.sketches.len());
        for (table, key) in self.bands.iter_mut().zip(band_keys) {
            table.push(key);
        }
        let content = fp.content_hash();
        self.exact.push((content != 0).then_some(content as u32));

        let m = best?;
        let root = self.roots.get(m.doc as usize).copied()?;
        Some(Duplicate { article: id.to_string(), of: self.id(root)?.to_string(), similarity: m.similarity, kind: m.kind })
    }

    /// The id of document `doc`.
    fn id(&self, doc: u32) -> Option<&str> {
        let d = doc as usize;
        let end = *self.id_ends.get(d)?;
        let start = if d == 0 { 0 } else { *self.id_ends.get(d - 1)? };
        self.id_text.get(start..end)
    }

    /// Collects candidates from the exact table and every band, verifies each, keeps the best.
    fn best_match(&self, fp: &Fingerprint, shingles: u32, band_keys: &[Option<u32>]) -> Option<Match> {
        let content = fp.content_hash();
        let mut candidates = Vec::new();
        if content != 0 {
            self.exact.for_each(content as u32, |d| candidates.push(d));
        }
        for (table, key) in self.bands.iter().zip(band_keys) {
            if let Some(k) = key {
                table.for_each(*k, |d| candidates.push(d));
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<Match> = None;
        for d in candidates {
            if let Some(m) = self.verify(d, fp, shingles) {
                best = match best {
                    Some(b) if !m.better_than(&b) => Some(b),
                    _ => Some(m),
                };
            }
        }
        best
    }

    /// Exact verification of one candidate: same content, else Jaccard and containment measured on
    /// the two sketches' common sample.
    fn verify(&self, doc: u32, fp: &Fingerprint, shingles: u32) -> Option<Match> {
        let d = doc as usize;
        let content = fp.content_hash();
        if content != 0 && self.content.get(d) == Some(&content) {
            return Some(Match { doc, kind: DuplicateKind::Exact, similarity: 1.0 });
        }
        let other = *self.shingles.get(d)? as usize;
        if shingles == 0 || other == 0 {
            return None;
        }
        let start = if d == 0 { 0 } else { *self.sketch_ends.get(d - 1)? };
        let stored = self.sketches.get(start..*self.sketch_ends.get(d)?)?;
        let query = fp.sketch();
        let o = overlap(query, shingles as usize <= query.len(), stored, other <= stored.len());
        let jaccard = o.jaccard();
        if jaccard >= self.cfg.threshold {
            return Some(Match { doc, kind: DuplicateKind::Near, similarity: jaccard });
        }
        let (containment, sample) = o.containment();
        (sample >= self.cfg.min_contained_shingles && containment >= self.cfg.containment_threshold).then_some(Match {
            doc,
            kind: DuplicateKind::Contained,
            similarity: containment,
        })
    }
}
