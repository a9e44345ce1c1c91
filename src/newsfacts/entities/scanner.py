"""The scan of one block: at each word that can start a mention (a capitalised word or a
lower-case cue), the rule that applies; :class:`~newsfacts.entities.rules.RuleEntities` lists
them in order of precedence. The readers it holds share one view of the block."""

from __future__ import annotations

import itertools
import operator

from newsfacts.entities.lexicon import HEADS, PERSON_CUES, Lexicon
from newsfacts.entities.names import NameReader, RunReader
from newsfacts.entities.persons import PersonReader
from newsfacts.entities.view import BlockView, Mention
from newsfacts.model import Block

_NAME_HEADS = frozenset({"loc_heads", "misc_heads"})


class BlockScanner:
    """Finds the mentions of one block; see :class:`RuleEntities` for the rules."""

    def __init__(self, lex: Lexicon, block: Block, vocabulary: set[str]) -> None:
        self.view = view = BlockView(lex, block, vocabulary)
        self.names = NameReader(view)
        self.runs = RunReader(view, self.names)
        self.persons = PersonReader(view, self.names)

    def scan(self) -> list[Mention]:
        # Only a capitalised word or a lower-case cue can start anything (see
        # ``Lexicon.lowercase_starts``); at any other word :meth:`_step` moves on by one.
        v = self.view
        starts = v.lex.lowercase_starts
        i = 0
        for k in itertools.compress(
            range(v.n), map(operator.or_, v.caps, map(starts.__contains__, v.lows))
        ):
            if k >= i:
                i = self._step(k)
        return v.out

    def _step(self, i: int) -> int:
        v, names = self.view, self.names
        if not v.words[i][0].isalpha():
            return i + 1
        lex = v.lex
        name = v.name_word(i)
        if name:
            if names.bracketed_acronym(i):
                v.emit(i, i + 1, "ORG", 3)
                return i + 1
            place = v.gaz.match(v.lows, i, v.n)
            # a place of two words or more, unless the name goes on (but ``Nhật Bản Phạm
            # Quang Hiệu``: a family name starts a person's name after it)
            if place >= 2 and (not v.name_word(i + place) or v.lows[i + place] in lex.name_starts):
                v.emit(i, i + place, "LOC", 3)
                return i + place
        phrase = lex.phrase_at(v.lows, v.caps, i)
        if phrase is not None:
            after = i + len(phrase.tokens)
            kinds = phrase.kinds
            if v.caps[i] and "portfolios" in kinds and (role := v.phrase(after, "roles")):
                # ``Health Secretary``
                return self.persons.person_cue(i, after + len(role.tokens), role)
            if (
                v.caps[i]
                and "nationalities" in kinds
                and not (v.name_word(after) and not v.titled(after))
            ):
                v.emit(i, after, "MISC", 3)  # ``Chinese``, but ``Chinese Communist Party``
                return after
            if "organisations" in kinds and v.caps[i]:
                end = names.org_end(after, coordinate=False, complete=True)  # ``Labour Party``
                v.emit(i, end, "ORG", 3)
                return end
            if not kinds.isdisjoint(PERSON_CUES):
                return self.persons.person_cue(i, after, phrase)
            if "org_heads" in kinds and v.caps[i]:
                end = names.org_end(after)
                if end > after or v.acronym(i):
                    v.emit(i, end, "ORG", 3)
                    return end
            if "loc_cues" in kinds and names.place_cue(i):
                return names.place_after(after)
            if not kinds.isdisjoint(_NAME_HEADS) and v.caps[i]:
                end = names.org_end(after)
                if end > after:
                    v.emit(i, end, "LOC" if "loc_heads" in kinds else "MISC", 3)
                    return end
            if ("not_names" in kinds and v.caps[i]) or not kinds.isdisjoint(HEADS):
                return after  # not a name, or a head word with no name after it
        if name:
            return self.runs.plain_run(i, names.run_end(i))
        return i + 1
