//! The distinct token forms of a document, each analysed once: normalised spellings, shape,
//! lexicon entries and the hashes of every feature that depends on that form alone.

use crate::features::{canonical, shape, short_shape, FeatureHash, BOUNDARY};
use crate::lexicon::{norm_digits, opens_sentence, Lexicon, LEVELS};

/// Offsets at which a neighbour's lower case, short shape and fine cluster are features.
pub(crate) const NEAR: [isize; 4] = [-2, -1, 1, 2];

/// Longest run of own features: 10 fixed plus 4 prefixes and 4 suffixes.
const MAX_OWN: usize = 18;

/// One distinct token form of a document.
pub(crate) struct Form {
    /// Canonical punctuation, digits as `0`.
    pub word: String,
    /// `word` in lower case.
    pub lower: String,
    /// Collapsed shape of `word` (`Xx`, `d-d`).
    pub short: String,
    /// Canonical punctuation in lower case, digits kept (aggregates and names are keyed so).
    pub key: String,
    /// Holds an upper-case letter.
    pub upper: bool,
    /// Holds a lower-case letter.
    pub has_lower: bool,
    /// Holds a letter.
    pub alpha: bool,
    /// A capital after this token says nothing about the next word.
    pub opens: bool,
    /// Hashes of the features of a token of this form from its own spelling.
    own: [u32; MAX_OWN],
    own_len: usize,
    /// Extra features of the first token of a sentence.
    first: [u32; 4],
    /// Extra features of a token in an all-caps sentence.
    caps: [u32; 5],
    /// Features this form gives the token at distance `-off` from it, for each `off` of
    /// [`NEAR`]: lower case, short shape, fine cluster; at distance one also the coarse and
    /// middle clusters, case and word.
    near: [[u32; 7]; 4],
    /// Pair features with this form as the left word, hashed up to that word: `l-1|l+1`,
    /// `l-1|l`, `ss-1|ss`, `ss-1|ss|ss+1`, `l-1|ss`, `c1-1|c1`, `l|l+1`, `ss|ss+1`, `ss|l+1`,
    /// `c1|c1+1`.
    pub left: [FeatureHash; 10],
    /// Middle cluster id bytes (`u16::MAX` without clusters).
    pub c1: [u8; 2],
}

/// Anything that holds the analysis of a form.
pub(crate) trait Analysed {
    /// The analysis.
    fn analysis(&self) -> &Form;
}

impl Analysed for Form {
    fn analysis(&self) -> &Form {
        self
    }
}

/// A group of features that depends on one form alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// The token's own spelling.
    Own,
    /// The token opens its sentence.
    First,
    /// The token is in an all-caps sentence.
    Caps,
    /// The form is the neighbour at offset `NEAR[k]` of the token.
    Near(usize),
}

/// Number of distinct parts.
pub(crate) const PARTS: usize = 3 + NEAR.len();

impl Part {
    /// Dense index (`0..PARTS`).
    pub fn index(self) -> usize {
        match self {
            Part::Own => 0,
            Part::First => 1,
            Part::Caps => 2,
            Part::Near(k) => 3 + k,
        }
    }

    /// The part with a dense index (`Own` when out of range).
    pub fn from_index(i: usize) -> Part {
        match i {
            1 => Part::First,
            2 => Part::Caps,
            i if i >= 3 => Part::Near(i - 3),
            _ => Part::Own,
        }
    }
}

impl Form {
    /// A real token's form.
    pub fn new(token: &str, lex: &Lexicon) -> Form {
        let canon = canonical(token);
        let word = norm_digits(&canon);
        let lower = word.to_lowercase();
        let shape = shape(&word);
        let clusters = lex.clusters_of(&word);
        let case = lex.case_of(&lower);
        let mut form = Form {
            key: canon.to_lowercase(),
            upper: word.chars().any(char::is_uppercase),
            has_lower: word.chars().any(char::is_lowercase),
            alpha: word.chars().any(char::is_alphabetic),
            opens: opens_sentence(&word),
            short: short_shape(&shape),
            word,
            lower,
            own: [0; MAX_OWN],
            own_len: 0,
            first: [0; 4],
            caps: [0; 5],
            near: [[0; 7]; 4],
            left: [FeatureHash::new(""); 10],
            c1: [0; 2],
        };
        form.hash(&shape, clusters, case);
        form
    }

    /// The stand-in for a neighbour beyond either end of the sentence.
    pub fn boundary() -> Form {
        let mut form = Form {
            word: BOUNDARY.into(),
            lower: BOUNDARY.into(),
            short: BOUNDARY.into(),
            key: BOUNDARY.into(),
            upper: false,
            has_lower: false,
            alpha: false,
            opens: false,
            own: [0; MAX_OWN],
            own_len: 0,
            first: [0; 4],
            caps: [0; 5],
            near: [[0; 7]; 4],
            left: [FeatureHash::new(""); 10],
            c1: [0; 2],
        };
        form.hash(BOUNDARY, None, u8::MAX);
        form
    }

    /// The features of one part.
    pub fn ids(&self, part: Part) -> &[u32] {
        match part {
            Part::Own => self.own.get(..self.own_len).unwrap_or(&[]),
            Part::First => &self.first,
            Part::Caps => &self.caps,
            Part::Near(k) => {
                let len = if NEAR.get(k).is_some_and(|off| off.abs() == 1) {
                    7
                } else {
                    3
                };
                self.near.get(k).and_then(|n| n.get(..len)).unwrap_or(&[])
            }
        }
    }

    fn hash(&mut self, shape: &str, clusters: Option<[u16; LEVELS]>, case: u8) {
        let cluster = |level: usize| clusters.map_or(u16::MAX, |c| c[level]).to_le_bytes();
        let case = [case];
        let (word, lower, short) = (
            self.word.as_bytes(),
            self.lower.as_bytes(),
            self.short.as_bytes(),
        );
        let h = |template: &str, parts: &[&[u8]]| FeatureHash::of(template, parts);
        let mut own: Vec<u32> = vec![
            h("b", &[]),
            h("w", &[word]),
            h("l", &[lower]),
            h("sh", &[shape.as_bytes()]),
            h("ss", &[short]),
            h("cs", &[&case]),
            h("cs|ss", &[&case, short]),
        ];
        let starts: Vec<usize> = self.lower.char_indices().map(|(i, _)| i).collect();
        for n in 1..=4.min(starts.len()) {
            let cut = starts.get(n).copied().unwrap_or(lower.len());
            let from = starts.get(starts.len() - n).copied().unwrap_or(0);
            own.push(h("p", &[lower.get(..cut).unwrap_or(lower)]));
            own.push(h("s", &[lower.get(from..).unwrap_or(lower)]));
        }
        for level in 0..LEVELS {
            own.push(h("c", &[&[level as u8], &cluster(level)]));
        }
        self.own_len = own.len().min(MAX_OWN);
        self.own
            .iter_mut()
            .zip(&own)
            .for_each(|(slot, id)| *slot = *id);
        self.first = [
            h("first", &[]),
            h("first|ss", &[short]),
            h("first|l", &[lower]),
            h("first|cs", &[&case]),
        ];
        self.caps = [
            h("ac", &[]),
            h("ac|l", &[lower]),
            h("ac|ss", &[short]),
            h("ac|c1", &[&cluster(1)]),
            h("ac|cs", &[&case]),
        ];
        for (k, off) in NEAR.iter().enumerate() {
            let o: &[u8] = &[*off as u8];
            let mut near = [0; 7];
            near[0] = h("l@", &[o, lower]);
            near[1] = h("ss@", &[o, short]);
            near[2] = h("c2@", &[o, &cluster(2)]);
            if off.abs() == 1 {
                near[3] = h("c0@", &[o, &cluster(0)]);
                near[4] = h("c1@", &[o, &cluster(1)]);
                near[5] = h("cs@", &[o, &case]);
                near[6] = h("w@", &[o, word]);
            }
            if let Some(slot) = self.near.get_mut(k) {
                *slot = near;
            }
        }
        self.c1 = cluster(1);
        let left = |template: &str, part: &[u8]| {
            let mut state = FeatureHash::new(template);
            state.add(part);
            state
        };
        self.left = [
            left("l-1|l+1", lower),
            left("l-1|l", lower),
            left("ss-1|ss", short),
            left("ss-1|ss|ss+1", short),
            left("l-1|ss", lower),
            left("c1-1|c1", &self.c1),
            left("l|l+1", lower),
            left("ss|ss+1", short),
            left("ss|l+1", short),
            left("c1|c1+1", &self.c1),
        ];
    }
}
