"""Where our components keep what they find: span groups of `doc.spans`, one per kind.

Each component writes its findings as a span group (`doc.spans["mentions"]`,
`"timexes"`, `"quotes"`, `"claims"`, `"events"`): spaCy `Span`s over the tokens
the finding covers, labelled with its kind, and each carrying its `models`
record as a Span attribute (`span._.mention`, `span._.timex`, `span._.quote`,
`span._.claim`, `span._.event`). Later components read the spans (tokens,
parse) and their records (the exact character offsets, which need not fall on
token boundaries); `pipeline` turns the groups into a `DocumentAnalysis` at the
end. `doc._.reference_date` is the one input, set by the caller.

The records are held in `doc.user_data` and indexed by `Span.id`, not stored
under each span's offsets as plain Span attributes would be: two findings may
cover the same tokens (two events of one clause) and must not overwrite each
other. A span that is not one of the group's gives `None`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from spacy.tokens import Doc, Span

REFERENCE_DATE = "reference_date"
MENTIONS, TIMEXES, QUOTES, CLAIMS, EVENTS = "mentions", "timexes", "quotes", "claims", "events"
# Each span group and the Span attribute that holds a span's record.
RECORD_ATTRIBUTE = {
    MENTIONS: "mention",
    TIMEXES: "timex",
    QUOTES: "quote",
    CLAIMS: "claim",
    EVENTS: "event",
}
# The record field a span is labelled with (what displaCy's span view shows).
_LABEL_FIELD = {MENTIONS: "label", TIMEXES: "type", QUOTES: "kind", CLAIMS: "unit", EVENTS: "type"}


class Located(Protocol):
    """A record with character offsets into the document's text."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@dataclass(frozen=True)
class _Entry:
    start: int  # token bounds of the span made for the record
    end: int
    record: Any


_TEXT = "triangulate.text"


def _key(group: str) -> str:
    return f"triangulate.{group}"


def _record_getter(group: str) -> Any:
    def get(span: Span) -> Any:
        entries: list[_Entry] = span.doc.user_data.get(_key(group), [])
        if 0 <= span.id < len(entries):
            entry = entries[span.id]
            if (entry.start, entry.end) == (span.start, span.end):
                return entry.record
        return None

    return get


def register() -> None:
    """Register every attribute (idempotent: safe on re-import and in worker processes)."""
    if not Doc.has_extension(REFERENCE_DATE):
        Doc.set_extension(REFERENCE_DATE, default=None)
    for group, attribute in RECORD_ATTRIBUTE.items():
        if not Span.has_extension(attribute):
            Span.set_extension(attribute, getter=_record_getter(group))


def text(doc: Doc) -> str:
    """`doc.text`, read once: spaCy joins it from the tokens again on every read, which
    on a long report costs more than most of a component's own work. (A doc's text
    never changes: retokenizing keeps it.)"""
    cached: str | None = doc.user_data.get(_TEXT)
    if cached is None:
        cached = doc.user_data[_TEXT] = doc.text
    return cached


def span_attribute(group: str) -> str:
    """`span._.<attribute>` as spaCy's `assigns`/`requires` spell it."""
    return f"span._.{RECORD_ATTRIBUTE[group]}"


def covering(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token bounds of the tokens touching chars [start, end); the token at `start` (or
    the last one) when the range holds only whitespace."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span):
        return span.start, span.end
    first = next((t.i for t in doc if t.idx + len(t) > start), len(doc) - 1)
    return max(first, 0), max(first, 0) + 1


def write(doc: Doc, group: str, records: Sequence[Located]) -> None:
    """Set `doc.spans[group]` to one span per record, in the records' order."""
    entries, spans = [], []
    label_field = _LABEL_FIELD[group]
    for n, record in enumerate(records):
        start, end = covering(doc, record.start, record.end) if len(doc) else (0, 0)
        entries.append(_Entry(start, end, record))
        spans.append(Span(doc, start, end, label=str(getattr(record, label_field)), span_id=n))
    doc.user_data[_key(group)] = entries
    doc.spans[group] = spans


def records(doc: Doc, group: str) -> list[Any]:
    """The records of `doc.spans[group]`, in order (empty before its component ran)."""
    return [entry.record for entry in doc.user_data.get(_key(group), [])]


def located(doc: Doc, group: str) -> Iterator[tuple[Span, Any]]:
    """Each span of the group with its record."""
    attribute = RECORD_ATTRIBUTE[group]
    for span in doc.spans.get(group, ()):
        yield span, span._.get(attribute)


def token_index(doc: Doc, group: str) -> dict[int, Any]:
    """The record each token belongs to (the first one, where records overlap)."""
    by_token: dict[int, Any] = {}
    for span, record in located(doc, group):
        for i in range(span.start, span.end):
            by_token.setdefault(i, record)
    return by_token


@contextmanager
def detached(doc: Doc) -> Iterator[Doc]:
    """The doc without our span groups for the time of the block (to serialise the
    model's parse alone: re-dating writes the groups again), then with them back."""
    kept = {group: doc.spans[group] for group in RECORD_ATTRIBUTE if group in doc.spans}
    for group in kept:
        del doc.spans[group]
    try:
        yield doc
    finally:
        for group, spans in kept.items():
            doc.spans[group] = spans


register()
