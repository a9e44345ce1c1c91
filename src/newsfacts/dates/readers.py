"""The readings of rule matches: match -> (period, confidence), or None when the match is
not a date. The group names they read are the ones the rules' patterns define."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from newsfacts.dates import periods
from newsfacts.dates.periods import BARE_YEARS, CUED_YEARS, nearest, shift
from newsfacts.dates.words import fold, lookup
from newsfacts.lang import loader
from newsfacts.model import Period

Reading = tuple[Period, float]
Read = Callable[[re.Match[str], "date | None"], "Reading | None"]


def _g(m: re.Match[str], name: str) -> str | None:
    """An optional group: absent from some rules' patterns, unmatched in others."""
    value: str | None = m.groupdict().get(name)
    return value


class Reader:
    """The word tables of one language (built once from its data file) and the readings of
    its rules' matches."""

    def __init__(self, code: str, data: Mapping[str, Any]) -> None:
        self.order = str(data["_numeric_order"])
        calendar = loader.load(code, "calendar") if code in loader.available("calendar") else {}
        self.months = fold(calendar.get("months", {}))
        self.units = fold(data["units"])
        self.modifiers = fold(data["modifiers"])
        self.days = fold(data["days"])
        self.quarters = fold(data["quarter"]["ordinals"]) | fold(data["quarter"].get("codes", {}))
        self.halves = (
            fold(data["half"]["ordinals"])
            | fold(data["half"].get("codes", {}))
            | fold(data["half"].get("phrases", {}))
        )

    def iso(self, m: re.Match[str], pub: date | None) -> Reading | None:
        p = periods.day(int(m["y"]), int(m["m"]), int(m["d"]))
        return None if p is None else (p, 0.95)

    def numeric(self, m: re.Match[str], pub: date | None) -> Reading | None:
        a, b = int(m["a"]), int(m["b"])
        day_, month_ = (a, b) if self.order == "dmy" else (b, a)
        if month_ > 12 >= day_:  # only the other reading is a valid date
            day_, month_ = month_, day_
        if _g(m, "y") is not None:
            if int(m["y"]) not in CUED_YEARS:
                return None
            p = periods.day(int(m["y"]), month_, day_)
            return None if p is None else (p, 0.95)
        if pub is None:
            return None
        found = nearest(lambda y: periods.day(y, month_, day_, True), pub)
        return None if found is None else (found, 0.85)

    def _month_number(self, m: re.Match[str]) -> int:
        number = _g(m, "mm")
        return int(number) if number is not None else int(lookup(self.months, m["mn"]))

    def _year_of(self, m: re.Match[str], pub: date | None) -> tuple[int, bool] | None:
        """The year written after a month, quarter or half, or None if there is none."""
        if _g(m, "y") is not None:
            y = int(m["y"])
            return (y, False) if y in CUED_YEARS else None
        if pub is not None and _g(m, "ry") is not None:
            return pub.year + int(lookup(self.modifiers, m["rm"])), True
        if pub is not None and _g(m, "by") is not None:
            return pub.year, True
        return None

    def day_month(self, m: re.Match[str], pub: date | None) -> Reading | None:
        month_ = self._month_number(m)
        day_ = int(m["d"])
        first = int(m["d1"]) if _g(m, "d1") is not None else day_
        if first > day_:
            return None
        given = self._year_of(m, pub)

        def build(y: int, relative: bool = True) -> Period | None:
            start, end = periods.day(y, month_, first), periods.day(y, month_, day_)
            if start is None or end is None:
                return None
            return Period(start.start, end.end, "day", relative)

        if given is not None:
            p = build(given[0], given[1])
            return None if p is None else (p, 0.95)
        if _g(m, "y") is not None or pub is None:
            return None
        found = nearest(build, pub)
        return None if found is None else (found, 0.85)

    def month(self, m: re.Match[str], pub: date | None) -> Reading | None:
        month_ = self._month_number(m)
        given = self._year_of(m, pub)
        if given is not None:
            return periods.month(given[0], month_, given[1]), 0.9
        if _g(m, "y") is not None or pub is None:
            return None
        found = nearest(lambda y: periods.month(y, month_, True), pub)
        return None if found is None else (found, 0.8)

    def year(self, m: re.Match[str], pub: date | None) -> Reading | None:
        y = int(m["y"])
        return (periods.year(y), 0.9) if y in CUED_YEARS else None

    def year_range(self, m: re.Match[str], pub: date | None) -> Reading | None:
        y1, y2 = int(m["y1"]), int(m["y2"])
        if not (y1 < y2 <= y1 + 100):
            return None
        if _g(m, "and") is not None and _g(m, "btw") is None:  # "2021 and 2024": two years
            return None
        if _g(m, "btw") is not None and _g(m, "and") is None:
            return None
        if _g(m, "to") is not None and _g(m, "from") is None and _g(m, "yw") is None:
            return None  # "2021 to 2025" alone is too often two counts
        if (
            _g(m, "from") is None
            and _g(m, "btw") is None
            and _g(m, "yw") is None
            and not (y1 in BARE_YEARS and y2 in BARE_YEARS)
        ):
            return None
        return Period(date(y1, 1, 1), date(y2, 12, 31), "year"), 0.9

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
        if _g(m, "y") is not None or pub is None:
            return None
        found = nearest(lambda y: build(y, n, True), pub)
        return None if found is None else (found, 0.8)

    def quarter(self, m: re.Match[str], pub: date | None) -> Reading | None:
        return self._part(m, pub, self.quarters, periods.quarter)

    def half(self, m: re.Match[str], pub: date | None) -> Reading | None:
        return self._part(m, pub, self.halves, periods.half)

    def relative(self, m: re.Match[str], pub: date | None) -> Reading | None:
        if pub is None:
            return None
        unit = str(lookup(self.units, m["ru"]))
        if _g(m, "n") is not None:
            return shift(pub, unit, -int(m["n"])), 0.8
        return shift(pub, unit, int(lookup(self.modifiers, m["rm"]))), 0.85

    def day_word(self, m: re.Match[str], pub: date | None) -> Reading | None:
        if pub is None:
            return None
        return shift(pub, "day", int(lookup(self.days, m["dw"]))), 0.85
