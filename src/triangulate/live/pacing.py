"""Politeness and timing: one host is never asked twice within `delay` seconds, and the
poll interval is read the way people write it (``10m``, ``30s``, ``1h``)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable

import httpx

from triangulate.errors import UsageError

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def parse_interval(text: str) -> float:
    """Seconds in ``90``, ``30s``, ``10m``, ``1.5h``, ``250ms``; UsageError otherwise."""
    match = _INTERVAL.match(text)
    if not match or float(match.group(1)) <= 0:
        raise UsageError(
            f"--every {text!r} is not a positive interval; write e.g. 30s, 10m, 1h or 90"
        )
    return float(match.group(1)) * _UNIT_SECONDS[(match.group(2) or "s").lower()]


class HostPacer:
    """Called with each request's URL before it is sent: waits until `delay` seconds have
    passed since the last request to the same host."""

    def __init__(
        self,
        delay: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.delay = delay
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def __call__(self, url: str) -> None:
        try:
            host = httpx.URL(url).host
        except httpx.InvalidURL:
            return  # the fetch reports the bad URL itself
        with self._lock:
            wait = self._last.get(host, float("-inf")) + self.delay - self._clock()
            if wait > 0:
                self._sleep(wait)
            self._last[host] = self._clock()
