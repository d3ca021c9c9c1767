"""Inferred publication dates: relative expressions, shared events and figures, lower bounds."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from triangulate.corpus.dates import infer_publication_dates, resolve_relative

PAST = "weekday, past tense: on or before the reference; needs the publication date"


def doc(doc_id: str, published: str | None, text: str = "") -> dict[str, Any]:
    return {"id": doc_id, "published": published, "published_inferred": None, "text": text}


def timex(doc_id: str, start: int, text: str, value: str, rule: str, anchored: bool = False):
    granularity = "month" if len(value) == 7 else "day"
    return {"doc_id": doc_id, "start": start, "end": start + len(text), "text": text,
            "value": value, "granularity": granularity, "type": "DATE", "anchored": anchored,
            "rule": rule}  # fmt: skip


def event(doc_id: str, n: int, date_value: str | None, anchored: bool, date_start: int | None):
    return {"id": f"{doc_id}:e{n}", "doc_id": doc_id, "date": date_value, "anchored": anchored,
            "type": "statement", "summary": "Zelensky said his forces advanced in Kursk",
            "actors": ["Volodymyr Zelensky"], "actor_entity_ids": ["ent_z"], "location": None,
            "location_entity_id": None, "trigger": "said", "date_start": date_start}  # fmt: skip


@pytest.mark.parametrize(
    ("value", "rule", "expected"),
    [
        ("XXXX-WXX-3", PAST, date(2024, 8, 14)),  # reference Thursday 2024-08-15
        ("XXXX-WXX-5", "weekday, unknown tense: nearest the reference", date(2024, 8, 16)),
        (
            "XXXX-XX-XX",
            "'yesterday': day -1 from the reference; needs the publication date",
            date(2024, 8, 14),
        ),
        ("XXXX-XX-XX", "day -7 from the reference; needs the publication date", date(2024, 8, 8)),
        (
            "XXXX-07-16",
            "month day without year, past tense: on or before the reference",
            date(2024, 7, 16),
        ),
    ],
)
def test_relative_values_resolve_from_a_reference(value: str, rule: str, expected: date) -> None:
    resolved = resolve_relative(value, rule, date(2024, 8, 15))
    assert resolved is not None and resolved.start == expected


def test_values_counted_from_the_text_are_not_resolved() -> None:
    assert resolve_relative("XXXX-XX-XX", "day +1 from the day in focus", date(2024, 8, 15)) is None


def test_a_shared_event_dates_an_undated_report() -> None:
    docs = [doc("a", "2024-08-15"), doc("b", "2024-08-02"), doc("u", None)]
    events = [event("a", 0, "2024-08-14", True, 5), event("u", 0, "XXXX-WXX-3", False, 30)]
    timexes = [timex("u", 30, "Wednesday", "XXXX-WXX-3", PAST)]
    (found,) = infer_publication_dates(docs, events, timexes, {"s": ["a", "b", "u"]})
    assert found.doc_id == "u" and found.date == "2024-08-14"
    assert found.evidence["matched_docs"] == ["a"]
    assert "events shared" in found.evidence["rule"] and "Wednesday" in found.evidence["surface"]
    assert found.evidence["confidence"] >= 0.8


def test_an_offset_from_a_shared_event_gives_the_day_after_it() -> None:
    docs = [doc("a", "2031-03-03"), doc("u", None)]
    events = [event("a", 0, "2031-03-03", True, 5), event("u", 0, "XXXX-XX-XX", False, 0)]
    rule = "day -7 from the reference; needs the publication date"
    timexes = [timex("u", 0, "A week ago today", "XXXX-XX-XX", rule)]
    (found,) = infer_publication_dates(docs, events, timexes, {"s": ["a", "u"]})
    assert found.date == "2031-03-10"


def test_a_weekday_alone_is_placed_in_the_story_window() -> None:
    docs = [doc("a", "2024-08-14", "Zelensky troops Kursk"), doc("u", None, "Zelensky Kursk")]
    timexes = [timex("u", 0, "Wednesday", "XXXX-WXX-3", PAST)]
    (found,) = infer_publication_dates(docs, [], timexes, {"s": ["a", "u"]})
    assert found.date == "2024-08-14"
    assert found.evidence["confidence"] <= 0.5


def test_the_latest_absolute_date_is_a_lower_bound_or_the_only_evidence() -> None:
    timexes = [
        timex("u", 0, "March 2, 2031", "2031-03-02", "month_day: month day", anchored=True),
        timex("u", 20, "2029", "2029", "year: year", anchored=True),
    ]
    (found,) = infer_publication_dates([doc("u", None)], [], timexes, {})
    assert found.date == "2031-03-02" and found.evidence["confidence"] <= 0.3
    future = [timex("v", 0, "May 5, 2031", "2031-05-05", "will meet: on or after", True)]
    assert infer_publication_dates([doc("v", None)], [], future, {}) == []


def test_dated_reports_and_reports_without_evidence_get_nothing() -> None:
    docs = [doc("a", "2024-08-15"), doc("u", None)]
    assert infer_publication_dates(docs, [], [], {"s": ["a", "u"]}) == []


def test_buffer_zone_cnn_report_is_dated_by_the_afp_report(
    shared_dir: Path, tmp_path: Path
) -> None:
    from triangulate import api
    from triangulate.store import Store

    db = tmp_path / "bz.duckdb"
    api.ingest([str(shared_dir / "corpus" / "buffer-zone")], db)
    with Store(db) as store:
        docs = store.rows("documents")
        rows = [store.rows(t) for t in ("events", "timexes", "claims")]
    by_file = {Path(d["path"]).name[:3]: d["id"] for d in docs}
    # One story with every report: the evidence, not a tight story, must pick the day.
    story = {"bz": list(by_file.values())}
    (found,) = infer_publication_dates(docs, rows[0], rows[1], story, rows[2])
    assert found.doc_id == by_file["004"]
    assert found.date == "2024-08-14"
