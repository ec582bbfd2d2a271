//! Reading articles: existence, count, streaming in canonical order, the article view.

use crate::codec::{date_column, enum_column, join_article};
use crate::views::{ArticleRef, ArticleView};
use crate::{Store, StoreError};
use rusqlite::{OptionalExtension, Row};
use storyline_model::{AnalyzedArticle, Duplicate};

/// Selects what [`read_article`] reads; callers append a filter or order.
macro_rules! article_sql {
    () => {
        "SELECT a.id, a.analysis, a.text, a.tokens, ae.ids
         FROM articles a LEFT JOIN article_entities ae ON ae.article = a.id"
    };
}

/// Every article in canonical order; the `articles_canonical_order` index serves
/// the order, so rows stream without a sort.
const IN_ORDER_SQL: &str = concat!(
    article_sql!(),
    " ORDER BY a.published IS NULL, a.published, a.id"
);

impl Store {
    /// True when an article with this id is stored.
    pub fn has_article(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?
            .query_row([id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Number of stored articles.
    pub fn article_count(&self) -> Result<u64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?)
    }

    /// Calls `f` with every stored article in canonical order (published date
    /// ascending, undated last, then id), one at a time, stopping at the first error.
    pub fn articles_in_order<E: From<StoreError>>(
        &self,
        mut f: impl FnMut(AnalyzedArticle) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut stmt = self.conn.prepare(IN_ORDER_SQL).map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            f(read_article(row)?)?;
        }
        Ok(())
    }

    /// The article with this id, with its duplicate links, events and stories.
    pub fn article(&self, id: &str) -> Result<Option<ArticleView>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(concat!(article_sql!(), " WHERE a.id = ?1"))?;
        let mut rows = stmt.query([id])?;
        let Some(row) = rows.next()? else {
            return Ok(None);
        };
        let article = read_article(row)?;
        let duplicate = self
            .conn
            .prepare_cached(
                "SELECT article, of, similarity, kind FROM duplicates WHERE article = ?1",
            )?
            .query_row([id], duplicate_row)
            .optional()?;
        let copies = self
            .conn
            .prepare_cached(
                "SELECT article, of, similarity, kind FROM duplicates WHERE of = ?1
                 ORDER BY article",
            )?
            .query_map([id], duplicate_row)?
            .collect::<Result<_, _>>()?;
        let events = self
            .conn
            .prepare_cached("SELECT event FROM event_articles WHERE article = ?1 ORDER BY event")?
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let stories = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT e.story FROM event_articles ea JOIN events e ON e.id = ea.event
                 WHERE ea.article = ?1 ORDER BY e.story",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(Some(ArticleView {
            article,
            duplicate,
            copies,
            events,
            stories,
        }))
    }
}

/// Rebuilds the article of a row holding `id, analysis, text, tokens, entity ids`.
fn read_article(row: &Row) -> Result<AnalyzedArticle, StoreError> {
    let id: String = row.get(0)?;
    let analysis: String = row.get(1)?;
    let tokens: Vec<u8> = row.get(3)?;
    let entity_ids: Option<String> = row.get(4)?;
    join_article(&id, &analysis, row.get(2)?, &tokens, entity_ids.as_deref())
}

/// Reads a row holding `a.id, a.title, a.outlet, a.published, a.source, d.of`
/// (articles `a` left-joined with their duplicate link `d`).
pub(crate) fn article_ref(row: &Row) -> rusqlite::Result<ArticleRef> {
    Ok(ArticleRef {
        id: row.get(0)?,
        title: row.get(1)?,
        outlet: row.get(2)?,
        published: date_column(row, 3)?,
        source: row.get(4)?,
        duplicate_of: row.get(5)?,
    })
}

/// Reads a row holding `article, of, similarity, kind` from `duplicates`.
fn duplicate_row(row: &Row) -> rusqlite::Result<Duplicate> {
    Ok(Duplicate {
        article: row.get(0)?,
        of: row.get(1)?,
        similarity: row.get(2)?,
        kind: enum_column(row, 3)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_order_streams_from_the_index() {
        let store = Store::open_in_memory().unwrap();
        let plan: Vec<String> = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {IN_ORDER_SQL}"))
            .unwrap()
            .query_map([], |r| r.get(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            plan.iter().any(|p| p.contains("articles_canonical_order")),
            "{plan:?}"
        );
        assert!(!plan.iter().any(|p| p.contains("TEMP B-TREE")), "{plan:?}");
    }
}
