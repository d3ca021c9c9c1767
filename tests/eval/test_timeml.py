"""TimeML loading and TempEval-3 timex scoring, on a hand-made document and hand-made systems."""

from __future__ import annotations

from pathlib import Path

import pytest

from triangulate.eval.timeml import Timex, load_timeml, run_timeml, score_timexes

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TINY1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" \
functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
Stocks <EVENT eid="e1" class="OCCURRENCE">fell</EVENT> \
<TIMEX3 tid="t1" type="DATE" value="1998-01-06" functionInDocument="NONE">Tuesday</TIMEX3> \
at AT&amp;T, for <TIMEX3 tid="t2" type="DURATION" value="P1W">a week</TIMEX3>.

<TIMEX3 tid="t3" type="DATE" value="PRESENT_REF">Now</TIMEX3> prices rise.
</TEXT>
</TimeML>
"""


def _write(folder: Path) -> Path:
    for sub, name in (("TimeBank", "TINY1.tml"), ("AQUAINT", "TINY2.tml")):
        (folder / sub).mkdir(parents=True)
        (folder / sub / name).write_text(TML.replace("TINY1", name[:-4]), encoding="utf-8")
    return folder


def test_load_reads_text_dct_and_offsets(tmp_path: Path) -> None:
    docs = load_timeml(_write(tmp_path))
    assert [d.doc_id for d in docs] == ["TINY2", "TINY1"]
    doc = docs[1]
    assert doc.dct == "1998-01-08"
    assert doc.text.startswith("\nStocks fell Tuesday at AT&T, for a week.")
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Tuesday", "DATE", "1998-01-06"),
        ("a week", "DURATION", "P1W"),
        ("Now", "DATE", "PRESENT_REF"),
    ]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)


def _t(start: int, end: int, type_: str = "DATE", value: str = "X") -> Timex:
    return Timex(start, end, "", type_, value)


GOLD = {
    "d": [
        _t(0, 5, "DATE", "2020-01-01"),
        _t(10, 20, "DURATION", "P1W"),
        _t(30, 40, "DATE", "2020"),
        _t(50, 55, "TIME", "2020-01-01T10:00"),
    ]
}


def test_perfect_system() -> None:
    metrics = score_timexes(GOLD, GOLD).metrics
    for name in ("strict", "relaxed", "type", "value"):
        assert metrics[f"{name} F1"] == 1.0
    assert metrics["value accuracy"] == 1.0


def test_empty_system() -> None:
    result = score_timexes(GOLD, {})
    assert result.metrics["relaxed recall"] == 0.0
    assert result.metrics["relaxed precision"] == 0.0
    assert result.metrics["value F1"] == 0.0
    assert result.metrics["value accuracy"] == 0.0
    assert len(result.details["misses"]) == 4


def test_half_right_system() -> None:
    system = {
        "d": [
            _t(0, 5, "DATE", "2020-01-01"),  # strict, type and value right
            _t(12, 20, "DURATION", "P2W"),  # relaxed only, type right, value wrong
            _t(30, 40, "SET", "2020"),  # strict, type wrong, value right
        ]
    }
    result = score_timexes(GOLD, system)
    m = result.metrics
    assert (m["strict precision"], m["strict recall"], m["strict F1"]) == (0.6667, 0.5, 0.5714)
    assert (m["relaxed precision"], m["relaxed recall"], m["relaxed F1"]) == (1.0, 0.75, 0.8571)
    assert (m["type accuracy"], m["value accuracy"]) == (0.6667, 0.6667)
    assert (m["type precision"], m["type recall"], m["type F1"]) == (0.6667, 0.5, 0.5714)
    assert m["value F1"] == 0.5714
    assert [row["start"] for row in result.details["misses"]] == [50]
    assert result.details["false alarms"] == []
    assert [row["system value"] for row in result.details["wrong values"]] == ["P2W"]


def test_relaxed_match_is_one_to_one() -> None:
    gold = {"d": [_t(0, 14)]}
    system = {"d": [_t(0, 6), _t(7, 14)], "other": [_t(0, 3)]}
    m = score_timexes(gold, system).metrics
    assert (m["relaxed precision"], m["relaxed recall"]) == (0.3333, 1.0)
    assert m["strict F1"] == 0.0


def test_run_without_tagger_is_unavailable(tmp_path: Path) -> None:
    result = run_timeml(_write(tmp_path), None)
    assert "timexes" in result.unavailable
    assert result.metrics == {"gold documents": 2.0, "gold timexes": 6.0}


def test_run_with_tagger(tmp_path: Path) -> None:
    folder = _write(tmp_path)
    gold = {d.text: d.timexes for d in load_timeml(folder)}
    result = run_timeml(folder, lambda text, dct: gold[text][:1])
    assert result.metrics["relaxed precision"] == 1.0
    assert result.metrics["relaxed recall"] == 0.3333
    assert not result.unavailable


def test_real_timeml_offsets(shared_dir: Path) -> None:
    folder = shared_dir / "benchmarks" / "timeml"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    docs = load_timeml(folder)
    assert len(docs) > 200
    assert sum(len(d.timexes) for d in docs) > 1000
    assert all(d.dct for d in docs)
    assert all(d.text[t.start : t.end] == t.text for d in docs for t in d.timexes)
