"""The shipped CRF entity taggers: the pieces of the backend, the models in the package, and
the backend in the pipeline by name."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

import newsfacts
from newsfacts.entities.backends import CrfEntities, MergedEntities
from newsfacts.entities.backends.base import to_mention
from newsfacts.entities.backends.crf import bracketed_acronyms, decode, refine, with_heads
from newsfacts.entities.backends.features import clusters, shape, token_features
from newsfacts.model import Block, Entity

MODELS = Path(str(resources.files("newsfacts") / "models"))


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        pytest.param("Anwar", "Xx", id="title-case"),
        pytest.param("UMNO", "X", id="capitals"),
        pytest.param("2024", "d", id="digits"),
        pytest.param("TP.HCM", "X.X", id="dotted-acronym"),
        pytest.param("iPhone", "xXx", id="mixed"),
    ],
)
def test_shape(word: str, expected: str) -> None:
    assert shape(word) == expected


def test_decode_joins_inside_tags_and_opens_on_a_stray_one() -> None:
    spans = [(0, 5), (6, 11), (12, 15), (16, 20), (21, 25)]
    labels = ["B-PER", "I-PER", "O", "I-LOC", "I-ORG"]
    assert decode(spans, labels) == [
        (0, 11, "PER", 1.0),
        (16, 20, "LOC", 1.0),
        (21, 25, "ORG", 1.0),
    ]


def test_refine_joins_a_name_across_bin_and_drops_what_is_no_name() -> None:
    text = "Ahmad Zahid bin Hamidi tiba pada April bersama Lim."
    spans = [(0, 11, "PER", 1.0), (16, 22, "PER", 1.0), (33, 38, "MISC", 1.0), (47, 50, "PER", 1.0)]
    assert refine(spans, text, "ms") == [(0, 22, "PER", 1.0), (47, 50, "PER", 1.0)]  # type: ignore[arg-type]


def test_features_see_the_rules_and_the_neighbours() -> None:
    feats = token_features(["Menteri", "Anwar", "Ibrahim"], ["O", "B-PER:3", "I-PER:3"], "ms")
    assert {"rule:B-PER:3", "rule.label:PER"} <= set(feats[1])
    assert {"w-1:menteri", "w+1:ibrahim", "title"} <= set(feats[1])
    assert {"w-1:<edge>", "first"} <= set(feats[0]) and "first" not in feats[1]


def test_features_are_the_ones_the_taggers_were_trained_on() -> None:
    # the shipped models read exactly these attributes: a change here needs retraining
    feats = token_features(
        ["Kata", "Anwar", "Ibrahim", "semalam"], ["O", "B-PER:3", "I-PER:3", "O"], "ms"
    )
    kata, anwar, ibrahim, semalam = (
        clusters("ms")[w] for w in ("kata", "anwar", "ibrahim", "semalam")
    )
    assert feats[1] == [
        "bias", "w:anwar", "shape:Xx", "suf3:war", "suf2:ar", "pre3:anw", "title",
        f"c:{anwar[0]}", f"cf:{anwar[1]}",
        "rule:B-PER:3", "rule.label:PER",
        "w-2:<edge>", "w-1:kata", "w+1:ibrahim", "w+2:semalam",
        "shape-1:Xx", "rule-1:O", f"c-1:{kata[0]}",
        "shape+1:Xx", "rule+1:I-PER:3", f"c+1:{ibrahim[0]}",
        "shape+2:x",
    ]  # fmt: skip
    assert feats[3][-4:] == ["shape-2:Xx", "shape-1:Xx", "rule-1:I-PER:3", f"c-1:{ibrahim[0]}"]
    assert f"c:{semalam[0]}" in feats[3]


def test_word_clusters_put_names_with_names() -> None:
    # the clusters shipped for the features: words used alike share one (models/ner/clusters.py)
    table = clusters("ms")
    assert table["anwar"][1] == table["zahid"][1] and table["anwar"][0] != table["berkata"][0]
    assert table["selangor"][0] == table["johor"][0]
    vi = clusters("vi")
    assert vi["nguyễn"][0] == vi["trần"][0] != vi["nói"][0]
    assert clusters("xx") == {}  # a language without a file has no cluster features


def test_a_word_no_cluster_holds_tells_its_neighbours_so() -> None:
    feats = token_features(["Qzxvbnm", "berkata"], ["O", "O"], "ms")
    assert not any(f.startswith(("c:", "cf:")) for f in feats[0])
    assert "c-1:-" in feats[1]


@pytest.mark.parametrize("lang", ["ms", "vi", "en"])
def test_a_tagger_ships_for_every_language(lang: str) -> None:
    assert (MODELS / f"ner-{lang}.crfsuite").is_file()
    assert CrfEntities().tagger(lang) is not None


def test_indonesian_falls_back_to_malay_when_it_has_no_tagger(tmp_path: Path) -> None:
    shutil.copy(MODELS / "ner-ms.crfsuite", tmp_path / "ner-ms.crfsuite")
    backend = CrfEntities(str(tmp_path))
    assert backend.tagger("id") is not None and backend.tagger("vi") is None


def test_a_language_without_a_tagger_gets_the_rules_mentions(tmp_path: Path) -> None:
    text = "Perdana Menteri Anwar Ibrahim melawat Pulau Pinang semalam."
    article = newsfacts.Extractor(entities=[CrfEntities(str(tmp_path))]).extract(text, lang="ms")
    by_rules = newsfacts.Extractor(entities=["rules"]).extract(text, lang="ms")
    spans = [(f.start, f.end, f.value) for f in article.facts_of("entity")]
    assert article.error is None and spans
    assert spans == [(f.start, f.end, f.value) for f in by_rules.facts_of("entity")]


def test_refine_leaves_titles_and_roles_outside_a_persons_name() -> None:
    text = "Tan Sri Dr Noor Hisham Abdullah tiba."
    assert refine([(0, 31, "PER", 1.0)], text, "ms") == [(11, 31, "PER", 1.0)]  # type: ignore[arg-type]
    # a title or role alone is nobody's name
    assert refine([(0, 10, "PER", 1.0)], text, "ms") == []  # type: ignore[arg-type]


def test_the_rules_split_a_list_the_tagger_took_as_one_name() -> None:
    text = "British Airways and Malaysia Airlines cut fares."
    article = newsfacts.extract(text, lang="en")
    assert [f.text for f in article.facts_of("entity")] == ["British Airways", "Malaysia Airlines"]


def test_a_bracketed_acronym_after_a_tagged_organisation_shares_its_key() -> None:
    text = "Ngân hàng TMCP Quân đội (MBB) báo lãi. Cổ phiếu MBB tăng."
    block = Block(0, 0, len(text), "paragraph", text, "vi")
    bank = to_mention(block, "vi", 0, 23, "ORG")
    assert bank is not None
    found = bracketed_acronyms([bank], block, "vi")
    assert [text[m.start : m.end] for m in found] == ["Ngân hàng TMCP Quân đội", "MBB"]
    # in the pipeline, the acronym and the bank share one key
    text = "Ngân hàng TMCP Á Châu (ACB) báo lãi. Cổ phiếu ACB tăng."
    keys = {f.text: f.value.key for f in newsfacts.extract(text, lang="vi").facts_of("entity")}
    assert keys["ACB"] == keys["Ngân hàng TMCP Á Châu"]


def test_a_name_the_rules_are_sure_of_is_kept_where_the_tagger_found_nothing() -> None:
    text = "Petrolimex điều chỉnh giá xăng."
    rules = newsfacts.Extractor(entities=["rules"]).extract(text, lang="vi")
    assert [f.text for f in rules.facts_of("entity")] == ["Petrolimex"]
    article = newsfacts.extract(text, lang="vi")
    assert [(f.text, f.value.label) for f in article.facts_of("entity")] == [("Petrolimex", "ORG")]


def test_the_taggers_are_the_default_backend() -> None:
    (backend,) = newsfacts.Extractor().entities
    assert isinstance(backend, CrfEntities)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        pytest.param(
            "ms",
            "Perdana Menteri Datuk Seri Anwar Ibrahim melawat Pulau Pinang semalam.",
            {("Anwar Ibrahim", "PER"), ("Pulau Pinang", "LOC")},
            id="ms-title-outside-the-name",
        ),
        pytest.param(
            "en",
            "Prime Minister Anwar Ibrahim visited Penang on Monday, Bernama reported.",
            {("Anwar Ibrahim", "PER"), ("Penang", "LOC"), ("Bernama", "ORG")},
            id="en-person-place-agency",
        ),
    ],
)
def test_the_tagger_by_name_in_the_pipeline(
    lang: str, text: str, expected: set[tuple[str, str]]
) -> None:
    article = newsfacts.Extractor(entities=["crf"]).extract(text, lang=lang)
    found = {
        (f.text, f.value.label) for f in article.facts_of("entity") if isinstance(f.value, Entity)
    }
    assert expected <= found
    assert all(f.extractor == "newsfacts.entities.crf/1" for f in article.facts_of("entity"))


def test_rules_and_crf_named_together_are_merged() -> None:
    extractor = newsfacts.Extractor(entities=["rules", "crf"])
    assert len(extractor.entities) == 1 and isinstance(extractor.entities[0], MergedEntities)
    article = extractor.extract(
        "Perdana Menteri Datuk Seri Anwar Ibrahim melawat Pulau Pinang semalam.", lang="ms"
    )
    assert {f.text for f in article.facts_of("entity")} >= {"Anwar Ibrahim", "Pulau Pinang"}


def test_names_the_tagger_is_unsure_of_are_left_out_past_the_confidence_bar() -> None:
    text = "Theo Nghị định 28, hộ nghèo ở Quảng Nam được hỗ trợ, ông Nguyễn Văn Hùng cho biết."
    found = {}
    for bar in (0.0, 0.7, 0.999):
        backend = CrfEntities(min_confidence=bar)
        article = newsfacts.Extractor(entities=[backend]).extract(text, lang="vi")
        found[bar] = {f.text for f in article.facts_of("entity")}
    assert found[0.999] <= found[0.7] <= found[0.0]
    assert "Nghị định 28" in found[0.0] and "Nghị định 28" not in found[0.7]
    assert "Quảng Nam" in found[0.7]


def test_a_head_word_the_tagger_left_out_joins_the_organisations_name() -> None:
    text = "Theo Ngân hàng Vietcombank, lãi suất giảm."
    block = Block(0, 0, len(text), "paragraph", text, "vi")
    name = to_mention(block, "vi", 15, 26, "ORG")
    assert name is not None
    assert [text[m.start : m.end] for m in with_heads([name], block, "vi")] == [
        "Ngân hàng Vietcombank"
    ]
    text = "Ngân hàng TMCP Á Châu (ACB) báo lãi; Ngân hàng Á Châu cho biết ACB sẽ tăng vốn."
    keys = {f.text: f.value.key for f in newsfacts.extract(text, lang="vi").facts_of("entity")}
    assert keys["Ngân hàng TMCP Á Châu"] == keys["Ngân hàng Á Châu"] == keys["ACB"]


def test_the_rules_let_a_lower_case_syllable_join_a_name_after_an_acronym() -> None:
    # the taggers read the rules' span: with it they keep ``đội`` in the bank's name
    rules = newsfacts.Extractor(entities=["rules"])
    text = "Ngân hàng TMCP Quân đội (MBB) báo lãi; Tập đoàn Hòa Phát công bố lỗ."
    found = {f.text for f in rules.extract(text, lang="vi").facts_of("entity")}
    assert {"Ngân hàng TMCP Quân đội", "Tập đoàn Hòa Phát"} <= found
    tagged = {f.text for f in newsfacts.extract(text, lang="vi").facts_of("entity")}
    assert "Ngân hàng TMCP Quân đội" in tagged and "Tập đoàn Hòa Phát công" not in tagged
