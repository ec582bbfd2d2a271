//! HTTP responses as stored in WARC `response` records: status, headers, de-chunked and
//! decompressed body.

use flate2::read::{MultiGzDecoder, ZlibDecoder};
use std::io::Read;
use thiserror::Error;

/// Why a stored HTTP response could not be read.
#[derive(Debug, Error, PartialEq)]
pub(crate) enum HttpError {
    /// No blank line ends the headers.
    #[error("HTTP headers are not terminated by a blank line")]
    UnterminatedHead,
    /// The first line is not `HTTP/x.y CODE ...`.
    #[error("bad HTTP status line {0:?}")]
    StatusLine(String),
    /// A chunk of a chunked body is cut short.
    #[error("chunked body is truncated")]
    TruncatedChunk,
    /// A chunk size is not hexadecimal.
    #[error("bad chunk size {0:?}")]
    ChunkSize(String),
    /// Compressed body does not decompress.
    #[error("compressed body is corrupt ({0})")]
    Corrupt(String),
    /// Decompressed body over the size limit.
    #[error("decompressed body is larger than the {0}-byte limit")]
    TooLarge(u64),
}

/// A parsed HTTP response.
#[derive(Debug)]
pub(crate) struct Response {
    /// Status code.
    pub status: u16,
    /// `Content-Type` header value (empty when absent).
    pub content_type: String,
    /// Decoded body.
    pub body: Vec<u8>,
}

impl Response {
    /// True for HTML payloads.
    pub(crate) fn is_html(&self) -> bool {
        let ct = self.content_type.to_ascii_lowercase();
        ct.starts_with("text/html") || ct.starts_with("application/xhtml")
    }

    /// The `charset` parameter of the content type.
    pub(crate) fn charset(&self) -> Option<String> {
        self.content_type.split(';').skip(1).find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case("charset")
                .then(|| v.trim().trim_matches('"').to_string())
        })
    }
}

/// Parses a raw HTTP response; `limit` caps the decompressed body size.
pub(crate) fn parse(block: &[u8], limit: u64) -> Result<Response, HttpError> {
    let (head_end, body_start) = blank_line(block).ok_or(HttpError::UnterminatedHead)?;
    let head = String::from_utf8_lossy(block.get(..head_end).unwrap_or_default()).into_owned();
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .filter(|_| status_line.starts_with("HTTP/"))
        .ok_or_else(|| HttpError::StatusLine(status_line.to_string()))?;
    let mut content_type = String::new();
    let (mut chunked, mut encoding) = (false, String::new());
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = value.to_string(),
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => encoding = value.to_ascii_lowercase(),
            _ => {}
        }
    }
    let mut body = block.get(body_start..).unwrap_or_default().to_vec();
    if chunked {
        body = dechunk(&body)?;
    }
    body = match encoding.as_str() {
        "gzip" | "x-gzip" => inflate(MultiGzDecoder::new(body.as_slice()), limit)?,
        "deflate" => inflate(ZlibDecoder::new(body.as_slice()), limit)?,
        _ => body,
    };
    Ok(Response {
        status,
        content_type,
        body,
    })
}

/// End of a header block (the first blank line, `\r\n\r\n` or `\n\n`) and start of what follows.
pub(crate) fn blank_line(data: &[u8]) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = data
        .get(from..)?
        .iter()
        .position(|&b| b == b'\n')
        .map(|i| i + from)
    {
        let next = data.get(i + 1..).unwrap_or_default();
        if next.starts_with(b"\n") {
            return Some((
                if i > 0 && data.get(i - 1) == Some(&b'\r') {
                    i - 1
                } else {
                    i
                },
                i + 2,
            ));
        }
        if next.starts_with(b"\r\n") {
            return Some((
                if i > 0 && data.get(i - 1) == Some(&b'\r') {
                    i - 1
                } else {
                    i
                },
                i + 3,
            ));
        }
        from = i + 1;
    }
    None
}

/// Decodes `Transfer-Encoding: chunked`.
fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, HttpError> {
    let mut out = Vec::new();
    loop {
        let line_end = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or(HttpError::TruncatedChunk)?;
        let size_text =
            String::from_utf8_lossy(data.get(..line_end).unwrap_or_default()).into_owned();
        let size_hex = size_text.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_hex, 16)
            .map_err(|_| HttpError::ChunkSize(size_hex.to_string()))?;
        let start = line_end + 2;
        if size == 0 {
            return Ok(out);
        }
        let chunk = data
            .get(start..start.saturating_add(size))
            .ok_or(HttpError::TruncatedChunk)?;
        out.extend_from_slice(chunk);
        data = data.get(start + size..).unwrap_or_default();
        data = data.strip_prefix(b"\r\n").unwrap_or(data);
    }
}

/// Reads a decompressor to the end, failing past `limit` bytes.
fn inflate(reader: impl Read, limit: u64) -> Result<Vec<u8>, HttpError> {
    let mut out = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| HttpError::Corrupt(e.to_string()))?;
    if out.len() as u64 > limit {
        return Err(HttpError::TooLarge(limit));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;

    #[test]
    fn plain_response() {
        let r = parse(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"ISO-8859-1\"\r\n\r\n<p>hi</p>",
            1000,
        )
        .unwrap();
        assert_eq!(
            (r.status, r.is_html(), r.charset().as_deref()),
            (200, true, Some("ISO-8859-1"))
        );
        assert_eq!(r.body, b"<p>hi</p>");
    }

    #[test]
    fn chunked_and_gzipped() {
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(b"<p>hello</p>").unwrap();
        let packed = gz.finish().unwrap();
        let (a, b) = packed.split_at(5);
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        for part in [a, b] {
            block.extend(format!("{:x}\r\n", part.len()).as_bytes());
            block.extend(part);
            block.extend(b"\r\n");
        }
        block.extend(b"0\r\n\r\n");
        assert_eq!(parse(&block, 1000).unwrap().body, b"<p>hello</p>");
        assert_eq!(parse(&block, 3).unwrap_err(), HttpError::TooLarge(3));
    }

    #[test]
    fn blank_lines() {
        assert_eq!(blank_line(b"a\r\nb\r\n\r\nbody"), Some((4, 8)));
        assert_eq!(blank_line(b"a\nb\n\nbody"), Some((3, 5)));
        assert_eq!(blank_line(b"a\r\nb\n\r\nbody"), Some((4, 7)));
        assert_eq!(blank_line(b"a\r\nb\r\n"), None);
    }

    #[test]
    fn broken_responses() {
        assert!(parse(b"garbage without end", 10).is_err());
        assert!(parse(b"NOTHTTP 200\r\n\r\n", 10).is_err());
        assert!(parse(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            10
        )
        .is_err());
    }
}
