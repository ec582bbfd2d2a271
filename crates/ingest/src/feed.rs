//! RSS 2.0 and Atom feeds (via `feed-rs`): one article per item.

use crate::draft::Draft;
use crate::{html, outlet, paragraphs};
use feed_rs::model::{Entry, Feed, Text};
use storyline_model::{Article, DateSource, InputFormat, Rejection};

/// Reads every item of a feed; a feed that does not parse is one rejection.
pub(crate) fn read(
    source: &str,
    bytes: &[u8],
    warnings: &[String],
) -> Vec<Result<Article, Rejection>> {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(feed) => feed,
        Err(e) => {
            return vec![Err(Rejection {
                source: source.to_string(),
                reason: format!(
                    "malformed RSS/Atom feed ({e}); check that the file is a complete feed"
                ),
            })]
        }
    };
    if feed.entries.is_empty() {
        return vec![Err(Rejection {
            source: source.to_string(),
            reason: "feed has no items".into(),
        })];
    }
    let feed_outlet = feed_outlet(&feed);
    feed.entries
        .iter()
        .enumerate()
        .map(|(i, entry)| item(source, i + 1, entry, feed_outlet.as_deref(), warnings))
        .collect()
}

/// The outlet a feed names: its title, else its site's host.
fn feed_outlet(feed: &Feed) -> Option<String> {
    feed.title
        .as_ref()
        .map(plain)
        .filter(|t| !t.is_empty())
        .or_else(|| feed.links.iter().find_map(|l| outlet::from_url(&l.href)))
}

/// One item as an article.
fn item(
    source: &str,
    number: usize,
    entry: &Entry,
    feed_outlet: Option<&str>,
    warnings: &[String],
) -> Result<Article, Rejection> {
    let id = Some(entry.id.trim())
        .filter(|id| !id.is_empty())
        .map(String::from);
    let item_source = format!(
        "{source}#{}",
        id.clone().unwrap_or_else(|| format!("item-{number}"))
    );
    let body = entry
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()));
    let Some(body) = body.filter(|b| !b.trim().is_empty()) else {
        return Err(Rejection {
            source: item_source,
            reason: "feed item has no content or summary text".into(),
        });
    };
    let mut draft = Draft::new(&item_source, InputFormat::Feed);
    draft.warnings = warnings.to_vec();
    draft.source_id = id;
    draft.title = entry.title.as_ref().map(plain).filter(|t| !t.is_empty());
    draft.url = entry
        .links
        .iter()
        .map(|l| l.href.trim().to_string())
        .find(|h| outlet::is_url(h));
    draft.outlet = feed_outlet.map(String::from);
    if let Some(date) = entry.published.or(entry.updated) {
        draft.date_candidate(DateSource::Feed, &date.to_rfc3339());
    }
    if body.contains('<') {
        (draft.paragraphs, draft.boilerplate) = html::fragment(&body);
    } else {
        draft.paragraphs = paragraphs::split(&body);
    }
    draft.finish()
}

/// A feed text field as plain text (markup dropped).
fn plain(text: &Text) -> String {
    let content = if text.content.contains('<') {
        html::fragment(&text.content).0.join(" ")
    } else {
        text.content.clone()
    };
    content.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Gazette</title>
        <link>https://www.valley-gazette.example/</link>
        <item><title>Dam opens</title><link>https://www.valley-gazette.example/dam</link><guid>dam-1</guid>
        <pubDate>Mon, 01 Jun 2020 09:00:00 +0000</pubDate>
        <description>&lt;p&gt;The new dam opened on Monday.&lt;/p&gt;&lt;p&gt;Engineers cheered.&lt;/p&gt;</description></item>
        <item><title>Empty</title><guid>e-2</guid></item></channel></rss>"#;

    #[test]
    fn rss_items_become_articles() {
        let out = read("f.rss", RSS.as_bytes(), &[]);
        assert_eq!(out.len(), 2);
        let a = out[0].as_ref().unwrap();
        assert_eq!(
            a.text,
            "The new dam opened on Monday.\n\nEngineers cheered."
        );
        assert_eq!(
            (a.source.as_str(), a.source_id.as_deref()),
            ("f.rss#dam-1", Some("dam-1"))
        );
        assert_eq!(a.outlet.as_deref(), Some("Valley Gazette"));
        assert_eq!(a.published.chosen_from, Some(DateSource::Feed));
        assert_eq!(
            a.published.value,
            chrono::NaiveDate::from_ymd_opt(2020, 6, 1)
        );
        assert!(out[1].as_ref().unwrap_err().reason.contains("no content"));
    }

    #[test]
    fn atom_with_host_outlet() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
            <link href="https://news.hill-post.example/"/><id>urn:hp</id><updated>2020-06-02T00:00:00Z</updated>
            <entry><id>urn:hp:1</id><title type="html">Snow &lt;b&gt;falls&lt;/b&gt;</title><updated>2020-06-02T10:00:00Z</updated>
            <summary>Snow fell on the pass overnight.</summary></entry></feed>"#;
        let out = read("f.atom", atom.as_bytes(), &[]);
        let a = out[0].as_ref().unwrap();
        assert_eq!(a.title.as_deref(), Some("Snow falls"));
        assert_eq!(a.outlet.as_deref(), Some("news.hill-post.example"));
        assert_eq!(a.text, "Snow fell on the pass overnight.");
    }

    #[test]
    fn malformed_feed_is_rejected() {
        let out = read("f.rss", b"<rss><channel><item><title>cut", &[]);
        assert_eq!(out.len(), 1);
        assert!(out[0].as_ref().unwrap_err().reason.contains("malformed"));
    }
}
