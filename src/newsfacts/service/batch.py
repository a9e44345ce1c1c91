"""``POST /extract/batch``: NDJSON lines in, their records out, streamed in input order.

Lines are validated here like ``/extract`` bodies; each is one job, and as many run at once
as there are workers (a window of tasks, answered in order), so one batch keeps the pool busy
without queueing ahead of every other request. Nothing is dropped: a line that cannot be
read, or whose job outlives the hard limit, still gives its document record, ``error`` set.
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
from collections.abc import AsyncIterator, Callable
from typing import Any

from pydantic import ValidationError

from newsfacts.service.config import ServiceConfig
from newsfacts.service.jobs import error_lines
from newsfacts.service.models import BatchLine
from newsfacts.service.workers import Busy, JobFailed, WorkerLost, WorkerPool

NDJSON = "application/x-ndjson"


def batch_lines(body: bytes) -> list[dict[str, Any]]:
    """Each non-blank line's request fields, or ``{"doc_id", "error"}`` for one that is not a
    valid request (its id is the one it gives, else ``line-N``, N counted from 1)."""
    lines = []
    for n, raw in enumerate(body.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            lines.append({"doc_id": f"line-{n}", "error": f"line {n} is not JSON: {exc}"})
            continue
        try:
            lines.append(BatchLine.model_validate(row).model_dump())
        except ValidationError as exc:
            given = row.get("doc_id", row.get("id")) if isinstance(row, dict) else None
            doc_id = given if isinstance(given, str) and given else f"line-{n}"
            reasons = "; ".join(
                ": ".join(filter(None, (".".join(map(str, e["loc"])), e["msg"])))
                for e in exc.errors()
            )
            lines.append({"doc_id": doc_id, "error": f"line {n}: {reasons}"})
    return lines


async def stream_records(
    pool: WorkerPool,
    config: ServiceConfig,
    lines: list[dict[str, Any]],
    release: Callable[[], None],
) -> AsyncIterator[bytes]:
    """The records of every line, in order; ``release`` frees the batch's admission."""
    window: deque[asyncio.Task[bytes]] = deque()
    try:
        for fields in lines:
            window.append(asyncio.ensure_future(_line(pool, config, fields)))
            if len(window) >= pool.size:
                yield await window.popleft()
        while window:
            yield await window.popleft()
    finally:
        for task in window:  # the client went away: the rest is not wanted
            task.cancel()
        release()


async def _line(pool: WorkerPool, config: ServiceConfig, fields: dict[str, Any]) -> bytes:
    if "error" in fields:
        return error_lines(fields["doc_id"], fields["error"])
    try:
        return await pool.run(
            ("line", fields), config.time_limit + config.grace, config.queue_timeout
        )
    except (Busy, WorkerLost, JobFailed) as exc:
        error = f"{type(exc).__name__}: {exc}"
        return error_lines(fields.get("doc_id") or "", error, fields.get("text") or "")
