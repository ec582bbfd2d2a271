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

    /// Estimated containment of the smaller sample in the other text, with that sample's size.
    pub fn containment(&self) -> (f64, usize) {
        let smaller = self.left.min(self.right);
        let c = if smaller == 0 {
            0.0
        } else {
            self.shared as f64 / smaller as f64
        };
        (c, smaller)
    }
}

/// Compares two ascending sketches; `*_complete` says the sketch holds its whole shingle set.
pub(crate) fn overlap(a: &[u32], a_complete: bool, b: &[u32], b_complete: bool) -> Overlap {
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
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    Overlap {
        shared,
        left: a.len(),
        right: b.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_sketches_count_exactly() {
        let o = overlap(&[1, 3, 5, 7], true, &[3, 5, 9], true);
        assert_eq!(
            o,
            Overlap {
                shared: 2,
                left: 4,
                right: 3
            }
        );
        assert!((o.jaccard() - 0.4).abs() < 1e-12);
        assert_eq!(o.containment(), (2.0 / 3.0, 3));
    }

    #[test]
    fn truncated_sketch_limits_the_range() {
        // The second sketch is cut at 5, so 7 and 9 of the first are outside the sample.
        let o = overlap(&[1, 3, 7, 9], true, &[1, 3, 5], false);
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
        let o = overlap(&[], true, &[2], true);
        assert_eq!((o.jaccard(), o.containment()), (0.0, (0.0, 0)));
    }
}
