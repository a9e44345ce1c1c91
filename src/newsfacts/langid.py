"""Language identification per block and per document. (Interim: issue 3 replaces this.)"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .records import Block


@dataclass(frozen=True, slots=True)
class Guess:
    """A language code (``ms``, ``id``, ``vi``, ``en``, ``other``) or None, and a score in [0, 1]."""

    lang: str | None
    score: float | None


def detect_language(text: str) -> Guess:
    if not any(ch.isalpha() for ch in text):
        return Guess(None, None)
    if any(ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ" for ch in text.lower()):
        return Guess("vi", 0.9)
    return Guess("ms", 0.5)


def label_blocks(blocks: Sequence[Block]) -> tuple[list[Block], Guess]:
    labelled = []
    for block in blocks:
        guess = detect_language(block.text)
        labelled.append(replace(block, lang=guess.lang, lang_score=guess.score))
    doc = max(
        (b for b in labelled if b.kind == "paragraph"), key=lambda b: len(b.text), default=None
    )
    return labelled, Guess(doc.lang, doc.lang_score) if doc else Guess(None, None)
