//! The single writer: applies a batch of changes in one transaction.

use crate::codec::{enum_name, from_json, split_article, to_json, EntityIds};
use crate::{Store, StoreError};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;
use storyline_model::{AnalyzedArticle, Change, Duplicate, Entity, Event, Rejection, Story};

/// What one batch changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ApplyStats {
    /// Articles newly stored.
    pub articles_added: usize,
    /// `AddArticle`s whose article was already stored (no-ops apart from entity ids).
    pub already_stored: usize,
    /// Rejections newly recorded.
    pub rejections_added: usize,
    /// `ResetLinks` applied.
    pub resets: usize,
    /// Duplicate links written.
    pub duplicates: usize,
    /// Entities written.
    pub entities: usize,
    /// Events written.
    pub events: usize,
    /// Stories written.
    pub stories: usize,
    /// Articles whose mention entity ids were set.
    pub mention_assignments: usize,
}

/// A table a change can point into.
#[derive(Debug, Clone, Copy)]
enum Table {
    Articles,
    Events,
    Stories,
}

impl Table {
    fn noun(self) -> &'static str {
        match self {
            Table::Articles => "article",
            Table::Events => "event",
            Table::Stories => "story",
        }
    }

    fn exists_sql(self) -> &'static str {
        match self {
            Table::Articles => "SELECT 1 FROM articles WHERE id = ?1",
            Table::Events => "SELECT 1 FROM events WHERE id = ?1",
            Table::Stories => "SELECT 1 FROM stories WHERE id = ?1",
        }
    }
}

/// A reference from one link row to another, checked once the whole batch is in.
struct PendingRef {
    table: Table,
    id: String,
    referrer: String,
}

impl Store {
    /// Applies `changes` in order, in one transaction: either all of them take effect
    /// or, on error, none. Re-applying a batch leaves the same state.
    ///
    /// Every article a change refers to must be stored already or added earlier in
    /// the batch; events and stories may refer to each other in any order within it.
    pub fn apply(&mut self, changes: &[Change]) -> Result<ApplyStats, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut stats = ApplyStats::default();
        let mut pending = Vec::new();
        for change in changes {
            match change {
                Change::AddArticle(a) => add_article(&tx, a, &mut stats)?,
                Change::AddRejection(r) => stats.rejections_added += add_rejection(&tx, r)?,
                Change::ResetLinks => {
                    reset_links(&tx)?;
                    // References of rows just deleted no longer need checking.
                    pending.clear();
                    stats.resets += 1;
                }
                Change::MarkDuplicate(d) => {
                    mark_duplicate(&tx, d)?;
                    stats.duplicates += 1;
                }
                Change::PutEntity(e) => {
                    put_entity(&tx, e)?;
                    stats.entities += 1;
                }
                Change::PutEvent(e) => {
                    put_event(&tx, e, &mut pending)?;
                    stats.events += 1;
                }
                Change::PutStory(s) => {
                    put_story(&tx, s, &mut pending)?;
                    stats.stories += 1;
                }
                Change::AssignMentions { article, entities } => {
                    assign_mentions(&tx, article, entities)?;
                    stats.mention_assignments += 1;
                }
            }
        }
        for r in &pending {
            require(&tx, r.table, &r.id, || r.referrer.clone())?;
        }
        tx.commit()?;
        Ok(stats)
    }
}

/// True when `id` is stored in `table`.
fn exists(tx: &Transaction, table: Table, id: &str) -> Result<bool, StoreError> {
    Ok(tx
        .prepare_cached(table.exists_sql())?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Fails unless `id` is stored in `table`.
fn require(
    tx: &Transaction,
    table: Table,
    id: &str,
    referrer: impl FnOnce() -> String,
) -> Result<(), StoreError> {
    if exists(tx, table, id)? {
        return Ok(());
    }
    Err(StoreError::MissingReference {
        referrer: referrer(),
        missing: format!("{} {id}", table.noun()),
    })
}

fn add_article(
    tx: &Transaction,
    a: &AnalyzedArticle,
    stats: &mut ApplyStats,
) -> Result<(), StoreError> {
    let art = &a.article;
    if exists(tx, Table::Articles, &art.id)? {
        stats.already_stored += 1;
    } else {
        let (analysis, tokens) = split_article(a)?;
        tx.prepare_cached(
            "INSERT INTO articles (id, seq, source, source_id, url, outlet, title, published,
                                   language, format, text, tokens, mentions, analysis)
             VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM articles), ?2, ?3, ?4, ?5, ?6,
                     ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            art.id,
            art.source,
            art.source_id,
            art.url,
            art.outlet,
            art.title,
            art.published.value.map(|d| d.to_string()),
            a.language,
            enum_name(&art.format)?,
            art.text,
            tokens,
            sql_index(&art.id, a.mentions.len())?,
            analysis,
        ])?;
        stats.articles_added += 1;
    }
    if let Some(ids) = EntityIds::of(a) {
        put_entity_ids(tx, &art.id, &ids)?;
    }
    Ok(())
}

/// Replaces the mention entity ids of `article`: `entities[i]` is that of mention `i`.
fn assign_mentions(
    tx: &Transaction,
    article: &str,
    entities: &[Option<String>],
) -> Result<(), StoreError> {
    let change = || format!("mention assignment of article {article}");
    let mentions: Option<i64> = tx
        .prepare_cached("SELECT mentions FROM articles WHERE id = ?1")?
        .query_row([article], |r| r.get(0))
        .optional()?;
    let Some(mentions) = mentions else {
        return Err(StoreError::MissingReference {
            referrer: change(),
            missing: format!("article {article}"),
        });
    };
    let given = sql_index(article, entities.len())?;
    if given != mentions {
        return Err(StoreError::InvalidChange {
            change: change(),
            reason: format!("it gives {given} entity ids but the article has {mentions} mentions"),
        });
    }
    let stored: Option<String> = tx
        .prepare_cached("SELECT ids FROM article_entities WHERE article = ?1")?
        .query_row([article], |r| r.get(0))
        .optional()?;
    let speakers = match stored {
        Some(json) => {
            from_json::<EntityIds>(|| format!("entity ids of article {article}"), &json)?.speakers
        }
        None => Vec::new(),
    };
    let ids = EntityIds {
        mentions: entities.to_vec(),
        speakers,
    };
    put_entity_ids(tx, article, &ids)
}

fn put_entity_ids(tx: &Transaction, article: &str, ids: &EntityIds) -> Result<(), StoreError> {
    tx.prepare_cached("INSERT OR REPLACE INTO article_entities (article, ids) VALUES (?1, ?2)")?
        .execute([
            article,
            &to_json(|| format!("entity ids of article {article}"), ids)?,
        ])?;
    Ok(())
}

/// A count or index of article `id` as an SQL integer.
fn sql_index(id: &str, n: usize) -> Result<i64, StoreError> {
    i64::try_from(n).map_err(|e| StoreError::Encode {
        what: format!("article {id}"),
        reason: e.to_string(),
    })
}

/// Records `r`; returns 1 when it was new, 0 when already recorded.
fn add_rejection(tx: &Transaction, r: &Rejection) -> Result<usize, StoreError> {
    Ok(tx
        .prepare_cached("INSERT OR IGNORE INTO rejections (source, reason) VALUES (?1, ?2)")?
        .execute([&r.source, &r.reason])?)
}

fn reset_links(tx: &Transaction) -> Result<(), StoreError> {
    tx.execute_batch(
        "DELETE FROM article_entities;
         DELETE FROM duplicates;
         DELETE FROM entity_articles;
         DELETE FROM entity_names;
         DELETE FROM entities;
         DELETE FROM event_articles;
         DELETE FROM events;
         DELETE FROM story_events;
         DELETE FROM stories;",
    )?;
    Ok(())
}

fn mark_duplicate(tx: &Transaction, d: &Duplicate) -> Result<(), StoreError> {
    let referrer = || format!("duplicate link {} -> {}", d.article, d.of);
    if d.article == d.of {
        return Err(StoreError::InvalidChange {
            change: referrer(),
            reason: "an article cannot copy itself".into(),
        });
    }
    require(tx, Table::Articles, &d.article, referrer)?;
    require(tx, Table::Articles, &d.of, referrer)?;
    tx.prepare_cached(
        "INSERT INTO duplicates (article, of, similarity, kind) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (article) DO UPDATE
         SET of = excluded.of, similarity = excluded.similarity, kind = excluded.kind",
    )?
    .execute(params![d.article, d.of, d.similarity, enum_name(&d.kind)?])?;
    Ok(())
}

fn put_entity(tx: &Transaction, e: &Entity) -> Result<(), StoreError> {
    let referrer = || format!("entity {} ({})", e.id, e.canonical);
    for a in &e.articles {
        require(tx, Table::Articles, a, referrer)?;
    }
    tx.prepare_cached("DELETE FROM entity_names WHERE entity = ?1")?
        .execute([&e.id])?;
    tx.prepare_cached("DELETE FROM entity_articles WHERE entity = ?1")?
        .execute([&e.id])?;
    tx.prepare_cached(
        "INSERT INTO entities (id, canonical, kind, json) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE
         SET canonical = excluded.canonical, kind = excluded.kind, json = excluded.json",
    )?
    .execute(params![
        e.id,
        e.canonical,
        e.kind.as_str(),
        to_json(referrer, e)?
    ])?;
    let mut name =
        tx.prepare_cached("INSERT OR IGNORE INTO entity_names (name, entity) VALUES (?1, ?2)")?;
    for n in std::iter::once(&e.canonical).chain(&e.variants) {
        name.execute([crate::entities::name_key(n), e.id.clone()])?;
    }
    let mut article = tx.prepare_cached(
        "INSERT OR IGNORE INTO entity_articles (entity, article) VALUES (?1, ?2)",
    )?;
    for a in &e.articles {
        article.execute([&e.id, a])?;
    }
    Ok(())
}

fn put_event(tx: &Transaction, e: &Event, pending: &mut Vec<PendingRef>) -> Result<(), StoreError> {
    let referrer = || format!("event {} ({})", e.id, e.title);
    for a in &e.articles {
        require(tx, Table::Articles, a, referrer)?;
    }
    pending.push(PendingRef {
        table: Table::Stories,
        id: e.story.clone(),
        referrer: referrer(),
    });
    tx.prepare_cached("DELETE FROM event_articles WHERE event = ?1")?
        .execute([&e.id])?;
    tx.prepare_cached(
        "INSERT INTO events (id, story, date, first_published, title, summary, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE
         SET story = excluded.story, date = excluded.date,
             first_published = excluded.first_published, title = excluded.title,
             summary = excluded.summary, json = excluded.json",
    )?
    .execute(params![
        e.id,
        e.story,
        e.date,
        e.first_published.map(|d| d.to_string()),
        e.title,
        e.summary,
        to_json(referrer, e)?,
    ])?;
    let mut member = tx.prepare_cached(
        "INSERT OR IGNORE INTO event_articles (event, article, pos) VALUES (?1, ?2, ?3)",
    )?;
    for (pos, a) in (0i64..).zip(&e.articles) {
        member.execute(params![e.id, a, pos])?;
    }
    Ok(())
}

fn put_story(tx: &Transaction, s: &Story, pending: &mut Vec<PendingRef>) -> Result<(), StoreError> {
    pending.extend(s.events.iter().map(|e| PendingRef {
        table: Table::Events,
        id: e.clone(),
        referrer: format!("story {} ({})", s.id, s.title),
    }));
    tx.prepare_cached("DELETE FROM story_events WHERE story = ?1")?
        .execute([&s.id])?;
    tx.prepare_cached(
        "INSERT INTO stories (id, title, pos)
         VALUES (?1, ?2, (SELECT COALESCE(MAX(pos), 0) + 1 FROM stories))
         ON CONFLICT (id) DO UPDATE SET title = excluded.title",
    )?
    .execute([&s.id, &s.title])?;
    let mut member = tx.prepare_cached(
        "INSERT OR IGNORE INTO story_events (story, event, pos) VALUES (?1, ?2, ?3)",
    )?;
    for (pos, e) in (0i64..).zip(&s.events) {
        member.execute(params![s.id, e, pos])?;
    }
    Ok(())
}
