"""Corroborated statements: one speaker's words carried by independent outlets."""

from __future__ import annotations

from dataclasses import asdict

from triangulate.corpus.statements import group_statements


def _quote(qid: str, doc: str, speaker: str, text: str, source: str) -> dict:
    return {
        "id": f"{doc}:{qid}",
        "doc_id": doc,
        "speaker": speaker,
        "speaker_entity_id": "e-" + speaker.split()[-1].lower(),
        "text": text,
        "source": source,
        "kind": "indirect",
        "start": 0,
        "sentence_start": 0,
        "sentence_end": len(text),
    }


QUOTES = [
    _quote("q0", "d1", "Vesna Tarnai", "the evacuation of Zhelvar will protect its residents", "A"),
    _quote("q0", "d2", "Tarnai", "Zhelvar residents are evacuated to protect them", "B"),
    _quote("q1", "d2", "Tarnai", "the bridge at Brenna remains closed to traffic", "B"),
    _quote("q0", "d3", "Tarnai", "the evacuation of Zhelvar protects residents", "A-copy"),
    _quote("q0", "d4", "Arman Jaksyl", "the evacuation of Zhelvar protects its residents", "C"),
]


def test_same_speaker_same_words_from_independent_origins_is_one_group() -> None:
    origins = {"d1": "A", "d2": "B", "d3": "A", "d4": "C"}  # d3 copies d1's wire
    (group,) = group_statements("s1", QUOTES, origins)
    assert group.speaker == "Vesna Tarnai"
    assert {m["doc_id"] for m in group.members} == {"d1", "d2", "d3"}
    assert group.origins == ["A", "B"]
    assert asdict(group)["status"] == "corroborated"


def test_one_origin_or_other_words_is_no_corroboration() -> None:
    assert group_statements("s1", QUOTES[:1] + QUOTES[3:4], {"d1": "A", "d3": "A"}) == []
    assert group_statements("s1", QUOTES[:1] + QUOTES[2:3], {"d1": "A", "d2": "B"}) == []
