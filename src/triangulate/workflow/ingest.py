"""Ingest: read every input, clean it, store it once, link near-duplicate copies.

A bad item is recorded with its reason and the run goes on; documents are stored in
batches of one transaction each, so an interrupted run leaves whole batches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from triangulate.clean import OutletLexicon, clean_document
from triangulate.corpus.duplicates import copies_among, signature
from triangulate.errors import InputError
from triangulate.ingest import count_inputs, read_inputs
from triangulate.models import Document, ItemError, RawDocument
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


def ingest_inputs(
    store: Store,
    inputs: Sequence[str],
    settings: RunSettings,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch_links: bool = True,
    stdin: BinaryIO | None = None,
    run_analysis: bool = True,
    progress: Progress = no_progress,
) -> IngestReport:
    """Read, clean and store every input into `store`, then analyse what is new.

    Bad items go to the report and the run goes on; re-ingesting the same text changes
    nothing; near-duplicates are stored and linked to their original (`duplicate_of`).
    """
    lexicon = OutletLexicon.bundled()
    if settings.outlets:
        lexicon = lexicon.with_file(settings.outlets)
    report = IngestReport()
    store_inputs(store, inputs, lexicon, report, max_bytes, fetch_links, stdin, progress)
    if run_analysis:
        report.analysis = analyze_store(store, settings, progress=progress)
    return report


def store_inputs(
    store: Store,
    inputs: Sequence[str],
    lexicon: OutletLexicon,
    report: IngestReport,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch_links: bool = True,
    stdin: BinaryIO | None = None,
    progress: Progress = no_progress,
) -> None:
    """Read, clean and store every input into `store`; bad items go to `report`."""
    items = read_inputs(inputs, max_bytes=max_bytes, fetch_links=fetch_links, stdin=stdin)
    with timed("store documents"), progress("ingesting", count_inputs(inputs)) as advance:
        for batch in batches(cleaned(advance(items), lexicon, report.errors), BATCH_SIZE):
            with store.transaction():
                for document in batch:
                    store_document(store, document, report)
    report.total_documents = store.count_documents()


def cleaned(
    items: Iterable[RawDocument | ItemError], lexicon: OutletLexicon, errors: list[ItemError]
) -> Iterator[Document]:
    """Clean each raw document; failures go to `errors` and the run goes on."""
    for item in items:
        if isinstance(item, ItemError):
            errors.append(item)
            continue
        try:
            yield clean_document(item, lexicon)
        except InputError as exc:
            errors.append(ItemError(exc.item, exc.reason))
        except Exception as exc:  # a bug on one odd input must not stop the run
            reason = f"could not be cleaned ({type(exc).__name__}: {exc}); please report this input"
            errors.append(ItemError(item.path, reason))


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
