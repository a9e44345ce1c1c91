"""Writers: JSONL, Parquet, CSV and DuckDB files hold exactly the records, typed."""

from __future__ import annotations

import csv
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsfacts.io.writers import (
    arrow_schemas,
    csv_columns,
    format_for,
    open_writer,
    write_articles,
)
from newsfacts.model import Article, Block, Change, Entity, Fact, Number, Period, TimeRef
from newsfacts.schema import record_schema

TEXT = "Bank Negara: kadar turun daripada 3.5% kepada 3%, peruntukan lebih RM2 bilion pada 2024."


def span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def fact(type_: str, part: str, value: Any, **extra: Any) -> Fact:
    start, end = span(part)
    return Fact(
        doc_id="d1",
        type=type_,  # type: ignore[arg-type]
        text=part,
        start=start,
        end=end,
        lang="ms",
        block=0,
        value=value,
        extractor="test/1",
        **extra,
    )


def articles() -> list[Article]:
    year = TimeRef(date(2024, 1, 1), date(2024, 12, 31), "year", "2024", "sentence")
    first = fact("percent", "3.5%", Number(amount=Decimal("3.5"), unit="%"))
    second = fact("percent", "3%", Number(amount=Decimal("3"), unit="%"))
    change = Change("down", first.id, second.id)
    facts = (
        fact("entity", "Bank Negara", Entity("ORG", "Bank Negara", "bank negara")),
        fact("percent", "3.5%", Number(amount=Decimal("3.5"), unit="%"), change=change),
        fact("percent", "3%", Number(amount=Decimal("3"), unit="%"), change=change),
        fact(
            "money",
            "lebih RM2 bilion",
            Number(amount=Decimal("2000000000"), unit="MYR", qualifier="more_than"),
            time=year,
            subject="peruntukan",
            confidence=0.9,
        ),
        fact("date", "2024", Period(date(2024, 1, 1), date(2024, 12, 31), "year")),
    )
    good = Article(
        doc_id="d1",
        text=TEXT,
        text_sha1="a" * 40,
        lang="ms",
        lang_score=0.98,
        title="Kadar turun",
        published=date(2024, 6, 30),
        url="https://akhbar.example/kadar",
        blocks=(Block(0, 0, len(TEXT), "paragraph", TEXT, "ms", 0.98),),
        facts=tuple(sorted(facts, key=lambda f: f.start)),
    )
    bad = Article(doc_id="broken", text="", text_sha1="b" * 40, error="line 3 is not JSON")
    return [good, bad]


def records() -> list[dict[str, Any]]:
    return [r for a in articles() for r in a.records()]


def test_jsonl_is_one_json_dumps_per_line(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    assert write_articles(articles(), path) == 7
    expected = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records())
    assert path.read_text(encoding="utf-8") == expected


def iso(value: Any) -> Any:
    """Arrow's Python values back to the JSONL form (dates as ISO strings)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [iso(v) for v in value]
    return value


def test_parquet_round_trips_with_typed_nested_columns(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    write_articles(articles(), path)
    table = pq.read_table(path)
    assert table.schema.field("published").type == pa.date32()
    assert table.schema.field("start").type == pa.int64()
    assert table.schema.field("value").type.field("start").type == pa.date32()
    assert table.schema.field("time").type.field("recurring").type == pa.bool_()
    rows = table.to_pylist()
    assert len(rows) == 7
    for row, record in zip(rows, records(), strict=True):
        # Every field of the record is there with its value; the other kind's are null.
        back = {k: iso(v) for k, v in row.items() if k in record}
        if isinstance(back.get("value"), dict):
            back["value"] = {k: v for k, v in back["value"].items() if k in record["value"]}
        assert back == record
        assert all(row[k] is None for k in row if k not in record)


def test_csv_is_flattened_with_a_fixed_header(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_articles(articles(), path)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == csv_columns()
    money = next(r for r in rows if r["type"] == "money")
    assert money["value.amount"] == "2000000000" and money["value.qualifier"] == "more_than"
    assert money["time.start"] == "2024-01-01" and money["time.recurring"] == "false"
    assert money["value.min"] == "" and money["title"] == ""
    document = rows[0]
    assert json.loads(document["blocks"])[0]["kind"] == "paragraph"
    assert rows[-1]["error"] == "line 3 is not JSON"


def test_duckdb_has_documents_and_facts_tables(tmp_path: Path) -> None:
    path = tmp_path / "out.duckdb"
    write_articles(articles(), path)
    with duckdb.connect(str(path), read_only=True) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone() == (2,)
        assert db.execute("SELECT count(*) FROM documents WHERE error IS NOT NULL").fetchone() == (
            1,
        )
        rows = db.execute(
            """
            SELECT d.title, f.text, CAST(f.value.amount AS DECIMAL(38, 2)), f.time.start
            FROM facts f JOIN documents d USING (doc_id)
            WHERE f.type = 'money' AND f.value.qualifier = 'more_than'
            """
        ).fetchall()
        assert rows == [
            ("Kadar turun", "lebih RM2 bilion", Decimal("2000000000"), date(2024, 1, 1))
        ]
        changes = "SELECT DISTINCT change.direction FROM facts WHERE change IS NOT NULL"
        assert db.execute(changes).fetchall() == [("down",)]
        assert db.execute(
            "SELECT blocks[1].kind FROM documents WHERE doc_id = 'd1'"
        ).fetchone() == ("paragraph",)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet", ".duckdb"])
def test_a_failed_write_leaves_no_file_and_keeps_the_old_one(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"out{suffix}"
    path.write_bytes(b"previous")
    with pytest.raises(RuntimeError), open_writer(path) as writer:
        for record in records()[:3]:
            writer.write(record)
        raise RuntimeError("stopped")
    assert path.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_unknown_suffix_is_refused() -> None:
    assert format_for("a/b.PARQUET") == "parquet"
    with pytest.raises(ValueError, match="unknown output format"):
        format_for("facts.xlsx")


def test_arrow_columns_follow_the_record_schema() -> None:
    """A field added to the record contract must be added to the Parquet/DuckDB schema."""
    defs = record_schema()["$defs"]
    schemas = arrow_schemas()

    def names(fields: Any) -> set[str]:
        return {f.name for f in fields}

    assert names(schemas["documents"]) == set(defs["document"]["properties"]) - {"record"}
    assert names(schemas["facts"]) == set(defs["fact"]["properties"]) - {"record"}
    facts = schemas["facts"]
    value_fields = set().union(*(defs[k]["properties"] for k in ("number", "period", "entity")))
    assert names(facts.field("value").type) == value_fields
    assert names(facts.field("time").type) == set(defs["time"]["properties"])
    assert names(facts.field("change").type) == set(defs["change"]["properties"])
    block = schemas["documents"].field("blocks").type.value_type
    assert names(block) == set(defs["block"]["properties"])
