"""kill -9 an ingest at several points, run it again: every export table equals a clean run's.

The kills land at fractions of a clean run's own duration on this machine, so they
spread over its steps (model load, storing, NLP, stories, per-story results) however
fast the machine is; whichever step one interrupts, the rerun must finish exactly what
was left.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from triangulate import api
from triangulate.store import Store
from triangulate.store.schema import EXPORT_VIEWS

# Columns that record when, not what: they differ between any two runs.
CLOCK_COLUMNS = {"ingested_at", "analyzed_at", "at", "created_at"}
FRACTIONS = (0.3, 0.5, 0.7, 0.85, 0.95)  # of a clean run; the model load takes the first part


def _arguments(db: Path) -> tuple[list[str], dict[str, Any]]:
    sample = api.sample_corpus()
    cli = [
        str(sample / "corpus"), "--db", str(db), "--no-fetch",
        "--outlets", str(sample / "outlets.csv"), "--gazetteer", str(sample / "gazetteer.csv"),
    ]  # fmt: skip
    library = {
        "outlets": sample / "outlets.csv",
        "gazetteers": [sample / "gazetteer.csv"],
        "fetch_links": False,
    }
    return cli, library


def _ingest(db: Path) -> None:
    _, settings = _arguments(db)
    report = api.ingest([str(api.sample_corpus() / "corpus")], db, **settings)
    assert not report.errors and report.analysis is not None and not report.analysis.failed


def _tables(db: Path) -> dict[str, list[dict[str, Any]]]:
    with Store(db, read_only=True) as store:
        return {
            table: [{k: v for k, v in row.items() if k not in CLOCK_COLUMNS}
                    for row in store.rows(table)]
            for table in EXPORT_VIEWS
        }  # fmt: skip


def _start(db: Path) -> subprocess.Popen[bytes]:
    cli, _ = _arguments(db)
    return subprocess.Popen(
        [sys.executable, "-m", "triangulate", "ingest", *cli],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[float, dict[str, list[Any]]]:
    """A whole run's duration in a subprocess, and its export tables."""
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    began = time.monotonic()
    assert _start(db).wait() == 0
    return time.monotonic() - began, _tables(db)


@pytest.mark.parametrize("fraction", FRACTIONS)
def test_an_ingest_killed_anywhere_is_finished_by_the_next(
    tmp_path: Path, fraction: float, clean: tuple[float, dict[str, list[Any]]]
) -> None:
    duration, tables = clean
    db = tmp_path / "killed.duckdb"
    run = _start(db)
    time.sleep(duration * fraction)
    if run.poll() is None:
        os.kill(run.pid, signal.SIGKILL)
    run.wait()
    _ingest(db)
    assert _tables(db) == tables
