"""What the date rules found, composed into the expressions a reader sees: a weekday or part
of a day with its date (``Thứ năm, 21/11/2024``, ``sáng 5/8``, ``pagi semalam``), a range
(``từ 13-7 đến 24-7``, ``from March to May 2024``), ``since 2019``, a part of a period
(``early 2025``, ``cuối tháng 3``), a fiscal period that ends on a date (``the first quarter
ended September 30, 2021``), and the references back (``the previous year``) and fiscal years
resolved against what the text has said before them."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from itertools import pairwise

from newsfacts.dates import periods
from newsfacts.dates.named import FISCAL_UNKNOWN
from newsfacts.dates.relative import ANAPHORIC, resolve_anaphoric
from newsfacts.dates.rules import Grammar
from newsfacts.dates.words import alt, lookup, names
from newsfacts.model import Period
from newsfacts.text.intervals import Intervals


@dataclass(slots=True)
class Found:
    start: int
    end: int
    period: Period
    confidence: float
    rule: str


@dataclass(slots=True)
class Fiscal:
    """A document's fiscal calendar, once the text has stated it: the month its year ends in
    (a fiscal year is named by the calendar year it ends in)."""

    end_month: int | None = None


_BOUNDED_PARTS = ("month", "season", "quarter", "half", "year", "decade", "century")
# A reference back to a year can point at a day, month or quarter, not at a decade.
_ORDER = ("day", "week", "month", "season", "quarter", "half", "year", "decade", "century")
_LOOK = 60  # characters before an expression searched for the words that join it


def _words(chosen: tuple[Grammar, ...], key: str) -> list[str]:
    return [w for g in chosen for w in g.data.get(key, [])]


def _table(chosen: tuple[Grammar, ...], key: str) -> dict[str, object]:
    return {k: v for g in chosen for k, v in g.data.get(key, {}).items()}


def _re(body: str) -> re.Pattern[str]:
    return re.compile(body)


class Joins:
    """The joining words of some grammars, as regexes."""

    def __init__(self, chosen: tuple[Grammar, ...]) -> None:
        self.parts_of_day = _table(chosen, "parts_of_day")
        self.calendar_parts = _table(chosen, "calendar_parts")
        ended_words = [w for g in chosen for w in g.data.get("fiscal_ended", {}).get("words", [])]
        self.ended_periods = {
            k: v
            for g in chosen
            for k, v in g.data.get("fiscal_ended", {}).get("periods", {}).items()
        }
        self.months = {k: v for g in chosen for k, v in g.reader.months.items()}
        self.ordinals = {k: v for g in chosen for k, v in g.reader.quarters.items()}
        none = "(?!)"
        parts = alt(self.parts_of_day) if self.parts_of_day else none
        self.part_before = _re(rf"(?<!\w)(?P<w>{parts})\s+$")
        self.part_after = _re(rf"\s+(?P<w>{parts})(?!\w)")
        cal = alt(self.calendar_parts) if self.calendar_parts else none
        self.cal_before = _re(rf"(?<!\w)(?P<w>{cal})(?:\s+|-)$")
        self.since_before = _re(rf"(?<!\w)(?:{alt(_words(chosen, 'since')) or none})\s+$")
        from_, to = alt(_words(chosen, "range_from")), alt(_words(chosen, "range_to"))
        self.to_words = {w.casefold() for w in _words(chosen, "range_to")}
        btw = alt(_words(chosen, "range_between")) if _words(chosen, "range_between") else none
        and_ = alt(_words(chosen, "range_and")) if _words(chosen, "range_and") else none
        cues = _words(chosen, "day_cues")
        cue = rf"(?:{alt(cues)}\s+)?" if cues else ""
        self.opener = _re(rf"(?<!\w)(?:(?P<from>{from_})|(?P<btw>{btw}))\s+{cue}$")
        self.gap = _re(rf"\s*(?:(?P<dash>[-\u2013\u2014])|(?P<to>{to})|(?P<and>{and_}))\s*{cue}")
        month = names(self.months) if self.months else none
        # a bare day needs the range's opening word; a month name is clear enough alone
        # (``and`` makes a range only after ``between``: ``June and July`` is two months)
        self.bare_left = _re(
            rf"(?:(?<!\w)(?:(?P<from>{from_})|(?P<btw>{btw}))\s+{cue}(?P<d>[0-3]?\d)"
            rf"|(?<!\w)(?:(?:{from_})\s+|(?P<btw2>{btw})\s+)?(?P<mn>{month}))"
            rf"\s*(?:[-\u2013]|{to}|(?P<and>{and_}))\s*$"
        )
        # lists: ``May, June and July 2024``, ``Mei, Jun dan Julai``, ``3, 4 and 5 March``
        sep = rf"(?:\s*,\s*(?:(?:{and_})\s+)?|\s+(?:{and_})\s+)"
        self.list_next = _re(rf"{sep}(?P<mn>{month})(?!\w)")
        self.list_months = _re(rf"(?<!\w)(?P<items>(?:{month})(?:{sep}(?:{month}))*){sep}$")
        self.list_days = _re(rf"(?<![\w.,])(?P<items>[0-3]?\d(?:{sep}[0-3]?\d)*){sep}$")
        self.list_item = _re(rf"(?P<mn>{month})(?!\w)|(?<!\d)(?P<d>[0-3]?\d)(?!\d)")
        self.bare_right = _re(rf"\s*(?:{to})\s+(?P<mn>{month})(?!\w)(?!\s*\d)")
        self.weekday_gap = _re(r",?\s*\(?\s*")
        of = alt(_words(chosen, "of_words")) if _words(chosen, "of_words") else none
        self.of_gap = _re(rf"\s+(?:{of}\s+)?|\s*,\s*")  # ``September (of) that year``
        # An age or a term before a length of time (``berusia 5 tahun``, ``kỳ hạn 1 tháng``,
        # ``berusia 40 tahun itu``, ``berusia 22 hingga 28 tahun``), in any language scanned.
        blocked = [w for g in chosen for w in g.data.get("durations", {}).get("blocked_before", [])]
        span = rf"\d+(?:\s*-\s*|\s+(?:{to}|{and_})\s+)"  # ``22 hingga 28``
        self.blocked = _re(rf"(?<!\w){alt(blocked) if blocked else none}\s+(?:{span})?(?:\d+\s+)?$")
        if ended_words and self.ended_periods:
            ords, kinds = alt(self.ordinals), alt(self.ended_periods)
            self.ended = _re(
                rf"(?<!\w)(?:(?P<o>{ords})\s+(?P<p>{kinds})|(?P<p2>{kinds})(?:\s+(?P<o2>{ords}))?)\s+"
                rf"(?P<ew>{alt(ended_words)})(?:\s+{alt(cues)})?\s+$"
            )
        else:
            self.ended = _re(none)


@cache
def joins(chosen: tuple[Grammar, ...]) -> Joins:
    return Joins(chosen)


def compose(
    text: str, found: list[Found], j: Joins, ref: date | None, fiscal: Fiscal
) -> list[Found]:
    """The expressions, composed and resolved (see the module docstring)."""
    found = _lists(text, _join_pairs(text, found, j), j)
    out: list[Found] = []
    for f in found:
        before = text[max(0, f.start - _LOOK) : f.start]
        if f.rule in ("duration", "anaphora") and j.blocked.search(before):
            continue
        p = f.period
        if p.grain in ("day", "month") and p.bounded and (m := j.ended.search(before)):
            f = _ended(f, m, j, fiscal)
        else:
            if p.bounded and p.grain in _BOUNDED_PARTS and (m := j.cal_before.search(before)):
                which = str(lookup(j.calendar_parts, m["w"]))
                f = replace(f, start=f.start - len(m.group()), period=periods.part(p, which))
            # since a date or a part of one (``sejak pertengahan Ogos``): up to the reference
            p, before = f.period, text[max(0, f.start - _LOOK) : f.start]
            if p.start and (m := j.since_before.search(before)) and (not ref or p.start <= ref):
                missing = None if ref else periods.NO_REFERENCE
                since = Period(p.start, ref, p.grain, True, unresolved=missing)
                f = replace(f, start=f.start - len(m.group()), period=since)
        if f.period.grain == "day" and f.period.part_of_day is None:
            f = _part_of_day(text, f, j)
        while out and out[-1].end > f.start:  # a span grown backwards takes what it covers
            out.pop()
        out.append(f)
    return _resolve(out, ref, fiscal)


def _join_pairs(text: str, found: list[Found], j: Joins) -> list[Found]:
    """Weekdays and parts of days with the date after them, and ranges, joined."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        gap = text[prev.end : f.start] if prev else ""
        if (
            prev
            and prev.rule in ("weekday", "part_days")
            and f.period.grain == "day"
            and j.weekday_gap.fullmatch(gap)
            and f.rule not in ("weekday", "part_days")
        ):
            end = f.end + (1 if "(" in gap and text[f.end : f.end + 1] == ")" else 0)
            period = replace(f.period, part_of_day=prev.period.part_of_day)
            out[-1] = Found(prev.start, end, period, f.confidence, f.rule)
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
        if prev and (joined := _range(text, prev, f, gap, j)) is not None:
            out[-1] = joined
            continue
        out.append(_bare_range(text, f, j))
    return out


def _lists(text: str, found: list[Found], j: Joins) -> list[Found]:
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
        m = pattern.search(text, max(0, f.start - _LOOK), f.start)
        if m is not None:
            items = list(j.list_item.finditer(text, m.start(), m.end("items")))
            before = [_item(p, i, j) for i in items]
            if _ascending([*before, p]):
                while out and out[-1].end > m.start():  # a first item also found on its own
                    out.pop()
                out += [
                    Found(i.start(), i.end(), b, f.confidence, "list")
                    for i, b in zip(items, before, strict=True)
                    if b is not None
                ]
        out.append(f)
        out += _months_after(text, f, taken, j)
    return out


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
    m = j.gap.fullmatch(gap)
    pa, pb = a.period, b.period
    if m is None or not (pa.bounded and pb.bounded):
        return None
    assert pa.start is not None and pb.start is not None
    if pa.relative and not pb.relative and pa.start.year != pb.start.year:
        # a year-less first end takes the year of the second (``tháng 3 đến tháng 5/2024``)
        pa = periods.moved(pa, "year", pb.start.year - pa.start.year)
    if pa.start is None or pa.start >= pb.start:
        return None
    if {pa.grain, pb.grain} - {"day", "month", "year"} or (pa.grain == "year") != (
        pb.grain == "year"
    ):
        return None
    opener = j.opener.search(text, max(0, a.start - _LOOK), a.start)
    start = a.start
    if m["to"] or m["and"]:
        if opener is None or (m["and"] and not opener["btw"]) or (m["to"] and opener["btw"]):
            return None
        start = opener.start()
    period = Period(pa.start, pb.end, pb.grain, pa.relative or pb.relative)
    return Found(start, b.end, period, min(a.confidence, b.confidence), "range")


def _bare_range(text: str, f: Found, j: Joins) -> Found:
    """``from 8 to 10 August``, ``from March to May 2024``, ``Januari hingga Mac``: one end
    written in full, the other a bare day or month that takes the rest from it."""
    p = f.period
    if not p.bounded or p.grain not in ("day", "month"):
        return f
    assert p.start is not None and p.end is not None
    m = j.bare_left.search(text, max(0, f.start - _LOOK), f.start)
    if m is not None and m["and"] and not (m["btw"] or m["btw2"]):
        m = None
    if m is not None and (m["d"] if p.grain == "day" else m["mn"]):
        if p.grain == "day":
            first = periods.day(p.start.year, p.start.month, int(m["d"]))
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


def _resolve(found: list[Found], ref: date | None, fiscal: Fiscal) -> list[Found]:
    """References back against the latest bounded date before them (else the reference
    date), and fiscal periods by the document's calendar."""
    anchor: Period | None = None
    period: Period | None = None  # the latest bounded date longer than a day
    out = []
    for f in found:
        # ``the same period`` (``cùng kỳ``) is a period's, not the day it was reported on
        # (``quý 1 ... công bố hôm nay (28/4) ... so với cùng kỳ``)
        same = period if (f.period.relation or "").endswith(" same") and period else anchor
        try:
            p = _resolved(f, ref, fiscal, same)
        except periods.OutOfCalendar:
            p = replace(f.period, unresolved="out of the calendar")
        if p.bounded and p.reference != "context":
            anchor = p
            period = p if p.grain != "day" else period
        out.append(replace(f, period=p))
    return out


def _resolved(f: Found, ref: date | None, fiscal: Fiscal, anchor: Period | None) -> Period:
    """One date's period once its reference back or fiscal calendar is known."""
    p = f.period
    if p.unresolved == ANAPHORIC:
        unit = (p.relation or "+0 day").split()[1]
        part = p.part_of_day  # ``chiều cùng ngày``
        if anchor is not None and _ORDER.index(anchor.grain) <= _ORDER.index(unit):
            p = replace(resolve_anaphoric(p, anchor), part_of_day=part)
        elif ref is not None:
            p = replace(
                resolve_anaphoric(p, periods.containing(ref, unit)),
                reference=None,
                part_of_day=part,
            )
        else:
            p = replace(p, unresolved=periods.NO_REFERENCE)
    elif f.rule == "of_that_year" and anchor is not None:
        assert p.start is not None and anchor.start is not None
        p = replace(periods.moved(p, "year", anchor.start.year - p.start.year), reference="context")
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
