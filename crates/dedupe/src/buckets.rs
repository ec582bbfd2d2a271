//! A compact append-only multimap from 32-bit keys to document numbers (one per LSH band).
//!
//! Documents are numbered densely in insertion order, so the table keeps one key and one chain
//! link per document plus a power-of-two head array: about 12–16 bytes per document and band,
//! against 20+ for a `HashMap<u32, Vec<u32>>`. Keys are already uniform hashes: their low bits
//! index the head array directly and chains are filtered on the stored key, so slot collisions
//! cost a comparison, not a false candidate.
//!
//! Most lookups find nothing (a new article rarely shares a band with an earlier one), and walking
//! a chain means a cache miss per entry. Each head therefore also carries a 32-bit filter with one
//! bit per key of its chain (chosen by the key's top five bits): a lookup whose bit is clear ends
//! at the head, which turns ~2.5 scattered memory reads per band into about one. Lookups are split
//! into [`Buckets::head`] and [`Head::walk`] so a caller can load the heads of every band first,
//! letting the processor overlap those misses.

/// Marks "no document" in heads and links.
const NONE: u32 = u32::MAX;
/// Link of a placeholder entry that belongs to no chain.
const UNLINKED: u32 = u32::MAX - 1;

/// The filter bit of a key: its top five bits (the low bits choose the slot).
fn tag(key: u32) -> u32 {
    1 << (key >> 27)
}

/// A chain's newest document and the filter bits of every key in the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Head {
    doc: u32,
    tags: u32,
}

impl Head {
    /// The head of an empty chain.
    const EMPTY: Head = Head { doc: NONE, tags: 0 };

    /// True when the chain may hold `key` (false means it certainly does not).
    pub fn may_hold(self, key: u32) -> bool {
        self.tags & tag(key) != 0
    }

    /// Calls `f` for each document of this chain (from `table`) stored under `key`, newest first.
    pub fn walk(self, table: &Buckets, key: u32, mut f: impl FnMut(u32)) {
        if !self.may_hold(key) {
            return;
        }
        let mut d = self.doc;
        // Chains end in NONE, which is past any stored document, so `get` stops the walk.
        while let Some(&(k, n)) = table.entries.get(d as usize) {
            if k == key {
                f(d);
            }
            d = n;
        }
    }
}

/// Chained hash multimap `key -> documents`, newest first.
#[derive(Debug, Clone, Default)]
pub(crate) struct Buckets {
    /// Per document: its key and the next document of its chain (one cache line visit per step).
    entries: Vec<(u32, u32)>,
    heads: Vec<Head>,
}

impl Buckets {
    /// Appends the next document number under `key`; `None` stores a placeholder that no
    /// lookup returns (documents without a signature keep their numbering aligned).
    pub fn push(&mut self, key: Option<u32>) {
        let doc = self.entries.len() as u32;
        if self.entries.len() == self.entries.capacity() {
            // Grow by a quarter, not by doubling (as in the index's sketch storage).
            self.entries.reserve_exact((self.entries.len() / 4).max(16));
        }
        match key {
            Some(k) => {
                if self.entries.len() >= self.heads.len() * 2 {
                    self.grow();
                }
                let slot = self.slot(k);
                let head = &mut self.heads[slot];
                self.entries.push((k, head.doc));
                *head = Head {
                    doc,
                    tags: head.tags | tag(k),
                };
            }
            None => self.entries.push((0, UNLINKED)),
        }
    }

    /// The head of the chain `key` falls in (empty when nothing is stored).
    pub fn head(&self, key: u32) -> Head {
        if self.heads.is_empty() {
            return Head::EMPTY;
        }
        self.heads[self.slot(key)]
    }

    /// Calls `f` for each document stored under `key`, newest first.
    #[cfg(test)]
    pub fn for_each(&self, key: u32, f: impl FnMut(u32)) {
        self.head(key).walk(self, key, f);
    }

    /// Heap bytes held (capacity, not length).
    pub fn heap_bytes(&self) -> usize {
        8 * self.entries.capacity() + std::mem::size_of::<Head>() * self.heads.capacity()
    }

    fn slot(&self, key: u32) -> usize {
        key as usize & (self.heads.len() - 1)
    }

    /// Doubles the head array and relinks every chain (amortised O(1) per push).
    fn grow(&mut self) {
        let size = (self.heads.len() * 2).max(16);
        self.heads = vec![Head::EMPTY; size];
        let mask = size - 1;
        for (d, entry) in self.entries.iter_mut().enumerate() {
            if entry.1 == UNLINKED {
                continue;
            }
            let head = &mut self.heads[entry.0 as usize & mask];
            entry.1 = head.doc;
            *head = Head {
                doc: d as u32,
                tags: head.tags | tag(entry.0),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(b: &Buckets, key: u32) -> Vec<u32> {
        let mut out = Vec::new();
        b.for_each(key, |d| out.push(d));
        out
    }

    #[test]
    fn finds_every_document_under_its_key_across_growth() {
        let mut b = Buckets::default();
        // Keys spread over the top bits too, so filters and slots both vary.
        let key = |d: u32| (d % 10).wrapping_mul(0x9e37_79b9);
        for d in 0..1000u32 {
            b.push(if d % 7 == 0 { None } else { Some(key(d)) });
        }
        let threes = lookup(&b, key(3));
        let expected: Vec<u32> = (0..1000u32)
            .rev()
            .filter(|d| d % 10 == 3 && d % 7 != 0)
            .collect();
        assert_eq!(threes, expected);
        assert!(lookup(&b, key(0)).iter().all(|d| d % 7 != 0));
        assert!(lookup(&b, 42).is_empty());
        assert!(lookup(&Buckets::default(), 42).is_empty());
    }

    #[test]
    fn filter_rejects_keys_never_stored_in_a_chain() {
        let mut b = Buckets::default();
        b.push(Some(5));
        // Same slot (low bits), other top bits: the filter answers without walking.
        let other = 5 | (1 << 31);
        assert!(b.head(5).may_hold(5));
        assert!(!b.head(other).may_hold(other));
        assert!(lookup(&b, other).is_empty());
    }
}
