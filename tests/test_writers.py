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

from newsfacts.io.tables import (
    DERIVED,
    RECORD_FIELD,
    arrow_schemas,
    csv_columns,
    row_record,
    table_row,
)
from newsfacts.io.writers import format_for, open_writer, write_articles
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
        sentence=(0, len(TEXT)),
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


def record_of(kind: str) -> dict[str, Any]:
    return next(r for r in records() if r["record"] == kind)


def test_jsonl_is_one_json_dumps_per_line(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    assert write_articles(articles(), path) == 7
    expected = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records())
    assert path.read_text(encoding="utf-8") == expected


def test_parquet_round_trips_with_typed_nested_columns(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    write_articles(articles(), path)
    table = pq.read_table(path)
    assert table.schema.field("published").type == pa.date32()
    assert table.schema.field("start_offset").type == pa.int64()
    assert table.schema.field("value").type.field("start_date").type == pa.date32()
    assert table.schema.field("value").type.field("numeric").type == pa.decimal128(38, 9)
    assert table.schema.field("time").type.field("recurring").type == pa.bool_()
    rows = table.to_pylist()
    assert len(rows) == 7
    for row, record in zip(rows, records(), strict=True):
        # Every field of the record is there with its value; the other kind's are null.
        back = {k: v for k, v in row_record(row).items() if k in record}
        if isinstance(back.get("value"), dict):
            back["value"] = {k: v for k, v in back["value"].items() if k in record["value"]}
        assert back == record
        assert all(v is None for k, v in row_record(row).items() if k not in record)


def test_csv_is_flattened_with_a_fixed_header(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_articles(articles(), path)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == csv_columns()
    money = next(r for r in rows if r["type"] == "money")
    assert money["value.amount"] == "2000000000" and money["value.qualifier"] == "more_than"
    assert money["time.start_date"] == "2024-01-01" and money["time.recurring"] == "false"
    assert money["value.numeric"] == "2000000000" and money["value.numeric_min"] == "2000000000"
    assert money["sentence_text"] == TEXT and money["sentence_start"] == "0"
    assert money["value.min"] == "" and money["title"] == ""
    document = rows[0]
    assert json.loads(document["blocks"])[0] == record_of("document")["blocks"][0]
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
            SELECT d.title, f.text, f.value.numeric, f.time.start_date, f.end_offset,
                   f.sentence_text
            FROM facts f JOIN documents d USING (doc_id)
            WHERE f.type = 'money' AND f.value.qualifier = 'more_than'
            """
        ).fetchall()
        assert rows == [
            (
                "Kadar turun",
                "lebih RM2 bilion",
                Decimal("2000000000"),
                date(2024, 1, 1),
                span("lebih RM2 bilion")[1],
                TEXT,
            )
        ]
        changes = "SELECT DISTINCT change.direction, change.from_id IS NOT NULL FROM facts "
        assert db.execute(changes + "WHERE change IS NOT NULL").fetchall() == [("down", True)]
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
        """The record fields a table's columns hold (sentence offsets as ``sentence``)."""
        found = {RECORD_FIELD.get(f.name, f.name) for f in fields if f.name not in DERIVED}
        if {"sentence_start", "sentence_end"} <= {f.name for f in fields}:
            found.add("sentence")
        return found - {"sentence_text"}

    assert names(schemas["documents"]) == set(defs["document"]["properties"]) - {"record"}
    assert names(schemas["facts"]) == set(defs["fact"]["properties"]) - {"record"}
    facts = schemas["facts"]
    value_fields = set().union(*(defs[k]["properties"] for k in ("number", "period", "entity")))
    assert names(facts.field("value").type) == value_fields
    assert names(facts.field("time").type) == set(defs["time"]["properties"])
    assert names(facts.field("change").type) == set(defs["change"]["properties"])
    block = schemas["documents"].field("blocks").type.value_type
    assert names(block) == set(defs["block"]["properties"])


def test_no_column_needs_quoting_in_sql() -> None:
    """No column is one of DuckDB's reserved words (``end``, ``from``, ``to``...)."""

    def all_names(fields: Any) -> set[str]:
        found = set()
        for f in fields:
            found.add(f.name)
            kind = f.type.value_type if pa.types.is_list(f.type) else f.type
            if pa.types.is_struct(kind):
                found |= all_names(kind)
        return found

    keywords = duckdb.sql("SELECT keyword_name, keyword_category FROM duckdb_keywords()")
    reserved = {name for name, category in keywords.fetchall() if category == "reserved"}
    assert {"end", "from", "to"} <= reserved
    assert not all_names(arrow_schemas()["records"]) & reserved


def test_numeric_columns_aggregate_exact_amounts_and_ranges(tmp_path: Path) -> None:
    """SUM works without a cast; a range counts as the middle of its ends; a quadrillion
    dong keeps every digit."""
    text = "Doanh thu 1.149.000 tỷ đồng, lỗ 2-3 tỷ đồng, tăng 0,5%."
    values = {
        "1.149.000 tỷ đồng": Number(amount=Decimal("1149000000000000"), unit="VND"),
        "2-3 tỷ đồng": Number(min=Decimal("2000000000"), max=Decimal("3000000000"), unit="VND"),
        "0,5%": Number(amount=Decimal("0.5"), unit="%"),
    }
    facts = []
    for part, value in values.items():
        start = text.index(part)
        kind = "percent" if value.unit == "%" else "money"
        facts.append(
            Fact("v", kind, part, start, start + len(part), "vi", 0, value, "test/1")  # type: ignore[arg-type]
        )
    article = Article("v", text, "c" * 40, facts=tuple(facts))
    path = tmp_path / "out.duckdb"
    write_articles([article], path)
    with duckdb.connect(str(path), read_only=True) as db:
        total = db.execute(
            "SELECT SUM(value.numeric), SUM(value.numeric_min), SUM(value.numeric_max) "
            "FROM facts WHERE type = 'money' AND value.unit = 'VND'"
        ).fetchone()
        column = db.execute(
            "SELECT data_type FROM information_schema.columns WHERE column_name = 'value'"
        ).fetchone()
    assert total == (
        Decimal("1149002500000000"),
        Decimal("1149002000000000"),
        Decimal("1149003000000000"),
    )
    assert column is not None and '"numeric" DECIMAL(38,9)' in column[0]


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        pytest.param("0.000000001", Decimal("0.000000001"), id="the-smallest-step"),
        pytest.param("0.0000000004", Decimal("0"), id="below-the-scale-rounds"),
        pytest.param("9" * 29, Decimal("9" * 29), id="the-largest-integer"),
        pytest.param("1" + "0" * 29, None, id="too-large-is-null-not-wrong"),
    ],
)
def test_numeric_column_limits(amount: str, expected: Decimal | None) -> None:
    row = table_row({"amount": amount}, arrow_schemas()["facts"].field("value").type)
    assert row.get("numeric") == expected
