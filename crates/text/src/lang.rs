//! Language identification and passages in another script.

use storyline_model::{ForeignPassage, Span};

/// Characters sampled for language identification: enough for a reliable guess on news text.
const SAMPLE_CHARS: usize = 1200;

/// ISO 639-3 code of the text's main language (`eng`), when `whatlang` is reliable enough.
pub fn language(text: &str) -> Option<String> {
    let sample: String = text.chars().take(SAMPLE_CHARS).collect();
    let info = whatlang::detect(&sample)?;
    (info.confidence() > 0.3 || info.is_reliable()).then(|| info.lang().code().to_string())
}

/// Broad writing system of a letter; `None` for non-letters.
fn script_of(c: char) -> Option<&'static str> {
    if !c.is_alphabetic() {
        return None;
    }
    Some(match c as u32 {
        0x0000..=0x024F | 0x1E00..=0x1EFF => "Latin",
        0x0370..=0x03FF => "Greek",
        0x0400..=0x052F => "Cyrillic",
        0x0590..=0x05FF => "Hebrew",
        0x0600..=0x06FF | 0x0750..=0x077F => "Arabic",
        0x0900..=0x097F => "Devanagari",
        0x4E00..=0x9FFF | 0x3400..=0x4DBF => "Han",
        0x3040..=0x30FF => "Kana",
        0xAC00..=0xD7AF => "Hangul",
        _ => "Other",
    })
}

/// Passages written in another script than the article's main one (e.g. Cyrillic words in an
/// English article), each with its language when identifiable (`rus`), else the script name.
/// Runs of same-script words separated only by spaces and punctuation form one passage.
pub fn foreign_passages(text: &str) -> Vec<ForeignPassage> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for c in text.chars() {
        if let Some(s) = script_of(c) {
            match counts.iter_mut().find(|(k, _)| *k == s) {
                Some((_, n)) => *n += 1,
                None => counts.push((s, 1)),
            }
        }
    }
    let Some(&(main, _)) = counts.iter().max_by_key(|(_, n)| *n) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut run: Option<(usize, usize, &str)> = None;
    for (i, c) in text.char_indices() {
        match script_of(c) {
            Some(s) if s != main => match &mut run {
                Some((_, end, rs)) if *rs == s => *end = i + c.len_utf8(),
                _ => {
                    flush(text, run.take(), &mut out);
                    run = Some((i, i + c.len_utf8(), s));
                }
            },
            Some(_) => flush(text, run.take(), &mut out),
            // Spaces, digits and punctuation neither extend nor break a run.
            None => {
                if c == '\n' {
                    flush(text, run.take(), &mut out);
                }
            }
        }
    }
    flush(text, run, &mut out);
    out
}

fn flush(text: &str, run: Option<(usize, usize, &str)>, out: &mut Vec<ForeignPassage>) {
    let Some((start, end, script)) = run else {
        return;
    };
    let passage = &text[start..end];
    let language = whatlang::detect(passage)
        .filter(|i| i.script().name() == script || script == "Cyrillic")
        .map(|i| i.lang().code().to_string())
        .unwrap_or_else(|| script.to_string());
    out.push(ForeignPassage {
        span: Span::new(start, end),
        language,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_identified() {
        let t =
            "The minister said the talks would resume next week after a short pause in the city.";
        assert_eq!(language(t).as_deref(), Some("eng"));
    }

    #[test]
    fn cyrillic_inside_english_is_marked() {
        let t = "The withdrawal of forces [от украинской границы] was demanded, he [Лавров] said.";
        let f = foreign_passages(t);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].span.slice(t), "от украинской границы");
        assert_eq!(f[1].span.slice(t), "Лавров");
        assert!(f.iter().all(|p| p.language == "rus"
            || p.language == "ukr"
            || p.language == "bel"
            || p.language == "Cyrillic"));
    }

    #[test]
    fn plain_text_has_no_foreign_passages() {
        assert!(foreign_passages("Nothing foreign here, café included.").is_empty());
    }
}
