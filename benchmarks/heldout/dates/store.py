"""Keeps annotated date worksheets as data the repository may hold: offsets, hashes and
values, no corpus text.

    python benchmarks/heldout/dates/store.py WORKSHEETS OUT_DIR

Reads ``WORKSHEETS/<lang>_todo.jsonl`` (from ``selection.py``) and ``<lang>_gold.jsonl`` (the
annotation, ``CONVENTIONS.md``), finds each expression's ``text`` at its ``occurrence`` and
writes ``OUT_DIR/<lang>.jsonl`` in the format ``benchmarks/dates_heldout.py`` scores (the
held-out set's README).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from selection import FILES

# the corpora helpers of benchmarks/ (run as a script, this folder is the one on the path)
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from corpus import occurrence_at, sha1, store_worksheets


def stored(todo: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    assert (todo["doc"], todo["para"]) == (gold["doc"], gold["para"]), (todo["n"], gold["n"])
    text = todo["text"]
    expect = []
    for g in gold["expect"]:
        start = occurrence_at(text, g["text"], g.get("occurrence", 0))
        expect.append({"start": start, "end": start + len(g["text"]), "value": g["value"]})
    return {
        "doc": todo["doc"],
        "para": todo["para"],
        "sha1": sha1(text),
        "published": todo["published"],
        "expect": sorted(expect, key=lambda e: e["start"]),
    }


def main() -> None:
    store_worksheets(FILES, stored, "expect", sys.argv)


if __name__ == "__main__":
    main()
