"""A small fictional story as export-table rows: three reports on a border incursion.

Outlets, people and figures are invented; the places (Kursk, Belgorod) are real so
that the map has real outlines under them. Offsets are computed from the texts; the
`sentences` table holds the fixture's sentences, as the NLP step would store them.
"""

from __future__ import annotations

from typing import Any

import pytest

SENTENCES = {
    "d1": [
        "KURSK, May 2 (Northwire) - Armoured columns crossed into the Kursk region on Monday.",
        "The defence ministry said its forces held 1,200 square kilometres.",
        "Analysts at the Borel Institute put the area at about 700 square kilometres.",
        '"We will create a buffer zone to protect our villages," minister Ana Petrenko said.',
        "The governor of Belgorod declared an emergency on Tuesday.",
        "About 5,000 residents have fled, the regional authorities said.",
    ],
    "d2": [
        "MOSCOW, May 3. /SAB/. The Kiev regime keeps conducting barbarous attacks on the "
        "Belgorod region, spokesman Ivan Sorokin said.",
        '"The security zone will protect our citizens & their homes," Sorokin said.',
        "The governor of Belgorod declared an emergency.",
        "Ukrainian armed formations hold no more than 300 square kilometres, the ministry said.",
    ],
    "d3": [
        "The incursion into Kursk continued for a fourth day.",
        "Officials in Kyiv said their forces controlled 1,200 square kilometres.",
        "Some 5,000 residents have fled the border area, according to the regional authorities.",
        '"Nobody told us anything <at all>," a resident of Kursk said.',
    ],
}
SOURCES = {"d1": "Northwire", "d2": "State Agency B", "d3": "Daily Courier"}


def _text(doc_id: str) -> str:
    return " ".join(SENTENCES[doc_id])


def sentence(doc_id: str, index: int) -> tuple[int, int]:
    """(start, end) of a sentence of the fixture, as offsets into the document text."""
    start = _text(doc_id).index(SENTENCES[doc_id][index])
    return start, start + len(SENTENCES[doc_id][index])


def span(doc_id: str, surface: str, index: int) -> tuple[int, int]:
    """(start, end) of `surface` inside sentence `index`."""
    s_start, _ = sentence(doc_id, index)
    start = _text(doc_id).index(surface, s_start)
    return start, start + len(surface)


def build_tables() -> dict[str, list[dict[str, Any]]]:
    docs = [
        {
            "id": d,
            "path": f"/corpus/{d}.txt",
            "source": SOURCES[d],
            "title": f"Report {d}",
            "text": _text(d),
            "published": None if d == "d2" else f"2031-05-0{d[1]}",
            "published_inferred": "2031-05-03" if d == "d2" else None,
            "published_inferred_evidence": {"rule": "earliest event"} if d == "d2" else None,
            "duplicate_of": None,
        }
        for d in SENTENCES
    ]
    entities = [
        {
            "id": "place:kursk",
            "name": "Kursk",
            "type": "PLACE",
            "aliases": [],
            "lat": 51.73,
            "lon": 36.19,
            "country": "RU",
        },
        {
            "id": "place:belgorod",
            "name": "Belgorod",
            "type": "PLACE",
            "aliases": [],
            "lat": 50.6,
            "lon": 36.6,
            "country": "RU",
        },
        {
            "id": "person:petrenko",
            "name": "Ana Petrenko",
            "type": "PERSON",
            "aliases": [],
            "lat": None,
            "lon": None,
            "country": "UA",
        },
        {
            "id": "person:sorokin",
            "name": "Ivan Sorokin",
            "type": "PERSON",
            "aliases": [],
            "lat": None,
            "lon": None,
            "country": "RU",
        },
    ]
    mentions = []
    for doc_id, surface, index, entity in [
        ("d1", "Kursk", 0, "place:kursk"),
        ("d1", "Belgorod", 4, "place:belgorod"),
        ("d2", "Belgorod", 0, "place:belgorod"),
        ("d2", "Belgorod", 2, "place:belgorod"),
        ("d3", "Kursk", 0, "place:kursk"),
        ("d1", "Ana Petrenko", 3, "person:petrenko"),
        ("d2", "Ivan Sorokin", 0, "person:sorokin"),
    ]:
        start, end = span(doc_id, surface, index)
        mentions.append(
            {
                "doc_id": doc_id,
                "entity_id": entity,
                "start": start,
                "end": end,
                "text": surface,
                "label": "PLACE",
            }
        )
    quotes = [
        _quote(
            "d1",
            3,
            "We will create a buffer zone to protect our villages",
            "Ana Petrenko",
            "person:petrenko",
            "minister",
        ),
        _quote(
            "d2",
            1,
            "The security zone will protect our citizens & their homes",
            "Sorokin",
            "person:sorokin",
            "spokesman",
        ),
        _quote("d3", 3, "Nobody told us anything <at all>", "a resident of Kursk", None, None),
    ]
    claims = [
        _claim("c1", "d1", 1, "1,200 square kilometres", 1200, None, "defence ministry"),
        _claim("c2", "d1", 2, "700 square kilometres", 700, "about", "Borel Institute"),
        _claim("c3", "d3", 1, "1,200 square kilometres", 1200, None, "Officials in Kyiv"),
        _claim("c4", "d2", 3, "300 square kilometres", 300, "at most", "the ministry"),
        _claim("c5", "d1", 5, "5,000 residents", 5000, "about", "regional authorities", "person"),
        _claim("c6", "d3", 2, "5,000 residents", 5000, "about", "regional authorities", "person"),
    ]
    events = [
        _event("e1", "d1", 0, "2031-04-28", "Armoured columns crossed into the Kursk region"),
        _event("e2", "d1", 4, "2031-04-29", "The governor of Belgorod declared an emergency"),
        _event("e3", "d2", 2, "2031-04-29", "The governor of Belgorod declared an emergency"),
    ]
    by_id = {c["id"].split(":")[1]: c for c in claims}
    groups = [
        {
            "id": "g1",
            "story_id": "s1",
            "measured": "area held in the Kursk region",
            "unit": "km2",
            "status": "conflict",
            "members": [_member(by_id[c]) for c in ("c1", "c2", "c3", "c4")],
            "detail": None,
        },
        {
            "id": "g2",
            "story_id": "s1",
            "measured": "residents who fled",
            "unit": "person",
            "status": "corroborated",
            "members": [_member(by_id[c]) for c in ("c5", "c6")],
            "detail": None,
        },
    ]
    timeline = [
        {
            "story_id": "s1",
            "date": "2031-04-28",
            "granularity": "day",
            "summary": "Armoured columns crossed into the Kursk region",
            "event_ids": ["d1:e1"],
            "doc_ids": ["d1"],
            "sources": ["Northwire"],
            "type": "attack",
            "inferred": False,
        },
        {
            "story_id": "s1",
            "date": "2031-04-29",
            "granularity": "day",
            "summary": "The governor of Belgorod declared an emergency",
            "event_ids": ["d1:e2", "d2:e3"],
            "doc_ids": ["d1", "d2"],
            "sources": ["Northwire", "State Agency B"],
            "type": "declaration",
            "inferred": True,
        },
    ]
    stories = [
        {
            "id": "s1",
            "title": "Kursk incursion",
            "doc_ids": ["d1", "d2", "d3"],
            "start_date": "2031-04-28",
            "end_date": "2031-05-04",
            "storyline_id": None,
        }
    ]
    return {
        "documents": docs,
        "entities": entities,
        "mentions": mentions,
        "quotes": quotes,
        "claims": claims,
        "events": events,
        "stories": stories,
        "claim_groups": groups,
        "timeline": timeline,
        "framing": [],
        "sentences": [
            {"doc_id": d, "position": i, "start": s, "end": e, "text": _text(d)[s:e]}
            for d in SENTENCES
            for i in range(len(SENTENCES[d]))
            for s, e in [sentence(d, i)]
        ],
    }


def _quote(
    doc_id: str, index: int, text: str, speaker: str, entity: str | None, role: str | None
) -> dict[str, Any]:
    start, end = span(doc_id, text, index)
    s_start, s_end = sentence(doc_id, index)
    return {
        "id": f"{doc_id}:q{index}",
        "doc_id": doc_id,
        "speaker": speaker,
        "speaker_entity_id": entity,
        "speaker_role": role,
        "kind": "direct",
        "cue": "said",
        "text": text,
        "start": start,
        "end": end,
        "sentence_start": s_start,
        "sentence_end": s_end,
        "source": SOURCES[doc_id],
    }


def _claim(
    claim_id: str,
    doc_id: str,
    index: int,
    surface: str,
    value: float,
    qualifier: str | None,
    claimant: str,
    unit: str = "km2",
) -> dict[str, Any]:
    start, end = span(doc_id, surface, index)
    s_start, s_end = sentence(doc_id, index)
    return {
        "id": f"{doc_id}:{claim_id}",
        "doc_id": doc_id,
        "value": value,
        "value_low": None,
        "value_high": None,
        "qualifier": qualifier,
        "unit": unit,
        "surface": surface,
        "measured": None,
        "claimant": claimant,
        "claimant_entity_id": None,
        "claimant_kind": "organisation",
        "hedge": None,
        "start": start,
        "end": end,
        "sentence_start": s_start,
        "sentence_end": s_end,
        "source": SOURCES[doc_id],
        "published": "2031-05-02",
    }


def _event(event_id: str, doc_id: str, index: int, date: str, summary: str) -> dict[str, Any]:
    s_start, s_end = sentence(doc_id, index)
    return {
        "id": f"{doc_id}:{event_id}",
        "doc_id": doc_id,
        "date": date,
        "granularity": "day",
        "type": "event",
        "summary": summary,
        "actors": [],
        "location": None,
        "location_entity_id": None,
        "start": s_start,
        "end": s_end,
        "sentence_start": s_start,
        "sentence_end": s_end,
        "source": SOURCES[doc_id],
    }


def _member(claim: dict[str, Any]) -> dict[str, Any]:
    """A claim-group member; the first one leaves its sentence to be looked up by claim id."""
    member = {
        k: claim[k]
        for k in ("doc_id", "source", "claimant", "value", "value_low", "value_high", "qualifier")
    }
    member.update(claim_id=claim["id"], date=claim["published"], derived=False)
    if claim["id"] != "d1:c1":
        member.update(sentence_start=claim["sentence_start"], sentence_end=claim["sentence_end"])
    return member


@pytest.fixture
def tables() -> dict[str, list[dict[str, Any]]]:
    return build_tables()
