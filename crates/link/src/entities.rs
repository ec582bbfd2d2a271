//! Entity resolution: one entity per real person, place or organisation across articles and
//! spellings. Names fold through [`storyline_text::name_key`]; a surname alone joins the full
//! name it abbreviates; two people sharing a surname stay apart when their given names conflict;
//! place names with different keys that the [`Gazetteer`] gives as one place (`Peking`,
//! `Beijing`) join.

use std::collections::{BTreeMap, BTreeSet};
use storyline_gazetteer::{Gazetteer, Place};
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
    /// A gazetteer place, by GeoNames id.
    Place(u32),
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
/// the articles. [`Resolver::default`] uses the built-in gazetteer.
pub struct Resolver {
    /// Places that names written as places stand for.
    gazetteer: Option<&'static Gazetteer>,
    /// Full person names seen anywhere: surname key → given-name keys.
    people: BTreeMap<String, BTreeMap<String, u32>>,
    /// Surnames of those full names, folded (`lavrov`).
    surnames: BTreeSet<String>,
    /// Keys of every name written as a place, organisation or other name.
    others: BTreeSet<String>,
    /// Name key → gazetteer places its forms written as places stand for, with counts.
    places: BTreeMap<String, BTreeMap<u32, u32>>,
    clusters: BTreeMap<Key, Cluster>,
}

impl Default for Resolver {
    fn default() -> Self {
        Resolver::with_gazetteer(Gazetteer::builtin().ok())
    }
}

impl Resolver {
    /// A resolver joining place names through `gazetteer` (none: by name keys only).
    pub fn with_gazetteer(gazetteer: Option<&'static Gazetteer>) -> Self {
        Resolver {
            gazetteer,
            people: BTreeMap::new(),
            surnames: BTreeSet::new(),
            others: BTreeSet::new(),
            places: BTreeMap::new(),
            clusters: BTreeMap::new(),
        }
    }

    /// First pass: records the names an article writes.
    pub fn observe(&mut self, a: &AnalyzedArticle) {
        for m in &a.mentions {
            let name = clean(&m.text);
            if m.kind != EntityKind::Per {
                self.others.insert(name_key(&name));
                if let Some(p) = self
                    .gazetteer
                    .filter(|_| m.kind == EntityKind::Loc)
                    .and_then(|g| g.lookup(&name))
                {
                    *self
                        .places
                        .entry(name_key(&name))
                        .or_default()
                        .entry(p.id)
                        .or_default() += 1;
                }
            } else if let Some(g) = given_name_key(&name) {
                *self
                    .people
                    .entry(surname_key(&name))
                    .or_default()
                    .entry(g)
                    .or_default() += 1;
                self.surnames
                    .insert(fold_ascii(name.rsplit(' ').next().unwrap_or(&name)));
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
                let Some(k) = self.mention_key(&name, m.kind, &local) else {
                    continue;
                };
                let k = self.place_of(k, &name, m.kind);
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

    /// Which cluster a mention joins (`None` for a name without letters or digits).
    fn mention_key(
        &self,
        name: &str,
        kind: EntityKind,
        local: &BTreeMap<String, String>,
    ) -> Option<Key> {
        let key = name_key(name);
        if key.is_empty() {
            return None;
        }
        let per = kind == EntityKind::Per;
        if let Some(g) = given_name_key(name).filter(|_| per) {
            return Some(Key::Person(surname_key(name), Some(g)));
        }
        // One word (or an initial and a surname): the person it abbreviates, when that is clear.
        let single = !name.contains(' ') || (per && !is_full_person_name(name));
        if single && (per || self.is_surname(name, kind)) {
            let sk = surname_key(name);
            if let Some(g) = local.get(&sk) {
                return Some(Key::Person(sk, Some(g.clone())));
            }
            if let Some(given) = self.people.get(&sk) {
                if given.len() == 1 {
                    return given
                        .keys()
                        .next()
                        .map(|g| Key::Person(sk.clone(), Some(g.clone())));
                }
                if per {
                    return Some(Key::Person(sk, None));
                }
            }
            // A lone word tagged as a person that no full name explains, but written elsewhere
            // as a place or organisation, is that place or organisation.
            if per && !self.others.contains(&key) {
                return Some(Key::Person(sk, None));
            }
        }
        Some(Key::Name(key))
    }

    /// Whether a word not tagged as a person is a surname: spelled as one in a full name
    /// (`Lavrov`, but not `Greece` beside `Grace`), and not a place when tagged as one.
    fn is_surname(&self, word: &str, kind: EntityKind) -> bool {
        let place =
            kind == EntityKind::Loc && self.gazetteer.is_some_and(|g| g.lookup(word).is_some());
        !place && self.surnames.contains(&fold_ascii(word))
    }

    /// The gazetteer place a mention stands for, when its name key was written as a place: the
    /// place its own spelling names, else (for places and mistagged people) the place most forms
    /// of the key name. Places sharing a key stay apart (`Guinea`, `Guyana`) unless one is
    /// also called by the other's name (`Odessa`, `Odesa`): then the most populous stands for both.
    fn place_of(&self, k: Key, name: &str, kind: EntityKind) -> Key {
        let (Key::Name(key), Some(g)) = (&k, self.gazetteer) else {
            return k;
        };
        let Some(ids) = self.places.get(key) else {
            return k;
        };
        let named = g
            .lookup(name)
            .map(|p| p.id)
            .filter(|id| ids.contains_key(id));
        let target = match named {
            Some(id) => id,
            None if matches!(kind, EntityKind::Loc | EntityKind::Per) => {
                match ids.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
                    Some((id, _)) => *id,
                    None => return k,
                }
            }
            None => return k,
        };
        Key::Place(representative(g, ids, target))
    }

    /// The entities, sorted by id.
    pub fn finish(self) -> Vec<Entity> {
        let gazetteer = self.gazetteer;
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
                let preferred = match (&k, gazetteer) {
                    (Key::Place(id), Some(g)) => g.place(*id).and_then(|p| seen(&c.forms, &p.name)),
                    _ => None,
                };
                Entity {
                    id: entity_id(&k),
                    canonical: preferred.unwrap_or_else(|| canonical_form(&c.forms, kind)),
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
    resolve_with(Resolver::default(), articles)
}

/// [`resolve`] with a given resolver (for instance one without gazetteer).
pub fn resolve_with(mut r: Resolver, articles: &mut [AnalyzedArticle]) -> Vec<Entity> {
    for a in articles.iter() {
        r.observe(a);
    }
    for a in articles.iter_mut() {
        r.assign(a);
    }
    r.finish()
}

fn entity_id(k: &Key) -> String {
    match k {
        Key::Person(s, g) => content_id(&["person", s, g.as_deref().unwrap_or("")]),
        Key::Place(id) => content_id(&["place", &id.to_string()]),
        Key::Name(n) => content_id(&["name", n]),
    }
}

/// The most populous place (ties: lowest id) among `ids` linked to `target` through names: two
/// places are linked when one is also called by the other's name.
fn representative(g: &Gazetteer, ids: &BTreeMap<u32, u32>, target: u32) -> u32 {
    let places: Vec<&Place> = ids.keys().filter_map(|id| g.place(*id)).collect();
    let mut group: BTreeSet<u32> = BTreeSet::from([target]);
    loop {
        let before = group.len();
        for p in &places {
            let linked = places
                .iter()
                .any(|q| group.contains(&q.id) && (p.is_called(&q.name) || q.is_called(&p.name)));
            if linked {
                group.insert(p.id);
            }
        }
        if group.len() == before {
            break;
        }
    }
    places
        .iter()
        .filter(|p| group.contains(&p.id))
        .max_by(|a, b| a.population.cmp(&b.population).then(b.id.cmp(&a.id)))
        .map_or(target, |p| p.id)
}

/// The most frequent form written like `name` (ignoring case and accents), if any.
fn seen(forms: &BTreeMap<String, u32>, name: &str) -> Option<String> {
    let want = fold_ascii(name);
    forms
        .iter()
        .filter(|(f, _)| fold_ascii(f) == want)
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(f, _)| f.clone())
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
    fn gazetteer_joins_old_and_new_place_names_and_keeps_same_key_places_apart() {
        let loc = |t: &str| mention(t, EntityKind::Loc);
        let mut arts = vec![
            article(
                "a",
                "x",
                vec![loc("Peking"), loc("Peking"), loc("Guinea"), loc("Odessa")],
            ),
            article(
                "b",
                "x",
                vec![
                    loc("Beijing"),
                    loc("Guyana"),
                    loc("Homs"),
                    mention("Hamas", EntityKind::Org),
                ],
            ),
            article(
                "c",
                "x",
                vec![loc("Odesa"), mention("Kiev", EntityKind::Org), loc("Kyiv")],
            ),
        ];
        let ents = resolve(&mut arts);
        let found: Vec<(String, Vec<String>)> = names(&ents);
        let has = |canonical: &str, variants: &[&str]| {
            found.iter().any(|(c, v)| {
                c == canonical && v.iter().map(String::as_str).eq(variants.iter().copied())
            })
        };
        assert!(has("Beijing", &["Beijing", "Peking"]), "{found:?}");
        assert!(has("Odesa", &["Odesa", "Odessa"]), "{found:?}");
        assert!(has("Kyiv", &["Kiev", "Kyiv"]), "{found:?}");
        for alone in ["Guinea", "Guyana", "Homs", "Hamas"] {
            assert!(has(alone, &[alone]), "{alone}: {found:?}");
        }
        assert_eq!(ents.len(), 7, "{found:?}");
    }

    /// Pairwise precision and recall of merging mentions, against the truth of each mention.
    fn pairwise(predicted: &[Option<String>], truth: &[&str]) -> (f64, f64) {
        let (mut both, mut merged, mut same) = (0u32, 0u32, 0u32);
        for i in 0..truth.len() {
            for j in i + 1..truth.len() {
                let p = predicted[i].is_some() && predicted[i] == predicted[j];
                let t = truth[i] == truth[j];
                both += u32::from(p && t);
                merged += u32::from(p);
                same += u32::from(t);
            }
        }
        let ratio = |a: u32, b: u32| {
            if b == 0 {
                1.0
            } else {
                f64::from(a) / f64::from(b)
            }
        };
        (ratio(both, merged), ratio(both, same))
    }

    #[test]
    fn variant_corpus_merges_spellings_and_keeps_decoys_apart() {
        let corpus = include_str!("../tests/entity_variants.txt");
        let mut arts: Vec<AnalyzedArticle> = Vec::new();
        let mut truth: Vec<&str> = Vec::new();
        for line in corpus
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let fields: Vec<&str> = line.split('|').collect();
            let [id, kind, text, entity] = fields.as_slice() else {
                panic!("bad corpus line {line:?}");
            };
            let kind = EntityKind::parse(kind).unwrap_or(EntityKind::Misc);
            if arts.last().map(|a| a.article.id.as_str()) != Some(*id) {
                arts.push(article(id, "", vec![]));
            }
            if let Some(a) = arts.last_mut() {
                a.mentions.push(mention(text, kind));
            }
            truth.push(entity);
        }
        let score = |resolver: Resolver, arts: &mut [AnalyzedArticle]| {
            let ents = resolve_with(resolver, arts);
            let predicted: Vec<Option<String>> = arts
                .iter()
                .flat_map(|a| a.mentions.iter().map(|m| m.entity.clone()))
                .collect();
            let (p, r) = pairwise(&predicted, &truth);
            (p, r, ents)
        };
        let (p0, r0, _) = score(Resolver::with_gazetteer(None), &mut arts.clone());
        let (p, r, ents) = score(Resolver::default(), &mut arts);
        let entities: BTreeSet<&str> = truth.iter().copied().collect();
        println!(
            "variant corpus: {} mentions, {} true entities, {} resolved: pairwise P {p:.3} R {r:.3} \
             (name keys alone: P {p0:.3} R {r0:.3})",
            truth.len(),
            entities.len(),
            ents.len()
        );
        assert!(
            p >= 0.98 && r >= 0.95,
            "P {p:.3} R {r:.3}: {:?}",
            names(&ents)
        );
        assert!(
            r > r0,
            "the gazetteer joins no more places than name keys do"
        );
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
