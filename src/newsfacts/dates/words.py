"""Regex pieces made from a language's date words, and the lookup of a matched word."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from newsfacts.model import Period
from newsfacts.text.patterns import alternation
from newsfacts.text.tokens import norm

# Digits glued to these are part of another number (a decree number, a decimal, a time).
L = r"(?<![\w.,/:\-])"
R = r"(?![\w/]|[.,:\-]\d|\s*%)"  # nor a share: ``từ 10-30%``
DASH = r"\s*[-\u2013\u2014]\s*"
DIGIT = ("0",)  # a rule's ``starts`` when a match begins with a number
_ROMAN = re.compile(r"[IVX]+")


def alt(words: Iterable[str], *, fold: bool = True) -> str:
    """One alternation, longest first so ``suku tahun`` wins over ``suku``."""
    body = alternation(words, ignore_case=fold, space=r"\s+")
    return f"(?i:{body})" if fold else f"(?:{body})"


def not_after(words: Iterable[str]) -> str:
    """Not right after any of ``words`` and a space (``sehingga ke hari ini``, ``setiap
    Jumaat``): one look-behind per word, as Python's must each have one width."""
    return "".join(rf"(?<!(?i:{re.escape(w)})\s)" for w in words)


def not_after_count(glued: str, longest: int) -> str:
    """Not right after a number of up to ``longest`` digits standing alone and a space: a
    number glued to one of ``glued`` (a character class body) is part of something else
    (an amount's ``RM3,000``, a clock's ``6h30``)."""
    return "".join(rf"(?<!(?<![{glued}])\d{{{n}}}\s)" for n in range(1, longest + 1))


def names(words: Iterable[str]) -> str:
    """Month names and codes: a capital first letter or all capitals, never lower case
    (``may``, ``mac`` and ``jun`` are ordinary words too)."""
    forms = set()
    for w in words:
        forms.add(w[:1].upper() + w[1:])
        forms.add(w.upper())
    return alt(forms, fold=False)


def ordinals(keys: Iterable[str]) -> str:
    """Roman numerals match in capitals only (``quý I`` but not ``quý i``); words in any case."""
    roman = [k for k in keys if _ROMAN.fullmatch(k)]
    other = [k for k in keys if not _ROMAN.fullmatch(k)]
    return f"(?:{alt(roman, fold=False)}|{alt(other)})"


def fold(mapping: Mapping[str, Any]) -> dict[str, Any]:
    """A table of data words keyed as :func:`lookup` looks them up."""
    return {norm(k): v for k, v in mapping.items()}


def _key(text: str) -> str:
    return norm(text).rstrip(".")


def lookup(table: Mapping[str, Any], text: str) -> Any:
    """The entry of a word the regex matched. The regex engine folds a few letters that
    case folding keeps apart (``ı`` and ``ſ`` match ``i`` and ``s``); such a word is
    looked up by matching it against each entry."""
    key = _key(text)
    if key in table:
        return table[key]
    for k, value in table.items():
        if re.fullmatch(alt([k]), key):
            return value
    raise KeyError(text)


# A rule's reading of one match: the period and a confidence (None: no date after all).
Reading = tuple[Period, float]


def group(m: re.Match[str], name: str) -> str | None:
    """An optional group: absent from some rules' patterns, unmatched in others (looked up
    by name: ``groupdict`` would build a dict of all of a pattern's groups each time)."""
    if name not in m.re.groupindex:
        return None
    value: str | None = m.group(name)
    return value
