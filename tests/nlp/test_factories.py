"""The factories declare what they need and set, so spaCy checks the component order."""

from __future__ import annotations

import spacy

from triangulate.nlp.factories import ENTITIES, PIPELINE, QUOTES, TIME
from triangulate.nlp.pipeline import DEFAULT_MODEL, load_pipeline


def test_the_full_pipeline_has_no_order_problem() -> None:
    nlp = load_pipeline()
    assert tuple(name for name in nlp.pipe_names if name in PIPELINE) == PIPELINE
    assert nlp.pipe_names[-len(PIPELINE) :] == list(PIPELINE)
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    assert all(not found for found in problems.values()), problems


def test_a_component_before_what_it_needs_is_reported() -> None:
    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe(QUOTES)  # needs the mentions, which nothing has set yet
    nlp.add_pipe(ENTITIES)
    nlp.add_pipe(TIME)
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    assert problems[QUOTES] == ["span._.mention"]
    assert problems[ENTITIES] == [] and problems[TIME] == []
