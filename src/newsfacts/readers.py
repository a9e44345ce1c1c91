"""Reads articles from files, folders, JSONL dumps and stdin as :class:`Source` records.

Readers never raise on a bad record: an unreadable file or a malformed line becomes a
``Source`` with ``error`` set, so it still yields a document record and nothing is lost.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .pipeline import Source

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")

# Field names: ours first, then those of common news dumps (news-please).
_TEXT_FIELDS = ("text", "maintext")
_PUBLISHED_FIELDS = ("published", "date_publish")


def read_articles(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
) -> Iterator[Source]:
    """Every article under the given paths, in a stable order; ``-`` reads JSONL or text from
    stdin. Folders are walked recursively in sorted order."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for path in paths:
        if str(path) == "-":
            yield from _read_stdin()
            continue
        p = Path(path)
        if p.is_dir():
            for child in sorted(c for c in p.rglob("*") if c.is_file()):
                if child.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES:
                    yield from _read_file(child)
        elif p.exists():
            yield from _read_file(p)
        else:
            raise FileNotFoundError(f"no such file or folder: {p}")


def _read_file(path: Path) -> Iterator[Source]:
    if path.suffix.lower() in JSONL_SUFFIXES:
        try:
            with path.open("rb") as fh:
                yield from _read_jsonl(fh, path.stem)
        except OSError as exc:
            yield Source("", doc_id=path.stem, error=f"unreadable file {path}: {exc.strerror}")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Source("", doc_id=path.stem, error=f"unreadable file {path}: {exc.strerror}")
        return
    yield Source(data, doc_id=path.stem)


def _read_stdin() -> Iterator[Source]:
    data = sys.stdin.buffer.read()
    if data.lstrip()[:1] == b"{":
        yield from _read_jsonl(data.splitlines(keepends=True), "stdin")
    else:
        yield Source(data, doc_id="stdin")


def _read_jsonl(lines: Iterable[bytes], name: str) -> Iterator[Source]:
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        line_id = f"{name}:{number}"
        try:
            row = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield Source("", doc_id=line_id, error=f"line {number} is not JSON: {exc}")
            continue
        if not isinstance(row, dict):
            yield Source("", doc_id=line_id, error=f"line {number} is not a JSON object")
            continue
        yield from_row(row, default_id=line_id)


def from_row(row: dict[str, Any], *, default_id: str) -> Source:
    """A Source from one JSON object of our input format or a news-please dump."""
    doc_id = str(row.get("id") or default_id)
    text = _first(row, _TEXT_FIELDS)
    if not isinstance(text, str) or not text.strip():
        return Source("", doc_id=doc_id, error="record has no text")
    published = _first(row, _PUBLISHED_FIELDS)
    return Source(
        text,
        doc_id=doc_id,
        published=str(published) if published else None,
        lang=_str_or_none(row.get("lang")),
        url=_str_or_none(row.get("url")),
        title=_str_or_none(row.get("title")),
    )


def _first(row: dict[str, Any], fields: tuple[str, ...]) -> Any:
    for field in fields:
        if row.get(field) not in (None, ""):
            return row[field]
    return None


def _str_or_none(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None
