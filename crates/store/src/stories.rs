//! Story and event views.

use crate::articles::article_ref;
use crate::codec::{count_column, from_json};
use crate::entities::entity_ref;
use crate::views::{EventView, StorySummary, StoryView};
use crate::{Store, StoreError};
use rusqlite::{Connection, OptionalExtension, Row};
use storyline_model::Event;

/// Selects the [`StorySummary`] columns of stories `s`; callers append a filter or order.
macro_rules! summary_sql {
    () => {
        "SELECT s.id, s.title,
           (SELECT COUNT(*) FROM story_events se WHERE se.story = s.id),
           (SELECT COUNT(DISTINCT COALESCE(d.of, ea.article))
              FROM story_events se JOIN event_articles ea ON ea.event = se.event
              LEFT JOIN duplicates d ON d.article = ea.article
              WHERE se.story = s.id),
           (SELECT COUNT(DISTINCT a.outlet)
              FROM story_events se JOIN event_articles ea ON ea.event = se.event
              JOIN articles a ON a.id = ea.article
              WHERE se.story = s.id),
           (SELECT e.date FROM story_events se JOIN events e ON e.id = se.event
              WHERE se.story = s.id AND e.date IS NOT NULL ORDER BY se.pos LIMIT 1),
           (SELECT e.date FROM story_events se JOIN events e ON e.id = se.event
              WHERE se.story = s.id AND e.date IS NOT NULL ORDER BY se.pos DESC LIMIT 1)
         FROM stories s"
    };
}

impl Store {
    /// Every story's summary, in story order.
    pub fn stories(&self) -> Result<Vec<StorySummary>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(concat!(summary_sql!(), " ORDER BY s.pos"))?
            .query_map([], summary_row)?
            .collect::<Result<_, _>>()?)
    }

    /// The story with this id and its events in timeline order.
    pub fn story(&self, id: &str) -> Result<Option<StoryView>, StoreError> {
        let summary = self
            .conn
            .prepare_cached(concat!(summary_sql!(), " WHERE s.id = ?1"))?
            .query_row([id], summary_row)
            .optional()?;
        let Some(summary) = summary else {
            return Ok(None);
        };
        let timeline = story_events(&self.conn, id)?
            .into_iter()
            .map(|event| event_view(&self.conn, event))
            .collect::<Result<_, _>>()?;
        Ok(Some(StoryView { summary, timeline }))
    }

    /// The event with this id, its articles and the entities it names.
    pub fn event(&self, id: &str) -> Result<Option<EventView>, StoreError> {
        let json: Option<String> = self
            .conn
            .prepare_cached("SELECT json FROM events WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        json.map(|json| event_view(&self.conn, parse_event(id, &json)?))
            .transpose()
    }
}

/// The events of story `id` in timeline order.
pub(crate) fn story_events(conn: &Connection, id: &str) -> Result<Vec<Event>, StoreError> {
    let rows: Vec<(String, String)> = conn
        .prepare_cached(
            "SELECT e.id, e.json FROM story_events se JOIN events e ON e.id = se.event
             WHERE se.story = ?1 ORDER BY se.pos",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    rows.iter()
        .map(|(event, json)| parse_event(event, json))
        .collect()
}

/// Decodes the stored JSON of event `id`.
fn parse_event(id: &str, json: &str) -> Result<Event, StoreError> {
    from_json(|| format!("event {id}"), json)
}

fn summary_row(row: &Row) -> rusqlite::Result<StorySummary> {
    Ok(StorySummary {
        id: row.get(0)?,
        title: row.get(1)?,
        events: count_column(row, 2)?,
        articles: count_column(row, 3)?,
        outlets: count_column(row, 4)?,
        first_date: row.get(5)?,
        last_date: row.get(6)?,
    })
}

fn event_view(conn: &Connection, event: Event) -> Result<EventView, StoreError> {
    let articles = conn
        .prepare_cached(
            "SELECT a.id, a.title, a.outlet, a.published, a.source, d.of
             FROM event_articles ea JOIN articles a ON a.id = ea.article
             LEFT JOIN duplicates d ON d.article = a.id
             WHERE ea.event = ?1 ORDER BY ea.pos",
        )?
        .query_map([&event.id], article_ref)?
        .collect::<Result<_, _>>()?;
    let place = match &event.place {
        Some(id) => entity_ref(conn, id)?,
        None => None,
    };
    let mut participants = Vec::with_capacity(event.participants.len());
    for id in &event.participants {
        participants.extend(entity_ref(conn, id)?);
    }
    Ok(EventView {
        event,
        articles,
        place,
        participants,
    })
}
