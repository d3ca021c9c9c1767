"""The gold scorer on hand-made cases whose right scores are known."""

from __future__ import annotations

from triangulate.eval.gold import StoredAnalysis, score_gold
from triangulate.models import Document, Entity, Span, TimeExpression

TEXT = "Security measures\n\nOnly adult men will be allowed to enter the areas."

GOLD = {
    "documents": {
        "a.txt": {
            "published": "2024-07-17",
            "source": "TASS",
            "must_keep": ["Only adult men will be allowed", "enter the areas"],
            "must_drop": ["Follow Us"],
            "headings": ["Security measures"],
        },
        "b.txt": {
            "published": None,
            "source": "CNN",
            "must_keep": [],
            "must_drop": [],
            "headings": [],
        },
    }
}


def doc(name: str, text: str, **fields) -> Document:  # type: ignore[no-untyped-def]
    return Document(id=name, path=f"/x/{name}", text=text, raw=text, **fields)


def perfect() -> list[Document]:
    return [
        doc("a.txt", TEXT, published="2024-07-17", source="TASS", headings=[Span(0, 17)]),
        doc("b.txt", "Nothing here.", published=None, source="CNN"),
    ]


def test_perfect_system() -> None:
    result = score_gold(GOLD, perfect())
    for name in ("published accuracy", "source accuracy", "must_keep recall", "must_drop removed",
                 "headings precision", "headings recall", "headings F1"):  # fmt: skip
        assert result.metrics[name] == 1.0, name
    assert "entities, places, time" in result.unavailable


def test_empty_system() -> None:
    result = score_gold(
        GOLD, [doc("a.txt", "Follow Us"), doc("b.txt", "x", published="2024-01-01")]
    )
    assert result.metrics["published accuracy"] == 0.0
    assert result.metrics["source accuracy"] == 0.0
    assert result.metrics["must_keep recall"] == 0.0
    assert result.metrics["must_drop removed"] == 0.0
    assert result.metrics["headings recall"] == 0.0 and result.metrics["headings F1"] == 0.0


def test_half_right_system() -> None:
    a = doc("a.txt", "enter the areas. Extra line", published="2024-07-17", source="AFP",
            headings=[Span(0, 15), Span(17, 27)])  # fmt: skip
    result = score_gold(GOLD, [a, doc("b.txt", "x", source="CNN")])
    assert result.metrics["published accuracy"] == 1.0
    assert result.metrics["source accuracy"] == 0.5
    assert result.metrics["must_keep recall"] == 0.5
    assert result.metrics["headings precision"] == 0.0
    assert result.details["source errors"] == [
        {"document": "a.txt", "expected": "TASS", "got": "AFP"}
    ]


def test_missing_documents_are_listed_not_scored() -> None:
    result = score_gold(GOLD, perfect()[:1])
    assert result.metrics["documents scored"] == 1.0
    assert result.details["missing documents"] == [{"document": "b.txt"}]


ACROSS = {
    "documents": {"a.txt": {"events": [{"date": "2024-07-16"}, {"date": "2024-05"}]}},
    "entity_variants": [["Kiev", "Kyiv"], ["Dmitry Peskov", "Peskov"]],
    "distinct_entities": [["Vladimir Putin", "Vladimir Zelensky"]],
    "places": {"Kyiv": {"lat": 50.45, "lon": 30.52}, "Kursk": {"lat": 51.73, "lon": 36.19}},
}


def analysis(kyiv_lat: float, merged: bool) -> StoredAnalysis:
    people = (
        [Entity("p1", "Vladimir Putin", "PERSON", ["Vladimir Putin", "Vladimir Zelensky"])]
        if merged
        else [
            Entity("p1", "Vladimir Putin", "PERSON", ["Vladimir Putin"]),
            Entity("p2", "Vladimir Zelensky", "PERSON", ["Vladimir Zelensky"]),
        ]
    )
    return StoredAnalysis(
        entities=[
            Entity("k", "Kyiv", "PLACE", ["Kyiv", "Kiev"], lat=kyiv_lat, lon=30.52),
            Entity("d", "Dmitry Peskov", "PERSON", ["Dmitry Peskov", "Peskov"]),
            *people,
        ],
        mention_texts={"k": ["Kyiv", "Kiev"]},
        timexes={"a.txt": [TimeExpression(0, 7, "July 16", "DATE", "2024-07-16", "day")]},
    )


def test_entities_places_and_dates_perfect_and_half_right() -> None:
    docs = [doc("a.txt", "x")]
    good = score_gold(ACROSS, docs, analysis(50.45, merged=False))
    assert good.metrics["entity_variants resolved"] == 1.0
    assert good.metrics["distinct_entities kept apart"] == 1.0
    assert good.metrics["places within 25 km"] == 0.5  # Kursk was never found
    assert good.metrics["event dates among timexes"] == 0.5
    bad = score_gold(ACROSS, docs, analysis(52.0, merged=True))
    assert bad.metrics["distinct_entities kept apart"] == 0.0
    assert bad.metrics["places within 25 km"] == 0.0
    assert bad.details["places missed"][0]["km"] > 25
