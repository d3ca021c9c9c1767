"""The Python API. Everything the command line does is a call to a function here.

>>> from triangulate import api
>>> report = api.ingest(["reports/"], db="conflict.duckdb")
>>> report.errors        # one ItemError per input that could not be ingested
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import IO, Any, BinaryIO, TypeVar

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from triangulate.clean import clean_document
from triangulate.corpus.duplicates import copies_among, signature
from triangulate.corpus.update import CorpusReport, update_corpus, update_entities
from triangulate.errors import InputError, UsageError
from triangulate.eval.runner import evaluate
from triangulate.ingest import count_inputs, read_inputs
from triangulate.models import Document, ItemError, RawDocument
from triangulate.nlp.pipeline import (
    analyze_documents,
    load_pipeline,
    nlp_gazetteer,
    pipeline_id,
    redate_documents,
)
from triangulate.report import FORMATS as REPORT_FORMATS
from triangulate.report import build_report, load_report_data
from triangulate.resources.framing import load_lexicon
from triangulate.resources.outlets import OutletLexicon, load_outlets
from triangulate.store import Store
from triangulate.store.export import export_table

__all__ = [
    "AnalyzeReport",
    "IngestReport",
    "analyze",
    "demo",
    "evaluate",
    "export",
    "ingest",
    "report",
]

DEFAULT_MAX_BYTES = 20_000_000
BATCH_SIZE = 50

T = TypeVar("T")


@dataclass
class AnalyzeReport:
    """What one analysis run did."""

    analyzed: int = 0
    entities: int = 0
    pipeline: str = ""
    corpus: CorpusReport = field(default_factory=CorpusReport)

    def to_dict(self) -> dict[str, Any]:
        return {
            "analyzed": self.analyzed,
            "entities": self.entities,
            "pipeline": self.pipeline,
            "stories_changed": len(self.corpus.stories_changed),
            "dates_inferred": self.corpus.dates_inferred,
            "claim_groups": self.corpus.claim_groups,
            "timeline_entries": self.corpus.timeline_entries,
        }


@dataclass
class IngestReport:
    """What one ingest run did: new documents, inputs already stored, copies linked, failures."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: dict[str, str] = field(default_factory=dict)
    errors: list[ItemError] = field(default_factory=list)
    total_documents: int = 0
    analysis: AnalyzeReport | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": len(self.added),
            "unchanged": len(self.unchanged),
            "near_duplicates": self.duplicates,
            "failed": [{"item": e.item, "reason": e.reason} for e in self.errors],
            "documents_in_store": self.total_documents,
            "analysis": self.analysis.to_dict() if self.analysis else None,
        }


def ingest(
    inputs: Sequence[str],
    db: str | Path | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch_links: bool = True,
    outlets: Path | None = None,
    progress: bool = False,
    stdin: BinaryIO | None = None,
    run_analysis: bool = True,
    gazetteers: Sequence[Path] = (),
    framing: Sequence[Path] = (),
) -> IngestReport:
    """Read, clean and store every input; bad items are reported, never fatal.

    Re-ingesting the same text changes nothing; near-duplicates are stored and
    linked to their original through `duplicate_of`. Unless `run_analysis` is
    False, new documents are then analysed (see `analyze`).
    """
    lexicon = load_outlets(outlets) if outlets else load_outlets()
    report = IngestReport()
    items = read_inputs(inputs, max_bytes=max_bytes, fetch_links=fetch_links, stdin=stdin)
    with Store(db) as store:
        with _progress_bar(progress, count_inputs(inputs)) as advance:
            for batch in _batches(_cleaned(advance(items), lexicon, report), BATCH_SIZE):
                with store.transaction():
                    for document in batch:
                        _store_document(store, document, report)
        report.total_documents = store.count_documents()
    if run_analysis:
        report.analysis = analyze(
            db, gazetteers=gazetteers, outlets=outlets, framing=framing, progress=progress
        )
    return report


def analyze(
    db: str | Path | None = None,
    *,
    force: bool = False,
    model: str | None = None,
    gazetteers: Sequence[Path] = (),
    outlets: Path | None = None,
    framing: Sequence[Path] = (),
    progress: bool = False,
) -> AnalyzeReport:
    """Run the NLP pipeline on stored documents not yet analysed by it, resolve entities
    across the whole store, then update the stories and what is derived from them.

    `force` re-analyses everything and redoes every story's corpus steps;
    `gazetteers` adds user place lists (CSV or GeoJSON); `outlets` is the user
    outlet list, as for `ingest`; `framing` adds user framing lexicons (CSV).
    """
    lexicon = load_lexicon(list(framing))  # a bad lexicon stops the run before any change
    nlp = load_pipeline(model, tuple(Path(g) for g in gazetteers), (outlets,) if outlets else ())
    report = AnalyzeReport(pipeline=pipeline_id(nlp))
    with Store(db) as store:
        pending = list(store.documents_to_analyze(report.pipeline, force=force))
        with _progress_bar(progress, len(pending), "analysing") as advance:
            analyses = advance(analyze_documents(pending, nlp))
            for batch in _batches(analyses, BATCH_SIZE):
                with store.transaction():
                    store.replace_analyses(batch, report.pipeline)
                report.analyzed += len(batch)
        report.entities = update_entities(store, nlp_gazetteer(nlp))

        def reanalyze(doc_ids: list[str]) -> None:
            redone = list(redate_documents(store.documents(doc_ids), store.parses(doc_ids), nlp))
            with store.transaction():
                store.replace_analyses(redone, report.pipeline)

        report.corpus = update_corpus(store, reanalyze, lexicon, every_story=force)
    return report


def export(
    table: str, db: str | Path | None = None, *, format: str = "jsonl", out: Path | None = None
) -> None:
    """Write an export table (see DESIGN.md) to `out`, or to standard output."""
    with Store(db) as store:
        export_table(store, table, format, out)


def report(
    db: str | Path | None = None,
    *,
    story: str | None = None,
    format: str = "md",
    out: Path | None = None,
    outlets: Path | None = None,
) -> Path:
    """Write a report of one story (or of all) as md, html or json; return its path.

    `out` defaults to ``triangulate-report.<format>`` in the current folder; maps
    are PNG files beside Markdown and JSON reports and embedded in HTML.
    `outlets` (name, side) places speakers of unknown country on their outlet's side.
    """
    if format not in REPORT_FORMATS:
        raise UsageError(f"unknown report format {format!r}; choose one of: md, html, json")
    with Store(db) as store:
        try:
            data = load_report_data(store, story, outlets=(outlets,) if outlets else ())
        except LookupError as exc:
            raise UsageError(str(exc)) from exc
    return build_report(data, format, out or Path(f"triangulate-report.{format}"))


def sample_corpus() -> Path:
    """The folder of the bundled, fictional sample corpus."""
    return Path(str(resources.files("triangulate.data").joinpath("sample")))


def demo(db: str | Path, *, progress: bool = False) -> IngestReport:
    """Ingest the bundled sample corpus into a fresh database at `db`."""
    path = Path(db)
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)
    sample = sample_corpus()
    return ingest(
        [str(sample / "corpus")],
        path,
        outlets=sample / "outlets.csv",
        gazetteers=[sample / "gazetteer.csv"],
        progress=progress,
        fetch_links=False,
    )


def _cleaned(
    items: Iterable[RawDocument | ItemError], lexicon: OutletLexicon, report: IngestReport
) -> Iterator[Document]:
    """Clean each raw document; failures go to the report and the run goes on."""
    for item in items:
        if isinstance(item, ItemError):
            report.errors.append(item)
            continue
        try:
            yield clean_document(item, lexicon)
        except InputError as exc:
            report.errors.append(ItemError(exc.item, exc.reason))
        except Exception as exc:  # a bug on one odd input must not stop the run
            reason = f"could not be cleaned ({type(exc).__name__}: {exc}); please report this input"
            report.errors.append(ItemError(item.path, reason))


def _store_document(store: Store, document: Document, report: IngestReport) -> None:
    """Insert a new document and link it into its near-duplicate group, if any."""
    if store.existing_ids([document.id]):
        report.unchanged.append(document.id)
        return
    minhash = signature(document.text)
    values = [int(v) for v in minhash.hashvalues]
    copies = copies_among(minhash, store.band_candidates(values))
    store.insert_document(document, values)
    report.added.append(document.id)
    if not copies:
        return
    roots = set(store.originals_of(copies).values()) | {document.id}
    original = store.earliest(roots)
    store.relink_copies(roots, original)
    for member, root in store.originals_of([*copies, document.id]).items():
        if member != root:
            report.duplicates[member] = root


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@contextmanager
def _progress_bar(
    enabled: bool, total: int | None, label: str = "ingesting", stream: IO[str] | None = None
) -> Iterator[Any]:
    """Yield a function that wraps an iterable so it advances a bar on a terminal."""
    stream = stream or sys.stderr
    if not enabled or not stream.isatty():
        yield lambda items: items
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("ingest", total=total)

        def advance(items: Iterable[T]) -> Iterator[T]:
            for item in items:
                yield item
                bar.advance(task)

        yield advance
