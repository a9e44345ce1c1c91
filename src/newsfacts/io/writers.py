"""Writes ``newsfacts/1`` records to JSONL, Parquet, CSV or DuckDB, chosen by the file suffix.

- ``.jsonl`` / ``.ndjson``: one ``json.dumps(record, ensure_ascii=False)`` per line.
- ``.parquet``: one file holding both record kinds, told apart by the ``record`` column
  (document columns are null on fact rows and the other way round). Columns are typed: dates
  are ``date32``, offsets ``int64``, scores ``float64``, amounts exact decimals beside their
  strings, and ``value``, ``time``, ``change`` and ``blocks`` nested structs (lists of
  structs); names need no quoting in SQL (:mod:`newsfacts.io.tables` has the layout).
  ``published_at`` is the ISO 8601 moment of publication with its offset as given
  (``CAST(published_at AS TIMESTAMPTZ)`` for the instant).
- ``.csv``: the same one-table layout with nested fields flattened to ``value.amount``,
  ``time.start_date``, ...; ``blocks`` is a JSON string; null is the empty field.
- ``.duckdb``: a database file with two tables, ``documents`` and ``facts``, with the columns
  of the Parquet file (less ``record``) and the same types.

Every writer writes to a hidden temporary file next to the target and renames it into place
on :meth:`RecordWriter.close`, so an output file is never seen half-written; used as a
context manager, an exception removes the temporary file instead.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsfacts.io.tables import arrow_schemas, csv_columns, csv_row, to_arrow
from newsfacts.model import Article

FORMATS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".csv": "csv",
    ".duckdb": "duckdb",
}

# Rows buffered before a Parquet row group or a DuckDB insert.
_BATCH = 4096


def format_for(path: str | os.PathLike[str]) -> str:
    """The output format of a path, from its suffix; ValueError for an unknown one."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(FORMATS)
        raise ValueError(f"unknown output format {suffix or '(no suffix)'!r}; use one of {known}")
    return FORMATS[suffix]


def jsonl_line(record: dict[str, Any]) -> str:
    """The JSONL form of one record, newline included."""
    return json.dumps(record, ensure_ascii=False) + "\n"


class RecordWriter:
    """Base of the writers: temporary file, atomic rename on close, removal on abort."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = self.path.with_name(f".{self.path.name}.tmp-{os.getpid()}")
        self.records = 0

    def write(self, record: dict[str, Any]) -> None:
        self.records += 1
        self._write(record)

    def close(self) -> None:
        """Finish the file and move it into place."""
        self._finish()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        """Drop what was written; the target is left as it was."""
        try:
            self._finish()
        finally:
            for leftover in (self.tmp, self.tmp.with_name(self.tmp.name + ".wal")):
                leftover.unlink(missing_ok=True)

    def __enter__(self) -> RecordWriter:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    def _write(self, record: dict[str, Any]) -> None:
        raise NotImplementedError

    def _finish(self) -> None:
        raise NotImplementedError


class JsonlWriter(RecordWriter):
    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(path)
        self._fh = self.tmp.open("w", encoding="utf-8")

    def _write(self, record: dict[str, Any]) -> None:
        self._fh.write(jsonl_line(record))

    def _finish(self) -> None:
        self._fh.close()


class CsvWriter(RecordWriter):
    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(path)
        self._fh = self.tmp.open("w", encoding="utf-8", newline="")
        self._csv = csv.writer(self._fh)
        self._csv.writerow(csv_columns())

    def _write(self, record: dict[str, Any]) -> None:
        self._csv.writerow(csv_row(record))

    def _finish(self) -> None:
        self._fh.close()


class ParquetWriter(RecordWriter):
    def __init__(self, path: str | os.PathLike[str]) -> None:
        import pyarrow.parquet as pq

        super().__init__(path)
        self._schema = arrow_schemas()["records"]
        self._rows: list[dict[str, Any]] = []
        self._writer = pq.ParquetWriter(self.tmp, self._schema, compression="zstd")

    def _write(self, record: dict[str, Any]) -> None:
        self._rows.append(record)
        if len(self._rows) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_table(to_arrow(self._rows, self._schema))
            self._rows = []

    def _finish(self) -> None:
        try:
            self._flush()
        finally:
            self._writer.close()


class DuckDBWriter(RecordWriter):
    """Tables ``documents`` and ``facts``; each record goes to the table of its kind."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        import duckdb

        super().__init__(path)
        self.tmp.unlink(missing_ok=True)
        self._db = duckdb.connect(str(self.tmp))
        schemas = arrow_schemas()
        self._schemas = {"document": schemas["documents"], "fact": schemas["facts"]}
        self._rows: dict[str, list[dict[str, Any]]] = {"document": [], "fact": []}
        for kind, schema in self._schemas.items():
            self._insert(kind, schema.empty_table(), create=True)

    def _write(self, record: dict[str, Any]) -> None:
        rows = self._rows[record["record"]]
        rows.append(record)
        if len(rows) >= _BATCH:
            self._flush(record["record"])

    def _flush(self, kind: str) -> None:
        if self._rows[kind]:
            self._insert(kind, to_arrow(self._rows[kind], self._schemas[kind]))
            self._rows[kind] = []

    def _insert(self, kind: str, table: Any, *, create: bool = False) -> None:
        name = "documents" if kind == "document" else "facts"
        self._db.register("batch", table)
        try:
            if create:
                self._db.execute(f"CREATE TABLE {name} AS SELECT * FROM batch")
            else:
                self._db.execute(f"INSERT INTO {name} SELECT * FROM batch")
        finally:
            self._db.unregister("batch")

    def _finish(self) -> None:
        try:
            for kind in self._rows:
                self._flush(kind)
        finally:
            self._db.close()


_WRITERS: dict[str, type[RecordWriter]] = {
    "jsonl": JsonlWriter,
    "csv": CsvWriter,
    "parquet": ParquetWriter,
    "duckdb": DuckDBWriter,
}


def open_writer(path: str | os.PathLike[str], fmt: str | None = None) -> RecordWriter:
    """A writer for ``path`` in ``fmt`` (default: from the suffix, see :data:`FORMATS`)."""
    return _WRITERS[fmt or format_for(path)](path)


def write_records(records: Iterable[dict[str, Any]], path: str | os.PathLike[str]) -> int:
    """Write records to ``path`` (format from the suffix); returns how many."""
    with open_writer(path) as writer:
        for record in records:
            writer.write(record)
        return writer.records


def write_articles(articles: Iterable[Article], path: str | os.PathLike[str]) -> int:
    """Write the records of articles to ``path`` (format from the suffix); returns how many.
    Tables get each fact's sentence text too (``sentence_text``)."""
    tabular = format_for(path) != "jsonl"
    return write_records((r for a in articles for r in a.records(sentence_text=tabular)), path)
