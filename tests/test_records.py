"""The record contract: ids, decimals, serialisation."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

import pytest

from newsfacts import extract
from newsfacts.model import Fact, Number, Period, TimeRef, decimal_str, fact_id


def test_fact_id_is_stable_across_versions() -> None:
    # A published id must never change: downstream systems join on it. The derivation is
    # documented (README), so it is spelled out here independently of the code.
    want = hashlib.sha1(b"doc-1\x1fmoney\x1f10\x1f25").hexdigest()[:16]
    assert fact_id("doc-1", "money", 10, 25) == want


def test_fact_id_depends_on_every_part() -> None:
    ids = {
        fact_id("a", "money", 1, 2),
        fact_id("b", "money", 1, 2),
        fact_id("a", "percent", 1, 2),
        fact_id("a", "money", 0, 2),
        fact_id("a", "money", 1, 3),
    }
    assert len(ids) == 5


@pytest.mark.parametrize(
    ("value", "want"),
    [
        (Decimal("1149000000000"), "1149000000000"),
        (Decimal("1.149E+12"), "1149000000000"),
        (Decimal("3.360"), "3.36"),
        (Decimal("12.0"), "12"),
        (Decimal("-2.50"), "-2.5"),
        (Decimal("0.00"), "0"),
        (None, None),
    ],
)
def test_decimal_str(value: Decimal | None, want: str | None) -> None:
    assert decimal_str(value) == want


def test_fact_record_shape() -> None:
    fact = Fact(
        doc_id="d",
        type="percent",
        text="12.2%",
        start=3,
        end=8,
        lang="ms",
        block=0,
        value=Number(amount=Decimal("12.2"), unit="%"),
        extractor="test",
        time=TimeRef(date(2021, 1, 1), date(2021, 12, 31), "year", "2021", "explicit"),
    )
    rec = fact.record()
    assert rec["id"] == fact_id("d", "percent", 3, 8)
    assert rec["value"] == {
        "amount": "12.2",
        "min": None,
        "max": None,
        "unit": "%",
        "qualifier": None,
    }
    assert rec["time"]["start"] == "2021-01-01" and rec["time"]["how"] == "explicit"


def test_results_are_frozen() -> None:
    period = Period(date(2025, 1, 1), date(2025, 12, 31), "year")
    with pytest.raises(AttributeError):
        period.grain = "month"  # type: ignore[misc]


def test_article_records_document_first_then_facts_in_text_order() -> None:
    article = extract("Inflasi 2.5% pada Januari, 3.1% pada Februari.", doc_id="x", lang="ms")
    recs = list(article.records())
    assert recs[0]["record"] == "document" and recs[0]["doc_id"] == "x"
    starts = [r["start"] for r in recs[1:]]
    assert starts == sorted(starts) and len(starts) >= 2


def test_same_input_gives_identical_records() -> None:
    text = "Harga minyak naik 4.5% minggu lalu.\n\nSumber: https://contoh.my/a"
    assert list(extract(text).records()) == list(extract(text).records())
