"""Reading the development corpora (``../shared/corpora/*.jsonl``) for the benchmarks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def rows(paths: list[str], limit: int) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, row) for the first ``limit`` rows of each file."""
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if n >= limit:
                    break
                yield n, json.loads(line)


def paragraphs(paths: list[str], limit: int) -> Iterator[tuple[str, str]]:
    """(lang label, paragraph) for the non-empty lines of the first ``limit`` rows per file."""
    for _, row in rows(paths, limit):
        for para in row["text"].split("\n"):
            if para.strip():
                yield row["lang"], para.strip()


def published(meta: dict[str, Any] | None) -> str | None:
    """A corpus row's publication date (``meta.date``: ``2023-01-04 21:48:00`` or
    ``20201001``) as ``YYYY-MM-DD``, or None."""
    d = str((meta or {}).get("date") or "")
    if len(d) >= 10 and d[4] == "-":
        return d[:10]
    if len(d) == 8 and d.isdigit():
        return f"{d[:4]}-{d[4:6]}-{d[6:]}"
    return None


def write_sample(path: Path, eligible: list[dict[str, Any]], size: int, offset: int = 0) -> None:
    """A held-out set's fixed rule: every ``len // size``-th eligible item, the first
    ``size``, written as a numbered JSONL worksheet (``offset``: from the ``offset``-th of
    each step, ``step // 2`` for a development set between the held-out items)."""
    step = max(1, len(eligible) // size)
    picked = [e for i, e in enumerate(eligible) if i % step == min(offset, step - 1)][:size]
    with open(path, "w", encoding="utf-8") as fh:
        for n, e in enumerate(picked):
            fh.write(json.dumps({"n": n, **e}, ensure_ascii=False) + "\n")
