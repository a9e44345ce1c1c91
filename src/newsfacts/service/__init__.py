"""The fact service (``newsfacts serve``): the pipeline over HTTP, with an OpenAPI document,
a Duckling-compatible ``/parse``, and bounds on every request (README: "Fact service").

FastAPI and uvicorn come with the ``serve`` extra and are imported only when the service
starts: ``newsfacts.service.app`` holds the endpoints, ``workers`` the processes that run the
pipeline under a hard time limit, ``limits`` the token and body checks, ``duckling`` the
mapping to Duckling's shapes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsfacts.service.config import ServiceConfig, read_token

if TYPE_CHECKING:  # uvicorn comes with the serve extra: imported when the service starts
    import uvicorn

# uvicorn's own cap on open connections, a backstop past the pool's admission (which answers
# 503 in JSON well before it): per admitted request, room for a few idle keep-alive clients.
_CONNECTIONS_PER_SLOT = 4


def server(config: ServiceConfig) -> uvicorn.Server:
    """The uvicorn server of the service (``.run()`` it), with its application built."""
    try:
        import uvicorn

        from newsfacts.service.app import create_app
    except ImportError as exc:
        raise ImportError(
            f"the service needs its extra: pip install 'newsfacts[serve]' ({exc})"
        ) from exc
    capacity = config.workers + config.queue
    return uvicorn.Server(
        uvicorn.Config(
            create_app(config),
            host=config.host,
            port=config.port,
            limit_concurrency=max(100, _CONNECTIONS_PER_SLOT * capacity),
            timeout_keep_alive=5,
            server_header=False,
            log_level="warning",
        )
    )


def serve(config: ServiceConfig) -> None:
    """Run the service until interrupted."""
    server(config).run()


__all__ = ["ServiceConfig", "read_token", "serve", "server"]
