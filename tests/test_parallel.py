"""The order-keeping process pool on its own, with work that kills its worker."""

from __future__ import annotations

import os
import signal
from concurrent.futures.process import BrokenProcessPool

import pytest

from newsfacts.parallel import Pool, ordered_map


def _state() -> str:
    return "state"


def _square_or_die(state: str, items: list[int]) -> list[tuple[str, int]]:
    if -1 in items:
        os.kill(os.getpid(), signal.SIGKILL)
    return [(state, n * n) for n in items]


def _salvage(item: int) -> list[tuple[str, int]]:
    return [("lost", item)]


def test_results_keep_the_input_order_with_several_workers() -> None:
    found = list(ordered_map(_square_or_die, range(40), workers=2, make_state=_state,
                             salvage=_salvage, chunk=3))  # fmt: skip
    assert found == [("state", n * n) for n in range(40)]


def test_an_item_that_kills_every_worker_it_meets_is_salvaged() -> None:
    items = [*range(10), -1, *range(10, 30)]
    found = list(ordered_map(_square_or_die, items, workers=2, make_state=_state,
                             salvage=_salvage, chunk=2))  # fmt: skip
    assert found == [("lost", -1) if n == -1 else ("state", n * n) for n in items]


def test_a_pool_broken_a_moment_ago_fails_the_next_chunk_instead_of_raising() -> None:
    pool = Pool(1, _state, _square_or_die)
    try:
        with pytest.raises(BrokenProcessPool):
            pool.submit([-1]).result()
        later = pool.submit([2])  # the executor is broken now: submit itself would raise
        with pytest.raises(BrokenProcessPool):
            later.result()
        pool.restart()
        assert pool.submit([3]).result() == [("state", 9)]
    finally:
        pool.executor.shutdown(wait=True, cancel_futures=True)
