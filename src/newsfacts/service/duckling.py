"""Facts in Duckling's shape, for clients of Duckling's ``POST /parse`` (chatbot stacks).

Each money, percent, quantity and date fact becomes one Duckling entity ``{body, start, end,
dim, value, latent}``; entity facts have no Duckling dimension and are left out. Where the two
differ (the README's section "Fact service" lists it): a percentage is a ``number`` whose
``body`` keeps its ``%``; a qualified figure (``more than 300``) or a range is an interval;
dates are whole days (no times of day), and an interval's ``to`` is the day after its last
day, at midnight, as Duckling's exclusive ends are; offsets count code points of the
normalised text (NFC), which is the input itself for NFC input.
"""

from __future__ import annotations

import calendar
import json
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsfacts.model import Fact, Number, Period
from newsfacts.pipeline import Extractor

DIMS: tuple[str, ...] = ("amount-of-money", "number", "time", "duration")
LOCALES: dict[str, str] = {"ms": "ms", "vi": "vi", "id": "id", "en": "en"}
# Duckling's grains for newsfacts' own: the nearest it has
_GRAINS = {"season": "month", "half": "month", "decade": "year", "century": "year"}
_SECONDS = {"year": 31_536_000, "month": 2_592_000, "week": 604_800, "day": 86_400}
_DURATION_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}
_LOWER = ("more_than", "at_least")  # qualifiers that make a figure an open interval from it
_UPPER = ("less_than", "at_most")


def locale_language(locale: str) -> str:
    """The newsfacts language of a Duckling locale (``ms_MY``, ``vi_VN``, ``id_ID``,
    ``en_*``) or language (``EN``, ``ms``); ``ValueError`` for any other."""
    code = locale.replace("-", "_").partition("_")[0].lower()
    if code not in LOCALES:
        raise ValueError(
            f"locale {locale!r} is not served: ms_MY, vi_VN, id_ID, en_* (or ms, vi, id, en)"
        )
    return LOCALES[code]


def read_dims(text: str) -> list[str]:
    """The ``dims`` field: a JSON list (``["time", "number"]``, what Duckling's clients send)
    or names separated by commas; empty for all. Dimensions newsfacts lacks (``email``)
    simply find nothing, as a Duckling without them would."""
    text = text.strip()
    if not text:
        return []
    if text.startswith("["):
        try:
            dims = json.loads(text)
        except json.JSONDecodeError:
            raise ValueError(f"dims is not a JSON list: {text!r}") from None
        if not isinstance(dims, list) or not all(isinstance(d, str) for d in dims):
            raise ValueError(f"dims must be a list of names: {text!r}")
        return dims
    return [d.strip() for d in text.split(",") if d.strip()]


def time_zone(name: str) -> tzinfo:
    """The zone of an IANA name (``Asia/Kuala_Lumpur``); ``ValueError`` for an unknown one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r} (an IANA name: Asia/Jakarta)") from None


def parse(
    extractor: Extractor, *, text: str, lang: str, dims: list[str], reftime: int, tz: str
) -> list[dict[str, Any]]:
    """Duckling's answer for ``text``: relative dates read from the day of ``reftime`` (ms
    since the epoch) in the zone ``tz``; only the dimensions in ``dims`` (all when empty)."""
    zone = time_zone(tz)
    today = datetime.fromtimestamp(reftime / 1000, zone).date()
    article = extractor.extract(text, lang=lang, published=today, layout="text")
    found = []
    for fact in article.facts:
        dim, value = _value(fact, zone)
        if dim is not None and (not dims or dim in dims):
            body = {"body": fact.text, "start": fact.start, "end": fact.end, "dim": dim}
            found.append({**body, "value": value, "latent": False})
    return found


def _value(fact: Fact, zone: tzinfo) -> tuple[str | None, dict[str, Any]]:
    value = fact.value
    if isinstance(value, Number):
        unit = {"unit": value.unit} if fact.type == "money" else {}
        return ("amount-of-money" if fact.type == "money" else "number"), _amount(value, unit)
    if isinstance(value, Period):
        return _period(value, zone)
    return None, {}


def _number(amount: Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _amount(value: Number, unit: dict[str, Any]) -> dict[str, Any]:
    if value.amount is not None and value.qualifier in _LOWER + _UPPER:
        end = "from" if value.qualifier in _LOWER else "to"
        return {"type": "interval", end: {"value": _number(value.amount), **unit}}
    if value.amount is not None:
        return {"type": "value", "value": _number(value.amount), **unit}
    interval: dict[str, Any] = {"type": "interval"}
    for end, bound in (("from", value.min), ("to", value.max)):
        if bound is not None:
            interval[end] = {"value": _number(bound), **unit}
    return interval


def _period(period: Period, zone: tzinfo) -> tuple[str | None, dict[str, Any]]:
    grain = _GRAINS.get(period.grain, period.grain)
    if period.start is None and period.end is None:
        return ("duration", _duration(period.duration)) if period.duration else (None, {})
    if period.start is not None and period.end is not None and _one_unit(period, grain):
        moment = {"value": _moment(period.start, zone), "grain": grain}
        return "time", {"type": "value", **moment, "values": [{"type": "value", **moment}]}
    interval: dict[str, Any] = {}
    if period.start is not None:
        interval["from"] = {"value": _moment(period.start, zone), "grain": grain}
    if period.end is not None:
        interval["to"] = {"value": _moment(period.end + timedelta(days=1), zone), "grain": grain}
    return "time", {"type": "interval", **interval, "values": [{"type": "interval", **interval}]}


def _moment(day: date, zone: tzinfo) -> str:
    """Midnight of ``day`` in ``zone``, as Duckling writes it: ``2024-07-13T00:00:00.000+07:00``."""
    midnight = datetime(day.year, day.month, day.day, tzinfo=zone)
    return midnight.isoformat(timespec="milliseconds")


def _one_unit(period: Period, grain: str) -> bool:
    """Whether the period is exactly one day, week (from Monday), month, quarter or year."""
    start, end = period.start, period.end
    assert start is not None and end is not None
    if grain == "day":
        return start == end
    if grain == "week":
        return start.weekday() == 0 and end == start + timedelta(days=6)
    months = {"month": 1, "quarter": 3, "year": 12}.get(grain)
    if months is None or start.day != 1 or (start.month - 1) % months:
        return False
    last = start.month + months - 1
    return end == date(start.year, last, calendar.monthrange(start.year, last)[1])


def _duration(iso: str) -> dict[str, Any]:
    """``P3Y`` as Duckling's duration value, normalised to seconds (a year of 365 days and a
    month of 30, as Duckling counts them)."""
    count, unit = int(iso[1:-1]), _DURATION_UNITS[iso[-1]]
    normalized = {"value": count * _SECONDS[unit], "unit": "second"}
    return {"type": "value", "value": count, "unit": unit, unit: count, "normalized": normalized}
