"""Ingest: read every input, clean it, store it once, link near-duplicate copies.

A bad item is recorded with its reason and the run goes on; documents are stored in
batches of one transaction each, so an interrupted run leaves whole batches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from triangulate.clean import clean_document
from triangulate.corpus.duplicates import copies_among, signature
from triangulate.errors import InputError, TriangulateError
from triangulate.ingest import DEFAULT_FETCH_TIMEOUT, count_inputs, read_inputs
from triangulate.models import Document, ItemError, RawDocument
from triangulate.resources.outlets import OutletLexicon, load_outlets
from triangulate.store import Store
from triangulate.workflow.analyze import AnalyzeReport, analyze_store
from triangulate.workflow.progress import Progress, batches, no_progress
from triangulate.workflow.settings import RunSettings
from triangulate.workflow.timing import timed

DEFAULT_MAX_BYTES = 20_000_000
BATCH_SIZE = 50


@dataclass
class IngestReport:
    """What one ingest run did: new documents, inputs already stored, copies linked,
    failures, and the analysis that followed (None with `run_analysis=False`)."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: dict[str, str] = field(default_factory=dict)
    errors: list[ItemError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    total_documents: int = 0
    analysis: AnalyzeReport | None = None
    error: str | None = None  # what stopped the run; what is above was stored before it

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": len(self.added),
            "unchanged": len(self.unchanged),
            "near_duplicates": self.duplicates,
            "failed": [{"item": e.item, "reason": e.reason} for e in self.errors],
            "warnings": self.warnings,
            "documents_in_store": self.total_documents,
            "analysis": self.analysis.to_dict() if self.analysis else None,
            "error": self.error,
        }


def ingest_inputs(
    store: Store,
    inputs: Sequence[str],
    settings: RunSettings,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch_links: bool = True,
    fetch_timeout: float = DEFAULT_FETCH_TIMEOUT,
    allow_private_urls: bool = False,
    stdin: BinaryIO | None = None,
    run_analysis: bool = True,
    progress: Progress = no_progress,
    workers: int | None = 1,
) -> IngestReport:
    """Read, clean and store every input into `store`, then analyse what is new (in
    `workers` processes; None: one per core).

    Bad items go to the report and the run goes on; re-ingesting the same text changes
    nothing; near-duplicates are stored and linked to their original (`duplicate_of`).
    """
    items = read_inputs(
        inputs,
        max_bytes=max_bytes,
        fetch_links=fetch_links,
        fetch_timeout=fetch_timeout,
        allow_private_urls=allow_private_urls,
        stdin=stdin,
    )
    return ingest_items(
        store,
        items,
        settings,
        total=count_inputs(inputs),
        run_analysis=run_analysis,
        progress=progress,
        workers=workers,
    )


def ingest_items(
    store: Store,
    items: Iterable[RawDocument | ItemError],
    settings: RunSettings,
    *,
    total: int | None = None,
    run_analysis: bool = True,
    progress: Progress = no_progress,
    workers: int | None = 1,
) -> IngestReport:
    """Clean and store items already read (a watcher reads its own), then analyse what
    is new (in `workers` processes) unless `run_analysis` is False."""
    lexicon = load_outlets(settings.outlets) if settings.outlets else load_outlets()
    report = IngestReport()
    store_items(store, items, total, lexicon, report, progress)
    if run_analysis:
        try:
            report.analysis = analyze_store(store, settings, progress=progress, workers=workers)
        except TriangulateError as exc:  # the documents stay stored; say so, then fail
            report.error = str(exc)
            raise IngestFailed(report) from exc
    return report


class IngestFailed(TriangulateError):
    """The run stopped after storing documents; `report` says what was stored."""

    def __init__(self, report: IngestReport) -> None:
        super().__init__(report.error or "ingest failed")
        self.report = report


def store_items(
    store: Store,
    items: Iterable[RawDocument | ItemError],
    total: int | None,
    lexicon: OutletLexicon,
    report: IngestReport,
    progress: Progress = no_progress,
) -> None:
    """Clean and store every item read into `store`; bad items go to `report`."""
    with timed("store documents"), progress("ingesting", total) as advance:
        for batch in batches(cleaned(advance(items), lexicon, report), BATCH_SIZE):
            with store.transaction():
                for document in batch:
                    store_document(store, document, report)
    report.total_documents = store.count_documents()


def cleaned(
    items: Iterable[RawDocument | ItemError], lexicon: OutletLexicon, report: IngestReport
) -> Iterator[Document]:
    """Clean each raw document; failures and warnings go to `report`, the run goes on."""
    for item in items:
        if isinstance(item, ItemError):
            report.errors.append(item)
            continue
        report.warnings += [f"{item.path}: {note}" for note in item.metadata.get("warnings", [])]
        try:
            yield clean_document(item, lexicon)
        except InputError as exc:
            fetch_error = item.metadata.get("fetch_error")  # the real cause, for feed entries
            reason = (
                f"{fetch_error}, and the entry's own text: {exc.reason}"
                if fetch_error
                else exc.reason
            )
            report.errors.append(ItemError(exc.item, reason))
        except Exception as exc:  # a bug on one odd input must not stop the run
            reason = f"could not be cleaned ({type(exc).__name__}: {exc}); please report this input"
            report.errors.append(ItemError(item.path, reason))


def store_document(store: Store, document: Document, report: IngestReport) -> None:
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
