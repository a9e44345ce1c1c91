"""The spaCy component on real spaCy pipelines: span groups, merged ents, publication dates,
and spans mapped back through normalisation; the offset map it uses."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

import newsfacts.integrations.spacy  # noqa: F401  (registers the factory without the entry point)
from newsfacts.model import Period
from newsfacts.text.normalize import OffsetMap, normalize

TEXT = "Menteri Kewangan Anwar Ibrahim berkata eksport naik 5% kepada RM1.2 bilion semalam."


def pipeline(**config: object) -> spacy.language.Language:
    nlp = spacy.blank("xx")
    nlp.add_pipe("newsfacts", config={"lang": "ms", **config})
    return nlp


def test_every_fact_is_a_labelled_span_with_its_fact() -> None:
    doc = pipeline(published="2024-06-05")(TEXT)
    spans = {(s.text, s.label_) for s in doc.spans["newsfacts"]}
    assert {("Anwar Ibrahim", "PER"), ("5%", "PERCENT"), ("RM1.2 bilion", "MONEY")} <= spans
    assert ("semalam", "DATE") in spans
    for span in doc.spans["newsfacts"]:
        assert span._.fact is not None and span._.fact.text == span.text
    money = next(s for s in doc.spans["newsfacts"] if s.label_ == "MONEY")
    assert money._.fact.value.amount == 1_200_000_000 and money._.fact.value.unit == "MYR"
    # Only entities become ents by default.
    assert {e.label_ for e in doc.ents} <= {"PER", "ORG", "LOC", "MISC"}
    assert ("Anwar Ibrahim", "PER") in {(e.text, e.label_) for e in doc.ents}


def test_figure_ents_puts_the_figures_in_the_ents_too() -> None:
    doc = pipeline(figure_ents=True)(TEXT)
    assert {"PERCENT", "MONEY", "PER"} <= {e.label_ for e in doc.ents}


def ruled(overwrite: bool) -> spacy.tokens.Doc:
    nlp = spacy.blank("xx")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "MINISTER", "pattern": "Anwar Ibrahim berkata"}])
    nlp.add_pipe("newsfacts", config={"lang": "ms", "overwrite_ents": overwrite})
    return nlp(TEXT)


def test_earlier_ents_are_kept_and_ours_fill_the_gaps() -> None:
    ents = [(e.text, e.label_) for e in ruled(overwrite=False).ents]
    assert ("Anwar Ibrahim berkata", "MINISTER") in ents
    assert ("Anwar Ibrahim", "PER") not in ents  # overlaps the earlier one


def test_overwrite_ents_lets_ours_win_where_they_overlap() -> None:
    ents = [(e.text, e.label_) for e in ruled(overwrite=True).ents]
    assert ("Anwar Ibrahim", "PER") in ents
    assert all(label != "MINISTER" for _, label in ents)


def test_the_publication_date_comes_from_the_doc_or_the_config() -> None:
    nlp = pipeline(published="2024-06-05")
    from_config = nlp(TEXT)
    doc = nlp.make_doc(TEXT)
    doc._.published = date(2023, 1, 10)
    from_doc = nlp(doc)

    def yesterday(d: spacy.tokens.Doc) -> Period:
        span = next(s for s in d.spans["newsfacts"] if s.label_ == "DATE")
        assert isinstance(span._.fact.value, Period)
        return span._.fact.value

    assert yesterday(from_config).start == date(2024, 6, 4)
    assert yesterday(from_doc).start == date(2023, 1, 9)


def test_spans_of_normalised_text_point_into_the_original() -> None:
    nfd = unicodedata.normalize("NFD", "Ông Nguyễn Văn Hùng cho biết doanh thu đạt 5 tỷ đồng.")
    text = "Tin kinh tế\r\n\r\n" + nfd
    nlp = spacy.blank("xx")  # spaCy's "vi" tokenizer needs pyvi
    nlp.add_pipe("newsfacts", config={"lang": "vi", "figure_ents": True})
    doc = nlp(text)
    assert doc._.newsfacts.text != doc.text
    found = {(s.label_, unicodedata.normalize("NFC", s.text)) for s in doc.spans["newsfacts"]}
    assert ("MONEY", "5 tỷ đồng") in found and ("PER", "Nguyễn Văn Hùng") in found
    for span in doc.spans["newsfacts"]:
        assert unicodedata.normalize("NFC", span.text) == span._.fact.text
    assert {e.label_ for e in doc.ents} >= {"MONEY", "PER"}


@pytest.mark.parametrize(
    ("text", "part"),
    [
        pytest.param("a\r\nb 5%", "5%", id="crlf-before"),
        pytest.param(unicodedata.normalize("NFD", "Hà Nội 7%"), "Hà Nội", id="nfd-word"),
        pytest.param("x\x00y 12 tỷ", "12 tỷ", id="control-removed"),
        pytest.param("plain text", "text", id="unchanged-is-identity"),
    ],
)
def test_offset_map_spans(text: str, part: str) -> None:
    mapping = OffsetMap(text)
    start = mapping.text.index(part)
    a, b = mapping.span(start, start + len(part))
    assert normalize(text[a:b]) == part


@given(
    st.text(
        alphabet=st.sampled_from(list("aê\u0302\u0303\u0301 \r\n\x00\x85Ư\u031b5")), max_size=40
    )
)
def test_every_output_character_comes_from_its_input_span(text: str) -> None:
    mapping = OffsetMap(text)
    previous = 0
    for i, ch in enumerate(mapping.text):
        a, b = mapping.span(i, i + 1)
        assert a >= previous and ch in normalize(text[a:b])
        previous = a
