"""Which way a figure points: "=", "~", "<", ">", "up" or "down".

A qualifier before the figure gives the comparison ("about" ~, "more than" >,
"up to" <); a sign glued to it ("+0.2%", "~45g", "sub-7") likewise. Otherwise
a word of movement governing the figure gives the direction: a verb ("rose 5%",
"fell by 3 points", "plunged 4% to $28"), an adverb ("up 19 cents", "down 2%")
or a noun ("a 5% drop", "an increase of 10%"); a figure given "at" or "from"
a level is that level ("up 19 cents at $58.24").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from triangulate.nlp.claims.scan import Found

EQUAL, ABOUT, LESS, MORE, UP, DOWN = "=", "~", "<", ">", "up", "down"
BY_QUALIFIER = {
    "about": ABOUT, "more_than": MORE, "at_least": MORE,
    "less_than": LESS, "at_most": LESS, "up_to": LESS,
}  # fmt: skip
APPROXIMATE = {"nearly", "almost", "barely", "approx", "approx.", "~"}
BY_SIGN = {"+": UP, "~": ABOUT, "<": LESS, ">": MORE}
RISING = {
    "rise", "increase", "grow", "climb", "jump", "gain", "surge", "soar", "advance", "rally",
    "add", "boost", "raise", "lift", "improve", "expand", "rebound", "spike", "up", "higher",
    "growth", "hike", "improvement", "upward", "upwards",
}  # fmt: skip
FALLING = {
    "fall", "drop", "decline", "decrease", "lose", "slip", "slide", "plunge", "plummet", "sink",
    "shed", "cut", "reduce", "tumble", "dip", "ease", "shrink", "lower", "slump", "retreat",
    "contract", "down", "loss", "reduction", "downward", "downwards", "crash", "fell",
}  # fmt: skip
AVERAGING = {"average", "averaged", "averaging"}
LEVEL_PREPS = {"at", "from"}
MOVE_PREPS = {"by", "to"}
MAX_HOPS = 3


def change_of(doc: Doc, found: Found) -> str:
    """The comparison or direction of `found`, "=" when the text gives none."""
    if found.qualifier_first is not None:
        words = {t.lower_ for t in doc[found.qualifier_first : found.first]}
        if words & APPROXIMATE:
            return ABOUT
        if found.qualifier in BY_QUALIFIER:
            return BY_QUALIFIER[found.qualifier]
    if found.sign in BY_SIGN:
        return BY_SIGN[found.sign]
    first = found.first
    before = doc[first - 1] if first > 0 else None
    if before is not None and before.lower_ in LEVEL_PREPS:
        return EQUAL
    direction = _movement(doc, found)
    if direction is not None:
        return direction
    if before is not None and before.lower_ in AVERAGING:
        return ABOUT
    return EQUAL


def _movement(doc: Doc, found: Found) -> str | None:
    """UP or DOWN from the word of movement right before the figure or above it in the parse."""
    i = found.first - 1
    while i >= 0 and doc[i].lower_ in MOVE_PREPS:
        i -= 1
    if i >= 0 and found.first - i <= 2:
        direction = _direction(doc[i])
        if direction is not None:
            return direction
    after = found.last + 1
    if after < len(doc) and doc[after].pos_ in ("NOUN", "ADJ", "ADV"):
        direction = _direction(doc[after])  # "a 5% drop", "10% higher"
        if direction is not None:
            return direction
    node: Token = doc[found.unit_token if found.unit_token is not None else found.last]
    for _ in range(MAX_HOPS):
        head = node.head
        if head.i == node.i:
            return None
        if head.lower_ in LEVEL_PREPS:
            return None
        direction = _direction(head)
        if direction is not None:
            return direction
        if head.pos_ == "VERB" and head.lemma_ not in ("be", "have"):
            return None
        node = head
    return None


def _direction(token: Token) -> str | None:
    lemma, lower = token.lemma_.lower(), token.lower_
    if lemma in RISING or lower in RISING:
        return UP
    if lemma in FALLING or lower in FALLING:
        return DOWN
    return None
