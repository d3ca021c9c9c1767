"""Polite HTTP fetching: honest User-Agent, timeouts, bounded retries, a size cap.

News sites rate-limit and flake; a few spaced retries recover most transient
failures, while anything permanent becomes an InputError a user can read.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from types import TracebackType

import httpx

from triangulate.errors import InputError
from triangulate.ingest.decode import check_size, too_large


def _version() -> str:
    try:
        return version("triangulate")
    except PackageNotFoundError:
        return "0"


USER_AGENT = f"triangulate/{_version()} (+https://github.com/triangulate; news analysis)"
TIMEOUT = httpx.Timeout(30.0, connect=10.0)
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


class _Transient(Exception):
    """A failure worth retrying (connection trouble, 5xx, 429)."""

    def __init__(self, reason: str, retry_after: float = 0.0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class Fetcher:
    """Fetches URLs with one shared client, created on first use unless one is given."""

    def __init__(
        self,
        client: httpx.Client | None = None,
        *,
        max_bytes: int,
        retries: int = RETRIES,
        backoff: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._client = client
        self._owns_client = client is None
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = BACKOFF_SECONDS if backoff is None else backoff
        self._sleep = sleep

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

    def get(self, url: str) -> Fetched:
        """GET `url`, retrying transient failures; raise InputError when it cannot."""
        reason = ""
        for attempt in range(self.retries + 1):
            try:
                return self._get_once(url)
            except _Transient as exc:
                reason = exc.reason
                if attempt < self.retries:
                    pause = max(self.backoff * 2**attempt, exc.retry_after)
                    self._sleep(min(pause, MAX_PAUSE_SECONDS))
        attempts = self.retries + 1
        raise InputError(url, f"could not fetch: {reason} (gave up after {attempts} attempts)")

    def _http(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                timeout=TIMEOUT, follow_redirects=True, headers={"User-Agent": USER_AGENT}
            )
        return self._client

    def _get_once(self, url: str) -> Fetched:
        client = self._http()
        try:
            with client.stream(
                "GET", url, headers={"User-Agent": USER_AGENT}, follow_redirects=True
            ) as response:
                self._check_status(url, response)
                return Fetched(
                    url=str(response.url),
                    data=self._read_body(url, response),
                    media_type=_media_type(response),
                    charset=response.charset_encoding,
                )
        except (httpx.ConnectError, httpx.TimeoutException) as exc:
            raise _Transient(_describe(exc)) from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise InputError(url, f"could not fetch: {_describe(exc)}") from None

    def _check_status(self, url: str, response: httpx.Response) -> None:
        status = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
        if response.status_code == 429 or response.status_code >= 500:
            raise _Transient(status, _retry_after(response))
        if response.status_code >= 400:
            raise InputError(url, f"could not fetch: {status}")

    def _read_body(self, url: str, response: httpx.Response) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit():
            check_size(url, int(declared), self.max_bytes, "response")
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > self.max_bytes:
                raise InputError(url, too_large(None, self.max_bytes, "response"))
        return bytes(body)


def _media_type(response: httpx.Response) -> str | None:
    value = response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    return value or None


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
    "TooManyRedirects": "too many redirects",
    "UnsupportedProtocol": "unsupported protocol",
    "InvalidURL": "invalid URL",
    "RemoteProtocolError": "the server broke the HTTP protocol",
    "ReadError": "reading the response failed",
}
