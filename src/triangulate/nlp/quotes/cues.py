"""Small lexicons for attribution: cue words, role nouns, pronouns, gender cues.

The cue lexicon (lemma, part of speech, kind, frames) is data, in
`data/attribution_cues.csv`; so are the role nouns and gender words, in
`data/lexicons/` (`resources.lexicons`). The kinds, frames and pronouns are kept
here: the code branches on them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

from triangulate.resources.lexicons import lexicon

# What an attribution reports: said, written, "according to", believed, expected,
# alleged, described, shown by evidence, a stance taken, or a request made.
KINDS = (
    "speech",
    "writing",
    "according",
    "belief",
    "expectation",
    "allegation",
    "description",
    "evidence",
    "stance",
    "request",
)
# The kinds the quotes table holds: what a source states. Beliefs, expectations, stances,
# evidence, descriptions and requests are attributions too (`find_attributions`), but
# not statements whose words or figures can be set against another source's.
STATEMENT_KINDS = frozenset({"speech", "writing", "according", "allegation"})
# How a cue takes its content: a clause ("said that ..."), a quotation next to it, a direct
# object ("announced new rules"), an infinitive ("vowed to ..."), its subject and infinitive
# with no source ("X seems to ...": raising), or any other word: a preposition whose object
# is the content ("called for talks", "warned of ...").
FRAMES = frozenset({"clause", "direct", "object", "infinitive", "raising"})


@dataclass(frozen=True)
class Cue:
    """One entry of the cue lexicon: a lemma, its part of speech, kind and frames."""

    lemma: str
    pos: str
    kind: str
    frames: frozenset[str]

    @property
    def preps(self) -> frozenset[str]:
        return self.frames - FRAMES


def _load_cues() -> dict[tuple[str, str], Cue]:
    """The lexicon in `data/attribution_cues.csv`, keyed by (lemma, part of speech)."""
    path = resources.files("triangulate") / "data" / "attribution_cues.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    cues = {}
    for row in rows:
        cue = Cue(row["lemma"], row["pos"], row["kind"], frozenset(row["frames"].split()))
        cues[(cue.lemma, cue.pos)] = cue
    return cues


CUES = _load_cues()
# Verbs whose subject is a source; a cue without a subject climbs to one of them.
SAYING_LEMMAS = frozenset(lemma for lemma, pos in CUES if pos == "VERB")


# Nouns naming a speaker by function; "the spokeswoman added" is resolved through them.
ROLE_NOUNS = lexicon("role_nouns")

PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
GROUP_PRONOUNS = frozenset({"they", "it"})

FEMALE_WORDS = lexicon("female_words")
MALE_WORDS = lexicon("male_words")
# First names ending in -a that are male: the cheap -a rule for female names fails on them.
MALE_NAMES_IN_A = lexicon("male_names_in_a")
