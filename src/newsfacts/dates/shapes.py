"""The rules for what is said relative to a reference date or by name: weekdays, parts of
days, lengths of time (``lengths``), the first months of a year, the year to date, references back,
decades, centuries, seasons, holidays, fiscal years and short quarter codes (``3Q24``).

Each is a :class:`~newsfacts.dates.pieces.Shape` over the language's words; a language
without a rule's words (no ``seasons`` in its data) simply lacks the rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsfacts.dates.lengths import LENGTH_SHAPES
from newsfacts.dates.pieces import Pieces, Shape, keyed
from newsfacts.dates.words import DASH, DIGIT, R, alt, names, not_after, not_after_count


def cased(words: Iterable[str]) -> str:
    """Names as written, with a capital first letter, or in capitals (``thứ Hai``,
    ``Thứ Hai``, ``THỨ HAI``): never all lower case, where they are ordinary words."""
    forms: set[str] = set()
    for w in words:
        forms.update((w, w[:1].upper() + w[1:], w.upper()))
    return alt(forms, fold=False)


def _words(p: Pieces, key: str) -> list[str]:
    found: list[str] = list(p.d.get(key, []))
    return found


def _weekday(p: Pieces) -> str | None:
    named, cued = p.d.get("weekdays", {}), p.d.get("weekdays_cued", {})
    if not (named or cued):
        return None
    day = f"(?P<wd>{cased(named)}|{alt(cued)})" if cued else f"(?P<wd>{cased(named)})"
    cue = rf"(?:(?P<wc>{alt(_words(p, 'weekday_cues'))})\s+)?" if p.d.get("weekday_cues") else ""
    weeks = p.d.get("weekday_weeks")
    week = rf"\s+(?P<ww>{alt(weeks)})" if weeks else "(?!)"
    # ``setiap Jumaat``, ``setiap hari Jumaat``, ``every Friday``: a frequency, no date
    every = p.d.get("frequency_words", [])
    cues = p.d.get("weekday_cues", [])
    # ``ca nhiễm thứ 4 này``, ``ngày thứ 6 liên tiếp``: a weekday's words as an ordinal
    ordinal = rf"(?!\s+{alt(p.d['ordinal_after'])}(?!\w))" if p.d.get("ordinal_after") else ""
    never = not_after(
        [*every, *(f"{f} {c}" for f in every for c in cues), *p.d.get("ordinal_before", [])]
    )
    # a part of day after it (``Minggu pagi``): group ``pa``, which makes a capitalised cued
    # weekday a day without its cue
    parts = p.d.get("parts_of_day")
    part = rf"(?=\s+(?P<pa>{alt(parts)})(?!\w))?" if parts else ""
    if p.d["_modifier_first"]:
        return rf"(?<!\w){never}(?:(?P<rm>{p.mods})\s+)?{cue}{day}{ordinal}(?:{week})?(?!\w){part}"
    return rf"(?<!\w){never}{cue}{day}{ordinal}(?:{week}|\s+(?P<rm2>{p.mods})(?!\w))?(?!\w){part}"


def _weekday_dated(p: Pieces) -> str | None:
    """``Rabu (26/2)``, ``Jumat, (6/3/2020)``: a weekday with its date in brackets, as
    Indonesian news writes it; the bracket's date is read (``numeric``). A weekday that is
    also another word (``Minggu``, a week) is one here too: the date says so."""
    named = p.d.get("weekdays", {})
    if not named:
        return None
    cue = rf"(?:(?P<wc>{alt(_words(p, 'weekday_cues'))})\s+)?" if p.d.get("weekday_cues") else ""
    return (
        rf"(?<!\w){cue}(?P<wd>{cased([*named, *p.d.get('weekdays_cued', {})])}),?\s*\("
        rf"(?P<a>\d{{1,2}})(?P<s>/)(?P<b>\d{{1,2}})"
        rf"(?:/(?P<y>[12]\d{{3}}))?\)"
    )


def _weekday_starts(p: Pieces) -> Iterable[str]:
    yield from _words(p, "weekday_cues")
    yield from p.d.get("weekdays_cued", {})
    for w in p.d.get("weekdays", {}):
        yield w[:1].upper() + w[1:]
    if p.d["_modifier_first"]:
        yield from p.modifiers


def _first_months(p: Pieces) -> str | None:
    f = p.d.get("first_months")
    if not f:
        return None
    first, unit = f"(?P<fw>{alt([*f['first'], *f.get('last', [])])})", alt(f["months"])
    # ``9 tháng năm nay``: where the data says so, the first months with no first word
    # before a year (``_first_optional``)
    optional = rf"|(?=\s+{p.year_word}\s+(?:\d|{p.mods}(?!\w)))" if f.get("_first_optional") else ""
    head = (
        rf"{first}\s+{p.number}\s+{unit}"
        if f["_first_before"]
        else rf"{p.number}\s+{unit}(?:\s+{first}{optional})"
    )
    return rf"(?<![\w.,])(?P<fm>{head})(?:{p.year_slot(True)})?(?!\w)"


def _first_months_starts(p: Pieces) -> Iterable[str]:
    f = p.d["first_months"]
    if f["_first_before"]:
        return (*f["first"], *f.get("last", []))
    return (*DIGIT, *p.number_words)


def _phrases(key: str, group: str) -> Shape:
    def pattern(p: Pieces) -> str | None:
        # where the data says so, a bare number right before a part of a day makes it a count
        # (``2 chiều qua hầm``: both ways through the tunnel; ``6h30 sáng qua`` is a clock)
        counted = (
            not_after_count(r"\w:.", 2) if key == "part_days" and p.d.get("_parts_counted") else ""
        )
        # a reference back after a word of an unknown number is vague (``vài tháng sau đó``)
        if key == "anaphora":
            counted = p.not_vague
        # not the first part of a compound (``the season-ending Masters``)
        return rf"(?<!\w){counted}(?P<{group}>{alt(p.d[key])})(?![\w-])" if p.d.get(key) else None

    return Shape(
        key,
        pattern,
        {
            "part_days": "part_day",
            "to_date": "year_to_date",
            "anaphora": "anaphoric",
            "weekends": "weekend",
            "open_periods": "open_period",
        }[key],
        lambda p: p.d[key],
    )


def _decade(p: Pieces) -> str | None:
    """``the 1980s``, ``the '80s``, ``thập niên 90``, ``tahun 1990-an``: a decade word before
    the number, or a suffix after it (a two-digit number needs ``the`` or an apostrophe too:
    ``in their 20s`` is an age)."""
    dec = p.d.get("decades")
    if not dec:
        return None
    words = rf"(?P<dw>{alt(dec['words'])})\s+" if dec.get("words") else "(?!)"
    before = rf"(?P<db>{alt(dec['before'])})\s+" if dec.get("before") else "(?!)"
    suffix = rf"(?P<ds>{alt(dec['suffixes'], fold=False)})" if dec.get("suffixes") else "(?!)"
    # ``mid-80s``, ``the late 70s``: a calendar part right before licenses a two-digit decade
    # too (it is no age); the part itself is left to the calendar-part join
    parts = [re.escape(w) for w in p.d.get("calendar_parts", {}) if " " not in w]
    licence = "|".join(rf"(?<={w}[\s-])" for w in parts)
    part = rf"(?P<pl>{licence})?" if parts else ""
    number = rf"(?:(?P<c>1[5-9]|20)(?P<e>\d)0|{part}(?P<ap>')?(?P<e2>\d)0)"
    return rf"(?<![\w.,])(?:{before})?(?:{words})?{number}(?:{suffix})?(?!\w)"


def _century(p: Pieces) -> str | None:
    c = p.d.get("centuries")
    if not c:
        return None
    forms = []
    if c.get("before"):
        forms.append(rf"(?:{alt(c['before'])})[\s-]*(?P<n>\d{{1,2}}|[IVXL]+)(?!\w)")
    if c.get("after"):
        forms.append(rf"(?P<n2>\d{{1,2}})(?:st|nd|rd|th)\s+(?:{alt(c['after'])})(?!\w)")
    return rf"(?<![\w.,])(?:{'|'.join(forms)})"


def _season(p: Pieces) -> str | None:
    seasons = p.d.get("seasons")
    if not seasons:
        return None
    # ``next spring``: a modifier before the season only where the language puts it first
    before = rf"(?:(?P<sm>{p.mods})\s+)?" if p.d["_modifier_first"] else ""
    return (
        rf"(?<!\w){before}(?P<sn>{alt(seasons)})"
        rf"(?:\s+(?P<sm2>{p.mods})(?!\w)|{p.rel_year}|(?:\s+{p.of}(?:{p.year_word}\s+)?|\s*){p.year}{R})?(?!\w)"
    )


def _holiday(p: Pieces) -> str | None:
    names = p.d.get("holidays")
    if not names:
        return None
    # not inside a compound (``pre-Christmas sales``); with its year, written or relative
    # (``Tahun Baru Cina tahun depan``)
    years = alt(u for u, unit in p.units.items() if unit == "year")
    rel = (
        rf"(?P<rm>{p.mods})\s+(?P<ru>{years})"
        if p.d["_modifier_first"]
        else rf"(?P<ru>{years})\s+(?P<rm>{p.mods})"
    )
    year = rf"\s+(?:{p.year_word}\s+)?{p.year}{R}|\s+{p.of}(?P<ry>{rel})(?!\w)"
    return rf"(?<![\w-])(?P<hn>{cased(names)})(?:{year})?(?!\w)"


def _month_span(p: Pieces) -> str | None:
    """``June-July``, ``Januari-Mac 2024``, ``tháng 1-3/2021``: months from one to another,
    in names or, after the month word, in numbers."""
    spans = [rf"(?P<mn1>{names(p.months)}){DASH}{p.month_name}"] if p.months else []
    if p.d.get("month_words"):
        word = alt(p.d["month_words"])
        spans.append(
            rf"{word}\s*(?P<mm1>1[0-2]|0?[1-9]){DASH}(?:{word}\s*)?(?P<mm>1[0-2]|0?[1-9])(?!\d)"
        )
    if not spans:
        return None
    return rf"(?<!\w)(?:{'|'.join(spans)})(?:{p.year_slot(False)})?(?!\w)"


def _fiscal(p: Pieces) -> str | None:
    words = p.d.get("fiscal_years")
    if not words:
        return None
    quarter = r"(?:(?P<fq>[1-4])Q\s*|Q(?P<fq2>[1-4])\s+)?"
    return (
        rf"(?<![\w.,]){quarter}{alt(words)}\s*'?"
        rf"(?P<y>[12]\d{{3}}|\d{{2}})(?:/(?P<y2>\d{{2}}))?(?![\w/])"
    )


def _fiscal_starts(p: Pieces) -> Iterable[str]:
    return (*p.d["fiscal_years"], "Q1", "Q2", "Q3", "Q4", *DIGIT)


SHAPES: tuple[Shape, ...] = (
    Shape("weekday", _weekday, "weekday", _weekday_starts),
    Shape("weekday_dated", _weekday_dated, "numeric", _weekday_starts, numeric=True),
    _phrases("part_days", "pd"),
    _phrases("weekends", "we"),
    _phrases("open_periods", "op"),
    keyed(  # ``ulang tahun ke-60``: the years since an event, a length
        "anniversary",
        "anniversary_words",
        lambda p: (
            rf"(?<!\w)(?:{alt(p.d['anniversary_words'])})-?\s*(?P<n>\d{{1,3}})(?![\d.,]\d|\w)"
        ),
        "anniversary",
    ),
    keyed(  # ``musim 2023``, ``mùa giải 2022-2023``: a league's season of a year
        "season_year",
        "season_words",
        lambda p: (
            rf"(?<!\w)(?P<sw>{alt(p.d['season_words'])})\s+[12]\d{{3}}"
            rf"(?:\s*[/-]\s*(?:[12]\d{{3}}|\d\d))?{R}"
        ),
        "season_year",
    ),
    Shape("first_months", _first_months, "first_months", _first_months_starts),
    *LENGTH_SHAPES,
    _phrases("to_date", "td"),
    _phrases("anaphora", "an"),
    Shape(
        "period_part",  # ``đầu năm``, ``akhir bulan``: a part of the reference date's year or month
        # (not after a frequency word: ``setiap hujung bulan``)
        lambda p: (
            rf"(?<!\w){not_after(p.d.get('frequency_words', []))}(?P<pp>{alt(p.d['period_parts'])})"
            rf"(?!\s+(?:\d|(?:{p.mods}|{p.year_word})(?!\w)))(?!\w|-\w)"  # ``year-long``
            if p.d.get("period_parts")
            else None
        ),
        "period_part",
        lambda p: p.d["period_parts"],
    ),
    Shape(
        "decade",
        _decade,
        "decade",
        lambda p: (
            *DIGIT,
            "'",
            *p.d["decades"].get("words", []),
            *p.d["decades"].get("before", []),
        ),
    ),
    Shape("century", _century, "century", lambda p: (*DIGIT, *p.d["centuries"].get("before", []))),
    Shape(
        "season",
        _season,
        "season",
        lambda p: (*p.d["seasons"], *(p.modifiers if p.d["_modifier_first"] else ())),
    ),
    Shape(
        "holiday", _holiday, "holiday", lambda p: [w[:1].upper() + w[1:] for w in p.d["holidays"]]
    ),
    Shape(
        "month_span",
        _month_span,
        "month_span",
        lambda p: (*p.months, *p.d.get("month_words", [])),
    ),
    Shape("fiscal", _fiscal, "fiscal", _fiscal_starts),
    Shape(
        "year_subject",  # ``1993 was a hard year``: a bare year as the subject of a sentence
        lambda p: (
            rf"(?<![\w.,/-]){p.year}(?=\s+{alt(p.d['year_verbs'])}(?!\w))"
            if p.d.get("year_verbs")
            else None
        ),
        "year",
        lambda p: DIGIT,
        numeric=True,
    ),
    Shape(
        "part_code",
        lambda p: (
            r"(?<![\w.,])(?:(?P<pq>[1-4])Q|Q(?P<pq2>[1-4])'|(?P<ph>[12])H|H(?P<ph2>[12])')"
            r"(?P<yy>\d{2}|[12]\d{3})(?!\w)"
        ),
        "part_code",
        lambda p: (*DIGIT, "Q1", "Q2", "Q3", "Q4", "H1", "H2"),
    ),
)
