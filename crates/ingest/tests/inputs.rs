//! Every input format and every kind of bad input through the public API, with own fixtures.

use flate2::{write::GzEncoder, Compression};
use std::io::Write;
use storyline_ingest::{discover, read_bytes, read_input, IngestOptions, Input};
use storyline_model::{Article, DateSource, InputFormat, Rejection};

fn read(source: &str, bytes: &[u8]) -> Vec<Result<Article, Rejection>> {
    read_bytes(source, bytes, &IngestOptions::default())
}

fn one_rejection(source: &str, bytes: &[u8]) -> Rejection {
    let mut out = read(source, bytes);
    assert_eq!(out.len(), 1, "{out:?}");
    out.remove(0).expect_err("should be rejected")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

const STORY: &str = "Hill Post\n20200602\nhttps://www.hill-post.example/2020/06/02/snow\nSnow closed the mountain pass on Tuesday.\nDrivers were told to wait.";

fn warc_record(uri: &str, html: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}");
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    out.extend(http.as_bytes());
    out.extend(b"\r\n\r\n");
    out
}

#[test]
fn identical_content_gives_identical_ids_whatever_the_path() {
    let a = read("one/a.txt", STORY.as_bytes()).remove(0).unwrap();
    let b = read("two/b.txt", STORY.as_bytes()).remove(0).unwrap();
    assert_eq!(a.id, b.id);
    assert_ne!(a.source, b.source);
    let other = read("c.txt", STORY.replace("Tuesday", "Monday").as_bytes())
        .remove(0)
        .unwrap();
    assert_ne!(a.id, other.id);
}

#[test]
fn stdin_is_sniffed_from_content() {
    let jsonl = br#"{"id": "s1", "text": "The library reopened after repairs."}"#;
    let a = read("<stdin>", jsonl).remove(0).unwrap();
    assert_eq!(
        (a.source.as_str(), a.format),
        ("<stdin>#s1", InputFormat::Jsonl)
    );
    let html = b"<!doctype html><html><body><p>The library reopened after repairs and a long wait.</p></body></html>";
    assert_eq!(
        read("<stdin>", html).remove(0).unwrap().format,
        InputFormat::Html
    );
    assert_eq!(
        read("<stdin>", STORY.as_bytes()).remove(0).unwrap().format,
        InputFormat::Text
    );
}

#[test]
fn gzip_inputs_are_read() {
    let text = read("story.txt.gz", &gzip(STORY.as_bytes()))
        .remove(0)
        .unwrap();
    assert_eq!(
        text.published.value,
        chrono::NaiveDate::from_ymd_opt(2020, 6, 2)
    );
    let mut warc = gzip(&warc_record(
        "https://a.example/1",
        "<p>The ferry left on time for once.</p>",
    ));
    warc.extend(gzip(&warc_record(
        "https://a.example/2",
        "<p>The ferry was late again today.</p>",
    )));
    let out = read("crawl.warc.gz", &warc);
    let texts: Vec<String> = out
        .iter()
        .map(|r| r.as_ref().unwrap().text.clone())
        .collect();
    assert_eq!(
        texts,
        vec![
            "The ferry left on time for once.",
            "The ferry was late again today."
        ]
    );
}

#[test]
fn truncated_gzip_warc_keeps_earlier_records() {
    let mut warc = gzip(&warc_record(
        "https://a.example/1",
        "<p>The ferry left on time for once.</p>",
    ));
    let second = gzip(&warc_record(
        "https://a.example/2",
        "<p>The ferry was late again today.</p>",
    ));
    warc.extend(&second[..second.len() / 2]);
    let out = read("crawl.warc.gz", &warc);
    assert!(out[0].is_ok(), "{out:?}");
    assert!(out.iter().any(|r| r
        .as_ref()
        .is_err_and(|e| e.reason.contains("gzip data is corrupt or truncated"))));
    let broken_text = gzip(STORY.as_bytes());
    let r = one_rejection("story.txt.gz", &broken_text[..broken_text.len() - 12]);
    assert!(r.reason.contains("corrupt or truncated"), "{}", r.reason);
}

#[test]
fn every_kind_of_bad_input_is_rejected_with_a_reason() {
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.txt", b"".to_vec(), "empty"),
        ("blank.txt", b" \n\n\t".to_vec(), "empty"),
        (
            "image.jpg",
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00".to_vec(),
            "binary",
        ),
        (
            "controls.txt",
            b"ab\x01\x02\x03\x04\x05\x06cd".to_vec(),
            "binary",
        ),
        (
            "garbage.txt",
            (0..300u32)
                .map(|i| if i % 3 == 0 { b'a' } else { 0xfe })
                .collect(),
            "UTF-8",
        ),
        (
            "feed.rss",
            b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>cut".to_vec(),
            "malformed RSS/Atom",
        ),
        (
            "page.html",
            b"<html><body><nav>Home</nav><script>go()</script></body></html>".to_vec(),
            "no main text",
        ),
        (
            "only.txt",
            b"Share this article\n\n(@someone)\n".to_vec(),
            "no article text",
        ),
        (
            "w.warc",
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 900\r\n\r\ncut".to_vec(),
            "truncated",
        ),
        (
            "w.warc",
            b"WARC/1.0\r\nWARC-Type: response\r\n".to_vec(),
            "header is truncated",
        ),
    ];
    for (name, bytes, needle) in cases {
        let out = read(name, &bytes);
        assert!(!out.is_empty(), "{name}: no result");
        let rejection = out[0].as_ref().expect_err(name);
        assert!(
            rejection.reason.contains(needle),
            "{name}: {:?}",
            rejection.reason
        );
        assert!(rejection.source.starts_with(name));
    }
}

#[test]
fn damaged_utf8_is_kept_with_a_warning() {
    let mut bytes = STORY.as_bytes().to_vec();
    bytes.push(0xe9);
    let a = read("latin.txt", &bytes).remove(0).unwrap();
    assert_eq!(a.warnings.len(), 1);
    assert!(a.text.ends_with('\u{fffd}'));
}

#[test]
fn jsonl_bad_lines_do_not_stop_the_rest() {
    let input = "{\"id\": \"a\", \"text\": \"The mill closed.\"}\n{\"id\": \"b\", \"text\": \"The mi\n{\"id\": \"c\", \"text\": \"The mill reopened.\"}\n";
    let out = read("mills.jsonl", input.as_bytes());
    assert_eq!(out.len(), 3);
    assert!(out[0].is_ok() && out[2].is_ok());
    assert_eq!(out[1].as_ref().unwrap_err().source, "mills.jsonl:2");
}

#[test]
fn oversize_input_is_rejected_before_reading() {
    let opts = IngestOptions { max_bytes: 10 };
    let out = read_bytes("big.txt", STORY.as_bytes(), &opts);
    assert!(out[0]
        .as_ref()
        .unwrap_err()
        .reason
        .contains("over the limit"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    std::fs::write(&path, STORY).unwrap();
    let out = read_input(&Input { path }, &opts);
    assert!(out[0]
        .as_ref()
        .unwrap_err()
        .reason
        .contains("over the limit"));
    let bomb = gzip(&vec![b'a'; 1000]);
    let out = read_bytes("bomb.txt.gz", &bomb, &IngestOptions { max_bytes: 500 });
    assert!(out[0]
        .as_ref()
        .unwrap_err()
        .reason
        .contains("decompressed data is over the limit"));
}

#[test]
fn unreadable_inputs_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let out = read_input(
        &Input {
            path: dir.path().join("gone.txt"),
        },
        &IngestOptions::default(),
    );
    assert!(out[0]
        .as_ref()
        .unwrap_err()
        .reason
        .contains("cannot read the file"));
    let out = read_input(
        &Input {
            path: dir.path().to_path_buf(),
        },
        &IngestOptions::default(),
    );
    assert!(out[0]
        .as_ref()
        .unwrap_err()
        .reason
        .contains("not a regular file"));
}

#[cfg(unix)]
#[test]
fn permission_denied_is_rejected() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("locked.txt");
    std::fs::write(&file, STORY).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&file).is_ok() {
        eprintln!("skipped: running with privileges that ignore file permissions");
        return;
    }
    let out = read_input(&Input { path: file }, &IngestOptions::default());
    assert!(
        out[0].as_ref().unwrap_err().reason.contains("permission"),
        "{out:?}"
    );
    let locked_dir = dir.path().join("locked");
    std::fs::create_dir(&locked_dir).unwrap();
    std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o000)).unwrap();
    let (_, rejections) = discover(&[locked_dir]);
    assert!(rejections[0].reason.contains("cannot read folder"));
}

#[test]
fn html_file_end_to_end() {
    let html = r#"<html><head><title>Quarry plan | Ridge Courier</title><meta property="og:site_name" content="Ridge Courier">
        <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2020-07-09T06:00:00-04:00"}</script></head>
        <body><div class="menu"><p>News Sport Weather Local Opinion Letters Archive Contact</p></div>
        <div id="story"><p>RIDGEVILLE (Ridge Courier) — The council approved the quarry plan late on Wednesday night.</p>
        <p>Residents who opposed it said they would appeal within the month.</p><p>Read more: council news</p></div></body></html>"#;
    let a = read("q.html", html.as_bytes()).remove(0).unwrap();
    assert_eq!(a.title.as_deref(), Some("Quarry plan"));
    assert_eq!(a.outlet.as_deref(), Some("Ridge Courier"));
    assert_eq!(
        a.published.value,
        chrono::NaiveDate::from_ymd_opt(2020, 7, 9)
    );
    assert_eq!(a.published.chosen_from, Some(DateSource::Meta));
    assert_eq!(
        a.dateline.as_ref().map(|d| d.span.slice(&a.text)),
        Some("RIDGEVILLE (Ridge Courier) —")
    );
    assert!(a.text.ends_with("appeal within the month."), "{}", a.text);
}

#[test]
fn html_declared_charset_is_honoured() {
    let mut page = b"<html><head><meta charset=\"windows-1252\"></head><body><p>The caf".to_vec();
    page.extend(b"\xe9 on the square reopened after the winter.</p></body></html>");
    let a = read("cafe.html", &page).remove(0).unwrap();
    assert_eq!(a.text, "The café on the square reopened after the winter.");
    assert!(a.warnings.is_empty());
}

#[test]
fn folder_of_mixed_formats() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("b.jsonl"), "{\"id\": \"r1\", \"text\": \"The mill closed.\"}\n{\"id\": \"r2\", \"text\": \"The mill reopened.\"}\n").unwrap();
    std::fs::write(root.join("a.txt"), STORY).unwrap();
    std::fs::write(
        root.join("c.html"),
        "<p>The market moved to the old station hall.</p>",
    )
    .unwrap();
    std::fs::write(root.join("d.txt"), "").unwrap();
    let (inputs, rejections) = discover(&[root.to_path_buf()]);
    assert!(rejections.is_empty());
    let results: Vec<_> = inputs
        .iter()
        .flat_map(|i| read_input(i, &IngestOptions::default()))
        .collect();
    let formats: Vec<Option<InputFormat>> = results
        .iter()
        .map(|r| r.as_ref().ok().map(|a| a.format))
        .collect();
    use InputFormat::*;
    assert_eq!(
        formats,
        vec![Some(Text), Some(Jsonl), Some(Jsonl), Some(Html), None]
    );
    let empty = results[4].as_ref().unwrap_err();
    assert!(empty.source.ends_with("d.txt") && empty.reason.contains("empty"));
}
