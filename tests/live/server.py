"""A local HTTP server for the watch tests, whose pages the test changes between polls."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field


@dataclass
class Page:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    delay: float = 0.0
    location: str | None = None


@dataclass
class Site:
    """Routes by path; `requests` logs (path, If-None-Match, status answered)."""

    pages: dict[str, Page] = field(default_factory=dict)
    requests: list[tuple[str, str | None, int]] = field(default_factory=list)
    posted: list[bytes] = field(default_factory=list)
    port: int = 0
    entered: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def _handler(site: Site) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            page = site.pages.get(self.path)
            sent_etag = self.headers.get("If-None-Match")
            if page is None:
                status = 404
            elif page.etag and sent_etag == page.etag:
                status = 304
            else:
                status = page.status
            site.requests.append((self.path, sent_etag, status))
            if page is not None and page.delay:
                site.entered.set()
                time.sleep(page.delay)
            self.send_response(status)
            if page is not None and page.location:
                self.send_header("Location", page.location)
            if page is not None and page.etag:
                self.send_header("ETag", page.etag)
            body = page.body if page is not None and status == 200 else b""
            if page is not None:
                self.send_header("Content-Type", page.content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with suppress(OSError):  # the client gave up (a timeout test)
                self.wfile.write(body)

        def do_POST(self) -> None:  # noqa: N802
            site.posted.append(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serve(site: Site) -> Iterator[Site]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def rss(site: Site, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS feed of (guid, path, title) items linking to `site`."""
    body = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title><link>{site.url(path)}</link></item>"
        for guid, path, title in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Watch test feed</title><link>http://127.0.0.1/</link>{body}</channel></rss>"
    ).encode()
