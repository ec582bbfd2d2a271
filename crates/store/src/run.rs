//! Rejections and the whole-collection `run --json` document.

use crate::codec::from_json;
use crate::stories::story_events;
use crate::views::{RunArticle, RunDocument, RunStory};
use crate::{Store, StoreError};
use std::collections::BTreeMap;
use storyline_model::{Entity, Rejection};

impl Store {
    /// Every rejected input, by source, then reason.
    pub fn rejections(&self) -> Result<Vec<Rejection>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT source, reason FROM rejections ORDER BY source, reason")?
            .query_map([], |r| {
                Ok(Rejection {
                    source: r.get(0)?,
                    reason: r.get(1)?,
                })
            })?
            .collect::<Result<_, _>>()?)
    }

    /// The `storyline run --json` document of everything stored, in a deterministic order.
    pub fn run_document(&self) -> Result<RunDocument, StoreError> {
        let duplicate_of: BTreeMap<String, String> = self
            .conn
            .prepare_cached("SELECT article, of FROM duplicates")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut articles = Vec::new();
        self.articles_in_order(|article| {
            let duplicate_of = duplicate_of.get(&article.article.id).cloned();
            articles.push(RunArticle {
                article,
                duplicate_of,
            });
            Ok::<_, StoreError>(())
        })?;
        Ok(RunDocument {
            articles,
            stories: self.run_stories()?,
            entities: self.all_entities()?,
            rejected: self.rejections()?,
        })
    }

    fn run_stories(&self) -> Result<Vec<RunStory>, StoreError> {
        let stories: Vec<(String, String)> = self
            .conn
            .prepare_cached("SELECT id, title FROM stories ORDER BY pos")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        stories
            .into_iter()
            .map(|(id, title)| {
                let events = story_events(&self.conn, &id)?;
                Ok(RunStory { id, title, events })
            })
            .collect()
    }

    fn all_entities(&self) -> Result<Vec<Entity>, StoreError> {
        let rows: Vec<(String, String)> = self
            .conn
            .prepare_cached("SELECT id, json FROM entities ORDER BY canonical, id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        rows.iter()
            .map(|(id, json)| from_json(|| format!("entity {id}"), json))
            .collect()
    }
}
