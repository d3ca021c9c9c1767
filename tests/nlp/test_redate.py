"""An inferred date re-runs only our components on the kept parse, with the same result
as analysing the dated document from scratch."""

from __future__ import annotations

from dataclasses import replace

import pytest

from triangulate.errors import StoreError
from triangulate.models import Document
from triangulate.nlp.pipeline import analyze_documents, load_pipeline, redate_documents

TEXT = (
    "Velinsk says far less\n\n"
    "Kaldorian units crossed the Dolvar river on Wednesday, the defence ministry said. "
    "\u201cWe hold 400 square kilometres,\u201d General Petar Vuk told reporters on Thursday."
)


def test_redating_a_kept_parse_equals_a_fresh_analysis() -> None:
    nlp = load_pipeline()
    undated = Document(id="d1", path="d1.txt", text=TEXT, raw=TEXT)
    (first,) = analyze_documents([undated], nlp)
    assert first.parse is not None
    assert any(not t.anchored for t in first.timexes)

    dated = replace(undated, published_inferred="2031-03-07")
    (redated,) = redate_documents([dated], {"d1": first.parse}, nlp)
    (kept,) = redate_documents([dated], {"d1": first.parse}, nlp, {"d1": first.mentions})
    (fresh,) = analyze_documents([dated], nlp)
    assert fresh.parse is None  # a dated document keeps no parse
    assert replace(redated, parse=None) == fresh == replace(kept, parse=None)
    assert {t.value for t in redated.timexes} >= {"2031-03-05", "2031-03-06"}


def test_a_parse_of_another_text_is_refused() -> None:
    nlp = load_pipeline()
    undated = Document(id="d1", path="d1.txt", text=TEXT, raw=TEXT)
    (first,) = analyze_documents([undated], nlp)
    other = replace(undated, text=TEXT + " More.", published_inferred="2031-03-07")
    assert first.parse is not None
    with pytest.raises(StoreError, match="analyze --force"):
        list(redate_documents([other], {"d1": first.parse}, nlp))
