//! Event dates: TIMEX3 values as date intervals, and choosing the date an article
//! reports its happening for (not the date it was published).

use crate::features::term_of;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::BTreeSet;
use storyline_model::{AnalyzedArticle, DateVote, Span, Timex, TimexType};
use storyline_text::tokenize;

/// The days a TIMEX3 date value covers, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

impl Interval {
    /// Length in days.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// True when the two intervals share a day.
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// Middle day.
    pub fn mid(&self) -> NaiveDate {
        self.start + Duration::days((self.end - self.start).num_days() / 2)
    }
}

/// Parses a fully specified TIMEX3 date value (`2022-01-21`, `2022-01-21T15:30`, `2022-W08`,
/// `2022-01`, `2022-Q1`, `2022`) into the days it covers; `None` for underspecified values,
/// seasons, references (`PRESENT_REF`) and durations.
pub fn interval(value: &str) -> Option<Interval> {
    let date_part = value.split('T').next().unwrap_or(value);
    let parts: Vec<&str> = date_part.split('-').collect();
    let year: i32 = parts.first().filter(|y| y.len() == 4)?.parse().ok()?;
    match parts.as_slice() {
        [_] => Some(Interval {
            start: NaiveDate::from_ymd_opt(year, 1, 1)?,
            end: NaiveDate::from_ymd_opt(year, 12, 31)?,
        }),
        [_, p] if p.starts_with('W') => {
            let week: u32 = p[1..].parse().ok()?;
            let start = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?;
            Some(Interval {
                start,
                end: start + Duration::days(6),
            })
        }
        [_, p] if p.starts_with('Q') => {
            let q: u32 = p[1..].parse().ok()?;
            let start = NaiveDate::from_ymd_opt(year, 3 * q.checked_sub(1)? + 1, 1)?;
            Some(Interval {
                start,
                end: month_end(year, 3 * q)?,
            })
        }
        [_, m] => {
            let month: u32 = m.parse().ok()?;
            Some(Interval {
                start: NaiveDate::from_ymd_opt(year, month, 1)?,
                end: month_end(year, month)?,
            })
        }
        [_, m, d] => {
            let day = NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)?;
            Some(Interval {
                start: day,
                end: day,
            })
        }
        _ => None,
    }
}

fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    next.pred_opt()
}

/// True when two TIMEX3 values can denote the same happening: their intervals overlap.
pub fn compatible(a: &str, b: &str) -> bool {
    gap_days(a, b) == Some(0)
}

/// Days between two values' intervals (0 when they overlap); `None` when either is not a date.
pub fn gap_days(a: &str, b: &str) -> Option<i64> {
    let (x, y) = (interval(a)?, interval(b)?);
    Some(if x.overlaps(&y) {
        0
    } else {
        (x.start - y.end)
            .num_days()
            .max((y.start - x.end).num_days())
    })
}

/// Words that mark a time expression as the time of reporting, not of the happening (`said on Friday`).
const REPORTING: &[&str] = &[
    "said",
    "says",
    "told",
    "announced",
    "stated",
    "reported",
    "confirmed",
    "added",
    "noted",
    "tweeted",
    "wrote",
];

/// The date an article gives for the happening it reports, with the votes behind it.
///
/// Each specific date expression votes with a weight that grows when its sentence is the lead
/// (the dateline's sentence when there is a dateline, since sentences may be shuffled; else the
/// first) and with the share of the headline's content words its sentence repeats (the sentence
/// reports the main happening). Expressions that date the reporting (`said on Friday`), lie
/// inside the dateline, or fall far from the publication date weigh little. Compatible values
/// (a day inside a week) support each other.
pub fn article_event_date(a: &AnalyzedArticle) -> Option<(String, Vec<DateVote>)> {
    let text = &a.article.text;
    let dateline = a.article.dateline.as_ref().map(|d| d.span);
    let lead = lead_sentence(a, dateline);
    let focus = focus_terms(a, lead);
    let published = a.article.published.value;
    let mut votes: Vec<(String, f64, DateVote)> = Vec::new();
    for t in &a.timexes {
        if !matches!(t.kind, TimexType::Date | TimexType::Time) {
            continue;
        }
        let Some(iv) = interval(&t.value) else {
            continue;
        };
        if iv.days() > 92 || dateline.is_some_and(|d| d.overlaps(&t.span)) {
            continue;
        }
        let sentence = a
            .sentences
            .iter()
            .find(|s| s.start <= t.span.start && t.span.end <= s.end)
            .copied();
        let in_lead = lead.is_some_and(|l| sentence == Some(l));
        let overlap = sentence
            .map(|s| overlap(&focus, s.slice(text)))
            .unwrap_or(0.0);
        let mut w = 1.0 + if in_lead { 2.0 } else { 0.0 } + 3.0 * overlap;
        if is_reporting_time(text, t.span) {
            w *= 0.1;
        }
        if let Some(p) = published {
            if (iv.mid() - p).num_days().abs() > 45 {
                w *= 0.2;
            }
        }
        if iv.days() > 31 {
            w *= 0.5;
        }
        votes.push(vote(a, t, w));
    }
    if let Some(title) = &a.article.title {
        for v in title_votes(title, a) {
            votes.push(v);
        }
    }
    best_value(&votes).map(|v| {
        let support: Vec<DateVote> = votes
            .iter()
            .filter(|(x, _, _)| compatible(x, &v))
            .map(|(_, _, d)| d.clone())
            .collect();
        (v, support)
    })
}

/// Content words of what the article is mainly about: its headline, or its lead without one.
fn focus_terms(a: &AnalyzedArticle, lead: Option<Span>) -> BTreeSet<String> {
    let source = match a.article.title.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(t) => t.to_string(),
        None => lead
            .map(|l| l.slice(&a.article.text).to_string())
            .unwrap_or_default(),
    };
    content_words(&source)
}

fn content_words(s: &str) -> BTreeSet<String> {
    tokenize(s)
        .iter()
        .filter_map(|sp| term_of(sp.slice(s)))
        .collect()
}

/// Share of the focus words that a sentence contains.
fn overlap(focus: &BTreeSet<String>, sentence: &str) -> f64 {
    if focus.is_empty() {
        return 0.0;
    }
    let words = content_words(sentence);
    focus.iter().filter(|w| words.contains(*w)).count() as f64 / focus.len() as f64
}

/// Headline expressions are tagged by analysis only in the body; the headline's own
/// expressions are found by matching their text against body expressions.
fn title_votes(title: &str, a: &AnalyzedArticle) -> Vec<(String, f64, DateVote)> {
    let lower = title.to_lowercase();
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for t in &a.timexes {
        let phrase = t.text.to_lowercase();
        if phrase.len() < 4 || seen.contains(&t.value.as_str()) || interval(&t.value).is_none() {
            continue;
        }
        if lower.contains(&phrase) {
            seen.push(&t.value);
            out.push(vote(a, t, 3.0));
        }
    }
    out
}

/// Picks the value with the most weight, counting half the weight of compatible other values.
/// Ties go to the finer value, then the earlier in sort order (deterministic).
fn best_value(votes: &[(String, f64, DateVote)]) -> Option<String> {
    let mut values: Vec<&str> = votes.iter().map(|(v, _, _)| v.as_str()).collect();
    values.sort_unstable();
    values.dedup();
    let mut best: Option<(f64, i64, &str)> = None;
    for v in values {
        let score: f64 = votes
            .iter()
            .map(|(x, w, _)| {
                if x == v {
                    *w
                } else if compatible(x, v) {
                    w * 0.5
                } else {
                    0.0
                }
            })
            .sum();
        let days = interval(v).map(|i| i.days()).unwrap_or(i64::MAX);
        let better = match best {
            None => true,
            Some((s, d, _)) => score > s + 1e-9 || ((score - s).abs() <= 1e-9 && days < d),
        };
        if better {
            best = Some((score, days, v));
        }
    }
    best.filter(|(s, _, _)| *s >= 0.9)
        .map(|(_, _, v)| v.to_string())
}

/// A weighted vote of one time expression, dated to the day.
fn vote(a: &AnalyzedArticle, t: &Timex, weight: f64) -> (String, f64, DateVote) {
    let value = date_part(&t.value);
    let v = DateVote {
        article: a.article.id.clone(),
        text: t.text.clone(),
        value: value.clone(),
    };
    (value, weight, v)
}

/// The date part of a value (`2024-05-17TEV` → `2024-05-17`): events are dated to the day.
fn date_part(value: &str) -> String {
    value.split('T').next().unwrap_or(value).to_string()
}

fn lead_sentence(a: &AnalyzedArticle, dateline: Option<Span>) -> Option<Span> {
    match dateline {
        Some(d) => a
            .sentences
            .iter()
            .find(|s| s.overlaps(&d) || (s.start <= d.end && d.end <= s.end))
            .copied(),
        None => a.sentences.first().copied(),
    }
}

fn is_reporting_time(text: &str, span: Span) -> bool {
    let before = text
        .get(span.start.saturating_sub(40)..span.start)
        .unwrap_or("");
    let last: Vec<String> = before
        .split_whitespace()
        .rev()
        .take(3)
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
        .collect();
    last.iter().any(|w| REPORTING.contains(&w.as_str()))
}

/// Picks an event's date from its articles' dates: the best-supported value, and the values
/// that disagree with it.
pub fn event_date(
    article_dates: &[(String, Vec<DateVote>)],
) -> (Option<String>, Vec<DateVote>, Vec<String>) {
    let votes: Vec<(String, f64, DateVote)> = article_dates
        .iter()
        .flat_map(|(v, support)| {
            support
                .first()
                .map(|d| (v.clone(), 1.0 + support.len() as f64 * 0.01, d.clone()))
        })
        .collect();
    let Some(best) = best_value(&votes) else {
        return (None, Vec::new(), Vec::new());
    };
    let evidence = article_dates
        .iter()
        .filter(|(v, _)| compatible(v, &best))
        .flat_map(|(_, s)| s.iter().cloned())
        .collect();
    let mut disputed: Vec<String> = article_dates
        .iter()
        .filter(|(v, _)| !compatible(v, &best))
        .map(|(v, _)| v.clone())
        .collect();
    disputed.sort();
    disputed.dedup();
    (Some(best), evidence, disputed)
}

/// The year-week label of a date (`2022-W08`), for display.
pub fn week_of(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_of_values() {
        assert_eq!(
            interval("2022-W08").map(|i| (i.start.to_string(), i.days())),
            Some(("2022-02-21".into(), 7))
        );
        assert_eq!(interval("2022-01").map(|i| i.days()), Some(31));
        assert_eq!(interval("2024-02").map(|i| i.days()), Some(29));
        assert_eq!(
            interval("2022-Q4").map(|i| i.end.to_string()),
            Some("2022-12-31".into())
        );
        assert_eq!(interval("2022-01-21T15:30").map(|i| i.days()), Some(1));
        assert_eq!(interval("XXXX-XX-XX"), None);
        assert_eq!(interval("PRESENT_REF"), None);
    }

    #[test]
    fn compatibility_is_overlap() {
        assert!(compatible("2022-W08", "2022-02-24"));
        assert!(!compatible("2022-W08", "2022-02-20"));
        assert!(!compatible("2022-01-21", "2022-01-20"));
        assert_eq!(gap_days("2022-01-21", "2022-01-19"), Some(2));
        assert_eq!(gap_days("2022-W08", "2022-02-28"), Some(1));
        assert_eq!(gap_days("2022-W08", "XXXX-XX-XX"), None);
    }

    #[test]
    fn event_date_prefers_support_and_reports_dispute() {
        let vote = |v: &str| {
            (
                v.to_string(),
                vec![DateVote {
                    article: v.into(),
                    text: v.into(),
                    value: v.into(),
                }],
            )
        };
        let (d, ev, disputed) =
            event_date(&[vote("2022-01-21"), vote("2022-01-21"), vote("2022-01-20")]);
        assert_eq!(d.as_deref(), Some("2022-01-21"));
        assert_eq!(ev.len(), 2);
        assert_eq!(disputed, vec!["2022-01-20".to_string()]);
    }
}
