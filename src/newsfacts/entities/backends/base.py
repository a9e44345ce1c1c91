"""What the optional statistical entity backends share, and how they merge with the rules.

Each backend finds labelled spans in a block's text; the rules' key linker then gives every
mention its key, so a backend only has to be good at spans and labels. Models are never
downloaded: the transformers backend loads a local directory with ``local_files_only=True``,
the spaCy backend an installed pipeline or a path, and underthesea its bundled model.

Merge policy (:class:`MergedEntities`): a statistical span wins where it overlaps a rule
span (its span and label are kept, the rule span dropped); a rule span that overlaps no
statistical span is kept. Keys are then assigned over the union, so a statistical mention
and a rule mention of the same name share a key, and the rules' links (diacritics,
partial names, caption translations) apply to both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsfacts.entities import (
    Mention,
    RuleEntities,
    assign_keys,
    block_language,
    find_mentions,
    to_facts,
)
from newsfacts.model import Block, Context, EntityLabel, Fact
from newsfacts.settings import DEFAULTS, Settings
from newsfacts.text.intervals import Intervals
from newsfacts.text.tokens import fold_token, tokenize

# What other tag sets call our four labels; anything else named is MISC, numbers and dates
# (spaCy's DATE, MONEY, CARDINAL...) are not entities here.
_LABELS: dict[str, EntityLabel | None] = {
    "PER": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "ORGANIZATION": "ORG",
    "ORGANISATION": "ORG",
    "LOC": "LOC",
    "LOCATION": "LOC",
    "GPE": "LOC",
    "FAC": "LOC",
    "MISC": "MISC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}
_NOT_ENTITIES = frozenset(
    {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "O", ""}
)
_BIO = re.compile(r"^[BIESLU][-_]")

Span = tuple[int, int, EntityLabel, float]


def map_label(tag: str) -> EntityLabel | None:
    """Our label for a model's tag (``B-PER``, ``I-ORGANIZATION``, ``GPE``), or None."""
    bare = _BIO.sub("", tag).upper()
    if bare in _NOT_ENTITIES:
        return None
    return _LABELS.get(bare, "MISC")


class StatisticalBackend:
    """Runs :meth:`spans` on every non-boilerplate block; subclasses find the spans."""

    name = "newsfacts.entities.statistical/1"
    # a subclass given settings sets its own (see :func:`use_settings`)
    min_block_score = DEFAULTS.entities.min_block_score

    def use_settings(self, settings: Settings) -> None:
        """Read the thresholds that apply to every statistical backend."""
        self.min_block_score = settings.entities.min_block_score

    def spans(self, text: str, lang: str) -> list[Span]:
        raise NotImplementedError

    def mentions(self, ctx: Context, blocks: Sequence[Block]) -> list[Mention]:
        found: list[Mention] = []
        for block in blocks:
            if block.kind == "boilerplate":
                continue
            lang = block_language(ctx, block, self.min_block_score)
            for start, end, label, _score in self.spans(block.text, lang):
                mention = to_mention(block, lang, start, end, label)
                if mention is not None:
                    found.append(mention)
        return found

    def entities(self, ctx: Context, blocks: Sequence[Block]) -> list[Fact]:
        return to_facts(ctx, assign_keys(ctx.text, blocks, self.mentions(ctx, blocks)), self.name)


def to_mention(block: Block, lang: str, start: int, end: int, label: EntityLabel) -> Mention | None:
    """The mention of a statistical span (block offsets); None when it holds no word."""
    tokens = tuple(fold_token(t[2]) for t in tokenize(block.text[start:end]) if t[2][0].isalnum())
    if not tokens:
        return None
    return Mention(
        start=block.start + start,
        end=block.start + end,
        block=block.i,
        lang=lang,
        label=label,
        strength=2,
        tokens=tokens,
    )


def merge(rules: list[Mention], statistical: list[Mention]) -> list[Mention]:
    """Statistical mentions, plus the rule mentions that overlap none of them."""
    taken = Intervals((m.start, m.end) for m in statistical)
    kept = list(statistical)
    kept += (m for m in rules if not taken.overlaps(m.start, m.end))
    return sorted(kept, key=lambda m: (m.start, m.end))


class MergedEntities:
    """The rules and one statistical backend, merged by the policy in the module docstring."""

    def __init__(self, statistical: StatisticalBackend, rules: RuleEntities | None = None) -> None:
        self.statistical = statistical
        self.rules = rules or RuleEntities()
        self.name = f"{self.rules.name}+{statistical.name}"

    def entities(self, ctx: Context, blocks: Sequence[Block]) -> list[Fact]:
        rules = find_mentions(ctx, blocks, self.rules.min_block_score)
        mentions = merge(rules, self.statistical.mentions(ctx, blocks))
        return to_facts(ctx, assign_keys(ctx.text, blocks, mentions), self.name)


def missing_extra(extra: str, package: str) -> ImportError:
    """The error for an optional backend whose extra is not installed, saying how to add it."""
    return ImportError(f"{package} is not installed: pip install 'newsfacts[{extra}]'")
