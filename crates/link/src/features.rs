//! Per-article linking features: weighted terms, salient entities, the venue, the event date.

use crate::dates::article_event_date;
use crate::vector::{Interner, SparseVec};
use std::collections::BTreeMap;
use storyline_model::{AnalyzedArticle, DateVote, EntityKind, Span};
use storyline_text::tokenize;

/// English function words and news-reporting words that carry no topic.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "ever",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "least",
    "less",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "meanwhile",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "new",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "per",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "to",
    "told",
    "too",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "week",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "according",
    "added",
    "day",
    "days",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tomorrow",
    "time",
    "reported",
    "reports",
    "news",
    "earlier",
    "later",
    "first",
];

/// Light stemming: lower-case, plural and possessive endings removed.
pub(crate) fn term_of(token: &str) -> Option<String> {
    let t = token.to_lowercase();
    if t.chars().count() < 3
        || !t.chars().any(char::is_alphabetic)
        || STOPWORDS.contains(&t.as_str())
    {
        return None;
    }
    let t = if t.len() > 4 && t.ends_with("ies") {
        format!("{}y", &t[..t.len() - 3])
    } else if t.len() > 4
        && t.ends_with('s')
        && !t.ends_with("ss")
        && !t.ends_with("us")
        && !t.ends_with("is")
    {
        t[..t.len() - 1].to_string()
    } else {
        t
    };
    Some(t)
}

/// What linking knows of one article.
#[derive(Debug, Clone)]
pub struct Features {
    /// Index of the article in the batch.
    pub index: usize,
    /// Term counts (term ids), title counted twice; weighted by IDF later.
    pub term_counts: Vec<(u32, f64)>,
    /// Salient entities (entity-id ids) with weights.
    pub entities: SparseVec,
    /// The place the happening is located at (entity id), when the text says.
    pub venue: Option<String>,
    /// The article's event date with its votes.
    pub date: Option<(String, Vec<DateVote>)>,
}

/// Computes features of one article. Terms come from the headline and text outside foreign
/// passages; entity salience grows with mention count and presence in the headline or lead.
pub fn features(
    index: usize,
    a: &AnalyzedArticle,
    terms: &mut Interner,
    ents: &mut Interner,
) -> Features {
    let text = &a.article.text;
    let foreign: Vec<Span> = a.foreign.iter().map(|f| f.span).collect();
    let mut counts: BTreeMap<u32, f64> = BTreeMap::new();
    for span in tokenize(text) {
        if foreign.iter().any(|f| f.overlaps(&span)) {
            continue;
        }
        if let Some(t) = term_of(span.slice(text)) {
            *counts.entry(terms.intern(&t)).or_default() += 1.0;
        }
    }
    let title = a.article.title.as_deref().unwrap_or("");
    for span in tokenize(title) {
        if let Some(t) = term_of(span.slice(title)) {
            *counts.entry(terms.intern(&t)).or_default() += 2.0;
        }
    }
    let lead_end = a.sentences.get(1).map(|s| s.end).unwrap_or(text.len());
    let title_lower = title.to_lowercase();
    let mut salience: BTreeMap<u32, f64> = BTreeMap::new();
    for m in &a.mentions {
        let Some(id) = &m.entity else { continue };
        let prominent = m.span.start < lead_end || title_lower.contains(&m.text.to_lowercase());
        *salience.entry(ents.intern(id)).or_default() += if prominent { 2.0 } else { 1.0 };
    }
    let entities = SparseVec::from_pairs(salience.into_iter().map(|(k, n)| (k, 1.0 + n.ln())));
    let date = article_event_date(a);
    let venue = venue(a, date.as_ref().map(|d| d.1.as_slice()).unwrap_or(&[]));
    Features {
        index,
        term_counts: counts.into_iter().collect(),
        entities,
        venue,
        date,
    }
}

/// The venue: a place introduced by `in`/`at` in the sentences that carry the event date, or in
/// the first two sentences when the article is undated.
fn venue(a: &AnalyzedArticle, votes: &[DateVote]) -> Option<String> {
    let text = &a.article.text;
    let dated: Vec<Span> = a
        .timexes
        .iter()
        .filter(|t| votes.iter().any(|v| v.value == t.value && v.text == t.text))
        .filter_map(|t| {
            a.sentences
                .iter()
                .find(|s| s.start <= t.span.start && t.span.end <= s.end)
                .copied()
        })
        .collect();
    let scope: Vec<Span> = if dated.is_empty() {
        a.sentences.iter().take(2).copied().collect()
    } else {
        dated
    };
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for m in a.mentions.iter().filter(|m| m.kind == EntityKind::Loc) {
        if !scope
            .iter()
            .any(|s| s.start <= m.span.start && m.span.end <= s.end)
        {
            continue;
        }
        let before = text
            .get(m.span.start.saturating_sub(4)..m.span.start)
            .unwrap_or("");
        if before.ends_with("in ") || before.ends_with("at ") {
            if let Some(id) = &m.entity {
                *counts.entry(id).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(k, _)| k.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_skip_stopwords_and_fold_plurals() {
        assert_eq!(term_of("Talks").as_deref(), Some("talk"));
        assert_eq!(term_of("the"), None);
        assert_eq!(term_of("policies").as_deref(), Some("policy"));
        assert_eq!(term_of("crisis").as_deref(), Some("crisis"));
        assert_eq!(term_of("12"), None);
    }
}
