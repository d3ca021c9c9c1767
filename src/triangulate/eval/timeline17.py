"""Score date selection on Timeline17: does the ranked timeline pick the journalists' dates?

A topic folder holds `articles.jsonl` (one article a line) and `timelines.json`
(`[[date, [sentences]], ...]` per gold timeline). For each topic the system
ranks the day-precision dates of its timeline, keeps as many as the union of
the gold timelines has, and is scored by date precision, recall and F1 against
that union. The busiest-days baseline keeps as many of the days on which most
articles were published (ties to the earlier day), from the same store.

Topics: every folder with both files is one. Folders named `STORY_OUTLET`
that share `STORY` (the benchmark's `SyrianCrisis_bbc` and
`SyrianCrisis_reuters`, one story told by two outlets) also make the merged
topic `STORY`: all their articles in one store, scored against the union of all
their gold timelines. The mean is over the folder topics (Timeline17's own
unit); the merged topics are reported beside it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from triangulate.errors import InputError, UsageError
from triangulate.eval.result import PRF, EvalResult

ARTICLES = "articles.jsonl"
TIMELINES = "timelines.json"


@dataclass(frozen=True)
class Topic:
    """One scored unit: its article files and the union of its gold dates."""

    name: str
    articles: tuple[Path, ...]
    gold: frozenset[str]
    merged: bool = False


@dataclass(frozen=True)
class TopicRun:
    """What the system gives for a topic: ranked dates, publication days, skipped records."""

    ranked: list[str]
    published: list[str]
    skipped: list[dict[str, str]]


def gold_dates(path: Path) -> frozenset[str]:
    """The union of the days of every gold timeline in a `timelines.json`."""
    try:
        timelines = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"cannot be read as JSON ({exc})") from exc
    try:
        return frozenset(str(day)[:10] for timeline in timelines for day, _ in timeline)
    except (TypeError, ValueError) as exc:
        raise InputError(str(path), "is not a list of timelines of [date, sentences]") from exc


def load_topics(folder: Path) -> list[Topic]:
    """The folder topics under `folder` (or `folder` itself), then the merged ones."""
    if (folder / ARTICLES).is_file():
        candidates = [folder]
    else:
        candidates = sorted(p for p in folder.iterdir() if p.is_dir())
    topics = [
        Topic(p.name, (p / ARTICLES,), gold_dates(p / TIMELINES))
        for p in candidates
        if (p / ARTICLES).is_file() and (p / TIMELINES).is_file()
    ]
    if not topics:
        raise UsageError(
            f"{folder} holds no Timeline17 topic: a topic folder has {ARTICLES} and {TIMELINES}"
        )
    stories: dict[str, list[Topic]] = {}
    for topic in topics:
        story, sep, _ = topic.name.rpartition("_")
        if sep and story:
            stories.setdefault(story, []).append(topic)
    for story, parts in stories.items():
        if len(parts) > 1:
            articles = tuple(a for t in parts for a in t.articles)
            gold = frozenset().union(*(t.gold for t in parts))
            topics.append(Topic(story, articles, gold, merged=True))
    return topics


def busiest_days(published: Iterable[str], count: int) -> list[str]:
    """The `count` days with most articles published, ties to the earlier day."""
    per_day = Counter(day[:10] for day in published if day)
    return [day for day, _ in sorted(per_day.items(), key=lambda item: (-item[1], item[0]))][:count]


def date_prf(selected: Sequence[str], gold: frozenset[str]) -> PRF:
    """Date precision/recall/F1 of a selection of days against the gold days."""
    chosen = set(selected)
    hits = len(chosen & gold)
    return PRF(hits, len(chosen) - hits, len(gold) - hits)


def run_timeline17(path: Path, system: Callable[[Topic], TopicRun]) -> EvalResult:
    """Score `system` (a topic -> its ranked dates) and the busiest-days baseline per topic."""
    result = EvalResult("timeline17")
    folder_f1: list[float] = []
    baseline_f1: list[float] = []
    rows = []
    skipped: list[dict[str, str]] = []
    for topic in load_topics(path):
        run = system(topic)
        keep = len(topic.gold)
        chosen = run.ranked[:keep]
        ours, base = (
            date_prf(chosen, topic.gold),
            date_prf(busiest_days(run.published, keep), topic.gold),
        )
        result.metrics.update(ours.as_metrics(f"{topic.name} date"))
        result.metrics[f"{topic.name} busiest-days date F1"] = round(base.f1, 4)
        result.metrics[f"{topic.name} gold dates"] = float(keep)
        if not topic.merged:
            folder_f1.append(ours.f1)
            baseline_f1.append(base.f1)
        skipped += [{"topic": topic.name, **s} for s in run.skipped]
        rows.append(
            {
                "topic": topic.name,
                "articles": len(run.published),
                "candidate dates": len(run.ranked),
                "gold dates": keep,
                "hits": sorted(set(chosen) & topic.gold),
                "false alarms": sorted(set(chosen) - topic.gold),
                "missed": sorted(topic.gold - set(chosen)),
            }
        )
    result.metrics["mean date F1"] = round(sum(folder_f1) / len(folder_f1), 4)
    result.metrics["mean busiest-days date F1"] = round(sum(baseline_f1) / len(baseline_f1), 4)
    result.details["topics"] = rows
    result.details["skipped records"] = skipped
    return result
