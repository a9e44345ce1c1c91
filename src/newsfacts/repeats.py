"""Repeated ``doc_id``s in one input: a warning, and fact ids that stay unique.

Two documents with the same ``doc_id`` (a dump that holds an article twice, a reader whose ids
collide) would give the same fact id to different facts, since a fact id hashes the doc_id
and the span. :class:`RepeatedIds` marks every document whose doc_id an earlier document of
the same input had with its position in the input (``Source.position``), which joins the
hash of its fact ids: still stable across runs of the same input, and the first document of
each id keeps the ids it would have on its own.

Only given ids are tracked: a document without one is named by its text's hash, and two with
the same text are the same document, with the same facts.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Iterable, Iterator
from typing import Protocol, TypeVar

# Warnings shown per input; the rest are counted (``RepeatedIds.count``), not shown.
SHOWN = 5


class RepeatedDocIdWarning(UserWarning):
    """An input holds two documents with the same doc_id."""


class _Identified(Protocol):
    @property
    def doc_id(self) -> str | None: ...


Item = TypeVar("Item", bound=_Identified)


class RepeatedIds:
    """The doc_ids seen so far in one input (memory: one string per distinct id)."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.count = 0

    def mark(self, item: Item, position: int) -> Item:
        """``item``, with ``position`` set when its doc_id was seen before in this input."""
        doc_id = item.doc_id
        if doc_id is None:
            return item
        if doc_id not in self.seen:
            self.seen.add(doc_id)
            return item
        self.count += 1
        if self.count <= SHOWN:
            more = " (further repeats are counted, not shown)" if self.count == SHOWN else ""
            warnings.warn(
                f"doc_id {doc_id!r} appears again at input position {position}: its fact ids "
                f"include the position to stay unique{more}",
                RepeatedDocIdWarning,
                stacklevel=2,
            )
        return dataclasses.replace(item, position=position)  # type: ignore[type-var]

    def marked(self, items: Iterable[Item]) -> Iterator[Item]:
        """Every item of one input in order, repeats marked (see :meth:`mark`)."""
        for position, item in enumerate(items):
            yield self.mark(item, position)


__all__ = ["RepeatedDocIdWarning", "RepeatedIds"]
