"""The request and response types of the HTTP API, from the same types as the records.

Requests are pydantic models whose fields are :class:`newsfacts.model.Source`'s and whose
enums are the model's literals (``FactType``, ``LayoutMode``); responses are the records
themselves, so their OpenAPI schemas are the project's JSON Schema (``newsfacts.schema``),
put into the OpenAPI document as they are, not a second description that could drift.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator, model_validator

from newsfacts.io.readers import FIELDS
from newsfacts.lang import loader
from newsfacts.model import FactType, LayoutMode
from newsfacts.schema import record_schema

# Where the records' schemas live in the OpenAPI document.
RECORDS = "#/components/schemas/record."


class ExtractRequest(BaseModel):
    """One article: ``text`` or ``html``, and what is known of it (the names of the JSONL
    rows ``newsfacts extract`` reads: ``id``, ``maintext``... are accepted too)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    text: str | None = Field(
        None,
        validation_alias=AliasChoices(*FIELDS["text"]),
        description="the article's text (or give html)",
    )
    html: str | None = Field(None, description="a web page; its main text is extracted")
    doc_id: str | None = Field(
        None,
        min_length=1,
        validation_alias=AliasChoices("doc_id", *FIELDS["id"]),
        description="the document's id (default: a hash of its text)",
    )
    url: str | None = None
    title: str | None = None
    published: str | None = Field(
        None,
        validation_alias=AliasChoices(*FIELDS["published"]),
        description="publication date in any common format: 2025-12-20, an RSS date",
    )
    lang: str | None = Field(
        None,
        validation_alias=AliasChoices(*FIELDS["lang"]),
        description="the document's language, when known",
        json_schema_extra={"enum": list(loader.LANGUAGES)},
    )
    layout: LayoutMode = Field("auto", description="auto, page or text (README: In Python)")
    types: list[FactType] | None = Field(
        None, min_length=1, description="only facts of these types (default: all)"
    )

    @field_validator("lang")
    @classmethod
    def _known_language(cls, value: str | None) -> str | None:
        if value is not None and value not in loader.LANGUAGES:
            raise ValueError(f"known languages: {', '.join(loader.LANGUAGES)}")
        return value

    @model_validator(mode="after")
    def _one_input(self) -> ExtractRequest:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of text and html")
        return self


class BatchLine(ExtractRequest):
    """A line of ``/extract/batch``: an ``/extract`` body, or a row of a JSONL dump as
    ``newsfacts extract`` reads it (news-please's ``maintext``, ``date_publish``...), whose
    other fields are ignored as the readers ignore them."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class DetectRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str


class Language(BaseModel):
    lang: str | None = Field(description="ms, vi, en, id, other, or null without letters")
    score: float | None


class DucklingEntity(BaseModel):
    """One entity of ``/parse``, as Duckling answers (README: "Fact service")."""

    body: str
    start: int
    end: int
    dim: Literal["amount-of-money", "number", "time", "duration"]
    value: dict[str, Any] = Field(description="Duckling's value object of the dimension")
    latent: bool


class Version(BaseModel):
    newsfacts: str
    schema_: str = Field(alias="schema")


class Health(BaseModel):
    status: str = Field(description="ok, or degraded while a worker is being replaced")
    workers: int = Field(description="worker processes alive")
    busy: int = Field(description="workers working on a request now")
    admitted: int = Field(description="requests being worked on or waiting for a worker")


class Problem(BaseModel):
    """An error (RFC 9457 problem details)."""

    type: str
    title: str
    status: int
    detail: str


def record_components() -> dict[str, Any]:
    """The records' JSON Schema definitions as OpenAPI components (OpenAPI 3.1 schemas are
    JSON Schema 2020-12): ``record.document``, ``record.fact`` and their parts, plus
    ``ExtractResult`` (``{"document", "facts"}``)."""
    definitions = _relocated(record_schema()["$defs"])
    components = {f"record.{name}": schema for name, schema in definitions.items()}
    components["ExtractResult"] = {
        "type": "object",
        "required": ["document", "facts"],
        "properties": {
            "document": {"$ref": f"{RECORDS}document"},
            "facts": {"type": "array", "items": {"$ref": f"{RECORDS}fact"}},
        },
    }
    return components


def _relocated(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            k: v.replace("#/$defs/", RECORDS) if k == "$ref" else _relocated(v)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_relocated(v) for v in node]
    return node
