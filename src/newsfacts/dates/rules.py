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

from newsfacts.dates.digits import DIGIT_SHAPES
from newsfacts.dates.pieces import Pieces, Shape, digit, keyed
from newsfacts.dates.readers import Read, Reader
from newsfacts.dates.shapes import SHAPES
from newsfacts.dates.tense import AHEAD
from newsfacts.dates.words import (
    DASH,
    DIGIT,
    L,
    R,
    alt,
    names,
    not_after,
    not_after_count,
    ordinals,
)
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
    ahead: str | None = None  # what a bare reading moves on by in the future (dates.tense)


def _year_range(p: Pieces) -> str:
    d = p.d
    between, and_ = alt(d.get("range_between", [])), alt(d.get("range_and", []))
    # right after a year cue (group ``cued``: ``pada 1993 hingga 1995``), not in the span
    cued = "|".join(rf"(?<=(?i:{re.escape(c)})\s)" for c in d["year_cues"])
    return (
        rf"{L}(?:(?P<from>{alt(d['range_from'])}|(?P<btw>{between}))\s+)?"
        rf"(?:(?:{cued})(?P<cued>))?"
        rf"(?P<yw>(?<!\d\s){p.year_word}\s+)?(?P<y1>[12]\d{{3}})"
        rf"(?:{DASH}|\s+(?P<to>{alt(d['range_to'])}|(?P<and>{and_}))\s+)"
        # ``năm 2023-25``: a second year in two digits (read with a year or range word only)
        rf"(?:{p.year_word}\s+)?(?:(?P<y2>[12]\d{{3}})|(?<=[-\u2013\u2014])(?P<ys>\d\d)){R}"
    )


def _not_words(p: Pieces, key: str) -> str:
    """Not at one of the words of ``key`` (none when the language lists none)."""
    return rf"(?!{alt(p.d[key])}\W)" if p.d.get(key) else ""


def _part_head(kind: str) -> Callable[[Pieces], str]:
    def pattern(p: Pieces) -> str:
        part = p.d[kind]
        ords, words = ordinals(part["ordinals"]), alt(part["words"])
        head = (
            rf"(?P<o>{ords})(?:\s+|-){words}"  # ``fourth-quarter earnings`` too
            if part["_ordinal_first"]
            else rf"{words}\s+(?P<o>{ords})(?!\w)"
        )
        return rf"(?<!\w){head}{p.part_slot(kind)}(?!\w)"

    return pattern


def _part(kind: str) -> tuple[Shape, ...]:
    """A quarter's or half's rules: ordinal with its word, code (``Q3``), phrase."""

    def code(p: Pieces) -> str | None:
        codes = p.d[kind].get("codes")
        return rf"(?<!\w)(?P<o>{names(codes)}){p.part_slot(kind)}(?!\w)" if codes else None

    def phrase(p: Pieces) -> str | None:
        phrases = p.d[kind].get("phrases")
        return rf"(?<!\w)(?P<o>{alt(phrases)}){p.year_slot(True)}(?!\w)" if phrases else None

    def first(p: Pieces) -> Iterable[str]:
        part = p.d[kind]
        words: Iterable[str] = part["ordinals"] if part["_ordinal_first"] else part["words"]
        return words

    return (
        Shape(kind, _part_head(kind), kind, first),
        Shape(f"{kind}_code", code, kind, lambda p: p.d[kind]["codes"]),
        Shape(f"{kind}_phrase", phrase, kind, lambda p: p.d[kind]["phrases"]),
    )


# not right after a number standing alone (``3 tahun lalu`` is a length ago), but after an
# amount's (``RM3,000 tahun lepas``: last year)
_NO_COUNT = not_after_count(r"\w.,", 3)


def _hedge(p: Pieces) -> str:
    """An estimate before a count of units ago (``kira-kira 21 tahun lalu``, ``cách đây
    khoảng 3.000 năm``): group ``ah``, its days left null."""
    hedges = p.d.get("ago_hedges")
    return rf"(?:(?P<ah>{alt(hedges)})\s+)?" if hedges else ""


def _not_offset(p: Pieces) -> str:
    """Not at a word that makes the units before it an offset from an event (``một tháng
    trước khi``: a month before, not a month ago)."""
    offsets = p.d.get("durations", {}).get("offset_after")
    return rf"(?!{alt(offsets)}(?!\w))" if offsets else ""


def _single_units(p: Pieces) -> str:
    single = p.d.get("durations", {}).get("single_units", {})
    return alt(single) if single else "(?!)"


RULES: tuple[Shape, ...] = (
    *DIGIT_SHAPES,
    Shape(
        "day_month",
        lambda p: (
            rf"{L}(?:(?P<d1>[0-3]?\d){DASH})?{p.day}\s*{p.of}{p.month}"
            rf"(?:{p.year_slot(False)}{p.day_modifier})?(?!\w)"
        ),
        "day_month",
        digit,
    ),
    Shape(
        "month_day",
        lambda p: rf"(?<!\w){p.month_name}\s+{p.day}(?:,?\s+{p.year})?{R}" if p.months else None,
        "day_month",
        lambda p: p.months,
    ),
    Shape(
        "month_year",
        lambda p: rf"(?<!\w){p.month}{p.year_slot(False)}(?!\w)",
        "month",
        lambda p: (*p.months, *p.d.get("month_words", [])),
    ),
    Shape(
        "month_alone",
        lambda p: (
            rf"(?<!\w){p.month_num}(?!\s*[/\-.]\s*\d)(?!\w)" if p.d.get("month_words") else None
        ),
        "month",
        lambda p: p.d["month_words"],
    ),
    Shape(
        "month_modified",  # ``last August``, ``Ogos lalu``, ``Disember ini``
        lambda p: (
            (
                rf"(?<!\w)(?P<rm>{p.mods})\s+{p.month_name}(?!\s*\d)(?!\w)"
                if p.d["_modifier_first"]
                else rf"(?<!\w)(?<!\d\s){p.month_name}\s+(?P<rm>{p.mods})(?!\w)"  # not a day's
            )
            if p.months
            else None
        ),
        "month_modified",
        lambda p: p.modifiers if p.d["_modifier_first"] else p.months,
    ),
    Shape(
        "month_cued",
        lambda p: (
            rf"(?<!\w){alt(p.d['month_cues'])}(?:\s+|-)(?P<x>{p.month_name})(?!\s*\d)(?!\w)"
            if p.d["month_cues"] and p.months
            else None
        ),
        "month",
        lambda p: p.d["month_cues"],
    ),
    Shape(
        # ``Tahun Baharu Cina (Januari)``: a month name alone in brackets, not in capitals (an
        # acronym: ``Orang Kena Tuduh (OKT)``)
        "month_bracketed",
        lambda p: rf"\((?![A-Z]+\))(?P<x>{p.month_name})\)" if p.months else None,
        "month",
        lambda p: ("(",),
    ),
    Shape(
        "month_possessive",  # ``December's share fall``: a possessor is a noun, so a month
        lambda p: (
            rf"(?<!\w){_not_words(p, 'not_possessive_months')}"
            rf"(?P<x>{p.month_name}){alt(p.d['month_possessives'])}(?!\w)"
            if p.d.get("month_possessives") and p.months
            else None
        ),
        "month",
        lambda p: p.months,
    ),
    Shape(
        "year_possessive",  # ``2003's $1.2bn loss``: a possessor is a noun, so a year
        lambda p: (
            rf"(?<![\w.,/-])(?P<x>{p.year}){alt(p.d['year_possessives'])}(?!\w)"
            if p.d.get("year_possessives")
            else None
        ),
        "year",
        digit,
        numeric=True,
    ),
    Shape(
        "year_word",
        lambda p: rf"(?<!\w)(?P<yw>{p.year_word}):?\s+{p.year}{R}",  # ``Tahun: 2008`` too
        "year",
        lambda p: p.d["year_words"],
    ),
    Shape(
        "year_cued",
        # after a since word (group ``yw``), an old year too (``sejak 1762``)
        lambda p: (
            rf"(?:(?<!\w)(?:(?P<yw>{alt(p.d['since'])})|{alt(p.d['year_cues'])})(?:\s+|-)|\()"
            rf"(?P<x>{p.year}){R}{p.not_counted}"
            if p.d.get("since")
            else rf"(?:(?<!\w){alt(p.d['year_cues'])}(?:\s+|-)|\()(?P<x>{p.year}){R}{p.not_counted}"
        ),
        "year",
        lambda p: (*p.d["year_cues"], *p.d.get("since", []), "("),
    ),
    Shape(
        "year_listed",  # ``in 1997 and 1998``: a year joined to a year before it
        lambda p: (
            rf"(?<![\w.,])[12]\d{{3}}\s+{alt(p.d['range_and'])}\s+(?P<x>{p.year}){R}"
            rf"{p.not_counted}"
            if p.d.get("range_and")
            else None
        ),
        "year",
        digit,
        numeric=True,
    ),
    Shape(
        # ``its 2005 growth forecast``, ``Spain's 2000 victory``: a year between a determiner
        # or a possessive and a noun
        "year_attributive",
        lambda p: (
            rf"(?:(?<!\w){alt(p.d['year_determiners'])}\s+|(?<=['’]s\s)|(?<=s['’]\s))"
            rf"(?P<x>{p.year})(?=\s+[^\W\d]){p.not_counted}"
            if p.d.get("year_determiners")
            else None
        ),
        "year",
        lambda p: (*p.d.get("year_determiners", ()), *DIGIT),
    ),
    Shape(
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
    Shape(
        "year_pair",  # ``2024/25``, ``tahun 2020/2021``: a season or school year
        lambda p: (
            rf"{L}(?P<yw>{p.year_word}\s+)?(?P<y1>[12]\d{{3}})/"
            rf"(?:(?P<y2>[12]\d{{3}})|(?P<ys>\d\d)){R}"
        ),
        "year_pair",
        lambda p: (*DIGIT, *p.d["year_words"]),
        numeric=True,
    ),
    *_part("quarter"),
    *_part("half"),
    Shape(
        "relative",
        # a number before a unit and its modifier makes a length (``3 tahun lalu``, ``một năm
        # sau``: a year later), not a number before a modifier and its unit (``to 81 last year``)
        lambda p: (
            rf"(?<!\w){'' if p.d['_modifier_first'] else _NO_COUNT + not_after(p.number_words)}"
            rf"{p.not_vague}{p.rel}(?!\w)"
        ),
        "relative",
        lambda p: p.modifiers if p.d["_modifier_first"] else p.units,
    ),
    Shape(
        "ago",  # ``3 years ago``, ``seminggu lalu`` (a unit word that is one unit by itself)
        lambda p: (
            rf"{L}{p.not_vague}{_hedge(p)}"
            rf"(?:{p.number}\s+(?P<ru>{p.unit})|(?P<su>{_single_units(p)}))\s+"
            rf"{_not_offset(p)}{alt(p.d['ago'])}(?!\w)"
        ),
        "relative",
        lambda p: (
            *DIGIT,
            *p.number_words,
            *p.d.get("durations", {}).get("single_units", {}),
            *p.d.get("ago_hedges", []),
        ),
    ),
    keyed(  # ``cách đây 7 năm``: the ago words before the count
        "ago_before",
        "ago_before",
        lambda p: (
            rf"(?<!\w){alt(p.d['ago_before'])}\s+{_hedge(p)}"
            rf"(?:{p.number}|(?P<big>\d{{1,3}}(?:\.\d{{3}})+))\s+(?P<ru>{p.unit})(?!\w)"
        ),
        "relative",
    ),
    Shape(
        "day_word",
        lambda p: rf"(?<!\w){not_after(p.d.get('days_not_after', []))}(?P<dw>{alt(p.days)})(?!\w)",
        "day_word",
        lambda p: p.days,
    ),
    *SHAPES,
)


class Grammar:
    """The compiled date patterns of one language (built once from its data file)."""

    def __init__(self, code: str, data: Mapping[str, Any]) -> None:
        self.code = code
        self.data = data
        self.reader = Reader(code, data)
        self.not_date_cues = tuple(str(c) for c in data["not_date_cues"])
        pieces = Pieces(data, self.reader)
        self.number_words = tuple(pieces.number_words)
        self.rules = tuple(
            Rule(
                shape.name,
                re.compile(pattern),
                getattr(self.reader, shape.read),
                tuple(shape.starts(pieces)),
                shape.numeric,
                AHEAD.get(shape.read),
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
