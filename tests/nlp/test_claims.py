"""The claims component on short made-up sentences, and its spans over the sample corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from triangulate import api
from triangulate.models import Claim, Quote
from triangulate.nlp.extensions import CLAIMS, QUOTES, records, write
from triangulate.nlp.pipeline import analyze_documents, load_pipeline
from triangulate.store import Store

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "triangulate" / "data" / "sample"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def claims(nlp: Language, text: str) -> list[Claim]:
    return records(nlp(text), CLAIMS)


def test_qualified_counts_and_people(nlp: Language) -> None:
    (drones, people) = claims(
        nlp, "The army said it shot down at least 40 drones and evacuated nearly 3,000 people."
    )
    assert (drones.value, drones.unit, drones.qualifier) == (40, "count", "at_least")
    assert (people.value, people.unit, people.qualifier) == (3000, "person", "less_than")
    assert drones.surface == "at least 40 drones"
    assert drones.claimant == "army" and drones.claimant_kind == "organisation"


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("Rebels advanced from one to two kilometres on Friday.", 1, 2, "km"),
        ("Rebels advanced 3-4 miles on Friday.", 4.828, 6.437, "km"),
        ("Crews cleared between 5 and 7 sq km of farmland.", 5, 7, "km2"),
        ("Twelve thousand soldiers crossed the river.", 12000, 12000, "person"),
        ("The donors pledged $2 billion for the dam.", 2e9, 2e9, "usd"),
        ("Turnout reached 64 per cent in the north.", 64, 64, "percent"),
    ],
)
def test_values_ranges_and_units(
    nlp: Language, text: str, low: float, high: float, unit: str
) -> None:
    (claim,) = claims(nlp, text)
    assert claim.value_low == pytest.approx(low, rel=1e-3)
    assert claim.value_high == pytest.approx(high, rel=1e-3)
    assert claim.unit == unit
    assert (claim.value is None) == (low != high)


def test_a_restatement_in_other_units_is_the_same_claim(nlp: Language) -> None:
    text = "The rebels hold about 500 square kilometres (193 square miles)."
    (good,) = claims(nlp, text)
    assert good.alternative == "193 square miles" and good.consistent is True
    assert good.alternative_start is not None and good.alternative_end is not None
    assert text[good.alternative_start : good.alternative_end] == "193 square miles"
    (wrong,) = claims(nlp, "The rebels hold about 500 square kilometres (300 square miles).")
    assert wrong.consistent is False
    (range_,) = claims(nlp, "They pulled back one to two kilometres (0.6-1.2 miles) on Friday.")
    assert range_.value_low == 1 and range_.alternative == "0.6-1.2 miles" and range_.consistent


def test_where_a_claimant_spoke_is_not_the_place_of_the_figure(nlp: Language) -> None:
    (spoken,) = claims(
        nlp, "Troops hold 300 square kilometres, a spokesman told reporters in Velinsk."
    )
    assert spoken.location is None
    (counted,) = claims(nlp, "Shelling killed 12 people in Velinsk, the governor said in Orlan.")
    assert counted.location == "Velinsk"


def test_claim_ids_stay_unique_after_a_restatement_is_folded(nlp: Language) -> None:
    text = (
        "The guns fired from 2km (1.2 miles) off the shore and hit a ridge 30km (19 miles) "
        "inland. The ministry said the column stopped 45km (28 miles) from the town."
    )
    found = claims(nlp, text)
    assert [c.alternative for c in found] == ["1.2 miles", "19 miles", "28 miles"]
    assert len({c.id for c in found}) == 3


@pytest.mark.parametrize(
    "text",
    [
        "In 1998, a 52-year-old man boarded Flight No. 7 at 4:30 p.m.",
        "Pilots flew Su-34 jets over the port on 3 May 2021.",
        "One of the officials said the two countries had talked for three hours.",
        "Call 555-0143 for details, page 12.",
    ],
)
def test_what_is_not_a_claim(nlp: Language, text: str) -> None:
    assert claims(nlp, text) == []


def test_vague_plurals_are_left_out(nlp: Language) -> None:
    assert claims(nlp, "The army captured dozens of villages.") == []


def test_according_to_names_the_claimant(nlp: Language) -> None:
    (claim,) = claims(
        nlp,
        "According to the governor, Ivan Petrenko, more than 2,000 residents have fled Kharkiv.",
    )
    assert claim.claimant == "Ivan Petrenko" and claim.claimant_kind == "person"
    assert claim.location == "Kharkiv"


def test_by_someones_account_names_the_claimant(nlp: Language) -> None:
    (claim,) = claims(nlp, "By the Red Cross's count, at least 40 people were hurt in Orlan.")
    assert claim.claimant == "Red Cross"
    (unnamed,) = claims(nlp, "By this count, at least 40 people were hurt in Orlan.")
    assert unnamed.claimant is None
    (killers,) = claims(nlp, "Ten people were killed by Syrian troops according to the count.")
    assert killers.claimant != "Syrian", "the phrase must end at its noun"


def test_collectives_and_parentheticals_are_sides(nlp: Language) -> None:
    text = (
        "The army holds 900 square kilometres according to Moscow's version "
        "(analysts consider the figure of 600 to be more realistic)."
    )
    official, estimate = claims(nlp, text)
    assert official.claimant == "Moscow" and official.claimant_kind == "side"
    assert estimate.value == 600 and estimate.unit == "km2"
    assert estimate.claimant == "analysts" and estimate.claimant_kind == "side"
    assert estimate.hedge == "more realistic"


def test_an_unattributed_figure_is_the_outlets(nlp: Language) -> None:
    (claim,) = claims(nlp, "More than 9,000 people have left the city since March.")
    assert claim.claimant is None and claim.claimant_kind == "outlet"


def test_a_quote_gives_its_speaker(nlp: Language) -> None:
    text = '"We lost 14 tanks," General Ivan Petrenko said.'
    doc: Doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "triangulate_claims":
            break
        doc = proc(doc)
    start = text.index("Ivan")
    write(doc, QUOTES, [Quote("q0", "direct", 1, 18, text[1:18], 0, len(text), "Ivan Petrenko",
                              start, start + len("Ivan Petrenko"))])  # fmt: skip
    (claim,) = records(nlp.get_pipe("triangulate_claims")(doc), CLAIMS)
    assert claim.quote_id == "q0" and claim.claimant == "Ivan Petrenko"
    assert claim.claimant_kind == "person"


def test_date_comes_from_the_sentence(nlp: Language) -> None:
    doc = nlp.make_doc("On 3 March 2024 the ministry said 12 villages were shelled.")
    doc._.reference_date = "2024-03-05"
    (claim,) = records(nlp(doc), CLAIMS)
    assert claim.date == "2024-03-03"


def test_sample_corpus_spans_are_exact_and_inside_their_sentence(tmp_path: Path) -> None:
    db = tmp_path / "sample.duckdb"
    api.ingest([str(SAMPLE / "corpus")], db, run_analysis=False, outlets=SAMPLE / "outlets.csv",
               gazetteers=[SAMPLE / "gazetteer.csv"])  # fmt: skip
    with Store(db) as store:
        documents = list(store.documents())
    nlp = load_pipeline(gazetteers=(SAMPLE / "gazetteer.csv",), outlets=(SAMPLE / "outlets.csv",))
    total = 0
    for document, analysis in zip(documents, analyze_documents(documents, nlp), strict=True):
        for claim in analysis.claims:
            total += 1
            assert document.text[claim.start : claim.end] == claim.surface
            assert claim.sentence_start <= claim.start < claim.end <= claim.sentence_end
            if claim.claimant_start is not None:
                assert document.text[claim.claimant_start : claim.claimant_end] == claim.claimant
    assert total > 50


def _with_quotes(nlp: Language, text: str, quotes: list[Quote]) -> list[Claim]:
    doc: Doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "triangulate_claims":
            break
        doc = proc(doc)
    write(doc, QUOTES, quotes)
    return records(nlp.get_pipe("triangulate_claims")(doc), CLAIMS)


def test_figures_follow_the_innermost_attribution_and_roles(nlp: Language) -> None:
    text = "The mayor told reporters that officials said 40 homes burned. 300 people fled."
    outer = Quote("q0", "indirect", text.index("officials"), text.index("."), "x", 0, 61,
                  "mayor", text.index("mayor"), text.index("mayor") + 5)  # fmt: skip
    inner = Quote("q1", "indirect", text.index("40"), text.index("."), "x", 0, 61, None,
                  speaker_role="officials")  # fmt: skip
    homes, people = _with_quotes(nlp, text, [outer, inner])
    assert homes.quote_id == "q1" and homes.claimant == "officials"
    assert people.quote_id is None and people.claimant_kind == "outlet"


def test_measured_is_never_a_verb_and_hedges_keep_to_their_clause(nlp: Language) -> None:
    text = (
        "Kyiv says it has taken 1,000 square kilometres of Russian territory, while analysts "
        "reportedly put the figure at 800 square kilometres."
    )
    kyiv, analysts = claims(nlp, text)
    assert kyiv.measured == "square kilometres of Russian territory"
    assert kyiv.hedge is None and analysts.hedge == "reportedly"
    assert analysts.measured is None


def test_quantities_list_every_figure_with_its_change(nlp: Language) -> None:
    finder = nlp.get_pipe("triangulate_claims")
    doc = nlp("Shares rose 5% to $58.24 a barrel, about 3 miles (4.8 km) from 2 to 3 times.")
    found = [(q.found.low, q.found.high, q.unit.name if q.unit else "-", q.change)
             for q in finder.quantities(doc)]  # fmt: skip
    assert found == [
        (5, 5, "percentage", "up"), (58.24, 58.24, "dollar per barrel", "="),
        (3, 3, "mile", "~"), (4.8, 4.8, "kilometre", "~"), (2, 3, "count", "="),
    ]  # fmt: skip
