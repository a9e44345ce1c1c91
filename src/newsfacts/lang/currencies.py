"""Every currency a language writes: CLDR's (through ``babel``) under the project's own data.

CLDR gives each ISO 4217 currency in use its localised names (``Ringgit Malaysia``, ``đô la
Singapore``, ``US dollars``) and symbols (``S$``, ``₩``, ``Rs``) in Malay, Vietnamese,
Indonesian and English; ``lang/<code>/currencies.yaml`` adds only what CLDR lacks (``RM``,
``VNĐ``, the bare ``ringgit`` or ``won`` news prints) and wins where both give a word. Three
rules keep CLDR's words from costing precision (README "figures"):

- only the currencies some territory uses today: historic codes (``ESP``, ``DEM``) are
  acronyms in news far more often than money;
- a code that spells a word or a common acronym (``_not_codes`` of ``lang/_base``: ``TOP``,
  ``ALL``, ``RON`` of ``RON95`` petrol) is no currency code;
- a symbol of one or two ASCII letters (``R``, ``K``, ``Br``) is kept only when the project's
  data lists it (``RM``, ``Rp``), and a name or symbol CLDR gives two currencies is dropped.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from functools import cache
from typing import Any

from newsfacts.lang import loader

# babel's locale for each of our languages
_LOCALES = {"ms": "ms", "vi": "vi", "en": "en", "id": "id"}
# The day "in use today" is judged on: fixed, so that the data does not change with the clock.
_IN_USE_ON = datetime.date(2026, 1, 1)

Entry = dict[str, Any]


def entries(code: str) -> Iterator[tuple[str, Entry]]:
    """(ISO code, {"symbols", "names", "minor", "gated"}) for every currency of ``code``."""
    yield from table(code).items()


@cache
def table(code: str) -> dict[str, Entry]:
    """The currencies of language ``code``: CLDR's, with the project's data over them."""
    own = loader.load(code, "currencies")
    merged: dict[str, Entry] = {iso: dict(e) for iso, e in _cldr(code).items()}
    for iso, entry in own.items():
        if iso.startswith("_"):
            continue
        mine = merged.setdefault(iso, {})
        for key, value in entry.items():
            mine[key] = value if key == "minor" else [*value, *mine.get(key, [])]
    return merged


def not_codes() -> frozenset[str]:
    """The ISO codes that are words or acronyms in news, never read as a currency code."""
    base = loader.own(loader.BASE, "currencies") or {}
    return frozenset(base.get("_not_codes", []))


@cache
def _cldr(code: str) -> dict[str, Entry]:
    from babel import Locale
    from babel.core import get_global
    from babel.numbers import get_currency_name, get_territory_currencies

    in_use: set[str] = set()
    for territory in get_global("territory_currencies"):
        in_use.update(get_territory_currencies(territory, start_date=_IN_USE_ON, tender=True))
    listed = _listed_words()
    locale = Locale.parse(_LOCALES[code])
    found: dict[str, Entry] = {}
    owners: dict[str, set[str]] = {}
    for iso in sorted(in_use):
        # the display name and the plural forms (US dollar, US dollars)
        names = {get_currency_name(iso, count, locale) for count in (None, 1, 2)}
        names.discard(iso)
        symbol = locale.currency_symbols.get(iso, iso)
        short = symbol.isascii() and symbol.isalpha() and len(symbol) <= 2
        symbols = [] if symbol == iso or (short and symbol not in listed) else [symbol]
        found[iso] = {"symbols": symbols, "names": sorted(names)}
        for word in [*names, *symbols]:
            owners.setdefault(word.casefold(), set()).add(iso)
    shared = {w for w, isos in owners.items() if len(isos) > 1}
    for entry in found.values():
        for key in ("symbols", "names"):
            entry[key] = [w for w in entry[key] if w.casefold() not in shared]
    return found


@cache
def _listed_words() -> frozenset[str]:
    """Every symbol the project's own currency data lists, in any language."""
    return frozenset(
        s
        for code in (loader.BASE, *loader.LANGUAGES)
        for iso, entry in (loader.own(code, "currencies") or {}).items()
        if not iso.startswith("_")
        for s in entry.get("symbols", [])
    )
