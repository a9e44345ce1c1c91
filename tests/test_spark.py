"""newsfacts on a real local Spark session: the records equal those of a single-machine run.

One ``local[2]`` session serves the module, and each test runs as few Spark jobs as it can:
starting Python workers is the slow part on a small machine.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsfacts.io import spark as nspark
from newsfacts.io.readers import read_articles
from newsfacts.io.tables import arrow_schemas
from newsfacts.pipeline import Extractor, Source

# pyspark warns that it is not yet tested with pandas 3; mapInArrow does not use pandas.
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")

MS = (
    "Kerajaan negeri memperuntukkan RM2.5 bilion untuk projek perumahan mampu milik.\n\n"
    "Pada tahun 2024, kadar pengangguran turun kepada 3.4% berbanding 3.9% setahun sebelumnya."
)
VI = (
    "Tỉnh đã giải ngân hơn 1.200 tỷ đồng cho chương trình nhà ở xã hội.\n\n"
    "Tỷ lệ hộ nghèo năm 2023 giảm còn 2,15%, theo báo cáo ngày 15/3/2024."
)
EN = (
    "The council approved a budget of $12 million on 3 March 2025.\n\n"
    "Ticket sales rose by 8% in the first quarter, the club said."
)


def _sorted(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(records, key=lambda r: (r["doc_id"], r["record"] != "document", r.get("id")))


def _single_machine(sources: Iterator[Source] | list[Source]) -> list[dict[str, Any]]:
    extractor = Extractor()
    return _sorted([record for article in extractor.pipe(sources) for record in article.records()])


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("newsfacts-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_dataframe_records_equal_those_of_one_machine(spark: Any) -> None:
    # Column names of a dump that are not ours, an integer id, a date-typed column, a row
    # without an id (the text's hash names it) and a row without text (an error record).
    rows = [
        (1, MS, date(2025, 1, 10), "https://example.invalid/ms", "Perumahan"),
        (2, VI, date(2024, 3, 16), None, None),
        (None, EN, None, None, "Council budget"),
        (4, None, None, "https://example.invalid/empty", None),
    ]
    df = spark.createDataFrame(
        rows, "guid long, body string, day date, link string, headline string"
    )
    columns = {"id": "guid", "text": "body", "published": "day", "url": "link", "title": "headline"}

    facts = nspark.extract_facts(df, columns=columns)
    documents = nspark.extract_documents(df, columns=columns)
    assert facts.schema == nspark.fact_schema()
    assert documents.schema == nspark.document_schema()
    got = _sorted(
        [nspark.to_record(row, "fact") for row in facts.collect()]
        + [nspark.to_record(row, "document") for row in documents.collect()]
    )

    expected = _single_machine(
        [
            Source(MS, doc_id="1", published=date(2025, 1, 10), url=rows[0][3], title="Perumahan"),
            Source(VI, doc_id="2", published=date(2024, 3, 16)),
            Source(EN, title="Council budget"),
            Source("", doc_id="4", url=rows[3][3], error="record has no text"),
        ]
    )
    assert got == expected
    # The comparison is not vacuous: several kinds of fact, and the error record.
    assert {r["type"] for r in got if r["record"] == "fact"} >= {"money", "percent", "date"}
    assert [r["doc_id"] for r in got if r["record"] == "document" and r["error"]] == ["4"]


def test_published_in_any_format_string_or_timestamp(spark: Any) -> None:
    # Strings in any format, read as on one machine; an unreadable one reported.
    rows = [
        ("rss", MS, "Tue, 01 Dec 2026 10:00:00 +0800"),
        ("ms", MS, "20 Disember 2025"),
        ("bad", MS, "sometime soon"),
    ]
    df = spark.createDataFrame(rows, "id string, text string, published string")
    got = _sorted([nspark.to_record(r, "document") for r in nspark.extract_documents(df).collect()])
    single = _single_machine([Source(text, doc_id=i, published=p) for i, text, p in rows])
    assert got == [r for r in single if r["record"] == "document"]
    assert {r["doc_id"]: r["published_at"] for r in got}["rss"] == "2026-12-01T10:00:00+08:00"
    assert {r["doc_id"]: r["published_error"] for r in got}["bad"] is not None
    # A TimestampType column holds instants: their day and offset are those of the session
    # time zone. A TimestampNTZType one holds the wall-clock time, kept without a zone.
    previous = spark.conf.get("spark.sql.session.timeZone")
    spark.conf.set("spark.sql.session.timeZone", "Asia/Kuala_Lumpur")
    try:
        df = spark.createDataFrame([("ts", MS)], "id string, text string").selectExpr(
            "id",
            "text",
            "TIMESTAMP '2026-11-30 16:30:00 UTC' AS instant",
            "TIMESTAMP_NTZ '2026-12-01 00:30:00' AS wall",
        )
        for column, at in (
            ("instant", "2026-12-01T00:30:00+08:00"),
            ("wall", "2026-12-01T00:30:00"),
        ):
            (row,) = nspark.extract_documents(df, columns={"published": column}).collect()
            record = nspark.to_record(row, "document")
            assert (record["published"], record["published_at"]) == ("2026-12-01", at)
            assert record["published_from"] == "metadata"
    finally:
        spark.conf.set("spark.sql.session.timeZone", previous)


def test_spark_columns_are_the_table_layout() -> None:
    """The DataFrames have the columns of the Parquet/DuckDB tables, whose correspondence to
    the record contract tests/test_writers.py checks."""
    schemas = arrow_schemas()
    for spark_schema, kind in (
        (nspark.fact_schema(), "facts"),
        (nspark.document_schema(), "documents"),
    ):
        assert spark_schema.fieldNames() == schemas[kind].names
    value = nspark.fact_schema()["value"].dataType
    assert value.fieldNames() == [f.name for f in schemas["facts"].field("value").type]
    assert all(field.nullable for field in value.fields)
    assert value["numeric"].dataType.simpleString() == "decimal(38,9)"


def _warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (
        b"<html><head><title>Harga beras naik</title></head><body><article>"
        b"<h1>Harga beras naik</h1>"
        b"<p>Harga beras tempatan naik 12% di pasar borong sejak Januari 2025, kata kementerian "
        b"dalam kenyataan yang dikeluarkan pada hari Isnin.</p>"
        b"<p>Kerajaan akan menyalurkan subsidi bernilai RM300 juta kepada para petani padi di "
        b"seluruh negara mulai bulan depan.</p>"
        b"</article></body></html>"
    )
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, mime, body in (
            ("https://example.invalid/beras", "text/html; charset=utf-8", page),
            ("https://example.invalid/logo.png", "image/png", b"\x89PNG not an article"),
        ):
            headers = StatusAndHeaders("200 OK", [("Content-Type", mime)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


def test_reading_a_file_listing_on_the_executors(spark: Any, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    (archive / "sub").mkdir(parents=True)
    lines = [
        json.dumps({"id": "ms-1", "text": MS, "published": "2025-01-10"}),
        "{not json",
        json.dumps({"text": EN}),  # no id: named after its file and line
    ]
    (archive / "dump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with gzip.open(archive / "sub" / "more.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "vi-1", "text": VI}) + "\n")
    (archive / "sub" / "note.txt").write_bytes(EN.encode("utf-8"))
    _warc(archive / "crawl.warc.gz")

    out = tmp_path / "out"
    counts = nspark.run(spark, [str(archive)], str(out))

    import pyarrow.parquet as pq

    got = _sorted(
        [nspark.to_record(row, "document") for row in pq.read_table(out / "documents").to_pylist()]
        + [nspark.to_record(row, "fact") for row in pq.read_table(out / "facts").to_pylist()]
    )
    expected = _single_machine(read_articles(archive))
    assert got == expected
    documents = [r for r in got if r["record"] == "document"]
    assert {r["doc_id"] for r in documents} >= {"ms-1", "vi-1", "dump:2", "dump:3", "sub/note"}
    assert any(r["url"] == "https://example.invalid/beras" for r in documents)
    assert counts == {
        "documents": len(documents),
        "errors": sum(r["error"] is not None for r in documents),
        "facts": len(got) - len(documents),
    }


def test_one_extractor_per_worker_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow as pa

    built: list[Extractor] = []

    class Counting(Extractor):
        def __init__(self) -> None:
            super().__init__()
            built.append(self)

    monkeypatch.setattr(nspark, "Extractor", Counting)
    monkeypatch.setattr(nspark, "_EXTRACTOR", None)
    fields = {name: [None] for name in nspark.ARTICLE_FIELDS}
    batch = pa.RecordBatch.from_pydict({**fields, "text": [EN], "id": ["en"]})
    # Two tasks in the same Python worker, two batches each.
    for _ in range(2):
        out = list(nspark._extract_batches([batch, batch]))
        assert sum(b.num_rows for b in out) == 2
    assert len(built) == 1


def test_without_pyspark_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)
    with pytest.raises(ImportError, match=r"newsfacts\[spark\]"):
        nspark.fact_schema()


def test_the_module_is_an_entry_point() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "newsfacts.io.spark", "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "--output" in done.stdout
