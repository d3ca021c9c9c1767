"""The watch loop: each poll fetches what is new from every due source, stores it
through `workflow` (ingest, then the incremental corpus update), turns what changed
into alerts and delivers them.

Order within a poll, each step committed before the next, so a watcher killed
anywhere resumes without re-ingesting or losing anything:

1. per source: fetch (conditional), read only unseen entries, store each entry's
   documents and then mark the entry seen (an entry stored but not marked is read
   again and found already stored); record the poll's outcome, and a
   `source_quiet` / `source_failing` alert when a streak reaches its limit;
2. if documents were stored since the last alerts: the incremental analysis
   (`workflow.analyze`), then the alerts of what changed, stored together with the
   mark of how far alerts have been computed;
3. delivery of every alert not yet delivered (a previous run's too).

A source that fails is skipped for a growing number of polls (1, 3, 7, ... up to
`MAX_SKIPPED_POLLS`) while it keeps failing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import IO, Any

from triangulate.corpus.independence import independent_origins
from triangulate.errors import InputError
from triangulate.ingest import DEFAULT_FETCH_TIMEOUT
from triangulate.ingest.fetch import Fetcher
from triangulate.live.delivery import LineSinks, Webhook
from triangulate.live.pacing import HostPacer
from triangulate.live.poll import Entry, poll_source
from triangulate.live.rules import Alert, claim_alerts, source_alert, statement_alerts, story_alerts
from triangulate.live.sources import WatchSource
from triangulate.live.state import CHECKED_SEQ, WatchState, now
from triangulate.store import Store
from triangulate.workflow.analyze import analyze_store
from triangulate.workflow.ingest import DEFAULT_MAX_BYTES, ingest_items
from triangulate.workflow.settings import RunSettings

MAX_SKIPPED_POLLS = 31
WEBHOOK_DRAIN_SECONDS = 30.0  # how long a stopping watcher waits for webhook deliveries


@dataclass(frozen=True)
class WatchOptions:
    """How to poll and what to alert on; the defaults are those of `triangulate watch`."""

    every: float = 600.0
    polls: int | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    fetch_timeout: float = DEFAULT_FETCH_TIMEOUT
    allow_private_urls: bool = False
    fetch_links: bool = True
    host_delay: float = 1.0
    quiet_after: int = 6
    fail_after: int = 3
    alerts_file: Path | None = None
    webhook: str | None = None


@dataclass
class PollReport:
    """What one poll did."""

    number: int
    polled: int = 0
    skipped: int = 0
    new_entries: int = 0
    added: list[str] = field(default_factory=list)
    failed_sources: dict[str, str] = field(default_factory=dict)
    failed_items: list[str] = field(default_factory=list)
    alerts: int = 0
    analysed: int = 0


class Watcher:
    """Polls `sources` into `store`; `run` loops, `poll` does one round."""

    def __init__(
        self,
        store: Store,
        sources: Sequence[WatchSource],
        settings: RunSettings,
        options: WatchOptions,
        *,
        stream: IO[str] | None = None,
        fetcher: Fetcher | None = None,
    ) -> None:
        self.store = store
        self.sources = list(sources)
        self.settings = settings
        self.options = options
        self.state = WatchState(store)
        self.state.register(self.sources)
        self.state.checked_seq()  # documents stored before the first watch are the baseline
        self.fetcher = fetcher or Fetcher(
            max_bytes=options.max_bytes,
            timeout=options.fetch_timeout,
            allow_private=options.allow_private_urls,
            pace=HostPacer(options.host_delay),
        )
        self.lines = LineSinks(stream, options.alerts_file)
        self.webhook = Webhook(options.webhook) if options.webhook else None
        self.polls = 0

    def run(
        self,
        stop: threading.Event | None = None,
        on_poll: Callable[[PollReport], None] | None = None,
        execute: Callable[[Callable[[], Any]], Any] | None = None,
    ) -> list[PollReport]:
        """Poll every `options.every` seconds until `options.polls` polls or `stop` is set.

        `execute` runs each step that writes to the store (a server passes its writer
        thread, so that it stays the store's one writer); by default they run here.
        """
        stop = stop or threading.Event()
        execute = execute or _directly
        reports = []
        try:
            execute(self.deliver)  # what a previous run stored but could not deliver
            while not stop.is_set():
                started = time.monotonic()
                report = execute(self.poll)
                reports.append(report)
                if on_poll:
                    on_poll(report)
                if self.options.polls is not None and self.polls >= self.options.polls:
                    break
                stop.wait(max(0.0, self.options.every - (time.monotonic() - started)))
        finally:
            execute(self.close)
        return reports

    def poll(self) -> PollReport:
        """One round: every due source, then the update and its alerts, then delivery."""
        self.polls += 1
        report = PollReport(self.polls)
        for source in self.sources:
            if self._due(source):
                self._poll_source(source, report)
            else:
                report.skipped += 1
        self.update(report)
        self.deliver()
        return report

    def update(self, report: PollReport) -> None:
        """Analyse what was stored since the last alerts and store the alerts it raises."""
        checked = self.state.checked_seq()
        new_docs = self.state.documents_after(checked)
        if not new_docs:
            return
        top = self.state.max_seq()
        analysis = analyze_store(self.store, self.settings)
        report.analysed = analysis.analyzed
        alerts = derived_alerts(self.store, set(new_docs))
        with self.store.transaction():
            self.state.add_alerts(alerts, webhook=self.webhook is not None)
            self.store.set_state(CHECKED_SEQ, top)
        report.alerts += len(alerts)

    def deliver(self) -> None:
        """Send every stored alert not sent yet, in the order they were raised."""
        pending = self.state.alerts("NOT emitted")
        self.lines.send(pending)
        self.state.mark_emitted([a["key"] for a in pending])
        if self.webhook is not None:
            self.webhook.send(self.state.alerts("webhook = 'pending'"))
            self._record_webhook()

    def close(self) -> None:
        if self.webhook is not None:
            self.webhook.close(WEBHOOK_DRAIN_SECONDS)
            self._record_webhook()
        self.fetcher.close()

    def _record_webhook(self) -> None:
        assert self.webhook is not None
        for key, status in self.webhook.results():
            self.state.mark_webhook(key, status)

    def _due(self, source: WatchSource) -> bool:
        retry_at = self.state.source(source.location).get("next_poll_at")
        tolerance = timedelta(seconds=self.options.every / 2)
        return retry_at is None or now() >= retry_at - tolerance

    def _poll_source(self, source: WatchSource, report: PollReport) -> None:
        location = source.location
        known = self.state.source(location)
        seen = self.state.seen(location)
        report.polled += 1
        try:
            polled = poll_source(
                source,
                self.fetcher,
                seen.__contains__,
                etag=known.get("etag"),
                last_modified=known.get("last_modified"),
                fetch_links=self.options.fetch_links,
            )
        except InputError as exc:
            failures = int(known.get("consecutive_errors") or 0) + 1
            skipped = min(2 ** (failures - 1) - 1, MAX_SKIPPED_POLLS)
            retry_at = now() + timedelta(seconds=self.options.every * skipped)
            self.state.record_failure(location, exc.reason, retry_at)
            report.failed_sources[location] = exc.reason
        else:
            stored = entries = 0
            for entry in polled.entries:
                stored += self._store_entry(location, entry, report)
                entries += 1
            report.new_entries += entries
            status = "not modified" if polled.not_modified else f"{entries} new entries"
            self.state.record_success(
                location, polled.kind, stored, polled.etag, polled.last_modified, status
            )
        alert = source_alert(
            self.state.source(location),
            quiet_after=self.options.quiet_after,
            fail_after=self.options.fail_after,
        )
        if alert is not None:
            self.state.add_alerts([alert], webhook=self.webhook is not None)
            report.alerts += 1

    def _store_entry(self, location: str, entry: Entry, report: PollReport) -> int:
        """Store the entry's documents through the workflow, then mark it seen; the number
        of documents it added."""
        ingested = ingest_items(self.store, entry.items, self.settings, run_analysis=False)
        stored = ingested.added + ingested.unchanged
        error = "; ".join(f"{e.item}: {e.reason}" for e in ingested.errors) or None
        self.state.mark_entry(location, entry.key, stored[0] if stored else None, error)
        report.added += ingested.added
        report.failed_items += [str(e) for e in ingested.errors]
        return len(ingested.added)


def _directly(step: Callable[[], Any]) -> Any:
    return step()


def derived_alerts(store: Store, new_docs: set[str]) -> list[Alert]:
    """The alerts raised by the documents `new_docs`, from the derived tables as they are
    now (the members from other documents are what was known before)."""
    wanted = [list(new_docs)]
    story_ids = [
        r[0]
        for r in store.conn.execute(
            "SELECT DISTINCT story_id FROM story_documents WHERE doc_id IN (SELECT unnest(?))",
            wanted,
        ).fetchall()
    ]
    in_stories = "story_id IN (SELECT unnest(?))"
    groups = store.rows("claim_groups", in_stories, [story_ids])
    statements = store.rows("statement_groups", in_stories, [story_ids])
    stories = store.rows("stories", "id IN (SELECT unnest(?))", [story_ids])
    claims = {c["id"]: c for c in store.rows("claims", "doc_id IN (SELECT unnest(?))", wanted)}
    involved = set(new_docs)
    for row in (*groups, *statements):
        if any(m["doc_id"] in new_docs for m in row["members"]):
            involved |= {m["doc_id"] for m in row["members"]}
    documents = {
        d["id"]: d for d in store.rows("documents", "id IN (SELECT unnest(?))", [list(involved)])
    }

    def sentence(doc_id: str, start: int, end: int) -> str:
        return str(documents.get(doc_id, {}).get("text") or "")[start:end]

    origins = independent_origins(list(documents.values()))
    return [
        *story_alerts(stories, new_docs, documents),
        *claim_alerts(groups, new_docs, claims, sentence),
        *statement_alerts(statements, new_docs, origins),
    ]
