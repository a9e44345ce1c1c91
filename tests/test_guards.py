"""The bounds that keep one bad document from stalling or sinking a run."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable

import pytest

from newsfacts.entities import RuleEntities
from newsfacts.entities.backends import CrfEntities
from newsfacts.guard import DocumentTimeout, time_limit
from newsfacts.linking import TimeLinker
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


def test_the_time_limit_holds_outside_the_main_thread() -> None:
    # No SIGALRM in a thread: the deadline checked between stages and blocks stops it.
    Extractor().extract("Harga naik 5%.", lang="ms")  # the lexicons loaded, without a limit
    extractor = Extractor(time_limit=0.2)
    text = "Harga beras naik 5% kepada RM2.60 pada tahun 2024, kata menteri.\n\n" * 20_000
    found = []
    worker = threading.Thread(target=lambda: found.append(extractor.extract(text, lang="ms")))
    worker.start()
    worker.join()
    (article,) = found
    assert article.error is not None and "time_limit=0.2s" in article.error
    assert extractor.extract("Harga naik 5%.", lang="ms").error is None  # deadline reset


@pytest.mark.parametrize("stage", ["crf", "rules", "linking"])
def test_the_long_stages_check_the_deadline_block_by_block_in_a_thread(stage: str) -> None:
    # Outside the main thread only these checks stop a stage that runs long on many blocks.
    text = "Harga naik 5% pada 2024, kata Menteri Besar Johor Onn Hafiz Ghazi.\n\n" * 3
    article = Extractor().extract(text, lang="ms")
    ctx = Context(article.doc_id, article.text, None, "ms")
    errors: list[BaseException] = []

    def run() -> None:
        with time_limit(0.001):
            time.sleep(0.01)  # the deadline has passed before the stage starts
            try:
                if stage == "linking":
                    TimeLinker().link(ctx, article.blocks, list(article.facts))
                else:
                    backend = CrfEntities() if stage == "crf" else RuleEntities()
                    backend.entities(ctx, article.blocks)
            except DocumentTimeout as exc:
                errors.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    assert len(errors) == 1
