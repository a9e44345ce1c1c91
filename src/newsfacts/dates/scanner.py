"""Date and period expressions, resolved to the days they cover.

One engine, many languages: every word (month names, year words, cues, relative phrases,
quarter and half ordinals) comes from ``lang/<code>/dates.yaml``; the package only knows the
*shapes* of date expressions (``rules``) and compiles one set of regexes per language on first
use (``plan``). This module finds and settles the readings.

Rules that decide what is a date (they are what the spec cases in ``tests/specs/*/date.jsonl``
check):

- A bare four-digit number is a year only with a cue: a year word right before it
  (``tahun 2024``, ``năm 2024``, ``year 2024``, kept in the span), a cue word right before it
  (``pada 2024``, ``in 2024``, ``sejak 2020``, left out of the span), parentheses around it
  (``(2024)``), or as one end of a range (``2021-2025``, ``from 2021 to 2025``).
- A numeric day/month needs a year (``20/12/2025``) unless a day cue precedes it
  (Vietnamese ``ngày 20/12``, ``sáng 20/12``). Document numbers (``28/2022/ND-CP``,
  ``No. 12/12/2024``), scores (``2-1``), clock times and counts (``2,025 orang``) never match:
  digits glued to ``/``, ``.``, ``,`` or ``-`` on either side are not a date's digits.
- Expressions without a year (``20 Disember``, ``quý III``, ``tahun lalu``, ``hôm qua``) are
  resolved against the reference date (the publication date, or a dateline) and marked
  ``relative``; a missing year is the one that puts the period closest to it. Without one
  they are still reported, with null days, ``unresolved`` and their ``relation``.
- Leading prepositions and cues (``pada``, ``in``, ``vào``, ``ngày``, ``dalam tempoh``) stay
  outside the span; the words that change the period are inside it: a range's (``from 2021
  to 2025``), ``since``, ``early``/``cuối``, a part of day (``sáng 20/12``).
- Nothing inside a URL is a date.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from newsfacts.dates.compose import Fiscal, compose
from newsfacts.dates.joins import Found, joins
from newsfacts.dates.plan import Readings, plan_for
from newsfacts.dates.rules import Grammar, grammar, grammars
from newsfacts.lang import loader, policy
from newsfacts.model import Block, Context, Fact, Period

__all__ = ["NAME", "DateScanner", "Grammar", "find", "grammar"]

NAME = "newsfacts.date/1"


def find(
    text: str,
    langs: str | tuple[str | None, ...] | None,
    published: date | None,
    fiscal: Fiscal | None = None,
) -> list[tuple[int, int, Period, float]]:
    """Every date expression in ``text``: (start, end, period, confidence), in text order.

    ``langs`` is a language code or several (a block's and its document's); ``published``
    the reference date (None: relative expressions come back unresolved); ``fiscal`` the
    document's fiscal calendar, kept across its blocks. Overlapping readings are settled
    longest first (``20 Disember 2025`` over ``Disember 2025``), then earliest, then by rule
    order, and what is left is composed (:mod:`newsfacts.dates.compose`). (That nothing
    inside a URL counts is the arbiter's rule.)
    """
    chosen = grammars(langs if isinstance(langs, tuple) else (langs,))
    plan = plan_for(langs if isinstance(langs, tuple) else (langs,))
    candidates = [
        c
        for c in plan.candidates(text)
        if not (c.rule.numeric and plan.after_number_cue(text, c.start))
    ]
    candidates.sort(key=lambda c: (c.start - c.end, c.start, c.order))
    # The spans taken never overlap, so in start order they are in end order too: the one
    # span that could overlap a candidate is the last to start before it ends. A candidate
    # is read only if its span is free: one with no reading takes none.
    readings = Readings(plan, text, published)
    taken: list[Found] = []
    starts: list[int] = []
    for c in candidates:
        i = bisect.bisect_left(starts, c.end)
        if (i == 0 or taken[i - 1].end <= c.start) and (h := readings.read(c)) is not None:
            taken.insert(i, h)
            starts.insert(i, h.start)
    composed = compose(text, taken, joins(chosen), published, fiscal or Fiscal())
    return [(f.start, f.end, f.period, f.confidence) for f in composed]


class DateScanner:
    """Finds ``date`` facts in a block (see the module docstring for the rules)."""

    name = NAME

    def __init__(self) -> None:
        # The fiscal calendar stated in a document holds for its later blocks.
        self._doc: tuple[str, int] | None = None
        self._fiscal = Fiscal()

    def scan(self, ctx: Context, block: Block) -> Iterable[Fact]:
        if self._doc != (ctx.doc_id, id(ctx)):
            self._doc, self._fiscal = (ctx.doc_id, id(ctx)), Fiscal()
        # Short blocks are often mislabelled, so the document's language is scanned too.
        lang = policy.scanned_language(block.lang, ctx.lang, loader.LANGUAGES)
        found = find(block.text, (block.lang, ctx.lang), ctx.published, self._fiscal)
        for start, end, period, confidence in found:
            if period.relative and period.reference is None and period.unresolved is None:
                period = replace(period, reference=ctx.reference)
            yield ctx.fact(
                "date",
                block.start + start,
                block.start + end,
                period,
                lang=lang,
                block=block.i,
                extractor=NAME,
                confidence=confidence,
            )
