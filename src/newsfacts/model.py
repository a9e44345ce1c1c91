"""The data model every stage shares: the inputs (:class:`Source`), the view a stage gets of
its document (:class:`Context`), the stage interfaces, and the result types with their
serialisation to the ``newsfacts/1`` record contract. It imports nothing of the project.

Every result type here is frozen: a stage that refines a fact (the linker adding its time, say)
makes a new one with :func:`dataclasses.replace`, so no stage can change what another saw.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal, Protocol

SCHEMA = "newsfacts/1"

FactType = Literal["money", "percent", "quantity", "date", "entity"]
BlockKind = Literal["title", "paragraph", "caption", "byline", "boilerplate"]
Qualifier = Literal["more_than", "less_than", "at_least", "at_most", "about"]
LayoutMode = Literal["auto", "page", "text"]  # how the layout reads a document's lines
Grain = Literal["day", "week", "month", "season", "quarter", "half", "year", "decade", "century"]
PartOfDay = Literal["morning", "noon", "afternoon", "evening", "night"]
# What a relative date was resolved against: the publication date given, a dateline in the
# text, the latest absolute date in the text (only when asked for), or the period the
# sentence or paragraph is about (``the previous year``).
Reference = Literal["published", "dateline", "latest", "context"]
How = Literal["explicit", "sentence", "paragraph", "change", "published"]
EntityLabel = Literal["PER", "ORG", "LOC", "MISC"]
PublishedFrom = Literal["metadata", "dateline"]

BLOCK_KINDS: tuple[str, ...] = ("title", "paragraph", "caption", "byline", "boilerplate")
FACT_TYPES: tuple[str, ...] = ("money", "percent", "quantity", "date", "entity")
QUALIFIERS: tuple[str, ...] = ("more_than", "less_than", "at_least", "at_most", "about")
GRAINS: tuple[str, ...] = (
    "day",
    "week",
    "month",
    "season",
    "quarter",
    "half",
    "year",
    "decade",
    "century",
)
PARTS_OF_DAY: tuple[str, ...] = ("morning", "noon", "afternoon", "evening", "night")
REFERENCES: tuple[str, ...] = ("published", "dateline", "latest", "context")
HOWS: tuple[str, ...] = ("explicit", "sentence", "paragraph", "change", "published")
ENTITY_LABELS: tuple[str, ...] = ("PER", "ORG", "LOC", "MISC")
PUBLISHED_FROM: tuple[str, ...] = ("metadata", "dateline")


def decimal_str(value: Decimal | None) -> str | None:
    """Plain decimal notation, never exponent form, trailing zeros after the point dropped."""
    if value is None:
        return None
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-like span of the normalised text, with its kind and language."""

    i: int
    start: int
    end: int
    kind: BlockKind
    text: str
    lang: str | None = None
    lang_score: float | None = None

    def record(self) -> dict[str, Any]:
        return {
            "i": self.i,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "lang": self.lang,
            "lang_score": None if self.lang_score is None else round(self.lang_score, 4),
        }


@dataclass(frozen=True, slots=True)
class Number:
    """The value of a money, percent or quantity fact: an exact amount or a min/max range."""

    amount: Decimal | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    unit: str | None = None
    qualifier: Qualifier | None = None

    def record(self) -> dict[str, Any]:
        return {
            "amount": decimal_str(self.amount),
            "min": decimal_str(self.min),
            "max": decimal_str(self.max),
            "unit": self.unit,
            "qualifier": self.qualifier,
        }


@dataclass(frozen=True, slots=True)
class Period:
    """The value of a date fact: the days it covers, inclusive, and what the expression says
    beyond them. ``start`` and ``end`` are None when the days are unknown: a relative
    expression with nothing to resolve it against (``unresolved`` says why, ``relation`` keeps
    its meaning: ``-1 day``), a length anchored nowhere (``duration`` only), a fiscal period of
    an unknown calendar; ``since 2019`` with no reference date has only its start."""

    start: date | None
    end: date | None
    grain: Grain
    relative: bool = False
    # A relative expression's move from its reference, in its grain: "-1 day", "+1 week",
    # "0 year"; "-1 year same" keeps the reference's period shape (``a year earlier``).
    relation: str | None = None
    duration: str | None = None  # ISO 8601 length: P3Y, P90D
    part_of_day: PartOfDay | None = None
    fiscal: bool = False
    holiday: str | None = None  # the holiday's name in the ``holidays`` package
    reference: Reference | None = None
    unresolved: str | None = None

    def record(self) -> dict[str, Any]:
        return {
            "start": None if self.start is None else self.start.isoformat(),
            "end": None if self.end is None else self.end.isoformat(),
            "grain": self.grain,
            "relative": self.relative,
            "relation": self.relation,
            "duration": self.duration,
            "part_of_day": self.part_of_day,
            "fiscal": self.fiscal,
            "holiday": self.holiday,
            "reference": self.reference,
            "unresolved": self.unresolved,
        }

    @property
    def bounded(self) -> bool:
        """Whether both ends are known: only such a period can date a figure."""
        return self.start is not None and self.end is not None


@dataclass(frozen=True, slots=True)
class Entity:
    """The value of an entity fact; ``key`` is shared by every spelling in one document."""

    label: EntityLabel
    canonical: str
    key: str

    def record(self) -> dict[str, Any]:
        return {"label": self.label, "canonical": self.canonical, "key": self.key}


Value = Number | Period | Entity


@dataclass(frozen=True, slots=True)
class TimeRef:
    """The period a figure refers to, and how the linker found it."""

    start: date
    end: date
    grain: Grain
    text: str | None
    how: How
    recurring: bool = False
    date_id: str | None = None  # the date fact it came from (None: the publication date)
    confidence: float = 1.0  # how sure the link is, from how it was found

    def record(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "grain": self.grain,
            "text": self.text,
            "how": self.how,
            "recurring": self.recurring,
            "date": self.date_id,
            "confidence": round(self.confidence, 4),
        }


@dataclass(frozen=True, slots=True)
class Change:
    """Links the figures of a change by fact id: the value it moved ``from`` (the baseline),
    the value it moved ``to``, and ``by`` how much (``rose 12% to $5.2bn from $4.6bn``); any
    of them may be missing (``tăng 15% so với cùng kỳ``). ``baseline`` is the period the
    change is measured against: the baseline value's, or a date after a comparison word."""

    direction: Literal["up", "down", "unknown"]
    from_id: str | None
    to_id: str | None
    by_id: str | None = None
    baseline: TimeRef | None = None

    def record(self) -> dict[str, Any]:
        b = self.baseline
        baseline = b and {"start": b.start.isoformat(), "end": b.end.isoformat(), "text": b.text}
        return {"direction": self.direction, "from": self.from_id, "to": self.to_id} | {
            "by": self.by_id,
            "baseline": baseline,
        }

    @property
    def members(self) -> tuple[str, ...]:
        return tuple(i for i in (self.from_id, self.to_id, self.by_id) if i is not None)


def fact_id(doc_id: str, type_: str, start: int, end: int) -> str:
    """Stable across runs and machines: the same span of the same document, the same id."""
    raw = f"{doc_id}\x1f{type_}\x1f{start}\x1f{end}".encode()
    return hashlib.sha1(raw).hexdigest()[:16]


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
    id: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", fact_id(self.doc_id, self.type, self.start, self.end))

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
            "text_sha1": self.text_sha1,
            "blocks": [b.record() for b in self.blocks],
            "error": self.error,
        }

    def records(self) -> Iterator[dict[str, Any]]:
        """The document record, then one record per fact, in text order."""
        yield self.document_record()
        for fact in self.facts:
            yield fact.record()

    def facts_of(self, *types: FactType) -> list[Fact]:
        """The facts of these types (``facts_of("money", "percent")``), in text order."""
        return [f for f in self.facts if f.type in types]


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
