"""Every triangulate spaCy component, registered in one place, and the order they run in.

Each factory declares what it `requires` and `assigns`, so `nlp.analyze_pipes()`
checks the order: quotes need the entities (speakers), claims the quotes
(claimants) and time expressions (dates), events all of them. `PIPELINE` is that
order, written once; `load_pipeline` adds the components in it and re-dating
re-runs them (`DATE_DEPENDENT`) on a kept parse.
"""

from __future__ import annotations

from spacy.language import Language

from triangulate.nlp import extensions
from triangulate.nlp.claims.finder import ClaimFinder
from triangulate.nlp.entities.mentions import EntityTagger, outlet_names
from triangulate.nlp.events.finder import events_component
from triangulate.nlp.paragraphs import paragraph_sentences
from triangulate.nlp.quotes.finder import quotes_component
from triangulate.nlp.time.timexes import TimeTagger
from triangulate.resources.gazetteer import load_gazetteer

PARAGRAPHS = "triangulate_paragraphs"
ENTITIES = "triangulate_entities"
TIME = "triangulate_time"
QUOTES = "triangulate_quotes"
CLAIMS = "triangulate_claims"
EVENTS = "triangulate_events"
# Our components after the model's, in the order they must run.
PIPELINE = (ENTITIES, TIME, QUOTES, CLAIMS, EVENTS)
# What re-dating re-runs on a kept parse: the time expressions and what reads them or
# the reference date. The mentions read no date: re-dating puts the stored ones back.
DATE_DEPENDENT = (TIME, QUOTES, CLAIMS, EVENTS)

_PARSE = ["token.dep", "token.head", "token.tag", "token.lemma", "doc.sents"]


def _found(group: str) -> list[str]:
    """What a component that writes span group `group` assigns (or a later one requires)."""
    return ["doc.spans", extensions.span_attribute(group)]


def _needs(*groups: str) -> list[str]:
    return [extensions.span_attribute(group) for group in groups]


Language.component(
    PARAGRAPHS, assigns=["token.is_sent_start"], func=paragraph_sentences
)  # runs before the parser, which keeps sentence starts already set


@Language.factory(
    ENTITIES,
    default_config={"gazetteers": [], "outlets": []},
    assigns=_found(extensions.MENTIONS),
    requires=["doc.ents", "token.tag", "doc.sents"],
)
def make_entities(
    nlp: Language, name: str, gazetteers: list[str], outlets: list[str]
) -> EntityTagger:
    """`gazetteers`: user place files (CSV or GeoJSON) on top of GeoNames and ISO 3166;
    `outlets`: user outlet lists (CSV: name, aliases, domains) on top of the bundled one."""
    return EntityTagger(load_gazetteer(*gazetteers), outlet_names(*outlets))


@Language.factory(TIME, assigns=_found(extensions.TIMEXES), requires=["doc.ents", *_PARSE])
def make_time(nlp: Language, name: str) -> TimeTagger:
    """Reads `doc._.reference_date` (set by the caller, None for an undated document)."""
    return TimeTagger()


Language.component(
    QUOTES,
    assigns=_found(extensions.QUOTES),
    requires=[*_needs(extensions.MENTIONS), *_PARSE],
    func=quotes_component,
)


@Language.factory(
    CLAIMS,
    default_config={"vague": False},
    assigns=_found(extensions.CLAIMS),
    requires=[*_needs(extensions.MENTIONS, extensions.TIMEXES, extensions.QUOTES), *_PARSE],
)
def make_claims(nlp: Language, name: str, vague: bool) -> ClaimFinder:
    return ClaimFinder(nlp, vague=vague)


Language.component(
    EVENTS,
    assigns=_found(extensions.EVENTS),
    requires=[
        *_needs(extensions.MENTIONS, extensions.TIMEXES, extensions.QUOTES, extensions.CLAIMS),
        *_PARSE,
    ],
    func=events_component,
)


def add_components(
    nlp: Language, gazetteers: tuple[str, ...] = (), outlets: tuple[str, ...] = ()
) -> Language:
    """Add our components to a loaded model, in `PIPELINE` order."""
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    for name in PIPELINE:
        config = (
            {"gazetteers": list(gazetteers), "outlets": list(outlets)} if name == ENTITIES else {}
        )
        nlp.add_pipe(name, config=config)
    return nlp
