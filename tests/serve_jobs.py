"""Jobs for the worker pool's own tests: ones that finish, sleep past any limit, fail, or kill
their worker (module-level, so that spawned workers can import them)."""

from __future__ import annotations

import os
import time


def setup() -> str:
    return "ready"


def handle(state: str, job: tuple[str, float]) -> bytes:
    kind, seconds = job
    if kind == "sleep":
        time.sleep(seconds)
    elif kind == "exit":
        os._exit(3)
    elif kind == "fail":
        raise ValueError("a bad job")
    return state.encode()
