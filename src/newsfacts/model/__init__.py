"""The data model every stage shares: the inputs (:class:`Source`), the view a stage gets of
its document (:class:`Context`), the stage interfaces, and the result types with their
serialisation to the ``newsfacts/1`` record contract. It imports nothing else of the project;
everything is imported from here (the modules inside are only its parts).

Every result type here is frozen: a stage that refines a fact (the linker adding its time, say)
makes a new one with :func:`dataclasses.replace`, so no stage can change what another saw.
"""

from newsfacts.model.facts import Article, Fact, fact_id
from newsfacts.model.stages import Context, EntityBackend, Linker, Scanner, Source
from newsfacts.model.values import (
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
    Block,
    BlockKind,
    Change,
    Entity,
    EntityLabel,
    FactType,
    Grain,
    How,
    LayoutMode,
    Number,
    PartOfDay,
    Period,
    PublishedFrom,
    Qualifier,
    Reference,
    TimeRef,
    Value,
    decimal_str,
)

__all__ = [
    "BLOCK_KINDS",
    "ENTITY_LABELS",
    "FACT_TYPES",
    "GRAINS",
    "HOWS",
    "PARTS_OF_DAY",
    "PUBLISHED_FROM",
    "QUALIFIERS",
    "REFERENCES",
    "SCHEMA",
    "Article",
    "Block",
    "BlockKind",
    "Change",
    "Context",
    "Entity",
    "EntityBackend",
    "EntityLabel",
    "Fact",
    "FactType",
    "Grain",
    "How",
    "LayoutMode",
    "Linker",
    "Number",
    "PartOfDay",
    "Period",
    "PublishedFrom",
    "Qualifier",
    "Reference",
    "Scanner",
    "Source",
    "TimeRef",
    "Value",
    "decimal_str",
    "fact_id",
]
