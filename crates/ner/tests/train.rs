//! End-to-end: train on a tiny fixture of invented sentences, save, load, tag.

use std::fmt::Write as _;
use std::path::Path;
use storyline_ner::{tag_conll, train, Model, Tag, TrainOptions};

/// Invented people, firms and towns in a few sentence frames, as CoNLL columns.
fn fixture(people: &[&str], firms: &[&str], towns: &[&str]) -> String {
    let mut out = String::new();
    for (i, ((person, firm), town)) in people.iter().zip(firms).zip(towns).enumerate() {
        if i % 3 == 0 {
            out.push_str("-DOCSTART- -X- O\n\n");
        }
        let frames: [&[(&str, &str)]; 3] = [
            &[
                (person, "B-PER"),
                ("visited", "O"),
                (town, "B-LOC"),
                ("on", "O"),
                ("Monday", "O"),
                (".", "O"),
            ],
            &[
                ("Shares", "O"),
                ("of", "O"),
                (firm, "B-ORG"),
                ("Corp", "I-ORG"),
                ("rose", "O"),
                ("in", "O"),
                (town, "B-LOC"),
                (".", "O"),
            ],
            &[
                ("The", "O"),
                ("mayor", "O"),
                ("of", "O"),
                (town, "B-LOC"),
                (",", "O"),
                (person, "B-PER"),
                (",", "O"),
                ("said", "O"),
                ("so", "O"),
                (".", "O"),
            ],
        ];
        for frame in frames {
            for (word, tag) in frame {
                let _ = writeln!(out, "{word} X {tag}");
            }
            out.push('\n');
        }
    }
    out
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn trains_saves_loads_and_tags() {
    let dir = tempfile::tempdir().unwrap();
    let train_path = write(
        dir.path(),
        "train.conll",
        &fixture(
            &[
                "Velma", "Orrin", "Tamsin", "Corwin", "Ysolde", "Barnaby", "Linnea", "Fenwick",
                "Isolde", "Perrin", "Odalys", "Thaddeus",
            ],
            &[
                "Kestrel",
                "Ambergate",
                "Norvex",
                "Pellucid",
                "Quarrington",
                "Tollgate",
                "Vantor",
                "Lumeris",
                "Brackwell",
                "Sorrel",
                "Dunmore",
                "Halcyon",
            ],
            &[
                "Duskhaven",
                "Millbrook",
                "Ashcombe",
                "Farrowdale",
                "Greywick",
                "Holloway",
                "Brindlemoor",
                "Caldwick",
                "Elmstead",
                "Yarrowby",
                "Oakhollow",
                "Wrenfield",
            ],
        ),
    );
    let dev_path = write(
        dir.path(),
        "dev.conll",
        &fixture(
            &["Wendeline", "Osric"],
            &["Brightwater", "Calloway"],
            &["Eastmere", "Rookhurst"],
        ),
    );
    let unlabelled = write(
        dir.path(),
        "more.jsonl",
        "{\"body\": \"Velma visited Eastmere on Monday. Osric visited Millbrook on Monday.\"}\nplain text line about Rookhurst and Osric.\n",
    );
    let opts = TrainOptions {
        epochs: 8,
        clusters: 8,
        unlabelled: vec![unlabelled],
        ..TrainOptions::default()
    };
    let (model, report) = train(&train_path, &dev_path, &opts).unwrap();
    println!(
        "fixture: dev F1 {:.3} after epochs {:?}",
        report.dev.f1, report.best_epochs
    );
    assert_eq!(report.train_sentences, 36);
    assert!(report.dev.f1 > 0.5, "dev F1 {}", report.dev.f1);
    assert!(report.features > 0 && report.clustered_words > 0);

    let tags = model.tag(&[
        "The", "mayor", "of", "Ashcombe", ",", "Velma", ",", "said", "so", ".",
    ]);
    assert_eq!(tags[3], Tag::parse("B-LOC").unwrap());
    assert_eq!(tags[5], Tag::parse("B-PER").unwrap());
    assert_eq!(tags[7], Tag::O);
    let doc = model.tag_document(&[
        vec!["Velma", "visited", "Ashcombe", "on", "Monday", "."],
        vec![
            "Shares", "of", "Norvex", "Corp", "rose", "in", "Ashcombe", ".",
        ],
    ]);
    let labels: Vec<Vec<&str>> = doc
        .iter()
        .map(|s| s.iter().map(|t| t.as_str()).collect())
        .collect();
    assert_eq!(labels[0][2], "B-LOC");
    assert_eq!(
        labels[1],
        ["O", "O", "B-ORG", "I-ORG", "O", "O", "B-LOC", "O"]
    );

    let path = dir.path().join("model.bin");
    model.save(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let loaded = Model::load(&bytes).unwrap();
    assert_eq!(loaded, model);
    assert_eq!(loaded.to_bytes(), bytes, "serialisation is deterministic");
    assert!(Model::load(&bytes[..bytes.len() / 2]).is_err());
    assert!(Model::load(b"not a model").is_err());

    // The same options give the same model.
    let (again, _) = train(&train_path, &dev_path, &opts).unwrap();
    assert_eq!(again.to_bytes(), bytes);
}

#[test]
fn tag_conll_keeps_docstart_and_blank_lines() {
    let model = Model::embedded().unwrap();
    let input =
        "-DOCSTART- -X- -X- O\n\nHelga NNP B-PER\nsang VBD O\n\r\nin IN O\nBergen NNP B-LOC\n";
    let mut out = Vec::new();
    let n = tag_conll(model, input.as_bytes(), &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(n, 4);
    assert_eq!(lines.len(), 7);
    assert_eq!(lines[0], "-DOCSTART- -X- -X- O");
    assert_eq!(lines[1], "");
    assert_eq!(lines[4], "");
    for (i, src) in [
        (2, "Helga NNP B-PER"),
        (3, "sang VBD O"),
        (5, "in IN O"),
        (6, "Bergen NNP B-LOC"),
    ] {
        let (kept, tag) = lines[i].rsplit_once(' ').unwrap();
        assert_eq!(kept, src);
        assert!(Tag::parse(tag).is_some(), "{tag}");
    }
}
