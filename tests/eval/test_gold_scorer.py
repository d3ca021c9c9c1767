"""The gold scorer on hand-made cases whose right scores are known."""

from __future__ import annotations

from triangulate.eval.gold import NOT_BUILT, score_gold
from triangulate.models import Document, Span

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
    assert result.unavailable == NOT_BUILT


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
