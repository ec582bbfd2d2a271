//! Datelines: the publisher's own place/agency/date stamp at the start of a paragraph or sentence
//! (`PARIS (Agency - 20th January, 2022)`, `Lyon, March 3 AGY:`, `OSLO, Feb 3 (Agency) -`,
//! `LONDON (Agency) —`). Recognised by shape anywhere in the text, since sentences may be shuffled.

use crate::dates::month_from_name;
use regex::{Captures, Regex};
use std::sync::LazyLock;
use storyline_model::Span;

const PLACE: &str = r"[\p{Lu}][\p{L}.'’/\-]*(?:\s[\p{Lu}][\p{L}.'’\-]*){0,3}(?:,\s?[\p{Lu}][\p{L}.'’\-]*(?:\s[\p{Lu}][\p{L}.'’\-]*){0,2})?";
const AGENCY: &str = r"[\p{Lu}][\p{L}\p{N}.&'’\-]*(?:\s[\p{Lu}\p{N}][\p{L}\p{N}.&'’\-]*){0,3}";
const MONTH: &str = r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
const DAY: &str = r"\d{1,2}(?:st|nd|rd|th)?";
const SEP: &str = r"[-–—:]+";

/// Place, then agencies in parentheses with an optional date: `PARIS (A / B - 20th January, 2022)`.
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    // Lazy, so that `(Agency, May 5)` leaves the date to the date group.
    let agencies = format!(r"{AGENCY}(?:\s*[/,&]\s*{AGENCY})*?");
    Regex::new(&format!(r"^(?P<place>{PLACE})\s*\((?P<agencies>{agencies})(?:\s*[-–—,]\s*(?P<date>{}))?\)(?P<sep>\s*{SEP})?", date()))
        .expect("valid regex")
});

/// Place, date, optional agency, separator: `Lyon, March 3 AGY:`, `OSLO, Feb 3 (Agency) -`,
/// `RENO, Nev. March 4, Agency -`.
static DATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<place>{PLACE})\s*(?P<comma>,)?\s*(?P<date>{}),?(?:\s*\((?P<agencies>{AGENCY}(?:\s*[/,&]\s*{AGENCY})*)\)|,?\s+(?P<bare>\p{{Lu}}{{2,6}}|\p{{Lu}}\p{{Ll}}{{2,20}}))?(?P<sep>\s*{SEP})",
        date()
    ))
    .expect("valid regex")
});

/// The date shapes of a dateline.
fn date() -> String {
    format!(
        r"{DAY}\s+{MONTH},?(?:\s+\d{{4}})?|{MONTH}\s+{DAY}(?:,?\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}"
    )
}

/// Where sentences end, so the next one may start with a dateline.
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"[.!?]["”’)]*\s+"#).expect("valid regex"));

static DATE_PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?(?:\s+(\d{4}))?|([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?|(\d{4})-(\d{2})-(\d{2}))$")
        .expect("valid regex")
});

/// A date as a dateline writes it, often without the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PartialDate {
    /// Year, when written.
    pub year: Option<i32>,
    /// Month (1–12).
    pub month: u32,
    /// Day of month.
    pub day: u32,
}

/// A dateline found in the text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    /// Span of the whole dateline in the text.
    pub span: Span,
    /// The place.
    pub place: String,
    /// Agencies named.
    pub agencies: Vec<String>,
    /// The date, when it has one.
    pub date: Option<PartialDate>,
}

/// Finds the dateline: the first one starting a paragraph, else the first starting a sentence.
pub(crate) fn find(text: &str) -> Option<Found> {
    let paragraph_starts = std::iter::once(0).chain(text.match_indices("\n\n").map(|(i, _)| i + 2));
    let sentence_starts = SENTENCE_END.find_iter(text).map(|m| m.end());
    paragraph_starts
        .chain(sentence_starts)
        .find_map(|start| at(text, start))
}

/// A dateline starting exactly at `start`.
fn at(text: &str, start: usize) -> Option<Found> {
    let rest = text.get(start..)?;
    if let Some(c) = BRACKETED.captures(rest) {
        let date = c.name("date").and_then(|m| parse_partial(m.as_str()));
        let place = c.name("place").map_or("", |m| m.as_str());
        let shouted = is_shouted(place);
        let separated = c.name("sep").is_some();
        // Without the capitals or separator of a dateline, `Name (Agency, May 5)` may be a citation.
        let accepted = match date {
            Some(d) => shouted || separated || d.year.is_some(),
            None => shouted && separated,
        };
        if accepted && is_place(place) {
            return Some(build(&c, start, date));
        }
    }
    let c = DATED.captures(rest)?;
    let date = parse_partial(c.name("date")?.as_str())?;
    let place = c.name("place")?.as_str();
    // Without a comma (`JOHANNESBURG March 13 -`) only a place in capitals is trusted.
    let accepted = c.name("comma").is_some() || is_shouted(place);
    (accepted && is_place(place)).then(|| build(&c, start, Some(date)))
}

/// Words that start sentences but never a place (`On Tuesday, May 3 - …`).
const NOT_PLACES: [&str; 33] = [
    "on",
    "in",
    "at",
    "the",
    "by",
    "for",
    "from",
    "since",
    "until",
    "after",
    "before",
    "meanwhile",
    "earlier",
    "later",
    "last",
    "next",
    "this",
    "that",
    "but",
    "and",
    "as",
    "when",
    "while",
    "then",
    "also",
    "according",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// True unless the place's first word is a function word or weekday written in lower case
/// (`THE HAGUE` is a place, `The council` is not).
fn is_place(place: &str) -> bool {
    let first = first_word(place);
    is_shouted(place) || !NOT_PLACES.contains(&first.to_lowercase().as_str())
}

/// The first word of a place.
fn first_word(place: &str) -> &str {
    place.split([' ', ',']).next().unwrap_or_default()
}

/// True when the place's first word is written in capitals, as datelines do.
fn is_shouted(place: &str) -> bool {
    !first_word(place).chars().any(char::is_lowercase)
}

/// Assembles a found dateline from a regex match.
fn build(c: &Captures, start: usize, date: Option<PartialDate>) -> Found {
    let whole = c.get(0).map_or("", |m| m.as_str());
    let end = start + whole.trim_end().len();
    let mut agencies: Vec<String> = c
        .name("agencies")
        .map(|m| {
            m.as_str()
                .split(['/', ',', '&'])
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    agencies.extend(c.name("bare").map(|m| m.as_str().to_string()));
    let place = c
        .name("place")
        .map_or("", |m| m.as_str())
        .trim()
        .to_string();
    Found {
        span: Span::new(start, end),
        place,
        agencies,
        date,
    }
}

/// Parses the date part of a dateline.
fn parse_partial(raw: &str) -> Option<PartialDate> {
    let c = DATE_PARTS.captures(raw.trim())?;
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let year = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i32>().ok());
    let (year, month, day) = if c.get(7).is_some() {
        (year(7), num(8)?, num(9)?)
    } else if let Some(m) = c.get(2) {
        (year(3), month_from_name(m.as_str())?, num(1)?)
    } else {
        (year(6), month_from_name(c.get(4)?.as_str())?, num(5)?)
    };
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(PartialDate {
        year,
        month,
        day,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Found {
        find(text).unwrap_or_else(|| panic!("no dateline in {text:?}"))
    }

    #[test]
    fn bracketed_with_agencies_and_date() {
        let text = "LISBON (Coastline Wire / Nordpress - 3rd March, 2021) The ferry strike ended.";
        let f = found(text);
        assert_eq!(
            f.span.slice(text),
            "LISBON (Coastline Wire / Nordpress - 3rd March, 2021)"
        );
        assert_eq!(f.place, "LISBON");
        assert_eq!(f.agencies, vec!["Coastline Wire", "Nordpress"]);
        assert_eq!(
            f.date,
            Some(PartialDate {
                year: Some(2021),
                month: 3,
                day: 3
            })
        );
    }

    #[test]
    fn dated_with_bare_or_bracketed_agency() {
        let text = "Ports reopened.\n\nLyon France, March 3 AGY: The mayor spoke.";
        let f = found(text);
        assert_eq!(f.span.slice(text), "Lyon France, March 3 AGY:");
        assert_eq!(
            (f.place.as_str(), f.agencies.clone()),
            ("Lyon France", vec!["AGY".to_string()])
        );
        assert_eq!(
            f.date,
            Some(PartialDate {
                year: None,
                month: 3,
                day: 3
            })
        );
        let g = found("OSLO, Feb. 3 (Fjord News) - Snow fell.");
        assert_eq!(
            (g.place.as_str(), g.agencies.as_slice()),
            ("OSLO", ["Fjord News".to_string()].as_slice())
        );
    }

    #[test]
    fn wire_variants() {
        for (text, place) in [
            ("JOHANNESBURG March 13 - Gold rose.", "JOHANNESBURG"),
            ("RENO, Nev. March 4, Wire - Gold rose.", "RENO, Nev."),
            (
                "DALLAS/FORT WORTH, Texas, March 3 - Gold rose.",
                "DALLAS/FORT WORTH, Texas",
            ),
            ("NEW YORK , March 5, - Gold rose.", "NEW YORK"),
        ] {
            assert_eq!(found(text).place, place, "{text}");
        }
        assert_eq!(
            found("RENO, Nev. March 4, Wire - Gold rose.").agencies,
            vec!["Wire"]
        );
    }

    #[test]
    fn undated_needs_capitals_and_separator() {
        let f = found("LONDON (AGY) — Rain is due.");
        assert_eq!((f.place.as_str(), f.date), ("LONDON", None));
        assert_eq!(found("KASSEL, Hesse (AGY) - Rain.").place, "KASSEL, Hesse");
        assert!(find("The Harbour Board (HB) said rain is due.").is_none());
        assert!(find("London (AGY) rain is due.").is_none());
    }

    #[test]
    fn found_mid_text_at_sentence_start_only() {
        let text = "Trade grew. BERLIN, 4 May (Spree Wire) - Talks resumed.";
        assert_eq!(found(text).span.slice(text), "BERLIN, 4 May (Spree Wire) -");
        assert!(find("He was in BERLIN, 4 May - talks").is_none());
    }

    #[test]
    fn sentence_openers_and_citations_are_not_datelines() {
        assert!(find("On Tuesday, May 3 - the vote was held.").is_none());
        assert_eq!(found("THE HAGUE, May 3 - Talks.").place, "THE HAGUE");
        assert!(find("Sales March 3 - rose.").is_none());
        assert!(find("Anna Berg (Fjord News, May 5) said so.").is_none());
        assert!(find("ANNA BERG (Fjord News, May 5) said so.").is_some());
    }

    #[test]
    fn paragraph_start_wins_over_sentence_start() {
        let text = "It rained. ROME, May 2 - One.\n\nPARIS, May 1 - Two.";
        assert_eq!(found(text).place, "PARIS");
    }
}
