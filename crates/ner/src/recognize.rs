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
const TITLE_JOINERS: &[&str] = &["of", "for", "the", "and", "'s", "-"];

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
            let found = entities(tags);
            for &(first, last, kind) in &found {
                let (Some(a), Some(b)) = (inside.get(first), inside.get(last)) else {
                    continue;
                };
                let span = Span::new(a.span.start, b.span.end);
                let role = (kind == EntityKind::Per)
                    .then(|| self.role_before(text, inside, words, first, &found))
                    .flatten();
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

impl Model {
    /// The title right before the person starting at token `first`: a run of title words,
    /// joiners, other entities and capitalised words that holds at least one title word. A
    /// capitalised word usually written in lower case (`Yesterday`, `Foreign`) only joins when
    /// it touches a title word or joiner.
    fn role_before(
        &self,
        text: &str,
        tokens: &[Token],
        words: &[&str],
        first: usize,
        found: &[Found],
    ) -> Option<String> {
        let lower = |i: usize| {
            words
                .get(i)
                .map(|w| crate::features::canonical(w).to_lowercase())
        };
        let is_in = |i: usize, list: &[&str]| lower(i).is_some_and(|l| list.contains(&l.as_str()));
        let in_entity = |i: usize| {
            found
                .iter()
                .any(|&(a, b, k)| k != EntityKind::Per && a <= i && i <= b)
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
            let ok = is_in(i, TITLE_WORDS)
                || is_in(i, TITLE_JOINERS)
                || in_entity(i)
                || (capitalised && (!common || touches_title));
            if !ok {
                break;
            }
            start = i;
        }
        while start < first && is_in(start, TITLE_JOINERS) {
            start += 1;
        }
        if !(start..first).any(|i| is_in(i, TITLE_WORDS)) {
            return None;
        }
        let (a, b) = (tokens.get(start)?, tokens.get(first.checked_sub(1)?)?);
        Some(Span::new(a.span.start, b.span.end).slice(text).to_string())
    }
}
