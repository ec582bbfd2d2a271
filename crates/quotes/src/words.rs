//! The article seen as words and punctuation with byte offsets, plus its paragraphs.

use storyline_model::Span;

/// One token: a word (letters/digits, joined by inner `-`, `'`, `’`, `.`) or a single
/// punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// True for words, false for punctuation.
    pub word: bool,
}

/// Tokens and paragraphs of one article text.
pub(crate) struct Doc<'a> {
    /// The article text.
    pub text: &'a str,
    /// Every token in order.
    pub toks: Vec<Tok>,
    /// Every token with uppercase letters, lowercased (`None` when already lowercase).
    lowered: Vec<Option<String>>,
    /// Paragraph spans (lines; hard-wrapped lines are joined).
    pub paragraphs: Vec<Span>,
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | '‑')
}

impl<'a> Doc<'a> {
    /// Tokenizes `text` and finds its paragraphs.
    pub fn new(text: &'a str) -> Self {
        let toks = tokenize(text);
        let lowered = toks
            .iter()
            .map(|t| {
                let s = text.get(t.start..t.end).unwrap_or("");
                s.chars().any(char::is_uppercase).then(|| s.to_lowercase())
            })
            .collect();
        Doc {
            text,
            toks,
            lowered,
            paragraphs: paragraphs(text),
        }
    }

    /// The text of token `i` (empty when out of range).
    pub fn s(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    /// The text of token `i`, lowercased (empty when out of range).
    pub fn lower(&self, i: usize) -> &str {
        match self.lowered.get(i) {
            Some(Some(l)) => l,
            _ => self.s(i),
        }
    }

    /// True when token `i` is a word starting with an uppercase letter.
    pub fn is_cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.word)
            && self.s(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// True when token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.word)
    }

    /// Index of the first token starting at or after byte `pos`.
    pub fn tok_at(&self, pos: usize) -> usize {
        self.toks.partition_point(|t| t.start < pos)
    }

    /// Byte span from the start of token `a` to the end of token `b - 1`.
    pub fn span(&self, a: usize, b: usize) -> Span {
        match (
            self.toks.get(a),
            b.checked_sub(1).and_then(|l| self.toks.get(l)),
        ) {
            (Some(x), Some(y)) if a < b => Span::new(x.start, y.end),
            _ => Span::new(0, 0),
        }
    }

    /// The text covered by tokens `a..b`.
    pub fn slice(&self, a: usize, b: usize) -> &'a str {
        self.span(a, b).slice(self.text)
    }

    /// The paragraph holding byte `pos`.
    pub fn paragraph_of(&self, pos: usize) -> Span {
        let i = self.paragraphs.partition_point(|p| p.end <= pos);
        self.paragraphs
            .get(i)
            .copied()
            .unwrap_or(Span::new(pos, pos))
    }
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            toks.push(Tok {
                start: i,
                end: i + c.len_utf8(),
                word: false,
            });
            continue;
        }
        let mut end = i + c.len_utf8();
        loop {
            match it.peek().copied() {
                Some((j, d)) if d.is_alphanumeric() => {
                    end = j + d.len_utf8();
                    it.next();
                }
                Some((j, d)) if is_joiner(d) => {
                    let after = text.get(j + d.len_utf8()..).and_then(|r| r.chars().next());
                    if after.is_some_and(char::is_alphanumeric) {
                        end = j + d.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        // A plural possessive (`workers' union`) keeps its apostrophe.
        if text[i..end].ends_with('s') {
            let mut rest = text[end..].chars();
            if let (Some(q @ ('\'' | '’')), Some(n)) = (rest.next(), rest.next()) {
                if n == ' ' {
                    end += q.len_utf8();
                    it.next();
                }
            }
        }
        toks.push(Tok {
            start: i,
            end,
            word: true,
        });
    }
    toks
}

/// Lines are paragraphs, except that a line ending inside a sentence (a letter or a comma)
/// followed by a line starting in lowercase is joined to it (hard-wrapped text).
fn paragraphs(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut pos = 0;
    let mut joined = false;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let body = line.trim_end();
        if body.trim().is_empty() {
            joined = false;
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let span = Span::new(start + lead, start + body.len());
        let starts_lower = body
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        match out.last_mut() {
            Some(prev) if joined && starts_lower => prev.end = span.end,
            _ => out.push(span),
        }
        joined = body
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == ',');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_inner_joiners() {
        let d = Doc::new("U.S. envoy's re-election, “yes”");
        let words: Vec<&str> = (0..d.toks.len()).map(|i| d.s(i)).collect();
        assert_eq!(
            words,
            ["U.S", ".", "envoy's", "re-election", ",", "“", "yes", "”"]
        );
    }

    #[test]
    fn paragraphs_split_lines_and_join_wraps() {
        let t = "First line ends here.\nSecond starts and\ncontinues here.\n\nThird.";
        let d = Doc::new(t);
        let ps: Vec<&str> = d.paragraphs.iter().map(|p| p.slice(t)).collect();
        assert_eq!(
            ps,
            [
                "First line ends here.",
                "Second starts and\ncontinues here.",
                "Third."
            ]
        );
    }
}
