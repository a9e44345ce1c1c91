"""The number words of every language, merged into one table.

Everything a language contributes comes from ``lang/<code>/numbers.yaml``; :func:`lexicon`
merges the languages into one table, because a block's language label can be wrong and news
text mixes languages (a Malay page quoting ``1.149 tỷ đồng``). Values are exact ``Decimal``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from newsfacts.lang import currencies, loader

Role = Literal[
    "unit",
    "after_tens",
    "tens",
    "teens",
    "hundreds",
    "scale",
    "fraction",
    "half",
    "filler",
    "zero",
    "decimal",
    "denominator",
    "over",
]

_ROLE_KEYS: tuple[tuple[str, Role], ...] = (
    ("units", "unit"),
    ("after_tens", "after_tens"),
    ("tens", "tens"),
    ("teens", "teens"),
    ("hundreds", "hundreds"),
    ("scales", "scale"),
    ("fractions", "fraction"),
    ("denominators", "denominator"),
)
# Roles of words listed without a value, with the value each stands for.
_WORD_ROLES: tuple[tuple[str, Role, Decimal], ...] = (
    ("half", "half", Decimal("0.5")),
    ("fillers", "filler", Decimal(0)),
    ("zero", "zero", Decimal(0)),
    ("decimal_words", "decimal", Decimal(0)),
    ("over_words", "over", Decimal(0)),
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The number words of every language, merged; keys are casefolded."""

    roles: dict[str, tuple[Role, Decimal]]
    not_after_tens: frozenset[str]
    scales: dict[str, Decimal]
    scale_abbreviations: dict[str, Decimal]
    money_abbreviations: dict[str, Decimal]
    bare_abbreviations: dict[str, Decimal]  # in their case: 10K, 3M (a bare 5m is metres)
    vague: dict[str, Decimal]
    decimal_mark: dict[str, str]
    word_marks: dict[str, str]

    def mark_of_word(self, word: str) -> str | None:
        """The decimal mark of the languages using ``word``, when they all agree."""
        return self.word_marks.get(word.casefold())


def _amount(value: Any) -> Decimal:
    return Decimal(str(value))


def _record_mark(marks: dict[str, set[str]], word: str, mark: str) -> None:
    marks.setdefault(word.casefold(), set()).add(mark)


@cache
def lexicon() -> Lexicon:
    """The merged number words of all languages that ship ``numbers.yaml``."""
    roles: dict[str, tuple[Role, Decimal]] = {}
    not_after_tens: set[str] = set()
    scales: dict[str, Decimal] = {}
    scale_abbr: dict[str, Decimal] = {}
    money_abbr: dict[str, Decimal] = {}
    bare_abbr: dict[str, Decimal] = {}
    vague: dict[str, Decimal] = {}
    decimal_mark: dict[str, str] = {}
    marks: dict[str, set[str]] = {}
    for code in loader.available("numbers"):
        data = loader.load(code, "numbers")
        mark = data["_decimal_mark"]
        decimal_mark[code] = mark
        for key, role in _ROLE_KEYS:
            for word, value in data.get(key, {}).items():
                roles[word.casefold()] = (role, _amount(value))
        for key, role, fixed in _WORD_ROLES:
            for word in data.get(key, []):
                roles[word.casefold()] = (role, fixed)
        not_after_tens.update(w.casefold() for w in data.get("not_after_tens", []))
        for word, value in data["scales"].items():
            scales[word.casefold()] = _amount(value)
            _record_mark(marks, word, mark)
        for word, value in data.get("scale_abbreviations", {}).items():
            scale_abbr[word.casefold()] = _amount(value)
            _record_mark(marks, word, mark)
        for word in [*data.get("classifiers", {}), *data.get("unit_phrases", [])]:
            _record_mark(marks, word, mark)
        for word, value in data.get("money_abbreviations", {}).items():
            money_abbr[word.casefold()] = _amount(value)
        for word, value in data.get("bare_abbreviations", {}).items():
            bare_abbr[word] = _amount(value)
        for word, value in data.get("vague", {}).items():
            vague[" ".join(word.casefold().split())] = _amount(value)
    for code in loader.available("currencies"):
        mark = decimal_mark.get(code)
        if mark is None:
            continue
        for _, entry in currencies.entries(code):
            for name in entry.get("names", []):
                _record_mark(marks, name, mark)
    return Lexicon(
        roles=roles,
        not_after_tens=frozenset(not_after_tens),
        scales=scales,
        scale_abbreviations=scale_abbr,
        money_abbreviations=money_abbr,
        bare_abbreviations=bare_abbr,
        vague=vague,
        decimal_mark=decimal_mark,
        word_marks={w: next(iter(m)) for w, m in marks.items() if len(m) == 1},
    )
