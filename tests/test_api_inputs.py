"""The API takes the shapes callers have: dicts for ``pipe``, several types for ``facts_of``."""

from __future__ import annotations

import pytest

import newsfacts


def test_pipe_takes_dicts_with_the_source_fields() -> None:
    rows = [
        {"text": "Harga naik 5% pada 2024.", "doc_id": "a", "lang": "ms"},
        {"text": "Giá tăng 3%.", "doc_id": "b", "published": "2025-12-20", "lang": "vi"},
        "Prices rose 2%.",
    ]
    articles = list(newsfacts.Extractor().pipe(rows))
    assert [a.doc_id for a in articles[:2]] == ["a", "b"]
    assert articles[1].published is not None and articles[1].published.isoformat() == "2025-12-20"
    assert [f.text for a in articles for f in a.facts_of("percent")] == ["5%", "3%", "2%"]


@pytest.mark.parametrize(
    "row", [{"body": "x"}, {"text": "x", "nope": 1}], ids=["no-text", "unknown-field"]
)
def test_pipe_names_the_fields_of_a_bad_dict(row: dict[str, object]) -> None:
    with pytest.raises(TypeError, match="needs 'text'"):
        list(newsfacts.Extractor().pipe([row]))


def test_facts_of_takes_several_types() -> None:
    article = newsfacts.extract("Harga naik 5% kepada RM2.05 pada 2024.", lang="ms")
    assert [f.type for f in article.facts_of("money", "percent")] == ["percent", "money"]
    assert article.facts_of() == []


def test_a_title_given_as_metadata_is_scanned() -> None:
    body = "Kerajaan mengumumkan harga baharu di Putrajaya kepada pemberita."
    article = newsfacts.extract(body, title="Harga beras naik 10%", lang="ms")
    assert article.text.splitlines()[0] == "Harga beras naik 10%"
    assert article.blocks[0].kind == "title"
    percent = article.facts_of("percent")[0]
    assert (percent.text, article.text[percent.start : percent.end]) == ("10%", "10%")
    # a text that opens with its title already keeps one copy of it
    again = newsfacts.extract(article.text, title="Harga beras naik 10%", lang="ms")
    assert again.text == article.text
