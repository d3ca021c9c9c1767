"""The Python API. Everything the command line does is a call to a function here; each
is a thin facade over `triangulate.workflow` (which orders the steps) and the store.

>>> from triangulate import api
>>> report = api.ingest(["reports/"], db="conflict.duckdb")
>>> report.errors        # one ItemError per input that could not be ingested
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import IO, Any, BinaryIO

from triangulate.errors import UsageError
from triangulate.eval.runner import draw_claim_groups, evaluate
from triangulate.ingest import DEFAULT_FETCH_TIMEOUT
from triangulate.live.sources import parse_sources
from triangulate.live.watcher import PollReport, Watcher, WatchOptions
from triangulate.models import Row
from triangulate.report import FORMATS as REPORT_FORMATS
from triangulate.report import build_report, load_report_data
from triangulate.report.views import view_rows
from triangulate.store import DEFAULT_LOCK_TIMEOUT, Store
from triangulate.store.export import export_table
from triangulate.workflow.analyze import AnalyzeReport, analyze_store
from triangulate.workflow.ingest import DEFAULT_MAX_BYTES, IngestFailed, IngestReport, ingest_inputs
from triangulate.workflow.progress import Progress, no_progress
from triangulate.workflow.settings import resolve_settings

__all__ = [
    "DEFAULT_FETCH_TIMEOUT",
    "DEFAULT_LOCK_TIMEOUT",
    "DEFAULT_MAX_BYTES",
    "AnalyzeReport",
    "IngestFailed",
    "IngestReport",
    "analyze",
    "demo",
    "draw_claim_groups",
    "evaluate",
    "export",
    "ingest",
    "report",
    "rows",
    "sample_corpus",
    "alerts",
    "view",
    "watch",
    "watch_status",
]


def ingest(
    inputs: Sequence[str],
    db: str | Path | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch_links: bool = True,
    fetch_timeout: float = DEFAULT_FETCH_TIMEOUT,
    allow_private_urls: bool = False,
    outlets: Path | None = None,
    progress: Progress = no_progress,
    stdin: BinaryIO | None = None,
    run_analysis: bool = True,
    gazetteers: Sequence[Path] = (),
    framing: Sequence[Path] = (),
    workers: int | None = 1,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    on_wait: Callable[[str], None] | None = None,
) -> IngestReport:
    """Read, clean and store every input; bad items are reported, never fatal.

    Re-ingesting the same text changes nothing; near-duplicates are stored and
    linked to their original through `duplicate_of`. Unless `run_analysis` is
    False, new documents are then analysed (see `analyze`), in the same connection.
    `fetch_timeout` is the total deadline per URL in seconds; `allow_private_urls` lets
    feed links and redirects reach loopback and private addresses (a URL in `inputs`
    may always be private). `workers` processes analyse (None: one per core).
    `outlets`, `gazetteers` and `framing` not given are those the store last used.
    The store is held for the whole run; a store held by another process is waited for
    up to `lock_timeout` seconds (`on_wait` is told who holds it), then `StoreBusy`.
    """
    with Store(db, lock_timeout=lock_timeout, on_wait=on_wait) as store:
        settings = resolve_settings(store, gazetteers=gazetteers, outlets=outlets, framing=framing)
        return ingest_inputs(
            store,
            inputs,
            settings,
            max_bytes=max_bytes,
            fetch_links=fetch_links,
            fetch_timeout=fetch_timeout,
            allow_private_urls=allow_private_urls,
            stdin=stdin,
            run_analysis=run_analysis,
            progress=progress,
            workers=workers,
        )


def analyze(
    db: str | Path | None = None,
    *,
    force: bool = False,
    retry_failed: bool = False,
    model: str | None = None,
    gazetteers: Sequence[Path] = (),
    outlets: Path | None = None,
    framing: Sequence[Path] = (),
    progress: Progress = no_progress,
    workers: int | None = 1,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    on_wait: Callable[[str], None] | None = None,
) -> AnalyzeReport:
    """Analyse stored documents not yet analysed, resolve entities across them, then
    update the stories and what is derived from them (see workflow/analyze.py).

    `force` re-analyses everything and redoes every story's corpus steps;
    `retry_failed` tries again documents whose analysis failed; `gazetteers` adds user
    place lists (CSV or GeoJSON), `outlets` the user outlet list, `framing` user framing
    lexicons (CSV); any not given are those the store was last analysed with. `workers`
    processes parse (None: one per core). `lock_timeout` and `on_wait` as in `ingest`.
    """
    with Store(db, lock_timeout=lock_timeout, on_wait=on_wait) as store:
        settings = resolve_settings(
            store, model=model, gazetteers=gazetteers, outlets=outlets, framing=framing
        )
        return analyze_store(
            store, settings, force=force, retry_failed=retry_failed, progress=progress,
            workers=workers,
        )  # fmt: skip


def export(
    table: str,
    db: str | Path | None = None,
    *,
    format: str = "jsonl",
    out: Path | None = None,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    on_wait: Callable[[str], None] | None = None,
) -> None:
    """Write an export table (docs/architecture.md lists them) to `out`, or to stdout.

    Readers open the store read-only and wait for a writer as `ingest` does."""
    with Store(db, read_only=True, lock_timeout=lock_timeout, on_wait=on_wait) as store:
        export_table(store, table, format, out)


def rows(
    table: str, db: str | Path | None = None, *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT
) -> list[Row]:
    """Every row of an export table, JSON columns decoded."""
    with Store(db, read_only=True, lock_timeout=lock_timeout) as store:
        return store.rows(table)


def view(
    name: str,
    db: str | Path | None = None,
    story: str | None = None,
    top: int | None = None,
    *,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    on_wait: Callable[[str], None] | None = None,
) -> list[dict[str, str]]:
    """The rows of a terminal view (stories, timeline, claims, quotes, entities); `top`
    keeps the timeline's K most salient days."""
    with Store(db, read_only=True, lock_timeout=lock_timeout, on_wait=on_wait) as store:
        return view_rows(name, store, story, top)


def report(
    db: str | Path | None = None,
    *,
    story: str | None = None,
    format: str = "md",
    out: Path | None = None,
    outlets: Path | None = None,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    on_wait: Callable[[str], None] | None = None,
) -> Path:
    """Write a report of one story (or of all) as md, html or json; return its path.

    `out` defaults to ``triangulate-report.<format>`` in the current folder; maps
    are PNG files beside Markdown and JSON reports and embedded in HTML.
    `outlets` (name, side) places speakers of unknown country on their outlet's side.
    """
    if format not in REPORT_FORMATS:
        raise UsageError(f"unknown report format {format!r}; choose one of: md, html, json")
    with Store(db, read_only=True, lock_timeout=lock_timeout, on_wait=on_wait) as store:
        try:
            data = load_report_data(store, story, outlets=(outlets,) if outlets else ())
        except LookupError as exc:
            raise UsageError(str(exc)) from exc
    return build_report(data, format, out or Path(f"triangulate-report.{format}"))


def sample_corpus() -> Path:
    """The folder of the bundled, fictional sample corpus."""
    return Path(str(resources.files("triangulate.data").joinpath("sample")))


def demo(db: str | Path, *, progress: Progress = no_progress) -> IngestReport:
    """Ingest the bundled sample corpus into a fresh database at `db`."""
    path = Path(db)
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)
    sample = sample_corpus()
    return ingest(
        [str(sample / "corpus")],
        path,
        outlets=sample / "outlets.csv",
        gazetteers=[sample / "gazetteer.csv"],
        progress=progress,
        fetch_links=False,
    )


def summary(db: str | Path | None = None) -> dict[str, Any]:
    """Counts an analyst looks at first: stories, quotes, claims, disputed and corroborated
    claim groups."""
    with Store(db, read_only=True) as store:
        statuses: dict[str, int] = {}
        for group in store.rows("claim_groups"):
            statuses[group["status"]] = statuses.get(group["status"], 0) + 1
        return {
            "stories": len(store.rows("stories")),
            "quotes": len(store.rows("quotes")),
            "claims": len(store.rows("claims")),
            "claim_groups": sum(statuses.values()),
            "disputed": statuses.get("conflict", 0),
            "corroborated": statuses.get("corroborated", 0),
        }


def watch(
    sources: Sequence[str],
    db: str | Path | None = None,
    options: WatchOptions | None = None,
    *,
    stream: IO[str] | None = None,
    stop: threading.Event | None = None,
    on_poll: Callable[[PollReport], None] | None = None,
    outlets: Path | None = None,
    gazetteers: Sequence[Path] = (),
    framing: Sequence[Path] = (),
) -> list[PollReport]:
    """Poll feed URLs, section URLs and folders (or sources files listing them) into the
    store, update the record after each poll and deliver alerts (see triangulate.live):
    JSON Lines to `stream`, `options.alerts_file`, `options.webhook`. Runs until
    `options.polls` polls or `stop` is set; restarted, it resumes from the store."""
    parsed = parse_sources(sources)
    with Store(db) as store:
        settings = resolve_settings(store, gazetteers=gazetteers, outlets=outlets, framing=framing)
        watcher = Watcher(store, parsed, settings, options or WatchOptions(), stream=stream)
        return watcher.run(stop, on_poll)


def watch_status(db: str | Path | None = None) -> list[Row]:
    """Each watched source: polls, last poll and status, last new item, errors, items."""
    with Store(db) as store:
        return store.rows("watch_sources")


def alerts(db: str | Path | None = None) -> list[Row]:
    """Every alert raised, oldest first, with its evidence and delivery state."""
    with Store(db) as store:
        return store.rows("alerts")
