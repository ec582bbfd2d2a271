//! Viterbi decoding over tag bigrams, restricted to valid IOB2 sequences.

use crate::tag::{Tag, NUM_TAGS};

/// Transition scores: row 0 is the sentence start, row `1 + t` follows tag index `t`.
pub(crate) type Transitions = [[f32; NUM_TAGS]; NUM_TAGS + 1];

/// The best valid IOB2 tag sequence (as tag indices) for per-token emission scores.
pub(crate) fn viterbi(emissions: &[[f32; NUM_TAGS]], trans: &Transitions) -> Vec<usize> {
    let Some(first) = emissions.first() else {
        return Vec::new();
    };
    // Row 0: may start a sentence; row `1 + p`: may follow tag `p`.
    let allowed: [[bool; NUM_TAGS]; NUM_TAGS + 1] = std::array::from_fn(|row| {
        let prev = row.checked_sub(1).map(Tag::from_index);
        std::array::from_fn(|t| Tag::from_index(t).may_follow(prev))
    });
    let allowed = |prev: Option<usize>, next: usize| {
        allowed
            .get(prev.map_or(0, |p| p + 1))
            .and_then(|row| row.get(next))
            .copied()
            .unwrap_or(false)
    };
    let mut score = [f32::NEG_INFINITY; NUM_TAGS];
    for (t, s) in score.iter_mut().enumerate() {
        if allowed(None, t) {
            *s = first[t] + trans[0][t];
        }
    }
    let mut back: Vec<[u8; NUM_TAGS]> = Vec::with_capacity(emissions.len());
    for e in emissions.iter().skip(1) {
        let mut next = [f32::NEG_INFINITY; NUM_TAGS];
        let mut ptr = [0u8; NUM_TAGS];
        for t in 0..NUM_TAGS {
            for (p, &ps) in score.iter().enumerate() {
                if ps == f32::NEG_INFINITY || !allowed(Some(p), t) {
                    continue;
                }
                let s = ps + trans[p + 1][t];
                if s > next[t] {
                    next[t] = s;
                    ptr[t] = p as u8;
                }
            }
            next[t] += e[t];
        }
        back.push(ptr);
        score = next;
    }
    let mut best = (0..NUM_TAGS).fold(0, |b, t| if score[t] > score[b] { t } else { b });
    let mut path = vec![best; emissions.len()];
    for (i, ptr) in back.iter().enumerate().rev() {
        best = usize::from(ptr[best]);
        path[i] = best;
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_emissions_but_never_starts_with_inside() {
        let trans = [[0.0; NUM_TAGS]; NUM_TAGS + 1];
        let i_per = Tag::parse("I-PER").unwrap().index();
        let b_loc = Tag::parse("B-LOC").unwrap().index();
        let mut e = [[0.0; NUM_TAGS]; 3];
        e[0][i_per] = 5.0;
        e[0][b_loc] = 1.0;
        e[1][i_per] = 5.0;
        e[2][0] = 1.0;
        let path = viterbi(&e, &trans);
        // I-PER may not start nor follow B-LOC: B-PER I-PER O wins.
        let tags: Vec<&str> = path.iter().map(|&t| Tag::from_index(t).as_str()).collect();
        assert_eq!(tags, ["B-PER", "I-PER", "O"]);
        assert!(viterbi(&[], &trans).is_empty());
    }

    #[test]
    fn transitions_change_the_path() {
        let mut trans = [[0.0; NUM_TAGS]; NUM_TAGS + 1];
        let b_org = Tag::parse("B-ORG").unwrap().index();
        let i_org = Tag::parse("I-ORG").unwrap().index();
        let mut e = [[0.0; NUM_TAGS]; 2];
        e[0][b_org] = 2.0;
        e[1][0] = 1.0;
        e[1][i_org] = 0.5;
        assert_eq!(viterbi(&e, &trans), vec![b_org, 0]);
        trans[b_org + 1][i_org] = 1.0;
        assert_eq!(viterbi(&e, &trans), vec![b_org, i_org]);
    }
}
