"""Where alerts go: JSON Lines on a stream (standard output), appended to a file, and
POSTed to a webhook by a background thread that retries and never blocks the watcher.

Each delivered object has `key`, `kind`, `story_id`, `summary`, the evidence
`doc_id`/`start`/`end`, `source`, `detail` and `created_at`.
"""

from __future__ import annotations

import json
import os
import queue
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

import httpx

from triangulate.ingest.fetch import USER_AGENT

WEBHOOK_ATTEMPTS = 4
WEBHOOK_BACKOFF = 1.0  # seconds before the second attempt, doubled after each
WEBHOOK_TIMEOUT = 10.0

_DELIVERED = ("key", "kind", "story_id", "summary", "doc_id", "start", "end", "source",
              "detail", "created_at")  # fmt: skip


def alert_object(row: dict[str, Any]) -> dict[str, Any]:
    """The delivered form of a stored alert row."""
    return {name: row.get(name) for name in _DELIVERED}


class LineSinks:
    """Standard output and/or a file, one JSON object a line, flushed (and the file
    synced) before the alert is marked delivered."""

    def __init__(self, stream: IO[str] | None, path: Path | None) -> None:
        self.stream = stream
        self.path = path

    def send(self, alerts: Sequence[dict[str, Any]]) -> None:
        if not alerts:
            return
        lines = "".join(json.dumps(alert_object(a), ensure_ascii=False) + "\n" for a in alerts)
        if self.stream is not None:
            self.stream.write(lines)
            self.stream.flush()
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(lines)
                handle.flush()
                os.fsync(handle.fileno())


class Webhook:
    """POSTs each alert as JSON from a daemon thread, retrying with backoff; outcomes are
    collected by `results()` so the watcher records them in its own thread."""

    def __init__(
        self,
        url: str,
        *,
        attempts: int = WEBHOOK_ATTEMPTS,
        backoff: float = WEBHOOK_BACKOFF,
        timeout: float = WEBHOOK_TIMEOUT,
        client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.url = url
        self.attempts = attempts
        self.backoff = backoff
        self._client = client or httpx.Client(
            headers={"User-Agent": USER_AGENT}, timeout=timeout, follow_redirects=False
        )
        self._sleep = sleep
        self._todo: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._done: queue.Queue[tuple[str, str]] = queue.Queue()
        self._queued: set[str] = set()
        self._thread = threading.Thread(target=self._work, name="webhook", daemon=True)
        self._thread.start()

    def send(self, alerts: Sequence[dict[str, Any]]) -> None:
        """Queue alerts not queued yet; returns at once."""
        for alert in alerts:
            if alert["key"] not in self._queued:
                self._queued.add(alert["key"])
                self._todo.put(alert_object(alert))

    def results(self) -> list[tuple[str, str]]:
        """(key, "sent" | "failed: reason") for alerts finished since the last call."""
        found = []
        while True:
            try:
                found.append(self._done.get_nowait())
            except queue.Empty:
                return found

    def close(self, wait: float) -> None:
        """Stop after what is queued, waiting at most `wait` seconds."""
        self._todo.put(None)
        self._thread.join(wait)
        if not self._thread.is_alive():
            self._client.close()

    def _work(self) -> None:
        while (alert := self._todo.get()) is not None:
            self._done.put((alert["key"], self._post(alert)))

    def _post(self, alert: dict[str, Any]) -> str:
        reason = ""
        for attempt in range(self.attempts):
            if attempt:
                self._sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = self._client.post(self.url, json=alert)
            except httpx.HTTPError as exc:
                reason = f"{type(exc).__name__}: {exc}"
                continue
            if response.status_code < 300:
                return "sent"
            reason = f"HTTP {response.status_code}"
            if response.status_code < 500 and response.status_code != 429:
                break  # the hook refuses it; asking again will not help
        return f"failed: {reason}"
