//! The server-rendered web UI: plain HTML with an embedded style sheet, no scripts.
//!
//! Every piece of stored text passes through [`esc`] before it reaches a page.

mod article;
mod pages;
mod timeline;

pub(crate) use article::article;
pub(crate) use pages::{entity, event, index, not_found, story};

use crate::error::Failure;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use std::fmt::Write;

/// Escapes text for HTML element content and quoted attribute values.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The escaped serialised name of a unit enum value (`near`, `dateline`), as the API writes it.
pub(crate) fn label<T: serde::Serialize>(value: &T) -> String {
    let name = serde_json::to_value(value).ok();
    esc(name.as_ref().and_then(|v| v.as_str()).unwrap_or("?"))
}

/// Escapes an id for a URL path segment: ids are hex, anything else is percent-encoded.
pub(crate) fn seg(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A link to an external URL when it is `http` or `https`; the escaped text otherwise.
pub(crate) fn external_link(url: &str) -> String {
    let trimmed = url.trim();
    let lower = trimmed.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        format!(
            r#"<a href="{0}" rel="noopener noreferrer nofollow">{0}</a>"#,
            esc(trimmed)
        )
    } else {
        esc(trimmed)
    }
}

/// A page: title and body HTML (already escaped where needed).
pub(crate) struct Page {
    /// Plain-text title (escaped when rendered).
    pub(crate) title: String,
    /// Body HTML.
    pub(crate) body: String,
}

/// Renders a full HTML document around `page`.
fn document(page: &Page) -> String {
    format!(
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · storyline</title>
<link rel="stylesheet" href="/assets/style.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><nav aria-label="Site"><a href="/">storyline</a> <a href="/api/openapi.json">API</a></nav></header>
<main id="main">
<h1>{title}</h1>
{body}
</main>
</body>
</html>
"##,
        title = esc(&page.title),
        body = page.body
    )
}

/// An HTML handler's result.
pub(crate) struct PageResult(pub(crate) Result<Page, Failure>);

impl IntoResponse for PageResult {
    fn into_response(self) -> Response {
        match self.0 {
            Ok(page) => Html(document(&page)).into_response(),
            Err(f) => error_page(f),
        }
    }
}

/// The HTML page of a failed request.
pub(crate) fn error_page(f: Failure) -> Response {
    let title = match f.status {
        StatusCode::NOT_FOUND => "Not found",
        StatusCode::BAD_REQUEST => "Bad request",
        _ => "Error",
    };
    let page = Page {
        title: title.into(),
        body: format!(
            r#"<p>{}</p><p><a href="/">Back to the stories</a></p>"#,
            esc(&f.message)
        ),
    };
    (f.status, Html(document(&page))).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc(r#"<a href="x" onclick='y'>&</a>"#),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
    }

    #[test]
    fn links_only_web_urls() {
        assert!(external_link("https://a.example/x?y=1&z=2")
            .starts_with("<a href=\"https://a.example/x?y=1&amp;z=2\""));
        assert_eq!(external_link("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(external_link(" JAVASCRIPT:x\"<"), "JAVASCRIPT:x&quot;&lt;");
        assert_eq!(external_link("data:text/html,hi"), "data:text/html,hi");
    }

    #[test]
    fn path_segments_are_percent_encoded() {
        assert_eq!(seg("ab12"), "ab12");
        assert_eq!(seg("Jo Ann/é?"), "Jo%20Ann%2F%C3%A9%3F");
    }
}
