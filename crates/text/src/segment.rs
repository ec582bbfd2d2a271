//! Sentence and token segmentation with byte offsets into the original text.
//!
//! Hand-written rather than `unicode-segmentation`'s sentence breaker because news text
//! needs abbreviation handling (`Mr.`, `U.S.`, `Jan.`), paragraph breaks as hard
//! boundaries, and quotes that close after the full stop.

use storyline_model::{Span, Token};

/// Sentences and tokens of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// Sentence spans, in order, covering every token.
    pub sentences: Vec<Span>,
    /// Tokens with the index of their sentence.
    pub tokens: Vec<Token>,
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "maj",
    "st", "jr", "sr", "co", "corp", "inc", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu",
    "thurs", "fri", "sat", "sun", "approx", "dept", "est", "fig", "rev", "hon", "pres", "ave",
    "blvd", "mt", "ft", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
];

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '”' | '’' | '»' | '“')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `text` into word and punctuation tokens with byte spans.
///
/// Words keep inner hyphens, apostrophes and dots (`U.S.`, `don't`, `7,000`, `2022-01-20`);
/// a possessive `'s` is its own token; other punctuation is one token per character.
pub fn tokenize(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let end_of = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !is_word_char(c) {
            out.push(Span::new(chars[i].0, end_of(i + 1)));
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 1;
        while j < n {
            let cj = chars[j].1;
            if is_word_char(cj) {
                j += 1;
                continue;
            }
            // Inner joiners: a joiner followed by a word character stays inside the word.
            let joins = matches!(cj, '-' | '\'' | '’' | '.' | ',' | '/' | ':' | '&')
                && j + 1 < n
                && is_word_char(chars[j + 1].1);
            if !joins {
                break;
            }
            // `,`, `:` and `/` join only digits (7,000  15:30  24/7).
            if matches!(cj, ',' | ':' | '/')
                && !(chars[j - 1].1.is_ascii_digit() && chars[j + 1].1.is_ascii_digit())
            {
                break;
            }
            // A possessive or contraction suffix becomes its own token.
            if matches!(cj, '\'' | '’') && is_suffix(&chars, j + 1) {
                break;
            }
            j += 1;
        }
        // Keep the trailing dot of an abbreviation or initialism (`Mr.`, `U.S.`, `J.`).
        if j < n && chars[j].1 == '.' {
            let word: String = chars[start..j].iter().map(|(_, c)| *c).collect();
            let lower = word.to_lowercase();
            let initial = word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase());
            if ABBREVIATIONS.contains(&lower.as_str()) || initial || word.contains('.') {
                j += 1;
            }
        }
        out.push(Span::new(chars[start].0, end_of(j)));
        if j < n && matches!(chars[j].1, '\'' | '’') && is_suffix(&chars, j + 1) {
            let mut k = j + 1;
            while k < n && chars[k].1.is_alphabetic() {
                k += 1;
            }
            out.push(Span::new(chars[j].0, end_of(k)));
            j = k;
        }
        i = j;
    }
    out
}

/// True when the letters from `at` form an English clitic (`s`, `t`, `re`, `ve`, `ll`, `d`, `m`).
fn is_suffix(chars: &[(usize, char)], at: usize) -> bool {
    let mut s = String::new();
    let mut k = at;
    while k < chars.len() && chars[k].1.is_alphabetic() {
        s.push(chars[k].1.to_ascii_lowercase());
        k += 1;
    }
    matches!(s.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m")
}

/// Segments `text` into sentences and tokens.
///
/// A sentence ends at `.`, `!`, `?` or `…` (plus closing quotes and brackets) followed by a
/// token that can start a sentence, unless the stop belongs to an abbreviation; a line break
/// always ends a sentence (headlines, subheads and paragraphs are separate sentences).
pub fn segment(text: &str) -> Segmentation {
    let spans = tokenize(text);
    let mut seg = Segmentation::default();
    let mut sent_start: Option<usize> = None;
    let mut sentence = 0u32;
    for (idx, span) in spans.iter().enumerate() {
        let first = sent_start.is_none();
        if first {
            sent_start = Some(idx);
        }
        seg.tokens.push(Token {
            span: *span,
            sentence,
        });
        let next = spans.get(idx + 1);
        let ends = match next {
            None => true,
            Some(next) => {
                let gap = &text[span.end..next.start];
                gap.contains('\n') || ends_sentence(text, &spans, idx, next)
            }
        };
        if ends {
            let start = sent_start.map(|s| spans[s].start).unwrap_or(span.start);
            seg.sentences.push(Span::new(start, span.end));
            sent_start = None;
            sentence += 1;
        }
    }
    seg
}

fn ends_sentence(text: &str, spans: &[Span], idx: usize, next: &Span) -> bool {
    let tok = spans[idx].slice(text);
    let next_tok = next.slice(text);
    if next.start == spans[idx].end {
        return false;
    }
    // Find the terminal punctuation: this token, or the token before a run of closers.
    let mut k = idx;
    while k > 0 && tok_is_closer(spans[k].slice(text)) {
        k -= 1;
    }
    let term = spans[k].slice(text);
    let is_stop = matches!(term, "." | "!" | "?" | "…")
        || (term.ends_with('.') && term.len() > 1 && !is_abbreviation(term));
    if !is_stop {
        return false;
    }
    if tok_is_closer(tok) && k == idx {
        return false;
    }
    let Some(c) = next_tok.chars().next() else {
        return false;
    };
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(c, '"' | '“' | '‘' | '\'' | '«' | '(' | '[' | '-' | '—')
}

fn tok_is_closer(t: &str) -> bool {
    let mut cs = t.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if is_closing(c))
}

fn is_abbreviation(tok: &str) -> bool {
    let stem = tok.trim_end_matches('.').to_lowercase();
    ABBREVIATIONS.contains(&stem.as_str())
        || (stem.chars().count() == 1 && tok.chars().next().is_some_and(char::is_uppercase))
        || stem.contains('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|s| s.slice(text)).collect()
    }

    fn sents(text: &str) -> Vec<&str> {
        segment(text)
            .sentences
            .iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn tokens_keep_abbreviations_numbers_and_split_possessives() {
        assert_eq!(
            words("Mr. Okafor's U.S. team paid $7,000 on 2024-03-14, at 15:30."),
            vec![
                "Mr.",
                "Okafor",
                "'s",
                "U.S.",
                "team",
                "paid",
                "$",
                "7,000",
                "on",
                "2024-03-14",
                ",",
                "at",
                "15:30",
                "."
            ]
        );
        assert_eq!(
            words("don’t stop, they're"),
            vec!["don’t", "stop", ",", "they", "'re"]
        );
        assert_eq!(
            words("“I agree,” she said."),
            vec!["“", "I", "agree", ",", "”", "she", "said", "."]
        );
    }

    #[test]
    fn sentences_respect_abbreviations_quotes_and_lines() {
        assert_eq!(
            sents(
                "Mr. Hale met Dr. Ruiz in the U.S. on Friday. They agreed. \"Good,\" he said. Next"
            ),
            vec![
                "Mr. Hale met Dr. Ruiz in the U.S. on Friday.",
                "They agreed.",
                "\"Good,\" he said.",
                "Next"
            ]
        );
        assert_eq!(
            sents("Headline here\nBody starts. Ends!"),
            vec!["Headline here", "Body starts.", "Ends!"]
        );
        assert_eq!(
            sents("He said: “We will go.” Then left."),
            vec!["He said: “We will go.”", "Then left."]
        );
    }

    #[test]
    fn token_sentence_indices_match_sentence_spans() {
        let text = "One two. Three four.\nFive.";
        let seg = segment(text);
        for t in &seg.tokens {
            let s = seg.sentences[t.sentence as usize];
            assert!(s.start <= t.span.start && t.span.end <= s.end);
        }
        assert_eq!(seg.sentences.len(), 3);
    }

    proptest::proptest! {
        #[test]
        fn spans_are_ordered_and_on_char_boundaries(s in "\\PC{0,200}") {
            let seg = segment(&s);
            let mut last = 0;
            for t in &seg.tokens {
                proptest::prop_assert!(t.span.start >= last && t.span.end > t.span.start);
                proptest::prop_assert!(s.is_char_boundary(t.span.start) && s.is_char_boundary(t.span.end));
                proptest::prop_assert!(!t.span.slice(&s).trim().is_empty());
                last = t.span.end;
            }
        }
    }
}
