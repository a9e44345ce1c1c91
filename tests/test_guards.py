"""The bounds that keep one bad document from stalling or sinking a run."""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsfacts.model import Block, Context, Fact
from newsfacts.pipeline import Extractor


class Catastrophic:
    """A scanner with a backtracking pattern: exponential time on a run of 'a's."""

    name = "test.catastrophic"
    pattern = re.compile(r"^(a|aa)+$")

    def scan(self, ctx: Context, block: Block) -> Iterable[Fact]:
        self.pattern.match(block.text.split()[-1] + "b")
        return []


def test_a_runaway_scanner_becomes_an_error_record() -> None:
    extractor = Extractor(scanners=[Catastrophic()], entities=[], linkers=[], time_limit=0.5)
    # A body paragraph (scanned), ending in the run of 'a's the pattern chokes on.
    article = extractor.extract(
        "Ini satu ayat biasa yang cukup panjang untuk perenggan " + "a" * 60
    )
    assert article.error is not None and "time_limit" in article.error
    assert article.facts == ()
    # The next document is processed normally: the alarm was disarmed.
    assert extractor.extract("a" * 5, doc_id="fast").error is None


def test_an_oversized_document_becomes_an_error_record() -> None:
    extractor = Extractor(max_chars=1_000)
    article = extractor.extract("Harga naik 5%. " * 100, doc_id="big")
    assert article.error is not None and "max_chars" in article.error
    assert [r["record"] for r in article.records()] == ["document"]


def test_a_failing_stage_becomes_an_error_record_not_an_exception() -> None:
    class Broken:
        name = "test.broken"

        def scan(self, ctx: Context, block: Block) -> Iterable[Fact]:
            raise ValueError("boom")

    article = Extractor(scanners=[Broken()]).extract("Satu dua tiga.", doc_id="x")
    assert article.error == "ValueError: boom"
