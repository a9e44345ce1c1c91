"""The arbiter's rules, each alone, and the order they run in."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from newsfacts.arbiter import RULES, Rule, date_over_count, outside_web_addresses, settle
from newsfacts.model import Fact, Number, Period
from newsfacts.pipeline import Extractor


def _count(start: int, end: int) -> Fact:
    return Fact(
        doc_id="d", type="quantity", text="x" * (end - start), start=start, end=end, lang="ms",
        block=0, value=Number(amount=Decimal(2021)), extractor="test", confidence=0.6,
    )  # fmt: skip


def _date(start: int, end: int) -> Fact:
    period = Period(date(2021, 1, 1), date(2025, 12, 31), "year", False)
    return Fact(
        doc_id="d", type="date", text="x" * (end - start), start=start, end=end, lang="ms",
        block=0, value=period, extractor="test", confidence=0.9,
    )  # fmt: skip


TEXT = " " * 40


def test_nothing_inside_a_web_address_is_a_date() -> None:
    text = "Baca di bernama.com/bm/2024/berita-123.html, harga naik 5% pada 2024."
    inside, outside, count = _date(22, 26), _date(67, 71), _count(56, 58)
    web = [inside, outside, count]
    assert outside_web_addresses(web, text) == [outside, count]
    assert outside_web_addresses(web, text.replace("/", " ").replace(".com", " com")) == web


def test_date_over_count_drops_a_count_inside_a_date() -> None:
    year_range, inside, after = _date(10, 19), _count(10, 14), _count(25, 30)
    assert date_over_count([inside, year_range, after], TEXT) == [year_range, after]


def test_date_over_count_keeps_counts_that_only_touch_a_date() -> None:
    facts = [_count(0, 10), _date(10, 19), _count(19, 25)]
    assert date_over_count(facts, TEXT) == facts


def test_date_over_count_without_dates_keeps_everything() -> None:
    facts = [_count(0, 4), _count(5, 9)]
    assert date_over_count(facts, TEXT) == facts


def test_rules_run_in_their_order() -> None:
    seen: list[str] = []

    def noting(name: str) -> Rule:
        return Rule(name, lambda facts, text: seen.append(name) or list(facts[1:]))

    assert settle([_count(0, 1), _count(2, 3), _count(4, 5)], TEXT, [noting("a"), noting("b")]) == [
        _count(4, 5)
    ]
    assert seen == ["a", "b"]
    assert [rule.name for rule in RULES] == ["outside-web-addresses", "date-over-count"]


def test_the_pipeline_settles_through_the_arbiter() -> None:
    text = "Dalam tempoh 2021-2025, kerajaan membina 6,508 buah rumah."
    facts = Extractor().extract(text).facts
    assert [f.text for f in facts if f.type == "date"] == ["2021-2025"]
    assert not any(f.type == "quantity" and f.text.startswith("2021") for f in facts)
