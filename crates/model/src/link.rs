//! Results of linking articles across the collection: duplicates, entities, events, stories.

use crate::EntityKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How a near-duplicate relates to its group's canonical article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateKind {
    /// Same normalised text.
    Exact,
    /// High Jaccard similarity of shingles.
    Near,
    /// Most of one text is contained in the other (trimmed copy, embedding article).
    Contained,
}

/// An article found to be a copy of an earlier one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Duplicate {
    /// The copy.
    pub article: String,
    /// The group's canonical article (earliest published, then first seen).
    pub of: String,
    /// Similarity to the closest earlier member of the group (Jaccard or containment, 0..=1);
    /// 0 when the article joined the group only through a later merge of two groups.
    pub similarity: f64,
    /// Kind of copy.
    pub kind: DuplicateKind,
}

/// A resolved entity: one real person, place or organisation across spellings and articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id: from the gazetteer place for known places, else from the name keys.
    pub id: String,
    /// The preferred name (the most frequent full form).
    pub canonical: String,
    /// Class.
    pub kind: EntityKind,
    /// Every surface form seen, sorted.
    pub variants: Vec<String>,
    /// Titles and roles seen with the name (`US Secretary of State`).
    pub roles: Vec<String>,
    /// Articles mentioning it, sorted by id.
    pub articles: Vec<String>,
    /// Number of mentions.
    pub mentions: u32,
}

/// One article's evidence for an event's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateVote {
    /// The article.
    pub article: String,
    /// The time expression as written (`on Friday`).
    pub text: String,
    /// Its normalised value.
    pub value: String,
}

/// Why an article belongs to its event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// The article explained.
    pub article: String,
    /// Overall similarity to the rest of the event (0..=1).
    pub score: f64,
    /// Shared entities with their weights.
    pub entities: Vec<(String, f64)>,
    /// Shared terms with their weights.
    pub terms: Vec<(String, f64)>,
    /// Event date agreement, when any.
    pub date: Option<String>,
}

/// Articles reporting one happening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id derived from member articles.
    pub id: String,
    /// The story it belongs to.
    pub story: String,
    /// Member articles (duplicates included), in canonical order.
    pub articles: Vec<String>,
    /// When it happened (TIMEX3 value), not when it was published; `None` when undated.
    pub date: Option<String>,
    /// Evidence for the date.
    pub date_votes: Vec<DateVote>,
    /// Other values articles gave for the date (disagreement).
    pub date_disputed: Vec<String>,
    /// Earliest publication date among members.
    pub first_published: Option<NaiveDate>,
    /// Title from the most central article.
    pub title: String,
    /// One-sentence summary from the most central article's lead.
    pub summary: String,
    /// Main place, when known (entity id).
    pub place: Option<String>,
    /// Main participants (entity ids), most salient first.
    pub participants: Vec<String>,
    /// Why each article is here.
    pub explanations: Vec<Explanation>,
}

/// Events that continue one topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// Stable id derived from member events.
    pub id: String,
    /// Title built from its events.
    pub title: String,
    /// Events in timeline order (dated by date, undated last).
    pub events: Vec<String>,
}
