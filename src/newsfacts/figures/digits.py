"""Numbers written in digits: the currency symbol before them, the sign, the scale words
after them, and the digits and number shapes that are no figure (codes, dates, phones)."""

from __future__ import annotations

from decimal import Decimal

from newsfacts.figures.grammar import Grammar
from newsfacts.figures.nouns import NEXT_WORD
from newsfacts.figures.pieces import NumberCore, Piece, piece
from newsfacts.numbers import Lexicon, is_ambiguous, parse_digits
from newsfacts.text.patterns import SPACES
from newsfacts.text.shapes import NUMERIC_DATE, PHONE
from newsfacts.text.tokens import norm

# ISO 4217 currencies written without minor units in practice: three digits after one mark
# (``12.500 VND``, ``Rp12.500``) can only be thousands when no scale word follows.
_NO_MINOR_UNIT = frozenset({"VND", "IDR", "JPY", "KRW"})

_DATE_MARKS = ("-", ".", "/")
# A currency symbol right after one of these is inside a URL, a file name or a code.
_IN_CODE = frozenset("/._=@#&?")
_ONE = Decimal(1)
_MILLION = Decimal(1000000)


class DigitReader:
    """Reads every number written in digits of a text into a piece."""

    def __init__(self, g: Grammar, lex: Lexicon) -> None:
        self._g = g
        self._lex = lex

    def pieces(self, text: str, lang: str | None) -> list[Piece]:
        """The pieces of ``text`` read from digits, in order, phone numbers skipped."""
        pieces: list[Piece] = []
        skip_to = 0
        for m in self._g.digits.finditer(text):
            start, end = m.span()
            if start < skip_to:
                continue
            phone = self._phone_at(text, start)
            if phone:
                skip_to = phone
                continue
            p = self._piece(text, start, end, lang)
            if p is not None:
                pieces.append(p)
                skip_to = p.end  # 2 tỷ 500 triệu: the 500 is read already
        return pieces

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

    def _piece(self, text: str, start: int, end: int, lang: str | None) -> Piece | None:
        g, lex = self._g, self._lex
        prev = text[start - 1] if start else " "
        if prev in ".,/:#" or prev.isdigit() or text[end : end + 1].isdigit():
            return None  # inside a code, date or list: 1.2.3, 20/12, #5
        raw = text[start:end]
        sym: str | None = None
        core_start = start
        tails = g.symbol_tails
        if start and (
            prev in tails or text[start - 2 : start] in tails or text[start - 3 : start] in tails
        ):
            sym_m = g.symbol_before.search(text, max(0, start - 6), start)
            if sym_m is not None:
                if text[sym_m.start() - 1 : sym_m.start()] in _IN_CODE:
                    return None  # /rm500.html, ?id=RM5: a path or a code, not money
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
            if (
                not (glued is not None and word in lex.money_abbreviations)
                or currency
                or (frac_digits is None and self._bare_counts(glued, raw))
                or self._currency_follows(text, a.end())
            ):
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
        core = NumberCore(
            start=core_start,
            end=end,
            value=value,
            scale=scale,
            scaled=scaled,
            currency=currency,
            blockable=sym is None,
            year_like=year_like,
        )
        return piece(g, text, core)

    def _bare_counts(self, glued: str | None, raw: str) -> bool:
        """Whether a scale letter without a currency counts (10K, 3M): after one digit only
        a million or more does, since 4K and 8K are screens, 5K a race, 3K a slogan."""
        value = self._lex.bare_abbreviations.get(glued or "")
        return value is not None and (len(raw) > 1 or value >= _MILLION)

    def _currency_follows(self, text: str, end: int) -> bool:
        """Whether a currency symbol or name follows ``end`` (20.2m ringgit, 10k đồng)."""
        u = self._g.unit.match(text, end)
        return u is not None and u.lastgroup in ("sym", "name", "gated")

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
        if is_ambiguous(raw):
            name: str | None = None
            if currency is None:
                u = self._g.unit.match(text, end)
                if u is not None and u.group("sym"):
                    currency = self._g.symbols[u.group("sym")]
                elif u is not None and (u.group("name") or u.group("gated")):
                    name = u.group("name") or u.group("gated")
                    currency = self._g.names[norm(name)]
            if scale_word is None and name is None:
                nxt = NEXT_WORD.match(text, end)
                name = nxt.group(1) if nxt else None
            mark = self._decimal_mark(lang, scale_word or name, currency, scaled)
        return parse_digits(raw, mark)

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


def _after_figure(text: str, pos: int) -> bool:
    """Whether a digit or percent sign ends just before the spaces at ``pos`` (5 -10)."""
    i = pos
    while i > 0 and text[i - 1] in SPACES:
        i -= 1
    return i > 0 and (text[i - 1].isdigit() or text[i - 1] == "%")
