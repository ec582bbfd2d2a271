//! The JSON API under `/api`: the store's views unchanged, and article ingest.

use crate::data::{self, Paging};
use crate::error::Failure;
use crate::state::Shared;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use storyline_engine::{IngestReport, LinkReport};
use storyline_model::Rejection;

/// The JSON response of a failed request: `{"error": message}` with its status.
pub(crate) fn failure(f: Failure) -> Response {
    (f.status, Json(serde_json::json!({ "error": f.message }))).into_response()
}

/// A JSON handler's result.
pub(crate) struct Api<T>(Result<T, Failure>);

impl<T: Serialize> IntoResponse for Api<T> {
    fn into_response(self) -> Response {
        match self.0 {
            Ok(body) => Json(body).into_response(),
            Err(f) => failure(f),
        }
    }
}

/// `GET /api/health`.
pub(crate) async fn health(State(state): State<Shared>) -> Api<serde_json::Value> {
    Api(state
        .read(|store| {
            let articles = store.article_count()?;
            Ok(serde_json::json!({ "status": "ok", "articles": articles }))
        })
        .await)
}

/// `GET /api/stories?page=&per_page=`: one page of story summaries; the total is in
/// the `X-Total-Count` header.
pub(crate) async fn stories(
    State(state): State<Shared>,
    paging: Result<Query<Paging>, QueryRejection>,
) -> Response {
    let paging = match paging {
        Ok(Query(p)) => p,
        Err(e) => return failure(Failure::new(StatusCode::BAD_REQUEST, e.body_text())),
    };
    match state.read(move |s| data::stories_page(s, paging)).await {
        Ok(page) => {
            let mut res = Json(page.items).into_response();
            res.headers_mut()
                .insert("x-total-count", HeaderValue::from(page.total));
            res
        }
        Err(f) => failure(f),
    }
}

/// `GET /api/stories/{id}`.
pub(crate) async fn story(
    State(state): State<Shared>,
    Path(id): Path<String>,
) -> Api<storyline_store::views::StoryView> {
    Api(state.read(move |s| data::story(s, &id)).await)
}

/// `GET /api/events/{id}`.
pub(crate) async fn event(
    State(state): State<Shared>,
    Path(id): Path<String>,
) -> Api<storyline_store::views::EventView> {
    Api(state.read(move |s| data::event(s, &id)).await)
}

/// `GET /api/articles/{id}`.
pub(crate) async fn article(
    State(state): State<Shared>,
    Path(id): Path<String>,
) -> Api<storyline_store::views::ArticleView> {
    Api(state.read(move |s| data::article(s, &id)).await)
}

/// `GET /api/entities/{id_or_name}`: every entity the id or name matches.
pub(crate) async fn entities(
    State(state): State<Shared>,
    Path(key): Path<String>,
) -> Api<Vec<storyline_store::views::EntityView>> {
    Api(state.read(move |s| data::entities(s, &key)).await)
}

/// The JSON body of `POST /api/articles`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct NewArticle {
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
}

/// What `POST /api/articles` did.
#[derive(Debug, Serialize)]
struct PostReport {
    /// Articles newly stored.
    stored: usize,
    /// Articles already stored (same content).
    already_stored: usize,
    /// Inputs rejected, with reasons.
    rejected: Vec<Rejection>,
    /// The relink that followed, when anything was stored.
    link: Option<LinkSummary>,
}

/// The figures of a relink.
#[derive(Debug, Serialize)]
struct LinkSummary {
    articles: usize,
    duplicates: usize,
    events: usize,
    stories: usize,
    entities: usize,
}

impl PostReport {
    fn new(ingest: IngestReport, link: Option<LinkReport>) -> PostReport {
        PostReport {
            stored: ingest.stored,
            already_stored: ingest.already_stored,
            rejected: ingest.rejected,
            link: link.map(|l| LinkSummary {
                articles: l.articles,
                duplicates: l.duplicates,
                events: l.events,
                stories: l.stories,
                entities: l.entities,
            }),
        }
    }

    /// 201 when something was stored, 422 when everything was rejected, else 200.
    fn status(&self) -> StatusCode {
        if self.stored > 0 {
            StatusCode::CREATED
        } else if self.already_stored == 0 {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        }
    }
}

/// The input name and bytes to ingest from a request body: a JSON article object
/// (`Content-Type: application/json`) becomes one JSON-lines record; anything else is
/// read as a document of its own (plain text, HTML, a feed, ...).
fn input_of(headers: &HeaderMap, body: &[u8]) -> Result<(&'static str, Vec<u8>), Failure> {
    let bad = |m: String| Failure::new(StatusCode::BAD_REQUEST, m);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(bad("the body is empty; send an article".into()));
    }
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("application/json"));
    if !is_json {
        return Ok(("http-post", body.to_vec()));
    }
    let article: NewArticle = serde_json::from_slice(body)
        .map_err(|e| bad(format!("the body is not a valid article object: {e}")))?;
    if article.text.trim().is_empty() {
        return Err(bad("the article `text` is empty".into()));
    }
    let line = serde_json::to_vec(&article).map_err(Failure::internal)?;
    Ok(("http-post.jsonl", line))
}

/// `POST /api/articles`: ingests the body, relinks, and reports what happened.
pub(crate) async fn post_article(
    State(state): State<Shared>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(e) => return failure(Failure::new(e.status(), e.body_text())),
    };
    let (source, bytes) = match input_of(&headers, &body) {
        Ok(input) => input,
        Err(f) => return failure(f),
    };
    let done = state
        .write(move |engine| {
            let ingest = engine.ingest_bytes(source, &bytes)?;
            let link = match ingest.stored {
                0 => None,
                _ => Some(engine.relink()?),
            };
            Ok(PostReport::new(ingest, link))
        })
        .await;
    match done {
        Ok(report) => (report.status(), Json(report)).into_response(),
        Err(f) => failure(f),
    }
}

/// `GET /api/openapi.json`.
pub(crate) async fn openapi() -> Json<serde_json::Value> {
    Json(crate::openapi::document())
}
