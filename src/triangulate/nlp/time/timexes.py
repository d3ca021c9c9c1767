"""Temporal expressions of a document, normalised to TimeML values, and the spaCy component.

`find_time_expressions` runs the detection rules (`time_patterns`) over the
text of a parsed Doc and resolves each match against the publication date
(`time_values`, `time_relative`, `time_extent`). It reads only what the
pipeline already computed (tags, parse, entities); it never parses again and
never looks at today's date: without a reference, relative values stay
relative and are marked unanchored.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from triangulate.models import TimeExpression
from triangulate.nlp import extensions
from triangulate.nlp.time.calendar import OutsideCalendar, parse_reference
from triangulate.nlp.time.context import OUTSIDE_CALENDAR, Context, Focus, Resolved
from triangulate.nlp.time.detect import Candidate, detect
from triangulate.nlp.time.extent import EXTENT_NORMALISERS
from triangulate.nlp.time.patterns import CLOCK_RULES
from triangulate.nlp.time.relative import RELATIVE_NORMALISERS
from triangulate.nlp.time.tense import Tense, governing_tense
from triangulate.nlp.time.values import CALENDAR_NORMALISERS

NORMALISERS = {**CALENDAR_NORMALISERS, **RELATIVE_NORMALISERS, **EXTENT_NORMALISERS}
# Between a clock time and the day it belongs to in one expression: "10 p.m. Wednesday".
JOINER = re.compile(r",?\s+")


@dataclass
class _Found:
    """A span, the rule and value found for it, and the calendar day it stands for (if one)."""

    start: int
    end: int
    rule: str
    resolved: Resolved
    day: date | None


def find_time_expressions(doc: Doc, reference: str | None) -> list[TimeExpression]:
    """Every temporal expression in `doc`, with offsets into `doc.text`, in text order.

    `reference` is the publication date (YYYY-MM-DD; a longer ISO timestamp is
    cut to its day) or None.
    """
    ref = parse_reference(reference)
    sentence_starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    focus = Focus()
    found: list[_Found] = []
    clocks: list[Candidate] = []
    for candidate in detect(doc):
        if candidate.rule in CLOCK_RULES:
            clocks.append(candidate)
            continue
        ctx = Context(ref, _tense_reader(doc, candidate), focus)
        resolved = _normalise(candidate, ctx)
        if resolved is not None:
            found.append(_Found(candidate.start, candidate.end, candidate.rule, resolved, ctx.day))
            if ctx.day is not None:
                focus.note(ctx.day, resolved.granularity)
    for candidate in clocks:
        sentence = bisect.bisect_right(sentence_starts, candidate.start)
        same = [
            f
            for f in found
            if f.day
            and f.resolved.granularity == "day"
            and bisect.bisect_right(sentence_starts, f.start) == sentence
        ]
        nearest = min(same, key=lambda f: abs(f.start - candidate.start), default=None)
        ctx = Context(ref, _tense_reader(doc, candidate), focus, nearest.day if nearest else None)
        resolved = _normalise(candidate, ctx)
        if resolved is not None:
            found.append(_Found(candidate.start, candidate.end, candidate.rule, resolved, ctx.day))
    text = extensions.text(doc)
    return [_expression(text, f) for f in _join_clock_and_day(text, found)]


def _normalise(candidate: Candidate, ctx: Context) -> Resolved | None:
    """The candidate's value; a date outside the calendar keeps the expression, unresolved."""
    try:
        return NORMALISERS[candidate.rule](candidate.match, ctx)
    except OutsideCalendar:
        ctx.day = None
        return Resolved("DATE", "XXXX", "year", False, OUTSIDE_CALENDAR)


def _tense_reader(doc: Doc, candidate: Candidate) -> Callable[[], Tense]:
    """The tense of the candidate's clause, read only if a normaliser asks for it."""

    def read() -> Tense:
        if not doc.has_annotation("DEP"):
            return Tense.UNKNOWN
        span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
        return Tense.UNKNOWN if span is None else governing_tense(span)

    return read


def _join_clock_and_day(text: str, found: list[_Found]) -> list[_Found]:
    """ "10 p.m. Wednesday", "Wednesday, 4:30 a.m.": one TIME spanning the clock and its day."""
    found.sort(key=lambda f: f.start)
    joined: list[_Found] = []
    for item in found:
        if joined and JOINER.fullmatch(text[joined[-1].end : item.start]):
            last = joined[-1]
            clock = next((f for f in (last, item) if f.rule in CLOCK_RULES), None)
            day = next((f for f in (last, item) if f.rule not in CLOCK_RULES), None)
            if clock and day and day.resolved.type == "DATE" and day.resolved.granularity == "day":
                clock.start, clock.end = last.start, item.end
                clock.rule = f"{clock.rule}+{day.rule}"
                joined[-1] = clock
                continue
        joined.append(item)
    return joined


def _expression(text: str, f: _Found) -> TimeExpression:
    r = f.resolved
    return TimeExpression(
        start=f.start,
        end=f.end,
        text=text[f.start : f.end],
        type=r.type,
        value=r.value,
        granularity=r.granularity,
        anchored=r.anchored,
        rule=f"{f.rule}: {r.rule}",
    )


class TimeTagger:
    """spaCy component: `doc.spans["timexes"]` (records in `span._.timex`) from
    `doc._.reference_date`, after the parser and NER."""

    def __call__(self, doc: Doc) -> Doc:
        extensions.write(doc, extensions.TIMEXES, find_time_expressions(doc, doc._.reference_date))
        return doc
