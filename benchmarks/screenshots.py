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
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import ViewportSize, sync_playwright
from web import largest_story

from triangulate import api
from triangulate.web.background import background_server

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
STORY_HEIGHT = 2400  # the timeline, the map and the claim board; the whole page is ~6,000


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
    story, _ = largest_story(db)
    out.mkdir(parents=True, exist_ok=True)
    with background_server(db) as base, sync_playwright() as p:
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
