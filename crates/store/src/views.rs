//! Read-only views shared by the CLI (`--json`), the HTTP API and the web UI.
//!
//! Each struct serialises to exactly what `--json` prints and the API returns.

use chrono::NaiveDate;
use serde::Serialize;
use storyline_model::{AnalyzedArticle, Duplicate, Entity, EntityKind, Event, Rejection};

/// One line of the story list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StorySummary {
    /// Story id.
    pub id: String,
    /// Story title.
    pub title: String,
    /// Number of events.
    pub events: usize,
    /// Number of distinct articles, each near-duplicate group counted once.
    pub articles: usize,
    /// Number of distinct outlets among all articles, copies included.
    pub outlets: usize,
    /// Date of the first dated event in timeline order.
    pub first_date: Option<String>,
    /// Date of the last dated event in timeline order.
    pub last_date: Option<String>,
}

/// A story with its events in timeline order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryView {
    /// The story's summary line.
    #[serde(flatten)]
    pub summary: StorySummary,
    /// Its events, in timeline order.
    pub timeline: Vec<EventView>,
}

/// A short reference to an article, as listed under events and entities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRef {
    /// Article id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// Input path or URL.
    pub source: String,
    /// The canonical article this one copies, when it is a near-duplicate.
    pub duplicate_of: Option<String>,
}

/// A short reference to an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRef {
    /// Entity id.
    pub id: String,
    /// Preferred name.
    pub canonical: String,
    /// Class.
    pub kind: EntityKind,
}

/// An event with its articles and the entities it names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventView {
    /// The event as linked (its `explanations` say why each article is in it).
    pub event: Event,
    /// Its articles in canonical order.
    pub articles: Vec<ArticleRef>,
    /// The place, resolved to its entity when stored.
    pub place: Option<EntityRef>,
    /// Participants resolved to their entities, in the event's order (unknown ids skipped).
    pub participants: Vec<EntityRef>,
}

/// An article with everything linking says about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleView {
    /// The analysed article.
    #[serde(flatten)]
    pub article: AnalyzedArticle,
    /// The canonical article it copies, when it is a near-duplicate.
    pub duplicate: Option<Duplicate>,
    /// Articles that copy it, by id.
    pub copies: Vec<Duplicate>,
    /// Events it belongs to (normally one), by id.
    pub events: Vec<String>,
    /// Stories of those events, by id.
    pub stories: Vec<String>,
}

/// A short reference to an event, as listed under entities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventRef {
    /// Event id.
    pub id: String,
    /// Story id.
    pub story: String,
    /// Event date (TIMEX3 value).
    pub date: Option<String>,
    /// Event title.
    pub title: String,
}

/// An entity seen in the same articles as another, with the number of shared articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoEntity {
    /// The other entity.
    #[serde(flatten)]
    pub entity: EntityRef,
    /// Articles mentioning both.
    pub articles: usize,
}

/// An entity with its articles, events and the entities it appears with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityView {
    /// The entity (its `articles` field lists ids only).
    pub entity: Entity,
    /// Articles mentioning it, by publication date (undated last), then id.
    pub articles: Vec<ArticleRef>,
    /// Events holding those articles, by date (undated last), then id.
    pub events: Vec<EventRef>,
    /// Entities sharing articles with it, most shared first (at most
    /// [`crate::CO_ENTITY_LIMIT`]).
    pub co_occurring: Vec<CoEntity>,
}

/// An article of the `run --json` document: the analysed article plus its duplicate link.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunArticle {
    /// The analysed article.
    #[serde(flatten)]
    pub article: AnalyzedArticle,
    /// The canonical article it copies, when it is a near-duplicate.
    pub duplicate_of: Option<String>,
}

/// A story of the `run --json` document with its events in timeline order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunStory {
    /// Story id.
    pub id: String,
    /// Story title.
    pub title: String,
    /// Events in timeline order (each with its article ids).
    pub events: Vec<Event>,
}

/// The `storyline run --json` document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunDocument {
    /// Every stored article in canonical order (published ascending, undated last, then id).
    pub articles: Vec<RunArticle>,
    /// Stories in story order.
    pub stories: Vec<RunStory>,
    /// Entities by canonical name, then id.
    pub entities: Vec<Entity>,
    /// Rejected inputs by source, then reason.
    pub rejected: Vec<Rejection>,
}
