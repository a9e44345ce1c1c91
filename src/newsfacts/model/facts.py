"""Facts and articles, and their ``newsfacts/1`` records."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from newsfacts.model.values import (
    SCHEMA,
    Block,
    Change,
    FactType,
    PublishedFrom,
    TimeRef,
    Value,
)


def fact_id(doc_id: str, type_: str, start: int, end: int, position: int | None = None) -> str:
    """Stable across runs and machines: the same span of the same document, the same id.
    ``position`` (a repeated doc_id's place in its input) keeps two documents apart."""
    raw = f"{doc_id}\x1f{type_}\x1f{start}\x1f{end}"
    if position is not None:
        raw += f"\x1f{position}"
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Fact:
    """One extracted fact; ``doc_text[start:end] == text`` always holds."""

    doc_id: str
    type: FactType
    text: str
    start: int
    end: int
    lang: str | None
    block: int
    value: Value
    extractor: str
    confidence: float = 1.0
    time: TimeRef | None = None
    subject: str | None = None
    change: Change | None = None
    position: int | None = None  # see Source.position
    # The (start, end) of the sentence the fact is in, its closing punctuation included.
    sentence: tuple[int, int] | None = None
    id: str = field(init=False)

    def __post_init__(self) -> None:
        id_ = fact_id(self.doc_id, self.type, self.start, self.end, self.position)
        object.__setattr__(self, "id", id_)

    def record(self) -> dict[str, Any]:
        return {
            "record": "fact",
            "schema": SCHEMA,
            "id": self.id,
            "doc_id": self.doc_id,
            "type": self.type,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "lang": self.lang,
            "block": self.block,
            "sentence": None
            if self.sentence is None
            else {"start": self.sentence[0], "end": self.sentence[1]},
            "value": self.value.record(),
            "time": None if self.time is None else self.time.record(),
            "subject": self.subject,
            "change": None if self.change is None else self.change.record(),
            "confidence": round(self.confidence, 4),
            "extractor": self.extractor,
        }


@dataclass(frozen=True, slots=True)
class Article:
    """One processed document: its normalised text, blocks, language and facts.

    ``published`` is the publication day, in the zone it was given in; ``published_at`` the
    moment with its time of day (and zone when one was given), None when only a day was;
    ``published_from`` says where the day came from (the input's metadata or a dateline in
    the text); ``published_error`` why the metadata's date could not be read, if it could not.
    """

    doc_id: str
    text: str
    text_sha1: str
    lang: str | None = None
    lang_score: float | None = None
    title: str | None = None
    published: date | None = None
    url: str | None = None
    blocks: tuple[Block, ...] = ()
    facts: tuple[Fact, ...] = ()
    error: str | None = None
    published_at: datetime | None = None
    published_from: PublishedFrom | None = None
    published_error: str | None = None
    position: int | None = None  # see Source.position

    def document_record(self) -> dict[str, Any]:
        return {
            "record": "document",
            "schema": SCHEMA,
            "doc_id": self.doc_id,
            "lang": self.lang,
            "lang_score": None if self.lang_score is None else round(self.lang_score, 4),
            "title": self.title,
            "published": None if self.published is None else self.published.isoformat(),
            "published_at": None if self.published_at is None else self.published_at.isoformat(),
            "published_from": self.published_from,
            "published_error": self.published_error,
            "url": self.url,
            "position": self.position,
            "text_sha1": self.text_sha1,
            "blocks": [b.record() for b in self.blocks],
            "error": self.error,
        }

    def records(self, *, sentence_text: bool = False) -> Iterator[dict[str, Any]]:
        """The document record, then one record per fact, in text order. ``sentence_text``
        adds the text of each fact's sentence as ``sentence_text``, for the tabular outputs,
        which hold no document text to cut it from."""
        yield self.document_record()
        for fact in self.facts:
            record = fact.record()
            if sentence_text:
                record["sentence_text"] = (
                    None if fact.sentence is None else self.text[slice(*fact.sentence)]
                )
            yield record

    def facts_of(self, *types: FactType) -> list[Fact]:
        """The facts of these types (``facts_of("money", "percent")``), in text order."""
        return [f for f in self.facts if f.type in types]
