//! Verification from bottom-k sketches (coordinated threshold samples).
//!
//! A sketch holds the k smallest 32-bit shingle hashes of a text. Every text hashes with the same
//! function, so below the smaller of two sketches' cut-offs both sketches contain *every* shingle
//! of their text: that hash range is a uniform random sample of the shingle universe in which the
//! two sets are known exactly. Jaccard and containment (in either direction) are then counted on
//! the sample, not derived from each other: a trimmed copy or an embedded article is judged on the
//! share of its own shingles found in the other text, which a Jaccard-only sketch estimates badly
//! when the sizes differ.

/// Counts of the two texts' shingles on the commonly covered hash range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Overlap {
    /// Shingles of both texts.
    pub shared: usize,
    /// Shingles of the first text.
    pub left: usize,
    /// Shingles of the second text.
    pub right: usize,
}

impl Overlap {
    /// Estimated Jaccard similarity (0 when nothing was sampled).
    pub fn jaccard(&self) -> f64 {
        let union = self.left + self.right - self.shared;
        if union == 0 {
            0.0
        } else {
            self.shared as f64 / union as f64
        }
    }

    /// Estimated containment of the smaller sample in the other text.
    pub fn containment(&self) -> f64 {
        let smaller = self.left.min(self.right);
        if smaller == 0 {
            0.0
        } else {
            self.shared as f64 / smaller as f64
        }
    }
}

/// Compares two ascending sketches; `*_complete` says the sketch holds its whole shingle set.
/// `needed(left, right)` is the least shared count of interest for those sample sizes: the walk
/// stops with `None` as soon as it cannot be reached (most candidates are rejected this way).
pub(crate) fn overlap(
    a: &[u32],
    a_complete: bool,
    b: &[u32],
    b_complete: bool,
    needed: impl Fn(usize, usize) -> usize,
) -> Option<Overlap> {
    let cut = |s: &[u32], complete: bool| {
        if complete {
            u64::MAX
        } else {
            s.last().map_or(0, |&v| u64::from(v))
        }
    };
    let limit = cut(a, a_complete).min(cut(b, b_complete));
    let a = &a[..a.partition_point(|&v| u64::from(v) <= limit)];
    let b = &b[..b.partition_point(|&v| u64::from(v) <= limit)];
    let needed = needed(a.len(), b.len());
    let (mut i, mut j, mut shared) = (0, 0, 0);
    // Branch-free merge step (the comparison outcome is random, so a branch would mispredict half
    // the time); the reachability test is almost always true and predicts well.
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        if shared + (a.len() - i).min(b.len() - j) < needed {
            return None;
        }
        shared += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    (shared >= needed).then_some(Overlap {
        shared,
        left: a.len(),
        right: b.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_sketches_count_exactly() {
        let o =
            overlap(&[1, 3, 5, 7], true, &[3, 5, 9], true, |_, _| 0).unwrap_or_else(|| panic!());
        assert_eq!(
            o,
            Overlap {
                shared: 2,
                left: 4,
                right: 3
            }
        );
        assert!((o.jaccard() - 0.4).abs() < 1e-12);
        assert!((o.containment() - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn truncated_sketch_limits_the_range() {
        // The second sketch is cut at 5, so 7 and 9 of the first are outside the sample.
        let o =
            overlap(&[1, 3, 7, 9], true, &[1, 3, 5], false, |_, _| 2).unwrap_or_else(|| panic!());
        assert_eq!(
            o,
            Overlap {
                shared: 2,
                left: 2,
                right: 3
            }
        );
    }

    #[test]
    fn empty_is_zero() {
        let o = overlap(&[], true, &[2], true, |_, _| 0).unwrap_or_else(|| panic!());
        assert_eq!((o.jaccard(), o.containment()), (0.0, 0.0));
    }

    #[test]
    fn stops_when_the_needed_overlap_is_out_of_reach() {
        assert_eq!(
            overlap(&[1, 2, 3, 4], true, &[1, 5, 6, 7], true, |_, _| 2),
            None
        );
        assert!(overlap(&[1, 2, 3, 4], true, &[1, 2, 6, 7], true, |_, _| 2).is_some());
    }
}
