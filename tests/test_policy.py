"""The language policy: which language's data applies to a block or a fact."""

from __future__ import annotations

import pytest

from newsfacts.lang import policy
from newsfacts.model import Block


def _block(lang: str | None, score: float | None = 0.99) -> Block:
    return Block(i=0, start=0, end=4, kind="paragraph", text="teks", lang=lang, lang_score=score)


def test_the_close_pair_takes_the_document_language() -> None:
    blocks = [_block("id"), _block("vi"), _block("ms")]
    assert [b.lang for b in policy.relabel(blocks, "ms")] == ["ms", "vi", "ms"]
    assert [b.lang for b in policy.relabel(blocks, "en")] == ["id", "vi", "ms"]


def test_partners_are_the_other_language_of_the_pair() -> None:
    assert policy.partners("ms") == ["id"] and policy.partners("id") == ["ms"]
    assert policy.partners("vi") == []


@pytest.mark.parametrize(
    ("block", "doc", "expected"),
    [
        (_block("vi"), "ms", "vi"),  # a sure Vietnamese caption in a Malay page
        (_block("vi", 0.5), "ms", "ms"),  # unsure: the document's
        (_block("id"), "ms", "ms"),  # the close pair: the document's
        (_block("other"), None, "en"),  # nothing known: English
        (_block(None, None), "vi", "vi"),
    ],
)
def test_cue_language(block: Block, doc: str | None, expected: str) -> None:
    assert policy.cue_language(block, doc, ("ms", "vi", "en", "id"), 0.8) == expected


def test_first_known_and_scanned_language() -> None:
    assert policy.first_known(("other", None, "vi", "en"), ("en", "vi")) == "vi"
    assert policy.first_known(("other",), ("en",)) is None
    assert policy.scanned_language("other", "ms", ("ms", "en")) == "ms"
    assert policy.scanned_language("en", "ms", ("ms", "en")) == "en"


def test_labelled_language_keeps_any_label() -> None:
    assert policy.labelled_language("other", "ms") == "other"
    assert policy.labelled_language(None, "ms") == "ms"
