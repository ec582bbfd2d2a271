//! Articles as ingested: text, metadata and the evidence behind the publication date.

use crate::Span;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a publication-date candidate was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A dateline in the body (`PARIS (Agency - 20th January, 2022)`): the publisher's own stamp.
    Dateline,
    /// HTML `<meta>` or JSON-LD.
    Meta,
    /// RSS/Atom item date.
    Feed,
    /// An explicit field of a structured record (JSONL `published`).
    Record,
    /// A header line of a plain-text article (often an aggregator's stamp).
    Header,
    /// A date inside the URL path.
    Url,
}

/// One candidate publication date and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateCandidate {
    /// The date, when the evidence gave a complete one.
    pub value: NaiveDate,
    /// Where it was found.
    pub source: DateSource,
    /// The text it was read from, as found.
    pub raw: String,
}

/// The publication date of an article with all the evidence seen for it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateEvidence {
    /// The chosen date; `None` when no evidence gives one (never the file time or today).
    pub value: Option<NaiveDate>,
    /// The source of the chosen value.
    pub chosen_from: Option<DateSource>,
    /// Every candidate found, in order of preference.
    pub candidates: Vec<DateCandidate>,
    /// True when candidates disagree on the date.
    pub conflict: bool,
    /// Human-readable notes (e.g. `relative stamp "3 hours ago" ignored: no reference time`).
    pub notes: Vec<String>,
}

/// Input format an article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputFormat {
    /// Plain text with one of the supported header styles, or none.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// RSS 2.0 or Atom feed item.
    Feed,
    /// An HTML page.
    Html,
    /// An HTML response inside a WARC file.
    Warc,
}

/// Kind of boilerplate removed from an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoilerplateKind {
    /// Photo credit or caption.
    PhotoCaption,
    /// Social-media handle or link line.
    SocialHandle,
    /// Agency sign-off such as a trailing `ANI`.
    AgencySignoff,
    /// Share / subscribe / read-more lines.
    Promo,
    /// Relative time stamp such as `3 hours ago`.
    RelativeStamp,
    /// Navigation or other page chrome (HTML).
    PageChrome,
}

/// A piece of boilerplate removed before analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Boilerplate {
    /// What it was.
    pub kind: BoilerplateKind,
    /// The removed text.
    pub text: String,
}

/// A dateline found in the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// Span of the dateline in `Article::text`.
    pub span: Span,
    /// The place named (`PARIS`, `Washington US`).
    pub place: Option<String>,
    /// Agencies named (`UrduPoint News`, `Sputnik`, `ANI`).
    pub agencies: Vec<String>,
}

/// An ingested article: cleaned text plus metadata with evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Content-derived identifier (see [`crate::content_id`]); equal inputs give equal ids.
    pub id: String,
    /// Input path or URL the article came from; for records inside a file, `path#id` or `path:line`.
    pub source: String,
    /// The record's own id when the input gave one (JSONL `id`, feed guid).
    pub source_id: Option<String>,
    /// Canonical URL when known.
    pub url: Option<String>,
    /// Outlet or agency (from URL host, dateline agency, header or record).
    pub outlet: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Body text after boilerplate removal; every span in the analysis points into it.
    pub text: String,
    /// Publication date with evidence.
    pub published: DateEvidence,
    /// The dateline, when the body had one.
    pub dateline: Option<Dateline>,
    /// Format the article was read from.
    pub format: InputFormat,
    /// Boilerplate removed from the body.
    pub boilerplate: Vec<Boilerplate>,
    /// Warnings about the input (lossy decoding, recovered markup, ...).
    pub warnings: Vec<String>,
}

/// An input that could not be turned into an article.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Rejection {
    /// Input path, `path:line`, `path#record` or `<stdin>`.
    pub source: String,
    /// Why, in words a user can act on.
    pub reason: String,
}
