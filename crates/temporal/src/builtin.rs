//! Built-in pattern classes: digits and composed number words, whose values are computed
//! rather than listed (`1998`, `'98`, `21st`, `twenty-four`, `1990s`).

use crate::lexicon::{Lexicon, WordClass};

/// The regex of a built-in class (number words come from the lexicon's `number_*` classes).
pub(crate) fn regex(name: &str, lexicon: &Lexicon) -> Option<String> {
    Some(match name {
        "year" => r"(?:1[7-9]|20)\d\d".to_string(),
        "year2" => r"'\d\d".to_string(),
        "day_num" => r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?".to_string(),
        "hour" => r"(?:2[0-4]|[01]?\d)".to_string(),
        "minute" => r"[0-5]\d".to_string(),
        "decade" => r"(?:(?:1[7-9]|20)\d0'?s|'\d0'?s)".to_string(),
        "year_words" => {
            let alt = |class: &str| lexicon.class(class).map(WordClass::alternation);
            let (unit, teen, tens) = (
                alt("number_unit")?,
                alt("number_teen")?,
                alt("number_tens")?,
            );
            format!(
                r"(?:{teen}|{tens})\s+(?:hundred(?:\s+and)?\s+)?(?:{tens}(?:[-\s]{unit})?|{teen}|oh[-\s]{unit})"
            )
        }
        "number" => {
            let alt = |class: &str| lexicon.class(class).map(WordClass::alternation);
            let (unit, teen, tens, scale) = (
                alt("number_unit")?,
                alt("number_teen")?,
                alt("number_tens")?,
                alt("number_scale")?,
            );
            format!(
                r"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:{tens}(?:[-\s]{unit})?|{teen}|{unit})(?:\s+{scale})?)"
            )
        }
        _ => return None,
    })
}

/// The value of text matched by a built-in class.
pub(crate) fn value(name: &str, text: &str, lexicon: &Lexicon) -> Option<String> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    match name {
        "year" | "hour" | "minute" => Some(digits),
        "day_num" => digits.parse::<u32>().ok().map(|d| d.to_string()),
        "year2" => {
            let two: i32 = digits.parse().ok()?;
            Some((if two < 30 { 2000 + two } else { 1900 + two }).to_string())
        }
        "decade" => decade(&digits),
        "number" => number(text, lexicon),
        "year_words" => year_words(text, lexicon),
        _ => None,
    }
}

/// `1990s` → `199`, `'80s` → `198`.
fn decade(digits: &str) -> Option<String> {
    match digits.len() {
        4 => digits.get(..3).map(str::to_string),
        2 => {
            let two: i32 = digits.parse().ok()?;
            Some(
                if two < 30 {
                    200 + two / 10
                } else {
                    190 + two / 10
                }
                .to_string(),
            )
        }
        _ => None,
    }
}

/// A year in words: `nineteen ninety-six` → 1996, `twenty oh five` → 2005.
fn year_words(text: &str, lexicon: &Lexicon) -> Option<String> {
    let lower = text.to_lowercase();
    let mut words = lower.split_whitespace();
    let century: u64 = number(words.next()?, lexicon)?.parse().ok()?;
    let rest: Vec<&str> = words.filter(|w| !matches!(*w, "hundred" | "and")).collect();
    let rest = rest.join(" ").replace("oh-", "").replace("oh ", "");
    let within: u64 = number(&rest, lexicon)?.parse().ok()?;
    (within < 100).then(|| (century * 100 + within).to_string())
}

/// A number written in digits (`1,500`, `2.5`) or in words (`twenty-four`, `two hundred`).
fn number(text: &str, lexicon: &Lexicon) -> Option<String> {
    let plain: String = text.chars().filter(|c| *c != ',').collect();
    if plain.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Some(plain.trim_start_matches('0').to_string()).filter(|s| !s.is_empty());
    }
    let mut total: u64 = 0;
    for word in text
        .to_lowercase()
        .split(|c: char| c == '-' || c.is_whitespace())
    {
        if word.is_empty() {
            continue;
        }
        let find = |class: &str| {
            lexicon
                .class(class)
                .and_then(|c| c.value_of(word))
                .and_then(|v| v.parse::<u64>().ok())
        };
        if let Some(scale) = find("number_scale") {
            total = total.max(1) * scale;
        } else {
            total += ["number_unit", "number_teen", "number_tens"]
                .iter()
                .find_map(|class| find(class))?;
        }
    }
    Some(total.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        Lexicon::parse(
            "[number_unit]\n1: one | a\n2: two\n4: four\n[number_teen]\n10: ten\n[number_tens]\n20: twenty\n[number_scale]\n100: hundred\n",
            "t",
        )
        .unwrap()
    }

    #[test]
    fn numbers_in_words_and_digits() {
        let lex = lexicon();
        assert_eq!(number("twenty-four", &lex).as_deref(), Some("24"));
        assert_eq!(number("twenty four", &lex).as_deref(), Some("24"));
        assert_eq!(number("two hundred", &lex).as_deref(), Some("200"));
        assert_eq!(number("1,500", &lex).as_deref(), Some("1500"));
        assert_eq!(number("a", &lex).as_deref(), Some("1"));
        assert_eq!(number("zillion", &lex), None);
        let re = regex::Regex::new(&format!("^{}$", regex("number", &lex).unwrap())).unwrap();
        assert!(re.is_match("twenty-four"));
        assert!(re.is_match("12"));
    }

    #[test]
    fn years_and_decades() {
        let lex = lexicon();
        assert_eq!(value("year_words", "nineteen twenty-four", &lex), None);
        let full = Lexicon::parse(include_str!("../rules/en/lexicon.txt"), "lexicon.txt").unwrap();
        assert_eq!(
            value("year_words", "nineteen ninety-six", &full).as_deref(),
            Some("1996")
        );
        assert_eq!(
            value("year_words", "twenty oh five", &full).as_deref(),
            Some("2005")
        );
        assert_eq!(value("year2", "'98", &lex).as_deref(), Some("1998"));
        assert_eq!(value("year2", "'05", &lex).as_deref(), Some("2005"));
        assert_eq!(value("decade", "1990s", &lex).as_deref(), Some("199"));
        assert_eq!(value("decade", "'80s", &lex).as_deref(), Some("198"));
        assert_eq!(value("day_num", "03rd", &lex).as_deref(), Some("3"));
    }
}
