"""The number engine: digits in each language's conventions, scale words and number words.

Everything a language contributes comes from ``lang/<code>/numbers.yaml``; :func:`lexicon`
merges the languages into one table, because a block's language label can be wrong and news
text mixes languages (a Malay page quoting ``1.149 tỷ đồng``). Values are exact ``Decimal``.

Digit strings (README "figures" states the rules):

- both marks present: the last one is the decimal mark (``1.234,5``, ``1,234.5``);
- one mark, several times: thousands (``12.500.000``, ``1,000,000``), every group after the
  first exactly three digits, else it is not a number (``1.2.3`` is a version);
- one mark once, not followed by exactly three digits (or after a leading ``0``): decimal
  (``3,36``, ``12.2``, ``1,5``);
- one mark once, then exactly three digits (``1.149``): ambiguous; the caller decides with
  :func:`is_ambiguous` and passes the decimal mark to :func:`parse_digits`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any, Literal

from newsfacts.lang import loader

Role = Literal[
    "unit", "after_tens", "tens", "teens", "hundreds", "scale", "fraction", "half", "filler"
]

_ROLE_KEYS: tuple[tuple[str, Role], ...] = (
    ("units", "unit"),
    ("after_tens", "after_tens"),
    ("tens", "tens"),
    ("teens", "teens"),
    ("hundreds", "hundreds"),
    ("scales", "scale"),
    ("fractions", "fraction"),
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The number words of every language, merged; keys are casefolded."""

    roles: dict[str, tuple[Role, Decimal]]
    not_after_tens: frozenset[str]
    scales: dict[str, Decimal]
    scale_abbreviations: dict[str, Decimal]
    money_abbreviations: dict[str, Decimal]
    vague: dict[str, Decimal]
    decimal_mark: dict[str, str]
    word_marks: dict[str, str]

    def mark_of_word(self, word: str) -> str | None:
        """The decimal mark of the languages using ``word``, when they all agree."""
        return self.word_marks.get(word.casefold())


def _amount(value: Any) -> Decimal:
    return Decimal(str(value))


def _record_mark(marks: dict[str, set[str]], word: str, mark: str) -> None:
    marks.setdefault(word.casefold(), set()).add(mark)


@cache
def lexicon() -> Lexicon:
    """The merged number words of all languages that ship ``numbers.yaml``."""
    roles: dict[str, tuple[Role, Decimal]] = {}
    not_after_tens: set[str] = set()
    scales: dict[str, Decimal] = {}
    scale_abbr: dict[str, Decimal] = {}
    money_abbr: dict[str, Decimal] = {}
    vague: dict[str, Decimal] = {}
    decimal_mark: dict[str, str] = {}
    marks: dict[str, set[str]] = {}
    for code in loader.available("numbers"):
        data = loader.load(code, "numbers")
        mark = data["_decimal_mark"]
        decimal_mark[code] = mark
        for key, role in _ROLE_KEYS:
            for word, value in data.get(key, {}).items():
                roles[word.casefold()] = (role, _amount(value))
        for word in data.get("half", []):
            roles[word.casefold()] = ("half", Decimal("0.5"))
        not_after_tens.update(w.casefold() for w in data.get("not_after_tens", []))
        for word in data.get("fillers", []):
            roles[word.casefold()] = ("filler", Decimal(0))
        for word, value in data["scales"].items():
            scales[word.casefold()] = _amount(value)
            _record_mark(marks, word, mark)
        for word, value in data.get("scale_abbreviations", {}).items():
            scale_abbr[word.casefold()] = _amount(value)
            _record_mark(marks, word, mark)
        for word in [*data.get("classifiers", {}), *data.get("unit_phrases", [])]:
            _record_mark(marks, word, mark)
        for word, value in data.get("money_abbreviations", {}).items():
            money_abbr[word.casefold()] = _amount(value)
        for word, value in data.get("vague", {}).items():
            vague[" ".join(word.casefold().split())] = _amount(value)
    for code in loader.available("currencies"):
        mark = decimal_mark.get(code)
        if mark is None:
            continue
        for entry in _currency_entries(loader.load(code, "currencies")):
            for name in entry.get("names", []):
                _record_mark(marks, name, mark)
    return Lexicon(
        roles=roles,
        not_after_tens=frozenset(not_after_tens),
        scales=scales,
        scale_abbreviations=scale_abbr,
        money_abbreviations=money_abbr,
        vague=vague,
        decimal_mark=decimal_mark,
        word_marks={w: next(iter(m)) for w, m in marks.items() if len(m) == 1},
    )


def _currency_entries(data: dict[str, Any]) -> Iterable[dict[str, Any]]:
    return (v for k, v in data.items() if not k.startswith("_"))


def _groups_ok(groups: Sequence[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def is_ambiguous(digits: str) -> bool:
    """True for one mark used once with exactly three digits after it (``1.149``, ``2,025``)."""
    if ("." in digits) == ("," in digits):
        return False
    mark = "." if "." in digits else ","
    head, _, tail = digits.partition(mark)
    return mark not in tail and len(tail) == 3 and 1 <= len(head) <= 3 and head[0] != "0"


def parse_digits(digits: str, decimal_mark: str = ".") -> Decimal | None:
    """The value of a digit string with ``.``/``,`` marks, or None if it is not a number.

    ``decimal_mark`` only settles the ambiguous case (see :func:`is_ambiguous`).
    """
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:
        last = max(digits.rfind("."), digits.rfind(","))
        dec, group = digits[last], ("," if digits[last] == "." else ".")
        if digits.count(dec) != 1:
            return None
        groups = digits[:last].split(group)
        if not _groups_ok(groups):
            return None
        return Decimal("".join(groups) + "." + digits[last + 1 :])
    if not (dots or commas):
        return Decimal(digits)
    mark = "." if dots else ","
    parts = digits.split(mark)
    if len(parts) > 2:
        return Decimal("".join(parts)) if _groups_ok(parts) else None
    if is_ambiguous(digits) and mark != decimal_mark:
        return Decimal(parts[0] + parts[1])
    return Decimal(parts[0] + "." + parts[1])


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
