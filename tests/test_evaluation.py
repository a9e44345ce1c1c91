"""The scoring engine's per-label entity rows, and the held-out entity floors.

tests/heldout holds news sentences written and annotated without looking at the entity rules
(tests/heldout/README.md); its floors (tests/heldout/floors.json for the default backend,
floors_rules.json for the rules alone; the format of tests/floors.json) keep the accuracy on
unseen text from regressing silently.
"""

from __future__ import annotations

import json
from typing import Any

from devtools.evaluate import Case, below_floors, check, evaluate, load_cases

from newsfacts.model import Article, Entity, Fact
from newsfacts.pipeline import Extractor

from .conftest import ROOT

HELDOUT = ROOT / "tests" / "heldout"


class _Found:
    """Stands in for the pipeline: returns the given entities for any text."""

    def __init__(self, *spans: tuple[str, str]) -> None:
        self.spans = spans

    def extract(self, text: str, **_: Any) -> Article:
        facts = []
        for mention, label in self.spans:
            start = text.index(mention)
            entity = Entity(label, mention, mention.lower())  # type: ignore[arg-type]
            facts.append(
                Fact("t", "entity", mention, start, start + len(mention), "en", 0, entity, "test")
            )
        return Article("t", text, "", facts=tuple(facts))


def _expect(mention: str, label: str, text: str) -> dict[str, Any]:
    return {"text": mention, "start": text.index(mention), "value": {"label": label}}


def test_entity_scores_are_also_counted_per_label() -> None:
    text = "Mr Brown met Acme in Paris."
    case = Case(
        "per-label",
        "en",
        "entities",
        text,
        expect=tuple(
            _expect(m, label, text)
            for m, label in (("Brown", "PER"), ("Acme", "ORG"), ("Paris", "LOC"))
        ),
    )
    # Brown right; Acme found as LOC (an fp of LOC, an fn of ORG); Paris missed; Mr unexpected.
    found = _Found(("Brown", "PER"), ("Acme", "LOC"), ("Mr", "MISC"))
    outcome = check(case, found)  # type: ignore[arg-type]
    counts = {key[1]: (s.tp, s.fp, s.fn) for key, s in evaluate([outcome]).items()}
    assert counts == {
        "entity": (1, 2, 2),
        "entity:PER": (1, 0, 0),
        "entity:ORG": (0, 0, 1),
        "entity:LOC": (0, 1, 1),
        "entity:MISC": (0, 1, 0),
    }


def test_below_floors_names_each_shortfall_and_each_unmeasured_floor() -> None:
    text = "Acme hired Brown."
    case = Case("floors", "en", "entities", text, expect=(_expect("Brown", "PER", text),))
    scores = evaluate([check(case, _Found(("Brown", "PER"), ("Acme", "PER")))])  # type: ignore[arg-type]
    floors = {"en": {"entity:PER": {"precision": 0.9, "recall": 1.0}, "entity:ORG": {"f1": 0.5}}}
    assert below_floors(scores, floors) == [
        "en/entity:PER precision 0.500 < floor 0.9",
        "floor for en/entity:ORG but no spec case measures it",
    ]


def test_heldout_entity_accuracy_is_not_below_its_floors(extractor: Extractor) -> None:
    floors = json.loads((HELDOUT / "floors.json").read_text(encoding="utf-8"))
    scores = evaluate(check(case, extractor) for case in load_cases(HELDOUT))
    below = below_floors(scores, floors)
    assert not below, "held-out entity accuracy fell below its floor:\n" + "\n".join(below)


def test_heldout_entity_accuracy_of_the_rules_is_not_below_its_floors() -> None:
    """The same sentences through the rule backend alone (``entities=["rules"]``: the
    taggers' features, and a backend of its own); floors in tests/heldout/floors_rules.json."""
    floors = json.loads((HELDOUT / "floors_rules.json").read_text(encoding="utf-8"))
    rules = Extractor(entities=["rules"])
    scores = evaluate(check(case, rules) for case in load_cases(HELDOUT))
    below = below_floors(scores, floors)
    assert not below, "held-out rule entity accuracy fell below its floor:\n" + "\n".join(below)
