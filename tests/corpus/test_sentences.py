"""Sentence spans for corpus work: the stored ones, else one unit per line."""

from __future__ import annotations

from triangulate.corpus.sentences import (
    line_spans,
    sentence_of,
    sentence_spans,
    spans_by_document,
    with_sentences,
)


def test_stored_sentences_by_document_in_order() -> None:
    rows = [
        {"doc_id": "b", "position": 1, "start": 9, "end": 20, "text": "..."},
        {"doc_id": "a", "position": 0, "start": 0, "end": 5, "text": "..."},
        {"doc_id": "b", "position": 0, "start": 0, "end": 9, "text": "..."},
    ]
    assert spans_by_document(rows) == {"a": [(0, 5)], "b": [(0, 9), (9, 20)]}
    docs = with_sentences([{"id": "b", "text": "x"}, {"id": "c", "text": "y"}], rows)
    assert [d["sentences"] for d in docs] == [[(0, 9), (9, 20)], None]


def test_without_stored_sentences_each_line_is_one_unit() -> None:
    text = "  KYIV, May 2 \n\nShelling went on. Gen. Petrenko said so.\n"
    assert line_spans(text) == [(2, 13), (16, 56)]
    assert sentence_spans(text, None) == sentence_spans(text, []) == line_spans(text)
    assert sentence_spans(text, [[16, 34], [34, 56], [0, 16]]) == [(0, 16), (16, 34), (34, 56)]
    assert sentence_of([(0, 16), (16, 34)], 20, 30) == (16, 34)
    assert sentence_of([(0, 16), (16, 34)], 10, 20) is None  # across two sentences
