"""The readings of rule matches: match -> (period, confidence), or None when the match is
not a date. The group names they read are the ones the rules' patterns define."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from newsfacts.dates import periods
from newsfacts.dates.back import BackReader
from newsfacts.dates.named import NamedReader
from newsfacts.dates.periods import CUED_YEARS, nearest
from newsfacts.dates.relative import RelativeReader
from newsfacts.dates.words import Reading, fold, group, lookup
from newsfacts.dates.years import YearReader
from newsfacts.lang import loader
from newsfacts.model import Grain, Period

Read = Callable[[re.Match[str], "date | None"], "Reading | None"]


def day_and_month(order: str, a: str, b: str) -> tuple[int, int]:
    """A numeric date's day and month in the language's order (``dmy``), or in the other
    where only that one is a valid date."""
    day_, month_ = (int(a), int(b)) if order == "dmy" else (int(b), int(a))
    return (month_, day_) if month_ > 12 >= day_ else (day_, month_)


def range_start(
    order: str, m: re.Match[str], day_: int, month_: int
) -> tuple[int, int, int] | None:
    """Where a numeric range ending on ``day_``/``month_`` starts (``21-22/7``: a day of the
    same month; ``30/4 - 1/5``: a day of another): day, month, and 1 if in the year before
    (``28/12 - 3/1``); None if it runs backwards. A single date starts on itself."""
    first, first_month = day_, month_
    if group(m, "a0") is not None:
        first, first_month = day_and_month(order, m["a0"], m["b0"])
    elif group(m, "a1") is not None:
        first = int(m["a1"])
    if (first_month, first) <= (month_, day_):
        return first, first_month, 0
    return (first, first_month, 1) if first_month - month_ >= 11 else None


def _modified(build: Callable[[int], Period | None], pub: date, k: int) -> Period | None:
    """A year-less day with its own modifier: ``16 Disember lepas`` the latest on or before
    ``pub``, ``27 Oktober ini`` this year's, ``20 Disember depan`` the first after it."""
    if k == 0:
        return build(pub.year)
    for y in (pub.year, pub.year + k):
        p = build(y)
        if p is None or p.start is None or p.end is None:
            continue
        if (p.start <= pub) if k < 0 else (p.end >= pub):
            return p
    return None


class Reader(RelativeReader, NamedReader, YearReader, BackReader):
    """The word tables of one language (built once from its data file) and the readings of
    its rules' matches: the calendar ones here, the relative, named, year and back ones in
    the mixins."""

    def __init__(self, code: str, data: Mapping[str, Any]) -> None:
        self.code = code
        self.order = str(data["_numeric_order"])
        calendar = loader.load(code, "calendar") if code in loader.available("calendar") else {}
        self.months = fold(calendar.get("months", {}))
        self.units = fold(data["units"])
        self.modifiers = fold(data["modifiers"])
        self.day_modifiers = fold(data.get("day_modifiers", {}))
        self.days = fold(data["days"])
        self.quarters = fold(data["quarter"]["ordinals"]) | fold(data["quarter"].get("codes", {}))
        self.halves = (
            fold(data["half"]["ordinals"])
            | fold(data["half"].get("codes", {}))
            | fold(data["half"].get("phrases", {}))
        )
        self._relative_tables(data)
        self._named_tables(data)

    def iso(self, m: re.Match[str], pub: date | None) -> Reading | None:
        p = periods.day(int(m["y"]), int(m["m"]), int(m["d"]))
        return None if p is None else (p, 0.95)

    def numeric(self, m: re.Match[str], pub: date | None) -> Reading | None:
        day_, month_ = day_and_month(self.order, m["a"], m["b"])
        starts = range_start(self.order, m, day_, month_)
        if starts is None:
            return None
        first, first_month, back = starts

        def build(y: int, relative: bool = True) -> Period | None:
            start = periods.day(y - back, first_month, first, relative)
            end = periods.day(y, month_, day_, relative)
            return None if start is None or end is None else replace(start, end=end.end)

        if group(m, "y") is not None:
            if int(m["y"]) not in CUED_YEARS:
                return None
            p = build(int(m["y"]), False)
            return None if p is None else (p, 0.95)
        if pub is None:
            return periods.unresolved("day", None), 0.7
        found = nearest(build, pub)
        return None if found is None else (found, 0.85)

    def _month_number(self, m: re.Match[str]) -> int:
        number = group(m, "mm")
        return int(number) if number is not None else int(lookup(self.months, m["mn"]))

    def _relation(self, m: re.Match[str]) -> str | None:
        """The year a year-less expression moves by (``tháng 10 năm ngoái``: -1 year)."""
        if group(m, "ry") is not None:
            return f"{int(lookup(self.modifiers, m['rm'])):+d} year"
        if group(m, "by") is not None:
            return "+0 year"
        return None

    def _year_of(self, m: re.Match[str], pub: date | None) -> tuple[int, bool] | None:
        """The year written after a month, quarter or half, or None if there is none."""
        if group(m, "y") is not None:
            y = int(m["y"])
            return (y, False) if y in CUED_YEARS else None
        if pub is not None and group(m, "ry") is not None:
            return pub.year + int(lookup(self.modifiers, m["rm"])), True
        if pub is not None and group(m, "by") is not None:
            return pub.year, True
        return None

    def _placed(
        self,
        m: re.Match[str],
        pub: date | None,
        build: Callable[..., Period | None],
        grain: Grain,
        sure: tuple[float, float, float] = (0.9, 0.65, 0.8),
    ) -> Reading | None:
        """A day or months (``build(year, relative)``) in the year written or named after
        them (``2024``, ``tahun lalu``), else in the nearest to ``pub`` (``periods.nearest``),
        else unresolved; ``sure``: the confidence of each of the three."""
        given = self._year_of(m, pub)
        if given is not None:
            p = build(*given)
            return None if p is None else (p, sure[0])
        if group(m, "y") is not None:
            return None  # a year written but not one newsfacts reads (``Mac 1650``)
        if pub is None:
            return periods.unresolved(grain, self._relation(m)), sure[1]
        if group(m, "dm") is not None:
            found = _modified(build, pub, int(lookup(self.day_modifiers, m["dm"])))
            return None if found is None else (found, sure[0])
        found = nearest(build, pub)
        return None if found is None else (found, sure[2])

    def day_month(self, m: re.Match[str], pub: date | None) -> Reading | None:
        month_ = self._month_number(m)
        day_ = int(m["d"])
        first = int(m["d1"]) if group(m, "d1") is not None else day_
        if first > day_:
            return None

        def build(y: int, relative: bool = True) -> Period | None:
            start, end = periods.day(y, month_, first), periods.day(y, month_, day_)
            if start is None or end is None:
                return None
            return Period(start.start, end.end, "day", relative)

        return self._placed(m, pub, build, "day", (0.95, 0.7, 0.85))

    def month(self, m: re.Match[str], pub: date | None) -> Reading | None:
        month_ = self._month_number(m)
        return self._placed(
            m, pub, lambda y, relative=True: periods.month(y, month_, relative), "month"
        )

    def month_span(self, m: re.Match[str], pub: date | None) -> Reading | None:
        first = int(m["mm1"]) if group(m, "mm1") else int(lookup(self.months, m["mn1"]))
        last = self._month_number(m)
        count = (last - first) % 12 + 1  # ``November-January`` runs into the next year
        if count < 2:
            return None
        back = 1 if last < first else 0  # the year written is the last month's

        def build(y: int, relative: bool = True) -> Period:
            return periods.months(y - back, first, count, "month", relative)

        return self._placed(m, pub, build, "month")

    def month_modified(self, m: re.Match[str], pub: date | None) -> Reading | None:
        """``last August`` (the latest August before this month), ``this August``, ``next
        August`` (the first after it)."""
        month_, k = self._month_number(m), int(lookup(self.modifiers, m["rm"]))
        if pub is None:
            return periods.unresolved("month", None), 0.65
        y = pub.year
        if k < 0 and month_ >= pub.month:
            y -= 1
        elif k > 0 and month_ <= pub.month:
            y += 1
        return periods.month(y, month_, True), 0.85

    def _part(
        self,
        m: re.Match[str],
        pub: date | None,
        table: Mapping[str, Any],
        build: Callable[[int, int, bool], Period],
    ) -> Reading | None:
        n = int(lookup(table, m["o"]))
        given = self._year_of(m, pub)
        if given is not None:
            return build(given[0], n, given[1]), 0.9
        if group(m, "y") is not None:
            return None
        if pub is None:
            return periods.unresolved(build(2000, n, True).grain, self._relation(m)), 0.65
        found = nearest(lambda y: build(y, n, True), pub)
        return None if found is None else (found, 0.8)

    def quarter(self, m: re.Match[str], pub: date | None) -> Reading | None:
        return self._part(m, pub, self.quarters, periods.quarter)

    def half(self, m: re.Match[str], pub: date | None) -> Reading | None:
        return self._part(m, pub, self.halves, periods.half)

    def part_code(self, m: re.Match[str], pub: date | None) -> Reading | None:
        """``3Q24``, ``Q3'24``, ``1H2024``: a quarter or half with its year."""
        y = int(m["yy"])
        y = y + 2000 if y < 100 else y
        if y not in CUED_YEARS:
            return None
        q = group(m, "pq") or group(m, "pq2")
        if q is not None:
            return periods.quarter(y, int(q)), 0.9
        return periods.half(y, int(group(m, "ph") or m["ph2"])), 0.9
