"""What the figure scanner knows, merged over every language's data and compiled once."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from newsfacts.lang import currencies, loader
from newsfacts.model import Qualifier
from newsfacts.numbers import Lexicon, lexicon
from newsfacts.text.patterns import SPACE, SPACES, alternation, cased, caseless, trie
from newsfacts.text.tokens import norm

Kind = Literal["money", "percent", "quantity"]

DASHES = ("-", "\u2013", "\u2014")

# The kinds of unit word after a number, in the order the unit pattern tries them; each is a
# named group of that pattern: percentage points, percent, currency symbol, currency name,
# minor unit of a currency (sen, xu, cents), a currency name that is also an everyday word.
UNIT_KINDS = ("pp", "pct", "sym", "name", "minor", "gated")
# The unit of each percent kind, whatever the word.
PERCENT_UNITS = {"pp": "pp", "pct": "%"}


def _reversed(words: Iterable[str]) -> set[str]:
    return {w[::-1] for w in cased(words)}


def _last_letters(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w[-1] for w in cased(words))


def _tails(words: Iterable[str], *, spaced: bool = False) -> frozenset[str]:
    """The last two characters of each word (the word itself when shorter), and with
    ``spaced`` also each followed by a space: the cheap test before a regex looks back from
    a number, two characters telling far more words apart than one (``was 5`` is not
    ``Rs 5``)."""
    tails = {w[-2:] for w in words}
    return frozenset(tails | {t + s for t in tails for s in SPACES} if spaced else tails)


@dataclass(frozen=True, slots=True)
class Grammar:
    """Everything the scanner knows, merged over all languages and compiled once."""

    digits: re.Pattern[str]
    words: re.Pattern[str]
    symbol_before: re.Pattern[str]
    symbol_tails: frozenset[str]  # see _tails, spaced
    abbr: re.Pattern[str]
    scales: re.Pattern[str]
    compound: re.Pattern[str]
    unit: re.Pattern[str]
    scale_or_unit: re.Pattern[str]
    vague_tail: re.Pattern[str]
    connector: re.Pattern[str]
    symbols: dict[str, str]
    names: dict[str, str]
    minor: dict[str, tuple[str, Decimal]]
    qualifiers: dict[str, Qualifier]
    openers: dict[str, frozenset[str]]
    joiners: frozenset[str]
    amount_joiners: frozenset[str]  # between an amount and its minor units (and, và)
    join_words: int  # the most words in a range joiner or closer
    classifiers: dict[str, str]
    unit_phrases: dict[str, tuple[tuple[str, ...], ...]]
    function_words: frozenset[str]
    before: re.Pattern[str]
    signed: re.Pattern[str]  # a negative word just before a position (minus lima)
    # the last characters of the words ``before`` reads, blocking words and all (cased)
    blocked_ends: frozenset[str]
    before_tails: frozenset[str]  # see _tails
    blocked_after: re.Pattern[str]
    connectors: frozenset[str]
    # the words after a number that make the words after them matter (see nouns.next_words)
    lead_words: frozenset[str]


def _words_of(datas: list[dict[str, Any]], key: str) -> set[str]:
    return {norm(w) for d in datas for w in d.get(key, [])}


@cache
def grammar() -> Grammar:
    """The scanner's patterns and tables, built at first use."""
    lex = lexicon()
    datas = [loader.load(c, "numbers") for c in loader.available("numbers")]
    symbols: dict[str, str] = {}
    names: dict[str, str] = {}
    gated: set[str] = set()
    minor: dict[str, tuple[str, Decimal]] = {}
    not_codes = currencies.not_codes()
    for code in loader.available("currencies"):
        for iso, entry in currencies.entries(code):
            if iso not in not_codes:
                symbols[iso] = iso
            symbols.update((s, iso) for s in entry.get("symbols", []))
            names.update((norm(n), iso) for n in [*entry.get("names", []), *entry.get("gated", [])])
            gated.update(norm(n) for n in entry.get("gated", []))
            minor.update((norm(n), (iso, Decimal(v))) for n, v in entry.get("minor", {}).items())
    months = {
        norm(m) for c in loader.available("calendar") for m in loader.load(c, "calendar")["months"]
    }
    any_word = trie(cased(lex.roles))
    words_pat = (
        rf"(?<!\w){trie(cased([*_start_words(lex), *lex.vague]))}"
        rf"(?:(?:{SPACE}{{1,3}}|-){any_word}){{0,40}}(?!\w)"
    )
    scale_words = caseless(lex.scales)
    abbrs = alternation([*lex.scale_abbreviations, *lex.money_abbreviations])
    qualifiers: dict[str, Qualifier] = {
        norm(w): q for d in datas for w, q in d["qualifiers"].items()
    }
    openers = {
        norm(w): frozenset(norm(c) for c in closers)
        for d in datas
        for w, closers in d.get("range_openers", {}).items()
    }
    change_openers = _words_of(datas, "change_openers")
    negative = _words_of(datas, "negative")
    rev_q = trie(_reversed(qualifiers))
    blocked = _words_of(datas, "blocked_before") | months
    all_openers = [*openers, *change_openers]
    joiners = frozenset(_words_of(datas, "range_joiners") | set(DASHES))
    span_words = (joiners - set(DASHES)).union(*openers.values())
    classifiers = {norm(w): m for d in datas for w, m in d.get("classifiers", {}).items()}
    unit_phrases = _phrase_index(_words_of(datas, "unit_phrases"))
    percent = _words_of(datas, "percent")
    points = _words_of(datas, "points")
    connectors = _words_of(datas, "vague_connectors")
    scales = rf"(?:{SPACE}{{0,2}}{scale_words}(?!\w)){{1,3}}"
    unit_words = {
        "pp": caseless(points),
        "pct": caseless(percent),
        "sym": alternation(symbols, ignore_case=False),
        "name": caseless(set(names) - gated),
        "minor": caseless(minor),
        "gated": caseless(gated),
    }
    # no other group in it, so that ``lastgroup`` of a match names the kind of unit
    unit = (
        rf"{SPACE}{{0,2}}(?:"
        + "|".join(rf"(?P<{k}>{unit_words[k]})(?!\w)" for k in UNIT_KINDS)
        + ")"
    )
    return Grammar(
        # \d{1,24} written with a leading single \d: a pattern that starts with a character
        # class lets the regex engine skip ahead to the next digit instead of trying every
        # position, which makes this scan twice as fast
        digits=re.compile(r"\d\d{0,23}(?:[.,]\d{1,24}){0,8}"),
        words=re.compile(words_pat),
        symbol_tails=_tails(symbols, spaced=True),
        symbol_before=re.compile(
            rf"(?<!\w)(?:{alternation(symbols, ignore_case=False)}){SPACE}?\Z"
        ),
        abbr=re.compile(
            rf"(?i:(?P<glued>{abbrs})(?P<frac>\d{{1,3}})?|{SPACE}(?P<spaced>{alternation(lex.scale_abbreviations)}))(?![\w])"
        ),
        scales=re.compile(scales),
        compound=re.compile(rf"{SPACE}(\d{{1,3}}){SPACE}{{1,2}}({scale_words})(?!\w)"),
        unit=re.compile(unit),
        scale_or_unit=re.compile(f"{scales}|{unit}"),
        connector=re.compile(
            rf"{SPACE}{{1,2}}(?i:{alternation(connectors)})(?!\w)" if connectors else r"(?!)"
        ),
        vague_tail=re.compile(
            rf"(?:{SPACE}{{1,2}}(?i:{alternation(connectors)}))?(?=(?:{SPACE}{{1,2}}{scale_words})(?!\w))"
            if connectors
            else r"(?!)"
        ),
        symbols=symbols,
        names=names,
        minor=minor,
        qualifiers=qualifiers,
        openers=openers,
        joiners=joiners,
        amount_joiners=frozenset(_words_of(datas, "amount_joiners")),
        join_words=max(len(w.split()) for w in joiners.union(*openers.values())),
        classifiers=classifiers,
        unit_phrases=unit_phrases,
        function_words=frozenset(_words_of(datas, "function_words")),
        # matched on the reversed text before a number, so that it is anchored at the number
        before=re.compile(
            rf"{SPACE}*(?P<b>{trie(_reversed(blocked))})(?!\w)|"
            rf"(?:{SPACE}+(?P<n>{trie(_reversed(negative))})(?!\w))?"
            rf"(?:{SPACE}+(?P<q>{rev_q})(?!\w)"
            rf"|{SPACE}+(?P<o>{trie(_reversed(all_openers))})(?!\w)"
            rf"(?:{SPACE}+(?P<q2>{rev_q})(?!\w))?)?"
        ),
        signed=re.compile(rf"(?<!\w)(?i:{alternation(negative)}){SPACE}{{1,2}}\Z"),
        blocked_ends=_last_letters(blocked),
        before_tails=_tails(cased([*blocked, *negative, *qualifiers, *all_openers])),
        # also the first day or hour of a span: 7 hingga 20 Jun, 8 to 10 p.m.
        blocked_after=re.compile(
            rf"(?:(?:{SPACE}{{0,2}}[-\u2013]|{SPACE}{{1,2}}(?i:{alternation(span_words)}))"
            rf"{SPACE}{{0,2}}\d{{1,2}})?"
            rf"{SPACE}{{1,2}}{trie(cased(_words_of(datas, 'blocked_after') | months))}(?!\w)"
        ),
        connectors=frozenset(connectors),
        lead_words=frozenset([*classifiers, *unit_phrases, *connectors]),
    )


def _start_words(lex: Lexicon) -> list[str]:
    """What a number in words starts with: a unit or fraction word; a zero word only with
    the hundreds or decimal word after it (không trăm, nol koma) and a hundreds word only
    with a filler or a ten and up after it (trăm mười ba, trăm linh năm). Those two are
    written as phrases, so that the scan does not stop at every ``không`` (not) and the
    ``trăm`` of ``phần trăm``."""
    by_role: dict[str, list[str]] = {}
    for word, (role, value) in lex.roles.items():
        by_role.setdefault("ten_up" if role == "unit" and value >= 10 else role, []).append(word)
    after_zero = [*by_role.get("hundreds", []), *by_role.get("decimal", [])]
    after_hundreds = [*by_role.get("filler", []), *by_role.get("ten_up", [])]
    return [
        *by_role.get("unit", []),
        *by_role.get("ten_up", []),
        *by_role.get("fraction", []),
        *(f"{z} {w}" for z in by_role.get("zero", []) for w in after_zero),
        *(f"{h} {w}" for h in by_role.get("hundreds", []) for w in after_hundreds),
    ]


def _phrase_index(phrases: set[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        parts = tuple(phrase.split())
        index.setdefault(parts[0], []).append(parts)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}
