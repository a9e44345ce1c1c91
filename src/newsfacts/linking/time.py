"""A figure's time: its own (explicit) date, else its sentence's or the one's right before,
else the publication date; ``recurring`` from its clause (rules in
:mod:`newsfacts.linking.linker`)."""

from __future__ import annotations

import bisect
from collections.abc import Set as AbstractSet
from dataclasses import replace
from typing import Literal

from newsfacts.linking.clauses import Clauses
from newsfacts.linking.cues import Cues, code_of, cues
from newsfacts.model import Change, Context, Fact, Period, TimeRef


class Times:
    """The times of one block's figures, given its dates (sorted by start)."""

    def __init__(
        self,
        ctx: Context,
        spans: Clauses,
        dates: list[Fact],
        figures: list[Fact],
        baselines: AbstractSet[str] = frozenset(),  # dates compared against
        private: AbstractSet[str] = frozenset(),  # baseline values, whose dates are theirs
    ):
        self.ctx = ctx
        self.text = ctx.text
        self.spans = spans
        self.dates = dates
        self.date_starts = [d.start for d in dates]
        self.own = {f.id: d for f in figures if (d := self.explicit(f)) is not None}
        # A date claimed by a figure, or compared against (``so với cùng kỳ năm trước``),
        # governs no other figure.
        claimed = {d.id for d in self.own.values()} | baselines
        self.free = [d for d in dates if d.id not in claimed]
        # Another figure's own date still dates a figure of its sentence that has no other:
        # one period, many figures (``$1.3bn in 2024, while imports rose 4%``); not one in
        # brackets (``12% (2021) while the target is 5%``), nor a baseline value's.
        shared = {
            d.id: d
            for fid, d in self.own.items()
            if d.id not in baselines
            and fid not in private
            and "(" not in self.text[max(0, d.start - 40) : d.start].rsplit(")", 1)[-1]
        }
        self.owned = sorted(shared.values(), key=lambda d: d.start)
        # Dates never overlap, so sorted by start they are sorted by end too.
        self.free_starts = [d.start for d in self.free]
        self.free_ends = [d.end for d in self.free]
        self.recurring: dict[tuple[int, int], bool] = {}  # per clause

    def explicit(self, f: Fact) -> Fact | None:
        code = code_of(f, self.ctx)
        for d in self.dates[bisect.bisect_left(self.date_starts, f.start) :]:
            if f.start <= d.start and d.end <= f.end:
                return d
            if d.start >= f.end and code is not None:
                if cues(code).explicit_gap.fullmatch(self.text, f.end, d.start):
                    return d
                break  # only the first date after the figure can be its own
        return None

    def of(self, f: Fact, change: Change | None, words: Cues | None) -> TimeRef | None:
        """The figure's time, ``recurring`` set from its clause when its language has words."""
        # The first value of a change shares the sentence's time even when the date sits
        # right after the second value ("fell from 6% to 5% last week").
        partner = (
            self.own.get(change.to_id)
            if change and change.to_id and change.from_id == f.id
            else None
        )
        # Only the nearest free dates on either side of the figure and of its sentence's
        # start can be chosen: those, not every date, are weighed.
        s, _ = self.spans.sentence(f.start)
        near = {
            bisect.bisect_right(self.free_ends, f.start) - 1,
            bisect.bisect_left(self.free_starts, f.end),
            bisect.bisect_right(self.free_ends, s) - 1,
        }
        free = self.free
        time = self.time(
            f,
            self.own.get(f.id),
            sorted(
                [
                    *(free[i] for i in sorted(near) if 0 <= i < len(free)),
                    *([partner] if partner else []),
                ],
                key=lambda d: d.start,
            ),
        )
        if time is not None and words is not None:
            cs, ce = self.spans.clause(f)
            if (cs, ce) not in self.recurring:
                self.recurring[cs, ce] = words.recurring.search(self.text, cs, ce) is not None
            if self.recurring[cs, ce]:
                time = replace(time, recurring=True)
        return time

    def time(self, f: Fact, own: Fact | None, free: list[Fact]) -> TimeRef | None:
        if own is not None:
            return _ref(own, "explicit", 0.95)
        s, e = self.spans.sentence(f.start)
        before = [d for d in free if s <= d.start and d.end <= f.start]
        after = [d for d in free if f.end <= d.start and d.end <= e]
        if before:
            return _ref(before[-1], "sentence", 0.85)
        if after:
            return _ref(after[0], "sentence", 0.75)
        owned = [d for d in self.owned if s <= d.start and d.end <= e]
        if owned:
            after_f = [d for d in owned if d.start >= f.end]
            return _ref(after_f[0] if after_f else owned[-1], "sentence", 0.7)
        # the date of the sentence right before, not of any earlier one: measured on the
        # development set (benchmarks/dev/dated_figures), a date further back dated more
        # figures wrongly than rightly
        earlier = [d for d in free if d.end <= s]
        if earlier and earlier[-1].start >= self.spans.sentence(max(0, s - 1))[0]:
            return _ref(earlier[-1], "paragraph", 0.65)
        pub = self.ctx.published
        if pub is None:
            return None
        return TimeRef(pub, pub, "day", None, "published", confidence=0.5)


def _ref(d: Fact, how: Literal["explicit", "sentence", "paragraph"], confidence: float) -> TimeRef:
    assert isinstance(d.value, Period) and d.value.start and d.value.end  # bounded: linker.py
    # a date read against a guessed reference is less sure than one written in full
    sure = confidence * (0.9 if d.value.relative else 1.0)
    return TimeRef(
        d.value.start, d.value.end, d.value.grain, d.text, how, date_id=d.id, confidence=sure
    )


def baseline_of(change: Change, times: dict[str, TimeRef], compared: list[Fact]) -> TimeRef | None:
    """The period a change is measured against: its baseline value's own time, else the
    first date after a comparison word."""
    if change.from_id is not None:
        t = times.get(change.from_id)
        if t is not None and t.how == "explicit":
            return t
    return _ref(compared[0], "explicit", 0.9) if compared else None
