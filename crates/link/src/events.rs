//! Online event clustering: each article, in canonical order, joins the most similar event
//! or starts a new one. Evidence combines salient entities, weighted terms, the event date
//! (a conflicting date forbids joining) and the venue.

use crate::dates::{event_date, gap_days};
use crate::features::Features;
use crate::postings::{keys, Postings};
use crate::vector::SparseVec;
use crate::LinkConfig;
use std::collections::BTreeMap;
use storyline_model::DateVote;

/// An event being built.
#[derive(Debug, Clone, Default)]
pub struct EventAcc {
    /// Member article indices (non-duplicates), in joining order.
    pub members: Vec<usize>,
    /// Sum of members' unit term vectors.
    pub terms: SparseVec,
    /// Sum of members' unit entity vectors.
    pub entities: SparseVec,
    /// Members' dates.
    pub dates: Vec<(String, Vec<DateVote>)>,
    /// Current best date.
    pub date: Option<String>,
    /// Venue votes.
    pub venues: BTreeMap<String, u32>,
}

impl EventAcc {
    fn add(&mut self, f: &Features, terms: &SparseVec) {
        self.members.push(f.index);
        self.terms.add_scaled(&terms.normalized(), 1.0);
        self.entities.add_scaled(&f.entities.normalized(), 1.0);
        if let Some(d) = &f.date {
            self.dates.push(d.clone());
            self.date = event_date(&self.dates).0;
        }
        if let Some(v) = &f.venue {
            *self.venues.entry(v.clone()).or_default() += 1;
        }
    }

    /// The most voted venue.
    pub fn venue(&self) -> Option<&String> {
        self.venues
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(k, _)| k)
    }
}

/// Similarity of an article to an event, or `None` when the evidence forbids joining.
pub fn similarity(f: &Features, terms: &SparseVec, e: &EventAcc, cfg: &LinkConfig) -> Option<f64> {
    let mut s = cfg.entity_weight * f.entities.cosine(&e.entities)
        + (1.0 - cfg.entity_weight) * terms.cosine(&e.terms);
    match (&f.date, &e.date) {
        (Some((a, _)), Some(b)) => match gap_days(a, b) {
            Some(0) => s += cfg.date_bonus,
            Some(g) if g <= cfg.date_slack_days => {}
            _ => return None,
        },
        (None, None) => {}
        _ => {
            if s < cfg.undated_threshold {
                return None;
            }
        }
    }
    // Different stated venues count against joining; when time cannot tell the happenings
    // apart (one side undated), a contradicting venue rules the event out.
    if let (Some(a), Some(b)) = (&f.venue, e.venue()) {
        if a != b {
            if f.date.is_some() != e.date.is_some() {
                return None;
            }
            s -= cfg.venue_penalty;
        }
    }
    Some(s)
}

/// Clusters articles (features in canonical order, duplicates excluded) into events.
pub fn cluster(features: &[Features], term_vecs: &[SparseVec], cfg: &LinkConfig) -> Vec<EventAcc> {
    let mut events: Vec<EventAcc> = Vec::new();
    let mut postings = Postings::new(cfg.candidate_window);
    for (f, tv) in features.iter().zip(term_vecs) {
        let keys = keys(&f.entities, tv);
        let best = postings
            .candidates(&keys)
            .into_iter()
            .filter_map(|i| similarity(f, tv, &events[i], cfg).map(|s| (i, s)))
            .filter(|(_, s)| *s >= cfg.event_threshold)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let target = match best {
            Some((i, _)) => i,
            None => {
                events.push(EventAcc::default());
                events.len() - 1
            }
        };
        events[target].add(f, tv);
        postings.add(&keys, target);
    }
    events
}
