"""Shared fixtures. Every record any test produces is validated against the JSON Schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from devtools.evaluate import Case, Outcome, check

from newsfacts.model import Article
from newsfacts.pipeline import Extractor
from newsfacts.schema import validate

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "tests" / "specs"


@pytest.fixture(autouse=True, scope="session")
def _validate_every_record() -> Iterator[None]:
    """Wraps the pipeline so that every article made during the tests is schema-checked."""
    original = Extractor.process

    def process(self: Extractor, source):  # type: ignore[no-untyped-def]
        article: Article = original(self, source)
        for record in article.records():
            validate(record)
        for fact in article.facts:
            assert article.text[fact.start : fact.end] == fact.text, fact
        return article

    Extractor.process = process  # type: ignore[method-assign]
    yield
    Extractor.process = original  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


_OUTCOMES: dict[str, Outcome] = {}


def outcome_of(case: Case, extractor: Extractor) -> Outcome:
    """The outcome of a spec case, computed once per session (the spec tests and the floor
    gate both need it)."""
    if case.id not in _OUTCOMES:
        _OUTCOMES[case.id] = check(case, extractor)
    return _OUTCOMES[case.id]


@pytest.fixture(scope="session")
def service() -> Iterator[Any]:
    """An httpx client of a real fact service (two workers, default bounds) on loopback."""
    import httpx

    from newsfacts.service import ServiceConfig

    from .serving import running

    with running(ServiceConfig(workers=2)) as base, httpx.Client(base_url=base, timeout=120) as c:
        yield c
