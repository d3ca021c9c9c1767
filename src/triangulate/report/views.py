"""What the terminal views show: rows of the export tables, cut to the columns an
analyst scans, optionally to one story.

The CLI renders these rows; scripts can use them directly:

>>> from triangulate import api
>>> api.view("claims", db="conflict.duckdb", story="s-1a2b3c4d")
"""

from __future__ import annotations

from typing import Any

from triangulate.corpus.independence import independent_origins
from triangulate.corpus.timeline import RankedDate, rank_dates
from triangulate.errors import UsageError
from triangulate.models import Row
from triangulate.store import Store


def _value(row: Row) -> str:
    if row["value_low"] is not None and row["value_low"] != row["value_high"]:
        number = f"{row['value_low']:g}-{row['value_high']:g}"
    else:
        number = f"{row['value'] if row['value'] is not None else row['value_low']:g}"
    qualifier = (row["qualifier"] or "").replace("_", " ")
    return " ".join(p for p in (qualifier, number, row["unit"]) if p)


def _trim(text: str | None, width: int = 110) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


VIEWS: dict[str, tuple[str, dict[str, Any]]] = {
    # view: (export table, {column heading: row -> cell})
    "stories": (
        "stories",
        {
            "id": lambda r: r["id"],
            "from": lambda r: r["start_date"] or "?",
            "to": lambda r: r["end_date"] or "?",
            "docs": lambda r: str(len(r["doc_ids"] or [])),
            "storyline": lambda r: r["storyline_id"] or "",
            "title": lambda r: _trim(r["title"], 80),
        },
    ),
    "timeline": (
        "timeline",
        {
            "date": lambda r: (r["date"] or "?") + (" (inferred)" if r["inferred"] else ""),
            "type": lambda r: r["type"] or "",
            "what": lambda r: _trim(r["summary"], 90),
            "sources": lambda r: ", ".join(sorted(set(r["sources"]))),
            "salience": lambda r: f"{r['salience']:g} ({r['reports']} reports)",
        },
    ),
    "claims": (
        "claims",
        {
            "source": lambda r: r["source"] or "?",
            "claimant": lambda r: r["claimant"] or "?",
            "value": _value,
            "measured": lambda r: _trim(r["measured"], 50),
            "date": lambda r: r["date"] or "",
            "hedge": lambda r: r["hedge"] or "",
        },
    ),
    "quotes": (
        "quotes",
        {
            "source": lambda r: r["source"] or "?",
            "speaker": lambda r: r["speaker"] or "?",
            "kind": lambda r: r["kind"],
            "text": lambda r: _trim(r["text"]),
        },
    ),
    "entities": (
        "entities",
        {
            "name": lambda r: r["name"],
            "type": lambda r: r["type"],
            "country": lambda r: r["country"] or "",
            "lat, lon": lambda r: f"{r['lat']:.2f}, {r['lon']:.2f}" if r["lat"] is not None else "",
            "also written": lambda r: _trim(", ".join(r["aliases"] or []), 60),
        },
    ),
}


def view_rows(
    view: str, store: Store, story: str | None = None, top: int | None = None
) -> list[dict[str, str]]:
    """The rows of a terminal view as {heading: text}, limited to `story` when given;
    `top` (timeline only) keeps the K most salient days, most salient first."""
    if view not in VIEWS:
        raise UsageError(f"unknown view {view!r}; choose one of: {', '.join(VIEWS)}")
    if top is not None and (view != "timeline" or top < 1):
        raise UsageError("top K belongs to the timeline view and needs K of at least 1")
    table, columns = VIEWS[view]
    rows = store.rows(table)
    if story is not None:
        stories = store.rows("stories", "id = ?", [story])
        if not stories:
            raise UsageError(f"no story {story!r}; the stories view lists every story id")
        rows = _in_story(table, rows, stories[0], store)
    if top is not None:
        documents = store.rows("documents")
        ranked = rank_dates(rows, documents, independent_origins(documents))
        return [_key_date(day) for day in ranked[:top]]
    return [{heading: cell(row) for heading, cell in columns.items()} for row in rows]


def _key_date(day: RankedDate) -> dict[str, str]:
    """One of the most salient days: its score, support and what its top entry says."""
    first = day.entries[0]
    return {
        "date": day.date + (" (inferred)" if day.inferred else ""),
        "salience": f"{day.salience:g}",
        "reports": str(day.reports),
        "outlets": str(day.outlets),
        "sides": str(day.sides),
        "what": _trim(first["summary"], 90)
        + (f" (+{len(day.entries) - 1} more)" if len(day.entries) > 1 else ""),
        "sources": ", ".join(sorted({s for e in day.entries for s in e["sources"]})),
    }


def _in_story(table: str, rows: list[Row], story: Row, store: Store) -> list[Row]:
    if table == "stories":
        return [r for r in rows if r["id"] == story["id"]]
    if table == "timeline":
        return [r for r in rows if r["story_id"] == story["id"]]
    members = set(story["doc_ids"] or [])
    if table == "entities":  # those the story's documents mention
        mentions = store.rows("mentions", "doc_id IN (SELECT unnest(?))", [sorted(members)])
        named = {m["entity_id"] for m in mentions}
        return [r for r in rows if r["id"] in named]
    return [r for r in rows if r["doc_id"] in members]
