//! Rules read from a rule set's rule file and compiled to regexes (format in `rules/en/rules.txt`).

use crate::builtin;
use crate::lexicon::Lexicon;
use crate::RuleError;
use regex::Regex;
use std::collections::BTreeMap;
use storyline_model::TimexType;

/// The normaliser a rule hands its match to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Function {
    /// Calendar fields; missing year or bare weekday inferred from tense.
    Date,
    /// Unit and offset from the creation time.
    Relative,
    /// Unit and offset from the last date of the text.
    Anchored,
    /// An amount of units from the creation time.
    Ago,
    /// An amount of units from the last date of the text.
    Shift,
    /// A length of time.
    Duration,
    /// A fixed value.
    Literal,
    /// A recurring time.
    Set,
}

impl Function {
    fn parse(name: &str) -> Option<Function> {
        Some(match name {
            "date" => Function::Date,
            "relative" => Function::Relative,
            "anchored" => Function::Anchored,
            "ago" => Function::Ago,
            "shift" => Function::Shift,
            "duration" => Function::Duration,
            "literal" => Function::Literal,
            "set" => Function::Set,
            _ => return None,
        })
    }
}

/// One compiled pattern with the class of each named capture.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    pub(crate) regex: Regex,
    /// The same regex without capture names or case flag (joined into the start finder).
    pub(crate) plain: String,
    /// (capture name, class name).
    pub(crate) groups: Vec<(String, String)>,
}

/// A rule: what it produces and the patterns that trigger it.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub(crate) kind: TimexType,
    pub(crate) function: Function,
    /// Fixed fields given in the header.
    pub(crate) params: BTreeMap<String, String>,
    /// Keep only matches starting with an upper-case letter.
    pub(crate) cased: bool,
    /// Keep only matches not followed by a possessive `'s` (`today`, not `today's youth`).
    pub(crate) no_possessive: bool,
    pub(crate) patterns: Vec<Pattern>,
}

/// Parses and compiles a rule file against its lexicon.
pub(crate) fn parse(source: &str, file: &str, lexicon: &Lexicon) -> Result<Vec<Rule>, RuleError> {
    let mut rules: Vec<Rule> = Vec::new();
    for (index, raw) in source.lines().enumerate() {
        let line = raw.trim();
        let error = |message: String| RuleError::Syntax {
            file: file.to_string(),
            line: index + 1,
            message,
        };
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(pattern) = line.strip_prefix("| ") {
            let rule = rules
                .last_mut()
                .ok_or_else(|| error("pattern before any rule header".into()))?;
            rule.patterns
                .push(compile(pattern.trim(), lexicon).map_err(error)?);
            continue;
        }
        rules.push(header(line).map_err(error)?);
    }
    if let Some(empty) = rules.iter().position(|r| r.patterns.is_empty()) {
        return Err(RuleError::Syntax {
            file: file.to_string(),
            line: 0,
            message: format!("rule #{} has no pattern", empty + 1),
        });
    }
    Ok(rules)
}

/// `TYPE function key=value ... [cased] [no_possessive]`.
fn header(line: &str) -> Result<Rule, String> {
    let mut words = line.split_whitespace();
    let kind = match words.next() {
        Some("DATE") => TimexType::Date,
        Some("TIME") => TimexType::Time,
        Some("DURATION") => TimexType::Duration,
        Some("SET") => TimexType::Set,
        other => return Err(format!("unknown TIMEX3 type {other:?}")),
    };
    let name = words.next().unwrap_or_default();
    let function = Function::parse(name).ok_or_else(|| format!("unknown function {name:?}"))?;
    let mut params = BTreeMap::new();
    let mut cased = false;
    let mut no_possessive = false;
    for word in words {
        match word.split_once('=') {
            Some((key, value)) => {
                params.insert(key.to_string(), value.to_string());
            }
            None if word == "cased" => cased = true,
            None if word == "no_possessive" => no_possessive = true,
            None => return Err(format!("unexpected {word:?} in rule header")),
        }
    }
    Ok(Rule {
        kind,
        function,
        params,
        cased,
        no_possessive,
        patterns: Vec::new(),
    })
}

/// Expands `{class}` / `{class:name}` and spaces, then compiles case-insensitively.
fn compile(pattern: &str, lexicon: &Lexicon) -> Result<Pattern, String> {
    let mut out = String::from("(?i)");
    let mut plain = String::new();
    let mut groups: Vec<(String, String)> = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(&spaces(before));
        plain.push_str(&spaces(before));
        let close = after
            .find('}')
            .ok_or_else(|| format!("unclosed {{ in {pattern:?}"))?;
        let inner = after.get(1..close).unwrap_or_default();
        rest = after.get(close + 1..).unwrap_or_default();
        if inner.chars().all(|c| c.is_ascii_digit() || c == ',') {
            // A regex repetition such as \d{2}: keep it.
            out.push_str(after.get(..=close).unwrap_or_default());
            plain.push_str(after.get(..=close).unwrap_or_default());
            continue;
        }
        let (class, name) = inner.split_once(':').unwrap_or((inner, inner));
        if groups.iter().any(|(n, _)| n == name) {
            return Err(format!("capture {name:?} used twice in {pattern:?}"));
        }
        let alternation = match lexicon.class(class) {
            Some(words) => words.alternation(),
            None => {
                builtin::regex(class, lexicon).ok_or_else(|| format!("unknown class {class:?}"))?
            }
        };
        out.push_str(&format!("(?P<{name}>{alternation})"));
        plain.push_str(&format!("(?:{alternation})"));
        groups.push((name.to_string(), class.to_string()));
    }
    out.push_str(&spaces(rest));
    plain.push_str(&spaces(rest));
    let regex = Regex::new(&out).map_err(|e| format!("bad regex {pattern:?}: {e}"))?;
    Ok(Pattern {
        regex,
        plain,
        groups,
    })
}

/// A space matches a whitespace run; `space?` (an optional space) matches an optional run.
fn spaces(literal: &str) -> String {
    literal.replace(" ?", r"\s*").replace(' ', r"\s+")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        Lexicon::parse("[month]\n1: jan.?\n2: feb\n", "t").unwrap()
    }

    #[test]
    fn compiles_classes_and_params() {
        let rules = parse(
            "# c\nDATE relative unit=D offset=-1 cased\n  | {month:m} {day_num:day}\n  | yesterday\n",
            "t",
            &lexicon(),
        )
        .unwrap();
        assert_eq!(rules.len(), 1);
        let rule = &rules[0];
        assert!(rule.cased);
        assert_eq!(rule.function, Function::Relative);
        assert_eq!(rule.params.get("offset").map(String::as_str), Some("-1"));
        let caps = rule.patterns[0].regex.captures("Jan.  5").unwrap();
        assert_eq!(&caps["m"], "Jan.");
        assert_eq!(&caps["day"], "5");
        assert_eq!(rule.patterns[0].groups[1], ("day".into(), "day_num".into()));
        let optional = parse("DATE date\n  | {month} ?x\n", "t", &lexicon()).unwrap();
        assert!(optional[0].patterns[0].regex.is_match("janx"));
        assert!(optional[0].patterns[0].regex.is_match("jan   x"));
    }

    /// Every pattern of the English set names what its normaliser needs (a pattern without a
    /// unit for `duration` would match, fail to normalise and hide shorter good matches).
    #[test]
    fn english_patterns_feed_their_normalisers() {
        let lexicon =
            Lexicon::parse(include_str!("../rules/en/lexicon.txt"), "lexicon.txt").unwrap();
        let rules = parse(include_str!("../rules/en/rules.txt"), "rules.txt", &lexicon).unwrap();
        for rule in &rules {
            for pattern in &rule.patterns {
                let mut names: Vec<&str> = rule.params.keys().map(String::as_str).collect();
                names.extend(pattern.groups.iter().map(|(n, _)| n.as_str()));
                let any = |keys: &[&str]| keys.iter().any(|k| names.contains(k));
                let ok = match rule.function {
                    Function::Relative => any(&["unit", "weekday", "month", "season"]),
                    Function::Anchored | Function::Ago | Function::Shift | Function::Duration => {
                        any(&["unit"])
                    }
                    Function::Set => any(&["unit", "weekday", "month", "season"]),
                    Function::Literal => any(&["value"]),
                    Function::Date => any(&[
                        "year", "month", "quarter", "half", "season", "weekday", "decade",
                        "century", "holiday", "hour", "pod",
                    ]),
                };
                assert!(
                    ok,
                    "{:?} pattern {} lacks fields",
                    rule.function,
                    pattern.regex.as_str()
                );
            }
        }
    }

    #[test]
    fn rejects_bad_rules() {
        let lex = lexicon();
        assert!(parse("  | orphan", "t", &lex).is_err());
        assert!(parse("DATE nosuch\n  | x", "t", &lex).is_err());
        assert!(parse("DATE date\n  | {nosuch}", "t", &lex).is_err());
        assert!(parse("DATE date\n", "t", &lex).is_err());
        assert!(parse("DATE date\n  | {month} {month}", "t", &lex).is_err());
    }
}
