"""Character spans asked whether any overlaps a given one, in logarithmic time: a long
document has thousands of mentions, and asking each of the others would cost quadratic time."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate


class Intervals:
    """A set of ``[start, end)`` spans, which may overlap one another."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        pairs = sorted(spans)
        self._starts = [s for s, _ in pairs]
        # the furthest end of the spans up to each: a long span hides no short one after it
        self._ends = list(accumulate((e for _, e in pairs), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span of the set shares a character with ``[start, end)``."""
        k = bisect_left(self._starts, end)  # the spans that start before ``end``
        return k > 0 and self._ends[k - 1] > start

    def add(self, start: int, end: int) -> None:
        k = bisect_left(self._starts, start)
        reach = max(end, self._ends[k - 1]) if k else end
        self._starts.insert(k, start)
        self._ends.insert(k, reach)
        for j in range(k + 1, len(self._ends)):  # the later ends reach at least as far
            if self._ends[j] >= reach:
                break
            self._ends[j] = reach
