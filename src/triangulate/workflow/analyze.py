"""Analyze: the one place that orders the analysis steps.

1. NLP on every document not yet analysed by this pipeline (one failure never stops
   the others: it is stored in `analysis_errors`);
2. entities, when analyses changed (stories join documents by their entities);
3. stories: new documents join the incremental story index; changed stories are
   marked stale;
4. inferred dates for the undated members of stale stories;
5. re-analysis of documents whose date changed since their analysis (from their
   kept parse), so their relative time expressions resolve;
6. entities again if step 5 changed analyses (roles carry the inferred dates);
7. per-story results (claim groups, statements, timeline, framing) of stale stories
   (a story that raises is reported and stays stale; the others are stored).

Every step keeps its progress in the store (analyses and their reference date, the
entities mark, stale stories), so a second run on an unchanged store changes nothing
and a run cut off anywhere is finished by the next one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from triangulate.nlp.pipeline import load_pipeline, nlp_gazetteer, pipeline_id
from triangulate.resources.framing import load_lexicon
from triangulate.resources.outlets import load_outlets
from triangulate.store import Store
from triangulate.store.stories import mark_stale, stale_stories, story_ids, story_members
from triangulate.workflow.documents import AnalysisFailure, analyze_pending, redate_changed
from triangulate.workflow.entities import resolve_stored_entities
from triangulate.workflow.progress import Progress, no_progress
from triangulate.workflow.settings import RunSettings, save_settings
from triangulate.workflow.stories import update_stories
from triangulate.workflow.story_results import (
    StoryFailure,
    infer_dates,
    update_story_results,
)
from triangulate.workflow.timing import timed


@dataclass
class AnalyzeReport:
    """What one analysis run did."""

    analyzed: int = 0
    failed: list[AnalysisFailure] = field(default_factory=list)
    stories_failed: list[StoryFailure] = field(default_factory=list)
    entities: int = 0
    pipeline: str = ""
    stories_changed: list[str] = field(default_factory=list)
    dates_inferred: dict[str, str] = field(default_factory=dict)  # doc id -> date
    redated: int = 0
    claim_groups: int = 0
    timeline_entries: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "analyzed": self.analyzed,
            "analysis_errors": [
                {"doc_id": f.doc_id, "component": f.component, "error": f.error,
                 "message": f.message}
                for f in self.failed
            ],
            "story_errors": [
                {"story_id": f.story_id, "error": f.error, "message": f.message}
                for f in self.stories_failed
            ],
            "entities": self.entities,
            "pipeline": self.pipeline,
            "stories_changed": len(self.stories_changed),
            "dates_inferred": self.dates_inferred,
            "claim_groups": self.claim_groups,
            "timeline_entries": self.timeline_entries,
        }  # fmt: skip


def analyze_store(
    store: Store,
    settings: RunSettings,
    *,
    force: bool = False,
    retry_failed: bool = False,
    progress: Progress = no_progress,
    workers: int | None = 1,
) -> AnalyzeReport:
    """Bring every analysis and everything derived from it up to date in `store`.

    `force` re-analyses every document and rebuilds every story's results;
    `retry_failed` tries again the documents whose analysis failed before; `workers`
    processes parse (None: one per core; see workflow/workers.py).
    """
    with timed("analyze"):
        return _analyze(
            store, settings, force=force, retry_failed=retry_failed, progress=progress,
            workers=workers,
        )  # fmt: skip


def _analyze(
    store: Store,
    settings: RunSettings,
    *,
    force: bool,
    retry_failed: bool,
    progress: Progress,
    workers: int | None,
) -> AnalyzeReport:
    lexicon = load_lexicon(list(settings.framing))  # a bad lexicon stops the run before changes
    with timed("load pipeline"):
        spec = (settings.model, settings.gazetteers, _outlets(settings))
        nlp = load_pipeline(*spec)
    report = AnalyzeReport(pipeline=f"{pipeline_id(nlp)}+{settings.digest()}")
    save_settings(store, settings)
    with timed("nlp"):
        report.analyzed, report.failed = analyze_pending(
            store, nlp, report.pipeline, force=force, retry_failed=retry_failed,
            progress=progress, workers=workers, spec=spec,
        )  # fmt: skip
    gazetteer = nlp_gazetteer(nlp)
    with timed("entity resolution"):
        resolve_stored_entities(store, gazetteer, force=force)
    with timed("stories"):
        report.stories_changed = sorted(update_stories(store))
        if force:
            mark_stale(store, story_ids(store))
    stale = stale_stories(store)
    members = story_members(store, stale)
    with timed("inferred dates"):
        report.dates_inferred = {i.doc_id: i.date for i in infer_dates(store, members)}
    with timed("re-dating"):
        report.redated, failed = redate_changed(store, nlp, report.pipeline, progress=progress)
        report.failed += failed
    with timed("entity resolution"):
        resolve_stored_entities(store, gazetteer)
    with timed("story results"):
        sides = load_outlets(*_outlets(settings)).sides
        results, report.stories_failed = update_story_results(store, members, lexicon, sides)
    report.entities = store.count_entities()
    report.claim_groups = len(results.claim_groups)
    report.timeline_entries = len(results.timeline)
    return report


def _outlets(settings: RunSettings) -> tuple[Path, ...]:
    return (settings.outlets,) if settings.outlets else ()
