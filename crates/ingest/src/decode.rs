//! Bytes to text: encoding, binary detection and lossy recovery of invalid UTF-8.

use encoding_rs::{Encoding, UTF_8};
use thiserror::Error;

/// Share of control bytes above which input is treated as binary.
const MAX_CONTROL_SHARE: f64 = 0.02;
/// Share of invalid UTF-8 bytes above which input is treated as garbage rather than damaged text.
const MAX_INVALID_SHARE: f64 = 0.10;
/// Bytes inspected for NULs (as git does to tell binary from text).
const NUL_WINDOW: usize = 8192;

/// Text decoded from bytes, with warnings about what had to be repaired.
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The text.
    pub text: String,
    /// Repairs made (lossy decoding).
    pub warnings: Vec<String>,
}

/// Why bytes could not be read as text.
#[derive(Debug, Error, PartialEq)]
pub(crate) enum DecodeError {
    /// Nothing but whitespace.
    #[error("the input is empty (no text at all); remove it or check that the export worked")]
    Empty,
    /// NUL or control bytes: an image, archive or other binary file.
    #[error("binary data ({0}), not text; only plain text, JSONL, RSS/Atom, HTML and WARC inputs are read")]
    Binary(String),
    /// Mostly invalid UTF-8.
    #[error("not readable as text: {invalid} of {total} bytes are invalid UTF-8; convert the file to UTF-8")]
    Garbage {
        /// Invalid bytes.
        invalid: usize,
        /// All bytes.
        total: usize,
    },
}

/// Decodes bytes as text. A byte-order mark wins, then `label` (an HTTP or HTML charset), then
/// UTF-8; invalid UTF-8 is replaced by U+FFFD with a warning when the input is mostly text.
pub(crate) fn decode(bytes: &[u8], label: Option<&str>) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return Ok(with_encoding(
            encoding,
            bytes.get(bom..).unwrap_or_default(),
        ));
    }
    check_binary(bytes)?;
    if let Some(encoding) = label.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
        if encoding != UTF_8 {
            return Ok(with_encoding(encoding, bytes));
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_string(),
            warnings: Vec::new(),
        }),
        Err(_) => lossy_utf8(bytes),
    }
}

/// Decodes with a known encoding, warning when some bytes were not valid in it.
fn with_encoding(encoding: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let warnings = if had_errors {
        vec![format!(
            "some bytes are not valid {}; they were replaced with U+FFFD",
            encoding.name()
        )]
    } else {
        Vec::new()
    };
    Decoded {
        text: text.into_owned(),
        warnings,
    }
}

/// Rejects NULs near the start and inputs with many control bytes.
fn check_binary(bytes: &[u8]) -> Result<(), DecodeError> {
    let window = bytes.get(..NUL_WINDOW).unwrap_or(bytes);
    if let Some(at) = window.iter().position(|&b| b == 0) {
        return Err(DecodeError::Binary(format!("NUL byte at offset {at}")));
    }
    let control = bytes
        .iter()
        .filter(|&&b| (b < 0x20 && !b"\t\n\r\x0c".contains(&b)) || b == 0x7f)
        .count();
    if control as f64 > MAX_CONTROL_SHARE * bytes.len() as f64 {
        return Err(DecodeError::Binary(format!(
            "{control} control bytes in {}",
            bytes.len()
        )));
    }
    Ok(())
}

/// Replaces invalid UTF-8 sequences, or rejects input that is mostly invalid.
fn lossy_utf8(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let invalid: usize = bytes.utf8_chunks().map(|c| c.invalid().len()).sum();
    if invalid as f64 > MAX_INVALID_SHARE * bytes.len() as f64 {
        return Err(DecodeError::Garbage {
            invalid,
            total: bytes.len(),
        });
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    let warning = format!(
        "{invalid} bytes of invalid UTF-8 replaced with U+FFFD; if the file is Latin-1 or Windows-1252, convert it to UTF-8"
    );
    Ok(Decoded {
        text,
        warnings: vec![warning],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_utf8_passes() {
        let d = decode("Grüße aus Kleinstadt".as_bytes(), None).unwrap();
        assert_eq!(d.text, "Grüße aus Kleinstadt");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn empty_and_binary_are_rejected() {
        assert_eq!(decode(b"  \n\t ", None).unwrap_err(), DecodeError::Empty);
        assert!(matches!(
            decode(b"GIF89a\x00\x01", None),
            Err(DecodeError::Binary(_))
        ));
        assert!(matches!(
            decode(b"ab\x01\x02\x03\x04cd", None),
            Err(DecodeError::Binary(_))
        ));
    }

    #[test]
    fn invalid_utf8_is_repaired_or_rejected() {
        let mut damaged = b"The council met on Tuesday and agreed the budget.".to_vec();
        damaged.insert(10, 0xff);
        let d = decode(&damaged, None).unwrap();
        assert!(d.text.contains('\u{fffd}'));
        assert_eq!(d.warnings.len(), 1);
        let garbage: Vec<u8> = (0..200)
            .map(|i| if i % 2 == 0 { 0xfe } else { b'a' })
            .collect();
        assert!(matches!(
            decode(&garbage, None),
            Err(DecodeError::Garbage { .. })
        ));
    }

    #[test]
    fn bom_and_labels_choose_the_encoding() {
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("hé".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16, None).unwrap().text, "hé");
        assert_eq!(decode(b"caf\xe9", Some("iso-8859-1")).unwrap().text, "café");
        assert_eq!(
            decode("café".as_bytes(), Some("utf-8")).unwrap().text,
            "café"
        );
    }
}
