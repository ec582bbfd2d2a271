//! TimeML annotation of a directory (`storyline timeml IN_DIR OUT_DIR`): every `*.tml` file is
//! re-tagged from its raw text and written with fresh TIMEX3 tags.

use crate::Tagger;
use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// An error while annotating TimeML files.
#[derive(Debug, thiserror::Error)]
pub enum TimemlError {
    /// A file or directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// What [`annotate_dir`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AnnotateStats {
    /// Files written.
    pub files: usize,
    /// Files without a `<TEXT>` element (copied with no tags added).
    pub without_text: usize,
    /// Files without a usable creation time (tagged with underspecified relative values).
    pub without_dct: usize,
    /// TIMEX3 tags written.
    pub timexes: usize,
    /// Bytes of text tagged.
    pub text_bytes: usize,
}

/// `storyline timeml IN_DIR OUT_DIR`: for each *.tml take the DCT and the raw `<TEXT>` (existing
/// TIMEX3/EVENT/SIGNAL tags removed, text kept), tag, write `OUT_DIR/<same name>.tml`.
pub fn annotate_dir(
    tagger: &Tagger,
    in_dir: &Path,
    out_dir: &Path,
) -> Result<AnnotateStats, TimemlError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| TimemlError::Io { path, source }
    };
    let mut names: Vec<PathBuf> = std::fs::read_dir(in_dir)
        .map_err(io(in_dir))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tml") && p.is_file())
        .collect();
    names.sort();
    std::fs::create_dir_all(out_dir).map_err(io(out_dir))?;
    let mut stats = AnnotateStats::default();
    for path in names {
        let bytes = std::fs::read(&path).map_err(io(&path))?;
        let source = String::from_utf8_lossy(&bytes);
        let document = annotate(tagger, &source, &mut stats);
        let target = out_dir.join(path.file_name().unwrap_or_default());
        std::fs::write(&target, document).map_err(io(&target))?;
        stats.files += 1;
    }
    Ok(stats)
}

/// Re-tags one TimeML document.
pub fn annotate_document(tagger: &Tagger, source: &str) -> String {
    annotate(tagger, source, &mut AnnotateStats::default())
}

fn annotate(tagger: &Tagger, source: &str, stats: &mut AnnotateStats) -> String {
    let (Some(open), Some(close)) = (source.find("<TEXT>"), source.rfind("</TEXT>")) else {
        stats.without_text += 1;
        return source.to_string();
    };
    let body_start = open + "<TEXT>".len();
    if close < body_start {
        stats.without_text += 1;
        return source.to_string();
    }
    let dct = creation_time(source);
    if dct.is_none() {
        stats.without_dct += 1;
    }
    let raw = strip_tags(source.get(body_start..close).unwrap_or_default());
    let (plain, offsets) = unescape(&raw);
    stats.text_bytes += plain.len();
    let timexes = tagger.tag(&plain, dct);
    let mut out = String::with_capacity(source.len() + timexes.len() * 80);
    out.push_str(source.get(..body_start).unwrap_or_default());
    let mut copied = 0;
    for (index, timex) in timexes.iter().enumerate() {
        let (Some(&start), Some(&end)) =
            (offsets.get(timex.span.start), offsets.get(timex.span.end))
        else {
            continue;
        };
        if start < copied {
            continue;
        }
        out.push_str(raw.get(copied..start).unwrap_or_default());
        let _ = write!(
            out,
            r#"<TIMEX3 tid="t{}" type="{}" value="{}""#,
            index + 1,
            timex.kind.as_str(),
            escape(&timex.value)
        );
        if let Some(m) = &timex.modifier {
            let _ = write!(out, r#" mod="{}""#, escape(m));
        }
        if let Some(q) = &timex.quant {
            let _ = write!(out, r#" quant="{}""#, escape(q));
        }
        if let Some(f) = &timex.freq {
            let _ = write!(out, r#" freq="{}""#, escape(f));
        }
        out.push('>');
        out.push_str(raw.get(start..end).unwrap_or_default());
        out.push_str("</TIMEX3>");
        copied = end;
        stats.timexes += 1;
    }
    out.push_str(raw.get(copied..).unwrap_or_default());
    out.push_str(source.get(close..).unwrap_or_default());
    out
}

/// The creation time: the TIMEX3 with `functionInDocument="CREATION_TIME"`, else the `DCT` element.
fn creation_time(source: &str) -> Option<NaiveDate> {
    static TIMEX: OnceLock<Option<Regex>> = OnceLock::new();
    static DCT: OnceLock<Option<Regex>> = OnceLock::new();
    let timex = TIMEX
        .get_or_init(|| Regex::new(r#"<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>"#).ok())
        .as_ref()?;
    let value_of = |tag: &str| {
        let at = tag.find("value=\"")? + "value=\"".len();
        date_prefix(tag.get(at..)?)
    };
    if let Some(date) = timex.find(source).and_then(|m| value_of(m.as_str())) {
        return Some(date);
    }
    let dct = DCT
        .get_or_init(|| Regex::new(r"(?s)<DCT>(.*?)</DCT>").ok())
        .as_ref()?;
    let inner = dct.captures(source)?.get(1)?.as_str();
    let text = strip_tags(inner);
    let digits: String = text.chars().filter(char::is_ascii_digit).take(8).collect();
    NaiveDate::parse_from_str(&digits, "%Y%m%d")
        .ok()
        .or_else(|| date_prefix(text.trim()))
}

/// A `YYYY-MM-DD` (or `YYYYMMDD`) date at the start of `text`.
fn date_prefix(text: &str) -> Option<NaiveDate> {
    let dashed = text
        .get(..10)
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
    dashed.or_else(|| {
        text.get(..8)
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y%m%d").ok())
    })
}

/// Removes every markup tag, keeping the text (entities stay escaped).
fn strip_tags(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        out.push_str(rest.get(..open).unwrap_or_default());
        match rest.get(open..).and_then(|r| r.find('>')) {
            Some(close) => rest = rest.get(open + close + 1..).unwrap_or_default(),
            None => {
                rest = rest.get(open..).unwrap_or_default();
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Unescapes XML entities; returns the text and, for every byte offset of it (plus the end),
/// the offset in the escaped text.
fn unescape(raw: &str) -> (String, Vec<usize>) {
    let mut plain = String::with_capacity(raw.len());
    let mut offsets = Vec::with_capacity(raw.len() + 1);
    let mut at = 0;
    while at < raw.len() {
        let rest = raw.get(at..).unwrap_or_default();
        let entity = rest
            .starts_with('&')
            .then(|| rest.find(';').filter(|&e| e <= 10))
            .flatten()
            .and_then(|e| Some((decode_entity(rest.get(1..e)?)?, e + 1)));
        let (c, width) = match entity {
            Some(found) => found,
            None => match rest.chars().next() {
                Some(c) => (c, c.len_utf8()),
                None => break,
            },
        };
        for _ in 0..c.len_utf8() {
            offsets.push(at);
        }
        plain.push(c);
        at += width;
    }
    offsets.push(raw.len());
    (plain, offsets)
}

fn decode_entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => name.strip_prefix('#')?.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

fn escape(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = concat!(
        "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>X1</DOCID>\n",
        "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2021-03-04\" functionInDocument=\"CREATION_TIME\">20210304</TIMEX3></DCT>\n",
        "<TEXT>\nShares of Smith &amp; Sons <EVENT eid=\"e1\">rose</EVENT> on <TIMEX3 tid=\"t5\" type=\"DATE\" value=\"2021-03-03\">Wednesday</TIMEX3>.\n</TEXT>\n</TimeML>\n"
    );

    #[test]
    fn retags_text_and_keeps_the_rest() {
        let out = annotate_document(&Tagger::english(), DOC);
        assert!(out.contains("functionInDocument=\"CREATION_TIME\">20210304</TIMEX3></DCT>"));
        assert!(out.contains("Smith &amp; Sons rose on <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2021-03-03\">Wednesday</TIMEX3>."), "{out}");
        assert!(!out.contains("<EVENT"));
    }

    #[test]
    fn finds_the_creation_time() {
        assert_eq!(creation_time(DOC), NaiveDate::from_ymd_opt(2021, 3, 4));
        assert_eq!(
            creation_time("<DCT>19980108</DCT>"),
            NaiveDate::from_ymd_opt(1998, 1, 8)
        );
        assert_eq!(creation_time("<TEXT>x</TEXT>"), None);
    }

    #[test]
    fn unescape_maps_offsets_back() {
        let (plain, offsets) = unescape("a &amp; b&#233;");
        assert_eq!(plain, "a & bé");
        assert_eq!(offsets[2], 2);
        assert_eq!(offsets[4], 8);
        assert_eq!(*offsets.last().unwrap(), 15);
    }

    #[test]
    fn annotates_a_directory() {
        let input = tempfile::tempdir().unwrap();
        let output = tempfile::tempdir().unwrap();
        std::fs::write(input.path().join("a.tml"), DOC).unwrap();
        std::fs::write(input.path().join("notes.txt"), "skip me").unwrap();
        let stats = annotate_dir(&Tagger::english(), input.path(), output.path()).unwrap();
        assert_eq!(stats.files, 1);
        assert_eq!(stats.timexes, 1);
        assert!(output.path().join("a.tml").exists());
        assert!(!output.path().join("notes.txt").exists());
    }
}
