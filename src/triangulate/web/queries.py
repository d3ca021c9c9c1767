"""What the pages and the API show, read from the export tables (the store's contract).

Every function takes a `RowSource`; lists are filtered here and paginated by `page`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from triangulate.report.data import READS, RowSource, country_label, report_data_from_rows
from triangulate.store import Store
from triangulate.store.page_rows import export_rows

# The date column a `from`/`to` filter compares, where a row has its own (else its document's).
DATE_COLUMNS = {"claims": "published", "events": "date"}
SPAN_KINDS = ("mentions", "timexes", "quotes", "claims", "events")
# A mention the story's map shows (`report.data` `places`): of a place with coordinates.
_MAPPED_PLACE = (
    "entity_id IN (SELECT id FROM entities "
    "WHERE type = 'PLACE' AND lat IS NOT NULL AND lon IS NOT NULL)"
)


@dataclass(frozen=True)
class Filters:
    """The query parameters every list understands."""

    story: str | None = None
    outlet: str | None = None
    side: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    q: str | None = None
    place: str | None = None


def page(items: Sequence[Any], limit: int, offset: int) -> dict[str, Any]:
    """One page of a list, with the total so a client knows how far to go."""
    return {"total": len(items), "limit": limit, "offset": offset,
            "items": list(items[offset : offset + limit])}  # fmt: skip


def _in_range(date: str | None, f: Filters) -> bool:
    if not (f.date_from or f.date_to):
        return True
    if not date:
        return False
    day = str(date)[:10]
    return (not f.date_from or day >= f.date_from) and (not f.date_to or day <= f.date_to)


def _in(column: str, values: Iterable[str]) -> tuple[str, list[Any]]:
    wanted = sorted(set(values))
    return (f'"{column}" IN (SELECT unnest(?::VARCHAR[]))', [wanted])


def story_rows(store: Store, story_id: str) -> dict[str, list[dict[str, Any]]]:
    """Only the rows one story's report needs (not the whole store), and of them only
    the columns it reads (`report.data.READS`); of the mentions, those of places on the
    map, the only ones it reads."""
    stories = export_rows(store, "stories", "id = ?", [story_id])
    if not stories:
        raise LookupError(f"no story {story_id!r}; GET /api/stories lists every story id")
    doc_ids = list(stories[0].get("doc_ids") or [])
    where, params = _in("doc_id", doc_ids)
    tables: dict[str, list[dict[str, Any]]] = {"stories": stories}
    tables["documents"] = export_rows(store, "documents", *_in("id", doc_ids))
    tables["mentions"] = export_rows(
        store, "mentions", f"{where} AND {_MAPPED_PLACE}", params, READS["mentions"]
    )
    for name in ("quotes", "claims", "events", "sentences"):
        tables[name] = export_rows(store, name, where, params, READS.get(name, ()))
    for name in ("claim_groups", "statement_groups", "timeline", "framing"):
        tables[name] = export_rows(store, name, "story_id = ?", [story_id])
    wanted = {m["entity_id"] for m in tables["mentions"] if m.get("entity_id")}
    wanted |= {q["speaker_entity_id"] for q in tables["quotes"] if q.get("speaker_entity_id")}
    tables["entities"] = export_rows(store, "entities", *_in("id", wanted))
    return tables


def story_detail(store: Store, story_id: str, outlet_sides: Mapping[str, str]) -> dict[str, Any]:
    """The report JSON of one story (`triangulate report --format json --story ID`)."""
    data = report_data_from_rows(story_rows(store, story_id), story_id, outlet_sides=outlet_sides)
    return data.to_dict()


def side_of_outlet(outlet: str | None, outlet_sides: Mapping[str, str]) -> str | None:
    side = outlet_sides.get(outlet or "")
    return country_label(side) if side else None


def stories(source: RowSource, f: Filters, outlet_sides: Mapping[str, str]) -> list[dict[str, Any]]:
    """Stories with their outlets, sides and figure counts, filtered."""
    docs = {d["id"]: d for d in source.rows("documents")}
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for group in source.rows("claim_groups"):
        counts[group["story_id"]][group["status"]] += 1
    places: dict[str, set[str]] = defaultdict(set)
    if f.place:
        names = {e["id"]: e["name"] for e in source.rows("entities", "type = 'PLACE'")}
        for m in source.rows("mentions", "entity_id IS NOT NULL"):
            if m["entity_id"] in names:
                places[m["doc_id"]].add(names[m["entity_id"]].casefold())
    matching = _text_matches(source, f.q) if f.q else None
    out = []
    for row in source.rows("stories"):
        members = [docs[d] for d in row.get("doc_ids") or [] if d in docs]
        outlets = sorted({d["source"] for d in members if d.get("source")})
        sides = sorted({s for o in outlets if (s := side_of_outlet(o, outlet_sides))})
        item = {
            **row,
            "outlets": outlets,
            "sides": sides,
            "documents": len(members),
            "disputed": counts[row["id"]].get("conflict", 0),
            "corroborated": counts[row["id"]].get("corroborated", 0)
            + counts[row["id"]].get("agree", 0),
        }
        if f.outlet and f.outlet not in outlets:
            continue
        if f.side and not any(f.side.casefold() in s.casefold() for s in sides):
            continue
        if (f.date_from or f.date_to) and not _overlaps(row, f):
            continue
        if f.place and not any(
            f.place.casefold() in p for d in members for p in places.get(d["id"], ())
        ):
            continue
        if matching is not None and not (
            f.q.casefold() in (row.get("title") or "").casefold()  # type: ignore[union-attr]
            or matching & {d["id"] for d in members}
        ):
            continue
        out.append(item)
    return out


def _overlaps(story: Mapping[str, Any], f: Filters) -> bool:
    start, end = story.get("start_date"), story.get("end_date") or story.get("start_date")
    if not start:
        return False
    return (not f.date_to or str(start)[:10] <= f.date_to) and (
        not f.date_from or str(end)[:10] >= f.date_from
    )


def _text_matches(source: RowSource, q: str) -> set[str]:
    pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = source.rows(
        "documents", "title ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\'", [pattern, pattern]
    )
    return {r["id"] for r in rows}


def search(source: RowSource, q: str) -> list[dict[str, Any]]:
    """Documents whose title or text holds `q` (case-insensitive), each with the first hit."""
    hits = []
    ids = _text_matches(source, q)
    if not ids:
        return []
    for doc in source.rows("documents", *_in("id", ids)):
        at = doc["text"].casefold().find(q.casefold())
        hits.append(
            {
                "doc_id": doc["id"],
                "title": doc.get("title"),
                "source": doc.get("source"),
                "published": doc.get("published") or doc.get("published_inferred"),
                "start": at if at >= 0 else None,
                "end": at + len(q) if at >= 0 else None,
                "snippet": doc["text"][max(0, at - 80) : at + len(q) + 80] if at >= 0 else "",
            }
        )
    return hits


def doc_rows(source: RowSource, table: str, f: Filters) -> list[dict[str, Any]]:
    """Rows of a per-document table (quotes, claims, events...), filtered."""
    where: str = ""
    params: list[Any] = []
    if f.story:
        story = source.rows("stories", "id = ?", [f.story])
        if not story:
            raise LookupError(f"no story {f.story!r}; GET /api/stories lists every story id")
        where, params = _in("doc_id", story[0].get("doc_ids") or [])
    rows = source.rows(table, where, params)
    if f.outlet or f.date_from or f.date_to:
        docs = {d["id"]: d for d in source.rows("documents")}
        date_column = DATE_COLUMNS.get(table)
        rows = [
            r
            for r in rows
            if (not f.outlet or docs.get(r["doc_id"], {}).get("source") == f.outlet)
            and _in_range(
                r.get(date_column) if date_column else _doc_date(docs.get(r["doc_id"], {})), f
            )
        ]
    return rows


def _doc_date(doc: Mapping[str, Any]) -> str | None:
    return doc.get("published") or doc.get("published_inferred")


def claim_groups(source: RowSource, f: Filters, status: str | None) -> list[dict[str, Any]]:
    where, params = [], []
    if f.story:
        where.append("story_id = ?")
        params.append(f.story)
    if status:
        where.append("status = ?")
        params.append(status)
    rows = source.rows("claim_groups", " AND ".join(where), params)
    if f.outlet:
        rows = [g for g in rows if any(m.get("source") == f.outlet for m in g["members"] or [])]
    return rows


def documents(source: RowSource, f: Filters) -> list[dict[str, Any]]:
    """Documents without their text (the list); `/api/documents/{id}` has the text."""
    rows = doc_rows_of_story(source, f.story)
    return [
        {k: v for k, v in d.items() if k != "text"}
        for d in rows
        if (not f.outlet or d.get("source") == f.outlet) and _in_range(_doc_date(d), f)
    ]


def doc_rows_of_story(source: RowSource, story_id: str | None) -> list[dict[str, Any]]:
    if not story_id:
        return source.rows("documents")
    story = source.rows("stories", "id = ?", [story_id])
    if not story:
        raise LookupError(f"no story {story_id!r}; GET /api/stories lists every story id")
    return source.rows("documents", *_in("id", story[0].get("doc_ids") or []))


def document(source: RowSource, doc_id: str) -> dict[str, Any]:
    """A document's text and every span on it, by kind, plus its stories."""
    rows = source.rows("documents", "id = ?", [doc_id])
    if not rows:
        raise LookupError(f"no document {doc_id!r}; GET /api/documents lists every document id")
    spans = {kind: source.rows(kind, "doc_id = ?", [doc_id]) for kind in SPAN_KINDS}
    spans["sentences"] = source.rows("sentences", "doc_id = ?", [doc_id])
    stories_of = [
        {"id": s["id"], "title": s["title"]}
        for s in source.rows("stories", "list_contains(doc_ids, ?)", [doc_id])
    ]
    return {**rows[0], "spans": spans, "stories": stories_of}


def entity(source: RowSource, entity_id: str) -> dict[str, Any]:
    """An entity with its mentions, quotes (as speaker) and claims (as claimant)."""
    rows = source.rows("entities", "id = ?", [entity_id])
    if not rows:
        raise LookupError(f"no entity {entity_id!r}; GET /api/entities lists every entity id")
    mentions = source.rows("mentions", "entity_id = ?", [entity_id])
    doc_ids = sorted({m["doc_id"] for m in mentions})
    docs = source.rows("documents", *_in("id", doc_ids))
    return {
        **rows[0],
        "mentions": mentions,
        "quotes": source.rows("quotes", "speaker_entity_id = ?", [entity_id]),
        "claims": source.rows("claims", "claimant_entity_id = ?", [entity_id]),
        "documents": [
            {
                "id": d["id"],
                "title": d.get("title"),
                "source": d.get("source"),
                "date": _doc_date(d),
            }
            for d in docs
        ],  # fmt: skip
    }


def entities(source: RowSource, f: Filters, kind: str | None) -> list[dict[str, Any]]:
    rows = source.rows("entities", "type = ?", [kind]) if kind else source.rows("entities")
    if f.q:
        needle = f.q.casefold()
        rows = [
            e
            for e in rows
            if needle in e["name"].casefold() or any(needle in a.casefold() for a in e["aliases"])
        ]
    return rows


def changes(source: RowSource, seen: Mapping[str, Any], since: str) -> dict[str, Any]:
    """New documents, new stories, and disputed or corroborated figures that a document
    ingested after `since` made or changed; `seen` maps document ids to ingest times."""
    new_docs = {d for d, at in seen.items() if str(at) >= since}
    stories_new = []
    for row in source.rows("stories"):
        members = [seen[d] for d in row.get("doc_ids") or [] if d in seen]
        if members and str(min(members)) >= since:
            stories_new.append(row)
    groups = [
        g
        for g in source.rows("claim_groups", "status IN ('conflict', 'corroborated', 'agree')")
        if any(m.get("doc_id") in new_docs for m in g.get("members") or [])
    ]
    docs = [
        {k: v for k, v in d.items() if k != "text"}
        for d in source.rows("documents", *_in("id", new_docs))
    ]
    return {
        "since": since,
        "documents": docs,
        "stories": stories_new,
        "conflicts": [g for g in groups if g["status"] == "conflict"],
        "corroborations": [g for g in groups if g["status"] != "conflict"],
    }
