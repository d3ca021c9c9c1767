"""Plain, serialisable records passed between layers.

Readers produce `RawDocument`s; cleaning turns each into a `Document` whose
`text` is the coordinate system for every later offset.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ContentType = Literal["text", "html"]
# A row of an export table (the public contract): column name -> value, JSON decoded.
Row = dict[str, Any]

# The near-duplicate signature scheme. Stored signatures and their LSH bands
# (`document_bands`) are only comparable under the scheme that made them, so these
# never change without a migration: 128 permutations banded 18 x 7 (datasketch's
# MinHashLSH optimum for a Jaccard threshold of 0.6).
MINHASH_PERMUTATIONS = 128
LSH_BANDS, LSH_ROWS = 18, 7


@dataclass(frozen=True)
class Evidence:
    """Why a metadata field has its value: the rule and the span or field it came from."""

    rule: str
    surface: str = ""
    confidence: float = 0.0


@dataclass
class RawDocument:
    """One article as a reader found it, before any cleaning.

    `path` is what the user gave (file path, ``file.jsonl#3``, URL or ``-``);
    the other fields carry whatever the container itself stated (feed or JSON
    fields, WARC target URI), which cleaning weighs against the text.
    """

    path: str
    raw: str
    content_type: ContentType = "text"
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    def warn(self, message: str) -> None:
        """Note something the reader had to repair; the ingest summary shows ``warnings``."""
        self.metadata["warnings"] = [*self.metadata.get("warnings", []), message]


@dataclass(frozen=True)
class Span:
    """A half-open character range into `Document.text`."""

    start: int
    end: int


@dataclass
class Document:
    """A cleaned article with its metadata and the evidence for each field."""

    id: str
    path: str
    text: str
    raw: str
    content_type: ContentType = "text"
    url: str | None = None
    title: str | None = None
    title_evidence: Evidence | None = None
    byline: str | None = None
    dateline: str | None = None
    source: str | None = None
    source_evidence: Evidence | None = None
    published: str | None = None
    published_evidence: Evidence | None = None
    published_inferred: str | None = None
    language: str | None = None
    headings: list[Span] = field(default_factory=list)
    duplicate_of: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def date(self) -> str | None:
        """The date the analysis uses: the stated one, else the one inferred from its story."""
        return self.published or self.published_inferred

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def row_date(row: Row) -> str | None:
    """`Document.date` for a `documents` export row (the view also carries it as `date`)."""
    return row.get("date") or row.get("published") or row.get("published_inferred")


@dataclass(frozen=True)
class ItemError:
    """One input that could not be ingested, and why, in words a user can act on."""

    item: str
    reason: str

    def __str__(self) -> str:
        return f"{self.item}: {self.reason}"


@dataclass(frozen=True)
class EntityMention:
    """A name in the clean text: person, organisation, place, nationality or unit.

    `role` is the title or function reported with this mention ("Kremlin
    Spokesman", "the Ukrainian minister for reintegration"), `place_kind`
    tells a region from a city for places.
    """

    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, PLACE, NORP, UNIT
    role: str | None = None
    place_kind: str | None = None  # country, region, city, other


@dataclass(frozen=True)
class TimeExpression:
    """A temporal expression normalised to a TimeML value.

    `anchored` is False when the value still depends on an unknown reference
    date (a document without a date): the value is then kept relative, e.g.
    ``XXXX-XX-XX`` with the offset in `rule`, never guessed from today.
    """

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str
    granularity: (
        str  # day, week, month, quarter, season, year, decade, century, time, duration, set
    )
    anchored: bool = True
    rule: str = ""


@dataclass(frozen=True)
class Quote:
    """Something a speaker said, directly (in quotation marks) or reported.

    `id` is local to the document ("q0", "q1", ...). `start`/`end` is the
    content; `speaker_start`/`speaker_end` is the name mention the speaker was
    resolved to (the antecedent for "he" or "the spokeswoman", which may lie in
    an earlier sentence), so that it maps to a canonical entity through the
    document's mentions. `speaker` is that mention's text; for a source that
    names no entity ("officials", "a spokesperson") it is the source as written,
    with no speaker span.

    `act` is what the cue reports (speech, writing, according, belief, expectation,
    allegation, description, evidence, stance, request: `nlp.quotes.cues.KINDS`);
    `source_start`/`source_end` the source phrase as written next to the cue;
    `speaker_body` the body a role speaks for where the text states it ("a WeWork
    spokesperson", "a spokesman for the ministry"); `nested_in` the id of the quote
    whose content holds this one's cue ("X told Reuters that officials said ...").
    """

    id: str
    kind: str  # direct, indirect, mixed
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_role: str | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    act: str | None = None
    source_start: int | None = None
    source_end: int | None = None
    speaker_body: str | None = None
    nested_in: str | None = None


@dataclass(frozen=True)
class Claim:
    """A quantity someone states: value in a canonical unit, surface kept beside it.

    `value` is set for a point value, `value_low`/`value_high` for a range
    (both equal `value` for a point). `start`/`end` cover the number and its
    unit as written. `claimant_start`/`claimant_end` is the mention the
    claimant was resolved to (None for the outlet itself). `quote_id` is the
    local id of the quote holding the claim. `restates` is the local id of
    another claim of the same sentence giving the same quantity in another
    unit, `consistent` whether the two agree after conversion.
    Since schema 12 a restatement is no claim of its own: the figure it
    restates keeps it as `alternative` (as written, at `alternative_start`/
    `alternative_end`) and `consistent` says whether the two agree; `restates`
    is then left empty.
    """

    id: str
    start: int
    end: int
    surface: str
    value: float | None
    value_low: float | None
    value_high: float | None
    unit: str  # canonical: km2, km, person, count, percent, usd, ...
    surface_value: str
    surface_unit: str | None
    sentence_start: int
    sentence_end: int
    qualifier: str | None = None  # at_least, more_than, about, up_to, less_than, at_most
    measured: str | None = None
    subject: str | None = None
    location: str | None = None
    date: str | None = None  # TimeML value of the time it applies to
    claimant: str | None = None
    claimant_start: int | None = None
    claimant_end: int | None = None
    claimant_kind: str = "outlet"  # person, organisation, side, outlet
    hedge: str | None = None
    quote_id: str | None = None
    restates: str | None = None
    consistent: bool | None = None
    alternative: str | None = None
    alternative_start: int | None = None
    alternative_end: int | None = None


@dataclass(frozen=True)
class Event:
    """A dated statement of what happened, typed from docs/events.md's taxonomy and ACLED's.

    `start`/`end` is the clause or sentence stating it; `trigger_*` the word
    that names it. `date` and `granularity` come from a time expression
    (`date_start`/`date_end`); `anchored` is False while the date still
    depends on an unknown publication date. `actors` and `location` are
    mention spans (start, end) so they map to canonical entities.
    """

    id: str
    type: str
    start: int
    end: int
    summary: str
    sentence_start: int
    sentence_end: int
    trigger: str = ""
    trigger_start: int | None = None
    trigger_end: int | None = None
    date: str | None = None
    granularity: str | None = None
    anchored: bool = True
    date_start: int | None = None
    date_end: int | None = None
    actors: tuple[str, ...] = ()
    actor_spans: tuple[tuple[int, int], ...] = ()
    location: str | None = None
    location_start: int | None = None
    location_end: int | None = None
    # ACLED's terms (docs/events.md): event and sub-event type as ACLED writes them
    # (sub-event None when the text does not tell, e.g. who took the ground).
    event_type: str | None = None
    sub_event_type: str | None = None
    # actor1 is who acted (the first of `actors`), actor2 what it was done to; each side
    # is a kind of actor ("state forces", "non-state armed group", "civilians", ...).
    actor1: str | None = None
    actor1_side: str | None = None
    actor2: str | None = None
    actor2_side: str | None = None
    actor2_start: int | None = None
    actor2_end: int | None = None
    # The lowest count of the dead the sentence gives, who gives it (None: the outlet),
    # and the local ids of every claim counting the dead there, each claimant's own.
    fatalities: int | None = None
    fatalities_claimant: str | None = None
    fatality_claim_ids: tuple[str, ...] = ()


@dataclass
class DocumentAnalysis:
    """Everything the per-document NLP found, with spans into `Document.text`."""

    doc_id: str
    sentences: list[Span] = field(default_factory=list)
    mentions: list[EntityMention] = field(default_factory=list)
    timexes: list[TimeExpression] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # The spaCy parse (DocBin bytes) of a document without a date, kept so that a date
    # inferred later re-runs only our components, not the model.
    parse: bytes | None = None


@dataclass
class Entity:
    """A canonical entity across documents, with every spelling it was seen under."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)  # {role, doc_id, date}
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geonames_id: int | None = None


# --------------------------------------------------------------------------------------
# Records of the cross-document steps. Each is one row of its store table: the field
# names are the table's columns (tests/test_store.py checks they match), list and dict
# fields are stored as JSON.


@dataclass
class StoryRecord:
    """One row of the `stories` table; `state` is the story index's own state of it."""

    id: str
    title: str
    start_date: str | None
    end_date: str | None
    storyline_id: str
    state: dict[str, Any] = field(default_factory=dict)


@dataclass
class StoryMember:
    """One row of `story_documents`: a document in a story, with its joining score."""

    story_id: str
    doc_id: str
    score: float | None = None


@dataclass
class ClaimGroup:
    """One row of the `claim_groups` table: `rule` says why the status, `confidence` how
    sure, `series` the dated values per claimant of a quantity that changed over time."""

    id: str
    story_id: str
    measured: str | None
    unit: str
    status: str
    members: list[dict[str, Any]]
    detail: dict[str, Any] = field(default_factory=dict)
    rule: str = ""
    confidence: float | None = None
    series: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass
class StatementGroup:
    """One row of the `statement_groups` table: one speaker's words in independent reports."""

    id: str
    story_id: str
    speaker: str
    speaker_entity_id: str
    status: str = "corroborated"
    members: list[dict[str, Any]] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)


@dataclass
class TimelineEntry:
    """One row of the `timeline` table."""

    story_id: str
    position: int
    date: str
    granularity: str
    type: str
    summary: str
    event_ids: list[str]
    doc_ids: list[str]
    sources: list[str]
    inferred: bool
    # Salience (corpus/timeline.py): independent reports, outlets, sides and the score.
    reports: int = 0
    outlets: int = 0
    sides: int = 0
    salience: float = 0.0


@dataclass
class FramingRow:
    """A row of the `framing` table; `examples` are spans into `documents.text`."""

    story_id: str | None
    source: str
    referent: str
    term: str
    count: int
    kind: Literal["lexicon", "typical"]
    examples: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class InferredDate:
    """A publication date (YYYY-MM-DD) inferred for an undated document, with its evidence."""

    doc_id: str
    date: str
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass
class StoryResults:
    """Everything derived per story after its members are analysed and dated."""

    claim_groups: list[ClaimGroup] = field(default_factory=list)
    statement_groups: list[StatementGroup] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    framing: list[FramingRow] = field(default_factory=list)
