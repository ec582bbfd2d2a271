//! Test helpers: a plain sentence splitter standing in for the project's segmenter.

use storyline_model::{Mention, Span};

/// Splits at line breaks and after `.`, `!` or `?` (with any closing marks) before a space.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let end_here = c == '\n'
            || (matches!(c, '.' | '!' | '?' | '"' | '”' | '’')
                && next.is_some_and(char::is_whitespace)
                && text[start..i].trim_end().ends_with(['.', '!', '?'])
                || matches!(c, '.' | '!' | '?') && next.is_some_and(char::is_whitespace));
        if end_here {
            let stop = if c == '\n' { i } else { i + c.len_utf8() };
            push(text, start, stop, &mut out);
            start = stop;
        }
    }
    push(text, start, text.len(), &mut out);
    out
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let raw = &text[start..end];
    let lead = raw.len() - raw.trim_start().len();
    let body = raw.trim();
    if !body.is_empty() {
        out.push(Span::new(start + lead, start + lead + body.len()));
    }
}

/// Sentences and no mentions: the extractor's own name recognition only.
#[allow(dead_code)]
pub fn prepare(text: &str) -> (Vec<Span>, Vec<Mention>) {
    (sentences(text), Vec::new())
}
