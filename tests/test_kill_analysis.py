"""kill -9 an ingest at several points, run it again: every export table equals a clean run's.

The ingest runs in a child process that prints each workflow step as it ends (the
`triangulate.workflow` timing log), so each kill lands right after a named step, in
the next one, however fast the machine is; the last one lands halfway through the
per-story results. Whichever step a kill interrupts, the rerun must finish exactly
what was left.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from triangulate import api
from triangulate.store import Store
from triangulate.store.schema import EXPORT_VIEWS

# Columns that record when, not what: they differ between any two runs.
CLOCK_COLUMNS = {"ingested_at", "analyzed_at", "at", "created_at"}
# (step, its n-th end, then wait this share of the next step's clean duration) -> kill
KILLS = (
    ("store documents", 1, 0.0),  # during the model load
    ("nlp", 1, 0.0),  # while entities are resolved
    ("entity resolution", 1, 0.0),  # while stories are built
    ("stories", 1, 0.0),  # while dates are inferred
    ("entity resolution", 2, 0.0),  # as per-story results start
    ("entity resolution", 2, 0.5),  # halfway through them
)
# The child: the command line, with each step's end printed to stderr as it happens.
CHILD = (
    "import logging, sys; handler = logging.StreamHandler(sys.stderr); "
    "handler.setFormatter(logging.Formatter('step %(step)s|%(seconds)f')); "
    "log = logging.getLogger('triangulate.workflow'); log.addHandler(handler); "
    "log.setLevel(logging.INFO); from triangulate.cli import app; app(prog_name='triangulate')"
)


Tables = dict[str, list[dict[str, Any]]]
Steps = list[tuple[str, float]]
SAMPLE = api.sample_corpus()
SETTINGS: dict[str, Any] = {  # what `triangulate demo` passes, for ingest in process
    "outlets": SAMPLE / "outlets.csv",
    "gazetteers": [SAMPLE / "gazetteer.csv"],
    "fetch_links": False,
}


def _ingest(db: Path) -> None:
    report = api.ingest([str(SAMPLE / "corpus")], db, **SETTINGS)
    assert not report.errors and report.analysis is not None and not report.analysis.failed


def _tables(db: Path) -> Tables:
    with Store(db, read_only=True) as store:
        return {
            table: [{k: v for k, v in row.items() if k not in CLOCK_COLUMNS}
                    for row in store.rows(table)]
            for table in EXPORT_VIEWS
        }  # fmt: skip


def _start(db: Path) -> subprocess.Popen[str]:
    """The same ingest from the command line, in a process that can be killed."""
    command = [
        sys.executable, "-c", CHILD, "ingest", str(SAMPLE / "corpus"), "--db", str(db),
        "--no-fetch", "--outlets", str(SETTINGS["outlets"]),
        "--gazetteer", str(SETTINGS["gazetteers"][0]),
    ]  # fmt: skip
    return subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, bufsize=1
    )


def _steps(run: subprocess.Popen[str]) -> Iterator[tuple[str, float]]:
    """Each step of the child as it ends: its name and seconds."""
    assert run.stderr is not None
    for line in run.stderr:
        if line.startswith("step "):
            step, seconds = line[5:].rstrip("\n").rsplit("|", 1)
            yield step, float(seconds)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Steps, Tables]:
    """A whole run's steps in order (with their seconds), and its export tables."""
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    run = _start(db)
    steps = list(_steps(run))
    assert run.wait() == 0
    return steps, _tables(db)


@pytest.mark.parametrize(("after", "nth", "share"), KILLS)
def test_an_ingest_killed_anywhere_is_finished_by_the_next(
    tmp_path: Path,
    after: str,
    nth: int,
    share: float,
    clean: tuple[Steps, Tables],
) -> None:
    steps, tables = clean
    ends = [i for i, (step, _) in enumerate(steps) if step == after]
    assert len(ends) >= nth, f"the clean run has no {after!r} step number {nth}"
    following = steps[ends[nth - 1] + 1][1] if ends[nth - 1] + 1 < len(steps) else 0.0
    db = tmp_path / "killed.duckdb"
    run = _start(db)
    seen = 0
    for step, _ in _steps(run):
        seen += step == after
        if seen == nth:
            time.sleep(following * share)
            break
    killed = run.poll() is None
    run.kill()
    run.wait()
    assert killed, f"the run ended before it could be killed after {after!r}"
    _ingest(db)
    assert _tables(db) == tables
