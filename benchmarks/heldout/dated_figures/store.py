"""Keeps annotated dated-figure worksheets as data the repository may hold: offsets, hashes
and periods, no corpus text.

    python benchmarks/heldout/dated_figures/store.py WORKSHEETS OUT_DIR

Reads ``WORKSHEETS/<lang>_todo.jsonl`` (from ``selection.py``) and ``<lang>_gold.jsonl`` (the
annotation, ``CONVENTIONS.md``), finds each figure's ``text`` at its ``occurrence``, turns the
changes' figure texts into indexes, and writes ``OUT_DIR/<lang>.jsonl`` in the format that
``benchmarks/dated_figures_heldout.py`` scores (its README).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from selection import FILES


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def _at(text: str, needle: str, occurrence: int) -> int:
    k = -1
    for _ in range(occurrence + 1):
        k = text.find(needle, k + 1)
        if k < 0:
            raise SystemExit(f"{needle!r} (occurrence {occurrence}) is not in: {text[:80]!r}")
    return k


def stored(todo: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    assert (todo["doc"], todo["para"]) == (gold["doc"], gold["para"]), (todo["n"], gold["n"])
    text = todo["text"]
    figures, index = [], {}
    for g in gold["figures"]:
        start = _at(text, g["text"], g.get("occurrence", 0))
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
        "sha1": _sha1(text),
        "context_sha1": _sha1("\n".join(todo["context_before"])),
        "context": len(todo["context_before"]),
        "published": todo["published"],
        "figures": figures,
        "changes": changes,
    }


def _lines(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main() -> None:
    sheets, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for lang in FILES:
        todo, gold = (_lines(sheets / f"{lang}_{kind}.jsonl") for kind in ("todo", "gold"))
        assert len(todo) == len(gold), lang
        with open(out / f"{lang}.jsonl", "w", encoding="utf-8") as fh:
            for t, g in zip(todo, gold, strict=True):
                fh.write(json.dumps(stored(t, g), ensure_ascii=False) + "\n")
        print(lang, len(gold), "paragraphs,", sum(len(g["figures"]) for g in gold), "figures")


if __name__ == "__main__":
    main()
