//! The incremental near-duplicate index: LSH banding for candidates, sketch verification, groups.
//!
//! Per document the index keeps: one key and link per band ([`Buckets`]), the content hash (exact
//! copies are looked up in their own table, so they are found whatever the banding), the shingle
//! count, the group root, its id and the first `sketch` values of its bottom-k sketch. The MinHash
//! signature itself is not kept: it only serves to find candidates. Verification compares the
//! query's longer sketch with the stored one (see `sketch`), which measures Jaccard and
//! containment separately. With the defaults this is about 880 bytes per document (measured on
//! 50,000 generated documents), most of it the stored sketch.

use crate::buckets::{Buckets, Head};
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
    /// What verification reads first, in one record (one cache miss per candidate).
    docs: Vec<Doc>,
    /// Concatenated stored sketches (see [`Doc`]).
    sketches: Vec<u32>,
    bands: Vec<Buckets>,
    exact: Buckets,
    /// Reused per insert: band heads, candidates, matched documents.
    scratch: Scratch,
}

/// Per-document verification data.
#[derive(Debug, Clone, Copy)]
struct Doc {
    /// Content hash (0 when the text has no words).
    content: u64,
    /// Start of its stored sketch in `Index::sketches`.
    sketch_start: usize,
    /// Distinct shingles (0 when it cannot be verified against: no words, other banding).
    shingles: u32,
    /// Length of its stored sketch.
    sketch_len: u32,
}

/// Buffers reused across inserts (no allocation per article once warm).
#[derive(Debug, Clone, Default)]
struct Scratch {
    heads: Vec<Head>,
    candidates: Vec<u32>,
    roots: Vec<u32>,
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
            docs: Vec::new(),
            sketches: Vec::new(),
            bands,
            exact: Buckets::default(),
            scratch: Scratch::default(),
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
            + 8 * self.id_ends.capacity()
            + std::mem::size_of::<Doc>() * self.docs.capacity()
            + 4 * (self.parent.capacity() + self.sketches.capacity())
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
        let keys = if compatible { fp.band_keys() } else { &[] };

        let mut scratch = std::mem::take(&mut self.scratch);
        self.candidates(fp.content_hash(), keys, &mut scratch);
        let mut best: Option<Match> = None;
        scratch.roots.clear();
        for &d in &scratch.candidates {
            if let Some(m) = self.verify(d, fp, shingles) {
                best = match best {
                    Some(b) if !m.better_than(&b) => Some(b),
                    _ => Some(m),
                };
                scratch.roots.push(d);
            }
        }
        for r in scratch.roots.iter_mut() {
            *r = self.find_compress(*r);
        }
        scratch.roots.sort_unstable();
        scratch.roots.dedup();
        let root = scratch.roots.first().copied().unwrap_or(doc);
        for &r in &scratch.roots {
            if let Some(p) = self.parent.get_mut(r as usize) {
                *p = root;
            }
        }
        self.scratch = scratch;

        self.id_text.push_str(id);
        self.id_ends.push(self.id_text.len());
        self.parent.push(root);
        let sketch_start = self.sketches.len();
        if compatible {
            let kept = fp.sketch().len().min(self.cfg.sketch);
            if self.sketches.capacity() - self.sketches.len() < kept {
                // Grow by a quarter, not by doubling: sketches are most of the index, and doubling
                // would leave up to half of that allocation unused.
                self.sketches
                    .reserve_exact(kept.max(self.sketches.len() / 4));
            }
            self.sketches
                .extend_from_slice(fp.sketch().get(..kept).unwrap_or_default());
        }
        let content = fp.content_hash();
        self.docs.push(Doc {
            content,
            sketch_start,
            shingles,
            sketch_len: (self.sketches.len() - sketch_start) as u32,
        });
        for (b, table) in self.bands.iter_mut().enumerate() {
            table.push(keys.get(b).copied());
        }
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

    /// Fills `scratch.candidates` (ascending, distinct) from the exact table and the bands keyed
    /// by `keys`. The heads of all bands are loaded before any chain is walked: independent loads
    /// whose cache misses the processor overlaps.
    fn candidates(&self, content: u64, keys: &[u32], scratch: &mut Scratch) {
        let out = &mut scratch.candidates;
        out.clear();
        if content != 0 {
            let key = content as u32;
            self.exact.head(key).walk(&self.exact, key, |d| out.push(d));
        }
        scratch.heads.clear();
        scratch.heads.extend(
            self.bands
                .iter()
                .zip(keys)
                .map(|(table, &key)| table.head(key)),
        );
        for ((table, &key), head) in self.bands.iter().zip(keys).zip(&scratch.heads) {
            head.walk(table, key, |d| out.push(d));
        }
        out.sort_unstable();
        out.dedup();
    }

    /// Exact verification of one candidate: same content, else Jaccard and containment measured on
    /// the two sketches' common sample.
    fn verify(&self, doc: u32, fp: &Fingerprint, shingles: u32) -> Option<Match> {
        let stored = self.docs.get(doc as usize)?;
        let content = fp.content_hash();
        if content != 0 && stored.content == content {
            return Some(Match {
                doc,
                kind: DuplicateKind::Exact,
                similarity: 1.0,
            });
        }
        let other = stored.shingles as usize;
        // No sample shares more shingles than either text has: small texts stop here.
        if shingles == 0
            || other == 0
            || other.min(shingles as usize) < self.cfg.min_shared_shingles
        {
            return None;
        }
        let sketch = self
            .sketches
            .get(stored.sketch_start..stored.sketch_start + stored.sketch_len as usize)?;
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
            sketch,
            other <= sketch.len(),
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
