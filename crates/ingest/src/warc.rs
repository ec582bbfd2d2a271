//! WARC/1.x files: every `response` record with an HTML payload becomes an article; broken
//! records are rejected by number and reading resumes at the next record.

use crate::{decode, html, http, IngestOptions};
use storyline_model::{Article, InputFormat, Rejection};
use thiserror::Error;

/// Why a record could not be read.
#[derive(Debug, Error, PartialEq)]
enum RecordError {
    /// No `WARC/` version line where a record should start.
    #[error("does not start with a WARC/1.x version line; the file is damaged here")]
    NoVersionLine,
    /// The header fields never end.
    #[error("header is truncated (no blank line after the fields)")]
    TruncatedHeader,
    /// `Content-Length` is missing.
    #[error("has no Content-Length field")]
    NoLength,
    /// `Content-Length` is not a number.
    #[error("bad Content-Length {0:?}")]
    BadLength(String),
    /// The content is shorter than announced.
    #[error("is truncated: Content-Length says {announced} bytes but only {remaining} remain")]
    Truncated {
        /// Bytes announced.
        announced: usize,
        /// Bytes present.
        remaining: usize,
    },
}

/// Marker that starts every record.
const MAGIC: &[u8] = b"WARC/";

/// A record's header fields and content block.
struct Record<'a> {
    headers: Vec<(String, String)>,
    block: &'a [u8],
}

impl Record<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Reads all records of an (uncompressed) WARC file.
pub(crate) fn read(
    source: &str,
    data: &[u8],
    opts: &IngestOptions,
) -> Vec<Result<Article, Rejection>> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut number = 0;
    loop {
        while data.get(pos).is_some_and(u8::is_ascii_whitespace) {
            pos += 1;
        }
        if pos >= data.len() {
            break;
        }
        number += 1;
        let rejection = |reason: String| {
            Err(Rejection {
                source: format!("{source}#{number}"),
                reason: format!("WARC record {number}: {reason}"),
            })
        };
        match record_at(data, pos) {
            Ok((record, next)) => {
                pos = next;
                if let Some(result) = article(source, number, &record, opts) {
                    out.push(result);
                }
            }
            Err(reason) => {
                out.push(rejection(reason.to_string()));
                match find(data, pos + 1, MAGIC) {
                    Some(next) => pos = next,
                    None => break,
                }
            }
        }
    }
    if out.is_empty() {
        out.push(Err(Rejection {
            source: source.to_string(),
            reason: "WARC file holds no HTML response records; nothing to read".into(),
        }));
    }
    out
}

/// Parses the record starting at `pos`; returns it and where the next one starts.
fn record_at(data: &[u8], pos: usize) -> Result<(Record<'_>, usize), RecordError> {
    let rest = data.get(pos..).unwrap_or_default();
    if !rest.starts_with(MAGIC) {
        return Err(RecordError::NoVersionLine);
    }
    let (head_len, body_offset) = http::blank_line(rest).ok_or(RecordError::TruncatedHeader)?;
    let head = String::from_utf8_lossy(rest.get(..head_len).unwrap_or_default()).into_owned();
    let headers: Vec<(String, String)> = head
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let length_field = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
        .map(|(_, v)| v.as_str())
        .ok_or(RecordError::NoLength)?;
    let length: usize = length_field
        .parse()
        .map_err(|_| RecordError::BadLength(length_field.to_string()))?;
    let start = pos + body_offset;
    let block = data
        .get(start..start.saturating_add(length))
        .ok_or(RecordError::Truncated {
            announced: length,
            remaining: data.len().saturating_sub(start),
        })?;
    Ok((Record { headers, block }, start + length))
}

/// First index of `needle` in `data` at or after `from`.
fn find(data: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    data.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// The article of an HTML response record; `None` for records that are not pages.
fn article(
    source: &str,
    number: usize,
    record: &Record,
    opts: &IngestOptions,
) -> Option<Result<Article, Rejection>> {
    let is_response = record
        .header("WARC-Type")
        .is_some_and(|t| t.eq_ignore_ascii_case("response"));
    let is_http = record
        .header("Content-Type")
        .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/http"));
    if !is_response || !is_http {
        return None;
    }
    let at = format!("{source}#{number}");
    let reject = |reason: String| {
        Some(Err(Rejection {
            source: at.clone(),
            reason: format!("WARC record {number}: {reason}"),
        }))
    };
    let response = match http::parse(record.block, opts.max_bytes) {
        Ok(r) => r,
        Err(e) => return reject(e.to_string()),
    };
    if !response.is_html() || !(200..300).contains(&response.status) {
        return None;
    }
    let label = response
        .charset()
        .or_else(|| html::declared_charset(&response.body));
    let decoded = match decode::decode(&response.body, label.as_deref()) {
        Ok(d) => d,
        Err(e) => return reject(e.to_string()),
    };
    let url = record
        .header("WARC-Target-URI")
        .map(|u| u.trim_matches(['<', '>']));
    let mut result = html::read(&at, url, &decoded.text, InputFormat::Warc, decoded.warnings);
    if let Ok(a) = &mut result {
        a.source_id = record
            .header("WARC-Record-ID")
            .map(|id| id.trim_matches(['<', '>']).to_string());
    }
    Some(result)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A WARC record with `content` as its block.
    pub(crate) fn record(kind: &str, content_type: &str, uri: &str, content: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            content.len()
        )
        .into_bytes();
        out.extend_from_slice(content);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    /// An HTTP response holding an HTML page with one paragraph.
    pub(crate) fn page(paragraph: &str) -> Vec<u8> {
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><article><p>{paragraph}</p></article></body></html>").into_bytes()
    }

    #[test]
    fn responses_become_articles_and_broken_records_are_numbered() {
        let mut data = record(
            "warcinfo",
            "application/warc-fields",
            "x",
            b"software: test\r\n",
        );
        data.extend(record(
            "request",
            "application/http; msgtype=request",
            "https://a.example/1",
            b"GET / HTTP/1.1\r\n\r\n",
        ));
        data.extend(record(
            "response",
            "application/http; msgtype=response",
            "https://www.a-news.example/2020/06/01/dam",
            &page("The dam opened."),
        ));
        data.extend(
            b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: nine\r\n\r\nxxxxxxxxx\r\n\r\n",
        );
        data.extend(record(
            "response",
            "application/http; msgtype=response",
            "https://a.example/2",
            &page("Snow fell."),
        ));
        data.extend(b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 500\r\n\r\nshort");
        let out = read("w.warc", &data, &IngestOptions::default());
        assert_eq!(out.len(), 4, "{out:?}");
        let a = out[0].as_ref().unwrap();
        assert_eq!(
            (a.source.as_str(), a.text.as_str()),
            ("w.warc#3", "The dam opened.")
        );
        assert_eq!(
            a.url.as_deref(),
            Some("https://www.a-news.example/2020/06/01/dam")
        );
        assert_eq!(
            a.source_id.as_deref(),
            Some("urn:uuid:https://www.a-news.example/2020/06/01/dam")
        );
        assert_eq!(a.format, InputFormat::Warc);
        let bad = out[1].as_ref().unwrap_err();
        assert_eq!(bad.source, "w.warc#4");
        assert!(bad.reason.contains("Content-Length"));
        assert_eq!(out[2].as_ref().unwrap().text, "Snow fell.");
        assert!(out[3].as_ref().unwrap_err().reason.contains("truncated"));
    }

    #[test]
    fn warc_without_pages_is_rejected() {
        let out = read(
            "w.warc",
            &record("warcinfo", "application/warc-fields", "x", b"a: b\r\n"),
            &IngestOptions::default(),
        );
        assert!(out[0]
            .as_ref()
            .unwrap_err()
            .reason
            .contains("no HTML response"));
    }
}
