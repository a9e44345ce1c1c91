"""Reading the development corpora (``../shared/corpora/*.jsonl``) for the benchmarks."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
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


def sha1(text: str) -> str:
    """The hash a stored set keeps of each paragraph (the scorers stop if the text changed)."""
    return hashlib.sha1(text.encode()).hexdigest()


def occurrence_at(text: str, needle: str, occurrence: int) -> int:
    """Where the ``occurrence``-th (from 0) ``needle`` starts in ``text``, as annotators name
    a span; stops the run when it is not there."""
    k = -1
    for _ in range(occurrence + 1):
        k = text.find(needle, k + 1)
        if k < 0:
            raise SystemExit(f"{needle!r} (occurrence {occurrence}) is not in: {text[:80]!r}")
    return k


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The rows of a JSONL file (a worksheet, a stored set)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def store_worksheets(
    langs: Iterable[str],
    stored: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]],
    items: str,
    argv: list[str],
) -> None:
    """``store.py WORKSHEETS OUT_DIR``: each language's annotated worksheet pair
    (``<lang>_todo.jsonl``, ``<lang>_gold.jsonl``) kept as ``OUT_DIR/<lang>.jsonl`` through
    ``stored`` (offsets and hashes, no text); ``items`` names what each gold line lists."""
    sheets, out = Path(argv[1]), Path(argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for lang in langs:
        todo, gold = (read_jsonl(sheets / f"{lang}_{kind}.jsonl") for kind in ("todo", "gold"))
        assert len(todo) == len(gold), lang
        with open(out / f"{lang}.jsonl", "w", encoding="utf-8") as fh:
            for t, g in zip(todo, gold, strict=True):
                fh.write(json.dumps(stored(t, g), ensure_ascii=False) + "\n")
        print(lang, len(gold), "paragraphs,", sum(len(g[items]) for g in gold), items)
