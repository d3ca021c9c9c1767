"""Screenshots of the web pages for the docs, from the demo database. Usage:

    python benchmarks/screenshots.py [--out docs/screenshots] [--chromium /usr/bin/chromium]

Builds the demo database (`api.demo`) in a temporary folder, serves it with uvicorn on
a free loopback port in a thread, and with Playwright driving the system Chromium (no
browser is downloaded) saves, at a 1280x900 viewport, `stories.png` (`/`),
`story.png` (the largest story), `document.png` (the last document linked from that
story), `entity.png` (the first speaker linked from it), `add.png` (`/add`) and
`changes.png` (`/changes`). The story page is taken down to its claim board (the
first 2,400 pixels of the full page), the others are their first screen, which keeps
each PNG under 400 KB.
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn
from playwright.sync_api import ViewportSize, sync_playwright

from triangulate import api
from triangulate.store import Store
from triangulate.web.app import create_app

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
STORY_HEIGHT = 2400  # the timeline, the map and the claim board; the whole page is ~6,000


def _largest_story(db: Path) -> str:
    with Store(db) as store:
        row = store.conn.execute(
            "SELECT story_id FROM story_documents GROUP BY story_id "
            "ORDER BY count(*) DESC, story_id LIMIT 1"
        ).fetchone()
    assert row is not None, "the demo database has no story"
    return str(row[0])


def _serve(db: Path) -> tuple[str, uvicorn.Server, threading.Thread]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="error")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    if not server.started:
        raise RuntimeError("the server did not start in 30 s")
    return f"http://127.0.0.1:{port}", server, thread


def _shoot(page: Any, url: str, path: Path, *, height: int | None = None) -> None:
    """The first screen of `url`, or its first `height` pixels of the full page."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # the map and the timeline draw after load
    if height is None:
        page.screenshot(path=str(path))
    else:
        clip = {"x": 0, "y": 0, "width": VIEWPORT["width"], "height": height}
        page.screenshot(path=str(path), full_page=True, clip=clip)
    print(f"{path} ({path.stat().st_size // 1024} KB) <- {url}")


def take(db: Path, out: Path, chromium: Path) -> None:
    story = _largest_story(db)
    base, server, thread = _serve(db)
    out.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(chromium), args=["--no-sandbox"])
            page = browser.new_context(viewport=VIEWPORT).new_page()
            _shoot(page, base + "/", out / "stories.png")
            _shoot(page, f"{base}/stories/{story}", out / "story.png", height=STORY_HEIGHT)
            document = page.locator("section a[href^='/documents/']").last.get_attribute("href")
            entity = page.locator("a[href^='/entities/']").first.get_attribute("href")
            _shoot(page, base + str(document), out / "document.png")
            _shoot(page, base + str(entity), out / "entity.png")
            _shoot(page, base + "/add", out / "add.png")
            _shoot(page, base + "/changes", out / "changes.png")
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--chromium", type=Path, default=Path("/usr/bin/chromium"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="triangulate-shots-") as tmp:
        db = Path(tmp) / "demo.duckdb"
        api.demo(db)
        take(db, args.out, args.chromium)


if __name__ == "__main__":
    main()
