"""Entity extraction: the rule backend, keys, the optional backends and the spaCy component."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest

import newsfacts
from newsfacts.dates.scanner import find as find_dates
from newsfacts.entities import RuleEntities, gazetteer, lexicon
from newsfacts.entities.backends import MergedEntities, StatisticalBackend, map_label
from newsfacts.entities.backends.base import to_mention
from newsfacts.entities.keys import assign_keys
from newsfacts.layout.blocks import segment
from newsfacts.model import Block, Context, Entity, Fact
from newsfacts.text.tokens import fold

_VI = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")

# Written for this test in the shape of the reference article: Malay body, each photo
# captioned first in Vietnamese, then in Malay, and page furniture around it.
ARTICLE = """Vietnam.vn - Nền tảng quảng bá Việt Nam

Harapan baharu di Cao Bang

Wilayah Cao Bang terus berusaha mengurangkan kemiskinan di kawasan sempadan.

Bà Nguyễn Thị Hằng, Phó Chủ tịch UBND tỉnh Cao Bằng. Ảnh: Đức Minh.

Cik Nguyen Thi Hang, Naib Pengerusi Jawatankuasa Rakyat wilayah Cao Bang. Foto: Duc Minh.

Menurut Cik Nguyen Thi Hang, Kementerian Pertanian dan Alam Sekitar telah membantu wilayah itu.

Cik Hang berkata Jawatankuasa Rakyat wilayah Cao Bang berterima kasih kepada
Barisan Tanah Air Vietnam.

Komen (0)
"""


def _blocks(text: str, lang: str) -> list[Block]:
    """Blocks with the languages a detector would give (Vietnamese when it has its letters),
    so these tests do not depend on the language stage."""
    return [
        replace(b, lang="vi" if _VI & set(b.text.lower()) else lang, lang_score=0.99)
        for b in segment(text, find_dates).blocks
    ]


def _entities(text: str, lang: str, backend: object | None = None) -> list[Fact]:
    ctx = Context(doc_id="t", text=text, published=None, lang=lang)
    engine = backend or RuleEntities()
    return engine.entities(ctx, _blocks(text, lang))  # type: ignore[attr-defined, no-any-return]


def _key(facts: list[Fact], text: str) -> set[str]:
    return {f.value.key for f in facts if f.text == text}  # type: ignore[union-attr]


def test_article_entities_and_keys() -> None:
    facts = _entities(ARTICLE, "ms")
    found = {(f.text, f.value.label) for f in facts}  # type: ignore[union-attr]
    assert {
        ("Nguyễn Thị Hằng", "PER"),
        ("Nguyen Thi Hang", "PER"),
        ("Hang", "PER"),
        ("Đức Minh", "PER"),
        ("Duc Minh", "PER"),
        ("UBND tỉnh Cao Bằng", "ORG"),
        ("Jawatankuasa Rakyat wilayah Cao Bang", "ORG"),
        ("Kementerian Pertanian dan Alam Sekitar", "ORG"),
        ("Barisan Tanah Air Vietnam", "ORG"),
        ("Cao Bang", "LOC"),
    } <= found
    for fact in facts:
        assert ARTICLE[fact.start : fact.end] == fact.text
        assert fact.type == "entity"
    # one key per real-world entity: diacritics, titles, partial names, caption translations
    person = _key(facts, "Nguyễn Thị Hằng") | _key(facts, "Nguyen Thi Hang") | _key(facts, "Hang")
    assert len(person) == 1
    assert len(_key(facts, "Đức Minh") | _key(facts, "Duc Minh")) == 1
    body = _key(facts, "UBND tỉnh Cao Bằng") | _key(facts, "Jawatankuasa Rakyat wilayah Cao Bang")
    assert len(body) == 1
    assert _key(facts, "Nguyen Thi Hang") != _key(facts, "Duc Minh")


def test_boilerplate_is_skipped() -> None:
    facts = _entities(ARTICLE, "ms")
    furniture = ARTICLE.index("Vietnam.vn")
    assert all(f.start > furniture + 40 for f in facts)
    assert "Komen" not in {f.text for f in facts}


def test_canonical_prefers_the_full_spelling_with_diacritics() -> None:
    facts = _entities(ARTICLE, "ms")
    person = next(f for f in facts if f.text == "Hang")
    assert person.value.canonical == "Nguyễn Thị Hằng"  # type: ignore[union-attr]
    assert person.value.key == "PER:nguyen-thi-hang"  # type: ignore[union-attr]


def test_acronym_in_brackets_shares_the_key() -> None:
    text = (
        "Suruhanjaya Pencegahan Rasuah Malaysia (SPRM) menahan dua pegawai. "
        "SPRM berkata siasatan diteruskan."
    )
    facts = _entities(text, "ms")
    keys = _key(facts, "Suruhanjaya Pencegahan Rasuah Malaysia") | _key(facts, "SPRM")
    assert len(keys) == 1


def test_different_people_keep_different_keys() -> None:
    text = "Encik Ahmad Kamal bertemu Puan Ahmad Fauziah di Ipoh. Encik Kamal bersetuju."
    facts = _entities(text, "ms")
    assert _key(facts, "Kamal") == _key(facts, "Ahmad Kamal")
    assert _key(facts, "Ahmad Kamal") != _key(facts, "Ahmad Fauziah")


def test_fold_and_gazetteer() -> None:
    assert fold("Trần Thanh Nhàn") == "tran thanh nhan"
    assert fold("Đà Nẵng") == "da nang"
    gaz = gazetteer()
    assert gaz.match(["lạng", "sơn"], 0, 2) == 2
    assert gaz.match(["lang", "son"], 0, 2) == 2  # folded spelling of a pycountry name
    assert gaz.match(["bà", "lan"], 0, 2) == 0  # a woman, not Ba Lan (Poland)
    assert gaz.match(["amerika", "syarikat"], 0, 2) == 2  # Malay name from pycountry


@pytest.mark.parametrize("code", ["ms", "vi", "en", "id"])
def test_every_language_has_a_lexicon(code: str) -> None:
    lex = lexicon(code)
    assert lex.phrases and lex.org_words


def test_map_label() -> None:
    assert map_label("B-PER") == "PER"
    assert map_label("I-ORGANIZATION") == "ORG"
    assert map_label("GPE") == "LOC"
    assert map_label("NORP") == "MISC"
    assert map_label("DATE") is None
    assert map_label("O") is None


class _FakeModel(StatisticalBackend):
    name = "fake/1"

    def spans(self, text: str, lang: str) -> list[tuple[int, int, str, float]]:  # type: ignore[override]
        at = text.find("Lang Son")
        return [(at, at + len("Lang Son"), "ORG", 0.9)] if at >= 0 else []


def test_merge_policy_statistical_wins_on_overlap() -> None:
    text = "Cik Tran Thanh Nhan melawat Lang Son dan Kuala Lumpur."
    facts = _entities(text, "ms", MergedEntities(_FakeModel()))
    found = {(f.text, f.value.label) for f in facts}  # type: ignore[union-attr]
    assert ("Lang Son", "ORG") in found  # statistical label kept over the rules' LOC
    assert ("Lang Son", "LOC") not in found
    assert ("Kuala Lumpur", "LOC") in found  # a rule span no model span overlaps
    assert ("Tran Thanh Nhan", "PER") in found


def _tiny_model(tmp_path: Path, bias_label: int | None) -> Path:
    import torch
    import transformers

    tmp_path.mkdir(parents=True, exist_ok=True)
    words = ["cik", "tran", "thanh", "nhan", "naib", "pengerusi", "wilayah", "lang", "son"]
    words += ["di", "hadir", ",", ".", "##s", "##an"]
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words]
    (tmp_path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = transformers.BertTokenizerFast(str(tmp_path / "vocab.txt"), do_lower_case=True)
    labels = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
    config = transformers.BertConfig(
        vocab_size=len(vocab),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
        num_labels=len(labels),
        id2label=dict(enumerate(labels)),
        label2id={label: i for i, label in enumerate(labels)},
    )
    torch.manual_seed(0)
    model = transformers.BertForTokenClassification(config)
    if bias_label is not None:  # make one label win everywhere, for an exact expectation
        with torch.no_grad():
            model.classifier.weight.zero_()
            model.classifier.bias.fill_(0.0)
            model.classifier.bias[bias_label] = 5.0
    model.save_pretrained(tmp_path)
    tokenizer.save_pretrained(tmp_path)
    return tmp_path


def test_transformers_backend_long_text_exact_offsets(tmp_path: Path) -> None:
    from newsfacts.entities.backends import TransformersEntities

    backend = TransformersEntities(str(_tiny_model(tmp_path, None)), max_length=16, stride=4)
    text = " ".join(["Cik Tran Thanh Nhan hadir di Lang Son ."] * 12)
    spans = backend.spans(text, "ms")
    for start, end, label, score in spans:
        assert text[start:end] == text[start:end].strip() and end > start
        assert label in ("PER", "LOC")
        assert 0.0 <= score <= 1.0
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))  # sorted, no overlap


def test_transformers_backend_decodes_bio(tmp_path: Path) -> None:
    from newsfacts.entities.backends import TransformersEntities

    text = "Cik Tran hadir di Lang Son"
    begin = TransformersEntities(str(_tiny_model(tmp_path / "b", 1)), max_length=8, stride=2)
    assert [text[s:e] for s, e, _, _ in begin.spans(text, "ms")] == text.split()
    inside = TransformersEntities(str(_tiny_model(tmp_path / "i", 2)), max_length=8, stride=2)
    assert [(text[s:e], lab) for s, e, lab, _ in inside.spans(text, "ms")] == [(text, "PER")]


def test_transformers_backend_in_the_document(tmp_path: Path) -> None:
    from newsfacts.entities.backends import TransformersEntities

    backend = TransformersEntities(str(_tiny_model(tmp_path, 1)), max_length=16, stride=4)
    text = "Cik Tran hadir.\n\nNaib Pengerusi hadir di Lang Son."
    facts = _entities(text, "ms", backend)
    assert facts and all(text[f.start : f.end] == f.text for f in facts)


def test_underthesea_backend() -> None:
    from newsfacts.entities.backends import UndertheseaEntities

    text = "Bà Trần Thanh Nhàn phát biểu tại Hà Nội."
    facts = _entities(text, "vi", UndertheseaEntities())
    found = {(f.text, f.value.label) for f in facts}  # type: ignore[union-attr]
    assert ("Trần Thanh Nhàn", "PER") in found
    assert ("Hà Nội", "LOC") in found


def test_spacy_pipeline_backend() -> None:
    import spacy

    from newsfacts.entities.backends import SpacyEntities

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Gordon Brown"},
                        {"label": "DATE", "pattern": "Monday"}])  # fmt: skip
    text = "On Monday Gordon Brown spoke in London."
    facts = _entities(text, "en", SpacyEntities(nlp))
    assert [(f.text, f.value.label) for f in facts] == [("Gordon Brown", "PER")]  # type: ignore[union-attr]


def test_spacy_component_sets_ents_and_article() -> None:
    import spacy

    import newsfacts.integrations.spacy  # noqa: F401  (registers the factory without the entry point)

    nlp = spacy.blank("xx")
    nlp.add_pipe("newsfacts", config={"lang": "ms"})
    doc = nlp("Cik Tran Thanh Nhan melawat wilayah Lang Son pada Isnin.")
    assert doc._.newsfacts is not None and doc._.newsfacts.error is None
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Tran Thanh Nhan", "PER"),
        ("Lang Son", "LOC"),
    ]
    assert doc.ents[0].kb_id_ == "PER:tran-thanh-nhan"


def test_every_mention_lists_all_spellings_of_its_entity() -> None:
    article = newsfacts.extract(
        "YTL Corp Bhd said its unit YTL Power International Bhd won the contract. "
        "YTL Corp shares rose, while YTL Power gained.",
        lang="en",
    )
    by_text = {f.text: f.value for f in article.facts_of("entity") if isinstance(f.value, Entity)}
    assert by_text["YTL Corp"].aliases == ("YTL Corp Bhd", "YTL Corp")
    assert by_text["YTL Power"].key == by_text["YTL Power International Bhd"].key
    assert by_text["YTL Power"].aliases == ("YTL Power International Bhd", "YTL Power")
    record = next(r for r in article.records() if r.get("text") == "YTL Power")
    assert record["value"]["aliases"] == ["YTL Power International Bhd", "YTL Power"]


def test_a_head_word_and_one_name_word_share_a_key_but_not_a_longer_name() -> None:
    text = "Ngân hàng Vietcombank và Vietcombank; Ngân hàng Quân đội và Quân đội."
    block = Block(0, 0, len(text), "paragraph", text, "vi")
    names = ["Ngân hàng Vietcombank", "Vietcombank", "Ngân hàng Quân đội", "Quân đội"]
    starts, at = [], 0
    for name in names:
        at = text.index(name, at)
        starts.append(at)
        at += len(name)
    mentions = [
        to_mention(block, "vi", s, s + len(n), "ORG") for s, n in zip(starts, names, strict=True)
    ]
    keys = [m.key for m in assign_keys(text, [block], [m for m in mentions if m is not None])]
    assert keys[0] == keys[1] and keys[2] != keys[3]
