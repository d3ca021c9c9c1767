"""Property-based tests: invariants of the cleaner and of document ids on any text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from triangulate.clean.boilerplate import classify_paragraphs
from triangulate.clean.document import _assemble
from triangulate.clean.identity import document_id
from triangulate.clean.normalize import fold_for_matching, normalise_text
from triangulate.clean.paragraphs import split_paragraphs

texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=400
)
paragraph_lists = st.lists(
    st.text(alphabet=st.characters(whitelist_categories=("L", "N", "P", "Zs")), min_size=1),
    max_size=12,
)


@given(texts)
def test_normalisation_is_idempotent(raw: str) -> None:
    once = normalise_text(raw)
    assert normalise_text(once) == once


@given(texts)
def test_normalised_text_has_no_odd_spaces(raw: str) -> None:
    text = normalise_text(raw)
    assert "\u00a0" not in text and "\r" not in text and "  " not in text


@given(texts)
def test_paragraphs_keep_every_word(raw: str) -> None:
    text = normalise_text(raw)
    assert " ".join(split_paragraphs(text)).split() == text.split()


@settings(max_examples=60)
@given(paragraph_lists)
def test_classification_keeps_order_and_heading_offsets_are_exact(paragraphs: list[str]) -> None:
    paragraphs = [p for p in (normalise_text(p) for p in paragraphs) if p]
    blocks = classify_paragraphs(paragraphs)
    assert [b.text for b in blocks] == paragraphs
    text, headings = _assemble(blocks)
    heading_texts = [b.text for b in blocks if b.kind == "heading"]
    assert [text[s.start : s.end] for s in headings] == heading_texts


@given(texts, st.sampled_from(["\u00a0", "  ", "\n", " \t "]))
def test_id_is_blind_to_spacing_and_case(raw: str, space: str) -> None:
    # Upper case only where case folding gives the letter back: "ı".upper() is "I",
    # which folds to "i", another letter.
    upper = "".join(c.upper() if c.upper().casefold() == c.casefold() else c for c in raw)
    variant = upper.replace(" ", space)
    assert document_id(raw.lower()) == document_id(variant.lower())


@given(texts, texts)
def test_id_is_stable_and_separates_texts_that_read_differently(a: str, b: str) -> None:
    assert document_id(a) == document_id(a)
    if fold_for_matching(a) != fold_for_matching(b):
        assert document_id(a) != document_id(b)
