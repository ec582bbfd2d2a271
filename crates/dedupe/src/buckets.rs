//! A compact append-only multimap from 32-bit keys to document numbers (one per LSH band).
//!
//! Documents are numbered densely in insertion order, so the table keeps one key and one chain
//! link per document plus a power-of-two head array: about 10–12 bytes per document and band,
//! against 20+ for a `HashMap<u32, Vec<u32>>`. Keys are already uniform hashes and index the head
//! array directly; chains are filtered on the stored key, so slot collisions cost a comparison, not
//! a false candidate.

/// Marks "no document" in heads and links.
const NONE: u32 = u32::MAX;
/// Link of a placeholder entry that belongs to no chain.
const UNLINKED: u32 = u32::MAX - 1;

/// Chained hash multimap `key -> documents`, newest first.
#[derive(Debug, Clone, Default)]
pub(crate) struct Buckets {
    /// Per document: its key and the next document of its chain (one cache line visit per step).
    entries: Vec<(u32, u32)>,
    heads: Vec<u32>,
}

impl Buckets {
    /// Appends the next document number under `key`; `None` stores a placeholder that no
    /// lookup returns (documents without a signature keep their numbering aligned).
    pub fn push(&mut self, key: Option<u32>) {
        let doc = self.entries.len() as u32;
        match key {
            Some(k) => {
                if self.entries.len() >= self.heads.len() * 2 {
                    self.grow();
                }
                let slot = self.slot(k);
                self.entries.push((k, self.heads[slot]));
                self.heads[slot] = doc;
            }
            None => self.entries.push((0, UNLINKED)),
        }
    }

    /// Calls `f` for each document stored under `key`, newest first.
    pub fn for_each(&self, key: u32, mut f: impl FnMut(u32)) {
        if self.heads.is_empty() {
            return;
        }
        let mut d = self.heads[self.slot(key)];
        // Chains end in NONE, which is past any stored document, so `get` stops the walk.
        while let Some(&(k, n)) = self.entries.get(d as usize) {
            if k == key {
                f(d);
            }
            d = n;
        }
    }

    /// Heap bytes held (capacity, not length).
    pub fn heap_bytes(&self) -> usize {
        8 * self.entries.capacity() + 4 * self.heads.capacity()
    }

    fn slot(&self, key: u32) -> usize {
        key as usize & (self.heads.len() - 1)
    }

    /// Doubles the head array and relinks every chain (amortised O(1) per push).
    fn grow(&mut self) {
        let size = (self.heads.len() * 2).max(16);
        self.heads = vec![NONE; size];
        let mask = size - 1;
        for (d, entry) in self.entries.iter_mut().enumerate() {
            if entry.1 == UNLINKED {
                continue;
            }
            let slot = entry.0 as usize & mask;
            entry.1 = self.heads[slot];
            self.heads[slot] = d as u32;
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
        for d in 0..1000u32 {
            b.push(if d % 7 == 0 { None } else { Some(d % 10) });
        }
        let threes = lookup(&b, 3);
        let expected: Vec<u32> = (0..1000u32)
            .rev()
            .filter(|d| d % 10 == 3 && d % 7 != 0)
            .collect();
        assert_eq!(threes, expected);
        assert!(lookup(&b, 0).iter().all(|d| d % 7 != 0));
        assert!(lookup(&b, 42).is_empty());
    }
}
