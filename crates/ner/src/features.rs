//! Feature extraction: every token of a sentence becomes a list of hashed feature ids (word,
//! affixes, shapes, neighbours, word clusters, case statistics, sentence position and
//! all-caps context).

use crate::lexicon::{norm_digits, opens_sentence, Lexicon, LEVELS};
use crate::tag::Tag;
use std::collections::{BTreeSet, HashMap};

/// FNV-1a over feature parts, folded to 32 bits (platform- and version-independent).
struct FeatureHash(u64);

impl FeatureHash {
    fn new(template: &str) -> Self {
        let mut h = FeatureHash(0xcbf2_9ce4_8422_2325);
        h.add(template.as_bytes());
        h
    }

    fn add(&mut self, bytes: &[u8]) -> &mut Self {
        for &b in bytes.iter().chain(&[0xff]) {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        self
    }

    fn finish(&self) -> u32 {
        (self.0 ^ (self.0 >> 32)) as u32
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
fn shape(word: &str) -> String {
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
fn short_shape(shape: &str) -> String {
    let mut out = String::new();
    for c in shape.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// What the features need to know about one token.
struct Info {
    word: String,
    lower: String,
    shape: String,
    short: String,
    clusters: Option<[u16; LEVELS]>,
    case: u8,
}

impl Info {
    fn new(token: &str, lex: &Lexicon) -> Info {
        let word = norm_digits(&canonical(token));
        let lower = word.to_lowercase();
        let shape = shape(&word);
        let short = short_shape(&shape);
        Info {
            clusters: lex.clusters_of(&word),
            case: lex.case_of(&lower),
            word,
            lower,
            shape,
            short,
        }
    }
}

const BOUNDARY: &str = "<s>";

/// Collects the hashed features of one token.
struct Sink(Vec<u32>);

impl Sink {
    fn put(&mut self, template: &str, parts: &[&[u8]]) {
        let mut h = FeatureHash::new(template);
        for p in parts {
            h.add(p);
        }
        self.0.push(h.finish());
    }
}

/// Hashed features of every token of every sentence of a document. Besides the sentence's own
/// evidence, a capitalised token gets what the rest of the document says about the same word:
/// whether it is capitalised or lower case away from sentence starts, and its neighbours
/// there (this carries evidence into headlines and sentence starts).
pub(crate) fn document_features(doc: &[Vec<&str>], lex: &Lexicon) -> Vec<Vec<Vec<u32>>> {
    let infos: Vec<Vec<Info>> = doc
        .iter()
        .map(|s| s.iter().map(|t| Info::new(t, lex)).collect())
        .collect();
    let all_caps: Vec<bool> = infos
        .iter()
        .map(|s| {
            s.iter().any(|i| i.word.chars().any(char::is_alphabetic))
                && !s.iter().any(|i| i.word.chars().any(char::is_lowercase))
        })
        .collect();
    let mut occurrences: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for (si, s) in infos.iter().enumerate() {
        for (ti, t) in s.iter().enumerate() {
            if t.word.chars().any(char::is_alphabetic) {
                occurrences
                    .entry(t.lower.as_str())
                    .or_default()
                    .push((si, ti));
            }
        }
    }
    let names: Vec<Vec<Vec<u32>>> = doc.iter().map(|s| name_features(s, lex)).collect();
    let ctx = DocContext {
        infos: &infos,
        all_caps: &all_caps,
        occurrences: &occurrences,
    };
    infos
        .iter()
        .enumerate()
        .map(|(si, s)| {
            (0..s.len())
                .map(|ti| {
                    let mut f = token_features(s, ti, all_caps.get(si).copied().unwrap_or(false));
                    f.extend(ctx.features(si, ti));
                    f.extend(names.get(si).and_then(|n| n.get(ti)).into_iter().flatten());
                    f
                })
                .collect()
        })
        .collect()
}

/// Gazetteer features of every token of a sentence: the class, position and length of each
/// known name covering it.
fn name_features(tokens: &[&str], lex: &Lexicon) -> Vec<Vec<u32>> {
    let mut out = vec![Vec::new(); tokens.len()];
    for (start, len, mask) in lex.names.matches(tokens) {
        let classes = (0..8u8).filter(|k| mask & (1 << k) != 0);
        for k in classes {
            for (i, f) in out.iter_mut().enumerate().skip(start).take(len) {
                let mut sink = Sink(std::mem::take(f));
                let pos: &[u8] = if i == start { b"B" } else { b"I" };
                sink.put("gz", &[&[k], pos]);
                sink.put("gz|len", &[&[k], pos, &[len.min(255) as u8]]);
                *f = sink.0;
            }
        }
    }
    out
}

/// Features from the tags a previous pass gave the same (capitalised) word elsewhere in the
/// document: one per distinct tag seen there.
pub(crate) fn aggregate_features(doc: &[Vec<&str>], tags: &[Vec<Tag>]) -> Vec<Vec<Vec<u32>>> {
    let lowers: Vec<Vec<String>> = doc
        .iter()
        .map(|s| s.iter().map(|t| canonical(t).to_lowercase()).collect())
        .collect();
    let mut occurrences: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for (si, s) in lowers.iter().enumerate() {
        for (ti, t) in s.iter().enumerate() {
            occurrences.entry(t.as_str()).or_default().push((si, ti));
        }
    }
    let tag_at = |si: usize, ti: usize| tags.get(si).and_then(|s| s.get(ti)).copied();
    doc.iter()
        .zip(&lowers)
        .enumerate()
        .map(|(si, (words, lower))| {
            words
                .iter()
                .zip(lower)
                .enumerate()
                .map(|(ti, (word, lower))| {
                    if !word.chars().any(char::is_uppercase) {
                        return Vec::new();
                    }
                    let others = occurrences
                        .get(lower.as_str())
                        .map(Vec::as_slice)
                        .unwrap_or(&[]);
                    // The tag there, and whether the entity goes on after the word.
                    let seen: BTreeSet<(Tag, bool)> = others
                        .iter()
                        .filter(|o| **o != (si, ti))
                        .take(MAX_OCCURRENCES)
                        .filter_map(|&(s2, t2)| {
                            let goes_on = matches!(tag_at(s2, t2 + 1), Some(Tag::I(_)));
                            Some((tag_at(s2, t2)?, goes_on))
                        })
                        .collect();
                    let mut f = Sink(Vec::with_capacity(2 * seen.len()));
                    for (t, goes_on) in seen {
                        f.put("pa", &[t.as_str().as_bytes()]);
                        f.put("pa|on", &[t.as_str().as_bytes(), &[u8::from(goes_on)]]);
                    }
                    f.0
                })
                .collect()
        })
        .collect()
}

/// At most this many other occurrences of a word inform its document features.
const MAX_OCCURRENCES: usize = 24;

/// Where each word occurs in a document.
struct DocContext<'a> {
    infos: &'a [Vec<Info>],
    all_caps: &'a [bool],
    occurrences: &'a HashMap<&'a str, Vec<(usize, usize)>>,
}

impl DocContext<'_> {
    fn info(&self, si: usize, ti: usize) -> Option<&Info> {
        self.infos.get(si).and_then(|s| s.get(ti))
    }

    fn features(&self, si: usize, ti: usize) -> Vec<u32> {
        let Some(me) = self.info(si, ti) else {
            return Vec::new();
        };
        if !me.word.chars().any(char::is_uppercase) {
            return Vec::new();
        }
        let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
        let others = self
            .occurrences
            .get(me.lower.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        for &(s2, t2) in others
            .iter()
            .filter(|o| **o != (si, ti))
            .take(MAX_OCCURRENCES)
        {
            if self.all_caps.get(s2).copied().unwrap_or(true) {
                continue;
            }
            let Some(other) = self.info(s2, t2) else {
                continue;
            };
            let prev = t2.checked_sub(1).and_then(|p| self.info(s2, p));
            let next = self.info(s2, t2 + 1);
            let initial = match prev {
                Some(p) => opens_sentence(&p.word),
                None => true,
            };
            let capitalised = other.word.chars().any(char::is_uppercase);
            if !initial {
                seen.insert(("dcase", if capitalised { "cap" } else { "low" }));
            }
            if capitalised {
                seen.insert(("dl-1", prev.map_or(BOUNDARY, |p| p.lower.as_str())));
                seen.insert(("dl+1", next.map_or(BOUNDARY, |n| n.lower.as_str())));
                seen.insert(("dss+1", next.map_or(BOUNDARY, |n| n.short.as_str())));
                if !initial {
                    seen.insert(("dss-1", prev.map_or(BOUNDARY, |p| p.short.as_str())));
                }
            }
        }
        let mut f = Sink(Vec::with_capacity(seen.len() + 1));
        if me.word != me.lower && others.len() > 1 {
            f.put("drep", &[]);
        }
        for (template, value) in seen {
            f.put(template, &[value.as_bytes()]);
        }
        f.0
    }
}

/// Features of token `i` from its own sentence.
fn token_features(infos: &[Info], i: usize, all_caps: bool) -> Vec<u32> {
    let at = |off: isize| i.checked_add_signed(off).and_then(|j| infos.get(j));
    let lower = |off: isize| at(off).map_or(BOUNDARY, |x| x.lower.as_str()).as_bytes();
    let short = |off: isize| at(off).map_or(BOUNDARY, |x| x.short.as_str()).as_bytes();
    let word = |off: isize| at(off).map_or(BOUNDARY, |x| x.word.as_str()).as_bytes();
    let cluster = |off: isize, level: usize| -> [u8; 2] {
        at(off)
            .and_then(|x| x.clusters)
            .map_or(u16::MAX, |c| c[level])
            .to_le_bytes()
    };
    let case = |off: isize| [at(off).map_or(u8::MAX, |x| x.case)];
    let mut f = Sink(Vec::with_capacity(64));
    let Some(me) = infos.get(i) else { return f.0 };
    f.put("b", &[]);
    f.put("w", &[me.word.as_bytes()]);
    f.put("l", &[lower(0)]);
    let chars: Vec<char> = me.lower.chars().collect();
    for n in 1..=4.min(chars.len()) {
        let prefix: String = chars.iter().take(n).collect();
        let suffix: String = chars.iter().skip(chars.len() - n).collect();
        f.put("p", &[prefix.as_bytes()]);
        f.put("s", &[suffix.as_bytes()]);
    }
    f.put("sh", &[me.shape.as_bytes()]);
    f.put("ss", &[short(0)]);
    f.put("cs", &[&case(0)]);
    f.put("cs|ss", &[&case(0), short(0)]);
    if i == 0 {
        f.put("first", &[]);
        f.put("first|ss", &[short(0)]);
        f.put("first|l", &[lower(0)]);
        f.put("first|cs", &[&case(0)]);
    }
    if all_caps {
        f.put("ac", &[]);
        f.put("ac|l", &[lower(0)]);
        f.put("ac|ss", &[short(0)]);
        f.put("ac|c1", &[&cluster(0, 1)]);
        f.put("ac|cs", &[&case(0)]);
    }
    for off in [-2, -1, 1, 2] {
        let o = [off as u8];
        f.put("l@", &[&o, lower(off)]);
        f.put("ss@", &[&o, short(off)]);
        f.put("c2@", &[&o, &cluster(off, 2)]);
    }
    for off in [-1, 1] {
        let o = [off as u8];
        f.put("c0@", &[&o, &cluster(off, 0)]);
        f.put("c1@", &[&o, &cluster(off, 1)]);
        f.put("cs@", &[&o, &case(off)]);
        f.put("w@", &[&o, word(off)]);
    }
    f.put("l-1|l+1", &[lower(-1), lower(1)]);
    f.put("l-1|l", &[lower(-1), lower(0)]);
    f.put("l|l+1", &[lower(0), lower(1)]);
    f.put("ss-1|ss", &[short(-1), short(0)]);
    f.put("ss|ss+1", &[short(0), short(1)]);
    f.put("ss-1|ss|ss+1", &[short(-1), short(0), short(1)]);
    f.put("l-1|ss", &[lower(-1), short(0)]);
    f.put("ss|l+1", &[short(0), lower(1)]);
    for level in 0..LEVELS {
        f.put("c", &[&[level as u8], &cluster(0, level)]);
    }
    f.put("c1-1|c1", &[&cluster(-1, 1), &cluster(0, 1)]);
    f.put("c1|c1+1", &[&cluster(0, 1), &cluster(1, 1)]);
    f.0
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
