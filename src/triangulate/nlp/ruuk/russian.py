"""Russian mentions: natasha's NER (PER, LOC, ORG) and its normaliser for base forms."""

from __future__ import annotations

from triangulate.nlp.ruuk.backend import natasha


def natasha_spans(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, type, base form) of every name natasha's Russian NER finds."""
    from natasha import Doc

    models = natasha()
    doc = Doc(text)
    doc.segment(models.segmenter)
    doc.tag_morph(models.morph_tagger)
    doc.tag_ner(models.ner_tagger)
    found = []
    for span in doc.spans:
        span.normalize(models.vocab)
        found.append((span.start, span.stop, span.type, span.normal or span.text))
    return found
