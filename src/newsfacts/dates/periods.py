"""The periods a date expression can cover (whole days, weeks, months, seasons, quarters,
halves, years, decades and centuries), the parts of them (``early``, ``the first nine months``),
and the reading of a year-less or relative expression against a reference date."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from newsfacts.model import Grain, Period

# Why a season has no days: a sport's (``musim depan``), or a monsoon's (``musim tengkujuh``).
OPEN = "days not in the text"
# A year with a cue may be historical or a plan; a bare range must look like recent years.
CUED_YEARS = range(1800, 2200)
WORDED_YEARS = range(1000, 2200)  # after a year word (``năm 1613``), no count
BARE_YEARS = range(1900, 2101)

NO_REFERENCE = "no reference date"
# Why a count of units ago has no days: it is an estimate (``kira-kira 21 tahun lalu``).
APPROXIMATE = "approximate"


def year(y: int, relative: bool = False) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31), "year", relative)


def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def month(y: int, m: int, relative: bool = False) -> Period:
    return Period(date(y, m, 1), _last_day(y, m), "month", relative)


def months(y: int, first: int, count: int, grain: Grain, relative: bool = False) -> Period:
    """``count`` months from month ``first`` of year ``y`` (a count past December runs on
    into the next year: a season from December)."""
    last = y * 12 + first - 1 + count - 1
    return Period(date(y, first, 1), _last_day(last // 12, last % 12 + 1), grain, relative)


def quarter(y: int, q: int, relative: bool = False) -> Period:
    return months(y, 3 * q - 2, 3, "quarter", relative)


def half(y: int, h: int, relative: bool = False) -> Period:
    return months(y, 6 * h - 5, 6, "half", relative)


def decade(first: int) -> Period:
    return Period(date(first, 1, 1), date(first + 9, 12, 31), "decade")


def century(n: int) -> Period:
    """The n-th century, counted as news counts it: the 21st is 2000-2099 (the development
    readers who met one read ``abad ke-15`` as 1400-1499; the first starts in year 1)."""
    return Period(date(max(1, 100 * n - 100), 1, 1), date(100 * n - 1, 12, 31), "century")


def day(y: int, m: int, d: int, relative: bool = False) -> Period | None:
    try:
        found = date(y, m, d)
    except ValueError:
        return None
    return Period(found, found, "day", relative)


def unresolved(grain: Grain, relation: str | None, **fields: object) -> Period:
    """A relative expression with nothing to resolve it against."""
    return Period(
        None,
        None,
        grain,
        True,
        relation=relation,
        unresolved=NO_REFERENCE,
        **fields,  # type: ignore[arg-type]
    )


# News mostly reports what has happened: a year-less expression is read as the latest one
# that starts no later than this many days after publication (``3 Januari`` in late December
# is next month; ``April`` in December is the April just gone).
_LOOKAHEAD = timedelta(days=31)


def nearest(build: Callable[[int], Period | None], pub: date) -> Period | None:
    """The reading of a year-less expression (see ``_LOOKAHEAD``)."""
    # back to four years before: 29 February is in the latest leap year
    for y in range(pub.year + 1, pub.year - 5, -1):
        p = build(y)
        if p is not None and p.start is not None and p.start <= pub + _LOOKAHEAD:
            return p
    return None


class OutOfCalendar(ValueError):
    """A date the calendar cannot hold (years 1 to 9999): ``sejuta tahun lalu``, or ``next
    year`` in a document dated in 9999. The expression is then no date, never an error."""


def add(d: date, unit: str, k: int) -> date:
    """``d`` moved by ``k`` units, the day kept where the month allows (31 March - 1 month is
    28 or 29 February)."""
    try:
        if unit in ("day", "week", "fortnight"):
            return d + timedelta(days=k * {"day": 1, "week": 7, "fortnight": 14}[unit])
        per = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}
        index = d.year * 12 + d.month - 1 + k * per[unit]
        y, m = index // 12, index % 12 + 1
        return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))
    except (ValueError, OverflowError) as exc:
        raise OutOfCalendar(f"{d} {k:+d} {unit}") from exc


def containing(d: date, unit: str, relative: bool = True) -> Period:
    """The whole day, week, month, quarter, half, year or decade that ``d`` falls in."""
    if unit == "year":
        return year(d.year, relative)
    if unit == "month":
        return month(d.year, d.month, relative)
    if unit == "quarter":
        return quarter(d.year, (d.month - 1) // 3 + 1, relative)
    if unit == "half":
        return half(d.year, (d.month - 1) // 6 + 1, relative)
    if unit == "decade":
        return replace(decade(d.year - d.year % 10), relative=relative)
    if unit == "week":
        monday = d - timedelta(days=d.weekday())
        return Period(monday, monday + timedelta(days=6), "week", relative)
    return Period(d, d, "day", relative)


def same_day(p: Period, ref: date) -> date:
    """The day of ``p`` (a whole week, month or year) that stands where ``ref`` stands in its
    own: ``sejak tiga minggu lalu`` runs from three weeks before the reference day."""
    assert p.start is not None
    if p.grain == "week":
        return p.start + timedelta(days=ref.weekday())
    if p.grain == "month":
        return date(
            p.start.year, p.start.month, min(ref.day, _last_day(p.start.year, p.start.month).day)
        )
    if p.grain == "year":
        return date(p.start.year, ref.month, min(ref.day, _last_day(p.start.year, ref.month).day))
    return p.start


def shift(pub: date, unit: str, k: int) -> Period:
    """The whole unit ``k`` units from the reference date."""
    return containing(add(pub, unit, k), unit)


def moved(p: Period, unit: str, k: int) -> Period:
    """The same period ``k`` units away (``the same period last year``: Q3 2024 -> Q3 2023)."""
    assert p.start is not None and p.end is not None
    start, end = add(p.start, unit, k), add(p.end, unit, k)
    if p.end == _last_day(p.end.year, p.end.month):  # a month's end stays a month's end
        end = _last_day(end.year, end.month)
    return Period(start, end, p.grain, True)


def part(p: Period, which: str, ref: date | None = None) -> Period:
    """A part of a period: its early, middle or late third (``early 2025``: January to April;
    ``cuối tháng 3``: the 21st to the end), or the part before or after ``ref`` (``earlier
    this year``). A period of three or more whole years is cut at years, the first part the
    longest (``awal 90-an``: 1990-1993, ``mid-80s``: 1984-1986, ``early 20th century``:
    1900-1933), one of whole months at months, a month at the 10th and 20th."""
    assert p.start is not None and p.end is not None
    if which in ("before", "after") and ref is not None:
        return replace(p, end=ref) if which == "before" else replace(p, start=ref)
    years = p.end.year - p.start.year + 1
    if years >= 3 and (p.start.month, p.start.day, p.end.month, p.end.day) == (1, 1, 12, 31):
        third = years // 3
        first, last = {
            "early": (0, years - 2 * third),
            "mid": (years - 2 * third, years - third),
        }.get(which, (years - third, years))
        return replace(
            p, start=date(p.start.year + first, 1, 1), end=date(p.start.year + last - 1, 12, 31)
        )
    span = (p.end.year - p.start.year) * 12 + p.end.month - p.start.month + 1
    if span >= 3 and p.start.day == 1 and p.end == _last_day(p.end.year, p.end.month):
        third = span // 3
        first, last = {
            "early": (0, third),
            "mid": (third, span - third),
            "late": (span - third, span),
        }[which]
        start = add(p.start, "month", first)
        end = add(p.start, "month", last - 1)
        return replace(p, start=start, end=_last_day(end.year, end.month))
    if span == 1 and p.grain != "week":  # a week inside one month is cut by its days
        y, m = p.start.year, p.start.month
        days = {"early": (1, 10), "mid": (11, 20), "late": (21, _last_day(y, m).day)}[which]
        return replace(p, start=date(y, m, days[0]), end=date(y, m, days[1]))
    length = (p.end - p.start).days + 1
    third = length // 3
    if which == "early":
        return replace(p, end=p.start + timedelta(days=third - 1))
    if which == "late":
        return replace(p, start=p.end - timedelta(days=third - 1))
    return replace(p, start=p.start + timedelta(days=third), end=p.end - timedelta(days=third))


def weekday(ref: date, wd: int, k: int, by_week: bool, this: bool = False) -> Period:
    """The weekday ``wd`` (Monday 0) meant by a modifier ``k`` (-1 last, 0 this or none, +1
    next) against ``ref``. ``by_week``: the modifier names a calendar week (``thứ 2 tuần
    trước``: the Monday of last week; with ``this``, a bare ``this``: on a Sunday, the
    coming week's);
    otherwise -1 is the latest such day before ``ref``,
    +1 the first after it, and 0 (a bare weekday: news reports what happened) the latest on
    or before it."""
    if by_week and k == 0 and this:
        # ``Selasa ini``: of the reference day's week, but on a Sunday the coming week's, as
        # the development readers read it (``Jumaat ini`` written on a Sunday: in five days)
        monday = ref - timedelta(days=ref.weekday())
        ahead = ref.weekday() == 6 and wd != 6
        found = monday + timedelta(days=wd + (7 if ahead else 0))
    elif by_week:
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=k)
        found = monday + timedelta(days=wd)
    elif k > 0:
        found = ref + timedelta(days=(wd - ref.weekday() - 1) % 7 + 1)
    else:
        back = (ref.weekday() - wd) % 7
        found = ref - timedelta(days=back or (7 if k < 0 else 0))
    return Period(found, found, "day", True)


def iso_duration(unit: str, n: int) -> str:
    """An ISO 8601 length: 3 years -> P3Y, 2 weeks -> P2W, a decade -> P10Y, a fortnight ->
    P2W."""
    if unit == "decade":
        return f"P{10 * n}Y"
    if unit == "century":
        return f"P{100 * n}Y"
    if unit == "quarter":
        return f"P{3 * n}M"
    if unit == "fortnight":
        return f"P{2 * n}W"
    return f"P{n}{ISO_UNITS[unit]}"


ISO_UNITS = {"year": "Y", "month": "M", "week": "W", "day": "D"}
