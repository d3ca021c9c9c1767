"""Events in ACLED's terms (sub-types, actors with sides, fatalities) and the snippet model."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from triangulate.errors import InputError
from triangulate.models import Event
from triangulate.nlp.events.acled import (
    CUES,
    DEFAULT_SUB_TYPE,
    SIDES,
    SUB_EVENT_TYPES,
    rule_type,
)
from triangulate.nlp.events.classify import EventTypeModel, bundled_model, features, snippet_types
from triangulate.nlp.extensions import CLAIMS, EVENTS, records
from triangulate.nlp.pipeline import load_pipeline

DOCS = Path(__file__).resolve().parents[2] / "docs" / "events.md"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def only(nlp: Language, text: str) -> Event:
    doc = nlp.make_doc(text)
    doc._.reference_date = "2030-06-12"
    found = [e for e in records(nlp(doc), EVENTS) if e.date]
    assert len(found) == 1, found
    return found[0]


def test_taking_ground_goes_by_the_side_of_who_took_it(nlp: Language) -> None:
    rebels = only(nlp, "Rebels captured the town of Harsk on Monday.")
    army = only(nlp, "The army recaptured the town of Harsk on Monday.")
    unknown = only(nlp, "Kastel captured the town of Harsk on Monday.")
    assert (rebels.event_type, rebels.sub_event_type) == (
        "Battles",
        "Non-state actor overtakes territory",
    )
    assert rebels.actor1_side == "non-state armed group"
    assert army.sub_event_type == "Government regains territory"
    assert army.actor1_side == "state forces"
    assert (unknown.event_type, unknown.sub_event_type) == ("Battles", None)


def test_a_violent_cue_refines_the_trigger_type(nlp: Language) -> None:
    bomb = only(nlp, "A suicide bomber killed 14 soldiers near the market on Tuesday.")
    assert bomb.type == "civilian_harm"
    assert (bomb.event_type, bomb.sub_event_type) == ("Explosions/Remote violence", "Suicide bomb")
    assert (bomb.actor2, bomb.actor2_side) == ("State forces", "state forces")
    plain = only(nlp, "Gunmen killed 5 villagers in Dolvar on Tuesday.")
    assert (plain.event_type, plain.sub_event_type) == ("Violence against civilians", "Attack")


def test_fatalities_keep_the_lowest_figure_its_claimant_and_every_claim(nlp: Language) -> None:
    doc = nlp.make_doc(
        "Orlani forces shelled Brenna on Monday, killing at least 12 people, local officials said."
    )
    doc._.reference_date = "2030-06-12"
    doc = nlp(doc)
    event = next(e for e in records(doc, EVENTS) if e.type == "shelling")
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.fatalities == 12
    assert event.fatalities_claimant == "local officials"
    claims = {c.id: c for c in records(doc, CLAIMS)}
    assert event.fatality_claim_ids and all(i in claims for i in event.fatality_claim_ids)
    talks = only(nlp, "The two ministers held talks in Amaret on Monday.")
    assert talks.fatalities is None and talks.fatality_claim_ids == ()
    assert talks.sub_event_type == "Diplomatic event"


def test_every_event_field_of_acled_is_a_known_pair(nlp: Language) -> None:
    event = only(nlp, "Orlani warplanes bombed a depot near Brenna on Sunday.")
    assert (event.event_type, event.sub_event_type) in set(SUB_EVENT_TYPES.values())
    assert set(DEFAULT_SUB_TYPE.values()) <= set(SUB_EVENT_TYPES)
    assert set(CUES) <= set(SUB_EVENT_TYPES)


def test_rules_type_snippets_by_their_cues(nlp: Language) -> None:
    cases = {
        "Police fired tear gas to disperse hundreds of protesters in the capital.": (
            "protest_with_intervention"
        ),
        "Two hand grenades were hurled at a police patrol in the old town.": "grenade",
        "A magnitude 6.1 earthquake struck the coast, killing three people.": "natural_disaster",
        "The rival factions signed a ceasefire agreement in Amaret.": "agreement",
    }
    for text, code in cases.items():
        assert rule_type(list(nlp(text))) == code, text


def test_a_saved_model_loads_without_pickle_and_predicts_the_same(
    nlp: Language, tmp_path: Path
) -> None:
    texts = {
        "arrest": [
            "Police arrested three men in Harsk.",
            "Officers detained a journalist at the border.",
            "Security forces arrested dozens of suspects overnight.",
        ],
        "grenade": [
            "A grenade was thrown at a patrol.",
            "Attackers hurled two grenades into a crowd.",
            "A hand grenade exploded near the station.",
        ],
        "agreement": [
            "The sides signed a peace agreement.",
            "Both parties agreed to a truce.",
            "The factions reached a deal on prisoner swaps.",
        ],
    }
    labels = [code for code, group in texts.items() for _ in group]
    found = [features(d) for d in nlp.pipe([t for group in texts.values() for t in group])]
    model = EventTypeModel.fit(found, labels)
    path = tmp_path / "model.npz"
    model.save(path)
    loaded = EventTypeModel.load(path)
    assert loaded.predict(found) == model.predict(found)
    fresh = [features(nlp("Soldiers detained five men at a checkpoint."))]
    assert loaded.predict(fresh) == ["arrest"]
    path.write_bytes(b"not a model")
    with pytest.raises(InputError, match="re-train"):
        EventTypeModel.load(path)


def test_the_shipped_model_is_small_and_types_every_snippet(nlp: Language) -> None:
    model = bundled_model()
    assert model is not None and len(model.classes) == 30
    docs = [nlp("Warplanes struck rebel positions near Brenna."), nlp("Crowds marched in Amaret.")]
    predicted = snippet_types(docs)
    assert len(predicted) == 2 and set(predicted) <= set(SUB_EVENT_TYPES)


def test_events_doc_lists_every_sub_type() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for code, (kind, sub) in SUB_EVENT_TYPES.items():
        assert f"`{code}`" in text and kind in text and sub in text, code


def test_the_shipped_model_was_trained_on_the_current_features(nlp: Language) -> None:
    """Renaming a cue code or an actor kind without re-training would silently drop the
    feature: the cue features of a snippet and the actor kinds must be in its vocabulary."""
    model = bundled_model()
    assert model is not None
    found = features(nlp("Rebels seized the town and the army shelled it with artillery."))
    cues, syntax = (set(v.get_feature_names_out()) for v in model.vectorizers[3:5])
    assert set(found.cues) <= cues
    kinds = {term.rsplit(">", 1)[1] for term in syntax if term.startswith("side=")}
    assert kinds and kinds <= {side for side, _ in SIDES}
