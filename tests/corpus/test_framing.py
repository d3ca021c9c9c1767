"""Framing: lexicon terms per outlet with exact spans, and outlet-typical wording."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from triangulate.corpus.framing import (
    TYPICAL_REFERENT,
    UNATTRIBUTED,
    FramingRow,
    frame_story,
    typical_terms,
)
from triangulate.corpus.sentences import with_sentences
from triangulate.resources.framing import load_lexicon

LEXICON = load_lexicon()


def doc(doc_id: str, source: str | None, text: str | list[str], **extra: Any) -> dict[str, Any]:
    """A document row; given a list of sentences, its text is them joined by spaces and its
    `sentences` are their spans, as the NLP step stores spaCy's."""
    if isinstance(text, list):
        spans, start = [], 0
        for sentence in text:
            spans.append((start, start + len(sentence)))
            start += len(sentence) + 1
        extra = {"sentences": spans, **extra}
        text = " ".join(text)
    return {"id": doc_id, "source": source, "text": text, **extra}


def lexicon_terms(rows: list[FramingRow]) -> dict[str, dict[str, str]]:
    """outlet -> term -> referent, for lexicon rows."""
    found: dict[str, dict[str, str]] = {}
    for row in rows:
        if row.kind == "lexicon":
            found.setdefault(row.source, {})[row.term] = row.referent
    return found


def assert_spans(rows: list[FramingRow], docs: list[dict[str, Any]]) -> None:
    texts = {d["id"]: d["text"] for d in docs}
    for row in rows:
        assert row.examples and row.count >= len(row.examples)
        for example in row.examples:
            text = texts[example["doc_id"]]
            assert text[example["start"] : example["end"]] == example["surface"]
            if row.kind == "lexicon":
                # the surface is the term, up to case, hyphens, apostrophes and number
                def key(s: str) -> str:
                    return re.sub(r"[-\s'’]+", "", s.casefold()).rstrip("s")

                assert key(example["surface"]) == key(row.term)
                start, end = example["sentence_start"], example["sentence_end"]
                assert start <= example["start"] < example["end"] <= end


DOCS = [
    doc(
        "a1",
        "Agency East",
        [
            "MOSCOW, June 2.",
            "The Kiev regime shelled the border again.",
            "Its barbaric attack on Belgorod killed two, officials said.",
            "The special military operation will create a sanitary zone.",
        ],
    ),
    doc(
        "w1",
        "Western Wire",
        [
            "KYIV - Ukraine's incursion into the Kursk region continued.",
            "Since its invasion in February 2022, Russia has occupied a fifth of Ukraine.",
            "Officials in Kyiv spoke of a buffer zone.",
            "It was the biggest attack since World War II.",
        ],
    ),
    doc("u1", None, ["The counter offensive into Russian territory surprised Moscow's generals."]),
]


def test_lexicon_terms_per_outlet_with_exact_spans() -> None:
    rows = frame_story("s1", DOCS, LEXICON)
    assert_spans(rows, DOCS)
    found = lexicon_terms(rows)
    assert found["Agency East"]["Kiev regime"] == "Ukrainian government"
    assert found["Agency East"]["barbaric attacks"] == "attacks"  # singular surface
    assert found["Agency East"]["special military operation"] == "Russia's military operation"
    assert found["Agency East"]["sanitary zone"] == "border zone"
    assert "Kiev" not in found["Agency East"]  # inside "Kiev regime": longest match wins
    assert "Moscow" not in found["Agency East"]  # a dateline in capitals is not wording
    assert found["Western Wire"]["incursion"] == "Ukraine's operation in Russia"
    assert found["Western Wire"]["buffer zone"] == "border zone"
    assert found[UNATTRIBUTED]["counter-offensive"] == "Ukraine's operation in Russia"


def test_context_decides_the_referent_and_masks_hide_phrases() -> None:
    found = lexicon_terms(frame_story("s1", DOCS, LEXICON))["Western Wire"]
    # "invasion" with no Russian territory in its sentence is Russia's invasion of Ukraine
    assert found["invasion"] == "Russia's military operation"
    assert "war" not in found  # "World War II" is masked
    kursk = [doc("k", "X", ["The invasion of the Kursk region went on."])]
    assert lexicon_terms(frame_story(None, kursk, LEXICON))["X"] == {
        "invasion": "Ukraine's operation in Russia"
    }


def test_counts_duplicates_and_sentences() -> None:
    text = "Buffer zones were set up. A buffer zone is planned.\nThe buffer-zone plan."
    # spaCy's spans as stored: the line break belongs to the sentence before it
    stored = [(0, 25), (26, 52), (52, 73)]
    docs = [
        doc("t1", "T", text, sentences=stored),
        doc("t2", "T", "A buffer zone.", duplicate_of="t1"),
    ]
    rows = [r for r in frame_story("s", docs, LEXICON) if r.term == "buffer zone"]
    assert [r.count for r in rows] == [3]  # the copy t2 is skipped
    assert [e["surface"] for e in rows[0].examples] == [
        "Buffer zones",
        "buffer zone",
        "buffer-zone",
    ]
    assert_spans(rows, docs)
    assert [(e["sentence_start"], e["sentence_end"]) for e in rows[0].examples] == stored
    # Not analysed (no stored sentences): each line is one unit, no sentence is guessed.
    (row,) = [
        r for r in frame_story("s", [doc("t1", "T", text)], LEXICON) if r.term == "buffer zone"
    ]
    assert [(e["sentence_start"], e["sentence_end"]) for e in row.examples] == [
        (0, 51),
        (0, 51),
        (52, 73),
    ]


def test_the_stored_sentence_is_the_context_and_the_example_sentence() -> None:
    # spaCy keeps "... Gen. Petrenko ..." one sentence where a full stop before a capital
    # would cut it, and "Kursk" before the cut decides what "invasion" names
    sentences = ["The talks failed.", "Near Kursk, Gen. Petrenko said the invasion stalled."]
    (row,) = [
        r for r in frame_story(None, [doc("g", "S", sentences)], LEXICON) if r.term == "invasion"
    ]
    assert row.referent == "Ukraine's operation in Russia"
    assert [(e["sentence_start"], e["sentence_end"]) for e in row.examples] == [(18, 70)]


def test_user_lexicon_extends_and_overrides(tmp_path: Path) -> None:
    extra = tmp_path / "mine.csv"
    extra.write_text(
        "referent,term,notes\nthe operation,buffer zone,our reading\n"
        "the river,Dolvar,local river\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon([extra])
    text = "The buffer zone along the Dolvar."
    found = lexicon_terms(frame_story(None, [doc("d", "S", text)], lexicon))["S"]
    assert found == {"buffer zone": "the operation", "Dolvar": "the river"}


def test_typical_terms_by_log_odds() -> None:
    shared = "Officials said the talks would resume next week in the capital. "
    east = [
        doc(
            f"e{i}",
            "East",
            shared + "The heroic defenders repelled the attack. "
            "Heroic defenders held the line near the river.",
        )
        for i in range(4)
    ]
    west = [
        doc(
            f"w{i}",
            "West",
            shared + "The occupying troops shelled the town. "
            "Occupying troops moved closer to the river.",
        )
        for i in range(4)
    ]
    rows = typical_terms("s", east + west, min_count=3)
    by_outlet: dict[str, list[str]] = {}
    for row in rows:
        assert row.kind == "typical" and row.referent == TYPICAL_REFERENT
        by_outlet.setdefault(row.source, []).append(row.term)
    assert "heroic defenders" in by_outlet["East"]
    assert "occupying troops" in by_outlet["West"]
    for terms in by_outlet.values():  # words both outlets use are not typical of either
        assert not {"officials", "talks", "river", "capital"} & set(terms)
    assert_spans(rows, east + west)
    assert typical_terms("s", east, min_count=3) == []  # one outlet: nothing to compare


def test_buffer_zone_gold_terms(shared_dir: Path, tmp_path: Path) -> None:
    from triangulate import api
    from triangulate.store import Store

    gold = json.loads((shared_dir / "gold" / "buffer-zone.json").read_text("utf-8"))
    db = tmp_path / "bz.duckdb"
    api.ingest([str(shared_dir / "corpus" / "buffer-zone")], db)
    with Store(db) as store:
        docs = with_sentences(store.rows("documents"), store.rows("sentences"))
    assert all(d["sentences"] for d in docs)
    rows = frame_story("bz", docs, LEXICON)
    assert_spans(rows, docs)
    stored = {(d["id"], s, e) for d in docs for s, e in d["sentences"]}
    for row in rows:
        if row.kind == "lexicon":
            assert {
                (e["doc_id"], e["sentence_start"], e["sentence_end"]) for e in row.examples
            } <= stored
    used: dict[str, set[str]] = {}
    for row in rows:
        if row.kind == "lexicon":
            used.setdefault(row.source, set()).update(e["surface"].casefold() for e in row.examples)
            used[row.source].add(row.term.casefold())
    missing = {
        (outlet, term)
        for outlet, terms in gold["cross_source"]["framing_terms"].items()
        for term in terms
        if term.casefold() not in used.get(outlet, set())
    }
    assert not missing
