//! Behaviour of the English rule set, one test per rule family, on invented sentences.

use chrono::NaiveDate;
use proptest::prelude::*;
use std::sync::OnceLock;
use storyline_model::TimexType;
use storyline_temporal::Tagger;

fn tagger() -> &'static Tagger {
    static TAGGER: OnceLock<Tagger> = OnceLock::new();
    TAGGER.get_or_init(Tagger::english)
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// (text, type, value, mod) of every expression found.
fn tag(text: &str, dct: Option<NaiveDate>) -> Vec<(String, TimexType, String, Option<String>)> {
    tagger()
        .tag(text, dct)
        .into_iter()
        .map(|t| (t.text, t.kind, t.value, t.modifier))
        .collect()
}

fn value_of(text: &str, dct: Option<NaiveDate>, expression: &str) -> String {
    let found = tag(text, dct);
    found
        .iter()
        .find(|(t, ..)| t == expression)
        .map(|(_, _, v, _)| v.clone())
        .unwrap_or_else(|| panic!("{expression:?} not found in {found:?}"))
}

#[test]
fn seed_like_expectations() {
    let dct = day(2022, 1, 20);
    let text = "The talks between the two envoys, scheduled to be held in Oslo on Friday, matter.";
    assert_eq!(value_of(text, dct, "Friday"), "2022-01-21");
    let dct = day(2022, 1, 19);
    let text = "The ministers have agreed to meet in Oslo on Friday. On January 20 the aides arrive. They spoke last week.";
    assert_eq!(value_of(text, dct, "Friday"), "2022-01-21");
    assert_eq!(value_of(text, dct, "January 20"), "2022-01-20");
    assert_eq!(value_of(text, dct, "last week"), "2022-W02");
    let dct = day(2022, 2, 18);
    let found = tag(
        "The envoys proposed dates for late next week. They meet next week.",
        dct,
    );
    assert!(
        found.contains(&(
            "late next week".into(),
            TimexType::Date,
            "2022-W08".into(),
            Some("END".into())
        )),
        "{found:?}"
    );
    assert_eq!(
        value_of("They meet next week.", dct, "next week"),
        "2022-W08"
    );
    let dct = day(2022, 1, 19);
    assert_eq!(
        value_of(
            "In December, the council presented its draft.",
            dct,
            "December"
        ),
        "2021-12"
    );
}

#[test]
fn absolute_dates() {
    let text = "The plant opened on March 3, 1998, closed 4 July 2001 and reopened 2005-06-07; in 1999 and the 1980s it was idle.";
    assert_eq!(value_of(text, None, "March 3, 1998"), "1998-03-03");
    assert_eq!(value_of(text, None, "4 July 2001"), "2001-07-04");
    assert_eq!(value_of(text, None, "2005-06-07"), "2005-06-07");
    assert_eq!(value_of(text, None, "1999"), "1999");
    assert_eq!(value_of(text, None, "the 1980s"), "198X");
}

#[test]
fn quarters_halves_and_seasons() {
    let dct = day(2021, 11, 2);
    let text =
        "Profit rose in the third quarter and in the first half of 2020, unlike last summer.";
    assert_eq!(value_of(text, dct, "the third quarter"), "2021-Q3");
    assert_eq!(value_of(text, dct, "the first half of 2020"), "2020-H1");
    assert_eq!(value_of(text, dct, "last summer"), "2021-SU");
}

#[test]
fn relative_to_the_creation_time() {
    let dct = day(2021, 3, 10);
    let text = "Yesterday the board met; today it votes; tomorrow it reports. Last month was quiet, three years ago busy, and this year is mixed.";
    assert_eq!(value_of(text, dct, "Yesterday"), "2021-03-09");
    assert_eq!(value_of(text, dct, "today"), "2021-03-10");
    assert_eq!(value_of(text, dct, "tomorrow"), "2021-03-11");
    assert_eq!(value_of(text, dct, "Last month"), "2021-02");
    assert_eq!(value_of(text, dct, "three years ago"), "2018");
    assert_eq!(value_of(text, dct, "this year"), "2021");
    assert_eq!(
        value_of("It was posted 3 hours ago.", dct, "3 hours ago"),
        "2021-03-10"
    );
}

#[test]
fn narrative_anchoring() {
    let dct = day(2021, 3, 10);
    let text = "The strike began on June 4, 2019. The next day the mill shut, and two days later it reopened.";
    assert_eq!(value_of(text, dct, "The next day"), "2019-06-05");
    assert_eq!(value_of(text, dct, "two days later"), "2019-06-07");
}

#[test]
fn without_creation_time_relative_values_stay_open() {
    let text = "They met last week and will meet again on Friday, a day after Christmas.";
    assert_eq!(value_of(text, None, "last week"), "XXXX-WXX");
    assert_eq!(value_of(text, None, "Friday"), "XXXX-WXX-5");
    assert_eq!(value_of(text, None, "Christmas"), "XXXX-12-25");
}

#[test]
fn times_of_day() {
    let dct = day(2021, 3, 10);
    let text =
        "The vote closed at 3:30 p.m. and results came Friday morning, after talks last night.";
    assert_eq!(value_of(text, dct, "3:30 p.m."), "2021-03-10T15:30");
    assert_eq!(value_of(text, dct, "Friday morning"), "2021-03-05TMO");
    assert_eq!(value_of(text, dct, "last night"), "2021-03-09TNI");
}

#[test]
fn durations_sets_and_vague_references() {
    let dct = day(2021, 3, 10);
    let text = "The 30-year bond ran for three days and about six months; buses leave daily, every Monday. Now prices fall, as they did recently, and in the future.";
    let found = tag(text, dct);
    let has = |t: &str, k: TimexType, v: &str| {
        found.iter().any(|(a, b, c, _)| a == t && *b == k && c == v)
    };
    assert!(has("30-year", TimexType::Duration, "P30Y"), "{found:?}");
    assert!(has("three days", TimexType::Duration, "P3D"), "{found:?}");
    assert!(
        has("about six months", TimexType::Duration, "P6M"),
        "{found:?}"
    );
    assert!(has("daily", TimexType::Set, "P1D"), "{found:?}");
    assert!(
        has("every Monday", TimexType::Set, "XXXX-WXX-1"),
        "{found:?}"
    );
    assert!(has("Now", TimexType::Date, "PRESENT_REF"), "{found:?}");
    let twice = tagger().tag("They meet twice a year at 5pm.", dct);
    assert_eq!(twice[0].text, "twice a year");
    assert_eq!(
        (twice[0].value.as_str(), twice[0].freq.as_deref()),
        ("P1Y", Some("2X"))
    );
    assert_eq!(twice[1].value, "2021-03-10T17:00");
    assert!(has("recently", TimexType::Date, "PAST_REF"), "{found:?}");
    assert!(
        has("the future", TimexType::Date, "FUTURE_REF"),
        "{found:?}"
    );
}

#[test]
fn ignores_numbers_that_are_not_times() {
    let found = tag(
        "The 1,998 workers earned $2000 and 1999% more; a four-year-old child, a man 52 years old; about three-quarters.",
        day(2021, 1, 1),
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn possessive_today_is_not_a_date() {
    let found = tag("In today's world the council votes today.", day(2021, 1, 1));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].2, "2021-01-01");
}

#[test]
fn years_in_words_and_weekday_defaults() {
    let dct = day(2021, 3, 10); // a Wednesday
    assert_eq!(
        value_of(
            "It began in nineteen ninety-six.",
            dct,
            "nineteen ninety-six"
        ),
        "1996"
    );
    // No tense cue: the day after the creation time, otherwise the past.
    assert_eq!(
        value_of("Thursday: talks in Oslo.", dct, "Thursday"),
        "2021-03-11"
    );
    assert_eq!(
        value_of("Monday: talks in Oslo.", dct, "Monday"),
        "2021-03-08"
    );
}

#[test]
fn spans_are_sorted_byte_offsets() {
    let text = "Zürich, Montag — on Friday, the café closed; it reopened on March 2, 2020.";
    let timexes = tagger().tag(text, day(2020, 3, 4));
    assert!(timexes.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    for t in &timexes {
        assert_eq!(&text[t.span.start..t.span.end], t.text);
    }
    assert_eq!(timexes.len(), 2);
}

proptest! {
    #[test]
    fn any_printed_date_is_found(days in 0i64..60_000, format in 0usize..4) {
        let date = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(days);
        let (pattern, expected) = match format {
            0 => ("%B %-d, %Y", date.format("%Y-%m-%d").to_string()),
            1 => ("%d %B %Y", date.format("%Y-%m-%d").to_string()),
            2 => ("%Y-%m-%d", date.format("%Y-%m-%d").to_string()),
            _ => ("%b. %-d", date.format("%Y-%m-%d").to_string()),
        };
        let written = date.format(pattern).to_string();
        let text = format!("The report was published on {written} by the office.");
        let timexes = tagger().tag(&text, Some(date));
        prop_assert_eq!(timexes.len(), 1, "{} -> {:?}", text, timexes);
        prop_assert_eq!(&timexes[0].text, &written);
        prop_assert_eq!(&timexes[0].value, &expected);
    }
}

proptest! {
    /// Arbitrary text (any Unicode, odd punctuation) never panics and spans stay on char
    /// boundaries, sorted and disjoint.
    #[test]
    fn arbitrary_text_is_safe(text in "(\\PC|[0-9 .,:'-]|May|June|Friday|ago|next|week){0,60}") {
        let timexes = tagger().tag(&text, NaiveDate::from_ymd_opt(2021, 6, 15));
        for t in &timexes {
            prop_assert!(text.get(t.span.start..t.span.end) == Some(t.text.as_str()));
        }
        prop_assert!(timexes.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    }
}
