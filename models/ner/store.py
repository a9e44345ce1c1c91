"""Keeps the corrected worksheets as data the repository may hold: ids, offsets, labels and
hashes, no corpus text.

Usage::

    python models/ner/store.py /work/ner_annot

Reads ``OUT/<lang>/batch_NN.done.jsonl`` (see ``ANNOTATION.md``), checks every span against
its sentence, and writes ``models/ner/data/<lang>.jsonl``: one line per sentence, ``{"n",
"split", "doc", "start", "end", "sha1", "entities": [[start, end, label], ...]}`` (entity
offsets relative to the sentence). ``train.py`` rebuilds the text from ``../shared/corpora``
and checks the hash.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).parent
LABELS = {"PER", "ORG", "LOC", "MISC"}
LANGS = ("ms", "vi", "id", "en")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("worksheets", type=Path)
    args = parser.parse_args()
    for folder in (args.worksheets / lang for lang in LANGS):
        rows = []
        for path in sorted(folder.glob("batch_*.done.jsonl")):
            for line in path.open(encoding="utf-8"):
                r = json.loads(line)
                assert r.get("checked") is True, (path, r["n"])
                assert hashlib.sha1(r["text"].encode()).hexdigest() == r["sha1"], (path, r["n"])
                for e in r["entities"]:
                    assert e["label"] in LABELS, (path, r["n"], e)
                    assert r["text"][e["start"] : e["end"]] == e["text"], (path, r["n"], e)
                spans = sorted((e["start"], e["end"], e["label"]) for e in r["entities"])
                for (_, e1, _), (s2, _, _) in pairwise(spans):
                    assert e1 <= s2, (path, r["n"], "overlapping spans")
                keep = ("n", "split", "doc", "start", "end", "sha1")
                rows.append({**{k: r[k] for k in keep}, "entities": [list(s) for s in spans]})
        rows.sort(key=lambda r: r["n"])
        out = HERE / "data" / f"{folder.name}.jsonl"
        with out.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(
            folder.name, len(rows), "sentences,", sum(len(r["entities"]) for r in rows), "entities"
        )


if __name__ == "__main__":
    main()
