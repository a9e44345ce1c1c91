"""The HTTP API: endpoints, their OpenAPI document and their errors.

Endpoints validate their input here, in the server, and hand the work to the worker pool
(``workers``), which answers in JSON bytes that go out as they are.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from functools import partial
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.exceptions import HTTPException

from newsfacts import __version__
from newsfacts.model import SCHEMA
from newsfacts.schema import record_schema
from newsfacts.service import duckling, jobs
from newsfacts.service.batch import NDJSON, batch_lines, stream_records
from newsfacts.service.config import ServiceConfig
from newsfacts.service.limits import BearerAuth, BodyLimit, problem
from newsfacts.service.models import (
    DetectRequest,
    DucklingEntity,
    ExtractRequest,
    Health,
    Language,
    Problem,
    Version,
    record_components,
)
from newsfacts.service.workers import Busy, JobFailed, WorkerLost, WorkerPool

Run = Callable[[str, Any], Awaitable[Response]]  # a job's kind and fields to its response
OPEN_PATHS = ("/healthz",)  # answered without a token: what a load balancer probes
_JSON = "application/json"
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem, "content": {"application/problem+json": {}}}
    for code in (400, 401, 413, 422, 503, 504)
}
_ANY_RECORD = {
    "oneOf": [
        {"$ref": "#/components/schemas/record.document"},
        {"$ref": "#/components/schemas/record.fact"},
    ]
}
_PARSE_FORM = {
    "requestBody": {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "required": ["text"],
                    "properties": {
                        "text": {"type": "string"},
                        "locale": {"type": "string", "default": "en_US"},
                        "lang": {"type": "string", "description": "when locale is not given"},
                        "dims": {"type": "string", "description": 'JSON list: ["time"]'},
                        "reftime": {"type": "integer", "description": "ms since the epoch"},
                        "tz": {"type": "string", "default": "UTC"},
                    },
                }
            }
        },
    }
}


def create_app(config: ServiceConfig) -> FastAPI:
    """The service's ASGI application; its worker processes start with it (lifespan)."""
    pool = WorkerPool(
        config.workers, config.queue, partial(jobs.setup, config.time_limit), jobs.handle
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            pool.close()

    # No /docs page: it would load its scripts from a CDN; /openapi.json is the document.
    app = FastAPI(
        title="newsfacts",
        version=__version__,
        summary="Facts (money, percentages, counts, dates, entities) from news articles",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        responses=_ERRORS,
    )
    run = partial(_run, pool, config)
    _routes(app, pool, config, run)
    _errors(app)
    app.openapi = partial(_openapi, app)  # type: ignore[method-assign]
    # bodies held at once: as many as every admitted request's, full size
    budget = (config.workers + config.queue) * config.max_body_bytes
    app.add_middleware(
        BodyLimit, max_bytes=config.max_body_bytes, timeout=config.body_timeout, budget=budget
    )
    if config.token is not None:
        app.add_middleware(BearerAuth, token=config.token, open_paths=OPEN_PATHS)
    if config.cors_origins:  # outermost, so that preflight requests need no token
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(config.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    return app


async def _run(pool: WorkerPool, config: ServiceConfig, kind: str, fields: Any) -> Response:
    with pool.admit():
        body = await pool.run(
            (kind, fields), config.time_limit + config.grace, config.queue_timeout
        )
    return Response(body, media_type=_JSON)


def _routes(app: FastAPI, pool: WorkerPool, config: ServiceConfig, run: Run) -> None:
    extract_result: dict[int | str, dict[str, Any]] = {
        200: {"content": {_JSON: {"schema": {"$ref": "#/components/schemas/ExtractResult"}}}}
    }

    @app.post("/extract", responses=extract_result, response_class=Response)
    async def extract(request: ExtractRequest) -> Response:
        """One article's document record and fact records, as `newsfacts.extract` gives
        them. A document that cannot be processed has its record's `error` set."""
        return await run("extract", request.model_dump())

    @app.post(
        "/extract/batch",
        response_class=StreamingResponse,
        openapi_extra=_ndjson_body(),
        responses={200: {"content": {NDJSON: {"schema": _ANY_RECORD}}}},
    )
    async def extract_batch(request: Request) -> StreamingResponse:
        """NDJSON in (one `/extract` request a line), NDJSON out, streamed, in input order:
        each line's document record, then its facts. A line that cannot be read still gives
        its document record, with `error` set."""
        lines = batch_lines(await request.body())
        release = pool.hold()
        stream = stream_records(pool, config, lines, release)
        return StreamingResponse(stream, media_type=NDJSON)

    @app.post("/detect", response_model=Language, response_class=Response)
    async def detect(request: DetectRequest) -> Response:
        """The language of a text (`newsfacts.detect_language`)."""
        return await run("detect", request.model_dump())

    @app.post(
        "/parse",
        openapi_extra=_PARSE_FORM,
        response_class=Response,
        response_model=list[DucklingEntity],
    )
    async def parse(request: Request) -> Response:
        """Duckling's `/parse`: form fields `text`, `locale`, `dims`, `reftime`, `tz`; a
        list of `{body, start, end, dim, value, latent}` back (README: Fact service)."""
        return await run("parse", _parse_fields(await request.body()))

    @app.get("/schema")
    async def schema() -> dict[str, Any]:
        """The JSON Schema of the records (`newsfacts schema`)."""
        return record_schema()

    @app.get("/healthz", response_model=Health)
    async def healthz() -> dict[str, Any]:
        alive = pool.alive
        status = "ok" if alive == pool.size else "degraded"
        return {"status": status, "workers": alive, "busy": pool.busy, "admitted": pool.admitted}

    @app.get("/version", response_model=Version)
    async def version() -> dict[str, Any]:
        return {"newsfacts": __version__, "schema": SCHEMA}


def _parse_fields(body: bytes) -> dict[str, Any]:
    """The job of a Duckling form, checked: a bad field is a 400 here, not a worker's error."""
    try:
        form = {k: v[-1] for k, v in parse_qs(body.decode("utf-8"), strict_parsing=False).items()}
    except UnicodeDecodeError:
        raise HTTPException(400, "the form is not UTF-8") from None
    if not form.get("text"):
        raise HTTPException(400, "the form field text is required")
    try:
        lang = duckling.locale_language(form.get("locale") or form.get("lang") or "en_US")
        tz = form.get("tz") or "UTC"
        duckling.time_zone(tz)
        reftime = int(form["reftime"]) if form.get("reftime") else int(time.time() * 1000)
        dims = duckling.read_dims(form.get("dims") or "")
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None
    return {"text": form["text"], "lang": lang, "dims": dims, "reftime": reftime, "tz": tz}


def _ndjson_body() -> dict[str, Any]:
    request = {"$ref": "#/components/schemas/ExtractRequest"}
    return {"requestBody": {"required": True, "content": {NDJSON: {"schema": request}}}}


def _errors(app: FastAPI) -> None:
    """Every error as problem details; a bug says so, without its traceback."""

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        return problem(exc.status_code, str(exc.detail), exc.headers)

    async def invalid(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        if any(e["type"] == "json_invalid" for e in errors):
            return problem(400, "the request body is not valid JSON", errors=errors)
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors)
        return problem(422, detail, errors=errors)

    async def busy(request: Request, exc: Exception) -> JSONResponse:
        return problem(503, str(exc), {"Retry-After": "1"})

    async def lost(request: Request, exc: Exception) -> JSONResponse:
        return problem(504, str(exc))

    async def failed(request: Request, exc: Exception) -> JSONResponse:
        return problem(500, f"extraction failed: {exc}")

    async def bug(request: Request, exc: Exception) -> JSONResponse:
        return problem(500, "internal error (the server's log has the details)")

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Busy, busy)
    app.add_exception_handler(WorkerLost, lost)
    app.add_exception_handler(JobFailed, failed)
    app.add_exception_handler(Exception, bug)


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document, with the records' own JSON Schema as components."""
    if app.openapi_schema is None:
        document = get_openapi(
            title=app.title,
            version=app.version,
            summary=app.summary,
            routes=app.routes,
        )
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        schemas.update(record_components())
        app.openapi_schema = document
    return app.openapi_schema
