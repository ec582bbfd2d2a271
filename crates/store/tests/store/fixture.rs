//! A small invented collection: four articles (one a copy), two stories, three events,
//! two entities and a rejection, built from model types.

use chrono::NaiveDate;
use storyline_model::{
    content_id, AnalyzedArticle, Article, Change, DateEvidence, DateSource, Duplicate,
    DuplicateKind, Entity, EntityKind, Event, InputFormat, Mention, Quote, QuoteKind, Rejection,
    Span, Speaker, SpeakerVia, Story, Token,
};

/// Entity ids chosen to share the prefix `abc0`.
pub const LAKEFORD: &str = "abc0000000000001";
pub const OKONJO: &str = "abc0000000000002";

pub struct Fixture {
    /// Bridge opening (Harbour Gazette), 2031-03-02.
    pub opening: AnalyzedArticle,
    /// Copy of the opening (Valley Wire), 2031-03-03.
    pub copy: AnalyzedArticle,
    /// Bridge closure (Northern Ledger), 2031-03-10.
    pub closure: AnalyzedArticle,
    /// Festival (Valley Wire), undated.
    pub festival: AnalyzedArticle,
    pub duplicate: Duplicate,
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
    pub stories: Vec<Story>,
    pub rejection: Rejection,
}

/// A mention of `name` (first occurrence in `text`) resolved to `entity`.
fn mention(text: &str, name: &str, kind: EntityKind, entity: &str) -> Mention {
    let start = text.find(name).unwrap_or(0);
    Mention {
        span: Span::new(start, start + name.len()),
        text: name.to_string(),
        kind,
        role: None,
        entity: Some(entity.to_string()),
    }
}

fn article(
    source: &str,
    outlet: &str,
    title: &str,
    text: &str,
    published: Option<&str>,
    mentions: Vec<Mention>,
) -> AnalyzedArticle {
    let value = published.and_then(|d| d.parse::<NaiveDate>().ok());
    let mut tokens = Vec::new();
    let mut offset = 0;
    for word in text.split(' ') {
        tokens.push(Token {
            span: Span::new(offset, offset + word.len()),
            sentence: 0,
        });
        offset += word.len() + 1;
    }
    AnalyzedArticle {
        article: Article {
            id: content_id(&[source, text]),
            source: source.to_string(),
            source_id: None,
            url: Some(format!("https://example.org/{source}")),
            outlet: Some(outlet.to_string()),
            title: Some(title.to_string()),
            text: text.to_string(),
            published: DateEvidence {
                value,
                chosen_from: value.map(|_| DateSource::Header),
                candidates: Vec::new(),
                conflict: false,
                notes: Vec::new(),
            },
            dateline: None,
            format: InputFormat::Text,
            boilerplate: Vec::new(),
            warnings: Vec::new(),
        },
        language: Some("eng".into()),
        sentences: vec![Span::new(0, text.len())],
        tokens,
        foreign: Vec::new(),
        timexes: Vec::new(),
        mentions,
        quotes: Vec::new(),
    }
}

fn event(
    id_seed: &str,
    story: &str,
    articles: &[&AnalyzedArticle],
    date: Option<&str>,
    place: Option<&str>,
    participants: &[&str],
) -> Event {
    Event {
        id: content_id(&[id_seed]),
        story: story.to_string(),
        articles: articles.iter().map(|a| a.article.id.clone()).collect(),
        date: date.map(str::to_string),
        date_votes: Vec::new(),
        date_disputed: Vec::new(),
        first_published: articles.first().and_then(|a| a.article.published.value),
        title: format!("{id_seed} title"),
        summary: format!("{id_seed} summary"),
        place: place.map(str::to_string),
        participants: participants.iter().map(|p| p.to_string()).collect(),
        explanations: Vec::new(),
    }
}

impl Fixture {
    pub fn new() -> Fixture {
        let opening_text = "Lakeford opened its tidal bridge on Monday after four years of work.";
        let opening = article(
            "gazette/bridge.txt",
            "Harbour Gazette",
            "Tidal bridge opens",
            opening_text,
            Some("2031-03-02"),
            vec![mention(opening_text, "Lakeford", EntityKind::Loc, LAKEFORD)],
        );
        let copy = article(
            "wire/bridge.txt",
            "Valley Wire",
            "Tidal bridge opens",
            opening_text,
            Some("2031-03-03"),
            vec![mention(opening_text, "Lakeford", EntityKind::Loc, LAKEFORD)],
        );
        let closure_text = "Engineer Mira Okonjo said the LAKEFORD bridge will close for checks.";
        let mut closure = article(
            "ledger/closure.txt",
            "Northern Ledger",
            "Bridge to close for checks",
            closure_text,
            Some("2031-03-10"),
            vec![
                mention(closure_text, "Mira Okonjo", EntityKind::Per, OKONJO),
                mention(closure_text, "LAKEFORD", EntityKind::Loc, LAKEFORD),
            ],
        );
        let quoted = "the LAKEFORD bridge will close for checks";
        let q = closure_text.find(quoted).unwrap_or(0);
        closure.quotes.push(Quote {
            span: Span::new(q, q + quoted.len()),
            text: quoted.to_string(),
            kind: QuoteKind::Indirect,
            speaker: Some(Speaker {
                name: "Mira Okonjo".into(),
                span: Some(Span::new(9, 20)),
                via: SpeakerVia::Name,
                entity: Some(OKONJO.to_string()),
            }),
            cue: Some("said".into()),
            relay: None,
        });
        let festival_text = "Mira Okonjo will judge the kite festival this weekend.";
        let festival = article(
            "wire/kites.txt",
            "Valley Wire",
            "Kite festival",
            festival_text,
            None,
            vec![mention(
                festival_text,
                "Mira Okonjo",
                EntityKind::Per,
                OKONJO,
            )],
        );
        let bridge_story = content_id(&["bridge story"]);
        let kite_story = content_id(&["kite story"]);
        let opened = event(
            "opening",
            &bridge_story,
            &[&opening, &copy],
            Some("2031-03-02"),
            Some(LAKEFORD),
            &[],
        );
        let closed = event(
            "closure",
            &bridge_story,
            &[&closure],
            Some("2031-03-10"),
            Some(LAKEFORD),
            &[OKONJO, "ffff000000000000"],
        );
        let kites = event("kites", &kite_story, &[&festival], None, None, &[OKONJO]);
        let entities = vec![
            Entity {
                id: LAKEFORD.into(),
                canonical: "Lakeford".into(),
                kind: EntityKind::Loc,
                variants: vec!["LAKEFORD".into(), "Lakeford".into()],
                roles: Vec::new(),
                articles: vec![
                    opening.article.id.clone(),
                    copy.article.id.clone(),
                    closure.article.id.clone(),
                ],
                mentions: 3,
            },
            Entity {
                id: OKONJO.into(),
                canonical: "Mira Okonjo".into(),
                kind: EntityKind::Per,
                variants: vec!["Mira Okonjo".into(), "Okonjo".into()],
                roles: vec!["Engineer".into()],
                articles: vec![closure.article.id.clone(), festival.article.id.clone()],
                mentions: 2,
            },
        ];
        let stories = vec![
            Story {
                id: bridge_story,
                title: "Lakeford tidal bridge".into(),
                events: vec![opened.id.clone(), closed.id.clone()],
            },
            Story {
                id: kite_story,
                title: "Kite festival".into(),
                events: vec![kites.id.clone()],
            },
        ];
        Fixture {
            duplicate: Duplicate {
                article: copy.article.id.clone(),
                of: opening.article.id.clone(),
                similarity: 1.0,
                kind: DuplicateKind::Exact,
            },
            opening,
            copy,
            closure,
            festival,
            entities,
            events: vec![opened, closed, kites],
            stories,
            rejection: Rejection {
                source: "wire/empty.txt".into(),
                reason: "no text after removing boilerplate".into(),
            },
        }
    }

    /// The articles in the order they were "ingested" (not canonical order).
    pub fn articles(&self) -> Vec<&AnalyzedArticle> {
        vec![&self.festival, &self.closure, &self.copy, &self.opening]
    }

    /// A full batch as a relink writes it; stories come before their events to show
    /// that the order is free.
    pub fn changes(&self) -> Vec<Change> {
        let mut changes = vec![Change::ResetLinks];
        changes.extend(
            self.articles()
                .into_iter()
                .map(|a| Change::AddArticle(Box::new(a.clone()))),
        );
        changes.push(Change::AddRejection(self.rejection.clone()));
        changes.push(Change::MarkDuplicate(self.duplicate.clone()));
        changes.extend(self.entities.iter().cloned().map(Change::PutEntity));
        changes.extend(self.stories.iter().cloned().map(Change::PutStory));
        changes.extend(
            self.events
                .iter()
                .cloned()
                .map(|e| Change::PutEvent(Box::new(e))),
        );
        changes
    }
}

/// An unlinked filler article numbered `n`, for volume tests.
pub fn filler(n: usize) -> AnalyzedArticle {
    let text = format!("Filler report number {n} about the harbour ferry timetable.");
    article(
        &format!("filler/{n}.txt"),
        "Valley Wire",
        "Ferry timetable",
        &text,
        Some("2031-04-01"),
        Vec::new(),
    )
}
