"""The service's own options: where it listens and how much work it takes on. Extraction
options stay in :class:`newsfacts.settings.Settings`."""

from __future__ import annotations

import os
from dataclasses import dataclass

TOKEN_ENV = "NEWSFACTS_TOKEN"


@dataclass(frozen=True, slots=True)
class ServiceConfig:
    """Every bound of the service; the defaults are safe for a service on one machine."""

    host: str = "127.0.0.1"  # loopback only, unless told otherwise
    port: int = 8000
    workers: int = max(1, os.cpu_count() or 1)  # extraction processes
    # requests admitted beyond those being worked on; past workers + queue: 503
    queue: int = 64
    queue_timeout: float = 30.0  # seconds an admitted request waits for a worker, else 503
    max_body_bytes: int = 8 * 1024 * 1024  # past this: 413 (a batch is one body too)
    body_timeout: float = 30.0  # seconds to receive one body; a slower client gets 408
    # seconds of extraction per document: past it, the document's record says so (error);
    # a worker still busy time_limit + grace seconds in is killed and replaced (504)
    time_limit: float = 10.0
    grace: float = 2.0
    token: str | None = None  # bearer token every endpoint but /healthz asks for
    cors_origins: tuple[str, ...] = ()  # none: no CORS headers at all

    def __post_init__(self) -> None:
        if self.workers < 1 or self.queue < 0 or self.max_body_bytes < 1:
            raise ValueError("workers must be at least 1, queue and max_body_bytes positive")
        if min(self.time_limit, self.grace, self.body_timeout, self.queue_timeout) <= 0:
            raise ValueError("time_limit, grace, body_timeout and queue_timeout must be positive")
        if self.token is not None and not self.token.strip():
            raise ValueError("an empty token would let anyone in: give one or none")


def read_token(token_file: str | None) -> str | None:
    """The bearer token: from ``token_file`` when given (surrounding whitespace dropped),
    else from the ``NEWSFACTS_TOKEN`` environment variable, else none (no auth)."""
    if token_file is not None:
        with open(token_file, encoding="utf-8") as handle:
            return handle.read().strip()
    return os.environ.get(TOKEN_ENV) or None
