"""The bundled sample corpus against its own gold file, and the offset contract on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from triangulate import api
from triangulate.report import load_report_data
from triangulate.store import Store

SAMPLE = api.sample_corpus()
MINIMUM = {
    "published accuracy": 0.95,
    "source accuracy": 0.95,
    "title accuracy": 0.95,
    "must_keep recall": 0.95,
    "must_drop removed": 0.95,
    "headings F1": 0.9,
}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    report = api.demo(db)
    assert report.ok, report.errors
    return db


def test_sample_corpus_meets_its_gold(demo_db: Path) -> None:
    result = api.evaluate("gold", SAMPLE / "gold.json", db=demo_db)
    for metric, floor in MINIMUM.items():
        assert result.metrics[metric] >= floor, (metric, result.details)
    assert result.metrics["documents scored"] == 26


def test_every_heading_span_points_at_its_line(demo_db: Path) -> None:
    with Store(demo_db) as store:
        documents = list(store.documents())
    assert len(documents) == 28  # 26 English reports, one Russian, one Ukrainian
    for doc in documents:
        lines = doc.text.split("\n")
        for span in doc.headings:
            heading = doc.text[span.start : span.end]
            assert heading and heading in lines, (doc.path, heading)


def test_syndicated_copy_is_linked_to_the_wire_original(demo_db: Path) -> None:
    with Store(demo_db) as store:
        by_name = {Path(d.path).name: d for d in store.documents()}
    assert by_name["009_velinsk-herald.txt"].duplicate_of == by_name["008_meridian.txt"].id
    assert sum(d.duplicate_of is not None for d in by_name.values()) == 1


def test_demo_is_repeatable(tmp_path: Path) -> None:
    first = api.demo(tmp_path / "d.duckdb")
    second = api.demo(tmp_path / "d.duckdb")
    assert len(first.added) == len(second.added) == 28


def test_every_exported_span_points_into_the_clean_text(demo_db: Path) -> None:
    with Store(demo_db) as store:
        texts = {d.id: d.text for d in store.documents()}
        spans = store.conn.execute(
            'SELECT doc_id, start, "end", text FROM export_mentions '
            'UNION ALL SELECT doc_id, start, "end", text FROM export_timexes '
            'UNION ALL SELECT doc_id, start, "end", text FROM export_quotes '
            "UNION ALL SELECT doc_id, speaker_start, speaker_end, speaker FROM export_quotes "
            "WHERE speaker_start IS NOT NULL "
            "UNION ALL SELECT doc_id, cue_start, cue_end, cue FROM export_quotes "
            "WHERE cue_start IS NOT NULL "
            'UNION ALL SELECT doc_id, start, "end", surface FROM export_claims '
            "UNION ALL SELECT doc_id, trigger_start, trigger_end, trigger FROM events "
            "WHERE trigger_start IS NOT NULL "
            "UNION ALL SELECT doc_id, location_start, location_end, location FROM events "
            "WHERE location_start IS NOT NULL"
        ).fetchall()
        sentences = store.conn.execute(
            'SELECT doc_id, start, "end", sentence_start, sentence_end FROM export_quotes '
            'UNION ALL SELECT doc_id, start, "end", sentence_start, sentence_end '
            "FROM export_claims "
            'UNION ALL SELECT doc_id, start, "end", sentence_start, sentence_end '
            "FROM export_events"
        ).fetchall()
        framing = store.rows("framing")
    assert len(spans) > 1000 and len(sentences) > 200 and framing
    for doc_id, start, end, surface in spans:
        assert texts[doc_id][start:end] == surface, (doc_id, start, end, surface)
    for doc_id, start, end, sentence_start, sentence_end in sentences:
        assert sentence_start <= start < end <= sentence_end <= len(texts[doc_id]), doc_id
    for row in framing:
        for example in row["examples"]:
            found = texts[example["doc_id"]][example["start"] : example["end"]]
            assert found == example["surface"], row


def test_every_sentence_used_is_a_stored_spacy_sentence(demo_db: Path) -> None:
    """Framing and the report take their sentences from the `sentences` table (spaCy's)."""
    with Store(demo_db) as store:
        stored = {(r["doc_id"], r["start"], r["end"]) for r in store.rows("sentences")}
        framing = store.rows("framing")
        data = load_report_data(store)
    examples = [e for row in framing if row["kind"] == "lexicon" for e in row["examples"]]
    assert len(examples) > 20
    for example in examples:
        assert (example["doc_id"], example["sentence_start"], example["sentence_end"]) in stored
    starts = {(doc_id, start) for doc_id, start, _ in stored}
    assert len(data.sources) > 50
    for (
        source
    ) in data.sources.values():  # a cited span is a stored sentence, widened if a span crosses it
        assert (source["doc_id"], source["start"]) in starts, source


def test_demo_entities_are_resolved_and_geocoded(demo_db: Path) -> None:
    with Store(demo_db) as store:
        entities = store.entities()
    people = {e.name: e for e in entities if e.type == "PERSON"}
    kovalin = [e for e in people.values() if "Kovalin" in e.name]
    assert len(kovalin) == 1 and {"Andrei Kovalin", "Andrey Kovalin"} <= set(kovalin[0].aliases)
    places = [e for e in entities if e.type == "PLACE" and e.name in {"Harsk", "Zhelvar"}]
    assert places and all(e.lat is not None and e.country == "QT" for e in places)


def test_claim_groups_meet_their_judged_sample(demo_db: Path) -> None:
    result = api.evaluate("claim-groups", SAMPLE / "claim-groups.jsonl", db=demo_db)
    assert result.metrics["judgements matching no group"] == 0
    assert result.metrics["conflict precision"] == 1.0
    assert result.metrics["corroborated precision"] == 1.0


def test_the_territory_dispute_is_one_conflict(demo_db: Path) -> None:
    groups = api.rows("claim_groups", demo_db)
    disputed = [
        g for g in groups
        if g["status"] == "conflict"
        and {1150.0, 400.0} <= {m["value_high"] for m in g["members"]}
    ]  # fmt: skip
    assert disputed
