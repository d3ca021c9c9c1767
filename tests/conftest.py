"""Shared fixtures. Data from ../shared is optional: tests that need it skip without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("TRIANGULATE_SHARED", Path(__file__).resolve().parents[2] / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (set TRIANGULATE_SHARED to use it)")
    return SHARED
