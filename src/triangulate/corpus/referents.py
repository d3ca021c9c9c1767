"""What a figure counts and over which scope, read from its claim and its sentence.

Two figures are only worth comparing when they measure the same referent over the
same scope. The referent is a concept (killed, wounded, displaced, territory, ...)
named by the claim's measured noun phrase or, failing that, by the words right
around the figure ("five rebels killed", "killing two rebels"), together with who
is counted (civilians, soldiers, rebels, ...). A figure whose words name no concept
keeps the head noun of its measured phrase as its referent, so "60 beds" and
"109 people" never meet. The basis ("in the last 24 hours", "since Tuesday",
"a week", "so far") is part of the scope: a daily count, a count since an anchor
and a running total are different quantities.

Market and price figures (shares, indices, currencies, crude, percent moves) are
flagged so they are never put in dispute; only concepts that are claims about the
events of a story (`STORY_CONCEPTS`) can be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from triangulate.resources.lexicons import lexicon, lexicon_pairs

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.UNICODE)

# Surface word -> concept (inflections listed, not stemmed).
CONCEPT_OF = lexicon_pairs("referent_concepts")
# Concepts that are claims about what happened in the story: only these are ever disputed.
STORY_CONCEPTS = frozenset(
    {
        "killed", "wounded", "casualties", "displaced", "refugees", "detained", "missing",
        "released", "defected", "protesters", "territory", "advance", "destroyed", "deployed",
        "vote",
    }
)  # fmt: skip
# Concepts that count people, so who is counted is part of the referent.
_COUNTS_PEOPLE = frozenset(
    {"killed", "wounded", "casualties", "displaced", "refugees", "detained", "missing",
     "released", "defected", "protesters", "deployed"}
)  # fmt: skip
# Concepts found in the wider window only when nothing closer names one: a verb of
# holding or hitting next to a figure is weaker evidence than a casualty word.
_WEAK = frozenset({"territory", "destroyed", "deployed", "aid"})

# Who is counted. Generic words ("people", "persons") are "people".
_WHO_OF = lexicon_pairs("counted_who")

# Words of markets and prices: a figure near them is a market move, never a dispute.
_MARKET = lexicon("market_words")
_MARKET_MOVES = lexicon("market_moves")

# Heads that say nothing about what is counted.
_GENERIC_HEADS = lexicon("generic_heads")
_UNIT_WORDS = lexicon("referent_unit_words")

_NEAR_AFTER = 5  # words after the figure read for its concept ("five rebels were killed")
_NEAR_BEFORE = 4  # words before it ("killing two rebels")


@dataclass(frozen=True)
class Referent:
    """What a figure counts: its concept (or its head noun) and who it counts."""

    concept: str | None
    who: str
    head: str | None
    evidence: str  # "measured", "near" or "head": where the referent was read
    market: bool = False

    @property
    def key(self) -> str | None:
        """The comparison key; None when nothing says what the figure counts."""
        what = self.concept or (f"head:{self.head}" if self.head else None)
        return f"{what}/{self.who}" if what else None

    @property
    def disputable(self) -> bool:
        """Whether two sources giving different values for this referent is a dispute."""
        return not self.market and self.concept in STORY_CONCEPTS


@dataclass(frozen=True)
class Basis:
    """The time scope of a figure: `kind` event / window / since / cumulative / rate."""

    kind: str
    span: str = ""  # "24 hours", "tuesday", "day" ...
    surface: str = ""  # the words that said so

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.span}" if self.span else self.kind

    @property
    def running(self) -> bool:
        """A total or rate that one claimant can update over time (a series, not events)."""
        return self.kind in ("cumulative", "rate", "since")


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


@lru_cache(maxsize=65536)
def referent(
    measured: str | None, before: str, after: str, family: str, surface: str = ""
) -> Referent:
    """The referent of a figure from its measured phrase and the words around it.

    `before` and `after` are the sentence's text on either side of the figure, `surface`
    the figure as written ("seven people"), whose noun says who is counted.
    """
    mine = [w for w in _words(measured or "") if w not in _UNIT_WORDS]
    own = [w for w in _words(surface) if not w[0].isdigit()]
    near_before = _words(before)[-_NEAR_BEFORE:]
    near_after = _words(after)[:_NEAR_AFTER]
    window = [*near_before, *near_after]
    head = _head(mine)
    concept, evidence = _concept(mine, near_before, near_after, family)
    # A count of the killed or displaced near "market" is a marketplace, not a price.
    counted = family == "count" and concept is not None
    market = family == "currency" or (not counted and _is_market(mine, window))
    who = ""
    if family == "count" and (concept is None or concept in _COUNTS_PEOPLE):
        # The figure's own noun first: in "killed 17 police ... troops" the troops
        # are the killers, not the counted.
        close = [*own, *mine] if any(len(w) > 2 for w in [*own, *mine]) else near_after[:2]
        who = next((_WHO_OF[w] for w in close if w in _WHO_OF), "people")
    if concept is None and head is None:
        return Referent(None, who, None, "none", market)
    return Referent(concept, who, head, evidence if concept else "head", market)


def _concept(
    mine: list[str], before: list[str], after: list[str], family: str
) -> tuple[str | None, str]:
    strong = lambda words: [CONCEPT_OF[w] for w in words if w in CONCEPT_OF]  # noqa: E731
    if picked := _pick(strong(mine), family):
        return picked, "measured"
    if picked := _pick(strong([*after[:3], *before[-2:], *after[3:], *before[:-2]]), family):
        return picked, "near"
    if family == "area":  # an area in a conflict story is the area held or taken
        return "territory", "near"
    return None, "none"


def _pick(found: list[str], family: str) -> str | None:
    """The first concept found that fits the unit, preferring strong ones: an area is
    held or taken, a length advanced; "killed" never measures kilometres."""
    fitting = [c for c in found if _FITS.get(family, _PEOPLE_FAMILIES).__contains__(c)]
    ranked = [c for c in fitting if c not in _WEAK] or fitting
    return ranked[0] if ranked else None


_PEOPLE_FAMILIES = frozenset(CONCEPT_OF.values()) - {"territory", "advance"}
_FITS = {
    "area": frozenset({"territory"}),
    "length": frozenset({"advance"}),
    "percent": frozenset(CONCEPT_OF.values()),
}


def _head(words: list[str]) -> str | None:
    """The head noun of a measured phrase: its last content word before "of"."""
    if "of" in words:
        words = words[: words.index("of")]
    content = [w for w in words if len(w) > 2 and not w.isdigit() and w not in _GENERIC_HEADS]
    return content[-1] if content else None


def _is_market(mine: list[str], window: list[str]) -> bool:
    words = {*mine, *window}
    if words & _MARKET:
        return True
    return bool(words & _MARKET_MOVES and {"percent", "cent", "%"} & words)


_HOURS = r"(?:\d+|few|one|two|three|four|five|six|seven|ten|twelve|24|48|72)"
# "since March", "since 2011": a total since a month or a year is the running total.
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)"
)
_BASIS = [
    (
        "window",
        re.compile(
            r"\bsince the (?:start|beginning) of the (day)\b|\b(?:so far|earlier) (today)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "window",
        re.compile(
            rf"\b(?:in|over|during|within) the (?:last|past|previous) ({_HOURS} "
            r"(?:hours?|days?|weeks?|months?)|(?:day|night|week|month|year|weekend))\b"
            r"|\b(?:over|during) the (weekend|night)\b|\b(overnight)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "cumulative",
        re.compile(
            r"\b(?:so far|to date|in total|in all|a total of|overall|altogether|until now|"
            r"up to now|death toll|toll|since (?:(?:it|they|this|that) (?:began|started|"
            r"erupted|broke out)|the (?:start|beginning|outbreak) of|the "
            r"(?:uprising|revolt|revolution|unrest|crisis|conflict|war|protests?|crackdown|"
            r"violence|fighting) (?:began|started|erupted|broke out)|the (?:uprising|revolt|"
            r"revolution|unrest|crisis|conflict|war|crackdown)|(?:mid-|early |late )?"
            rf"{_MONTH}(?: (?:19|20)\d\d)?|(?:19|20)\d\d))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "since",
        re.compile(
            r"\bsince (?:(?:the|a|an|its|their|his|last|early|late|mid)[ -])*([a-z]+)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "rate",
        re.compile(
            r"\b(?:a|per|each|every) (day|week|month|year|hour)\b"
            r"(?! (?:after|before|ago|later|earlier|of|or|and)\b)|\b(daily|weekly|monthly|"
            r"annual|yearly)\b",
            re.IGNORECASE,
        ),
    ),
]
_CLAUSE_END = re.compile(r"[,;:]\s|\s[-–—]\s|\s(?:but|while|whereas|and)\s")
_RATE_UNIT = {"daily": "day", "weekly": "week", "monthly": "month", "annual": "year"}
_RATE_UNIT.update(yearly="year", today="day")


_INCREMENT_BEFORE = re.compile(
    r"\b(?:another|a further|an additional|additional|other)\s*$", re.IGNORECASE
)
_INCREMENT_OWN = re.compile(r"\b(?:others|more)\b(?!\s+than)", re.IGNORECASE)  # not "more than"
_INCREMENT_AFTER = re.compile(r"^\s*(?:more\b|(?:\w+\s+){0,2}also\b)", re.IGNORECASE)


# A plan, an expectation or a capacity in the figure's own clause (no clause break
# between the cue and the figure); "may have been killed" hedges a count, it plans nothing.
# The cue stands a few words before the figure, in its clause; the modals are lower case,
# so the month "May" is none, and "due to" (because of) and "a prepared statement" are none.
_PROJECTED_BEFORE = re.compile(
    r"\b(?:expects?|expected|expecting|plans?|planned|planning|aims?|aiming|hopes?|"
    r"intends?|intending|prepared to|preparing (?:to|for)|set to|room for|capacity (?:of|for)|"
    r"enough (?:for|to)|to (?:house|accommodate|shelter|provide for|host|deploy|send)|"
    r"(?-i:will|would|could|may|might|shall)(?! (?:have|had|not have)\b))\b"
    r"(?! that\b)(?:(?!\b(?:that|which|who|why|because|when|after|while)\b)[^,;:.!?\n])"
    r"{0,40}$",  # no clause between: "expected that 40 had died" is a belief about the past
    re.IGNORECASE,
)
_PROJECTED_AFTER = re.compile(
    r"^[^,;:.!?\n]{0,20}?\b(?:(?:are|is|were|was) (?:expected|projected|planned|forecast)|"
    r"(?:will|would|could) (?:be|arrive|come|need|reach))\b",
    re.IGNORECASE,
)


def basis(sentence: str, before: str = "", surface: str = "", after: str = "") -> Basis:
    """The time scope a sentence gives its figures; `event` when it states none,
    `increment` for a figure added to another ("another 35 people", "20 others") and
    `projected` for one that is planned, expected or a capacity, not a count of what
    happened ("expects to house 10,000 refugees", "room for 2,500 more")."""
    if (
        _INCREMENT_BEFORE.search(before[-30:])
        or _INCREMENT_OWN.search(surface)
        or _INCREMENT_AFTER.search(after[:30])
    ):
        return Basis("increment", surface=surface)
    if match := _PROJECTED_BEFORE.search(before[-60:]) or _PROJECTED_AFTER.search(after[:40]):
        return Basis("projected", surface=match.group(0).strip())
    # The figure's own scope: the sentence up to it and its clause after it, not a later
    # clause about another figure ("40 were killed, with one group putting the toll at 70").
    scope = f"{before}{surface}{_CLAUSE_END.split(after, maxsplit=1)[0]}" if surface else sentence
    for kind, pattern in _BASIS:
        if match := pattern.search(scope):
            groups = [g for g in match.groups() if g]
            span = groups[0].casefold() if groups and kind != "cumulative" else ""
            span = _RATE_UNIT.get(span, span)
            return Basis(kind, re.sub(r"\s+", " ", span), match.group(0))
    return Basis("event")


# Claimants that are not speakers: the medium a figure came in, or a generic noun.
_NOT_SPEAKERS = lexicon("not_speakers")
SPEAKER_KINDS = frozenset({"person", "organisation", "organization", "outlet", "side"})


def real_claimant(name: str | None, kind: str | None, place_names: frozenset[str]) -> bool:
    """Whether a claimant is a speaker: a person, organisation, outlet or side, not a
    medium ("video", "report", "statement"), a generic noun or a place."""
    if not name or (kind and kind not in SPEAKER_KINDS):
        return False
    words = _words(name)
    if not words or all(w in _NOT_SPEAKERS for w in words):
        return False
    if words[-1] in _NOT_SPEAKERS and len(words) <= 2 and kind != "outlet":
        return False  # "the report", "state television", "a statement"
    # A side named by its capital or country speaks for its government ("Kyiv says"); a
    # place that is not tagged as a side is where the figure came from, not who gave it.
    return kind == "side" or name.casefold() not in place_names
