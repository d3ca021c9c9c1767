"""Store guarantees: migrations, all-or-nothing batches, near-duplicate links."""

from __future__ import annotations

from pathlib import Path

import pytest

from triangulate import api
from triangulate.errors import StoreError
from triangulate.ingest import read_inputs
from triangulate.models import LSH_BANDS as BANDS
from triangulate.resources.outlets import load_outlets
from triangulate.store import Store
from triangulate.store.schema import LATEST_VERSION, MIGRATIONS
from triangulate.workflow.ingest import IngestReport, store_items

WIRE = (
    "VELGRAD, March 9 (Northwire) - Shelling hit the market town of Dolny Brod overnight, "
    "killing at least 14 civilians and wounding dozens more, the regional governor said on "
    "Monday. Rescue teams were still searching the rubble of two apartment blocks near the "
    "central square, and the hospital said it had run short of blood for transfusions. "
    "The governor blamed artillery units stationed across the river and called on the "
    "international monitors to visit the town. The army did not comment on the claim."
)
REPRINT = WIRE.replace("VELGRAD, March 9 (Northwire) - ", "Reprinted from Northwire. ").replace(
    "The army did not comment on the claim.", "The army declined to comment."
)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_new_file_is_migrated_and_reopening_keeps_the_version(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        assert store.version == LATEST_VERSION
    with Store(db) as store:
        assert store.version == LATEST_VERSION


OUTLETS = load_outlets()


def test_an_older_file_is_migrated_without_losing_documents(tmp_path: Path, monkeypatch) -> None:
    import triangulate.store.database as database

    db = tmp_path / "old.duckdb"
    monkeypatch.setattr(database, "MIGRATIONS", database.MIGRATIONS[:1])
    monkeypatch.setattr(database, "LATEST_VERSION", 1)

    def version_1_insert(self: Store, document, signature: list[int]) -> None:
        """What the first release wrote: the document and its signature, no LSH bands."""
        self.conn.execute(
            "INSERT INTO documents (seq, id, path, text, raw, content_type) "
            "VALUES (nextval('document_seq'), ?, ?, ?, ?, ?)",
            [document.id, document.path, document.text, document.raw, document.content_type],
        )
        self.conn.execute("INSERT INTO document_minhash VALUES (?, ?)", [document.id, signature])

    monkeypatch.setattr(Store, "insert_document", version_1_insert)
    monkeypatch.setattr(Store, "band_candidates", lambda self, signature: [])
    with Store(db) as store:  # what the first release did: read, clean, store
        items = read_inputs([str(write(tmp_path / "in", "a.txt", WIRE))])
        store_items(store, items, None, OUTLETS, IngestReport())
        assert store.version == 1
    monkeypatch.undo()
    with Store(db) as store:
        assert store.version == LATEST_VERSION
        assert store.count_documents() == 1
        assert store.conn.execute("SELECT count(*) FROM entities").fetchall() == [(0,)]
        assert store.conn.execute("SELECT count(*) FROM document_bands").fetchone() == (BANDS,)
    copy = api.ingest([str(write(tmp_path / "in2", "b.txt", WIRE + " Updated."))], db)
    assert copy.duplicates, "the migrated bands find the earlier copy"


def test_a_newer_schema_is_refused_with_advice(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.conn.execute("INSERT INTO schema_version (version) VALUES (?)", [LATEST_VERSION + 1])
    with pytest.raises(StoreError, match="upgrade triangulate"):
        Store(db)


def test_interrupted_batch_leaves_no_partial_document(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "in"
    for n in range(4):
        write(folder, f"{n}.txt", f"Report number {n}. " + WIRE.replace("14", str(20 + n * 7)))
    db = tmp_path / "s.duckdb"
    calls = {"n": 0}
    original = Store.insert_document

    def failing_insert(self: Store, document, signature) -> None:  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        original(self, document, signature)

    monkeypatch.setattr(Store, "insert_document", failing_insert)
    with pytest.raises(KeyboardInterrupt):
        api.ingest([str(folder)], db)
    monkeypatch.undo()
    with Store(db) as store:
        assert store.count_documents() == 0
        for table in ("document_minhash", "document_bands"):
            assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
    assert len(api.ingest([str(folder)], db).added) == 4


def test_reprint_is_linked_to_the_earlier_original_not_dropped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "a_reprint.txt", "date 2031-03-10 " + REPRINT)
    write(folder, "b_wire.txt", "date 2031-03-09 " + WIRE)
    db = tmp_path / "s.duckdb"
    report = api.ingest([str(folder)], db)
    assert len(report.added) == 2
    with Store(db) as store:
        docs = {Path(d.path).name: d for d in store.documents()}
    assert docs["b_wire.txt"].duplicate_of is None
    assert docs["a_reprint.txt"].duplicate_of == docs["b_wire.txt"].id
    assert report.duplicates == {docs["a_reprint.txt"].id: docs["b_wire.txt"].id}


def test_different_stories_are_not_linked(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "a.txt", WIRE)
    write(folder, "b.txt", "Talks on a ceasefire opened in Velgrad on Wednesday, with both "
          "delegations saying they were ready to discuss an exchange of prisoners.")  # fmt: skip
    report = api.ingest([str(folder)], tmp_path / "s.duckdb")
    assert len(report.added) == 2 and report.duplicates == {}


def test_bands_written_on_insert_equal_those_a_migration_computes(tmp_path: Path) -> None:
    """The SQL of migration 6 (backfill) and of `insert_document` give the same band keys."""
    folder = tmp_path / "in"
    write(folder, "a_wire.txt", "date 2031-03-09 " + WIRE)
    db = tmp_path / "s.duckdb"
    api.ingest([str(folder)], db, run_analysis=False)
    with Store(db) as store:
        written = sorted(store.conn.execute("SELECT * FROM document_bands").fetchall())
        store.conn.execute("DELETE FROM document_bands")
        store.conn.execute(MIGRATIONS[5][2][1])
        recomputed = sorted(store.conn.execute("SELECT * FROM document_bands").fetchall())
    assert len(written) == BANDS and written == recomputed
