"""The per-language data files: valid against their schemas, and every entry exercised."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import jsonschema
import pytest
from devtools.evaluate import load_cases

from newsfacts.lang import loader

from .conftest import ROOT, SPECS

LANG_DIR = ROOT / "src" / "newsfacts" / "lang"
DATA_FILES = sorted(LANG_DIR.glob("*/*.yaml"))
LANGUAGE_FILES = [p for p in DATA_FILES if p.parent.name != loader.BASE]
SCHEMAS = sorted((LANG_DIR / "schemas").glob("*.schema.json"))


def _spec_text(code: str | None) -> str:
    """The text of the spec cases of ``code``, or of every language."""
    return "\n".join(c.text for c in load_cases(SPECS) if code in (None, c.lang)).casefold()


def test_there_is_data_for_every_language() -> None:
    assert {p.parent.name for p in LANGUAGE_FILES} == set(loader.LANGUAGES)


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_a_valid_json_schema(schema: Path) -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(schema.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_data_file_loads_and_validates(path: Path) -> None:
    data = loader.own(path.parent.name, path.stem)
    assert data is not None and loader.words(data), "a data file with no entries"


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_entry_is_exercised_by_a_spec_case(path: Path) -> None:
    code = path.parent.name
    # an entry of the shared layer may be exercised in any language
    text = _spec_text(None) if code == loader.BASE else _spec_text(code)
    missing = [w for w in loader.words(loader.own(code, path.stem)) if w.casefold() not in text]
    assert not missing, f"entries of {code}/{path.name} that no {code} spec case uses: {missing}"


def test_invalid_data_fails_loudly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ms").mkdir()
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "blocks.schema.json").write_text(
        (LANG_DIR / "schemas" / "blocks.schema.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    broken = "photo_credit: Foto\nsource: [S]\ncomments: [K]\nend_markers: [E]\nbyline: [B]\n"
    (tmp_path / "ms" / "blocks.yaml").write_text(broken, encoding="utf-8")
    with (
        _root_at(tmp_path, monkeypatch),
        pytest.raises(loader.LanguageDataError, match="photo_credit"),
    ):
        loader.load("ms", "blocks")


@contextmanager
def _root_at(root: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The loader reading language data under ``root``, its caches emptied around it."""
    caches = (loader.load, loader.own, loader.schema, loader.available, loader._validator)
    monkeypatch.setattr(loader, "_root", lambda: root)
    for cached in caches:
        cached.cache_clear()
    try:
        yield
    finally:
        monkeypatch.undo()
        for cached in caches:
            cached.cache_clear()


def test_every_language_inherits_the_shared_layer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "currencies.schema.json").write_text(
        (LANG_DIR / "schemas" / "currencies.schema.json").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    for code, text in (
        (loader.BASE, "_note: shared\nUSD: {symbols: [US$, $]}\nEUR: {symbols: [€]}\n"),
        ("ms", "_note: Malay\nUSD: {symbols: [$], names: [dolar]}\nMYR: {symbols: [RM]}\n"),
    ):
        (tmp_path / code).mkdir()
        (tmp_path / code / "currencies.yaml").write_text(text, encoding="utf-8")
    with _root_at(tmp_path, monkeypatch):
        assert loader.available("currencies") == loader.LANGUAGES
        assert loader.load("ms", "currencies") == {
            "_note": "Malay",  # the language's own value wins
            "USD": {"symbols": ["US$", "$"], "names": ["dolar"]},  # lists add, once each
            "EUR": {"symbols": ["€"]},  # inherited
            "MYR": {"symbols": ["RM"]},
        }
        assert loader.load("vi", "currencies") == loader.own(loader.BASE, "currencies")


def test_words_reads_keys_and_items_but_not_notes() -> None:
    data = {"_note": "x", "scales": {"juta": 6}, "currency": {"MYR": ["ringgit", "RM"]}}
    assert loader.words(data) == ["juta", "ringgit", "RM"]
