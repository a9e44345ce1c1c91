"""Money, percentages and counts: every figure of a block, with exact offsets and values.

One precompiled pattern, built at first use from the data of every language, finds the number
cores of a block in a single pass (digits, number words, vague amounts such as ``puluhan
ribu``); for each core a few anchored patterns read what follows (scale words, currency,
percent sign, counted noun) and a short look back reads what precedes (qualifier, range
opener, currency symbol, words that make the number an identifier). All repetition in the
patterns is bounded, so the scan is linear in the length of the block.

The rules for what is *not* a figure (dates, times, phone numbers, legal references, URLs,
versions, scores, bare years, page furniture like ``Komen (0)``) and for reading ``1.149`` are
in the README section "figures".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from newsfacts.lang import loader
from newsfacts.model import Block, Context, Fact, Number, Qualifier
from newsfacts.numbers import engine as numbers
from newsfacts.text.patterns import SPACE, SPACES, alternation, cased, trie
from newsfacts.text.shapes import NUMERIC_DATE, PHONE
from newsfacts.text.tokens import norm

Kind = Literal["money", "percent", "quantity"]

# ISO 4217 currencies written without minor units in practice: three digits after one mark
# (``12.500 VND``, ``Rp12.500``) can only be thousands when no scale word follows.
_NO_MINOR_UNIT = frozenset({"VND", "IDR", "JPY", "KRW"})

_DASHES = ("-", "\u2013", "\u2014")
_DATE_MARKS = ("-", ".", "/")


def _reversed(words: Iterable[str]) -> set[str]:
    return {w[::-1] for w in cased(words)}


def _last_letters(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w[-1] for w in cased(words))


@dataclass(frozen=True, slots=True)
class _Grammar:
    """Everything the scanner knows, merged over all languages and compiled once."""

    digits: re.Pattern[str]
    words: re.Pattern[str]
    symbol_before: re.Pattern[str]
    symbol_ends: frozenset[str]
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
    join_words: int  # the most words in a range joiner or closer
    classifiers: dict[str, str]
    unit_phrases: dict[str, tuple[tuple[str, ...], ...]]
    function_words: frozenset[str]
    before: re.Pattern[str]
    # the last characters of the words ``before`` reads, blocking words and all (cased)
    blocked_ends: frozenset[str]
    before_ends: frozenset[str]
    blocked_after: re.Pattern[str]
    connectors: frozenset[str]
    # the words after a number that make the words after them matter (see _next_words)
    lead_words: frozenset[str]


def _words_of(datas: list[dict[str, Any]], key: str) -> set[str]:
    return {norm(w) for d in datas for w in d.get(key, [])}


@cache
def _grammar() -> _Grammar:
    lex = numbers.lexicon()
    datas = [loader.load(c, "numbers") for c in loader.available("numbers")]
    symbols: dict[str, str] = {}
    names: dict[str, str] = {}
    minor: dict[str, tuple[str, Decimal]] = {}
    for code in loader.available("currencies"):
        for iso, entry in loader.load(code, "currencies").items():
            if iso.startswith("_"):
                continue
            symbols[iso] = iso
            symbols.update((s, iso) for s in entry.get("symbols", []))
            names.update((norm(n), iso) for n in entry.get("names", []))
            minor.update((norm(n), (iso, Decimal(v))) for n, v in entry.get("minor", {}).items())
    months = {
        norm(m) for c in loader.available("calendar") for m in loader.load(c, "calendar")["months"]
    }
    starts = [w for w, (role, _) in lex.roles.items() if role in ("unit", "fraction")]
    any_word = trie(cased(lex.roles))
    words_pat = (
        rf"(?<!\w){trie(cased([*starts, *lex.vague]))}"
        rf"(?:(?:{SPACE}{{1,3}}|-){any_word}){{0,12}}(?!\w)"
    )
    scale_words = alternation(lex.scales)
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
    joiners = frozenset(_words_of(datas, "range_joiners") | set(_DASHES))
    classifiers = {norm(w): m for d in datas for w, m in d.get("classifiers", {}).items()}
    unit_phrases = _phrase_index(_words_of(datas, "unit_phrases"))
    percent = _words_of(datas, "percent")
    points = _words_of(datas, "points")
    connectors = _words_of(datas, "vague_connectors")
    scales = rf"(?:{SPACE}{{0,2}}(?i:{scale_words})(?!\w)){{1,3}}"
    unit = (
        rf"{SPACE}{{0,2}}(?:(?P<pp>(?i:{alternation(points)}))(?!\w)"
        rf"|(?P<pct>(?i:{alternation(percent)}))(?!\w)"
        rf"|(?P<sym>{alternation(symbols, ignore_case=False)})(?!\w)"
        rf"|(?P<name>(?i:{alternation(names)}))(?!\w)"
        rf"|(?P<minor>(?i:{alternation(minor)}))(?!\w))"
    )
    return _Grammar(
        # \d{1,24} written with a leading single \d: a pattern that starts with a character
        # class lets the regex engine skip ahead to the next digit instead of trying every
        # position, which makes this scan twice as fast
        digits=re.compile(r"\d\d{0,23}(?:[.,]\d{1,24}){0,8}"),
        words=re.compile(words_pat),
        symbol_ends=frozenset(x[-1] for x in symbols),
        symbol_before=re.compile(
            rf"(?<!\w)(?:{alternation(symbols, ignore_case=False)}){SPACE}?\Z"
        ),
        abbr=re.compile(
            rf"(?i:(?P<glued>{abbrs})(?P<frac>\d{{1,3}})?|{SPACE}(?P<spaced>{alternation(lex.scale_abbreviations)}))(?![\w])"
        ),
        scales=re.compile(scales),
        compound=re.compile(rf"{SPACE}(\d{{1,3}}){SPACE}{{1,2}}(?i:({scale_words}))(?!\w)"),
        unit=re.compile(unit),
        scale_or_unit=re.compile(f"{scales}|{unit}"),
        connector=re.compile(
            rf"{SPACE}{{1,2}}(?i:{alternation(connectors)})(?!\w)" if connectors else r"(?!)"
        ),
        vague_tail=re.compile(
            rf"(?:{SPACE}{{1,2}}(?i:{alternation(connectors)}))?(?=(?:{SPACE}{{1,2}}(?i:{scale_words}))(?!\w))"
            if connectors
            else r"(?!)"
        ),
        symbols=symbols,
        names=names,
        minor=minor,
        qualifiers=qualifiers,
        openers=openers,
        joiners=joiners,
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
        blocked_ends=_last_letters(blocked),
        before_ends=_last_letters([*blocked, *negative, *qualifiers, *all_openers]),
        blocked_after=re.compile(
            rf"{SPACE}{{1,2}}{trie(cased(_words_of(datas, 'blocked_after') | months))}(?!\w)"
        ),
        connectors=frozenset(connectors),
        lead_words=frozenset([*classifiers, *unit_phrases, *connectors]),
    )


def _phrase_index(phrases: set[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        parts = tuple(phrase.split())
        index.setdefault(parts[0], []).append(parts)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


@dataclass(slots=True)
class _Piece:
    """One number with what was read around it, before ranges are joined."""

    start: int
    core_start: int
    end: int
    value: Decimal
    kind: Kind
    unit: str | None
    scaled: bool
    scale: Decimal
    qualifier: Qualifier | None
    opener: str | None
    opener_start: int
    change: bool
    words: int
    vague: bool
    year_like: bool
    in_parens: bool


_LOOK_BACK = 48
_ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class _Before:
    """What stands before a number; ``back`` and ``opener_back`` count characters back from
    the number to where the figure and the range opener start."""

    back: int
    qualifier: Qualifier | None
    opener: str | None
    opener_back: int
    change: bool
    negative: bool


_NOTHING_BEFORE = _Before(0, None, None, 0, False, False)

_Figure = tuple[Kind, int, int, Number, float]
_Words = list[tuple[str, int]]
_TOKEN = re.compile(r"[^\s-]+")
_NEXT_WORD = re.compile(rf"{SPACE}{{1,3}}([^\W\d_]{{1,40}}(?:-[^\W\d_]{{1,40}})?)")
_WORD = r"([^\W\d_]{1,40}(?:-[^\W\d_]{1,40})?)"
_NEXT_WORDS = re.compile(
    rf"{SPACE}{{1,3}}{_WORD}(?:{SPACE}{{1,3}}{_WORD}(?:{SPACE}{{1,3}}{_WORD}(?:{SPACE}{{1,3}}{_WORD})?)?)?"
)


class FigureScanner:
    """Finds ``money``, ``percent`` and ``quantity`` facts in a block."""

    name = "newsfacts.figures/1"

    def __init__(self) -> None:
        self._g = _grammar()
        self._lex = numbers.lexicon()

    def scan(self, ctx: Context, block: Block) -> Iterable[Fact]:
        lang = block.lang or ctx.lang
        for kind, start, end, value, confidence in self.figures(block.text, lang):
            yield Fact(
                doc_id=ctx.doc_id,
                type=kind,
                text=block.text[start:end],
                start=block.start + start,
                end=block.start + end,
                lang=lang,
                block=block.i,
                value=value,
                extractor=f"newsfacts.{kind}/1",
                confidence=confidence,
            )

    def figures(self, text: str, lang: str | None = None) -> Iterator[_Figure]:
        """(kind, start, end, value, confidence) for every figure of ``text``, in order."""
        g = self._g
        pieces: list[_Piece] = []
        skip_to = 0
        for m in g.digits.finditer(text):
            start, end = m.span()
            if start < skip_to:
                continue
            phone = self._phone_at(text, start)
            if phone:
                skip_to = phone
                continue
            piece = self._digit_piece(text, start, end, lang)
            if piece is not None:
                pieces.append(piece)
                skip_to = piece.end  # 2 tỷ 500 triệu: the 500 is read already
        worded = [p for m in g.words.finditer(text) if (p := self._word_piece(text, m))]
        if worded:
            merged = sorted([*pieces, *worded], key=lambda p: p.core_start)
            pieces = [
                p for i, p in enumerate(merged) if i == 0 or p.core_start >= merged[i - 1].end
            ]
        i = 0
        while i < len(pieces):
            a = pieces[i]
            b = pieces[i + 1] if i + 1 < len(pieces) else None
            if b is not None and self._joins(text, a, b):
                figure = self._range(text, a, b)
                i += 2
            else:
                figure = self._single(text, a)
                i += 1
            if figure is not None:
                yield figure

    # -- reading one number ------------------------------------------------------------------

    def _phone_at(self, text: str, start: int) -> int:
        """The end of the phone number starting at (or just before) ``start``, else 0."""
        if text[start] == "0":
            at = start - 1 if start and text[start - 1] == "(" else start
        elif start and text[start - 1] == "+":
            at = start - 1
        else:
            return 0
        m = PHONE.match(text, at)
        return m.end() if m else 0

    def _digit_piece(self, text: str, start: int, end: int, lang: str | None) -> _Piece | None:
        g, lex = self._g, self._lex
        prev = text[start - 1] if start else " "
        if prev in ".,/:#" or prev.isdigit() or text[end : end + 1].isdigit():
            return None  # inside a code, date or list: 1.2.3, 20/12, #5
        raw = text[start:end]
        sym: str | None = None
        core_start = start
        if start and (
            prev in g.symbol_ends
            or (prev in SPACES and text[start - 2 : start - 1] in g.symbol_ends)
        ):
            sym_m = g.symbol_before.search(text, max(0, start - 6), start)
            if sym_m is not None:
                sym = sym_m.group(0).strip(SPACES)
                core_start = sym_m.start()
        if sym is None and prev.isalpha():
            return None  # MH370, A4
        negative = False
        if sym is None and prev in "-\u2212" and start > 1:
            before = text[start - 2]
            if before.isalpha():
                return None  # COVID-19, ke-3
            if before in "(\n" or (before in SPACES and not _after_figure(text, start - 2)):
                negative = True
                core_start = start - 1
        if self._identifier(text, start, end, raw, sym):
            return None
        currency = g.symbols[sym] if sym else None
        scale = _ONE
        scaled = False
        scale_word: str | None = None
        frac: str | None = None
        a = g.abbr.match(text, end)
        if a is not None:
            glued, spaced, frac_digits = a.group("glued", "spaced", "frac")
            word = (glued or spaced).casefold()
            if not (glued is not None and word in lex.money_abbreviations) or currency:
                scale = lex.scale_abbreviations.get(word) or lex.money_abbreviations[word]
                scaled = True
                scale_word = word
                frac = frac_digits
                end = a.end()
        sc = g.scales.match(text, end)
        if sc is not None:
            words = sc.group(0).split()
            for w in words:
                scale *= lex.scales[w.casefold()]
            scale_word = words[-1]
            scaled = True
            end = sc.end()
        elif not scaled and text[end : end + 1].isalpha() and not self._unit_follows(text, end):
            return None  # 4G, 20th, 10h30: glued letters make an identifier
        # without a mark there is nothing to decide
        value = (
            Decimal(raw)
            if raw.isdigit()
            else self._read(raw, lang, scale_word, currency, scaled, text, end)
        )
        if value is None:
            return None
        if frac is not None:
            if value != value.to_integral_value():
                return None
            value += Decimal("0." + frac)  # 1tr5: one and a half million
        if scaled:
            c = g.compound.match(text, end)
            if c is not None:
                sub = lex.scales[c.group(2).casefold()]
                if int(c.group(1)) * sub < scale:  # 1 tỷ 500 triệu
                    value = value * scale + Decimal(c.group(1)) * sub
                    scale = _ONE
                    end = c.end()
        if negative:
            value = -value
        year_like = not scaled and raw.isdigit() and len(raw) == 4 and 1900 <= int(raw) <= 2100
        return self._finish(
            text,
            core_start,
            end,
            value,
            scale,
            scaled,
            currency,
            sym is None,
            year_like=year_like,
            words=0,
            vague=False,
        )

    def _word_piece(self, text: str, m: re.Match[str]) -> _Piece | None:
        lex = self._lex
        run = m.group(0)
        # one word is the usual case
        tokens = [(0, len(run))] if run.isalpha() else [t.span() for t in _TOKEN.finditer(run)]
        lowered = [run[s:e].casefold() for s, e in tokens]
        scale = _ONE
        vague = False
        for n in (2, 1):
            if len(lowered) >= n and " ".join(lowered[:n]) in lex.vague:
                value = lex.vague[" ".join(lowered[:n])]
                used = n
                vague = True
                break
        else:
            parsed = numbers.parse_words(lowered)
            if parsed is None:
                return None
            value, used = parsed.value, parsed.used
        end = m.start() + tokens[used - 1][1]
        if used == 1 and not vague and value < 10 and not self._worth_reading(text, end):
            return None  # a lone small number word (one, hai, năm) is rarely a figure
        scaled = any(lex.roles.get(w, ("", 0))[0] == "scale" for w in lowered[:used])
        if vague:
            t = self._g.vague_tail.match(text, end)
            if t is not None:
                end = t.end()
            sc = self._g.scales.match(text, end)
            if sc is not None:
                for w in sc.group(0).split():
                    scale *= lex.scales[w.casefold()]
                scaled = True
                end = sc.end()
            c = self._g.connector.match(text, end)
            if c is not None and self._g.unit.match(text, c.end()):
                end = c.end()  # millions OF dollars
        return self._finish(
            text,
            m.start(),
            end,
            value,
            scale,
            scaled,
            None,
            False,
            year_like=False,
            words=used,
            vague=vague,
        )

    def _worth_reading(self, text: str, end: int) -> bool:
        """After one number word: a scale, unit or counting word must follow."""
        if self._g.scale_or_unit.match(text, end):
            return True
        return self._counted_by_classifier(self._next_words(text, end))

    def _finish(
        self,
        text: str,
        core_start: int,
        end: int,
        value: Decimal,
        scale: Decimal,
        scaled: bool,
        currency: str | None,
        check_blocked: bool,
        *,
        year_like: bool,
        words: int,
        vague: bool,
    ) -> _Piece | None:
        """Reads the unit after the number and the qualifier before it."""
        g = self._g
        kind: Kind = "money" if currency else "quantity"
        unit = currency
        if currency is None:
            u = g.unit.match(text, end)
            if u is not None:
                pp, pct, sym, name, minor = u.group("pp", "pct", "sym", "name", "minor")
                if pp:
                    kind, unit = "percent", "pp"
                elif pct:
                    kind, unit = "percent", "%"
                elif sym:
                    kind, unit = "money", g.symbols[sym]
                elif name:
                    kind, unit = "money", g.names[norm(name)]
                elif minor and not scaled:
                    code, factor = g.minor[norm(minor)]
                    kind, unit, scale = "money", code, factor
                if kind != "quantity":
                    end = u.end()
        if kind == "quantity" and not scaled and not vague and g.blocked_after.match(text, end):
            return None  # 20 Disember, 10.30 pagi, 8 giờ, 9 a.m.
        before = self._before(text, core_start)
        if before is None:
            if check_blocked:
                return None
            before = _NOTHING_BEFORE
        if before.negative:
            value = -value
        in_parens = core_start > 0 and text[core_start - 1] == "(" and text[end : end + 1] == ")"
        return _Piece(
            start=core_start - before.back,
            core_start=core_start,
            end=end,
            value=value if vague else value * scale,
            kind=kind,
            unit=unit,
            scaled=scaled,
            scale=scale,
            qualifier=before.qualifier,
            opener=before.opener,
            opener_start=core_start - before.opener_back,
            change=before.change,
            words=words,
            vague=vague,
            year_like=year_like,
            in_parens=in_parens,
        )

    def _unit_follows(self, text: str, end: int) -> bool:
        u = self._g.unit.match(text, end)
        return u is not None and (u.group("sym") is not None or u.group("pct") is not None)

    def _identifier(self, text: str, start: int, end: int, raw: str, sym: str | None) -> bool:
        """Digits that are part of a code, date, time, reference or phone number."""
        nxt = text[end : end + 2]
        if len(nxt) == 2 and nxt[0] in "/:" and nxt[1].isalnum():
            return True  # 20/12, 28/2022/ND-CP, 10:30, 2:1
        if (
            raw.isdigit()
            and len(raw) <= 4  # the digits before a date's first mark
            and text[end : end + 1] in _DATE_MARKS
            and NUMERIC_DATE.match(text, start)
        ):
            return True  # 2025-12-20, 20-12-2025
        return sym is None and raw[0] == "0" and len(raw) > 1 and raw.isdigit()

    def _read(
        self,
        raw: str,
        lang: str | None,
        scale_word: str | None,
        currency: str | None,
        scaled: bool,
        text: str,
        end: int,
    ) -> Decimal | None:
        mark = "."
        if numbers.is_ambiguous(raw):
            name: str | None = None
            if currency is None:
                u = self._g.unit.match(text, end)
                if u is not None and u.group("sym"):
                    currency = self._g.symbols[u.group("sym")]
                elif u is not None and u.group("name"):
                    name = u.group("name")
                    currency = self._g.names[norm(name)]
            if scale_word is None and name is None:
                nxt = _NEXT_WORD.match(text, end)
                name = nxt.group(1) if nxt else None
            mark = self._decimal_mark(lang, scale_word or name, currency, scaled)
        return numbers.parse_digits(raw, mark)

    def _decimal_mark(
        self, lang: str | None, word: str | None, currency: str | None, scaled: bool
    ) -> str:
        """How ``1.149`` is read (README "figures"): by the language of the scale word or
        currency name attached to it; else, for a currency without minor units and no scale,
        as thousands; else by the block's language; else as in English."""
        if word is not None:
            by_word = self._lex.mark_of_word(norm(word))
            if by_word is not None:
                return by_word
        if currency in _NO_MINOR_UNIT and not scaled:
            return ""  # neither mark is decimal: the digits are grouped thousands
        return self._lex.decimal_mark.get(lang or "", ".")

    def _before(self, text: str, pos: int) -> _Before | None:
        """What stands before a number: qualifier, range opener (or change opener), sign;
        None when a word makes it an identifier or date part (No. 5, tahun 2021)."""
        g = self._g
        # A cheap test first, for most numbers: a word that ``before`` reads must end just
        # before the number (only a blocking word may touch it) or before one space.
        if pos == 0:
            return _NOTHING_BEFORE
        last = text[pos - 1]
        if last not in SPACES:
            if last not in g.blocked_ends:
                return _NOTHING_BEFORE
        elif pos == 1 or (text[pos - 2] not in g.before_ends and text[pos - 2] not in SPACES):
            return _NOTHING_BEFORE
        m = g.before.match(text[max(0, pos - _LOOK_BACK) : pos][::-1])
        if m is None or m.end() == 0:
            return _NOTHING_BEFORE
        b, q, q2, o, n = m.group("b", "q", "q2", "o", "n")
        if b is not None:
            return None
        q_group = "q" if q else "q2"
        q = q or q2
        opener = norm(o[::-1]) if o else None
        if opener is not None and opener not in g.openers:
            opener = None
        if q:
            back = m.end(q_group)
        elif n:
            back = m.end("n")
        else:
            back = 0
        return _Before(
            back=back,
            qualifier=g.qualifiers[norm(q[::-1])] if q else None,
            opener=opener,
            opener_back=m.end("o") if opener else 0,
            change=bool(o) and opener is None,
            negative=n is not None,
        )

    # -- from pieces to figures --------------------------------------------------------------

    def _joins(self, text: str, a: _Piece, b: _Piece) -> bool:
        if a.vague or b.vague or (a.opener is None and a.change):
            return False
        if a.unit and b.unit and a.unit != b.unit:
            return False
        if a.kind != "quantity" and b.kind != "quantity" and a.kind != b.kind:
            return False
        between = text[a.end : b.core_start]
        if len(between.split(None, self._g.join_words)) > self._g.join_words:
            return False  # longer than any range word: no need to normalise a long gap
        between = norm(between)
        if a.opener is not None:
            return between in self._g.openers[a.opener]
        return between in self._g.joiners

    def _range(self, text: str, a: _Piece, b: _Piece) -> _Figure | None:
        kind = a.kind if a.kind != "quantity" else b.kind
        unit = a.unit or b.unit
        low, high = a.value, b.value
        if not a.scaled and b.scaled:
            low = a.value * b.scale
        end = b.end
        if kind == "quantity":
            unit, end = self._noun(self._next_words(text, b.end), b.end, False)
            dashed = a.opener is None and text[a.end : b.core_start].strip() in _DASHES
            if dashed and unit is None and not (a.scaled or b.scaled):
                return None  # 2-1, 12-14: scores and codes, not counts
        if low >= high:
            return None
        start = min(a.start, a.opener_start)
        return kind, start, end, Number(min=low, max=high, unit=unit, qualifier=a.qualifier), 0.9

    def _single(self, text: str, p: _Piece) -> _Figure | None:
        end = p.end
        unit = p.unit
        if p.kind == "quantity":
            found = self._next_words(text, p.end)
            unit, end = self._noun(found, p.end, p.vague)
            if p.in_parens and unit is None:
                return None  # Komen (0)
            small_word = p.words == 1 and not p.scaled and p.value < 10
            if (p.year_like or small_word) and not (
                unit is not None and self._counted_by_classifier(found)
            ):
                return None  # 2024 alone is a year; "hai" alone is rarely a count
        if p.vague:
            return (
                p.kind,
                p.start,
                end,
                Number(
                    min=p.value * p.scale,
                    max=p.value * p.scale * 10 - 1,
                    unit=unit,
                    qualifier=p.qualifier,
                ),
                0.8,
            )
        confidence = 0.95 if p.kind != "quantity" else (0.85 if unit else 0.6)
        return (
            p.kind,
            p.start,
            end,
            Number(amount=p.value, unit=unit, qualifier=p.qualifier),
            confidence,
        )

    def _counted_by_classifier(self, found: _Words) -> bool:
        """Whether a counting word, or a listed counted noun of up to three words, comes
        first in ``found`` (the words after a number)."""
        return bool(found) and (
            found[0][0] in self._g.classifiers or self._phrase_at(found[:3], 0) is not None
        )

    def _next_words(self, text: str, pos: int) -> _Words:
        """Up to four words after ``pos`` (casefolded), each with where it ends; only the
        first when it can start no counting word, counted noun or connector, because then
        the others are never looked at."""
        first = _NEXT_WORD.match(text, pos)
        if first is None:
            return []
        word = first.group(1).casefold()
        if word not in self._g.lead_words:
            return [(word, first.end())]
        m = _NEXT_WORDS.match(text, pos)
        assert m is not None  # it starts with _NEXT_WORD
        return [(text[s:e].casefold(), e) for s, e in m.regs[1:] if s >= 0]

    def _noun(self, found: _Words, pos: int, vague: bool) -> tuple[str | None, int]:
        """The counted noun in ``found``, the words after a number at ``pos`` (skipping
        classifiers), and where it ends."""
        g = self._g
        i = 0
        if vague and found and found[0][0] in g.connectors:
            i = 1
        phrase = self._phrase_at(found, i)
        if phrase is not None:
            return phrase
        if i >= len(found):
            return None, pos
        word, word_end = found[i]
        mode = g.classifiers.get(word)
        if mode is not None:
            after = self._phrase_at(found, i + 1)
            if after is not None:
                return after
            if mode == "any" and i + 1 < len(found) and self._content(found[i + 1][0]):
                return found[i + 1]
            return word, word_end
        if not self._content(word):
            return None, pos
        return word, word_end

    def _content(self, word: str) -> bool:
        g = self._g
        return word not in g.function_words and word not in g.qualifiers

    def _phrase_at(self, found: _Words, i: int) -> tuple[str, int] | None:
        if i >= len(found):
            return None
        for parts in self._g.unit_phrases.get(found[i][0], ()):
            words = [w for w, _ in found[i : i + len(parts)]]
            if tuple(words) == parts:
                return " ".join(parts), found[i + len(parts) - 1][1]
        return None


def _after_figure(text: str, pos: int) -> bool:
    """Whether a digit or percent sign ends just before the spaces at ``pos`` (5 -10)."""
    i = pos
    while i > 0 and text[i - 1] in SPACES:
        i -= 1
    return i > 0 and (text[i - 1].isdigit() or text[i - 1] == "%")
