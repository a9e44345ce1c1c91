"""The compiled linker words of each language (``lang/<code>/linking.yaml``)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsfacts.lang import loader, policy
from newsfacts.model import Context, Fact
from newsfacts.text.patterns import alternation


def _words(words: Sequence[str]) -> str:
    body = alternation(words, space=r"\s+")  # never matches when there are no words
    return f"(?i:(?<!\\w)(?:{body})(?!\\w))"


@dataclass(frozen=True, slots=True)
class Cues:
    """The compiled linker words of one language."""

    recurring: re.Pattern[str]
    quotes: re.Pattern[str]
    reported: re.Pattern[str]
    opening_only: bool  # only a date that opens the sentence before dates a figure after it
    event_day: bool  # an earlier paragraph's event day dates a figure with no other date
    stocks: re.Pattern[str]
    verb: re.Pattern[str]
    up: frozenset[str]
    ends_with_from: re.Pattern[str]
    ends_with_to: re.Pattern[str]
    ends_with_compare: re.Pattern[str]
    compare_word: re.Pattern[str]
    compare_near: re.Pattern[str]
    by_gap: re.Pattern[str]
    to_direction: Mapping[str, str]
    heads: re.Pattern[str]
    head_side: Mapping[str, str]
    stops: frozenset[str]
    classifiers: frozenset[str]
    explicit_gap: re.Pattern[str]

    def compares(self, text: str, pos: int, window: int) -> bool:
        """Whether a *from* word ends right before ``pos``, or a comparison word a few words
        before it (within ``window`` characters): a date there is compared against (``so với
        cùng kỳ năm trước``, ``from a year earlier``, ``berbanding aliran jualan bersih tahun
        2021``)."""
        lo = max(0, pos - window)
        near = self.compare_near.search(text, lo, pos)
        # lower-case words only: ``against the US dollar in November`` compares currencies
        if near is not None and not any(w[:1].isupper() for w in near["between"].split()):
            return True
        return self.ends_with_from.search(text, lo, pos) is not None


@cache
def cues(code: str) -> Cues:
    d: Mapping[str, Any] = loader.load(code, "linking")
    to_words = {k.lower(): v for k, v in d["change_to"].items()}
    heads = {k.lower(): v for k, v in d["subject_heads"].items()}
    verbs = [*d["up"], *d["down"]]
    return Cues(
        recurring=re.compile(_words(d["recurring"])),
        # a market quote (``shares closed at``) is of its day, not of the article's period
        quotes=re.compile(_words(d.get("quotes", []))),
        # what is counted at a point in time (``tổng tài sản``, ``total assets``), not over one
        stocks=re.compile(_words(d.get("stocks", []))),
        opening_only=d.get("_previous_sentence", "any") == "opening",
        event_day=d.get("_event_day", "none") == "carried",
        # a quotation's closing mark and its reporting verb, a few words on (``," katanya``,
        # ``," he said``): what the quotation says, it says on the clause's day
        reported=re.compile(
            rf"[\"”]\s*,?\s*(?:[^\W\d][\w.-]*\s+){{0,3}}?{_words(d.get('reported_by', []))}"
        ),
        verb=re.compile(_words(verbs)),
        up=frozenset(w.lower() for w in d["up"]),
        ends_with_from=re.compile(_words(d["change_from"]) + r"\s*$"),
        ends_with_to=re.compile(rf"({_words(list(to_words))})\s*$"),
        # compared with a value or a period: ``berbanding``, ``so với``, ``compared with``
        ends_with_compare=re.compile(_words(d.get("compare", [])) + r"\s*$"),
        compare_word=re.compile(_words(d.get("compare", []))),
        # a comparison word and at most four words (no figure) before a date: its period is
        # the one compared against (``so với mức của năm 2023``)
        compare_near=re.compile(
            _words(d.get("compare", [])) + r"(?P<between>(?:\s+[^\W\d_]+){0,4})\s*$"
        ),
        # between a change verb and how much it moved: ``rose by 12%``, ``naik sebanyak 5%``
        by_gap=re.compile(rf"\s*(?:{_words(d.get('change_by', []))}\s*)?"),
        to_direction=to_words,
        heads=re.compile(_words(list(heads))),
        head_side=heads,
        stops=frozenset(w.lower() for w in [*d["subject_stops"], *verbs]),
        classifiers=frozenset(w.lower() for w in d.get("classifiers", [])),
        # Between a figure and its own date: spaces, cue words and an opening parenthesis
        # (``RM3.41 bilion sebelum ini (tahun kewangan 2020)``).
        # (after a rate's unit: ``6,8%/năm trong năm 2024``)
        explicit_gap=re.compile(
            rf"(?:/[^\W\d_]+)?\s*(?:(?:{_words(d.get('explicit_cues', []))}|\()\s*)*",
            re.IGNORECASE,
        ),
    )


@cache
def _available() -> tuple[str, ...]:
    return loader.available("linking")  # looks for files: once, not per figure


def code_of(fact: Fact, ctx: Context) -> str | None:
    """The language whose words link this figure: its own, else the document's, else English."""
    return policy.first_known((fact.lang, ctx.lang, "en"), _available())
