//! Read views on the fixture collection.

use crate::fixture::{Fixture, LAKEFORD, OKONJO};
use storyline_store::{Kind, Store, StoreError};

fn loaded() -> (Store, Fixture) {
    let fx = Fixture::new();
    let mut store = Store::open_in_memory().unwrap();
    store.apply(&fx.changes()).unwrap();
    (store, fx)
}

#[test]
fn story_list_counts_copies_once_and_outlets_all() {
    let (store, fx) = loaded();
    let stories = store.stories().unwrap();
    let ids: Vec<&str> = stories.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, [fx.stories[0].id.as_str(), fx.stories[1].id.as_str()]);
    let bridge = &stories[0];
    assert_eq!(bridge.title, "Lakeford tidal bridge");
    assert_eq!((bridge.events, bridge.articles, bridge.outlets), (2, 2, 3));
    assert_eq!(bridge.first_date.as_deref(), Some("2031-03-02"));
    assert_eq!(bridge.last_date.as_deref(), Some("2031-03-10"));
    let kites = &stories[1];
    assert_eq!((kites.events, kites.articles, kites.outlets), (1, 1, 1));
    assert_eq!(
        (kites.first_date.as_deref(), kites.last_date.as_deref()),
        (None, None)
    );
}

#[test]
fn story_view_has_timeline_with_articles() {
    let (store, fx) = loaded();
    let story = store.story(&fx.stories[0].id).unwrap().unwrap();
    let events: Vec<&str> = story.timeline.iter().map(|e| e.event.id.as_str()).collect();
    assert_eq!(events, [fx.events[0].id.as_str(), fx.events[1].id.as_str()]);
    let opening = &story.timeline[0];
    let refs: Vec<(&str, Option<&str>)> = opening
        .articles
        .iter()
        .map(|a| (a.id.as_str(), a.duplicate_of.as_deref()))
        .collect();
    assert_eq!(
        refs,
        [
            (fx.opening.article.id.as_str(), None),
            (
                fx.copy.article.id.as_str(),
                Some(fx.opening.article.id.as_str())
            ),
        ]
    );
    assert_eq!(opening.articles[1].outlet.as_deref(), Some("Valley Wire"));
    assert!(store.story("0000000000000000").unwrap().is_none());
}

#[test]
fn event_view_resolves_place_and_known_participants() {
    let (store, fx) = loaded();
    let view = store.event(&fx.events[1].id).unwrap().unwrap();
    assert_eq!(view.event, fx.events[1]);
    assert_eq!(
        view.place.as_ref().map(|p| p.canonical.as_str()),
        Some("Lakeford")
    );
    // The unknown participant id is skipped in the resolved list but kept in the event.
    let names: Vec<&str> = view
        .participants
        .iter()
        .map(|p| p.canonical.as_str())
        .collect();
    assert_eq!(names, ["Mira Okonjo"]);
    assert_eq!(view.event.participants.len(), 2);
    assert_eq!(view.articles[0].published, "2031-03-10".parse().ok());
    assert!(store.event("0000000000000000").unwrap().is_none());
}

#[test]
fn article_view_links_copies_events_and_stories() {
    let (store, fx) = loaded();
    let original = store.article(&fx.opening.article.id).unwrap().unwrap();
    assert_eq!(original.article, fx.opening);
    assert!(original.duplicate.is_none());
    assert_eq!(original.copies, vec![fx.duplicate.clone()]);
    assert_eq!(original.events, vec![fx.events[0].id.clone()]);
    assert_eq!(original.stories, vec![fx.stories[0].id.clone()]);
    let copy = store.article(&fx.copy.article.id).unwrap().unwrap();
    assert_eq!(copy.duplicate, Some(fx.duplicate.clone()));
    let closure = store.article(&fx.closure.article.id).unwrap().unwrap();
    let speaker = closure.article.quotes[0].speaker.as_ref().unwrap();
    assert_eq!(speaker.entity.as_deref(), Some(OKONJO));
    assert!(store.article("0000000000000000").unwrap().is_none());
}

#[test]
fn entity_lookup_by_id_canonical_or_variant_any_case() {
    let (store, _) = loaded();
    for query in [LAKEFORD, "lakeford", "LAKEFORD", "  Lakeford "] {
        let found = store.entity(query).unwrap();
        assert_eq!(found.len(), 1, "{query}");
        assert_eq!(found[0].entity.id, LAKEFORD);
    }
    assert_eq!(store.entity("okonjo").unwrap()[0].entity.id, OKONJO);
    assert!(store.entity("Nobody Atall").unwrap().is_empty());
}

#[test]
fn entity_view_lists_articles_events_and_co_occurrences() {
    let (store, fx) = loaded();
    let view = store.entity("Mira Okonjo").unwrap().remove(0);
    let articles: Vec<&str> = view.articles.iter().map(|a| a.id.as_str()).collect();
    // Dated first, the undated festival last.
    assert_eq!(
        articles,
        [
            fx.closure.article.id.as_str(),
            fx.festival.article.id.as_str()
        ]
    );
    let events: Vec<&str> = view.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(events, [fx.events[1].id.as_str(), fx.events[2].id.as_str()]);
    assert_eq!(view.co_occurring.len(), 1);
    assert_eq!(view.co_occurring[0].entity.id, LAKEFORD);
    assert_eq!(view.co_occurring[0].articles, 1);
    let lake = store.entity(LAKEFORD).unwrap().remove(0);
    assert_eq!(lake.articles.len(), 3);
    assert_eq!(lake.co_occurring[0].articles, 1);
}

#[test]
fn run_document_is_deterministic_and_complete() {
    let (store, fx) = loaded();
    let first = serde_json::to_string_pretty(&store.run_document().unwrap()).unwrap();
    let second = serde_json::to_string_pretty(&store.run_document().unwrap()).unwrap();
    assert_eq!(first, second);
    // A store fed the same changes in another order gives the same document.
    let mut reversed = Store::open_in_memory().unwrap();
    let mut changes = fx.changes();
    changes[1..5].reverse();
    reversed.apply(&changes).unwrap();
    let third = serde_json::to_string_pretty(&reversed.run_document().unwrap()).unwrap();
    assert_eq!(first, third);

    let doc: serde_json::Value = serde_json::from_str(&first).unwrap();
    let ids: Vec<&str> = doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = [&fx.opening, &fx.copy, &fx.closure, &fx.festival]
        .iter()
        .map(|a| a.article.id.as_str())
        .collect();
    assert_eq!(ids, expected);
    assert_eq!(
        doc["articles"][1]["duplicate_of"],
        fx.opening.article.id.as_str()
    );
    assert_eq!(doc["articles"][0]["text"], fx.opening.article.text.as_str());
    assert_eq!(doc["stories"][0]["events"][0]["date"], "2031-03-02");
    assert_eq!(
        doc["stories"][0]["events"][0]["articles"][1],
        fx.copy.article.id.as_str()
    );
    assert_eq!(doc["entities"][0]["canonical"], "Lakeford");
    assert_eq!(doc["entities"][1]["variants"][1], "Okonjo");
    assert_eq!(doc["rejected"][0]["source"], "wire/empty.txt");
    assert_eq!(doc["rejected"][0]["reason"], fx.rejection.reason.as_str());
}

#[test]
fn prefixes_resolve_to_unique_ids() {
    let (store, fx) = loaded();
    let id = &fx.closure.article.id;
    assert_eq!(
        store.resolve_prefix(id).unwrap(),
        Some((Kind::Article, id.clone()))
    );
    assert_eq!(
        store.resolve_prefix(&id[..12].to_uppercase()).unwrap(),
        Some((Kind::Article, id.clone()))
    );
    assert_eq!(
        store.resolve_prefix(&fx.stories[1].id).unwrap(),
        Some((Kind::Story, fx.stories[1].id.clone()))
    );
    assert_eq!(
        store.resolve_prefix(&fx.events[2].id[..14]).unwrap(),
        Some((Kind::Event, fx.events[2].id.clone()))
    );
    assert_eq!(
        store.resolve_prefix("abc0000000000002").unwrap(),
        Some((Kind::Entity, OKONJO.to_string()))
    );
    match store.resolve_prefix("abc0") {
        Err(StoreError::AmbiguousId { matches, .. }) => {
            assert_eq!(
                matches,
                [format!("  entity {LAKEFORD}"), format!("  entity {OKONJO}")]
            );
        }
        other => panic!("expected an ambiguity, got {other:?}"),
    }
    assert_eq!(store.resolve_prefix("not-hex").unwrap(), None);
    assert_eq!(store.resolve_prefix("").unwrap(), None);
}
