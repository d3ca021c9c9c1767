"""Each document's language picks its pipeline; a language without one is stored and
flagged, never analysed with the English model."""

from __future__ import annotations

from pathlib import Path

import pytest

from triangulate import api
from triangulate.nlp.pipeline import pipeline_language

ENGLISH = "Shelling hit the town of Velinsk on Monday, the governor said in a statement.\n"
GERMAN = (
    "Der Gouverneur sagte am Montag, dass die Stadt von der Armee nicht mehr gehalten "
    "wird und dass die Bewohner auf den Straßen mit dem Zug fliehen.\n"
)
RUSSIAN = (
    "Губернатор Курской области Олег Смирнов сообщил, что в Харькове снова слышны взрывы. "
    "По его словам, это не первый удар по городу.\n"
)
UKRAINIAN = (
    "Як повідомила Олена Коваленко, у Харкові знову чути вибухи. Вона сказала, що це "
    "не перший удар по місту, і що жителі Харкова не виїжджають.\n"
)


@pytest.mark.parametrize(
    ("language", "pipeline"),
    [("en", "en"), ("en-GB", "en"), (None, "en"), ("ru", "ru"), ("uk_UA", "uk"), ("de", None)],
)
def test_a_language_picks_its_pipeline(language: str | None, pipeline: str | None) -> None:
    assert pipeline_language(language) == pipeline


def _ingest(tmp_path: Path, texts: dict[str, str]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "db.duckdb"
    api.ingest([str(folder)], db)
    return db


def _doc_ids(db: Path) -> dict[str, str]:
    return {Path(d["path"]).stem: d["id"] for d in api.rows("documents", db)}


def test_a_language_without_a_pipeline_is_stored_and_flagged(tmp_path: Path) -> None:
    db = _ingest(tmp_path, {"en": ENGLISH, "de": GERMAN})
    ids = _doc_ids(db)
    languages = {d["id"]: d["language"] for d in api.rows("documents", db)}
    assert languages[ids["de"]] == "de"
    errors = api.rows("analysis_errors", db)
    assert [(e["doc_id"], e["message"]) for e in errors] == [
        (ids["de"], "not analysed: no pipeline for de")
    ]
    assert {m["doc_id"] for m in api.rows("mentions", db)} == {ids["en"]}


def test_russian_and_ukrainian_reports_get_their_own_names(tmp_path: Path) -> None:
    pytest.importorskip("natasha")
    pytest.importorskip("pymorphy3")
    db = _ingest(tmp_path, {"ru": RUSSIAN, "uk": UKRAINIAN})
    ids = _doc_ids(db)
    assert api.rows("analysis_errors", db) == []
    texts = {d["id"]: d["text"] for d in api.rows("documents", db)}
    found: dict[str, set[tuple[str, str]]] = {ids["ru"]: set(), ids["uk"]: set()}
    for m in api.rows("mentions", db):
        assert texts[m["doc_id"]][m["start"] : m["end"]] == m["text"]
        found[m["doc_id"]].add((m["text"], m["label"]))
    assert {("Олег Смирнов", "PERSON"), ("Харькове", "PLACE")} <= found[ids["ru"]]
    assert {("Олена Коваленко", "PERSON"), ("Харкові", "PLACE")} <= found[ids["uk"]]
    sentences = [s for s in api.rows("sentences", db) if s["doc_id"] == ids["uk"]]
    assert len(sentences) == 2


def test_russian_and_ukrainian_reports_get_quotes_figures_and_dates(tmp_path: Path) -> None:
    pytest.importorskip("natasha")
    pytest.importorskip("pymorphy3")
    figure = "Олена Коваленко повідомила, що вчора загинули троє людей.\n"
    db = _ingest(tmp_path, {"ru": RUSSIAN, "uk": UKRAINIAN + figure})
    ids = _doc_ids(db)
    texts = {d["id"]: d["text"] for d in api.rows("documents", db)}
    for table in ("quotes", "claims", "timexes"):
        for row in api.rows(table, db):
            assert texts[row["doc_id"]][row["start"] : row["end"]] == row.get(
                "text", row.get("surface")
            )
    speakers = {(q["doc_id"], q["speaker"]) for q in api.rows("quotes", db)}
    assert {(ids["ru"], "Олег Смирнов"), (ids["uk"], "Олена Коваленко")} <= speakers
    claims = {(c["doc_id"], c["value"], c["unit"], c["claimant"]) for c in api.rows("claims", db)}
    assert (ids["uk"], 3.0, "person", "Олена Коваленко") in claims
    assert (ids["uk"], "вчора") in {(t["doc_id"], t["text"]) for t in api.rows("timexes", db)}
