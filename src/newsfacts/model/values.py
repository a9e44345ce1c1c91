"""The values of facts and blocks (:class:`Number`, :class:`Period`, :class:`Entity`, the
time and change links) and the vocabularies of the ``newsfacts/1`` records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal, get_args

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
# How a figure's time was found (linking): its own date, its sentence's, the sentence
# before's, the period the article reports on, the time of the value its change moved to,
# its change's baseline (a baseline value with no date of its own), the publication day.
How = Literal[
    "explicit", "sentence", "quote", "paragraph", "article", "change", "baseline", "published"
]
EntityLabel = Literal["PER", "ORG", "LOC", "MISC"]
PublishedFrom = Literal["metadata", "dateline"]

# The same vocabularies as tuples, for the schema and the CLI: one source, the Literals.
BLOCK_KINDS: tuple[str, ...] = get_args(BlockKind)
FACT_TYPES: tuple[str, ...] = get_args(FactType)
QUALIFIERS: tuple[str, ...] = get_args(Qualifier)
GRAINS: tuple[str, ...] = get_args(Grain)
PARTS_OF_DAY: tuple[str, ...] = get_args(PartOfDay)
REFERENCES: tuple[str, ...] = get_args(Reference)
HOWS: tuple[str, ...] = get_args(How)
ENTITY_LABELS: tuple[str, ...] = get_args(EntityLabel)
PUBLISHED_FROM: tuple[str, ...] = get_args(PublishedFrom)


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
    # every spelling of the entity in the document, in order of first mention
    aliases: tuple[str, ...] = ()

    def record(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "canonical": self.canonical,
            "key": self.key,
            "aliases": list(self.aliases),
        }


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
