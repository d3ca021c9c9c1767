"""What a figure counts, from the words around it (corpus/referents.py)."""

from __future__ import annotations

import pytest

from triangulate.corpus.referents import basis, referent


def test_the_dead_at_a_shelled_market_are_not_a_market_figure() -> None:
    found = referent(
        "civilians",
        "Artillery shells struck the crowded market, and ",
        " were killed in the shelling, the administration said.",
        "count",
        "12 civilians",
    )
    assert not found.market and found.concept is not None


def test_a_price_move_is_a_market_figure() -> None:
    assert referent("crude", "U.S. crude fell ", " a barrel on Monday.", "currency", "$2.87").market
    assert referent(
        None, "The index slipped ", " in early trading.", "percent", "0.34 percent"
    ).market


def test_a_total_stated_as_more_than_is_not_an_increment() -> None:
    sentence = (
        "More than 900 people have been killed across the province since March, monitors say."
    )
    surface = "More than 900 people"
    after = sentence[len(surface) :]
    assert basis(sentence, "", surface, after).kind != "increment"
    added = "Medics said 12 more people were killed in the town on Sunday."
    start = added.index("12")
    assert basis(added, added[:start], "12 more people", added[start + 14 :]).kind == "increment"


@pytest.mark.parametrize(
    ("before", "surface", "after"),
    [
        ("The agency expects to house ", "10,000 refugees", " in the camp."),
        ("The UN will deploy ", "300 observers", " next month."),
        ("Some ", "10,000 refugees", " are expected to arrive this week."),
    ],
)
def test_a_plan_expectation_or_capacity_is_a_projection(
    before: str, surface: str, after: str
) -> None:
    assert basis(before + surface + after, before, surface, after).kind == "projected"


@pytest.mark.parametrize(
    ("before", "surface", "after"),
    [
        ("As many as ", "100 people", " may have been killed."),
        ("Officials said they expected that ", "40 people", " had died."),
        ("The army, which would later deny it, killed ", "30 people", "."),
        ("In May ", "2,000 people", " fled to Turkey."),
        ("Due to the fighting ", "2,000 people", " fled."),
        ("A prepared statement said ", "20 people", " died."),
        ("Reports that guards may be active in Syria are one reason why ", "48 pilgrims", "."),
    ],
)
def test_a_hedged_or_past_count_is_no_projection(before: str, surface: str, after: str) -> None:
    assert basis(before + surface + after, before, surface, after).kind != "projected"


@pytest.mark.parametrize("since", ["since January", "since October 2023", "since 2014"])
def test_a_total_since_a_month_or_year_is_cumulative(since: str) -> None:
    sentence = f"More than 900 people have been killed {since}, monitors say."
    assert basis(sentence).kind == "cumulative"


def test_a_later_clause_about_another_figure_does_not_set_the_basis() -> None:
    sentence = "Activists said 40 people were killed, with one group putting the toll at 70."
    before, surface = "Activists said ", "40 people"
    after = sentence[len(before) + len(surface) :]
    assert basis(sentence, before, surface, after).kind == "event"
    start = sentence.index("70")
    assert basis(sentence, sentence[:start], "70", sentence[start + 2 :]).kind == "cumulative"


@pytest.mark.parametrize(
    ("sentence", "figure", "kind"),
    [
        (
            "The UN says the war has cost more than 8,000 lives since it began.",
            "8,000",
            "cumulative",
        ),
        ("He spoke a day after the uprising, which has left 8,000 people dead.", "8,000", "event"),
        ("About 20 people are killed a day in the city.", "20 people", "rate"),
    ],
)
def test_since_it_began_is_the_total_and_a_day_after_is_no_rate(
    sentence: str, figure: str, kind: str
) -> None:
    start = sentence.index(figure)
    after = sentence[start + len(figure) :]
    assert basis(sentence, sentence[:start], figure, after).kind == kind
