"""The service's own options: where it listens and how much work it takes on. Extraction
options stay in :class:`newsfacts.settings.Settings`."""

from __future__ import annotations

import argparse
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


def add_arguments(srv: argparse.ArgumentParser) -> None:
    """The ``newsfacts serve`` options, each a field of :class:`ServiceConfig`."""
    d = ServiceConfig()
    srv.add_argument("--host", default=d.host, help="address to bind (default: %(default)s)")
    srv.add_argument("--port", type=int, default=d.port, help="default: %(default)s")
    limits: tuple[tuple[tuple[str, ...], type, float, str, str], ...] = (
        (
            ("-w", "--workers"),
            int,
            d.workers,
            "N",
            "extraction processes (default: all cores, %(default)s here)",
        ),
        (
            ("--queue",),
            int,
            d.queue,
            "N",
            "requests that may wait for a worker; past them, 503 (default: %(default)s)",
        ),
        (
            ("--max-body",),
            int,
            d.max_body_bytes,
            "BYTES",
            "largest request body; past it, 413 (default: %(default)s)",
        ),
        (
            ("--time-limit",),
            float,
            d.time_limit,
            "SECONDS",
            "extraction time per document; "
            f"past it the record has an error, and a worker still busy {d.grace:g}s later is "
            "replaced (default: %(default)s)",
        ),
    )
    for flags, kind, default, metavar, text in limits:
        srv.add_argument(*flags, type=kind, default=default, metavar=metavar, help=text)
    srv.add_argument(
        "--token-file",
        metavar="PATH",
        help=f"read the bearer token from PATH (default: the {TOKEN_ENV} variable; none: no auth)",
    )
    srv.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="allow browsers on ORIGIN to call the API; repeatable (default: no CORS)",
    )
