"""Where each date rule is tried: only where one of its matches can begin.

The probes and the trigger are built once per list of grammars (``plan_for``) and cached.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache

from newsfacts.dates import periods
from newsfacts.dates.rules import Grammar, Rule, grammars
from newsfacts.dates.tense import AGAIN, Tense, ahead, bare
from newsfacts.dates.words import DIGIT, alt
from newsfacts.model import Period
from newsfacts.text.intervals import Intervals


@dataclass(frozen=True, slots=True)
class Hit:
    """One reading of a rule's match."""

    start: int
    end: int
    period: Period
    confidence: float
    numeric: bool  # digits only: a document number if a number cue precedes it
    rule: str


_NON_ASCII = r"\x80-\U0010ffff"
# The character before a word: anything but an ASCII letter, digit or ``_`` (non-ASCII ones
# then checked). A plain character set lets the regex engine skip the letters fast.
_BEFORE_WORD = rf"[\x00-/:-@\[-\^`{{-\x7f{_NON_ASCII}](?<=\W)"
_GROUP_NAME = re.compile(r"\(\?P([<=])(\w+)")


def _head(phrase: str) -> str:
    """What a phrase begins with, as the trigger reads it: ``0`` for any number, a mark
    (``(``) itself, else the word characters that open its first word, in lower case."""
    first = phrase.split()[0]
    if first[0].isdecimal():
        return DIGIT[0]
    word = re.match(r"\w+", first)
    return word.group().lower() if word else first[0]


def _any_case(words: Iterable[str]) -> str:
    """An alternation of lower-case ``words`` in any case (as ``(?i:...)`` matches them),
    arranged so that the regex engine rejects other words fast: one alternative per first
    letter, opening with the ASCII characters it matches as a plain set, and one more for
    words that open with a non-ASCII character."""
    tails: dict[str, set[str]] = {}
    for w in words:
        tails.setdefault(w[0], set()).add(w[1:])
    if not tails:
        return "(?!)"
    plain, other = [], []
    for first, rest in tails.items():
        body = "|".join(re.escape(r) for r in sorted(rest, key=len, reverse=True))
        same = re.compile(f"(?i:{re.escape(first)})")
        chars = "".join(re.escape(chr(c)) for c in range(128) if same.fullmatch(chr(c)))
        if chars:
            plain.append(f"[{chars}](?i:{body})")
        other.append(f"(?<={re.escape(first)})(?:{body})")
    return "|".join([*plain, f"[{_NON_ASCII}](?i:{'|'.join(other)})"])


def _probe(patterns: Iterable[re.Pattern[str]]) -> re.Pattern[str]:
    """One regex that matches wherever one of ``patterns`` does (their group names made
    unique): a place where none matches, the common case, costs one try instead of one each."""
    return re.compile(
        "|".join(
            "(?:" + _GROUP_NAME.sub(rf"(?P\1\2_{k}", p.pattern) + ")"
            for k, p in enumerate(patterns)
        )
    )


# A probe and the indexes of the regexes it stands for.
_Begin = tuple[re.Pattern[str], tuple[int, ...]]

_CUE_CHARS = 200  # far more than the longest number cue and its spacing


class Plan:
    """Every rule of some grammars, tried only where a match can begin.

    Running each rule's regex over the whole text costs one pass per rule (about 30 for
    Malay with Indonesian). Instead one trigger regex finds the places where some rule can
    begin: a mark (``(``) anywhere, a number or a start word at the beginning of a word. A
    start word is followed by anything but a letter in every rule (white space, ``/``,
    ``.``, a digit: ``tháng12``), so the word read whole says which rules it can begin, and
    only those are tried there, with ``match``. A rule is tried again only from where its
    last match ended, so each rule finds exactly what its ``finditer`` would; a regex that
    several grammars share is run once for all of them.
    """

    def __init__(self, chosen: tuple[Grammar, ...]) -> None:
        index: dict[str, int] = {}
        self.patterns: list[re.Pattern[str]] = []
        # Per regex: (order of the rule among all the grammars' rules, rule).
        self.owners: list[list[tuple[int, Rule]]] = []
        at: dict[str, set[int]] = {}
        for order, rule in enumerate(r for g in chosen for r in g.rules):
            i = index.setdefault(rule.pattern.pattern, len(index))
            if i == len(self.patterns):
                self.patterns.append(rule.pattern)
                self.owners.append([])
            self.owners[i].append((order, rule))
            for phrase in rule.starts:
                at.setdefault(_head(phrase), set()).add(i)
        marks = "".join(re.escape(h) for h in sorted(at) if not re.match(r"\w", h))
        words = [h for h in at if re.match(r"\w", h) and h != DIGIT[0]]
        probes: dict[tuple[int, ...], re.Pattern[str]] = {}

        def begin(ids: Iterable[int]) -> _Begin:
            key = tuple(sorted(set(ids)))
            if key not in probes:
                probes[key] = _probe(self.patterns[i] for i in key)
            return probes[key], key

        self.at = {h: begin(ids) for h, ids in at.items()}
        self.digit = begin(at.get(DIGIT[0], ()))
        # A word the table does not know (a case the regex engine folds differently from
        # ``str.lower``) may begin any rule that a word begins.
        self.any_word = begin(i for h in words for i in at[h])
        # Groups: ``mark`` (the character matched is one), else ``digit`` or ``word`` for
        # what follows it. ``start`` reads what a word begins with (a text's first word,
        # the word after a mark).
        self.start = re.compile(rf"(?:(?P<digit>\d)|(?P<word>{_any_case(words)})(?![^\W\d_]))")
        mark = f"(?P<mark>(?<=[{marks}]))" if marks else "(?P<mark>(?!))"
        self.trigger = re.compile(rf"{_BEFORE_WORD}(?:{mark}|(?={self.start.pattern}))")
        self.tense = Tense([c for g in chosen for c in g.data.get("future_cues", [])])
        cues = [c for g in chosen for c in g.not_date_cues]
        self.not_date = re.compile(rf"(?<!\w){alt(cues)}\s*$")
        self.cue_words = max((len(c.split()) for c in cues), default=0)

    def _begins(self, m: re.Match[str]) -> _Begin:
        if m.lastgroup == "digit":
            return self.digit
        return self.at.get(m.group("word").lower(), self.any_word)

    def places(self, text: str) -> Iterator[tuple[int, _Begin]]:
        """Where a rule can begin, in text order, with the regexes that can begin there."""
        first = self.start.match(text)
        if first is not None:
            yield 0, self._begins(first)
        for t in self.trigger.finditer(text):
            if t.lastgroup == "mark":
                yield t.start(), self.at[text[t.start()]]
                after = self.start.match(text, t.end())
                if after is not None:
                    yield t.end(), self._begins(after)
            else:
                yield t.end(), self._begins(t)

    def matches(self, text: str) -> list[tuple[int, re.Match[str]]]:
        """Every match of every regex (its index, the match): each regex's ``finditer``."""
        last = [0] * len(self.patterns)
        found: list[tuple[int, re.Match[str]]] = []
        for pos, (probe, ids) in self.places(text):
            if probe.match(text, pos) is not None:
                for i in ids:
                    if pos >= last[i] and (m := self.patterns[i].match(text, pos)):
                        last[i] = m.end()
                        found.append((i, m))
        return found

    def hits(self, text: str, pub: date | None) -> list[tuple[int, Hit]]:
        """Every rule's readings, each with the order of its rule."""
        found = []
        future: Intervals | None = None  # its stretches about the future, once asked
        for i, m in self.matches(text):
            span = m.span("x") if "x" in m.re.groupindex else m.span()
            for order, rule in self.owners[i]:
                try:
                    reading = rule.read(m, pub)
                    if reading is None:
                        continue
                    p = reading[0]
                    if pub and rule.ahead and p.relative and p.end and p.end < pub and bare(m):
                        future = self.tense.future(text) if future is None else future
                        if future.overlaps(span[0], span[0] + 1):
                            again = rule.read(m, pub + AGAIN) if rule.ahead == "again" else None
                            later = None if again is None else again[0]
                            reading = ahead(p, rule.ahead, pub, later), reading[1]
                except periods.OutOfCalendar:
                    continue
                found.append((order, Hit(*span, *reading, rule.numeric, rule.name)))
        return found

    def after_number_cue(self, text: str, end: int) -> bool:
        """Whether ``text[:end]`` ends with a number cue (``No.``): searched only over its
        last words, as many as the longest cue has (within the last ``_CUE_CHARS``
        characters: slicing the whole text before every number would cost quadratic time)."""
        window = max(0, end - _CUE_CHARS)
        tail = text[window:end].rsplit(None, self.cue_words)
        start = window + len(tail[0]) if len(tail) > self.cue_words else window
        return self.not_date.search(text, start, end) is not None


def plan_for(langs: tuple[str | None, ...]) -> Plan:
    """The plan to scan text in these languages with (see ``grammars``)."""
    return _plan_of(grammars(langs))


@cache
def _plan_of(chosen: tuple[Grammar, ...]) -> Plan:
    """One plan per list of grammars (``("ms", "ms")`` and ``("ms",)`` share one)."""
    return Plan(chosen)
