//! The story list, story, event and entity pages.

use super::{esc, seg, timeline, Page, PageResult};
use crate::data::{self, Paging};
use crate::error::Failure;
use crate::state::Shared;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::fmt::Write;
use storyline_store::views::{ArticleRef, EntityRef, EntityView, EventView, StoryView};

/// `first – last`, one date, or `undated`.
fn date_span(first: Option<&str>, last: Option<&str>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a != b => format!("{} – {}", esc(a), esc(b)),
        (Some(a), _) | (None, Some(a)) => esc(a),
        (None, None) => "undated".into(),
    }
}

/// The body of the story list page.
fn index_body(page: &data::Page) -> String {
    let mut body = String::new();
    if page.total == 0 {
        body.push_str("<p>No stories yet. Ingest articles with <code>storyline run</code> or <code>POST /api/articles</code>.</p>");
    } else if page.items.is_empty() {
        body.push_str(r#"<p>No stories on this page. <a href="/">Back to the first page</a></p>"#);
    } else {
        body.push_str(r#"<table><thead><tr><th scope="col">Story</th><th scope="col">Events</th><th scope="col">Articles</th><th scope="col">Outlets</th><th scope="col">Dates</th></tr></thead><tbody>"#);
        for s in &page.items {
            let _ = write!(
                body,
                r#"<tr><td><a href="/stories/{}">{}</a></td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td></tr>"#,
                seg(&s.id),
                esc(&s.title),
                s.events,
                s.articles,
                s.outlets,
                date_span(s.first_date.as_deref(), s.last_date.as_deref())
            );
        }
        body.push_str("</tbody></table>");
    }
    let _ = write!(
        body,
        r#"<nav class="pager" aria-label="Pages"><span>{} stories</span>"#,
        page.total
    );
    if page.page > 1 {
        let _ = write!(
            body,
            r#" <a rel="prev" href="/?page={}&amp;per_page={}">Previous</a>"#,
            page.page - 1,
            page.per_page
        );
    }
    if page.has_next() {
        let _ = write!(
            body,
            r#" <a rel="next" href="/?page={}&amp;per_page={}">Next</a>"#,
            page.page + 1,
            page.per_page
        );
    }
    body.push_str("</nav>");
    body
}

/// `GET /`: the story list, paged like `/api/stories`.
pub(crate) async fn index(
    State(state): State<Shared>,
    paging: Result<Query<Paging>, QueryRejection>,
) -> PageResult {
    let paging = match paging {
        Ok(Query(p)) => p,
        Err(e) => return PageResult(Err(Failure::new(StatusCode::BAD_REQUEST, e.body_text()))),
    };
    let page = state.read(move |s| data::stories_page(s, paging)).await;
    PageResult(page.map(|page| Page {
        title: "Stories".into(),
        body: index_body(&page),
    }))
}

/// One article line: headline link, outlet, date.
fn article_line(a: &ArticleRef) -> String {
    format!(
        r#"<a href="/articles/{}">{}</a> <span class="meta">{} · {}</span>"#,
        seg(&a.id),
        esc(a.title.as_deref().unwrap_or("(untitled)")),
        esc(a.outlet.as_deref().unwrap_or("unknown outlet")),
        a.published.map_or("undated".into(), |d| d.to_string())
    )
}

/// The escaped headline of article `id` among `articles`, else its id.
fn article_name(articles: &[ArticleRef], id: &str) -> String {
    let title = articles
        .iter()
        .find(|a| a.id == id)
        .and_then(|a| a.title.as_deref());
    esc(title.unwrap_or(id))
}

/// The articles of an event, near-duplicate copies folded under their canonical article.
fn folded_articles(articles: &[ArticleRef]) -> String {
    let mut out = String::from("<ul class=\"articles\">");
    for a in articles.iter().filter(|a| a.duplicate_of.is_none()) {
        let _ = write!(out, "<li>{}", article_line(a));
        let copies: Vec<&ArticleRef> = articles
            .iter()
            .filter(|c| c.duplicate_of.as_deref() == Some(a.id.as_str()))
            .collect();
        if !copies.is_empty() {
            let _ = write!(
                out,
                "<details><summary>{} near-duplicate cop{}</summary><ul>",
                copies.len(),
                if copies.len() == 1 { "y" } else { "ies" }
            );
            for c in copies {
                let _ = write!(out, "<li>{}</li>", article_line(c));
            }
            out.push_str("</ul></details>");
        }
        out.push_str("</li>");
    }
    // Copies whose canonical article lies outside this event are listed as they are.
    for a in articles.iter().filter(|a| {
        a.duplicate_of
            .as_deref()
            .is_some_and(|of| !articles.iter().any(|c| c.id == of))
    }) {
        let _ = write!(
            out,
            r#"<li>{} <span class="meta">(copy)</span></li>"#,
            article_line(a)
        );
    }
    out.push_str("</ul>");
    out
}

/// A link to an entity.
fn entity_link(e: &EntityRef) -> String {
    format!(
        r#"<a href="/entities/{}" title="{}">{}</a>"#,
        seg(&e.id),
        e.kind.as_str(),
        esc(&e.canonical)
    )
}

/// The heading facts of an event: date, place, participants.
fn event_facts(ev: &EventView) -> String {
    let mut out = String::from("<dl class=\"facts\">");
    let _ = write!(
        out,
        "<dt>Date</dt><dd>{}</dd>",
        esc(ev.event.date.as_deref().unwrap_or("undated"))
    );
    if !ev.event.date_disputed.is_empty() {
        let _ = write!(
            out,
            "<dt>Also reported as</dt><dd>{}</dd>",
            esc(&ev.event.date_disputed.join(", "))
        );
    }
    if let Some(place) = &ev.place {
        let _ = write!(out, "<dt>Place</dt><dd>{}</dd>", entity_link(place));
    }
    if !ev.participants.is_empty() {
        let names: Vec<String> = ev.participants.iter().map(entity_link).collect();
        let _ = write!(out, "<dt>Participants</dt><dd>{}</dd>", names.join(", "));
    }
    out.push_str("</dl>");
    out
}

/// The body of a story page.
fn story_body(story: &StoryView) -> String {
    let s = &story.summary;
    let mut body = format!(
        r#"<p class="meta">{} events · {} articles · {} outlets · {}</p>"#,
        s.events,
        s.articles,
        s.outlets,
        date_span(s.first_date.as_deref(), s.last_date.as_deref())
    );
    body.push_str(&timeline::svg(&story.timeline));
    body.push_str("<h2>Events</h2>");
    for ev in &story.timeline {
        let _ = write!(
            body,
            r#"<section class="event"><h3><a href="/events/{}">{}</a></h3>{}<p>{}</p>{}</section>"#,
            seg(&ev.event.id),
            esc(&ev.event.title),
            event_facts(ev),
            esc(&ev.event.summary),
            folded_articles(&ev.articles)
        );
    }
    body
}

/// `GET /stories/{id}`.
pub(crate) async fn story(State(state): State<Shared>, Path(id): Path<String>) -> PageResult {
    PageResult(
        state
            .read(move |s| data::story(s, &id))
            .await
            .map(|story| Page {
                title: story.summary.title.clone(),
                body: story_body(&story),
            }),
    )
}

/// `name (weight)` pairs, comma-separated.
fn weighted(pairs: &[(String, f64)]) -> String {
    let items: Vec<String> = pairs
        .iter()
        .map(|(name, w)| format!("{} ({w:.2})", esc(name)))
        .collect();
    items.join(", ")
}

/// The body of an event page: facts, then each article with why it is here.
fn event_body(ev: &EventView) -> String {
    let mut body = format!(
        r#"<p class="meta">In story <a href="/stories/{}">{}</a></p>{}<p>{}</p><h2>Articles and why they are here</h2><ul class="articles">"#,
        seg(&ev.event.story),
        esc(&ev.event.story),
        event_facts(ev),
        esc(&ev.event.summary)
    );
    for a in &ev.articles {
        let _ = write!(body, "<li>{}", article_line(a));
        if let Some(of) = &a.duplicate_of {
            let _ = write!(
                body,
                r#" <span class="meta">near-duplicate of <a href="/articles/{}">{}</a></span>"#,
                seg(of),
                article_name(&ev.articles, of)
            );
        }
        match ev.event.explanations.iter().find(|x| x.article == a.id) {
            Some(x) => {
                let _ = write!(
                    body,
                    "<dl class=\"why\"><dt>Similarity</dt><dd>{:.2}</dd>",
                    x.score
                );
                if !x.entities.is_empty() {
                    let _ = write!(
                        body,
                        "<dt>Shared entities</dt><dd>{}</dd>",
                        weighted(&x.entities)
                    );
                }
                if !x.terms.is_empty() {
                    let _ = write!(body, "<dt>Shared terms</dt><dd>{}</dd>", weighted(&x.terms));
                }
                if let Some(date) = &x.date {
                    let _ = write!(body, "<dt>Date</dt><dd>{}</dd>", esc(date));
                }
                body.push_str("</dl>");
            }
            None if a.duplicate_of.is_some() => {
                body.push_str(r#"<p class="meta">Here as a copy of its canonical article.</p>"#)
            }
            None => body.push_str(r#"<p class="meta">No explanation stored.</p>"#),
        }
        body.push_str("</li>");
    }
    body.push_str("</ul>");
    if !ev.event.date_votes.is_empty() {
        body.push_str("<h2>Date evidence</h2><ul>");
        for v in &ev.event.date_votes {
            let _ = write!(
                body,
                r#"<li>“{}” → {} in <a href="/articles/{}">{}</a></li>"#,
                esc(&v.text),
                esc(&v.value),
                seg(&v.article),
                article_name(&ev.articles, &v.article)
            );
        }
        body.push_str("</ul>");
    }
    body
}

/// `GET /events/{id}`.
pub(crate) async fn event(State(state): State<Shared>, Path(id): Path<String>) -> PageResult {
    PageResult(
        state
            .read(move |s| data::event(s, &id))
            .await
            .map(|ev| Page {
                title: ev.event.title.clone(),
                body: event_body(&ev),
            }),
    )
}

/// One entity's section: variants, roles, events and articles in date order.
fn entity_section(v: &EntityView) -> String {
    let e = &v.entity;
    let mut out = format!(
        r#"<section class="entity"><h2>{} <span class="kind">{}</span></h2><dl class="facts"><dt>Mentions</dt><dd>{}</dd><dt>Variants</dt><dd>{}</dd>"#,
        esc(&e.canonical),
        e.kind.as_str(),
        e.mentions,
        esc(&e.variants.join(", "))
    );
    if !e.roles.is_empty() {
        let _ = write!(out, "<dt>Roles</dt><dd>{}</dd>", esc(&e.roles.join("; ")));
    }
    out.push_str("</dl><h3>Events</h3><ul>");
    for ev in &v.events {
        let _ = write!(
            out,
            r#"<li><a href="/events/{}">{}</a> <span class="meta">{}</span></li>"#,
            seg(&ev.id),
            esc(&ev.title),
            esc(ev.date.as_deref().unwrap_or("undated"))
        );
    }
    out.push_str("</ul><h3>Articles</h3><ul>");
    for a in &v.articles {
        let _ = write!(out, "<li>{}</li>", article_line(a));
    }
    out.push_str("</ul>");
    if !v.co_occurring.is_empty() {
        out.push_str("<h3>Seen with</h3><ul>");
        for c in &v.co_occurring {
            let _ = write!(
                out,
                "<li>{} <span class=\"meta\">{} article{}</span></li>",
                entity_link(&c.entity),
                c.articles,
                if c.articles == 1 { "" } else { "s" }
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");
    out
}

/// `GET /entities/{id_or_name}`: every entity the id or name matches.
pub(crate) async fn entity(State(state): State<Shared>, Path(key): Path<String>) -> PageResult {
    let title = key.clone();
    PageResult(
        state
            .read(move |s| data::entities(s, &key))
            .await
            .map(|found| Page {
                title: match found.as_slice() {
                    [only] => only.entity.canonical.clone(),
                    _ => title,
                },
                body: found.iter().map(entity_section).collect(),
            }),
    )
}

/// The 404 page of unknown paths (JSON under `/api`).
pub(crate) async fn not_found(uri: axum::http::Uri) -> Response {
    let f = Failure::new(
        StatusCode::NOT_FOUND,
        format!("there is no page at {}", uri.path()),
    );
    if uri.path().starts_with("/api/") {
        crate::api::failure(f)
    } else {
        PageResult(Err(f)).into_response()
    }
}
