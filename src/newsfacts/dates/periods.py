"""The periods a date expression can cover: whole years, months, quarters, halves, weeks and
days, and the reading of a year-less or relative expression against the publication date."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

from newsfacts.model import Period

# A year with a cue may be historical or a plan; a bare range must look like recent years.
CUED_YEARS = range(1800, 2200)
BARE_YEARS = range(1900, 2101)


def year(y: int, relative: bool = False) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31), "year", relative)


def month(y: int, m: int, relative: bool = False) -> Period:
    return Period(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), "month", relative)


def _months(y: int, first: int, last: int, grain: str, relative: bool) -> Period:
    end = date(y, last, calendar.monthrange(y, last)[1])
    return Period(date(y, first, 1), end, grain, relative)  # type: ignore[arg-type]


def quarter(y: int, q: int, relative: bool = False) -> Period:
    return _months(y, 3 * q - 2, 3 * q, "quarter", relative)


def half(y: int, h: int, relative: bool = False) -> Period:
    return _months(y, 6 * h - 5, 6 * h, "half", relative)


def day(y: int, m: int, d: int, relative: bool = False) -> Period | None:
    try:
        found = date(y, m, d)
    except ValueError:
        return None
    return Period(found, found, "day", relative)


# News mostly reports what has happened: a year-less expression is read as the latest one
# that starts no later than this many days after publication (``3 Januari`` in late December
# is next month; ``April`` in December is the April just gone).
_LOOKAHEAD = timedelta(days=31)


def nearest(build: Callable[[int], Period | None], pub: date) -> Period | None:
    """The reading of a year-less expression (see ``_LOOKAHEAD``)."""
    for y in (pub.year + 1, pub.year, pub.year - 1):
        p = build(y)
        if p is not None and p.start <= pub + _LOOKAHEAD:
            return p
    return None


def shift(pub: date, unit: str, k: int) -> Period:
    """The whole day, week, month or year ``k`` units from the publication date."""
    if unit == "year":
        return year(pub.year + k, True)
    if unit == "month":
        index = pub.year * 12 + pub.month - 1 + k
        return month(index // 12, index % 12 + 1, True)
    if unit == "week":
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=k)
        return Period(monday, monday + timedelta(days=6), "week", True)
    found = pub + timedelta(days=k)
    return Period(found, found, "day", True)
