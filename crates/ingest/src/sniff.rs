//! Input format detection from content signatures, then the file extension.

/// A readable input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// Plain text article.
    Text,
    /// JSON Lines records.
    Jsonl,
    /// RSS or Atom.
    Feed,
    /// HTML page.
    Html,
    /// WARC archive.
    Warc,
}

/// Bytes of the start of the input examined for signatures.
const HEAD: usize = 2048;

/// Detects the format: clear content signatures win, then the extension of `name`, then text.
pub(crate) fn sniff(name: &str, bytes: &[u8]) -> Format {
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let head = body
        .get(start..(start + HEAD).min(body.len()))
        .unwrap_or_default()
        .to_ascii_lowercase();
    if head.starts_with(b"warc/") {
        return Format::Warc;
    }
    if head.starts_with(b"<") {
        let has = |tag: &[u8]| head.windows(tag.len()).any(|w| w == tag);
        if !has(b"<html") && (has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf")) {
            return Format::Feed;
        }
        if has(b"<html")
            || has(b"<!doctype html")
            || has(b"<body")
            || has(b"<head")
            || has(b"<p")
            || has(b"<div")
        {
            return Format::Html;
        }
    }
    let array_of_objects = head
        .strip_prefix(b"[")
        .is_some_and(|r| r.trim_ascii_start().starts_with(b"{"));
    if (head.starts_with(b"{") || array_of_objects) && !name.to_ascii_lowercase().ends_with(".txt")
    {
        return Format::Jsonl;
    }
    from_extension(name).unwrap_or(Format::Text)
}

/// The format a file extension names.
fn from_extension(name: &str) -> Option<Format> {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e)?;
    Some(match ext {
        "jsonl" | "ndjson" | "json" => Format::Jsonl,
        "html" | "htm" | "xhtml" => Format::Html,
        "rss" | "atom" | "xml" => Format::Feed,
        "warc" => Format::Warc,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_then_extension() {
        assert_eq!(sniff("x.txt", b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(
            sniff("x", b"\xef\xbb\xbf <?xml version='1.0'?><rss>"),
            Format::Feed
        );
        assert_eq!(sniff("x.xml", b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff("<stdin>", b"{\"text\": \"a\"}\n"), Format::Jsonl);
        assert_eq!(sniff("a.jsonl", b"not json"), Format::Jsonl);
        assert_eq!(sniff("<stdin>", b"[ {\"text\": 1}]"), Format::Jsonl);
        assert_eq!(sniff("a.txt", b"{curly} start of a story"), Format::Text);
        assert_eq!(sniff("a.rss", b"garbage"), Format::Feed);
        assert_eq!(sniff("a.txt", b" date 2020-01-01"), Format::Text);
        assert_eq!(sniff("noext", b"Just words."), Format::Text);
    }
}
