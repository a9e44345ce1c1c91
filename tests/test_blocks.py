"""Block segmentation invariants (classification cases live in tests/specs/*/blocks.jsonl)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.dates.scanner import find as find_dates
from newsfacts.layout.blocks import segment
from newsfacts.text.normalize import normalize

PAGE = """BeritaKita.my - Portal berita

Harga beras naik lagi

  Harga beras tempatan naik 5% bulan ini, menurut kementerian.

Akhbar Kita12/03/2025
Petani menuai padi di Kedah. Foto: Ali Hassan.

Sumber: https://beritakita.my/ekonomi/harga-beras-123
Komen (0)
Berita berkaitan
Harga gula stabil
"""


def test_one_block_per_non_empty_line_with_trimmed_exact_offsets() -> None:
    layout = segment(PAGE, find_dates)
    lines = [line.strip() for line in PAGE.splitlines() if line.strip()]
    assert [b.text for b in layout.blocks] == lines
    for block in layout.blocks:
        assert PAGE[block.start : block.end] == block.text


def test_metadata_from_furniture() -> None:
    layout = segment(PAGE, find_dates)
    assert layout.title == "Harga beras naik lagi"
    assert layout.published is not None and layout.published.isoformat() == "2025-03-12"
    assert layout.url == "https://beritakita.my/ekonomi/harga-beras-123"
    kinds = [b.kind for b in layout.blocks]
    assert kinds == [
        "boilerplate",
        "title",
        "paragraph",
        "byline",
        "caption",
        "boilerplate",
        "boilerplate",
        "boilerplate",
        "boilerplate",
    ]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text())
def test_blocks_cover_the_text_exactly(text: str) -> None:
    text = normalize(text)
    for block in segment(text, find_dates).blocks:
        assert text[block.start : block.end] == block.text
        assert block.text and block.text == block.text.strip()
