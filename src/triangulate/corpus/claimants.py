"""Who a claimant speaks for: one government under its many names.

Reports name one state's voice in many ways: "the Syrian government", "Damascus",
"Syria", "the authorities", "Syria's government", "Turkish officials", "Ankara", "the
Kremlin". For comparing figures these are one body: the same government's figure
relayed by two outlets is a corroborated *statement*, not two sources agreeing, and two
of its figures are never a dispute between sources. `body` maps a claimant to
``state:<ISO code>`` when its name is a country, its capital, a seat of power
(`data/lexicons/seats_of_power.tsv`), or a state noun (`data/lexicons/state_bodies.txt`)
or its media ("state TV") with a nationality or country ("Syrian", "Syria's");
``state:`` when a state noun names no country ("the authorities"); otherwise None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from triangulate.resources.gazetteer import Gazetteer, capitals, load_gazetteer, place_key
from triangulate.resources.lexicons import lexicon, lexicon_pairs

STATE_WORDS = lexicon("state_bodies")
STATE_MEDIA = lexicon("state_media")
UNKNOWN_STATE = "state:"

SEATS_OF_POWER = lexicon_pairs("seats_of_power")  # "the Kremlin says"
_POSSESSIVE = re.compile(r"['’]s?$")


@lru_cache(maxsize=65536)
def body(name: str | None) -> str | None:
    """The government a claimant's name speaks for, as ``state:CC`` (``state:`` when no
    country is named), or None when the name is not a state's voice. Countries and
    nationalities are read with the bundled gazetteer."""
    if not name:
        return None
    gazetteer = load_gazetteer()
    key = place_key(name)
    seat = next((code for seat, code in SEATS_OF_POWER.items() if seat in name.casefold()), None)
    if code := _country(name, gazetteer) or capitals().get(key) or seat:
        return f"state:{code}"
    words = [_POSSESSIVE.sub("", w) for w in name.split()]
    folded = [w.casefold() for w in words]
    state_media = "state" in folded[:-1] and folded[-1] in STATE_MEDIA
    if not state_media and not any(w in STATE_WORDS for w in folded):
        return None
    for word in words:
        if code := gazetteer.demonym_country(word) or _country(word, gazetteer):
            return f"state:{code}"
    return UNKNOWN_STATE


def same_body(bodies: Iterable[str]) -> bool:
    """Whether these bodies are one government: one named country, the unnamed
    "authorities" joining it (two unnamed ones, "the army" and "the ministry", may be
    two sides' and stay apart)."""
    named = {b for b in bodies if b != UNKNOWN_STATE}
    return len(named) == 1


def _country(name: str, gazetteer: Gazetteer) -> str | None:
    for match in gazetteer.lookup(name):
        if match.place.kind == "country" and not match.alternate:
            return match.place.country
    return None
