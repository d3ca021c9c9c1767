"""A Russian or Ukrainian document's analysis: its sentences and names as the store
keeps them. Quotes, claims, times and events have no ru/uk component yet, so they are
left empty rather than guessed by the English model."""

from __future__ import annotations

import re

from triangulate.models import Document, DocumentAnalysis, EntityMention, Span
from triangulate.nlp.ruuk.backend import sentences
from triangulate.nlp.ruuk.mentions import find_mentions

# BSNLP's types as the store's labels.
STORE_LABELS = {"PER": "PERSON", "LOC": "PLACE", "ORG": "ORG"}
_LINE = re.compile(r"[^\n]+")


def sentence_spans(text: str) -> list[Span]:
    """razdel's sentences, a line break always starting a new one (as in English)."""
    spans = []
    for line in _LINE.finditer(text):
        for piece in sentences(line.group()):
            start = line.start() + piece.start
            end = line.start() + piece.stop
            if text[start:end].strip():
                spans.append(Span(start, end))
    return spans


def analyze_ruuk(document: Document, language: str) -> DocumentAnalysis:
    """Sentences and the PER/LOC/ORG names of `document`, written in `language`."""
    mentions = [
        EntityMention(m.start, m.end, m.text, STORE_LABELS[m.label])
        for m in find_mentions(document.text, language)
        if m.label in STORE_LABELS
    ]
    return DocumentAnalysis(
        doc_id=document.id, sentences=sentence_spans(document.text), mentions=mentions
    )
