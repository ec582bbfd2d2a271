//! JSON Lines: one article object per line (`id`, `url`, `title`, `outlet`, `published`, `text`).

use crate::draft::Draft;
use crate::paragraphs;
use serde_json::{Map, Value};
use storyline_model::{Article, DateSource, InputFormat, Rejection};

/// Field names read for each value, first found wins.
const TEXT_FIELDS: [&str; 3] = ["text", "body", "content"];
const DATE_FIELDS: [&str; 3] = ["published", "date", "published_at"];

/// Reads every line; a malformed line becomes a rejection `path:LINE` and the others go on.
/// A file holding one JSON array of records is read too (rejections then name `path#ITEM`).
pub(crate) fn read(
    source: &str,
    text: &str,
    warnings: &[String],
) -> Vec<Result<Article, Rejection>> {
    if text.trim_start().starts_with('[') {
        return read_array(source, text, warnings);
    }
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let at = format!("{source}:{}", i + 1);
            match serde_json::from_str::<Value>(line) {
                Ok(value) => value_article(&at, source, &value, warnings),
                Err(e) => Err(Rejection {
                    source: at,
                    reason: format!("malformed JSON ({e}); fix or remove this line"),
                }),
            }
        })
        .collect()
}

/// Reads a JSON array of records.
fn read_array(source: &str, text: &str, warnings: &[String]) -> Vec<Result<Article, Rejection>> {
    match serde_json::from_str::<Vec<Value>>(text) {
        Ok(items) => items
            .iter()
            .enumerate()
            .map(|(i, value)| {
                value_article(&format!("{source}#{}", i + 1), source, value, warnings)
            })
            .collect(),
        Err(e) => vec![Err(Rejection {
            source: source.to_string(),
            reason: format!("malformed JSON array ({e}); write one JSON object per line instead"),
        })],
    }
}

/// Builds one article from a JSON value that should be a record object.
fn value_article(
    at: &str,
    source: &str,
    value: &Value,
    warnings: &[String],
) -> Result<Article, Rejection> {
    match value {
        Value::Object(record) => record_article(at, source, record, warnings),
        _ => Err(Rejection {
            source: at.to_string(),
            reason: "expected a JSON object with a \"text\" field".into(),
        }),
    }
}

/// Builds one article from a record.
fn record_article(
    at: &str,
    source: &str,
    record: &Map<String, Value>,
    warnings: &[String],
) -> Result<Article, Rejection> {
    let Some(text) = first_string(record, &TEXT_FIELDS) else {
        return Err(Rejection {
            source: at.to_string(),
            reason: "record has no \"text\" string; add the article body".into(),
        });
    };
    let id = first_string(record, &["id"]);
    let mut draft = Draft::new(
        &id.as_ref()
            .map_or_else(|| at.to_string(), |id| format!("{source}#{id}")),
        InputFormat::Jsonl,
    );
    draft.warnings = warnings.to_vec();
    draft.source_id = id;
    draft.url = first_string(record, &["url"]);
    draft.title = first_string(record, &["title"]);
    draft.outlet = first_string(record, &["outlet", "source"]);
    if let Some(date) = first_string(record, &DATE_FIELDS) {
        draft.date_candidate(DateSource::Record, &date);
    }
    draft.paragraphs = paragraphs::split(&text);
    draft.finish().map_err(|r| Rejection {
        source: at.to_string(),
        reason: r.reason,
    })
}

/// The first non-empty field among `names` as a string (numbers are written out).
fn first_string(record: &Map<String, Value>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| match record.get(*name)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_json_array() {
        let out = read("a.json", r#"[{"id": "k", "text": "Hail fell."}, 3]"#, &[]);
        assert_eq!(out[0].as_ref().unwrap().source, "a.json#k");
        assert_eq!(out[1].as_ref().unwrap_err().source, "a.json#2");
        let broken = read("a.json", "[{\"text\": ", &[]);
        assert!(broken[0]
            .as_ref()
            .unwrap_err()
            .reason
            .contains("malformed JSON array"));
    }

    #[test]
    fn reads_records_and_rejects_bad_lines() {
        let input = concat!(
            r#"{"id": "a1", "url": "https://valley-gazette.example/2020/06/01/x", "title": "Dam", "outlet": "Valley Gazette", "published": "2020-06-02T08:00:00+02:00", "text": "The dam was finished."}"#,
            "\n\n",
            r#"{"id": 7, "text": "Snow fell.", "published": "Tue, 02 Jun 2020 08:00:00 +0000"}"#,
            "\n{\"id\": \"cut\", \"text\": \"The li\n",
            "[1, 2]\n",
            r#"{"id": "x", "title": "No body"}"#,
            "\n",
            r#"{"text": "Rain.", "published": "someday"}"#,
        );
        let out = read("f.jsonl", input, &[]);
        assert_eq!(out.len(), 6);
        let a = out[0].as_ref().unwrap();
        assert_eq!(
            (a.source.as_str(), a.source_id.as_deref()),
            ("f.jsonl#a1", Some("a1"))
        );
        assert_eq!(a.outlet.as_deref(), Some("Valley Gazette"));
        assert_eq!(a.published.chosen_from, Some(DateSource::Record));
        assert!(a.published.conflict, "URL says June 1, record June 2");
        assert_eq!(out[1].as_ref().unwrap().source, "f.jsonl#7");
        assert_eq!(out[2].as_ref().unwrap_err().source, "f.jsonl:4");
        assert!(out[2]
            .as_ref()
            .unwrap_err()
            .reason
            .contains("malformed JSON"));
        assert!(out[3].as_ref().unwrap_err().reason.contains("JSON object"));
        assert!(out[4].as_ref().unwrap_err().reason.contains("\"text\""));
        let undated = out[5].as_ref().unwrap();
        assert_eq!(
            (undated.source.as_str(), undated.published.value),
            ("f.jsonl:7", None)
        );
        assert_eq!(undated.published.notes.len(), 1);
    }
}
