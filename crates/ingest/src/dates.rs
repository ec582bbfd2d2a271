//! Date parsing for every place a publication date can be written, and the choice among candidates.

use chrono::{DateTime, Datelike, NaiveDate};
use regex::Regex;
use std::sync::LazyLock;
use storyline_model::{DateCandidate, DateEvidence, DateSource};

/// Earliest and latest years accepted as publication years (guards against ids that look like dates).
const YEARS: std::ops::RangeInclusive<i32> = 1980..=2100;

/// Month number (1–12) from an English month name or abbreviation (`Jan`, `Sept.`, `JANUARY`).
pub(crate) fn month_from_name(name: &str) -> Option<u32> {
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    let key = lower.get(..3)?;
    let month = match key {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    // Accept only the abbreviation, `sept`, or the full name.
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let full = FULL.get(month as usize - 1)?;
    (lower.len() == 3 || lower == "sept" || lower == *full).then_some(month)
}

/// A calendar date inside the accepted year range.
fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !YEARS.contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

static ISO_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])").expect("valid regex")
});
static COMPACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})(\d{2})(\d{2})$").expect("valid regex"));
static WORDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[A-Za-z]+,?\s+)?(?:(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9}\.?)|([A-Za-z]{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?),?[\s-]+(\d{4})\b",
    )
    .expect("valid regex")
});

/// Parses a publication date written as RFC 3339, RFC 2822, `YYYY-MM-DD` (optionally with a time),
/// `YYYYMMDD`, `YYYY/MM/DD`, `19 January 2022`, `January 19, 2022` or `26-FEB-1987 15:01`.
/// A timestamp with an offset keeps the publisher's local date.
pub(crate) fn parse_date(raw: &str) -> Option<NaiveDate> {
    let s = raw.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return ymd(dt.year(), dt.month(), dt.day());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return ymd(dt.year(), dt.month(), dt.day());
    }
    let num = |c: &regex::Captures, i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    if let Some(c) = ISO_PREFIX.captures(s).or_else(|| COMPACT.captures(s)) {
        let year = i32::try_from(num(&c, 1)?).ok()?;
        return ymd(year, num(&c, 2)?, num(&c, 3)?);
    }
    let c = WORDY.captures(s)?;
    let (day, month) = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
        (Some(d), Some(m), _, _) | (_, _, Some(m), Some(d)) => (d.as_str(), m.as_str()),
        _ => return None,
    };
    let year = i32::try_from(num(&c, 5)?).ok()?;
    ymd(year, month_from_name(month)?, day.parse().ok()?)
}

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])((\d{4})([-/_]?)(\d{2})([-/_]?)(\d{2}))(?:[^0-9]|$)")
        .expect("valid regex")
});

/// Date candidates written in a URL path (`/2022/01/19/`, `2022-01-19`, `20220119`).
pub(crate) fn url_dates(url: &str) -> Vec<DateCandidate> {
    let path = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
    let mut out: Vec<DateCandidate> = Vec::new();
    for c in URL_DATE.captures_iter(path) {
        let (Some(all), Some(y), Some(s1), Some(m), Some(s2), Some(d)) =
            (c.get(1), c.get(2), c.get(3), c.get(4), c.get(5), c.get(6))
        else {
            continue;
        };
        if s1.as_str() != s2.as_str() {
            continue;
        }
        let parsed = (|| {
            ymd(
                y.as_str().parse().ok()?,
                m.as_str().parse().ok()?,
                d.as_str().parse().ok()?,
            )
        })();
        if let Some(value) = parsed {
            if !out.iter().any(|o| o.value == value) {
                out.push(DateCandidate {
                    value,
                    source: DateSource::Url,
                    raw: all.as_str().to_string(),
                });
            }
        }
    }
    out
}

/// Completes a month and day without a year using the year that puts it closest to the other
/// evidence; `None` when there is no other evidence.
pub(crate) fn complete_year(month: u32, day: u32, others: &[NaiveDate]) -> Option<NaiveDate> {
    let mut best: Option<(i64, NaiveDate)> = None;
    for other in others {
        for year in [other.year() - 1, other.year(), other.year() + 1] {
            let Some(date) = ymd(year, month, day) else {
                continue;
            };
            let distance = (date - *other).num_days().abs();
            if best.map_or(true, |(d, _)| distance < d) {
                best = Some((distance, date));
            }
        }
    }
    best.map(|(_, date)| date)
}

/// Human name of a date source, for notes.
fn source_name(source: DateSource) -> &'static str {
    match source {
        DateSource::Dateline => "dateline",
        DateSource::Meta => "page metadata",
        DateSource::Feed => "feed item date",
        DateSource::Record => "record field",
        DateSource::Header => "header",
        DateSource::Url => "URL",
    }
}

/// Chooses the publication date: the most trusted source wins (dateline, metadata, feed, record,
/// header, URL); disagreement between candidates is flagged and explained in the notes.
pub(crate) fn choose(mut candidates: Vec<DateCandidate>, mut notes: Vec<String>) -> DateEvidence {
    let mut seen: Vec<(DateSource, NaiveDate)> = Vec::new();
    candidates.retain(|c| {
        let key = (c.source, c.value);
        let fresh = !seen.contains(&key);
        seen.push(key);
        fresh
    });
    candidates.sort_by_key(|c| c.source);
    let Some(first) = candidates.first() else {
        return DateEvidence {
            notes,
            ..DateEvidence::default()
        };
    };
    let (value, chosen_from) = (first.value, first.source);
    let others: Vec<&DateCandidate> = candidates.iter().filter(|c| c.value != value).collect();
    for other in &others {
        notes.push(format!(
            "{} date {} preferred over {} date {} (\"{}\")",
            source_name(chosen_from),
            value,
            source_name(other.source),
            other.value,
            other.raw
        ));
    }
    DateEvidence {
        value: Some(value),
        chosen_from: Some(chosen_from),
        conflict: !others.is_empty(),
        candidates,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_record_formats() {
        assert_eq!(parse_date("2021-03-04T23:30:00-05:00"), Some(d(2021, 3, 4)));
        assert_eq!(
            parse_date("Thu, 04 Mar 2021 10:00:00 +0000"),
            Some(d(2021, 3, 4))
        );
        assert_eq!(parse_date("2021-03-04"), Some(d(2021, 3, 4)));
        assert_eq!(parse_date("2021-03-04 08:15"), Some(d(2021, 3, 4)));
        assert_eq!(parse_date("20210304"), Some(d(2021, 3, 4)));
        assert_eq!(parse_date("4th March, 2021"), Some(d(2021, 3, 4)));
        assert_eq!(parse_date("March 4, 2021"), Some(d(2021, 3, 4)));
        assert_eq!(parse_date("04-MAR-2021 15:01:01.79"), Some(d(2021, 3, 4)));
        assert_eq!(parse_date("2021-02-30"), None);
        assert_eq!(parse_date("12345678"), None);
        assert_eq!(parse_date("soon"), None);
        assert_eq!(parse_date("Mayday 4, 2021"), None);
    }

    #[test]
    fn month_names() {
        assert_eq!(month_from_name("Sept."), Some(9));
        assert_eq!(month_from_name("DECEMBER"), Some(12));
        assert_eq!(month_from_name("Decimal"), None);
        assert_eq!(month_from_name("Ma"), None);
    }

    #[test]
    fn url_dates_in_paths_only() {
        let found = url_dates("https://news.example.org/2020/11/05/story-20201106.html");
        let values: Vec<NaiveDate> = found.iter().map(|c| c.value).collect();
        assert_eq!(values, vec![d(2020, 11, 5), d(2020, 11, 6)]);
        assert!(url_dates("https://20201105.example.org/item/272201345/x").is_empty());
        assert!(url_dates("https://example.org/2020-11/05").is_empty());
    }

    #[test]
    fn year_completion_picks_nearest() {
        assert_eq!(
            complete_year(12, 30, &[d(2021, 1, 2)]),
            Some(d(2020, 12, 30))
        );
        assert_eq!(
            complete_year(1, 19, &[d(2021, 1, 18)]),
            Some(d(2021, 1, 19))
        );
        assert_eq!(complete_year(1, 19, &[]), None);
    }

    #[test]
    fn choice_prefers_dateline_and_reports_conflict() {
        let header = DateCandidate {
            value: d(2021, 1, 18),
            source: DateSource::Header,
            raw: "20210118".into(),
        };
        let dateline = DateCandidate {
            value: d(2021, 1, 19),
            source: DateSource::Dateline,
            raw: "Jan 19".into(),
        };
        let ev = choose(vec![header.clone(), dateline, header], vec![]);
        assert_eq!(ev.value, Some(d(2021, 1, 19)));
        assert_eq!(ev.chosen_from, Some(DateSource::Dateline));
        assert!(ev.conflict);
        assert_eq!(ev.candidates.len(), 2);
        assert_eq!(ev.notes.len(), 1);
        let none = choose(vec![], vec!["n".into()]);
        assert_eq!(
            (none.value, none.conflict, none.notes.len()),
            (None, false, 1)
        );
    }
}
