"""Reads articles from files, folders, JSONL/CSV dumps, WARC crawls and stdin.

Readers never raise on a bad record: an unreadable file, a corrupt gzip stream, a truncated
WARC, a malformed line or a row without text becomes a ``Source`` with ``error`` set, so it
still yields a document record and nothing is lost. Only a path that does not exist raises
(:class:`FileNotFoundError`): that is the user's mistake, not the data's.

HTML is turned into main text, title and publication date by trafilatura. That is the slow
part of reading, so :class:`ArticleReader` yields HTML pages as :class:`Html` items and
:func:`to_source` converts them; the parallel runner calls it inside its workers.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from newsfacts.io.html import Html, Item, to_source
from newsfacts.model import Source

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
CSV_SUFFIXES = (".csv", ".csv.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES + WARC_SUFFIXES

# Input fields, ours first, then those of common news dumps (news-please). ``columns`` passed
# to the reader replaces the candidates of a field with one column name.
FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "text": ("text", "maintext"),
    "html": ("html",),
    "published": ("published", "date_publish"),
    "url": ("url",),
    "title": ("title",),
    "lang": ("lang", "language"),
}

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# The most bytes one JSONL line or WARC record body may decompress to; past it, an error
# record, the rest skipped in pieces: a bomb costs time, never memory (CSV: csv's limit).
MAX_RECORD_BYTES = 64 * 2**20
_SKIP = 2**20  # bytes per piece when skipping an over-long line
# Errors of a damaged compressed stream or archive: the rest of that file is unreadable.
_STREAM_ERRORS = (OSError, EOFError, zlib.error, ValueError)


def read_articles(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    columns: Mapping[str, str] | None = None,
) -> Iterator[Source]:
    """Every article under the given paths, in a stable order; ``-`` reads JSONL or text from
    stdin. Folders are walked recursively in sorted order, keeping files with a known suffix
    (:data:`SUFFIXES`). ``columns`` maps our field names (:data:`FIELDS`) to the column or
    key names of CSV and JSONL inputs, e.g. ``{"text": "body", "id": "guid"}``."""
    return map(to_source, ArticleReader(paths, columns=columns))


def read_file(
    path: str | os.PathLike[str], stem: str, *, columns: Mapping[str, str] | None = None
) -> Iterator[Source]:
    """The articles of one input file, default ids made from ``stem`` (as
    :meth:`ArticleReader.inputs` names the file): a distributed job that reads a file listing
    one file at a time gets the ids a single run gives."""
    return map(to_source, ArticleReader([], columns=columns)._read_file(Path(path), stem))


class ArticleReader:
    """Iterates reader items (Sources and unconverted Html pages) and tracks its progress.

    ``total_bytes`` is the size of all input files (None when reading stdin) and
    ``bytes_read`` how far into them the reader is, so a progress bar can show an ETA.
    """

    def __init__(
        self,
        paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
        *,
        columns: Mapping[str, str] | None = None,
    ) -> None:
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        self.paths = [str(p) for p in paths]
        unknown = set(columns or ()) - set(FIELDS)
        if unknown:
            raise ValueError(f"unknown field(s) {sorted(unknown)}; known: {sorted(FIELDS)}")
        self.fields = {
            field: (columns[field],) if columns and field in columns else names
            for field, names in FIELDS.items()
        }
        self._done = 0
        self._current: IO[bytes] | None = None

    def skipped(self) -> dict[str, int]:
        """Files in the input folders of no known suffix (``.pdf``), counted by suffix."""
        counts: dict[str, int] = {}
        for p in (Path(path) for path in self.paths if path != "-"):
            for child in p.rglob("*") if p.is_dir() else ():
                if child.is_file() and _suffix(child) not in SUFFIXES:
                    key = child.suffix.lower() or "(no suffix)"
                    counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items()))

    def check_columns(self, columns: dict[str, str]) -> None:
        """ValueError when a column named for a field (``--column text=body``) is missing
        from the first row of the first JSONL or CSV input: one usage error up front."""
        first = next(
            (p for p, _ in self.inputs() if _suffix(p) in JSONL_SUFFIXES + CSV_SUFFIXES), None
        )
        if not columns or first is None:
            return
        opener = gzip.open if _suffix(first).endswith(".gz") else open
        with opener(first, "rt", encoding="utf-8", errors="replace", newline="") as fh:
            line = next((row for row in fh if row.strip()), "")
        try:
            row = json.loads(line) if _suffix(first) in JSONL_SUFFIXES else next(csv.reader([line]))
        except (json.JSONDecodeError, StopIteration):
            return  # a bad first line is that row's own error record
        names = set(row) if isinstance(row, (dict, list)) else set()
        missing = sorted(f"{f}={c}" for f, c in columns.items() if c not in names)
        if missing and names:
            have = ", ".join(sorted(names))
            raise ValueError(f"--column {', '.join(missing)}: not in {first.name} ({have})")

    def inputs(self) -> list[tuple[Path, str]]:
        """Every input file with its document-id stem, in reading order (``-`` excluded)."""
        found: list[tuple[Path, str]] = []
        for path in self.paths:
            if path == "-":
                continue
            p = Path(path)
            if p.is_dir():
                for child in sorted(c for c in p.rglob("*") if c.is_file()):
                    if _suffix(child) in SUFFIXES:
                        rel = child.relative_to(p).as_posix()
                        found.append((child, rel[: len(rel) - len(_suffix(child))]))
            elif p.exists():
                found.append((p, p.name[: len(p.name) - len(_suffix(p))] or p.name))
            else:
                raise FileNotFoundError(f"no such file or folder: {p}")
        return found

    @property
    def total_bytes(self) -> int | None:
        if "-" in self.paths:
            return None
        return sum(_size(path) for path, _ in self.inputs())

    @property
    def bytes_read(self) -> int:
        current = self._current
        if current is None or current.closed:
            return self._done
        try:
            return self._done + current.tell()
        except (OSError, ValueError):
            return self._done

    def __iter__(self) -> Iterator[Item]:
        for path in self.paths:
            if path == "-":
                yield from self._read_stdin()
                continue
            for file, stem in _lazy_inputs(path):
                yield from self._read_file(file, stem)

    def _read_file(self, path: Path, stem: str) -> Iterator[Item]:
        try:
            fh = path.open("rb")
        except OSError as exc:
            yield Source("", doc_id=stem, error=f"unreadable file {path}: {exc.strerror}")
            return
        self._current = fh
        try:
            yield from self._read_stream(fh, path, stem)
        finally:
            fh.close()
            self._current = None
            self._done += _size(path)

    def _read_stream(self, fh: IO[bytes], path: Path, stem: str) -> Iterator[Item]:
        suffix = _suffix(path)
        if suffix in WARC_SUFFIXES:
            yield from _read_warc(fh, stem)
            return
        if suffix in JSONL_SUFFIXES or suffix in CSV_SUFFIXES:
            stream: IO[bytes] | gzip.GzipFile = fh
            if suffix.endswith(".gz"):
                stream = gzip.GzipFile(fileobj=fh)
            if suffix in JSONL_SUFFIXES:
                yield from self._read_jsonl(stream, stem)
            else:
                yield from self._read_csv(stream, stem)
            return
        try:
            data = fh.read()
        except OSError as exc:
            yield Source("", doc_id=stem, error=f"unreadable file {path}: {exc.strerror}")
            return
        if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(data)):
            yield Html(data, doc_id=stem)
        else:
            yield Source(data, doc_id=stem)

    def _read_stdin(self) -> Iterator[Item]:
        data = sys.stdin.buffer.read()
        if data.lstrip()[:1] == b"{":
            yield from self._read_jsonl(io.BytesIO(data), "stdin")
        elif _looks_like_html(data):
            yield Html(data, doc_id="stdin")
        else:
            yield Source(data, doc_id="stdin")

    def _read_jsonl(self, stream: IO[bytes] | gzip.GzipFile, name: str) -> Iterator[Item]:
        number = 0
        try:
            for number, raw in enumerate(_bounded_lines(stream), start=1):
                line_id = f"{name}:{number}"
                if raw is None:
                    error = f"line {number} is longer than {MAX_RECORD_BYTES} bytes"
                    yield Source("", doc_id=line_id, error=error)
                    continue
                if not raw.strip():
                    continue
                try:
                    row = json.loads(raw)
                except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                    yield Source("", doc_id=line_id, error=f"line {number} is not JSON: {exc}")
                    continue
                if not isinstance(row, dict):
                    yield Source("", doc_id=line_id, error=f"line {number} is not a JSON object")
                    continue
                yield self.item(row, default_id=line_id)
        except _STREAM_ERRORS as exc:
            yield _broken(name, number + 1, exc)

    def _read_csv(self, stream: IO[bytes] | gzip.GzipFile, name: str) -> Iterator[Item]:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        number = 0
        # The csv module refuses fields over 128 KiB by default, and a long article is one
        # field: allow what a JSONL line may hold (the limit is process-wide).
        csv.field_size_limit(max(csv.field_size_limit(), MAX_RECORD_BYTES))
        try:
            reader = csv.DictReader(text)
            for number, row in enumerate(reader, start=1):
                yield self.item(row, default_id=f"{name}:{number}")
        except (*_STREAM_ERRORS, csv.Error) as exc:
            yield _broken(name, number + 1, exc)

    def item(self, row: Mapping[str, Any], *, default_id: str) -> Item:
        """A Source (or an Html page) from one JSON object or CSV row."""
        value = {field: _first(row, names) for field, names in self.fields.items()}
        doc_id = str(value["id"] or default_id)
        text, html = value["text"], value["html"]
        published, url, title, lang = (
            _str_or_none(value[name]) for name in ("published", "url", "title", "lang")
        )
        if isinstance(text, str) and text.strip():
            return Source(text, doc_id=doc_id, published=published, url=url, title=title, lang=lang)
        if isinstance(html, str) and html.strip():
            return Html(html, doc_id=doc_id, published=published, url=url, title=title, lang=lang)
        return Source("", doc_id=doc_id, url=url, error="record has no text")


def from_row(
    row: Mapping[str, Any], *, default_id: str, columns: Mapping[str, str] | None = None
) -> Source:
    """A Source from one JSON object of our input format or a news-please dump."""
    return to_source(ArticleReader([], columns=columns).item(row, default_id=default_id))


def _read_warc(fh: IO[bytes], name: str) -> Iterator[Item]:
    """HTML (and plain-text) responses of a WARC file; other records are not articles."""
    from warcio.archiveiterator import ArchiveIterator

    records = ArchiveIterator(fh)
    number = 0
    try:
        for number, record in enumerate(records, start=1):
            if record.rec_type not in ("response", "resource"):
                continue
            headers = record.rec_headers
            doc_id = headers.get_header("WARC-Record-ID") or f"{name}#{number}"
            url = headers.get_header("WARC-Target-URI")
            date = headers.get_header("WARC-Date")
            if record.http_headers is not None:
                mime = record.http_headers.get_header("Content-Type") or ""
            else:
                mime = headers.get_header("Content-Type") or ""
            mime = mime.split(";")[0].strip().lower()
            if mime not in (*_HTML_TYPES, "text/plain"):
                continue
            body = record.content_stream().read(MAX_RECORD_BYTES + 1)
            if len(body) > MAX_RECORD_BYTES:
                yield Source(
                    "",
                    doc_id=doc_id,
                    url=url,
                    error=f"WARC record body longer than {MAX_RECORD_BYTES} bytes",
                )
                continue
            missing = getattr(record.raw_stream, "limit", 0)
            if missing:  # the file ends inside this record
                yield Source(
                    "",
                    doc_id=doc_id,
                    url=url,
                    error=f"truncated WARC record: {missing} bytes short",
                )
                continue
            if mime == "text/plain":
                yield Source(body, doc_id=doc_id, url=url, published=date)
            else:
                yield Html(body, doc_id=doc_id, url=url, fallback_date=date)
    except Exception as exc:  # warcio raises its own and zlib/gzip errors on damaged files
        yield Source(
            "",
            doc_id=f"{name}#{number}",
            error=f"damaged WARC at record {number}: {_describe(exc)}",
        )
        return
    # warcio stops quietly at a record cut short: the bytes after the last record tell.
    size = os.fstat(fh.fileno()).st_size
    if records.offset < size:
        yield Source(
            "",
            doc_id=f"{name}#{number + 1}",
            error=f"truncated WARC: {size - records.offset} bytes after record {number}",
        )


def _bounded_lines(stream: IO[bytes] | gzip.GzipFile) -> Iterator[bytes | None]:
    """The lines of ``stream``, None for one longer than :data:`MAX_RECORD_BYTES`."""
    while line := stream.readline(MAX_RECORD_BYTES + 1):
        if len(line) <= MAX_RECORD_BYTES or line.endswith(b"\n"):
            yield line
            continue
        while (piece := stream.readline(_SKIP)) and not piece.endswith(b"\n"):
            pass
        yield None


def _lazy_inputs(path: str) -> Iterator[tuple[Path, str]]:
    # One path at a time, so a missing path fails when reached, as before.
    return iter(ArticleReader([path]).inputs())


def _broken(name: str, number: int, exc: BaseException) -> Source:
    return Source(
        "",
        doc_id=f"{name}:{number}",
        error=f"unreadable from record {number} on: {_describe(exc)}",
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _describe(exc: BaseException) -> str:
    # Archive errors quote the damaged bytes: keep the message short and printable.
    return f"{type(exc).__name__}: {str(exc)[:100].encode('ascii', 'replace').decode()}"


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def _looks_like_html(data: bytes) -> bool:
    head = data[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def _first(row: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        if row.get(name) not in (None, ""):
            return row[name]
    return None


def _str_or_none(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None
