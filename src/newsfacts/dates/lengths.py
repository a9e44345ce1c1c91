"""The rules for lengths of time: a count of units (``the past three years``, ``90 days``,
``9.4 tahun``), one unit after a word that makes it a length (``selama sebulan``) or by
itself (``bercuti sebulan``), and one unit back or on from the reference (``the past
decade``, ``sedekad terakhir``). ``shapes.SHAPES`` takes them in this order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from newsfacts.dates.pieces import Pieces, Shape
from newsfacts.dates.words import DIGIT, alt, not_after


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
    # ``9.4 tahun``, ``2,5 năm``: a decimal count too (group ``dec``), a length only, and
    # not before a modifier (``versi 2.0 tahun ini``: this year)
    decimal = rf"\d{{1,3}}[.,](?P<dec>\d{{1,2}})(?![\d.,])(?!\s+{alt(units)}\s+{p.mods}(?!\w))"
    number = p.number.replace("(?P<n>", f"(?P<n>{decimal}|", 1)
    # ``2-3 tuần``, ``4 - 5 bulan``: a range of counts is one length, valued at its upper end;
    # not after a range's "to" (``từ 30-4 đến 3-5 năm nay``: a day, 3 May)
    lower = rf"(?:{not_after(p.d.get('range_to', []))}\d{{1,3}}\s*[-–]\s*(?=\d))?"
    return (
        rf"(?<![\w.,/-])(?:(?P<past>{side('past_before')})\s+|(?P<next>{side('next_before')})\s+)?"
        rf"{_needs_cue(p)}{lower}{number}{join}"
        rf"(?:\s+(?P<past2>{side('past_after')})|\s+(?P<next2>{side('next_after')}))?"
        rf"{_length_end(d)}"
    )


def _length_end(d: Mapping[str, Any]) -> str:
    """Where a length of time ends: a whole word, not before a word that makes it something
    else (``40 years old``), nor a rate (``6 ngày/tuần``, ``tujuh hari seminggu``: before a
    unit word that is one unit by itself, ``alone``)."""
    words = [*d.get("blocked_after", []), *d.get("alone", [])]
    blocked = alt(words) if words else "(?!)"
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


def _one_unit_offset(p: Pieces) -> str | None:
    """One unit with no number before a word that makes it an offset from an event (``a
    month before he died``, ``một tuần sau khi``): a length, its days not given."""
    d = p.d.get("durations", {})
    if not d.get("offset_after") or not d.get("one_words"):
        return None
    unit = alt(p.d["duration_units"])
    return (
        rf"(?<![\w.,/-])(?P<one>{alt(d['one_words'])})\s+(?P<du3>{unit})"
        rf"(?=\s+{alt(d['offset_after'])}(?!\w))"
    )


def _later(p: Pieces) -> str | None:
    """A count of units after the date before it (``three years later``, ``2 năm sau đó``,
    ``dua hari kemudian``): a reference back, that many units on from it."""
    d = p.d.get("durations", {})
    if not d.get("later_after") or not p.d.get("duration_units"):
        return None
    unit = alt(p.d["duration_units"])
    return rf"(?<![\w.,/-]){p.not_vague}{p.number}\s+(?P<du>{unit})\s+{alt(d['later_after'])}(?!\w)"


def _unit_alone(p: Pieces) -> str | None:
    """A unit word that is one unit by itself, with no cue (``bercuti sebulan``, ``hanya
    setahun``): a length where the language says so (``alone``); after a number or a word
    that counts it is a rate, which compose drops (``Joins.rate``)."""
    d = p.d.get("durations", {})
    if not d.get("alone"):
        return None
    return rf"(?<![\w.,/-])(?P<x>(?P<du2>{alt(d['alone'])}))(?!-\w){_length_end(d)}"


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


LENGTH_SHAPES: tuple[Shape, ...] = (
    Shape("duration", _duration, "duration", _duration_starts),
    Shape("one_unit", _one_unit, "duration", lambda p: p.d["durations"]["one_after"]),
    Shape("unit_alone", _unit_alone, "duration", lambda p: p.d["durations"]["alone"]),
    Shape("one_unit_offset", _one_unit_offset, "duration", lambda p: p.d["durations"]["one_words"]),
    Shape("later", _later, "later", lambda p: (*DIGIT, *p.number_words)),
    Shape("rolling", _rolling, "duration", _rolling_starts),
)
