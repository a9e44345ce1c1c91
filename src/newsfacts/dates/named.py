"""Readings of the periods that have names: decades, centuries, seasons, holidays (their
dates from the ``holidays`` package, lunar and Islamic ones included) and fiscal years."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from functools import cache
from typing import Any

from newsfacts.dates import periods
from newsfacts.dates.words import Reading, fold, group, lookup
from newsfacts.model import Grain, Period

FISCAL_UNKNOWN = "fiscal calendar unknown"
_FIXED = re.compile(r"(?P<name>.+)@(?P<m>\d\d)-(?P<d>\d\d)")
# a period from one holiday to the day before the next of another (``Beginning of
# Ramadan..Eid al-Fitr``: the fasting month), where the package names its days, not the month
_SPAN = re.compile(r"(?P<first>.+)\.\.(?P<last>.+)")
# a holiday the package names only in some countries or years, else some days after (or
# before) another (``Easter Sunday|Good Friday+2``: England keeps Good Friday, not Easter
# Sunday; ``New Year's Eve|New Year's Day-1``: the eve of the year named)
_AFTER = re.compile(r"(?P<name>[^|]+)\|(?P<base>.+?)(?P<days>[+-]\d+)")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman(text: str) -> int:
    total = 0
    for a, b in zip(text, text[1:] + " ", strict=True):
        v = _ROMAN[a]
        total += -v if b in _ROMAN and _ROMAN[b] > v else v
    return total


@cache
def _calendar(country: str, y: int) -> dict[date, str]:
    """A country's holidays of one year, in English (``MY-KUL``: with a state's own)."""
    import holidays

    code, _, subdiv = country.partition("-")
    found = holidays.country_holidays(code, subdiv=subdiv or None, years=y, language="en_US")
    return dict(found.items())


def holiday_date(countries: tuple[str, ...], name: str, y: int) -> tuple[date, str] | None:
    """The first day of the holiday called ``name`` (a part of the package's English name,
    compared in lower case) in year ``y``, in the first of ``countries`` that keeps it."""
    wanted = name.casefold()
    for country in countries:
        days = [
            (d, part.strip())
            for d, n in _calendar(country, y).items()
            for part in n.split(";")  # two holidays on one day: "Malaysia Day; ..."
            if part.strip().casefold() == wanted
        ]
        if days:
            return min(days)
    return None


class NamedReader:
    """The named periods of one language (mixed into ``readers.Reader``)."""

    modifiers: dict[str, Any]

    def _named_tables(self, data: Mapping[str, Any]) -> None:
        self.seasons = fold(data.get("seasons", {}))
        self.open_seasons = bool(data.get("_open_seasons"))
        self.holidays = fold(data.get("holidays", {}))
        self.countries = tuple(data.get("_holiday_countries", ()))

    def decade(self, m: re.Match[str], pub: date | None) -> Reading | None:
        if group(m, "dw") is None and group(m, "ds") is None:
            return None
        licensed = group(m, "dw") or group(m, "db") or group(m, "ap") or group(m, "pl") is not None
        if group(m, "e2") is not None and not licensed:
            return None
        if group(m, "e") is not None:
            return periods.decade(int(m["c"]) * 100 + int(m["e"]) * 10), 0.9
        tens = int(m["e2"]) * 10
        if pub is None:
            return periods.decade(1900 + tens), 0.7
        first = pub.year // 100 * 100 + tens
        return periods.decade(first if first <= pub.year else first - 100), 0.8

    def century(self, m: re.Match[str], pub: date | None) -> Reading | None:
        text = group(m, "n") or m["n2"]
        n = int(text) if text.isdigit() else _roman(text)
        return (periods.century(n), 0.9) if 1 <= n <= 22 else None

    def season(self, m: re.Match[str], pub: date | None) -> Reading | None:
        first, count = lookup(self.seasons, m["sn"])
        mod = group(m, "sm") or group(m, "sm2")

        def build(y: int, relative: bool = True) -> Period:
            return periods.months(y, int(first), int(count), "season", relative)

        if group(m, "y"):
            return build(int(m["y"]), False), 0.85
        k = int(lookup(self.modifiers, mod)) if mod else None
        year_k = int(lookup(self.modifiers, m["rm"])) if group(m, "rm") else None
        if pub is None:
            moved = year_k if year_k is not None else k
            relation = None if moved is None else f"{moved:+d} season"
            return periods.unresolved("season", relation), 0.6
        if year_k is not None:  # ``mùa thu năm ngoái``: that year's
            return build(pub.year + year_k), 0.8
        if self.open_seasons:  # ``musim tengkujuh ini``: the monsoon's days are not given
            relation = None if k is None else f"{k:+d} season"
            return Period(
                None, None, "season", True, relation=relation, unresolved=periods.OPEN
            ), 0.6
        seasons = [build(y) for y in range(pub.year - 2, pub.year + 2)]
        if k is not None and k < 0:  # ``last summer``: the latest one over
            found = [p for p in seasons if p.end is not None and p.end < pub][-1]
        elif k is not None and k > 0:  # ``next spring``: the first one to come
            found = next(p for p in seasons if p.start is not None and p.start > pub)
        elif k == 0:  # ``this winter``: the one under way or next
            found = next(p for p in seasons if p.end is not None and p.end >= pub)
        else:
            nearest = periods.nearest(build, pub)
            if nearest is None:
                return None
            found = nearest
        return found, 0.75

    def holiday(self, m: re.Match[str], pub: date | None) -> Reading | None:
        name = str(lookup(self.holidays, m["hn"]))
        fixed = _FIXED.fullmatch(name)

        span = _SPAN.fullmatch(name)
        after = _AFTER.fullmatch(name)

        def build(y: int, relative: bool = True) -> Period | None:
            if fixed is not None:  # a day of the calendar (the package may add days off)
                day = periods.day(y, int(fixed["m"]), int(fixed["d"]), relative)
                return None if day is None else replace(day, holiday=fixed["name"])
            if span is not None:
                return self._span(span["first"], span["last"], y, relative)
            found = holiday_date(self.countries, after["name"] if after else name, y)
            if found is None and after is not None:
                base = holiday_date(self.countries, after["base"], y)
                if base is not None:
                    found = base[0] + timedelta(days=int(after["days"])), after["name"]
            if found is None:
                return None
            return Period(found[0], found[0], "day", relative, holiday=found[1])

        if group(m, "y"):
            p = build(int(m["y"]), False)
            return None if p is None else (p, 0.9)
        if pub is not None and group(m, "ry") is not None:
            p = build(pub.year + int(lookup(self.modifiers, m["rm"])))
            return None if p is None else (p, 0.85)
        if pub is None:
            grain: Grain = "day" if span is None else "month"
            named = span["first"] if span else re.split("[@|]", name)[0]
            return periods.unresolved(grain, None, holiday=named), 0.65
        p = periods.nearest(build, pub)
        return None if p is None else (p, 0.85)

    def _span(self, first: str, last: str, y: int, relative: bool) -> Period | None:
        """The days from the holiday ``first`` of year ``y`` to the one before ``last``."""
        begins = holiday_date(self.countries, first, y)
        if begins is None:
            return None
        ends = holiday_date(self.countries, last, y)
        if ends is None or ends[0] <= begins[0]:  # the month runs into the next year
            ends = holiday_date(self.countries, last, y + 1)
        if ends is None:
            return None
        return Period(begins[0], ends[0] - timedelta(days=1), "month", relative, holiday=begins[1])

    def fiscal(self, m: re.Match[str], pub: date | None) -> Reading | None:
        """``FY2023``, ``tahun kewangan 2022``, ``Q1 FY2022``: the days are left to the
        document's fiscal calendar (:mod:`newsfacts.dates.compose`)."""
        y = int(m["y2"] or m["y"])  # FY2022/23 is named by the year it ends in
        if y < 100:
            y += 2000
        q = group(m, "fq") or group(m, "fq2")
        grain: Grain = "quarter" if q else "year"
        relation = f"FY{y}" + (f" Q{q}" if q else "")
        return (
            Period(None, None, grain, relation=relation, fiscal=True, unresolved=FISCAL_UNKNOWN),
            0.85,
        )
