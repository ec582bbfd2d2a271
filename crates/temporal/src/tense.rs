//! Tense of the clause around a time expression, from cue words of the rule set's tense file.

use crate::lexicon::Lexicon;
use crate::RuleError;
use std::borrow::Cow;

/// Whether the event lies before or after the creation time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    Unknown,
}

/// Cue words of one language.
#[derive(Debug, Clone)]
pub(crate) struct TenseCues {
    /// Every cue word (lower case), sorted, with the classes it belongs to.
    words: Vec<(String, Classes)>,
    past_suffix: Vec<String>,
}

/// The cue classes a word belongs to, as bits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Classes(u8);

impl Classes {
    const FUTURE: Classes = Classes(1);
    const PAST: Classes = Classes(1 << 1);
    const NOT_PAST: Classes = Classes(1 << 2);
    const PASSIVE: Classes = Classes(1 << 3);
    const INFINITIVE: Classes = Classes(1 << 4);
    const NOT_VERB: Classes = Classes(1 << 5);

    fn has(self, class: Classes) -> bool {
        self.0 & class.0 != 0
    }
}

/// How far (in bytes) the cue search looks on each side, within the sentence.
const WINDOW: usize = 200;

impl TenseCues {
    /// Reads a tense file (lexicon syntax with classes `future`, `past`, `past_suffix`,
    /// `not_past`, `passive`, `infinitive`, `not_verb`).
    pub(crate) fn parse(source: &str, file: &str) -> Result<TenseCues, RuleError> {
        let lexicon = Lexicon::parse(source, file)?;
        let class = |name: &str| {
            lexicon.class(name).ok_or_else(|| RuleError::Syntax {
                file: file.to_string(),
                line: 0,
                message: format!("missing [{name}] section"),
            })
        };
        let past_suffix = class("past_suffix")?
            .entries()
            .map(|(f, _)| f.to_string())
            .collect();
        let mut words: Vec<(String, Classes)> = Vec::new();
        for (name, bit) in [
            ("future", Classes::FUTURE),
            ("past", Classes::PAST),
            ("not_past", Classes::NOT_PAST),
            ("passive", Classes::PASSIVE),
            ("infinitive", Classes::INFINITIVE),
            ("not_verb", Classes::NOT_VERB),
        ] {
            words.extend(class(name)?.entries().map(|(f, _)| (f.to_string(), bit)));
        }
        words.sort_by(|a, b| a.0.cmp(&b.0));
        words.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 = Classes(kept.1 .0 | later.1 .0);
            }
            same
        });
        Ok(TenseCues { words, past_suffix })
    }

    /// The classes of a word (already lower case).
    fn classes(&self, lower: &str) -> Classes {
        self.words
            .binary_search_by(|(w, _)| w.as_str().cmp(lower))
            .ok()
            .and_then(|i| self.words.get(i))
            .map_or(Classes::default(), |(_, c)| *c)
    }

    /// The tense cue nearest to `text[start..end]` within its sentence; cues before the
    /// expression count double-near.
    pub(crate) fn tense_at(&self, text: &str, start: usize, end: usize) -> Tense {
        let before = sentence_before(text, start);
        let after = sentence_after(text, end);
        let left: Vec<&str> = words(before).collect();
        let right: Vec<&str> = words(after).collect();
        let mut best: Option<(usize, Tense)> = None;
        for (distance, index) in (0..left.len()).rev().enumerate() {
            let next = left.get(index + 1).or_else(|| right.first()).copied();
            let previous = index.checked_sub(1).and_then(|i| left.get(i)).copied();
            if let Some(tense) = left
                .get(index)
                .and_then(|w| self.cue(previous, w, next, true))
            {
                best = Some((distance * 2, tense));
                break;
            }
        }
        for (index, word) in right.iter().enumerate() {
            if best.is_some_and(|(d, _)| d <= index * 3) {
                break;
            }
            let previous = index.checked_sub(1).and_then(|i| right.get(i)).copied();
            if let Some(tense) = self.cue(previous, word, right.get(index + 1).copied(), false) {
                best = Some((index * 3, tense));
                break;
            }
        }
        best.map_or(Tense::Unknown, |(_, t)| t)
    }

    /// The tense a word signals, given the words around it; infinitives count only before
    /// the expression (`agreed to meet on Friday`, not `agreed on Friday to meet`).
    fn cue(
        &self,
        previous: Option<&str>,
        word: &str,
        next: Option<&str>,
        before: bool,
    ) -> Option<Tense> {
        let lower = lower_case(word);
        let classes = self.classes(&lower);
        if classes.has(Classes::FUTURE) {
            return Some(Tense::Future);
        }
        if classes.has(Classes::INFINITIVE) {
            let verb_follows = before
                && next.is_some_and(|n| {
                    n.chars().all(|c| c.is_ascii_lowercase())
                        && !self.classes(n).has(Classes::NOT_VERB)
                });
            return verb_follows.then_some(Tense::Future);
        }
        if previous.is_some_and(|p| self.classes(&lower_case(p)).has(Classes::PASSIVE)) {
            return None;
        }
        let regular_past = word.chars().next().is_some_and(char::is_lowercase)
            && self
                .past_suffix
                .iter()
                .any(|s| lower.len() > s.len() + 2 && lower.ends_with(s.as_str()))
            && !classes.has(Classes::NOT_PAST);
        (classes.has(Classes::PAST) || regular_past).then_some(Tense::Past)
    }
}

/// A word in lower case, borrowed when it is ASCII without capitals.
fn lower_case(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// The part of the sentence before `start` (at most [`WINDOW`] bytes).
fn sentence_before(text: &str, start: usize) -> &str {
    let mut from = start.saturating_sub(WINDOW);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let slice = text.get(from..start).unwrap_or_default();
    let cut = slice
        .rfind(['\n', '!', '?', ';', '"'])
        .into_iter()
        .chain(slice.rfind(". "))
        .max()
        .map_or(0, |i| i + 1);
    slice.get(cut..).unwrap_or_default()
}

/// The part of the sentence after `end` (at most [`WINDOW`] bytes).
fn sentence_after(text: &str, end: usize) -> &str {
    let mut to = (end + WINDOW).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let slice = text.get(end..to).unwrap_or_default();
    let cut = slice
        .find(['\n', '!', '?', ';', '"'])
        .into_iter()
        .chain(slice.find(". "))
        .min()
        .unwrap_or(slice.len());
    slice.get(..cut).unwrap_or_default()
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues() -> TenseCues {
        TenseCues::parse(include_str!("../rules/en/tense.txt"), "tense.txt").unwrap()
    }

    fn tense(sentence: &str, expression: &str) -> Tense {
        let start = sentence.find(expression).unwrap();
        cues().tense_at(sentence, start, start + expression.len())
    }

    #[test]
    fn future_cues() {
        assert_eq!(
            tense("They will meet in Geneva on Friday.", "Friday"),
            Tense::Future
        );
        assert_eq!(
            tense(
                "The talks, scheduled to be held in Geneva on Friday, matter.",
                "Friday"
            ),
            Tense::Future
        );
        assert_eq!(
            tense("They have agreed to meet in Geneva on Friday.", "Friday"),
            Tense::Future
        );
    }

    #[test]
    fn past_cues() {
        assert_eq!(
            tense("The minister met his colleague on Friday.", "Friday"),
            Tense::Past
        );
        assert_eq!(
            tense("In December, the group presented its plan.", "December"),
            Tense::Past
        );
        assert_eq!(
            tense("He travelled to Rome on Friday.", "Friday"),
            Tense::Past
        );
    }

    #[test]
    fn no_cue_is_unknown_and_sentences_bound_the_search() {
        assert_eq!(tense("Friday.", "Friday"), Tense::Unknown);
        assert_eq!(
            tense("He said so. Friday: markets.", "Friday"),
            Tense::Unknown
        );
    }
}
