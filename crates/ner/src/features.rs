//! Feature extraction: every token of a document becomes a list of hashed feature ids (word,
//! affixes, shapes, neighbours, word clusters, case statistics, sentence position, all-caps
//! context, known names, and how the same word is written and tagged elsewhere in the
//! document). Each distinct form is analysed once per document (see [`crate::forms`]).

mod context;

use crate::fasthash::FastMap;
use crate::forms::{Analysed, Form, Part, NEAR};
use crate::lexicon::Lexicon;
use crate::tag::{Tag, NUM_TAGS};
use context::{Context, Groups};
use std::ops::Range;
use std::sync::OnceLock;

/// FNV-1a over feature parts, folded to 32 bits (platform- and version-independent).
#[derive(Debug, Clone, Copy)]
pub(crate) struct FeatureHash(u64);

impl FeatureHash {
    /// The state after a template name.
    pub fn new(template: &str) -> Self {
        let mut h = FeatureHash(0xcbf2_9ce4_8422_2325);
        h.add(template.as_bytes());
        h
    }

    /// Adds one part (followed by a separator).
    #[inline]
    pub fn add(&mut self, bytes: &[u8]) -> &mut Self {
        for &b in bytes.iter().chain(&[0xff]) {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        self
    }

    /// The feature id.
    #[inline]
    pub fn finish(&self) -> u32 {
        (self.0 ^ (self.0 >> 32)) as u32
    }

    /// The id of a template with its parts.
    pub fn of(template: &str, parts: &[&[u8]]) -> u32 {
        let mut h = FeatureHash::new(template);
        for p in parts {
            h.add(p);
        }
        h.finish()
    }
}

/// Maps typographic quotes and dashes to the ASCII forms of newswire training data.
pub(crate) fn canonical(token: &str) -> String {
    token
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
            '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
            c => c,
        })
        .collect()
}

/// Word shape: `X` upper, `x` lower, `d` digit, other characters kept (at most 12 characters).
pub(crate) fn shape(word: &str) -> String {
    word.chars()
        .take(12)
        .map(|c| match c {
            c if c.is_uppercase() => 'X',
            c if c.is_lowercase() => 'x',
            c if c.is_numeric() => 'd',
            c => c,
        })
        .collect()
}

/// Shape with runs collapsed (`Xxxxx` → `Xx`, `dd-dd` → `d-d`).
pub(crate) fn short_shape(shape: &str) -> String {
    let mut out = String::new();
    for c in shape.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// The neighbour of a token beyond either end of its sentence.
pub(crate) const BOUNDARY: &str = "<s>";

/// The stand-in form for neighbours beyond sentence ends.
fn boundary() -> &'static Form {
    static FORM: OnceLock<Form> = OnceLock::new();
    FORM.get_or_init(Form::boundary)
}

/// At most this many other occurrences of a word inform its document features.
const MAX_OCCURRENCES: usize = 24;

/// Feature ids of every token of a document, one run per token.
#[derive(Debug, Default)]
pub(crate) struct Flat {
    ids: Vec<u32>,
    /// End of each token's run in `ids`.
    ends: Vec<usize>,
}

impl Flat {
    /// The features of token `g` (document order).
    pub fn token(&self, g: usize) -> &[u32] {
        let start = g
            .checked_sub(1)
            .and_then(|p| self.ends.get(p))
            .copied()
            .unwrap_or(0);
        let end = self.ends.get(g).copied().unwrap_or(start);
        self.ids.get(start..end).unwrap_or(&[])
    }

    /// The features of tokens `r`, all together.
    pub fn tokens(&self, r: Range<usize>) -> &[u32] {
        let start = r
            .start
            .checked_sub(1)
            .and_then(|p| self.ends.get(p))
            .copied()
            .unwrap_or(0);
        let end = r
            .end
            .checked_sub(1)
            .and_then(|p| self.ends.get(p))
            .copied()
            .unwrap_or(start);
        self.ids.get(start..end).unwrap_or(&[])
    }

    fn close_token(&mut self) {
        self.ends.push(self.ids.len());
    }

    /// Nested per sentence and token, as training wants them.
    fn nested(&self, sentences: &[Range<usize>]) -> Vec<Vec<Vec<u32>>> {
        sentences
            .iter()
            .map(|r| r.clone().map(|g| self.token(g).to_vec()).collect())
            .collect()
    }
}

/// A document's tokens as distinct forms (anything [`Analysed`]), with sentence
/// bounds.
pub(crate) struct Document<T> {
    /// The distinct forms; the first stands for the neighbours beyond sentence ends.
    forms: Vec<T>,
    /// Form index of every token, in document order.
    tokens: Vec<usize>,
    /// Token ranges of the sentences.
    sentences: Vec<Range<usize>>,
    /// Sentence index of every token.
    sentence_of: Vec<usize>,
    /// Whether each sentence is written in capitals only.
    all_caps: Vec<bool>,
}

impl Document<Form> {
    /// Analyses the tokens of a document's sentences.
    pub fn analyse(doc: &[Vec<&str>], lex: &Lexicon) -> Self {
        Document::new(doc, Form::boundary(), |t| Form::new(t, lex))
    }
}

impl<T: Analysed> Document<T> {
    /// The tokens of a document's sentences; `make` gives the form of a token text (called
    /// once per distinct text), `boundary` stands for neighbours beyond sentence ends.
    pub fn new(doc: &[Vec<&str>], boundary: T, mut make: impl FnMut(&str) -> T) -> Self {
        let n: usize = doc.iter().map(Vec::len).sum();
        let mut index: FastMap<&str, usize> =
            FastMap::with_capacity_and_hasher(n, Default::default());
        let mut forms = vec![boundary];
        let mut tokens = Vec::with_capacity(n);
        let mut sentences = Vec::with_capacity(doc.len());
        let mut sentence_of = Vec::with_capacity(n);
        for (si, s) in doc.iter().enumerate() {
            let start = tokens.len();
            sentence_of.resize(start + s.len(), si);
            for t in s {
                let f = *index.entry(t).or_insert_with(|| {
                    forms.push(make(t));
                    forms.len() - 1
                });
                tokens.push(f);
            }
            sentences.push(start..tokens.len());
        }
        let all_caps = sentences
            .iter()
            .map(|r| {
                let forms = || {
                    r.clone()
                        .filter_map(|g| tokens.get(g).and_then(|&f| forms.get(f)))
                        .map(Analysed::analysis)
                };
                forms().any(|f| f.alpha) && !forms().any(|f| f.has_lower)
            })
            .collect();
        Document {
            forms,
            tokens,
            sentences,
            sentence_of,
            all_caps,
        }
    }

    /// The distinct forms (index 0 stands for the neighbours beyond sentence ends).
    pub fn forms(&self) -> &[T] {
        &self.forms
    }

    /// The groups of features of token `g` that depend on one form alone, as (form index,
    /// part): its own spelling (and sentence position and case), and its neighbours.
    pub fn parts(&self, g: usize) -> impl Iterator<Item = (usize, Part)> + '_ {
        let me = self.tokens.get(g).copied().unwrap_or(0);
        let sentence = self.sentence_of.get(g).copied().unwrap_or(0);
        let first = self.sentences.get(sentence).is_some_and(|r| r.start == g);
        let caps = self.all_caps.get(sentence).copied().unwrap_or(false);
        let own = [
            Some(Part::Own),
            first.then_some(Part::First),
            caps.then_some(Part::Caps),
        ];
        let near = NEAR.iter().enumerate().map(move |(k, off)| {
            let at = g
                .checked_add_signed(*off)
                .filter(|&j| self.sentence_of.get(j) == Some(&sentence))
                .and_then(|j| self.tokens.get(j).copied())
                .unwrap_or(0);
            (at, Part::Near(k))
        });
        own.into_iter().flatten().map(move |p| (me, p)).chain(near)
    }

    /// Token ranges of the sentences.
    pub fn sentences(&self) -> &[Range<usize>] {
        &self.sentences
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// The form of token `g`.
    fn form(&self, g: usize) -> Option<&Form> {
        self.tokens
            .get(g)
            .and_then(|&f| self.forms.get(f))
            .map(Analysed::analysis)
    }

    /// The form at `off` from token `g` of sentence `r` (the boundary beyond the sentence).
    fn at(&self, r: &Range<usize>, g: usize, off: isize) -> &Form {
        g.checked_add_signed(off)
            .filter(|j| r.contains(j))
            .and_then(|j| self.form(j))
            .unwrap_or_else(|| boundary())
    }

    /// Token positions grouped by a key of their form (document order within a group).
    fn groups<'a>(&'a self, key: impl Fn(&'a Form) -> Option<&'a str>) -> Groups {
        let mut ids: FastMap<&str, usize> =
            FastMap::with_capacity_and_hasher(self.forms.len(), Default::default());
        let form_group: Vec<Option<usize>> = self
            .forms
            .iter()
            .map(|f| {
                let k = key(f.analysis())?;
                let next = ids.len();
                Some(*ids.entry(k).or_insert(next))
            })
            .collect();
        let group_of: Vec<Option<usize>> = self
            .tokens
            .iter()
            .map(|&f| form_group.get(f).copied().flatten())
            .collect();
        // Counting sort of the tokens by group.
        let mut starts = vec![0; ids.len() + 1];
        for k in group_of.iter().flatten() {
            if let Some(n) = starts.get_mut(k + 1) {
                *n += 1;
            }
        }
        for k in 0..ids.len() {
            let before = starts.get(k).copied().unwrap_or(0);
            if let Some(n) = starts.get_mut(k + 1) {
                *n += before;
            }
        }
        let mut fill = starts.clone();
        let mut members = vec![0; starts.last().copied().unwrap_or(0)];
        for (g, k) in group_of.iter().enumerate() {
            let Some(at) = k.and_then(|k| fill.get_mut(k)) else {
                continue;
            };
            if let Some(slot) = members.get_mut(*at) {
                *slot = g;
            }
            *at += 1;
        }
        Groups {
            starts,
            members,
            group_of,
        }
    }

    /// The features of every token that are not [`Document::parts`]: pairs of neighbours,
    /// document context and known names. A capitalised token gets what the rest of the
    /// document says about the same word: whether it is capitalised or lower case away from
    /// sentence starts, and its neighbours there (this carries evidence into headlines and
    /// sentence starts).
    pub fn token_features(&self, lex: &Lexicon) -> Flat {
        let mut out = Flat {
            ids: Vec::with_capacity(self.tokens.len() * 16),
            ends: Vec::with_capacity(self.tokens.len()),
        };
        let ctx = Context {
            doc: self,
            groups: self.groups(|f| f.alpha.then_some(f.lower.as_str())),
        };
        let mut names: Vec<(usize, u32)> = Vec::new();
        let mut seen = Vec::new();
        for r in &self.sentences {
            name_features(self, r, lex, &mut names);
            let mut names = names.iter().peekable();
            for g in r.clone() {
                self.pair_features(r, g, &mut out.ids);
                ctx.features(g, &mut seen, &mut out.ids);
                while let Some((_, id)) = names.next_if(|(t, _)| *t == g) {
                    out.ids.push(*id);
                }
                out.close_token();
            }
        }
        out
    }

    /// Features of token `g` of sentence `r` from pairs and triples of neighbouring words.
    fn pair_features(&self, r: &Range<usize>, g: usize, out: &mut Vec<u32>) {
        let Some(me) = self.form(g) else { return };
        let (prev, next) = (self.at(r, g, -1), self.at(r, g, 1));
        let (p, n) = (&prev.left, &me.left);
        let finish = |state: &FeatureHash, parts: &[&[u8]]| {
            let mut h = *state;
            for part in parts {
                h.add(part);
            }
            h.finish()
        };
        let (lower, short) = (me.lower.as_bytes(), me.short.as_bytes());
        let (next_lower, next_short) = (next.lower.as_bytes(), next.short.as_bytes());
        out.extend_from_slice(&[
            finish(&p[0], &[next_lower]),
            finish(&p[1], &[lower]),
            finish(&p[2], &[short]),
            finish(&p[3], &[short, next_short]),
            finish(&p[4], &[short]),
            finish(&p[5], &[&me.c1]),
            finish(&n[6], &[next_lower]),
            finish(&n[7], &[next_short]),
            finish(&n[8], &[next_lower]),
            finish(&n[9], &[&next.c1]),
        ]);
    }

    /// Features from the tags a previous pass gave the same (capitalised) word elsewhere in
    /// the document (`tags` in document order): one per distinct tag seen there, alone and
    /// with whether the entity goes on after the word.
    pub fn aggregate_features(&self, tags: &[Tag]) -> Flat {
        let groups = self.groups(|f| Some(f.key.as_str()));
        let mut out = Flat {
            ids: Vec::new(),
            ends: Vec::with_capacity(self.tokens.len()),
        };
        for g in 0..self.tokens.len() {
            if self.form(g).is_some_and(|f| f.upper) {
                let others = groups.of(g);
                // Bit `2 * tag + goes_on`.
                let mut seen = 0u32;
                for &o in others.iter().filter(|&&o| o != g).take(MAX_OCCURRENCES) {
                    let Some(tag) = tags.get(o) else { continue };
                    let goes_on =
                        self.next(o).is_some() && matches!(tags.get(o + 1), Some(Tag::I(_)));
                    seen |= 1 << (2 * tag.index() + usize::from(goes_on));
                }
                for bit in (0..2 * NUM_TAGS).filter(|b| seen & (1 << b) != 0) {
                    let tag = Tag::from_index(bit / 2).as_str().as_bytes();
                    out.ids.push(FeatureHash::of("pa", &[tag]));
                    out.ids
                        .push(FeatureHash::of("pa|on", &[tag, &[(bit % 2) as u8]]));
                }
            }
            out.close_token();
        }
        out
    }

    /// Token `g - 1` when it is in the same sentence.
    fn prev(&self, g: usize) -> Option<usize> {
        let s = self
            .sentence_of
            .get(g)
            .and_then(|&s| self.sentences.get(s))?;
        g.checked_sub(1).filter(|p| s.contains(p))
    }

    /// Token `g + 1` when it is in the same sentence.
    fn next(&self, g: usize) -> Option<usize> {
        let s = self
            .sentence_of
            .get(g)
            .and_then(|&s| self.sentences.get(s))?;
        Some(g + 1).filter(|n| s.contains(n))
    }
}

/// Appends to `out` the gazetteer features of the tokens of sentence `r` as (token, id), by
/// token: the class, position and length of each known name covering a token.
fn name_features<T: Analysed>(
    doc: &Document<T>,
    r: &Range<usize>,
    lex: &Lexicon,
    out: &mut Vec<(usize, u32)>,
) {
    out.clear();
    let keys: Vec<&str> = r
        .clone()
        .filter_map(|g| doc.form(g).map(|f| f.key.as_str()))
        .collect();
    for (start, len, mask) in lex.names.matches_keys(&keys) {
        for k in (0..8u8).filter(|k| mask & (1 << k) != 0) {
            for i in start..start + len {
                let pos: &[u8] = if i == start { b"B" } else { b"I" };
                out.push((r.start + i, FeatureHash::of("gz", &[&[k], pos])));
                let n = [len.min(255) as u8];
                out.push((r.start + i, FeatureHash::of("gz|len", &[&[k], pos, &n])));
            }
        }
    }
    out.sort_by_key(|(g, _)| *g);
}

/// Hashed base features of every token of every sentence of a document.
pub(crate) fn document_features(doc: &[Vec<&str>], lex: &Lexicon) -> Vec<Vec<Vec<u32>>> {
    let d = Document::analyse(doc, lex);
    let extra = d.token_features(lex);
    d.sentences
        .iter()
        .map(|r| {
            r.clone()
                .map(|g| {
                    let parts = d
                        .parts(g)
                        .filter_map(|(f, part)| Some(d.forms.get(f)?.analysis().ids(part)));
                    parts.chain([extra.token(g)]).flatten().copied().collect()
                })
                .collect()
        })
        .collect()
}

/// Aggregate features (see [`Document::aggregate_features`]) per sentence and token.
pub(crate) fn aggregate_features(doc: &[Vec<&str>], tags: &[Vec<Tag>]) -> Vec<Vec<Vec<u32>>> {
    let d = Document::analyse(doc, &Lexicon::default());
    let flat: Vec<Tag> = tags.iter().flatten().copied().collect();
    d.aggregate_features(&flat).nested(&d.sentences)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("Kelvar-9"), "Xxxxxx-d");
        assert_eq!(short_shape(&shape("Kelvar-99")), "Xx-d");
        assert_eq!(
            canonical("Brenna\u{2019}s \u{201C}x\u{201D}"),
            "Brenna's \"x\""
        );
    }

    #[test]
    fn features_depend_on_context_and_case() {
        let lex = Lexicon::default();
        let one = |tokens: &[&str]| document_features(&[tokens.to_vec()], &lex).remove(0);
        let a = one(&["Mira", "sang"]);
        let b = one(&["Mira", "lost"]);
        let caps = one(&["MIRA", "SANG"]);
        assert_eq!(a.len(), 2);
        assert_ne!(a[0], b[0], "the next word is a feature");
        assert_eq!(a[1].len(), b[1].len());
        assert!(
            caps[0].len() > a[0].len(),
            "all-caps sentences add features"
        );
        assert_eq!(a, one(&["Mira", "sang"]), "deterministic");
        assert_eq!(one(&["Mira\u{2019}s"]), one(&["Mira's"]));
    }

    #[test]
    fn document_context_reaches_headlines() {
        let lex = Lexicon::default();
        let alone = document_features(&[vec!["TALVIK", "WINS"]], &lex);
        let doc = document_features(
            &[
                vec!["TALVIK", "WINS"],
                vec!["The", "rider", "Talvik", "won", "."],
            ],
            &lex,
        );
        assert!(
            doc[0][0].len() > alone[0][0].len(),
            "the body tells about the headline word"
        );
        assert_eq!(doc[0][1].len(), alone[0][1].len(), "WINS never recurs");
        assert_eq!(
            doc[1][1].len(),
            document_features(&[vec!["The", "rider"]], &lex)[0][1].len(),
            "lower-case words get none"
        );
    }

    #[test]
    fn aggregates_carry_first_pass_tags_of_other_occurrences() {
        let tag = |s: &str| Tag::parse(s).unwrap();
        let doc = vec![vec!["BRANDT", "WINS"], vec!["Ola", "Brandt", "won", "."]];
        let tags = vec![
            vec![tag("B-ORG"), Tag::O],
            vec![tag("B-PER"), tag("I-PER"), Tag::O, Tag::O],
        ];
        let agg = aggregate_features(&doc, &tags);
        assert_eq!(
            agg[0][0].len(),
            2,
            "one tag seen elsewhere: tag and tag-goes-on features"
        );
        assert_eq!(agg[1][1].len(), 2);
        assert_ne!(agg[0][0], agg[1][1], "I-PER there versus B-ORG there");
        assert!(
            agg[1][2].is_empty() && agg[0][1].is_empty(),
            "lower case or unrepeated words get none"
        );
    }
}
