"""Small lexicons for quote attribution: verbs of saying, role nouns, pronouns, gender cues.

Kept apart from the rules so that they can be read and extended at a glance.
"""

from __future__ import annotations

# Verbs whose subject is a speaker and whose clausal complement is what was said.
# Verbs of belief or perception (think, believe, see) are left out on purpose.
# fmt: off
SAYING_LEMMAS = frozenset({
    "say", "tell", "state", "add", "claim", "announce", "report", "note", "explain", "warn",
    "insist", "argue", "write", "reply", "respond", "acknowledge", "admit", "deny", "confirm",
    "declare", "testify", "tweet", "comment", "remark", "mention", "stress", "emphasize",
    "emphasise", "assert", "contend", "allege", "reiterate", "disclose", "reveal", "recall",
    "concede", "complain", "boast", "vow", "pledge", "promise", "caution", "predict", "suggest",
    "answer", "assure", "inform", "retort", "quip", "post", "underline", "underscore", "conclude",
    "specify", "clarify", "maintain", "observe", "point", "agree", "accuse", "charge",
    "call", "cite", "ask", "describe", "criticize", "criticise", "condemn", "demand", "urge",
    "propose", "question", "discuss",
})
# fmt: on

# Verbs that may only be a cue when their complement is a clause (not "point at the map").
CLAUSE_ONLY_LEMMAS = frozenset({"point", "agree", "observe", "maintain", "post", "charge"})

# Verbs whose direct object can be what was said ("announced entry restrictions in ...").
NOMINAL_CONTENT = frozenset(
    {
        "announce",
        "report",
        "confirm",
        "deny",
        "claim",
        "reveal",
        "disclose",
        "predict",
        "promise",
        "acknowledge",
        "admit",
        "cite",
        "describe",
        "criticize",
        "criticise",
        "condemn",
        "demand",
        "propose",
        "question",
        "discuss",
        "pledge",
        "vow",
        "urge",
        "ask",
        "call",
    }
)
# Verbs whose content may be only a phrase and never a clause on its own: "called for talks",
# "urged them to leave"; never direct-quote cues by themselves.
PHRASAL_CONTENT = frozenset(
    {
        "call",
        "cite",
        "ask",
        "describe",
        "criticize",
        "criticise",
        "condemn",
        "demand",
        "urge",
        "propose",
        "question",
        "discuss",
    }
)

# Nouns naming a speaker by function; "the spokeswoman added" is resolved through them.
# fmt: off
ROLE_NOUNS = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "minister", "president", "official",
    "officials", "governor", "mayor", "commander", "chief", "head", "envoy", "ambassador",
    "general", "colonel", "adviser", "advisor", "aide", "secretary", "chairman", "chairwoman",
    "leader", "premier", "prime", "director", "representative", "diplomat", "analyst",
    "expert", "lawmaker", "senator", "deputy", "negotiator", "general staff", "ministry",
    "army", "military", "government", "kremlin", "office", "agency", "service", "statement",
    "resident", "doctor", "officer", "source", "sources", "prosecutor", "police", "council",
})
# fmt: on

PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
GROUP_PRONOUNS = frozenset({"they", "it"})

FEMALE_WORDS = frozenset(
    {
        "spokeswoman",
        "chairwoman",
        "woman",
        "mrs",
        "ms",
        "mrs.",
        "ms.",
        "madam",
        "lady",
        "congresswoman",
        "businesswoman",
        "she",
        "her",
        "mother",
        "daughter",
        "wife",
        "sister",
    }
)
MALE_WORDS = frozenset(
    {
        "spokesman",
        "chairman",
        "man",
        "mr",
        "mr.",
        "sir",
        "congressman",
        "businessman",
        "he",
        "him",
        "his",
        "father",
        "son",
        "husband",
        "brother",
    }
)
# First names ending in -a that are male: the cheap -a rule for female names fails on them.
MALE_NAMES_IN_A = frozenset(
    {
        "nikita",
        "ilya",
        "luca",
        "joshua",
        "andrea",
        "sasha",
        "kuzma",
        "foma",
        "jonah",
        "ezra",
        "elijah",
        "isaiah",
        "noah",
        "mustafa",
        "hamza",
        "musa",
        "yahya",
        "zakaria",
        "ata",
    }
)
