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
    continue the number ends it; the number is what was read before.
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
    used = 0
    for i, token in enumerate(tokens):
        found = roles.get(token.casefold())
        if found is None:
            break
        role, value = found
        if role == "filler":
            if prev not in ("hundreds", "scale", "tens"):
                break
            continue
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
            if not (prev == "tens" or (prev == "unit" and last_unit == 10)):
                break
            small += value
        elif role in ("tens", "teens"):
            if prev != "unit" or not 1 <= last_unit <= 9:
                break
            small += last_unit * (value - 1) if role == "tens" else value
        elif role == "hundreds":
            if prev not in ("unit", "teens", None, "scale") or not 0 < small < 100:
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
        prev = role
        used = i + 1
    if used == 0:
        return None
    value = total + group + small
    return WordNumber(value, used) if value else None
