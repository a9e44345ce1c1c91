"""One number with what was read around it: the unit after it (percent, currency, minor
unit) and what stands before it (qualifier, range or change opener, sign, blocking word)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from newsfacts.figures.grammar import PERCENT_UNITS, Grammar, Kind
from newsfacts.model import Qualifier
from newsfacts.text.patterns import SPACES
from newsfacts.text.tokens import norm

_LOOK_BACK = 48
_GATED_FROM = Decimal(100)


@dataclass(slots=True)
class Piece:
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
    minor: bool  # its unit is a minor unit (50 sen): it may complete the amount before it


# Not frozen: one is made for every number, and a frozen dataclass's __init__ (an
# object.__setattr__ call per field) makes the whole scan about 6% slower.
@dataclass(slots=True)
class NumberCore:
    """A number as read from digits or words, with its currency symbol and scale words;
    ``value`` is before ``scale`` (a vague amount keeps both apart in the piece too)."""

    start: int
    end: int
    value: Decimal
    scale: Decimal
    scaled: bool
    currency: str | None = None
    # whether a blocking word before it makes it no figure (digits without a currency symbol)
    blockable: bool = False
    year_like: bool = False
    words: int = 0  # how many number words it is made of (0 for digits)
    vague: bool = False


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


def piece(g: Grammar, text: str, core: NumberCore) -> Piece | None:
    """Reads the unit after the number and the qualifier before it."""
    kind: Kind = "money" if core.currency else "quantity"
    unit = core.currency
    end = core.end
    scale = core.scale
    minor = False
    if unit is None:
        u = g.unit.match(text, end)
        if u is not None:
            found = u.lastgroup
            assert found is not None  # each branch of the unit pattern is a group
            if found in PERCENT_UNITS:
                kind, unit = "percent", PERCENT_UNITS[found]
            elif found == "sym":
                kind, unit = "money", g.symbols[u[found]]
            elif found == "name" or (
                # a name that is also a word: only after an amount of 100 or more (15,000
                # won, one trillion won), never after a small number (the two won, 5 won it)
                found == "gated" and core.value * core.scale >= _GATED_FROM
            ):
                kind, unit = "money", g.names[norm(u[found])]
            elif found == "minor" and not core.scaled:  # 50 sen, not 5 juta sen
                unit, scale = g.minor[norm(u[found])]
                kind, minor = "money", True
            if kind != "quantity":
                end = u.end()
    if (
        kind == "quantity"
        and not core.scaled
        and not core.vague
        and g.blocked_after.match(text, end)
    ):
        return None  # 20 Disember, 10.30 pagi, 8 giờ, 9 a.m.
    start = core.start
    before = _look_back(g, text, start)
    if before is None:
        if core.blockable:
            return None
        before = _NOTHING_BEFORE
    value = -core.value if before.negative else core.value
    in_parens = start > 0 and text[start - 1] == "(" and text[end : end + 1] == ")"
    return Piece(
        start=start - before.back,
        core_start=start,
        end=end,
        value=value if core.vague else value * scale,
        kind=kind,
        unit=unit,
        scaled=core.scaled,
        scale=scale,
        qualifier=before.qualifier,
        opener=before.opener,
        opener_start=start - before.opener_back,
        change=before.change,
        words=core.words,
        vague=core.vague,
        year_like=core.year_like,
        in_parens=in_parens,
        minor=minor,
    )


def _look_back(g: Grammar, text: str, pos: int) -> _Before | None:
    """What stands before a number: qualifier, range opener (or change opener), sign;
    None when a word makes it an identifier or date part (No. 5, tahun 2021)."""
    # A cheap test first, for most numbers: a word that ``before`` reads must end just
    # before the number (only a blocking word may touch it) or before one space.
    if pos == 0:
        return _NOTHING_BEFORE
    last = text[pos - 1]
    if last not in SPACES:
        if last not in g.blocked_ends:
            return _NOTHING_BEFORE
    elif pos == 1 or (
        text[pos - 3 : pos - 1] not in g.before_tails
        and text[pos - 2] not in g.before_tails
        and text[pos - 2] not in SPACES
    ):
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
