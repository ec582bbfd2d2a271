//! Indirect (reported) speech: `X said that ...`, `X told Y ...`, `according to X, ...`,
//! `..., X said.` and `X accused Y of ...`.

use crate::attribution::{Attributor, Found};
use crate::lexicon as lx;
use storyline_model::{Quote, QuoteKind, Span};

/// Fewest words reported content must have.
const MIN_WORDS: usize = 3;
/// How far after a cue (in tokens) the `that` introducing the content may be.
const THAT_REACH: usize = 10;

fn clause_start(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "it"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "his"
            | "her"
            | "its"
            | "their"
            | "there"
            | "this"
            | "these"
            | "those"
            | "no"
            | "all"
            | "some"
    )
}

/// Verbs whose first object is the hearer (`told Reuters that ...`).
fn takes_hearer(w: &str) -> bool {
    matches!(
        w,
        "told" | "tells" | "assured" | "warned" | "urged" | "accused" | "reminded" | "informed"
    )
}

impl Attributor<'_> {
    /// The last content token of the sentence `a..b` (before final punctuation and marks).
    fn content_end(&self, a: usize, b: usize) -> usize {
        let mut e = b;
        while e > a && !self.doc.is_word(e - 1) && !matches!(self.doc.s(e - 1), ")" | "]") {
            e -= 1;
        }
        e
    }

    fn make_quote(&self, from: usize, to: usize, found: Found) -> Option<Quote> {
        let d = self.doc;
        let outside = (from..to).filter(|&k| !self.in_quote(k)).count();
        if (from..to).filter(|&k| d.is_word(k)).count() < MIN_WORDS
            || !d.is_word(from)
            || self.in_quote(from)
            || outside == 0
            || d.lower(from) == "the" && d.lower(from + 1) == "words"
        {
            return None;
        }
        let span = d.span(from, to);
        Some(Quote {
            span,
            text: span.slice(d.text).to_string(),
            kind: QuoteKind::Indirect,
            speaker: found.speaker,
            cue: found.cue,
            relay: found.relay,
        })
    }

    /// Reported content after the cue at `c` whose subject precedes it.
    fn forward(&self, c: usize, a: usize, b: usize) -> Option<Quote> {
        let d = self.doc;
        let np = self.subject_before(c, a)?;
        let mut found = self.read_cue(c, a, b);
        found.speaker = self.speaker(np);
        let verb = d.lower(c);
        let mut k = c + 1;
        if takes_hearer(verb) && !matches!(d.lower(k), "that" | "reporters" | "journalists") {
            while k < b
                && d.is_word(k)
                && d.lower(k) != "that"
                && d.lower(k) != "of"
                && (d.is_cap(k)
                    || lx::is_determiner(d.lower(k))
                    || lx::is_np_modifier(d.lower(k))
                    || lx::is_title(d.lower(k)))
            {
                k += 1;
            }
        } else if takes_hearer(verb) {
            k += usize::from(d.lower(k) != "that");
        }
        if verb == "accused" {
            return (d.lower(k) == "of")
                .then(|| self.make_quote(k + 1, self.content_end(k + 1, b), found))
                .flatten();
        }
        let that = (k..(k + THAT_REACH).min(b))
            .take_while(|&j| d.is_word(j) || d.s(j) == ",")
            .find(|&j| d.lower(j) == "that");
        let from = match that {
            Some(t) => t + 1,
            None => {
                let k = self.skip_time(k, b);
                let w = d.lower(k);
                let aux_soon = (k + 1..(k + 6).min(b))
                    .take_while(|&j| d.is_word(j))
                    .any(|j| lx::is_aux(d.lower(j)));
                let starts = clause_start(w)
                    || d.is_cap(k) && !lx::is_calendar(w)
                    || w.chars().all(|c| c.is_ascii_digit())
                    || aux_soon && !lx::is_np_preposition(w) && d.is_word(k);
                if !starts {
                    return None;
                }
                k
            }
        };
        self.make_quote(from, self.content_end(from, b), found)
    }

    /// Skips a time adverbial or `in a statement` after a cue.
    fn skip_time(&self, k: usize, b: usize) -> usize {
        let d = self.doc;
        let w = d.lower(k);
        if matches!(w, "on" | "last" | "this" | "next" | "early" | "late")
            && lx::is_time_word(d.lower(k + 1))
        {
            let mut j = k + 2;
            while j < b && lx::is_time_word(d.lower(j)) {
                j += 1;
            }
            return j;
        }
        if lx::is_time_word(w) {
            return k + 1;
        }
        if w == "in" && matches!(d.lower(k + 1), "a" | "an") {
            let end = (k + 2..(k + 6).min(b)).find(|&j| {
                matches!(
                    d.lower(j),
                    "statement" | "interview" | "address" | "speech" | "letter" | "email" | "post"
                )
            });
            if let Some(j) = end {
                return j + 1;
            }
        }
        k
    }

    /// Reported content before `, X said.` at the end of the sentence.
    fn inverted(&self, c: usize, a: usize, b: usize) -> Option<Quote> {
        let d = self.doc;
        let rest = self.content_end(c + 1, b);
        if rest > c + 8
            || (c + 1..b)
                .any(|k| d.lower(k) == "that" || d.s(k) == "," || self.in_quote(k) || d.s(k) == ":")
        {
            return None;
        }
        let comma = (a..c).rev().find(|&k| d.s(k) == ",")?;
        if c - comma > 10 {
            return None;
        }
        let found = self.read_cue(c, comma + 1, rest);
        found.speaker.as_ref()?;
        self.make_quote(a, comma, found)
    }

    /// `According to X, ...` at the start or `..., according to X.` at the end.
    fn according(&self, a: usize, b: usize) -> Option<Quote> {
        let d = self.doc;
        let end = self.content_end(a, b);
        if d.lower(a) == "according" && d.lower(a + 1) == "to" {
            let comma = (a + 2..end).find(|&k| d.s(k) == ",")?;
            let found = self.read_cue(a, a, comma);
            return self.make_quote(comma + 1, end, found);
        }
        let k = (a + 1..end)
            .rev()
            .find(|&k| d.lower(k) == "according" && d.lower(k + 1) == "to")?;
        if d.s(k - 1) != "," || (k + 2..end).any(|j| !d.is_word(j)) {
            return None;
        }
        let found = self.read_cue(k, k, end);
        self.make_quote(a, k - 1, found)
    }

    /// Finds reported speech in every sentence that holds no direct quote.
    pub fn indirect(&self, sentences: &[Span]) -> Vec<Quote> {
        let d = self.doc;
        let mut out = Vec::new();
        for s in sentences {
            let a = d.tok_at(s.start);
            let b = d.tok_at(s.end);
            if a >= b {
                continue;
            }
            let q = self.according(a, b).or_else(|| {
                (a..b)
                    .filter(|&c| {
                        self.is_cue_at(c)
                            && d.lower(c) != "according"
                            && !lx::is_relay_verb(d.lower(c))
                    })
                    .find_map(|c| self.forward(c, a, b).or_else(|| self.inverted(c, a, b)))
            });
            out.extend(q);
        }
        out
    }
}
