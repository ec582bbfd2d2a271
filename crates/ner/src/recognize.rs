//! Entity mentions in article text: tags each sentence's tokens and maps entities back to byte
//! spans; adds the title written before a person's name as its role.

use crate::model::Model;
use crate::tag::{entities, Found};
use storyline_model::{EntityKind, Mention, Span, Token};

/// Lower-cased words that make a run of words before a person's name a title or role.
const TITLE_WORDS: &[&str] = &[
    "adviser",
    "advisor",
    "ambassador",
    "attorney",
    "bishop",
    "boss",
    "captain",
    "ceo",
    "chair",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "coach",
    "colonel",
    "commander",
    "commissioner",
    "congressman",
    "congresswoman",
    "councillor",
    "counsel",
    "deputy",
    "director",
    "economist",
    "editor",
    "emir",
    "envoy",
    "executive",
    "founder",
    "general",
    "governor",
    "head",
    "inspector",
    "judge",
    "justice",
    "king",
    "leader",
    "lieutenant",
    "manager",
    "mayor",
    "minister",
    "negotiator",
    "officer",
    "patriarch",
    "pope",
    "premier",
    "president",
    "prince",
    "princess",
    "professor",
    "prosecutor",
    "queen",
    "rapporteur",
    "representative",
    "secretary",
    "senator",
    "sergeant",
    "sheikh",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "sultan",
    "treasurer",
    "vice",
];

/// Small words allowed inside a title (`Secretary of State`, `head of the agency`).
const TITLE_JOINERS: &[&str] = &["of", "for", "the", "'s", "-"];

impl Model {
    /// Finds entity mentions in `text`, given its sentence spans and tokens (byte offsets into
    /// `text`, as the text crate produces them). Mentions come in text order.
    pub fn recognize(&self, text: &str, sentences: &[Span], tokens: &[Token]) -> Vec<Mention> {
        let mut groups: Vec<&[Token]> = Vec::new();
        let mut rest = tokens;
        for sentence in sentences {
            let skip = rest
                .iter()
                .take_while(|t| t.span.start < sentence.start)
                .count();
            rest = rest.get(skip..).unwrap_or(&[]);
            let take = rest
                .iter()
                .take_while(|t| t.span.end <= sentence.end)
                .count();
            let (inside, after) = rest.split_at(take.min(rest.len()));
            rest = after;
            // Spans off char boundaries are not ours to guess: such sentences are skipped.
            if !inside.is_empty() && inside.iter().all(|t| !t.span.slice(text).is_empty()) {
                groups.push(inside);
            }
        }
        let words: Vec<Vec<&str>> = groups
            .iter()
            .map(|g| g.iter().map(|t| t.span.slice(text)).collect())
            .collect();
        let tags = self.tag_document(&words);
        let mut mentions = Vec::new();
        for ((inside, words), tags) in groups.iter().zip(&words).zip(&tags) {
            let found = refine(&entities(tags), words);
            // Titles before people, as (first token of the title, first token of the name).
            let roles: Vec<(usize, usize)> = found
                .iter()
                .filter(|f| f.2 == EntityKind::Per)
                .filter_map(|&(first, _, _)| Some((self.role_start(words, first, &found)?, first)))
                .collect();
            for &(first, last, kind) in &found {
                // An entity inside a title that holds a title word (`US Secretary` of `US
                // Secretary of State`) is part of the title, not a name.
                let in_role = roles.iter().any(|&(r, p)| r <= first && last < p);
                let titled = (first..=last).any(|i| words.get(i).is_some_and(|w| is_title(w)));
                if kind != EntityKind::Per && in_role && titled {
                    continue;
                }
                let (Some(a), Some(b)) = (inside.get(first), inside.get(last)) else {
                    continue;
                };
                let span = Span::new(a.span.start, b.span.end);
                let role = roles
                    .iter()
                    .find(|r| r.1 == first && kind == EntityKind::Per)
                    .and_then(|&(r, _)| {
                        let (a, b) = (inside.get(r)?, inside.get(first.checked_sub(1)?)?);
                        Some(Span::new(a.span.start, b.span.end).slice(text).to_string())
                    });
                mentions.push(Mention {
                    span,
                    text: span.slice(text).to_string(),
                    kind,
                    role,
                    entity: None,
                });
            }
        }
        mentions
    }
}

/// True when a word is a title word (`Minister`, `spokesperson`).
fn is_title(word: &str) -> bool {
    TITLE_WORDS.contains(&crate::features::canonical(word).to_lowercase().as_str())
}

/// Repairs entities that swallowed a title: `Spokesperson Ned Price` tagged as one organisation
/// becomes the person `Ned Price`.
fn refine(found: &[Found], words: &[&str]) -> Vec<Found> {
    found
        .iter()
        .map(|&(first, last, kind)| {
            let lead = (first..=last)
                .take_while(|&i| words.get(i).is_some_and(|w| is_title(w)))
                .count();
            if kind != EntityKind::Per && lead > 0 && last + 1 >= first + lead + 2 {
                (first + lead, last, EntityKind::Per)
            } else {
                (first, last, kind)
            }
        })
        .collect()
}

impl Model {
    /// Where the title right before the person starting at token `first` begins: a run of
    /// title words, joiners, non-person entities and capitalised words that holds at least one
    /// title word. A capitalised word usually written in lower case (`Yesterday`, `Foreign`)
    /// only joins when it touches a title word or joiner.
    fn role_start(&self, words: &[&str], first: usize, found: &[Found]) -> Option<usize> {
        let lower = |i: usize| {
            words
                .get(i)
                .map(|w| crate::features::canonical(w).to_lowercase())
        };
        let is_in = |i: usize, list: &[&str]| lower(i).is_some_and(|l| list.contains(&l.as_str()));
        let entity_at = |i: usize| {
            found
                .iter()
                .find(|&&(a, b, _)| a <= i && i <= b)
                .map(|f| f.2)
        };
        let mut start = first;
        while let Some(i) = start.checked_sub(1) {
            let w = words.get(i)?;
            let capitalised = w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
            let common = lower(i).is_some_and(|l| self.lexicon().case_of(&l) >= 5);
            let touches_title = (i + 1 < first && is_in(i + 1, TITLE_WORDS))
                || i.checked_sub(1)
                    .is_some_and(|j| is_in(j, TITLE_WORDS) || is_in(j, TITLE_JOINERS));
            let ok = match entity_at(i) {
                Some(EntityKind::Per) => false, // another person ends the title
                Some(_) => true,
                None => {
                    is_in(i, TITLE_WORDS)
                        || is_in(i, TITLE_JOINERS)
                        || (capitalised && (!common || touches_title))
                }
            };
            if !ok {
                break;
            }
            start = i;
        }
        while start < first && is_in(start, TITLE_JOINERS) {
            start += 1;
        }
        (start..first)
            .any(|i| is_in(i, TITLE_WORDS))
            .then_some(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refine_splits_a_title_off_an_entity() {
        let words = ["Spokesperson", "Ned", "Pryce", "of", "Vantor", "Bank"];
        let found = vec![(0, 2, EntityKind::Org), (4, 5, EntityKind::Org)];
        assert_eq!(
            refine(&found, &words),
            vec![(1, 2, EntityKind::Per), (4, 5, EntityKind::Org)]
        );
        // A title word with a single name after it stays as tagged.
        let found = vec![(0, 1, EntityKind::Org)];
        assert_eq!(refine(&found, &words), found);
    }
}
