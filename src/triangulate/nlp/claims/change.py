"""Which way a figure points: "=", "~", "<", ">", "up" or "down".

A qualifier before the figure gives the comparison ("about" ~, "more than" >,
"up to" <); a sign glued to it ("+0.2%", "~45g", "sub-7") likewise. Otherwise
a verb or adverb of movement governing the figure gives the direction ("rose
5%", "fell by 3 points", "up 19 cents", "down 2%"); a figure the movement
reaches or starts from ("rose to $58", "up 19 cents at $58.24", "from 4.8") is
a level, and so is one a noun of movement merely follows ("a 5% drop").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from triangulate.nlp import extensions
from triangulate.nlp.claims.scan import Found
from triangulate.resources.lexicons import lexicon

EQUAL, ABOUT, LESS, MORE, UP, DOWN = "=", "~", "<", ">", "up", "down"
BY_QUALIFIER = {
    "about": ABOUT, "more_than": MORE, "at_least": MORE,
    "less_than": LESS, "at_most": LESS, "up_to": LESS,
}  # fmt: skip
APPROXIMATE = {"nearly", "almost", "barely", "approx", "approx.", "~"}
BY_SIGN = {"+": UP, "~": ABOUT, "<": LESS, ">": MORE}
RISING = lexicon("rising_words")
FALLING = lexicon("falling_words")
AVERAGING = {"average", "averaged", "averaging"}
LEVEL_PREPS = {"at", "from", "to"}
MOVE_PREPS = {"by"}
MOVER_POS = {"VERB", "ADV", "ADP"}  # "up" is tagged ADP or ADV
MAX_HOPS = 2


def restated_changes(doc: Doc, found: list[Found], changes: list[str]) -> list[str]:
    """A figure in brackets right after another restates it in another unit and shares its
    change: "dropped by 1 to 1.5 degrees Celsius (1.8 to 2.7 Fahrenheit)"."""
    result = list(changes)
    for i in range(1, len(found)):
        if restates(doc, found[i - 1], found[i]):
            result[i] = result[i - 1]
    return result


def restates(doc: Doc, first: Found, second: Found) -> bool:
    """`second` opens a bracket (or follows a slash inside one) right after `first`."""
    between = extensions.text(doc)[first.end : second.start].strip()
    return between in ("(", "[", "/") and second.qualifier is None


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
    node: Token = doc[found.unit_token if found.unit_token is not None else found.last]
    for _ in range(MAX_HOPS):
        head = node.head
        if head.i == node.i or head.lower_ in LEVEL_PREPS:
            return None
        if head.lower_ in MOVE_PREPS:
            node = head
            continue
        return _direction(head, noun=node.lower_ in MOVE_PREPS)
    return None


def _direction(token: Token, noun: bool = False) -> str | None:
    """UP or DOWN for a verb or adverb of movement, never a particle ("gave up 517 yards");
    a noun only through "by" ("a decrease by 1%")."""
    if token.dep_ == "prt" or (token.pos_ not in MOVER_POS and not (noun and token.pos_ == "NOUN")):
        return None
    lemma, lower = token.lemma_.lower(), token.lower_
    if lemma in RISING or lower in RISING:
        return UP
    if lemma in FALLING or lower in FALLING:
        return DOWN
    return None
