"""The arbiter: one step that settles overlapping candidate facts from different stages.

Each scanner reads its own kind of fact and settles the overlaps among its own readings
(the longest date reading wins, a number is read once). Where the readings of two stages
meet, the rules below decide, in their order; each rule is named, documented and tested
on its own (``tests/test_arbiter.py``). A rule takes the facts (in any order) and returns
those it keeps.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsfacts.model import Fact
from newsfacts.text.shapes import in_web_address

_NOT_IN_ADDRESSES = frozenset({"date"})


@dataclass(frozen=True, slots=True)
class Rule:
    """One named way of settling an overlap: ``settle(facts, text)`` (``text`` the document's)
    returns the facts kept."""

    name: str
    settle: Callable[[Sequence[Fact], str], list[Fact]]


def _spans_of(facts: Sequence[Fact], kind: str) -> tuple[list[int], list[tuple[int, int]]]:
    spans = sorted((f.start, f.end) for f in facts if f.type == kind)
    return [start for start, _ in spans], spans


def outside_web_addresses(facts: Sequence[Fact], text: str) -> list[Fact]:
    """Nothing inside a link or a web address (``bernama.com/bm/2024/05/...``) is a date: its
    digits are part of a name. (Figures there are not caught yet: ``.../tickets/2025-26`` gives
    a count 26; applying this rule to them too is the fix, left to the number-shapes work
    because it changes the output.)"""
    if "/" not in text and "www" not in text:
        return list(facts)  # most documents hold no address: no need to look
    return [
        f
        for f in facts
        if f.type not in _NOT_IN_ADDRESSES or not in_web_address(text, f.start, f.end)
    ]


def date_over_count(facts: Sequence[Fact], text: str) -> list[Fact]:
    """A number the date scanner read as part of a date (``dalam tempoh 2021-2025``,
    ``between 2021 and 2025``) is not also a count: the date scanner only takes a year with
    a cue, so its reading wins over the figure scanner's count."""
    starts, dates = _spans_of(facts, "date")
    if not dates:
        return list(facts)

    def inside_a_date(fact: Fact) -> bool:
        # the dates do not overlap one another, so the one to check is the last to start
        # before the count ends
        i = bisect_left(starts, fact.end) - 1
        return i >= 0 and dates[i][1] > fact.start

    return [f for f in facts if f.type != "quantity" or not inside_a_date(f)]


# In order: a later rule sees what the earlier ones kept.
RULES: tuple[Rule, ...] = (
    Rule("outside-web-addresses", outside_web_addresses),
    Rule("date-over-count", date_over_count),
)


def settle(facts: Sequence[Fact], text: str, rules: Sequence[Rule] = RULES) -> list[Fact]:
    """The facts that the rules keep, in their input order."""
    kept = list(facts)
    for rule in rules:
        kept = rule.settle(kept, text)
    return kept
