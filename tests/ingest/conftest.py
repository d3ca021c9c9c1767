"""Shared helpers: no test may sleep between retries or touch the network."""

from __future__ import annotations

import pytest

from triangulate.ingest import fetch


@pytest.fixture(autouse=True)
def _no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "BACKOFF_SECONDS", 0.0)
