"""The per-story steps: inferred dates for undated members, then what is derived per
story (claim groups, corroborated statements, timeline, framing).

Both read the members' export rows. The rows of many stories are read with one query
per table and handed to each story in the table's order: a query filtered to one
story's documents costs as much as one over hundreds of them (the views join and
aggregate before filtering), so reading story by story grew with the corpus.
Results are stored one story per transaction,
which also clears the story's stale mark, so an interrupted run leaves every story
either fully updated or still marked for the next run. A story whose results raise is
named in the run's report and stays stale; the other stories are still updated.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from triangulate.corpus.claim_groups import group_claims
from triangulate.corpus.dates import infer_publication_dates
from triangulate.corpus.framing import FramingLexicon, frame_story
from triangulate.corpus.independence import independent_origins
from triangulate.corpus.sentences import with_sentences
from triangulate.corpus.statements import group_statements
from triangulate.corpus.timeline import build_timeline
from triangulate.models import InferredDate, Row, StoryResults
from triangulate.store import Store
from triangulate.store.story_results import (
    drop_orphan_results,
    replace_story_results,
    set_inferred_dates,
)


@dataclass(frozen=True)
class StoryFailure:
    """One story whose results could not be derived or stored: which, and why."""

    story_id: str
    error: str
    message: str


# The tables a story's results read, and at most how many documents' rows are held at once.
STORY_TABLES = ("documents", "claims", "quotes", "events", "timexes", "sentences")
BATCH_DOCUMENTS = 2_000


def _doc_column(table: str) -> str:
    return "id" if table == "documents" else "doc_id"


def _rows(store: Store, table: str, doc_ids: Sequence[str]) -> list[Row]:
    """The export rows of `doc_ids`; a list test, unlike a semi-join with an unnested
    list, is pushed into the views' joins, so it reads those documents, not the store."""
    return store.rows(table, f"list_contains(?::VARCHAR[], {_doc_column(table)})", [list(doc_ids)])


class MemberRows:
    """The export rows of a batch of stories' documents, one query per table; `of`
    gives any subset's rows in the table's own order, as a query for it would."""

    def __init__(self, store: Store, doc_ids: Sequence[str]) -> None:
        self._by_doc: dict[str, dict[str, list[tuple[int, Row]]]] = {}
        for table in STORY_TABLES:
            by_doc: dict[str, list[tuple[int, Row]]] = {}
            column = _doc_column(table)
            for position, row in enumerate(_rows(store, table, doc_ids)):
                by_doc.setdefault(row[column], []).append((position, row))
            self._by_doc[table] = by_doc

    def of(self, table: str, doc_ids: Sequence[str]) -> list[Row]:
        by_doc = self._by_doc[table]
        runs = [by_doc.get(doc_id, []) for doc_id in dict.fromkeys(doc_ids)]
        return [row for _, row in heapq.merge(*runs, key=lambda item: item[0])]


def _batches(members: Mapping[str, Sequence[str]]) -> Iterator[dict[str, Sequence[str]]]:
    """The stories in groups of at most `BATCH_DOCUMENTS` documents (a bigger story alone)."""
    batch: dict[str, Sequence[str]] = {}
    size = 0
    for story_id, doc_ids in members.items():
        if batch and size + len(doc_ids) > BATCH_DOCUMENTS:
            yield batch
            batch, size = {}, 0
        batch[story_id] = doc_ids
        size += len(doc_ids)
    if batch:
        yield batch


def infer_dates(store: Store, members: dict[str, list[str]]) -> list[InferredDate]:
    """Infer dates for the undated members of these stories; store those that changed."""
    doc_ids = sorted({d for ids in members.values() for d in ids})
    documents = _rows(store, "documents", doc_ids)
    if all(d["published"] for d in documents):
        return []
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
        set_inferred_dates(store, changed)
    return changed


def story_results(
    rows: MemberRows,
    story_id: str,
    doc_ids: Sequence[str],
    lexicon: FramingLexicon,
    outlet_sides: Mapping[str, str] | None = None,
) -> StoryResults:
    """Everything derived from one story's member documents; `outlet_sides` (outlet ->
    side) counts the sides that report each timeline entry."""
    documents = rows.of("documents", doc_ids)
    origins = independent_origins(documents)
    return StoryResults(
        claim_groups=group_claims(story_id, rows.of("claims", doc_ids), documents, origins),
        statement_groups=group_statements(story_id, rows.of("quotes", doc_ids), origins),
        timeline=build_timeline(
            story_id,
            rows.of("events", doc_ids),
            documents,
            origins,
            rows.of("timexes", doc_ids),
            outlet_sides,
        ),
        framing=frame_story(
            story_id, with_sentences(documents, rows.of("sentences", doc_ids)), lexicon
        ),
    )


def update_story_results(
    store: Store,
    members: dict[str, list[str]],
    lexicon: FramingLexicon,
    outlet_sides: Mapping[str, str] | None = None,
) -> tuple[StoryResults, list[StoryFailure]]:
    """Rebuild and store each story's results, one transaction per story: all the
    results stored, and the stories that failed (left stale for the next run)."""
    total = StoryResults()
    failures: list[StoryFailure] = []
    drop_orphan_results(store)
    for batch in _batches(members):
        rows = MemberRows(store, sorted({d for ids in batch.values() for d in ids}))
        for story_id, doc_ids in batch.items():
            try:
                results = story_results(rows, story_id, doc_ids, lexicon, outlet_sides)
                replace_story_results(store, story_id, results)
            except Exception as error:  # one story's defect never stops the others
                failures.append(StoryFailure(story_id, type(error).__name__, str(error)))
                continue
            for table in ("claim_groups", "statement_groups", "timeline", "framing"):
                getattr(total, table).extend(getattr(results, table))
    return total, failures
