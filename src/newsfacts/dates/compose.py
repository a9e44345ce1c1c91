"""What the date rules found, composed into the expressions a reader sees: a weekday or part
of a day with its date (``Thứ năm, 21/11/2024``, ``sáng 5/8``, ``pagi semalam``), a range
(``từ 13-7 đến 24-7``, ``from March to May 2024``), ``since 2019``, a part of a period
(``early 2025``, ``cuối tháng 3``), a fiscal period that ends on a date (``the first quarter
ended September 30, 2021``), and the references back (``the previous year``) and fiscal years
resolved against what the text has said before them. The ranges and lists are
:mod:`newsfacts.dates.ranges`, the words that join them :mod:`newsfacts.dates.joins`."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from newsfacts.dates import periods
from newsfacts.dates.back import ANAPHORIC, LATER, resolve_anaphoric
from newsfacts.dates.joins import LOOK, PARTED, TAIL, Found, Joins
from newsfacts.dates.named import FISCAL_UNKNOWN
from newsfacts.dates.ranges import join_pairs, lists
from newsfacts.dates.words import lookup
from newsfacts.model import Period


@dataclass(slots=True)
class Fiscal:
    """A document's fiscal calendar, once the text has stated it: the month its year ends in
    (a fiscal year is named by the calendar year it ends in)."""

    end_month: int | None = None


# A reference back to a year can point at a day, month or quarter, not at a decade.
_ORDER = ("day", "week", "month", "season", "quarter", "half", "year", "decade", "century")


# a capitalised word right before a pair of years: they name an edition
_EDITION = re.compile(r"(?<!\w)[A-Z][\w'-]*\s+$")
# the rules whose readings an age or term word before them blocks (``berusia 5 tahun``)
_LENGTHS = ("duration", "one_unit", "unit_alone", "anaphora")


def compose(
    text: str, found: list[Found], j: Joins, ref: date | None, fiscal: Fiscal
) -> list[Found]:
    """The expressions, composed and resolved (see the module docstring)."""
    found = lists(text, join_pairs(text, found, j, ref), j)
    out: list[Found] = []
    for f in found:
        if j.in_date_name(text, f.start, f.end):  # ``the Sunday Times``, ``Sheffield Wednesday``
            continue
        if f.rule == "weekday" and j.weekday_in_name(text, f.start, f.end):
            continue
        before = text[max(0, f.start - LOOK) : f.start]
        if f.rule in _LENGTHS and j.blocked.search(before):
            continue
        if f.rule == "unit_alone" and j.rate.search(before):
            continue
        if f.rule == "year_pair" and _EDITION.search(before):
            continue  # ``Dewi Remaja 2010/11``, ``Champions League 2017/18``: an edition's name
        if f.rule == "day_word" and _day_in_title(text, f):
            continue
        if f.rule == "day_word" and out and _trails(text, out[-1], f, j):
            out[-1] = replace(out[-1], end=f.end)  # ``Kamis (22/6/2017) kemarin``: one span
            continue
        if f.rule == "duration" and (_titled(text, f) or j.age_in_commas(text, f.start, f.end)):
            continue
        if f.period.grain == "year" and (
            j.year_in_name(before) or j.year_before_event(text, f.end)
        ):
            continue
        p = f.period
        ended = p.grain in ("day", "month") and p.bounded and j.tail(j.ended_tail, text, f.start)
        if ended and (m := j.ended.search(before)):
            f = _ended(f, m, j, fiscal)
        else:
            if p.bounded and p.grain in PARTED and (m := j.cal_before.search(before)):
                which = str(lookup(j.calendar_parts, m["w"]))
                f = replace(f, start=f.start - len(m.group()), period=periods.part(p, which))
            # since a date or a part of one (``sejak pertengahan Ogos``): up to the reference
            p, m = f.period, j.since_before.search(text, max(0, f.start - TAIL), f.start)
            if p.start and m and (not ref or p.start <= ref):
                missing = None if ref else periods.NO_REFERENCE
                # ``sejak dua tahun lalu``: from that many units before the very day
                start = periods.same_day(p, ref) if ref and f.rule == "ago" else p.start
                since = Period(start, ref, p.grain, True, unresolved=missing)
                f = replace(f, start=f.start - len(m.group()), period=since)
        if f.period.grain == "day" and f.period.part_of_day is None:
            f = _part_of_day(text, f, j)
        while out and out[-1].end > f.start:  # a span grown backwards takes what it covers
            out.pop()
        out.append(f)
    return _resolve(text, out, ref, fiscal, j)


def _ended(f: Found, m: re.Match[str], j: Joins, fiscal: Fiscal) -> Found:
    """``the (first) quarter ended 30 September 2021``, ``the three months to December``: the
    months up to that day or month; a period that *ended* (not one *to* a month) is a fiscal
    one, and with an ordinal or as a year it states the document's fiscal calendar."""
    end = f.period.end
    assert end is not None
    count = int(lookup(j.ended_periods, m["p"] or m["p2"]))
    ordinal = m["o"] or m["o2"]
    if end == periods.month(end.year, end.month).end:
        first = periods.add(date(end.year, end.month, 1), "month", 1 - count)
    else:
        first = periods.add(end, "month", -count) + timedelta(days=1)
    grain = {3: "quarter", 6: "half", 12: "year"}.get(count, "month")
    fiscal_period = m["ew"].casefold() not in j.to_words  # ``ended``, not ``to``
    if fiscal_period and ordinal and count == 3:
        # the n-th quarter ends 3 * (4 - n) months before the fiscal year does
        to_year_end = 3 * (4 - int(lookup(j.ordinals, ordinal)))
        fiscal.end_month = periods.add(end, "month", to_year_end).month
    elif fiscal_period and count == 12:
        fiscal.end_month = end.month
    period = Period(first, end, grain, fiscal=fiscal_period)  # type: ignore[arg-type]
    return Found(f.start - len(m.group()), f.end, period, f.confidence, "fiscal_ended")


def _part_of_day(text: str, f: Found, j: Joins) -> Found:
    before = j.part_before.search(text, max(0, f.start - 20), f.start)
    if before is not None:
        part = str(lookup(j.parts_of_day, before["w"]))
        return replace(f, start=before.start(), period=replace(f.period, part_of_day=part))  # type: ignore[arg-type]
    after = j.part_after.match(text, f.end)
    if after is not None:
        part = str(lookup(j.parts_of_day, after["w"]))
        return replace(f, end=after.end(), period=replace(f.period, part_of_day=part))  # type: ignore[arg-type]
    return f


def _resolve(
    text: str, found: list[Found], ref: date | None, fiscal: Fiscal, j: Joins
) -> list[Found]:
    """References back against the latest bounded date before them (else the reference
    date), and fiscal periods by the document's calendar; the same period with its year
    written after it (``cùng kỳ năm 2020``) is one expression, that period in that year."""
    anchor: Period | None = None
    period: Period | None = None  # the latest bounded date longer than a day
    out: list[Found] = []
    for f in found:
        # ``the same period`` (``cùng kỳ``) is a period's, not the day it was reported on
        # (``quý 1 ... công bố hôm nay (28/4) ... so với cùng kỳ``)
        same = period if (f.period.relation or "").endswith(" same") and period else anchor
        try:
            p = _resolved(f, ref, fiscal, same)
        except periods.OutOfCalendar:
            p = replace(f.period, unresolved="out of the calendar")
        if _of_the_year(text, f, p, j) and period is not None and period.grain == "year":
            p = _in_year_of(p, period)
        if p.bounded and p.reference != "context":
            anchor = p
            period = p if p.grain != "day" else period
        if out and p.grain == "year" and p.bounded and _same_before(text, out[-1], f):
            prior = out.pop()
            p, f = _in_year(prior.period, p), replace(f, start=prior.start, rule="anaphora")
        out.append(f if p is f.period else replace(f, period=p))
    return out


def _of_the_year(text: str, f: Found, p: Period, j: Joins) -> bool:
    """Whether ``f`` is a part of the year it names with a bare year word (``the second half
    of the year``, ``6 tháng đầu năm``; not ``of this year``): the year the text is about,
    not the reference's."""
    *rest, last = text[f.start : f.end].casefold().split()
    bare = last in j.years and not (rest and rest[-1] in j.modifiers)
    return bare and p.relative and p.bounded and p.grain in ("month", "quarter", "half")


def _trails(text: str, day: Found, f: Found, j: Joins) -> bool:
    """Whether the day word ``f`` right after a written ``day`` is its modifier."""
    written = day.period.grain == "day" and day.rule != "day_word"
    return (
        written
        and text[day.end : f.start].isspace()
        and (text[f.start : f.end].casefold() in j.trailing)
    )


def _same_before(text: str, before: Found, f: Found) -> bool:
    """Whether ``f`` comes right after the same period (``cùng kỳ``, a reference back)."""
    same = (before.period.relation or "").endswith(" same")
    return same and not text[before.end : f.start].strip()


def _in_year(same: Period, year: Period) -> Period:
    """``cùng kỳ`` (the period it resolved to) in the year written after it."""
    if same.start is None or year.start is None:
        return year
    return replace(_in_year_of(same, year), relation=same.relation)


def _in_year_of(p: Period, year: Period) -> Period:
    """``p`` moved to the year of ``year``, read from the text before it (``September of
    that year``, ``2004 ... the second half of the year``, ``cùng kỳ năm 2020``)."""
    assert p.start is not None and year.start is not None
    return replace(periods.moved(p, "year", year.start.year - p.start.year), reference="context")


def _resolved(f: Found, ref: date | None, fiscal: Fiscal, anchor: Period | None) -> Period:
    """One date's period once its reference back or fiscal calendar is known."""
    p = f.period
    if p.unresolved in (ANAPHORIC, LATER):
        unit = (p.relation or "+0 day").split()[1]
        part = p.part_of_day  # ``chiều cùng ngày``
        if anchor is not None and _ORDER.index(anchor.grain) <= _ORDER.index(unit):
            p = replace(resolve_anaphoric(p, anchor), part_of_day=part)
        elif p.unresolved == LATER:
            p = replace(p, unresolved=periods.NO_REFERENCE)
        elif ref is not None:
            p = replace(
                resolve_anaphoric(p, periods.containing(ref, unit)),
                reference=None,
                part_of_day=part,
            )
        else:
            p = replace(p, unresolved=periods.NO_REFERENCE)
    elif f.rule == "of_that_year" and anchor is not None:
        p = _in_year_of(p, anchor)
    elif p.fiscal and p.unresolved == FISCAL_UNKNOWN and fiscal.end_month is not None:
        p = _fiscal_period(p, fiscal.end_month)
    return p


def _fiscal_period(p: Period, end_month: int) -> Period:
    """``FY2022`` (or ``FY2022 Q1``) in a calendar whose year ends in ``end_month``."""
    name, *quarter = (p.relation or "").split()
    y = int(name[2:])
    year_end = periods.month(y, end_month).end
    assert year_end is not None
    first = periods.add(date(y, end_month, 1), "month", -11)
    if quarter:
        q = int(quarter[0][1:])
        first = periods.add(first, "month", 3 * (q - 1))
        last = periods.add(first, "month", 2)
        return replace(
            p, start=first, end=periods.month(last.year, last.month).end, unresolved=None
        )
    return replace(p, start=first, end=year_end, unresolved=None)


def _day_in_title(text: str, f: Found) -> bool:
    """A day word capitalised inside its sentence is in a title (``Menanti Hari Esok``,
    ``Fokus Hari Ini``, ``the Today programme``), not a day."""
    before = text[max(0, f.start - 10) : f.start].rstrip()
    return text[f.start : f.start + 1].isupper() and before[-1:].isalnum()


def _titled(text: str, f: Found) -> bool:
    """A length whose unit is capitalised before another capitalised word is in a title
    (``7 Hari Mencintaimu``, ``Dua Dekad Perjuangan``)."""
    unit = text[f.start : f.end].split()[-1]
    after = text[f.end : f.end + 2]
    return unit[:1].isupper() and after[:1] == " " and after[1:2].isupper()
