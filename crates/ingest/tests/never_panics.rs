//! Arbitrary bytes under any name never panic, and every result names its source.

use proptest::prelude::*;
use storyline_ingest::{read_bytes, IngestOptions};

const NAMES: [&str; 8] = [
    "a.txt",
    "a.jsonl",
    "a.rss",
    "a.html",
    "a.warc",
    "a.warc.gz",
    "<stdin>",
    "a.txt.gz",
];

fn check(name: &str, bytes: &[u8]) {
    for result in read_bytes(name, bytes, &IngestOptions { max_bytes: 1 << 20 }) {
        match result {
            Ok(a) => {
                assert!(a.source.starts_with(name));
                if let Some(d) = a.dateline {
                    assert!(a.text.get(d.span.start..d.span.end).is_some());
                }
            }
            Err(r) => assert!(r.source.starts_with(name) && !r.reason.is_empty()),
        }
    }
}

/// Fragments that steer random input into every reader's deeper paths.
fn structured() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop::sample::select(vec![
        "WARC/1.0\r\n",
        "WARC-Type: response\r\n",
        "Content-Type: application/http\r\n",
        "Content-Length: 40\r\n",
        "\r\n",
        "HTTP/1.1 200 OK\r\n",
        "Content-Type: text/html\r\n",
        "<html>",
        "<p>",
        "</p>",
        "<article>",
        "<rss><channel><item>",
        "<description>",
        "{\"text\": \"",
        "\"}\n",
        " date 2020-01-01 ",
        "20200101\n",
        "https://x.example/2020/01/02/a\n",
        "PARIS (Agency - 2nd May, 2020) ",
        "OSLO, May 2 (Wire) - ",
        "Rain fell. ",
        "ANI",
        "\n\n",
        "(@who)",
        "3 hours ago\n",
        "é",
        "\u{fffd}",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat().into_bytes())
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600), name in prop::sample::select(NAMES.to_vec())) {
        check(name, &bytes);
    }

    #[test]
    fn structured_fragments_never_panic(bytes in structured(), name in prop::sample::select(NAMES.to_vec())) {
        check(name, &bytes);
    }
}
