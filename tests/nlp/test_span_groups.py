"""Our components keep their findings as spaCy span groups, each span carrying its record;
the records' offsets index the text and their spans cover exactly their tokens."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import DocBin

from triangulate.clean import clean_document
from triangulate.ingest import read_inputs
from triangulate.models import Document, EntityMention, RawDocument
from triangulate.nlp import extensions
from triangulate.nlp.pipeline import analyze_documents, load_pipeline
from triangulate.resources.outlets import load_outlets

SAMPLE = Path(extensions.__file__).parents[1] / "data" / "sample"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def test_every_group_of_the_sample_corpus_holds_one_covering_span_per_record(
    nlp: Language,
) -> None:
    lexicon = load_outlets(SAMPLE / "outlets.csv")
    seen = dict.fromkeys(extensions.RECORD_ATTRIBUTE, 0)
    for raw in read_inputs([str(SAMPLE / "corpus")], fetch_links=False):
        assert isinstance(raw, RawDocument)
        text = clean_document(raw, lexicon).text
        doc = nlp(text)
        for group, attribute in extensions.RECORD_ATTRIBUTE.items():
            pairs = list(extensions.located(doc, group))
            assert [record for _, record in pairs] == extensions.records(doc, group)
            for span, record in pairs:
                seen[group] += 1
                assert span._.get(attribute) is record
                touching = doc.char_span(record.start, record.end, alignment_mode="expand")
                assert touching is not None and (span.start, span.end) == (
                    touching.start,
                    touching.end,
                )
                written = getattr(record, "text", None) or getattr(record, "surface", None)
                if written is not None and group != extensions.EVENTS:
                    assert text[record.start : record.end] == written
    assert all(seen.values()), seen


def test_findings_over_the_same_tokens_keep_their_own_records(nlp: Language) -> None:
    doc = nlp.make_doc("Kaldorian units crossed the river.")
    first = EntityMention(0, 9, "Kaldorian", "NORP")
    second = EntityMention(0, 15, "Kaldorian units", "UNIT")
    shared = EntityMention(1, 8, "aldoria", "NORP")  # inside the first token, like `first`
    extensions.write(doc, extensions.MENTIONS, [first, second, shared])
    assert [s._.mention for s in doc.spans[extensions.MENTIONS]] == [first, second, shared]
    assert doc[1:3]._.mention is None  # not a span of the group


def test_a_kept_parse_holds_none_of_our_groups(nlp: Language) -> None:
    text = "Kaldorian units crossed the Dolvar river on Wednesday, the ministry said."
    (analysis,) = analyze_documents([Document(id="d1", path="d1", text=text, raw=text)], nlp)
    assert analysis.parse is not None and analysis.mentions and analysis.timexes
    (doc,) = DocBin().from_bytes(analysis.parse).get_docs(nlp.vocab)
    assert not set(doc.spans) & set(extensions.RECORD_ATTRIBUTE)
