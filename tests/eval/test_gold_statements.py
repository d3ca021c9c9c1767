"""The quote, claim and event scorers of the gold task on hand-made rows with known scores."""

from __future__ import annotations

from triangulate.eval.gold_names import NameIndex, names_match
from triangulate.eval.gold_statements import score_claims, score_events, score_quotes
from triangulate.eval.result import EvalResult
from triangulate.models import Entity

NAMES = NameIndex.build(
    [
        Entity("e1", "Petar Vuk", "PERSON", aliases=["Vuk"]),
        Entity("e2", "Velinsk", "PLACE", country="QT"),
        Entity("e3", "Tresna", "PLACE", country="QT"),
        Entity("e4", "Tresnian", "NORP", country="QT"),
    ],
    {"e1": ["Petar Vuk", "Vuk"]},
)

GOLD_QUOTES = {
    "d1": [
        {"speaker": "Petar Vuk", "kind": "direct", "contains": "the bridge is ours"},
        {"speaker": "Petar Vuk", "kind": "indirect", "contains": "talks would resume in May"},
    ]
}


def _quote(text: str, speaker: str | None = "Vuk", entity: str | None = "e1") -> dict:
    return {"speaker": speaker, "speaker_entity_id": entity, "text": text, "kind": "direct"}


def test_perfect_empty_and_half_right_quotes() -> None:
    perfect = EvalResult("gold")
    score_quotes(
        perfect,
        GOLD_QUOTES,
        {"d1": [_quote("the bridge is ours, he said"), _quote("talks would resume in May")]},
        NAMES,
    )
    assert perfect.metrics["quotes F1"] == 1.0

    empty = EvalResult("gold")
    score_quotes(empty, GOLD_QUOTES, {}, NAMES)
    assert empty.metrics["quotes recall"] == 0.0 and empty.metrics["quotes F1"] == 0.0

    half = EvalResult("gold")
    score_quotes(
        half,
        GOLD_QUOTES,
        {
            "d1": [
                _quote("the bridge is ours"),
                _quote("talks would resume in May", "Tresnian", "e4"),
            ]
        },
        NAMES,
    )
    assert half.metrics["quotes precision"] == 0.5 and half.metrics["quotes recall"] == 0.5
    assert half.details["quotes false alarms"][0]["speaker"] == "Tresnian"


def test_names_match_entity_words_typos_and_sides() -> None:
    assert names_match("Petar Vuk", "Vuk", "e1", NAMES)
    assert names_match("AFP analysis of ISW data", "AFP", None, NAMES)
    assert names_match("Ministry of Defence of Tresna", "defence ministry", None, NAMES)
    assert names_match("Dmytro Kholod", "Dymtro Kholod", None, NAMES)
    assert not names_match("Petar Vuk", "Tresnian", "e4", NAMES)
    assert not names_match("Velinsk", "Tresna", "e3", NAMES)
    assert names_match("Velinsk", "Tresna", "e3", NAMES, sides=True)
    assert names_match("Someone | Velinsk", "Velinsk", "e2", NAMES)


def _claim(value: float | None, low: float | None = None, high: float | None = None, **kw) -> dict:
    row = {
        "value": value,
        "value_low": value if low is None else low,
        "value_high": value if high is None else high,
        "unit": "km2",
        "claimant": "Velinsk",
        "claimant_entity_id": "e2",
        "restates": None,
        "surface": "x",
        "measured": "area",
    }
    return row | kw


def test_claims_values_units_claimants_and_restatements() -> None:
    gold = {
        "d1": [
            {"value": 1000, "unit": "km2", "claimant": "Tresna"},
            {"value_low": 1, "value_high": 2, "unit": "km", "claimant": "Petar Vuk"},
        ]
    }
    system = {
        "d1": [
            _claim(1005),  # within 1 %, claimant on the same side
            _claim(386, restates="d1:c0"),  # a unit check, not a claim of its own
            _claim(None, 1, 2, unit="km", claimant="Vuk", claimant_entity_id="e1"),
        ]
    }
    result = EvalResult("gold")
    score_claims(result, gold, system, NAMES)
    assert result.metrics["claims F1"] == 1.0
    wrong = {"d1": [_claim(1100), _claim(None, 1, 3, unit="km", claimant="Vuk")]}
    result = EvalResult("gold")
    score_claims(result, gold, wrong, NAMES)
    assert result.metrics["claims F1"] == 0.0


def test_events_need_the_date_at_gold_granularity_and_the_sentence() -> None:
    text = "Shelling hit Zhelvar on 15 March. Talks opened in Sedrin in April."
    gold = {
        "d1": [
            {"date": "2031-03-15", "what": "shelling hits Zhelvar"},
            {"date": "2031-04", "what": "talks open in Sedrin"},
        ]
    }

    def event(date: str, start: int, end: int) -> dict:
        return {"doc_id": "d1", "date": date, "sentence_start": start, "sentence_end": end,
                "type": "x", "summary": "x"}  # fmt: skip

    right = {"d1": [event("2031-03-15", 0, 33), event("2031-04-03", 34, len(text))]}
    result = EvalResult("gold")
    score_events(result, gold, right, {"d1": text})
    assert result.metrics["events F1"] == 1.0
    swapped = {"d1": [event("2031-03-14", 0, 33), event("2031-04", 0, 33)]}
    result = EvalResult("gold")
    score_events(result, gold, swapped, {"d1": text})
    assert result.metrics["events F1"] == 0.0


def test_no_score_when_the_gold_lists_no_item_of_the_kind() -> None:
    result = EvalResult("gold")
    score_quotes(result, {"d1": []}, {"d1": [_quote("anything")]}, NAMES)
    assert not any(name.startswith("quotes") for name in result.metrics)
