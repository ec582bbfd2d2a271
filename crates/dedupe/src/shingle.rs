//! Text normalisation and word shingling.
//!
//! Words are maximal runs of alphanumeric characters, lower-cased, where a `.` or `,` between two
//! digits stays inside the number; everything else (punctuation, whitespace of any kind, line
//! wrapping) only separates words. Shingles are word k-grams taken
//! *within* sentences, so a copy with its sentences shuffled has the same shingle set as the
//! original, and re-wrapping or re-punctuating a text changes nothing. A sentence shorter than
//! `k` words yields one shingle of all its words.
//!
//! Hashing is our own: FNV-1a over characters for words, a rotate-multiply combine for k-grams and
//! the MurmurHash3 finaliser to spread the bits. It is allocation-free per word, platform-independent
//! (fingerprints may be stored and compared across runs) and faster than hashing owned strings
//! through a general-purpose hasher.

/// FNV-1a 64-bit offset basis.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a 64-bit prime.
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
/// Odd multiplier used when combining word hashes into a shingle hash.
const COMBINE: u64 = 0x9e37_79b9_7f4a_7c15;

/// MurmurHash3's 64-bit finaliser: a bijection that spreads every input bit over the output.
pub(crate) fn fmix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The normalised shingle set of one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ShingleSet {
    /// Distinct shingle hashes, sorted.
    pub hashes: Vec<u64>,
    /// Hash of the whole normalised word sequence; 0 when the text has no words.
    pub content: u64,
}

/// Splits `text` into sentences of word hashes and collects their `k`-word shingles.
pub(crate) fn shingles(text: &str, k: usize) -> ShingleSet {
    let k = k.max(1);
    let mut acc = Accumulator::new(k);
    let mut word: Option<u64> = None;
    // Terminal punctuation seen and not yet confirmed by following whitespace.
    let mut pending_end = false;
    // Newlines seen in the current run of whitespace (two mean a blank line: a paragraph break).
    let mut newlines = 0u32;
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut previous = b' ';
    while let Some(&byte) = bytes.get(i) {
        // ASCII fast path: one byte is one char; otherwise decode one char.
        let c = if byte.is_ascii() {
            i += 1;
            char::from(byte)
        } else {
            let c = text
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .unwrap_or(' ');
            i += c.len_utf8().max(1);
            c
        };
        // A separator inside a number (`1,250.75`) belongs to it: the whole number is one word,
        // which keeps templated reports that differ only in their figures apart.
        let in_number = matches!(byte, b'.' | b',')
            && previous.is_ascii_digit()
            && bytes.get(i).is_some_and(u8::is_ascii_digit);
        previous = byte;
        if in_number {
            continue;
        }
        if byte.is_ascii_alphanumeric() {
            pending_end = false;
            newlines = 0;
            let h = word.get_or_insert(FNV_OFFSET);
            *h = (*h ^ u64::from(byte.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
            continue;
        }
        if !byte.is_ascii() && c.is_alphanumeric() {
            pending_end = false;
            newlines = 0;
            let h = word.get_or_insert(FNV_OFFSET);
            for l in c.to_lowercase() {
                *h = (*h ^ u64::from(l)).wrapping_mul(FNV_PRIME);
            }
            continue;
        }
        if let Some(h) = word.take() {
            acc.push_word(h);
        }
        if c.is_whitespace() {
            if pending_end {
                acc.end_sentence();
                pending_end = false;
            }
            if c == '\n' {
                newlines += 1;
                if newlines >= 2 {
                    acc.end_sentence();
                }
            }
            continue;
        }
        newlines = 0;
        match c {
            '.' | '!' | '?' => pending_end = true,
            // Closing quotes and brackets may sit between the full stop and the space.
            '"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}' | '\u{bb}' => {}
            _ => pending_end = false,
        }
    }
    if let Some(h) = word {
        acc.push_word(h);
    }
    acc.finish()
}

/// Collects words into sentences and sentences into shingles.
struct Accumulator {
    k: usize,
    sentence: Vec<u64>,
    hashes: Vec<u64>,
    content: u64,
}

impl Accumulator {
    fn new(k: usize) -> Self {
        Accumulator {
            k,
            sentence: Vec::with_capacity(64),
            hashes: Vec::with_capacity(256),
            content: 0,
        }
    }

    fn push_word(&mut self, h: u64) {
        self.content = (self.content.rotate_left(5) ^ h).wrapping_mul(COMBINE);
        self.sentence.push(h);
    }

    fn end_sentence(&mut self) {
        if self.sentence.is_empty() {
            return;
        }
        let width = self.k.min(self.sentence.len());
        for gram in self.sentence.windows(width) {
            let combined = gram.iter().fold(width as u64, |s, &w| {
                s.rotate_left(23).wrapping_mul(COMBINE) ^ w
            });
            self.hashes.push(fmix64(combined));
        }
        self.sentence.clear();
    }

    fn finish(mut self) -> ShingleSet {
        self.end_sentence();
        self.hashes.sort_unstable();
        self.hashes.dedup();
        let content = if self.hashes.is_empty() {
            0
        } else {
            fmix64(self.content).max(1)
        };
        ShingleSet {
            hashes: self.hashes,
            content,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_punctuation_and_wrapping_are_folded() {
        let a = shingles("The river rose. Farmers moved\ntheir herds uphill!", 3);
        let b = shingles(
            "the  RIVER rose ...\n Farmers, moved their herds -- uphill.",
            3,
        );
        assert_eq!(a, b);
        assert_ne!(a.content, 0);
    }

    #[test]
    fn sentence_order_does_not_change_the_set() {
        let a = shingles("Alpha beta gamma delta. Epsilon zeta eta theta.", 3);
        let b = shingles("Epsilon zeta eta theta. Alpha beta gamma delta.", 3);
        assert_eq!(a.hashes, b.hashes);
        assert_ne!(a.content, b.content);
    }

    #[test]
    fn short_sentences_give_one_shingle_and_empty_text_none() {
        assert_eq!(shingles("Yes. No.", 3).hashes.len(), 2);
        let empty = shingles(" -- \n ", 3);
        assert!(empty.hashes.is_empty());
        assert_eq!(empty.content, 0);
    }

    #[test]
    fn non_ascii_letters_fold_case() {
        let a = shingles("Ökonomen in Zürich erwarten Wachstum.", 3);
        assert_eq!(a, shingles("ÖKONOMEN IN ZÜRICH ERWARTEN WACHSTUM", 3));
        assert_eq!(a.hashes.len(), 3);
    }

    #[test]
    fn numbers_keep_their_separators() {
        assert_eq!(shingles("Net 1,250.5 mln", 3).hashes.len(), 1);
        assert_ne!(shingles("Net 1,250 mln", 3), shingles("Net 1 250 mln", 3));
        assert_eq!(
            shingles("It rose 5. Then fell", 3),
            shingles("It rose 5.\nThen fell", 3)
        );
    }

    #[test]
    fn blank_line_ends_a_sentence() {
        let joined = shingles("one two three four", 3);
        let split = shingles("one two\n\nthree four", 3);
        assert_ne!(joined.hashes, split.hashes);
        assert_eq!(joined.content, split.content);
    }
}
