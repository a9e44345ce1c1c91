"""What every request meets before an endpoint: the bearer token and the body's bounds, as
plain ASGI middleware; and the problem details (RFC 9457) every error is answered with."""

from __future__ import annotations

import asyncio
import hmac
import time
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PROBLEM = "application/problem+json"


def problem(
    status: int, detail: str, headers: Mapping[str, str] | None = None, **extra: Any
) -> JSONResponse:
    """An error as RFC 9457 problem details: ``type`` is ``about:blank``, so ``title`` is the
    status's phrase and ``detail`` says what went wrong with this request."""
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **extra,
    }
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM)


class BearerAuth:
    """Every path but ``open_paths`` needs ``Authorization: Bearer <token>``; the token is
    compared in constant time, so its characters cannot be guessed one at a time."""

    def __init__(self, app: ASGIApp, token: str, open_paths: tuple[str, ...]) -> None:
        self.app, self.token, self.open_paths = app, token.encode("utf-8"), open_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.open_paths:
            await self.app(scope, receive, send)
            return
        given = _header(scope, b"authorization")
        scheme, _, credentials = given.partition(b" ")
        if scheme.lower() == b"bearer" and hmac.compare_digest(credentials.strip(), self.token):
            await self.app(scope, receive, send)
            return
        detail = "a bearer token is needed" if not given else "the bearer token is not valid"
        answer = problem(401, detail, {"WWW-Authenticate": "Bearer"})
        await answer(scope, receive, send)


class BodyLimit:
    """Reads the whole body before the endpoint sees it, and refuses it with 413 past
    ``max_bytes`` (from its declared length, before reading, or while reading a chunked one)
    and with 408 when the client takes more than ``timeout`` seconds to send it: a slow client
    holds a connection, never a worker. The bodies held at once, by all requests, stay under
    ``budget`` bytes (past it, 503), so many clients sending large bodies cannot exhaust the
    server's memory."""

    def __init__(self, app: ASGIApp, max_bytes: int, timeout: float, budget: int) -> None:
        self.app, self.max_bytes, self.timeout, self.budget = app, max_bytes, timeout, budget
        self.held = 0  # bytes of the bodies held now (one event loop: no lock needed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(413, scope, receive, send)
            return
        chunks: list[bytes] = []
        size, deadline = 0, time.monotonic() + self.timeout
        try:
            while True:
                try:
                    message = await asyncio.wait_for(receive(), deadline - time.monotonic())
                except asyncio.TimeoutError:
                    await self._refuse(408, scope, receive, send)
                    return
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                size += len(chunk)
                self.held += len(chunk)
                if size > self.max_bytes or self.held > self.budget:
                    await self._refuse(413 if size > self.max_bytes else 503, scope, receive, send)
                    return
                chunks.append(chunk)
                if not message.get("more_body", False):
                    break
            await self.app(scope, _replay(b"".join(chunks), receive), send)
        finally:
            self.held -= size

    async def _refuse(self, status: int, scope: Scope, receive: Receive, send: Send) -> None:
        detail = {
            408: f"the request body was not received within {self.timeout:g}s",
            413: f"the request body is over the limit of {self.max_bytes:,} bytes",
            503: "the server holds as many request bodies as it may; retry later",
        }[status]
        headers = {"Connection": "close"} | ({"Retry-After": "1"} if status == 503 else {})
        await problem(status, detail, headers)(scope, receive, send)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives the body read already, then waits as the original does (for
    the client's disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def _header(scope: Scope, name: bytes) -> bytes:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value)
    return b""
