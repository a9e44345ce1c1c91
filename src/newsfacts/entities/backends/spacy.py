"""Entities from an installed spaCy pipeline."""

from __future__ import annotations

from typing import Any

from newsfacts.entities.backends.base import Span, StatisticalBackend, map_label, missing_extra
from newsfacts.settings import DEFAULTS, Settings


class SpacyEntities(StatisticalBackend):
    """Any installed spaCy pipeline with an entity recogniser, by package name or path."""

    name = "newsfacts.entities.spacy/1"

    def __init__(self, model: str | Any, *, settings: Settings = DEFAULTS) -> None:
        self.use_settings(settings)
        try:
            import spacy
        except ImportError as exc:
            raise missing_extra("spacy", "spaCy") from exc
        self.nlp = spacy.load(model) if isinstance(model, str) else model

    def spans(self, text: str, lang: str) -> list[Span]:
        out: list[Span] = []
        for ent in self.nlp(text).ents:
            label = map_label(ent.label_)
            if label is not None:
                out.append((ent.start_char, ent.end_char, label, 1.0))
        return out
