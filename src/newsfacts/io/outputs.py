"""Reading an output back, whatever its format: the records' kinds, documents, languages,
errors and fact types (what ``newsfacts summary`` counts)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from newsfacts.io.writers import format_for


class NotAnOutput(ValueError):
    """A file that is not a newsfacts output (an input dump, another program's table)."""


# (record kind, doc_id, lang, error, fact type) of each record
OutputRow = tuple[str, str, str | None, str | None, str | None]


def output_rows(path: str) -> Iterator[OutputRow]:
    """The records of an output file of any format (JSONL, Parquet, CSV, DuckDB), as the
    fields a summary needs; :class:`NotAnOutput` for a file that is not one."""
    try:
        fmt = format_for(path)
    except ValueError as exc:
        raise NotAnOutput(f"{path} is not a newsfacts output: {exc}") from None
    try:
        if fmt == "duckdb":
            yield from _duckdb_rows(path)
            return
        if fmt == "parquet":
            import pyarrow.parquet as pq

            table = pq.read_table(path, columns=["record", "doc_id", "lang", "error", "type"])
            yield from zip(*(table.column(c).to_pylist() for c in table.column_names), strict=True)
            return
        with open(path, encoding="utf-8", newline="") as fh:
            if fmt == "csv":
                for row in csv.DictReader(fh):
                    yield (
                        row["record"],
                        row["doc_id"],
                        row["lang"] or None,
                        row["error"] or None,
                        (row["type"] or None),
                    )
                return
            for line in fh:
                r = json.loads(line)
                yield r["record"], r["doc_id"], r.get("lang"), r.get("error"), r.get("type")
    except (KeyError, UnicodeDecodeError, json.JSONDecodeError, ValueError) as exc:
        if isinstance(exc, NotAnOutput):
            raise
        raise NotAnOutput(
            f"{path} is not a newsfacts output ({type(exc).__name__}: {exc})"
        ) from None
    except OSError:
        raise  # no such file: said as it is
    except Exception as exc:  # pyarrow and duckdb raise their own kinds for a foreign file
        raise NotAnOutput(f"{path} is not a newsfacts output ({type(exc).__name__})") from None


def _duckdb_rows(path: str) -> Iterator[OutputRow]:
    import duckdb

    with duckdb.connect(path, read_only=True) as db:
        for doc_id, lang, error in db.execute(
            "SELECT doc_id, lang, error FROM documents"
        ).fetchall():
            yield "document", doc_id, lang, error, None
        for doc_id, type_ in db.execute("SELECT doc_id, type FROM facts").fetchall():
            yield "fact", doc_id, None, None, type_
