"""Readings of the expressions measured from a reference date: weekdays, parts of days,
lengths of time (``the past three years``, ``3 năm qua``), the first months of a year and
the year to date (the references back to another date are :mod:`newsfacts.dates.back`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from newsfacts.dates import periods
from newsfacts.dates.words import Reading, fold, group, lookup
from newsfacts.model import Grain, PartOfDay, Period
from newsfacts.numbers.words import parse_words


class RelativeReader:
    """The relative readings of one language (mixed into ``readers.Reader``)."""

    modifiers: dict[str, Any]
    units: dict[str, Any]
    days: dict[str, Any]

    def _relative_tables(self, data: Mapping[str, Any]) -> None:
        self.weekdays = fold(data.get("weekdays", {})) | fold(data.get("weekdays_cued", {}))
        # as written: ``thứ hai`` (also ``the second``) needs a cue, ``thứ Hai`` is the day,
        # and so is ``Chủ nhật`` (though ``chủ nhật`` needs one)
        self.cued_weekdays = set(data.get("weekdays_cued", {}))
        self.named_weekdays = set(data.get("weekdays", {}))
        self.weekday_weeks = fold(data.get("weekday_weeks", {}))
        self.part_days = fold(data.get("part_days", {}))
        self.weekends = fold(data.get("weekends", {}))
        self.open_periods = fold(data.get("open_periods", {}))
        self.duration_units = fold(data.get("duration_units", {}))
        durations = data.get("durations", {})
        self.single_units = fold(
            {**durations.get("single_units", {}), **durations.get("bare_units", {})}
        )
        self.to_date = fold(data.get("to_date", {}))
        self.anaphora = fold(data.get("anaphora", {}))
        self.period_parts = fold(data.get("period_parts", {}))
        self.last_months = {w.casefold() for w in data.get("first_months", {}).get("last", [])}
        self.parts: dict[str, PartOfDay] = fold(data.get("parts_of_day", {}))

    def count(self, text: str) -> int | None:
        """A small count in digits or words (``3``, ``ba``, ``three``); None for words that
        are no whole count (``chục`` alone, ``two-three``)."""
        if text.isdigit():
            return int(text)
        found = parse_words(text.split())
        if found is None or found.used != len(text.split()) or found.value % 1:
            return None
        return int(found.value)

    def relative(self, m: re.Match[str], pub: date | None) -> Reading | None:
        single = group(m, "su")  # ``seminggu lalu``: one unit ago
        if single is not None:
            unit, k = str(lookup(self.single_units, single)), -1
            if unit == "decade":  # ``sedekad lalu``: the year ten years back
                unit, k = "year", -10
        else:
            unit = str(lookup(self.units, m["ru"]))
            count = group(m, "n")
            n = self.count(count) if count is not None else None
            if count is not None and n is None:
                return None
            if group(m, "big") is not None:  # ``3.000 năm``
                n = int(m["big"].replace(".", ""))
            k = -n if n is not None else int(lookup(self.modifiers, m["rm"]))
        if group(m, "ah") is not None:  # an estimate: ``kira-kira 21 tahun lalu``
            grain: Grain = unit  # type: ignore[assignment]  # the data schema checks it
            relation = f"{k:+d} {unit}"
            return Period(
                None, None, grain, True, relation=relation, unresolved=periods.APPROXIMATE
            ), 0.6
        if pub is None:
            return periods.unresolved(unit, f"{k:+d} {unit}"), 0.7  # type: ignore[arg-type]
        confidence = 0.85 if group(m, "n") is None and single is None else 0.8
        return periods.shift(pub, unit, k), confidence

    def day_word(self, m: re.Match[str], pub: date | None) -> Reading | None:
        k = int(lookup(self.days, m["dw"]))
        if pub is None:
            return periods.unresolved("day", f"{k:+d} day"), 0.7
        return periods.shift(pub, "day", k), 0.85

    def weekday(self, m: re.Match[str], pub: date | None) -> Reading | None:
        name = m["wd"]
        key = name[:1].lower() + name[1:]
        week = group(m, "ww")
        mod = group(m, "rm") or group(m, "rm2")
        capital_before_part = name[:1].isupper() and group(m, "pa") is not None  # ``Minggu pagi``
        cued = key in self.cued_weekdays and name not in self.named_weekdays
        if cued and not (group(m, "wc") or week or mod or capital_before_part):
            return None  # ``thứ 2`` alone is also ``the second``
        wd = int(lookup(self.weekdays, name))
        if week is not None:
            k, by_week = int(lookup(self.weekday_weeks, week)), True
        else:
            # ``this Sunday``, ``chủ nhật này``: the one of this week
            k = int(lookup(self.modifiers, mod)) if mod else 0
            by_week = mod is not None and k == 0
        cue = group(m, "wc")
        part: PartOfDay | None = self.parts.get(cue.casefold()) if cue else None
        if pub is None:
            if by_week:
                relation: str | None = f"{k:+d} week weekday {wd}"
            else:
                relation = f"{k:+d} weekday {wd}" if mod else f"weekday {wd}"
            return periods.unresolved("day", relation, part_of_day=part), 0.65
        this = week is None and by_week  # ``Selasa ini``, not ``Selasa minggu ini``
        day = periods.weekday(pub, wd, k, by_week, this)
        return (day if part is None else replace(day, part_of_day=part)), 0.8

    def open_period(self, m: re.Match[str], pub: date | None) -> Reading | None:
        """``musim depan``, ``last season``: a sports season, whose days the text does not
        give (a league's calendar is not the year's); a date with null days all the same."""
        k = int(lookup(self.open_periods, m["op"]))
        return Period(
            None, None, "season", True, relation=f"{k:+d} season", unresolved=periods.OPEN
        ), 0.7

    def anniversary(self, m: re.Match[str], pub: date | None) -> Reading | None:
        """``ulang tahun ke-60``: sixty years, from an event the text may not date."""
        return Period(None, None, "year", duration=periods.iso_duration("year", int(m["n"]))), 0.7

    def season_year(self, m: re.Match[str], pub: date | None) -> Reading | None:
        """``musim 2023``: a league's season of that year, whose days the text does not give
        either."""
        return Period(None, None, "season", unresolved=periods.OPEN), 0.75

    def weekend(self, m: re.Match[str], pub: date | None) -> Reading | None:
        """Saturday and Sunday: ``this weekend`` the ones of the reference date's week, ``next
        weekend`` the week after, ``last weekend`` and ``the weekend`` the latest one over
        before the reference date (the next in the future: ``dates.tense``)."""
        k = int(lookup(self.weekends, m["we"]))
        if pub is None:
            return periods.unresolved("week", f"{k:+d} weekend"), 0.65
        saturday = pub + timedelta(days=5 - pub.weekday())  # this week's (weeks start Monday)
        if k < 0 and saturday + timedelta(days=1) >= pub:  # not over by the reference date
            saturday -= timedelta(weeks=1)
        elif k > 0:
            saturday += timedelta(weeks=1)
        return Period(saturday, saturday + timedelta(days=1), "week", True), 0.75

    def part_day(self, m: re.Match[str], pub: date | None) -> Reading | None:
        k, part = str(lookup(self.part_days, m["pd"])).split()
        part_of_day: PartOfDay = part  # type: ignore[assignment]  # the data schema checks it
        if pub is None:
            return periods.unresolved("day", f"{int(k):+d} day", part_of_day=part_of_day), 0.7
        return replace(periods.shift(pub, "day", int(k)), part_of_day=part_of_day), 0.85

    def duration(self, m: re.Match[str], pub: date | None) -> Reading | None:
        """``the past three years``, ``90 days``; ``the past decade`` (the rolling shape: one
        unit, no number)."""
        single = group(m, "du2")
        unit = str(
            lookup(self.single_units, single)
            if single
            else lookup(self.duration_units, group(m, "du3") or m["du"])
        )
        grain: Grain = {"decade": "year", "century": "year", "fortnight": "week"}.get(unit, unit)  # type: ignore[assignment]
        if group(m, "dec") is not None and unit in periods.ISO_UNITS:  # ``9.4 tahun``: no days
            value = m["n"].replace(",", ".")
            return Period(None, None, grain, duration=f"P{value}{periods.ISO_UNITS[unit]}"), 0.7
        n = self.count(m["n"]) if group(m, "n") is not None else 1
        if n is None:
            return None
        length = periods.iso_duration(unit, n)
        side = group(m, "past") or group(m, "past2") or group(m, "next") or group(m, "next2")
        if side is None:
            return Period(None, None, grain, duration=length), 0.75
        past = group(m, "past") or group(m, "past2")
        if pub is None:
            relation = f"{'-' if past else '+'}{n} {unit}"
            return periods.unresolved(grain, relation, duration=length), 0.7
        other = periods.add(pub, unit, -n if past else n)
        start, end = (other, pub) if past else (pub, other)
        return Period(start, end, grain, True, duration=length), 0.8

    def first_months(self, m: re.Match[str], pub: date | None) -> Reading | None:
        n = self.count(m["n"])
        if n is None or not 1 <= n <= 12:
            return None
        grain: Grain = {3: "quarter", 6: "half", 12: "year"}.get(n, "month")  # type: ignore[assignment]
        last = group(m, "fw") is not None and m["fw"].casefold() in self.last_months
        if last and not (group(m, "y") or group(m, "by") or group(m, "rm")):
            return None  # ``the last three months``: the months just past, a duration
        y = int(m["y"]) if group(m, "y") else None
        relation = None
        if y is None:
            relation = (
                f"{int(lookup(self.modifiers, m['rm'])):+d} year" if group(m, "rm") else "+0 year"
            )
            if pub is None:
                return periods.unresolved(grain, relation), 0.7
            y = pub.year + int(relation.split()[0])
        # ``the last three months of 2004``, ``3 tháng cuối năm``: the year's final months
        first = 13 - n if last else 1
        return periods.months(y, first, n, grain, relation is not None), 0.9

    def year_to_date(self, m: re.Match[str], pub: date | None) -> Reading | None:
        unit = str(lookup(self.to_date, m["td"]))
        if pub is None:
            return periods.unresolved(unit, f"+0 {unit} to date"), 0.7  # type: ignore[arg-type]
        whole = periods.containing(pub, unit)
        return replace(whole, end=pub), 0.85

    def period_part(self, m: re.Match[str], pub: date | None) -> Reading | None:
        which, unit = str(lookup(self.period_parts, m["pp"])).split()
        if pub is None:
            return periods.unresolved(unit, f"+0 {unit} {which}"), 0.65  # type: ignore[arg-type]
        return periods.part(periods.containing(pub, unit), which, pub), 0.8
