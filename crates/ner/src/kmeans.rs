//! Spherical k-means over sparse, unit-length vectors (deterministic: seeded initialisation,
//! ties broken by the lowest cluster index).

use rayon::prelude::*;

/// A sparse vector: sorted `(dimension, value)` pairs.
pub(crate) type Sparse = Vec<(u32, f32)>;

/// Small deterministic generator (SplitMix64).
pub(crate) struct SplitMix(pub u64);

impl SplitMix {
    /// Next pseudo-random number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A pseudo-random index below `n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// Shuffles a slice in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

fn dot(v: &Sparse, centroid: &[f32]) -> f32 {
    v.iter()
        .map(|&(d, x)| x * centroid.get(d as usize).copied().unwrap_or(0.0))
        .sum()
}

fn normalise(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

fn densify(p: &Sparse, dims: usize) -> Vec<f32> {
    let mut c = vec![0.0; dims];
    for &(d, x) in p {
        if let Some(slot) = c.get_mut(d as usize) {
            *slot = x;
        }
    }
    c
}

/// k-means++ seeding: each next centroid is drawn with probability proportional to the
/// point's distance (1 - cosine) to its nearest centroid so far.
fn seed_centroids(points: &[Sparse], dims: usize, k: usize, seed: u64) -> Vec<Vec<f32>> {
    let mut rng = SplitMix(seed);
    let first = rng.below(points.len());
    let mut centroids: Vec<Vec<f32>> = points
        .get(first)
        .map(|p| densify(p, dims))
        .into_iter()
        .collect();
    let mut dist: Vec<f64> = vec![f64::INFINITY; points.len()];
    while centroids.len() < k {
        let Some(last) = centroids.last() else { break };
        dist.par_iter_mut().zip(points).for_each(|(d, p)| {
            *d = d.min(f64::from(1.0 - dot(p, last)).max(0.0));
        });
        let total: f64 = dist.iter().sum();
        if total <= 0.0 {
            break;
        }
        let mut target = (rng.next_u64() as f64 / u64::MAX as f64) * total;
        let mut pick = points.len().saturating_sub(1);
        for (i, d) in dist.iter().enumerate() {
            if target < *d {
                pick = i;
                break;
            }
            target -= d;
        }
        if let Some(p) = points.get(pick) {
            centroids.push(densify(p, dims));
        }
    }
    centroids
}

/// Clusters `points` (sparse, of dimension `dims`) into at most `k` groups; returns the cluster
/// of every point and the unit-length centroids.
pub(crate) fn cluster(
    points: &[Sparse],
    dims: usize,
    k: usize,
    iterations: usize,
    seed: u64,
) -> (Vec<u32>, Vec<Vec<f32>>) {
    if points.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let k = k.min(points.len()).max(1);
    let mut centroids = seed_centroids(points, dims, k, seed);
    let mut assign = vec![0u32; points.len()];
    for _ in 0..iterations {
        let next: Vec<u32> = points
            .par_iter()
            .map(|p| {
                let mut best = (0u32, f32::NEG_INFINITY);
                for (ci, c) in centroids.iter().enumerate() {
                    let s = dot(p, c);
                    if s > best.1 {
                        best = (ci as u32, s);
                    }
                }
                best.0
            })
            .collect();
        let changed = next != assign;
        assign = next;
        let mut sums = vec![vec![0.0f32; dims]; centroids.len()];
        for (p, &a) in points.iter().zip(&assign) {
            if let Some(sum) = sums.get_mut(a as usize) {
                for &(d, x) in p {
                    if let Some(slot) = sum.get_mut(d as usize) {
                        *slot += x;
                    }
                }
            }
        }
        for (c, mut sum) in centroids.iter_mut().zip(sums) {
            if sum.iter().any(|x| *x != 0.0) {
                normalise(&mut sum);
                *c = sum;
            }
        }
        if !changed {
            break;
        }
    }
    (assign, centroids)
}

/// Converts a dense vector to sparse form (non-zero entries).
pub(crate) fn sparse(dense: &[f32]) -> Sparse {
    dense
        .iter()
        .enumerate()
        .filter(|(_, x)| **x != 0.0)
        .map(|(d, x)| (d as u32, *x))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_two_obvious_groups() {
        let points: Vec<Sparse> = vec![
            vec![(0, 1.0)],
            vec![(0, 0.9), (1, 0.1)],
            vec![(2, 1.0)],
            vec![(2, 0.95), (1, 0.05)],
        ];
        let (assign, centroids) = cluster(&points, 3, 2, 10, 7);
        assert_eq!(centroids.len(), 2);
        assert_eq!(assign[0], assign[1]);
        assert_eq!(assign[2], assign[3]);
        assert_ne!(assign[0], assign[2]);
    }

    #[test]
    fn shuffle_is_deterministic() {
        let mut a: Vec<u32> = (0..20).collect();
        let mut b = a.clone();
        SplitMix(3).shuffle(&mut a);
        SplitMix(3).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..20).collect::<Vec<_>>());
    }
}
