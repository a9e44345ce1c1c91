"""Keeps annotated dated-figure worksheets as data the repository may hold: offsets, hashes
and periods, no corpus text.

    python benchmarks/heldout/dated_figures/store.py WORKSHEETS OUT_DIR

Reads ``WORKSHEETS/<lang>_todo.jsonl`` (from ``selection.py``) and ``<lang>_gold.jsonl`` (the
annotation, ``CONVENTIONS.md``), finds each figure's ``text`` at its ``occurrence``, turns the
changes' figure texts into indexes, and writes ``OUT_DIR/<lang>.jsonl`` in the format that
``benchmarks/dated_figures_heldout.py`` scores (its README).
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
    figures, index = [], {}
    for g in gold["figures"]:
        start = occurrence_at(text, g["text"], g.get("occurrence", 0))
        index.setdefault(g["text"], len(figures))
        figures.append(
            {
                "start": start,
                "end": start + len(g["text"]),
                "type": g["type"],
                "role": g.get("role"),
                "period": g.get("period"),
            }
        )
    changes = [
        {
            **{k: None if c.get(k) is None else index[c[k]] for k in ("by", "to", "from")},
            "baseline": c.get("baseline"),
        }
        for c in gold.get("changes", [])
    ]
    return {
        "doc": todo["doc"],
        "para": todo["para"],
        "sha1": sha1(text),
        "context_sha1": sha1("\n".join(todo["context_before"])),
        "context": len(todo["context_before"]),
        "published": todo["published"],
        "figures": figures,
        "changes": changes,
    }


def main() -> None:
    store_worksheets(FILES, stored, "figures", sys.argv)


if __name__ == "__main__":
    main()
