#!/usr/bin/env python3
"""Build the example WARC files from the HTML pages in tools/warc-src/.

usage: make_warc.py [OUT_DIR]      (default: examples/warc next to this script)

Writes
  news-crawl-a.warc      warcinfo + request + 3 HTTP responses (uncompressed)
  news-crawl-b.warc.gz   warcinfo + 2 HTTP responses, each record its own gzip member

Standard library only. Output is deterministic: record ids are UUIDv5 of the
target URI and record type, dates come from the table below, gzip mtime is 0.
Content-Length is the exact byte length of each record block; WARC lines end in CRLF.
"""
import base64
import gzip
import hashlib
import os
import sys
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "warc-src")

# (output file, [(source page, target URI, capture time (UTC), HTTP Date header)])
CRAWLS = [
    ("news-crawl-a.warc", [
        ("pulse24-harwick-relief.html.in",
         "https://pulse24.net/news/2024/03/19/harwick-flood-relief-fund-announced",
         "2024-03-19T16:02:11Z", "Tue, 19 Mar 2024 16:02:11 GMT"),
        ("pulse24-valmora-deal.html.in",
         "https://pulse24.net/business/2024/03/23/valmora-dockers-back-at-work",
         "2024-03-23T10:41:57Z", "Sat, 23 Mar 2024 10:41:57 GMT"),
        ("continental-post-vienna-accord.html.in",
         "https://www.continentalpost.com/world/2024/05/06/veltria-dorsany-sign-interim-water-accord",
         "2024-05-06T15:12:40Z", "Mon, 06 May 2024 15:12:40 GMT"),
    ]),
    ("news-crawl-b.warc.gz", [
        ("eastgate-herald-kestrel-orbit.html.in",
         "https://www.eastgateherald.com/science/2024/02/28/kestrel-2-reaches-orbit",
         "2024-02-28T06:30:05Z", "Wed, 28 Feb 2024 06:30:05 GMT"),
        ("riverton-ledger-corvane-seized.html.in",
         "https://www.rivertonledger.com/business/2024/05/17/regulators-seize-corvane-mutual",
         "2024-05-17T23:05:48Z", "Fri, 17 May 2024 23:05:48 GMT"),
    ]),
]

SOFTWARE = "storyline examples make_warc.py"


def record_id(*parts):
    """A stable WARC-Record-ID for the given parts."""
    return "<urn:uuid:%s>" % uuid.uuid5(uuid.NAMESPACE_URL, "|".join(parts))


def sha1_digest(data):
    """WARC digest value: sha1 in base32."""
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def record(headers, block):
    """One WARC record: version line, headers, blank line, block, two CRLFs."""
    head = ["WARC/1.1"]
    head += ["%s: %s" % (k, v) for k, v in headers]
    head += ["Content-Length: %d" % len(block)]
    return ("\r\n".join(head) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n"


def warcinfo(filename, date):
    block = ("software: %s\r\nformat: WARC File Format 1.1\r\n"
             "description: storyline example crawl (invented pages)\r\n" % SOFTWARE).encode("utf-8")
    return record([
        ("WARC-Type", "warcinfo"),
        ("WARC-Date", date),
        ("WARC-Filename", filename),
        ("WARC-Record-ID", record_id(filename, "warcinfo")),
        ("Content-Type", "application/warc-fields"),
    ], block)


def host_and_path(uri):
    rest = uri.split("://", 1)[1]
    host, _, path = rest.partition("/")
    return host, "/" + path


def request(uri, date):
    host, path = host_and_path(uri)
    block = ("GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: storyline-example-crawler/1.0\r\n"
             "Accept: text/html\r\n\r\n" % (path, host)).encode("utf-8")
    return record([
        ("WARC-Type", "request"),
        ("WARC-Target-URI", uri),
        ("WARC-Date", date),
        ("WARC-Record-ID", record_id(uri, "request")),
        ("WARC-Concurrent-To", record_id(uri, "response")),
        ("Content-Type", "application/http; msgtype=request"),
        ("WARC-Block-Digest", sha1_digest(block)),
    ], block)


def response(uri, date, http_date, payload):
    http_head = ("HTTP/1.1 200 OK\r\nDate: %s\r\nServer: nginx\r\n"
                 "Content-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n"
                 "Connection: close\r\n\r\n" % (http_date, len(payload))).encode("ascii")
    block = http_head + payload
    return record([
        ("WARC-Type", "response"),
        ("WARC-Target-URI", uri),
        ("WARC-Date", date),
        ("WARC-Record-ID", record_id(uri, "response")),
        ("Content-Type", "application/http; msgtype=response"),
        ("WARC-Block-Digest", sha1_digest(block)),
        ("WARC-Payload-Digest", sha1_digest(payload)),
    ], block)


def build(filename, pages):
    """The records of one WARC file, in order."""
    records = [warcinfo(filename, pages[0][2])]
    for i, (src, uri, date, http_date) in enumerate(pages):
        with open(os.path.join(SRC, src), "rb") as fh:
            payload = fh.read()
        if i == 0:
            records.append(request(uri, date))
        records.append(response(uri, date, http_date, payload))
    return records


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "examples", "warc")
    os.makedirs(out_dir, exist_ok=True)
    for filename, pages in CRAWLS:
        records = build(filename, pages)
        if filename.endswith(".gz"):
            data = b"".join(gzip.compress(r, mtime=0) for r in records)
        else:
            data = b"".join(records)
        with open(os.path.join(out_dir, filename), "wb") as fh:
            fh.write(data)
        print("%s: %d records, %d bytes" % (filename, len(records), len(data)))


if __name__ == "__main__":
    main()
