"""The per-document step: run the NLP pipeline over stored documents, one failure never
stopping the others, and store what it found.

Documents go through spaCy in chunks; when a chunk raises, its documents are analysed
one by one and the one that fails is recorded in `analysis_errors` (with the module it
failed in) instead of stopping the run. Texts longer than `PIECE_CHARS` are analysed in
pieces cut at paragraph breaks, their offsets shifted back into the one clean text.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from spacy.language import Language

from triangulate.errors import NoPipeline
from triangulate.models import Document, DocumentAnalysis, Span
from triangulate.nlp.pipeline import analyze_in_language, pipeline_language, redate_documents
from triangulate.store import Store
from triangulate.store.entity_keys import mark_pending
from triangulate.workflow.progress import Progress, batches, no_progress
from triangulate.workflow.timing import timed
from triangulate.workflow.workers import PipelineSpec, analyse_in_workers, chunk_size, workers_for

# spaCy refuses texts over nlp.max_length (1,000,000) and its parser needs about 1 GB
# per 100,000 characters: longer texts are analysed in pieces of at most this size.
PIECE_CHARS = 100_000
CHUNK = 64  # documents per nlp.pipe call, and per transaction


@dataclass(frozen=True)
class AnalysisFailure:
    """One document the pipeline raised on: where, and what it said."""

    doc_id: str
    component: str
    error: str
    message: str


def analyze_pending(
    store: Store,
    nlp: Language,
    pipeline: str,
    *,
    force: bool = False,
    retry_failed: bool = False,
    progress: Progress = no_progress,
    workers: int | None = 1,
    spec: PipelineSpec | None = None,
) -> tuple[int, list[AnalysisFailure]]:
    """Analyse documents never analysed by `pipeline` (all with `force`); documents that
    failed before are tried again only with `retry_failed`. Returns (analysed, failures).

    With `spec` (how to load `nlp` again) and more than one worker (None: every core),
    the documents are analysed in worker processes and stored here, in order.
    """
    pending = list(store.documents_to_analyze(pipeline, force=force, retry_failed=retry_failed))
    processes = workers_for(len(pending), workers) if spec else 1
    if spec and processes > 1:
        size = chunk_size(len(pending), processes, CHUNK)
        results = analyse_in_workers(batches(pending, size), spec, processes, analyse_chunk)
    else:
        results = ((chunk, analyse_chunk(chunk, nlp)) for chunk in batches(pending, CHUNK))
    return _store_results(store, pipeline, len(pending), results, progress)


def redate_changed(
    store: Store, nlp: Language, pipeline: str, *, progress: Progress = no_progress
) -> tuple[int, list[AnalysisFailure]]:
    """Analyse again the documents whose date changed since their analysis (a date was
    inferred for them), from their kept parse where there is one."""
    pending = list(store.documents_to_redate(pipeline))

    def analyses(docs: list[Document]) -> list[DocumentAnalysis]:
        short = [d for d in docs if len(d.text) <= PIECE_CHARS]
        parses = store.parses([d.id for d in short])
        mentions = store.mentions_by_document(list(parses))
        done = {a.doc_id: a for a in redate_documents(short, parses, nlp, mentions)}
        done.update({a.doc_id: a for a in _analyses([d for d in docs if d.id not in done], nlp)})
        return [done[d.id] for d in docs]

    results = ((chunk, _isolated(chunk, analyses)) for chunk in batches(pending, CHUNK))
    return _store_results(store, pipeline, len(pending), results, progress, label="re-dating")


def analyse_chunk(chunk: list[Document], nlp: Language) -> list[DocumentAnalysis | AnalysisFailure]:
    """One chunk's analyses, each failure isolated (also what a worker process runs); a
    document in a language without a pipeline is stored as such, never analysed."""
    unread = {
        d.id: AnalysisFailure(d.id, "nlp.pipeline", "NoPipeline", str(NoPipeline(d.language)))
        for d in chunk
        if pipeline_language(d.language) is None
    }
    readable = [d for d in chunk if d.id not in unread]
    done = {r.doc_id: r for r in _isolated(readable, lambda docs: _analyses(docs, nlp))}
    return [unread.get(d.id) or done[d.id] for d in chunk]


def _store_results(
    store: Store,
    pipeline: str,
    total: int,
    results: Iterable[tuple[list[Document], list[DocumentAnalysis | AnalysisFailure]]],
    progress: Progress,
    label: str = "analysing",
) -> tuple[int, list[AnalysisFailure]]:
    """Store each chunk's analyses and failures in one transaction, as they come."""
    analysed, failures = 0, []
    with progress(label, total) as advance:
        for chunk, chunk_results in results:
            done = [r for r in chunk_results if isinstance(r, DocumentAnalysis)]
            failed = [r for r in chunk_results if isinstance(r, AnalysisFailure)]
            dates = {d.id: d.date for d in chunk}
            with timed("store analyses"), store.transaction():
                store.replace_analyses(done, pipeline, dates)
                store.record_analysis_errors(
                    [(f.doc_id, f.component, f.error, f.message) for f in failed], pipeline
                )
                mark_pending(store, [a.doc_id for a in done])
            analysed += len(done)
            failures += failed
            for _ in advance(chunk):
                pass
    return analysed, failures


def _isolated(chunk: list[Document], analyse: Any) -> list[DocumentAnalysis | AnalysisFailure]:
    """The chunk's analyses; when the chunk raises, each document alone, so that only the
    document that fails is lost (and recorded)."""
    try:
        return list(analyse(chunk))
    except Exception:  # one bad document must not stop the others: find it below
        pass
    results: list[DocumentAnalysis | AnalysisFailure] = []
    for document in chunk:
        try:
            results += analyse([document])
        except Exception as exc:
            results.append(_failure(document.id, exc))
    return results


def _failure(doc_id: str, exc: Exception) -> AnalysisFailure:
    """Name the failure by the deepest module of ours it was raised in (else spaCy's)."""
    modules = [
        frame.f_globals.get("__name__", "") for frame, _ in traceback.walk_tb(exc.__traceback__)
    ]
    ours = [m for m in modules if m.startswith("triangulate.nlp")]
    component = ours[-1].removeprefix("triangulate.") if ours else "spacy"
    return AnalysisFailure(doc_id, component, type(exc).__name__, str(exc)[:500])


def _analyses(documents: Sequence[Document], nlp: Language) -> list[DocumentAnalysis]:
    """Analyses in document order; long texts in pieces."""
    short = [d for d in documents if len(d.text) <= PIECE_CHARS]
    done = {a.doc_id: a for a in analyze_in_language(short, nlp)}
    for document in documents:
        if document.id not in done:
            done[document.id] = _in_pieces(document, nlp)
    return [done[d.id] for d in documents]


def _in_pieces(document: Document, nlp: Language) -> DocumentAnalysis:
    """Analyse a long text piece by piece and join the results into the whole text's."""
    whole = DocumentAnalysis(doc_id=document.id)
    for k, (start, end) in enumerate(pieces(document.text, PIECE_CHARS)):
        piece = replace(document, id=f"{document.id}#{k}", text=document.text[start:end])
        (part,) = analyze_in_language([piece], nlp)
        whole.sentences += [Span(s.start + start, s.end + start) for s in part.sentences]
        for table in ("mentions", "timexes", "quotes", "claims", "events"):
            getattr(whole, table).extend(
                _shifted(r, start, f"p{k}-" if k else "") for r in getattr(part, table)
            )
    return whole


def pieces(text: str, limit: int) -> Iterator[tuple[int, int]]:
    """(start, end) pieces covering `text`, each at most `limit` characters, cut after a
    paragraph break where there is one (else after a line break or a space)."""
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cuts = (window.rfind(sep) + len(sep) for sep in ("\n\n", "\n", " "))
        end = start + next((c for c in cuts if c > limit // 2), limit)
        yield start, end
        start = end
    yield start, len(text)


_OFFSET_FIELDS = ("start", "end")
_ID_FIELDS = ("id", "quote_id", "restates")


def _shifted(record: Any, delta: int, prefix: str) -> Any:
    """The record with every offset moved by `delta` and its local ids made unique."""
    changes: dict[str, Any] = {}
    for f in fields(record):
        value = getattr(record, f.name)
        if value is None:
            continue
        if f.name in _OFFSET_FIELDS or f.name.endswith(("_start", "_end")):
            changes[f.name] = value + delta
        elif f.name == "actor_spans":
            changes[f.name] = tuple((s + delta, e + delta) for s, e in value)
        elif f.name in _ID_FIELDS and prefix:
            changes[f.name] = prefix + value
    return replace(record, **changes)
