"""Short texts and the ``layout`` modes: a headline, a table cell or a message alone is
content; ``text`` takes every line for content, ``page`` reads furniture even off one line."""

from __future__ import annotations

import pytest

import newsfacts

SHORT = {
    "ms-percent": ("Inflasi naik 3.2%", "ms", [("percent", "3.2%")]),
    "ms-money": ("RM5 juta", "ms", [("money", "RM5 juta")]),
    "en-percent-and-quarter": (
        "GDP grew 4.1% in Q3 2024",
        "en",
        [("percent", "4.1%"), ("date", "Q3 2024")],
    ),
    "vi-money": ("Doanh thu đạt 5 tỷ đồng", "vi", [("money", "5 tỷ đồng")]),
    "dateline-shaped-date": ("3/3/2017", "en", [("date", "3/3/2017")]),
}


@pytest.mark.parametrize(("text", "lang", "facts"), SHORT.values(), ids=SHORT.keys())
def test_a_single_line_is_content(text: str, lang: str, facts: list[tuple[str, str]]) -> None:
    article = newsfacts.extract(text, lang=lang)
    assert [b.kind for b in article.blocks] == ["paragraph"]
    found = [(f.type, f.text) for f in article.facts if f.type != "entity"]
    assert found == facts


def test_text_mode_takes_every_line_for_content() -> None:
    text = "Menu\nUtama\nHarga minyak naik 5%"
    assert [b.kind for b in newsfacts.extract(text, lang="ms").blocks][:2] != ["paragraph"] * 2
    article = newsfacts.extract(text, lang="ms", layout="text")
    assert [b.kind for b in article.blocks] == ["paragraph", "paragraph", "paragraph"]
    assert [(f.type, f.text) for f in article.facts] == [("percent", "5%")]


def test_page_mode_reads_furniture_off_one_line() -> None:
    article = newsfacts.extract("RM5 juta", lang="ms", layout="page")
    assert [b.kind for b in article.blocks] == ["boilerplate"]
    assert article.facts == ()
