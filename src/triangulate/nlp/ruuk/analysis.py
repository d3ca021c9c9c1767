"""A Russian or Ukrainian document's analysis: its sentences, names, time expressions,
quotes and figures as the store keeps them. Events have no ru/uk component yet, so they
are left empty rather than guessed by the English model."""

from __future__ import annotations

import re

from triangulate.models import Document, DocumentAnalysis, EntityMention, Span
from triangulate.nlp.ruuk.attribution import find_quotes
from triangulate.nlp.ruuk.backend import sentences
from triangulate.nlp.ruuk.dates import find_timexes
from triangulate.nlp.ruuk.mentions import find_mentions
from triangulate.nlp.ruuk.quantities import find_claims

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
    """Everything but events of `document`, written in `language`, its time expressions
    resolved against the document's date."""
    text = document.text
    spans = sentence_spans(text)
    mentions = [
        EntityMention(m.start, m.end, m.text, STORE_LABELS[m.label])
        for m in find_mentions(text, language)
        if m.label in STORE_LABELS
    ]
    timexes = find_timexes(text, language, spans, document.date)
    quotes = find_quotes(text, language, spans, mentions)
    return DocumentAnalysis(
        doc_id=document.id,
        sentences=spans,
        mentions=mentions,
        timexes=timexes,
        quotes=quotes,
        claims=find_claims(text, language, spans, mentions, timexes, quotes),
    )
