//! Linking across articles, the only stateful step of the pipeline: near-duplicate groups,
//! entity resolution, event dating, online event clustering, story linking and timelines.
//!
//! [`link`] is deterministic: it sorts its input into canonical order (publication date, undated
//! last, then id) so results do not depend on the order files were listed in. Candidates are
//! found only through keyed indexes (LSH bands, entity and term postings), so the state can
//! later be sharded by key.

pub mod dates;
pub mod entities;
mod events;
mod features;
mod postings;
mod stories;
pub mod summary;
#[cfg(test)]
mod testkit;
mod vector;

use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use storyline_dedupe::{fingerprint, DedupeConfig, Index};
use storyline_model::{
    content_id, AnalyzedArticle, Change, Duplicate, DuplicateKind, Entity, EntityKind, Event,
    Explanation, Story,
};
use vector::{Interner, SparseVec};

/// Thresholds and weights of linking.
#[derive(Debug, Clone)]
pub struct LinkConfig {
    /// Near-duplicate detection settings.
    pub dedupe: DedupeConfig,
    /// Weight of entity similarity against term similarity for events (0..=1).
    pub entity_weight: f64,
    /// Minimum similarity for an article to join an event.
    pub event_threshold: f64,
    /// Minimum similarity for an undated article to join a dated event (or the reverse).
    pub undated_threshold: f64,
    /// Bonus when the article's and event's dates agree.
    pub date_bonus: f64,
    /// Largest gap in days between an article's and an event's dates that still allows joining
    /// (reports of one happening often name the day before or after).
    pub date_slack_days: i64,
    /// Penalty when the venues differ.
    pub venue_penalty: f64,
    /// Weight of entity similarity for stories.
    pub story_entity_weight: f64,
    /// Minimum similarity for an event to join a story.
    pub story_threshold: f64,
    /// Time constant (days) of the story similarity decay.
    pub story_decay_days: f64,
    /// Most recent events (or stories) kept per entity or term key as join candidates.
    pub candidate_window: usize,
}

impl Default for LinkConfig {
    fn default() -> Self {
        LinkConfig {
            dedupe: DedupeConfig::default(),
            entity_weight: 0.4,
            event_threshold: 0.20,
            undated_threshold: 0.60,
            date_bonus: 0.15,
            date_slack_days: 2,
            venue_penalty: 0.25,
            story_entity_weight: 0.6,
            story_threshold: 0.25,
            story_decay_days: 120.0,
            candidate_window: 64,
        }
    }
}

/// Everything linking found.
#[derive(Debug, Clone, Default)]
pub struct Linked {
    /// Copies and the canonical article they copy.
    pub duplicates: Vec<Duplicate>,
    /// Resolved entities.
    pub entities: Vec<Entity>,
    /// Events, in story and timeline order.
    pub events: Vec<Event>,
    /// Stories, largest first.
    pub stories: Vec<Story>,
    /// Per article, the entity id of each mention.
    pub mention_entities: Vec<(String, Vec<Option<String>>)>,
}

impl Linked {
    /// The changes that replace the stored link results with these.
    pub fn into_changes(self) -> Vec<Change> {
        let mut out = vec![Change::ResetLinks];
        out.extend(self.entities.into_iter().map(Change::PutEntity));
        out.extend(self.duplicates.into_iter().map(Change::MarkDuplicate));
        out.extend(self.stories.into_iter().map(Change::PutStory));
        out.extend(
            self.events
                .into_iter()
                .map(|e| Change::PutEvent(Box::new(e))),
        );
        out.extend(
            self.mention_entities
                .into_iter()
                .map(|(article, entities)| Change::AssignMentions { article, entities }),
        );
        out
    }
}

/// Sorts articles into canonical order: published date ascending, undated last, then id.
pub fn canonical_order(articles: &mut [AnalyzedArticle]) {
    articles.sort_by(|a, b| {
        let key = |x: &AnalyzedArticle| {
            (
                x.article.published.value.is_none(),
                x.article.published.value,
                x.article.id.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
}

/// Links a batch of analysed articles held in memory: sorts them canonically and links them
/// as [`link_stream`] does.
pub fn link(articles: &mut [AnalyzedArticle], cfg: &LinkConfig) -> Linked {
    canonical_order(articles);
    let read = |f: &mut dyn FnMut(AnalyzedArticle)| -> Result<(), std::convert::Infallible> {
        articles.iter().cloned().for_each(f);
        Ok(())
    };
    match link_stream(read, cfg) {
        Ok(linked) => linked,
        Err(never) => match never {},
    }
}

/// What linking keeps of an article after reading it.
struct ArticleInfo {
    id: String,
    published: Option<NaiveDate>,
    title: String,
    lead: String,
}

/// Articles read per parallel step of the second pass.
const CHUNK: usize = 512;

/// Links articles read twice from `read`, which must give them in canonical order (publication
/// date, undated last, then id) each time. Only names, fingerprints and compact features are
/// kept between passes, so memory grows with the link indexes, not with the articles' text.
pub fn link_stream<E>(
    mut read: impl FnMut(&mut dyn FnMut(AnalyzedArticle)) -> Result<(), E>,
    cfg: &LinkConfig,
) -> Result<Linked, E> {
    let mut resolver = entities::Resolver::default();
    read(&mut |a| resolver.observe(&a))?;
    let mut state = Pass2::new(cfg);
    let mut chunk: Vec<AnalyzedArticle> = Vec::with_capacity(CHUNK);
    read(&mut |a| {
        chunk.push(a);
        if chunk.len() == CHUNK {
            state.take(std::mem::take(&mut chunk), &mut resolver);
        }
    })?;
    state.take(chunk, &mut resolver);
    let entities = resolver.finish();
    Ok(state.finish(entities, cfg))
}

/// The second pass: entity ids, fingerprints, features, per-article summaries.
struct Pass2 {
    index: Index,
    dedupe: DedupeConfig,
    /// What each insert reported (similarity and kind of a copy), by insertion position.
    matches: Vec<Option<Duplicate>>,
    infos: Vec<ArticleInfo>,
    feats: Vec<features::Features>,
    term_ids: Interner,
    entity_ids: Interner,
    mention_entities: Vec<(String, Vec<Option<String>>)>,
}

impl Pass2 {
    fn new(cfg: &LinkConfig) -> Self {
        Pass2 {
            index: Index::new(cfg.dedupe.clone()),
            dedupe: cfg.dedupe.clone(),
            matches: Vec::new(),
            infos: Vec::new(),
            feats: Vec::new(),
            term_ids: Interner::default(),
            entity_ids: Interner::default(),
            mention_entities: Vec::new(),
        }
    }

    fn take(&mut self, mut chunk: Vec<AnalyzedArticle>, resolver: &mut entities::Resolver) {
        let fps: Vec<_> = chunk
            .par_iter()
            .map(|a| fingerprint(&self.dedupe, &a.article.text))
            .collect();
        for (mut a, fp) in chunk.drain(..).zip(fps) {
            resolver.assign(&mut a);
            if !a.mentions.is_empty() {
                self.mention_entities.push((
                    a.article.id.clone(),
                    a.mentions.iter().map(|m| m.entity.clone()).collect(),
                ));
            }
            let index = self.infos.len();
            let matched = self.index.insert(&a.article.id, &fp);
            if matched.is_none() {
                let f = features::features(index, &a, &mut self.term_ids, &mut self.entity_ids);
                self.feats.push(f);
            }
            self.matches.push(matched);
            self.infos.push(ArticleInfo {
                id: a.article.id.clone(),
                published: a.article.published.value,
                title: summary::title(&a),
                lead: summary::lead(&a),
            });
        }
    }

    /// Final copy groups: a later article can merge two groups, so every article's canonical is
    /// read from the index once all are inserted.
    fn duplicates(&self) -> Vec<Duplicate> {
        let mut out = Vec::new();
        for (pos, info) in self.infos.iter().enumerate() {
            let Some(root) = self.index.canonical_of(pos).filter(|r| *r != info.id) else {
                continue;
            };
            let (similarity, kind) = match &self.matches[pos] {
                Some(d) => (d.similarity, d.kind),
                None => (0.0, DuplicateKind::Near),
            };
            out.push(Duplicate {
                article: info.id.clone(),
                of: root.to_string(),
                similarity,
                kind,
            });
        }
        out
    }

    fn finish(self, entities: Vec<Entity>, cfg: &LinkConfig) -> Linked {
        let duplicates = self.duplicates();
        let copies_of: BTreeSet<&str> = duplicates.iter().map(|d| d.article.as_str()).collect();
        let copy_positions: BTreeSet<usize> = self
            .infos
            .iter()
            .enumerate()
            .filter(|(_, i)| copies_of.contains(i.id.as_str()))
            .map(|(p, _)| p)
            .collect();
        let Pass2 {
            infos,
            mut feats,
            term_ids,
            entity_ids,
            mention_entities,
            ..
        } = self;
        // Articles that became copies through a later merge are clustered through their canonical.
        feats.retain(|f| !copy_positions.contains(&f.index));
        let term_vecs = tfidf(&feats);
        let accs = events::cluster(&feats, &term_vecs, cfg);

        // Members of each event: the clustered articles plus their copies.
        let index_of: BTreeMap<&str, usize> = infos
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let mut copies: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for d in &duplicates {
            if let (Some(&c), Some(&o)) = (
                index_of.get(d.article.as_str()),
                index_of.get(d.of.as_str()),
            ) {
                copies.entry(o).or_default().push(c);
            }
        }
        let by_index: BTreeMap<usize, (&features::Features, &SparseVec)> = feats
            .iter()
            .zip(&term_vecs)
            .map(|(f, t)| (f.index, (f, t)))
            .collect();
        let names: BTreeMap<&str, &str> = entities
            .iter()
            .map(|e| (e.id.as_str(), e.canonical.as_str()))
            .collect();
        let kinds: BTreeMap<&str, EntityKind> =
            entities.iter().map(|e| (e.id.as_str(), e.kind)).collect();
        let ctx = EventContext {
            infos: &infos,
            copies: &copies,
            by_index: &by_index,
            term_ids: &term_ids,
            entity_ids: &entity_ids,
            names: &names,
            kinds: &kinds,
        };
        let mut built: Vec<Event> = accs.iter().map(|acc| build_event(acc, &ctx)).collect();

        let timeline: Vec<usize> = timeline_order(&built);
        let rank: BTreeMap<usize, usize> =
            timeline.iter().enumerate().map(|(r, &i)| (i, r)).collect();
        let story_input: Vec<(usize, &events::EventAcc, Option<NaiveDate>)> = timeline
            .iter()
            .map(|&i| {
                (
                    i,
                    &accs[i],
                    stories::event_time(&accs[i], built[i].first_published),
                )
            })
            .collect();
        let story_accs = stories::cluster(&story_input, cfg);

        let mut out_stories: Vec<(usize, Story)> = Vec::new();
        for s in &story_accs {
            let mut evs: Vec<usize> = s.events.clone();
            evs.sort_by_key(|i| rank.get(i).copied());
            let id = content_id(&["story", &built[evs[0]].id]);
            let lead_event = evs
                .iter()
                .copied()
                .max_by(|a, b| {
                    built[*a]
                        .articles
                        .len()
                        .cmp(&built[*b].articles.len())
                        .then(b.cmp(a))
                })
                .unwrap_or(evs[0]);
            let size: usize = evs.iter().map(|&e| built[e].articles.len()).sum();
            for &e in &evs {
                built[e].story = id.clone();
            }
            out_stories.push((
                size,
                Story {
                    id,
                    title: built[lead_event].title.clone(),
                    events: evs.iter().map(|&e| built[e].id.clone()).collect(),
                },
            ));
        }
        out_stories.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.id.cmp(&b.1.id)));
        let out_stories: Vec<Story> = out_stories.into_iter().map(|(_, s)| s).collect();
        let order: BTreeMap<&str, (usize, usize)> = out_stories
            .iter()
            .enumerate()
            .flat_map(|(si, s)| {
                s.events
                    .iter()
                    .enumerate()
                    .map(move |(i, e)| (e.as_str(), (si, i)))
            })
            .collect();
        let mut out_events: Vec<Event> = built;
        out_events.sort_by_key(|e| order.get(e.id.as_str()).copied());
        Linked {
            duplicates,
            entities,
            events: out_events,
            stories: out_stories,
            mention_entities,
        }
    }
}

/// What building an event's view needs besides the event itself.
struct EventContext<'a> {
    infos: &'a [ArticleInfo],
    copies: &'a BTreeMap<usize, Vec<usize>>,
    by_index: &'a BTreeMap<usize, (&'a features::Features, &'a SparseVec)>,
    term_ids: &'a Interner,
    entity_ids: &'a Interner,
    names: &'a BTreeMap<&'a str, &'a str>,
    kinds: &'a BTreeMap<&'a str, EntityKind>,
}

/// TF-IDF term vectors, IDF over the non-duplicate articles of the batch.
fn tfidf(feats: &[features::Features]) -> Vec<SparseVec> {
    let mut df: BTreeMap<u32, f64> = BTreeMap::new();
    for f in feats {
        for (t, _) in &f.term_counts {
            *df.entry(*t).or_default() += 1.0;
        }
    }
    let n = feats.len() as f64;
    feats
        .iter()
        .map(|f| {
            SparseVec::from_pairs(f.term_counts.iter().map(|(t, c)| {
                let idf = ((n + 1.0) / (df.get(t).copied().unwrap_or(0.0) + 1.0)).ln() + 1.0;
                (*t, (1.0 + c.ln()) * idf)
            }))
        })
        .collect()
}

/// Events sorted for a timeline: dated by date, undated by first publication, undated-and-unpublished last.
fn timeline_order(built: &[Event]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..built.len()).collect();
    idx.sort_by_key(|&i| {
        let e = &built[i];
        let start = e
            .date
            .as_deref()
            .and_then(dates::interval)
            .map(|iv| iv.start);
        (
            start.is_none(),
            start,
            e.first_published.is_none(),
            e.first_published,
            e.id.clone(),
        )
    });
    idx
}

fn build_event(acc: &events::EventAcc, ctx: &EventContext) -> Event {
    let EventContext {
        infos,
        copies,
        by_index,
        term_ids,
        entity_ids,
        names,
        kinds,
    } = *ctx;
    let mut members: Vec<usize> = acc
        .members
        .iter()
        .flat_map(|m| std::iter::once(*m).chain(copies.get(m).into_iter().flatten().copied()))
        .collect();
    members.sort_unstable();
    members.dedup();
    let first = &infos[members[0]];
    let first_published = members.iter().filter_map(|&m| infos[m].published).min();
    let (date, date_votes, date_disputed) = dates::event_date(&acc.dates);
    let mut explanations = Vec::new();
    let mut central = (acc.members[0], f64::MIN);
    for &m in &acc.members {
        let Some((f, tv)) = by_index.get(&m) else {
            continue;
        };
        let ent = f.entities.cosine(&acc.entities);
        let term = tv.cosine(&acc.terms);
        let score = 0.5 * (ent + term);
        if score > central.1 {
            central = (m, score);
        }
        let entities = f
            .entities
            .shared(&acc.entities)
            .into_iter()
            .take(6)
            .map(|(k, w)| {
                (
                    names.get(entity_ids.name(k)).unwrap_or(&"").to_string(),
                    round(w),
                )
            })
            .collect();
        let terms = tv
            .shared(&acc.terms)
            .into_iter()
            .take(6)
            .map(|(k, w)| (term_ids.name(k).to_string(), round(w)))
            .collect();
        let date = f.date.as_ref().map(|(v, votes)| {
            format!(
                "{v} ({})",
                votes
                    .iter()
                    .map(|x| x.text.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        });
        explanations.push(Explanation {
            article: infos[m].id.clone(),
            score: round(score),
            entities,
            terms,
            date,
        });
    }
    let lead = &infos[central.0];
    // Participants: people and organisations first, then places and other names.
    let mut ranked: Vec<(bool, usize, String)> = heaviest(&acc.entities)
        .into_iter()
        .enumerate()
        .map(|(rank, (k, _))| {
            let id = entity_ids.name(k).to_string();
            let actor = kinds
                .get(id.as_str())
                .is_some_and(|k| matches!(k, EntityKind::Per | EntityKind::Org));
            (!actor, rank, id)
        })
        .collect();
    ranked.sort();
    let participants: Vec<String> = ranked.into_iter().take(5).map(|(_, _, id)| id).collect();
    let event = Event {
        id: content_id(&["event", &first.id]),
        story: String::new(),
        articles: members.iter().map(|&m| infos[m].id.clone()).collect(),
        date,
        date_votes,
        date_disputed,
        first_published,
        title: lead.title.clone(),
        summary: lead.lead.clone(),
        place: acc.venue().cloned(),
        participants,
        explanations,
    };
    event
}

/// Weighted pairs, heaviest first, then by id.
fn heaviest(v: &SparseVec) -> Vec<(u32, f64)> {
    let mut out = v.entries().to_vec();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
