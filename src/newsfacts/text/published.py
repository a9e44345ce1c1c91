"""Reads a document's publication date from its metadata, whatever shape it comes in.

The one place where a ``published`` value (``Source.published``, ``extract(published=...)``,
the ``published`` field of a JSONL, CSV, WARC or Spark input) becomes a date:

- ``date`` and ``datetime`` objects (news-please gives datetimes, naive or with a zone);
- ISO 8601 dates and timestamps (``2025-12-20``, ``2025-12-20T10:30:00+07:00``, ``...Z``) and
  numeric day/month/year (``20/12/2025``; month first only when the day is over 12) and RSS /
  HTTP dates (``Tue, 01 Dec 2026 10:00:00 +0800``): read by the standard library, fast, since
  most inputs are one of these;
- anything else by ``dateparser`` (Malay, Indonesian, Vietnamese and English month and weekday
  names, zone names such as ``WIB`` or ``GMT+7``): ``Nov 21, 2024``, ``20 Disember 2025``,
  ``Thứ bảy, 20/12/2025 10:30 (GMT+7)``, ``Senin, 21 Oktober 2019 08:00 WIB``. Day first
  where the order is ambiguous; only absolute dates with a day, month and year (``yesterday``
  or ``Nov 2024`` is not a publication date); nothing is looked up on the network.

The result keeps the time of day and the zone where they were given, and the day is the date
in the zone it was given in, never shifted to UTC (``Tue, 01 Dec 2026 00:30 +0800`` is 1
December). A value that cannot be read raises :class:`UnreadableDate`, whose message the
document record reports as ``published_error``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import cache, lru_cache
from typing import Any

# A value longer than this is not a date (and dateparser's time grows with the length).
MAX_CHARS = 200
LANGUAGES = ("ms", "id", "vi", "en")
SETTINGS: dict[str, Any] = {
    # 03/04/2025 is 3 April: the order of Malaysia, Indonesia and Vietnam (and the UK).
    "DATE_ORDER": "DMY",
    # Only absolute dates with all three parts: no "yesterday" against today's clock, no
    # day or year filled in from today's date (the options that choose them, such as
    # PREFER_DAY_OF_MONTH, then never apply), no Unix timestamps read in the local zone.
    "PARSERS": ["absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    # The zone is kept as given: no TO_TIMEZONE, and RETURN_AS_TIMEZONE_AWARE left unset
    # (a value with a zone comes back aware, one without it naive).
}

_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
# RFC 2822 / HTTP dates with a zone the standard library reads exactly (it would drop an
# unknown zone name such as WIB without a word, so those go to dateparser).
_RFC2822 = re.compile(
    rf"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s*)?\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}\s+"
    r"\d{1,2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|GMT|UTC|UT|Z)"
)
# A time of day in the value: without one, dateparser's midnight means "no time given".
_TIME = re.compile(r"\d{1,2}\s*(?::|h(?=\d))\s*\d{2}|\d\s*(?i:[ap]\.?m\b)")
# Tidying for dateparser: a zone in parentheses, `(GMT+7)`, and a leading weekday, `Thứ bảy,`
# (a retry without it: older dateparser releases do not know every weekday spelling).
_ZONE_PARENS = re.compile(r"\(\s*((?:GMT|UTC)\s*[+-]?\s*\d{0,2}(?::?\d{2})?)\s*\)", re.I)
_LEADING_WORDS = re.compile(r"^[^\W\d]+(?:\s+[^\W\d]+)*\s*,\s*")


class UnreadableDate(ValueError):
    """A publication date that cannot be read; the message quotes it."""

    def __init__(self, value: object) -> None:
        shown = repr(value) if len(repr(value)) <= 80 else repr(value)[:77] + "..."
        super().__init__(f"unreadable publication date: {shown}")


@dataclass(frozen=True, slots=True)
class Published:
    """A publication date: the ``day`` in the zone it was given in, and ``at``, the moment
    with its time of day (and zone, when one was given), or None when only a date was."""

    day: date
    at: datetime | None = None

    def at_iso(self) -> str | None:
        """``at`` in ISO 8601, with its UTC offset when it has one."""
        return None if self.at is None else self.at.isoformat()


def read_published(value: date | datetime | str | None) -> Published | None:
    """The publication date of a metadata value; None for no value (None or blank).

    Raises :class:`UnreadableDate` when there is a value that is not a readable date.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return Published(value.date(), _aware_or_naive(value))
    if isinstance(value, date):
        return Published(value)
    if not isinstance(value, str):
        raise UnreadableDate(value)
    text = value.strip()
    if not text:
        return None
    found = _standard(text) if len(text) <= MAX_CHARS else None
    if found is None and len(text) <= MAX_CHARS:
        found = _dateparser(text)
    if found is None:
        raise UnreadableDate(value)
    return found


def parse_date(value: str) -> date | None:
    """The day of a date string (see :func:`read_published`), or None when it has none."""
    try:
        found = read_published(value)
    except UnreadableDate:
        return None
    return None if found is None else found.day


def _aware_or_naive(moment: datetime) -> datetime:
    # a tzinfo that gives no offset is no zone at all
    if moment.tzinfo is not None and moment.utcoffset() is None:
        return moment.replace(tzinfo=None)
    return moment


def _standard(text: str) -> Published | None:
    """ISO 8601, numeric day/month/year and RFC 2822 dates, by the standard library; None
    when the value has none of these shapes."""
    try:
        return Published(date.fromisoformat(text))
    except ValueError:
        pass
    try:
        iso = text[:-1] + "+00:00" if text[-1:] in ("Z", "z") else text  # Python 3.10
        moment = datetime.fromisoformat(iso)
    except ValueError:
        pass
    else:
        return Published(moment.date(), moment)
    m = _DMY.fullmatch(text)
    if m:
        first, second, year = (int(g) for g in m.groups())
        for day, month in ((first, second), (second, first)):
            try:
                return Published(date(year, month, day))
            except ValueError:
                continue
        raise UnreadableDate(text)  # all digits, no date in either order: no need to ask
    if _RFC2822.fullmatch(text):
        from email.utils import parsedate_to_datetime

        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
        return Published(moment.date(), moment)
    return None


@lru_cache(maxsize=4096)  # a feed or a crawl repeats its dates; dateparser takes ~1-10 ms
def _dateparser(text: str) -> Published | None:
    tidy = _ZONE_PARENS.sub(r"\1", text)
    candidates = [tidy]
    without_weekday = _LEADING_WORDS.sub("", tidy, count=1)
    if without_weekday != tidy:
        candidates.append(without_weekday)
    parser = _parser()
    for candidate in candidates:
        try:
            moment = parser.get_date_data(candidate).date_obj
        except Exception:  # dateparser fails in its own ways on odd text: not a date
            moment = None
        if isinstance(moment, datetime):
            moment = _aware_or_naive(moment)
            offset = moment.utcoffset()
            if offset is not None:  # a plain fixed offset, not dateparser's own tzinfo class
                moment = moment.replace(tzinfo=timezone(offset))
            has_time = _TIME.search(candidate) is not None or moment.time() != datetime.min.time()
            return Published(moment.date(), moment if has_time else None)
    return None


@cache
def _parser() -> Any:
    # dateparser loads its language data on first use: only when a value needs it.
    from dateparser import DateDataParser

    return DateDataParser(languages=list(LANGUAGES), settings=SETTINGS)
