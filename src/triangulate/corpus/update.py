"""The corpus steps after per-document analysis, run on what changed.

New documents join stories (or start them) through the incremental story index;
only the stories that changed are looked at again: undated members get an
inferred publication date from their story (and are re-analysed with it, so
their relative time expressions resolve), then the story's claim groups,
corroborated statements, timeline and framing are rebuilt from its members'
export rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from triangulate.corpus.claim_groups import group_claims
from triangulate.corpus.dates import infer_publication_dates
from triangulate.corpus.entities import resolve_entities
from triangulate.corpus.framing import frame_story
from triangulate.corpus.independence import independent_origins
from triangulate.corpus.statements import group_statements
from triangulate.corpus.timeline import build_timeline
from triangulate.resources.framing import FramingLexicon, load_lexicon
from triangulate.resources.gazetteer import Gazetteer
from triangulate.store import Store
from triangulate.store.corpus import STORY_TABLES, replace_story_results, set_inferred_dates
from triangulate.store.stories import update_stories

Row = dict[str, Any]
Reanalyze = Callable[[list[str]], None]


@dataclass
class CorpusReport:
    """What one update changed."""

    stories_changed: list[str] = field(default_factory=list)
    dates_inferred: dict[str, str] = field(default_factory=dict)  # doc id -> date
    claim_groups: int = 0
    timeline_entries: int = 0


def update_entities(store: Store, gazetteer: Gazetteer) -> int:
    """Resolve every stored mention into canonical entities again; the number of entities."""
    entities, assignments = resolve_entities(
        store.mentions_by_document(), dates=store.publication_dates(), gazetteer=gazetteer
    )
    with store.transaction():
        store.replace_entities(entities, assignments)
    return len(entities)


def update_corpus(
    store: Store,
    reanalyze: Reanalyze,
    lexicon: FramingLexicon | None = None,
    *,
    every_story: bool = False,
) -> CorpusReport:
    """Bring stories and everything derived per story up to date with the stored analyses.

    `reanalyze(doc_ids)` re-runs the per-document analysis of documents whose
    inferred date changed; `lexicon` is the framing lexicon (the bundled one if None);
    `every_story` redoes the steps of every story, not only of those that changed.
    """
    lexicon = lexicon or load_lexicon()
    changed = update_stories(store)
    if every_story:
        changed |= {row["id"] for row in store.rows("stories")}
    report = CorpusReport(sorted(changed))
    if not report.stories_changed:
        return report
    members = _members(store, report.stories_changed)
    report.dates_inferred = _infer_dates(store, members, reanalyze)
    results: dict[str, list[Row]] = {table: [] for table in STORY_TABLES}
    for story_id, doc_ids in members.items():
        for table, rows in _story_results(store, story_id, doc_ids, lexicon).items():
            results[table] += rows
    replace_story_results(store, report.stories_changed, results)
    report.claim_groups = len(results["claim_groups"])
    report.timeline_entries = len(results["timeline"])
    return report


def _members(store: Store, story_ids: list[str]) -> dict[str, list[str]]:
    rows = store.rows("stories", "id IN (SELECT unnest(?))", [story_ids])
    return {row["id"]: list(row["doc_ids"] or []) for row in rows}


def _rows(store: Store, table: str, doc_ids: list[str]) -> list[Row]:
    column = "id" if table == "documents" else "doc_id"
    return store.rows(table, f"{column} IN (SELECT unnest(?))", [doc_ids])


def _infer_dates(
    store: Store, members: dict[str, list[str]], reanalyze: Reanalyze
) -> dict[str, str]:
    """Infer dates for undated members; store and re-analyse those that changed."""
    doc_ids = sorted({d for ids in members.values() for d in ids})
    documents = _rows(store, "documents", doc_ids)
    if all(d["published"] for d in documents):
        return {}
    current = {d["id"]: d["published_inferred"] for d in documents}
    inferred = infer_publication_dates(
        documents,
        _rows(store, "events", doc_ids),
        _rows(store, "timexes", doc_ids),
        members,
        _rows(store, "claims", doc_ids),
    )
    changed = [i for i in inferred if current.get(i.doc_id) != i.date]
    if changed:
        set_inferred_dates(store, [(i.doc_id, i.date, i.evidence) for i in changed])
        reanalyze([i.doc_id for i in changed])
    return {i.doc_id: i.date for i in changed}


def _story_results(
    store: Store, story_id: str, doc_ids: list[str], lexicon: FramingLexicon
) -> dict[str, list[Row]]:
    documents = _rows(store, "documents", doc_ids)
    origins = independent_origins(documents)
    groups = group_claims(story_id, _rows(store, "claims", doc_ids), documents, origins)
    timeline = build_timeline(
        story_id,
        _rows(store, "events", doc_ids),
        documents,
        origins,
        _rows(store, "timexes", doc_ids),
    )
    framing = frame_story(story_id, documents, lexicon)
    statements = group_statements(story_id, _rows(store, "quotes", doc_ids), origins)
    return {
        "claim_groups": [g.row() for g in groups],
        "statement_groups": [g.row() for g in statements],
        "timeline": [t.row() for t in timeline],
        "framing": [f.to_dict() for f in framing],
    }
