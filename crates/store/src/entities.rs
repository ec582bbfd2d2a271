//! Entity lookup by id or name, and the entity view.

use crate::articles::article_ref;
use crate::codec::{count_column, enum_column, from_json};
use crate::views::{CoEntity, EntityRef, EntityView, EventRef};
use crate::{Store, StoreError};
use rusqlite::{Connection, OptionalExtension, Row};
use storyline_model::Entity;

/// Most co-occurring entities listed in an [`EntityView`].
pub const CO_ENTITY_LIMIT: usize = 20;

/// The lookup key of an entity name: trimmed and lower-cased (Unicode-aware).
pub(crate) fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl Store {
    /// Entities whose id is `name_or_id`, or whose canonical name or any variant
    /// equals it case-insensitively, by id.
    pub fn entity(&self, name_or_id: &str) -> Result<Vec<EntityView>, StoreError> {
        let found: Vec<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT id, json FROM entities
                 WHERE id = ?1 OR id IN (SELECT entity FROM entity_names WHERE name = ?2)
                 ORDER BY id",
            )?
            .query_map([name_or_id.trim(), &name_key(name_or_id)], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<Result<_, _>>()?;
        found
            .into_iter()
            .map(|(id, json)| {
                let entity = from_json(|| format!("entity {id}"), &json)?;
                self.entity_view(entity)
            })
            .collect()
    }

    fn entity_view(&self, entity: Entity) -> Result<EntityView, StoreError> {
        let id = entity.id.as_str();
        let articles = self
            .conn
            .prepare_cached(
                "SELECT a.id, a.title, a.outlet, a.published, a.source, d.of
                 FROM entity_articles ea JOIN articles a ON a.id = ea.article
                 LEFT JOIN duplicates d ON d.article = a.id
                 WHERE ea.entity = ?1
                 ORDER BY a.published IS NULL, a.published, a.id",
            )?
            .query_map([id], article_ref)?
            .collect::<Result<_, _>>()?;
        let events = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT e.id, e.story, e.date, e.title
                 FROM entity_articles ea JOIN event_articles va ON va.article = ea.article
                 JOIN events e ON e.id = va.event
                 WHERE ea.entity = ?1
                 ORDER BY e.date IS NULL, e.date, e.id",
            )?
            .query_map([id], |r| {
                Ok(EventRef {
                    id: r.get(0)?,
                    story: r.get(1)?,
                    date: r.get(2)?,
                    title: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let limit = i64::try_from(CO_ENTITY_LIMIT).unwrap_or(i64::MAX);
        let co_occurring = self
            .conn
            .prepare_cached(
                "SELECT o.id, o.canonical, o.kind, c.shared
                 FROM (SELECT eb.entity, COUNT(*) AS shared
                       FROM entity_articles ea
                       JOIN entity_articles eb ON eb.article = ea.article
                       WHERE ea.entity = ?1 AND eb.entity <> ?1
                       GROUP BY eb.entity) c
                 JOIN entities o ON o.id = c.entity
                 ORDER BY c.shared DESC, o.canonical, o.id
                 LIMIT ?2",
            )?
            .query_map(rusqlite::params![id, limit], |r| {
                Ok(CoEntity {
                    entity: entity_ref_row(r)?,
                    articles: count_column(r, 3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(EntityView {
            entity,
            articles,
            events,
            co_occurring,
        })
    }
}

/// The short reference of entity `id`, when stored.
pub(crate) fn entity_ref(conn: &Connection, id: &str) -> Result<Option<EntityRef>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT id, canonical, kind FROM entities WHERE id = ?1")?
        .query_row([id], entity_ref_row)
        .optional()?)
}

/// Reads a row holding `id, canonical, kind` of an entity.
fn entity_ref_row(row: &Row) -> rusqlite::Result<EntityRef> {
    Ok(EntityRef {
        id: row.get(0)?,
        canonical: row.get(1)?,
        kind: enum_column(row, 2)?,
    })
}
