//! Finding who said a quote: the cue near it, the noun phrase on either side of the cue,
//! and what that phrase stands for (a name, a role, a pronoun, an anonymous source).

use crate::lexicon as lx;
use crate::marks::Part;
use crate::names::{Registry, RoleKey};
use crate::words::Doc;
use storyline_model::{Span, Speaker, SpeakerVia};

/// Who said something, through which cue, relayed by whom.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Found {
    /// The speaker, when one was identified.
    pub speaker: Option<Speaker>,
    /// The cue as written.
    pub cue: Option<String>,
    /// The outlet relaying the words.
    pub relay: Option<String>,
}

/// Most tokens looked at on each side of a quote.
const WINDOW: usize = 40;
/// Most tokens between a closing mark and the cue that attributes the quote.
const MAX_LEAD: usize = 10;

/// Attribution state for one article.
pub(crate) struct Attributor<'a> {
    /// The article.
    pub doc: &'a Doc<'a>,
    /// Names and roles it contains.
    pub reg: Registry,
    /// Quoted spans (their names are not antecedents of pronouns).
    quoted: Vec<Span>,
    /// For every token, whether it lies inside quoted text.
    quoted_tok: Vec<bool>,
}

fn is_terminator(s: &str) -> bool {
    matches!(s, "." | "!" | "?")
}

fn is_mark(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| matches!(c, '"' | '“' | '”' | '„' | '«' | '»'))
}

impl<'a> Attributor<'a> {
    /// Attribution state for `doc`, whose quoted spans are `quoted`.
    pub fn new(doc: &'a Doc<'a>, reg: Registry, quoted: Vec<Span>) -> Self {
        let mut quoted_tok = vec![false; doc.toks.len()];
        for q in &quoted {
            let (a, b) = (doc.tok_at(q.start), doc.tok_at(q.end));
            for (k, flag) in quoted_tok.iter_mut().enumerate().take(b).skip(a) {
                *flag = doc.toks[k].end <= q.end;
            }
        }
        Attributor {
            doc,
            reg,
            quoted,
            quoted_tok,
        }
    }

    /// True when token `k` is a reporting cue outside quoted text.
    pub fn is_cue_at(&self, k: usize) -> bool {
        lx::cue_at(self.doc, k) && !self.in_quote(k)
    }

    /// True when token `k` lies inside quoted text.
    pub fn in_quote(&self, k: usize) -> bool {
        self.quoted_tok.get(k).copied().unwrap_or(false)
    }

    fn np_token(&self, k: usize) -> bool {
        let d = self.doc;
        if !d.is_word(k) {
            return false;
        }
        let lower = d.lower(k);
        let l = strip(lower);
        if l == "that" || (lx::is_cue(l) && !d.is_cap(k)) || lx::is_calendar(l) || self.in_quote(k)
        {
            return false;
        }
        d.is_cap(k)
            || l == "of"
            || l == "them" && k > 0 && d.lower(k - 1) == "of"
            || lx::is_determiner(l)
            || lx::is_title(l)
            || lx::is_anon_noun(l)
            || lx::is_anon_marker(l)
            || lx::is_np_modifier(l)
            || lx::is_media_noun(l)
    }

    /// A common noun inside a noun phrase (`water` in `the water company`): a lowercase word
    /// that is no function word, adverb, cue, auxiliary or verb form.
    fn generic_noun(&self, k: usize) -> bool {
        let d = self.doc;
        let l = d.lower(k);
        d.is_word(k)
            && !d.is_cap(k)
            && l.len() > 2
            && l.chars().all(char::is_alphabetic)
            && !lx::is_stop_cap(l)
            && !lx::is_adverb(l)
            && !lx::is_cue(l)
            && !lx::is_aux(l)
            && !lx::is_np_preposition(l)
            && !["ed", "ly", "ing"].iter().any(|s| l.ends_with(s))
            && !self.in_quote(k)
    }

    /// True when the head of the phrase (its last word before any preposition) is a common
    /// noun (`one currency trader in Varna-Ost`).
    fn generic_head(&self, a: usize, b: usize) -> bool {
        let d = self.doc;
        let end = (a + 1..b)
            .find(|&k| lx::is_np_preposition(d.lower(k)))
            .unwrap_or(b);
        end > a + 1 && self.generic_noun(end - 1) && !lx::is_document_noun(d.lower(end - 1))
    }

    fn np_core_before(&self, i: usize, lo: usize) -> usize {
        let d = self.doc;
        let mut j = i;
        while j > lo && (self.np_token(j - 1) || self.generic_noun(j - 1)) && i - j < 12 {
            j -= 1;
        }
        while j < i
            && (matches!(d.lower(j), "of" | "with")
                || self.generic_noun(j) && !self.np_token(j)
                || lx::is_stop_cap(d.lower(j)) && !lx::is_determiner(d.lower(j)))
        {
            j += 1;
        }
        j
    }

    /// The noun phrase ending just before token `i` (not before `lo`), with any
    /// prepositional phrases attached to it (`a senior official in the ministry`).
    fn np_before(&self, i: usize, lo: usize) -> Option<(usize, usize)> {
        let d = self.doc;
        if i > lo && lx::is_person_pronoun(d.lower(i - 1)) {
            return Some((i - 1, i));
        }
        let mut j = self.np_core_before(i, lo);
        while j > lo + 1 && j < i && lx::is_np_preposition(d.lower(j - 1)) {
            let k = self.np_core_before(j - 1, lo);
            if k + 1 >= j || i - k > 16 {
                break;
            }
            j = k;
        }
        (j < i).then_some((j, i))
    }

    /// The noun phrase starting at token `i` (not reaching `hi`).
    fn np_after(&self, i: usize, hi: usize) -> Option<(usize, usize)> {
        let d = self.doc;
        if i < hi && lx::is_person_pronoun(d.lower(i)) {
            return Some((i, i + 1));
        }
        let mut i = i;
        while i < hi && matches!(d.lower(i), "of" | "with") {
            i += 1;
        }
        let mut j = i;
        let det = lx::is_determiner(d.lower(i));
        while j < hi
            && (self.np_token(j) || det && self.generic_noun(j))
            && !(j > i && d.lower(j) == "of" && !self.np_token(j + 1))
        {
            j += 1;
        }
        while j > i && (d.lower(j - 1) == "of" || lx::is_determiner(d.lower(j - 1))) {
            j -= 1;
        }
        (j > i).then_some((i, j))
    }

    /// The subject of the cue at `c`: the phrase before it, skipping adverbs, an appositive
    /// or relative clause between commas, or, after `and`, the subject of the clause.
    pub fn subject_before(&self, c: usize, lo: usize) -> Option<(usize, usize)> {
        let d = self.doc;
        let mut i = c;
        // Adverbs and time adverbials (`also`, `on Monday`) between subject and cue.
        while i > lo && {
            let l = d.lower(i - 1);
            lx::is_adverb(l)
                || lx::is_time_word(l)
                || i < c && matches!(l, "on" | "last" | "this" | "next")
        } {
            i -= 1;
        }
        if i > lo && d.lower(i - 1) == "and" {
            let mut start = i - 1;
            while start > lo
                && !matches!(d.s(start - 1), "," | ";" | ":")
                && !is_mark(d.s(start - 1))
            {
                start -= 1;
            }
            return self.np_after(start, i - 1);
        }
        if i > lo && d.s(i - 1) == "," {
            let back = (lo..i - 1).rev().take(20).find(|&k| d.s(k) == ",");
            if let Some(k) = back {
                let named = self
                    .np_after(k + 1, i - 1)
                    .filter(|&(_, e)| e == i - 1)
                    .filter(|&np| {
                        self.speaker(np)
                            .is_some_and(|s| s.via == SpeakerVia::Name && !self.reg.is_org(&s.name))
                    });
                if named.is_some() {
                    return named;
                }
                let w = d.lower(k + 1);
                if matches!(
                    w,
                    "who" | "which" | "according" | "the" | "a" | "an" | "his" | "her"
                ) || lx::is_title(w)
                    || w.ends_with("ing")
                    || (k + 1..i - 1).filter(|&j| d.is_word(j)).count() <= 4
                {
                    i = k;
                }
            }
        }
        self.np_before(i, lo)
    }

    /// Who said the words, read from the cue at token `c` inside the window `lo..hi`.
    pub fn read_cue(&self, c: usize, lo: usize, hi: usize) -> Found {
        let d = self.doc;
        let l = d.lower(c);
        let at = |k: usize| d.lower(k);
        let mut found = Found {
            cue: Some(d.s(c).to_string()),
            ..Found::default()
        };
        if l == "according" {
            found.cue = Some(d.slice(c, c + 2).to_string());
            found.speaker = self.np_after(c + 2, hi).and_then(|np| self.speaker(np));
        } else if lx::is_relay_verb(l) && at(c + 1) == "by" {
            found.relay = self
                .np_after(c + 2, hi)
                .map(|(a, b)| d.slice(a, b).to_string());
            found.speaker = self.subject_before(c, lo).and_then(|np| self.speaker(np));
        } else if lx::is_relay_verb(l) {
            found.relay = self
                .np_before(c, lo)
                .map(|(a, b)| d.slice(a, b).to_string());
            found.speaker = self.np_after(c + 1, hi).and_then(|np| self.speaker(np));
        } else if lx::is_publish_verb(l)
            && at(c + 1) == "the"
            && at(c + 2) == "words"
            && at(c + 3) == "of"
        {
            found.cue = Some(d.slice(c, c + 4).to_string());
            found.relay = self
                .np_before(c, lo)
                .map(|(a, b)| d.slice(a, b).to_string());
            found.speaker = self.np_after(c + 4, hi).and_then(|np| self.speaker(np));
        } else {
            let np = self
                .subject_before(c, lo)
                .or_else(|| self.np_after(c + 1, hi));
            found.speaker = np.and_then(|np| self.speaker(np));
            if lx::is_publish_verb(l) {
                found.relay = found
                    .speaker
                    .as_ref()
                    .filter(|s| s.via == SpeakerVia::Name && !self.reg.is_person(&s.name))
                    .map(|s| s.name.clone());
            }
        }
        found
    }

    /// What the noun phrase `a..b` stands for, or `None` when it names no one.
    pub fn speaker(&self, (a, b): (usize, usize)) -> Option<Speaker> {
        let d = self.doc;
        let span = d.span(a, b);
        let lows: Vec<String> = (a..b).map(|k| d.lower(k).to_string()).collect();
        let first = lows.first()?;
        if b - a == 1 && lx::is_person_pronoun(first) {
            let p = self.reg.nearest_person(span.start, &self.quoted)?;
            return Some(make(p.name.clone(), span, SpeakerVia::Pronoun));
        }
        if b - a == 2 && matches!(first.as_str(), "his" | "her") && lx::is_org_keyword(&lows[1]) {
            let p = self.reg.nearest_person(span.start, &self.quoted)?;
            return Some(make(
                format!("{}'s {}", p.name, lows[1]),
                span,
                SpeakerVia::Pronoun,
            ));
        }
        let described = || make(d.slice(a, b).to_string(), span, SpeakerVia::Anonymous);
        let plural_source = lows
            .last()
            .is_some_and(|w| lx::is_anon_noun(w) && w.ends_with('s'));
        if lows.iter().any(|w| lx::is_anon_marker(w))
            || lx::is_indefinite(first)
                && lows.iter().any(|w| lx::is_anon_noun(w) || lx::is_title(w))
            || matches!(first.as_str(), "the" | "this" | "that")
                && lows.get(1).is_some_and(|w| w == "source" || w == "sources")
            || lx::is_indefinite(first) && lows.get(1).is_some_and(|w| w == "of")
            || lx::is_indefinite(first) && self.generic_head(a, b)
        {
            return Some(described());
        }
        // The capitalised run ending the phrase, after any title words (and a title's
        // `of ...` complement).
        let connector = |k: usize| {
            matches!(
                d.s(k),
                "of" | "de" | "van" | "von" | "le" | "la" | "al" | "bin"
            )
        };
        let mut name_start = b;
        while name_start > a
            && (d.is_cap(name_start - 1) && !lx::is_stop_cap(&lows[name_start - 1 - a])
                || connector(name_start - 1) && name_start < b)
        {
            name_start -= 1;
        }
        let mut titled = false;
        let mut complement = false;
        for k in a..b {
            let w = strip(&lows[k - a]);
            if lx::is_title(w) || lx::is_honorific(w) {
                titled = true;
                name_start = name_start.max(k + 1);
                if lows.get(k + 1 - a).is_some_and(|w| w == "of") {
                    let mut j = k + 2;
                    while j < b && lx::is_complement_word(&lows[j - a]) && lows[j - a] != "the" {
                        j += 1;
                    }
                    // `chief executive of Tidewater Shipping`: the capitals name the employer.
                    complement = j == k + 2 || lows.get(k + 2 - a).is_some_and(|w| w == "the");
                    name_start = name_start.max(j);
                }
            }
        }
        if name_start < b
            && d.is_cap(name_start)
            && (name_start..b).all(|k| d.is_cap(k) || connector(k))
        {
            let name = d.slice(name_start, b);
            let org = (name_start..b).any(|k| lx::is_org_keyword(&lows[k - a]))
                || b - name_start == 1
                    && name.chars().count() > 1
                    && name.chars().all(char::is_uppercase)
                || self.reg.is_org(name);
            if !complement && (!org || !titled) {
                let full = if org {
                    strip(name).to_string()
                } else {
                    self.reg.canonical(name, span.start)
                };
                return Some(make(full, d.span(name_start, b), SpeakerVia::Name));
            }
        }
        if plural_source && !lows.iter().any(|w| lx::is_title(w)) {
            return Some(described());
        }
        let words: Vec<&str> = (a..b).map(|k| d.s(k)).collect();
        let key = RoleKey::from_words(&words);
        if key.is_role() {
            let head = lows.last().map(|w| strip(w)).unwrap_or_default();
            return match self.reg.resolve_role(&key, span.start) {
                Some(person) => Some(make(person, span, SpeakerVia::Role)),
                None if lx::is_anon_noun(head) && !lx::is_title(head)
                    || self.reg.is_unnamed(head, span.start) =>
                {
                    Some(described())
                }
                None => Some(make(d.slice(a, b).to_string(), span, SpeakerVia::Role)),
            };
        }
        if lx::is_determiner(first) && b - a >= 2 {
            let head = strip(lows.last()?);
            if let Some(org) = self.reg.resolve_org(head, span.start) {
                return Some(make(org, span, SpeakerVia::Role));
            }
            if lx::is_org_keyword(head) {
                return Some(make(d.slice(a + 1, b).to_string(), span, SpeakerVia::Role));
            }
        }
        None
    }

    /// Finds the speaker of a quote made of `parts`: a cue within the first words after a
    /// part, else the last cue before the first part in its sentence, else the subject of
    /// the sentence that embeds the quote.
    pub fn attribute(&mut self, parts: &[Part]) -> Found {
        let d = self.doc;
        let mut found = None;
        for part in parts {
            let para = d.paragraph_of(part.open);
            let (tlo, thi) = self.tail(part.after, para.end);
            if let Some(c) = (tlo..thi.min(tlo + MAX_LEAD)).find(|&k| self.is_cue_at(k)) {
                found = Some(self.read_cue(c, tlo, thi));
                break;
            }
        }
        let found = match (found, parts.first()) {
            (Some(f), _) => f,
            (None, Some(first)) => {
                let para = d.paragraph_of(first.open);
                let (hlo, hhi) = self.head(first.open, para.start);
                match (hlo..hhi).rev().find(|&k| self.is_cue_at(k)) {
                    Some(c) => self.read_cue(c, hlo, hhi),
                    None if hlo == hhi => Found {
                        speaker: self.previous_subject(hlo, para.start),
                        ..Found::default()
                    },
                    None => Found {
                        speaker: self.sentence_subject(hlo, hhi),
                        ..Found::default()
                    },
                }
            }
            (None, None) => Found::default(),
        };
        if let Some(s) = &found.speaker {
            if let (SpeakerVia::Role, Some(span)) = (s.via, s.span) {
                let name = s.name.clone();
                self.reg.add_reference(&name, span);
            }
        }
        found
    }

    /// For a quote opening a sentence (`X hit back. "..."`): the subject of the sentence
    /// before it in the same paragraph, when that sentence quotes no one.
    fn previous_subject(&self, start: usize, para_start: usize) -> Option<Speaker> {
        let d = self.doc;
        let end = start.checked_sub(1)?;
        if d.toks.get(end)?.start < para_start {
            return None;
        }
        let (lo, hi) = self.head(d.toks[end].start, para_start);
        if (lo..hi).any(|k| self.in_quote(k) || is_mark(d.s(k))) {
            return None;
        }
        self.sentence_subject(lo, hi)
    }

    /// The first phrase naming someone at the start of the sentence or of one of its
    /// comma-separated clauses, before `hi`.
    fn sentence_subject(&self, lo: usize, hi: usize) -> Option<Speaker> {
        let d = self.doc;
        std::iter::once(lo)
            .chain(
                (lo..hi)
                    .filter(|&k| d.s(k) == "," && !self.in_quote(k))
                    .map(|k| k + 1),
            )
            .filter_map(|k| self.np_after(k, hi))
            .filter_map(|np| self.speaker(np))
            .find(|s| match s.via {
                SpeakerVia::Name => self.reg.is_person(&s.name),
                SpeakerVia::Role => !self.reg.is_org(&s.name),
                SpeakerVia::Pronoun => true,
                SpeakerVia::Anonymous => s
                    .name
                    .split_whitespace()
                    .map(str::to_lowercase)
                    .any(|w| lx::is_anon_noun(&w) || lx::is_anon_marker(&w) || lx::is_title(&w)),
            })
    }

    /// Token window after a quote: up to the end of the sentence, the next quote or the
    /// paragraph end.
    fn tail(&self, from: usize, para_end: usize) -> (usize, usize) {
        let d = self.doc;
        let mut lo = d.tok_at(from);
        if is_terminator(d.s(lo)) && d.s(lo + 1).chars().all(|c| matches!(c, '-' | '–' | '—')) {
            lo += 1;
        }
        let mut hi = lo;
        while hi < d.toks.len() && hi < lo + WINDOW && d.toks[hi].end <= para_end {
            let s = d.s(hi);
            if is_terminator(s) || (hi > lo && is_mark(s)) {
                break;
            }
            hi += 1;
        }
        (lo, hi)
    }

    /// Token window before a quote: back to the start of the sentence (quoted text
    /// included) or of the paragraph.
    fn head(&self, open: usize, para_start: usize) -> (usize, usize) {
        let d = self.doc;
        let hi = d.tok_at(open);
        let mut lo = hi;
        while lo > 0 && lo + WINDOW > hi && d.toks[lo - 1].start >= para_start {
            if is_terminator(d.s(lo - 1)) && !self.in_quote(lo - 1) {
                break;
            }
            lo -= 1;
        }
        (lo, hi)
    }
}

/// A word without its possessive ending (`Russia's`, `workers'`).
fn strip(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .or_else(|| w.strip_suffix('\''))
        .or_else(|| w.strip_suffix('’'))
        .unwrap_or(w)
}

fn make(name: String, span: Span, via: SpeakerVia) -> Speaker {
    Speaker {
        name,
        span: Some(span),
        via,
        entity: None,
    }
}
