"""Normalisation: what every offset refers to."""

from __future__ import annotations

import unicodedata

import pytest

from newsfacts import extract
from newsfacts.text.normalize import decode, normalize


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        pytest.param(
            unicodedata.normalize("NFD", "Lạng Sơn"), "Lạng Sơn", id="decomposed-vietnamese"
        ),
        pytest.param("a\r\nb\rc", "a\nb\nc", id="line-endings"),
        pytest.param("a\u2028b\x85c", "a\nb\nc", id="unicode-line-separators"),
        pytest.param("nul\x00 bell\x07 esc\x1b", "nul bell esc", id="control-characters"),
        pytest.param("tab\tkept", "tab\tkept", id="tab-kept"),
        pytest.param("lone \ud800 surrogate", "lone  surrogate", id="lone-surrogate"),
    ],
)
def test_normalize(raw: str, want: str) -> None:
    assert normalize(raw) == want


@pytest.mark.parametrize(
    ("data", "want"),
    [
        pytest.param("Hà Nội".encode(), "Hà Nội", id="utf8"),
        pytest.param(b"\xef\xbb\xbfRM5", "RM5", id="utf8-bom"),
        pytest.param(
            "Kerajaan mengumumkan bahawa harga beras akan naik.".encode("utf-16"),
            "Kerajaan mengumumkan bahawa harga beras akan naik.",
            id="utf16-detected",
        ),
    ],
)
def test_decode(data: bytes, want: str) -> None:
    assert decode(data) == want


def test_invalid_bytes_never_crash() -> None:
    article = extract(b"\xff\xfe\xfa invalid \xc3\x28 bytes 5%")
    assert article.error is None
    assert article.text_sha1 and len(article.text_sha1) == 40


def test_offsets_refer_to_the_normalised_text() -> None:
    raw = unicodedata.normalize("NFD", "Tỷ lệ hộ nghèo giảm còn 3,36%.\r\n")
    article = extract(raw, lang="vi")
    fact = next(f for f in article.facts if f.type == "percent")
    assert article.text[fact.start : fact.end] == fact.text == "3,36%"
    assert "\r" not in article.text
