//! An article being assembled by a reader, and the shared steps that finish it: cleaning, the
//! dateline, the date evidence, the outlet and the content id.

use crate::{clean, dateline, dates, outlet};
use storyline_model::{
    content_id, Article, Boilerplate, BoilerplateKind, DateCandidate, DateSource, Dateline,
    InputFormat, Rejection,
};

/// What a reader found before the shared finishing steps.
#[derive(Debug)]
pub(crate) struct Draft {
    /// `Article::source`.
    pub source: String,
    /// The record's own id.
    pub source_id: Option<String>,
    /// URL given by the input.
    pub url: Option<String>,
    /// Outlet given by the input (record field, feed title, page metadata).
    pub outlet: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Body paragraphs before cleaning.
    pub paragraphs: Vec<String>,
    /// Boilerplate the reader already dropped (HTML chrome inside the article block).
    pub boilerplate: Vec<Boilerplate>,
    /// Date candidates from headers, records, feeds or metadata.
    pub candidates: Vec<DateCandidate>,
    /// Notes about the date.
    pub notes: Vec<String>,
    /// Warnings about the input.
    pub warnings: Vec<String>,
    /// Input format.
    pub format: InputFormat,
}

impl Draft {
    /// An empty draft for `source` in `format`.
    pub(crate) fn new(source: &str, format: InputFormat) -> Self {
        Draft {
            source: source.to_string(),
            source_id: None,
            url: None,
            outlet: None,
            title: None,
            paragraphs: Vec::new(),
            boilerplate: Vec::new(),
            candidates: Vec::new(),
            notes: Vec::new(),
            warnings: Vec::new(),
            format,
        }
    }

    /// Adds a candidate when `raw` parses as a date, else notes why it was ignored.
    pub(crate) fn date_candidate(&mut self, source: DateSource, raw: &str) {
        self.labelled_date_candidate(source, raw, raw.trim().to_string());
    }

    /// Like [`Draft::date_candidate`], recording `shown` (e.g. `meta pubdate: 2020-06-01`) as the raw text.
    pub(crate) fn labelled_date_candidate(&mut self, source: DateSource, raw: &str, shown: String) {
        match dates::parse_date(raw) {
            Some(value) => self.candidates.push(DateCandidate {
                value,
                source,
                raw: shown,
            }),
            None => self
                .notes
                .push(format!("unreadable date {shown:?} ignored")),
        }
    }

    /// Cleans the text and derives the dateline, date evidence, outlet and id.
    pub(crate) fn finish(mut self) -> Result<Article, Rejection> {
        let mut cleaned = clean::clean(&self.paragraphs);
        if cleaned.text.is_empty() {
            let removed = cleaned.boilerplate.len();
            return Err(Rejection {
                source: self.source,
                reason: format!(
                    "no article text left after removing {removed} boilerplate line(s); the input holds no body text"
                ),
            });
        }
        for b in cleaned
            .boilerplate
            .iter()
            .filter(|b| b.kind == BoilerplateKind::RelativeStamp)
        {
            self.notes.push(format!(
                "relative stamp {:?} ignored: no reference time",
                b.text
            ));
        }
        let (url, bad_url): (Option<String>, Option<String>) = match self.url.take() {
            Some(u) if outlet::is_url(&u) => (Some(u), None),
            other => (None, other),
        };
        if let Some(u) = bad_url {
            self.warnings
                .push(format!("url {u:?} ignored: not an absolute http(s) URL"));
        }
        if let Some(u) = &url {
            self.candidates.extend(dates::url_dates(u));
        }
        let found = dateline::find(&cleaned.text);
        if let Some(f) = &found {
            self.dateline_candidate(f, &cleaned.text);
        }
        let published = dates::choose(self.candidates, self.notes);
        let outlet = self
            .outlet
            .or_else(|| url.as_deref().and_then(outlet::from_url))
            .or_else(|| found.as_ref().and_then(|f| f.agencies.first().cloned()));
        let mut boilerplate = std::mem::take(&mut self.boilerplate);
        boilerplate.append(&mut cleaned.boilerplate);
        let id = content_id(&[
            url.as_deref().unwrap_or(""),
            outlet.as_deref().unwrap_or(""),
            self.title.as_deref().unwrap_or(""),
            &cleaned.text,
        ]);
        Ok(Article {
            id,
            source: self.source,
            source_id: self.source_id,
            url,
            outlet,
            title: self.title,
            published,
            dateline: found.map(|f| Dateline {
                span: f.span,
                place: Some(f.place),
                agencies: f.agencies,
            }),
            text: cleaned.text,
            format: self.format,
            boilerplate,
            warnings: self.warnings,
        })
    }

    /// Turns the dateline's date into a candidate, taking a missing year from the other evidence.
    fn dateline_candidate(&mut self, found: &dateline::Found, text: &str) {
        let Some(date) = found.date else { return };
        let raw = found.span.slice(text).to_string();
        let value = match date.year {
            Some(year) => chrono::NaiveDate::from_ymd_opt(year, date.month, date.day),
            None => {
                let others: Vec<chrono::NaiveDate> =
                    self.candidates.iter().map(|c| c.value).collect();
                let completed = dates::complete_year(date.month, date.day, &others);
                if completed.is_none() {
                    self.notes.push(format!(
                        "dateline {raw:?} has no year and no other evidence gives one"
                    ));
                }
                completed
            }
        };
        match value {
            Some(value) => self.candidates.push(DateCandidate {
                value,
                source: DateSource::Dateline,
                raw,
            }),
            None if date.year.is_some() => self
                .notes
                .push(format!("dateline {raw:?} names no valid date")),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn draft(paragraphs: &[&str]) -> Draft {
        let mut d = Draft::new("mem", InputFormat::Text);
        d.paragraphs = paragraphs.iter().map(|s| s.to_string()).collect();
        d
    }

    #[test]
    fn dateline_year_comes_from_header_and_wins() {
        let mut d = draft(&[
            "Trade resumed.",
            "Lyon France, March 3 AGY: The mayor spoke.",
        ]);
        d.date_candidate(DateSource::Header, "20210302");
        let a = d.finish().unwrap();
        assert_eq!(a.published.value, NaiveDate::from_ymd_opt(2021, 3, 3));
        assert_eq!(a.published.chosen_from, Some(DateSource::Dateline));
        assert!(a.published.conflict);
        let dl = a.dateline.unwrap();
        assert_eq!(dl.span.slice(&a.text), "Lyon France, March 3 AGY:");
        assert_eq!(a.outlet.as_deref(), Some("AGY"));
    }

    #[test]
    fn url_gives_outlet_and_candidate_and_id_is_content_based() {
        let mut d = draft(&["The dam was finished."]);
        d.url = Some("https://www.valley-gazette.example/2020/06/01/dam".into());
        let a = d.finish().unwrap();
        assert_eq!(a.outlet.as_deref(), Some("valley-gazette.example"));
        assert_eq!(a.published.chosen_from, Some(DateSource::Url));
        let mut again = draft(&["The dam was finished."]);
        again.source = "elsewhere".into();
        again.url = a.url.clone();
        assert_eq!(again.finish().unwrap().id, a.id);
    }

    #[test]
    fn bad_url_is_dropped_with_a_warning() {
        let mut d = draft(&["The dam was finished."]);
        d.url = Some("valley-gazette/dam".into());
        let a = d.finish().unwrap();
        assert_eq!((a.url, a.warnings.len()), (None, 1));
    }

    #[test]
    fn relative_stamp_gives_no_date_but_a_note() {
        let a = draft(&["2 hours ago", "Snow closed the pass."])
            .finish()
            .unwrap();
        assert_eq!(a.published.value, None);
        assert!(a.published.notes.iter().any(|n| n.contains("2 hours ago")));
        let undated = draft(&["OSLO, Feb 3 (Fjord News) - Snow fell."])
            .finish()
            .unwrap();
        assert_eq!(undated.published.value, None);
        assert_eq!(undated.published.notes.len(), 1);
    }

    #[test]
    fn only_boilerplate_is_rejected() {
        let r = draft(&["Share this article", "(@someone)"])
            .finish()
            .unwrap_err();
        assert!(r.reason.contains("no article text"), "{}", r.reason);
    }
}
