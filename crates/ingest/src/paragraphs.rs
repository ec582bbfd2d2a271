//! Splitting plain text into paragraphs: blank lines separate paragraphs; inside a block, lines are
//! paragraphs of their own unless the block is hard-wrapped, where lines are joined and an indented
//! line starts a new paragraph.

/// Longest line seen in hard-wrapped text.
const WRAP_WIDTH: usize = 100;

/// Splits text into paragraphs (untrimmed inner whitespace is left to the cleaner).
pub(crate) fn split(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut block, &mut out);
        } else {
            block.push(line);
        }
    }
    flush(&mut block, &mut out);
    out
}

/// Turns one block of consecutive non-blank lines into paragraphs.
fn flush(block: &mut Vec<&str>, out: &mut Vec<String>) {
    if is_wrapped(block) {
        let mut current = String::new();
        for line in block.iter() {
            let indented = line.starts_with([' ', '\t']);
            if indented && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line.trim());
        }
        out.push(current);
    } else {
        out.extend(block.iter().map(|l| l.trim().to_string()));
    }
    block.clear();
}

/// True when a block looks hard-wrapped: several lines, none long, and many lines ending
/// mid-sentence.
fn is_wrapped(block: &[&str]) -> bool {
    let Some((_, body)) = block.split_last() else {
        return false;
    };
    if body.len() < 2 || block.iter().any(|l| l.chars().count() > WRAP_WIDTH) {
        return false;
    }
    let open = body
        .iter()
        .filter(|l| !l.trim_end().ends_with(['.', '!', '?', ':', '"', '”', '’']))
        .count();
    open * 3 >= body.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_separate_paragraphs() {
        assert_eq!(split("One.\n\n\nTwo.\n"), vec!["One.", "Two."]);
    }

    #[test]
    fn long_lines_are_paragraphs() {
        let long = "x".repeat(120);
        let text = format!("{long}.\n{long}.\nShort subhead\n{long}.");
        assert_eq!(split(&text).len(), 4);
    }

    #[test]
    fn wrapped_text_is_joined_and_indents_break() {
        let text = "The harbour board said on Monday that\nthe new quay would open in spring and\nthat fees would stay the same.\n    A second paragraph starts here and\ngoes on for a while.";
        assert_eq!(
            split(text),
            vec![
                "The harbour board said on Monday that the new quay would open in spring and that fees would stay the same.",
                "A second paragraph starts here and goes on for a while."
            ]
        );
    }
}
