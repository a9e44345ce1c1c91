"""Optional statistical entity backends, and how they merge with the rules.

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
from typing import Any

from newsfacts.entities.rules import (
    Mention,
    RuleEntities,
    assign_keys,
    block_language,
    find_mentions,
    to_facts,
)
from newsfacts.model import Block, Context, EntityLabel, Fact
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

    def spans(self, text: str, lang: str) -> list[Span]:
        raise NotImplementedError

    def mentions(self, ctx: Context, blocks: Sequence[Block]) -> list[Mention]:
        found: list[Mention] = []
        for block in blocks:
            if block.kind == "boilerplate":
                continue
            lang = block_language(ctx, block)
            for start, end, label, _score in self.spans(block.text, lang):
                tokens = tuple(
                    fold_token(t[2]) for t in tokenize(block.text[start:end]) if t[2][0].isalnum()
                )
                if tokens:
                    found.append(
                        Mention(
                            start=block.start + start,
                            end=block.start + end,
                            block=block.i,
                            lang=lang,
                            label=label,
                            strength=2,
                            tokens=tokens,
                        )
                    )
        return found

    def entities(self, ctx: Context, blocks: Sequence[Block]) -> list[Fact]:
        return to_facts(ctx, assign_keys(ctx.text, blocks, self.mentions(ctx, blocks)), self.name)


def merge(rules: list[Mention], statistical: list[Mention]) -> list[Mention]:
    """Statistical mentions, plus the rule mentions that overlap none of them."""
    taken = sorted((m.start, m.end) for m in statistical)
    kept = list(statistical)
    for m in rules:
        if not any(s < m.end and m.start < e for s, e in taken):
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.end))


class MergedEntities:
    """The rules and one statistical backend, merged by the policy in the module docstring."""

    def __init__(self, statistical: StatisticalBackend, rules: RuleEntities | None = None) -> None:
        self.statistical = statistical
        self.rules = rules or RuleEntities()
        self.name = f"{self.rules.name}+{statistical.name}"

    def entities(self, ctx: Context, blocks: Sequence[Block]) -> list[Fact]:
        mentions = merge(find_mentions(ctx, blocks), self.statistical.mentions(ctx, blocks))
        return to_facts(ctx, assign_keys(ctx.text, blocks, mentions), self.name)


def _missing(extra: str, package: str) -> ImportError:
    return ImportError(f"{package} is not installed: pip install 'newsfacts[{extra}]'")


class TransformersEntities(StatisticalBackend):
    """Any token-classification model saved in a local directory (never downloaded).

    Text longer than the model's window is read in overlapping windows (``stride`` tokens
    shared); each token takes its label from the window where it sits farthest from an
    edge. Spans are the model's own character offsets, so they are exact.
    """

    name = "newsfacts.entities.transformers/1"

    def __init__(self, model_dir: str, *, max_length: int = 512, stride: int = 128) -> None:
        try:
            import torch
            from transformers import AutoModelForTokenClassification, AutoTokenizer
        except ImportError as exc:
            raise _missing("transformers", "transformers/torch") from exc
        self._torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
        if not self.tokenizer.is_fast:
            raise ValueError("a fast tokenizer is needed for character offsets")
        self.model = AutoModelForTokenClassification.from_pretrained(
            model_dir, local_files_only=True
        )
        self.model.eval()
        self.max_length = max_length
        self.stride = stride
        self.id2label: dict[int, str] = dict(self.model.config.id2label)

    def spans(self, text: str, lang: str) -> list[Span]:
        if not text.strip():
            return []
        enc = self.tokenizer(
            text,
            return_offsets_mapping=True,
            return_overflowing_tokens=True,
            return_special_tokens_mask=True,
            truncation=True,
            max_length=self.max_length,
            stride=self.stride,
            padding=True,
            return_tensors="pt",
        )
        offsets = enc.pop("offset_mapping").tolist()
        special = enc.pop("special_tokens_mask").tolist()
        enc.pop("overflow_to_sample_mapping", None)
        with self._torch.no_grad():
            probs = self.model(**enc).logits.softmax(-1)
        best, ids = probs.max(-1)
        # (start, end) of a token -> (distance from its window's edge, label id, score)
        chosen: dict[tuple[int, int], tuple[int, int, float]] = {}
        for w, window in enumerate(offsets):
            real = [k for k, flag in enumerate(special[w]) if not flag and window[k][1] > 0]
            for rank, k in enumerate(real):
                edge = min(rank, len(real) - 1 - rank)
                key = (window[k][0], window[k][1])
                if key not in chosen or edge > chosen[key][0]:
                    chosen[key] = (edge, int(ids[w][k]), float(best[w][k]))
        return self._decode(text, sorted(chosen.items()))

    def _decode(
        self, text: str, tokens: list[tuple[tuple[int, int], tuple[int, int, float]]]
    ) -> list[Span]:
        """BIO (or plain) tags to spans: a span runs while the label stays the same and no
        ``B-`` tag starts a new one; the pieces of one word never split a span."""
        spans: list[Span] = []
        current: list[Any] | None = None
        for (start, end), (_edge, label_id, score) in tokens:
            if current is not None and start == current[1]:
                current[1] = end  # a word piece: same word, same span
                continue
            tag = self.id2label.get(label_id, "O")
            label = map_label(tag)
            begins = tag.upper().startswith(("B-", "S-", "U-"))
            if (
                current is not None
                and label == current[2]
                and not begins
                and text[current[1] : start].isspace()
            ):
                current[1], current[3] = end, min(current[3], score)
                continue
            if current is not None:
                spans.append((current[0], current[1], current[2], current[3]))
            current = None if label is None else [start, end, label, score]
        if current is not None:
            spans.append((current[0], current[1], current[2], current[3]))
        return spans


class SpacyEntities(StatisticalBackend):
    """Any installed spaCy pipeline with an entity recogniser, by package name or path."""

    name = "newsfacts.entities.spacy/1"

    def __init__(self, model: str | Any) -> None:
        try:
            import spacy
        except ImportError as exc:
            raise _missing("spacy", "spaCy") from exc
        self.nlp = spacy.load(model) if isinstance(model, str) else model

    def spans(self, text: str, lang: str) -> list[Span]:
        out: list[Span] = []
        for ent in self.nlp(text).ents:
            label = map_label(ent.label_)
            if label is not None:
                out.append((ent.start_char, ent.end_char, label, 1.0))
        return out


class UndertheseaEntities(StatisticalBackend):
    """Vietnamese NER with underthesea's bundled CRF model; other languages yield nothing."""

    name = "newsfacts.entities.underthesea/1"

    def __init__(self) -> None:
        try:
            from underthesea import ner
        except ImportError as exc:
            raise _missing("underthesea", "underthesea") from exc
        self._ner = ner

    def spans(self, text: str, lang: str) -> list[Span]:
        if lang != "vi":
            return []
        out: list[Span] = []
        pos = 0
        current: list[Any] | None = None
        for row in self._ner(text):
            word, tag = row[0], row[-1]
            start = text.find(word, pos)
            if start < 0:  # the tokenizer changed the word: alignment lost, stop here
                break
            end = pos = start + len(word)
            label = map_label(tag)
            if label is not None and tag.startswith("I-") and current and current[2] == label:
                current[1] = end
                out[-1] = (current[0], end, label, 1.0)
            elif label is not None:
                current = [start, end, label]
                out.append((start, end, label, 1.0))
            else:
                current = None
        return out
