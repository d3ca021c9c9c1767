"""Polite HTTP fetching: honest User-Agent, deadlines, bounded retries, a size cap.

News sites rate-limit and flake; a few spaced retries recover most transient
failures, while anything permanent becomes an InputError a user can read.
Every URL gets one total deadline (a server trickling a byte every few
seconds never trips a per-read timeout), and redirects are followed here, hop
by hop, so each target is checked against private addresses (see `guard`).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from types import TracebackType
from typing import Any

import httpx

from triangulate.errors import InputError, UsageError
from triangulate.ingest.decode import check_size, too_large
from triangulate.ingest.guard import private_address


def _version() -> str:
    try:
        return version("triangulate")
    except PackageNotFoundError:
        return "0"


USER_AGENT = f"triangulate/{_version()} (+https://github.com/triangulate; news analysis)"
READ_TIMEOUT_SECONDS = 30.0
CONNECT_TIMEOUT_SECONDS = 10.0
DEFAULT_FETCH_TIMEOUT = 60.0
MAX_REDIRECTS = 20
RETRIES = 3
# First pause between attempts, doubled each time; module-level so tests can zero it.
BACKOFF_SECONDS = 1.0
MAX_PAUSE_SECONDS = 60.0


@dataclass(frozen=True)
class Fetched:
    """A successful response body with what the server said about it."""

    url: str
    data: bytes
    media_type: str | None
    charset: str | None
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """The server answered a conditional GET with 304: nothing changed since."""
        return self.status == 304


class _Transient(Exception):
    """A failure worth retrying (connection trouble, 5xx, 429)."""

    def __init__(self, reason: str, retry_after: float = 0.0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class _Deadline:
    """The time one URL may take in all: attempts, redirects, pauses and body.

    A per-read timeout restarts with every byte, so the sockets of the fetch
    are shut down by a timer at the deadline, which wakes a blocked read.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds
        self._timers: list[threading.Timer] = []

    def remaining(self) -> float:
        return self._end - time.monotonic()

    def passed(self) -> bool:
        return self.remaining() <= 0

    def timeout(self) -> httpx.Timeout:
        """Per-request timeouts that never outlast the deadline."""
        left = max(self.remaining(), 0.001)
        return httpx.Timeout(
            min(READ_TIMEOUT_SECONDS, left), connect=min(CONNECT_TIMEOUT_SECONDS, left)
        )

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace hook: watch each new connection from the moment it opens."""
        if event == "connection.connect_tcp.complete":
            self.watch(info.get("return_value"))

    def watch(self, stream: Any) -> None:
        """Shut `stream`'s socket down at the deadline (a reused connection is watched late)."""
        sock = stream.get_extra_info("socket") if stream is not None else None
        if isinstance(sock, socket.socket):
            timer = threading.Timer(max(self.remaining(), 0.0), _shut_down, (sock,))
            timer.daemon = True
            timer.start()
            self._timers.append(timer)

    def cancel(self) -> None:
        for timer in self._timers:
            timer.cancel()

    def error(self, url: str) -> InputError:
        return InputError(
            url,
            f"could not fetch: no complete response within the {self.seconds:g} s deadline; "
            "raise it with --fetch-timeout",
        )


def _shut_down(sock: socket.socket) -> None:
    with suppress(OSError):  # already closed: the fetch finished first
        sock.shutdown(socket.SHUT_RDWR)


class Fetcher:
    """Fetches URLs with one shared client, created on first use unless one is given.

    `timeout` is the total deadline per URL; `allow_private` lets feed links
    and redirects reach loopback, link-local and private addresses.
    """

    def __init__(
        self,
        client: httpx.Client | None = None,
        *,
        max_bytes: int,
        timeout: float = DEFAULT_FETCH_TIMEOUT,
        allow_private: bool = False,
        retries: int = RETRIES,
        backoff: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
        pace: Callable[[str], None] | None = None,
        max_redirects: int = MAX_REDIRECTS,
    ) -> None:
        if not timeout > 0:
            raise UsageError(
                f"the fetch timeout must be a positive number of seconds, not {timeout}"
            )
        self._client = client
        self._owns_client = client is None
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.allow_private = allow_private
        self.retries = retries
        self.backoff = BACKOFF_SECONDS if backoff is None else backoff
        self._sleep = sleep
        self._pace = pace  # called with each request's URL first (per-host politeness)
        self.max_redirects = max_redirects

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._owns_client and self._client is not None:
            self._client.close()
            self._client = None

    def get(
        self,
        url: str,
        *,
        typed: bool = False,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Fetched:
        """GET `url` within the deadline, retrying transient failures; raise InputError when
        it cannot.

        `typed` marks a URL the user gave: it may be private, and so may its
        redirects on the same host; links found in feeds are always checked.
        `etag` and `last_modified` (from an earlier response) make the GET conditional:
        a server with nothing new answers 304 (`Fetched.not_modified`, no body).
        """
        conditional = {
            name: value
            for name, value in (("If-None-Match", etag), ("If-Modified-Since", last_modified))
            if value
        }
        deadline = _Deadline(self.timeout)
        reason, attempt = "", 0
        try:
            for attempt in range(1, self.retries + 2):
                try:
                    return self._get_once(url, deadline, typed, conditional)
                except _Transient as exc:
                    reason = exc.reason
                    pause = min(
                        max(self.backoff * 2 ** (attempt - 1), exc.retry_after), MAX_PAUSE_SECONDS
                    )
                    if attempt > self.retries or pause >= deadline.remaining():
                        break
                    self._sleep(pause)
        finally:
            deadline.cancel()
        if deadline.passed():
            raise deadline.error(url)
        raise InputError(url, f"could not fetch: {reason} (gave up after {attempt} attempts)")

    def _http(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(headers={"User-Agent": USER_AGENT})
        return self._client

    def _get_once(
        self, url: str, deadline: _Deadline, typed: bool, conditional: dict[str, str]
    ) -> Fetched:
        """One attempt: follow redirects hop by hop, checking each target, then read the body."""
        target, trusted_host = url, None
        if typed:
            with suppress(httpx.InvalidURL):  # reported by the first hop's check
                trusted_host = httpx.URL(url).host
        for _ in range(self.max_redirects + 1):
            self._check_target(url, target, trusted_host)
            with self._response(url, target, deadline, conditional) as response:
                if response.status_code == 304 and conditional:
                    return Fetched(str(response.url), b"", None, None, 304, *_validators(response))
                if response.next_request is None:
                    self._check_status(url, response)
                    return Fetched(
                        str(response.url),
                        self._read_body(url, response, deadline),
                        _media_type(response),
                        response.charset_encoding,
                        response.status_code,
                        *_validators(response),
                    )
                target = str(response.next_request.url)
        raise InputError(
            url, f"could not fetch: too many redirects (more than {self.max_redirects})"
        )

    @contextmanager
    def _response(
        self, url: str, target: str, deadline: _Deadline, conditional: dict[str, str]
    ) -> Iterator[httpx.Response]:
        """A streamed response for `target`; failures become InputError or _Transient."""
        if self._pace is not None:
            self._pace(target)
        if deadline.passed():
            raise deadline.error(url)
        try:
            with self._http().stream(
                "GET",
                target,
                headers={"User-Agent": USER_AGENT, **conditional},
                follow_redirects=False,
                timeout=deadline.timeout(),
                extensions={"trace": deadline.trace},
            ) as response:
                deadline.watch(response.extensions.get("network_stream"))
                yield response
        except httpx.HTTPError as exc:
            if deadline.passed():
                raise deadline.error(url) from None
            if isinstance(exc, (httpx.ConnectError, httpx.TimeoutException)):
                raise _Transient(_describe(exc)) from None
            raise InputError(url, f"could not fetch: {_describe(exc)}") from None
        except httpx.InvalidURL as exc:
            raise InputError(url, f"could not fetch: {_describe(exc)}") from None

    def _check_target(self, url: str, target: str, trusted_host: str | None) -> None:
        """Refuse a target that is not http(s), or private when it is not the user's choice."""
        via = "" if target == url else f" (redirected to {target})"
        try:
            parsed = httpx.URL(target)
        except httpx.InvalidURL as exc:
            raise InputError(url, f"could not fetch{via}: invalid URL: {exc}") from None
        if not parsed.scheme:
            raise InputError(url, f"could not fetch{via}: not an absolute http(s) URL")
        if parsed.scheme not in ("http", "https"):
            raise InputError(url, f"could not fetch{via}: unsupported URL scheme '{parsed.scheme}'")
        if self.allow_private or parsed.host == trusted_host:
            return
        address = private_address(target)
        if address is not None:
            raise InputError(
                url,
                f"refused to fetch{via}: {parsed.host} is a private address ({address}); "
                "links and redirects may not reach the local network unless --allow-private-urls",
            )

    def _check_status(self, url: str, response: httpx.Response) -> None:
        status = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
        if response.status_code == 429 or response.status_code >= 500:
            raise _Transient(status, _retry_after(response))
        if response.status_code >= 400:
            raise InputError(url, f"could not fetch: {status}")

    def _read_body(self, url: str, response: httpx.Response, deadline: _Deadline) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit():
            check_size(url, int(declared), self.max_bytes, "response")
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > self.max_bytes:
                raise InputError(url, too_large(None, self.max_bytes, "response"))
            if deadline.passed():
                raise deadline.error(url)
        return bytes(body)


def _media_type(response: httpx.Response) -> str | None:
    value = response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    return value or None


def _validators(response: httpx.Response) -> tuple[str | None, str | None]:
    """The ETag and Last-Modified a later conditional GET sends back."""
    return response.headers.get("ETag"), response.headers.get("Last-Modified")


def _retry_after(response: httpx.Response) -> float:
    value = response.headers.get("Retry-After", "")
    return float(value) if value.isdigit() else 0.0


def _describe(exc: Exception) -> str:
    if isinstance(exc, httpx.TimeoutException):
        kind = "timed out"
    elif isinstance(exc, httpx.ConnectError):
        kind = "connection failed"
    else:
        kind = _KINDS.get(type(exc).__name__, type(exc).__name__)
    detail = str(exc)
    return f"{kind}: {detail}" if detail else kind


_KINDS = {
    "UnsupportedProtocol": "unsupported protocol",
    "InvalidURL": "invalid URL",
    "RemoteProtocolError": "the server broke the HTTP protocol",
    "ReadError": "reading the response failed",
}
