"""Date and period expressions, resolved to the days they cover.

One engine, many languages: every word (month names, year words, cues, relative phrases,
quarter and half ordinals) comes from ``lang/<code>/dates.yaml``; this module only knows the
*shapes* of date expressions and compiles one set of regexes per language on first use.

Rules that decide what is a date (they are what the spec cases in ``tests/specs/*/date.jsonl``
check):

- A bare four-digit number is a year only with a cue: a year word right before it
  (``tahun 2024``, ``năm 2024``, ``year 2024``, kept in the span), a cue word right before it
  (``pada 2024``, ``in 2024``, ``sejak 2020``, left out of the span), parentheses around it
  (``(2024)``), or as one end of a range (``2021-2025``, ``from 2021 to 2025``).
- A numeric day/month needs a year (``20/12/2025``) unless a day cue precedes it
  (Vietnamese ``ngày 20/12``, ``sáng 20/12``). Document numbers (``28/2022/ND-CP``,
  ``No. 12/12/2024``), scores (``2-1``), clock times and counts (``2,025 orang``) never match:
  digits glued to ``/``, ``.``, ``,`` or ``-`` on either side are not a date's digits.
- Expressions without a year (``20 Disember``, ``quý III``, ``tahun lalu``, ``hôm qua``) are
  resolved against the publication date and marked ``relative``; a missing year is the one
  that puts the period closest to the publication date. Without a publication date they are
  not reported (a date that cannot be placed is not a verifiable fact).
- Leading prepositions and cues (``pada``, ``in``, ``vào``, ``ngày``, ``dalam tempoh``) stay
  outside the span; a range's own words (``from 2021 to 2025``) are inside it.
- Nothing inside a URL is a date.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from newsfacts.lang import loader
from newsfacts.model import Block, Context, Fact, Period
from newsfacts.text.patterns import longest_first
from newsfacts.text.shapes import in_web_address

NAME = "newsfacts.date/1"

# A year with a cue may be historical or a plan; a bare range must look like recent years.
_CUED_YEARS = range(1800, 2200)
_BARE_YEARS = range(1900, 2101)

# Digits glued to these are part of another number (a decree number, a decimal, a time).
_L = r"(?<![\w.,/:\-])"
_R = r"(?![\w/]|[.,:\-]\d)"
_DASH = r"\s*[-\u2013\u2014]\s*"
_ROMAN = re.compile(r"[IVX]+")
_DIGIT = ("0",)  # a rule's ``starts`` when a match begins with a number


def _alt(words: Iterable[str], *, fold: bool = True) -> str:
    """One alternation, longest first so ``suku tahun`` wins over ``suku``."""
    body = longest_first(words)
    return f"(?i:{body})" if fold else f"(?:{body})"


def _names(words: Iterable[str]) -> str:
    """Month names and codes: a capital first letter or all capitals, never lower case
    (``may``, ``mac`` and ``jun`` are ordinary words too)."""
    forms = set()
    for w in words:
        forms.add(w[:1].upper() + w[1:])
        forms.add(w.upper())
    return _alt(forms, fold=False)


def _ordinals(keys: Iterable[str]) -> str:
    """Roman numerals match in capitals only (``quý I`` but not ``quý i``); words in any case."""
    roman = [k for k in keys if _ROMAN.fullmatch(k)]
    other = [k for k in keys if not _ROMAN.fullmatch(k)]
    return f"(?:{_alt(roman, fold=False)}|{_alt(other)})"


def _fold(mapping: Mapping[str, Any]) -> dict[str, Any]:
    return {re.sub(r"\s+", " ", k.lower()): v for k, v in mapping.items()}


def _g(m: re.Match[str], name: str) -> str | None:
    """An optional group: absent from some rules' patterns, unmatched in others."""
    value: str | None = m.groupdict().get(name)
    return value


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).rstrip(".")


def _lookup(table: Mapping[str, Any], text: str) -> Any:
    """The entry of a word the regex matched. The regex engine folds a few letters that
    ``str.lower`` keeps apart (``ı`` and ``ſ`` match ``i`` and ``s``); such a word is
    looked up by matching it against each entry."""
    key = _key(text)
    if key in table:
        return table[key]
    for k, value in table.items():
        if re.fullmatch(_alt([k]), key):
            return value
    raise KeyError(text)


# --- periods -------------------------------------------------------------------------------


def _year(y: int, relative: bool = False) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31), "year", relative)


def _month(y: int, m: int, relative: bool = False) -> Period:
    return Period(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), "month", relative)


def _months(y: int, first: int, last: int, grain: str, relative: bool) -> Period:
    end = date(y, last, calendar.monthrange(y, last)[1])
    return Period(date(y, first, 1), end, grain, relative)  # type: ignore[arg-type]


def _quarter(y: int, q: int, relative: bool = False) -> Period:
    return _months(y, 3 * q - 2, 3 * q, "quarter", relative)


def _half(y: int, h: int, relative: bool = False) -> Period:
    return _months(y, 6 * h - 5, 6 * h, "half", relative)


def _day(y: int, m: int, d: int, relative: bool = False) -> Period | None:
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    return Period(day, day, "day", relative)


# News mostly reports what has happened: a year-less expression is read as the latest one
# that starts no later than this many days after publication (``3 Januari`` in late December
# is next month; ``April`` in December is the April just gone).
_LOOKAHEAD = timedelta(days=31)


def _nearest(build: Callable[[int], Period | None], pub: date) -> Period | None:
    """The reading of a year-less expression (see ``_LOOKAHEAD``)."""
    for year in (pub.year + 1, pub.year, pub.year - 1):
        p = build(year)
        if p is not None and p.start <= pub + _LOOKAHEAD:
            return p
    return None


def _shift(pub: date, unit: str, k: int) -> Period:
    """The whole day, week, month or year ``k`` units from the publication date."""
    if unit == "year":
        return _year(pub.year + k, True)
    if unit == "month":
        index = pub.year * 12 + pub.month - 1 + k
        return _month(index // 12, index % 12 + 1, True)
    if unit == "week":
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=k)
        return Period(monday, monday + timedelta(days=6), "week", True)
    day = pub + timedelta(days=k)
    return Period(day, day, "day", True)


# --- grammar -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    period: Period
    confidence: float
    numeric: bool  # digits only: a document number if a number cue precedes it


_Handler = Callable[[re.Match[str], "date | None"], "tuple[Period, float] | None"]


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    handle: _Handler
    # What a match can begin with: data words (only the first word counts), ``_DIGIT`` for a
    # number, or punctuation (``(``). The scanner tries the rule only where one of them stands.
    starts: tuple[str, ...]
    numeric: bool = False  # subject to the document-number guard


class Grammar:
    """The compiled date patterns of one language (built once from its data file)."""

    def __init__(self, code: str, data: Mapping[str, Any]) -> None:
        self.code = code
        self.order = str(data["_numeric_order"])
        calendar = loader.load(code, "calendar") if code in loader.available("calendar") else {}
        self.months = _fold(calendar.get("months", {}))
        self.units = _fold(data["units"])
        self.modifiers = _fold(data["modifiers"])
        self.days = _fold(data["days"])
        self.quarter = _fold(data["quarter"]["ordinals"]) | _fold(data["quarter"].get("codes", {}))
        self.half = (
            _fold(data["half"]["ordinals"])
            | _fold(data["half"].get("codes", {}))
            | _fold(data["half"].get("phrases", {}))
        )
        self.not_date_cues = tuple(str(c) for c in data["not_date_cues"])
        self.rules = tuple(self._rules(data))

    # Fragments are built fresh per rule: Python forbids a group name twice in one pattern.
    def _rules(self, d: Mapping[str, Any]) -> Iterator[_Rule]:
        year_word = _alt(d["year_words"])
        of = rf"(?:{_alt(d.get('of_words', []))}\s+)*"
        year = r"(?P<y>[12]\d{3})"
        suffix = _alt(d.get("day_suffixes", []))
        day = rf"(?P<d>[0-3]?\d)(?:{suffix})?"
        month_name = rf"(?P<mn>{_names(self.months)})(?:\.(?=\s*\d))?"
        month_num = rf"{_alt(d.get('month_words', []))}\s*(?P<mm>1[0-2]|0?[1-9])(?!\d)"
        month = f"(?:{month_name}|{month_num})"
        units, mods = _alt(self.units), _alt(self.modifiers)
        rel = (
            rf"(?P<rm>{mods})\s+(?P<ru>{units})"
            if d["_modifier_first"]
            else rf"(?P<ru>{units})\s+(?P<rm>{mods})"
        )
        # The year after a month, quarter or half: explicit, relative, or the bare year word
        # (``6 tháng đầu năm``: this year).
        explicit_year = rf"(?:\s*/\s*|\s*-\s*|,?\s+{of}(?:{year_word}\s+)?){year}{_R}"
        rel_year = rf"\s+{of}(?P<ry>{rel})(?!\w)"
        bare_year = rf"\s+{of}(?P<by>{year_word})(?!\s*\d)(?!\w)"

        def year_slot(bare: bool) -> str:
            return f"(?:{explicit_year}|{rel_year}" + (f"|{bare_year})" if bare else ")")

        yield _Rule(
            "iso",
            re.compile(rf"{_L}(?P<y>\d{{4}})-(?P<m>\d\d)-(?P<d>\d\d){_R}"),
            self._iso,
            _DIGIT,
            numeric=True,
        )
        yield _Rule(
            "numeric",
            re.compile(rf"{_L}(?P<a>\d{{1,2}})(?P<s>[/.\-])(?P<b>\d{{1,2}})(?P=s){year}{_R}"),
            self._numeric,
            _DIGIT,
            numeric=True,
        )
        if d.get("day_cues"):
            yield _Rule(
                "numeric_partial",
                re.compile(
                    rf"(?<!\w){_alt(d['day_cues'])}\s+"
                    rf"(?P<x>(?P<a>\d{{1,2}})(?P<s>[/\-])(?P<b>\d{{1,2}})){_R}"
                ),
                self._numeric,
                tuple(d["day_cues"]),
                numeric=True,
            )
        yield _Rule(
            "day_month",
            re.compile(
                rf"{_L}(?:(?P<d1>[0-3]?\d){_DASH})?{day}\s*{of}{month}"
                rf"(?:{year_slot(False)})?(?!\w)"
            ),
            self._day_month,
            _DIGIT,
        )
        if self.months:
            yield _Rule(
                "month_day",
                re.compile(rf"(?<!\w){month_name}\s+{day}(?:,?\s+{year})?{_R}"),
                self._day_month,
                tuple(self.months),
            )
        yield _Rule(
            "month_year",
            re.compile(rf"(?<!\w){month}{year_slot(False)}(?!\w)"),
            self._month,
            (*self.months, *d.get("month_words", [])),
        )
        if d.get("month_words"):
            yield _Rule(
                "month_alone",
                re.compile(rf"(?<!\w){month_num}(?!\s*[/\-.]\s*\d)(?!\w)"),
                self._month,
                tuple(d["month_words"]),
            )
        if d["month_cues"] and self.months:
            yield _Rule(
                "month_cued",
                re.compile(rf"(?<!\w){_alt(d['month_cues'])}\s+(?P<x>{month_name})(?!\s*\d)(?!\w)"),
                self._month,
                tuple(d["month_cues"]),
            )
        yield _Rule(
            "year_word",
            re.compile(rf"(?<!\w){year_word}\s+{year}{_R}"),
            self._year,
            tuple(d["year_words"]),
        )
        yield _Rule(
            "year_cued",
            re.compile(rf"(?:(?<!\w){_alt(d['year_cues'])}(?:\s+|-)|\()(?P<x>{year}){_R}"),
            self._year,
            (*d["year_cues"], "("),
        )
        between, and_ = _alt(d.get("range_between", [])), _alt(d.get("range_and", []))
        yield _Rule(
            "year_range",
            re.compile(
                rf"{_L}(?:(?P<from>{_alt(d['range_from'])}|(?P<btw>{between}))\s+)?"
                rf"(?P<yw>(?<!\d\s){year_word}\s+)?(?P<y1>[12]\d{{3}})"
                rf"(?:{_DASH}|\s+(?P<to>{_alt(d['range_to'])}|(?P<and>{and_}))\s+)"
                rf"(?:{year_word}\s+)?(?P<y2>[12]\d{{3}}){_R}"
            ),
            self._year_range,
            (*_DIGIT, *d["range_from"], *d.get("range_between", []), *d["year_words"]),
            numeric=True,
        )
        for kind, part in (("quarter", d["quarter"]), ("half", d["half"])):
            ords = _ordinals(part["ordinals"])
            words = _alt(part["words"])
            slot = f"(?:{year_slot(True)})" + ("" if part["_needs_year"] else "?")
            head = (
                rf"(?P<o>{ords})\s+{words}"
                if part["_ordinal_first"]
                else rf"{words}\s+(?P<o>{ords})(?!\w)"
            )
            handle = self._quarter if kind == "quarter" else self._half
            first = part["ordinals"] if part["_ordinal_first"] else part["words"]
            yield _Rule(kind, re.compile(rf"(?<!\w){head}{slot}(?!\w)"), handle, tuple(first))
            if part.get("codes"):
                yield _Rule(
                    f"{kind}_code",
                    re.compile(rf"(?<!\w)(?P<o>{_names(part['codes'])}){slot}(?!\w)"),
                    handle,
                    tuple(part["codes"]),
                )
            if part.get("phrases"):
                yield _Rule(
                    f"{kind}_phrase",
                    re.compile(rf"(?<!\w)(?P<o>{_alt(part['phrases'])}){year_slot(True)}(?!\w)"),
                    handle,
                    tuple(part["phrases"]),
                )
        yield _Rule(
            "relative",
            re.compile(rf"(?<!\w)(?<!\d\s){rel}(?!\w)"),
            self._relative,
            tuple(self.modifiers if d["_modifier_first"] else self.units),
        )
        yield _Rule(
            "ago",
            re.compile(rf"{_L}(?P<n>\d{{1,2}})\s+(?P<ru>{units})\s+{_alt(d['ago'])}(?!\w)"),
            self._relative,
            _DIGIT,
        )
        yield _Rule(
            "day_word",
            re.compile(rf"(?<!\w)(?P<dw>{_alt(self.days)})(?!\w)"),
            self._day_word,
            tuple(self.days),
        )

    # --- handlers: match -> (period, confidence), or None when the match is not a date ---

    @staticmethod
    def _iso(m: re.Match[str], pub: date | None) -> tuple[Period, float] | None:
        p = _day(int(m["y"]), int(m["m"]), int(m["d"]))
        return None if p is None else (p, 0.95)

    def _numeric(self, m: re.Match[str], pub: date | None) -> tuple[Period, float] | None:
        a, b = int(m["a"]), int(m["b"])
        day_, month_ = (a, b) if self.order == "dmy" else (b, a)
        if month_ > 12 >= day_:  # only the other reading is a valid date
            day_, month_ = month_, day_
        if _g(m, "y") is not None:
            if int(m["y"]) not in _CUED_YEARS:
                return None
            p = _day(int(m["y"]), month_, day_)
            return None if p is None else (p, 0.95)
        if pub is None:
            return None
        found = _nearest(lambda y: _day(y, month_, day_, True), pub)
        return None if found is None else (found, 0.85)

    def _month_number(self, m: re.Match[str]) -> int:
        number = _g(m, "mm")
        return int(number) if number is not None else int(_lookup(self.months, m["mn"]))

    def _year_of(self, m: re.Match[str], pub: date | None) -> tuple[int, bool] | None:
        """The year written after a month, quarter or half, or None if there is none."""
        if _g(m, "y") is not None:
            y = int(m["y"])
            return (y, False) if y in _CUED_YEARS else None
        if pub is not None and _g(m, "ry") is not None:
            return pub.year + int(_lookup(self.modifiers, m["rm"])), True
        if pub is not None and _g(m, "by") is not None:
            return pub.year, True
        return None

    def _day_month(self, m: re.Match[str], pub: date | None) -> tuple[Period, float] | None:
        month_ = self._month_number(m)
        day_ = int(m["d"])
        first = int(m["d1"]) if _g(m, "d1") is not None else day_
        if first > day_:
            return None
        given = self._year_of(m, pub)

        def build(y: int, relative: bool = True) -> Period | None:
            start, end = _day(y, month_, first), _day(y, month_, day_)
            if start is None or end is None:
                return None
            return Period(start.start, end.end, "day", relative)

        if given is not None:
            p = build(given[0], given[1])
            return None if p is None else (p, 0.95)
        if _g(m, "y") is not None or pub is None:
            return None
        found = _nearest(build, pub)
        return None if found is None else (found, 0.85)

    def _month(self, m: re.Match[str], pub: date | None) -> tuple[Period, float] | None:
        month_ = self._month_number(m)
        given = self._year_of(m, pub)
        if given is not None:
            return _month(given[0], month_, given[1]), 0.9
        if _g(m, "y") is not None or pub is None:
            return None
        found = _nearest(lambda y: _month(y, month_, True), pub)
        return None if found is None else (found, 0.8)

    @staticmethod
    def _year(m: re.Match[str], pub: date | None) -> tuple[Period, float] | None:
        y = int(m["y"])
        return (_year(y), 0.9) if y in _CUED_YEARS else None

    @staticmethod
    def _year_range(m: re.Match[str], pub: date | None) -> tuple[Period, float] | None:
        y1, y2 = int(m["y1"]), int(m["y2"])
        if not (y1 < y2 <= y1 + 100):
            return None
        if _g(m, "and") is not None and _g(m, "btw") is None:  # "2021 and 2024": two years
            return None
        if _g(m, "btw") is not None and _g(m, "and") is None:
            return None
        if _g(m, "to") is not None and _g(m, "from") is None and _g(m, "yw") is None:
            return None  # "2021 to 2025" alone is too often two counts
        if (
            _g(m, "from") is None
            and _g(m, "btw") is None
            and _g(m, "yw") is None
            and not (y1 in _BARE_YEARS and y2 in _BARE_YEARS)
        ):
            return None
        return Period(date(y1, 1, 1), date(y2, 12, 31), "year"), 0.9

    def _part(
        self,
        m: re.Match[str],
        pub: date | None,
        table: Mapping[str, Any],
        build: Callable[[int, int, bool], Period],
    ) -> tuple[Period, float] | None:
        n = int(_lookup(table, m["o"]))
        given = self._year_of(m, pub)
        if given is not None:
            return build(given[0], n, given[1]), 0.9
        if _g(m, "y") is not None or pub is None:
            return None
        found = _nearest(lambda y: build(y, n, True), pub)
        return None if found is None else (found, 0.8)

    def _quarter(self, m: re.Match[str], pub: date | None) -> tuple[Period, float] | None:
        return self._part(m, pub, self.quarter, _quarter)

    def _half(self, m: re.Match[str], pub: date | None) -> tuple[Period, float] | None:
        return self._part(m, pub, self.half, _half)

    def _relative(self, m: re.Match[str], pub: date | None) -> tuple[Period, float] | None:
        if pub is None:
            return None
        unit = str(_lookup(self.units, m["ru"]))
        if _g(m, "n") is not None:
            return _shift(pub, unit, -int(m["n"])), 0.8
        return _shift(pub, unit, int(_lookup(self.modifiers, m["rm"]))), 0.85

    def _day_word(self, m: re.Match[str], pub: date | None) -> tuple[Period, float] | None:
        if pub is None:
            return None
        return _shift(pub, "day", int(_lookup(self.days, m["dw"]))), 0.85


@cache
def grammar(code: str) -> Grammar:
    """The compiled grammar of one language (raises LanguageDataError if it has no data)."""
    return Grammar(code, loader.load(code, "dates"))


@cache
def _grammars(langs: tuple[str | None, ...]) -> tuple[Grammar, ...]:
    """The grammars to scan text in these languages with: each one's own plus those it is
    often confused with (``_also``); every language when none of them is known."""
    available = loader.available("dates")
    codes: list[str] = []
    for code in langs:
        if code in available:
            codes += [code, *loader.load(code, "dates").get("_also", [])]
    if not codes:
        codes = list(available)
    return tuple(grammar(c) for c in dict.fromkeys(codes) if c in available)


# --- scanning ------------------------------------------------------------------------------

_NON_ASCII = r"\x80-\U0010ffff"
# The character before a word: anything but an ASCII letter, digit or ``_`` (non-ASCII ones
# then checked). A plain character set lets the regex engine skip the letters fast.
_BEFORE_WORD = rf"[\x00-/:-@\[-\^`{{-\x7f{_NON_ASCII}](?<=\W)"
_GROUP_NAME = re.compile(r"\(\?P([<=])(\w+)")


def _head(phrase: str) -> str:
    """What a phrase begins with, as the trigger reads it: ``0`` for any number, a mark
    (``(``) itself, else the word characters that open its first word, in lower case."""
    first = phrase.split()[0]
    if first[0].isdecimal():
        return _DIGIT[0]
    word = re.match(r"\w+", first)
    return word.group().lower() if word else first[0]


def _any_case(words: Iterable[str]) -> str:
    """An alternation of lower-case ``words`` in any case (as ``(?i:...)`` matches them),
    arranged so that the regex engine rejects other words fast: one alternative per first
    letter, opening with the ASCII characters it matches as a plain set, and one more for
    words that open with a non-ASCII character."""
    tails: dict[str, set[str]] = {}
    for w in words:
        tails.setdefault(w[0], set()).add(w[1:])
    if not tails:
        return "(?!)"
    plain, other = [], []
    for first, rest in tails.items():
        body = "|".join(re.escape(r) for r in sorted(rest, key=len, reverse=True))
        same = re.compile(f"(?i:{re.escape(first)})")
        chars = "".join(re.escape(chr(c)) for c in range(128) if same.fullmatch(chr(c)))
        if chars:
            plain.append(f"[{chars}](?i:{body})")
        other.append(f"(?<={re.escape(first)})(?:{body})")
    return "|".join([*plain, f"[{_NON_ASCII}](?i:{'|'.join(other)})"])


def _probe(patterns: Iterable[re.Pattern[str]]) -> re.Pattern[str]:
    """One regex that matches wherever one of ``patterns`` does (their group names made
    unique): a place where none matches, the common case, costs one try instead of one each."""
    return re.compile(
        "|".join(
            "(?:" + _GROUP_NAME.sub(rf"(?P\1\2_{k}", p.pattern) + ")"
            for k, p in enumerate(patterns)
        )
    )


# A probe and the indexes of the regexes it stands for.
_Begin = tuple[re.Pattern[str], tuple[int, ...]]


class _Plan:
    """Every rule of some grammars, tried only where a match can begin.

    Running each rule's regex over the whole text costs one pass per rule (about 30 for
    Malay with Indonesian). Instead one trigger regex finds the places where some rule can
    begin: a mark (``(``) anywhere, a number or a start word at the beginning of a word. A
    start word is followed by anything but a letter in every rule (white space, ``/``,
    ``.``, a digit: ``tháng12``), so the word read whole says which rules it can begin, and
    only those are tried there, with ``match``. A rule is tried again only from where its
    last match ended, so each rule finds exactly what its ``finditer`` would; a regex that
    several grammars share is run once for all of them.
    """

    def __init__(self, grammars: tuple[Grammar, ...]) -> None:
        index: dict[str, int] = {}
        self.patterns: list[re.Pattern[str]] = []
        # Per regex: (order of the rule among all the grammars' rules, rule).
        self.owners: list[list[tuple[int, _Rule]]] = []
        at: dict[str, set[int]] = {}
        for order, rule in enumerate(r for g in grammars for r in g.rules):
            i = index.setdefault(rule.pattern.pattern, len(index))
            if i == len(self.patterns):
                self.patterns.append(rule.pattern)
                self.owners.append([])
            self.owners[i].append((order, rule))
            for phrase in rule.starts:
                at.setdefault(_head(phrase), set()).add(i)
        marks = "".join(re.escape(h) for h in sorted(at) if not re.match(r"\w", h))
        words = [h for h in at if re.match(r"\w", h) and h != _DIGIT[0]]
        probes: dict[tuple[int, ...], re.Pattern[str]] = {}

        def begin(ids: Iterable[int]) -> _Begin:
            key = tuple(sorted(set(ids)))
            if key not in probes:
                probes[key] = _probe(self.patterns[i] for i in key)
            return probes[key], key

        self.at = {h: begin(ids) for h, ids in at.items()}
        self.digit = begin(at.get(_DIGIT[0], ()))
        # A word the table does not know (a case the regex engine folds differently from
        # ``str.lower``) may begin any rule that a word begins.
        self.any_word = begin(i for h in words for i in at[h])
        # Groups: ``mark`` (the character matched is one), else ``digit`` or ``word`` for
        # what follows it. ``start`` reads what a word begins with (a text's first word,
        # the word after a mark).
        self.start = re.compile(rf"(?:(?P<digit>\d)|(?P<word>{_any_case(words)})(?![^\W\d_]))")
        mark = f"(?P<mark>(?<=[{marks}]))" if marks else "(?P<mark>(?!))"
        self.trigger = re.compile(rf"{_BEFORE_WORD}(?:{mark}|(?={self.start.pattern}))")
        cues = [c for g in grammars for c in g.not_date_cues]
        self.not_date = re.compile(rf"(?<!\w){_alt(cues)}\s*$")
        self.cue_words = max((len(c.split()) for c in cues), default=0)

    def _begins(self, m: re.Match[str]) -> _Begin:
        if m.lastgroup == "digit":
            return self.digit
        return self.at.get(m.group("word").lower(), self.any_word)

    def places(self, text: str) -> Iterator[tuple[int, _Begin]]:
        """Where a rule can begin, in text order, with the regexes that can begin there."""
        first = self.start.match(text)
        if first is not None:
            yield 0, self._begins(first)
        for t in self.trigger.finditer(text):
            if t.lastgroup == "mark":
                yield t.start(), self.at[text[t.start()]]
                after = self.start.match(text, t.end())
                if after is not None:
                    yield t.end(), self._begins(after)
            else:
                yield t.end(), self._begins(t)

    def matches(self, text: str) -> list[tuple[int, re.Match[str]]]:
        """Every match of every regex (its index, the match): each regex's ``finditer``."""
        last = [0] * len(self.patterns)
        found: list[tuple[int, re.Match[str]]] = []
        for pos, (probe, ids) in self.places(text):
            if probe.match(text, pos) is not None:
                for i in ids:
                    if pos >= last[i] and (m := self.patterns[i].match(text, pos)):
                        last[i] = m.end()
                        found.append((i, m))
        return found

    def hits(self, text: str, pub: date | None) -> list[tuple[int, _Hit]]:
        """Every rule's readings, each with the order of its rule."""
        found = []
        for i, m in self.matches(text):
            span = m.span("x") if "x" in m.re.groupindex else m.span()
            for order, rule in self.owners[i]:
                reading = rule.handle(m, pub)
                if reading is not None:
                    found.append((order, _Hit(*span, *reading, rule.numeric)))
        return found

    def after_number_cue(self, text: str, end: int) -> bool:
        """Whether ``text[:end]`` ends with a number cue (``No.``): searched only over its
        last words, as many as the longest cue has (within the last ``_CUE_CHARS``
        characters: slicing the whole text before every number would cost quadratic time)."""
        window = max(0, end - _CUE_CHARS)
        tail = text[window:end].rsplit(None, self.cue_words)
        start = window + len(tail[0]) if len(tail) > self.cue_words else window
        return self.not_date.search(text, start, end) is not None


def _plan(langs: tuple[str | None, ...]) -> _Plan:
    return _plan_of(_grammars(langs))


@cache
def _plan_of(grammars: tuple[Grammar, ...]) -> _Plan:
    """One plan per list of grammars (``("ms", "ms")`` and ``("ms",)`` share one)."""
    return _Plan(grammars)


_CUE_CHARS = 200  # far more than the longest number cue and its spacing


def find(
    text: str, langs: str | tuple[str | None, ...] | None, published: date | None
) -> list[tuple[int, int, Period, float]]:
    """Every date expression in ``text``: (start, end, period, confidence), in text order.

    ``langs`` is a language code or several (a block's and its document's). Overlapping
    readings are settled longest first (``20 Disember 2025`` over ``Disember 2025``), then
    earliest, then by rule order; nothing inside a URL counts.
    """
    plan = _plan(langs if isinstance(langs, tuple) else (langs,))
    urls = "/" in text or "www" in text
    candidates = [
        (order, h)
        for order, h in plan.hits(text, published)
        if not (urls and in_web_address(text, h.start, h.end))
        and not (h.numeric and plan.after_number_cue(text, h.start))
    ]
    candidates.sort(key=lambda oh: (oh[1].start - oh[1].end, oh[1].start, oh[0]))
    # The spans taken never overlap, so in start order they are in end order too: the one
    # span that could overlap a candidate is the last to start before it ends.
    taken: list[_Hit] = []
    starts: list[int] = []
    for _, h in candidates:
        i = bisect.bisect_left(starts, h.end)
        if i == 0 or taken[i - 1].end <= h.start:
            taken.insert(i, h)
            starts.insert(i, h.start)
    return [(h.start, h.end, h.period, h.confidence) for h in taken]


class DateScanner:
    """Finds ``date`` facts in a block (see the module docstring for the rules)."""

    name = NAME

    def scan(self, ctx: Context, block: Block) -> Iterable[Fact]:
        # Short blocks are often mislabelled, so the document's language is scanned too.
        lang = block.lang if block.lang in loader.LANGUAGES else ctx.lang
        found = find(block.text, (block.lang, ctx.lang), ctx.published)
        for start, end, period, confidence in found:
            yield Fact(
                doc_id=ctx.doc_id,
                type="date",
                text=block.text[start:end],
                start=block.start + start,
                end=block.start + end,
                lang=lang,
                block=block.i,
                value=period,
                extractor=NAME,
                confidence=confidence,
            )
