"""The per-language data files: valid against their schemas, and every entry exercised."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from devtools.evaluate import load_cases

from newsfacts.lang import loader

from .conftest import ROOT, SPECS

LANG_DIR = ROOT / "src" / "newsfacts" / "lang"
DATA_FILES = sorted(LANG_DIR.glob("*/*.yaml"))
SCHEMAS = sorted((LANG_DIR / "schemas").glob("*.schema.json"))


def _spec_text(code: str) -> str:
    return "\n".join(c.text for c in load_cases(SPECS) if c.lang == code).casefold()


def test_there_is_data_for_every_language() -> None:
    assert {p.parent.name for p in DATA_FILES} == set(loader.LANGUAGES)


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_a_valid_json_schema(schema: Path) -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(schema.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_data_file_loads_and_validates(path: Path) -> None:
    data = loader.load(path.parent.name, path.stem)
    assert loader.words(data), "a data file with no entries"


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_entry_is_exercised_by_a_spec_case(path: Path) -> None:
    code = path.parent.name
    text = _spec_text(code)
    missing = [w for w in loader.words(loader.load(code, path.stem)) if w.casefold() not in text]
    assert not missing, f"entries of {code}/{path.name} that no {code} spec case uses: {missing}"


def test_invalid_data_fails_loudly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ms").mkdir()
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "blocks.schema.json").write_text(
        (LANG_DIR / "schemas" / "blocks.schema.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    broken = "photo_credit: Foto\nsource: [S]\ncomments: [K]\nend_markers: [E]\nbyline: [B]\n"
    (tmp_path / "ms" / "blocks.yaml").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(loader, "_root", lambda: tmp_path)
    loader.load.cache_clear()
    loader.schema.cache_clear()
    try:
        with pytest.raises(loader.LanguageDataError, match="photo_credit"):
            loader.load("ms", "blocks")
    finally:
        loader.load.cache_clear()
        loader.schema.cache_clear()


def test_words_reads_keys_and_items_but_not_notes() -> None:
    data = {"_note": "x", "scales": {"juta": 6}, "currency": {"MYR": ["ringgit", "RM"]}}
    assert loader.words(data) == ["juta", "ringgit", "RM"]
