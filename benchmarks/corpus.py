"""Reading the development corpora (``../shared/corpora/*.jsonl``) for the benchmarks."""

from __future__ import annotations

import json
from collections.abc import Iterator


def paragraphs(paths: list[str], limit: int) -> Iterator[tuple[str, str]]:
    """(lang label, paragraph) for the non-empty lines of the first ``limit`` rows per file."""
    for path in paths:
        with open(path, encoding="utf-8") as rows:
            for n, line in enumerate(rows):
                if n >= limit:
                    break
                row = json.loads(line)
                for para in row["text"].split("\n"):
                    if para.strip():
                        yield row["lang"], para.strip()
