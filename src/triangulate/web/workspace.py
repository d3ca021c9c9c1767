"""The server's hold on the database: one read-write connection, reads on cursors of it,
writes (uploads) in one worker thread, so a read never waits for a running ingest."""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from triangulate.live.sources import parse_sources
from triangulate.live.watcher import Watcher, WatchOptions
from triangulate.resources.outlets import load_outlets
from triangulate.store import Store
from triangulate.workflow.ingest import ingest_inputs
from triangulate.workflow.settings import resolve_settings

WATCH_STOP_SECONDS = 60.0  # the poll in progress finishes first


class Reader(Store):
    """A store view on its own cursor: DuckDB gives each cursor a consistent snapshot."""

    def __init__(self, path: Path, conn: duckdb.DuckDBPyConnection) -> None:
        self.path = path
        self.conn = conn


@dataclass
class Job:
    """One upload's ingest: queued, running, done or failed, with its report."""

    id: str
    inputs: list[str]
    names: dict[str, str] = field(default_factory=dict)  # upload path -> the user's file name
    state: str = "queued"
    report: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "state": self.state,
            "report": self.report,
            "errors": self.errors,
            "documents": self.documents,
        }


class Workspace:
    """The open database, its upload folder and the single writer."""

    def __init__(self, db: str | Path, *, max_bytes: int) -> None:
        self.store = Store(db)
        self.max_bytes = max_bytes
        self._root = self.store.conn.cursor()
        self._cursor_lock = threading.Lock()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="triangulate-writer")
        self.upload_dir = Path(tempfile.mkdtemp(prefix="triangulate-uploads-"))
        self.jobs: dict[str, Job] = {}
        settings = (self.store.state("run.settings") or {}).get("outlets")
        self.outlet_sides = load_outlets(*([settings] if settings else [])).sides
        self._stop_watching = threading.Event()
        self._watching: threading.Thread | None = None

    def reader(self) -> Reader:
        """A fresh cursor for one request (close it after)."""
        with self._cursor_lock:
            return Reader(self.store.path, self._root.cursor())

    def upload_path(self, filename: str) -> Path:
        """A new file in the server's own temp dir; only the suffix of the name is kept."""
        suffix = "".join(c for c in Path(filename).suffix[:10] if c.isalnum() or c == ".")
        return self.upload_dir / f"{uuid.uuid4().hex}{suffix}"

    def submit(self, inputs: Sequence[str], names: dict[str, str] | None = None) -> Job:
        """Queue an ingest of `inputs` on the writer thread; `names` maps upload paths back
        to the names the user gave, for the messages."""
        job = Job(uuid.uuid4().hex[:12], list(inputs), dict(names or {}))
        self.jobs[job.id] = job
        self._writer.submit(self._ingest, job)
        return job

    def _ingest(self, job: Job) -> None:
        job.state = "running"
        try:
            settings = resolve_settings(self.store)
            report = ingest_inputs(self.store, job.inputs, settings, max_bytes=self.max_bytes)
        except Exception as exc:  # noqa: BLE001 - the job reports it; the server goes on
            job.state = "failed"
            job.errors = [f"{type(exc).__name__}: {exc}"]
            return
        job.report = report.to_dict()
        job.errors = [f"{job.names.get(e.item, e.item)}: {e.reason}" for e in report.errors]
        job.documents = report.added
        job.state = "done"

    def watch(self, sources: Sequence[str], options: WatchOptions) -> None:
        """Poll `sources` as `triangulate watch` does, every step on this server's writer
        thread (the server stays the store's one writer), until the workspace closes."""
        parsed = parse_sources(sources)  # a bad sources list fails here, in the caller
        watcher = self._on_writer(
            lambda: Watcher(self.store, parsed, resolve_settings(self.store), options)
        )
        self._watching = threading.Thread(
            target=self._watch, args=(watcher,), daemon=True, name="triangulate-watch"
        )
        self._watching.start()

    def _watch(self, watcher: Watcher) -> None:
        try:
            watcher.run(self._stop_watching, execute=self._on_writer)
        except Exception:  # the server goes on serving what is stored; the log says why
            logging.getLogger(__name__).exception("watching stopped")

    def _on_writer(self, step: Any) -> Any:
        return self._writer.submit(step).result()

    def close(self) -> None:
        self._stop_watching.set()
        if self._watching is not None:
            self._watching.join(timeout=WATCH_STOP_SECONDS)
        self._writer.shutdown(wait=True)
        self._root.close()
        self.store.close()
        shutil.rmtree(self.upload_dir, ignore_errors=True)
