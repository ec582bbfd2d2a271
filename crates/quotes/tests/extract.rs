//! Behaviour of `extract` on small invented articles.

mod common;

use storyline_model::{EntityKind, Mention, Quote, QuoteKind, Span, SpeakerVia};

fn run(text: &str) -> Vec<Quote> {
    storyline_quotes::extract(text, &common::sentences(text), &[])
}

fn find<'a>(quotes: &'a [Quote], words: &str) -> &'a Quote {
    quotes
        .iter()
        .find(|q| q.text.contains(words))
        .unwrap_or_else(|| panic!("no quote with {words:?} in {quotes:#?}"))
}

fn speaker(q: &Quote) -> Option<(&str, SpeakerVia)> {
    q.speaker.as_ref().map(|s| (s.name.as_str(), s.via))
}

#[test]
fn roles_pronouns_and_surnames_resolve_to_full_names() {
    let t = "Quarn Interior Minister Ada Velt met Mayor Bo Rinn on Monday.\n\n\
             \"We will rebuild the dam,\" the interior minister said.\n\n\
             \"Not this year,\" Rinn replied. \"The money is not there,\" he added.";
    let q = run(t);
    assert_eq!(
        speaker(find(&q, "rebuild")),
        Some(("Ada Velt", SpeakerVia::Role))
    );
    assert_eq!(
        speaker(find(&q, "Not this year")),
        Some(("Bo Rinn", SpeakerVia::Name))
    );
    assert_eq!(
        speaker(find(&q, "money")),
        Some(("Bo Rinn", SpeakerVia::Pronoun))
    );
    assert!(q.iter().all(|q| q.span.slice(t) == q.text));
}

#[test]
fn relays_and_anonymous_sources() {
    let t = "\u{201c}The harbour stays shut, \u{201c}Kestrel Wire quotes Ada Velt.\n\n\
             A senior port official, who asked not to be named, told Kestrel Wire that the cranes were broken.";
    let q = run(t);
    let shut = find(&q, "harbour stays shut");
    assert_eq!(speaker(shut), Some(("Ada Velt", SpeakerVia::Name)));
    assert_eq!(shut.relay.as_deref(), Some("Kestrel Wire"));
    let written = run("\"The bridge is safe,\" Quarnpost writes.");
    assert_eq!(
        find(&written, "bridge is safe").relay.as_deref(),
        Some("Quarnpost")
    );
    let cranes = find(&q, "cranes were broken");
    assert_eq!(cranes.kind, QuoteKind::Indirect);
    assert_eq!(
        speaker(cranes),
        Some(("A senior port official", SpeakerVia::Anonymous))
    );
}

#[test]
fn no_speaker_is_never_guessed() {
    let t = "Ada Velt opened the bridge.\n\nA banner on the bridge read \"Built to last\" in gold letters.";
    let q = run(t);
    assert_eq!(speaker(find(&q, "Built to last")), None);
}

#[test]
fn split_multi_paragraph_and_indirect_forms() {
    let t = "\"First the dam,\" Ada Velt said, \"then the roads.\n\n\
             \"And after that, the schools.\"\n\n\
             According to the ministry, the work will take four years. \
             The plan is too slow, the opposition leader Ivo Marsh said.";
    let q = run(t);
    for words in ["First the dam", "then the roads", "the schools"] {
        assert_eq!(
            speaker(find(&q, words)),
            Some(("Ada Velt", SpeakerVia::Name)),
            "{words}"
        );
    }
    let years = find(&q, "four years");
    assert_eq!(
        (years.kind, years.cue.as_deref()),
        (QuoteKind::Indirect, Some("According to"))
    );
    assert_eq!(
        speaker(find(&q, "too slow")).map(|s| s.0),
        Some("Ivo Marsh")
    );
}

#[test]
fn entity_mentions_give_pronouns_antecedents_the_fallback_cannot() {
    let t = "Okonjo arrived late.\n\n\"We are ready,\" she said.";
    let at = t.find("Okonjo").unwrap_or(0);
    let mention = Mention {
        span: Span::new(at, at + "Okonjo".len()),
        text: "Okonjo".into(),
        kind: EntityKind::Per,
        role: None,
        entity: None,
    };
    let with = storyline_quotes::extract(t, &common::sentences(t), &[mention]);
    assert_eq!(
        speaker(find(&with, "ready")),
        Some(("Okonjo", SpeakerVia::Pronoun))
    );
    assert_eq!(speaker(find(&run(t), "ready")), None);
}

#[test]
fn later_quotes_inherit_the_speaker_only_when_they_open_a_sentence() {
    let t = "\"We will rebuild,\" Ada Velt said. \"Every road, every bridge.\" \
             Critics called the plan \"a fairy tale\".";
    let q = run(t);
    assert_eq!(
        speaker(find(&q, "Every road")),
        Some(("Ada Velt", SpeakerVia::Name))
    );
    assert_eq!(speaker(find(&q, "fairy tale")), None);
}
