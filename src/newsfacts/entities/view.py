"""A block as the entity rules read it: its tokens in columns, their case, sentence starts,
cue look-ups, and the mentions found in it so far."""

from __future__ import annotations

import operator
from dataclasses import dataclass

from newsfacts.entities.gazetteer import gazetteer
from newsfacts.entities.lexicon import Lexicon, Phrase
from newsfacts.model import Block, EntityLabel
from newsfacts.text.tokens import fold_token, token_columns

# Punctuation after which the next word starts a sentence (capitalised whatever it is).
_SENTENCE_OPENERS = frozenset(".!?…:;\"“”‘’'«»()[]–—-•|*")
_GLUE = frozenset("/0123456789@_#")
# ``$`` right after letters makes them a currency sign (``US$3``, ``S$``, ``HK$``), not a place.
_GLUE_AFTER = frozenset("@_0123456789$")
_FIRST = operator.itemgetter(0)


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
    aliases: tuple[str, ...] = ()  # every spelling of its entity in the document


class BlockView:
    """One block's tokens and what the rules ask of each; the readers share one view."""

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
        # every word of the document, complete before the first scan: see
        # :meth:`newsfacts.entities.names.RunReader.common`
        self.vocabulary = vocabulary
        capitalised = sum(self.caps)
        wordish = sum(map(str.isalpha, firsts))
        # A headline in title case or capitals says nothing by its capitals.
        self.shouting = wordish >= 4 and capitalised > 0.6 * wordish
        self.out: list[Mention] = []

    def name_word(self, k: int) -> bool:
        if k >= self.n or not self.caps[k] or not self.words[k][0].isalpha():
            return False
        # Letters glued to a code or an address (``28/2022/ND-CP``, ``Vietnam.vn``) are no name.
        start, end = self.starts[k], self.ends[k]
        return not (
            (start > 0 and self.text[start - 1] in _GLUE) or self.text[end : end + 1] in _GLUE_AFTER
        )

    def sentence_start(self, i: int) -> bool:
        return i == 0 or self.words[i - 1] in _SENTENCE_OPENERS

    def phrase(self, k: int, *kinds: str) -> Phrase | None:
        if k >= self.n or self.lows[k] not in self.lex.phrases:
            return None
        phrase = self.lex.phrase_at(self.lows, self.caps, k)
        if phrase is None or not phrase.kinds.intersection(kinds):
            return None
        return phrase

    def titled(self, k: int) -> bool:
        return self.phrase(k, "honorifics", "roles") is not None

    def acronym(self, k: int) -> bool:
        word = self.words[k]
        return 2 <= len(word) <= 7 and word.isupper() and word.isalpha()

    def emit(
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
