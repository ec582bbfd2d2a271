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

/// Byte classes of the scanner (ASCII bytes; every byte from 0x80 up starts or continues a
/// multi-byte character and is [`Class::Wide`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ASCII letter or digit: part of a word.
    Word,
    /// Whitespace other than a newline.
    Space,
    /// `\n`: whitespace that also counts towards a paragraph break.
    Newline,
    /// `.`, `!`, `?`: ends a sentence when whitespace follows.
    End,
    /// Closing quote or bracket: may sit between a full stop and the space.
    Closer,
    /// Any other ASCII punctuation or control character.
    Other,
    /// Lead or continuation byte of a non-ASCII character.
    Wide,
}

/// [`Class`] of every byte value.
const CLASSES: [Class; 256] = {
    let mut table = [Class::Other; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = match byte {
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => Class::Word,
            b' ' | b'\t' | b'\r' | 0x0b | 0x0c => Class::Space,
            b'\n' => Class::Newline,
            b'.' | b'!' | b'?' => Class::End,
            b'"' | b'\'' | b')' | b']' => Class::Closer,
            0x80.. => Class::Wide,
            _ => Class::Other,
        };
        b += 1;
    }
    table
};

/// Splits `text` into sentences of word hashes and collects their `k`-word shingles.
///
/// One pass over the bytes, driven by a byte-class table; runs of ASCII letters and digits are
/// hashed in a tight inner loop with no per-word allocation, and only non-ASCII characters are
/// decoded.
pub(crate) fn shingles(text: &str, k: usize) -> ShingleSet {
    let mut acc = Accumulator::new(k.max(1));
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        match CLASSES[usize::from(byte)] {
            Class::Word => i = acc.ascii_run(bytes, i),
            Class::Space => {
                acc.separator();
                acc.whitespace(false);
                i += 1;
            }
            Class::Newline => {
                acc.separator();
                acc.whitespace(true);
                i += 1;
            }
            Class::End => {
                acc.punctuation(Some(true));
                i += 1;
            }
            Class::Closer => {
                acc.punctuation(None);
                i += 1;
            }
            Class::Other => {
                acc.punctuation(Some(false));
                i += 1;
            }
            Class::Wide => {
                let c = text
                    .get(i..)
                    .and_then(|rest| rest.chars().next())
                    .unwrap_or(' ');
                i += c.len_utf8();
                acc.wide(c);
            }
        }
    }
    acc.finish()
}

/// Scanner state: the word being hashed, sentence-end evidence, and the shingles so far.
struct Accumulator {
    k: usize,
    /// Hash of the word being read, if any.
    word: Option<u64>,
    /// Terminal punctuation seen and not yet confirmed by following whitespace.
    pending_end: bool,
    /// Newlines seen in the current run of whitespace (two mean a blank line: a paragraph break).
    newlines: u32,
    sentence: Vec<u64>,
    hashes: Vec<u64>,
    content: u64,
}

impl Accumulator {
    fn new(k: usize) -> Self {
        Accumulator {
            k,
            word: None,
            pending_end: false,
            newlines: 0,
            sentence: Vec::with_capacity(64),
            hashes: Vec::with_capacity(256),
            content: 0,
        }
    }

    /// Hashes the run of ASCII letters and digits starting at `i` into the current word and
    /// returns the position after it. A `.` or `,` between two digits stays inside the number
    /// (`1,250.75` is one word), which keeps templated reports that differ only in their figures
    /// apart.
    fn ascii_run(&mut self, bytes: &[u8], mut i: usize) -> usize {
        self.pending_end = false;
        self.newlines = 0;
        let mut h = self.word.unwrap_or(FNV_OFFSET);
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_alphanumeric() {
                h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
                i += 1;
            } else if matches!(b, b'.' | b',')
                && i > 0
                && bytes.get(i - 1).is_some_and(u8::is_ascii_digit)
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                i += 1;
            } else {
                break;
            }
        }
        self.word = Some(h);
        i
    }

    /// A non-ASCII character: a letter or digit (case-folded) continues the word, anything else
    /// separates like its ASCII counterparts.
    fn wide(&mut self, c: char) {
        if c.is_alphanumeric() {
            self.pending_end = false;
            self.newlines = 0;
            let mut h = self.word.unwrap_or(FNV_OFFSET);
            for l in c.to_lowercase() {
                h = (h ^ u64::from(l)).wrapping_mul(FNV_PRIME);
            }
            self.word = Some(h);
        } else if c.is_whitespace() {
            self.separator();
            self.whitespace(false);
        } else if matches!(c, '\u{201d}' | '\u{2019}' | '\u{bb}') {
            self.punctuation(None);
        } else {
            self.punctuation(Some(false));
        }
    }

    /// Ends the current word, if any.
    fn separator(&mut self) {
        if let Some(h) = self.word.take() {
            self.push_word(h);
        }
    }

    /// Whitespace after the current word: confirms a pending sentence end; a second newline in
    /// the run is a paragraph break.
    fn whitespace(&mut self, newline: bool) {
        if self.pending_end {
            self.end_sentence();
            self.pending_end = false;
        }
        if newline {
            self.newlines += 1;
            if self.newlines >= 2 {
                self.end_sentence();
            }
        }
    }

    /// Punctuation: ends the word; `Some(ends)` sets whether a sentence end is pending, `None`
    /// (closing quotes and brackets) keeps it.
    fn punctuation(&mut self, ends: Option<bool>) {
        self.separator();
        self.newlines = 0;
        if let Some(ends) = ends {
            self.pending_end = ends;
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
        self.separator();
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
