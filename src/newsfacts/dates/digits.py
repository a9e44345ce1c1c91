"""The date rules written in digits: ISO dates, day/month/year, a day and month after a
cue, listed days, spans of days over two months, a month and year after a cue. Each reads
with the language's words (its cues); ``rules.RULES`` takes them in this order."""

from __future__ import annotations

from newsfacts.dates.pieces import Shape, digit, keyed
from newsfacts.dates.words import DASH, L, R, alt

DIGIT_SHAPES: tuple[Shape, ...] = (
    Shape(
        "iso",
        lambda p: rf"{L}(?P<y>\d{{4}})-(?P<m>\d\d)-(?P<d>\d\d){R}",
        "iso",
        digit,
        numeric=True,
    ),
    Shape(
        "numeric",
        lambda p: rf"{L}(?P<a>\d{{1,2}})(?P<s>[/.\-])(?P<b>\d{{1,2}})(?P=s){p.year}{R}",
        "numeric",
        digit,
        numeric=True,
    ),
    Shape(
        "numeric_partial",
        lambda p: (
            # a range's own words cue a date too: ``từ 13-7 đến 24-7``
            rf"(?<!\w){alt([*p.d['day_cues'], *p.d['range_from'], *p.d['range_to']])}\s+"
            rf"(?P<x>(?:(?P<a1>\d{{1,2}})-(?=\d{{1,2}}/))?"
            rf"(?P<a>\d{{1,2}})(?P<s>[/\-])(?P<b>\d{{1,2}})){R}{p.not_counted}"
            if p.d.get("day_cues")
            else None
        ),
        "numeric",
        lambda p: (*p.d["day_cues"], *p.d["range_from"], *p.d["range_to"]),
        numeric=True,
    ),
    keyed(  # ``ngày 5.2``, ``Ngày 29.1.2021``: as some Vietnamese papers write it
        "numeric_dotted",
        "dotted_day_cues",
        lambda p: (
            rf"(?<!\w){alt(p.d['dotted_day_cues'])}\s+(?P<x>(?P<a>\d{{1,2}})(?P<s>\.)"
            rf"(?P<b>\d{{1,2}})(?:\.{p.year})?){R}{p.not_counted}"
        ),
        "numeric",
        numeric=True,
    ),
    Shape(
        "numeric_listed",  # ``đến hết 22/4 và 31/5``, ``30/4, 1/5``: a day after a listed one
        lambda p: (
            rf"(?:(?:(?<=\d/\d)|(?<=\d/\d\d)),\s*(?:{alt(p.d['range_and'])}\s+)?"
            rf"|(?:(?<=\d/\d\s)|(?<=\d/\d\d\s)){alt(p.d['range_and'])}\s+)"
            rf"(?P<x>(?P<a>\d{{1,2}})(?P<s>/)(?P<b>\d{{1,2}})){R}{p.not_counted}"
            if p.d.get("day_cues") and p.d.get("range_and")
            else None
        ),
        "numeric",
        lambda p: (",", *p.d["range_and"]),
        numeric=True,
    ),
    Shape(
        "numeric_span",  # ``30/4 - 1/5``, ``28/12-3/1/2021``: a range of days in two months
        lambda p: (
            rf"{L}(?P<a0>\d{{1,2}})/(?P<b0>\d{{1,2}}){DASH}"
            rf"(?P<a>\d{{1,2}})(?P<s>/)(?P<b>\d{{1,2}})(?:/{p.year})?{R}{p.not_counted}"
        ),
        "numeric",
        digit,
        numeric=True,
    ),
    Shape(
        # ``từ 9/2019``: a month and year in digits, after a range or year cue (``tháng`` is
        # left out: without a cue, ``9/2019`` is as often a share or a number)
        "month_year_numeric",
        lambda p: (
            rf"(?<!\w){alt([*p.d['range_from'], *p.d['range_to'], *p.d['year_cues']])}\s+"
            rf"(?P<x>(?P<mm>1[0-2]|0?[1-9])/{p.year}){R}"
            if p.d.get("month_words") and p.d.get("year_cues")
            else None
        ),
        "month",
        lambda p: (*p.d["range_from"], *p.d["range_to"], *p.d["year_cues"]),
        numeric=True,
    ),
)
