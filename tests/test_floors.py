"""The evaluation gate: measured accuracy on the spec files may not fall below the floors.

Floors live in tests/floors.json as {lang: {type: {"precision": x, "recall": y, "f1": z}}}.
Raising a floor is a one-line change; lowering one needs a reason in the commit message.
"""

from __future__ import annotations

import json

from devtools.evaluate import below_floors, evaluate, load_cases

from newsfacts.pipeline import Extractor

from .conftest import ROOT, SPECS, outcome_of

FLOORS = json.loads((ROOT / "tests" / "floors.json").read_text(encoding="utf-8"))


def test_accuracy_is_not_below_the_recorded_floors(extractor: Extractor) -> None:
    scores = evaluate(outcome_of(case, extractor) for case in load_cases(SPECS))
    below = below_floors(scores, FLOORS)
    assert not below, "accuracy fell below the recorded floor:\n" + "\n".join(below)
