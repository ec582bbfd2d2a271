//! Views printed as Markdown or JSON: the run report, stories, and `show`.

use anyhow::{bail, Context, Result};
use serde::Serialize;
use std::fmt::Write;
use std::path::Path;
use storyline_store::views::{ArticleView, EntityView, EventView, StorySummary};
use storyline_store::{Kind, Store};

/// Prints any view as pretty JSON on stdout.
pub fn print_json<T: Serialize>(value: &T) -> Result<()> {
    let s = serde_json::to_string_pretty(value)?;
    println!("{s}");
    Ok(())
}

fn open(db: &Path) -> Result<Store> {
    if !db.exists() {
        bail!(
            "no database at {}: run `storyline run PATH...` first, or pass --db",
            db.display()
        );
    }
    Store::open(db).with_context(|| format!("cannot open the database {}", db.display()))
}

/// The report of `storyline run`: every story with its timeline, then the rejected inputs.
pub fn run_markdown(store: &Store) -> Result<String> {
    let mut out = String::from("# Stories\n");
    let stories = store.stories()?;
    if stories.is_empty() {
        out.push_str("\nNo stories.\n");
    }
    for (n, s) in stories.iter().enumerate() {
        out.push('\n');
        story_markdown(store, n + 1, s, &mut out)?;
    }
    let rejected = store.rejections()?;
    if !rejected.is_empty() {
        out.push_str("\n# Rejected inputs\n\n");
        for r in rejected {
            let _ = writeln!(out, "- `{}`: {}", r.source, r.reason);
        }
    }
    Ok(out)
}

fn span(s: &StorySummary) -> String {
    match (&s.first_date, &s.last_date) {
        (Some(a), Some(b)) if a != b => format!("{a} to {b}"),
        (Some(a), _) => a.clone(),
        _ => "undated".into(),
    }
}

fn story_markdown(store: &Store, n: usize, s: &StorySummary, out: &mut String) -> Result<()> {
    let _ = writeln!(out, "## {n}. {}\n", s.title);
    let _ = writeln!(
        out,
        "Story `{}` · {} events · {} articles · {} outlets · {}\n",
        s.id,
        s.events,
        s.articles,
        s.outlets,
        span(s)
    );
    let Some(view) = store.story(&s.id)? else {
        return Ok(());
    };
    for ev in &view.timeline {
        event_markdown(ev, "###", out);
    }
    Ok(())
}

fn event_markdown(ev: &EventView, heading: &str, out: &mut String) {
    let e = &ev.event;
    let date = e.date.clone().unwrap_or_else(|| "undated".into());
    let _ = writeln!(out, "{heading} {date} — {}\n", e.title);
    if !e.summary.is_empty() && e.summary != e.title {
        let _ = writeln!(out, "{}\n", e.summary);
    }
    if let Some(p) = &ev.place {
        let _ = writeln!(out, "Where: {}", p.canonical);
    }
    if !ev.participants.is_empty() {
        let names: Vec<&str> = ev
            .participants
            .iter()
            .map(|p| p.canonical.as_str())
            .collect();
        let _ = writeln!(out, "Who: {}", names.join(", "));
    }
    if !e.date_disputed.is_empty() {
        let _ = writeln!(out, "Other dates given: {}", e.date_disputed.join(", "));
    }
    let _ = writeln!(out, "Event `{}`\n", e.id);
    for a in &ev.articles {
        let outlet = a.outlet.as_deref().unwrap_or("unknown outlet");
        let published = a
            .published
            .map(|d| d.to_string())
            .unwrap_or_else(|| "undated".into());
        let title = a.title.as_deref().unwrap_or("(no headline)");
        let copy = a
            .duplicate_of
            .as_ref()
            .map(|d| format!(" — copy of `{d}`"))
            .unwrap_or_default();
        let _ = writeln!(out, "- {outlet} · {published} · {title} (`{}`){copy}", a.id);
    }
    out.push('\n');
}

/// `storyline stories`.
pub fn stories(db: &Path, json: bool) -> Result<i32> {
    let store = open(db)?;
    let list = store.stories()?;
    if json {
        print_json(&list)?;
    } else {
        for s in &list {
            println!(
                "{}  {}  ({} events, {} articles, {})",
                s.id,
                s.title,
                s.events,
                s.articles,
                span(s)
            );
        }
    }
    Ok(0)
}

/// `storyline show ID`.
pub fn show(db: &Path, id: &str, json: bool) -> Result<i32> {
    let store = open(db)?;
    let Some((kind, id)) = store.resolve_prefix(id)? else {
        bail!("nothing has the id {id}: list ids with `storyline stories`");
    };
    match kind {
        Kind::Story => {
            let view = store.story(&id)?.context("story vanished")?;
            if json {
                print_json(&view)?;
            } else {
                let mut out = String::new();
                story_markdown(&store, 1, &view.summary, &mut out)?;
                print!("{out}");
            }
        }
        Kind::Event => {
            let view = store.event(&id)?.context("event vanished")?;
            if json {
                print_json(&view)?;
            } else {
                print!("{}", event_detail(&view));
            }
        }
        Kind::Article => {
            let view = store.article(&id)?.context("article vanished")?;
            if json {
                print_json(&view)?;
            } else {
                print!("{}", article_markdown(&view));
            }
        }
        Kind::Entity => return entity(db, &id, json),
    }
    Ok(0)
}

/// An event with the explanation of each member.
fn event_detail(view: &EventView) -> String {
    let mut out = String::new();
    event_markdown(view, "#", &mut out);
    out.push_str("## Why these articles\n\n");
    for x in &view.event.explanations {
        let ents: Vec<String> = x
            .entities
            .iter()
            .map(|(n, w)| format!("{n} ({w})"))
            .collect();
        let terms: Vec<String> = x.terms.iter().map(|(n, w)| format!("{n} ({w})")).collect();
        let _ = writeln!(
            out,
            "- `{}` score {}: entities {}; terms {}",
            x.article,
            x.score,
            ents.join(", "),
            terms.join(", ")
        );
        if let Some(d) = &x.date {
            let _ = writeln!(out, "  date {d}");
        }
    }
    if !view.event.date_votes.is_empty() {
        out.push_str("\n## Date evidence\n\n");
        for v in &view.event.date_votes {
            let _ = writeln!(out, "- \"{}\" → {} (`{}`)", v.text, v.value, v.article);
        }
    }
    out
}

fn article_markdown(view: &ArticleView) -> String {
    let a = &view.article.article;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", a.title.as_deref().unwrap_or("(no headline)"));
    let _ = writeln!(out, "Article `{}` from `{}`", a.id, a.source);
    let _ = writeln!(out, "Outlet: {}", a.outlet.as_deref().unwrap_or("unknown"));
    let p = &a.published;
    let date = p
        .value
        .map(|d| d.to_string())
        .unwrap_or_else(|| "undated".into());
    let from = p
        .chosen_from
        .map(|s| format!(" (from {s:?})").to_lowercase())
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "Published: {date}{from}{}",
        if p.conflict {
            " — sources disagree"
        } else {
            ""
        }
    );
    for c in &p.candidates {
        let _ = writeln!(out, "  - {:?}: {} from \"{}\"", c.source, c.value, c.raw);
    }
    for n in &p.notes {
        let _ = writeln!(out, "  - note: {n}");
    }
    if let Some(d) = &view.duplicate {
        let _ = writeln!(
            out,
            "Copy of `{}` ({:?}, similarity {:.2})",
            d.of, d.kind, d.similarity
        );
    }
    out.push_str("\n## Time expressions\n\n");
    for t in &view.article.timexes {
        let _ = writeln!(
            out,
            "- \"{}\" {} {} [{}..{}]",
            t.text,
            t.kind.as_str(),
            t.value,
            t.span.start,
            t.span.end
        );
    }
    out.push_str("\n## Entities\n\n");
    for m in &view.article.mentions {
        let _ = writeln!(
            out,
            "- {} {} [{}..{}]",
            m.kind.as_str(),
            m.text,
            m.span.start,
            m.span.end
        );
    }
    out.push_str("\n## Quotes\n\n");
    for q in &view.article.quotes {
        let who = q
            .speaker
            .as_ref()
            .map(|s| s.name.as_str())
            .unwrap_or("(speaker not found)");
        let _ = writeln!(out, "- {who}: \"{}\"", q.text);
    }
    let _ = writeln!(out, "\n## Text\n\n{}", a.text);
    out
}

/// `storyline entity NAME`.
pub fn entity(db: &Path, name: &str, json: bool) -> Result<i32> {
    let store = open(db)?;
    let views = store.entity(name)?;
    if views.is_empty() {
        bail!("no entity is called {name}");
    }
    if json {
        print_json(&views)?;
    } else {
        for v in &views {
            print!("{}", entity_markdown(v));
        }
    }
    Ok(0)
}

fn entity_markdown(v: &EntityView) -> String {
    let e = &v.entity;
    let mut out = String::new();
    let _ = writeln!(out, "# {} ({})\n", e.canonical, e.kind.as_str());
    let _ = writeln!(
        out,
        "Entity `{}` · {} mentions in {} articles",
        e.id,
        e.mentions,
        e.articles.len()
    );
    let _ = writeln!(out, "Variants: {}", e.variants.join(", "));
    if !e.roles.is_empty() {
        let _ = writeln!(out, "Roles: {}", e.roles.join("; "));
    }
    out.push_str("\n## Events\n\n");
    for ev in &v.events {
        let _ = writeln!(
            out,
            "- {} — {} (`{}`)",
            ev.date.as_deref().unwrap_or("undated"),
            ev.title,
            ev.id
        );
    }
    out.push_str("\n## Articles\n\n");
    for a in &v.articles {
        let published = a
            .published
            .map(|d| d.to_string())
            .unwrap_or_else(|| "undated".into());
        let _ = writeln!(
            out,
            "- {published} · {} · {}",
            a.outlet.as_deref().unwrap_or("unknown outlet"),
            a.title.as_deref().unwrap_or("(no headline)")
        );
    }
    if !v.co_occurring.is_empty() {
        out.push_str("\n## Often with\n\n");
        for c in &v.co_occurring {
            let _ = writeln!(out, "- {} ({} articles)", c.entity.canonical, c.articles);
        }
    }
    out.push('\n');
    out
}
