//! Rule-based TIMEX3 temporal tagger.
//!
//! A rule set is data: a lexicon (word classes such as month names or units), a rule file
//! (regex patterns over those classes, each naming a normaliser) and a tense-cue file, embedded
//! with `include_str!` from `rules/<lang>/`. [`Tagger::english`] loads the English set; another
//! language is another directory loaded with [`Tagger::from_rules`].
//!
//! Tagging finds every match of every rule (one lazy DFA over all patterns, walked from each
//! word start, tells which patterns can match there; only those run their own regex), keeps
//! the longest non-overlapping ones, attaches modifiers written in front (`late`, `the end
//! of`, `about`) and normalises the matches in text order: relative expressions resolve against the document creation time (DCT) or, for
//! narrative ones (`the next day`, `two days later`), against the last date of the text; bare
//! weekdays and yearless dates take their direction from the tense of the clause. Without a
//! DCT, relative expressions stay underspecified (`XXXX-WXX`).

mod builtin;
mod calendar;
mod lexicon;
mod matcher;
mod normalize;
mod rules;
mod starts;
mod tense;
pub mod timeml;

use chrono::NaiveDate;
use storyline_model::Timex;

/// An error in a rule set.
#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    /// A line of a rule, lexicon or tense file could not be read.
    #[error("{file}:{line}: {message}")]
    Syntax {
        /// File name as given to the loader.
        file: String,
        /// 1-based line (0 when the error concerns the whole file).
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// A compiled rule set, ready to tag text. Cheap to share across threads (`Sync`).
#[derive(Debug, Clone)]
pub struct Tagger {
    matcher: matcher::Matcher,
}

impl Tagger {
    /// The English rule set (embedded).
    pub fn english() -> Tagger {
        Tagger::from_rules(
            include_str!("../rules/en/lexicon.txt"),
            include_str!("../rules/en/rules.txt"),
            include_str!("../rules/en/tense.txt"),
        )
        .expect("the embedded English rule set is valid (checked by the test suite)")
    }

    /// Builds a tagger from the three files of a rule set (see `rules/en/` for the format).
    pub fn from_rules(lexicon: &str, rules: &str, tense: &str) -> Result<Tagger, RuleError> {
        Ok(Tagger {
            matcher: matcher::Matcher::new(lexicon, rules, tense)?,
        })
    }

    /// Finds and normalises every time expression; spans are byte offsets into `text`; sorted,
    /// non-overlapping.
    pub fn tag(&self, text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
        self.matcher.tag(text, dct)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_rule_set_loads() {
        let tagger = Tagger::english();
        assert!(tagger.tag("", None).is_empty());
    }
}
