//! Keyed candidate index: for each key (entity or term), the most recent clusters that hold it.
//! Only clusters found through a shared key are compared, and each key keeps a bounded window
//! of recent clusters, so linking cost and memory follow the active window, not history.

use crate::vector::SparseVec;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Keys with their most recent clusters.
#[derive(Debug, Default)]
pub struct Postings {
    lists: BTreeMap<u32, VecDeque<usize>>,
    window: usize,
}

impl Postings {
    /// An index keeping at most `window` clusters per key.
    pub fn new(window: usize) -> Self {
        Postings {
            lists: BTreeMap::new(),
            window: window.max(1),
        }
    }

    /// Clusters sharing at least one key, in ascending order.
    pub fn candidates(&self, keys: &[u32]) -> BTreeSet<usize> {
        keys.iter()
            .filter_map(|k| self.lists.get(k))
            .flatten()
            .copied()
            .collect()
    }

    /// Records that `cluster` holds `keys`.
    pub fn add(&mut self, keys: &[u32], cluster: usize) {
        for k in keys {
            let list = self.lists.entry(*k).or_default();
            if list.contains(&cluster) {
                continue;
            }
            list.push_back(cluster);
            if list.len() > self.window {
                list.pop_front();
            }
        }
    }
}

/// Keys of an item: its entities (upper half of the key space) and its ten heaviest terms.
pub fn keys(entities: &SparseVec, terms: &SparseVec) -> Vec<u32> {
    let mut keys: Vec<u32> = entities
        .entries()
        .iter()
        .map(|(k, _)| k | 0x8000_0000)
        .collect();
    let mut top: Vec<(u32, f64)> = terms.entries().to_vec();
    top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    keys.extend(top.into_iter().take(10).map(|(k, _)| k & 0x7fff_ffff));
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_keeps_the_most_recent_clusters() {
        let mut p = Postings::new(2);
        p.add(&[7], 0);
        p.add(&[7], 1);
        p.add(&[7, 9], 2);
        assert_eq!(
            p.candidates(&[7]).into_iter().collect::<Vec<_>>(),
            vec![1, 2]
        );
        assert_eq!(
            p.candidates(&[9, 8]).into_iter().collect::<Vec<_>>(),
            vec![2]
        );
    }
}
