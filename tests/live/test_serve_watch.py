"""`triangulate serve --watch`: the server polls feeds into its store on its one writer
thread, while it goes on answering requests."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from triangulate.ingest import fetch
from triangulate.live.watcher import WatchOptions
from triangulate.store import Store
from triangulate.web.app import create_app

from .server import Page, Site, rss, serve

REPORTS = Path(__file__).parent / "reports"


@pytest.fixture(autouse=True)
def _no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "BACKOFF_SECONDS", 0.0)


def test_the_server_watches_feeds_as_the_one_writer(tmp_path: Path) -> None:
    db = tmp_path / "served.duckdb"
    Store(db).close()
    with serve(Site()) as site:
        entries = [("a", "/a", "Shelling of Zhelvar market kills 12 civilians")]
        site.pages = {
            "/feed": Page(rss(site, entries), content_type="application/rss+xml", etag='"v1"'),
            "/a": Page((REPORTS / "a_meridian.html").read_bytes()),
            "/b": Page((REPORTS / "b_dolvar.html").read_bytes()),
        }
        options = WatchOptions(
            every=0.05, allow_private_urls=True, host_delay=0.0, fetch_timeout=2.0
        )
        app = create_app(db, watch=[site.url("/feed")], watch_options=options)
        with TestClient(app) as client:
            assert _documents_within(client, 1, seconds=60) == 1
            entries.append(("b", "/b", "Mourning in Zhelvar after market shelling"))
            site.pages["/feed"] = Page(
                rss(site, entries), content_type="application/rss+xml", etag='"v2"'
            )
            assert _documents_within(client, 2, seconds=60) == 2
            polled = client.get("/api/export/watch_sources", params={"format": "jsonl"})
            assert polled.status_code == 200 and site.url("/feed") in polled.text
            page = client.get("/changes", params={"since": "2000-01-01T00:00"}).text
            watched = page[page.index("Watched sources (1)") :]
            assert site.url("/feed") in watched and "<strong>new_story</strong>" in page
    with Store(db) as store:  # the server stopped: the file is free, nothing stored twice
        count = store.conn.execute("SELECT count(*) FROM documents").fetchone()
        entries_stored = store.conn.execute("SELECT count(*) FROM watch_entries").fetchone()
    assert count == (2,) and entries_stored == (2,)
    assert sum(1 for path, _, _ in site.requests if path == "/a") == 1


def _documents_within(client: TestClient, wanted: int, seconds: float) -> int:
    """The stored documents once there are `wanted`, or at the deadline."""
    deadline = time.monotonic() + seconds
    total = 0
    while time.monotonic() < deadline:
        total = client.get("/api/documents").json()["total"]
        if total >= wanted:
            break
        time.sleep(0.1)
    return int(total)
