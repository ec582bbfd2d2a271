//! Builders for test articles.

use storyline_model::{
    AnalyzedArticle, Article, DateEvidence, EntityKind, InputFormat, Mention, Span,
};

/// An article with the given id, text and mentions (mention spans are found in the text when present).
pub fn article(id: &str, text: &str, mentions: Vec<Mention>) -> AnalyzedArticle {
    let mut a = article_with_text(id, text);
    a.mentions = mentions;
    a
}

/// An article with the given id and text, segmented.
pub fn article_with_text(id: &str, text: &str) -> AnalyzedArticle {
    let seg = storyline_text::segment(text);
    AnalyzedArticle {
        article: Article {
            id: id.into(),
            source: format!("{id}.txt"),
            source_id: None,
            url: None,
            outlet: None,
            title: None,
            text: text.into(),
            published: DateEvidence::default(),
            dateline: None,
            format: InputFormat::Text,
            boilerplate: vec![],
            warnings: vec![],
        },
        language: Some("eng".into()),
        sentences: seg.sentences,
        tokens: seg.tokens,
        foreign: vec![],
        timexes: vec![],
        mentions: vec![],
        quotes: vec![],
    }
}

/// A mention with an empty span.
pub fn mention(text: &str, kind: EntityKind) -> Mention {
    Mention {
        span: Span::new(0, 0),
        text: text.into(),
        kind,
        role: None,
        entity: None,
    }
}
