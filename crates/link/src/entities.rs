//! Entity resolution: one entity per real person, place or organisation across articles and
//! spellings. Names fold through [`storyline_text::name_key`]; a surname alone joins the full
//! name it abbreviates; two people sharing a surname stay apart when their given names conflict.

use std::collections::{BTreeMap, BTreeSet};
use storyline_model::{content_id, AnalyzedArticle, Entity, EntityKind};
use storyline_text::{fold_ascii, given_name_key, name_key};

/// Honorifics dropped from the front of names (`Mr. Lavrov` is `Lavrov`).
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "madam", "mme", "m", "herr",
    "frau", "sen", "rep", "gen", "lt", "col", "capt", "sgt", "rev", "the",
];

/// A mention's cleaned surface form: possessive, quotes, honorifics and a leading article removed.
fn clean(text: &str) -> String {
    let t = text.trim_matches(|c: char| !c.is_alphanumeric());
    let t = t
        .strip_suffix("'s")
        .or_else(|| t.strip_suffix("’s"))
        .unwrap_or(t);
    let mut words: Vec<&str> = t.split_whitespace().collect();
    while words.len() > 1
        && words
            .first()
            .is_some_and(|w| HONORIFICS.contains(&w.trim_end_matches('.').to_lowercase().as_str()))
    {
        words.remove(0);
    }
    words.join(" ")
}

/// The names a mention stands for: itself, or each part of a hyphenated compound whose parts are
/// all known surnames (`Blinken-Lavrov meeting` mentions both people).
fn names_of(text: &str, people: &BTreeMap<String, BTreeMap<String, u32>>) -> Vec<String> {
    let name = clean(text);
    if !name.contains(' ') && name.contains('-') {
        let parts: Vec<&str> = name.split('-').collect();
        if parts.len() > 1 && parts.iter().all(|p| people.contains_key(&name_key(p))) {
            return parts.into_iter().map(str::to_string).collect();
        }
    }
    vec![name]
}

fn is_full_person_name(name: &str) -> bool {
    given_name_key(name).is_some()
}

fn surname_key(name: &str) -> String {
    name_key(name.rsplit(' ').next().unwrap_or(name))
}

/// Resolution key of one mention: which cluster it joins.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    /// A person: surname key and given-name key (`None` when only the surname was written).
    Person(String, Option<String>),
    /// Anything else: the whole-name key.
    Name(String),
}

#[derive(Default)]
struct Cluster {
    kinds: BTreeMap<EntityKind, u32>,
    forms: BTreeMap<String, u32>,
    roles: BTreeMap<String, u32>,
    articles: BTreeSet<String>,
    mentions: u32,
}

/// Resolves mentions to entities in two passes over the articles: [`Resolver::observe`] every
/// article (which full names and other names exist), then [`Resolver::assign`] each one (sets
/// `Mention::entity`), then [`Resolver::finish`]. Memory holds the names and entities, never
/// the articles.
#[derive(Default)]
pub struct Resolver {
    /// Full person names seen anywhere: surname key → given-name keys.
    people: BTreeMap<String, BTreeMap<String, u32>>,
    /// Keys of every name written as a place, organisation or other name.
    others: BTreeSet<String>,
    clusters: BTreeMap<Key, Cluster>,
}

impl Resolver {
    /// First pass: records the names an article writes.
    pub fn observe(&mut self, a: &AnalyzedArticle) {
        for m in &a.mentions {
            let name = clean(&m.text);
            if m.kind != EntityKind::Per {
                self.others.insert(name_key(&name));
            } else if let Some(g) = given_name_key(&name) {
                *self
                    .people
                    .entry(surname_key(&name))
                    .or_default()
                    .entry(g)
                    .or_default() += 1;
            }
        }
    }

    /// Second pass: resolves the article's mentions and sets their entity ids.
    pub fn assign(&mut self, a: &mut AnalyzedArticle) {
        // Surnames written in full in this article point to that full name.
        let mut local: BTreeMap<String, String> = BTreeMap::new();
        for m in a.mentions.iter().filter(|m| m.kind == EntityKind::Per) {
            let name = clean(&m.text);
            if let Some(g) = given_name_key(&name) {
                local.entry(surname_key(&name)).or_insert(g);
            }
        }
        for m in a.mentions.iter_mut() {
            let mut first = None;
            for name in names_of(&m.text, &self.people) {
                let Some(k) = mention_key(&name, m.kind, &local, &self.people, &self.others) else {
                    continue;
                };
                let c = self.clusters.entry(k.clone()).or_default();
                *c.kinds.entry(m.kind).or_default() += 1;
                *c.forms.entry(name.clone()).or_default() += 1;
                if let Some(r) = &m.role {
                    *c.roles.entry(r.clone()).or_default() += 1;
                }
                c.articles.insert(a.article.id.clone());
                c.mentions += 1;
                first.get_or_insert(k);
            }
            m.entity = first.map(|k| entity_id(&k));
        }
    }

    /// The entities, sorted by id.
    pub fn finish(self) -> Vec<Entity> {
        let mut out: Vec<Entity> = self
            .clusters
            .into_iter()
            .map(|(k, c)| {
                let kind = c
                    .kinds
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map(|(k, _)| *k)
                    .unwrap_or(EntityKind::Misc);
                Entity {
                    id: entity_id(&k),
                    canonical: canonical_form(&c.forms, kind),
                    kind,
                    variants: c.forms.keys().cloned().collect(),
                    roles: c.roles.keys().cloned().collect(),
                    articles: c.articles.into_iter().collect(),
                    mentions: c.mentions,
                }
            })
            .collect();
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out
    }
}

/// Resolves every mention of every article to an entity, fills `Mention::entity`, and
/// returns the entities sorted by id.
pub fn resolve(articles: &mut [AnalyzedArticle]) -> Vec<Entity> {
    let mut r = Resolver::default();
    for a in articles.iter() {
        r.observe(a);
    }
    for a in articles.iter_mut() {
        r.assign(a);
    }
    r.finish()
}

fn mention_key(
    name: &str,
    kind: EntityKind,
    local: &BTreeMap<String, String>,
    people: &BTreeMap<String, BTreeMap<String, u32>>,
    others: &BTreeSet<String>,
) -> Option<Key> {
    let key = name_key(name);
    if key.is_empty() {
        return None;
    }
    if let Some(g) = given_name_key(name).filter(|_| kind == EntityKind::Per) {
        return Some(Key::Person(surname_key(name), Some(g)));
    }
    // One word (or an initial and a surname): the person it abbreviates, when that is clear.
    let single = !name.contains(' ') || (kind == EntityKind::Per && !is_full_person_name(name));
    if single {
        let sk = surname_key(name);
        if let Some(g) = local.get(&sk) {
            return Some(Key::Person(sk, Some(g.clone())));
        }
        if let Some(given) = people.get(&sk) {
            if given.len() == 1 {
                return given
                    .keys()
                    .next()
                    .map(|g| Key::Person(sk.clone(), Some(g.clone())));
            }
            if kind == EntityKind::Per {
                return Some(Key::Person(sk, None));
            }
        }
        // A lone word tagged as a person that no full name explains, but written elsewhere as
        // a place or organisation, is that place or organisation.
        if kind == EntityKind::Per && !others.contains(&key) {
            return Some(Key::Person(sk, None));
        }
    }
    Some(Key::Name(key))
}

fn entity_id(k: &Key) -> String {
    match k {
        Key::Person(s, g) => content_id(&["person", s, g.as_deref().unwrap_or("")]),
        Key::Name(n) => content_id(&["name", n]),
    }
}

/// The most frequent form, preferring full names for people; ties by fewest non-ASCII letters, then order.
fn canonical_form(forms: &BTreeMap<String, u32>, kind: EntityKind) -> String {
    forms
        .iter()
        .max_by(|a, b| {
            let full = |s: &str| kind == EntityKind::Per && is_full_person_name(s);
            full(a.0)
                .cmp(&full(b.0))
                .then(a.1.cmp(b.1))
                .then(
                    (fold_ascii(a.0) == a.0.to_lowercase())
                        .cmp(&(fold_ascii(b.0) == b.0.to_lowercase())),
                )
                .then(b.0.cmp(a.0))
        })
        .map(|(f, _)| f.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{article, mention};

    fn names(ents: &[Entity]) -> Vec<(String, Vec<String>)> {
        ents.iter()
            .map(|e| (e.canonical.clone(), e.variants.clone()))
            .collect()
    }

    #[test]
    fn spelling_variants_and_surnames_fold_to_one_person() {
        let mut arts = vec![
            article(
                "a",
                "x",
                vec![
                    mention("Sergey Lavrov", EntityKind::Per),
                    mention("Lavrov", EntityKind::Per),
                ],
            ),
            article(
                "b",
                "x",
                vec![
                    mention("Sergei Lavrov", EntityKind::Per),
                    mention("Kiev", EntityKind::Loc),
                ],
            ),
            article(
                "c",
                "x",
                vec![
                    mention("Lavrov", EntityKind::Org),
                    mention("Kyiv", EntityKind::Loc),
                ],
            ),
        ];
        let ents = resolve(&mut arts);
        assert_eq!(ents.len(), 2, "{:?}", names(&ents));
        let lavrov = ents
            .iter()
            .find(|e| e.kind == EntityKind::Per)
            .map(|e| e.variants.len());
        assert_eq!(lavrov, Some(3));
        assert!(arts
            .iter()
            .all(|a| a.mentions.iter().all(|m| m.entity.is_some())));
    }

    #[test]
    fn people_sharing_a_surname_with_different_given_names_stay_apart() {
        let mut arts = vec![
            article("a", "x", vec![mention("Hillary Clinton", EntityKind::Per)]),
            article("b", "x", vec![mention("Bill Clinton", EntityKind::Per)]),
            article("c", "x", vec![mention("Clinton", EntityKind::Per)]),
        ];
        let ents = resolve(&mut arts);
        assert_eq!(ents.len(), 3, "{:?}", names(&ents));
    }

    #[test]
    fn honorifics_compounds_and_mistagged_places_resolve() {
        let mut arts = vec![
            article(
                "a",
                "x",
                vec![
                    mention("Sergey Lavrov", EntityKind::Per),
                    mention("Antony Blinken", EntityKind::Per),
                ],
            ),
            article(
                "b",
                "x",
                vec![
                    mention("Mr. Lavrov", EntityKind::Per),
                    mention("Blinken-Lavrov", EntityKind::Misc),
                ],
            ),
            article(
                "c",
                "x",
                vec![
                    mention("Kiev", EntityKind::Loc),
                    mention("Kiev", EntityKind::Per),
                ],
            ),
        ];
        let ents = resolve(&mut arts);
        assert_eq!(ents.len(), 3, "{:?}", names(&ents));
        let lavrov = ents
            .iter()
            .find(|e| e.canonical == "Sergey Lavrov")
            .map(|e| e.mentions);
        assert_eq!(lavrov, Some(3));
    }

    #[test]
    fn a_surname_in_an_article_joins_the_full_name_written_there() {
        let mut arts = vec![
            article(
                "a",
                "x",
                vec![
                    mention("Hillary Clinton", EntityKind::Per),
                    mention("Clinton", EntityKind::Per),
                ],
            ),
            article("b", "x", vec![mention("Bill Clinton", EntityKind::Per)]),
        ];
        let ents = resolve(&mut arts);
        assert_eq!(ents.len(), 2, "{:?}", names(&ents));
    }
}
