"""The HTML pages: server-rendered with Jinja2 (autoescaped), a little plain JS on top."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse
from fastapi.templating import Jinja2Templates

from triangulate.web import queries
from triangulate.web.highlight import KIND_CLASS, highlight
from triangulate.web.workspace import Workspace

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
TEMPLATES.env.autoescape = True
EVENT_COLOURS = ["#c0392b", "#2471a3", "#229954", "#b9770e", "#7d3c98", "#5d6d7e", "#d35400"]
# How many items of each long list the story page shows before a "show all" link
# (`?all=1`): a story of a thousand reports is otherwise a page of tens of thousands of links.
SHOWN = {"documents": 100, "members": 12, "quotes": 12, "cites": 12}


def add_pages(app: FastAPI, workspace: Workspace, csrf: str) -> None:
    """Register /, /stories/{id}, /documents/{id}, /entities/{id}, /add, /changes."""

    def render(request: Request, name: str, **context: Any) -> HTMLResponse:
        return TEMPLATES.TemplateResponse(request, name, {"csrf": csrf, **context})

    def read(fn: Any, *args: Any) -> Any:
        reader = workspace.reader()
        try:
            return fn(reader, *args)
        finally:
            reader.conn.close()

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request) -> HTMLResponse:
        p = request.query_params
        f = queries.Filters(
            None, p.get("outlet") or None, p.get("side") or None, p.get("from") or None,
            p.get("to") or None, p.get("q") or None, p.get("place") or None,
        )  # fmt: skip
        rows = read(queries.stories, f, workspace.outlet_sides)
        everything = read(queries.stories, queries.Filters(), workspace.outlet_sides)
        outlets = sorted({o for s in everything for o in s["outlets"]})
        sides = sorted({s for st in everything for s in st["sides"]})
        return render(request, "stories.html", stories=rows, f=f, outlets=outlets, sides=sides)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str) -> HTMLResponse:
        data = read(queries.story_detail, story_id, workspace.outlet_sides)
        story = data["stories"][0]
        colours = _colours(e.get("type") for e in story["timeline"])
        everything = request.query_params.get("all") == "1"
        return render(
            request,
            "story.html",
            story=story,
            shown=dict.fromkeys(SHOWN) if everything else SHOWN,
            sources=data["sources"],
            axis=timeline_axis(story["timeline"]),
            colours=colours,
            series=claim_series(story["disputed"]),
        )

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str) -> HTMLResponse:
        doc = read(queries.document, doc_id)
        focus = _focus(request.query_params.get("hl"))
        body = highlight(doc["text"], doc["spans"], focus)
        counts = {KIND_CLASS[k]: len(doc["spans"][k]) for k in KIND_CLASS}
        return render(request, "document.html", doc=doc, body=body, counts=counts)

    @app.get("/documents/{doc_id}/raw", response_class=PlainTextResponse, include_in_schema=False)
    def raw_page(doc_id: str) -> PlainTextResponse:
        raw = read(lambda r: r.conn.execute("SELECT raw FROM documents WHERE id = ?", [doc_id])
                   .fetchone())  # fmt: skip
        if raw is None:
            raise LookupError(f"no document {doc_id!r}")
        return PlainTextResponse(raw[0], headers={"Content-Disposition": "inline"})

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: str) -> HTMLResponse:
        return render(request, "entity.html", entity=read(queries.entity, entity_id))

    @app.get("/add", response_class=HTMLResponse, include_in_schema=False)
    def add_page(request: Request) -> HTMLResponse:
        return render(request, "add.html", max_bytes=workspace.max_bytes)

    @app.get("/changes", response_class=HTMLResponse, include_in_schema=False)
    def changes_page(request: Request) -> HTMLResponse:
        since = request.query_params.get("since") or (datetime.now() - timedelta(days=1)).strftime(
            "%Y-%m-%dT%H:%M"
        )
        seen = read(lambda r: dict(r.conn.execute(
            "SELECT id, ingested_at FROM documents").fetchall()))  # fmt: skip
        found = read(queries.changes, {k: v.isoformat() for k, v in seen.items()}, since)
        alerts = [a for a in read(lambda r: r.rows("alerts")) if str(a["created_at"]) >= since]
        sources = read(lambda r: r.rows("watch_sources"))
        return render(request, "changes.html", changes=found, alerts=alerts, sources=sources)

    @app.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        return render(request, "apidocs.html", spec=app.openapi())


def _focus(value: str | None) -> tuple[int, int] | None:
    """'120-240' -> (120, 240); anything else -> None."""
    if not value or "-" not in value:
        return None
    a, _, b = value.partition("-")
    return (int(a), int(b)) if a.isdigit() and b.isdigit() else None


def _colours(types: Any) -> dict[str, str]:
    names = sorted({t or "other" for t in types})
    return {t: EVENT_COLOURS[i % len(EVENT_COLOURS)] for i, t in enumerate(names)}


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def timeline_axis(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Each dated entry's place on a horizontal axis (0-100 %), size by number of sources."""
    days = [d for e in entries if (d := _day(e.get("date")))]
    if not days:
        return {"points": [], "ticks": []}
    first, last = min(days), max(days)
    span = max(1, (last - first).days)
    lanes: dict[date, int] = {}
    points = []
    for entry in entries:
        day = _day(entry.get("date"))
        if day is None:
            continue
        lane = lanes.get(day, 0)
        lanes[day] = lane + 1
        points.append(
            {
                **entry,
                "x": round(3 + 94 * (day - first).days / span, 2),
                "lane": lane,
                "r": 5 + 3 * min(5, len(entry.get("sources") or [])),
            }
        )
    ticks = sorted({first, last, *(first + (last - first) * i / 4 for i in range(1, 4))})
    return {
        "points": points,
        "ticks": [
            {"x": round(3 + 94 * (t - first).days / span, 2), "label": t.isoformat()} for t in ticks
        ],  # fmt: skip
        "height": 60 + 28 * max(lanes.values()),
    }


def claim_series(disputed: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Per disputed figure claimed on several dates: (date, value, outlet) in date order."""
    out = {}
    for group in disputed:
        points = [
            {"date": m["date"], "value": side["value"], "source": m["source"]}
            for side in group["sides"]
            for m in side["members"]
            if m.get("date")
        ]
        if len({p["date"] for p in points}) > 1:
            out[group["id"]] = sorted(points, key=lambda p: p["date"])
    return out


def cite_url(key: str) -> str:
    """'doc:12-80' -> the document page with that sentence highlighted and in view."""
    doc_id, _, span = key.partition(":")
    return f"/documents/{doc_id}?hl={span}#focus" if span else f"/documents/{doc_id}"


TEMPLATES.env.filters["cite_url"] = cite_url
