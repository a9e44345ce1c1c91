"""Overlap questions on a set of spans: the same answers as asking every span, in any order
of adding, nested and overlapping spans included."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsfacts.text.intervals import Intervals

spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 25)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=30,
)


def _brute(items: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in items)


@given(spans, spans, spans)
def test_overlaps_agrees_with_asking_every_span(
    first: list[tuple[int, int]], added: list[tuple[int, int]], probes: list[tuple[int, int]]
) -> None:
    intervals = Intervals(first)
    for s, e in added:
        intervals.add(s, e)
    for s, e in probes:
        assert intervals.overlaps(s, e) == _brute(first + added, s, e)


def test_a_long_span_hides_no_short_one_after_it() -> None:
    intervals = Intervals([(0, 100), (10, 12)])
    assert intervals.overlaps(50, 60) and not intervals.overlaps(100, 120)
    intervals.add(5, 200)
    assert intervals.overlaps(150, 160)
