"""From pieces to figures: two pieces joined into a range, or one piece as a figure, with the
counted noun a quantity takes as its unit."""

from __future__ import annotations

from decimal import Decimal

from newsfacts.figures.grammar import DASHES, Grammar, Kind
from newsfacts.figures.nouns import counted_by_classifier, next_words, noun
from newsfacts.figures.pieces import Piece
from newsfacts.model import Number
from newsfacts.text.tokens import norm

Figure = tuple[Kind, int, int, Number, float]

_THOUSAND = Decimal(1000)


def dashed(text: str, a: Piece, b: Piece) -> bool:
    """Whether only a dash stands between ``a`` and ``b`` (RM2-3 juta, 5 – 7%)."""
    return text[a.end : b.core_start].strip() in DASHES


def joins(g: Grammar, text: str, a: Piece, b: Piece) -> bool:
    """Whether ``a`` and the next piece ``b`` are the two ends of one range. A dash joins
    after any opener (from $2-3 million, từ 5-7 tỷ đồng); after a change opener a word
    does not (from 5% to 6% is a change)."""
    if a.vague or b.vague or (a.words and a.value < 1) or (b.words and b.value < 1):
        return False  # nor a fraction in words (two thirds - 65%)
    if a.opener is None and a.change and not dashed(text, a, b):
        return False
    if a.unit and b.unit and a.unit != b.unit:
        return False
    if a.kind != "quantity" and b.kind != "quantity" and a.kind != b.kind:
        return False
    between = text[a.end : b.core_start]
    if len(between.split(None, g.join_words)) > g.join_words:
        return False  # longer than any range word: no need to normalise a long gap
    between = norm(between)
    if a.opener is not None:
        return between in g.openers[a.opener] or between in DASHES
    return between in g.joiners


def _marks(text: str) -> str:
    """The letters of a money piece (its currency and scale words), in lower case."""
    return "".join(ch for ch in text if ch.isalpha()).lower()


def distinct_money(text: str, a: Piece, b: Piece) -> bool:
    """Two amounts each with its own, different currency words (``rose by 20 sen to
    RM2.05``): a change and where it ended, never a range."""
    first, second = _marks(text[a.start : a.end]), _marks(text[b.start : b.end])
    if not (a.kind == b.kind == "money" and first and second):
        return False
    # ``RM2 to RM3 million``: one currency, the scale word written once
    return not (first.startswith(second) or second.startswith(first))


def compound_figure(g: Grammar, text: str, a: Piece, b: Piece) -> Figure | None:
    """``a`` completed by the minor units ``b`` after it (42 ringgit 50 sen, US$3 and
    fourteen cents) as one amount; None when ``b`` does not complete ``a``. The amount's
    currency decides: a minor-unit word names one currency in the data, but ``3 dolar dan
    25 sen`` are cents of the dollar."""
    if not (b.minor and a.kind == "money" and not a.minor):
        return None
    if a.vague or a.value != a.value.to_integral_value() or not 0 < b.value < 1:
        return None
    between = norm(text[a.end : b.core_start])
    if between and between not in g.amount_joiners:
        return None
    value = Number(amount=a.value + b.value, unit=a.unit, qualifier=a.qualifier)
    return "money", a.start, b.end, value, 0.95


def range_figure(g: Grammar, text: str, a: Piece, b: Piece) -> Figure | None:
    """The range from ``a`` to ``b``; None when it is no range (2-1, 12-14, a span of
    years, a fall from 50% to 1%)."""
    kind = a.kind if a.kind != "quantity" else b.kind
    unit = a.unit or b.unit
    low, high = a.value, b.value
    if not a.scaled and b.scaled:
        low = a.value * b.scale
    elif not (a.scaled or b.scaled) and _thousands_shared(text, a, b):
        low = a.value * _THOUSAND
    end = b.end
    by_dash = dashed(text, a, b)
    if kind == "quantity":
        unit, end = noun(g, next_words(g, text, b.end), b.end, False)
        bare = a.opener is None and not a.change
        if unit is None and (a.year_like or b.year_like):
            return None  # 2021-2025, dari 2019 hingga 2022: years
        if by_dash and bare and unit is None and not (a.scaled or b.scaled):
            return None  # 2-1, 12-14: scores and codes, not counts
    if low >= high:
        return None
    # the opener is part of the range when its closing word joins the two ends
    start = a.start if by_dash else min(a.start, a.opener_start)
    return kind, start, end, Number(min=low, max=high, unit=unit, qualifier=a.qualifier), 0.9


def _thousands_shared(text: str, a: Piece, b: Piece) -> bool:
    """``$50-100,000``, ``từ 120-180.000 đồng``: the thousands written once, on the upper
    end; the lower end in plain digits of the same order of magnitude once multiplied."""
    if not (a.value == a.value.to_integral_value() and 1 <= a.value < 1000):
        return False
    if b.value % _THOUSAND or not a.value * _THOUSAND <= b.value < a.value * _THOUSAND * 10:
        return False
    plain = not any(c in ".," for c in text[a.core_start : a.end])
    return plain and any(c in ".," for c in text[b.core_start : b.end])


def single_figure(g: Grammar, text: str, p: Piece) -> Figure | None:
    """The figure of one piece; None when it stands for no figure (a year, Komen (0))."""
    end = p.end
    unit = p.unit
    if p.kind == "quantity":
        found = next_words(g, text, p.end)
        unit, end = noun(g, found, p.end, p.vague)
        if p.in_parens and unit is None:
            return None  # Komen (0)
        small_word = p.words == 1 and not p.scaled and 0 < p.value < 10  # minus lima counts
        if (p.year_like or small_word) and not (
            unit is not None and counted_by_classifier(g, found)
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
