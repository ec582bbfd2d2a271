//! Resolving a full id or a unique id prefix to the stored object it names.

use crate::{Store, StoreError};
use serde::Serialize;
use std::fmt;

/// Most matches listed in an ambiguous-prefix error.
const MAX_LISTED: usize = 10;

/// What kind of stored object an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A story.
    Story,
    /// An event.
    Event,
    /// An article.
    Article,
    /// An entity.
    Entity,
}

impl Kind {
    /// Every kind, in the order ids are looked up.
    pub const ALL: [Kind; 4] = [Kind::Story, Kind::Event, Kind::Article, Kind::Entity];

    /// Lower-case name (`story`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Story => "story",
            Kind::Event => "event",
            Kind::Article => "article",
            Kind::Entity => "entity",
        }
    }

    /// Ids in `[?1, ?2)`, at most `?3` of them.
    fn range_sql(self) -> &'static str {
        match self {
            Kind::Story => "SELECT id FROM stories WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT ?3",
            Kind::Event => "SELECT id FROM events WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT ?3",
            Kind::Article => {
                "SELECT id FROM articles WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT ?3"
            }
            Kind::Entity => {
                "SELECT id FROM entities WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT ?3"
            }
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Store {
    /// The story, event, article or entity whose id is `prefix` or starts with it
    /// (hex digits, any case). `None` when nothing matches or `prefix` is not hex;
    /// [`StoreError::AmbiguousId`] when several match and none equals it exactly.
    pub fn resolve_prefix(&self, prefix: &str) -> Result<Option<(Kind, String)>, StoreError> {
        let low = prefix.trim().to_ascii_lowercase();
        if low.is_empty() || !low.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        // Every id starting with `low` sorts in [low, low + "g"): hex digits sort below 'g'.
        let high = format!("{low}g");
        let limit = i64::try_from(MAX_LISTED + 1).unwrap_or(i64::MAX);
        let mut matches = Vec::new();
        for kind in Kind::ALL {
            let ids = self
                .conn
                .prepare_cached(kind.range_sql())?
                .query_map(rusqlite::params![low, high, limit], |r| {
                    r.get::<_, String>(0)
                })?
                .collect::<Result<Vec<_>, _>>()?;
            matches.extend(ids.into_iter().map(|id| (kind, id)));
        }
        let exact: Vec<_> = matches.iter().filter(|(_, id)| *id == low).collect();
        if let [only] = exact.as_slice() {
            return Ok(Some((*only).clone()));
        }
        if matches.len() <= 1 {
            return Ok(matches.pop());
        }
        let mut listed: Vec<String> = matches
            .iter()
            .take(MAX_LISTED)
            .map(|(kind, id)| format!("  {kind} {id}"))
            .collect();
        if matches.len() > MAX_LISTED {
            listed.push("  ...".into());
        }
        Err(StoreError::AmbiguousId {
            prefix: prefix.trim().to_string(),
            matches: listed,
        })
    }
}
