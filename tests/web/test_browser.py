"""The pages in real headless Chromium (the Debian `chromium` package, driven by
Playwright; no browser is downloaded): one server for the module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is absent: `apt-get install -y chromium` to run the browser tests",
        allow_module_level=True,
    )
playwright = pytest.importorskip("playwright.sync_api", reason="pip install playwright")

from triangulate.web.background import background_server  # noqa: E402

REPORT = (
    "VELINSK, March 20 (Meridian) - Rescue crews in Velinsk said on Friday that 17 people "
    "were hurt when a depot burned near the Orlov bridge. <b onmouseover=alert(1)>x</b>\n"
)


@pytest.fixture(scope="module")
def base_url(db_copy: Path) -> Iterator[str]:
    with background_server(db_copy) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []  # console errors and uncaught exceptions, checked after each test
    tab.on("console", lambda m: m.type == "error" and tab.errors.append(m.text))
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    assert tab.errors == []
    context.close()


def test_every_page_loads(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    assert page.locator("tr.story-row").count() >= 2
    story = page.locator("tr.story-row a").first.get_attribute("href")
    for path in (story, "/add", "/changes", "/api/docs"):
        response = page.goto(base_url + path)
        assert response.status == 200, path
    page.goto(base_url + story)
    page.locator("section a[href^='/documents/']").last.click()
    assert page.locator("#text .hl.entity").count() > 0
    page.locator("#text .hl.entity").first.hover()
    page.goto(base_url + story)
    entity = page.locator("a[href^='/entities/']").first.get_attribute("href")
    assert page.goto(base_url + entity).status == 200


def test_story_map_and_timeline_drew(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.locator("tr.story-row a").first.click()
    page.wait_for_selector("#map[data-basemap-drawn='1']")
    assert int(page.locator("#map").get_attribute("data-markers")) > 0
    assert page.locator("#map path.leaflet-interactive").count() > 0
    assert page.locator("#timeline circle").count() > 0


def test_a_claim_opens_its_highlighted_sentence(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.locator("tr.story-row a").first.click()
    claim = page.locator("#claim-board a.claim").first
    claim.click()
    page.wait_for_url("**/documents/**")
    focus = page.locator("#focus")
    assert focus.is_visible() and "focus" in focus.get_attribute("class")
    assert focus.evaluate("e => { const r = e.getBoundingClientRect();"
                          " return r.top >= 0 && r.bottom <= innerHeight; }")  # fmt: skip


def test_filter_the_story_list(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    before = page.locator("tr.story-row").count()
    options = page.locator("select[name=outlet] option").all_inner_texts()[1:]
    page.select_option("select[name=outlet]", options[-1])
    page.click("#filters button[type=submit]")
    page.wait_for_url("**outlet=**")
    rows = page.locator("tr.story-row")
    assert 0 < rows.count() <= before
    assert all(options[-1] in text for text in rows.all_inner_texts())


def test_upload_a_report_and_see_it(page: Any, base_url: str, tmp_path: Path) -> None:
    report = tmp_path / "depot-fire.txt"
    report.write_text(REPORT, encoding="utf-8")
    page.goto(base_url + "/add")
    page.set_input_files("#files", str(report))
    page.click("#add-submit")
    page.wait_for_selector("#progress[data-state=done]", timeout=120_000)
    assert "1 added" in page.inner_text("#progress")
    page.locator("#add-documents a").first.click()
    text = page.inner_text("#text")
    assert "17 people" in text and "<b onmouseover=alert(1)>" in text  # shown, not run
    assert page.locator("#text b").count() == 0
    page.goto(base_url + "/?q=Orlov+bridge")
    assert page.locator("tr.story-row").count() >= 1
