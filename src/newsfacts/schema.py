"""The JSON Schema of the ``newsfacts/1`` records, built from the enums of
:mod:`newsfacts.model`."""

from __future__ import annotations

from functools import cache
from typing import Any

from newsfacts.model import (
    BLOCK_KINDS,
    ENTITY_LABELS,
    FACT_TYPES,
    GRAINS,
    HOWS,
    PARTS_OF_DAY,
    PUBLISHED_FROM,
    QUALIFIERS,
    REFERENCES,
    SCHEMA,
)

_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
# ISO 8601 date and time, with its UTC offset when one was given (what datetime.isoformat
# writes; Z accepted for records of other writers).
_DATETIME = {
    "type": ["string", "null"],
    "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?"
    r"(Z|[+-]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?$",
}
_DECIMAL = {"type": ["string", "null"], "pattern": r"^-?\d+(\.\d+)?$"}
_SCORE = {"type": ["number", "null"], "minimum": 0, "maximum": 1}
_LANG = {"type": ["string", "null"], "minLength": 2}


def _object(
    properties: dict[str, Any], *, optional: tuple[str, ...] = (), **extra: Any
) -> dict[str, Any]:
    """Every property required, but those ``optional``: fields added to ``newsfacts/1``
    later, which every record written now has but older records may lack."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [name for name in properties if name not in optional],
        "properties": properties,
        **extra,
    }


def _enum(values: tuple[str, ...], *, nullable: bool = False) -> dict[str, Any]:
    return {"enum": [*values, None] if nullable else list(values)}


@cache
def record_schema() -> dict[str, Any]:
    """One schema that accepts a document record or a fact record."""
    block = _object(
        {
            "i": {"type": "integer", "minimum": 0},
            "start": {"type": "integer", "minimum": 0},
            "end": {"type": "integer", "minimum": 0},
            "kind": _enum(BLOCK_KINDS),
            "lang": _LANG,
            "lang_score": _SCORE,
        }
    )
    document = _object(
        {
            "record": {"const": "document"},
            "schema": {"const": SCHEMA},
            "doc_id": {"type": "string", "minLength": 1},
            "lang": _LANG,
            "lang_score": _SCORE,
            "title": {"type": ["string", "null"]},
            "published": {"oneOf": [_DATE, {"type": "null"}]},
            "published_at": _DATETIME,
            "published_from": _enum(PUBLISHED_FROM, nullable=True),
            "published_error": {"type": ["string", "null"]},
            "url": {"type": ["string", "null"]},
            "position": {"type": ["integer", "null"], "minimum": 0},
            "text_sha1": {"type": "string", "pattern": "^[0-9a-f]{40}$"},
            "blocks": {"type": "array", "items": {"$ref": "#/$defs/block"}},
            "error": {"type": ["string", "null"]},
        },
        optional=("published_at", "published_from", "published_error", "position"),
        description="One per input document, before its facts; error is set when it failed. "
        "published: the publication day, in the zone it was given in; published_at: the "
        "moment with its time of day and UTC offset as given (no offset when none was "
        "given; null when only a day was); published_from: metadata (the input's date) or "
        "dateline (read off the text); published_error: why the input's date could not be "
        "read (extraction went on without it); position: the document's place in its input "
        "(0-based), set only when an earlier document there had the same doc_id, whose facts "
        "it keeps apart by joining their id hash.",
    )
    number = _object(
        {
            "amount": _DECIMAL,
            "min": _DECIMAL,
            "max": _DECIMAL,
            "unit": {"type": ["string", "null"]},
            "qualifier": _enum(QUALIFIERS, nullable=True),
        },
        description="money: unit is an ISO 4217 code; percent: '%' or 'pp'; quantity: the "
        "counted noun or null. Either amount or min/max is set.",
    )
    nullable_date = {"oneOf": [_DATE, {"type": "null"}]}
    text_or_null = {"type": ["string", "null"]}
    period = _object(
        {
            "start": nullable_date,
            "end": nullable_date,
            "grain": _enum(GRAINS),
            "relative": {"type": "boolean"},
            "relation": text_or_null,
            # ISO 8601 lengths in whole units, one or more (P3Y, P5Y8M), or in one unit with a
            # decimal, as ISO 8601 allows (P9.4Y: ``9.4 tahun``)
            "duration": {
                "type": ["string", "null"],
                "pattern": r"^P(?=\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?$"
                r"|^P\d+\.\d+[YMWD]$",
            },
            "part_of_day": _enum(PARTS_OF_DAY, nullable=True),
            "fiscal": {"type": "boolean"},
            "holiday": text_or_null,
            "reference": _enum(REFERENCES, nullable=True),
            "unresolved": text_or_null,
        },
        optional=(
            "relation",
            "duration",
            "part_of_day",
            "fiscal",
            "holiday",
            "reference",
            "unresolved",
        ),
        description="Inclusive days (null when unknown: unresolved says why); relative is "
        "true for an expression read against a reference date, named in reference "
        "(published, dateline, latest, or context: the period the text was about). "
        "relation: a relative expression's move ('-1 day', '-1 year same'); duration: an ISO "
        "8601 length; part_of_day; fiscal: a fiscal period; holiday: its name.",
    )
    entity = _object(
        {
            "label": _enum(ENTITY_LABELS),
            "canonical": {"type": "string", "minLength": 1},
            "key": {"type": "string", "minLength": 1},
            "aliases": {"type": "array", "items": {"type": "string", "minLength": 1}},
        },
        optional=("aliases",),
        description="key is shared by every spelling of one entity within a document; "
        "aliases lists those spellings, in order of first mention.",
    )
    time = _object(
        {
            "start": _DATE,
            "end": _DATE,
            "grain": _enum(GRAINS),
            "text": {"type": ["string", "null"]},
            "how": _enum(HOWS),
            "recurring": {"type": "boolean"},
            "date": {"type": ["string", "null"], "pattern": "^[0-9a-f]{16}$"},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        },
        optional=("date", "confidence"),
        description="The period a figure refers to. how: explicit (in or right after the "
        "figure), sentence, paragraph, change (the time of the value a change moved to), or "
        "published (the article's date, as a fallback); date: the id of the date fact it "
        "came from; confidence: how sure the link is. recurring: the figure repeats every "
        "period (setiap tahun, hằng năm, every year).",
    )
    change = _object(
        {
            "direction": _enum(("up", "down", "unknown")),
            "from": {"type": ["string", "null"]},
            "to": {"type": ["string", "null"]},
            "by": {"type": ["string", "null"]},
            "baseline": {
                "oneOf": [
                    _object({"start": _DATE, "end": _DATE, "text": {"type": ["string", "null"]}}),
                    {"type": "null"},
                ]
            },
        },
        optional=("by", "baseline"),
        description="Links the figures of a change by fact id: from (the baseline value), "
        "to (the value after), by (how much it moved), any of them null; baseline: the "
        "period it is measured against. Every figure of the change carries the same object.",
    )
    fact = _object(
        {
            "record": {"const": "fact"},
            "schema": {"const": SCHEMA},
            "id": {"type": "string", "pattern": "^[0-9a-f]{16}$"},
            "doc_id": {"type": "string", "minLength": 1},
            "type": _enum(FACT_TYPES),
            "text": {"type": "string", "minLength": 1},
            "start": {"type": "integer", "minimum": 0},
            "end": {"type": "integer", "minimum": 1},
            "lang": _LANG,
            "block": {"type": "integer", "minimum": 0},
            "sentence": {
                "oneOf": [
                    _object(
                        {
                            "start": {"type": "integer", "minimum": 0},
                            "end": {"type": "integer", "minimum": 0},
                        }
                    ),
                    {"type": "null"},
                ]
            },
            "value": {
                "oneOf": [
                    {"$ref": "#/$defs/number"},
                    {"$ref": "#/$defs/period"},
                    {"$ref": "#/$defs/entity"},
                ]
            },
            "time": {"oneOf": [{"$ref": "#/$defs/time"}, {"type": "null"}]},
            "subject": {"type": ["string", "null"]},
            "change": {"oneOf": [{"$ref": "#/$defs/change"}, {"type": "null"}]},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
            "extractor": {"type": "string", "minLength": 1},
        },
        optional=("sentence",),
        description="One extracted fact; document_text[start:end] == text; sentence: the "
        "offsets of the sentence it is in, closing punctuation included.",
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://newsfacts.invalid/schema/newsfacts-1.json",
        "title": "newsfacts/1 record",
        "oneOf": [{"$ref": "#/$defs/document"}, {"$ref": "#/$defs/fact"}],
        "$defs": {
            "document": document,
            "fact": fact,
            "block": block,
            "number": number,
            "period": period,
            "entity": entity,
            "time": time,
            "change": change,
        },
    }


@cache
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(record_schema())


def validate(record: dict[str, Any]) -> None:
    """Raises ``jsonschema.ValidationError`` when the record breaks the contract."""
    _validator().validate(record)
