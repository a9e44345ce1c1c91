"""The words that join date expressions (ranges, lists, parts of days and of periods, since,
fiscal periods that end on a date), compiled per set of grammars, and :class:`Found`, one
expression as the rules found it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsfacts.dates.rules import Grammar
from newsfacts.dates.words import alt, names
from newsfacts.model import Period

LOOK = 60  # characters before an expression searched for the words that join it
# the characters before it searched first for the word a join must end with (``Joins.tail``)
TAIL = 32
_YEAR = re.compile(r"(?<!\d)[12]\d{3}(?!\d)")
# the grains a calendar part cuts (``early 2025``, ``cuối tháng 3``), not a day's
PARTED = ("week", "month", "season", "quarter", "half", "year", "decade", "century")


@dataclass(slots=True)
class Found:
    """One date expression: its characters, its period, how sure the rule is, which rule."""

    start: int
    end: int
    period: Period
    confidence: float
    rule: str


def _words(chosen: tuple[Grammar, ...], key: str) -> list[str]:
    return [w for g in chosen for w in g.data.get(key, [])]


def _table(chosen: tuple[Grammar, ...], key: str) -> dict[str, object]:
    return {k: v for g in chosen for k, v in g.data.get(key, {}).items()}


def _re(body: str) -> re.Pattern[str]:
    return re.compile(body)


class Joins:
    """The joining words of some grammars, as regexes."""

    def __init__(self, chosen: tuple[Grammar, ...]) -> None:
        self.parts_of_day = _table(chosen, "parts_of_day")
        # a day word that trails a written day is its modifier (``Selasa (11/2) kemarin``)
        self.trailing = {w.casefold() for w in _table(chosen, "day_modifiers")}
        self.calendar_parts = _table(chosen, "calendar_parts")
        ended = [g.data.get("fiscal_ended", {}) for g in chosen]
        # ``the three months up to 30 September``: months up to a day, no fiscal period
        plain = [w for e in ended for w in e.get("plain", [])]
        ended_words = [w for e in ended for w in e.get("words", [])] + plain
        self.ended_periods = {k: v for e in ended for k, v in e.get("periods", {}).items()}
        self.months = {k: v for g in chosen for k, v in g.reader.months.items()}
        self.ordinals = {k: v for g in chosen for k, v in g.reader.quarters.items()}
        none = "(?!)"
        parts = alt(self.parts_of_day) if self.parts_of_day else none
        self.part_before = _re(rf"(?<!\w)(?P<w>{parts})\s+$")
        self.part_after = _re(rf"\s+(?P<w>{parts})(?!\w)")
        cal = alt(self.calendar_parts) if self.calendar_parts else none
        # ``akhir bulan Februari 2020``: a unit word may come between (``calendar_part_units``)
        part_units = _words(chosen, "calendar_part_units")
        unit = rf"(?:\s+{alt(part_units)})?" if part_units else ""
        self.cal_before = _re(rf"(?<!\w)(?P<w>{cal}){unit}(?:\s+|-)$")
        self.since_before = _re(rf"(?<!\w)(?:{alt(_words(chosen, 'since')) or none})\s+$")
        from_, to = alt(_words(chosen, "range_from")), alt(_words(chosen, "range_to"))
        self.to_words = {w.casefold() for w in [*_words(chosen, "range_to"), *plain]}
        self.years = {w.casefold() for w in _words(chosen, "year_words")}
        self.modifiers = {w.casefold() for g in chosen for w in g.data["modifiers"]}
        btw = alt(_words(chosen, "range_between")) if _words(chosen, "range_between") else none
        and_ = alt(_words(chosen, "range_and")) if _words(chosen, "range_and") else none
        cues = _words(chosen, "day_cues")
        cue = rf"(?:{alt(cues)}\s+)?" if cues else ""
        # a range's words, with a calendar part (group ``w``) before either end
        part = rf"(?:(?P<w>{cal})(?:\s+|-))?"
        self.opener = _re(rf"(?<!\w)(?:(?P<from>{from_})|(?P<btw>{btw}))\s+{part}{cue}$")
        self.and_gap = _re(rf",?\s+(?:{and_})\s+")  # ``five years and eight months``
        self.starting = _re(rf"\s+(?:{from_})\s+{cue}")  # ``lima hari bermula 18 Mei``
        self.gap = _re(
            rf"\s*(?:(?P<dash>[-\u2013\u2014])|(?P<to>{to})|(?P<and>{and_}))\s*{cue}{part}"
        )
        month = names(self.months) if self.months else none
        # a bare day needs the range's opening word or its "to" word (``20 hingga 22
        # Disember``; not a dash or "and"); a month name is clear enough alone (``and`` makes
        # a range only after ``between``: ``June and July`` is two months); the day word may
        # come again after the "to" (``từ ngày 8 đến ngày 10-8``)
        self.bare_left = _re(
            rf"(?:(?<!\w)(?:(?P<from>{from_})|(?P<btw>{btw}))\s+{cue}(?P<d>[0-3]?\d)"
            rf"|(?<![\w.,/-])(?P<d2>[0-3]?\d)(?=\s+(?:{to})\s)"
            rf"|(?<!\w)(?:(?:{from_})\s+|(?P<btw2>{btw})\s+)?(?P<mn>{month}))"
            rf"\s*(?:[-\u2013]|{to}|(?P<and>{and_}))\s*{cue}$"
        )
        # what ``bare_left`` and the lists end with: a search that ends at a date runs its
        # regex at every character of the LOOK before it, so the last word is tried first
        self.to_tail = _re(rf"(?:[-\u2013]|(?<!\w)(?:{to}|{and_}))\s*{cue}$")
        self.list_tail = _re(rf"(?:,|(?<!\w)(?:{and_}))\s*$")
        # lists: ``May, June and July 2024``, ``Mei, Jun dan Julai``, ``3, 4 and 5 March``
        sep = rf"(?:\s*,\s*(?:(?:{and_})\s+)?|\s+(?:{and_})\s+)"
        self.list_next = _re(rf"{sep}(?P<mn>{month})(?!\w)")
        self.list_months = _re(rf"(?<!\w)(?P<items>(?:{month})(?:{sep}(?:{month}))*){sep}$")
        self.list_days = _re(rf"(?<![\w.,/])(?P<items>[0-3]?\d(?:{sep}[0-3]?\d)*){sep}$")
        self.list_item = _re(rf"(?P<mn>{month})(?!\w)|(?<!\d)(?P<d>[0-3]?\d)(?!\d)")
        self.bare_right = _re(rf"\s*(?:{to})\s+(?P<mn>{month})(?!\w)(?!\s*\d)")
        # ``Selasa sore, ``; ``trưa nay, ngày 1/11``: a day cue before the date too
        self.weekday_gap = _re(rf"(?:\s+(?P<pd>{parts}))?,?\s*\(?\s*{cue}")
        # ``pada Isnin iaitu hari sama``, ``12 Disember 2022 hari yang sama``: a day, then the
        # same day referred back to, one span (``appositive_words``)
        apposed = _words(chosen, "appositive_words")
        self.apposed = _re(rf",?\s+(?:{alt(apposed) if apposed else none}\s+)?")
        of = alt(_words(chosen, "of_words")) if _words(chosen, "of_words") else none
        self.of_gap = _re(rf"\s+(?:{of}\s+)?|\s*,\s*")  # ``September (of) that year``
        # An age or a term before a length of time (``berusia 5 tahun``, ``kỳ hạn 1 tháng``,
        # ``berusia 40 tahun itu``, ``berusia 22 hingga 28 tahun``), in any language scanned.
        # A frequency too (``setiap dua minggu``, ``every two weeks``: ``frequency_words``), and
        # a hedge may come between (``berusia lingkungan 15 hingga 37 tahun``).
        durations = [g.data.get("durations", {}) for g in chosen]
        blocked = [w for d in durations for w in d.get("blocked_before", [])]
        blocked += _words(chosen, "frequency_words")
        hedges = [w for d in durations for w in d.get("hedges", [])]
        # up to three of them (``usia beliau sudahpun mencecah 81 tahun``)
        hedge = rf"(?:(?:{alt(hedges)})\s+){{0,3}}" if hedges else ""
        counts = alt([w for g in chosen for w in g.number_words]) or none
        # ``22 hingga 28``, ``empat dan 12``
        span = rf"(?:\d+|{counts})(?:\s*-\s*|\s+(?:{to}|{and_})\s+)"
        # ``berusia 23 tahun 10 bulan``: the months of an age in years
        units = alt(_table(chosen, "duration_units")) or none
        # and its parts in a list (``15 tuổi, 8 tháng, 22 ngày``)
        self.blocked = _re(
            rf"(?<!\w){alt(blocked) if blocked else none},?\s+{hedge}(?:{span})?"
            rf"(?:\d+\s+(?:{units},?\s+)?)?$"
        )
        # a unit word alone after a number or a word that counts is a rate (``RM5 sebulan``,
        # ``15 minit sehari``, ``dua kali seminggu``: ``rate_before``), in any language scanned
        rates = [w for d in durations for w in d.get("rate_before", [])]
        # or after a count of something a few lower-case words back in its clause (``600
        # penonton menyaksikan filem itu sehari``, ``230 milileter (ml) sehari``); not a year
        # nor a day (``2019 dia bercuti sebulan``, ``5 Mei ...``: no count of anything)
        count = rf"(?:(?<![\w.,])\d{{1,3}}(?:[.,]\d+)*|(?<!\w)(?:{counts}))"
        # (a count of units is a length: ``bekerja 11 bulan dan hanya sebulan``)
        counted = rf"{count}(?!\s+(?:{units})\b)(?:\s+(?:[a-z][\w-]*|\([^()]*\))){{1,4}}"
        self.rate = _re(rf"(?:\d|(?<!\w){alt(rates) if rates else none}|{counted})\s+$")
        # ``Adelina Lisao, 26 tahun, yang ...``: a number of years (``ages_in_commas``, the
        # language's year words) between commas is an age
        ages = [w for d in durations for w in d.get("ages_in_commas", [])]
        self.age = _re(rf"(?:\d{{1,2}}|{counts})\s+{alt(ages)}" if ages else none)
        # names that hold a date word (``the Sunday Times``), as written: no date in them
        held = _words(chosen, "names_with_dates")
        # and phrases in any case that hold one but speak of no day (``sehingga hari ini``:
        # to this day)
        vague = _words(chosen, "vague_phrases")
        forms = [*([alt(held, fold=False)] if held else []), *([alt(vague)] if vague else [])]
        self.names = _re(rf"(?<!\w)(?:{'|'.join(forms)})(?!\w)" if forms else none)
        self.longest_name = max(map(len, [*held, *vague]), default=0)
        # ``Datuk Norazam Khamis``: where the data says so (``_weekday_names``), a weekday
        # alone right after a capitalised word inside its sentence ends a person's name; the
        # weekdays of every grammar scanned with it (``Jamari Senin`` in a Malay text)
        in_names = any(g.data.get("_weekday_names") for g in chosen)
        days = [w for g in chosen if in_names for w in g.data.get("weekdays", {})]
        self.day_alone = _re(alt(days, fold=False) if days else none)
        self.named_day = _re(rf"(?<=[^\s.!?:\"“(]\s)[A-Z][\w'-]*\s+{self.day_alone.pattern}$")
        # a year in the name of a law (``Luật Đất đai năm 2013``): its head, then a few words,
        # in lower case too after some heads (``Bộ luật hình sự năm 2015``)
        lower = _words(chosen, "names_with_years_lower")
        heads, self.lower_heads = [*_words(chosen, "names_with_years"), *lower], set(lower)
        named = alt(heads, fold=False) if heads else none
        self.named = _re(rf"(?<!\w)(?P<head>{named})(?P<rest>(?:\s+\w+){{0,4}})\s+$")
        self.name_numbers = {w.lower() for w in _words(chosen, "name_numbers")}  # ``số``
        # a year before an event's name (``the 2008 Olympic Games``, ``2011 World Cup bid``)
        events = _words(chosen, "event_words")
        self.event_after = _re(
            rf"\s+(?:[A-Z][\w'.-]*\s+){{0,4}}?{alt(events, fold=False) if events else none}(?!\w)"
        )
        if ended_words and self.ended_periods:
            ords, kinds = alt(self.ordinals), alt(self.ended_periods)
            ended_tail = rf"(?P<ew>{alt(ended_words)})(?:\s+{alt(cues)})?\s+$"
            self.ended = _re(
                rf"(?<!\w)(?:(?P<o>{ords})\s+(?P<p>{kinds})|(?P<p2>{kinds})(?:\s+(?P<o2>{ords}))?)\s+"
                + ended_tail
            )
            self.ended_tail = _re(rf"(?<!\w){ended_tail}")
        else:
            self.ended = self.ended_tail = _re(none)

    def tail(self, pattern: re.Pattern[str], text: str, end: int) -> bool:
        """Whether ``text[:end]`` ends with ``pattern`` (searched over its last ``TAIL``
        characters only: a join's last words)."""
        return pattern.search(text, max(0, end - TAIL), end) is not None

    def in_date_name(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies in a name that holds a date word."""
        for m in self.names.finditer(
            text, max(0, start - self.longest_name), end + self.longest_name
        ):
            if m.start() < end and start < m.end():
                return True
        return False

    def age_in_commas(self, text: str, start: int, end: int) -> bool:
        """Whether the length at ``text[start:end]`` is a person's age between commas, or
        after a name's comma (``Rohayu Mohd Dahlan, 35 tahun.``, ``Muhammad Irfan, 24 tahun
        iaitu anak ...``, ``Wong Kyla, empat tahun serta ...``)."""
        if self.age.fullmatch(text, start, end) is None or text[max(0, start - 2) : start] != ", ":
            return False
        named = text[max(0, start - LOOK) : start - 2].rsplit(None, 1)[-1:]
        return text[end : end + 1] == "," or (bool(named) and named[0][:1].isupper())

    def weekday_in_name(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]``, a weekday alone, ends a name (``_weekday_names``)."""
        return (
            self.day_alone.fullmatch(text, start, end) is not None
            and self.named_day.search(text, max(0, start - LOOK), end) is not None
        )

    def year_before_event(self, text: str, end: int) -> bool:
        """Whether the year ending at ``end`` begins an event's name (``event_words``)."""
        return self.event_after.match(text, end, end + LOOK) is not None

    def year_in_name(self, before: str) -> bool:
        """Whether a year right after ``before`` is in a name: a head whose next word, if
        any, is capitalised, a number or the word for one (``Luật Đất đai năm 2013``,
        ``Nghị định 15 năm 2018``, ``Nghị quyết số 08 năm 2017``; not ``Luật sư Lan cho
        biết năm``)."""
        m = self.named.search(before)
        if m is None or not m["rest"]:
            return m is not None
        if _YEAR.search(m["rest"]):  # the name has its year already (``Asian Games 2018 và``)
            return False
        if m["head"] in self.lower_heads:
            return True
        first = m["rest"].split()[0]
        return first[:1].isupper() or first[:1].isdigit() or first.lower() in self.name_numbers


@cache
def joins(chosen: tuple[Grammar, ...]) -> Joins:
    return Joins(chosen)
