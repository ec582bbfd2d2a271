//! Page metadata: title, canonical URL, outlet and publication-date candidates.

use scraper::{Html, Selector};
use serde_json::Value;
use std::sync::LazyLock;

/// `<meta name=…>` names that carry the publication date.
const DATE_META_NAMES: [&str; 16] = [
    "article:published_time",
    "og:published_time",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "dcterms.issued",
    "parsely-pub-date",
    "sailthru.date",
    "citation_publication_date",
    "datepublished",
];
/// How deep JSON-LD is searched.
const MAX_JSON_DEPTH: usize = 8;

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("valid selector")
}

static META: LazyLock<Selector> = LazyLock::new(|| sel("meta"));
static H1: LazyLock<Selector> = LazyLock::new(|| sel("h1"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| sel("title"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| sel(r#"link[rel="canonical"]"#));
static JSON_LD: LazyLock<Selector> = LazyLock::new(|| sel(r#"script[type="application/ld+json"]"#));
static TIME: LazyLock<Selector> = LazyLock::new(|| sel("time[datetime]"));

/// Metadata read from a page.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct PageMeta {
    /// `og:title`, else the first `<h1>`, else `<title>`.
    pub title: Option<String>,
    /// `<link rel=canonical>`, else `og:url`.
    pub url: Option<String>,
    /// `og:site_name`.
    pub site_name: Option<String>,
    /// Raw date strings with where they came from (`meta article:published_time`).
    pub dates: Vec<(String, String)>,
}

/// Reads the metadata of a parsed page.
pub(crate) fn read(doc: &Html) -> PageMeta {
    let mut meta = PageMeta::default();
    let mut og_title = None;
    let mut og_url = None;
    for m in doc.select(&META) {
        let e = m.value();
        let Some(content) = e.attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
            continue;
        };
        let key = e
            .attr("property")
            .or(e.attr("name"))
            .or(e.attr("itemprop"))
            .unwrap_or_default()
            .to_ascii_lowercase();
        match key.as_str() {
            "og:title" => og_title = og_title.or(Some(content.to_string())),
            "og:url" => og_url = og_url.or(Some(content.to_string())),
            "og:site_name" => meta.site_name = meta.site_name.or(Some(content.to_string())),
            k if DATE_META_NAMES.contains(&k) => {
                meta.dates.push((format!("meta {k}"), content.to_string()))
            }
            _ => {}
        }
    }
    for script in doc.select(&JSON_LD) {
        if let Ok(value) = serde_json::from_str::<Value>(&script.text().collect::<String>()) {
            json_ld_dates(&value, 0, &mut meta.dates);
        }
    }
    if meta.dates.is_empty() {
        if let Some(t) = doc
            .select(&TIME)
            .next()
            .and_then(|t| t.value().attr("datetime"))
        {
            meta.dates
                .push(("time datetime".to_string(), t.trim().to_string()));
        }
    }
    let text_of = |s: &Selector| {
        doc.select(s)
            .map(|e| squash(&e.text().collect::<String>()))
            .find(|t| !t.is_empty())
    };
    meta.title = og_title
        .map(|t| squash(&t))
        .or_else(|| text_of(&H1))
        .or_else(|| text_of(&TITLE));
    let canonical = doc
        .select(&CANONICAL)
        .find_map(|l| l.value().attr("href"))
        .map(str::trim)
        .map(String::from);
    meta.url = canonical.or(og_url).filter(|u| !u.is_empty());
    meta
}

/// Collects `datePublished` values from JSON-LD (objects, arrays and `@graph`).
fn json_ld_dates(value: &Value, depth: usize, out: &mut Vec<(String, String)>) {
    if depth > MAX_JSON_DEPTH {
        return;
    }
    match value {
        Value::Object(map) => {
            if let Some(Value::String(date)) = map.get("datePublished") {
                out.push(("JSON-LD datePublished".to_string(), date.trim().to_string()));
            }
            map.values().for_each(|v| json_ld_dates(v, depth + 1, out));
        }
        Value::Array(items) => items.iter().for_each(|v| json_ld_dates(v, depth + 1, out)),
        _ => {}
    }
}

/// Collapses whitespace runs and trims.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_open_graph_json_ld_and_canonical() {
        let html = r#"<html><head><title>Dam opens | Valley Gazette</title>
            <meta property="og:title" content="Dam  opens">
            <meta property="og:site_name" content="Valley Gazette">
            <meta property="article:published_time" content="2020-06-01T09:00:00+02:00">
            <link rel="canonical" href="https://valley-gazette.example/dam">
            <script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": "2020-06-01"}]}</script>
            </head><body><h1>Other</h1><time datetime="2019-01-01">old</time></body></html>"#;
        let m = read(&Html::parse_document(html));
        assert_eq!(m.title.as_deref(), Some("Dam opens"));
        assert_eq!(m.site_name.as_deref(), Some("Valley Gazette"));
        assert_eq!(m.url.as_deref(), Some("https://valley-gazette.example/dam"));
        assert_eq!(m.dates.len(), 2);
        assert_eq!(m.dates[1].0, "JSON-LD datePublished");
    }

    #[test]
    fn falls_back_to_h1_title_and_time() {
        let html = r#"<html><head><title>Site</title><meta property="og:url" content="https://x.example/a"></head>
            <body><h1> Dam <b>opens</b></h1><time datetime="2020-06-01">June 1</time></body></html>"#;
        let m = read(&Html::parse_document(html));
        assert_eq!(m.title.as_deref(), Some("Dam opens"));
        assert_eq!(m.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(
            m.dates,
            vec![("time datetime".to_string(), "2020-06-01".to_string())]
        );
    }
}
