"""The event taxonomy and its trigger lexicon (docs/events.md documents both).

The types follow ACLED's event types closely enough to be mapped onto them.
Words are spaCy lemmas; a trigger that is only an event with certain objects
("moved units", "exchanged fire") is listed with those objects, so that the
common verb alone ("moved to a new flat") names nothing. The word lists are data, in
`data/lexicons/` (`verb_triggers.tsv`, `noun_triggers.tsv`, `military_nouns.txt`, ...).
"""

from __future__ import annotations

from spacy.tokens import Token

from triangulate.resources.lexicons import lexicon, lexicon_pairs


def _words(text: str) -> list[str]:
    """A lexicon entry written as space-separated words, kept readable as one line."""
    return text.split()


EVENT_TYPES = (
    "armed_clash",
    "air_strike",
    "shelling",
    "civilian_harm",
    "displacement",
    "restriction",
    "troop_movement",
    "capture",
    "negotiation",
    "statement",
)

MILITARY_NOUNS = lexicon("military_nouns")
PROJECTILES = lexicon("projectiles")
#: Subjects that make a strike shelling: guns, not aircraft or missiles.
GUN_NOUNS = lexicon("gun_nouns")

#: Verbs that name an event of their own.
VERB_TRIGGERS: dict[str, str] = lexicon_pairs("verb_triggers")

#: Verbs that are events only with one of the listed objects (lemma of the object's head).
OBJECT_VERBS: dict[str, dict[str, str]] = {
    "move": dict.fromkeys(MILITARY_NOUNS, "troop_movement"),
    "pull": dict.fromkeys(MILITARY_NOUNS, "troop_movement"),
    "send": dict.fromkeys(MILITARY_NOUNS, "troop_movement"),
    "transfer": dict.fromkeys(MILITARY_NOUNS, "troop_movement"),
    "launch": dict.fromkeys(PROJECTILES, "air_strike"),
    "fire": {**dict.fromkeys(PROJECTILES, "air_strike"), "artillery": "shelling"},
    "take": dict.fromkeys(_words("prisoner captive control hostage"), "capture"),
    "exchange": {"fire": "armed_clash", "prisoner": "negotiation", "body": "negotiation"},
    "hold": dict.fromkeys(_words("talk negotiation meeting summit"), "negotiation"),
}

#: Support verbs whose object names the event ("launched an offensive", "declared an
#: emergency", "imposed a curfew"): the event takes the object noun's type.
SUPPORT_VERBS = lexicon("support_verbs")

#: Nouns that name an event of their own.
NOUN_TRIGGERS: dict[str, str] = lexicon_pairs("noun_triggers")

#: Nouns that are events only with one of the listed modifiers ("martial law",
#: "prisoner exchange", "exchange of prisoners").
MODIFIED_NOUNS: dict[str, dict[str, str]] = {
    "law": {"martial": "restriction"},
    "state": {"emergency": "restriction", "siege": "restriction"},
    "exchange": {"prisoner": "negotiation", "body": "negotiation", "fire": "armed_clash"},
}

#: Prepositions after which a date marks the start or end of a period, not an event.
PERIOD_BOUNDS = frozenset(_words("since until till"))


def _object_lemmas(token: Token) -> list[str]:
    """The lemmas of a verb's objects, conjoined objects included."""
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    objects += [c for o in list(objects) for c in o.conjuncts]
    return [o.lemma_.lower() for o in objects]


def _modifier_lemmas(token: Token) -> set[str]:
    """Lemmas of a noun's modifiers and of its "of" complement."""
    lemmas = {c.lemma_.lower() for c in token.children if c.dep_ in ("amod", "compound", "nmod")}
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            lemmas |= {c.lemma_.lower() for c in prep.children if c.dep_ == "pobj"}
    return lemmas


def is_nominal(token: Token) -> bool:
    """A verb form used as a noun ("the Brenna crossing"): it has a determiner."""
    return token.pos_ == "VERB" and any(c.dep_ in ("det", "poss") for c in token.children)


def noun_type(token: Token) -> str | None:
    """The event type a noun names, or None."""
    if token.pos_ not in ("NOUN", "PROPN") and not is_nominal(token):
        return None
    lemma = token.lemma_.lower()
    if lemma in MODIFIED_NOUNS:
        for modifier in _modifier_lemmas(token):
            if modifier in MODIFIED_NOUNS[lemma]:
                return MODIFIED_NOUNS[lemma][modifier]
        return None
    return NOUN_TRIGGERS.get(lemma)


def event_object(verb: Token) -> Token | None:
    """The first object of a support verb that names an event ("declared an emergency")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [c for o in list(objects) for c in o.conjuncts]
    return next((o for o in objects if noun_type(o)), None)


def verb_type(token: Token) -> tuple[str, Token] | None:
    """The event type a verb names and the token that names it, or None.

    A support verb with an event noun as object yields the noun's type and the
    noun; otherwise the verb's own entry decides.
    """
    if token.pos_ not in ("VERB", "AUX") or is_nominal(token):
        return None
    lemma = token.lemma_.lower()
    if lemma in SUPPORT_VERBS:
        noun = event_object(token)
        if noun is not None:
            return noun_type(noun) or "", noun
    if lemma in OBJECT_VERBS:
        for obj in _object_lemmas(token):
            if obj in OBJECT_VERBS[lemma]:
                return OBJECT_VERBS[lemma][obj], token
    if lemma in VERB_TRIGGERS:
        kind = VERB_TRIGGERS[lemma]
        if kind == "air_strike" and GUN_NOUNS & _subject_lemmas(token):
            kind = "shelling"  # "shells struck the market"
        return kind, token
    return None


def _subject_lemmas(token: Token) -> set[str]:
    """Lemmas of a verb's subjects and of their modifiers ("artillery shells")."""
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    subjects += [c for s in list(subjects) for c in s.conjuncts]
    return {s.lemma_.lower() for s in subjects} | {
        m.lemma_.lower() for s in subjects for m in s.children if m.dep_ in ("compound", "amod")
    }


def is_aspectual(token: Token) -> bool:
    """Whether a verb only says when something else begins or takes effect.

    Its subject, or the noun or object of the clause it modifies, is then the
    event ("restrictions starting on July 23", "the curfew takes effect on Monday").
    """
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB":
        return False
    if lemma in ("start", "begin"):
        return event_object(token) is None
    if lemma == "take":
        return "effect" in _object_lemmas(token)
    if lemma in ("come", "enter"):
        return any(
            c.dep_ == "prep"
            and c.lower_ == "into"
            and {g.lower_ for g in c.children} & {"force", "effect"}
            for c in token.children
        )
    return False
