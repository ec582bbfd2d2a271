//! Results of per-article analysis: tokens, sentences, time expressions, mentions, quotes.

use crate::{Article, Span};
use serde::{Deserialize, Serialize};

/// A token with its byte span into the article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Byte span.
    pub span: Span,
    /// Index of the sentence holding it.
    pub sentence: u32,
}

/// A passage written in another script or language than the article's (e.g. Cyrillic inside English).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignPassage {
    /// Byte span.
    pub span: Span,
    /// ISO 639-3 language code when identified (`rus`), else the script name.
    pub language: String,
}

/// TIMEX3 type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period (`2022-01-21`, `2022-W08`, `PAST_REF`).
    Date,
    /// A time of day (`2022-01-21T15:30`).
    Time,
    /// A length of time (`P3D`).
    Duration,
    /// A recurring time (`P1W` with `quant="EVERY"`).
    Set,
}

impl TimexType {
    /// The TimeML attribute value (`DATE`, `TIME`, `DURATION`, `SET`).
    pub fn as_str(&self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// A normalised time expression (TIMEX3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    /// Byte span of the expression.
    pub span: Span,
    /// The expression as written.
    pub text: String,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// TIMEX3 value (`2022-01-21`, `2022-W08`, `P3D`, `XXXX-XX-XX`, `PRESENT_REF`).
    pub value: String,
    /// TIMEX3 `mod` (`START`, `END`, `APPROX`, ...).
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// TIMEX3 `quant` for sets (`EVERY`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quant: Option<String>,
    /// TIMEX3 `freq` for sets (`2X`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub freq: Option<String>,
    /// What a relative expression was resolved against (`dct` or the text of an earlier date).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
}

/// Named-entity class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityKind {
    /// A person.
    Per,
    /// An organisation.
    Org,
    /// A place.
    Loc,
    /// Other names (nationalities, events, works).
    Misc,
}

impl EntityKind {
    /// The CoNLL label (`PER`, `ORG`, `LOC`, `MISC`).
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityKind::Per => "PER",
            EntityKind::Org => "ORG",
            EntityKind::Loc => "LOC",
            EntityKind::Misc => "MISC",
        }
    }

    /// Parses a CoNLL label.
    pub fn parse(label: &str) -> Option<Self> {
        match label {
            "PER" => Some(EntityKind::Per),
            "ORG" => Some(EntityKind::Org),
            "LOC" => Some(EntityKind::Loc),
            "MISC" => Some(EntityKind::Misc),
            _ => None,
        }
    }
}

/// A named-entity mention in an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Byte span.
    pub span: Span,
    /// Surface text.
    pub text: String,
    /// Class.
    pub kind: EntityKind,
    /// Title or role written next to the name (`US Secretary of State`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Resolved entity id, filled by linking.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
}

/// Direct quotation or reported (indirect) speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Words in quotation marks.
    Direct,
    /// `X said that ...`, `according to X, ...`.
    Indirect,
}

/// Who a quote is attributed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The name or description as resolved (`Sergey Lavrov`, `a member of the US delegation`).
    pub name: String,
    /// Span of the text that named the speaker (name, role or pronoun).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// How the speaker was found.
    pub via: SpeakerVia,
    /// Resolved entity id, filled by linking.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
}

/// How a speaker was identified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerVia {
    /// Named next to the cue.
    Name,
    /// A role or title resolved to a named entity.
    Role,
    /// A pronoun resolved to the nearest compatible person.
    Pronoun,
    /// An anonymous source, described.
    Anonymous,
}

/// A quote with its speaker and cue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Span of the quoted content (inside the marks for direct quotes).
    pub span: Span,
    /// The quoted content.
    pub text: String,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// The speaker, or `None` when none was found (never a guess).
    pub speaker: Option<Speaker>,
    /// The reporting verb or phrase (`said`, `according to`, `quotes`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    /// The outlet relaying the words (`TASS quotes Lavrov`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relay: Option<String>,
}

/// An article with everything per-article analysis adds. The article owns the text;
/// every span points into `article.text`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalyzedArticle {
    /// The article.
    #[serde(flatten)]
    pub article: Article,
    /// ISO 639-3 code of the main language (`eng`), when identified.
    pub language: Option<String>,
    /// Sentence spans.
    pub sentences: Vec<Span>,
    /// Tokens (omitted from JSON output: large and derivable).
    #[serde(skip)]
    pub tokens: Vec<Token>,
    /// Passages in another script or language.
    pub foreign: Vec<ForeignPassage>,
    /// Time expressions.
    pub timexes: Vec<Timex>,
    /// Named-entity mentions.
    pub mentions: Vec<Mention>,
    /// Quotes.
    pub quotes: Vec<Quote>,
}
