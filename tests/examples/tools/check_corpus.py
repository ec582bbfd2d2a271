#!/usr/bin/env python3
"""Check that examples/ and tests/examples/TRUTH.tsv agree.

usage: check_corpus.py            (run from anywhere; standard library only)

Checks: every TRUTH source resolves to a file, record, feed item or WARC record;
every input file under examples/ is listed; good JSONL lines parse; good feeds are
well-formed XML; WARC records have exact lengths and CRLF framing; each event has one
date and one story; duplicate_of points to an article of the same event; dates are
valid TIMEX3 day values. Prints a summary and exits 1 on any problem.
"""
import csv
import datetime
import functools
import gzip
import json
import os
import re
import sys
import xml.dom.minidom

META = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.join(os.path.dirname(os.path.dirname(META)), "examples")
NOT_INPUTS = {"README.md", "TRUTH.tsv", ".gitattributes"}
problems = []


def problem(msg):
    problems.append(msg)


def jsonl_ids(path):
    """Record id -> line number; unparsable lines are listed under None."""
    ids = {}
    with open(path, encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            try:
                ids[json.loads(line)["id"]] = n
            except (ValueError, KeyError):
                ids.setdefault(None, []).append(n)
    return ids


def feed_ids(path):
    """RSS guids and Atom entry ids of a feed."""
    doc = xml.dom.minidom.parse(path)
    ids = [g.firstChild.data.strip() for g in doc.getElementsByTagName("guid")]
    for entry in doc.getElementsByTagName("entry"):
        ids += [i.firstChild.data.strip() for i in entry.getElementsByTagName("id")]
    return ids


@functools.lru_cache(maxsize=None)
def warc_records(path):
    """Target URIs of the response records, checking the framing of every record."""
    with open(path, "rb") as fh:
        data = fh.read()
    if path.endswith(".gz"):
        data = gzip.decompress(data)
    pos, uris = 0, []
    while pos < len(data):
        end = data.index(b"\r\n\r\n", pos)
        lines = data[pos:end].decode("utf-8").split("\r\n")
        if lines[0] != "WARC/1.1":
            problem("%s: bad version line at byte %d" % (path, pos))
            return tuple(uris)
        head = dict(line.split(": ", 1) for line in lines[1:])
        n = int(head["Content-Length"])
        if data[end + 4 + n:end + 8 + n] != b"\r\n\r\n":
            problem("%s: record at byte %d: Content-Length does not match" % (path, pos))
            return tuple(uris)
        if head["WARC-Type"] == "response":
            uris.append(head["WARC-Target-URI"])
        pos = end + 8 + n
    return tuple(uris)


def resolve(source):
    """True when the TRUTH source names something that exists."""
    path, sep, key = source.partition("#")
    line = None
    if not sep and re.search(r":\d+$", source):
        path, line = source.rsplit(":", 1)
    full = os.path.join(ROOT, path)
    if not os.path.isfile(full):
        return False
    if line is not None:
        with open(full, "rb") as fh:
            return int(line) <= len(fh.read().splitlines())
    if not sep:
        return True
    if path.endswith(".jsonl"):
        return key in jsonl_ids(full)
    if path.endswith((".warc", ".warc.gz")):
        return key in warc_records(full)
    return key in feed_ids(full)


def main():
    with open(os.path.join(META, "TRUTH.tsv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    listed = set()
    events = {}
    by_source = {r["source"]: r for r in rows}
    if len(by_source) != len(rows):
        problem("a source is listed twice")
    for r in rows:
        src = r["source"]
        listed.add(re.sub(r"(#.*|:\d+)$", "", src))
        if not resolve(src):
            problem("unresolved source: " + src)
        for col in ("event_date", "published"):
            if r[col]:
                try:
                    datetime.date.fromisoformat(r[col])
                except ValueError:
                    problem("%s: bad %s %r" % (src, col, r[col]))
        if r["story"] == "-":
            if not r["notes"].startswith("rejected: "):
                problem(src + ": rejected input without 'rejected: reason'")
            continue
        key = r["event"]
        prev = events.setdefault(key, (r["story"], r["event_date"]))
        if prev != (r["story"], r["event_date"]):
            problem("event %s has two stories or dates" % key)
        dup = r["duplicate_of"]
        if dup and (dup not in by_source or by_source[dup]["event"] != key):
            problem(src + ": duplicate_of must name an article of the same event")
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = [d for d in dirnames if d != "tools"]
        for name in filenames:
            rel = os.path.relpath(os.path.join(dirpath, name), ROOT)
            if rel not in NOT_INPUTS and rel not in listed:
                problem("input not in TRUTH.tsv: " + rel)
    for name in sorted(os.listdir(os.path.join(ROOT, "feeds"))):
        xml.dom.minidom.parse(os.path.join(ROOT, "feeds", name))
    for name in sorted(os.listdir(os.path.join(ROOT, "jsonl"))):
        if None in jsonl_ids(os.path.join(ROOT, "jsonl", name)):
            problem("jsonl/%s: a line does not parse" % name)
    articles = [r for r in rows if r["story"] != "-"]
    stories = {}
    for r in articles:
        stories.setdefault(r["story"], set()).add(r["event"])
    print("articles %d (duplicates %d, undated %d), rejected %d, stories %d, events %d" % (
        len(articles), sum(1 for r in articles if r["duplicate_of"]),
        sum(1 for r in articles if not r["published"]), len(rows) - len(articles),
        len(stories), len(events)))
    for story, evs in sorted(stories.items()):
        print("  %s: %s" % (story, ", ".join("%s %s" % (events[e][1], e) for e in sorted(evs, key=lambda e: events[e][1]))))
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
