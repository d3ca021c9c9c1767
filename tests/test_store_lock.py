"""Two real processes on one store: the second writer waits, then fails with exit 3."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from triangulate.errors import StoreBusy
from triangulate.store import Store

HOLD = """
import sys, time
from triangulate.store import Store
with Store(sys.argv[1]):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def _holder(db: Path, seconds: float) -> subprocess.Popen[str]:
    """A process that holds `db` read-write for `seconds`, started once it holds it."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_second_writer_gets_store_busy_naming_the_holder(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    Store(db).close()
    proc = _holder(db, 30)
    told: list[str] = []
    try:
        with pytest.raises(StoreBusy, match=f"PID {proc.pid}|process {proc.pid}"):
            Store(db, lock_timeout=0.5, on_wait=told.append)
        assert told and str(proc.pid) in told[0]
    finally:
        proc.kill()
        proc.wait()


def test_writer_waits_for_the_lock_to_be_released(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    Store(db).close()
    proc = _holder(db, 1.0)
    try:
        with Store(db, lock_timeout=30) as store:  # waits out the 1 s holder
            assert store.version > 0
    finally:
        proc.wait()


def test_cli_exits_3_when_the_store_is_busy(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    Store(db).close()
    proc = _holder(db, 30)
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "triangulate",
                "stories",
                "--db",
                str(db),
                "--lock-timeout",
                "0.5",
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 3, done.stderr
        assert "held by process" in done.stderr and "--lock-timeout" in done.stderr
        busy_ingest = subprocess.run(
            [
                sys.executable,
                "-m",
                "triangulate",
                "ingest",
                str(tmp_path),
                "--db",
                str(db),
                "--lock-timeout",
                "0.5",
                "--json",
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert busy_ingest.returncode == 3, busy_ingest.stderr
        summary = json.loads(busy_ingest.stdout)  # the summary is printed after a failure
        assert "held by process" in summary["error"] and summary["added"] == 0
    finally:
        proc.kill()
        proc.wait()
