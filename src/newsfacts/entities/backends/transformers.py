"""Entities from a token-classification model in a local directory (transformers, torch)."""

from __future__ import annotations

from typing import Any

from newsfacts.entities.backends.base import Span, StatisticalBackend, map_label, missing_extra
from newsfacts.settings import DEFAULTS, Settings


class TransformersEntities(StatisticalBackend):
    """Any token-classification model saved in a local directory (never downloaded).

    Text longer than the model's window is read in overlapping windows (``stride`` tokens
    shared); each token takes its label from the window where it sits farthest from an
    edge. Spans are the model's own character offsets, so they are exact.
    """

    name = "newsfacts.entities.transformers/1"

    def __init__(
        self,
        model_dir: str,
        *,
        max_length: int = 512,
        stride: int = 128,
        settings: Settings = DEFAULTS,
    ) -> None:
        self.use_settings(settings)
        try:
            import torch
            from transformers import AutoModelForTokenClassification, AutoTokenizer
        except ImportError as exc:
            raise missing_extra("transformers", "transformers/torch") from exc
        self._torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
        if not self.tokenizer.is_fast:
            raise ValueError("a fast tokenizer is needed for character offsets")
        self.model = AutoModelForTokenClassification.from_pretrained(
            model_dir, local_files_only=True
        )
        self.model.eval()
        self.max_length = max_length
        self.stride = stride
        self.id2label: dict[int, str] = dict(self.model.config.id2label)

    def spans(self, text: str, lang: str) -> list[Span]:
        if not text.strip():
            return []
        enc = self.tokenizer(
            text,
            return_offsets_mapping=True,
            return_overflowing_tokens=True,
            return_special_tokens_mask=True,
            truncation=True,
            max_length=self.max_length,
            stride=self.stride,
            padding=True,
            return_tensors="pt",
        )
        offsets = enc.pop("offset_mapping").tolist()
        special = enc.pop("special_tokens_mask").tolist()
        enc.pop("overflow_to_sample_mapping", None)
        with self._torch.no_grad():
            probs = self.model(**enc).logits.softmax(-1)
        best, ids = probs.max(-1)
        # (start, end) of a token -> (distance from its window's edge, label id, score)
        chosen: dict[tuple[int, int], tuple[int, int, float]] = {}
        for w, window in enumerate(offsets):
            real = [k for k, flag in enumerate(special[w]) if not flag and window[k][1] > 0]
            for rank, k in enumerate(real):
                edge = min(rank, len(real) - 1 - rank)
                key = (window[k][0], window[k][1])
                if key not in chosen or edge > chosen[key][0]:
                    chosen[key] = (edge, int(ids[w][k]), float(best[w][k]))
        return self._decode(text, sorted(chosen.items()))

    def _decode(
        self, text: str, tokens: list[tuple[tuple[int, int], tuple[int, int, float]]]
    ) -> list[Span]:
        """BIO (or plain) tags to spans: a span runs while the label stays the same and no
        ``B-`` tag starts a new one; the pieces of one word never split a span."""
        spans: list[Span] = []
        current: list[Any] | None = None
        for (start, end), (_edge, label_id, score) in tokens:
            if current is not None and start == current[1]:
                current[1] = end  # a word piece: same word, same span
                continue
            tag = self.id2label.get(label_id, "O")
            label = map_label(tag)
            begins = tag.upper().startswith(("B-", "S-", "U-"))
            if (
                current is not None
                and label == current[2]
                and not begins
                and text[current[1] : start].isspace()
            ):
                current[1], current[3] = end, min(current[3], score)
                continue
            if current is not None:
                spans.append((current[0], current[1], current[2], current[3]))
            current = None if label is None else [start, end, label, score]
        if current is not None:
            spans.append((current[0], current[1], current[2], current[3]))
        return spans
