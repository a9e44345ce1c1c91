"""Ranges and lists of dates joined into the expressions a reader sees: a weekday or part of a
day with the date after it (``Thứ năm, 21/11/2024``), two dates with a range's words between
them (``từ 13-7 đến 24-7``, ``26 Februari hingga 1 Maret 2020``), a bare day or month that
takes the rest from the other end (``from 8 to 10 August``), a length and the day it starts
(``lima hari bermula 18 Mei``), a length in two units (``five years and eight months``), the
other items of a list (``May, June and July 2024``; two days in a row are one span) and
``September of that year``."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

from newsfacts.dates import periods
from newsfacts.dates.back import ANAPHORIC
from newsfacts.dates.joins import LOOK, PARTED, Found, Joins
from newsfacts.dates.words import lookup
from newsfacts.model import Period
from newsfacts.text.intervals import Intervals


def join_pairs(text: str, found: list[Found], j: Joins, ref: date | None) -> list[Found]:
    """Weekdays and parts of days with the date after them, ranges and lengths in two
    units, joined (``ref``: the reference date the lengths were anchored at)."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        gap = text[prev.end : f.start] if prev else ""
        # ``Selasa sore, 19 November 2019``; ``hari ini, Senin (24/2/2020)``: the date written
        # in full after a day word, or a year-less one that is the same day (``hôm nay, 1/11``)
        day_word = (
            prev is not None
            and prev.rule == "day_word"
            and (not f.period.relative or f.period.start == prev.period.start)
        )
        m = j.weekday_gap.fullmatch(gap) if prev else None
        if (
            prev
            and m
            and (prev.rule in ("weekday", "part_days") or day_word)
            and f.period.grain == "day"
            and f.rule not in ("weekday", "part_days")
        ):
            end = _closed(text, gap, f.end)
            part = prev.period.part_of_day or (m["pd"] and lookup(j.parts_of_day, m["pd"]))
            period = replace(f.period, part_of_day=part or None)
            out[-1] = Found(prev.start, end, period, f.confidence, f.rule)
            continue
        if prev and f.rule == "numeric_listed" and (listed := _listed_after(prev, f)):
            out.append(listed)
            continue
        if prev and _same_day(prev, f) and j.apposed.fullmatch(gap):
            out[-1] = Found(prev.start, f.end, prev.period, prev.confidence, prev.rule)
            continue
        if prev and _counted_days(prev, f, gap):
            # ``hai ngày 22 và 23/4``, ``2 ngày 26-27/5``: the days counted, then named
            out[-1] = Found(prev.start, f.end, f.period, f.confidence, f.rule)
            continue
        if prev and m and prev.rule in ("day_word", "part_days") and f.rule == "weekday":
            # ``hari ini (Selasa)``, ``petang tadi (Rabu)``: a day word (with a part of the
            # day or not) and the weekday it falls on, one day
            end = _closed(text, gap, f.end)
            out[-1] = Found(prev.start, end, prev.period, prev.confidence, prev.rule)
            continue
        if (
            prev
            and prev.period.relative
            and prev.period.bounded
            and prev.period.grain in ("day", "month")
            and f.period.relation == "+0 year"
            and j.of_gap.fullmatch(gap)
        ):  # ``September of that year``, ``tháng 9 năm đó``: the month of the year meant
            out[-1] = Found(prev.start, f.end, prev.period, prev.confidence, "of_that_year")
            continue
        if prev and (
            joined := _range(text, prev, f, gap, j)
            or _length_from(text, prev, f, gap, j)
            or _two_units(prev, f, gap, j, ref)
        ):
            out[-1] = joined
            continue
        out.append(_bare_range(text, f, j))
    return out


def _listed_after(prev: Found, f: Found) -> Found | None:
    """A year-less day listed after another (``22/4 và 31/5``): the first such day from it
    on, not the one its tense alone would give."""
    p, q = prev.period, f.period
    if p.grain != "day" or p.end is None or q.start is None:
        return None
    day = periods.day(p.end.year, q.start.month, q.start.day, q.relative)
    if day is not None and day.start is not None and day.start < p.end:
        day = periods.day(p.end.year + 1, q.start.month, q.start.day, q.relative)
    return None if day is None else replace(f, period=replace(q, start=day.start, end=day.end))


def _closed(text: str, gap: str, end: int) -> int:
    """Where a date joined to the one before ends: after its closing bracket if the gap
    opened one (``Minggu (23/9)``, ``hari ini (Selasa)``)."""
    return end + (1 if "(" in gap and text[end : end + 1] == ")" else 0)


def _same_day(a: Found, b: Found) -> bool:
    """Whether ``b`` refers back to the very day ``a`` names (``hari yang sama``)."""
    q = b.period
    return a.period.grain == "day" and q.unresolved == ANAPHORIC and q.relation == "+0 day"


def _counted_days(a: Found, b: Found, gap: str) -> bool:
    """Whether ``a`` counts the days ``b`` names, right before them (``hai ngày 30/4 - 1/5``)."""
    p, q = a.period, b.period
    return (
        a.rule == "duration"
        and p.start is None
        and (p.duration or "").endswith("D")
        and q.grain == "day"
        and q.start is not None
        and q.end is not None
        and q.end > q.start
        and gap.isspace()
    )


_LENGTH = re.compile(r"P(\d+)([YMWD])")
_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}


def _two_units(a: Found, b: Found, gap: str, j: Joins, ref: date | None) -> Found | None:
    """``the past five years and eight months``: one length; anchored at the reference date
    as its first part was, and longer by the second."""
    first = _LENGTH.fullmatch(a.period.duration or "")
    second = _LENGTH.fullmatch(b.period.duration or "")
    if first is None or second is None or b.period.start is not None:
        return None
    if "YMWD".index(first[2]) >= "YMWD".index(second[2]) or not j.and_gap.fullmatch(gap):
        return None
    p = replace(a.period, duration=f"P{first[1]}{first[2]}{second[1]}{second[2]}")
    n, unit = int(second[1]), _UNITS[second[2]]
    if p.start is not None and p.end == ref:  # the past N: it starts earlier
        p = replace(p, start=periods.add(p.start, unit, -n))
    elif p.end is not None and p.start == ref:  # the next N: it ends later
        p = replace(p, end=periods.add(p.end, unit, n))
    elif p.relation and (first[2], second[2]) == ("Y", "M"):  # unresolved: all in months
        sign = p.relation[0]
        p = replace(p, relation=f"{sign}{12 * int(first[1]) + n} month")
    return Found(a.start, b.end, p, min(a.confidence, b.confidence), a.rule)


def _length_from(text: str, a: Found, b: Found, gap: str, j: Joins) -> Found | None:
    """``selama lima hari bermula 18 Mei``, ``for five days from 18 May``: a length with no
    anchor, then the day it starts on, are the days it covers (not an age: ``di bawah umur
    55 tahun bermula 1 April``)."""
    length = _LENGTH.fullmatch(a.period.duration or "")
    pb = b.period
    if a.period.start is not None or length is None or pb.grain != "day" or not pb.bounded:
        return None
    if not j.starting.fullmatch(gap) or j.blocked.search(text, max(0, a.start - LOOK), a.start):
        return None
    assert pb.start is not None
    n, unit = int(length[1]), _UNITS[length[2]]
    end = periods.add(pb.start, unit, n) - timedelta(days=1)
    period = Period(pb.start, end, "day", pb.relative, duration=a.period.duration)
    return Found(a.start, b.end, period, min(a.confidence, b.confidence), "range")


def lists(text: str, found: list[Found], j: Joins) -> list[Found]:
    """The other items of a list that a date ends or starts: the bare months or days before
    it (``May, June and July 2024``, ``3, 4 and 5 March``: each takes its year and month) and
    the bare months after a month (``Mei, Jun dan Julai``: each takes its year)."""
    out: list[Found] = []
    taken = Intervals((g.start, g.end) for g in found)
    for f in found:
        p = f.period
        if not p.bounded or p.grain not in ("day", "month") or f.rule == "range":
            out.append(f)
            continue
        pattern = j.list_days if p.grain == "day" else j.list_months
        m = None
        if j.tail(j.list_tail, text, f.start):
            m = pattern.search(text, max(0, f.start - LOOK), f.start)
        if m is not None:
            items = list(j.list_item.finditer(text, m.start(), m.end("items")))
            before = [_item(p, i, j) for i in items]
            if _ascending([*before, p]):
                while out and out[-1].end > m.start():  # a first item also found on its own
                    out.pop()
                if (first := _day_before(before, p)) is not None:
                    # two days in a row (``on 20 and 21 August``): one span, as readers see it
                    out.append(Found(items[0].start(), f.end, first, f.confidence, "range"))
                    continue
                out += [
                    Found(i.start(), i.end(), b, f.confidence, "list")
                    for i, b in zip(items, before, strict=True)
                    if b is not None
                ]
        out.append(f)
        out += _months_after(text, f, taken, j)
    return out


def _day_before(before: list[Period | None], p: Period) -> Period | None:
    """``p`` from the day before it, if the list's only other item is that day."""
    if len(before) != 1 or before[0] is None or p.grain != "day" or p.start is None:
        return None
    first = before[0].start
    return replace(p, start=first) if first == p.start - timedelta(days=1) else None


def _months_after(text: str, f: Found, taken: Intervals, j: Joins) -> list[Found]:
    p, at, out = f.period, f.end, []
    while p.grain == "month" and (m := j.list_next.match(text, at)) is not None:
        if taken.overlaps(m.start("mn"), m.end()):
            break  # found on its own (``July 2024``), with what it says
        item = _item(p, m, j)
        if item is None or not _ascending([p, item]):
            break
        out.append(Found(m.start("mn"), m.end(), item, f.confidence, "list"))
        at = m.end()
    return out


def _item(p: Period, m: re.Match[str], j: Joins) -> Period | None:
    """A bare list item as the period it names, in the year (and month) of ``p``."""
    assert p.start is not None
    if m["mn"] is not None and p.grain == "month":
        month = periods.month(p.start.year, int(lookup(j.months, m["mn"])))
        return replace(month, relative=p.relative)
    if m["d"] is not None and p.grain == "day":
        day = periods.day(p.start.year, p.start.month, int(m["d"]))
        return None if day is None else replace(day, relative=p.relative)
    return None


def _ascending(items: list[Period | None]) -> bool:
    """Whether every item is a period and each starts after the one before."""
    starts = [i.start for i in items if i is not None and i.start is not None]
    return len(starts) == len(items) and all(a < b for a, b in pairwise(starts))


def _range(text: str, a: Found, b: Found, gap: str, j: Joins) -> Found | None:
    """Two dates with a range's words between them as one range; a calendar part before
    either end cuts that end (``Từ tháng 3 đến cuối tháng 4``: 1 March to 30 April)."""
    m = j.gap.fullmatch(gap)
    if m is None or not (a.period.bounded and b.period.bounded):
        return None
    opener = j.opener.search(text, max(0, a.start - LOOK), a.start)
    part = opener if opener is not None and opener["w"] else None
    part = part or j.cal_before.search(text, max(0, a.start - LOOK), a.start)
    pa, pb = _cut(a.period, part, j), _cut(b.period, m, j)
    first, last = pa.start, pb.start
    assert first is not None and last is not None
    if pa.relative and not pb.relative and first.year != last.year:
        # a year-less first end takes the year of the second (``tháng 3 đến tháng 5/2024``)
        pa = periods.moved(pa, "year", last.year - first.year)
    elif pa.relative and pb.relative and last <= first:
        # a year-less second end read into an earlier year than the first runs on from it
        # (``từ ngày 27/4 đến 20/8``, published in April: 27 April to 20 August)
        later = (last.month, last.day) > (first.month, first.day)
        pb = periods.moved(pb, "year", first.year - last.year + (0 if later else 1))
    if pa.start is None or pb.start is None or pa.start >= pb.start:
        return None
    if {a.period.grain, b.period.grain} - {"day", "month", "year"} or (pa.grain == "year") != (
        pb.grain == "year"
    ):
        return None
    start = a.start if part is None else part.start("w")
    # two days or months with a range's "to" between them are a range without its opening
    # word too (``26 Februari hingga 1 Maret 2020``); years need it (``from 102 in 2003 to``)
    alone = m["to"] and opener is None and pa.grain != "year"
    if (m["to"] or m["and"]) and not alone:
        # ``between`` takes ``and`` or, as Malay writes it, ``to`` (``antara 1 Julai hingga``)
        if opener is None or (m["and"] and not opener["btw"]):
            return None
        start = opener.start()
    period = Period(pa.start, pb.end, pb.grain, pa.relative or pb.relative)
    return Found(start, b.end, period, min(a.confidence, b.confidence), "range")


def _cut(p: Period, part: re.Match[str] | None, j: Joins) -> Period:
    """``p``, or the part of it that a calendar part word (group ``w``) names."""
    if part is None or not part["w"] or p.grain not in PARTED:
        return p
    return periods.part(p, str(lookup(j.calendar_parts, part["w"])))


def _bare_range(text: str, f: Found, j: Joins) -> Found:
    """``from 8 to 10 August``, ``from March to May 2024``, ``Januari hingga Mac``: one end
    written in full, the other a bare day or month that takes the rest from it."""
    p = f.period
    if not p.bounded or p.grain not in ("day", "month"):
        return f
    assert p.start is not None and p.end is not None
    m = None
    if j.tail(j.to_tail, text, f.start):
        m = j.bare_left.search(text, max(0, f.start - LOOK), f.start)
    if m is not None and m["and"] and not (m["btw"] or m["btw2"]):
        m = None
    if m is not None and ((m["d"] or m["d2"]) if p.grain == "day" else m["mn"]):
        if p.grain == "day":
            first = periods.day(p.start.year, p.start.month, int(m["d"] or m["d2"]))
        else:
            first = periods.month(p.start.year, int(lookup(j.months, m["mn"])))
        if first is not None and first.start is not None and first.start < p.start:
            return Found(m.start(), f.end, replace(p, start=first.start), f.confidence, "range")
    after = j.bare_right.match(text, f.end)
    if after is not None and p.grain == "month":
        last = periods.month(p.start.year, int(lookup(j.months, after["mn"])))
        if last.end is not None and last.end > p.end:
            return Found(f.start, after.end(), replace(p, end=last.end), f.confidence, "range")
    return f
