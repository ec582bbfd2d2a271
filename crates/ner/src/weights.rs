//! Feature weights in a flat open-addressing table. Feature ids sit in one dense array (small
//! enough to stay in cache) and the weights in a parallel one, read only for features the
//! model knows; lookups are arranged so that the processor overlaps their memory latency. One
//! table may hold the weights of several tagging passes side by side, so that one lookup
//! serves them all.

use crate::tag::NUM_TAGS;

/// Quantised weights of one feature, one per tag.
pub(crate) type Row = [i16; NUM_TAGS];

/// Key of an empty slot; the feature with this id keeps its row after all slots.
const EMPTY: u32 = 0;

/// Features looked up per batch (their slots are collected, then their rows summed).
const BATCH: usize = 64;

/// Map from feature id to its weights in each pass (linear probing, about two thirds full).
#[derive(Debug, Clone)]
pub(crate) struct Weights {
    /// Feature id per slot ([`EMPTY`] = free).
    keys: Vec<u32>,
    /// Weights per slot (one [`Row`] per pass), plus one last slot for feature id [`EMPTY`].
    rows: Vec<i16>,
    /// Number of passes.
    passes: usize,
    /// Whether feature id [`EMPTY`] has weights.
    has_empty_key: bool,
    len: usize,
}

impl Weights {
    /// A one-pass table of the given rows (a repeated id keeps its last row).
    pub fn new(rows: impl IntoIterator<Item = (u32, Row)>) -> Weights {
        Weights::with_passes(1, rows)
    }

    /// A table of the given weights of `passes` passes, [`Row`] after [`Row`] (a repeated id
    /// keeps its last weights).
    pub fn with_passes<R: AsRef<[i16]>>(
        passes: usize,
        rows: impl IntoIterator<Item = (u32, R)>,
    ) -> Weights {
        let rows: Vec<(u32, R)> = rows.into_iter().collect();
        let capacity = rows.len() * 3 / 2 + 16;
        let mut table = Weights {
            keys: vec![EMPTY; capacity],
            rows: vec![0; (capacity + 1) * passes * NUM_TAGS],
            passes,
            has_empty_key: false,
            len: 0,
        };
        for (key, row) in rows {
            table.insert(key, row.as_ref());
        }
        table
    }

    /// Home slot of a feature id (the ids are already well mixed).
    #[inline]
    fn home(&self, key: u32) -> usize {
        ((u64::from(key.wrapping_mul(0x9E37_79B1)) * self.keys.len() as u64) >> 32) as usize
    }

    /// The weights in slot `i`, all passes.
    fn slot(&self, i: usize) -> &[i16] {
        let width = self.passes * NUM_TAGS;
        self.rows.get(i * width..(i + 1) * width).unwrap_or(&[])
    }

    fn set(&mut self, i: usize, row: &[i16]) {
        let width = self.passes * NUM_TAGS;
        if let Some(slot) = self.rows.get_mut(i * width..(i + 1) * width) {
            slot.iter_mut().zip(row).for_each(|(s, x)| *s = *x);
        }
    }

    fn insert(&mut self, key: u32, row: &[i16]) {
        if key == EMPTY {
            self.len += usize::from(!self.has_empty_key);
            self.has_empty_key = true;
            self.set(self.keys.len(), row);
            return;
        }
        let mut i = self.home(key);
        while let Some(slot) = self.keys.get_mut(i) {
            if *slot == EMPTY || *slot == key {
                self.len += usize::from(*slot == EMPTY);
                *slot = key;
                self.set(i, row);
                return;
            }
            i = if i + 1 == self.keys.len() { 0 } else { i + 1 };
        }
    }

    /// The slot holding the weights of a feature, `None` when it has none.
    #[inline]
    fn find(&self, key: u32) -> Option<usize> {
        if key == EMPTY {
            return self.has_empty_key.then_some(self.keys.len());
        }
        let mut i = self.home(key);
        loop {
            let slot = *self.keys.get(i)?;
            if slot == key {
                return Some(i);
            }
            if slot == EMPTY {
                return None;
            }
            i = if i + 1 == self.keys.len() { 0 } else { i + 1 };
        }
    }

    /// The weights of a feature (all passes), `None` when it has none.
    #[cfg(test)]
    pub fn get(&self, key: u32) -> Option<&[i16]> {
        self.find(key).map(|i| self.slot(i))
    }

    /// Reads the home slot of every feature so that the lookups that follow find them in
    /// cache: these loads are independent and branch-free, so the processor overlaps their
    /// memory latency, which a probing loop (with its unpredictable hit-or-miss branch)
    /// cannot.
    pub fn warm(&self, ids: &[u32]) {
        let touched = ids.iter().fold(0u32, |acc, &key| {
            acc ^ self.keys.get(self.home(key)).copied().unwrap_or(0)
        });
        std::hint::black_box(touched);
    }

    /// Adds the weights of features `ids` to `sums` (one per pass): first finds the slots of
    /// a batch, then sums their rows with independent loads.
    #[inline]
    pub fn add(&self, ids: &[u32], sums: &mut [[i32; NUM_TAGS]]) {
        let mut slots = [0usize; BATCH];
        for batch in ids.chunks(BATCH) {
            let mut n = 0;
            for &id in batch {
                if let (Some(i), Some(slot)) = (self.find(id), slots.get_mut(n)) {
                    *slot = i;
                    n += 1;
                }
            }
            for &i in slots.iter().take(n) {
                for (sum, row) in sums.iter_mut().zip(self.slot(i).chunks_exact(NUM_TAGS)) {
                    for (s, x) in sum.iter_mut().zip(row) {
                        *s += i32::from(*x);
                    }
                }
            }
        }
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Every (feature id, weights of all passes), sorted by id.
    pub fn sorted(&self) -> Vec<(u32, &[i16])> {
        let mut rows: Vec<(u32, &[i16])> = self
            .keys
            .iter()
            .enumerate()
            .filter(|(_, key)| **key != EMPTY)
            .map(|(i, key)| (*key, self.slot(i)))
            .chain(
                self.has_empty_key
                    .then(|| (EMPTY, self.slot(self.keys.len()))),
            )
            .collect();
        rows.sort_unstable_by_key(|(key, _)| *key);
        rows
    }
}

impl PartialEq for Weights {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.sorted() == other.sorted()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_row_and_nothing_else() {
        let rows: Vec<(u32, Row)> = (0..1000u32)
            .map(|k| (k.wrapping_mul(2_654_435_761), [k as i16; NUM_TAGS]))
            .collect();
        let table = Weights::new(rows.iter().copied());
        assert_eq!(table.len(), 1000);
        for (key, row) in &rows {
            assert_eq!(table.get(*key), Some(&row[..]));
        }
        assert_eq!(table.get(1), None);
        let mut sorted = rows.clone();
        sorted.sort_unstable_by_key(|r| r.0);
        let found: Vec<(u32, &[i16])> = sorted.iter().map(|(k, r)| (*k, &r[..])).collect();
        assert_eq!(table.sorted(), found);
        let replaced = Weights::new([(7, [1; NUM_TAGS]), (7, [2; NUM_TAGS])]);
        assert_eq!(replaced.len(), 1);
        assert_eq!(replaced.get(7), Some(&[2; NUM_TAGS][..]));
        assert_eq!(Weights::new(rows.iter().rev().copied()), table);
    }

    #[test]
    fn sums_known_features_once_per_occurrence_and_pass() {
        let row = |a: i16, b: i16| {
            let mut r = vec![a; NUM_TAGS];
            r.extend([b; NUM_TAGS]);
            r
        };
        let table = Weights::with_passes(2, [(0, row(1, 2)), (5, row(10, 0))]);
        let ids: Vec<u32> = [5, 9, 0, 5].repeat(BATCH);
        let mut sums = [[0; NUM_TAGS]; 2];
        table.add(&ids, &mut sums);
        let n = BATCH as i32;
        assert_eq!(sums, [[21 * n; NUM_TAGS], [2 * n; NUM_TAGS]]);
    }
}
