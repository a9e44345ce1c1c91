"""Statistical entity backends (the project's own CRF taggers; transformers, spaCy, underthesea)
and their merge with the rules; each optional dependency is imported only when its backend is
built."""

from newsfacts.entities.backends.base import (
    MergedEntities,
    StatisticalBackend,
    map_label,
)
from newsfacts.entities.backends.crf import CrfEntities
from newsfacts.entities.backends.spacy import SpacyEntities
from newsfacts.entities.backends.transformers import TransformersEntities
from newsfacts.entities.backends.underthesea import UndertheseaEntities

__all__ = [
    "CrfEntities",
    "MergedEntities",
    "SpacyEntities",
    "StatisticalBackend",
    "TransformersEntities",
    "UndertheseaEntities",
    "map_label",
]
