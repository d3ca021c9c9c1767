"""Timeline17 date selection: topics, the gold union, date F1 and the busiest-days baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from triangulate.errors import UsageError
from triangulate.eval.timeline17 import (
    Topic,
    TopicRun,
    busiest_days,
    load_topics,
    run_timeline17,
)


def _topic(folder: Path, name: str, timelines: list, published: list[str]) -> None:
    (folder / name).mkdir()
    lines = [json.dumps({"text": f"Report {i}", "published": p}) for i, p in enumerate(published)]
    (folder / name / "articles.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (folder / name / "timelines.json").write_text(json.dumps(timelines), encoding="utf-8")


@pytest.fixture
def t17(tmp_path: Path) -> Path:
    _topic(
        tmp_path,
        "War_a",
        [[["2024-01-02", ["x"]], ["2024-01-05T00:00:00", ["y"]]], [["2024-01-02", ["z"]]]],
        ["2024-01-01", "2024-01-01", "2024-01-02"],
    )
    _topic(tmp_path, "War_b", [[["2024-01-09", ["w"]]]], ["2024-01-09"])
    (tmp_path / "War_b" / "empty").mkdir()
    return tmp_path


def test_folders_are_topics_and_outlet_folders_of_one_story_also_merge(t17: Path) -> None:
    topics = {t.name: t for t in load_topics(t17)}
    assert set(topics) == {"War_a", "War_b", "War"}
    assert topics["War_a"].gold == {"2024-01-02", "2024-01-05"}
    assert topics["War"].merged and topics["War"].gold == {"2024-01-02", "2024-01-05", "2024-01-09"}
    assert len(topics["War"].articles) == 2
    with pytest.raises(UsageError, match="no Timeline17 topic"):
        load_topics(t17 / "War_b" / "empty")


def test_busiest_days_keeps_the_days_with_most_articles_ties_to_the_earlier() -> None:
    days = ["2024-01-03", "2024-01-01", "2024-01-03", "2024-01-02"]
    assert busiest_days(days, 2) == ["2024-01-03", "2024-01-01"]


def test_scores_as_many_ranked_days_as_the_gold_union_has(t17: Path) -> None:
    ranked = {
        "War_a": ["2024-01-02", "2024-01-03", "2024-01-05"],  # keeps 2: one hit
        "War_b": ["2024-01-09"],
        "War": ["2024-01-09", "2024-01-02", "2024-01-07", "2024-01-05"],  # keeps 3: two hits
    }

    def system(topic: Topic) -> TopicRun:
        published = {"War_a": ["2024-01-01", "2024-01-01", "2024-01-02"], "War_b": ["2024-01-09"]}
        days = published.get(topic.name) or [d for v in published.values() for d in v]
        return TopicRun(ranked[topic.name], days, [{"item": "x", "reason": "empty"}])

    result = run_timeline17(t17, system)
    m = result.metrics
    assert m["War_a date F1"] == 0.5 and m["War_b date F1"] == 1.0
    assert m["War date precision"] == round(2 / 3, 4)
    assert m["mean date F1"] == 0.75  # folder topics only
    # busiest days of War_a: 01-01 (2 articles), 01-02: one hit of two
    assert m["War_a busiest-days date F1"] == 0.5
    assert m["mean busiest-days date F1"] == 0.75
    assert len(result.details["skipped records"]) == 3


def test_the_benchmark_topics_load(shared_dir: Path) -> None:
    topics = {t.name: t for t in load_topics(shared_dir / "benchmarks" / "timeline17")}
    assert {"SyrianCrisis_bbc", "SyrianCrisis_reuters", "SyrianCrisis"} <= set(topics)
    merged = topics["SyrianCrisis"]
    assert merged.gold == topics["SyrianCrisis_bbc"].gold | topics["SyrianCrisis_reuters"].gold
