//! Changes to the store, produced by ingest and link and applied by the single writer.

use crate::{AnalyzedArticle, Duplicate, Entity, Event, Rejection, Story};
use serde::{Deserialize, Serialize};

/// One change to the store. The writer applies a batch of changes in one transaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Change {
    /// Store an analysed article (ignored when an article with the same id is stored).
    AddArticle(Box<AnalyzedArticle>),
    /// Record an input that was rejected.
    AddRejection(Rejection),
    /// Drop every derived link result before a full relink (articles and rejections stay).
    ResetLinks,
    /// Record that an article copies another.
    MarkDuplicate(Duplicate),
    /// Store a resolved entity (mentions point to it by id).
    PutEntity(Entity),
    /// Store an event.
    PutEvent(Box<Event>),
    /// Store a story.
    PutStory(Story),
    /// Set the resolved entity id of each mention of an article (`entities[i]` belongs to
    /// `mentions[i]` of the stored analysis); cleared again by `ResetLinks`.
    AssignMentions {
        /// The article.
        article: String,
        /// One entry per mention, in the stored order.
        entities: Vec<Option<String>>,
    },
}
