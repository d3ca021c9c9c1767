"""The watcher end to end against a local HTTP server whose feeds change between polls."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from triangulate import api
from triangulate.ingest import fetch
from triangulate.live.watcher import PollReport, WatchOptions
from triangulate.store import Store

from .server import Page, Site, rss, serve

REPORTS = Path(__file__).parent / "reports"


@pytest.fixture(autouse=True)
def _no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "BACKOFF_SECONDS", 0.0)


def _page(name: str) -> Page:
    return Page((REPORTS / name).read_bytes())


def _counts(db: Path) -> dict[str, int]:
    with Store(db) as store:
        return {
            table: store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("documents", "watch_entries", "watch_alerts")
        }


def test_polls_ingest_new_entries_alert_once_and_survive_bad_hosts(tmp_path: Path) -> None:
    with serve(Site()) as site:
        _watch_changing_feed(site, tmp_path)


def _watch_changing_feed(site: Site, tmp_path: Path) -> None:
    entries = [
        ("a", "/a", "Shelling of Zhelvar market kills 12 civilians"),
        ("b", "/b", "Mourning in Zhelvar after market shelling"),
    ]
    site.pages = {
        "/feed": Page(rss(site, entries), content_type="application/rss+xml", etag='"v1"'),
        "/a": _page("a_meridian.html"),
        "/b": _page("b_dolvar.html"),
        "/c": _page("c_knt.html"),
        "/broken": Page(b"", status=500),
        "/slow": Page(rss(site, entries), content_type="application/rss+xml", delay=3.0),
        "/loop": Page(status=302, location="/loop"),
        "/huge": Page(b"<rss>" + b"x" * 50_000, content_type="application/rss+xml"),
    }
    out, alerts_file = io.StringIO(), tmp_path / "alerts.jsonl"
    db = tmp_path / "watch.duckdb"

    def between_polls(report: PollReport) -> None:
        if report.number == 2:  # a planted contradicting figure arrives for poll 3
            entries.append(("c", "/c", "Ministry of Defence rejects Tresnian claims"))
            site.pages["/feed"] = Page(
                rss(site, entries), content_type="application/rss+xml", etag='"v2"'
            )

    options = WatchOptions(
        every=0.01, polls=3, allow_private_urls=True, host_delay=0.0, fetch_timeout=1.0,
        max_bytes=20_000, fail_after=2, quiet_after=0, alerts_file=alerts_file,
    )  # fmt: skip
    sources = [site.url(p) for p in ("/feed", "/broken", "/slow", "/loop", "/huge")]
    reports = api.watch(sources, db, options, stream=out, on_poll=between_polls)

    assert [len(r.added) for r in reports] == [2, 0, 1]
    # poll 2 sent the feed's ETag back and got a 304
    assert ("/feed", '"v1"', 304) in site.requests
    assert sum(1 for path, _, _ in site.requests if path == "/a") == 1  # never fetched twice
    counts = _counts(db)
    assert counts["documents"] == 3 and counts["watch_entries"] == 3

    delivered = [json.loads(line) for line in out.getvalue().splitlines()]
    assert delivered == [json.loads(line) for line in alerts_file.read_text().splitlines()]
    assert len({a["key"] for a in delivered}) == len(delivered)
    conflicts = [a for a in delivered if a["kind"] == "conflict"]
    assert len(conflicts) == 1
    [conflict] = conflicts
    values = sorted(side["value"] for side in conflict["detail"]["sides"])
    assert values == [3.0, 12.0]
    with Store(db) as store:
        knt = next(d for d in store.documents() if d.source == "KNT")
    assert conflict["doc_id"] == knt.id
    assert knt.text[conflict["start"] : conflict["end"]] == "3 civilians"
    assert any("3 civilians were killed" in s["text"]
               for side in conflict["detail"]["sides"] for s in side["sentences"])  # fmt: skip
    kinds = {a["kind"] for a in delivered}
    assert {"corroboration", "new_story", "source_failing"} <= kinds

    status = {row["location"]: row for row in api.watch_status(db)}
    feed = status[site.url("/feed")]
    assert (feed["items"], feed["errors"], feed["polls"]) == (3, 0, 3)
    for bad, reason in (("/broken", "HTTP 500"), ("/slow", "deadline"),
                        ("/loop", "too many redirects"), ("/huge", "over the limit")):  # fmt: skip
        row = status[site.url(bad)]
        assert row["errors"] >= 2 and reason in row["last_error"], (bad, row)
    failing = [a for a in delivered if a["kind"] == "source_failing"]
    assert len(failing) == 4  # one per failing source, for its first streak

    # A second watcher on the same store: nothing new, nothing stored or sent again.
    again = io.StringIO()
    api.watch([site.url("/feed")], db, WatchOptions(
        every=0.01, polls=1, allow_private_urls=True, host_delay=0.0, quiet_after=0,
    ), stream=again)  # fmt: skip
    assert again.getvalue() == ""
    assert _counts(db)["documents"] == 3
