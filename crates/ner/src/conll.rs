//! `storyline ner --conll`: tags CoNLL column files, adding the prediction as a last column.

use crate::model::Model;
use crate::NerError;
use std::io::{BufRead, Write};

/// Reads CoNLL lines (token in the first column) and writes every line with one more column,
/// the predicted IOB2 tag; `-DOCSTART-` and blank lines are written as they are. Documents
/// (between `-DOCSTART-` lines) are tagged as a whole. Returns the number of tokens tagged.
pub fn tag_conll(
    model: &Model,
    mut input: impl BufRead,
    mut out: impl Write,
) -> Result<usize, NerError> {
    let mut doc: Vec<String> = Vec::new();
    let mut tokens = 0;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if input
            .read_until(b'\n', &mut buf)
            .map_err(NerError::Stream)?
            == 0
        {
            break;
        }
        let line = String::from_utf8_lossy(&buf)
            .trim_end_matches(['\n', '\r'])
            .to_string();
        if line.split_whitespace().next() == Some("-DOCSTART-") {
            tokens += write_document(model, &doc, &mut out)?;
            doc.clear();
        }
        doc.push(line);
    }
    tokens += write_document(model, &doc, &mut out)?;
    out.flush().map_err(NerError::Stream)?;
    Ok(tokens)
}

/// The first column of a token line; `None` for blank and `-DOCSTART-` lines.
fn token_of(line: &str) -> Option<&str> {
    line.split_whitespace()
        .next()
        .filter(|t| *t != "-DOCSTART-")
}

/// Tags one document's lines and writes them; returns the number of tokens.
fn write_document(
    model: &Model,
    lines: &[String],
    out: &mut impl Write,
) -> Result<usize, NerError> {
    let sentences: Vec<Vec<&str>> = lines
        .split(|l| token_of(l).is_none())
        .filter(|s| !s.is_empty())
        .map(|s| s.iter().filter_map(|l| token_of(l)).collect())
        .collect();
    let mut tags = model.tag_document(&sentences).into_iter().flatten();
    let mut tokens = 0;
    for line in lines {
        match token_of(line) {
            Some(_) => {
                let tag = tags.next().map_or("O", |t| t.as_str());
                writeln!(out, "{line} {tag}").map_err(NerError::Stream)?;
                tokens += 1;
            }
            None => writeln!(out, "{line}").map_err(NerError::Stream)?,
        }
    }
    Ok(tokens)
}
