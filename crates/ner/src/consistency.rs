//! Document-level consistency: the surname of a person named in full elsewhere in the document
//! (`Jonas Pettersen` … `Pettersen`) is the same person when it stands alone as an entity.

use crate::features::canonical;
use crate::tag::{entities, Tag};
use std::collections::BTreeSet;
use storyline_model::EntityKind;

/// Re-types single-token entities that repeat the last word of a multi-token person name.
pub(crate) fn propagate_person_names(sentences: &[Vec<&str>], tags: &mut [Vec<Tag>]) {
    let mut surnames: BTreeSet<String> = BTreeSet::new();
    for (words, tags) in sentences.iter().zip(tags.iter()) {
        for (a, b, kind) in entities(tags) {
            if kind == EntityKind::Per && b > a {
                if let Some(surname) = words.get(b).filter(|w| w.chars().count() > 1) {
                    surnames.insert(canonical(surname));
                }
            }
        }
    }
    for (words, tags) in sentences.iter().zip(tags.iter_mut()) {
        for (a, b, kind) in entities(tags) {
            let single = a == b && kind != EntityKind::Per;
            if single
                && words
                    .get(a)
                    .is_some_and(|w| surnames.contains(&canonical(w)))
            {
                if let Some(t) = tags.get_mut(a) {
                    *t = Tag::B(EntityKind::Per);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surname_alone_becomes_person() {
        let sentences = vec![
            vec!["Jonas", "Pettersen", "spoke"],
            vec!["Pettersen", "left", "Oslo"],
        ];
        let tag = |s: &str| Tag::parse(s).unwrap();
        let mut tags = vec![
            vec![tag("B-PER"), tag("I-PER"), Tag::O],
            vec![tag("B-LOC"), Tag::O, tag("B-LOC")],
        ];
        propagate_person_names(&sentences, &mut tags);
        assert_eq!(tags[1], vec![tag("B-PER"), Tag::O, tag("B-LOC")]);
    }
}
