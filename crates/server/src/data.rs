//! Looking up the store's views by full id or unique id prefix, and paging the story list.

use crate::error::Failure;
use axum::http::StatusCode;
use serde::Deserialize;
use storyline_store::views::{ArticleView, EntityView, EventView, StorySummary, StoryView};
use storyline_store::{Kind, Store, StoreError};

/// Stories per page when the client does not say.
pub(crate) const DEFAULT_PER_PAGE: usize = 50;
/// Most stories per page.
pub(crate) const MAX_PER_PAGE: usize = 200;

/// `?page=&per_page=` of a list (pages count from 1).
#[derive(Debug, Clone, Copy, Default, Deserialize)]
pub(crate) struct Paging {
    /// Page number, from 1.
    pub(crate) page: Option<usize>,
    /// Items per page, 1..=[`MAX_PER_PAGE`].
    pub(crate) per_page: Option<usize>,
}

/// One page of the story list.
pub(crate) struct Page {
    /// The stories on it.
    pub(crate) items: Vec<StorySummary>,
    /// Page number, from 1.
    pub(crate) page: usize,
    /// Items per page.
    pub(crate) per_page: usize,
    /// Stories in all.
    pub(crate) total: usize,
}

impl Page {
    /// True when a later page has stories.
    pub(crate) fn has_next(&self) -> bool {
        self.page.saturating_mul(self.per_page) < self.total
    }
}

/// The requested page of the story list; 400 for a page number or size out of range.
pub(crate) fn stories_page(store: &Store, paging: Paging) -> Result<Page, Failure> {
    let page = paging.page.unwrap_or(1);
    let per_page = paging.per_page.unwrap_or(DEFAULT_PER_PAGE);
    if page == 0 {
        return Err(Failure::new(StatusCode::BAD_REQUEST, "page counts from 1"));
    }
    if !(1..=MAX_PER_PAGE).contains(&per_page) {
        return Err(Failure::new(
            StatusCode::BAD_REQUEST,
            format!("per_page must be between 1 and {MAX_PER_PAGE}"),
        ));
    }
    let all = store.stories()?;
    let total = all.len();
    let skip = (page - 1).saturating_mul(per_page);
    let items = all.into_iter().skip(skip).take(per_page).collect();
    Ok(Page {
        items,
        page,
        per_page,
        total,
    })
}

/// The full id of the `kind` object named by `id` or by a unique prefix of its id;
/// `None` when nothing of that kind matches.
fn full_id(store: &Store, kind: Kind, id: &str) -> Result<Option<String>, StoreError> {
    Ok(store
        .resolve_prefix(id)?
        .filter(|(k, _)| *k == kind)
        .map(|(_, full)| full))
}

/// Fetches the `kind` object `id` names, exactly or by a unique prefix; 404 when none.
fn lookup<T>(
    store: &Store,
    kind: Kind,
    id: &str,
    get: impl Fn(&Store, &str) -> Result<Option<T>, StoreError>,
) -> Result<T, Failure> {
    if let Some(found) = get(store, id)? {
        return Ok(found);
    }
    match full_id(store, kind, id)? {
        Some(full) => get(store, &full)?,
        None => None,
    }
    .ok_or_else(|| Failure::not_found(kind.as_str(), id))
}

/// The story `id` names.
pub(crate) fn story(store: &Store, id: &str) -> Result<StoryView, Failure> {
    lookup(store, Kind::Story, id, Store::story)
}

/// The event `id` names.
pub(crate) fn event(store: &Store, id: &str) -> Result<EventView, Failure> {
    lookup(store, Kind::Event, id, Store::event)
}

/// The article `id` names.
pub(crate) fn article(store: &Store, id: &str) -> Result<ArticleView, Failure> {
    lookup(store, Kind::Article, id, Store::article)
}

/// The entities `id_or_name` names: by id, id prefix, canonical name or variant.
pub(crate) fn entities(store: &Store, id_or_name: &str) -> Result<Vec<EntityView>, Failure> {
    let by_name = |s: &Store, key: &str| {
        s.entity(key)
            .map(|found| Some(found).filter(|v: &Vec<EntityView>| !v.is_empty()))
    };
    lookup(store, Kind::Entity, id_or_name, by_name)
}
