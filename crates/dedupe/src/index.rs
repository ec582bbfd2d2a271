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
    /// Union-find parent of each document; a group's root is its earliest member.
    parent: Vec<u32>,
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
            parent: Vec::new(),
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
        self.parent.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.parent.is_empty()
    }

    /// Heap bytes held by the index (allocated capacity).
    pub fn heap_bytes(&self) -> usize {
        self.id_text.capacity()
            + 8 * (self.id_ends.capacity() + self.content.capacity() + self.sketch_ends.capacity())
            + 4 * (self.parent.capacity() + self.shingles.capacity() + self.sketches.capacity())
            + self.bands.iter().map(Buckets::heap_bytes).sum::<usize>()
            + self.exact.heap_bytes()
    }

    /// Adds an article (callers feed articles in canonical order: earliest published first) and
    /// returns the match when it copies an earlier one: the group's canonical (root) article, the
    /// similarity to the closest earlier member (Jaccard for `Near`, containment for `Contained`,
    /// 1 for `Exact`) and the kind. When it matches members of several groups it bridges them: the
    /// groups merge under the earliest root, so an earlier article's canonical can change later
    /// (ask [`Index::canonical_of`] once all articles are in for final groups).
    ///
    /// A fingerprint computed with other banding is matched on exact content only.
    pub fn insert(&mut self, id: &str, fp: &Fingerprint) -> Option<Duplicate> {
        let doc = self.parent.len() as u32;
        let compatible = fp.band_keys().len() == self.bands.len() && !fp.sketch().is_empty();
        let shingles = if compatible { fp.shingle_count() } else { 0 };
        let band_keys: Vec<Option<u32>> = (0..self.bands.len())
            .map(|b| fp.band_keys().get(b).copied().filter(|_| compatible))
            .collect();

        let matches = self.matches(fp, shingles, &band_keys);
        let best = matches
            .iter()
            .copied()
            .reduce(|a, b| if b.better_than(&a) { b } else { a });
        let mut roots: Vec<u32> = matches.iter().map(|m| self.find_compress(m.doc)).collect();
        roots.sort_unstable();
        roots.dedup();
        let root = roots.first().copied().unwrap_or(doc);
        for &r in &roots {
            if let Some(p) = self.parent.get_mut(r as usize) {
                *p = root;
            }
        }

        self.id_text.push_str(id);
        self.id_ends.push(self.id_text.len());
        self.parent.push(root);
        self.content.push(fp.content_hash());
        self.shingles.push(shingles);
        if compatible {
            let kept = fp.sketch().len().min(self.cfg.sketch);
            self.sketches
                .extend_from_slice(fp.sketch().get(..kept).unwrap_or_default());
        }
        self.sketch_ends.push(self.sketches.len());
        for (table, key) in self.bands.iter_mut().zip(band_keys) {
            table.push(key);
        }
        let content = fp.content_hash();
        self.exact.push((content != 0).then_some(content as u32));

        let m = best?;
        Some(Duplicate {
            article: id.to_string(),
            of: self.id(root)?.to_string(),
            similarity: m.similarity,
            kind: m.kind,
        })
    }

    /// The canonical (root) article id of the group of the `position`-th inserted article (0-based),
    /// reflecting every merge so far; `None` past the end.
    pub fn canonical_of(&self, position: usize) -> Option<&str> {
        self.id(self.root_of(position)?)
    }

    /// Insertion position of the root of the `position`-th inserted article's group.
    pub fn root_of(&self, position: usize) -> Option<u32> {
        let mut d = u32::try_from(position)
            .ok()
            .filter(|_| position < self.parent.len())?;
        while let Some(&p) = self.parent.get(d as usize).filter(|&&p| p != d) {
            d = p;
        }
        Some(d)
    }

    /// Root of `doc`'s group, halving the path on the way.
    fn find_compress(&mut self, mut doc: u32) -> u32 {
        while let Some(&p) = self.parent.get(doc as usize).filter(|&&p| p != doc) {
            let grand = self.parent.get(p as usize).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(doc as usize) {
                *slot = grand;
            }
            doc = grand;
        }
        doc
    }

    /// The id of document `doc`.
    fn id(&self, doc: u32) -> Option<&str> {
        let d = doc as usize;
        let end = *self.id_ends.get(d)?;
        let start = if d == 0 { 0 } else { *self.id_ends.get(d - 1)? };
        self.id_text.get(start..end)
    }

    /// Collects candidates from the exact table and every band and returns those that verify.
    fn matches(&self, fp: &Fingerprint, shingles: u32, band_keys: &[Option<u32>]) -> Vec<Match> {
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
        candidates
            .into_iter()
            .filter_map(|d| self.verify(d, fp, shingles))
            .collect()
    }

    /// Exact verification of one candidate: same content, else Jaccard and containment measured on
    /// the two sketches' common sample.
    fn verify(&self, doc: u32, fp: &Fingerprint, shingles: u32) -> Option<Match> {
        let d = doc as usize;
        let content = fp.content_hash();
        if content != 0 && self.content.get(d) == Some(&content) {
            return Some(Match {
                doc,
                kind: DuplicateKind::Exact,
                similarity: 1.0,
            });
        }
        let other = *self.shingles.get(d)? as usize;
        if shingles == 0 || other == 0 {
            return None;
        }
        let start = if d == 0 {
            0
        } else {
            *self.sketch_ends.get(d - 1)?
        };
        let stored = self.sketches.get(start..*self.sketch_ends.get(d)?)?;
        let query = fp.sketch();
        let (t, c) = (self.cfg.threshold, self.cfg.containment_threshold);
        // Shared count from which Jaccard >= t (s >= t (l + r) / (1 + t)) or containment >= c.
        let needed = |l: usize, r: usize| {
            let near = t * (l + r) as f64 / (1.0 + t);
            let contained = c * l.min(r) as f64;
            let least = (near.min(contained) - 1e-9).ceil().max(0.0) as usize;
            least.max(self.cfg.min_shared_shingles)
        };
        let o = overlap(
            query,
            shingles as usize <= query.len(),
            stored,
            other <= stored.len(),
            needed,
        )?;
        let jaccard = o.jaccard();
        if jaccard >= self.cfg.threshold {
            return Some(Match {
                doc,
                kind: DuplicateKind::Near,
                similarity: jaccard,
            });
        }
        let containment = o.containment();
        (containment >= self.cfg.containment_threshold).then_some(Match {
            doc,
            kind: DuplicateKind::Contained,
            similarity: containment,
        })
    }
}
