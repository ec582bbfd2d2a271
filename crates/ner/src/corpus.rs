//! Reading text: CoNLL column files (labelled sentences) and unlabelled corpora (JSONL or plain
//! text, optionally gzipped) split into CoNLL-like tokens.

use crate::tag::{to_iob2, Tag};
use crate::NerError;
use flate2::read::MultiGzDecoder;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// A labelled sentence: tokens and their gold tags.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Labelled {
    pub tokens: Vec<String>,
    pub tags: Vec<Tag>,
    /// Index of the document holding the sentence (`-DOCSTART-` separated).
    pub doc: usize,
}

/// Opens a file, decompressing it when its name ends in `.gz`.
fn open(path: &Path) -> Result<Box<dyn BufRead>, NerError> {
    let file = File::open(path).map_err(|e| NerError::io(path, e))?;
    let read: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Ok(Box::new(BufReader::new(read)))
}

/// Reads a CoNLL file: token first, gold tag last; blank lines end sentences and `-DOCSTART-`
/// lines end documents. IOB1 tags are rewritten as IOB2.
pub(crate) fn read_conll(path: &Path) -> Result<Vec<Labelled>, NerError> {
    let mut out = Vec::new();
    let mut cur = Labelled {
        tokens: Vec::new(),
        tags: Vec::new(),
        doc: 0,
    };
    let mut doc = 0;
    let flush = |cur: &mut Labelled, out: &mut Vec<Labelled>, doc: usize| {
        if !cur.tokens.is_empty() {
            to_iob2(&mut cur.tags);
            cur.doc = doc;
            out.push(std::mem::replace(
                cur,
                Labelled {
                    tokens: Vec::new(),
                    tags: Vec::new(),
                    doc,
                },
            ));
        }
    };
    for (n, line) in open(path)?.lines().enumerate() {
        let line = line.map_err(|e| NerError::io(path, e))?;
        let cols: Vec<&str> = line.split_whitespace().collect();
        match cols.as_slice() {
            [] => flush(&mut cur, &mut out, doc),
            ["-DOCSTART-", ..] => {
                flush(&mut cur, &mut out, doc);
                doc += 1;
            }
            [token, .., label] if cols.len() >= 2 => {
                let tag = Tag::parse(label).ok_or_else(|| NerError::Format {
                    path: path.display().to_string(),
                    line: n + 1,
                    message: format!("unknown tag {label:?}"),
                })?;
                cur.tokens.push((*token).to_string());
                cur.tags.push(tag);
            }
            _ => {
                return Err(NerError::Format {
                    path: path.display().to_string(),
                    line: n + 1,
                    message: "expected a token and a tag".into(),
                })
            }
        }
    }
    flush(&mut cur, &mut out, doc);
    Ok(out)
}

/// Reads an unlabelled corpus as tokenised sentences. Each line is either a JSON object (its
/// `body` or `text` string is used) or plain text.
pub(crate) fn read_unlabelled(path: &Path) -> Result<Vec<Vec<String>>, NerError> {
    let mut out = Vec::new();
    for (n, line) in open(path)?.lines().enumerate() {
        let line = line.map_err(|e| NerError::io(path, e))?;
        let text = if line.trim_start().starts_with('{') {
            let value: serde_json::Value =
                serde_json::from_str(&line).map_err(|e| NerError::Format {
                    path: path.display().to_string(),
                    line: n + 1,
                    message: e.to_string(),
                })?;
            ["body", "text"]
                .iter()
                .find_map(|k| value.get(k).and_then(|v| v.as_str()).map(str::to_string))
                .unwrap_or_default()
        } else {
            line
        };
        out.extend(sentences(&tokenize(&text)));
    }
    Ok(out)
}

/// Characters split off the start of a word.
fn is_leading(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '{' | '<' | '`' | '“' | '‘' | '+'
    )
}

/// Characters split off the end of a word.
fn is_trailing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '>' | ',' | ';' | ':' | '!' | '?' | '.' | '”' | '’' | '+'
    )
}

/// True when a trailing period belongs to the word (`U.S.`, `J.`, `Inc.`-like single letters).
fn keeps_period(word: &str) -> bool {
    let core = word.trim_end_matches('.');
    core.contains('.') || (core.chars().count() == 1 && core.chars().all(char::is_alphabetic))
}

/// Splits text into CoNLL-like tokens: punctuation apart, possessive `'s` apart.
pub(crate) fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in text.split_whitespace() {
        let mut rest = chunk;
        while let Some(c) = rest.chars().next().filter(|c| is_leading(*c)) {
            out.push(c.to_string());
            rest = &rest[c.len_utf8()..];
        }
        let mut tail = Vec::new();
        while let Some(c) = rest.chars().next_back().filter(|c| is_trailing(*c)) {
            if c == '.' && keeps_period(rest) {
                break;
            }
            tail.push(c.to_string());
            rest = &rest[..rest.len() - c.len_utf8()];
        }
        if let Some(stem) = rest.strip_suffix("'s").filter(|s| !s.is_empty()) {
            out.push(stem.to_string());
            out.push("'s".to_string());
        } else if !rest.is_empty() {
            out.push(rest.to_string());
        }
        out.extend(tail.into_iter().rev());
    }
    out
}

/// Splits a token stream into sentences after `.`, `!` and `?`.
fn sentences(tokens: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for t in tokens {
        cur.push(t.clone());
        if matches!(t.as_str(), "." | "!" | "?") {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_like_conll() {
        let t =
            tokenize("The U.S. firm (Kelvar Ltd.) said Brenna's \"plan\" failed, J. Oak noted.");
        assert_eq!(
            t,
            [
                "The", "U.S.", "firm", "(", "Kelvar", "Ltd", ".", ")", "said", "Brenna", "'s",
                "\"", "plan", "\"", "failed", ",", "J.", "Oak", "noted", "."
            ]
        );
        assert_eq!(
            sentences(&t).len(),
            2,
            "`Ltd .` ends a sentence, `U.S.` and `J.` do not"
        );
    }

    #[test]
    fn reads_conll_documents_and_rewrites_iob1() {
        let dir = std::env::temp_dir().join(format!("storyline-ner-corpus-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.conll");
        std::fs::write(&path, "-DOCSTART- -X- O\n\nMira NNP I-PER\nsang VBD O\n\n-DOCSTART- -X- O\n\nOslo NNP I-LOC\n")
            .unwrap();
        let s = read_conll(&path).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tags[0], Tag::parse("B-PER").unwrap());
        assert_eq!((s[0].doc, s[1].doc), (1, 2));
        std::fs::write(&path, "Mira NNP B-FOO\n").unwrap();
        assert!(matches!(
            read_conll(&path),
            Err(NerError::Format { line: 1, .. })
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
