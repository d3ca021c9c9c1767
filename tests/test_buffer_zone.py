"""End to end on the five real reports of ../shared/corpus/buffer-zone against the gold file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from triangulate import api
from triangulate.clean.normalize import fold_for_matching
from triangulate.eval.gold_names import NameIndex, names_match
from triangulate.models import Document
from triangulate.store import Store


@pytest.fixture(scope="module")
def ingested(
    tmp_path_factory: pytest.TempPathFactory, shared_dir: Path
) -> tuple[dict, dict[str, Document], Path]:
    db = tmp_path_factory.mktemp("bz") / "bz.duckdb"
    report = api.ingest([str(shared_dir / "corpus" / "buffer-zone")], db)
    assert report.ok, report.errors
    gold = json.loads((shared_dir / "gold" / "buffer-zone.json").read_text())["documents"]
    with Store(db) as store:
        documents = {Path(d.path).name: d for d in store.documents()}
    return gold, documents, db


def test_every_gold_document_is_stored(ingested) -> None:
    gold, documents, _ = ingested
    assert set(documents) == set(gold)


def test_published_source_and_title(ingested) -> None:
    gold, documents, _ = ingested
    for name, expected in gold.items():
        doc = documents[name]
        assert doc.published == expected["published"], name
        assert doc.source == expected["source"], name
        if "title" in expected:
            assert doc.title == expected["title"], name
        if doc.published:
            assert doc.published_evidence and doc.published_evidence.rule, name


def test_must_keep_and_must_drop(ingested) -> None:
    gold, documents, _ = ingested
    for name, expected in gold.items():
        body = fold_for_matching(documents[name].text)
        for kept in expected["must_keep"]:
            assert fold_for_matching(kept) in body, (name, kept)
        for dropped in expected["must_drop"]:
            assert fold_for_matching(dropped) not in body, (name, dropped)


def test_headings_are_separate_lines_with_exact_spans(ingested) -> None:
    gold, documents, _ = ingested
    for name, expected in gold.items():
        doc = documents[name]
        headings = [doc.text[s.start : s.end] for s in doc.headings]
        lines = doc.text.split("\n")
        for heading in expected["headings"]:
            assert heading in headings, (name, heading)
            assert heading in lines, (name, heading)


def test_ingesting_twice_leaves_five_documents(ingested, shared_dir: Path) -> None:
    _, _, db = ingested
    report = api.ingest([str(shared_dir / "corpus" / "buffer-zone")], db)
    assert report.added == [] and len(report.unchanged) == 5
    with Store(db) as store:
        assert store.count_documents() == 5


# --- who said what, figures, events and the picture across outlets (issues #5, #6) ---


@pytest.fixture(scope="module")
def scored(ingested, shared_dir: Path) -> dict:
    _, _, db = ingested
    return api.evaluate("gold", shared_dir / "gold" / "buffer-zone.json", db=db).metrics


def test_quotes_claims_and_events_reach_their_goals(scored: dict) -> None:
    assert scored["quotes F1"] >= 0.9
    assert scored["claims F1"] >= 0.9
    assert scored["events F1"] >= 0.8
    assert scored["converted-unit twin claims"] == 0


def test_cross_source_findings(scored: dict) -> None:
    assert scored["published_inferred accuracy"] == 1.0
    assert scored["conflicts found"] == 1.0
    assert scored["corroborations found"] == 1.0
    assert scored["unit_consistency checked"] == 1.0
    assert scored["storyline linked"] == 1.0 and scored["stories among gold documents"] == 3
    assert scored["framing_terms found"] == 1.0


def _gold_names(db: Path) -> NameIndex:
    with Store(db) as store:
        return NameIndex.build(store.entities(), store.mention_texts_by_entity())


def test_no_quote_or_claim_goes_to_another_speaker(ingested) -> None:
    """Every stored quote whose words are a gold quote's, and every claim with a gold
    claim's value and unit, names that gold speaker or claimant (Zakharova's words never
    go to Zelensky)."""
    gold, documents, db = ingested
    names = _gold_names(db)
    with Store(db) as store:
        quotes, claims = store.rows("quotes"), store.rows("claims")
    for name, expected in gold.items():
        doc_id = documents[name].id
        for quote in (q for q in quotes if q["doc_id"] == doc_id):
            words = fold_for_matching(quote["text"])
            owners = [
                g["speaker"]
                for g in expected.get("quotes", [])
                if fold_for_matching(g["contains"]) in words
            ]
            if owners:
                assert any(
                    names_match(o, quote["speaker"], quote["speaker_entity_id"], names)
                    for o in owners
                ), (name, quote["speaker"], quote["text"], owners)
        for claim in (c for c in claims if c["doc_id"] == doc_id and not c["restates"]):
            owners = [
                g["claimant"]
                for g in expected.get("claims", [])
                if g["unit"] == claim["unit"]
                and g.get("value", g.get("value_low")) == claim["value_low"]
            ]
            if owners:
                assert any(
                    names_match(
                        o, claim["claimant"], claim["claimant_entity_id"], names, sides=True
                    )
                    for o in owners
                ), (name, claim["claimant"], claim["surface"], owners)


def test_undated_report_gets_an_inferred_date_and_the_timeline_is_in_order(ingested) -> None:
    gold, documents, db = ingested
    with Store(db) as store:
        docs = {d["path"]: d for d in store.rows("documents")}
        timeline = store.rows("timeline")
    cnn = next(d for path, d in docs.items() if path.endswith("004_e7ec50ca8e33708f.txt"))
    assert cnn["published"] is None and cnn["published_inferred"] == "2024-08-14"
    assert cnn["published_inferred_evidence"]["rule"]
    for story in {t["story_id"] for t in timeline}:
        days = [t["date"][:10] for t in timeline if t["story_id"] == story]
        assert days == sorted(days), story


def test_corroborations_list_every_independent_outlet(ingested) -> None:
    _, _, db = ingested
    with Store(db) as store:
        groups, timeline = store.rows("claim_groups"), store.rows("timeline")
    advance = [g for g in groups if g["unit"] == "km" and g["status"] == "corroborated"]
    assert advance and {m["source"] for m in advance[0]["members"]} >= {"AFP", "CNN"}
    emergency = [t for t in timeline if t["type"] == "restriction" and t["date"] == "2024-08-14"]
    assert emergency and set(emergency[0]["sources"]) >= {"AFP", "CNN"}
