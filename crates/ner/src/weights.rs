//! Feature weights in one flat open-addressing table: a lookup touches a single slot (key and
//! weights side by side) in the common case, instead of chasing a general hash map.

use crate::tag::NUM_TAGS;

/// Quantised weights of one feature, one per tag.
pub(crate) type Row = [i16; NUM_TAGS];

/// Key of an empty slot; the feature with this id is kept apart.
const EMPTY: u32 = 0;

/// One table slot.
#[derive(Debug, Clone, Copy)]
struct Slot {
    key: u32,
    row: Row,
}

/// Map from feature id to its weights (linear probing, at most half full).
#[derive(Debug, Clone)]
pub(crate) struct Weights {
    slots: Vec<Slot>,
    /// Number of slots minus one (the number of slots is a power of two).
    mask: usize,
    /// Weights of feature id [`EMPTY`], if it has any.
    empty_key: Option<Row>,
    len: usize,
}

/// Home slot of a feature id (Fibonacci hashing of the already well-mixed id).
fn home(key: u32, mask: usize) -> usize {
    (u64::from(key).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask
}

impl Weights {
    /// A table of the given rows (a repeated id keeps its last row).
    pub fn new(rows: impl IntoIterator<Item = (u32, Row)>) -> Weights {
        let rows: Vec<(u32, Row)> = rows.into_iter().collect();
        let capacity = (rows.len() * 2).next_power_of_two().max(16);
        let mut table = Weights {
            slots: vec![
                Slot {
                    key: EMPTY,
                    row: [0; NUM_TAGS],
                };
                capacity
            ],
            mask: capacity - 1,
            empty_key: None,
            len: 0,
        };
        for (key, row) in rows {
            table.insert(key, row);
        }
        table
    }

    fn insert(&mut self, key: u32, row: Row) {
        if key == EMPTY {
            self.len += usize::from(self.empty_key.is_none());
            self.empty_key = Some(row);
            return;
        }
        let mut i = home(key, self.mask);
        while let Some(slot) = self.slots.get_mut(i) {
            if slot.key == EMPTY {
                *slot = Slot { key, row };
                self.len += 1;
                return;
            }
            if slot.key == key {
                slot.row = row;
                return;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The weights of a feature, `None` when it has none.
    #[inline]
    pub fn get(&self, key: u32) -> Option<&Row> {
        if key == EMPTY {
            return self.empty_key.as_ref();
        }
        let mut i = home(key, self.mask);
        loop {
            let slot = self.slots.get(i)?;
            if slot.key == key {
                return Some(&slot.row);
            }
            if slot.key == EMPTY {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Reads the home slot of every feature so that the lookups that follow find them in
    /// cache: these loads are independent and branch-free, so the processor overlaps their
    /// memory latency, which a probing loop (with its unpredictable hit-or-miss branch)
    /// cannot.
    pub fn warm(&self, ids: &[u32]) {
        let touched = ids.iter().fold(0u32, |acc, &key| {
            acc ^ self.slots.get(home(key, self.mask)).map_or(0, |s| s.key)
        });
        std::hint::black_box(touched);
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Every (feature id, weights), sorted by id.
    pub fn sorted(&self) -> Vec<(u32, Row)> {
        let mut rows: Vec<(u32, Row)> = self
            .slots
            .iter()
            .filter(|s| s.key != EMPTY)
            .map(|s| (s.key, s.row))
            .chain(self.empty_key.map(|row| (EMPTY, row)))
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
            assert_eq!(table.get(*key), Some(row));
        }
        assert_eq!(table.get(1), None);
        let mut sorted = rows.clone();
        sorted.sort_unstable_by_key(|r| r.0);
        assert_eq!(table.sorted(), sorted);
        let replaced = Weights::new([(7, [1; NUM_TAGS]), (7, [2; NUM_TAGS])]);
        assert_eq!(replaced.len(), 1);
        assert_eq!(replaced.get(7), Some(&[2; NUM_TAGS]));
        assert_eq!(Weights::new(rows.iter().rev().copied()), table);
    }
}
