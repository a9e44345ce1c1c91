"""Components by name: the built-in ones, and one a separately installed package adds through
a real entry point (a ``.dist-info`` folder on ``sys.path``, as pip would leave it)."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsfacts import detect_language, registry
from newsfacts.cli import main
from newsfacts.dates.scanner import DateScanner
from newsfacts.entities.backends import MergedEntities
from newsfacts.entities.rules import RuleEntities
from newsfacts.pipeline import Extractor

PLUGIN = '''
from newsfacts.langid.model import CLASSES
from newsfacts.model import Entity, Fact


class Shouting:
    """Every word in capitals is a MISC entity."""

    name = "plugin.shouting/1"

    def entities(self, ctx, blocks):
        found = []
        for block in blocks:
            offset = 0
            for word in block.text.split():
                at = block.text.index(word, offset)
                offset = at + len(word)
                if word.isupper() and len(word) > 2:
                    found.append(Fact(
                        doc_id=ctx.doc_id, type="entity", text=word, start=block.start + at,
                        end=block.start + offset, lang=block.lang, block=block.i,
                        value=Entity("MISC", word, word.lower()), extractor=self.name,
                        confidence=1.0,
                    ))
        return found


def always_vietnamese():
    return lambda text: tuple(1.0 if c == "vi" else 0.0 for c in CLASSES)
'''


@pytest.fixture()
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    (tmp_path / "nf_test_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = tmp_path / "nf_test_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: nf-test-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        textwrap.dedent(
            """\
            [newsfacts.entities]
            shouting = nf_test_plugin:Shouting
            rules = nf_test_plugin:Shouting

            [newsfacts.langid]
            always-vi = nf_test_plugin:always_vietnamese
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    registry.refresh()
    yield
    registry.refresh()


def test_built_in_names() -> None:
    assert registry.names("langid") == ["newsfacts", "langdetect", "lingua", "lingua-low"]
    assert registry.names("entities")[:5] == [
        "rules",
        "crf",
        "underthesea",
        "spacy",
        "transformers",
    ]
    assert registry.names("dates") == ["newsfacts"]
    assert isinstance(registry.create("dates", "newsfacts"), DateScanner)


def test_unknown_names_say_what_there_is() -> None:
    with pytest.raises(ValueError, match="unknown entities backend 'nope'; choose from: rules"):
        Extractor(entities=["nope"])
    with pytest.raises(ValueError, match="unknown langid backend 'nope'"):
        Extractor(langid="nope")
    with pytest.raises(ValueError, match="unknown kind"):
        registry.names("colours")


def test_rules_merge_with_one_statistical_backend() -> None:
    (merged,) = Extractor(entities=["rules", "underthesea"]).entities
    assert isinstance(merged, MergedEntities) and isinstance(merged.rules, RuleEntities)
    with pytest.raises(ValueError, match="one statistical entity backend"):
        Extractor(entities=["rules", "underthesea", "underthesea"])


@pytest.mark.usefixtures("plugin")
def test_a_plugin_adds_backends_but_cannot_hide_a_built_in() -> None:
    assert "shouting" in registry.names("entities")
    assert registry.factory("entities", "rules") is RuleEntities
    article = Extractor(entities=["shouting"]).extract("Laporan BERNAMA hari ini.")
    assert [(f.text, f.value.record()["label"]) for f in article.facts if f.type == "entity"] == [
        ("BERNAMA", "MISC")
    ]
    assert detect_language("Kerajaan akan membina rumah.", backend="always-vi").lang == "vi"


@pytest.mark.usefixtures("plugin")
def test_the_cli_picks_backends_by_name(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Laporan BERNAMA hari ini, harga naik 5% pada 2024.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = ["extract", str(source), "-o", str(out), "-q", "-w", "1"]
    assert main([*args, "--entities", "shouting", "--langid", "always-vi"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records[0]["lang"] == "vi"
    assert [r["text"] for r in records if r.get("type") == "entity"] == ["BERNAMA"]
    assert main([*args, "--entities", "nope"]) == 2
