//! The article page: metadata with date evidence, the highlighted text, quotes.

use super::{esc, external_link, label, seg, Page, PageResult};
use crate::data;
use crate::state::Shared;
use axum::extract::{Path, State};
use std::fmt::Write;
use storyline_model::{AnalyzedArticle, DateEvidence, QuoteKind, Span};
use storyline_store::views::{ArticleView, EventView};

/// A highlighted stretch of the text.
struct Mark {
    span: Span,
    /// Opening tag (attributes escaped).
    open: String,
    /// Closing tag.
    close: &'static str,
}

/// Highlights for time expressions and entity mentions, by start, overlaps dropped
/// (the earlier-starting, then longer, one wins) and spans off char boundaries skipped.
fn marks(a: &AnalyzedArticle) -> Vec<Mark> {
    let text = &a.article.text;
    let mut all: Vec<Mark> = a
        .timexes
        .iter()
        .map(|t| Mark {
            span: t.span,
            open: format!(
                r#"<mark class="timex" title="{} {}">"#,
                t.kind.as_str(),
                esc(&t.value)
            ),
            close: "</mark>",
        })
        .chain(a.mentions.iter().map(|m| {
            let title = format!(
                "{}{}",
                m.kind.as_str(),
                m.role
                    .as_deref()
                    .map_or(String::new(), |r| format!(", {r}"))
            );
            match &m.entity {
                Some(id) => Mark {
                    span: m.span,
                    open: format!(
                        r#"<a class="ent {}" href="/entities/{}" title="{}">"#,
                        m.kind.as_str().to_ascii_lowercase(),
                        seg(id),
                        esc(&title)
                    ),
                    close: "</a>",
                },
                None => Mark {
                    span: m.span,
                    open: format!(
                        r#"<mark class="ent {}" title="{}">"#,
                        m.kind.as_str().to_ascii_lowercase(),
                        esc(&title)
                    ),
                    close: "</mark>",
                },
            }
        }))
        .filter(|m| !m.span.is_empty() && text.get(m.span.start..m.span.end).is_some())
        .collect();
    all.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut kept: Vec<Mark> = Vec::with_capacity(all.len());
    for m in all {
        if kept.last().is_none_or(|k| k.span.end <= m.span.start) {
            kept.push(m);
        }
    }
    kept
}

/// The article text, escaped, with its highlights.
fn highlighted(a: &AnalyzedArticle) -> String {
    let text = &a.article.text;
    let mut out = String::with_capacity(text.len() * 2);
    let mut at = 0;
    for m in marks(a) {
        out.push_str(&esc(text.get(at..m.span.start).unwrap_or("")));
        out.push_str(&m.open);
        out.push_str(&esc(m.span.slice(text)));
        out.push_str(m.close);
        at = m.span.end;
    }
    out.push_str(&esc(text.get(at..).unwrap_or("")));
    out
}

/// The publication date with every candidate and note.
fn date_evidence(d: &DateEvidence) -> String {
    let mut out = format!(
        "<dt>Published</dt><dd>{}{}{}</dd>",
        d.value.map_or("unknown".into(), |v| v.to_string()),
        d.chosen_from
            .map_or(String::new(), |s| format!(" (from {})", label(&s))),
        if d.conflict {
            " <strong>sources disagree</strong>"
        } else {
            ""
        }
    );
    if !d.candidates.is_empty() {
        out.push_str("<dt>Date evidence</dt><dd><ul>");
        for c in &d.candidates {
            let _ = write!(
                out,
                "<li>{} from {}: “{}”</li>",
                c.value,
                label(&c.source),
                esc(&c.raw)
            );
        }
        out.push_str("</ul></dd>");
    }
    for note in &d.notes {
        let _ = write!(out, "<dt>Note</dt><dd>{}</dd>", esc(note));
    }
    out
}

/// The escaped headline of article `id` as listed under `events`, else its id.
fn article_name(events: &[EventView], id: &str) -> String {
    let title = events
        .iter()
        .flat_map(|e| &e.articles)
        .find(|a| a.id == id)
        .and_then(|a| a.title.as_deref());
    esc(title.unwrap_or(id))
}

/// The metadata list of an article.
fn metadata(page: &ArticlePage) -> String {
    let v = &page.view;
    let a = &v.article.article;
    let mut out = String::from("<dl class=\"facts\">");
    let mut row = |name: &str, value: String| {
        let _ = write!(out, "<dt>{name}</dt><dd>{value}</dd>");
    };
    row("Outlet", esc(a.outlet.as_deref().unwrap_or("unknown")));
    if let Some(url) = &a.url {
        row("URL", external_link(url));
    }
    row("Source", external_link(&a.source));
    row("Format", label(&a.format));
    if let Some(lang) = &v.article.language {
        row("Language", esc(lang));
    }
    if let Some(d) = &v.duplicate {
        row(
            "Copy of",
            format!(
                r#"<a href="/articles/{}">{}</a> ({} copy, similarity {:.2})"#,
                seg(&d.of),
                article_name(&page.events, &d.of),
                label(&d.kind),
                d.similarity
            ),
        );
    }
    for c in &v.copies {
        row(
            "Copied by",
            format!(
                r#"<a href="/articles/{}">{}</a>"#,
                seg(&c.article),
                article_name(&page.events, &c.article)
            ),
        );
    }
    for e in &page.events {
        row(
            "Event",
            format!(
                r#"<a href="/events/{}">{}</a>"#,
                seg(&e.event.id),
                esc(&e.event.title)
            ),
        );
    }
    for w in &a.warnings {
        row("Warning", esc(w));
    }
    out.push_str(&date_evidence(&a.published));
    out.push_str("</dl>");
    out
}

/// The quotes of an article with their speakers.
fn quotes(a: &AnalyzedArticle) -> String {
    if a.quotes.is_empty() {
        return String::new();
    }
    let mut out = String::from("<h2>Quotes</h2><ul class=\"quotes\">");
    for q in &a.quotes {
        let speaker = match &q.speaker {
            Some(s) => match &s.entity {
                Some(id) => format!(r#"<a href="/entities/{}">{}</a>"#, seg(id), esc(&s.name)),
                None => esc(&s.name),
            },
            None => "unattributed".into(),
        };
        let _ = write!(
            out,
            r#"<li><blockquote>{}</blockquote><p class="meta">{} · {}{}{}</p></li>"#,
            esc(&q.text),
            speaker,
            match q.kind {
                QuoteKind::Direct => "direct quote",
                QuoteKind::Indirect => "reported speech",
            },
            q.cue
                .as_deref()
                .map_or(String::new(), |c| format!(" · {}", esc(c))),
            q.relay
                .as_deref()
                .map_or(String::new(), |r| format!(" · via {}", esc(r)))
        );
    }
    out.push_str("</ul>");
    out
}

/// An article with the events it belongs to.
struct ArticlePage {
    view: ArticleView,
    events: Vec<EventView>,
}

/// The body of an article page.
fn body(page: &ArticlePage) -> String {
    let v = &page.view;
    format!(
        r#"{}<h2>Text</h2><p class="legend"><mark class="timex">time expression</mark> <mark class="ent per">person</mark> <mark class="ent org">organisation</mark> <mark class="ent loc">place</mark> <mark class="ent misc">other name</mark></p><div class="text">{}</div>{}"#,
        metadata(page),
        highlighted(&v.article),
        quotes(&v.article)
    )
}

/// `GET /articles/{id}`.
pub(crate) async fn article(State(state): State<Shared>, Path(id): Path<String>) -> PageResult {
    let found = state
        .read(move |s| {
            let view = data::article(s, &id)?;
            let mut events = Vec::with_capacity(view.events.len());
            for e in &view.events {
                events.extend(s.event(e)?);
            }
            Ok(ArticlePage { view, events })
        })
        .await;
    PageResult(found.map(|page| {
        Page {
            title: page
                .view
                .article
                .article
                .title
                .clone()
                .unwrap_or_else(|| "(untitled article)".into()),
            body: body(&page),
        }
    }))
}
