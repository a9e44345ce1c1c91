"""The pattern pieces that a language's date rules are built from, and the shape of a rule as
data (:class:`Shape`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from newsfacts.dates.readers import Reader
from newsfacts.dates.words import DIGIT, R, alt, names, not_after
from newsfacts.lang import loader


class Pieces:
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
        # a bare year that a counted noun follows is a count (``in 2000 attacks``)
        counted = d.get("counted_nouns", [])
        self.not_counted = rf"(?!\s+{alt(counted)}(?!\w))" if counted else ""
        suffix = alt(d.get("day_suffixes", []))
        self.day = rf"(?P<d>[0-3]?\d)(?:{suffix})?"
        self.month_name = rf"(?P<mn>{names(self.months)})(?:\.(?=\s*\d))?"
        self.month_num = rf"{alt(d.get('month_words', []))}\s*(?P<mm>1[0-2]|0?[1-9])(?!\d)"
        self.month = f"(?:{self.month_name}|{self.month_num})"
        self.unit = alt(self.units)
        mods = self.mods = alt(self.modifiers)
        # A small count in digits or in the language's number words (``3``, ``ba``, ``lima``).
        numbers = (
            loader.load(reader.code, "numbers")
            if reader.code in loader.available("numbers")
            else {}
        )
        self.number_words = [
            w
            for key in ("units", "after_tens", "tens", "teens", "hundreds")
            for w in numbers.get(key, {})
        ]
        word = alt(self.number_words) if self.number_words else "(?!)"
        self.number = rf"(?P<n>\d{{1,3}}(?![\d.,])|{word}(?:[\s-]+{word}){{0,3}})"
        # not right after a word of an unknown number (``vài năm tới``, ``beberapa tahun
        # lalu``, ``những năm qua``: a few years, which the conventions leave out)
        self.not_vague = not_after(d.get("vague_counts", []))
        # ``the next months``: many of a unit after a modifier is vague, no calendar unit
        plural = d.get("durations", {}).get("plural_units", [])
        one = alt(u for u in self.units if u not in plural)
        self.rel = (
            rf"(?P<rm>{mods})\s+(?P<ru>{one})"
            if d["_modifier_first"]
            else rf"(?P<ru>{one})\s+(?P<rm>{mods})"
        )
        # The year after a month, quarter or half: explicit, relative, or the bare year word
        # (``6 tháng đầu năm``: this year).
        self.explicit_year = (
            rf"(?:\s*/\s*|\s*-\s*|,?\s+{self.of}(?:{self.year_word}\s+)?){self.year}{R}"
        )
        self.rel_year = rf"\s+{self.of}(?P<ry>{self.rel})(?!\w)"
        self.bare_year = rf"\s+{self.of}(?P<by>{self.year_word})(?!\s*\d)(?!\w)"
        # a day's own modifier where it has no year (``16 Disember lepas``, ``27 Oktober ini``)
        dm = d.get("day_modifiers")
        self.day_modifier = rf"|\s+(?P<dm>{alt(dm)})(?!\w)" if dm else ""

    def year_slot(self, bare: bool) -> str:
        return f"(?:{self.explicit_year}|{self.rel_year}" + (f"|{self.bare_year})" if bare else ")")

    def part_slot(self, kind: str) -> str:
        """The year after a quarter or half: optional unless the data says it is needed."""
        return f"(?:{self.year_slot(True)})" + ("" if self.d[kind]["_needs_year"] else "?")


@dataclass(frozen=True, slots=True)
class Shape:
    """One rule as data: its pattern (None where the language lacks its words) and start
    words built from a language's pieces, and the name of the Reader method for its matches."""

    name: str
    pattern: Callable[[Pieces], str | None]
    read: str
    starts: Callable[[Pieces], Iterable[str]]
    numeric: bool = False


def digit(p: Pieces) -> Iterable[str]:
    return DIGIT


def keyed(
    name: str, key: str, pattern: Callable[[Pieces], str], read: str, numeric: bool = False
) -> Shape:
    """A rule that begins at the words of the data key ``key``: in the languages that have
    them only."""
    return Shape(
        name,
        lambda p: pattern(p) if p.d.get(key) else None,
        read,
        lambda p: p.d[key],
        numeric,
    )
