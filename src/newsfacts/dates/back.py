"""Readings of the references back to another date: ``the previous year``, ``cùng kỳ năm
trước``, ``three years later``. Their reading waits for :mod:`newsfacts.dates.compose` to know
what they point at: the latest date before them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from newsfacts.dates import periods
from newsfacts.dates.words import Reading, lookup
from newsfacts.model import Period

# Marks a reference back (``the previous year``) until compose resolves it.
ANAPHORIC = "anaphoric"
# Marks a count of units after the date before it (``three years later``): with no date
# before it, it stays unresolved (the reference date is not what it counts from).
LATER = "later"


class BackReader:
    """The references back of one language (mixed into ``readers.Reader``)."""

    anaphora: dict[str, Any]
    duration_units: dict[str, Any]

    count: Callable[[str], int | None]  # ``relative.RelativeReader.count``

    def later(self, m: re.Match[str], pub: date | None) -> Reading | None:
        n = self.count(m["n"])
        unit = str(lookup(self.duration_units, m["du"]))
        if n is None or unit not in ("day", "week", "month", "year"):
            return None
        length, relation = periods.iso_duration(unit, n), f"+{n} {unit}"
        later = Period(None, None, unit, True, relation, length, unresolved=LATER)  # type: ignore[arg-type]
        return later, 0.7

    def anaphoric(self, m: re.Match[str], pub: date | None) -> Reading | None:
        relation = str(lookup(self.anaphora, m["an"]))
        unit = relation.split()[1]
        return Period(None, None, unit, True, relation=relation, unresolved=ANAPHORIC), 0.75  # type: ignore[arg-type]


def resolve_anaphoric(p: Period, anchor: Period) -> Period:
    """A reference back resolved against the period it points at: ``-1 year`` is the year
    before the anchor's, ``-1 year same`` the anchor's own period a year earlier (as is the
    year before a year that is not a calendar one: ``the 12 months to 30 September and
    $377bn in the previous year``)."""
    assert anchor.start is not None
    k, unit, *same = (p.relation or "+0 day").split()
    if same or anchor.grain == unit:
        found = periods.moved(anchor, unit, int(k))
    else:
        found = periods.shift(anchor.start, unit, int(k))
    return replace(found, relation=p.relation, reference="context")
