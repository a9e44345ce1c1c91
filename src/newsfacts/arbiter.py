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


@dataclass(frozen=True, slots=True)
class Rule:
    """One named way of settling an overlap."""

    name: str
    settle: Callable[[Sequence[Fact]], list[Fact]]


def _spans_of(facts: Sequence[Fact], kind: str) -> tuple[list[int], list[tuple[int, int]]]:
    spans = sorted((f.start, f.end) for f in facts if f.type == kind)
    return [start for start, _ in spans], spans


def date_over_count(facts: Sequence[Fact]) -> list[Fact]:
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
RULES: tuple[Rule, ...] = (Rule("date-over-count", date_over_count),)


def settle(facts: Sequence[Fact], rules: Sequence[Rule] = RULES) -> list[Fact]:
    """The facts that the rules keep, in their input order."""
    kept = list(facts)
    for rule in rules:
        kept = rule.settle(kept)
    return kept
