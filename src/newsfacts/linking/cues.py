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
    verb: re.Pattern[str]
    up: frozenset[str]
    ends_with_from: re.Pattern[str]
    ends_with_to: re.Pattern[str]
    ends_with_compare: re.Pattern[str]
    by_gap: re.Pattern[str]
    to_direction: Mapping[str, str]
    heads: re.Pattern[str]
    head_side: Mapping[str, str]
    stops: frozenset[str]
    classifiers: frozenset[str]
    explicit_gap: re.Pattern[str]


@cache
def cues(code: str) -> Cues:
    d: Mapping[str, Any] = loader.load(code, "linking")
    to_words = {k.lower(): v for k, v in d["change_to"].items()}
    heads = {k.lower(): v for k, v in d["subject_heads"].items()}
    verbs = [*d["up"], *d["down"]]
    return Cues(
        recurring=re.compile(_words(d["recurring"])),
        verb=re.compile(_words(verbs)),
        up=frozenset(w.lower() for w in d["up"]),
        ends_with_from=re.compile(_words(d["change_from"]) + r"\s*$"),
        ends_with_to=re.compile(rf"({_words(list(to_words))})\s*$"),
        # compared with a value or a period: ``berbanding``, ``so với``, ``compared with``
        ends_with_compare=re.compile(_words(d.get("compare", [])) + r"\s*$"),
        # between a change verb and how much it moved: ``rose by 12%``, ``naik sebanyak 5%``
        by_gap=re.compile(rf"\s*(?:{_words(d.get('change_by', []))}\s*)?"),
        to_direction=to_words,
        heads=re.compile(_words(list(heads))),
        head_side=heads,
        stops=frozenset(w.lower() for w in [*d["subject_stops"], *verbs]),
        classifiers=frozenset(w.lower() for w in d.get("classifiers", [])),
        # Between a figure and its own date: spaces, an opening parenthesis, cue words.
        # (after a rate's unit: ``6,8%/năm trong năm 2024``)
        explicit_gap=re.compile(
            rf"(?:/[^\W\d_]+)?\s*\(?\s*(?:{_words(d.get('explicit_cues', []))}\s+)*\s*",
            re.IGNORECASE,
        ),
    )


@cache
def _available() -> tuple[str, ...]:
    return loader.available("linking")  # looks for files: once, not per figure


def code_of(fact: Fact, ctx: Context) -> str | None:
    """The language whose words link this figure: its own, else the document's, else English."""
    return policy.first_known((fact.lang, ctx.lang, "en"), _available())
