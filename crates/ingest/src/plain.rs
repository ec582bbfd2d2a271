//! Plain-text articles and their header styles:
//! 1. a first line `date YYYY-MM-DD` followed by a social handle or by the start of the body;
//! 2. a three-line header: title, date (`YYYYMMDD`), URL (the URL line is optional);
//! 3. no header.

use crate::dates::parse_date;
use crate::draft::Draft;
use crate::{outlet, paragraphs};
use regex::Regex;
use std::sync::LazyLock;
use storyline_model::{Article, DateSource, InputFormat, Rejection};

/// Longest line accepted as a header title.
const MAX_TITLE_LEN: usize = 300;

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*date:?\s+(\d{4}-\d{2}-\d{2}|\d{8})(?:\s+(.*))?$").expect("valid regex")
});

/// Reads one plain-text article.
pub(crate) fn read(source: &str, text: &str, warnings: Vec<String>) -> Result<Article, Rejection> {
    let mut draft = Draft::new(source, InputFormat::Text);
    draft.warnings = warnings;
    let lines: Vec<&str> = text.lines().skip_while(|l| l.trim().is_empty()).collect();
    let body = if let Some(rest) = date_line(&mut draft, &lines) {
        rest
    } else if let Some(rest) = title_header(&mut draft, &lines) {
        rest
    } else {
        lines.join("\n")
    };
    draft.paragraphs = paragraphs::split(&body);
    draft.finish()
}

/// Style 1: `date 2021-03-04 …`; returns the body (the rest of the first line starts it).
fn date_line(draft: &mut Draft, lines: &[&str]) -> Option<String> {
    let (first, rest) = lines.split_first()?;
    let c = DATE_LINE.captures(first)?;
    let date = c.get(1)?.as_str();
    parse_date(date)?;
    draft.labelled_date_candidate(
        DateSource::Header,
        date,
        first[..c.get(1)?.end()].trim().to_string(),
    );
    let inline = c.get(2).map_or("", |m| m.as_str());
    Some(
        std::iter::once(inline)
            .chain(rest.iter().copied())
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// Style 2: title, date line, optional URL line; returns the body.
fn title_header(draft: &mut Draft, lines: &[&str]) -> Option<String> {
    let [title, date, rest @ ..] = lines else {
        return None;
    };
    let (title, date) = (title.trim(), date.trim());
    if title.is_empty()
        || title.len() > MAX_TITLE_LEN
        || date.len() > 40
        || parse_date(date).is_none()
    {
        return None;
    }
    draft.title = Some(title.to_string());
    draft.date_candidate(DateSource::Header, date);
    let body = match rest.split_first() {
        Some((url, body)) if outlet::is_url(url.trim()) => {
            draft.url = Some(url.trim().to_string());
            body
        }
        _ => rest,
    };
    Some(body.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn date_line_with_handle() {
        let a = read(
            "a.txt",
            " date 2021-05-06 (@harbourwatch)\n\nThe ferry ran late.\n",
            vec![],
        )
        .unwrap();
        assert_eq!(a.text, "The ferry ran late.");
        assert_eq!(a.published.value, date(2021, 5, 6));
        assert_eq!(a.published.chosen_from, Some(DateSource::Header));
        assert_eq!(a.title, None);
        assert_eq!(a.boilerplate.len(), 1);
    }

    #[test]
    fn date_line_with_inline_body() {
        let a = read(
            "a.txt",
            " date 2021-05-06 The ferry ran late on Monday.\n\nPassengers waited.",
            vec![],
        )
        .unwrap();
        assert_eq!(
            a.text,
            "The ferry ran late on Monday.\n\nPassengers waited."
        );
        assert_eq!(a.published.value, date(2021, 5, 6));
    }

    #[test]
    fn three_line_header() {
        let text = "Ferry runs late again\n20210506\nhttps://www.harbour-times.example/news/99/ferry\nThe ferry ran late.\nPassengers waited.";
        let a = read("b.txt", text, vec![]).unwrap();
        assert_eq!(a.title.as_deref(), Some("Ferry runs late again"));
        assert_eq!(
            a.url.as_deref(),
            Some("https://www.harbour-times.example/news/99/ferry")
        );
        assert_eq!(a.outlet.as_deref(), Some("harbour-times.example"));
        assert_eq!(a.text, "The ferry ran late.\n\nPassengers waited.");
        assert_eq!(a.published.value, date(2021, 5, 6));
    }

    #[test]
    fn no_header() {
        let a = read(
            "c.txt",
            "1 hour ago\n\nThe ferry ran late.\nIt was the third delay this week.",
            vec![],
        )
        .unwrap();
        assert_eq!((a.title, a.published.value), (None, None));
        assert_eq!(
            a.text,
            "The ferry ran late.\n\nIt was the third delay this week."
        );
        assert!(!a.published.notes.is_empty());
    }
}
