//! Quote extraction with speakers.
//!
//! [`extract`] finds direct quotes (every common quotation-mark style, split and
//! multi-paragraph quotes, mis-encoded or missing closing marks) and indirect speech
//! (`X said that ...`, `according to X, ...`), and attributes each to a speaker: a name
//! near a cue verb, a role resolved to the person the article gives it to, a pronoun
//! resolved to the nearest person, an anonymous source, or the agency relaying the words.
//! [`run_eval`] scores the extractor on a hand-annotated set.

mod attribution;
mod eval;
mod indirect;
mod lexicon;
mod marks;
mod names;
mod words;

pub use eval::{extract_set, run_eval, EvalError};

use attribution::{Attributor, Found};
use marks::Part;
use names::Registry;
use storyline_model::{Mention, Quote, QuoteKind, Span};
use words::Doc;

/// Finds the quotes of an article with their speakers.
///
/// `sentences` are sentence spans and `mentions` named-entity mentions of `text` (both may
/// be empty; capitalised names are recognised as a fallback). Spans in the result are byte
/// offsets into `text`; quotes come in text order.
pub fn extract(text: &str, sentences: &[Span], mentions: &[Mention]) -> Vec<Quote> {
    let doc = Doc::new(text);
    let parts = marks::direct_parts(&doc);
    let quoted = parts.iter().map(|p| p.content).collect();
    let mut att = Attributor::new(&doc, Registry::build(&doc, mentions), quoted);
    let mut quotes = Vec::new();
    let mut prev: Option<(Part, Found)> = None;
    for group in parts.chunk_by(|a, b| a.group == b.group) {
        let mut found = att.attribute(group);
        if found.speaker.is_none() && found.cue.is_none() {
            if let Some((last, before)) = &prev {
                if continues(&doc, last, &group[0]) {
                    found = Found {
                        cue: None,
                        ..before.clone()
                    };
                }
            }
        }
        for p in group {
            quotes.push(Quote {
                span: p.content,
                text: p.content.slice(text).to_string(),
                kind: QuoteKind::Direct,
                speaker: found.speaker.clone(),
                cue: found.cue.clone(),
                relay: found.relay.clone(),
            });
        }
        if let Some(last) = group.last() {
            prev = Some((*last, found));
        }
    }
    quotes.extend(att.indirect(sentences));
    quotes.sort_by_key(|q| (q.span.start, q.span.end));
    quotes
}

/// True when a quote continues the previous speaker's words: it opens a sentence (nothing
/// but the end of the previous sentence or quote before it) and follows in the same
/// paragraph, or opens the paragraph right after.
fn continues(doc: &Doc, prev: &Part, next: &Part) -> bool {
    let here = doc.paragraph_of(next.open);
    let k = doc.tok_at(next.open);
    let opens_sentence = here.start == next.open
        || k.checked_sub(1).is_some_and(|p| {
            let before = doc.s(p);
            matches!(before, "." | "!" | "?" | ":")
                || before
                    .chars()
                    .all(|c| matches!(c, '"' | '“' | '”' | '„' | '«' | '»'))
        });
    if !opens_sentence {
        return false;
    }
    let there = doc.paragraph_of(prev.open);
    if here == there {
        return true;
    }
    let i = doc.paragraphs.partition_point(|p| p.end <= here.start);
    here.start == next.open && i > 0 && doc.paragraphs.get(i - 1) == Some(&there)
}
