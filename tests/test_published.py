"""Publication dates from metadata in any format: read, kept with their time and zone, and
reported on the document record when unreadable; through the readers, the JSON Schema and the
Parquet, CSV and DuckDB writers."""

from __future__ import annotations

import csv
import io
import json
import pickle
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.warcwriter import WARCWriter

from newsfacts.io.readers import read_articles
from newsfacts.io.writers import write_articles
from newsfacts.model import Article
from newsfacts.pipeline import Extractor
from newsfacts.schema import validate
from newsfacts.text.published import UnreadableDate, parse_date, read_published

TEXT = (
    "Kerajaan negeri memperuntukkan RM2.5 bilion untuk projek perumahan mampu milik.\n\n"
    "Pada tahun 2024, kadar pengangguran turun kepada 3.4% berbanding 3.9% setahun sebelumnya."
)
# The text's own dateline (a byline glued to its date), used when the metadata has none.
DATELINE = "Oleh Ahmad Zaki - 12 Mac 2025\n\n" + TEXT
PLUS7, PLUS8, MINUS5 = (timezone(timedelta(hours=h)) for h in (7, 8, -5))

# (value, published, published_at), by the shape of the value.
EXAMPLES: dict[str, list[tuple[Any, str, str | None]]] = {
    "iso": [
        ("2025-12-20", "2025-12-20", None),
        ("2025-12-20T10:30:00+07:00", "2025-12-20", "2025-12-20T10:30:00+07:00"),
        ("2025-12-20 10:30:00", "2025-12-20", "2025-12-20T10:30:00"),
        ("2025-12-20T10:30:00Z", "2025-12-20", "2025-12-20T10:30:00+00:00"),
        # the day in the zone given, never shifted to UTC (which would make it 21 December)
        ("2025-12-20T23:30:00-05:00", "2025-12-20", "2025-12-20T23:30:00-05:00"),
        (" 2025-12-20 ", "2025-12-20", None),
    ],
    "rss": [
        ("Tue, 01 Dec 2026 10:00:00 +0800", "2026-12-01", "2026-12-01T10:00:00+08:00"),
        ("Tue, 01 Dec 2026 00:30:00 +0800", "2026-12-01", "2026-12-01T00:30:00+08:00"),
        ("Sat, 20 Dec 2025 03:30:00 GMT", "2025-12-20", "2025-12-20T03:30:00+00:00"),
        ("21 Nov 2024 22:10 +0700", "2024-11-21", "2024-11-21T22:10:00+07:00"),
    ],
    "english": [
        ("Nov 21, 2024", "2024-11-21", None),
        ("21 Nov 2024", "2024-11-21", None),
        ("Thursday, November 21, 2024 10:00 AM EST", "2024-11-21", "2024-11-21T10:00:00-05:00"),
    ],
    "malay": [
        ("20 Disember 2025", "2025-12-20", None),
        ("20 Dis 2025", "2025-12-20", None),
        ("Sabtu, 20 Disember 2025 10:30 PM", "2025-12-20", "2025-12-20T22:30:00"),
        ("Khamis, 21 November 2024 08:00 MYT", "2024-11-21", "2024-11-21T08:00:00+08:00"),
    ],
    "vietnamese": [
        ("Thứ bảy, 20/12/2025 10:30 (GMT+7)", "2025-12-20", "2025-12-20T10:30:00+07:00"),
        ("Chủ nhật, 21/12/2025, 07:05 (GMT+7)", "2025-12-21", "2025-12-21T07:05:00+07:00"),
        ("ngày 20 tháng 12 năm 2025", "2025-12-20", None),
        ("20/12/2025 10h30", "2025-12-20", "2025-12-20T10:30:00"),
    ],
    "indonesian": [
        ("Senin, 21 Oktober 2019 08:00 WIB", "2019-10-21", "2019-10-21T08:00:00+07:00"),
        ("21 Oktober 2019", "2019-10-21", None),
        ("Rabu, 20 November 2024 | 14:30 WITA", "2024-11-20", "2024-11-20T14:30:00+08:00"),
    ],
    "day-first": [
        ("21/11/2024", "2024-11-21", None),
        ("03/04/2025", "2025-04-03", None),
        ("3.4.2025", "2025-04-03", None),
        ("03/04/2025 10:30", "2025-04-03", "2025-04-03T10:30:00"),
        ("12/31/2025", "2025-12-31", None),  # month first only where the day cannot be first
    ],
    "datetime-aware": [
        (datetime(2024, 11, 21, 23, 30, tzinfo=MINUS5), "2024-11-21", "2024-11-21T23:30:00-05:00"),
        (
            datetime(2025, 12, 20, 10, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
            "2025-12-20",
            "2025-12-20T10:30:00+07:00",
        ),
        (
            datetime(2026, 12, 1, 0, 30, tzinfo=timezone.utc),
            "2026-12-01",
            "2026-12-01T00:30:00+00:00",
        ),
    ],
    "datetime-naive": [
        (datetime(2019, 10, 21, 8, 0), "2019-10-21", "2019-10-21T08:00:00"),
        (datetime(2019, 10, 21), "2019-10-21", "2019-10-21T00:00:00"),  # a time, midnight
        (date(2025, 12, 20), "2025-12-20", None),
    ],
}
UNREADABLE = [
    "sometime soon",
    "yesterday",  # relative to nothing: not a publication date
    "Nov 2024",  # no day
    "21 Nov",  # no year
    "31/02/2025",
    "1700000000",  # a Unix time: which zone?
    "x" * 5000,
]
CASES = [
    pytest.param(value, day, at, id=f"{name}-{i}")
    for name, cases in EXAMPLES.items()
    for i, (value, day, at) in enumerate(cases)
]


@pytest.mark.parametrize(("value", "day", "at"), CASES)
def test_metadata_dates_in_any_format(value: Any, day: str, at: str | None) -> None:
    got = read_published(value)
    assert got is not None
    assert (got.day.isoformat(), got.at_iso()) == (day, at)
    assert type(got.day) is date
    if isinstance(value, str):
        assert parse_date(value) == got.day


@pytest.mark.parametrize("value", UNREADABLE, ids=lambda v: f"unreadable-{v[:12]}")
def test_unreadable_dates_raise_with_the_value_quoted(value: str) -> None:
    with pytest.raises(UnreadableDate, match=r"^unreadable publication date: '") as raised:
        read_published(value)
    assert len(str(raised.value)) < 120
    assert parse_date(value) is None


@pytest.mark.parametrize("value", [None, "", "   "])
def test_no_value_is_no_date(value: str | None) -> None:
    assert read_published(value) is None


def document(article: Article) -> dict[str, Any]:
    record = next(article.records())
    validate(record)
    return record


@pytest.mark.parametrize(("value", "day", "at"), CASES)
def test_extract_keeps_the_day_time_and_zone(
    extractor: Extractor, value: Any, day: str, at: str | None
) -> None:
    article = extractor.extract(TEXT, doc_id="d", lang="ms", published=value)
    record = document(article)
    assert record["published"] == day and record["published_at"] == at
    assert record["published_from"] == "metadata" and record["published_error"] is None
    assert type(article.published) is date
    assert pickle.loads(pickle.dumps(article)) == article  # as worker processes send it back
    # the figures are dated by the day: "setahun sebelumnya" and the facts without a year
    assert any(f.time is not None and f.time.how == "published" for f in article.facts)


def test_unreadable_date_is_reported_and_extraction_goes_on(extractor: Extractor) -> None:
    article = extractor.extract(TEXT, doc_id="d", lang="ms", published="sometime soon")
    record = document(article)
    assert record["published_error"] == "unreadable publication date: 'sometime soon'"
    assert record["published"] is record["published_at"] is record["published_from"] is None
    assert record["error"] is None
    assert {f.type for f in article.facts} >= {"money", "percent", "date"}


def test_dateline_is_the_fallback_and_says_so(extractor: Extractor) -> None:
    record = document(extractor.extract(DATELINE, doc_id="d", lang="ms"))
    assert record["published"] == "2025-03-12" and record["published_from"] == "dateline"
    assert record["published_at"] is None and record["published_error"] is None
    # an unreadable metadata date: the dateline is used, and the error still reported
    record = document(extractor.extract(DATELINE, doc_id="d", lang="ms", published="soon"))
    assert record["published"] == "2025-03-12" and record["published_from"] == "dateline"
    assert record["published_error"] == "unreadable publication date: 'soon'"
    # a metadata date wins over the dateline
    record = document(extractor.extract(DATELINE, doc_id="d", lang="ms", published="1 Jan 2025"))
    assert record["published"] == "2025-01-01" and record["published_from"] == "metadata"


def test_no_date_anywhere(extractor: Extractor) -> None:
    record = document(extractor.extract(TEXT, doc_id="d", lang="ms"))
    assert [record[k] for k in ("published", "published_at", "published_from")] == [None] * 3
    assert record["published_error"] is None


def test_records_without_the_new_fields_are_still_valid(extractor: Extractor) -> None:
    record = document(extractor.extract(TEXT, doc_id="d", lang="ms", published="2025-01-02"))
    for name in ("published_at", "published_from", "published_error"):
        del record[name]
    validate(record)  # a newsfacts/1 record written before these fields existed


def test_schema_rejects_a_malformed_published_at(extractor: Extractor) -> None:
    import jsonschema

    record = document(extractor.extract(TEXT, doc_id="d", lang="ms", published="2025-01-02"))
    for bad in ({"published_at": "Tue, 01 Dec 2026"}, {"published_from": "guess"}):
        with pytest.raises(jsonschema.ValidationError):
            validate({**record, **bad})


DATETIMES: list[tuple[str, Any]] = [
    ("aware", datetime(2024, 11, 21, 23, 30, tzinfo=MINUS5)),
    ("naive", datetime(2019, 10, 21, 8, 0)),
    ("date", date(2025, 12, 20)),
    ("rss", "Tue, 01 Dec 2026 00:30:00 +0800"),
    ("unreadable", "sometime soon"),
]


def _articles(extractor: Extractor) -> list[Article]:
    return [
        extractor.extract(TEXT, doc_id=name, lang="ms", published=value)
        for name, value in DATETIMES
    ]


def test_datetimes_through_parquet_and_duckdb(extractor: Extractor, tmp_path: Path) -> None:
    articles = _articles(extractor)
    expected = {a.doc_id: document(a) for a in articles}
    assert expected["aware"]["published_at"] == "2024-11-21T23:30:00-05:00"

    parquet = tmp_path / "out.parquet"
    write_articles(articles, parquet)
    table = pq.read_table(parquet)
    assert table.schema.field("published").type == pa.date32()
    assert table.schema.field("published_at").type == pa.string()
    rows = [r for r in table.to_pylist() if r["record"] == "document"]
    fields = ("published_at", "published_from", "published_error")
    for row in rows:
        want = expected[row["doc_id"]]
        assert (row["published"].isoformat() if row["published"] else None) == want["published"]
        assert {k: row[k] for k in fields} == {k: want[k] for k in fields}

    db = tmp_path / "out.duckdb"
    write_articles(articles, db)
    with duckdb.connect(str(db), read_only=True) as con:
        con.execute("SET TimeZone = 'UTC'")
        got = {
            doc_id: (day, at, origin, error, instant)
            for doc_id, day, at, origin, error, instant in con.execute(
                "SELECT doc_id, published, published_at, published_from, published_error, "
                "CAST(published_at AS TIMESTAMPTZ) FROM documents"
            ).fetchall()
        }
        assert con.execute(
            "SELECT count(*) FROM read_parquet(?) WHERE published_at IS NOT NULL", [str(parquet)]
        ).fetchone() == (3,)
    assert got["aware"][:4] == (date(2024, 11, 21), "2024-11-21T23:30:00-05:00", "metadata", None)
    # the instant, in UTC, is on the next day; the record's day is the one given
    assert got["aware"][4] == datetime(2024, 11, 22, 4, 30, tzinfo=timezone.utc)
    assert got["rss"][4] == datetime(2026, 11, 30, 16, 30, tzinfo=timezone.utc)
    assert got["date"][:3] == (date(2025, 12, 20), None, "metadata")
    assert got["unreadable"][:4] == (
        None,
        None,
        None,
        "unreadable publication date: 'sometime soon'",
    )


def test_datetimes_through_csv(extractor: Extractor, tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_articles(_articles(extractor), path)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = {r["doc_id"]: r for r in csv.DictReader(fh) if r["record"] == "document"}
    assert rows["aware"]["published"] == "2024-11-21"
    assert rows["aware"]["published_at"] == "2024-11-21T23:30:00-05:00"
    assert rows["naive"]["published_at"] == "2019-10-21T08:00:00"
    assert rows["date"]["published_at"] == "" and rows["date"]["published_from"] == "metadata"
    assert rows["unreadable"]["published_error"].startswith("unreadable publication date")


def _run(extractor: Extractor, path: Path) -> dict[str, dict[str, Any]]:
    return {a.doc_id: document(a) for a in extractor.pipe(read_articles(path))}


def test_jsonl_input_with_an_rss_date(extractor: Extractor, tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    rows = [
        {"id": "rss", "text": TEXT, "published": "Tue, 01 Dec 2026 10:00:00 +0800"},
        # news-please's field name and format
        {"id": "np", "maintext": TEXT, "date_publish": "2019-10-21 08:00:00"},
        {"id": "bad", "text": TEXT, "published": "sometime soon"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    got = _run(extractor, path)
    assert got["rss"]["published"] == "2026-12-01"
    assert got["rss"]["published_at"] == "2026-12-01T10:00:00+08:00"
    assert got["np"]["published_at"] == "2019-10-21T08:00:00"
    assert got["bad"]["published"] is None and got["bad"]["error"] is None
    assert got["bad"]["published_error"] == "unreadable publication date: 'sometime soon'"


def test_csv_input_with_malay_and_vietnamese_dates(extractor: Extractor, tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        table = csv.writer(fh)
        table.writerow(["id", "text", "published"])
        table.writerow(["ms", TEXT, "20 Disember 2025"])
        table.writerow(["vi", TEXT, "Thứ bảy, 20/12/2025 10:30 (GMT+7)"])
    got = _run(extractor, path)
    assert got["ms"]["published"] == got["vi"]["published"] == "2025-12-20"
    assert got["ms"]["published_at"] is None
    assert got["vi"]["published_at"] == "2025-12-20T10:30:00+07:00"


def test_warc_date_of_a_plain_text_record(extractor: Extractor, tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        record = writer.create_warc_record(
            "https://akhbar.example/berita/1",
            "resource",
            payload=io.BytesIO(TEXT.encode()),
            warc_content_type="text/plain",
            warc_headers_dict={"WARC-Date": "2024-03-09T10:15:00Z"},
        )
        writer.write_record(record)
    (got,) = _run(extractor, path).values()
    assert got["published"] == "2024-03-09"
    assert got["published_at"] == "2024-03-09T10:15:00+00:00"
