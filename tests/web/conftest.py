"""The demo database (the bundled fictional sample corpus), built once for the web tests;
each test module works on its own copy, since a server holds its file read-write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from triangulate import api


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web-demo") / "demo.duckdb"
    api.demo(path)
    return path


@pytest.fixture(scope="module")
def db_copy(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh copy of the demo database for one module."""
    path = tmp_path_factory.mktemp("web-db") / "served.duckdb"
    shutil.copyfile(demo_db, path)
    return path
