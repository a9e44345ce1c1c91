"""The figures stage: :class:`FigureScanner` reads the numbers of a block (digits and number
words) into pieces and assembles the pieces into figures (see the package docstring)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsfacts.figures.assembly import (
    Figure,
    compound_figure,
    dashed,
    distinct_money,
    joins,
    range_figure,
    single_figure,
)
from newsfacts.figures.digits import DigitReader
from newsfacts.figures.grammar import grammar
from newsfacts.figures.number_words import WordReader
from newsfacts.lang import policy
from newsfacts.model import Block, Context, Fact
from newsfacts.numbers import lexicon


class FigureScanner:
    """Finds ``money``, ``percent`` and ``quantity`` facts in a block."""

    name = "newsfacts.figures/1"

    def __init__(self) -> None:
        self._g = grammar()
        lex = lexicon()
        self._digits = DigitReader(self._g, lex)
        self._words = WordReader(self._g, lex)

    def scan(self, ctx: Context, block: Block) -> Iterable[Fact]:
        lang = policy.labelled_language(block.lang, ctx.lang)
        for kind, start, end, value, confidence in self.figures(block.text, lang):
            yield ctx.fact(
                kind,
                block.start + start,
                block.start + end,
                value,
                lang=lang,
                block=block.i,
                extractor=f"newsfacts.{kind}/1",
                confidence=confidence,
            )

    def figures(self, text: str, lang: str | None = None) -> Iterator[Figure]:
        """(kind, start, end, value, confidence) for every figure of ``text``, in order."""
        g = self._g
        pieces = self._digits.pieces(text, lang)
        worded = self._words.pieces(text)
        if worded:
            merged = sorted([*pieces, *worded], key=lambda p: p.core_start)
            pieces = [
                p for i, p in enumerate(merged) if i == 0 or p.core_start >= merged[i - 1].end
            ]
        i = 0
        while i < len(pieces):
            a = pieces[i]
            b = pieces[i + 1] if i + 1 < len(pieces) else None
            figure: Figure | None = None
            if b is not None and b.minor:
                figure = compound_figure(g, text, a, b)
            if figure is not None:
                i += 2
            elif b is not None and joins(g, text, a, b) and not distinct_money(text, a, b):
                figure = range_figure(g, text, a, b)
                if figure is None and not dashed(text, a, b):
                    figure = single_figure(g, text, a)  # dari 50 persen sampai satu: a fall
                    i += 1
                else:
                    i += 2
            else:
                figure = single_figure(g, text, a)
                i += 1
            if figure is not None:
                yield figure
