"""One language's entity cue words (``lang/<code>/entities.yaml``), ready for matching."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsfacts.lang import loader
from newsfacts.model import EntityLabel
from newsfacts.text.tokens import fold, tokenize

# Cue kinds that begin a name of their own kind, and those that announce a person.
HEADS = ("org_heads", "loc_heads", "misc_heads")
PERSON_CUES = frozenset({"honorifics", "roles", "credits"})
# Cue kinds that act where the cue is written in lower case (the others need a capital).
_LOWERCASE_CUES = frozenset({"loc_cues", *PERSON_CUES, *HEADS})


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """A phrase of the data as the lower-case tokens it matches."""
    return tuple(t[2].lower() for t in tokenize(phrase))


@dataclass(frozen=True, slots=True)
class Phrase:
    """A cue phrase of the data, with every kind it is listed under."""

    tokens: tuple[str, ...]
    kinds: frozenset[str]
    # A phrase written capitalised in the data only matches capitalised text (``Bank``, not
    # ``bank``); one written in lower case matches either (``ông``, ``wilayah``).
    capital: bool


@dataclass(frozen=True, slots=True)
class Lexicon:
    """One language's cue words, ready for matching."""

    code: str
    phrases: dict[str, tuple[Phrase, ...]]
    person_connectors: frozenset[str]
    # endings a phrase's last word may carry and stay that phrase (``Eksekutifnya``)
    enclitics: tuple[str, ...]
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
    # folded words of a company's legal form (``sdn bhd``, ``cong ty co phan``), longest first
    legal_forms: tuple[tuple[str, ...], ...]
    # first words of the cues that act on a lower-case word (``wilayah``, ``ông``): with the
    # capitalised words, the only places a mention can start
    lowercase_starts: frozenset[str]
    unknown_multi: EntityLabel | None
    unknown_single: EntityLabel | None
    lowercase_evidence: bool
    org_lowercase_syllables: int

    def phrase_at(self, lows: Sequence[str], caps: Sequence[bool], i: int) -> Phrase | None:
        """The longest cue phrase starting at token ``i``."""
        for phrase in self.phrases.get(lows[i], ()):
            n = len(phrase.tokens)
            words = tuple(lows[i : i + n])
            if (words == phrase.tokens or self._with_enclitic(words, phrase.tokens)) and (
                caps[i] or not phrase.capital
            ):
                return phrase
        return None

    def is_phrase(self, words: Sequence[str], kind: str) -> bool:
        """Whether ``words`` (as written) are one whole phrase of ``kind`` (``org_heads``)."""
        phrase = (
            self.phrase_at([w.lower() for w in words], [True] * len(words), 0) if words else None
        )
        return phrase is not None and len(phrase.tokens) == len(words) and kind in phrase.kinds

    def _with_enclitic(self, words: tuple[str, ...], tokens: tuple[str, ...]) -> bool:
        """``ketua pegawai eksekutifnya`` for ``ketua pegawai eksekutif``."""
        return (
            len(words) == len(tokens) > 1
            and words[:-1] == tokens[:-1]
            and any(words[-1] == tokens[-1] + e for e in self.enclitics)
        )


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
            tokens = phrase_tokens(phrase)
            kinds, capital = table.setdefault(tokens, (set(), True))
            kinds.add(kind)
            table[tokens] = (kinds, capital and phrase[:1].isupper())
    phrases: dict[str, list[Phrase]] = {}
    for tokens, (kinds, capital) in table.items():
        phrases.setdefault(tokens[0], []).append(Phrase(tokens, frozenset(kinds), capital))
    verbs: dict[str, list[tuple[str, ...]]] = {}
    for verb in data.get("speech_verbs", ()):
        tokens = phrase_tokens(verb)
        verbs.setdefault(tokens[0], []).append(tokens)
    settings = data["_settings"]
    suffixes = frozenset(w.lower() for w in data.get("org_suffixes", ()))
    return Lexicon(
        code=code,
        phrases={k: tuple(sorted(v, key=lambda p: -len(p.tokens))) for k, v in phrases.items()},
        person_connectors=frozenset(w.lower() for w in data.get("person_connectors", ())),
        enclitics=tuple(w.lower() for w in data.get("enclitics", ())),
        org_connectors=frozenset(w.lower() for w in data.get("org_connectors", ())),
        coordinators=frozenset(w.lower() for w in data.get("coordinators", ())),
        org_suffixes=suffixes,
        org_words=suffixes | {w.lower() for w in data["org_heads"] if " " not in w},
        stop_words=frozenset(w.lower() for w in data.get("stop_words", ())),
        name_starts=frozenset(
            w.lower() for w in (*data.get("surnames", ()), *data.get("given_names", ()))
        ),
        speech_verbs={k: tuple(v) for k, v in verbs.items()},
        organisations=frozenset(phrase_tokens(o) for o in data.get("organisations", ())),
        abbreviations={
            k.lower(): tuple(fold(t) for t in phrase_tokens(v))
            for k, v in data.get("abbreviations", {}).items()
        },
        legal_forms=tuple(
            sorted(
                {
                    tuple(fold(t) for t in phrase_tokens(f) if t[0].isalnum())
                    for f in data.get("legal_forms", ())
                },
                key=len,
                reverse=True,
            )
        ),
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
