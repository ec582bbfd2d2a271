//! Document context: how the other occurrences of a capitalised word are written, and what
//! surrounds them.

use super::{Document, FeatureHash, BOUNDARY, MAX_OCCURRENCES};
use crate::forms::Analysed;

/// Tokens grouped by a key, in document order within a group.
pub(super) struct Groups {
    /// Start of each group in `members` (one more entry at the end).
    pub starts: Vec<usize>,
    pub members: Vec<usize>,
    /// Group of each token.
    pub group_of: Vec<Option<usize>>,
}

impl Groups {
    /// The tokens of the group of token `g` (itself included), empty without a group.
    pub fn of(&self, g: usize) -> &[usize] {
        let Some(k) = self.group_of.get(g).copied().flatten() else {
            return &[];
        };
        let (Some(&a), Some(&b)) = (self.starts.get(k), self.starts.get(k + 1)) else {
            return &[];
        };
        self.members.get(a..b).unwrap_or(&[])
    }
}

/// Document context: where each (lower-cased) word occurs.
pub(super) struct Context<'a, T> {
    pub doc: &'a Document<T>,
    /// Tokens by lower-cased word.
    pub groups: Groups,
}

impl<T: Analysed> Context<'_, T> {
    /// Features of capitalised token `g` from the other occurrences of its word (`seen` is
    /// scratch space).
    pub fn features<'b>(
        &'b self,
        g: usize,
        seen: &mut Vec<(&'static str, &'b str)>,
        out: &mut Vec<u32>,
    ) {
        let doc = self.doc;
        let Some(me) = doc.form(g).filter(|f| f.upper) else {
            return;
        };
        let others = self.groups.of(g);
        seen.clear();
        for &o in others.iter().filter(|&&o| o != g).take(MAX_OCCURRENCES) {
            let caps = doc.sentence_of.get(o).and_then(|&s| doc.all_caps.get(s));
            if caps.copied().unwrap_or(true) {
                continue;
            }
            let Some(other) = doc.form(o) else { continue };
            let prev = doc.prev(o).and_then(|p| doc.form(p));
            let next = doc.next(o).and_then(|n| doc.form(n));
            let initial = match prev {
                Some(p) => p.opens,
                None => true,
            };
            if !initial {
                seen.push(("dcase", if other.upper { "cap" } else { "low" }));
            }
            if other.upper {
                seen.push(("dl-1", prev.map_or(BOUNDARY, |p| p.lower.as_str())));
                seen.push(("dl+1", next.map_or(BOUNDARY, |n| n.lower.as_str())));
                seen.push(("dss+1", next.map_or(BOUNDARY, |n| n.short.as_str())));
                if !initial {
                    seen.push(("dss-1", prev.map_or(BOUNDARY, |p| p.short.as_str())));
                }
            }
        }
        if me.word != me.lower && others.len() > 1 {
            out.push(FeatureHash::of("drep", &[]));
        }
        seen.sort_unstable();
        seen.dedup();
        out.extend(
            seen.iter()
                .map(|(template, value)| FeatureHash::of(template, &[value.as_bytes()])),
        );
    }
}
