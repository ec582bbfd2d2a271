//! Story linking: events that continue one topic, grouped by shared entities and terms,
//! with a time decay so a story can run for months while unrelated periods stay apart.

use crate::dates::interval;
use crate::events::EventAcc;
use crate::postings::{keys, Postings};
use crate::vector::SparseVec;
use crate::LinkConfig;
use chrono::NaiveDate;

/// A story being built: member event indices and summed vectors.
#[derive(Debug, Clone, Default)]
pub struct StoryAcc {
    /// Member events (indices into the event list).
    pub events: Vec<usize>,
    entities: SparseVec,
    terms: SparseVec,
    last: Option<NaiveDate>,
}

/// When an event happened or, undated, when it was first reported.
pub fn event_time(e: &EventAcc, first_published: Option<NaiveDate>) -> Option<NaiveDate> {
    e.date
        .as_deref()
        .and_then(interval)
        .map(|i| i.start)
        .or(first_published)
}

/// Groups events (given in timeline order with their times) into stories.
pub fn cluster(
    events: &[(usize, &EventAcc, Option<NaiveDate>)],
    cfg: &LinkConfig,
) -> Vec<StoryAcc> {
    let mut stories: Vec<StoryAcc> = Vec::new();
    let mut postings = Postings::new(cfg.candidate_window);
    for (idx, e, time) in events {
        let keys = keys(&e.entities, &e.terms);
        let best = postings
            .candidates(&keys)
            .into_iter()
            .map(|i| {
                let s = &stories[i];
                let mut sim = cfg.story_entity_weight * e.entities.cosine(&s.entities)
                    + (1.0 - cfg.story_entity_weight) * e.terms.cosine(&s.terms);
                if let (Some(a), Some(b)) = (time, s.last) {
                    let gap = (*a - b).num_days().abs() as f64;
                    sim *= (-gap / cfg.story_decay_days).exp().max(0.25);
                }
                (i, sim)
            })
            .filter(|(_, s)| *s >= cfg.story_threshold)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let target = match best {
            Some((i, _)) => i,
            None => {
                stories.push(StoryAcc::default());
                stories.len() - 1
            }
        };
        postings.add(&keys, target);
        let s = &mut stories[target];
        s.events.push(*idx);
        s.entities.add_scaled(&e.entities.normalized(), 1.0);
        s.terms.add_scaled(&e.terms.normalized(), 1.0);
        s.last = match (s.last, *time) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }
    stories
}
