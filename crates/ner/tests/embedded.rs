//! The committed model: tags real text with byte offsets; scores the CoNLL dev set when the
//! shared data is present.

use std::path::Path;
use storyline_model::{EntityKind, Span, Token};
use storyline_ner::{tag_conll, Model};

/// Word and punctuation tokens with byte spans, possessive `'s` apart (as the text crate does).
fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while let Some(&(pos, c)) = chars.get(i) {
        let possessive =
            (c == '\'' || c == '\u{2019}') && chars.get(i + 1).is_some_and(|n| n.1 == 's');
        if c.is_alphanumeric() {
            start.get_or_insert(pos);
        } else {
            if let Some(s) = start.take() {
                out.push(Span::new(s, pos));
            }
            if possessive {
                out.push(Span::new(pos, pos + c.len_utf8() + 1));
                i += 1;
            } else if !c.is_whitespace() {
                out.push(Span::new(pos, pos + c.len_utf8()));
            }
        }
        i += 1;
    }
    if let Some(s) = start {
        out.push(Span::new(s, text.len()));
    }
    out.into_iter()
        .map(|span| Token { span, sentence: 0 })
        .collect()
}

#[test]
fn recognize_gives_byte_offsets_and_roles() {
    let model = Model::embedded().unwrap();
    let text = "NORDIC TALKS STALL\n\u{201C}We will wait,\u{201D} Finance Minister Jonas Pettersen said in Copenhagen on Tuesday. Pettersen\u{2019}s ministry and the European Commission disagree.";
    let headline_end = text.find('\n').unwrap();
    let sentences = [
        Span::new(0, headline_end),
        Span::new(headline_end + 1, text.find("Tuesday.").unwrap() + 8),
        Span::new(text.find("Pettersen\u{2019}s").unwrap(), text.len()),
    ];
    let mentions = model.recognize(text, &sentences, &tokens(text));
    for m in &mentions {
        println!("{:?} {:?} {:?} {:?}", m.kind, m.text, m.span, m.role);
        assert_eq!(&text[m.span.start..m.span.end], m.text);
    }
    let find = |s: &str| {
        mentions
            .iter()
            .find(|m| m.text == s)
            .unwrap_or_else(|| panic!("no mention {s:?}"))
    };
    let person = find("Jonas Pettersen");
    assert_eq!(person.kind, EntityKind::Per);
    assert_eq!(person.span.start, text.find("Jonas").unwrap());
    assert_eq!(person.role.as_deref(), Some("Finance Minister"));
    assert_eq!(find("Copenhagen").kind, EntityKind::Loc);
    assert_eq!(find("Pettersen").kind, EntityKind::Per);
    assert_eq!(find("European Commission").kind, EntityKind::Org);
}

#[test]
fn conll_dev_f1() {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/conll2003/eng.testa"
    ));
    let Ok(file) = std::fs::File::open(path) else {
        eprintln!("skipped: {} not found", path.display());
        return;
    };
    let model = Model::embedded().unwrap();
    let start = std::time::Instant::now();
    let mut out = Vec::new();
    let tokens = tag_conll(model, std::io::BufReader::new(file), &mut out).unwrap();
    let secs = start.elapsed().as_secs_f64();
    let scores = storyline_eval::conll::score(out.as_slice()).unwrap();
    println!("CoNLL testa, embedded model: {tokens} tokens in {secs:.2}s ({:.0} tokens/s, this build)\n{scores}", tokens as f64 / secs);
    assert!(scores.f1 >= 0.92, "F1 {}", scores.f1);
}
