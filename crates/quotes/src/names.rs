//! The people and organisations an article names, the roles it gives them, and the
//! resolution of short forms (`Blinken`, `the top US diplomat`, `the ministry`) to them.

use crate::lexicon as lx;
use crate::words::Doc;
use storyline_model::{EntityKind, Mention, Span};

/// One occurrence of a person, with the full name it stands for.
#[derive(Debug, Clone)]
pub(crate) struct PersonRef {
    /// Full name (`Antony Blinken`).
    pub name: String,
    /// Its words, lowercased, without honorifics and possessive endings.
    words: Vec<String>,
    /// Span of the occurrence.
    pub span: Span,
}

impl PersonRef {
    fn new(name: String, span: Span) -> Self {
        let words = name_words(&name);
        PersonRef { name, words, span }
    }
}

/// A role the article gives to a person (`US Secretary of State Antony Blinken`).
#[derive(Debug, Clone)]
struct RoleLink {
    person: String,
    pos: usize,
    key: RoleKey,
}

/// What a role phrase says: an office concept, its title words and the countries named.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RoleKey {
    special: Option<&'static str>,
    generic: Vec<String>,
    countries: Vec<String>,
}

impl RoleKey {
    /// Reads a role phrase from its words (as written).
    pub fn from_words(words: &[&str]) -> Self {
        let lower: Vec<String> = words
            .iter()
            .map(|w| {
                w.trim_end_matches("'s")
                    .trim_end_matches("’s")
                    .to_lowercase()
            })
            .collect();
        let generic = lower
            .iter()
            .filter(|w| {
                lx::is_title(w)
                    || (lx::is_complement_word(w) && !matches!(w.as_str(), "the" | "and"))
            })
            .cloned()
            .collect();
        let mut countries: Vec<String> = words
            .iter()
            .zip(&lower)
            .filter(|(w, l)| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && !lx::is_title(l)
                    && !lx::is_complement_word(l)
                    && !lx::is_org_keyword(l)
                    && !lx::is_stop_cap(l)
                    && l.as_str() != "united"
            })
            .map(|(w, _)| lx::country_key(w))
            .collect();
        let phrase = lower.join(" ");
        if phrase.contains("united states") || phrase.contains("state department") {
            countries.push(lx::country_key("US"));
        }
        if phrase.contains("united kingdom") {
            countries.push(lx::country_key("UK"));
        }
        countries.sort();
        countries.dedup();
        RoleKey {
            special: lx::special_concept(&lower),
            generic,
            countries,
        }
    }

    /// True when the phrase names an office at all.
    pub fn is_role(&self) -> bool {
        self.special.is_some() || !self.generic.is_empty()
    }

    fn covered_by(&self, other: &RoleKey) -> bool {
        let leads_country = matches!(other.special, Some("president" | "prime-minister"));
        match self.special {
            Some(s) => other.special == Some(s),
            None if self.generic == ["leader"] && !self.countries.is_empty() && leads_country => {
                true
            }
            None => self
                .generic
                .iter()
                .all(|g| other.generic.contains(g) || other.special == Some(g.as_str())),
        }
    }
}

/// An organisation occurrence.
#[derive(Debug, Clone)]
struct OrgRef {
    name: String,
    pos: usize,
}

/// Everyone an article names, in text order.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    persons: Vec<PersonRef>,
    roles: Vec<RoleLink>,
    orgs: Vec<OrgRef>,
    /// Head nouns of unnamed sources introduced with an indefinite article
    /// (`a company spokesperson`), with their positions.
    unnamed: Vec<(String, usize)>,
}

/// A capitalised run split into its leading role words and the name proper.
struct Run {
    start: usize,
    name_start: usize,
    end: usize,
}

fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "de"
            | "van"
            | "von"
            | "der"
            | "al"
            | "bin"
            | "la"
            | "le"
            | "du"
            | "da"
            | "di"
            | "del"
    )
}

fn sentence_initial(doc: &Doc, i: usize) -> bool {
    i == 0
        || matches!(
            doc.s(i - 1),
            "." | "!" | "?" | ":" | "\"" | "“" | "”" | "«" | "„" | "—" | "-" | "("
        )
        || doc.paragraph_of(doc.toks[i].start).start == doc.toks[i].start
}

/// Finds maximal capitalised runs (allowing inner connectors such as `of`), without
/// leading function words or calendar words.
fn runs(doc: &Doc) -> Vec<(usize, usize)> {
    let n = doc.toks.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !doc.is_cap(i) || lx::is_calendar(doc.lower(i)) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            if j < n
                && doc.is_cap(j)
                && !lx::is_calendar(doc.lower(j))
                && !doc.s(j - 1).ends_with("'s")
                && !doc.s(j - 1).ends_with("’s")
            {
                j += 1;
            } else if j + 1 < n && is_connector(doc.s(j)) && doc.is_cap(j + 1) {
                j += 2;
            } else {
                break;
            }
        }
        let mut a = i;
        while a < j && {
            let l = doc.lower(a);
            lx::is_stop_cap(l)
                || (sentence_initial(doc, a)
                    && a + 1 == j
                    && (l.ends_with("ing") || l.ends_with("ed")))
        } {
            a += 1;
        }
        if a < j {
            out.push((a, j));
        }
        i = j;
    }
    out
}

/// Splits a run after its last title word (and the title's `of ...` complement).
fn split_run(doc: &Doc, a: usize, b: usize) -> Run {
    let mut name_start = a;
    for k in a..b {
        let l = doc.lower(k);
        if lx::is_title(l.trim_end_matches("'s").trim_end_matches("’s")) || lx::is_honorific(l) {
            name_start = k + 1;
        }
    }
    if name_start > a && name_start < b && doc.s(name_start) == "of" {
        let mut k = name_start + 1;
        while k < b && lx::is_complement_word(doc.lower(k)) {
            k += 1;
        }
        name_start = k;
    }
    Run {
        start: a,
        name_start,
        end: b,
    }
}

fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("'s")
        .or_else(|| s.strip_suffix("’s"))
        .unwrap_or(s)
}

fn name_words(name: &str) -> Vec<String> {
    name.split_whitespace()
        .map(|w| strip_possessive(w).to_lowercase())
        .filter(|w| !lx::is_honorific(w))
        .collect()
}

/// Lowercase role words written just before a run (`spokesperson` in
/// `US State Department spokesperson Ned Price`), with capitalised qualifiers before them.
fn role_before(doc: &Doc, a: usize) -> usize {
    let mut k = a;
    let mut saw_title = false;
    let para = doc.paragraph_of(doc.toks.get(a).map_or(0, |t| t.start));
    while k > 0 && doc.toks[k - 1].start >= para.start {
        let l = doc.lower(k - 1);
        let title = lx::is_title(strip_possessive(l));
        let ok = doc.is_word(k - 1)
            && (title
                || lx::is_np_modifier(l)
                || doc.is_cap(k - 1) && !lx::is_stop_cap(l)
                || l == "of");
        if !ok {
            break;
        }
        saw_title |= title;
        k -= 1;
    }
    if saw_title {
        k
    } else {
        a
    }
}

fn is_role_token(doc: &Doc, k: usize) -> bool {
    let l = doc.lower(k);
    doc.is_word(k)
        && (doc.is_cap(k) && !lx::is_stop_cap(l)
            || lx::is_title(strip_possessive(l))
            || lx::is_np_modifier(l)
            || lx::is_determiner(l)
            || l == "of"
            || l == "for")
}

/// A role phrase set off by commas next to a name: `the chief executive of X, Name` (before)
/// or `Name, the transport minister,` (after). Returns its token range.
fn apposition(doc: &Doc, a: usize, b: usize) -> Option<(usize, usize)> {
    let has_title =
        |x: usize, y: usize| (x..y).any(|k| lx::is_title(strip_possessive(doc.lower(k))));
    let para = doc.paragraph_of(doc.toks.get(a)?.start);
    if a >= 2 && doc.s(a - 1) == "," {
        let mut k = a - 1;
        while k > 0
            && k + 10 > a
            && doc.toks[k - 1].start >= para.start
            && is_role_token(doc, k - 1)
        {
            k -= 1;
        }
        if has_title(k, a - 1) {
            return Some((k, a - 1));
        }
    }
    if doc.s(b) == "," {
        let mut k = b + 1;
        while k < b + 10
            && doc.toks.get(k).is_some_and(|t| t.end <= para.end)
            && is_role_token(doc, k)
        {
            k += 1;
        }
        if has_title(b + 1, k) && matches!(doc.s(k), "," | "." | ";") {
            return Some((b + 1, k));
        }
    }
    None
}

/// Head nouns of sources introduced as `a/an/one ... official` (unnamed sources).
fn unnamed_sources(doc: &Doc) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for i in 0..doc.toks.len() {
        if !lx::is_indefinite(doc.lower(i)) {
            continue;
        }
        let head = (i + 1..i + 7)
            .take_while(|&k| doc.is_word(k))
            .map(|k| doc.lower(k))
            .find(|w| lx::is_anon_noun(w) || lx::is_title(w));
        if let Some(h) = head {
            out.push((h.to_string(), doc.toks[i].start));
        }
    }
    out
}

fn is_acronym(w: &str) -> bool {
    w.chars().count() > 1 && w.chars().all(|c| c.is_uppercase() || c == '.')
}

impl Registry {
    /// Builds the registry from NER mentions and, where they say nothing, capitalised runs.
    pub fn build(doc: &Doc, mentions: &[Mention]) -> Self {
        let mut reg = Registry::default();
        let mut singles: Vec<(usize, usize)> = Vec::new();
        for m in mentions {
            match m.kind {
                EntityKind::Per => {
                    let name = strip_possessive(m.text.trim()).to_string();
                    if let Some(role) = &m.role {
                        let words: Vec<&str> = role.split_whitespace().collect();
                        reg.link_role(&name, m.span.start, &words);
                    }
                    reg.persons.push(PersonRef::new(name, m.span));
                }
                EntityKind::Org => reg.orgs.push(OrgRef {
                    name: m.text.trim().to_string(),
                    pos: m.span.start,
                }),
                EntityKind::Loc | EntityKind::Misc => {
                    let name = m.text.trim();
                    if name_words(name).iter().any(|w| lx::is_org_keyword(w)) {
                        reg.orgs.push(OrgRef {
                            name: name.to_string(),
                            pos: m.span.start,
                        });
                    }
                }
            }
        }
        let covered = |s: Span| mentions.iter().any(|m| m.span.overlaps(&s));
        for (a, b) in runs(doc) {
            let run = split_run(doc, a, b);
            let name_span = doc.span(run.name_start, run.end);
            let person_known = mentions
                .iter()
                .any(|m| m.kind == EntityKind::Per && m.span.overlaps(&name_span));
            let role_from = if run.name_start > run.start {
                run.start
            } else {
                role_before(doc, a)
            };
            if person_known {
                let name = strip_possessive(name_span.slice(doc.text)).to_string();
                let words: Vec<&str> = (role_from..run.name_start).map(|k| doc.s(k)).collect();
                reg.link_role(&name, name_span.start, &words);
                if let Some((x, y)) = apposition(doc, a, b) {
                    let words: Vec<&str> = (x..y).map(|k| doc.s(k)).collect();
                    reg.link_role(&name, name_span.start, &words);
                }
            }
            if covered(doc.span(a, b)) || run.name_start >= run.end {
                continue;
            }
            let lows: Vec<&str> = (run.name_start..run.end).map(|k| doc.lower(k)).collect();
            let words = run.end - run.name_start;
            if lows.iter().any(|w| lx::is_org_keyword(w))
                || (words == 1 && is_acronym(doc.s(run.name_start)))
            {
                reg.orgs.push(OrgRef {
                    name: strip_possessive(doc.slice(a, b)).to_string(),
                    pos: doc.toks[a].start,
                });
            } else if role_from < run.name_start || words >= 2 {
                let name = strip_possessive(name_span.slice(doc.text)).to_string();
                let role: Vec<&str> = (role_from..run.name_start).map(|k| doc.s(k)).collect();
                reg.link_role(&name, name_span.start, &role);
                if let Some((x, y)) = apposition(doc, a, b) {
                    let words: Vec<&str> = (x..y).map(|k| doc.s(k)).collect();
                    reg.link_role(&name, name_span.start, &words);
                }
                reg.persons.push(PersonRef::new(name, name_span));
            } else {
                singles.push((run.name_start, run.end));
            }
        }
        reg.persons.sort_by_key(|p| p.span.start);
        for (a, b) in singles {
            let span = doc.span(a, b);
            let single = strip_possessive(span.slice(doc.text));
            let full = reg.canonical(single, span.start);
            if full != single {
                reg.persons.push(PersonRef::new(full, span));
            }
        }
        reg.persons.sort_by_key(|p| p.span.start);
        reg.roles.sort_by_key(|r| r.pos);
        reg.unnamed = unnamed_sources(doc);
        reg
    }

    /// True when an unnamed source with this head noun was introduced before `pos`
    /// (`a company spokesperson ... the spokesperson said`).
    pub fn is_unnamed(&self, head: &str, pos: usize) -> bool {
        self.unnamed.iter().any(|(h, p)| h == head && *p < pos)
    }

    fn link_role(&mut self, person: &str, pos: usize, words: &[&str]) {
        let key = RoleKey::from_words(words);
        if key.is_role() {
            self.roles.push(RoleLink {
                person: person.to_string(),
                pos,
                key,
            });
        }
    }

    /// The full name a (possibly partial) person name stands for: the closest earlier full
    /// name ending with the same words, else the first later one, else the name itself.
    pub fn canonical(&self, name: &str, pos: usize) -> String {
        let words = name_words(name);
        if words.is_empty() {
            return name.to_string();
        }
        let matches = |p: &&PersonRef| p.words.len() > words.len() && p.words.ends_with(&words);
        let before = self
            .persons
            .iter()
            .filter(|p| p.span.start < pos)
            .rfind(matches);
        let after = self.persons.iter().find(matches);
        match before.or(after) {
            Some(p) => p.name.clone(),
            None => name
                .split_whitespace()
                .filter(|w| !lx::is_honorific(&w.to_lowercase()))
                .map(strip_possessive)
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    /// True when `name` is a person the article names.
    pub fn is_person(&self, name: &str) -> bool {
        self.persons.iter().any(|p| p.name == name)
    }

    /// True when `name` is an organisation the article names.
    pub fn is_org(&self, name: &str) -> bool {
        self.orgs.iter().any(|o| o.name == name)
    }

    /// The person a role phrase stands for: the latest earlier holder of a matching role,
    /// else the first later one.
    pub fn resolve_role(&self, key: &RoleKey, pos: usize) -> Option<String> {
        let fits: Vec<&RoleLink> = self
            .roles
            .iter()
            .filter(|r| key.covered_by(&r.key))
            .collect();
        let by_country: Vec<&RoleLink> = if key.countries.is_empty() {
            fits
        } else {
            let same: Vec<&RoleLink> = fits
                .iter()
                .copied()
                .filter(|r| r.key.countries.iter().any(|c| key.countries.contains(c)))
                .collect();
            if same.is_empty() {
                fits.into_iter()
                    .filter(|r| r.key.countries.is_empty())
                    .collect()
            } else {
                same
            }
        };
        by_country
            .iter()
            .rfind(|r| r.pos < pos)
            .or_else(|| by_country.first())
            .map(|r| r.person.clone())
    }

    /// The organisation a definite description (`the ministry`, `the paper`) stands for: the
    /// latest earlier organisation whose name contains the head noun (any news outlet for
    /// `the paper`, `the agency`, ...).
    pub fn resolve_org(&self, head: &str, pos: usize) -> Option<String> {
        let media = lx::is_media_noun(head);
        self.orgs
            .iter()
            .filter(|o| o.pos < pos)
            .rfind(|o| {
                let words = name_words(&o.name);
                words
                    .iter()
                    .any(|w| w == head || media && lx::is_media_keyword(w))
            })
            .map(|o| o.name.clone())
    }

    /// The nearest person named before `pos` outside the `skip` spans (quoted text, sorted
    /// by start).
    pub fn nearest_person(&self, pos: usize, skip: &[Span]) -> Option<&PersonRef> {
        let inside = |s: &Span| {
            let i = skip.partition_point(|q| q.start <= s.start);
            i > 0 && skip.get(i - 1).is_some_and(|q| s.end <= q.end)
        };
        let before = self.persons.partition_point(|p| p.span.start < pos);
        self.persons
            .get(..before)?
            .iter()
            .rev()
            .find(|p| p.span.end <= pos && !inside(&p.span))
    }

    /// Records a person reference found while attributing (a resolved role), so later
    /// pronouns can refer to it.
    pub fn add_reference(&mut self, name: &str, span: Span) {
        let at = self.persons.partition_point(|p| p.span.start <= span.start);
        self.persons
            .insert(at, PersonRef::new(name.to_string(), span));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg(text: &str) -> Registry {
        Registry::build(&Doc::new(text), &[])
    }

    #[test]
    fn surnames_resolve_to_full_names_and_roles_to_holders() {
        let t =
            "Veldorian Foreign Minister Ilse Marrow met Trade Minister Olaf Brenn. Marrow spoke.";
        let r = reg(t);
        assert_eq!(r.canonical("Marrow", t.len()), "Ilse Marrow");
        assert_eq!(r.canonical("Mr. Brenn's", t.len()), "Olaf Brenn");
        let top = RoleKey::from_words(&["the", "top", "Veldorian", "diplomat"]);
        assert_eq!(
            r.resolve_role(&top, t.len()).as_deref(),
            Some("Ilse Marrow")
        );
        let trade = RoleKey::from_words(&["the", "trade", "minister"]);
        assert_eq!(
            r.resolve_role(&trade, t.len()).as_deref(),
            Some("Olaf Brenn")
        );
    }

    #[test]
    fn lowercase_role_before_a_name_is_linked() {
        let t = "Quarn Ministry spokeswoman Dalia Fenwick spoke. Later the spokeswoman left.";
        let r = reg(t);
        let key = RoleKey::from_words(&["the", "spokeswoman"]);
        assert_eq!(
            r.resolve_role(&key, t.len()).as_deref(),
            Some("Dalia Fenwick")
        );
        assert_eq!(
            r.resolve_org("ministry", t.len()).as_deref(),
            Some("Quarn Ministry")
        );
    }
}
