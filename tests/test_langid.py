"""Language identification: answers, scores, bad input, blocks, backends, the shipped model."""

from __future__ import annotations

import unicodedata

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts import detect_language, registry
from newsfacts.lang import loader
from newsfacts.langid.detect import (
    Guess,
    _sample,
    distribution,
    label_blocks,
)
from newsfacts.langid.model import (
    CLASSES,
    MODEL_FILE,
    WIDTH,
    LinearModel,
    default_model,
    ngrams,
    tokens,
)
from newsfacts.langid.msid import discriminate, split_malay_indonesian
from newsfacts.model import Block
from newsfacts.settings import LangidSettings

from .conftest import ROOT

MALAY = (
    "Kerajaan negeri bersetuju untuk membina hospital baharu di daerah itu kerana "
    "jumlah penduduk meningkat dengan pesat sejak lima tahun yang lalu."
)
INDONESIAN = (
    "Pemerintah provinsi sepakat membangun rumah sakit baru di kabupaten itu karena "
    "jumlah penduduk meningkat pesat sejak lima tahun terakhir."
)
VIETNAMESE_CAPTION = "Bà Nguyễn Thị Lan, Phó Chủ tịch UBND tỉnh. Ảnh: Minh Khang."


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (MALAY, "ms"),
        (INDONESIAN, "id"),
        (VIETNAMESE_CAPTION, "vi"),
        ("The ministry said the programme would cost more than $1.2bn over five years.", "en"),
        ("東京は日本の首都であり、人口が最も多い都市です。", "other"),
        ("Москва является столицей России.", "other"),
        (
            "Le gouvernement a annoncé hier une nouvelle réforme des retraites très contestée.",
            "other",
        ),
        ("Die Regierung hat gestern eine neue Reform der Renten angekündigt.", "other"),
    ],
)
def test_detects_the_language(text: str, lang: str) -> None:
    guess = detect_language(text)
    assert guess.lang == lang
    assert guess.score is not None and 0.5 < guess.score <= 1.0


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t ", "12,465 | 3.36% | 20/12/2025", "\x00\x01\x1b\x7f", "\ud800\udfff", "…—–•"],
)
def test_nothing_to_judge_is_null(text: str) -> None:
    assert detect_language(text) == Guess(None, None)


def test_lone_surrogates_around_text_are_ignored() -> None:
    assert detect_language("\ud800" + MALAY + "\udfff").lang == "ms"


def test_huge_input_is_sampled_not_refused() -> None:
    # Several megabytes of one language, and of unseen random letters: an answer, no error.
    assert detect_language(MALAY * 20_000).lang == "ms"
    junk = "".join(chr(97 + (i * 7919) % 26) * (1 + i % 9) + " " for i in range(300_000))
    guess = detect_language(junk)
    assert guess.lang is not None
    assert guess.score is not None and 0.0 <= guess.score <= 1.0


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_gives_a_valid_answer(text: str) -> None:
    guess = detect_language(text)
    assert guess.lang in (*CLASSES, None)
    assert (guess.lang is None) == (guess.score is None)
    assert guess.score is None or 0.0 <= guess.score <= 1.0


def test_decomposed_vietnamese_is_normalised() -> None:
    import unicodedata

    assert detect_language(unicodedata.normalize("NFD", VIETNAMESE_CAPTION)).lang == "vi"


def test_longer_text_is_more_certain() -> None:
    short = detect_language("Dia menyimpan duit di bank.")
    long = detect_language(MALAY + " " + MALAY)
    assert short.score is not None and long.score is not None
    assert short.score < long.score


ENGLISH = (
    "The state government agreed to build a new hospital in the district because the "
    "population has grown quickly over the last five years, officials said on Monday."
)

LANGID = LangidSettings()


def test_long_paragraph_with_agreeing_ends_is_judged_by_its_ends() -> None:
    text = " ".join([MALAY, INDONESIAN, MALAY])  # Malay at both ends
    sample = _sample(text, LANGID)
    assert len(sample) <= LANGID.sample_chars < len(text) <= LANGID.sampled_max
    assert set(tokens(sample)) <= set(tokens(text))  # no word cut in two
    assert sample.startswith("Kerajaan negeri") and sample.endswith("yang lalu.")
    assert detect_language(text).lang == "ms"


def test_long_paragraph_whose_ends_disagree_is_read_in_full() -> None:
    # Opens in Malay, then English: the sample is Malay + English, the whole text English.
    text = " ".join([MALAY, ENGLISH, ENGLISH])
    sampled = distribution(_sample(text, LANGID))
    assert sampled is not None and max(sampled) < LANGID.decisive
    assert detect_language(text).lang == "en"


def test_document_sized_text_is_read_in_full() -> None:
    # Malay at both ends, English in the middle: only a full reading finds the English.
    text = " ".join([MALAY, *[ENGLISH] * 15, MALAY])
    assert len(text) > LANGID.sampled_max and _sample(text, LANGID) is text
    assert detect_language(text).lang == "en"


def _block(i: int, start: int, kind: str, text: str) -> Block:
    return Block(i=i, start=start, end=start + len(text), kind=kind, text=text)  # type: ignore[arg-type]


def _page(parts: list[tuple[str, str]]) -> list[Block]:
    blocks, start = [], 0
    for i, (kind, text) in enumerate(parts):
        blocks.append(_block(i, start, kind, text))
        start += len(text) + 2
    return blocks


def test_mixed_page_keeps_each_block_language() -> None:
    blocks = _page(
        [
            ("boilerplate", "Trang chủ - Tin tức"),
            ("title", "Bantuan untuk golongan miskin"),
            ("paragraph", MALAY),
            ("caption", VIETNAMESE_CAPTION),
            ("caption", "Cik Nguyen Thi Lan, Naib Pengerusi wilayah. Foto: Minh Khang."),
            ("paragraph", MALAY.replace("hospital", "sekolah")),
            ("boilerplate", "Dalam kategori yang sama"),
        ]
    )
    labelled, doc = label_blocks(blocks)
    assert [b.lang for b in labelled] == ["vi", "ms", "ms", "vi", "ms", "ms", "ms"]
    assert doc.lang == "ms" and doc.score is not None and doc.score > 0.9
    assert all(b.lang_score is not None and 0 <= b.lang_score <= 1 for b in labelled)
    assert [(b.i, b.start, b.end, b.kind, b.text) for b in labelled] == [
        (b.i, b.start, b.end, b.kind, b.text) for b in blocks
    ]


def test_document_language_is_the_main_content_not_the_furniture() -> None:
    menu = [("boilerplate", line) for line in ("Home", "World news", "Contact us", "Share")]
    blocks = _page([*menu, ("paragraph", INDONESIAN), *menu])
    _, doc = label_blocks(blocks)
    assert doc.lang == "id"


ENGLISH = (
    "The state government agreed to build a new hospital in the district because its "
    "population has grown quickly over the last five years."
)


# Menu lines too short to judge alone (both are xfail spec cases): the page decides.
@pytest.mark.parametrize(
    ("paragraph", "menu", "lang"),
    [(MALAY, "Dalam kategori yang sama", "ms"), (ENGLISH, "Read more", "en")],
    ids=["malay-menu-line", "english-menu-line"],
)
def test_short_block_leans_on_the_document(paragraph: str, menu: str, lang: str) -> None:
    alone = detect_language(menu)
    blocks = _page([("paragraph", paragraph), ("paragraph", paragraph), ("boilerplate", menu)])
    labelled, _ = label_blocks(blocks)
    assert labelled[-1].lang == lang
    assert alone.score is not None and labelled[-1].lang_score is not None
    assert labelled[-1].lang_score > (alone.score if alone.lang == lang else 0.5)


def test_no_blocks_and_no_letters() -> None:
    assert label_blocks([]) == ([], Guess(None, None))
    labelled, doc = label_blocks(_page([("paragraph", "2021 - 2025"), ("byline", "20/12/2025")]))
    assert doc == Guess(None, None)
    assert [b.lang for b in labelled] == [None, None]


@pytest.mark.parametrize(("code", "sign"), [("ms", 1.0), ("id", -1.0)])
def test_the_model_learned_every_marker(code: str, sign: float) -> None:
    """Each listed spelling (bahawa/bahwa, boleh/bisa, ...) leans its own way in the msid head."""
    model = default_model()
    msid = len(CLASSES)
    for word in loader.load(code, "langid")["markers"]:
        assert word in model.word_index, word
        assert sign * model.vector(word)[msid] > 0, word


@pytest.mark.parametrize(
    ("malay", "indonesian"),
    [
        (
            "Dia berkata bahawa harga naik kerana permintaan tinggi.",
            "Dia berkata bahwa harga naik karena permintaan tinggi.",
        ),
        (
            "Orang ramai boleh mendaftar mulai esok.",
            "Masyarakat bisa mendaftar mulai besok.",
        ),
        ("Keputusan diumumkan pada 5 Disember.", "Keputusan diumumkan pada 5 Desember."),
    ],
)
def test_minimal_pairs(malay: str, indonesian: str) -> None:
    assert discriminate(malay)[0] == "ms"
    assert discriminate(indonesian)[0] == "id"
    assert split_malay_indonesian(malay) > 0.5 > split_malay_indonesian(indonesian)


def test_discriminator_without_letters_is_undecided() -> None:
    assert split_malay_indonesian("2025") == 0.5


def _token_sum(text: str) -> list[float]:
    """The reference definition of a text's features: its tokens' vectors, summed."""
    model = default_model()
    total = np.zeros(WIDTH, dtype=np.float64)
    for token in tokens(unicodedata.normalize("NFC", text.replace("\ud800", ""))):
        total += model.vector(token)
    return [float(v) for v in total]


CHUNKY = [
    "“Kerajaan,” katanya (2023): RM2.3 bilion; undang-undang ke-5 Pemerintahannyalah!",
    unicodedata.normalize("NFD", "Bà Nguyễn Thị Lan, Phó Chủ tịch UBND tỉnh."),
    "Zxqwv zxqwv, ZXQWV... france's 28-year-old x\ud800y",
    "a" * 100 + " " + "b." * 40,
    "12,465 | 3.36% | 20/12/2025",
    "",
]


@pytest.mark.parametrize("text", CHUNKY)
def test_cached_chunks_score_as_their_tokens(text: str) -> None:
    """The chunk cache (and the "itu," -> "itu" shortcut) changes nothing: twice, same sums."""
    model = default_model()
    for _ in range(2):  # the first call fills the cache, the second reads it
        assert model.features(text).tolist() == pytest.approx(_token_sum(text), abs=1e-3)


def test_batch_equals_one_by_one_and_survives_a_full_cache() -> None:
    model = LinearModel.load(dict(np.load(ROOT / "src" / "newsfacts" / "models" / MODEL_FILE)))
    texts = [*CHUNKY, MALAY, INDONESIAN]
    model.features_many(texts[:2])
    # Fill the cache to the brim with keys of the zero row: the next miss must flush it.
    model._rows.update((f"#{i}", len(model.word_index)) for i in range(len(model.table)))
    many = model.features_many(texts)
    assert len(model._rows) < len(model.table)
    for text, row in zip(texts, many, strict=True):
        assert row.tolist() == pytest.approx(_token_sum(text), abs=1e-3)
        assert model.features(text).tolist() == pytest.approx(row.tolist(), abs=1e-3)


def test_unseen_tokens_score_by_the_mean_of_their_ngrams() -> None:
    model = default_model()
    table = model.grams
    unseen = ["zxqwvkerajaan", "xqj", "đồngxyzq"]
    assert not any(t in model.word_index for t in unseen)
    batch = table.means(unseen)  # all tokens in one pass
    for token, row in zip(unseen, batch, strict=True):
        weights = [table.weights[table.index.get(g, table.missing)] for g in ngrams(token)]
        assert row.tolist() == pytest.approx(np.mean(weights, axis=0).tolist(), abs=1e-6)
        assert model.vector(token)[: len(row)].tolist() == pytest.approx(row.tolist(), abs=1e-6)


def test_tokens_and_ngrams() -> None:
    assert tokens("RM2.3 bilion, Rp10 ribu; ĐỒNG_x") == ["rm", "bilion", "rp", "ribu", "đồng", "x"]
    assert len(tokens("a" * 100)) == 5  # long runs are cut, not dropped
    assert ngrams("ab") == ["a", "b", "^a", "ab", "b$", "^ab", "ab$", "^ab$"]
    assert all(len(ngrams(w)) == 4 * len(w) for w in ("a", "kerana", "pemerintahannya"))


def test_langdetect_backend_is_seeded_and_separates_malay() -> None:
    first = detect_language(MALAY, backend="langdetect")
    assert first == detect_language(MALAY, backend="langdetect")
    assert first.lang == "ms"
    assert detect_language(INDONESIAN, backend="langdetect").lang == "id"
    assert detect_language("", backend="langdetect") == Guess(None, None)
    assert detect_language("https://x.y/z", backend="langdetect").lang is not None


def test_unknown_backend_is_refused() -> None:
    assert registry.names("langid")[0] == "newsfacts"
    with pytest.raises(ValueError, match="unknown langid backend"):
        detect_language("text", backend="nope")


def test_shipped_model_is_small_and_in_the_package() -> None:
    path = ROOT / "src" / "newsfacts" / "models" / MODEL_FILE
    assert path.is_file()
    assert path.stat().st_size < 2_000_000
