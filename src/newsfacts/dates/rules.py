"""A language's date rules, compiled from its data file.

The rules are data: ``RULES`` lists them in priority order (a tie between two readings of one
span goes to the earlier rule), each with its name, how its pattern and start words are built
from a language's words, and the :class:`~newsfacts.dates.readers.Reader` method that reads
its matches. A rule whose words a language lacks (no ``day_cues``, no month names) is left out
of that language's grammar.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsfacts.dates.readers import Read, Reader
from newsfacts.dates.words import DASH, DIGIT, L, R, alt, names, ordinals
from newsfacts.lang import loader, policy


@dataclass(frozen=True, slots=True)
class Rule:
    """One compiled rule of a language."""

    name: str
    pattern: re.Pattern[str]
    read: Read
    # What a match can begin with: data words (only the first word counts), ``DIGIT`` for a
    # number, or punctuation (``(``). The scanner tries the rule only where one of them stands.
    starts: tuple[str, ...]
    numeric: bool = False  # subject to the document-number guard


class _Pieces:
    """The pattern pieces of one language that several rules share. They stay text: each
    rule builds its own pattern from them, since Python forbids a group name twice in one
    pattern."""

    def __init__(self, d: Mapping[str, Any], reader: Reader) -> None:
        self.d = d
        self.months = reader.months
        self.units = reader.units
        self.modifiers = reader.modifiers
        self.days = reader.days
        self.year_word = alt(d["year_words"])
        self.of = rf"(?:{alt(d.get('of_words', []))}\s+)*"
        self.year = r"(?P<y>[12]\d{3})"
        suffix = alt(d.get("day_suffixes", []))
        self.day = rf"(?P<d>[0-3]?\d)(?:{suffix})?"
        self.month_name = rf"(?P<mn>{names(self.months)})(?:\.(?=\s*\d))?"
        self.month_num = rf"{alt(d.get('month_words', []))}\s*(?P<mm>1[0-2]|0?[1-9])(?!\d)"
        self.month = f"(?:{self.month_name}|{self.month_num})"
        self.unit = alt(self.units)
        mods = alt(self.modifiers)
        self.rel = (
            rf"(?P<rm>{mods})\s+(?P<ru>{self.unit})"
            if d["_modifier_first"]
            else rf"(?P<ru>{self.unit})\s+(?P<rm>{mods})"
        )
        # The year after a month, quarter or half: explicit, relative, or the bare year word
        # (``6 tháng đầu năm``: this year).
        self.explicit_year = (
            rf"(?:\s*/\s*|\s*-\s*|,?\s+{self.of}(?:{self.year_word}\s+)?){self.year}{R}"
        )
        self.rel_year = rf"\s+{self.of}(?P<ry>{self.rel})(?!\w)"
        self.bare_year = rf"\s+{self.of}(?P<by>{self.year_word})(?!\s*\d)(?!\w)"

    def year_slot(self, bare: bool) -> str:
        return f"(?:{self.explicit_year}|{self.rel_year}" + (f"|{self.bare_year})" if bare else ")")

    def part_slot(self, kind: str) -> str:
        """The year after a quarter or half: optional unless the data says it is needed."""
        return f"(?:{self.year_slot(True)})" + ("" if self.d[kind]["_needs_year"] else "?")


@dataclass(frozen=True, slots=True)
class _Shape:
    """One rule as data: its pattern (None where the language lacks its words) and start
    words built from a language's pieces, and the name of the Reader method for its matches."""

    name: str
    pattern: Callable[[_Pieces], str | None]
    read: str
    starts: Callable[[_Pieces], Iterable[str]]
    numeric: bool = False


def _digit(p: _Pieces) -> Iterable[str]:
    return DIGIT


def _year_range(p: _Pieces) -> str:
    d = p.d
    between, and_ = alt(d.get("range_between", [])), alt(d.get("range_and", []))
    return (
        rf"{L}(?:(?P<from>{alt(d['range_from'])}|(?P<btw>{between}))\s+)?"
        rf"(?P<yw>(?<!\d\s){p.year_word}\s+)?(?P<y1>[12]\d{{3}})"
        rf"(?:{DASH}|\s+(?P<to>{alt(d['range_to'])}|(?P<and>{and_}))\s+)"
        rf"(?:{p.year_word}\s+)?(?P<y2>[12]\d{{3}}){R}"
    )


def _part_head(kind: str) -> Callable[[_Pieces], str]:
    def pattern(p: _Pieces) -> str:
        part = p.d[kind]
        ords, words = ordinals(part["ordinals"]), alt(part["words"])
        head = (
            rf"(?P<o>{ords})\s+{words}"
            if part["_ordinal_first"]
            else rf"{words}\s+(?P<o>{ords})(?!\w)"
        )
        return rf"(?<!\w){head}{p.part_slot(kind)}(?!\w)"

    return pattern


def _part(kind: str) -> tuple[_Shape, ...]:
    """A quarter's or half's rules: ordinal with its word, code (``Q3``), phrase."""

    def code(p: _Pieces) -> str | None:
        codes = p.d[kind].get("codes")
        return rf"(?<!\w)(?P<o>{names(codes)}){p.part_slot(kind)}(?!\w)" if codes else None

    def phrase(p: _Pieces) -> str | None:
        phrases = p.d[kind].get("phrases")
        return rf"(?<!\w)(?P<o>{alt(phrases)}){p.year_slot(True)}(?!\w)" if phrases else None

    def first(p: _Pieces) -> Iterable[str]:
        part = p.d[kind]
        words: Iterable[str] = part["ordinals"] if part["_ordinal_first"] else part["words"]
        return words

    return (
        _Shape(kind, _part_head(kind), kind, first),
        _Shape(f"{kind}_code", code, kind, lambda p: p.d[kind]["codes"]),
        _Shape(f"{kind}_phrase", phrase, kind, lambda p: p.d[kind]["phrases"]),
    )


RULES: tuple[_Shape, ...] = (
    _Shape(
        "iso",
        lambda p: rf"{L}(?P<y>\d{{4}})-(?P<m>\d\d)-(?P<d>\d\d){R}",
        "iso",
        _digit,
        numeric=True,
    ),
    _Shape(
        "numeric",
        lambda p: rf"{L}(?P<a>\d{{1,2}})(?P<s>[/.\-])(?P<b>\d{{1,2}})(?P=s){p.year}{R}",
        "numeric",
        _digit,
        numeric=True,
    ),
    _Shape(
        "numeric_partial",
        lambda p: (
            rf"(?<!\w){alt(p.d['day_cues'])}\s+"
            rf"(?P<x>(?P<a>\d{{1,2}})(?P<s>[/\-])(?P<b>\d{{1,2}})){R}"
            if p.d.get("day_cues")
            else None
        ),
        "numeric",
        lambda p: p.d["day_cues"],
        numeric=True,
    ),
    _Shape(
        "day_month",
        lambda p: (
            rf"{L}(?:(?P<d1>[0-3]?\d){DASH})?{p.day}\s*{p.of}{p.month}"
            rf"(?:{p.year_slot(False)})?(?!\w)"
        ),
        "day_month",
        _digit,
    ),
    _Shape(
        "month_day",
        lambda p: rf"(?<!\w){p.month_name}\s+{p.day}(?:,?\s+{p.year})?{R}" if p.months else None,
        "day_month",
        lambda p: p.months,
    ),
    _Shape(
        "month_year",
        lambda p: rf"(?<!\w){p.month}{p.year_slot(False)}(?!\w)",
        "month",
        lambda p: (*p.months, *p.d.get("month_words", [])),
    ),
    _Shape(
        "month_alone",
        lambda p: (
            rf"(?<!\w){p.month_num}(?!\s*[/\-.]\s*\d)(?!\w)" if p.d.get("month_words") else None
        ),
        "month",
        lambda p: p.d["month_words"],
    ),
    _Shape(
        "month_cued",
        lambda p: (
            rf"(?<!\w){alt(p.d['month_cues'])}\s+(?P<x>{p.month_name})(?!\s*\d)(?!\w)"
            if p.d["month_cues"] and p.months
            else None
        ),
        "month",
        lambda p: p.d["month_cues"],
    ),
    _Shape(
        "year_word",
        lambda p: rf"(?<!\w){p.year_word}\s+{p.year}{R}",
        "year",
        lambda p: p.d["year_words"],
    ),
    _Shape(
        "year_cued",
        lambda p: rf"(?:(?<!\w){alt(p.d['year_cues'])}(?:\s+|-)|\()(?P<x>{p.year}){R}",
        "year",
        lambda p: (*p.d["year_cues"], "("),
    ),
    _Shape(
        "year_range",
        _year_range,
        "year_range",
        lambda p: (
            *DIGIT,
            *p.d["range_from"],
            *p.d.get("range_between", []),
            *p.d["year_words"],
        ),
        numeric=True,
    ),
    *_part("quarter"),
    *_part("half"),
    _Shape(
        "relative",
        lambda p: rf"(?<!\w)(?<!\d\s){p.rel}(?!\w)",
        "relative",
        lambda p: p.modifiers if p.d["_modifier_first"] else p.units,
    ),
    _Shape(
        "ago",
        lambda p: rf"{L}(?P<n>\d{{1,2}})\s+(?P<ru>{p.unit})\s+{alt(p.d['ago'])}(?!\w)",
        "relative",
        _digit,
    ),
    _Shape(
        "day_word",
        lambda p: rf"(?<!\w)(?P<dw>{alt(p.days)})(?!\w)",
        "day_word",
        lambda p: p.days,
    ),
)


class Grammar:
    """The compiled date patterns of one language (built once from its data file)."""

    def __init__(self, code: str, data: Mapping[str, Any]) -> None:
        self.code = code
        self.reader = Reader(code, data)
        self.not_date_cues = tuple(str(c) for c in data["not_date_cues"])
        pieces = _Pieces(data, self.reader)
        self.rules = tuple(
            Rule(
                shape.name,
                re.compile(pattern),
                getattr(self.reader, shape.read),
                tuple(shape.starts(pieces)),
                shape.numeric,
            )
            for shape in RULES
            if (pattern := shape.pattern(pieces)) is not None
        )


@cache
def grammar(code: str) -> Grammar:
    """The compiled grammar of one language (raises LanguageDataError if it has no data)."""
    return Grammar(code, loader.load(code, "dates"))


@cache
def grammars(langs: tuple[str | None, ...]) -> tuple[Grammar, ...]:
    """The grammars to scan text in these languages with: each one's own plus those it is
    often confused with (:func:`newsfacts.lang.policy.partners`); every language when none of
    them is known."""
    available = loader.available("dates")
    codes: list[str] = []
    for code in langs:
        if code in available:
            codes += [code, *policy.partners(code)]
    if not codes:
        codes = list(available)
    return tuple(grammar(c) for c in dict.fromkeys(codes) if c in available)
