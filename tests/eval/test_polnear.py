"""PolNeAR brat loading and attribution scoring, on a hand-made text and hand-made systems."""

from __future__ import annotations

from pathlib import Path

import pytest

from triangulate.eval.polnear import (
    Attribution,
    is_speech_like,
    load_polnear,
    run_polnear,
    score_attributions,
)

TEXT = (
    "Officials said the bridge was closed. The mayor, critics believe, lied about it.\nRead more."
)
# E2 names T5 before it is defined; the content of E1 is discontinuous; the note,
# the Discard span and the continuation line of T9's text are not attributions.
ANN = "\n".join(
    [
        "T1\tSource 0 9\tOfficials",
        "T2\tCue 10 14\tsaid",
        "T3\tContent 15 25;26 36\tthe bridge was closed",
        "T4\tAttribution 10 14\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        "E2\tAttribution:T8 Content:T6 Cue:T7 Source:T5 Content2:T9",
        "T6\tContent 38 47\tThe mayor",
        "T7\tCue 57 64\tbelieve",
        "T8\tAttribution 57 64\tbelieve",
        "T5\tSource 49 56\tcritics",
        "T9\tContent 66 80\tlied about it.",
        "continued text",
        "#1\tAnnotatorNotes T1\tcheck this",
        "T10\tDiscard 81 91\tRead more.",
        "",
    ]
)


def _write(folder: Path) -> Path:
    (folder / "dev" / "text").mkdir(parents=True)
    (folder / "dev" / "attributions").mkdir(parents=True)
    (folder / "dev" / "text" / "paper_2016-01-01_story.txt").write_text(TEXT, encoding="utf-8")
    attributions = folder / "dev" / "attributions"
    (attributions / "paper_2016-01-01_story_aaaa.ann").write_text(ANN, encoding="utf-8")
    (attributions / "paper_2016-01-01_story_bbbb.ann").write_text("", encoding="utf-8")
    return folder


def test_load_joins_events_and_fragments(tmp_path: Path) -> None:
    [doc] = load_polnear(_write(tmp_path))
    assert (doc.name, doc.annotation) == ("paper_2016-01-01_story", "paper_2016-01-01_story_aaaa")
    first, second = doc.attributions
    assert first.source == ((0, 9),)
    assert first.content == ((15, 25), (26, 36))
    assert first.content_text == "the bridge was closed"
    assert first.speech_like
    assert second.source_text == "critics"
    assert second.cue_text == "believe"
    assert second.content == ((38, 47), (66, 80))
    assert not second.speech_like


@pytest.mark.parametrize(
    ("cue", "expected"),
    [
        ("said", True),
        ("Says", True),
        ("has told", True),
        ("testified", True),
        ("admitted", True),
        ("according to", True),
        ("According  to", True),
        ("believes", False),
        ("mocked", False),
        (":", False),
        ("", False),
    ],
)
def test_speech_like(cue: str, expected: bool) -> None:
    assert is_speech_like(cue) is expected


def _a(source: tuple = (), cue: tuple = (), content: tuple = (), cue_text: str = "") -> Attribution:
    return Attribution(source=source, cue=cue, content=content, cue_text=cue_text)


G1 = _a(((0, 5),), ((6, 10),), ((11, 30),), "said")
G2 = _a(((40, 45),), ((46, 54),), ((55, 70),), "believes")
GOLD = {"d": [G1, G2]}


def test_perfect_system() -> None:
    result = score_attributions(GOLD, GOLD)
    f1s = {k: v for k, v in result.metrics.items() if k.endswith("F1")}
    assert len(f1s) == 12
    assert set(f1s.values()) == {1.0}
    assert result.metrics["gold speech-like attributions"] == 1.0


def test_empty_system() -> None:
    result = score_attributions(GOLD, {})
    assert {v for k, v in result.metrics.items() if k.endswith(("F1", "recall"))} == {0.0}
    assert len(result.details["misses"]) == 6


def test_half_right_system() -> None:
    s1 = _a(((0, 5),), ((6, 10),), ((11, 25),), "said")  # content cut short
    s2 = _a(((80, 85),), ((46, 54),), (), "believes")  # wrong source, no content
    result = score_attributions(GOLD, {"d": [s1, s2]})
    m = result.metrics
    assert (m["source overlap F1"], m["source exact F1"]) == (0.5, 0.5)
    assert (m["cue overlap F1"], m["cue exact F1"]) == (1.0, 1.0)
    assert (m["content overlap precision"], m["content overlap recall"]) == (1.0, 0.5)
    assert (m["content overlap F1"], m["content exact F1"]) == (0.6667, 0.0)
    assert m["speech-like source exact F1"] == 1.0
    assert (m["speech-like content overlap F1"], m["speech-like content exact F1"]) == (1.0, 0.0)
    assert sorted((r["role"], r["spans"][0][0]) for r in result.details["misses"]) == [
        ("content", 55),
        ("source", 40),
    ]
    assert [r["spans"] for r in result.details["false alarms"]] == [[[80, 85]]]
    assert [r["system spans"] for r in result.details["boundary errors"]] == [[[11, 25]]]


def test_matching_is_one_to_one_and_fragment_aware() -> None:
    gold = {"d": [_a(content=((0, 5), (10, 15)))]}
    split = {"d": [_a(content=((0, 3),)), _a(content=((10, 15),))]}
    m = score_attributions(gold, split).metrics
    assert (m["content overlap precision"], m["content overlap recall"]) == (0.5, 1.0)
    shuffled = {"d": [_a(content=((10, 15), (0, 5)))]}
    assert score_attributions(gold, shuffled).metrics["content exact F1"] == 1.0
    covering = {"d": [_a(content=((0, 15),))]}
    m = score_attributions(gold, covering).metrics
    assert (m["content overlap F1"], m["content exact F1"]) == (1.0, 0.0)


def test_run(tmp_path: Path) -> None:
    folder = _write(tmp_path)
    result = run_polnear(folder, None)
    assert "attributions" in result.unavailable
    assert result.metrics == {"gold documents": 1.0, "gold attributions": 2.0}
    gold = {d.text: d.attributions for d in load_polnear(folder)}
    assert run_polnear(folder, gold.__getitem__).metrics["content exact F1"] == 1.0


def test_real_polnear_spans(shared_dir: Path) -> None:
    folder = shared_dir / "benchmarks" / "polnear"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    docs = load_polnear(folder, "dev")
    attributions = [(d, a) for d in docs for a in d.attributions]
    assert len(docs) > 50
    assert len(attributions) > 1000
    assert any(a.speech_like for _, a in attributions)
    for doc, a in attributions:
        for role in ("source", "cue", "content"):
            spans = a.spans(role)
            assert all(0 <= s < e <= len(doc.text) for s, e in spans)
            assert a.text(role) == " ".join(doc.text[s:e] for s, e in spans)
