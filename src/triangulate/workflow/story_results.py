"""The per-story steps: inferred dates for undated members, then what is derived per
story (claim groups, corroborated statements, timeline, framing).

Both read the members' export rows; results are stored one story per transaction,
which also clears the story's stale mark, so an interrupted run leaves every story
either fully updated or still marked for the next run. A story whose results raise is
named in the run's report and stays stale; the other stories are still updated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
from triangulate.store.story_results import replace_story_results, set_inferred_dates


@dataclass(frozen=True)
class StoryFailure:
    """One story whose results could not be derived or stored: which, and why."""

    story_id: str
    error: str
    message: str


def _rows(store: Store, table: str, doc_ids: Sequence[str]) -> list[Row]:
    """The export rows of `doc_ids`; a list test, unlike a semi-join with an unnested
    list, is pushed into the views' joins, so it reads those documents, not the store."""
    column = "id" if table == "documents" else "doc_id"
    return store.rows(table, f"list_contains(?::VARCHAR[], {column})", [list(doc_ids)])


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
    store: Store,
    story_id: str,
    doc_ids: Sequence[str],
    lexicon: FramingLexicon,
    outlet_sides: Mapping[str, str] | None = None,
) -> StoryResults:
    """Everything derived from one story's member documents; `outlet_sides` (outlet ->
    side) counts the sides that report each timeline entry."""
    documents = _rows(store, "documents", doc_ids)
    origins = independent_origins(documents)
    return StoryResults(
        claim_groups=group_claims(story_id, _rows(store, "claims", doc_ids), documents, origins),
        statement_groups=group_statements(story_id, _rows(store, "quotes", doc_ids), origins),
        timeline=build_timeline(
            story_id,
            _rows(store, "events", doc_ids),
            documents,
            origins,
            _rows(store, "timexes", doc_ids),
            outlet_sides,
        ),
        framing=frame_story(
            story_id, with_sentences(documents, _rows(store, "sentences", doc_ids)), lexicon
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
    for story_id, doc_ids in members.items():
        try:
            results = story_results(store, story_id, doc_ids, lexicon, outlet_sides)
            replace_story_results(store, story_id, results)
        except Exception as error:  # one story's defect never stops the others
            failures.append(StoryFailure(story_id, type(error).__name__, str(error)))
            continue
        for table in ("claim_groups", "statement_groups", "timeline", "framing"):
            getattr(total, table).extend(getattr(results, table))
    return total, failures
