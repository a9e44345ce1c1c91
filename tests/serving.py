"""A real fact service for the tests: uvicorn on a free loopback port, in a thread of the test
process (its workers are real processes), and a raw-socket client for what httpx will not
send (a stalled body)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from newsfacts.service import ServiceConfig, server

START_TIMEOUT = 180.0  # spawning and warming the workers, on shared cores


@contextmanager
def running(config: ServiceConfig) -> Iterator[str]:
    """The service's base URL while the block runs."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    instance = server(replace(config, host="127.0.0.1", port=port))
    thread = threading.Thread(target=instance.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not instance.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the service did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(timeout=60)
        listener.close()


def raw_request(base: str, head: bytes, body: bytes, timeout: float = 60.0) -> bytes:
    """Send ``head`` and ``body`` as they are, then read until the server closes or stops."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as conn:
        conn.sendall(head + body)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
            if b"\r\n\r\n" in answer and answer.endswith(b"}"):
                break
        return answer
