"""The workspace served from a background thread on a free loopback port, for the
browser tests, the screenshots and anything else that drives a real server in-process."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from triangulate.errors import TriangulateError
from triangulate.web.app import create_app


class ServerStartError(TriangulateError):
    """The background server did not start in time."""


@contextmanager
def background_server(db: Path, *, start_timeout: float = 30.0) -> Iterator[str]:
    """Serve `db`'s workspace until the block ends; yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="error")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout
    while not server.started and time.monotonic() < deadline and thread.is_alive():
        time.sleep(0.05)
    if not server.started:
        server.should_exit = True
        raise ServerStartError(
            f"the workspace server for {db} did not start in {start_timeout:g} s; "
            "run `triangulate serve` by hand to see why"
        )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
