"""The watcher's costs: one poll of many unchanged feeds, and one new report arriving in
a store of N reports against the same report analysed alone. Usage:

    python benchmarks/watch.py [--feeds 50] [--store FILE] [--out benchmarks/results/watch.json]

- **unchanged feeds**: `--feeds` feeds served from another process on 127.0.0.1, each
  with one entry and an ETag; a first poll stores the entries, then the CPU time
  (this process: fetch, 304 handling, store bookkeeping) and wall time of a second
  poll, in which every feed answers 304, are measured. All feeds are on one host here,
  so the per-host delay is set to 0.
- **one new report**: a copy of `--store` (an analysed store, e.g. the Syria set's) gets
  one new feed entry in one watcher poll: fetch, ingest, the incremental analysis
  (NLP of the report, entities, stories, the changed story's results) and the alerts.
  The same poll into an empty store is the cost of analysing that report alone; the
  ratio of the two is the figure (same process, pipeline loaded before both).
"""

from __future__ import annotations

import argparse
import http.server
import json
import multiprocessing
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from triangulate.live.sources import WatchSource
from triangulate.live.watcher import Watcher, WatchOptions
from triangulate.nlp.pipeline import load_pipeline
from triangulate.store import Store
from triangulate.workflow.settings import resolve_settings

REPORT = Path(__file__).resolve().parents[1] / "tests" / "live" / "reports" / "a_meridian.html"
DEFAULT_OUT = Path(__file__).parent / "results" / "watch.json"


def _feed(port: int, n: int) -> bytes:
    link = f"http://127.0.0.1:{port}/article/{n}"
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {n}</title>'
        f"<item><guid>e{n}</guid><title>Entry {n}</title><link>{link}</link>"
        f"<description><![CDATA[<p>Shelling was reported near crossing number {n} on Tuesday, "
        "regional officials said, adding that residents of the nearby villages had spent "
        f"the night in cellars.</p><p>Road {n} to the district centre was closed to traffic, and "
        "the local administration asked people not to travel until the morning, when "
        "engineers would inspect the damaged bridge.</p>]]></description></item></channel></rss>"
    ).encode()


def _serve(port_out: Any, article: bytes) -> None:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            port = self.server.server_address[1]
            if self.path.startswith("/feed/"):
                n = int(self.path.rsplit("/", 1)[1])
                etag = f'"f{n}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                body, kind = _feed(port, n), "application/rss+xml"
                self.send_response(200)
                self.send_header("ETag", etag)
            else:
                body, kind = article, "text/html; charset=utf-8"
                self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port_out.put(server.server_address[1])
    server.serve_forever()


def _watcher(db: Path, urls: list[str], fetch_links: bool) -> tuple[Store, Watcher]:
    store = Store(db)
    options = WatchOptions(
        every=0.01, allow_private_urls=True, host_delay=0.0, quiet_after=0, fetch_links=fetch_links
    )
    watcher = Watcher(store, [WatchSource(u) for u in urls], resolve_settings(store), options)
    return store, watcher


def unchanged_feeds(port: int, feeds: int, tmp: Path) -> dict[str, Any]:
    urls = [f"http://127.0.0.1:{port}/feed/{n}" for n in range(feeds)]
    store, watcher = _watcher(tmp / "feeds.duckdb", urls, fetch_links=False)
    try:
        first = watcher.poll()
        cpu, wall = time.process_time(), time.perf_counter()
        second = watcher.poll()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    finally:
        watcher.close()
        store.close()
    assert len(first.added) == feeds, (len(first.added), first.failed_items[:2])
    assert not second.added and not second.failed_sources, second
    return {"feeds": feeds, "poll_cpu_seconds": round(cpu, 3), "poll_wall_seconds": round(wall, 3)}


def one_new_report(port: int, db: Path) -> dict[str, Any]:
    with Store(db) as store:
        documents = store.count_documents()
    url = f"http://127.0.0.1:{port}/feed/{10_000 + documents}"  # a feed this store never saw
    store, watcher = _watcher(db, [url], fetch_links=True)
    try:
        wall = time.perf_counter()
        report = watcher.poll()
        wall = time.perf_counter() - wall
    finally:
        watcher.close()
        store.close()
    assert len(report.added) == 1 and report.analysed == 1, report
    return {"documents_before": documents, "seconds": round(wall, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--store", type=Path, help="an analysed store to add one report to")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    ports: Any = multiprocessing.Queue()
    server = multiprocessing.Process(target=_serve, args=(ports, REPORT.read_bytes()), daemon=True)
    server.start()
    port = ports.get(timeout=30)
    result: dict[str, Any] = {
        "what": "watch: one poll of unchanged feeds (CPU of this process); one new report "
        "into a store of N vs into an empty store, one watcher poll each, same process",
        "machine": {"python": sys.version.split()[0], "platform": platform.platform()},
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    with tempfile.TemporaryDirectory(prefix="triangulate-watch-") as tmp:
        load_pipeline()  # loaded once, before both measured adds
        result["unchanged_feeds"] = unchanged_feeds(port, args.feeds, Path(tmp))
        print(json.dumps(result["unchanged_feeds"]))
        if args.store:
            alone = one_new_report(port, Path(tmp) / "empty.duckdb")
            copy = Path(tmp) / "store.duckdb"
            shutil.copy(args.store, copy)
            into = one_new_report(port, copy)
            result["one_new_report"] = {
                "alone": alone,
                "into_store": into,
                "into_store_over_alone": round(into["seconds"] / alone["seconds"], 1),
            }
            print(json.dumps(result["one_new_report"]))
    server.terminate()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
