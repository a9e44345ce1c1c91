"""The readings of years: a year after a cue, two years in a row (``2024/25``), a range of
years (``2019-2021``, ``năm 2023-25``)."""

from __future__ import annotations

import re
from datetime import date

from newsfacts.dates import periods
from newsfacts.dates.periods import BARE_YEARS, CUED_YEARS, WORDED_YEARS
from newsfacts.dates.words import Reading, group
from newsfacts.model import Period


def _years(m: re.Match[str]) -> tuple[int, int]:
    """The two years of a match: the second written whole or in its last two digits."""
    y1 = int(m["y1"])
    return y1, y1 // 100 * 100 + int(m["ys"]) if group(m, "ys") is not None else int(m["y2"])


class YearReader:
    """The year readings (mixed into ``readers.Reader``)."""

    def year(self, m: re.Match[str], pub: date | None) -> Reading | None:
        y = int(m["y"])  # a year word makes an old year a year too (``năm 1613``)
        allowed = WORDED_YEARS if group(m, "yw") is not None else CUED_YEARS
        return (periods.year(y), 0.9) if y in allowed else None

    def year_pair(self, m: re.Match[str], pub: date | None) -> Reading | None:
        """``2024/25``: two years in a row, no other pair (``2020/2022``)."""
        y1, y2 = _years(m)
        return (Period(date(y1, 1, 1), date(y2, 12, 31), "year"), 0.85) if y2 == y1 + 1 else None

    def year_range(self, m: re.Match[str], pub: date | None) -> Reading | None:
        y1, y2 = _years(m)
        if group(m, "ys") is not None and group(m, "yw") is None and group(m, "from") is None:
            return None
        if not (y1 < y2 <= y1 + 100):
            return None
        if group(m, "and") is not None and group(m, "btw") is None:  # "2021 and 2024": two years
            return None
        if group(m, "btw") is not None and group(m, "and") is None:
            return None
        if (
            group(m, "to") is not None
            and group(m, "from") is None
            and group(m, "yw") is None
            and group(m, "cued") is None
        ):
            return None  # "2021 to 2025" alone is too often two counts
        if (
            group(m, "from") is None
            and group(m, "btw") is None
            and group(m, "yw") is None
            and not (y1 in BARE_YEARS and y2 in BARE_YEARS)
        ):
            return None
        return Period(date(y1, 1, 1), date(y2, 12, 31), "year"), 0.9
