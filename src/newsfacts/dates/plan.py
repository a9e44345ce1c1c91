"""Where each date rule is tried: only where one of its matches can begin; and the
readings of the matches, each made only if asked for.

The probes and the trigger are built once per list of grammars (``plan_for``) and cached.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import NamedTuple

from newsfacts.dates import periods
from newsfacts.dates.joins import Found
from newsfacts.dates.rules import Grammar, Rule, grammars
from newsfacts.dates.tense import AGAIN, Future, Tense, ahead, bare
from newsfacts.dates.words import DIGIT, alt
from newsfacts.text.patterns import trie


class Candidate(NamedTuple):
    """A rule's match, and the span its reading would cover."""

    start: int
    end: int
    order: int  # of the rule among all the grammars' rules
    rule: Rule
    match: re.Match[str]


_NON_ASCII = r"\x80-\U0010ffff"
# The character before a word: anything but an ASCII letter, digit or ``_`` (non-ASCII ones
# then checked). A plain character set lets the regex engine skip the letters fast.
_BEFORE_WORD = rf"[\x00-/:-@\[-\^`{{-\x7f{_NON_ASCII}](?<=\W)"
_GROUP_NAME = re.compile(r"\(\?P([<=])(\w+)")
_NAMED_GROUP = re.compile(r"(?<!\\)\(\?P<(\w+)>")
_GROUP_REF = re.compile(r"\(\?P=(\w+)\)")


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
    arranged so that the regex engine rejects other words fast: one alternative per ASCII
    character a word can open with, that character itself (the engine tests it without
    entering the alternative), then the rest of the words as a prefix tree; and one more
    alternative for words that open with a non-ASCII character."""
    tails: dict[str, set[str]] = {}
    for w in words:
        tails.setdefault(w[0], set()).add(w[1:])
    if not tails:
        return "(?!)"
    plain, other = [], []
    for first, rest in tails.items():
        # a prefix tree tries longer words first, as a longest-first alternation does
        body = trie(rest, ignore_case=True)
        same = re.compile(f"(?i:{re.escape(first)})")
        plain += [f"{re.escape(chr(c))}(?i:{body})" for c in range(128) if same.fullmatch(chr(c))]
        other.append(f"(?<={re.escape(first)})(?:{body})")
    return "|".join([*plain, f"[{_NON_ASCII}](?i:{'|'.join(other)})"])


def _bare(pattern: str, k: int) -> str:
    """A rule's regex as the ``k``-th alternative of a probe: without the named groups it
    does not refer back to (``(?P=s)``), the others' names made unique. A probe only asks
    whether the regex matches, and captures make the regex engine's failed tries, the
    common case, several times slower in a long alternation."""
    kept = set(_GROUP_REF.findall(pattern))
    bare = _NAMED_GROUP.sub(lambda g: g[0] if g[1] in kept else "(?:", pattern)
    return _GROUP_NAME.sub(rf"(?P\1\2_{k}", bare)


def _probe(patterns: Iterable[re.Pattern[str]]) -> re.Pattern[str]:
    """One regex that matches wherever one of ``patterns`` does: a place where none
    matches, the common case, costs one try instead of one each. Each alternative ends in
    an empty group (``_k``, reached only once it has matched): the first that matches says
    that the ones before it do not (``Plan.matches``)."""
    return re.compile(
        "|".join(f"(?:{_bare(p.pattern, k)})(?P<_{k}>)" for k, p in enumerate(patterns))
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
        # ``start`` reads what a word begins with (a text's first word, the word after a
        # mark). The trigger matches the character before a word and, unless that is a
        # mark, the digit or the start word after it (no place follows a word character,
        # so none is passed over). Its last group says which: empty groups at the ends of
        # the alternatives, as the regex engine tests the first character of an
        # alternative that opens with one without entering it.
        word = rf"(?:{_any_case(words)})(?![^\W\d_])"
        self.start = re.compile(rf"(?:(?P<digit>\d)|(?P<word>{word}))")
        mark = f"(?<=[{marks}])(?P<mark>)" if marks else "(?!)"
        self.trigger = re.compile(rf"{_BEFORE_WORD}(?:{mark}|\d(?P<digit>)|{word}(?P<word>))")
        self.tense = Tense(
            [c for g in chosen for c in g.data.get("future_cues", [])],
            [c for g in chosen for c in g.data.get("future_ends", [])],
        )
        cues = [c for g in chosen for c in g.not_date_cues]
        self.not_date = re.compile(rf"(?<!\w){alt(cues)}\s*$")
        self.cue_words = max((len(c.split()) for c in cues), default=0)

    def _begins(self, start: re.Match[str]) -> _Begin:
        """The regexes that can begin where ``start`` matched."""
        if start.lastgroup == "digit":
            return self.digit
        return self.at.get(start.group().lower(), self.any_word)

    def places(self, text: str) -> list[tuple[int, _Begin]]:
        """Where a rule can begin, in text order, with the regexes that can begin there."""
        found = []
        first = self.start.match(text)
        if first is not None:
            found.append((0, self._begins(first)))
        for t in self.trigger.finditer(text):
            kind, at = t.lastgroup, t.start() + 1  # after the character before the word
            if kind == "digit":
                found.append((at, self.digit))
            elif kind == "word":
                found.append((at, self.at.get(text[at : t.end()].lower(), self.any_word)))
            else:  # a mark, then what the word after it begins
                found.append((at - 1, self.at[text[at - 1]]))
                after = self.start.match(text, at)
                if after is not None:
                    found.append((at, self._begins(after)))
        return found

    def matches(self, text: str) -> list[tuple[int, re.Match[str]]]:
        """Every match of every regex (its index, the match): each regex's ``finditer``."""
        patterns = self.patterns
        last = [0] * len(patterns)
        found: list[tuple[int, re.Match[str]]] = []
        for pos, (probe, ids) in self.places(text):
            if (hit := probe.match(text, pos)) is not None:
                for i in ids[int(str(hit.lastgroup)[1:]) :]:
                    if pos >= last[i] and (m := patterns[i].match(text, pos)):
                        last[i] = m.end()
                        found.append((i, m))
        return found

    def candidates(self, text: str) -> list[Candidate]:
        """Every rule's match, in text order."""
        found = []
        for i, m in self.matches(text):
            start, end = m.span("x") if "x" in m.re.groupindex else m.span()
            found += [Candidate(start, end, order, rule, m) for order, rule in self.owners[i]]
        return found

    def after_number_cue(self, text: str, end: int) -> bool:
        """Whether ``text[:end]`` ends with a number cue (``No.``): searched only over its
        last words, as many as the longest cue has (within the last ``_CUE_CHARS``
        characters: slicing the whole text before every number would cost quadratic time)."""
        window = max(0, end - _CUE_CHARS)
        tail = text[window:end].rsplit(None, self.cue_words)
        start = window + len(tail[0]) if len(tail) > self.cue_words else window
        return self.not_date.search(text, start, end) is not None


class Readings:
    """The readings of the candidates in one text, each made only when asked for: many a
    candidate loses its span to a longer one first (``scanner.find``) and needs none."""

    def __init__(self, plan: Plan, text: str, pub: date | None) -> None:
        self.plan, self.text, self.pub = plan, text, pub
        self._future: Future | None = None  # made when first asked

    def read(self, c: Candidate) -> Found | None:
        """The candidate's reading; None if it is no date after all."""
        rule, m, pub = c.rule, c.match, self.pub
        try:
            reading = rule.read(m, pub)
            if reading is None:
                return None
            p = reading[0]
            if pub and rule.ahead and p.relative and p.end and p.end < pub and bare(m):
                if self._future is None:
                    self._future = self.plan.tense.future(self.text)
                if self._future.at(c.start):
                    again = rule.read(m, pub + AGAIN) if rule.ahead == "again" else None
                    later = None if again is None else again[0]
                    reading = ahead(p, rule.ahead, pub, later), reading[1]
        except periods.OutOfCalendar:
            return None
        return Found(c.start, c.end, *reading, rule.name)


def plan_for(langs: tuple[str | None, ...]) -> Plan:
    """The plan to scan text in these languages with (see ``grammars``)."""
    return _plan_of(grammars(langs))


@cache
def _plan_of(chosen: tuple[Grammar, ...]) -> Plan:
    """One plan per list of grammars (``("ms", "ms")`` and ``("ms",)`` share one)."""
    return Plan(chosen)
