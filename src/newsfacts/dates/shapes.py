"""The rules for what is said relative to a reference date or by name: weekdays, parts of
days, lengths of time, the first months of a year, the year to date, references back,
decades, centuries, seasons, holidays, fiscal years and short quarter codes (``3Q24``).

Each is a :class:`~newsfacts.dates.pieces.Shape` over the language's words; a language
without a rule's words (no ``seasons`` in its data) simply lacks the rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from newsfacts.dates.pieces import Pieces, Shape
from newsfacts.dates.words import DIGIT, R, alt, not_after, not_after_count


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
    if p.d["_modifier_first"]:
        return rf"(?<!\w){never}(?:(?P<rm>{p.mods})\s+)?{cue}{day}{ordinal}(?:{week})?(?!\w)"
    return rf"(?<!\w){never}{cue}{day}{ordinal}(?:{week}|\s+(?P<rm2>{p.mods})(?!\w))?(?!\w)"


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


def _duration(p: Pieces) -> str | None:
    units = p.d.get("duration_units")
    if not units:
        return None
    d = p.d["durations"]

    def side(key: str) -> str:
        return alt(d[key]) if d.get(key) else "(?!)"

    # ``a 10-year absence``, ``a two-year ban``: a length as a modifier, written with a hyphen
    # where the language does (``hyphen_terms``), but not the name of a product or term
    # (``10-year bond``, ``five-year plan``, ``five-year emergency loan``: a word between)
    terms = (
        rf"(?![\s-]+(?:[^\W\d]+\s+)?{alt(d['hyphen_terms'])}(?!\w))"
        if d.get("hyphen_terms")
        else ""
    )
    hyphen = rf"|-(?={alt(units)}{terms})" if terms else ""
    join = rf"(?:\s+{hyphen})(?P<du>{alt(units)})"
    return (
        rf"(?<![\w.,/-])(?:(?P<past>{side('past_before')})\s+|(?P<next>{side('next_before')})\s+)?"
        rf"{_needs_cue(p)}{p.number}{join}"
        rf"(?:\s+(?P<past2>{side('past_after')})|\s+(?P<next2>{side('next_after')}))?"
        rf"{_length_end(d)}"
    )


def _length_end(d: Mapping[str, Any]) -> str:
    """Where a length of time ends: a whole word, not before a word that makes it something
    else (``40 years old``), nor a rate (``6 ngày/tuần``)."""
    blocked = alt(d["blocked_after"]) if d.get("blocked_after") else "(?!)"
    return rf"(?!\w)(?![\s-]*{blocked}(?!\w))(?!\s*/\s*[^\W\d])"


def _needs_cue(p: Pieces) -> str:
    """Not ``một ngày`` / ``satu bulan`` with no cue before it (``_one_unit`` reads those),
    unless a past or next word anchors it (``satu dekade terakhir``)."""
    d = p.d["durations"]
    if not d.get("one_words"):
        return ""
    anchors = alt([*d.get("past_after", []), *d.get("next_after", [])]) or "(?!)"
    unit = alt(p.d["duration_units"])
    return rf"(?!{alt(d['one_words'])}\s+{unit}(?!\w)(?!\s+{anchors}(?!\w)))"


def _one_unit(p: Pieces) -> str | None:
    """One unit with no number after a word that makes it a length (``for a year``,
    ``within a month``, ``selama sebulan``): ``a`` or a unit word that is one unit by itself
    (``sebulan``). Without such a word ``a year`` is as often a rate (``RM50,000 setahun``,
    ``$5m a year``), which is no date. The match starts at the cue word (the rule is tried
    only where one stands: ``a`` alone would try it everywhere); the span is group ``x``."""
    d = p.d.get("durations", {})
    if not d.get("one_after") or not p.d.get("duration_units"):
        return None
    ones = alt(d["one_words"]) if d.get("one_words") else "(?!)"
    single = alt(d["single_units"]) if d.get("single_units") else "(?!)"
    unit = alt(p.d["duration_units"])
    return (
        rf"(?<![\w.,/-]){alt(d['one_after'])}\s+"
        rf"(?P<x>(?P<one>{ones})\s+(?P<du3>{unit})|(?P<du2>{single})){_length_end(d)}"
    )


def _rolling(p: Pieces) -> str | None:
    """One unit back or on from the reference with no number: before the unit (``the past
    decade``, ``the coming year``: words that cannot also make a calendar date, so ``last
    year`` stays the year before), or a unit word that is one unit by itself before the
    past or next words (``sedekad terakhir``, ``thập kỷ qua``)."""
    d = p.d.get("durations", {})
    units = p.d.get("duration_units")
    forms = []
    if units and (d.get("single_past") or d.get("single_next")):
        past = alt(d["single_past"]) if d.get("single_past") else "(?!)"
        following = alt(d["single_next"]) if d.get("single_next") else "(?!)"
        # ``the last year of the war``: a unit of something else, not one before the reference
        blocked = alt(d["single_blocked_after"]) if d.get("single_blocked_after") else "(?!)"
        # ``the next day``: a phrase of the anaphora table (the day after the last date) wins
        anaphora = rf"(?!(?:{alt(p.d['anaphora'])})(?!\w))" if p.d.get("anaphora") else ""
        # ``the coming months``: many of a unit, no number, is vague and no period
        single = [u for u in units if u not in d.get("plural_units", [])]
        forms.append(
            rf"{anaphora}(?:(?P<past>{past})|(?P<next>{following}))\s+"
            rf"(?P<du>{alt(single)})(?!\w)(?!\s+{blocked}(?!\w))"
        )
    alone = {**d.get("single_units", {}), **d.get("bare_units", {})}
    if alone and (d.get("past_after") or d.get("next_after")):
        past = alt(d["past_after"]) if d.get("past_after") else "(?!)"
        following = alt(d["next_after"]) if d.get("next_after") else "(?!)"
        forms.append(rf"(?P<du2>{alt(alone)})\s+(?:(?P<past2>{past})|(?P<next2>{following}))(?!\w)")
    return rf"(?<![\w.,/-]){p.not_vague}(?:{'|'.join(forms)})" if forms else None


def _rolling_starts(p: Pieces) -> Iterable[str]:
    d = p.d.get("durations", {})
    return (
        *d.get("single_past", []),
        *d.get("single_next", []),
        *d.get("single_units", {}),
        *d.get("bare_units", {}),
    )


def _duration_starts(p: Pieces) -> Iterable[str]:
    d = p.d.get("durations", {})
    return (*DIGIT, *p.number_words, *d.get("past_before", []), *d.get("next_before", []))


def _first_months(p: Pieces) -> str | None:
    f = p.d.get("first_months")
    if not f:
        return None
    first, unit = f"(?P<fw>{alt([*f['first'], *f.get('last', [])])})", alt(f["months"])
    head = (
        rf"{first}\s+{p.number}\s+{unit}"
        if f["_first_before"]
        else rf"{p.number}\s+{unit}\s+{first}"
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
    return (
        rf"(?<!\w)(?:(?P<sm>{p.mods})\s+)?(?P<sn>{alt(seasons)})"
        rf"(?:\s+(?P<sm2>{p.mods})(?!\w)|{p.rel_year}|(?:\s+{p.of}(?:{p.year_word}\s+)?|\s*){p.year}{R})?(?!\w)"
    )


def _holiday(p: Pieces) -> str | None:
    names = p.d.get("holidays")
    if not names:
        return None
    # not inside a compound (``pre-Christmas sales``)
    return rf"(?<![\w-])(?P<hn>{cased(names)})(?:\s+(?:{p.year_word}\s+)?{p.year}{R})?(?!\w)"


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
    Shape("first_months", _first_months, "first_months", _first_months_starts),
    Shape("duration", _duration, "duration", _duration_starts),
    Shape("one_unit", _one_unit, "duration", lambda p: p.d["durations"]["one_after"]),
    Shape("rolling", _rolling, "duration", _rolling_starts),
    _phrases("to_date", "td"),
    _phrases("anaphora", "an"),
    Shape(
        "period_part",  # ``đầu năm``, ``akhir bulan``: a part of the reference date's year or month
        lambda p: (
            rf"(?<!\w)(?P<pp>{alt(p.d['period_parts'])})"
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
    Shape("season", _season, "season", lambda p: (*p.d["seasons"], *p.modifiers)),
    Shape(
        "holiday", _holiday, "holiday", lambda p: [w[:1].upper() + w[1:] for w in p.d["holidays"]]
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
