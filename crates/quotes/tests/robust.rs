//! Arbitrary text never makes the extractor panic, and every span it returns lies on
//! character boundaries inside the text and matches the quote's text.

mod common;

use proptest::prelude::*;

fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "\"",
        "“",
        "”",
        "„",
        "«",
        "»",
        "‘",
        "’",
        "'",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        ".",
        ",",
        ":",
        "-",
        "—",
        "[",
        "]",
        "…",
        "said",
        "told",
        "according to",
        "he",
        "she",
        "a senior official",
        "the minister",
        "Ada Velt",
        "Velt",
        "Kestrel Wire",
        "quotes",
        "reports the words of",
        "that",
        "We",
        "will",
        "go",
        "Лавров",
        "é",
        "of",
        "the",
        "Minister",
        "Foreign",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn spans_are_valid(parts in prop::collection::vec(piece(), 0..80)) {
        let text: String = parts.concat();
        let quotes = storyline_quotes::extract(&text, &common::sentences(&text), &[]);
        for q in &quotes {
            prop_assert!(q.span.start <= q.span.end && q.span.end <= text.len());
            prop_assert_eq!(text.get(q.span.start..q.span.end), Some(q.text.as_str()));
            if let Some(span) = q.speaker.as_ref().and_then(|s| s.span) {
                prop_assert!(text.get(span.start..span.end).is_some());
            }
        }
    }
}
