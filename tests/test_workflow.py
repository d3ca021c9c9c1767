"""The workflow's promises: results do not depend on how often `analyze` runs, and one
document's failure never stops the others."""

from __future__ import annotations

import shutil
from dataclasses import fields
from pathlib import Path

import pytest
from spacy.language import Language

from triangulate import api
from triangulate.errors import UsageError
from triangulate.models import (
    ClaimGroup,
    FramingRow,
    StatementGroup,
    StoryMember,
    StoryRecord,
    TimelineEntry,
)
from triangulate.nlp.pipeline import load_pipeline
from triangulate.resources.framing import load_lexicon
from triangulate.store import Store, entity_keys
from triangulate.store.database import ANALYSIS_RECORDS, record_columns
from triangulate.store.schema import EXPORT_VIEWS
from triangulate.store.stories import mark_stale, stale_stories
from triangulate.workflow import documents, story_results, workers
from triangulate.workflow.documents import PIECE_CHARS, pieces
from triangulate.workflow.settings import RunSettings, resolve_settings


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    assert api.demo(db).ok
    return db


def _tables(db: Path) -> dict[str, list[dict]]:
    with Store(db) as store:
        return {table: store.rows(table) for table in EXPORT_VIEWS}


def test_a_second_analyze_changes_nothing(demo_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "again.duckdb"
    shutil.copy(demo_db, copy)
    before = _tables(copy)
    report = api.analyze(copy)
    assert report.analyzed == 0 and not report.stories_changed and not report.dates_inferred
    assert _tables(copy) == before


def test_roles_in_undated_reports_carry_the_inferred_date_after_one_run(demo_db: Path) -> None:
    tables = _tables(demo_db)
    inferred = {d["id"]: d["published_inferred"] for d in tables["documents"] if not d["published"]}
    assert inferred and all(inferred.values())
    roles = [r for e in tables["entities"] for r in e["roles"] or [] if r["doc_id"] in inferred]
    assert roles, "the sample's undated reports name people with their roles"
    assert all(r["date"] == inferred[r["doc_id"]] for r in roles)


def test_settings_are_reused_when_a_later_command_does_not_repeat_them(
    demo_db: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "again.duckdb"
    shutil.copy(demo_db, copy)
    with Store(copy) as store:
        stored = {p for (p,) in store.conn.execute("SELECT pipeline FROM analyses").fetchall()}
        settings = resolve_settings(store)
    # The demo used the sample's gazetteer and outlets; a bare `analyze` keeps them.
    assert settings.gazetteers and settings.outlets
    assert {api.analyze(copy).pipeline} == stored


def test_the_pipeline_id_changes_with_a_settings_files_content(tmp_path: Path) -> None:
    places = tmp_path / "places.csv"
    places.write_text("name,type,country,lat,lon\nBrenna,city,XX,1,2\n", encoding="utf-8")
    before = RunSettings(gazetteers=(places,)).digest()
    places.write_text("name,type,country,lat,lon\nBrenna,city,XX,1,3\n", encoding="utf-8")
    assert RunSettings(gazetteers=(places,)).digest() != before
    places.unlink()
    with pytest.raises(UsageError, match="places.csv"):
        RunSettings(gazetteers=(places,)).digest()


@pytest.mark.parametrize(
    ("table", "record"),
    [
        *ANALYSIS_RECORDS.items(),
        ("stories", StoryRecord),
        ("story_documents", StoryMember),
        ("claim_groups", ClaimGroup),
        ("statement_groups", StatementGroup),
        ("timeline", TimelineEntry),
        ("framing", FramingRow),
    ],
)
def test_each_record_matches_its_table(tmp_path: Path, table: str, record: type) -> None:
    with Store(tmp_path / "empty.duckdb") as store:
        columns = list(store.columns(table))
    expected = (["doc_id"] if table in ANALYSIS_RECORDS else []) + record_columns(record)
    assert [c for c in columns if c in expected] == expected, "same columns, same order"
    assert set(expected) <= set(columns)
    assert len(fields(record)) > 2


@Language.component("test_exploding_component")
def _explode(doc):  # type: ignore[no-untyped-def]
    if "EXPLODE" in doc.text:
        raise RuntimeError("this component fails on purpose")
    return doc


def test_one_failing_document_does_not_stop_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Shelling hit the town of Velinsk on Monday, the governor said.\n", encoding="utf-8"
    )
    (folder / "bad.txt").write_text(
        "Officials said the talks would EXPLODE into a crisis on Friday.\n", encoding="utf-8"
    )
    db = tmp_path / "db.duckdb"
    nlp = load_pipeline(None, (), ())  # the cached pipeline a plain ingest uses
    nlp.add_pipe("test_exploding_component", last=True)
    try:
        report = api.ingest([str(folder)], db)
        assert report.analysis is not None
        assert report.analysis.analyzed == 1
        (failure,) = report.analysis.failed
        assert failure.error == "RuntimeError" and "on purpose" in failure.message
        errors = api.rows("analysis_errors", db)
        assert [(e["doc_id"], e["error"]) for e in errors] == [(failure.doc_id, "RuntimeError")]
        assert api.analyze(db).failed == [], "a failed document is not retried unasked"
    finally:
        nlp.remove_pipe("test_exploding_component")
    retried = api.analyze(db, retry_failed=True)
    assert retried.analyzed == 1 and not retried.failed
    assert api.rows("analysis_errors", db) == []
    assert failure.doc_id in {s["doc_id"] for s in api.rows("sentences", db)}


def test_one_failing_story_does_not_stop_the_others(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "story.duckdb"
    shutil.copy(demo_db, copy)

    def story_groups(db: Path) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {s["id"]: [] for s in api.rows("stories", db)}
        for group in api.rows("claim_groups", db):
            found[group["story_id"]].append(group["id"])
        return found

    groups = story_groups(copy)
    broken = max(groups, key=lambda s: len(groups[s]))
    real = story_results.group_claims

    def failing(story_id, *args):  # type: ignore[no-untyped-def]
        if story_id == broken:
            raise RuntimeError("this story fails on purpose")
        return real(story_id, *args)

    monkeypatch.setattr(story_results, "group_claims", failing)
    with Store(copy) as store:
        mark_stale(store, groups)
    report = api.analyze(copy)
    assert [(f.story_id, f.error) for f in report.stories_failed] == [(broken, "RuntimeError")]
    assert report.to_dict()["story_errors"][0]["message"] == "this story fails on purpose"
    with Store(copy) as store:
        assert stale_stories(store) == [broken], "the failed story is retried next run"
    assert groups[broken] and story_groups(copy) == groups, "earlier results are kept"
    monkeypatch.undo()
    again = api.analyze(copy)
    assert not again.stories_failed
    assert _tables(copy) == _tables(demo_db)


def test_long_texts_are_cut_at_paragraph_breaks_within_the_limit() -> None:
    text = ("A paragraph of news. " * 40 + "\n\n") * 30
    spans = list(pieces(text, 2_000))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(end - start <= 2_000 for start, end in spans)
    assert all(text[end - 2 : end] == "\n\n" for _, end in spans[:-1])
    assert PIECE_CHARS < 1_000_000


def test_a_long_report_is_analysed_in_pieces_with_exact_offsets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(documents, "PIECE_CHARS", 3_000)
    paragraph = (
        "Shelling hit the town of Velinsk on Monday, the governor said, and 12 people "
        "were hurt. \u201cWe will rebuild,\u201d Mayor Vesna Tarnai said.\n\n"
    )
    text = "Velinsk under fire\n\n" + paragraph * 120
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    db = tmp_path / "db.duckdb"
    report = api.ingest([str(path)], db)
    assert report.ok and report.analysis is not None and report.analysis.analyzed == 1
    (document,) = api.rows("documents", db)
    assert len(document["text"]) > 5 * 3_000
    quotes, claims = api.rows("quotes", db), api.rows("claims", db)
    assert len({q["id"] for q in quotes}) == len(quotes) >= 100
    assert len({c["id"] for c in claims}) == len(claims) >= 100
    for quote in quotes:
        assert document["text"][quote["start"] : quote["end"]] == quote["text"]
    for claim in claims:
        assert claim["sentence_start"] <= claim["start"] < claim["end"] <= claim["sentence_end"]
    sentences = api.rows("sentences", db)
    assert all(document["text"][s["start"] : s["end"]] == s["text"] for s in sentences)
    assert max(q["start"] for q in quotes) > len(document["text"]) - 2 * len(paragraph)


def test_worker_processes_store_what_one_process_stores(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The per-document step in two spawned workers gives the same store, row for row."""
    copy = tmp_path / "workers.duckdb"
    shutil.copy(demo_db, copy)
    before = _tables(copy)
    monkeypatch.setattr(workers, "MIN_DOCUMENTS_PER_WORKER", 1)
    spawned: list[int] = []
    real = workers.analyse_in_workers

    def counting(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        spawned.append(args[2])  # type: ignore[arg-type]
        yield from real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(documents, "analyse_in_workers", counting)
    report = api.analyze(copy, force=True, workers=2)
    assert spawned == [2] and report.analyzed == len(before["documents"])
    assert not report.failed
    assert _tables(copy) == before


def test_small_batches_and_one_worker_stay_in_process() -> None:
    assert workers.workers_for(5, None) == 1
    assert workers.workers_for(1000, 1) == 1
    assert workers.workers_for(1000, 3) == 3
    assert workers.workers_for(2 * workers.MIN_DOCUMENTS_PER_WORKER, 8) == 2
    assert workers.chunk_size(1000, 2, 64) == 64 and workers.chunk_size(40, 2, 64) == 5


def test_entities_added_one_report_at_a_time_equal_a_resolution_from_scratch(
    tmp_path: Path,
) -> None:
    """Each ingest regroups only the entity groups its report touches; the result must be
    what resolving every stored mention from scratch gives."""
    sample = api.sample_corpus()
    db = tmp_path / "one-by-one.duckdb"
    for path in sorted((sample / "corpus").iterdir()):
        report = api.ingest(
            [str(path)],
            db,
            outlets=sample / "outlets.csv",
            gazetteers=[sample / "gazetteer.csv"],
            fetch_links=False,
        )
        assert report.ok, path
    incremental, kept = _tables(db), _entity_sums(db)
    with Store(db) as store:
        assert entity_keys.has_keys(store) and not entity_keys.pending_documents(store)
    assert not api.analyze(db, force=True).failed  # resolves every mention from scratch
    scratch = _tables(db)
    assert len(scratch["entities"]) > 50
    for table in ("entities", "mentions", "quotes", "claims", "events"):
        assert incremental[table] == scratch[table], table
    # the sums a next report is added to are those a resolution from scratch keeps
    assert kept == _entity_sums(db)


def _entity_sums(db: Path) -> dict[str, list[tuple]]:
    with Store(db) as store:
        return {
            table: sorted(store.conn.execute(f"SELECT * FROM {table}").fetchall())
            for table in ("mention_keys", "entity_parts", "entity_surfaces", "person_pairs")
        }


# Reports of one or two people named Petrov, and of the UN, added one at a time: lone
# surnames change bearer as the counts change, "Ivan Patrov" beside "Ivan Petrov" is
# another man, "UN" joins "United Nations" once that appears; the last step re-keys d3.
_PETROVS = [
    ("d1", [("Ivan Petrov", "PERSON", "Russian president"), ("Petrov", "PERSON", None),
            ("UN", "ORG", None), ("Moscow", "PLACE", None)]),
    ("d2", [("Petrov", "PERSON", None), ("Maria Petrova", "PERSON", "Ukrainian minister")]),
    ("d3", [("Olga Petrov", "PERSON", None), ("Olga Petrov", "PERSON", "Ukrainian minister"),
            ("Olga Petrov", "PERSON", None), ("Petrov", "PERSON", None)]),
    ("d4", [("Ivan Petrov", "PERSON", None), ("Ivan Patrov", "PERSON", None),
            ("PETROV", "PERSON", None), ("U.N.", "ORG", None)]),
    ("d5", [("United Nations", "ORG", None), ("UN", "ORG", None), ("Petrov", "PERSON", None)]),
    ("d3", [("Olga Petrov", "PERSON", None), ("Petrov", "PERSON", None)]),
]  # fmt: skip


def _put_mentions(store: Store, doc_id: str, mentions: list[tuple[str, str, str | None]]) -> None:
    with store.transaction():
        store.conn.execute("DELETE FROM mentions WHERE doc_id = ?", [doc_id])
        rows = [[doc_id, 10 * i, 10 * i + len(t), t, label, role, None]
                for i, (t, label, role) in enumerate(mentions)]  # fmt: skip
        store.insert_many("mentions", rows)
        entity_keys.mark_pending(store, [doc_id])


def test_entity_sums_follow_bearers_changing_and_a_report_re_keyed(tmp_path: Path) -> None:
    """Every step equals a resolution from scratch, though parts move between entities
    and a re-keyed report takes its mentions (and the first of a spelling) back."""
    from triangulate.resources.gazetteer import load_gazetteer
    from triangulate.workflow.entities import resolve_stored_entities

    gazetteer = load_gazetteer()
    with Store(tmp_path / "petrovs.duckdb") as store, Store(tmp_path / "scratch.duckdb") as other:
        bearers: list[str] = []  # of the lone "Petrov" in d2, after each step
        for doc_id, mentions in _PETROVS:
            for db in (store, other):
                _put_mentions(db, doc_id, mentions)
            resolve_stored_entities(store, gazetteer)
            resolve_stored_entities(other, gazetteer, force=True)
            for table in ("entities", "mentions"):
                assert store.rows(table) == other.rows(table), (doc_id, table)
            for table in ("entity_parts", "entity_surfaces", "person_pairs"):
                query = f"SELECT * FROM {table} ORDER BY ALL"
                assert (
                    store.conn.execute(query).fetchall() == other.conn.execute(query).fetchall()
                ), (doc_id, table)
            names = {e["id"]: e["name"] for e in store.rows("entities")}
            d2 = store.rows("mentions", "doc_id = 'd2' AND text = 'Petrov'")
            bearers += [names[m["entity_id"]] for m in d2]
        assert bearers == ["Ivan Petrov", "Olga Petrov"] + ["Petrov"] * 3
        ids = {(m["doc_id"], m["text"]): m["entity_id"] for m in store.rows("mentions")}
        assert ids["d1", "UN"] == ids["d5", "United Nations"] == ids["d4", "U.N."]
        assert ids["d4", "Ivan Patrov"] != ids["d4", "Ivan Petrov"] == ids["d1", "Ivan Petrov"]
        assert store.conn.execute("SELECT count(*) FROM person_pairs").fetchone() == (1,)


def test_results_of_a_story_merged_away_are_dropped(demo_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "merged.duckdb"
    shutil.copy(demo_db, copy)
    gone = api.rows("claim_groups", copy)[0]["story_id"]
    with Store(copy) as store:
        store.conn.execute("DELETE FROM story_documents WHERE story_id = ?", [gone])
        store.conn.execute("DELETE FROM stories WHERE id = ?", [gone])
        story_results.update_story_results(store, {}, load_lexicon())
    for table in ("claim_groups", "timeline", "framing", "statement_groups"):
        assert gone not in {row["story_id"] for row in api.rows(table, copy)}, table
    assert api.rows("claim_groups", copy), "the other stories' results stay"


def test_stories_read_together_get_the_rows_each_would_read_alone(demo_db: Path) -> None:
    with Store(demo_db, read_only=True) as store:
        members = {s["id"]: s["doc_ids"] for s in store.rows("stories")}
        every = sorted({d for ids in members.values() for d in ids})
        together = story_results.MemberRows(store, every)
        for doc_ids in members.values():
            for table in story_results.STORY_TABLES:
                assert together.of(table, doc_ids) == story_results._rows(store, table, doc_ids)
