"""Statistical entity backends behind the same interface as the rules."""

from newsfacts.entities.backends.statistical import (
    MergedEntities,
    SpacyEntities,
    StatisticalBackend,
    TransformersEntities,
    UndertheseaEntities,
    map_label,
    merge,
)

__all__ = [
    "MergedEntities",
    "SpacyEntities",
    "StatisticalBackend",
    "TransformersEntities",
    "UndertheseaEntities",
    "map_label",
    "merge",
]
