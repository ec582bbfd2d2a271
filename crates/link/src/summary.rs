//! Titles and one-sentence summaries taken from an article's lead, without its dateline.

use storyline_model::{AnalyzedArticle, Span};

const MAX_SUMMARY: usize = 280;

/// The article's lead sentence: the dateline's sentence with the dateline cut off, else the
/// first sentence of at least six words (short lines are subheads or captions).
pub fn lead(a: &AnalyzedArticle) -> String {
    let text = &a.article.text;
    if let Some(d) = &a.article.dateline {
        if let Some(s) = a
            .sentences
            .iter()
            .find(|s| s.start <= d.span.start && d.span.start < s.end)
        {
            let rest = Span::new(d.span.end.min(s.end), s.end);
            let t = clip(rest.slice(text).trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, ':' | '-' | '—' | '–' | ')')
            }));
            if word_count(&t) >= 6 {
                return t;
            }
        }
    }
    a.sentences
        .iter()
        .map(|s| s.slice(text))
        .find(|s| word_count(s) >= 6)
        .or_else(|| a.sentences.first().map(|s| s.slice(text)))
        .map(clip)
        .unwrap_or_default()
}

/// The headline, or the lead when there is none.
pub fn title(a: &AnalyzedArticle) -> String {
    match a
        .article
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        Some(t) => clip(t),
        None => {
            let l = lead(a);
            let words: Vec<&str> = l.split_whitespace().collect();
            if words.len() > 14 {
                format!("{} …", words[..14].join(" "))
            } else {
                l
            }
        }
    }
}

fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
}

/// Collapses whitespace and cuts at a word boundary near the limit.
fn clip(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= MAX_SUMMARY {
        return s;
    }
    let cut: String = s.chars().take(MAX_SUMMARY).collect();
    match cut.rfind(' ') {
        Some(i) => format!("{} …", &cut[..i]),
        None => cut,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::article_with_text;
    use storyline_model::Dateline;

    #[test]
    fn lead_skips_the_dateline_and_short_lines() {
        let text = "Subhead here\nRIVERTON, March 4 (Gx) - The port strike ended after nine days of talks on Monday.";
        let mut a = article_with_text("a", text);
        let start = text.find("RIVERTON").unwrap_or(0);
        let end = text.find(" - ").unwrap_or(0) + 3;
        a.article.dateline = Some(Dateline {
            span: Span::new(start, end),
            place: Some("RIVERTON".into()),
            agencies: vec!["Gx".into()],
        });
        assert_eq!(
            lead(&a),
            "The port strike ended after nine days of talks on Monday."
        );
        a.article.dateline = None;
        assert!(lead(&a).starts_with("RIVERTON"));
        assert_eq!(
            title(&a),
            "RIVERTON, March 4 (Gx) - The port strike ended after nine days of talks …"
        );
    }
}
