"""Dated events: a trigger word from the taxonomy paired with the time expression that dates it.

An event is only recorded when an explicit date governs its clause: the time
expression is followed up the dependency parse to the first clause head (or
event noun) above it, and that head must be a trigger (docs/events.md). A date
that reaches a clause naming no event ("a message posted on Wednesday") or that
bounds a period ("since February") dates nothing. A news dateline
("MOSCOW, July 17.") dates the lead clause when that clause has no date of its
own. The same event told twice in a document (lead and body) is kept once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from triangulate.models import Event, Quote, TimeExpression
from triangulate.nlp import extensions
from triangulate.nlp.events.acled import (
    STATE_FORCES,
    VIOLENT_EVENTS,
    actor_side,
    event_type,
    sub_type,
)
from triangulate.nlp.events.args import (
    MentionIndex,
    actors,
    clause_head,
    fatality_claims,
    location,
    paragraph_bounds,
    subject_tokens,
    summary,
    target,
)
from triangulate.nlp.events.taxonomy import (
    PERIOD_BOUNDS,
    event_object,
    is_aspectual,
    noun_type,
    verb_type,
)

#: A calendar value (anchored or not): `2024-08-14`, `2024-05`, `2022`, `XXXX-WXX-3`.
CALENDAR_VALUE = re.compile(r"^(?:\d{4}|XXXX)(?:-|T|$)")
DATELINE_END = frozenset([".", "(", "-", "–", "—", "/", ":", "|"])
DATELINE_DASHES = frozenset(["-", "–", "—", ":", "|"])
DATELINE_REACH = 1000  # characters from the start of the text where a dateline may stand
PAST_TAGS = frozenset(["VBD", "VBN"])
MODALS = frozenset(["will", "would", "shall", "should", "may", "might", "could", "must", "can"])


@dataclass
class _Dated:
    """A trigger and the time expression that dates it, before arguments are read."""

    type: str
    trigger: Token
    timex: TimeExpression | None  # None: an undated happening (see `_undated`)
    date: Span | None
    via: Token | None = None
    sentence: tuple[int, int] | None = None  # set when a dateline joins the lead sentence


def _calendar_dates(doc: Doc) -> list[tuple[Span, TimeExpression]]:
    """Time expressions that can date an event: points in the calendar, not durations or sets."""
    return [
        (span, t)
        for span, t in extensions.located(doc, extensions.TIMEXES)
        if t.type in ("DATE", "TIME") and CALENDAR_VALUE.match(t.value)
    ]


def _aspect_event(verb: Token) -> Token | None:
    """The event noun an aspectual verb ("starting", "takes effect") says the start of."""
    nouns = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "acl":
        nouns.append(verb.head)
    elif verb.dep_ in ("advcl", "xcomp", "conj"):
        head_object = event_object(verb.head)
        nouns += [head_object] if head_object is not None else []
    return next((n for n in nouns if noun_type(n)), None)


def _dated_trigger(date: Span) -> tuple[str, Token, Token | None] | None:
    """The trigger a date governs: the first clause head or event noun above it.

    Returns (type, trigger, aspectual verb or None), or None when the date
    dates a clause that names no event or bounds a period.
    """
    node = date.root
    while node.head.i != node.i:
        node = node.head
        if date.start <= node.i < date.end:
            continue
        if node.lower_ in PERIOD_BOUNDS:
            return None
        if node.pos_ in ("VERB", "AUX"):
            if is_aspectual(node):
                noun = _aspect_event(node)
                return (noun_type(noun) or "", noun, node) if noun is not None else None
            typed = verb_type(node)
            return (typed[0], typed[1], None) if typed else None
        kind = noun_type(node)
        if kind:
            return kind, node, None
    return None


def _is_dateline(date: Span) -> bool:
    """A place-and-date line opening a report ("MOSCOW, July 17.", "HARSK, March 3 (Wire) -")."""
    if date.start_char > DATELINE_REACH:
        return False
    sentence = date.sent
    before = [t for t in sentence[: date.start - sentence.start] if not t.is_space]
    if not before or not any(t.pos_ == "PROPN" for t in before):
        return False
    if any(not (t.pos_ == "PROPN" or t.is_punct) for t in before):
        return False
    return date.end >= len(date.doc) or date.doc[date.end].text in DATELINE_END


def _dateline_end(date: Span) -> int:
    """Where the text after a dateline starts: past "(Agency) -" or "/TASS/."."""
    doc = date.doc
    for token in doc[date.end : min(date.end + 8, date.sent.end)]:
        if token.text in DATELINE_DASHES:
            return token.idx + len(token.text)
    return date.end_char


def _lead(date: Span) -> tuple[Span, int]:
    """The lead sentence a dateline dates, and where the dateline's sentence starts."""
    sentence = date.sent
    verbless = not any(t.pos_ in ("VERB", "AUX") for t in sentence)
    if verbless and sentence.end < len(date.doc):
        return date.doc[sentence.end].sent, sentence.start_char
    return sentence, sentence.start_char


def _pair(doc: Doc, clips: dict[int, int]) -> list[_Dated]:
    """Each trigger with its nearest governing date; datelines for undated leads.

    `clips` receives, for each sentence opening with a dateline, where its text starts.
    """
    found: dict[int, tuple[int, _Dated]] = {}
    datelines: list[tuple[TimeExpression, Span]] = []
    for date, timex in _calendar_dates(doc):
        if _is_dateline(date):
            datelines.append((timex, date))
            clips[date.sent.start_char] = _dateline_end(date)
            continue
        paired = _dated_trigger(date)
        if paired is None or not paired[0]:
            continue
        kind, trigger, via = paired
        distance = min(abs(trigger.i - date.start), abs(trigger.i - (date.end - 1)))
        if trigger.i not in found or distance < found[trigger.i][0]:
            found[trigger.i] = (distance, _Dated(kind, trigger, timex, date, via))
    for timex, date in datelines:
        lead, sentence_start = _lead(date)
        if any(lead.start <= i < lead.end for i in found):
            continue
        typed = verb_type(lead.root)
        if typed and typed[0]:
            sentence = (sentence_start, _trimmed_end(lead))
            found[typed[1].i] = (0, _Dated(typed[0], typed[1], timex, date, None, sentence))
    return [found[i][1] for i in sorted(found)]


def _undated(doc: Doc, dated: Sequence[_Dated]) -> list[_Dated]:
    """Happenings a sentence reports in the past without a date of its own.

    Only a main clause whose verb is a trigger of a physical event type (not a
    statement) in the simple past or present perfect, without a modal ("Belgorod declared an
    emergency"); their date is unknown (None). They are not timeline entries of
    their own: the timeline adds their source to the dated entry of the same
    happening from another report, which is how a report that gives no date
    still corroborates one that does.
    """
    busy = {d.trigger.sent.start for d in dated}
    found = []
    for sentence in doc.sents:
        root = sentence.root
        if sentence.start in busy or root.tag_ not in PAST_TAGS:
            continue
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS for c in root.children):
            continue  # "will be banned": not (yet) a happening
        typed = verb_type(root)
        if typed and typed[0] and typed[0] != "statement":
            found.append(_Dated(typed[0], typed[1], None, None))
    return found


def _trimmed_end(sentence: Span) -> int:
    """The end of a sentence without its trailing whitespace."""
    tokens = [t for t in sentence if not t.is_space]
    last = tokens[-1] if tokens else sentence[-1]
    return last.idx + len(last.text)


def _actor_key(name: str) -> str:
    """The last word of a name, lower-cased: "Vladimir Putin" and "Putin" agree."""
    words = name.lower().split()
    return words[-1] if words else ""


def _event(
    doc: Doc,
    dated: _Dated,
    index: MentionIndex,
    quotes: Sequence[Quote],
    clip: int,
) -> Event:
    """The event record of a dated trigger; `clip` is where text after a dateline starts."""
    trigger = dated.trigger
    text = extensions.text(doc)
    head = clause_head(trigger)
    bounds = paragraph_bounds(text, head, trigger)
    sentence = trigger.sent
    sentence_span = dated.sentence or (sentence.start_char, _trimmed_end(sentence))
    bounds = (max(bounds[0], sentence_span[0], clip), min(bounds[1], sentence_span[1]))
    who = [a for a in actors(head, trigger, index, quotes) if a[1] >= clip]
    place = location(head, trigger, index, bounds, dated.type == "statement")
    side = actor_side(subject_tokens(head, trigger)) or _country_side(index, who)
    code = sub_type(dated.type, list(sentence), side)
    kinds = event_type(dated.type, code)
    other, other_side, other_span = target(trigger, index)
    dead = fatality_claims(doc, sentence_span) if kinds[0] in VIOLENT_EVENTS else []
    lowest = min(dead, key=lambda c: c.value_low or 0.0, default=None)
    timex = dated.timex
    return Event(
        id="",
        type=dated.type,
        start=bounds[0],
        end=bounds[1],
        summary=summary(head, trigger, dated.date, bounds, dated.via),
        sentence_start=sentence_span[0],
        sentence_end=sentence_span[1],
        trigger=trigger.text,
        trigger_start=trigger.idx,
        trigger_end=trigger.idx + len(trigger.text),
        date=timex.value if timex else None,
        granularity=timex.granularity if timex else None,
        anchored=timex.anchored if timex else False,
        date_start=timex.start if timex else None,
        date_end=timex.end if timex else None,
        actors=tuple(a[0] for a in who),
        actor_spans=tuple((a[1], a[2]) for a in who),
        location=place.text if place else None,
        location_start=place.start if place else None,
        location_end=place.end if place else None,
        event_type=kinds[0],
        sub_event_type=kinds[1],
        actor1=who[0][0] if who else (side.capitalize() if side else None),
        actor1_side=side,
        actor2=other,
        actor2_side=other_side,
        actor2_start=other_span[0] if other_span else None,
        actor2_end=other_span[1] if other_span else None,
        fatalities=int(lowest.value_low) if lowest and lowest.value_low is not None else None,
        fatalities_claimant=lowest.claimant if lowest else None,
        fatality_claim_ids=tuple(c.id for c in dead),
    )


def _country_side(index: MentionIndex, who: Sequence[tuple[str, int, int]]) -> str | None:
    """A country acting ("Ukraine struck ...") is its state's forces."""
    for _, start, _ in who[:1]:
        mention = next((m for m in index.by_token.values() if m.start == start), None)
        if mention is not None and mention.label == "PLACE" and mention.place_kind == "country":
            return STATE_FORCES
    return None


def _is_retold(event: Event, kept: Sequence[Event]) -> bool:
    """Whether an earlier event has the same type, date and an actor in common."""
    names = {_actor_key(a) for a in event.actors}
    return bool(names) and any(
        k.type == event.type and k.date == event.date and names & {_actor_key(a) for a in k.actors}
        for k in kept
    )


def find_events(doc: Doc) -> list[Event]:
    """The events of a parsed document with its mentions, time expressions and quotes:
    dated ones, and undated happenings reported in the past (date None)."""
    index = MentionIndex.build(doc)
    quotes: list[Quote] = extensions.records(doc, extensions.QUOTES)
    kept: list[Event] = []
    clips: dict[int, int] = {}
    paired = _pair(doc, clips)
    for dated in paired + _undated(doc, paired):
        clip = clips.get(dated.trigger.sent.start_char, 0)
        event = _event(doc, dated, index, quotes, clip if clip <= dated.trigger.idx else 0)
        if not _is_retold(event, kept):
            kept.append(event)
    ordered = sorted(kept, key=lambda e: (e.start, e.trigger_start or 0))
    return [replace(event, id=f"e{n}") for n, event in enumerate(ordered)]


def events_component(doc: Doc) -> Doc:
    """spaCy component: `doc.spans["events"]` (records in `span._.event`), after the entity,
    time, quote and claim components."""
    extensions.write(doc, extensions.EVENTS, find_events(doc))
    return doc
