"""Numbers written in words (lima belas, hai mươi mốt) and vague amounts (puluhan ribu),
with the scale words after them."""

from __future__ import annotations

import re
from decimal import Decimal

from newsfacts.figures.grammar import Grammar
from newsfacts.figures.nouns import counted_by_classifier, next_words
from newsfacts.figures.pieces import NumberCore, Piece, piece
from newsfacts.numbers import Lexicon, parse_words

_TOKEN = re.compile(r"[^\s-]+")
_ONE = Decimal(1)


class WordReader:
    """Reads every number written in words of a text into a piece."""

    def __init__(self, g: Grammar, lex: Lexicon) -> None:
        self._g = g
        self._lex = lex

    def pieces(self, text: str) -> list[Piece]:
        """The pieces of ``text`` read from number words, in order."""
        return [p for m in self._g.words.finditer(text) if (p := self._piece(text, m))]

    def _piece(self, text: str, m: re.Match[str]) -> Piece | None:
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
            parsed = parse_words(lowered)
            if parsed is None:
                return None
            value, used = parsed.value, parsed.used
        end = m.start() + tokens[used - 1][1]
        if used == 1 and not vague and value < 10 and not self._worth_reading(text, m.start(), end):
            return None  # a lone small number word (one, hai, năm) is rarely a figure
        if used == 1 and not vague and lex.roles[lowered[0]][0] == "hundreds":
            return None  # the trăm of phần trăm
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
        core = NumberCore(
            start=m.start(),
            end=end,
            value=value,
            scale=scale,
            scaled=scaled,
            words=used,
            vague=vague,
        )
        return piece(self._g, text, core)

    def _worth_reading(self, text: str, start: int, end: int) -> bool:
        """Around one number word: a scale, unit or counting word must follow, or a sign
        stand before it (minus lima)."""
        if self._g.scale_or_unit.match(text, end):
            return True
        if counted_by_classifier(self._g, next_words(self._g, text, end)):
            return True
        g = self._g
        if start < 2 or text[start - 3 : start - 1] not in g.before_tails:
            return False  # no negative word (minus, âm) can end before the space
        return g.signed.search(text, max(0, start - 12), start) is not None
