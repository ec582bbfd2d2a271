//! Conversions between model values and their stored form.
//!
//! An article is stored as columns for the fields views query, the text once,
//! the tokens as a compact blob and the rest of the analysis as JSON. Entity ids
//! that linking writes into mentions and quote speakers are kept apart (table
//! `article_entities`) so that a relink can replace them without touching the
//! article row.

use crate::{tokens, StoreError};
use chrono::NaiveDate;
use rusqlite::{types::Type, Row};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use storyline_model::AnalyzedArticle;

/// The entity ids linking set in an article: one entry per mention and one per quote
/// (the speaker's), stored as JSON arrays beside the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct EntityIds {
    /// `mentions[i].entity`.
    pub mentions: Vec<Option<String>>,
    /// `quotes[i].speaker.entity`.
    pub speakers: Vec<Option<String>>,
}

impl EntityIds {
    /// The ids set in `a`, or `None` when it carries none (not linked yet).
    pub(crate) fn of(a: &AnalyzedArticle) -> Option<EntityIds> {
        let ids = EntityIds {
            mentions: a.mentions.iter().map(|m| m.entity.clone()).collect(),
            speakers: a
                .quotes
                .iter()
                .map(|q| q.speaker.as_ref().and_then(|s| s.entity.clone()))
                .collect(),
        };
        let any = ids
            .mentions
            .iter()
            .chain(&ids.speakers)
            .any(Option::is_some);
        any.then_some(ids)
    }

    /// Writes the ids into `a`; `Err` when there are more than `a` has items.
    fn apply_to(self, a: &mut AnalyzedArticle) -> Result<(), String> {
        if self.mentions.len() > a.mentions.len() || self.speakers.len() > a.quotes.len() {
            return Err(format!(
                "{} mention and {} speaker entity ids for {} mentions and {} quotes",
                self.mentions.len(),
                self.speakers.len(),
                a.mentions.len(),
                a.quotes.len()
            ));
        }
        for (m, e) in a.mentions.iter_mut().zip(self.mentions) {
            m.entity = e;
        }
        for (q, e) in a.quotes.iter_mut().zip(self.speakers) {
            if let Some(s) = q.speaker.as_mut() {
                s.entity = e;
            }
        }
        Ok(())
    }
}

/// The analysis JSON (without text, tokens or entity ids) and the tokens blob of `a`.
pub(crate) fn split_article(a: &AnalyzedArticle) -> Result<(String, Vec<u8>), StoreError> {
    let mut bare = a.clone();
    bare.article.text = String::new();
    bare.tokens = Vec::new();
    for m in &mut bare.mentions {
        m.entity = None;
    }
    for s in bare.quotes.iter_mut().filter_map(|q| q.speaker.as_mut()) {
        s.entity = None;
    }
    let analysis = to_json(|| format!("article {}", a.article.id), &bare)?;
    Ok((analysis, tokens::encode(&a.tokens)))
}

/// Rebuilds an article from its stored parts; `entity_ids` is the stored
/// [`EntityIds`] JSON, when the article is linked.
pub(crate) fn join_article(
    id: &str,
    analysis: &str,
    text: String,
    tokens: &[u8],
    entity_ids: Option<&str>,
) -> Result<AnalyzedArticle, StoreError> {
    let what = || format!("article {id}");
    let mut a: AnalyzedArticle = from_json(what, analysis)?;
    a.article.text = text;
    a.tokens = tokens::decode(tokens)
        .map_err(|e| StoreError::corrupt(format!("tokens of article {id}"), e))?;
    if let Some(json) = entity_ids {
        let ids: EntityIds = from_json(|| format!("entity ids of article {id}"), json)?;
        ids.apply_to(&mut a)
            .map_err(|e| StoreError::corrupt(format!("entity ids of article {id}"), e))?;
    }
    Ok(a)
}

/// Reads an optional `YYYY-MM-DD` date column.
pub(crate) fn date_column(row: &Row, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    row.get::<_, Option<String>>(idx)?
        .map(|s| {
            s.parse::<NaiveDate>().map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e))
            })
        })
        .transpose()
}

/// Reads a non-negative integer column (a count).
pub(crate) fn count_column(row: &Row, idx: usize) -> rusqlite::Result<usize> {
    let n: i64 = row.get(idx)?;
    usize::try_from(n)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, Type::Integer, Box::new(e)))
}

/// The serde name of a unit enum variant (`near`, `jsonl`), for text columns.
pub(crate) fn enum_name<T: Serialize>(value: &T) -> Result<String, StoreError> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        other => Err(StoreError::Encode {
            what: "enum value".into(),
            reason: format!("not a unit variant: {other:?}"),
        }),
    }
}

/// Reads a text column holding the serde name of a unit enum variant.
pub(crate) fn enum_column<T: DeserializeOwned>(row: &Row, idx: usize) -> rusqlite::Result<T> {
    let name: String = row.get(idx)?;
    serde_json::from_value(serde_json::Value::String(name))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e)))
}

/// Serialises a value to JSON for a `json` column.
pub(crate) fn to_json<T: Serialize>(
    what: impl FnOnce() -> String,
    value: &T,
) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Encode {
        what: what(),
        reason: e.to_string(),
    })
}

/// Parses a `json` column.
pub(crate) fn from_json<T: DeserializeOwned>(
    what: impl FnOnce() -> String,
    json: &str,
) -> Result<T, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::corrupt(what(), e))
}
