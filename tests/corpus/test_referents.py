"""What a figure counts, from the words around it (corpus/referents.py)."""

from __future__ import annotations

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
