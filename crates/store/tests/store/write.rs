//! The single writer: idempotence, resets, atomic batches, streaming in canonical order.

use crate::fixture::{Fixture, LAKEFORD};
use storyline_model::{AnalyzedArticle, Change, Rejection};
use storyline_store::{ApplyStats, Store, StoreError};

fn loaded() -> (Store, Fixture) {
    let fx = Fixture::new();
    let mut store = Store::open_in_memory().unwrap();
    store.apply(&fx.changes()).unwrap();
    (store, fx)
}

fn json(store: &Store) -> String {
    serde_json::to_string(&store.run_document().unwrap()).unwrap()
}

#[test]
fn first_apply_counts_everything() {
    let fx = Fixture::new();
    let mut store = Store::open_in_memory().unwrap();
    let stats = store.apply(&fx.changes()).unwrap();
    assert_eq!(
        stats,
        ApplyStats {
            articles_added: 4,
            already_stored: 0,
            rejections_added: 1,
            resets: 1,
            duplicates: 1,
            entities: 2,
            events: 3,
            stories: 2,
            mention_assignments: 0,
        }
    );
    assert_eq!(store.article_count().unwrap(), 4);
    assert!(store.has_article(&fx.closure.article.id).unwrap());
    assert!(!store.has_article("0000000000000000").unwrap());
}

#[test]
fn applying_the_same_batch_twice_changes_nothing() {
    let (mut store, fx) = loaded();
    let before = json(&store);
    let stats = store.apply(&fx.changes()).unwrap();
    assert_eq!((stats.articles_added, stats.already_stored), (0, 4));
    assert_eq!(stats.rejections_added, 0);
    assert_eq!(json(&store), before);
    assert_eq!(store.article_count().unwrap(), 4);
    assert_eq!(store.rejections().unwrap().len(), 1);
}

#[test]
fn reset_links_keeps_articles_and_rejections() {
    let (mut store, fx) = loaded();
    store.apply(&[Change::ResetLinks]).unwrap();
    assert_eq!(store.article_count().unwrap(), 4);
    assert_eq!(store.rejections().unwrap(), vec![fx.rejection.clone()]);
    assert!(store.stories().unwrap().is_empty());
    assert!(store.entity("Lakeford").unwrap().is_empty());
    let view = store.article(&fx.copy.article.id).unwrap().unwrap();
    assert!(view.duplicate.is_none() && view.events.is_empty());
    assert!(view.article.mentions.iter().all(|m| m.entity.is_none()));
    let doc = store.run_document().unwrap();
    assert!(doc.articles.iter().all(|a| a.duplicate_of.is_none()));
    assert!(doc.entities.is_empty() && doc.stories.is_empty());
}

#[test]
fn assign_mentions_replaces_mention_entities() {
    let (mut store, fx) = loaded();
    let id = fx.closure.article.id.clone();
    let assign = |entities: Vec<Option<&str>>| Change::AssignMentions {
        article: id.clone(),
        entities: entities
            .into_iter()
            .map(|e| e.map(str::to_string))
            .collect(),
    };
    let stats = store
        .apply(&[Change::ResetLinks, assign(vec![None, Some(LAKEFORD)])])
        .unwrap();
    assert_eq!(stats.mention_assignments, 1);
    let view = store.article(&id).unwrap().unwrap();
    let got: Vec<Option<&str>> = view
        .article
        .mentions
        .iter()
        .map(|m| m.entity.as_deref())
        .collect();
    assert_eq!(got, [None, Some(LAKEFORD)]);

    // Without a reset, speaker ids set with the article stay.
    let (mut linked, _) = loaded();
    linked.apply(&[assign(vec![None, None])]).unwrap();
    let view = linked.article(&id).unwrap().unwrap();
    assert!(view.article.mentions.iter().all(|m| m.entity.is_none()));
    let speaker = view.article.quotes[0].speaker.as_ref().unwrap();
    assert_eq!(speaker.entity.as_deref(), Some(crate::fixture::OKONJO));

    let err = store.apply(&[assign(vec![Some(LAKEFORD)])]).unwrap_err();
    assert!(matches!(err, StoreError::InvalidChange { .. }), "{err:?}");
    let err = store
        .apply(&[Change::AssignMentions {
            article: "5555555555555555".into(),
            entities: Vec::new(),
        }])
        .unwrap_err();
    assert!(
        matches!(err, StoreError::MissingReference { .. }),
        "{err:?}"
    );
}

#[test]
fn relink_after_reset_restores_the_same_state() {
    let (mut store, fx) = loaded();
    let before = json(&store);
    store.apply(&[Change::ResetLinks]).unwrap();
    store.apply(&fx.changes()).unwrap();
    assert_eq!(json(&store), before);
}

#[test]
fn failed_batch_leaves_no_partial_rows() {
    let (mut store, fx) = loaded();
    let before = json(&store);
    let mut extra = fx.festival.clone();
    extra.article.id = "1234123412341234".into();
    extra.article.source = "wire/other.txt".into();
    let mut bad_event = fx.events[2].clone();
    bad_event.articles.push("9999999999999999".into());
    let err = store
        .apply(&[
            Change::AddArticle(Box::new(extra)),
            Change::AddRejection(Rejection {
                source: "x".into(),
                reason: "y".into(),
            }),
            Change::ResetLinks,
            Change::PutEvent(Box::new(bad_event)),
        ])
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::MissingReference { missing, .. } if missing == "article 9999999999999999"),
        "{err:?}"
    );
    assert!(!store.has_article("1234123412341234").unwrap());
    assert_eq!(json(&store), before);
}

#[test]
fn story_referring_to_an_event_never_put_is_rejected_at_batch_end() {
    let (mut store, fx) = loaded();
    let mut story = fx.stories[1].clone();
    story.events.push("eeee000000000000".into());
    let err = store.apply(&[Change::PutStory(story)]).unwrap_err();
    assert!(err.to_string().contains("event eeee000000000000"), "{err}");
    assert_eq!(
        store
            .story(&fx.stories[1].id)
            .unwrap()
            .unwrap()
            .summary
            .events,
        1
    );
}

#[test]
fn articles_stream_in_canonical_order_and_round_trip() {
    let (store, fx) = loaded();
    let mut seen: Vec<AnalyzedArticle> = Vec::new();
    store
        .articles_in_order(|a| {
            seen.push(a);
            Ok::<_, StoreError>(())
        })
        .unwrap();
    // Dated by publication date, undated last; tokens and entity ids survive storage.
    assert_eq!(seen, vec![fx.opening, fx.copy, fx.closure, fx.festival]);
}

#[test]
fn callback_error_stops_the_stream() {
    let (store, _) = loaded();
    let mut calls = 0;
    let result = store.articles_in_order(|_| -> Result<(), Box<dyn std::error::Error>> {
        calls += 1;
        if calls == 2 {
            Err("stop here".into())
        } else {
            Ok(())
        }
    });
    assert_eq!(result.unwrap_err().to_string(), "stop here");
    assert_eq!(calls, 2);
}

#[test]
fn an_article_cannot_copy_itself() {
    let (mut store, fx) = loaded();
    let mut dup = fx.duplicate.clone();
    dup.of = dup.article.clone();
    let err = store.apply(&[Change::MarkDuplicate(dup)]).unwrap_err();
    assert!(matches!(err, StoreError::InvalidChange { .. }), "{err:?}");
}

#[test]
fn reset_later_in_a_batch_drops_earlier_link_rows_and_their_checks() {
    let (mut store, fx) = loaded();
    let mut orphan = fx.events[2].clone();
    orphan.story = "0123012301230123".into();
    store
        .apply(&[
            Change::PutEvent(Box::new(orphan.clone())),
            Change::ResetLinks,
        ])
        .unwrap();
    assert!(store.event(&orphan.id).unwrap().is_none());
    assert_eq!(store.article_count().unwrap(), 4);
}
