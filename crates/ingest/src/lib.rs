//! Ingest: turns input bytes (plain text, JSONL, RSS/Atom, HTML, WARC, gzip of any of them) into
//! [`Article`]s with date evidence, dateline and boilerplate accounted for, or into
//! [`Rejection`]s that tell the user what is wrong. Never panics on input.
//!
//! Sources: a plain-text or HTML file is `path`; a JSONL record is `path#id` (or `path:LINE`
//! without an id), a feed item `path#guid`, a WARC response `path#RECORD_NUMBER`. Rejections of
//! JSONL lines name `path:LINE`, of WARC records `path#RECORD_NUMBER`.

mod clean;
mod dateline;
mod dates;
mod decode;
mod discover;
mod draft;
mod feed;
mod html;
mod http;
mod jsonl;
mod outlet;
mod paragraphs;
mod plain;
mod sniff;
mod warc;

use flate2::read::MultiGzDecoder;
use sniff::Format;
use std::io::Read;
use std::path::PathBuf;
use storyline_model::{Article, InputFormat, Rejection};

/// Default input size limit: 20 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;
/// The two bytes that start gzip data.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Options for reading inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestOptions {
    /// Largest input accepted, in bytes (also the limit for decompressed data).
    pub max_bytes: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// One input unit found on disk (a file), in deterministic (sorted) order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// The path as given or as found under a given folder.
    pub path: PathBuf,
}

impl Input {
    /// The `Article::source` / `Rejection::source` text for this input.
    pub fn source(&self) -> String {
        self.path.to_string_lossy().into_owned()
    }
}

/// Walks files and folders recursively (sorted, symlink-loop safe, hidden files skipped), returns the
/// inputs and rejections for what cannot be walked (unreadable folder, loop, missing path).
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<Rejection>) {
    discover::discover(paths)
}

/// Reads one input: sniffs the format (extension + content) and returns one result per article/record.
pub fn read_input(input: &Input, opts: &IngestOptions) -> Vec<Result<Article, Rejection>> {
    let source = input.source();
    let reject = |reason: String| {
        vec![Err(Rejection {
            source: source.clone(),
            reason,
        })]
    };
    match std::fs::metadata(&input.path) {
        Err(e) => {
            return reject(format!(
                "cannot read the file ({e}); check the path and its permissions"
            ))
        }
        Ok(m) if !m.is_file() => return reject("not a regular file".into()),
        Ok(m) if m.len() > opts.max_bytes => return reject(oversize(m.len(), opts)),
        Ok(_) => {}
    }
    match std::fs::read(&input.path) {
        Ok(bytes) => read_bytes(&source, &bytes, opts),
        Err(e) => reject(format!("cannot read the file ({e}); check its permissions")),
    }
}

/// Same from bytes already in memory (stdin: source `"<stdin>"`; tests).
pub fn read_bytes(
    source: &str,
    bytes: &[u8],
    opts: &IngestOptions,
) -> Vec<Result<Article, Rejection>> {
    read_named(source, source, bytes, opts)
}

/// Reads bytes whose format is sniffed from content and `name`'s extension.
fn read_named(
    source: &str,
    name: &str,
    bytes: &[u8],
    opts: &IngestOptions,
) -> Vec<Result<Article, Rejection>> {
    let reject = |reason: String| {
        vec![Err(Rejection {
            source: source.to_string(),
            reason,
        })]
    };
    if bytes.len() as u64 > opts.max_bytes {
        return reject(oversize(bytes.len() as u64, opts));
    }
    if bytes.starts_with(&GZIP_MAGIC) {
        return read_gzip(source, name, bytes, opts);
    }
    match sniff::sniff(name, bytes) {
        Format::Warc => warc::read(source, bytes, opts),
        Format::Feed => with_text(source, bytes, None, |d| {
            feed::read(source, bytes, &d.warnings)
        }),
        Format::Jsonl => with_text(source, bytes, None, |d| {
            jsonl::read(source, &d.text, &d.warnings)
        }),
        Format::Html => with_text(source, bytes, html::declared_charset(bytes), |d| {
            vec![html::read(
                source,
                None,
                &d.text,
                InputFormat::Html,
                d.warnings,
            )]
        }),
        Format::Text => with_text(source, bytes, None, |d| {
            vec![plain::read(source, &d.text, d.warnings)]
        }),
    }
}

/// Decodes the bytes as text (with `label` as the declared charset) and hands them to `read`; input
/// that is not text is rejected.
fn with_text(
    source: &str,
    bytes: &[u8],
    label: Option<String>,
    read: impl FnOnce(decode::Decoded) -> Vec<Result<Article, Rejection>>,
) -> Vec<Result<Article, Rejection>> {
    match decode::decode(bytes, label.as_deref()) {
        Ok(decoded) => read(decoded),
        Err(e) => vec![Err(Rejection {
            source: source.to_string(),
            reason: e.to_string(),
        })],
    }
}

/// Decompresses gzip input (one or more members) and reads what it holds. A damaged WARC keeps the
/// records before the damage; any other damaged input is rejected.
fn read_gzip(
    source: &str,
    name: &str,
    bytes: &[u8],
    opts: &IngestOptions,
) -> Vec<Result<Article, Rejection>> {
    let inner_name = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".GZ"))
        .unwrap_or(name);
    let mut data = Vec::new();
    let result = MultiGzDecoder::new(bytes)
        .take(opts.max_bytes.saturating_add(1))
        .read_to_end(&mut data);
    let reject = |reason: String| {
        Err(Rejection {
            source: source.to_string(),
            reason,
        })
    };
    if data.len() as u64 > opts.max_bytes {
        return vec![reject(format!(
            "decompressed data is over the limit of {} bytes; split the archive or raise the limit",
            opts.max_bytes
        ))];
    }
    let Err(e) = result else {
        return read_named(source, inner_name, &data, opts);
    };
    let damage = format!(
        "gzip data is corrupt or truncated after {} decompressed bytes ({e})",
        data.len()
    );
    if sniff::sniff(inner_name, &data) == Format::Warc {
        let mut out = warc::read(source, &data, opts);
        out.push(reject(format!("{damage}; the records before it were read")));
        out
    } else {
        vec![reject(format!(
            "{damage}; re-download or re-compress the file"
        ))]
    }
}

/// The reason given for inputs over the size limit.
fn oversize(len: u64, opts: &IngestOptions) -> String {
    format!(
        "input is {len} bytes, over the limit of {} bytes; split it or raise the size limit",
        opts.max_bytes
    )
}
