"""Numbers written in words (lima belas, hai mươi mốt, twenty-one), read with the merged
number words of every language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from newsfacts.numbers.lexicon import Role, lexicon


@dataclass(frozen=True, slots=True)
class WordNumber:
    """A number read from words: its value and how many of the tokens it used."""

    value: Decimal
    used: int


def parse_words(tokens: Sequence[str]) -> WordNumber | None:
    """Reads the longest number at the start of ``tokens`` (lima belas, hai mươi mốt,
    sepuluh juta empat ratus ribu, mười triệu rưỡi, twenty-one split as two tokens).

    The grammar is the one these languages share: units, optionally multiplied by a tens word
    (or followed by a teens word), grouped under a hundreds word, groups multiplied by scale
    words, scale words multiplying each other when adjacent (nghìn tỷ). A token that cannot
    continue the number ends it; the number is what was read before. A decimal word reads
    the digit words after it as decimals (satu perpuluhan lima, five point two million), a
    denominator divides (two thirds, một phần ba); both end the number.
    """
    return _parse_words(tuple(tokens))


# News text repeats the same few number words (một, dua, one), so the readings are kept.
@lru_cache(maxsize=4096)
def _parse_words(tokens: tuple[str, ...]) -> WordNumber | None:
    lex = lexicon()
    roles = lex.roles
    total = group = small = Decimal(0)
    last_unit = Decimal(0)
    last_scale = Decimal(0)
    prev: Role | None = None
    after_filler = False
    used = 0
    for i, token in enumerate(tokens):
        found = roles.get(token.casefold())
        if found is None:
            break
        role, value = found
        if role == "filler":
            if prev not in ("hundreds", "scale", "tens"):
                break
            after_filler = True
            continue
        if role in ("decimal", "denominator", "over"):
            if prev in (None, "scale", "half", "fraction"):
                break
            whole = total + group + small
            ending = _ending(tokens, i, role, whole, value) if whole or prev == "zero" else None
            if ending is not None:
                return ending
            break
        if role == "zero":
            if prev not in (None, "scale"):
                break
            prev, used = role, i + 1
            continue
        if prev == "zero" and role != "hundreds":
            break  # không một ai: "not a single one"; zero only before a hundreds word
        if role == "hundreds" and prev is None:
            small = Decimal(1)  # trăm mười ba: a bare hundreds word is one hundred
        if role == "unit" and value >= 100:
            # seratus, seribu, sejuta: "one hundred", "one thousand" in a single word
            if prev in ("unit", "after_tens", "teens", "tens", "fraction"):
                break
            small, role = Decimal(1), ("hundreds" if value < 1000 else "scale")
        if role in ("unit", "fraction"):
            after_tens_word = (prev == "tens" or (prev == "unit" and last_unit % 10 == 0)) and (
                token.casefold() not in lex.not_after_tens
            )
            fraction_after_unit = role == "fraction" and prev == "unit"
            if prev in ("unit", "after_tens", "teens", "tens", "fraction") and not (
                (after_tens_word and value < 10) or fraction_after_unit
            ):
                break
            small += value
            last_unit = value
        elif role == "after_tens":
            if prev == "unit" and 2 <= last_unit <= 9 and not after_filler:
                small += last_unit * 9 + value  # ba mốt, hai lăm: the unit is the tens
            elif (
                prev == "tens"
                or (prev == "unit" and last_unit == 10)
                or (prev == "hundreds" and after_filler)  # ba trăm linh tư
            ):
                small += value
            else:
                break
        elif role in ("tens", "teens"):
            if prev != "unit" or not 1 <= last_unit <= 9:
                break
            small += last_unit * (value - 1) if role == "tens" else value
        elif role == "hundreds":
            if prev == "zero":
                pass  # không trăm linh một: no hundreds
            elif prev not in ("unit", "teens", None, "scale") or not 0 < small < 100:
                break
            group += small * value
            small = Decimal(0)
        elif role == "scale":
            part = group + small
            if part == 0:
                if prev != "scale" or value <= last_scale:
                    break
                total *= value
            elif last_scale and value > last_scale:
                total = (total + part) * value
            else:
                total += part * value
            group = small = Decimal(0)
            last_scale = value
        elif role == "half":
            if prev == "scale":
                total += last_scale / 2
            elif prev == "hundreds":
                group += 50
            else:
                break
        if role != "hundreds":
            after_filler = False
        prev = role
        used = i + 1
    if used == 0:
        return None
    value = total + group + small
    return WordNumber(value, used) if value else None


# A fraction that does not end (two thirds) is given to this many places.
_PLACES = Decimal("0.0001")


def _ending(
    tokens: tuple[str, ...], i: int, role: Role, whole: Decimal, divisor: Decimal
) -> WordNumber | None:
    """The number ``whole`` read so far, ended by the decimal word, denominator or over word
    at ``i``; None when what follows does not make one (a decimal word without digits)."""
    if role == "denominator":
        if not 1 <= whole < 10:
            return None
        return WordNumber(_divided(whole, divisor), i + 1)
    digits = _digit_words(tokens, i + 1)
    if not digits:
        return None
    if role == "over":  # một phần ba: one over three, the denominator a single word
        low = digits[0]
        if not 1 <= whole < 10 or low < 2:
            return None
        return WordNumber(_divided(whole, Decimal(low)), i + 2)
    value = whole + Decimal("0." + "".join(str(d) for d in digits))
    used = i + 1 + len(digits)
    scales = lexicon().scales
    while used < len(tokens) and tokens[used].casefold() in scales:
        value *= scales[tokens[used].casefold()]  # five point two million, phẩy năm nghìn tỷ
        used += 1
    return WordNumber(value, used)


def _divided(whole: Decimal, divisor: Decimal) -> Decimal:
    return (whole / divisor).quantize(_PLACES).normalize()


def _digit_words(tokens: tuple[str, ...], start: int) -> list[int]:
    """The digits read one word each from ``start`` (perpuluhan lima, phẩy tư, nol satu)."""
    roles = lexicon().roles
    found: list[int] = []
    for token in tokens[start : start + 12]:
        found_role = roles.get(token.casefold())
        if found_role is None or found_role[0] not in ("unit", "zero", "after_tens"):
            break
        if found_role[1] >= 10:
            break
        found.append(int(found_role[1]))
    return found
