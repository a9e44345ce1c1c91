"""The interfaces between pipeline stages.

Each stage sees the document through a :class:`Context` and returns new facts; none of them
knows which other stages run. A stage is any object with the right method, so a user's own
scanner or entity backend plugs in by being passed to :class:`newsfacts.Extractor`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from .records import Block, Fact


@dataclass(frozen=True, slots=True)
class Context:
    """What a stage may know about the document it works on."""

    doc_id: str
    text: str
    published: date | None
    lang: str | None


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
