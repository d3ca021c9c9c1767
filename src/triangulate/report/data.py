"""What a report says, gathered from the export tables into one serialisable structure.

Every item carries `cites`: keys of the sentences it came from. A key is
`doc_id:start-end` (offsets into `documents.text`), or a bare `doc_id` when only
the document is known; `ReportData.sources` holds each key's sentence text and
its document, for the "Sources" appendix.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import pycountry

from triangulate.corpus.framing import TYPICAL_REFERENT, frame_story
from triangulate.corpus.independence import independent_origins
from triangulate.corpus.sentences import sentence_spans, with_sentences
from triangulate.corpus.timeline import rank_dates
from triangulate.resources.framing import FramingLexicon
from triangulate.resources.outlets import load_outlets

TABLES = (
    "documents",
    "entities",
    "mentions",
    "quotes",
    "claims",
    "events",
    "stories",
    "claim_groups",
    "statement_groups",
    "timeline",
    "framing",
    "sentences",
)
# Of these tables the report reads only these columns, so a reader of one story's rows
# may leave the rest unread (`web.queries.story_rows`): the events view's joins, a
# sentence's text (the document's is cited) and a mention's labels are never computed.
READS = {
    "mentions": ("doc_id", "entity_id", "start", "end"),
    "events": ("id", "doc_id", "start", "end", "sentence_start", "sentence_end"),
    "claims": (
        "id", "doc_id", "qualifier", "claimant", "source", "published", "surface",
        "start", "end", "sentence_start", "sentence_end",
    ),
    "quotes": (
        "doc_id", "speaker", "speaker_entity_id", "speaker_role", "kind", "cue", "text",
        "source", "start", "end", "sentence_start", "sentence_end",
    ),
    "sentences": ("doc_id", "position", "start", "end"),
}  # fmt: skip
UNKNOWN_SIDE = "side not known"
# How many of a story's most salient days the report lists above its full timeline.
KEY_DATES = 5
_UNIT_LABELS = {"km2": "km²", "person": "people"}


class RowSource(Protocol):
    """Anything with `Store.rows` (the export tables as dicts)."""

    def rows(
        self, table: str, where: str = "", params: Sequence[Any] = ()
    ) -> list[dict[str, Any]]: ...


@dataclass
class StoryReport:
    """One story's section of a report."""

    id: str | None
    title: str
    start_date: str | None
    end_date: str | None
    outlets: list[str]
    documents: list[dict[str, Any]]
    timeline: list[dict[str, Any]] = field(default_factory=list)
    key_dates: list[dict[str, Any]] = field(default_factory=list)  # most salient days first
    disputed: list[dict[str, Any]] = field(default_factory=list)
    corroborated: list[dict[str, Any]] = field(default_factory=list)
    other_figures: list[dict[str, Any]] = field(default_factory=list)  # one source each
    series: list[dict[str, Any]] = field(default_factory=list)  # figures changing over time
    statements: list[dict[str, Any]] = field(default_factory=list)  # corroborated statements
    quotes: list[dict[str, Any]] = field(default_factory=list)
    framing: list[dict[str, Any]] = field(default_factory=list)
    typical: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    map_file: str | None = None


@dataclass
class ReportData:
    """All stories of a report and the sentences they cite."""

    stories: list[StoryReport]
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready values. The builder makes every list and dict of a
        report afresh, so they are handed over as they are: `asdict` deep-copied them all,
        a third of the demo story page's time under cProfile."""
        stories = [{f.name: getattr(s, f.name) for f in fields(s)} for s in self.stories]
        return {"stories": stories, "sources": self.sources, "documents": self.documents}


def load_report_data(
    store: RowSource,
    story_id: str | None = None,
    *,
    outlets: Sequence[Path] = (),
    lexicon: FramingLexicon | None = None,
) -> ReportData:
    """The report data of one story, or of every story (`story_id=None`).

    `outlets` are CSVs (name plus a side or country column) used to place a speaker
    whose own country is unknown on the side of the outlet that quoted them.
    """
    tables = {name: store.rows(name) for name in TABLES}
    sides = load_outlets(*outlets).sides
    return report_data_from_rows(tables, story_id, outlet_sides=sides, lexicon=lexicon)


def report_data_from_rows(
    tables: Mapping[str, list[dict[str, Any]]],
    story_id: str | None = None,
    *,
    outlet_sides: Mapping[str, str] | None = None,
    lexicon: FramingLexicon | None = None,
) -> ReportData:
    """The report data from export-table rows (a dict: table name -> rows).

    Without stored stories, all documents form one section. Without stored framing
    rows for a story, its framing is computed here from the documents.
    """
    builder = _Builder(tables, outlet_sides or {}, lexicon)
    stories = [dict(s) for s in tables.get("stories", [])]
    if story_id is not None:
        stories = [s for s in stories if s["id"] == story_id]
        if not stories:
            raise LookupError(f"no story {story_id!r}; the stories table lists every story id")
    elif not stories:
        stories = [{"id": None, "title": "All documents", "doc_ids": list(builder.docs)}]
    return ReportData([builder.story(s) for s in stories], builder.sources, builder.doc_info)


class _Builder:
    """Indexes the tables once and registers every cited sentence."""

    def __init__(
        self,
        tables: Mapping[str, list[dict[str, Any]]],
        outlet_sides: Mapping[str, str],
        lexicon: FramingLexicon | None,
    ) -> None:
        self.tables = tables
        self.outlet_sides = outlet_sides
        self.lexicon = lexicon
        self.docs = {
            d["id"]: d
            for d in with_sentences(tables.get("documents", []), tables.get("sentences", []))
        }
        self.entities = {e["id"]: e for e in tables.get("entities", [])}
        self.events = {e["id"]: e for e in tables.get("events", [])}
        self.claims = {c["id"]: c for c in tables.get("claims", [])}
        self.sources: dict[str, dict[str, Any]] = {}
        self.doc_info: dict[str, dict[str, Any]] = {}
        self._sentences: dict[str, list[tuple[int, int]]] = {}

    def story(self, row: dict[str, Any]) -> StoryReport:
        doc_ids = [d for d in row.get("doc_ids") or [] if d in self.docs]
        docs = [self.docs[d] for d in doc_ids]
        wanted = set(doc_ids)
        dates = sorted(filter(None, (_date_of(d) for d in docs)))
        report = StoryReport(
            id=row["id"],
            title=row.get("title") or "Untitled story",
            start_date=row.get("start_date") or (dates[0] if dates else None),
            end_date=row.get("end_date") or (dates[-1] if dates else None),
            outlets=sorted({d["source"] for d in docs if d.get("source")}),
            documents=[self.document(d) for d in sorted(docs, key=_doc_order)],
        )
        report.timeline = self.timeline(row["id"])
        report.key_dates = self.key_dates(report.timeline, docs)
        groups = [g for g in self.tables.get("claim_groups", []) if _in_story(g, row["id"])]
        report.disputed = sorted(
            (self.disputed(g) for g in groups if g.get("status") == "conflict"),
            key=lambda g: -(g["confidence"] or 0.0),
        )
        report.series = [self.series(g) for g in groups if g.get("series")]
        report.corroborated = [
            self.corroborated(g) for g in groups if g.get("status") in ("corroborated", "agree")
        ]
        report.other_figures = [self.corroborated(g) for g in groups if g.get("status") == "single"]
        report.statements = [
            self.statement(g)
            for g in self.tables.get("statement_groups", [])
            if _in_story(g, row["id"])
        ]
        report.quotes = self.quotes(
            [q for q in self.tables.get("quotes", []) if q["doc_id"] in wanted]
        )
        report.framing, report.typical = self.framing(row["id"], docs)
        report.places = self.places(wanted)
        return report

    def document(self, doc: dict[str, Any]) -> dict[str, Any]:
        info = {
            "id": doc["id"],
            "path": doc.get("path"),
            "title": doc.get("title"),
            "source": doc.get("source"),
            "date": _date_of(doc),
            "date_inferred": not doc.get("published") and bool(doc.get("published_inferred")),
            "date_evidence": doc.get("published_inferred_evidence")
            if not doc.get("published")
            else doc.get("published_evidence"),
        }
        self.doc_info[doc["id"]] = info
        return info

    def cite(
        self, doc_id: str | None, start: int | None, end: int | None, expand: bool = False
    ) -> str | None:
        """Register a sentence of a document and return its key; with `expand`, [start, end)
        is a smaller span and the stored sentence holding it is cited."""
        if not doc_id or doc_id not in self.docs:
            return None
        doc = self.docs[doc_id]
        if doc_id not in self.doc_info:
            self.document(doc)
        if start is None or end is None:
            return doc_id
        sentence = self._sentence_around(doc_id, start, end) if expand else None
        s_start, s_end = sentence or (start, end)
        key = f"{doc_id}:{s_start}-{s_end}"
        self.sources.setdefault(
            key,
            {
                "doc_id": doc_id,
                "start": s_start,
                "end": s_end,
                "text": doc["text"][s_start:s_end],
                "source": doc.get("source"),
            },
        )
        return key

    def _sentence_around(self, doc_id: str, start: int, end: int) -> tuple[int, int] | None:
        """The stored sentence a span starts in, widened to hold the span (a document with
        no stored sentences: its line, `corpus.sentences.sentence_spans`)."""
        if doc_id not in self._sentences:
            doc = self.docs[doc_id]
            self._sentences[doc_id] = sentence_spans(doc["text"], doc["sentences"])
        for s, e in self._sentences[doc_id]:
            if s <= start < e:
                return (min(s, start), max(e, end))
        return None

    def timeline(self, story_id: str | None) -> list[dict[str, Any]]:
        entries = []
        for row in self.tables.get("timeline", []):
            if not _in_story(row, story_id):
                continue
            cites = []
            for event_id in row.get("event_ids") or []:
                event = self.events.get(event_id)
                if event:
                    cites.append(self.cite(event["doc_id"], *_sentence(event)))
            if not cites:
                cites = [self.cite(d, None, None) for d in row.get("doc_ids") or []]
            entries.append(
                {
                    "date": row.get("date"),
                    "granularity": row.get("granularity"),
                    "summary": row.get("summary"),
                    "type": row.get("type"),
                    "inferred": bool(row.get("inferred")),
                    "sources": list(row.get("sources") or []),
                    "doc_ids": list(row.get("doc_ids") or []),
                    "salience": row.get("salience") or 0.0,
                    "cites": _unique(cites),
                }
            )
        return entries

    def key_dates(
        self, timeline: list[dict[str, Any]], docs: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """The story's KEY_DATES most salient days (corpus/timeline.py `rank_dates`)."""
        ranked = rank_dates(timeline, docs, independent_origins(docs), self.outlet_sides)
        return [
            {
                "date": day.date,
                "salience": day.salience,
                "reports": day.reports,
                "outlets": day.outlets,
                "sides": day.sides,
                "inferred": day.inferred,
                "summary": day.entries[0]["summary"],
                "sources": sorted({s for e in day.entries for s in e["sources"]}),
                "cites": _unique([c for e in day.entries for c in e["cites"]]),
            }
            for day in ranked[:KEY_DATES]
        ]

    def member(self, member: dict[str, Any], unit: str | None) -> dict[str, Any]:
        claim = self.claims.get(member.get("claim_id") or "", {})
        doc_id = member.get("doc_id") or claim.get("doc_id")
        keys = ("sentence_start", "sentence_end", "start", "end")
        sentence = {k: member[k] if k in member else claim.get(k) for k in keys}
        return {
            "value": format_value(member, unit),
            "qualifier": member.get("qualifier") or claim.get("qualifier"),
            "claimant": member.get("claimant") or claim.get("claimant"),
            "source": member.get("source") or claim.get("source"),
            "doc_id": doc_id,
            "date": member.get("date") or claim.get("published"),
            "derived": bool(member.get("derived")),
            "surface": claim.get("surface"),
            "cites": _unique([self.cite(doc_id, *_sentence(sentence))]),
        }

    def disputed(self, group: dict[str, Any]) -> dict[str, Any]:
        sides: dict[str, list[dict[str, Any]]] = {}
        for m in group.get("members") or []:
            member = self.member(m, group.get("unit"))
            sides.setdefault(member["value"], []).append(member)
        return {
            "id": group["id"],
            "measured": group.get("measured"),
            "unit": group.get("unit"),
            "sides": [{"value": value, "members": ms} for value, ms in sides.items()],
            **_why(group),
        }

    def series(self, group: dict[str, Any]) -> dict[str, Any]:
        """A group's dated values per claimant, for the chart and its table."""
        return {
            "id": group["id"],
            "measured": group.get("measured"),
            "unit": group.get("unit"),
            "status": group.get("status"),
            "series": group.get("series") or {},
            **_why(group),
        }

    def corroborated(self, group: dict[str, Any]) -> dict[str, Any]:
        members = [self.member(m, group.get("unit")) for m in group.get("members") or []]
        return {
            "id": group["id"],
            "measured": group.get("measured"),
            "unit": group.get("unit"),
            "status": group.get("status"),
            "value": _qualified(members[0]) if members else "",
            "outlets": sorted({m["source"] for m in members if m["source"]}),
            "members": members,
            "derived": [
                f"{format_value(d, d.get('unit'))} ({d.get('rule', 'derived')})"
                for d in (group.get("detail") or {}).get("derived", [])
            ],
            **_why(group),
        }

    def statement(self, group: dict[str, Any]) -> dict[str, Any]:
        members = group.get("members") or []
        return {
            "id": group["id"],
            "speaker": group.get("speaker"),
            "outlets": sorted({m.get("source") or "an unnamed outlet" for m in members}),
            "texts": list(dict.fromkeys(str(m.get("text") or "") for m in members)),
            "cites": _unique(
                [
                    self.cite(m["doc_id"], m.get("sentence_start"), m.get("sentence_end"))
                    for m in members
                ]
            ),
        }

    def side_of(self, quote: dict[str, Any]) -> str:
        """The speaker's entity country; else the quoting outlet's side; else unknown."""
        entity = self.entities.get(quote.get("speaker_entity_id") or "")
        if entity and entity.get("country"):
            return country_label(entity["country"])
        outlet = quote.get("source") or self.docs.get(quote["doc_id"], {}).get("source")
        if outlet and outlet in self.outlet_sides:
            return f"{country_label(self.outlet_sides[outlet])} (side of the outlet {outlet})"
        return UNKNOWN_SIDE

    def quotes(self, quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        sides: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        for quote in quotes:
            entity = self.entities.get(quote.get("speaker_entity_id") or "")
            name = (entity or {}).get("name") or quote.get("speaker") or "(speaker not found)"
            key = (entity or {}).get("id") or name.casefold()
            new: dict[str, Any] = {
                "speaker": name,
                "entity_id": key if entity else None,
                "roles": [],
                "quotes": [],
            }
            speaker = sides[self.side_of(quote)].setdefault(key, new)
            role = quote.get("speaker_role")
            if role and role not in speaker["roles"]:
                speaker["roles"].append(role)
            speaker["quotes"].append(
                {
                    "text": quote.get("text"),
                    "kind": quote.get("kind"),
                    "cue": quote.get("cue"),
                    "source": quote.get("source") or self.docs[quote["doc_id"]].get("source"),
                    "doc_id": quote["doc_id"],
                    "cites": _unique([self.cite(quote["doc_id"], *_sentence(quote))]),
                }
            )
        ordered = sorted(sides.items(), key=lambda item: (item[0] == UNKNOWN_SIDE, item[0]))
        return [
            {"side": side, "speakers": sorted(speakers.values(), key=lambda s: s["speaker"])}
            for side, speakers in ordered
        ]

    def framing(
        self, story_id: str | None, docs: list[dict[str, Any]]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """(referent rows: referent -> outlet -> terms, typical terms per outlet)."""
        rows = [r for r in self.tables.get("framing", []) if _in_story(r, story_id)]
        if not rows and docs:
            rows = [asdict(r) for r in frame_story(story_id, docs, self.lexicon)]
        referents: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(dict)
        typical: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            cites = [self.cite(e["doc_id"], *_sentence(e)) for e in row.get("examples") or []]
            term = {"term": row["term"], "count": row["count"], "cites": _unique(cites)}
            if row.get("kind") == "typical" or row["referent"] == TYPICAL_REFERENT:
                typical[row["source"]].append(term)
            else:
                referents[row["referent"]].setdefault(row["source"], []).append(term)
        for by_outlet in referents.values():
            for terms in by_outlet.values():
                terms.sort(key=lambda t: (-t["count"], t["term"]))
        return (
            [{"referent": r, "outlets": referents[r]} for r in sorted(referents)],
            [{"source": s, "terms": typical[s]} for s in sorted(typical)],
        )

    def places(self, wanted: set[str]) -> list[dict[str, Any]]:
        counts: Counter[str] = Counter()
        first: dict[str, dict[str, Any]] = {}
        docs: dict[str, set[str]] = defaultdict(set)
        for mention in self.tables.get("mentions", []):
            entity = self.entities.get(mention.get("entity_id") or "")
            if mention["doc_id"] not in wanted or not entity or entity.get("type") != "PLACE":
                continue
            if entity.get("lat") is None or entity.get("lon") is None:
                continue
            counts[entity["id"]] += 1
            first.setdefault(entity["id"], mention)
            docs[entity["id"]].add(mention["doc_id"])
        return [
            {
                "id": entity_id,
                "name": self.entities[entity_id]["name"],
                "lat": self.entities[entity_id]["lat"],
                "lon": self.entities[entity_id]["lon"],
                "country": self.entities[entity_id].get("country"),
                "mentions": count,
                "doc_ids": sorted(docs[entity_id]),
                "cites": _unique(
                    [self.cite(first[entity_id]["doc_id"], *_sentence(first[entity_id]))]
                ),
            }
            for entity_id, count in counts.most_common()
        ]


def format_value(member: Mapping[str, Any], unit: str | None) -> str:
    """'1,000 km2' or '700–850 km2' from a claim's value fields (the qualifier is apart)."""
    low, high, value = member.get("value_low"), member.get("value_high"), member.get("value")
    if low is not None and high is not None and low != high:
        number = f"{_number(low)}–{_number(high)}"
    elif value is not None:
        number = _number(value)
    else:
        number = "?"
    return f"{number} {_UNIT_LABELS.get(unit, unit)}" if unit else number


def _qualified(member: Mapping[str, Any]) -> str:
    """'more than 1,100 km2': the value with its qualifier in words."""
    qualifier = (member.get("qualifier") or "").replace("_", " ")
    return f"{qualifier} {member['value']}".strip()


@cache
def country_label(code: str) -> str:
    """'Russia (RU)' for an ISO code; other codes and names unchanged (asked once per
    quote: cached, as pycountry's look-up is not cheap)."""
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    return f"{getattr(country, 'common_name', None) or country.name} ({code})" if country else code


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def _date_of(doc: Mapping[str, Any]) -> str | None:
    return doc.get("published") or doc.get("published_inferred")


def _doc_order(doc: Mapping[str, Any]) -> tuple[str, str]:
    return (_date_of(doc) or "9999", doc["id"])


def _in_story(row: Mapping[str, Any], story_id: str | None) -> bool:
    return row.get("story_id") == story_id


def _sentence(row: Mapping[str, Any]) -> tuple[int | None, int | None, bool]:
    """(start, end, expand): the row's sentence if it has one, else its span to expand."""
    if row.get("sentence_start") is not None and row.get("sentence_end") is not None:
        return row["sentence_start"], row["sentence_end"], False
    return row.get("start"), row.get("end"), True


def _unique(keys: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(k for k in keys if k))


def _why(group: dict[str, Any]) -> dict[str, Any]:
    """The rule, confidence and compared fields a group's status rests on."""
    return {
        "rule": group.get("rule") or "",
        "confidence": group.get("confidence"),
        "compared": (group.get("detail") or {}).get("compared") or {},
    }
