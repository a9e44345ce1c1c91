"""Tense: news mostly reports what has happened, so a year-less date or a bare weekday is
read as the latest one (``periods.nearest``, ``periods.weekday``); after a future cue of
the language in its sentence (``will``, ``akan``, ``sẽ``: ``future_cues``) it is the next
one (``The talks will resume on Monday``, ``Projek dijangka siap menjelang Jun``), up to the
reporting clause that closes what was said (``future_ends``: ``... akan wujud lagi, katanya
ketika ditemui ... malam Isnin``: the Monday is past)."""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from newsfacts.dates import periods
from newsfacts.dates.words import alt
from newsfacts.model import Period
from newsfacts.text.sentences import text_sentences

# What a reader's bare reading moves on by in a sentence about the future (by its name).
AHEAD = {
    "weekday": "week",
    "weekend": "week",
    "day_month": "year",
    "month": "year",
    "month_span": "year",
    "numeric": "year",
    "quarter": "year",
    "half": "year",
    # a festival's next date is not a year on (lunar and Islamic calendars): it is read again
    # from a reference nearly a lunar year later (``AGAIN``)
    "holiday": "again",
}
# The reference a holiday is read again from in the future: the latest one starting no later
# than a month after it (``periods.nearest``) is then the first after publication.
AGAIN = timedelta(days=323)
# A bare day less than a week before publication is not moved a year on in a sentence about
# the future: the event is under way (``akan diadakan ... bermula 18 Mei``, published 19
# May), not a year off; a month before, it is next year's (``will ... on 1 February``,
# published 1 March), and so is a month just ended (``by the end of February``): both on
# the development set, benchmarks/dev/dates.
UNDER_WAY_DAYS = 7
# Where a quotation closes: the future of a quote is not its reporting clause's
# (``"... bakal dinaikkan," katanya pada Khamis``).
_QUOTE_END = '["”»]'
# Groups that hold a modifier or a year word (``last Monday``, ``tháng 10 năm ngoái``): a
# reading with one is not bare, and its tense is written.
_WRITTEN = ("rm", "rm2", "ww", "ry", "by", "dm")


class Tense:
    """Which places of a text speak of the future."""

    def __init__(self, cues: Sequence[str], ends: Sequence[str]) -> None:
        self.cue = re.compile(rf"(?<!\w){alt(cues)}(?!\w)", re.IGNORECASE) if cues else None
        # where a stretch ends: a closing quotation mark, or a reporting word
        said = rf"|(?<!\w)(?:{alt(ends)})(?!\w)" if ends else ""
        self.end = re.compile(rf"{_QUOTE_END}{said}", re.IGNORECASE)

    def future(self, text: str) -> Future:
        """The stretches of ``text`` about the future."""
        return Future(self.cue, text, self.end)


class Future:
    """The stretches of a text about the future: from a future cue to its sentence's end or
    the quotation's (``He said on Friday that talks will resume``: the cue after the date is
    not its). Few places are asked about, so only their sentences are searched."""

    def __init__(self, cue: re.Pattern[str] | None, text: str, end: re.Pattern[str]) -> None:
        self.cue, self.text, self.end = cue, text, end
        self._sentences: list[tuple[int, int]] = []  # made when first asked
        self._starts: list[int] = []
        self._stretches: dict[int, tuple[int, int] | None] = {}  # by sentence, once asked

    def at(self, pos: int) -> bool:
        """Whether the character at ``pos`` is in a stretch about the future."""
        if self.cue is None:
            return False
        if not self._sentences:
            self._sentences = text_sentences(self.text)
            self._starts = [s for s, _ in self._sentences]
        k = bisect_right(self._starts, pos) - 1  # the sentence, or the one before the gap
        if k not in self._stretches:
            start, end = self._sentences[k]
            first = self.cue.search(self.text, start, end)
            if first is None:
                self._stretches[k] = None
            else:
                close = self.end.search(self.text, first.end(), end)
                self._stretches[k] = (first.end(), close.start() if close else end)
        stretch = self._stretches[k]
        return stretch is not None and stretch[0] <= pos < stretch[1]


def bare(m: re.Match[str]) -> bool:
    """Whether a match wrote no modifier or year word of its own."""
    groups = m.re.groupindex
    return not any(g in groups and m.group(g) is not None for g in _WRITTEN)


def ahead(p: Period, unit: str, pub: date, again: Period | None = None) -> Period:
    """A bare reading that lies before ``pub`` moved to the next one: a week or a year on, or
    ``again``, its reading from a later reference (``AGAIN``)."""
    if p.start is None or p.end is None or p.end >= pub:
        return p
    if unit in ("year", "again") and p.grain == "day" and (pub - p.end).days < UNDER_WAY_DAYS:
        return p
    if unit == "again":
        return p if again is None else again
    end = periods.add(p.end, unit, 1)
    if unit == "year" and p.end.day == calendar.monthrange(p.end.year, p.end.month)[1]:
        end = end.replace(day=calendar.monthrange(end.year, end.month)[1])  # a month's last day
    return replace(p, start=periods.add(p.start, unit, 1), end=end)
