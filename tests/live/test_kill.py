"""kill -9 during a poll, then restart: the store has every entry once and nothing lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import triangulate
from triangulate.store import Store

from .server import Page, Site, rss, serve

REPORTS = Path(__file__).parent / "reports"


def _watch(site: Site, db: Path, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(triangulate.__file__).parents[1])}
    command = [sys.executable, "-m", "triangulate", "watch", site.url("/feed"), "--db", str(db),
               "--every", "10ms", "--allow-private-urls", "--host-delay", "0", *extra]  # fmt: skip
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)  # fmt: skip


def test_killed_during_a_poll_resumes_without_duplicates(tmp_path: Path) -> None:
    with serve(Site()) as site:
        entries = [("a", "/a", "Zhelvar market"), ("b", "/b", "Mourning"), ("c", "/c", "KNT")]
        site.pages = {
            "/feed": Page(rss(site, entries), content_type="application/rss+xml", etag='"1"'),
            "/a": Page((REPORTS / "a_meridian.html").read_bytes()),
            "/b": Page((REPORTS / "b_dolvar.html").read_bytes(), delay=60.0),
            "/c": Page((REPORTS / "c_knt.html").read_bytes()),
        }
        db = tmp_path / "watch.duckdb"
        first = _watch(site, db)
        assert site.entered.wait(60), first.communicate(timeout=5)
        os.kill(first.pid, signal.SIGKILL)  # while it waits for /b, /a stored
        first.wait(10)

        site.pages["/b"].delay = 0.0
        second = _watch(site, db, "--polls", "1")
        stdout, stderr = second.communicate(timeout=120)
        assert second.returncode == 0, stderr

    with Store(db) as store:
        documents = store.conn.execute("SELECT count(*), count(DISTINCT id) FROM documents")
        assert documents.fetchone() == (3, 3)
        entries_rows = store.conn.execute(
            "SELECT key, status FROM watch_entries ORDER BY key"
        ).fetchall()
        assert entries_rows == [("a", "stored"), ("b", "stored"), ("c", "stored")]
        analysed = store.conn.execute("SELECT count(*) FROM analyses").fetchone()
        assert analysed == (3,)
    assert sum(1 for path, _, _ in site.requests if path == "/a") == 1  # kept across the kill
    alerts = [json.loads(line) for line in stdout.splitlines()]
    assert len({a["key"] for a in alerts}) == len(alerts)
    assert [a["kind"] for a in alerts].count("conflict") == 1
