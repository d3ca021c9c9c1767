"""Per-document analysis in worker processes, so that every local core parses.

The analysis of one document is a pure function of its text and date, so chunks of
documents can go to worker processes while the one writer (the calling process) stores
what comes back in order. Each worker loads the pipeline once, from the same run
settings as the writer's, so its results are the writer's own. Workers are started
with `spawn` (a fork of a process holding a DuckDB connection and spaCy's threads is
not safe) and only for enough documents to pay for loading the model in each one.
"""

from __future__ import annotations

import math
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from spacy.language import Language

from triangulate.models import Document, DocumentAnalysis
from triangulate.nlp.pipeline import load_pipeline

# Loading the model and our components in a worker costs about as much as analysing
# this many typical news reports: below it one process is faster.
MIN_DOCUMENTS_PER_WORKER = 24
CHUNKS_PER_WORKER = 4  # smaller chunks than one per worker, so a slow one does not stall

PipelineSpec = tuple[str | None, tuple[Path, ...], tuple[Path, ...]]

_worker_nlp: Language | None = None


def default_workers() -> int:
    """The CPU count this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers_for(documents: int, workers: int | None) -> int:
    """How many worker processes `documents` deserve (1: analyse in this process)."""
    wanted = default_workers() if workers is None else workers
    return max(1, min(wanted, documents // MIN_DOCUMENTS_PER_WORKER))


def chunk_size(documents: int, workers: int, largest: int) -> int:
    """Chunks small enough that every worker gets several, at most `largest`."""
    return max(1, min(largest, math.ceil(documents / (workers * CHUNKS_PER_WORKER))))


def analyse_in_workers(
    chunks: Iterable[list[Document]], spec: PipelineSpec, workers: int, analyse: Any
) -> Iterator[tuple[list[Document], list[Any]]]:
    """(chunk, results) in chunk order; `analyse(chunk, nlp)` runs in a worker and must be
    a module-level function (it is pickled by name)."""
    context = get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_load, initargs=(spec,)
    ) as pool:
        window: deque[tuple[list[Document], Future[list[Any]]]] = deque()
        for chunk in chunks:
            window.append((chunk, pool.submit(_call, analyse, chunk)))
            if len(window) >= 2 * workers:
                done_chunk, future = window.popleft()
                yield done_chunk, future.result()
        while window:
            done_chunk, future = window.popleft()
            yield done_chunk, future.result()


def _load(spec: PipelineSpec) -> None:
    global _worker_nlp
    model, gazetteers, outlets = spec
    _worker_nlp = load_pipeline(model, gazetteers, outlets)


def _call(analyse: Any, chunk: list[Document]) -> list[DocumentAnalysis | Any]:
    assert _worker_nlp is not None, "worker started without its pipeline"
    return list(analyse(chunk, _worker_nlp))
