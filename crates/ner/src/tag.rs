//! IOB2 tags over the four CoNLL entity classes.

use std::fmt;
use storyline_model::EntityKind;

/// Number of distinct tags (`O` plus `B-`/`I-` for four classes).
pub const NUM_TAGS: usize = 9;

/// The entity classes, in tag-index order.
pub(crate) const KINDS: [EntityKind; 4] = [
    EntityKind::Per,
    EntityKind::Org,
    EntityKind::Loc,
    EntityKind::Misc,
];

/// One IOB2 tag: outside, beginning or inside of an entity of some class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tag {
    /// Not part of an entity.
    O,
    /// First token of an entity.
    B(EntityKind),
    /// Any later token of an entity.
    I(EntityKind),
}

impl Tag {
    /// Every tag, in index order.
    pub const ALL: [Tag; NUM_TAGS] = [
        Tag::O,
        Tag::B(EntityKind::Per),
        Tag::I(EntityKind::Per),
        Tag::B(EntityKind::Org),
        Tag::I(EntityKind::Org),
        Tag::B(EntityKind::Loc),
        Tag::I(EntityKind::Loc),
        Tag::B(EntityKind::Misc),
        Tag::I(EntityKind::Misc),
    ];

    /// Dense index of the tag (`0..NUM_TAGS`).
    pub fn index(self) -> usize {
        let kind_index = |k: EntityKind| KINDS.iter().position(|x| *x == k).unwrap_or(0);
        match self {
            Tag::O => 0,
            Tag::B(k) => 1 + 2 * kind_index(k),
            Tag::I(k) => 2 + 2 * kind_index(k),
        }
    }

    /// The tag with a given dense index (`O` when out of range).
    pub fn from_index(i: usize) -> Tag {
        Tag::ALL.get(i).copied().unwrap_or(Tag::O)
    }

    /// Parses `O`, `B-PER`, `I-LOC`, ...
    pub fn parse(s: &str) -> Option<Tag> {
        if s == "O" {
            return Some(Tag::O);
        }
        let (prefix, kind) = s.split_once('-')?;
        let kind = EntityKind::parse(kind)?;
        match prefix {
            "B" => Some(Tag::B(kind)),
            "I" => Some(Tag::I(kind)),
            _ => None,
        }
    }

    /// The entity class, `None` for `O`.
    pub fn kind(self) -> Option<EntityKind> {
        match self {
            Tag::O => None,
            Tag::B(k) | Tag::I(k) => Some(k),
        }
    }

    /// The CoNLL label (`B-PER`, `O`, ...).
    pub fn as_str(self) -> &'static str {
        const LABELS: [&str; NUM_TAGS] = [
            "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
        ];
        LABELS.get(self.index()).copied().unwrap_or("O")
    }

    /// True when `self` may follow `prev` (`None` = sentence start) in valid IOB2.
    pub fn may_follow(self, prev: Option<Tag>) -> bool {
        match self {
            Tag::I(k) => matches!(prev, Some(Tag::B(p) | Tag::I(p)) if p == k),
            _ => true,
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Rewrites a tag sequence as valid IOB2 (an `I-X` that does not continue an `X` becomes `B-X`),
/// so IOB1 training data reads the same as IOB2.
pub fn to_iob2(tags: &mut [Tag]) {
    let mut prev = None;
    for t in tags.iter_mut() {
        if let Tag::I(k) = *t {
            if !t.may_follow(prev) {
                *t = Tag::B(k);
            }
        }
        prev = Some(*t);
    }
}

/// An entity found in a sentence: first token, last token, class.
pub(crate) type Found = (usize, usize, EntityKind);

/// Entities of a tag sequence.
pub(crate) fn entities(tags: &[Tag]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for (i, t) in tags.iter().enumerate() {
        match t {
            Tag::B(k) => out.push((i, i, *k)),
            Tag::I(k) => match out.last_mut() {
                Some(last) if last.1 + 1 == i && last.2 == *k => last.1 = i,
                _ => out.push((i, i, *k)),
            },
            Tag::O => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_and_label_round_trip() {
        for (i, t) in Tag::ALL.iter().enumerate() {
            assert_eq!(t.index(), i);
            assert_eq!(Tag::from_index(i), *t);
            assert_eq!(Tag::parse(t.as_str()), Some(*t));
        }
        assert_eq!(Tag::parse("X-PER"), None);
        assert_eq!(Tag::parse("B-FOO"), None);
    }

    #[test]
    fn iob1_becomes_iob2() {
        let mut tags: Vec<Tag> = ["I-PER", "I-PER", "O", "I-LOC", "I-ORG"]
            .iter()
            .filter_map(|s| Tag::parse(s))
            .collect();
        to_iob2(&mut tags);
        let labels: Vec<&str> = tags.iter().map(|t| t.as_str()).collect();
        assert_eq!(labels, ["B-PER", "I-PER", "O", "B-LOC", "B-ORG"]);
    }

    #[test]
    fn entities_from_tags() {
        let tags: Vec<Tag> = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"]
            .iter()
            .filter_map(|s| Tag::parse(s))
            .collect();
        assert_eq!(
            entities(&tags),
            vec![
                (0, 1, EntityKind::Per),
                (3, 3, EntityKind::Loc),
                (4, 4, EntityKind::Loc),
                (5, 5, EntityKind::Org)
            ]
        );
    }
}
