"""Timeline: one entry per happening across reports, ordered by date."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from triangulate.corpus.similarity import content_words, period
from triangulate.corpus.timeline import (
    INFERRED_WEIGHT,
    OUTLET_WEIGHT,
    SIDE_WEIGHT,
    build_timeline,
    rank_dates,
)

COLUMNS = {
    "story_id", "position", "date", "granularity", "type", "summary", "event_ids", "doc_ids",
    "sources", "inferred", "reports", "outlets", "sides", "salience",
}  # fmt: skip


def doc(doc_id: str, source: str, published: str | None, inferred: str | None = None) -> dict:
    return {"id": doc_id, "source": source, "published": published, "published_inferred": inferred}


def event(doc_id: str, n: int, date_value: str | None, type_: str, summary: str, **kw: Any) -> dict:
    row = {
        "id": f"{doc_id}:e{n}", "doc_id": doc_id, "date": date_value,
        "granularity": period(date_value).granularity if period(date_value) else None,
        "anchored": True, "type": type_, "summary": summary, "actors": [],
        "actor_entity_ids": [], "location": None, "location_entity_id": None, "start": 10 * n,
        "end": 10 * n + 5, "trigger": None, "date_start": None,
    }  # fmt: skip
    row.update(kw)
    return row


DOCS = [
    doc("a", "AFP", "2024-08-15"),
    doc("c", "CNN", None, "2024-08-14"),
    doc("t", "TASS", "2024-08-20"),
]
BELGOROD_A = event(
    "a",
    0,
    "2024-08-14",
    "declaration",
    "Belgorod region declared a state of emergency",
    location="Belgorod",
    actors=["Belgorod region"],
)
BELGOROD_C = event(
    "c",
    0,
    "2024-08-14",
    "declaration",
    "Russian region of Belgorod declared an emergency",
    location="Belgorod",
    actors=["Belgorod"],
)


def test_the_same_event_from_two_outlets_is_one_entry() -> None:
    (entry,) = build_timeline("s", [BELGOROD_A, BELGOROD_C], DOCS, {})
    assert entry.doc_ids == ["a", "c"] and entry.sources == ["CNN", "AFP"]
    assert entry.event_ids == ["a:e0", "c:e0"] and entry.date == "2024-08-14"
    assert set(asdict(entry)) == COLUMNS


def test_different_days_or_types_stay_apart() -> None:
    other_day = {**BELGOROD_C, "date": "2024-08-13"}
    other_type = {**BELGOROD_C, "type": "attack"}
    assert len(build_timeline("s", [BELGOROD_A, other_day], DOCS, {})) == 2
    assert len(build_timeline("s", [BELGOROD_A, other_type], DOCS, {})) == 2


def test_a_month_mention_joins_the_day_it_contains_and_sorts_first_otherwise() -> None:
    month = event(
        "t",
        1,
        "2024-08",
        "declaration",
        "Belgorod declared an emergency in August",
        location="Belgorod",
        actors=["Belgorod"],
    )
    (entry,) = build_timeline("s", [month, BELGOROD_A], DOCS, {})
    assert entry.date == "2024-08-14" and entry.granularity == "day"
    visit = event("t", 2, "2024-08", "visit", "Putin visited Kursk in August", actors=["Putin"])
    early = event("a", 3, "2024-08-01", "attack", "Drones struck Kursk", actors=["drones"])
    entries = build_timeline("s", [BELGOROD_A, early, visit], DOCS, {})
    assert [e.date for e in entries] == ["2024-08", "2024-08-01", "2024-08-14"]
    assert [e.position for e in entries] == [0, 1, 2]


def test_unanchored_events_are_left_out_and_undated_ones_join_their_entry() -> None:
    relative = {**BELGOROD_C, "date": "XXXX-WXX-3", "anchored": False}
    undated = event(
        "t",
        4,
        None,
        "declaration",
        "Belgorod region declared a state of emergency",
        location="Belgorod",
    )
    late = {**undated, "id": "t:e5", "doc_id": "late"}
    docs = [*DOCS, doc("late", "BBC", "2024-09-30")]
    (entry,) = build_timeline("s", [BELGOROD_A, relative, late], docs, {})
    assert entry.doc_ids == ["a"]
    (entry,) = build_timeline("s", [BELGOROD_A, undated], DOCS, {})
    assert entry.doc_ids == ["a"]  # TASS wrote six days later: too late to tell
    soon = {**undated, "id": "r:e0", "doc_id": "r"}
    (entry,) = build_timeline(
        "s", [BELGOROD_A, soon], [*DOCS, doc("r", "Reuters", "2024-08-16")], {}
    )
    assert entry.doc_ids == ["a", "r"]


def test_dates_counted_from_an_inferred_publication_date_are_flagged() -> None:
    timex = {"doc_id": "c", "start": 40, "rule": "weekday, past tense: on or before the reference"}
    relative = {**BELGOROD_C, "date_start": 40}
    (entry,) = build_timeline("s", [relative], DOCS, {}, timexes=[timex])
    assert entry.inferred
    (entry,) = build_timeline("s", [relative, BELGOROD_A], DOCS, {}, timexes=[timex])
    assert not entry.inferred


def test_periods_of_timeml_values() -> None:
    assert period("2024-08-14TMO").granularity == "day"
    assert period("2024-W33").start == date(2024, 8, 12)
    assert period("2024-Q3").end == date(2024, 9, 30)
    assert period("2023-WI").end == date(2024, 2, 29)
    assert period("XXXX-WXX-3") is None and period("PAST_REF") is None


def test_content_words_unify_spellings_and_concepts() -> None:
    assert content_words("Russian territory") == content_words("the land of Russia")
    assert content_words("Kiev said") == content_words("Kyiv")


def test_buffer_zone_timeline_runs(shared_dir: Path, tmp_path: Path) -> None:
    from triangulate import api
    from triangulate.store import Store

    db = tmp_path / "bz.duckdb"
    api.ingest([str(shared_dir / "corpus" / "buffer-zone")], db)
    with Store(db) as store:
        docs, events = store.rows("documents"), store.rows("events")
    entries = build_timeline("bz", events, docs, {})
    starts = [period(e.date).start for e in entries]
    assert starts == sorted(starts)
    assert sum(len(e.event_ids) for e in entries) <= len(events)


def _strike(doc_id: str, day: str = "2024-08-14") -> dict:
    summary = "Drone strike hit the Belgorod depot"
    return event(doc_id, 0, day, "attack", summary, location="Belgorod")


def test_salience_counts_one_report_per_origin_and_day() -> None:
    docs = [
        doc("r1", "Reuters", "2024-08-14"),
        doc("r2", "Reuters", "2024-08-14"),  # an update of the same day: the same report
        doc("r3", "Reuters", "2024-08-20"),  # a later report coming back to the date
        {**doc("k", "Kyiv Post", "2024-08-14"), "duplicate_of": "r1"},  # a copy of r1
        doc("t", "TASS", "2024-08-15"),
    ]
    origins = {"r1": "Reuters", "r2": "Reuters", "r3": "Reuters", "k": "Kyiv Post", "t": "TASS"}
    sides = {"TASS": "Russia", "Reuters": "UK"}
    strikes = [_strike(d["id"]) for d in docs]
    (entry,) = build_timeline("s", strikes, docs, origins, outlet_sides=sides)
    assert (entry.reports, entry.outlets, entry.sides) == (3, 2, 2)
    assert entry.salience == 3 + OUTLET_WEIGHT + SIDE_WEIGHT
    (alone,) = build_timeline("s", strikes[:2], docs, origins, outlet_sides=sides)
    assert (alone.reports, alone.outlets, alone.sides, alone.salience) == (1, 1, 1, 1.0)


def test_an_inferred_date_weighs_less() -> None:
    docs = [doc("a", "AFP", None, "2024-08-15"), doc("b", "BBC", "2024-08-15")]
    (inferred,) = build_timeline("s", [_strike("a")], docs, {"a": "AFP"})
    (stated,) = build_timeline("s", [_strike("b")], docs, {"b": "BBC"})
    assert inferred.inferred and not stated.inferred
    assert inferred.salience == INFERRED_WEIGHT * stated.salience


def test_rank_dates_puts_the_best_supported_day_first_over_every_story() -> None:
    docs = [doc(n, n.upper(), "2024-08-16") for n in "abc"]
    origins = {n: n.upper() for n in "abc"}
    entries = [
        asdict(e)
        for story, ids, day in (("s1", "ab", "2024-08-14"), ("s2", "c", "2024-08-14"))
        for e in build_timeline(story, [_strike(i, day) for i in ids], docs, origins)
    ]
    entries += [asdict(e) for e in build_timeline("s3", [_strike("a", "2024-08-10")], docs, {})]
    entries += [asdict(e) for e in build_timeline("s4", [_strike("b", "2024-08")], docs, {})]
    ranked = rank_dates(entries, docs, origins)
    assert [d.date for d in ranked] == ["2024-08-14", "2024-08-10"]  # days only
    first = ranked[0]
    assert (first.reports, first.outlets, len(first.entries)) == (3, 3, 2)
    assert first.salience == 3 + 2 * OUTLET_WEIGHT
