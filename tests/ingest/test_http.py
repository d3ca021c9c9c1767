"""URLs and feed link fetching, with httpx mocked by respx (no real network)."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from triangulate import api
from triangulate.errors import UsageError
from triangulate.ingest import read_inputs
from triangulate.ingest.fetch import USER_AGENT, Fetcher
from triangulate.models import ItemError, RawDocument

from .helpers import rss, rss_item

PAGE = "<html><body><article><p>The full article.</p></article></body></html>"
FEED_URL = "https://news.example/feed"


def read(*specs: str, **options: Any) -> list[RawDocument | ItemError]:
    return list(read_inputs(list(specs), **options))


@respx.mock
def test_html_url_follows_redirects_with_honest_user_agent() -> None:
    respx.get("https://news.example/a").respond(301, headers={"Location": "/story-a"})
    page = respx.get("https://news.example/story-a").respond(
        200, text=PAGE, headers={"Content-Type": "text/html; charset=utf-8"}
    )
    [doc] = read("https://news.example/a")
    assert doc == RawDocument(
        path="https://news.example/a",
        raw=PAGE,
        content_type="html",
        url="https://news.example/story-a",
    )
    user_agent = page.calls.last.request.headers["User-Agent"]
    assert user_agent == USER_AGENT and user_agent.startswith("triangulate/")


@respx.mock
def test_plain_text_url_and_declared_charset() -> None:
    text = "Сообщение агентства о перестрелке."
    respx.get("https://news.example/t").respond(
        200, content=text.encode("koi8-r"), headers={"Content-Type": "text/plain; charset=koi8-r"}
    )
    [doc] = read("https://news.example/t")
    assert isinstance(doc, RawDocument) and (doc.content_type, doc.raw) == ("text", text)


def _feed(*items: str) -> None:
    respx.get(FEED_URL).respond(
        200, text=rss(*items), headers={"Content-Type": "application/rss+xml"}
    )


@respx.mock
def test_feed_url_fetches_linked_pages() -> None:
    _feed(rss_item("https://news.example/1", "One", "teaser", "Mon, 04 Mar 2024 08:00:00 GMT"))
    respx.get("https://news.example/1").respond(
        200, text=PAGE, headers={"Content-Type": "text/html"}
    )
    [doc] = read(FEED_URL)
    assert doc == RawDocument(
        path=f"{FEED_URL}#1",
        raw=PAGE,
        content_type="html",
        url="https://news.example/1",
        title="One",
        published="2024-03-04",
        source="Example News",
    )


@respx.mock
def test_feed_falls_back_to_summary_when_fetch_fails(tmp_path: Path) -> None:
    feed = tmp_path / "feed.rss"
    feed.write_text(
        rss(
            rss_item("https://news.example/1", "One", "<p>Teaser one</p>"),
            rss_item("https://news.example/2", "Two"),
        )
    )
    respx.get("https://news.example/1").respond(404)
    respx.get("https://news.example/2").mock(side_effect=httpx.ConnectError("refused"))
    first, second = read(str(feed))
    assert isinstance(first, RawDocument)
    assert first.raw == "<p>Teaser one</p>"
    assert first.metadata["fetch_error"] == "could not fetch: HTTP 404 Not Found"
    assert second == ItemError(
        f"{feed}#2",
        "could not fetch: connection failed: refused (gave up after 4 attempts) "
        "(https://news.example/2); the entry has no content to fall back on",
    )


@respx.mock
def test_no_fetching_when_fetch_links_is_off() -> None:
    _feed(rss_item("https://news.example/1", "One", "<p>Teaser</p>"))
    [doc] = read(FEED_URL, fetch_links=False)
    assert isinstance(doc, RawDocument) and doc.raw == "<p>Teaser</p>"
    assert respx.calls.call_count == 1


@respx.mock
def test_unreachable_url_is_retried_then_reported() -> None:
    route = respx.get("https://down.example/").mock(side_effect=httpx.ConnectError("no route"))
    respx.get("https://up.example/").respond(200, text="still read")
    down, up = read("https://down.example/", "https://up.example/")
    assert down == ItemError(
        "https://down.example/",
        "could not fetch: connection failed: no route (gave up after 4 attempts)",
    )
    assert route.call_count == 4
    assert isinstance(up, RawDocument) and up.raw == "still read"


@respx.mock
def test_client_errors_are_not_retried() -> None:
    route = respx.get("https://news.example/missing").respond(404)
    assert read("https://news.example/missing") == [
        ItemError("https://news.example/missing", "could not fetch: HTTP 404 Not Found")
    ]
    assert route.call_count == 1


@respx.mock
def test_server_errors_and_429_back_off_then_succeed() -> None:
    route = respx.get("https://news.example/flaky")
    route.side_effect = [
        httpx.Response(503),
        httpx.Response(429, headers={"Retry-After": "7"}),
        httpx.Response(200, text="ok"),
    ]
    pauses: list[float] = []
    with Fetcher(max_bytes=1000, backoff=0.5, sleep=pauses.append) as fetcher:
        got = fetcher.get("https://news.example/flaky")
    assert got.data == b"ok"
    assert pauses == [0.5, 7.0]


@respx.mock
def test_response_size_limit() -> None:
    respx.get("https://news.example/big").respond(200, text="x" * 5000)
    [error] = read("https://news.example/big", max_bytes=1000)
    assert error == ItemError(
        "https://news.example/big",
        "response is 5,000 bytes, over the limit of 1,000 bytes; raise it with --max-bytes",
    )


@respx.mock
def test_given_client_is_used_and_left_open() -> None:
    respx.get("https://news.example/a").respond(200, text=PAGE)
    with httpx.Client() as client:
        [doc] = read("https://news.example/a", client=client)
        assert not client.is_closed
    assert isinstance(doc, RawDocument) and doc.content_type == "html"


@pytest.mark.parametrize("body", [b"", b"%PDF-1.4 binary"])
@respx.mock
def test_empty_or_binary_response(body: bytes) -> None:
    respx.get("https://news.example/f").respond(200, content=body)
    [error] = read("https://news.example/f")
    assert isinstance(error, ItemError)
    assert error.reason in ("empty response", "binary response (PDF), not text")


class _Trickle(http.server.BaseHTTPRequestHandler):
    """Sends its response one byte at a time: /body after quick headers, /head from the start."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n"
        data = head + b"x" * 100
        quick = len(head) if self.path == "/body" else 0
        try:
            self.wfile.write(data[:quick])
            for byte in data[quick:]:
                self.wfile.flush()
                time.sleep(0.2)
                self.wfile.write(bytes([byte]))
        except OSError:  # the client hung up, as it should at its deadline
            pass

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def trickle_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Trickle)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path", ["/body", "/head"])
def test_a_trickling_server_is_cut_at_the_deadline(trickle_server: str, path: str) -> None:
    started = time.monotonic()
    [error] = read(trickle_server + path, fetch_timeout=0.6)
    elapsed = time.monotonic() - started
    assert error == ItemError(
        trickle_server + path,
        "could not fetch: no complete response within the 0.6 s deadline; "
        "raise it with --fetch-timeout",
    )
    assert 0.55 < elapsed < 1.5


def test_the_fetch_timeout_must_be_positive() -> None:
    with pytest.raises(UsageError, match="positive"):
        read("https://news.example/a", fetch_timeout=0)


PRIVATE_LINKS = [
    "http://127.0.0.1:8080/admin",
    "http://localhost/",
    "http://[::1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.5/",
    "http://192.168.1.1/",
    "http://2130706433/",
]


@respx.mock
def test_feed_links_to_private_addresses_are_refused() -> None:
    _feed(*(rss_item(link, f"E{n}", "<p>Teaser</p>") for n, link in enumerate(PRIVATE_LINKS)))
    items = read(FEED_URL)
    assert respx.calls.call_count == 1  # only the feed itself was fetched
    for item, link in zip(items, PRIVATE_LINKS, strict=True):
        assert isinstance(item, RawDocument) and item.raw == "<p>Teaser</p>"
        reason = item.metadata["fetch_error"]
        assert reason.startswith("refused to fetch: ") and "--allow-private-urls" in reason, link
        assert item.metadata["warnings"] == [
            f"linked page not fetched ({reason}); using the entry's own text"
        ]


@respx.mock
def test_private_feed_links_are_fetched_when_allowed() -> None:
    _feed(rss_item("http://127.0.0.1:8080/a", "One", "<p>Teaser</p>"))
    respx.get("http://127.0.0.1:8080/a").respond(200, text=PAGE)
    [doc] = read(FEED_URL, allow_private_urls=True)
    assert isinstance(doc, RawDocument) and doc.raw == PAGE


@respx.mock
def test_redirects_into_the_local_network_are_refused() -> None:
    respx.get("https://news.example/r").respond(
        302, headers={"Location": "http://169.254.169.254/latest"}
    )
    metadata = respx.get("http://169.254.169.254/latest").respond(200, text="secret")
    [error] = read("https://news.example/r")
    assert error == ItemError(
        "https://news.example/r",
        "refused to fetch (redirected to http://169.254.169.254/latest): 169.254.169.254 is a "
        "private address (169.254.169.254); links and redirects may not reach the local "
        "network unless --allow-private-urls",
    )
    assert not metadata.called


@respx.mock
def test_a_typed_private_url_and_its_own_redirects_are_the_users_choice() -> None:
    respx.get("http://127.0.0.1:8000/a").respond(301, headers={"Location": "/b"})
    respx.get("http://127.0.0.1:8000/b").respond(200, text=PAGE)
    [doc] = read("http://127.0.0.1:8000/a")
    assert isinstance(doc, RawDocument) and doc.url == "http://127.0.0.1:8000/b"


@respx.mock
def test_why_a_linked_page_failed_is_kept() -> None:
    respx.get("https://news.example/loop").respond(302, headers={"Location": "/loop"})
    respx.get("https://news.example/down").mock(side_effect=httpx.ConnectError("refused"))
    _feed(
        rss_item("ftp://news.example/1", "Scheme", "<p>Teaser</p>"),
        rss_item("/relative/2", "Relative", "<p>Teaser</p>"),
        rss_item("https://news.example/loop", "Loop", "<p>Teaser</p>"),
        rss_item("https://news.example/down", "Down", "<p>Teaser</p>"),
    )
    reasons = [item.metadata["fetch_error"] for item in docs_of(read(FEED_URL))]
    assert reasons[0] == "could not fetch: unsupported URL scheme 'ftp'"
    assert reasons[1] == "could not fetch: not an absolute http(s) URL"
    assert reasons[2] == "could not fetch: too many redirects (more than 20)"
    assert reasons[3].startswith("could not fetch: connection failed: refused")


@respx.mock
def test_a_failed_link_is_named_when_the_entry_text_is_too_thin(tmp_path: Path) -> None:
    feed = tmp_path / "feed.rss"
    feed.write_text(rss(rss_item("https://news.example/down", "Down", "<p>Teaser</p>")))
    respx.get("https://news.example/down").mock(side_effect=httpx.ConnectError("refused"))
    report = api.ingest([str(feed)], tmp_path / "t.duckdb", run_analysis=False)
    [error] = report.errors
    assert error.reason == (
        "could not fetch: connection failed: refused (gave up after 4 attempts), "
        "and the entry's own text: no article text found after removing boilerplate"
    )


def docs_of(items: list[RawDocument | ItemError]) -> list[RawDocument]:
    assert all(isinstance(item, RawDocument) for item in items), items
    return [item for item in items if isinstance(item, RawDocument)]
