"""Sources files, intervals, section-page links, host pacing, folders and the webhook."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from triangulate import api
from triangulate.errors import UsageError
from triangulate.live.links import article_links
from triangulate.live.pacing import HostPacer, parse_interval
from triangulate.live.sources import WatchSource, parse_sources
from triangulate.live.watcher import WatchOptions

from .server import Site, serve

REPORTS = Path(__file__).parent / "reports"


def test_sources_file_with_outlets_sides_comments_and_relative_folders(tmp_path: Path) -> None:
    (tmp_path / "drop").mkdir()
    listing = tmp_path / "sources.txt"
    listing.write_text(
        "# feeds\nhttps://knt.example/rss, KNT, B\n\n"
        '"https://a.example/x?a=1,2", "Meridian Wire Service"\ndrop,,local\n',
        encoding="utf-8",
    )
    assert parse_sources([str(listing), "https://knt.example/rss"]) == [
        WatchSource("https://knt.example/rss", "KNT", "B"),
        WatchSource("https://a.example/x?a=1,2", "Meridian Wire Service", None),
        WatchSource(str(tmp_path / "drop"), None, "local"),
    ]
    listing.write_text("gone-folder, KNT\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"sources.txt:1: .*neither an http"):
        parse_sources([str(listing)])
    with pytest.raises(UsageError, match="no such URL, folder or sources file"):
        parse_sources([str(tmp_path / "missing.txt")])
    with pytest.raises(UsageError, match="scheme"):
        parse_sources(["ftp://x.example/feed"])


def test_intervals() -> None:
    assert [parse_interval(t) for t in ("90", "30s", "10m", "1.5h", "250ms")] == [
        90,
        30,
        600,
        5400,
        0.25,
    ]
    for bad in ("0", "ten minutes", "-5m"):
        with pytest.raises(UsageError):
            parse_interval(bad)


def test_section_page_links_are_articles_on_the_same_host() -> None:
    html = """<html><body><nav><a href="/world/">World news from everywhere</a>
    <a href="/tag/dolvar/">All about the Dolvar valley</a></nav>
    <a href="/world/2031/03/11/zhelvar-market-shelled">Shelling hits Zhelvar market</a>
    <a href="https://www.news.example/world/kaldoria-rejects-claims-over-zhelvar#top">
      Kaldoria rejects the claims</a>
    <a href="/world/2031/03/11/zhelvar-market-shelled">Shelling hits Zhelvar market</a>
    <a href="https://other.example/world/2031/story-1">Elsewhere on another site</a>
    <a href="/world/12">Read</a></body></html>"""
    assert article_links(html, "https://news.example/world/") == [
        "https://news.example/world/2031/03/11/zhelvar-market-shelled",
        "https://www.news.example/world/kaldoria-rejects-claims-over-zhelvar",
    ]


def test_host_pacer_keeps_one_host_apart_and_others_free() -> None:
    clock, slept = [100.0], []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock[0] += seconds

    pace = HostPacer(2.0, clock=lambda: clock[0], sleep=sleep)
    pace("https://a.example/1")
    pace("https://b.example/1")
    clock[0] += 0.5
    pace("https://a.example/2")
    assert slept == [1.5]


def test_folder_new_files_webhook_and_quiet_source(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(REPORTS / "d_velinsk.html", folder)
    db, out = tmp_path / "w.duckdb", io.StringIO()
    with serve(Site()) as hook:
        options = WatchOptions(every=0.01, polls=3, quiet_after=2, webhook=hook.url("/hook"))
        reports = api.watch([str(folder)], db, options, stream=out)
        posted = [json.loads(body) for body in hook.posted]
    assert [len(r.added) for r in reports] == [1, 0, 0]
    delivered = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [a["kind"] for a in delivered] == ["new_story", "source_quiet"]
    assert posted == delivered
    assert {a["webhook"] for a in api.alerts(db)} == {"sent"}
    [story] = [a for a in delivered if a["kind"] == "new_story"]
    [document] = api.rows("documents", db)
    # the title is not in this clean text, so the evidence is its first line
    assert document["text"][story["start"] : story["end"]] == document["text"].split("\n")[0]
    [source] = api.watch_status(db)
    assert (source["items"], source["polls"], source["quiet_polls"]) == (1, 3, 2)
