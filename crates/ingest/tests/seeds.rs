//! The seed acceptance on `../shared/seeds` (skipped when the shared folder is absent).

use chrono::NaiveDate;
use std::path::PathBuf;
use storyline_ingest::{discover, read_input, IngestOptions};
use storyline_model::{Article, DateSource};

fn seeds() -> Option<Vec<Article>> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seeds"
    ));
    if !dir.is_dir() {
        eprintln!("skipped: {} is absent", dir.display());
        return None;
    }
    let (inputs, rejections) = discover(&[dir]);
    assert!(rejections.is_empty(), "{rejections:?}");
    let opts = IngestOptions::default();
    let articles: Vec<Article> = inputs
        .iter()
        .flat_map(|i| read_input(i, &opts))
        .map(|r| r.expect("seed reads"))
        .collect();
    Some(articles)
}

fn seed<'a>(articles: &'a [Article], number: &str) -> &'a Article {
    articles
        .iter()
        .find(|a| a.source.contains(&format!("/{number}_")))
        .expect("seed present")
}

#[test]
fn seed_dates_and_conflicts() {
    let Some(articles) = seeds() else { return };
    assert_eq!(articles.len(), 5);
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    let expected = [
        ("000", date(2022, 1, 20), false),
        ("001", date(2022, 1, 19), true),
        ("002", date(2022, 2, 18), true),
        ("003", date(2022, 2, 18), false),
        ("004", None, false),
    ];
    for (number, value, conflict) in expected {
        let a = seed(&articles, number);
        let p = &a.published;
        println!(
            "seed {number}: published {:?} from {:?}, conflict {}, dateline {:?}, outlet {:?}, title {:?}, {} boilerplate, notes {:?}",
            p.value,
            p.chosen_from,
            p.conflict,
            a.dateline.as_ref().map(|d| d.span.slice(&a.text)),
            a.outlet,
            a.title,
            a.boilerplate.len(),
            p.notes
        );
        assert_eq!(p.value, value, "seed {number}");
        assert_eq!(p.conflict, conflict, "seed {number}");
    }
    for number in ["001", "002"] {
        let a = seed(&articles, number);
        assert_eq!(a.published.chosen_from, Some(DateSource::Dateline));
        assert!(a
            .published
            .candidates
            .iter()
            .any(|c| c.source == DateSource::Header));
    }
}

#[test]
fn seed_text_and_metadata() {
    let Some(articles) = seeds() else { return };
    for a in &articles {
        if let Some(d) = &a.dateline {
            assert!(
                !d.span.slice(&a.text).is_empty(),
                "dateline span of {} is off",
                a.source
            );
        }
        assert!(!a.text.contains("\n\n\n"));
    }
    let first = seed(&articles, "000");
    assert!(
        first.text.starts_with("PARIS ("),
        "handle line removed: {:?}",
        &first.text[..40]
    );
    assert_eq!(first.title, None);
    let with_header = seed(&articles, "001");
    assert!(
        with_header.title.is_some() && with_header.url.is_some() && with_header.outlet.is_some()
    );
    assert!(
        !with_header.text.contains("in Vienna. ANI"),
        "trailing sign-off removed"
    );
    assert!(with_header.text.contains(" ANI:"), "dateline agency kept");
    let undated = seed(&articles, "004");
    assert!(!undated.text.starts_with("3 hours ago"));
    assert!(!undated.text.contains("Photo caption"));
    assert!(
        undated.text.contains("Dinner conversation"),
        "subheading kept"
    );
}
