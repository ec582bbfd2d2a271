//! Sparse weighted vectors keyed by interned ids, with cosine similarity.

use std::collections::BTreeMap;

/// A sparse vector: `(id, weight)` pairs sorted by id, ids unique, with its norm cached.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVec {
    entries: Vec<(u32, f64)>,
    norm: f64,
}

fn norm_of(entries: &[(u32, f64)]) -> f64 {
    entries.iter().map(|(_, w)| w * w).sum::<f64>().sqrt()
}

impl SparseVec {
    /// Builds a vector from unsorted pairs, summing repeated ids.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (u32, f64)>) -> Self {
        let mut map: BTreeMap<u32, f64> = BTreeMap::new();
        for (k, w) in pairs {
            *map.entry(k).or_default() += w;
        }
        let entries: Vec<(u32, f64)> = map.into_iter().filter(|(_, w)| *w != 0.0).collect();
        SparseVec {
            norm: norm_of(&entries),
            entries,
        }
    }

    /// The pairs, sorted by id.
    pub fn entries(&self) -> &[(u32, f64)] {
        &self.entries
    }

    /// Euclidean norm.
    pub fn norm(&self) -> f64 {
        self.norm
    }

    /// Dot product.
    pub fn dot(&self, other: &SparseVec) -> f64 {
        let (mut i, mut j, mut s) = (0, 0, 0.0);
        let (a, b) = (&self.entries, &other.entries);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    s += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        s
    }

    /// Cosine similarity (0 when either vector is empty).
    pub fn cosine(&self, other: &SparseVec) -> f64 {
        let n = self.norm() * other.norm();
        if n == 0.0 {
            0.0
        } else {
            self.dot(other) / n
        }
    }

    /// Shared ids with the product of their weights, largest first.
    pub fn shared(&self, other: &SparseVec) -> Vec<(u32, f64)> {
        let lookup: BTreeMap<u32, f64> = other.entries.iter().copied().collect();
        let mut out: Vec<(u32, f64)> = self
            .entries
            .iter()
            .filter_map(|(k, w)| lookup.get(k).map(|v| (*k, w * v)))
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// Adds `other` scaled by `factor` into this vector.
    pub fn add_scaled(&mut self, other: &SparseVec, factor: f64) {
        let merged = self
            .entries
            .iter()
            .copied()
            .chain(other.entries.iter().map(|(k, w)| (*k, w * factor)));
        *self = SparseVec::from_pairs(merged);
    }

    /// The vector scaled to unit length (unchanged when empty).
    pub fn normalized(&self) -> SparseVec {
        let n = self.norm();
        if n == 0.0 {
            return self.clone();
        }
        SparseVec {
            entries: self.entries.iter().map(|(k, w)| (*k, w / n)).collect(),
            norm: 1.0,
        }
    }
}

/// Interns strings to dense ids in first-seen order; callers feed strings in a canonical order.
#[derive(Debug, Default)]
pub struct Interner {
    ids: std::collections::HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    /// The id of `s`, assigning the next one when new.
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(id) = self.ids.get(s) {
            return *id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(s.to_string(), id);
        self.names.push(s.to_string());
        id
    }

    /// The string behind an id.
    pub fn name(&self, id: u32) -> &str {
        self.names
            .get(id as usize)
            .map(String::as_str)
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_of_identical_and_disjoint() {
        let a = SparseVec::from_pairs([(1, 1.0), (3, 2.0)]);
        let b = SparseVec::from_pairs([(2, 1.0)]);
        assert!((a.cosine(&a) - 1.0).abs() < 1e-9);
        assert_eq!(a.cosine(&b), 0.0);
        assert_eq!(a.shared(&a)[0].0, 3);
    }

    #[test]
    fn add_scaled_merges_sorted_entries() {
        let mut a = SparseVec::from_pairs([(1, 1.0), (4, 1.0)]);
        a.add_scaled(&SparseVec::from_pairs([(2, 1.0), (4, 1.0), (9, 2.0)]), 0.5);
        assert_eq!(a.entries(), &[(1, 1.0), (2, 0.5), (4, 1.5), (9, 1.0)]);
    }

    #[test]
    fn from_pairs_sums_and_sorts() {
        let v = SparseVec::from_pairs([(5, 1.0), (1, 1.0), (5, 2.0)]);
        assert_eq!(v.entries(), &[(1, 1.0), (5, 3.0)]);
    }
}
