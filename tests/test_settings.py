"""The settings object: defaults, changes by name, and that the stages read it."""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError, replace
from pathlib import Path

import pytest
from devtools.settings_table import table

from newsfacts.cli import main
from newsfacts.pipeline import Extractor
from newsfacts.settings import DEFAULTS, LayoutSettings, Settings, names

from .conftest import ROOT

PAGE = "Harga beras naik 10% minggu ini\n\nHarga beras di pasar naik 10% pada minggu ini."


def test_defaults_are_frozen_and_named() -> None:
    assert Settings() == DEFAULTS
    assert DEFAULTS.layout.title_max_words == 30
    with pytest.raises(FrozenInstanceError):
        DEFAULTS.layout.title_max_words = 3  # type: ignore[misc]
    assert "layout.title_max_words" in names() and "limits.time_limit" in names()


def test_with_values_converts_strings_to_the_field_type() -> None:
    changed = DEFAULTS.with_values(
        [
            ("layout.title_max_words", "4"),
            ("langid.prior_weight", "0.5"),
            ("limits.max_chars", "none"),
        ]
    )
    assert changed.layout.title_max_words == 4
    assert changed.langid.prior_weight == 0.5
    assert changed.limits.max_chars is None
    assert changed.layout.byline_max_words == DEFAULTS.layout.byline_max_words


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        (("layout.nope", "1"), "unknown setting"),
        (("nope.title_max_words", "1"), "unknown setting"),
        (("layout.title_max_words", "many"), "needs a number"),
        (("layout.title_max_words", "none"), "cannot be none"),
    ],
)
def test_bad_values_are_refused(pair: tuple[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        DEFAULTS.with_values([pair])


def test_layout_reads_its_settings() -> None:
    assert Extractor().extract(PAGE).title == "Harga beras naik 10% minggu ini"
    short = replace(DEFAULTS, layout=LayoutSettings(title_max_words=3))
    assert Extractor(settings=short).extract(PAGE).title is None


def test_langid_reads_its_settings() -> None:
    # a short block leans on the document's language, as much as the prior weight says
    page = "Kerajaan negeri bersetuju membina sebuah hospital baharu di daerah itu kerana " \
        "penduduk bertambah dengan cepat.\n\nRead more"  # fmt: skip
    leaning = Extractor().extract(page).blocks[-1]
    alone = Extractor(settings=DEFAULTS.with_values([("langid.prior_weight", 0.0)]))
    assert leaning.lang == "ms" and leaning.lang_score is not None
    unaided = alone.extract(page).blocks[-1].lang_score
    assert unaided is not None and unaided < leaning.lang_score - 0.1


def test_limits_shortcuts_and_settings_agree() -> None:
    by_shortcut = Extractor(max_chars=100, time_limit=None).settings.limits
    by_settings = Extractor(settings=DEFAULTS.with_values([("limits.max_chars", 100)]))
    assert by_shortcut.max_chars == by_settings.settings.limits.max_chars == 100
    assert by_shortcut.time_limit is None
    assert "max_chars" in (Extractor(max_chars=100).extract("x" * 101).error or "")


def test_the_readme_table_is_the_settings() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- settings-table")
    shown = readme[readme.index("\n", start) + 1 : readme.index("<!-- /settings-table -->")]
    assert shown.strip() == table().strip()
    assert all(f"`{name}`" in shown for name in names())


def test_the_cli_sets_thresholds_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "page.txt"
    source.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = ["extract", str(source), "-o", str(out), "-q", "-w", "1"]
    assert main(args) == 0
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["title"] is not None
    assert main([*args, "--set", "layout.title_max_words=3"]) == 0
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["title"] is None
    assert main([*args, "--set", "layout.nope=3"]) == 2
    assert "unknown setting 'layout.nope'" in capsys.readouterr().err
    assert main([*args, "--set", "layout.title_max_words"]) == 2


def test_a_resumed_run_must_extract_with_the_same_settings(tmp_path: Path) -> None:
    from newsfacts.io.readers import ArticleReader
    from newsfacts.io.runner import fingerprint

    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    reader = ArticleReader([str(tmp_path)])
    first = fingerprint(reader, None, "jsonl", {"settings": DEFAULTS, "langid": "newsfacts"})
    again = fingerprint(reader, None, "jsonl", {"langid": "newsfacts", "settings": Settings()})
    other = DEFAULTS.with_values([("layout.title_max_words", 3)])
    assert first == again
    assert first != fingerprint(reader, None, "jsonl", {"settings": other, "langid": "newsfacts"})
    assert json.dumps(first)  # the journal stores it as JSON
