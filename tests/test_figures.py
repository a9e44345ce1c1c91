"""The figure scanner and the number engine, case by case, plus robustness properties.

The spec files (tests/specs/<lang>/{money,percent,quantity}.jsonl) cover whole sentences;
these tests pin the engine's rules one by one, each set named by what it catches.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.figures.scanner import FigureScanner
from newsfacts.model import Block, Context, Number
from newsfacts.numbers import is_ambiguous, parse_digits, parse_words


@pytest.fixture(scope="module")
def scanner() -> FigureScanner:
    return FigureScanner()


def figures(scanner: FigureScanner, text: str, lang: str | None) -> list[tuple[str, str, Number]]:
    return [(kind, text[s:e], value) for kind, s, e, value, _ in scanner.figures(text, lang)]


# -- digit strings: which mark is the decimal ---------------------------------------------------

SEPARATOR_RULES = [
    # (digits, decimal mark of the context, value)
    ("12.500.000", ".", "12500000"),  # one mark several times: always thousands
    ("12.500.000", ",", "12500000"),
    ("1,000,000", ".", "1000000"),
    ("3,36", ".", "3.36"),  # not three digits after the mark: always decimal
    ("12.2", ",", "12.2"),
    ("1,5", ".", "1.5"),
    ("0.500", ",", "0.500"),  # a leading zero cannot group thousands
    ("1.234,5", ".", "1234.5"),  # both marks: the last is the decimal
    ("1,234.5", ",", "1234.5"),
    ("1.149", ".", "1.149"),  # ambiguous: the context decides
    ("1.149", ",", "1149"),
    ("2,025", ".", "2025"),
    ("2,025", ",", "2.025"),
]


@pytest.mark.parametrize(("digits", "mark", "value"), SEPARATOR_RULES)
def test_separator_rules(digits: str, mark: str, value: str) -> None:
    assert parse_digits(digits, mark) == Decimal(value)


@pytest.mark.parametrize("digits", ["1.2.3", "12.34.56", "1,23,456", "1.234,567,8"])
def test_malformed_groups_are_not_numbers(digits: str) -> None:
    assert parse_digits(digits, ".") is None


@pytest.mark.parametrize(
    ("digits", "ambiguous"),
    [("1.149", True), ("2,025", True), ("1.1490", False), ("12.500.000", False), ("0,500", False)],
)
def test_only_one_mark_before_three_digits_is_ambiguous(digits: str, ambiguous: bool) -> None:
    assert is_ambiguous(digits) is ambiguous


# -- number words ------------------------------------------------------------------------------

WORD_NUMBERS = [
    ("lima belas", "15", 2),
    ("sepuluh juta empat ratus ribu", "10400000", 5),
    ("dua ratus lima puluh", "250", 4),
    ("satu setengah juta", "1500000", 3),
    ("mười lăm", "15", 2),
    ("mười triệu rưỡi", "10500000", 3),
    ("hai mươi mốt", "21", 3),
    ("một trăm linh năm", "105", 4),
    ("hai nghìn tỷ", "2000000000000", 3),
    ("twenty one", "21", 2),
    ("two hundred and fifty", "250", 4),
    ("hai năm", "2", 1),  # năm after a unit is "year", not five
    ("hai mươi năm", "20", 2),  # 25 is hai mươi lăm: this is twenty years
    ("one hundred and", "100", 2),  # a trailing filler is not part of the number
]


@pytest.mark.parametrize(("words", "value", "used"), WORD_NUMBERS)
def test_number_words(words: str, value: str, used: int) -> None:
    parsed = parse_words(words.split())
    assert parsed is not None
    assert (parsed.value, parsed.used) == (Decimal(value), used)


def test_words_that_are_not_numbers() -> None:
    assert parse_words(["juta"]) is None
    assert parse_words(["rumah", "lima"]) is None


# -- how 1.149 is read in context --------------------------------------------------------------

CONTEXT_READINGS = [
    # the language of the attached scale word decides, whatever the block's language
    ("lebih 1.149 trilion VND", "ms", "1149000000000", "VND"),
    ("1.149 tỷ đồng", "ms", "1149000000000", "VND"),
    ("1.149 tỷ đồng", "vi", "1149000000000", "VND"),
    ("1,149 billion VND", "en", "1149000000000", "VND"),
    # a currency without minor units and no scale word: thousands
    ("25.000 VND", "ms", "25000", "VND"),
    ("Rp12.500", "en", "12500", "IDR"),
    # otherwise the block's language
    ("RM1.149", "ms", "1.149", "MYR"),
    ("$2,025", "en", "2025", "USD"),
    ("€2.500", "vi", "2500", "EUR"),
]


@pytest.mark.parametrize(("text", "lang", "amount", "unit"), CONTEXT_READINGS)
def test_ambiguous_marks_read_from_context(
    scanner: FigureScanner, text: str, lang: str, amount: str, unit: str
) -> None:
    [(kind, _, value)] = figures(scanner, text, lang)
    assert (kind, value.amount, value.unit) == ("money", Decimal(amount), unit)


# -- abbreviations and compounds ---------------------------------------------------------------

ABBREVIATIONS = [
    ("RM2.3 bil", "ms", "2300000000", "MYR"),
    ("$54K", "en", "54000", "USD"),
    ("US$1.2bn", "en", "1200000000", "USD"),
    ("5,5 triệu đồng", "vi", "5500000", "VND"),
    ("2 tỷ 500 triệu đồng", "vi", "2500000000", "VND"),
    ("RM120juta", "ms", "120000000", "MYR"),
]


@pytest.mark.parametrize(("text", "lang", "amount", "unit"), ABBREVIATIONS)
def test_abbreviations_and_compounds(
    scanner: FigureScanner, text: str, lang: str, amount: str, unit: str
) -> None:
    [(_, span, value)] = figures(scanner, text, lang)
    assert (span, value.amount, value.unit) == (text, Decimal(amount), unit)


def test_tr_with_trailing_digit_is_a_fraction_of_a_million(scanner: FigureScanner) -> None:
    [(_, span, value)] = figures(scanner, "giá 1tr5, rẻ", "vi")
    assert (span, value.amount) == ("1tr5", Decimal(1500000))


def test_money_letters_need_a_currency(scanner: FigureScanner) -> None:
    assert figures(scanner, "The track is 5m long.", "en") == []


# -- not figures -------------------------------------------------------------------------------

NOT_FIGURES = [
    ("decree", "Dekri No. 28/2022/ND-CP", "ms"),
    ("vi-decree", "Nghị định 28/2022/NĐ-CP", "vi"),
    ("act", "di bawah Akta 588", "ms"),
    ("url", "Sumber: https://nongnghiepmoitruong.vn/ky-tich-lang-son-d790402.html", "ms"),
    ("email", "tulis ke berita2024@contoh.my", "ms"),
    ("date", "pada 20/12/2025", "ms"),
    ("iso-date", "on 2025-12-20", "en"),
    ("day-month", "Pada 20 Disember", "ms"),
    ("month-day", "on December 20", "en"),
    ("year", "pada tahun 2021", "ms"),
    ("bare-year", "the 2022 election", "en"),
    ("year-span", "Dalam tempoh 2021-2025", "ms"),
    ("vi-year", "năm 2024", "vi"),
    ("time", "at 10:30", "en"),
    ("vi-time", "lúc 14h30", "vi"),
    ("time-word", "jam 8.30 pagi", "ms"),
    ("phone", "Hubungi 03-2691 1234", "ms"),
    ("intl-phone", "Call +44 20 7946 0958", "en"),
    ("mobile", "gọi 0912345678", "vi"),
    ("score", "menang 2-1", "ms"),
    ("version", "version 2.4.1", "en"),
    ("furniture", "Komen (0)", "ms"),
    ("code", "COVID-19", "en"),
    ("flight", "MH370", "en"),
    ("ordinal", "3rd place", "en"),
    ("hashtag", "#1 hit", "en"),
    ("lone-word", "one of them", "en"),
]


@pytest.mark.parametrize(
    ("text", "lang"),
    [(t, lang) for _, t, lang in NOT_FIGURES],
    ids=[name for name, _, _ in NOT_FIGURES],
)
def test_not_figures(scanner: FigureScanner, text: str, lang: str) -> None:
    assert figures(scanner, text, lang) == []


# -- qualifiers, ranges and vague amounts ------------------------------------------------------


def test_qualifier_is_part_of_the_span(scanner: FigureScanner) -> None:
    [(_, span, value)] = figures(scanner, "memperuntukkan lebih 300 juta VND.", "ms")
    assert (span, value.qualifier) == ("lebih 300 juta VND", "more_than")


def test_range_shares_currency_and_scale(scanner: FigureScanner) -> None:
    [(kind, span, value)] = figures(scanner, "bantuan RM1-2 juta", "ms")
    assert (kind, span, value.min, value.max, value.unit) == (
        "money",
        "RM1-2 juta",
        Decimal(1000000),
        Decimal(2000000),
        "MYR",
    )


def test_change_is_two_figures_not_a_range(scanner: FigureScanner) -> None:
    found = figures(scanner, "rose from 5% to 6%", "en")
    assert [v.amount for _, _, v in found] == [Decimal(5), Decimal(6)]


def test_vague_amount_is_a_decade(scanner: FigureScanner) -> None:
    [(_, span, value)] = figures(scanner, "puluhan ribu isi rumah miskin", "ms")
    assert (span, value.min, value.max, value.unit) == (
        "puluhan ribu isi rumah",
        Decimal(10000),
        Decimal(99999),
        "isi rumah",
    )


def test_counted_noun_skips_classifier(scanner: FigureScanner) -> None:
    [(_, span, value)] = figures(scanner, "menyiapkan 6,508 buah rumah (termasuk", "ms")
    assert (span, value.amount, value.unit) == ("6,508 buah rumah", Decimal(6508), "rumah")


# -- robustness --------------------------------------------------------------------------------

PATHOLOGICAL = {
    "100k-digits": "7" * 100_000,
    "one-comma-megabyte": "1," * 500_000,
    "one-dot-megabyte": "1." * 500_000,
    "megabyte-no-space": ("RM1.2juta%abc" * 80_000)[:1_000_000],
    "number-words": "hai mươi " * 50_000,
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_input_is_scanned(scanner: FigureScanner, name: str) -> None:
    text = PATHOLOGICAL[name]
    for _, start, end, _, _ in scanner.figures(text, "vi"):
        assert 0 <= start < end <= len(text)
    assert figures(scanner, "7" * 100_000, None) == []


ALPHABET = st.sampled_from(
    [
        *"0123456789 .,-–%$/:()RMpđĐtrệuỷlebihjuawn\n",
        "juta",
        "tỷ",
        "triệu",
        "lebih ",
        "hơn ",
        "between ",
        " and ",
        "RM",
        "US$",
        "VND",
        "đồng",
        "peratus",
        "phần trăm",
        "mươi",
        "belas",
        "puluhan",
        "hàng nghìn",
        "tens of",
        "orang",
        "buah",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(ALPHABET, max_size=40).map("".join), st.sampled_from(["ms", "vi", "en", "id", None])
)
def test_any_text_gives_exact_spans(text: str, lang: str | None) -> None:
    doc = "x " + text
    block = Block(i=0, start=2, end=len(doc), kind="paragraph", text=doc[2:], lang=lang)
    ctx = Context(doc_id="d", text=doc, published=None, lang="ms")
    for fact in FigureScanner().scan(ctx, block):
        assert doc[fact.start : fact.end] == fact.text
        assert fact.type in ("money", "percent", "quantity")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    for _, start, end, _, _ in FigureScanner().figures(text, "vi"):
        assert 0 <= start < end <= len(text)
