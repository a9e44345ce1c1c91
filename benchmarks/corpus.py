"""Reading the development corpora (``../shared/corpora/*.jsonl``) for the benchmarks."""

from __future__ import annotations

import json
from collections.abc import Iterator
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
