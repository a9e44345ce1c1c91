"""The table layout of the records, shared by Parquet, CSV, DuckDB and Spark: column names,
types, and the conversion of a record to a row and back.

A table keeps every field of the record, with three differences, each for SQL:

- **Names need no quotes.** Fields named by SQL reserved words get plain names: offsets
  ``start``/``end`` are ``start_offset``/``end_offset``; the days of a value, time or
  baseline are ``start_date``/``end_date``; a change's ``from``/``to``/``by`` (fact ids) are
  ``from_id``/``to_id``/``by_id``; an entity's ``key`` is ``entity_key``.
- **Amounts are numbers too.** ``value.amount``, ``min`` and ``max`` stay the exact decimal
  strings of JSONL, and ``value.numeric``, ``numeric_min`` and ``numeric_max`` hold them as
  ``DECIMAL(38, 9)`` (29 digits before the point: a quadrillion dong has 16). ``numeric`` is
  the one to aggregate: the amount, or for a range the middle of its two ends (an open range,
  ``up to 5``, its one end); ``numeric_min``/``numeric_max`` are the range's ends, or the
  amount twice, so ``SUM(value.numeric_min)`` is a lower bound of a total.
- **The sentence is there.** ``sentence_start``/``sentence_end`` are the record's
  ``sentence`` offsets, and ``sentence_text`` its text, so a figure can be checked from the
  table alone.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation, localcontext
from functools import cache
from typing import Any

from newsfacts.model import decimal_str

# column name -> record field, where they differ
RECORD_FIELD = {
    "start_offset": "start",
    "end_offset": "end",
    "start_date": "start",
    "end_date": "end",
    "from_id": "from",
    "to_id": "to",
    "by_id": "by",
    "entity_key": "key",
}
SCALE = 9
_QUANTUM = Decimal(1).scaleb(-SCALE)
_INTEGER_DIGITS = 38 - SCALE


def _exact(text: str | None) -> Decimal | None:
    """The decimal of a record's amount string at the column's scale; None when there is
    none, or when it has more integer digits than the column holds."""
    if text is None:
        return None
    with localcontext() as ctx:
        ctx.prec = 38 + SCALE
        try:
            value = Decimal(text).quantize(_QUANTUM)
        except InvalidOperation:
            return None
    return value if value.adjusted() < _INTEGER_DIGITS else None


def _numeric(value: Mapping[str, Any]) -> Decimal | None:
    low, high = _exact(value.get("min")), _exact(value.get("max"))
    if value.get("amount") is not None:
        return _exact(value["amount"])
    if low is not None and high is not None:
        return _exact(str((low + high) / 2))
    return low if low is not None else high


def _bound(name: str) -> Callable[[Mapping[str, Any]], Decimal | None]:
    def bound(value: Mapping[str, Any]) -> Decimal | None:
        end = value.get(name)
        return _exact(end if end is not None else value.get("amount"))

    return bound


def _sentence(end: str) -> Callable[[Mapping[str, Any]], int | None]:
    def offset(record: Mapping[str, Any]) -> int | None:
        sentence = record.get("sentence")
        return None if sentence is None else int(sentence[end])

    return offset


# Columns computed from the record, not copied from one field of it.
DERIVED: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "numeric": _numeric,
    "numeric_min": _bound("min"),
    "numeric_max": _bound("max"),
    "sentence_start": _sentence("start"),
    "sentence_end": _sentence("end"),
}


@cache
def arrow_schemas() -> dict[str, Any]:
    """Arrow schemas: ``documents``, ``facts`` (DuckDB tables) and ``records`` (both kinds in
    one table, for Parquet and CSV). A test keeps them in step with ``newsfacts schema``."""
    import pyarrow as pa

    text, day, flag, real = pa.string(), pa.date32(), pa.bool_(), pa.float64()
    offset, exact = pa.int64(), pa.decimal128(38, SCALE)
    block = pa.struct(
        [
            ("i", pa.int32()),
            ("start_offset", offset),
            ("end_offset", offset),
            ("kind", text),
            ("lang", text),
            ("lang_score", real),
        ]
    )
    # One struct for the three kinds of value (number, period, entity): a row sets only the
    # fields of its kind, so every value column keeps one type.
    value = pa.struct(
        [
            ("amount", text),
            ("min", text),
            ("max", text),
            ("numeric", exact),
            ("numeric_min", exact),
            ("numeric_max", exact),
            ("unit", text),
            ("qualifier", text),
            ("start_date", day),
            ("end_date", day),
            ("grain", text),
            ("relative", flag),
            ("relation", text),
            ("duration", text),
            ("part_of_day", text),
            ("fiscal", flag),
            ("holiday", text),
            ("reference", text),
            ("unresolved", text),
            ("label", text),
            ("canonical", text),
            ("entity_key", text),
            ("aliases", pa.list_(text)),
        ]
    )
    time = pa.struct(
        [
            ("start_date", day),
            ("end_date", day),
            ("grain", text),
            ("text", text),
            ("how", text),
            ("recurring", flag),
            ("date", text),
            ("confidence", real),
        ]
    )
    baseline = pa.struct([("start_date", day), ("end_date", day), ("text", text)])
    change = pa.struct(
        [
            ("direction", text),
            ("from_id", text),
            ("to_id", text),
            ("by_id", text),
            ("baseline", baseline),
        ]
    )
    common = [("schema", text), ("doc_id", text), ("lang", text)]
    document = [
        ("lang_score", real),
        ("title", text),
        ("published", day),
        # A string, as in JSONL, not a timestamp: an Arrow (Parquet, DuckDB, Spark) timestamp
        # column is either zoned, one UTC instant per row with one zone for the whole column,
        # or naive; a column of publication times holds both kinds (a feed with +07:00, a
        # dump with no zone), and the offset each was given in is part of the fact (its day
        # is `published`). The ISO text keeps all of it; a query casts it where it needs the
        # instant: CAST(published_at AS TIMESTAMPTZ), to_timestamp in Spark.
        ("published_at", text),
        ("published_from", text),
        ("published_error", text),
        ("url", text),
        ("position", offset),
        ("text_sha1", text),
        ("blocks", pa.list_(block)),
        ("error", text),
    ]
    fact = [
        ("id", text),
        ("type", text),
        ("text", text),
        ("start_offset", offset),
        ("end_offset", offset),
        ("block", pa.int32()),
        ("sentence_start", offset),
        ("sentence_end", offset),
        ("sentence_text", text),
        ("value", value),
        ("time", time),
        ("subject", text),
        ("change", change),
        ("confidence", real),
        ("extractor", text),
    ]
    return {
        "documents": pa.schema(common + document),
        "facts": pa.schema(common + fact),
        "records": pa.schema([("record", text), *common, *document, *fact]),
    }


def to_arrow(records: list[dict[str, Any]], schema: Any) -> Any:
    """A pyarrow Table of records (see :func:`table_row`)."""
    import pyarrow as pa

    return pa.Table.from_pylist([table_row(record, schema) for record in records], schema=schema)


def table_row(record: Mapping[str, Any], fields: Any) -> dict[str, Any]:
    """The row of a record for ``fields`` (an Arrow schema or struct type): columns renamed
    and derived, ISO dates as dates; a field the record lacks is left out (null)."""
    import pyarrow as pa

    row: dict[str, Any] = {}
    for field in fields:
        derive = DERIVED.get(field.name)
        value = derive(record) if derive else record.get(RECORD_FIELD.get(field.name, field.name))
        if value is None:
            continue
        kind = field.type
        if pa.types.is_date32(kind):
            value = date.fromisoformat(value)
        elif pa.types.is_struct(kind):
            value = table_row(value, kind)
        elif pa.types.is_list(kind) and pa.types.is_struct(kind.value_type):
            value = [table_row(item, kind.value_type) for item in value]
        row[field.name] = value
    return row


def row_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """The record fields of a row (the inverse of :func:`table_row`): record names, ISO
    dates, the sentence offsets as ``sentence``, no derived columns or ``sentence_text``."""
    record: dict[str, Any] = {}
    for name, value in row.items():
        if name in DERIVED or name == "sentence_text":
            continue
        record[RECORD_FIELD.get(name, name)] = _plain(value)
    if "sentence_start" in row:
        start, end = row["sentence_start"], row["sentence_end"]
        record["sentence"] = None if start is None else {"start": start, "end": end}
    return record


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return row_record(value)
    if isinstance(value, list):
        return [_plain(inner) for inner in value]
    return value


@cache
def csv_columns() -> tuple[str, ...]:
    """The CSV header: the ``records`` columns with structs flattened to ``parent.child``."""
    import pyarrow as pa

    names: list[str] = []
    for field in arrow_schemas()["records"]:
        if pa.types.is_struct(field.type):
            names.extend(f"{field.name}.{child.name}" for child in field.type)
        else:
            names.append(field.name)
    return tuple(names)


def csv_row(record: Mapping[str, Any]) -> list[str]:
    """One CSV row, in :func:`csv_columns` order: the table row with nested structs under
    ``parent.child``, lists as JSON, null as ``""``."""
    row = table_row(record, arrow_schemas()["records"])
    flat: dict[str, str] = {}
    for key, value in row.items():
        if isinstance(value, dict):
            for child, inner in value.items():
                flat[f"{key}.{child}"] = _cell(inner)
        else:
            flat[key] = _cell(value)
    return [flat.get(name, "") for name in csv_columns()]


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return decimal_str(value) or ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(_plain(value), ensure_ascii=False)
    return str(value)
