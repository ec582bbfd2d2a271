//! HTML pages: metadata plus main-text extraction.

mod main_text;
mod meta;

use crate::draft::Draft;
use regex::bytes::Regex;
use scraper::Html;
use std::sync::LazyLock;
use storyline_model::{Article, Boilerplate, DateSource, InputFormat, Rejection};

/// Bytes searched for a `<meta charset>` declaration.
const CHARSET_WINDOW: usize = 4096;

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:\-]+)"#).expect("valid regex")
});

/// The charset a page declares in its first bytes (`<meta charset>` or `http-equiv`).
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..CHARSET_WINDOW).unwrap_or(bytes);
    let c = META_CHARSET.captures(head)?;
    Some(String::from_utf8_lossy(c.get(1)?.as_bytes()).into_owned())
}

/// Reads one page. `url` is where it was fetched from (WARC target), used when the page names no
/// canonical URL.
pub(crate) fn read(
    source: &str,
    url: Option<&str>,
    html: &str,
    format: InputFormat,
    warnings: Vec<String>,
) -> Result<Article, Rejection> {
    let doc = Html::parse_document(html);
    let meta = meta::read(&doc);
    let main_text::Extracted {
        mut paragraphs,
        boilerplate,
    } = main_text::extract(&doc);
    if paragraphs.is_empty() {
        return Err(Rejection {
            source: source.to_string(),
            reason: "HTML page has no main text (no <article>, <main> or block of <p> paragraphs); it may be an index, a login wall or a script-only page".into(),
        });
    }
    if paragraphs.first() == meta.title.as_ref() {
        paragraphs.remove(0);
    }
    let mut draft = Draft::new(source, format);
    draft.warnings = warnings;
    draft.title = meta
        .title
        .map(|t| strip_site_name(t, meta.site_name.as_deref()));
    draft.url = meta.url.or(url.map(String::from));
    draft.outlet = meta.site_name;
    for (origin, raw) in &meta.dates {
        draft.labelled_date_candidate(DateSource::Meta, raw, format!("{origin}: {raw}"));
    }
    draft.paragraphs = paragraphs;
    draft.boilerplate = boilerplate;
    draft.finish()
}

/// Drops a trailing ` | Site Name` (or ` - `, ` – `, ` — `) from a page title.
fn strip_site_name(title: String, site: Option<&str>) -> String {
    let Some(site) = site.filter(|s| !s.is_empty()) else {
        return title;
    };
    let Some(head) = title.strip_suffix(site) else {
        return title;
    };
    let head = head.trim_end();
    match head.strip_suffix(['|', '-', '–', '—', ':', '·']) {
        Some(rest) if !rest.trim().is_empty() => rest.trim_end().to_string(),
        _ => title,
    }
}

/// Paragraphs and skipped chrome of an HTML fragment (feed item content).
pub(crate) fn fragment(html: &str) -> (Vec<String>, Vec<Boilerplate>) {
    let found = main_text::fragment(&Html::parse_fragment(html));
    (found.paragraphs, found.boilerplate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_to_article() {
        let html = r#"<html><head><meta charset="utf-8"><title>Dam opens - Valley Gazette</title>
            <meta name="pubdate" content="2020-06-01"></head><body><header><p>Valley Gazette</p></header>
            <main><h1>Dam opens</h1><p>VALLEYTOWN, June 1 (Gazette Wire) - The new dam opened on Monday after six years.</p>
            <p>(Photo by Ana Ruiz) Engineers said the reservoir would fill by autumn this year.</p></main></body></html>"#;
        let a = read(
            "p.html",
            Some("https://www.valley-gazette.example/2020/05/31/dam"),
            html,
            InputFormat::Html,
            vec![],
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("Dam opens"));
        assert!(a
            .text
            .starts_with("VALLEYTOWN, June 1 (Gazette Wire) - The new dam"));
        assert!(a
            .text
            .ends_with("\n\nEngineers said the reservoir would fill by autumn this year."));
        assert_eq!(a.outlet.as_deref(), Some("valley-gazette.example"));
        assert_eq!(
            a.published.value,
            chrono::NaiveDate::from_ymd_opt(2020, 6, 1)
        );
        assert_eq!(a.published.chosen_from, Some(DateSource::Dateline));
        assert!(a.published.conflict, "URL says May 31");
        assert!(a
            .published
            .candidates
            .iter()
            .any(|c| c.raw == "meta pubdate: 2020-06-01"));
        assert_eq!(declared_charset(html.as_bytes()).as_deref(), Some("utf-8"));
    }

    #[test]
    fn site_name_is_stripped_from_titles() {
        let strip = |t: &str, s: Option<&str>| strip_site_name(t.to_string(), s);
        assert_eq!(
            strip("Dam opens | Valley Gazette", Some("Valley Gazette")),
            "Dam opens"
        );
        assert_eq!(
            strip("Dam opens - Valley Gazette", Some("Valley Gazette")),
            "Dam opens"
        );
        assert_eq!(
            strip("Valley Gazette", Some("Valley Gazette")),
            "Valley Gazette"
        );
        assert_eq!(
            strip("Visit Valley Gazette", Some("Valley Gazette")),
            "Visit Valley Gazette"
        );
        assert_eq!(
            strip("Dam opens | Valley Gazette", None),
            "Dam opens | Valley Gazette"
        );
    }

    #[test]
    fn page_without_text_is_rejected() {
        let r = read(
            "p.html",
            None,
            "<html><body><nav>Home</nav></body></html>",
            InputFormat::Html,
            vec![],
        )
        .unwrap_err();
        assert!(r.reason.contains("no main text"));
    }
}
