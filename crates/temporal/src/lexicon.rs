//! Word classes read from a rule set's lexicon file (`[class]` sections of `VALUE: form | form`).

use crate::RuleError;
use std::collections::BTreeMap;

/// One class: every written form with the value it stands for.
#[derive(Debug, Default, Clone)]
pub(crate) struct WordClass {
    /// (lower-case form, value), in file order.
    forms: Vec<(String, String)>,
}

impl WordClass {
    /// The value of a matched form (case and inner whitespace ignored; a form written `jan.?`
    /// matches `jan` and `jan.`).
    pub(crate) fn value_of(&self, text: &str) -> Option<&str> {
        let key = normalise(text);
        self.forms.iter().find_map(|(form, value)| {
            let hit = match form.strip_suffix(".?") {
                Some(stem) => key == stem || key.strip_suffix('.') == Some(stem),
                None => key == *form,
            };
            hit.then_some(value.as_str())
        })
    }

    /// A regex alternation of every form, longest first (and `june` before `jun.?`) so that the
    /// whole word wins.
    pub(crate) fn alternation(&self) -> String {
        let mut forms: Vec<&str> = self.forms.iter().map(|(f, _)| f.as_str()).collect();
        let longest = |f: &str| f.strip_suffix(".?").map_or(f.len(), |stem| stem.len() + 1);
        forms.sort_by(|a, b| {
            longest(b)
                .cmp(&longest(a))
                .then(a.ends_with(".?").cmp(&b.ends_with(".?")))
                .then(a.cmp(b))
        });
        forms.dedup();
        let parts: Vec<String> = forms.iter().map(|f| form_regex(f)).collect();
        format!("(?:{})", parts.join("|"))
    }

    /// Every (form, value) pair.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.forms.iter().map(|(f, v)| (f.as_str(), v.as_str()))
    }
}

/// All classes of a lexicon file.
#[derive(Debug, Default, Clone)]
pub(crate) struct Lexicon {
    classes: BTreeMap<String, WordClass>,
}

impl Lexicon {
    /// Parses a lexicon file.
    pub(crate) fn parse(source: &str, file: &str) -> Result<Lexicon, RuleError> {
        let mut classes: BTreeMap<String, WordClass> = BTreeMap::new();
        let mut current: Option<String> = None;
        for (index, raw) in source.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let error = |message: &str| RuleError::Syntax {
                file: file.to_string(),
                line: index + 1,
                message: message.to_string(),
            };
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                classes.entry(name.to_string()).or_default();
                current = Some(name.to_string());
                continue;
            }
            let class = current
                .as_ref()
                .and_then(|name| classes.get_mut(name))
                .ok_or_else(|| error("entry outside a [class] section"))?;
            let (value, forms) = match line.split_once(": ") {
                Some((value, forms)) => (value.trim(), forms),
                None => ("", line),
            };
            for form in forms.split('|').map(normalise).filter(|f| !f.is_empty()) {
                class.forms.push((form, value.to_string()));
            }
        }
        Ok(Lexicon { classes })
    }

    /// A class by name.
    pub(crate) fn class(&self, name: &str) -> Option<&WordClass> {
        self.classes.get(name)
    }
}

/// Lower case with whitespace runs collapsed to one space.
pub(crate) fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The regex for one lexicon form: literal text, spaces match whitespace runs, `.?` stays optional.
fn form_regex(form: &str) -> String {
    let (stem, optional_dot) = match form.strip_suffix(".?") {
        Some(stem) => (stem, true),
        None => (form, false),
    };
    let words: Vec<String> = stem.split(' ').map(regex::escape).collect();
    let mut out = words.join(r"\s+");
    if optional_dot {
        out.push_str(r"\.?");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# months\n[month]\n1: january | jan.?\n4: apr.? | april\n6: jun.? | june\n9: sept.? | september\n[solo]\nalpha | beta gamma\n";

    #[test]
    fn maps_forms_to_values() {
        let lex = Lexicon::parse(SAMPLE, "t").unwrap();
        let month = lex.class("month").unwrap();
        assert_eq!(month.value_of("Jan."), Some("1"));
        assert_eq!(month.value_of("JAN"), Some("1"));
        assert_eq!(month.value_of("Sept"), Some("9"));
        assert_eq!(month.value_of("july"), None);
        assert_eq!(lex.class("solo").unwrap().value_of("Beta  Gamma"), Some(""));
    }

    #[test]
    fn alternation_prefers_longer_forms() {
        let lex = Lexicon::parse(SAMPLE, "t").unwrap();
        let alt = lex.class("month").unwrap().alternation();
        assert!(alt.starts_with("(?:september|"), "{alt}");
        let re = regex::Regex::new(&format!("^{alt}$")).unwrap();
        assert!(re.is_match("jan."));
        assert!(!re.is_match("janx"));
        for word in ["april", "june"] {
            let found = regex::Regex::new(&alt).unwrap().find(word).unwrap();
            assert_eq!(found.as_str(), word);
        }
    }

    #[test]
    fn entry_outside_section_is_an_error() {
        assert!(Lexicon::parse("1: one", "t").is_err());
    }
}
