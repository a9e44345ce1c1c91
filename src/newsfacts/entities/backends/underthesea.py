"""Vietnamese entities from underthesea's bundled CRF model."""

from __future__ import annotations

from typing import Any

from newsfacts.entities.backends.base import Span, StatisticalBackend, map_label, missing_extra
from newsfacts.settings import DEFAULTS, Settings


class UndertheseaEntities(StatisticalBackend):
    """Vietnamese NER with underthesea's bundled CRF model; other languages yield nothing."""

    name = "newsfacts.entities.underthesea/1"

    def __init__(self, *, settings: Settings = DEFAULTS) -> None:
        self.use_settings(settings)
        try:
            from underthesea import ner
        except ImportError as exc:
            raise missing_extra("underthesea", "underthesea") from exc
        self._ner = ner

    def spans(self, text: str, lang: str) -> list[Span]:
        if lang != "vi":
            return []
        out: list[Span] = []
        pos = 0
        current: list[Any] | None = None
        for row in self._ner(text):
            word, tag = row[0], row[-1]
            start = text.find(word, pos)
            if start < 0:  # the tokenizer changed the word: alignment lost, stop here
                break
            end = pos = start + len(word)
            label = map_label(tag)
            if label is not None and tag.startswith("I-") and current and current[2] == label:
                current[1] = end
                out[-1] = (current[0], end, label, 1.0)
            elif label is not None:
                current = [start, end, label]
                out.append((start, end, label, 1.0))
            else:
                current = None
        return out
