"""Hostile text through the whole loaded pipeline: no component may raise, whatever the
numbers ("5-6000 years", "10 million years ago", huge, negative, zero, in words)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from triangulate.nlp.extensions import CLAIMS, EVENTS, MENTIONS, QUOTES, TIMEXES, records
from triangulate.nlp.pipeline import load_pipeline

# Publication dates at both ends of the calendar and in the middle.
REFERENCES = [None, "0001-01-01", "0001-03-02", "2026-01-05", "9999-12-31", "9999-06-30"]
OUT_OF_RANGE = [
    "The tribe lived here for 5-6000 years, a reader wrote.",
    "Fossils show the valley flooded 10 million years ago.",
    "Settlers arrived 10,000 years ago, the museum says.",
    "It will be gone 9999 years from now.",
    "Ten thousand years ago the first people came.",
    "The site was abandoned 7999 years earlier.",
    "Aid will arrive 999999999 days from now.",
    "On December 31 the talks ended, and a day later they resumed.",
    "On January 1 the talks began; the day before, shelling stopped.",
    "Next week, next month, next year and next century, the talks go on.",
    "Last week, last month, last year and last century, it was quiet.",
    "On Monday, in May, this spring and in the third quarter the army moved.",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def _run(nlp: Language, text: str, reference: str | None) -> None:
    doc = nlp.make_doc(text)
    doc._.reference_date = reference
    doc = nlp(doc)
    for record in (
        *records(doc, TIMEXES),
        *records(doc, CLAIMS),
        *records(doc, QUOTES),
        *records(doc, EVENTS),
    ):
        assert 0 <= record.start <= record.end <= len(text)
    for mention in records(doc, MENTIONS):
        assert 0 <= mention.start <= mention.end <= len(text)


@pytest.mark.parametrize("reference", REFERENCES)
def test_dates_outside_the_calendar_stay_unresolved_with_the_expression_kept(
    nlp: Language, reference: str | None
) -> None:
    for text in OUT_OF_RANGE:
        _run(nlp, text, reference)
    doc = nlp.make_doc("Settlers arrived 10,000 years ago, the museum says.")
    doc._.reference_date = "2026-01-05"
    (timex,) = records(nlp(doc), TIMEXES)
    assert timex.text == "10,000 years ago"
    assert "X" in timex.value and not timex.anchored
    assert "outside years 1-9999" in timex.rule


NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.integers(min_value=0, max_value=10**9).map(lambda n: f"{n:,}"),
    st.sampled_from(["0", "-0", "00", "-1", "1e308", "0.0", "5-6000", "10 million", "ten thousand",
                     "a million", "nine hundred ninety-nine thousand", "twenty-four", "zero",
                     "minus five", "1,000,000,000,000", "½", "3.5", ".5", "1/2", "9" * 40]),
)  # fmt: skip
WORDS = st.sampled_from([
    "years", "years ago", "days ago", "weeks later", "months earlier", "centuries ago",
    "from now", "BC", "AD", "in", "the year", "century", "decade", "per cent", "%", "people",
    "killed", "wounded", "$", "dollars", "tons", "km", "said", "told", "\"", "'", "according to",
    "at least", "more than", "up to", "between", "and", "on Monday", "last week", "May",
    "the third quarter", "spring", "Reuters", "Velgrad", "the army", ".", ",", "\n\n", "-", "–",
    "12000 BC", "fiscal", "a.m.", "p.m.", "10:30", "31", "February 29", "Q4",
])  # fmt: skip
PIECES = st.one_of(NUMBERS, WORDS, st.text(max_size=12))


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pieces=st.lists(PIECES, max_size=30), reference=st.sampled_from(REFERENCES))
def test_no_component_raises_on_generated_text(
    nlp: Language, pieces: list[str], reference: str | None
) -> None:
    _run(nlp, " ".join(pieces), reference)
