"""The inputs (:class:`Source`), the view a stage gets of its document (:class:`Context`) and
the interfaces between the pipeline's stages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from newsfacts.model.facts import Fact
from newsfacts.model.values import Block, FactType, LayoutMode, Reference, Value


@dataclass(frozen=True, slots=True)
class Source:
    """One input document before extraction; readers yield these."""

    text: str | bytes
    doc_id: str | None = None
    # a date, a datetime (naive or with a zone) or any string: newsfacts.text.published
    published: date | datetime | str | None = None
    lang: str | None = None
    url: str | None = None
    title: str | None = None
    error: str | None = None
    layout: LayoutMode = "auto"
    # The document's place in its input, set only when an earlier document there had the same
    # doc_id (newsfacts.repeats): it joins the fact-id hash so that ids stay unique.
    position: int | None = None


# -- the interfaces between pipeline stages: each sees the document through a Context and
# returns new facts, knowing no other stage; any object with the right method plugs in.


@dataclass(frozen=True, slots=True)
class Context:
    """What a stage may know about the document it works on."""

    doc_id: str
    text: str
    published: date | None
    lang: str | None
    # Where ``published`` came from: the metadata, or a dateline the layout read in the text.
    reference: Reference = "published"
    position: int | None = None  # see Source.position

    def fact(
        self,
        type_: FactType,
        start: int,
        end: int,
        value: Value,
        *,
        lang: str | None,
        block: int,
        extractor: str,
        confidence: float,
    ) -> Fact:
        """A new fact of this document at ``text[start:end]`` (document offsets): the one place
        where stages build facts, so that text and offsets always agree."""
        return Fact(
            doc_id=self.doc_id,
            type=type_,
            text=self.text[start:end],
            start=start,
            end=end,
            lang=lang,
            block=block,
            value=value,
            extractor=extractor,
            confidence=confidence,
            position=self.position,
        )


class Scanner(Protocol):
    """Finds facts inside one block (figures, dates)."""

    name: str

    def scan(self, ctx: Context, block: Block) -> Iterable[Fact]: ...


class EntityBackend(Protocol):
    """Finds entity facts over the whole document, so keys can join mentions across blocks."""

    name: str

    def entities(self, ctx: Context, blocks: Sequence[Block]) -> list[Fact]: ...


class Linker(Protocol):
    """Refines figures with their time, subject and change links once all facts are known."""

    name: str

    def link(self, ctx: Context, blocks: Sequence[Block], facts: Sequence[Fact]) -> list[Fact]: ...
