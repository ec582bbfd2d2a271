//! Direct quotes: pairing quotation marks (straight, curly, guillemets, low-9, single),
//! recovering mis-encoded and missing closing marks, and linking the parts of split and
//! multi-paragraph quotes.

use crate::lexicon as lx;
use crate::words::Doc;
use storyline_model::Span;

/// One stretch of quoted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Part {
    /// The quoted content (inside the marks, trimmed, without a trailing comma).
    pub content: Span,
    /// Byte where the opening mark starts.
    pub open: usize,
    /// Byte after the closing mark (or after the content when the mark was missing).
    pub after: usize,
    /// Parts with the same group are one quote interrupted by a cue or a paragraph break.
    pub group: usize,
}

/// Longest span a single-quoted passage may have (bytes).
const MAX_SINGLE: usize = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Open,
    Close,
    Either,
}

fn is_double(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‟')
}

fn is_quote_char(c: char) -> bool {
    is_double(c) || matches!(c, '‘' | '’' | '\'')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

fn left_open(prev: Option<char>) -> bool {
    prev.is_none_or(|p| {
        p.is_whitespace() || matches!(p, '(' | '[' | '{' | '/') || is_dash(p) || is_quote_char(p)
    })
}

fn right_open(next: Option<char>) -> bool {
    next.is_none_or(|n| {
        n.is_whitespace()
            || matches!(n, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '…')
            || is_dash(n)
            || is_quote_char(n)
    })
}

fn classify(text: &str, at: usize, c: char) -> Class {
    let prev = text.get(..at).and_then(|s| s.chars().next_back());
    let next = text.get(at + c.len_utf8()..).and_then(|s| s.chars().next());
    match (left_open(prev), right_open(next)) {
        (true, false) => Class::Open,
        (false, true) => Class::Close,
        _ => Class::Either,
    }
}

fn glyph_opens(c: char) -> bool {
    matches!(c, '"' | '“' | '„' | '«' | '‟' | '‘' | '\'')
}

/// True when an attribution (a dash, or a cue within a few words) starts at byte `pos`.
fn attribution_at(doc: &Doc, pos: usize, limit: usize) -> bool {
    let i = doc.tok_at(pos);
    if doc
        .toks
        .get(i)
        .is_some_and(|t| t.start < limit && doc.s(i).chars().all(is_dash))
    {
        return true;
    }
    (i..i + 8)
        .take_while(|&k| {
            doc.toks
                .get(k)
                .is_some_and(|t| t.start < limit && (t.word || matches!(doc.s(k), "'" | "’")))
        })
        .any(|k| lx::cue_at(doc, k))
}

/// Where an unclosed quote really ends: before the first `, X said` / `- said X` inside
/// it, else at `limit`.
fn recover_end(doc: &Doc, start: usize, limit: usize) -> usize {
    let first = doc.tok_at(start);
    let mut k = first;
    while let Some(t) = doc.toks.get(k) {
        if t.end > limit {
            break;
        }
        let s = doc.s(k);
        if k > first && (s == "," || s.chars().all(is_dash)) && attribution_at(doc, t.end, limit) {
            return t.start;
        }
        k += 1;
    }
    limit
}

fn trim_content(text: &str, start: usize, end: usize) -> Span {
    let raw = text.get(start..end).unwrap_or("");
    let lead = raw.len() - raw.trim_start().len();
    let body = raw.trim();
    let body = body.strip_suffix(',').map(str::trim_end).unwrap_or(body);
    let body = body.trim_end_matches(|c: char| is_dash(c) || c.is_whitespace());
    Span::new(start + lead, start + lead + body.len())
}

/// True when the content is worth reporting: two or more words and not a title or name
/// in quotation marks (`the "Ukrainian Truth" newspaper`).
fn is_speech(doc: &Doc, content: Span) -> bool {
    let a = doc.tok_at(content.start);
    let b = doc.tok_at(content.end);
    let words: Vec<usize> = (a..b).filter(|&k| doc.is_word(k)).collect();
    if words.len() < 2 {
        return false;
    }
    let titled = words.len() <= 5
        && words.iter().filter(|&&k| doc.is_cap(k)).count() >= 2
        && words
            .iter()
            .all(|&k| doc.is_cap(k) || lx::is_stop_cap(doc.lower(k)));
    let punct = (a..b).any(|k| matches!(doc.s(k), "." | "!" | "?" | ","));
    !titled || punct
}

struct Pending {
    open: usize,
    content_start: usize,
}

/// Pairs double quotation marks inside one paragraph.
fn pair_doubles(doc: &Doc, para: Span, out: &mut Vec<(Span, usize, usize, bool)>) {
    let text = doc.text;
    let body = para.slice(text);
    let mut open: Option<Pending> = None;
    for (off, c) in body.char_indices().filter(|(_, c)| is_double(*c)) {
        let at = para.start + off;
        let class = classify(text, at, c);
        let end = at + c.len_utf8();
        match open.take() {
            None => {
                if class == Class::Open || (class == Class::Either && glyph_opens(c)) {
                    open = Some(Pending {
                        open: at,
                        content_start: end,
                    });
                }
            }
            Some(p) => {
                let so_far = text.get(p.content_start..at).unwrap_or("").trim_end();
                let clause_end = so_far.ends_with([',', '.', '!', '?', '…']);
                if class != Class::Open || (clause_end && attribution_at(doc, end, para.end)) {
                    out.push((trim_content(text, p.content_start, at), p.open, end, true));
                } else {
                    let stop = recover_end(doc, p.content_start, at);
                    out.push((
                        trim_content(text, p.content_start, stop),
                        p.open,
                        stop,
                        false,
                    ));
                    open = Some(Pending {
                        open: at,
                        content_start: end,
                    });
                }
            }
        }
    }
    if let Some(p) = open {
        out.push((
            trim_content(text, p.content_start, para.end),
            p.open,
            para.end,
            false,
        ));
    }
}

/// Pairs single quotation marks in the stretches of a paragraph outside double quotes.
fn pair_singles(doc: &Doc, para: Span, taken: &[Span], out: &mut Vec<(Span, usize, usize, bool)>) {
    let text = doc.text;
    let body = para.slice(text);
    let marks: Vec<(usize, char)> = body
        .char_indices()
        .filter(|(_, c)| matches!(c, '‘' | '’' | '\''))
        .map(|(o, c)| (para.start + o, c))
        .filter(|(at, _)| !taken.iter().any(|s| s.start <= *at && *at < s.end))
        .collect();
    let mut i = 0;
    while i < marks.len() {
        let (at, c) = marks[i];
        if c == '’' || classify(text, at, c) != Class::Open {
            i += 1;
            continue;
        }
        let close = marks[i + 1..].iter().position(|&(b, d)| {
            d != '‘' && b - at <= MAX_SINGLE && classify(text, b, d) == Class::Close
        });
        match close {
            Some(j) => {
                let (b, d) = marks[i + 1 + j];
                out.push((
                    trim_content(text, at + c.len_utf8(), b),
                    at,
                    b + d.len_utf8(),
                    true,
                ));
                i += j + 2;
            }
            None => i += 1,
        }
    }
}

/// True when an unclosed "quote" is only a short cue clause (`“Ukrinform writes.`): its
/// mark was a mis-encoded closing mark.
fn is_stray_cue(doc: &Doc, content: Span) -> bool {
    let a = doc.tok_at(content.start);
    let b = doc.tok_at(content.end);
    (a..b).filter(|&k| doc.is_word(k)).count() <= 5 && (a..b.min(a + 3)).any(|k| lx::cue_at(doc, k))
}

/// True when the text between two parts is only a cue clause (`, he said, `).
fn is_cue_gap(doc: &Doc, from: usize, to: usize) -> bool {
    let gap = doc.text.get(from..to).unwrap_or("").trim();
    gap.len() < 120
        && !gap.contains(['.', '!', '?'])
        && gap.ends_with([',', ':'])
        && attribution_at(doc, from + 1, to)
}

/// Finds every direct quote part in the article, in text order, with group numbers.
pub(crate) fn direct_parts(doc: &Doc) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    let mut group = 0;
    let mut carry = false;
    for (pi, para) in doc.paragraphs.iter().enumerate() {
        let mut found = Vec::new();
        pair_doubles(doc, *para, &mut found);
        let taken: Vec<Span> = found.iter().map(|f| Span::new(f.1, f.2)).collect();
        pair_singles(doc, *para, &taken, &mut found);
        found.sort_by_key(|f| f.1);
        let next_opens = doc
            .paragraphs
            .get(pi + 1)
            .and_then(|p| p.slice(doc.text).chars().next())
            .is_some_and(|c| is_double(c) && glyph_opens(c) || c == '«' || c == '„');
        let count = found.len();
        for (k, (content, open, after, closed)) in found.into_iter().enumerate() {
            let last = k + 1 == count;
            let mut content = content;
            let mut after = after;
            if !closed && last && after == para.end && !next_opens {
                let stop = recover_end(doc, content.start, para.end);
                content = trim_content(doc.text, content.start, stop);
                after = stop;
            }
            if content.is_empty()
                || !is_speech(doc, content)
                || !closed && is_stray_cue(doc, content)
            {
                continue;
            }
            let joins = carry && k == 0
                || parts.last().is_some_and(|p: &Part| {
                    p.after <= open
                        && doc.paragraph_of(p.open) == *para
                        && is_cue_gap(doc, p.after, open)
                });
            if !joins {
                group += 1;
            }
            parts.push(Part {
                content,
                open,
                after,
                group,
            });
            carry = !closed && last && next_opens;
        }
        if count == 0 {
            carry = false;
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(text: &str) -> Vec<(&str, usize)> {
        let doc = Doc::new(text);
        direct_parts(&doc)
            .iter()
            .map(|p| (p.content.slice(text), p.group))
            .collect()
    }

    #[test]
    fn straight_curly_and_guillemets() {
        let t =
            "He said \"we will stay,\" and « nous partirons demain ». She wrote “no more talks”.";
        assert_eq!(
            contents(t),
            [
                ("we will stay", 1),
                ("nous partirons demain", 2),
                ("no more talks", 3)
            ]
        );
    }

    #[test]
    fn split_quote_is_one_group_and_titles_are_skipped() {
        let t = "\"We are ready,\" Ilse Marrow said, \"but not at any price.\" She reads \"Harbour Lights\".";
        assert_eq!(
            contents(t),
            [("We are ready", 1), ("but not at any price.", 1)]
        );
    }

    #[test]
    fn misencoded_and_missing_closing_marks() {
        let t = "“The river will rise, “Kestrel Wire quotes Marrow. “We tried hard [...] to help- said the mayor. “Next part.”";
        assert_eq!(
            contents(t),
            [
                ("The river will rise", 1),
                ("We tried hard [...] to help", 2),
                ("Next part.", 3)
            ]
        );
    }

    #[test]
    fn multi_paragraph_quote_links_parts() {
        let t =
            "Marrow said: \"First we fix the roads.\n\n\"Then the bridges,\" she added.\n\nDone.";
        assert_eq!(
            contents(t),
            [("First we fix the roads.", 1), ("Then the bridges", 1)]
        );
    }

    #[test]
    fn headline_single_quotes_but_not_apostrophes() {
        let t = "Mayor says 'no new taxes' in Quarn's budget\nThe officials' view";
        assert_eq!(contents(t), [("no new taxes", 1)]);
    }

    #[test]
    fn unclosed_quote_stops_at_paragraph() {
        let t = "\"We will never leave this valley, the farmer said.\nNext paragraph \"is separate\" here.";
        assert_eq!(
            contents(t),
            [("We will never leave this valley", 1), ("is separate", 2)]
        );
    }
}
