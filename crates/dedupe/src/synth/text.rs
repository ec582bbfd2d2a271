//! Sentence-level text surgery for the syndication generator.

use crate::rng::Rng;

/// Sentences of `text`, whitespace-collapsed: a break after `.`, `!` or `?` (and closing quotes)
/// followed by whitespace, and at line starts indented by two or more spaces or after blank lines.
pub(super) fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.split('\n') {
        let indented = line.starts_with("  ") || line.trim().is_empty();
        if indented {
            flush(&mut current, &mut out);
        }
        for word in line.split_whitespace() {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
            let bare = word.trim_end_matches(['"', '\'', ')', '\u{201d}', '\u{2019}']);
            if bare.ends_with(['.', '!', '?']) {
                flush(&mut current, &mut out);
            }
        }
    }
    flush(&mut current, &mut out);
    out
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    if !current.is_empty() {
        out.push(std::mem::take(current));
    }
}

/// Number of whitespace-separated words.
pub(super) fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Lower-cased alphanumeric words joined by single spaces.
pub(super) fn normalise(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Keeps the leading sentences that hold `fraction` of the words (at least one sentence).
pub(super) fn truncate(sents: &mut Vec<String>, fraction: f64) {
    let total: usize = sents.iter().map(|s| word_count(s)).sum();
    let wanted = (total as f64 * fraction).ceil() as usize;
    let mut kept = 0;
    let mut words = 0;
    for s in sents.iter() {
        if kept > 0 && words >= wanted {
            break;
        }
        words += word_count(s);
        kept += 1;
    }
    sents.truncate(kept);
}

/// Edits about `rate` of the words the way editors do, in short phrases: each edit touches a run of
/// one to three words, which is replaced by as many vocabulary words (60%), deleted (20%), or
/// followed by inserted words (20%).
pub(super) fn edit_words(rng: &mut Rng, sents: &mut [String], rate: f64, vocabulary: &[String]) {
    // A run of mean length 2 starts at a word with probability rate / 2.
    let start = rate / 2.0;
    for s in sents.iter_mut() {
        let words: Vec<&str> = s.split_whitespace().collect();
        let mut out: Vec<String> = Vec::with_capacity(words.len() + 4);
        let mut i = 0;
        while let Some(w) = words.get(i) {
            if !rng.chance(start) {
                out.push((*w).to_string());
                i += 1;
                continue;
            }
            let run = 1 + rng.below(3);
            let roll = rng.unit();
            let fresh = |rng: &mut Rng| rng.pick(vocabulary).cloned().unwrap_or_default();
            if roll < 0.6 {
                out.extend((0..run).map(|_| fresh(rng)));
            } else if roll >= 0.8 {
                out.extend(words.iter().skip(i).take(run).map(|w| (*w).to_string()));
                out.extend((0..run).map(|_| fresh(rng)));
            }
            i += run;
        }
        *s = out.join(" ");
    }
}

/// Joins sentences into paragraphs of one to three sentences separated by blank lines.
pub(super) fn reflow(rng: &mut Rng, sents: &[String]) -> String {
    let mut out = String::new();
    let mut left = 0;
    for s in sents.iter().filter(|s| !s.is_empty()) {
        if left == 0 {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            left = 1 + rng.below(3);
        } else {
            out.push(' ');
        }
        out.push_str(s);
        left -= 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_punctuation_and_indented_lines() {
        let body = "Rain fell on the hills.\n    Rivers rose \"fast.\" Roads shut\nat dawn\n    Net 5 mln vs 4 mln";
        assert_eq!(
            sentences(body),
            [
                "Rain fell on the hills.",
                "Rivers rose \"fast.\"",
                "Roads shut at dawn",
                "Net 5 mln vs 4 mln"
            ]
        );
    }

    #[test]
    fn truncation_keeps_the_lead() {
        let mut s: Vec<String> = ["a b c d", "e f g h", "i j k l", "m n o p"]
            .map(String::from)
            .to_vec();
        truncate(&mut s, 0.6);
        assert_eq!(s, ["a b c d", "e f g h", "i j k l"]);
    }

    #[test]
    fn edits_change_about_the_rate() {
        let mut rng = Rng::new(1);
        let original: Vec<String> = (0..200).map(|i| format!("w{i}")).collect();
        let mut sents = vec![original.join(" ")];
        edit_words(&mut rng, &mut sents, 0.1, &["zz".to_string()]);
        let kept = sents[0]
            .split_whitespace()
            .filter(|w| w.starts_with('w'))
            .count();
        assert!((160..195).contains(&kept), "kept {kept}");
    }
}
