"""The report as a list of format-neutral blocks, so Markdown and HTML say the same thing.

Every line that states something links to the sentence it came from; the
"Sources" appendix holds those sentences under their anchors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from triangulate.report.data import ReportData, StoryReport


@dataclass
class Text:
    text: str
    strong: bool = False


@dataclass
class Link:
    text: str
    href: str


@dataclass
class Target:
    """An anchor other lines link to."""

    id: str


Inline = str | Text | Link | Target
Line = list[Inline]


@dataclass
class Heading:
    level: int
    text: str
    id: str | None = None


@dataclass
class Para:
    line: Line


@dataclass
class Bullets:
    items: list[tuple[Line, list[Line]]]


@dataclass
class Table:
    header: list[str]
    rows: list[list[Line]] = field(default_factory=list)


@dataclass
class Image:
    alt: str
    src: str


Block = Heading | Para | Bullets | Table | Image
NONE_FOUND = "None found."


def anchor(key: str) -> str:
    """The anchor of a citation key: `doc-<id>` for a document, `s-<id>-<start>-<end>`."""
    doc_id, _, span = key.partition(":")
    safe = re.sub(r"[^A-Za-z0-9_-]", "-", doc_id)
    return f"s-{safe}-{span}" if span else f"doc-{safe}"


def cite_links(keys: Sequence[str]) -> Line:
    """Links to cited sentences, separated by spaces; '(no source)' when there are none."""
    line: Line = []
    for key in keys:
        line += [" " if line else "", Link(f"[{key}]", f"#{anchor(key)}")]
    return line or ["(no source)"]


def layout(
    data: ReportData, maps: Sequence[str | None], charts: dict[str, str] | None = None
) -> list[Block]:
    """All blocks of the report; `maps[i]` is the image source of story i's map, if any."""
    blocks: list[Block] = [Heading(1, "Triangulate report")]
    titles = ", ".join(s.title for s in data.stories)
    blocks.append(
        Para(
            [
                f"{len(data.stories)} stor{'y' if len(data.stories) == 1 else 'ies'}: "
                f"{titles}. Every line links to the sentence it came from; the "
                "sentences are listed under Sources at the end."
            ]
        )
    )
    for story, map_src in zip(data.stories, maps, strict=True):
        blocks += _story(story, map_src, charts or {})
    blocks += _sources(data)
    return blocks


def _story(story: StoryReport, map_src: str | None, charts: dict[str, str]) -> list[Block]:
    dates = " to ".join(d for d in dict.fromkeys([story.start_date, story.end_date]) if d)
    blocks: list[Block] = [
        Heading(2, story.title, f"story-{story.id}" if story.id else "story-all"),
        Para(
            [
                f"Dates: {dates or 'unknown'}. Outlets: {', '.join(story.outlets) or 'unknown'}. "
                f"{len(story.documents)} document{'s' if len(story.documents) != 1 else ''}."
            ]
        ),
        Heading(3, "Documents"),
    ]
    blocks.append(
        _table(
            ["Document", "Outlet", "Date", "Title"],
            [
                [
                    [Link(d["id"], f"#{anchor(d['id'])}")],
                    [d["source"] or "unknown"],
                    [_date(d["date"], d["date_inferred"])],
                    [d["title"] or ""],
                ]
                for d in story.documents
            ],
        )
    )
    blocks += [Heading(3, "Key dates"), _key_dates(story.key_dates)]
    blocks += [Heading(3, "Timeline"), _timeline(story.timeline)]
    blocks += [Heading(3, "Disputed figures"), *_disputed(story.disputed)]
    blocks += [Heading(3, "Figures over time"), *_series(story.series, charts)]
    blocks += [Heading(3, "Corroborated figures"), _corroborated(story.corroborated)]
    blocks += [Heading(3, "Other figures (one source)"), _other_figures(story.other_figures)]
    blocks += [Heading(3, "Statements reported by independent outlets"), _statements(story)]
    blocks += [Heading(3, "Who said what, by side"), *_quotes(story.quotes)]
    blocks += [Heading(3, "Framing: what each outlet calls things"), *_framing(story)]
    blocks += [Heading(3, "Places"), *_places(story, map_src)]
    return blocks


def _timeline(entries: list[dict[str, Any]]) -> Block:
    return _table(
        ["Date", "Precision", "What happened", "Outlets", "Sources"],
        [
            [
                [_date(e["date"], e["inferred"])],
                [e["granularity"] or ""],
                [e["summary"] or ""],
                [", ".join(e["sources"])],
                cite_links(e["cites"]),
            ]
            for e in entries
        ],
    )


def _key_dates(days: list[dict[str, Any]]) -> Block:
    """The most salient days: independent reports, outlets and sides that tell them."""
    return _table(
        ["Date", "What happened", "Reports", "Outlets", "Sides", "Sources"],
        [
            [
                [_date(d["date"], d["inferred"])],
                [d["summary"] or ""],
                [str(d["reports"])],
                [str(d["outlets"])],
                [str(d["sides"])],
                cite_links(d["cites"]),
            ]
            for d in days
        ],
    )


def _disputed(groups: list[dict[str, Any]]) -> list[Block]:
    if not groups:
        return [Para([NONE_FOUND])]
    blocks: list[Block] = []
    for group in groups:
        blocks.append(Heading(4, _measured(group)))
        blocks.append(Para([_why(group)]))
        rows: list[list[Line]] = []
        for number, side in enumerate(group["sides"], 1):
            for m in side["members"]:
                rows.append(
                    [
                        [f"side {number}"],
                        [Text(side["value"], strong=True)],
                        [(m["qualifier"] or "").replace("_", " ")],
                        [m["claimant"] or "unknown"],
                        [m["source"] or "unknown"],
                        [m["date"] or ""],
                        cite_links(m["cites"]),
                    ]
                )
        blocks.append(
            _table(["Side", "Value", "Qualifier", "Claimant", "Outlet", "Date", "Source"], rows)
        )
    return blocks


def _why(group: dict[str, Any]) -> str:
    """The status's rule, confidence and compared fields, in one line."""
    compared = group.get("compared") or {}
    fields = [
        f"{name}: {', '.join(map(str, value)) if isinstance(value, list) else value}"
        for name, value in compared.items()
        if value and name in ("referent", "basis", "places", "dates", "claimants")
    ]
    confidence = group.get("confidence")
    sure = f" (confidence {confidence:.2f})" if confidence is not None else ""
    return f"{group.get('rule') or 'no rule recorded'}{sure}. " + "; ".join(fields)


def _series(groups: list[dict[str, Any]], charts: dict[str, str]) -> list[Block]:
    if not groups:
        return [Para([NONE_FOUND])]
    blocks: list[Block] = []
    for group in groups:
        blocks += [Heading(4, _measured(group)), Para([_why(group)])]
        if group["id"] in charts:
            blocks.append(Image(f"{_measured(group)} over time", charts[group["id"]]))
        rows: list[list[Line]] = [
            [[name], [p["date"]], [Text(f"{p['value']:g}", strong=True)]]
            for name, points in group["series"].items()
            for p in points
        ]
        blocks.append(_table(["Claimant", "Date", "Value"], rows))
    return blocks


def _corroborated(groups: list[dict[str, Any]]) -> Block:
    rows: list[list[Line]] = [
        [
            [_measured(g)],
            [Text(g["value"], strong=True)],
            [g["status"]],
            [f"{len(g['outlets'])}: {', '.join(g['outlets'])}"],
            ["; ".join(dict.fromkeys(m["claimant"] or "unknown" for m in g["members"]))],
            cite_links([k for m in g["members"] for k in m["cites"]]),
        ]
        for g in groups
    ]
    header = ["Figure", "Value", "Status", "Independent outlets", "Claimants", "Sources"]
    return _table(header, rows)


def _other_figures(groups: list[dict[str, Any]]) -> Block:
    rows: list[list[Line]] = [
        [
            [_measured(g)],
            [Text(g["value"], strong=True)],
            ["; ".join(dict.fromkeys(m["claimant"] or "unknown" for m in g["members"]))],
            [", ".join(g["outlets"])],
            ["; ".join(g["derived"])],
            cite_links([k for m in g["members"] for k in m["cites"]]),
        ]
        for g in groups
    ]
    return _table(["Figure", "Value", "Claimant", "Outlet", "Implies", "Sources"], rows)


def _statements(story: StoryReport) -> Block:
    rows: list[list[Line]] = [
        [
            [Text(g["speaker"] or "unknown", strong=True)],
            [" / ".join(f"“{t}”" for t in g["texts"])],
            [", ".join(g["outlets"]) or "unknown outlets"],
            cite_links(g["cites"]),
        ]
        for g in story.statements
    ]
    return _table(["Speaker", "Words", "Outlets", "Sources"], rows)


def _quotes(sides: list[dict[str, Any]]) -> list[Block]:
    if not sides:
        return [Para([NONE_FOUND])]
    blocks: list[Block] = [
        Para(
            [
                "Side: the country of the speaker's resolved entity; otherwise the side of the "
                "outlet that quoted them (when outlet sides are given); otherwise not known."
            ]
        )
    ]
    for side in sides:
        blocks.append(Heading(4, side["side"]))
        items: list[tuple[Line, list[Line]]] = []
        for speaker in side["speakers"]:
            roles = f" ({', '.join(speaker['roles'])})" if speaker["roles"] else ""
            children: list[Line] = [
                [
                    f"{q['kind'] or 'quote'}: “{q['text']}”"
                    + (
                        f" ({q['cue']}, {q['source'] or 'unknown outlet'}) "
                        if q["cue"]
                        else f" ({q['source'] or 'unknown outlet'}) "
                    ),
                    *cite_links(q["cites"]),
                ]
                for q in speaker["quotes"]
            ]
            items.append(([Text(speaker["speaker"], strong=True), roles], children))
        blocks.append(Bullets(items))
    return blocks


def _framing(story: StoryReport) -> list[Block]:
    blocks: list[Block] = []
    outlets = sorted({o for row in story.framing for o in row["outlets"]})
    if story.framing:
        rows = []
        for row in story.framing:
            cells: list[Line] = [[row["referent"]]]
            for outlet in outlets:
                cell: Line = []
                for term in row["outlets"].get(outlet, []):
                    cell += ["; " if cell else "", _term_link(term)]
                cells.append(cell or ["—"])
            rows.append(cells)
        blocks.append(_table(["Referent", *outlets], rows))
    else:
        blocks.append(Para([NONE_FOUND]))
    blocks.append(Heading(4, "Wording typical of one outlet against the others"))
    items: list[tuple[Line, list[Line]]] = []
    for entry in story.typical:
        line: Line = [Text(entry["source"], strong=True), ": "]
        for number, term in enumerate(entry["terms"]):
            line += [", " if number else "", _term_link(term)]
        items.append((line, []))
    blocks.append(Bullets(items) if items else Para([NONE_FOUND]))
    return blocks


def _places(story: StoryReport, map_src: str | None) -> list[Block]:
    if not story.places:
        return [Para([NONE_FOUND])]
    blocks: list[Block] = [Image(f"Map of the places of {story.title}", map_src)] if map_src else []
    header = ["Place", "Country", "Latitude", "Longitude", "Mentions", "First mention"]
    blocks.append(
        _table(
            header,
            [
                [
                    [Text(p["name"], strong=True)],
                    [p["country"] or ""],
                    [f"{p['lat']:.3f}"],
                    [f"{p['lon']:.3f}"],
                    [str(p["mentions"])],
                    cite_links(p["cites"]),
                ]
                for p in story.places
            ],
        )
    )
    return blocks


def _sources(data: ReportData) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Sources", "sources")]
    by_doc: dict[str, list[dict[str, Any]]] = {d: [] for d in data.documents}
    for key, source in data.sources.items():
        by_doc.setdefault(source["doc_id"], []).append({"key": key, **source})
    for doc_id, sentences in by_doc.items():
        doc = data.documents.get(doc_id, {"id": doc_id})
        blocks.append(Heading(3, doc.get("title") or doc.get("path") or doc_id, anchor(doc_id)))
        date = _date(doc.get("date"), doc.get("date_inferred", False))
        outlet = doc.get("source") or "unknown"
        blocks.append(
            Para([f"Document {doc_id}; outlet: {outlet}; date: {date}; path: {doc.get('path')}"])
        )
        items: list[tuple[Line, list[Line]]] = [
            ([Target(anchor(s["key"])), Text(f"[{s['key']}]", strong=True), " ", s["text"]], [])
            for s in sorted(sentences, key=lambda s: (s["start"], s["end"]))
        ]
        if items:
            blocks.append(Bullets(items))
    return blocks


def _term_link(term: dict[str, Any]) -> Inline:
    label = f"{term['term']} ×{term['count']}"
    return Link(label, f"#{anchor(term['cites'][0])}") if term["cites"] else label


def _table(header: list[str], rows: list[list[Line]]) -> Block:
    return Table(header, rows) if rows else Para([NONE_FOUND])


def _measured(group: dict[str, Any]) -> str:
    unit = f" ({group['unit']})" if group.get("unit") else ""
    return f"{group.get('measured') or 'figure'}{unit}"


def _date(date: str | None, inferred: bool) -> str:
    if not date:
        return "unknown"
    return f"{date} (inferred)" if inferred else date
