"""The watcher's state, all of it in the store (migration 16), so a watcher killed at
any moment resumes where it stopped: each source's validators, counts and error streak;
every entry already stored; how far alerts have been computed; every alert and whether
it was delivered.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from triangulate.live.rules import Alert
from triangulate.live.sources import WatchSource
from triangulate.store import Store

CHECKED_SEQ = "watch.checked_seq"  # corpus_state: documents up to this seq have had alerts
ENTRY_ATTEMPTS = 3  # an entry that failed this often is given up (not fetched again)


def now() -> datetime:
    """UTC without a zone, as the TIMESTAMP columns hold it."""
    return datetime.now(UTC).replace(tzinfo=None)


class WatchState:
    """Reads and writes the watch tables of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn

    # --- sources ---

    def register(self, sources: Sequence[WatchSource]) -> None:
        """Add sources not yet known; keep their counts, update outlet and side if given."""
        with self.store.transaction():
            for s in sources:
                kind = "folder" if s.is_folder else "url"
                self.conn.execute(
                    "INSERT OR IGNORE INTO watch_sources (location, kind) VALUES (?, ?)",
                    [s.location, kind],
                )
                if s.outlet or s.side:
                    self.conn.execute(
                        "UPDATE watch_sources SET outlet = coalesce(?, outlet), "
                        "side = coalesce(?, side) WHERE location = ?",
                        [s.outlet, s.side, s.location],
                    )

    def source(self, location: str) -> dict[str, Any]:
        result = self.conn.execute("SELECT * FROM watch_sources WHERE location = ?", [location])
        names = [c[0] for c in result.description]
        row = result.fetchone()
        return dict(zip(names, row, strict=True)) if row else {}

    def record_success(
        self,
        location: str,
        kind: str,
        new_items: int,
        etag: str | None,
        last_modified: str | None,
        status: str,
    ) -> None:
        """One poll that answered: validators kept, quiet streak counted or reset."""
        self.conn.execute(
            """
            UPDATE watch_sources SET kind = ?, etag = coalesce(?, etag),
                last_modified = coalesce(?, last_modified), polls = polls + 1,
                last_poll = ?, last_status = ?, consecutive_errors = 0, next_poll_at = NULL,
                items = items + ?,
                last_new = CASE WHEN ? > 0 THEN ? ELSE last_new END,
                quiet_polls = CASE WHEN ? > 0 THEN 0 ELSE quiet_polls + 1 END
            WHERE location = ?
            """,
            [kind, etag, last_modified, now(), status, new_items, new_items, now(), new_items,
             location],
        )  # fmt: skip

    def record_failure(self, location: str, error: str, retry_at: datetime | None) -> None:
        self.conn.execute(
            """
            UPDATE watch_sources SET polls = polls + 1, last_poll = ?, last_status = 'error',
                errors = errors + 1, consecutive_errors = consecutive_errors + 1,
                last_error = ?, next_poll_at = ?
            WHERE location = ?
            """,
            [now(), error, retry_at, location],
        )

    def status(self) -> list[dict[str, Any]]:
        return self.store.rows("watch_sources")

    # --- entries ---

    def seen(self, location: str) -> set[str]:
        """Keys of the source's entries not to fetch again (stored, or given up)."""
        rows = self.conn.execute(
            "SELECT key FROM watch_entries WHERE source = ? AND (status = 'stored' "
            "OR attempts >= ?)",
            [location, ENTRY_ATTEMPTS],
        ).fetchall()
        return {r[0] for r in rows}

    def mark_entry(self, location: str, key: str, doc_id: str | None, error: str | None) -> None:
        """An entry read: stored (with its document), or failed once more."""
        status = "stored" if doc_id else "failed"
        self.conn.execute(
            """
            INSERT INTO watch_entries (source, key, doc_id, status, error) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (source, key) DO UPDATE SET doc_id = excluded.doc_id,
                status = excluded.status, error = excluded.error,
                attempts = watch_entries.attempts + 1
            """,
            [location, key, doc_id, status, error],
        )

    # --- documents and alerts ---

    def checked_seq(self) -> int:
        """Documents up to this seq have had their alerts; the first watch starts after
        the documents already stored (they are the baseline, not news)."""
        value = self.store.state(CHECKED_SEQ)
        if value is None:
            value = self.max_seq()
            self.store.set_state(CHECKED_SEQ, value)
        return int(value)

    def max_seq(self) -> int:
        row = self.conn.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()
        return int(row[0]) if row else 0

    def documents_after(self, seq: int) -> list[str]:
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE seq > ? ORDER BY seq", [seq]
        ).fetchall()
        return [r[0] for r in rows]

    def add_alerts(self, alerts: Iterable[Alert], webhook: bool) -> None:
        """Store alerts not stored before (by key): an alert is never sent twice."""
        for alert in alerts:
            self.conn.execute(
                """
                INSERT OR IGNORE INTO watch_alerts
                    (key, kind, story_id, source, doc_id, start, "end", summary, detail, webhook)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [alert.key, alert.kind, alert.story_id, alert.source, alert.doc_id,
                 alert.start, alert.end, alert.summary,
                 json.dumps(alert.detail, ensure_ascii=False), "pending" if webhook else None],
            )  # fmt: skip

    def alerts(self, where: str = "", params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return self.store.rows("alerts", where, params)

    def mark_emitted(self, keys: Sequence[str]) -> None:
        if keys:
            self.conn.execute(
                "UPDATE watch_alerts SET emitted = true WHERE key IN (SELECT unnest(?))",
                [list(keys)],
            )

    def mark_webhook(self, key: str, status: str) -> None:
        self.conn.execute("UPDATE watch_alerts SET webhook = ? WHERE key = ?", [status, key])
