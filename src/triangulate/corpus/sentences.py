"""Sentence spans for cross-document work: spaCy's, as the store keeps them.

The NLP step stores each document's sentences (`DocumentAnalysis.sentences`, the
`sentences` export table: `start, end` into `documents.text`, spaCy's boundaries with
every line break among them). Framing, story titles and the report's citations take
their sentences from there (and `surface_keys`, where it is given them); nothing in
`corpus/` splits text into sentences by itself.

A document row carries its spans under ``"sentences"`` (`with_sentences`), a
`StoryDoc` in its ``sentences`` field. A text with no stored sentences (its analysis
failed and is recorded in `analysis_errors`, it was never analysed, or it is a
hand-made row) has no sentence boundaries to go by: each of its non-blank lines
counts as one unit (`sentence_spans`), which in a clean text is a paragraph, a
heading or a dateline. That is what spaCy's sentences always respect too, only
coarser; no guess is made at sentence ends inside a line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from triangulate.models import Row

SentenceSpan = tuple[int, int]


def spans_by_document(rows: Iterable[Row]) -> dict[str, list[SentenceSpan]]:
    """Each document's sentence spans, in order, from rows of the `sentences` export table."""
    found: dict[str, list[tuple[int, int, int]]] = {}
    for row in rows:
        found.setdefault(row["doc_id"], []).append((row["position"], row["start"], row["end"]))
    return {doc_id: [(s, e) for _, s, e in sorted(spans)] for doc_id, spans in found.items()}


def with_sentences(documents: Iterable[Row], sentence_rows: Iterable[Row]) -> list[Row]:
    """Copies of the document rows, each with its stored sentence spans under "sentences"
    (None for a document with none stored)."""
    spans = spans_by_document(sentence_rows)
    return [{**d, "sentences": spans.get(d["id"])} for d in documents]


def sentence_spans(text: str, sentences: Iterable[Sequence[int]] | None) -> list[SentenceSpan]:
    """The sentences of `text` as (start, end), in order: the stored ones; without any,
    each non-blank line, trimmed, as one unit (see the module docstring)."""
    spans = sorted((int(s[0]), int(s[1])) for s in sentences or ())
    return spans or line_spans(text)


def line_spans(text: str) -> list[SentenceSpan]:
    """(start, end) of each non-blank line of `text`, surrounding whitespace left out."""
    spans: list[SentenceSpan] = []
    start = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = start + len(line) - len(line.lstrip())
            spans.append((lead, lead + len(stripped)))
        start += len(line) + 1
    return spans


def sentence_of(spans: Sequence[SentenceSpan], start: int, end: int) -> SentenceSpan | None:
    """The span holding [start, end) whole, if one does."""
    return next(((s, e) for s, e in spans if s <= start and end <= e), None)
