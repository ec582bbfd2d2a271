//! Plain data types shared by every storyline crate: articles and their evidence,
//! analysis results (spans, time expressions, mentions, quotes), link results
//! (duplicate groups, events, stories, entities) and the [`Change`] values that the
//! single store writer applies.
//!
//! The crate holds no logic beyond small invariants and constructors.

mod analysis;
mod article;
mod change;
mod link;

pub use analysis::*;
pub use article::*;
pub use change::*;
pub use link::*;

/// Half-open byte range `[start, end)` into an article's `text`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (byte offsets).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers, or `""` when it does not fall on char boundaries.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Stable 16-hex-digit identifier derived from content (SHA-256 prefix).
pub fn content_id(parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    let d = h.finalize();
    d[..8].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_id_separates_fields() {
        assert_ne!(content_id(&["ab", "c"]), content_id(&["a", "bc"]));
        assert_eq!(content_id(&["x"]).len(), 16);
    }

    #[test]
    fn span_slice_is_safe_off_boundary() {
        let t = "é";
        assert_eq!(Span::new(0, 1).slice(t), "");
        assert_eq!(Span::new(0, 2).slice(t), "é");
    }
}
