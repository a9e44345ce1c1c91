"""One test per hand-written spec case (tests/specs/<lang>/<kind>.jsonl)."""

from __future__ import annotations

import pytest
from devtools.evaluate import Case, load_cases

from newsfacts.pipeline import Extractor

from .conftest import SPECS, outcome_of

CASES = load_cases(SPECS)


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=f"{case.lang}/{case.kind}/{case.id}", marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_spec_case(case: Case, extractor: Extractor) -> None:
    outcome = outcome_of(case, extractor)
    assert outcome.ok, f"{case.source}:\n  " + "\n  ".join(outcome.problems)
