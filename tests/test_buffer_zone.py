"""End to end on the five real reports of ../shared/corpus/buffer-zone against the gold file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from triangulate import api
from triangulate.clean.normalize import fold_for_matching
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
