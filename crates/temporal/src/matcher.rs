//! Finding matches of all rules, choosing among overlapping ones, attaching modifiers and
//! normalising in text order.

use crate::builtin;
use crate::calendar::Point;
use crate::lexicon::Lexicon;
use crate::normalize::{self, Context, Fields};
use crate::rules::{self, Function, Rule};
use crate::starts::{glued, Starts};
use crate::tense::{Tense, TenseCues};
use crate::RuleError;
use chrono::NaiveDate;
use regex::Regex;
use std::collections::BTreeMap;
use storyline_model::{Span, Timex, TimexType};

/// A compiled rule set.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    lexicon: Lexicon,
    rules: Vec<Rule>,
    /// Where each pattern (all rules' patterns in order) matches.
    starts: Starts,
    tense: TenseCues,
    /// A modifier written just before an expression (`late `, `the end of `, `mid-`).
    modifier: Option<Regex>,
}

/// One match of one rule.
#[derive(Debug, Clone, PartialEq)]
struct Candidate {
    start: usize,
    end: usize,
    rule: usize,
    fields: Fields,
}

/// How far before a match a modifier is looked for, in bytes.
const MODIFIER_WINDOW: usize = 40;

impl Matcher {
    pub(crate) fn new(lexicon: &str, rules: &str, tense: &str) -> Result<Matcher, RuleError> {
        let lexicon = Lexicon::parse(lexicon, "lexicon.txt")?;
        let rules = rules::parse(rules, "rules.txt", &lexicon)?;
        let tense = TenseCues::parse(tense, "tense.txt")?;
        let plain: Vec<&str> = rules
            .iter()
            .flat_map(|r| r.patterns.iter().map(|p| p.plain.as_str()))
            .collect();
        let starts = Starts::new(&plain).map_err(|message| RuleError::Syntax {
            file: "rules.txt".into(),
            line: 0,
            message,
        })?;
        let modifier = match lexicon.class("modifier") {
            Some(class) => Some(
                Regex::new(&format!(
                    r"(?i)\b(?P<mod>{})(?:\s+|\s*-\s*)$",
                    class.alternation()
                ))
                .map_err(|e| RuleError::Syntax {
                    file: "lexicon.txt".into(),
                    line: 0,
                    message: format!("modifier class: {e}"),
                })?,
            ),
            None => None,
        };
        Ok(Matcher {
            lexicon,
            rules,
            starts,
            tense,
            modifier,
        })
    }

    pub(crate) fn tag(&self, text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
        let all = self.candidates(text);
        let chosen = choose(all);
        let mut out = Vec::with_capacity(chosen.len());
        let mut reference: Option<(Point, String)> = None;
        let mut previous_end = 0;
        for mut candidate in chosen {
            let Some(rule) = self.rules.get(candidate.rule) else {
                continue;
            };
            if rule.kind != TimexType::Set {
                self.attach_modifier(text, &mut candidate, previous_end);
            }
            previous_end = candidate.end;
            let tense = match rule.function {
                Function::Date => self.tense.tense_at(text, candidate.start, candidate.end),
                _ => Tense::Unknown,
            };
            let cx = Context {
                dct,
                reference: reference.as_ref().map(|(p, _)| *p),
                tense,
            };
            let Some(found) = normalize::normalise(rule.function, &candidate.fields, &cx) else {
                continue;
            };
            let surface = text
                .get(candidate.start..candidate.end)
                .unwrap_or_default()
                .to_string();
            let anchor = match found.anchor {
                Some("text") => reference.as_ref().map(|(_, t)| t.clone()),
                other => other.map(str::to_string),
            };
            // `a year ago` leans on the reference without moving it.
            let moves_reference = rule.function != Function::Ago;
            if let (TimexType::Date, Some(point), true) = (rule.kind, found.point, moves_reference)
            {
                reference = Some((point, surface.clone()));
            }
            out.push(Timex {
                span: Span {
                    start: candidate.start,
                    end: candidate.end,
                },
                text: surface,
                kind: rule.kind,
                value: found.value,
                modifier: candidate.fields.get("mod").cloned(),
                quant: (rule.kind == TimexType::Set).then(|| "EVERY".to_string()),
                freq: candidate.fields.get("times").map(|n| format!("{n}X")),
                anchor,
            });
        }
        out
    }

    /// Every boundary-respecting match of every rule pattern: for each pattern, the leftmost
    /// match, then the leftmost one after it when kept or one character further when rejected.
    fn candidates(&self, text: &str) -> Vec<Candidate> {
        let starts = self.starts.find(text);
        let mut starts = starts.iter();
        let mut found = Vec::new();
        for (index, rule) in self.rules.iter().enumerate() {
            for pattern in &rule.patterns {
                let Some(positions) = starts.next() else {
                    return found;
                };
                // Positions not listed hold no match or only rejected ones: skipping them
                // skips nothing that would be kept.
                let mut at = 0;
                for &start in positions {
                    if start < at {
                        continue;
                    }
                    let Some(caps) = pattern.regex.captures_at(text, start) else {
                        break;
                    };
                    let Some(whole) = caps.get(0) else { break };
                    if whole.start() != start {
                        // No match starts before this one.
                        at = whole.start();
                        continue;
                    }
                    let accepted = whole.end() > whole.start()
                        && at_boundaries(text, whole.start(), whole.end())
                        && (!rule.cased || whole.as_str().starts_with(char::is_uppercase))
                        && (!rule.no_possessive || !possessive(text, whole.end()))
                        && !rule
                            .params
                            .get("not_before")
                            .is_some_and(|word| next_word_is(text, whole.end(), word));
                    match accepted
                        .then(|| self.fields(rule, pattern, &caps))
                        .flatten()
                    {
                        Some(fields) => {
                            found.push(Candidate {
                                start: whole.start(),
                                end: whole.end(),
                                rule: index,
                                fields,
                            });
                            at = whole.end();
                        }
                        None => at = next_char(text, whole.start()),
                    }
                    if at >= text.len() {
                        break;
                    }
                }
            }
        }
        found
    }

    /// Params of the rule overlaid with the values of the captures.
    fn fields(
        &self,
        rule: &Rule,
        pattern: &rules::Pattern,
        caps: &regex::Captures,
    ) -> Option<Fields> {
        let mut fields = rule.params.clone();
        for (name, class) in &pattern.groups {
            let Some(m) = caps.name(name) else { continue };
            let value = match self.lexicon.class(class) {
                Some(words) => words.value_of(m.as_str()).map(str::to_string),
                None => builtin::value(class, m.as_str(), &self.lexicon),
            }?;
            fields.insert(name.clone(), value);
        }
        Some(fields)
    }

    /// Extends a match over a modifier written just before it and records the modifier.
    fn attach_modifier(&self, text: &str, candidate: &mut Candidate, previous_end: usize) {
        let Some(modifier) = &self.modifier else {
            return;
        };
        let mut from = candidate
            .start
            .saturating_sub(MODIFIER_WINDOW)
            .max(previous_end);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let Some(before) = text.get(from..candidate.start) else {
            return;
        };
        let Some(caps) = modifier.captures(before) else {
            return;
        };
        let Some(m) = caps.name("mod") else { return };
        let Some(value) = self
            .lexicon
            .class("modifier")
            .and_then(|c| c.value_of(m.as_str()))
        else {
            return;
        };
        candidate.start = from + m.start();
        candidate.fields.insert("mod".into(), value.to_string());
    }
}

/// Longest matches first, then earliest, then earliest rule; returned in text order.
fn choose(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
            .then(a.rule.cmp(&b.rule))
    });
    let mut taken: BTreeMap<usize, Candidate> = BTreeMap::new();
    for candidate in candidates {
        let clash_before = taken
            .range(..candidate.end)
            .next_back()
            .is_some_and(|(_, c)| c.end > candidate.start);
        if !clash_before {
            taken.insert(candidate.start, candidate);
        }
    }
    taken.into_values().collect()
}

/// True when the match neither starts nor ends inside a word, a number or a compound.
fn at_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = char_before(text, start);
    let after = text.get(end..).and_then(|s| s.chars().next());
    // `two-year-old`: the expression is part of a compound word.
    let compound = after == Some('-')
        && text
            .get(end + 1..)
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_alphabetic);
    let money_or_share = before == Some('$') || after == Some('%');
    let decimal = before.is_some_and(|c| c == '.' || c == ',')
        && text
            .get(..start.saturating_sub(1))
            .and_then(|s| s.chars().next_back())
            .is_some_and(|c| c.is_ascii_digit());
    !glued(before) && !glued(after) && !compound && !money_or_share && !decimal
}

/// The character ending just before `at`.
fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|s| s.chars().next_back())
}

/// True when the word after `end` is `word` (case ignored).
fn next_word_is(text: &str, end: usize, word: &str) -> bool {
    let rest = text.get(end..).unwrap_or_default().trim_start();
    let next = rest
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    next.eq_ignore_ascii_case(word)
}

/// True when a possessive `'s` follows `end`.
fn possessive(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or_default();
    rest.starts_with("'s") || rest.starts_with("\u{2019}s")
}

fn next_char(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .map_or(text.len(), |c| at + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn english() -> &'static Matcher {
        static MATCHER: OnceLock<Matcher> = OnceLock::new();
        MATCHER.get_or_init(|| {
            Matcher::new(
                include_str!("../rules/en/lexicon.txt"),
                include_str!("../rules/en/rules.txt"),
                include_str!("../rules/en/tense.txt"),
            )
            .unwrap()
        })
    }

    /// The plain definition of the candidates: each pattern searched over the whole text.
    fn scan_every_pattern(matcher: &Matcher, text: &str) -> Vec<Candidate> {
        let mut found = Vec::new();
        for (index, rule) in matcher.rules.iter().enumerate() {
            for pattern in &rule.patterns {
                let mut at = 0;
                while let Some(whole) = pattern.regex.find_at(text, at) {
                    let accepted = whole.end() > whole.start()
                        && at_boundaries(text, whole.start(), whole.end())
                        && (!rule.cased || whole.as_str().starts_with(char::is_uppercase))
                        && (!rule.no_possessive || !possessive(text, whole.end()))
                        && !rule
                            .params
                            .get("not_before")
                            .is_some_and(|word| next_word_is(text, whole.end(), word));
                    let fields = accepted
                        .then(|| pattern.regex.captures_at(text, whole.start()))
                        .flatten()
                        .and_then(|caps| matcher.fields(rule, pattern, &caps));
                    match fields {
                        Some(fields) => {
                            found.push(Candidate {
                                start: whole.start(),
                                end: whole.end(),
                                rule: index,
                                fields,
                            });
                            at = whole.end();
                        }
                        None => at = next_char(text, whole.start()),
                    }
                    if at >= text.len() {
                        break;
                    }
                }
            }
        }
        found
    }

    #[test]
    fn candidates_are_those_of_a_scan_per_pattern() {
        let text = "On Friday, May 5, 2021 the mayor of Mayfield said 52 years old men \
                    met 3 days ago; in the 1990s and '98, $2021 and 2021% and 3.2020 aside. \
                    Today's news: two-year-old plans, twice a week, at 5:30 p.m. EST \
                    \u{dc}nter 2019 Sunday\u{212a} the next day.";
        let found = english().candidates(text);
        assert!(found.len() > 10, "{found:?}");
        assert_eq!(found, scan_every_pattern(english(), text));
    }

    #[test]
    fn rules_that_look_around_are_still_found() {
        let matcher = Matcher::new(
            "[month]\n5: may\n",
            "DATE date\n  | \\b{month}\\b\n  | (?-i:Q)\\d\n",
            include_str!("../rules/en/tense.txt"),
        )
        .unwrap();
        for text in ["May \u{e9} may", "\u{dc} May", "mayor may", "Q3 and May"] {
            let found = matcher.candidates(text);
            assert!(!found.is_empty(), "{text}");
            assert_eq!(found, scan_every_pattern(&matcher, text), "{text}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_text_gives_the_candidates_of_a_scan_per_pattern(
            words in proptest::collection::vec(
                "May|mayor|June|Friday|friday|today's|ago|next|week|years|old|the|day|[0-9]{1,4}|'[0-9]{2}|[0-9]{3}0s|\\$|%|\\.|,|-|:|[ \n]{1,3}|p\\.m\\.|\\PC{1,3}",
                0..40,
            )
        ) {
            let text = words.concat();
            prop_assert_eq!(english().candidates(&text), scan_every_pattern(english(), &text));
        }
    }
}
