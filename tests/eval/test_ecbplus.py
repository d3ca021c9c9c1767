"""ECB+ loading and document-clustering scores, on hand-made files and a hand-worked example."""

from __future__ import annotations

from pathlib import Path

import pytest

from triangulate.errors import UsageError
from triangulate.eval.ecbplus import load_ecbplus, run_ecbplus, score_clusters


def _xml(name: str, sentences: list[list[str]]) -> str:
    tokens = []
    t_id = 1
    for s, words in enumerate(sentences):
        for n, word in enumerate(words):
            tokens.append(f'<token t_id="{t_id}" sentence="{s}" number="{n}">{word}</token>')
            t_id += 1
    return (
        f'<Document doc_name="{name}" doc_id="DOC1">\n'
        + "\n".join(tokens)
        + '\n<Markables>\n<ACTION_OCCURRENCE m_id="1" />\n</Markables>\n'
        + "<Relations>\n</Relations>\n</Document>\n"
    )


def _write(folder: Path) -> Path:
    (folder / "1").mkdir()
    (folder / "1" / "1_1ecb.xml").write_text(
        _xml("1_1ecb.xml", [["Reid", "entered", "rehab", "."], ["AT&amp;T", "said\t", " "]]),
        encoding="utf-8",
    )
    (folder / "1" / "1_2ecbplus.xml").write_text(
        _xml("1_2ecbplus.xml", [["Lohan", "entered", "rehab", "."]]), encoding="utf-8"
    )
    (folder / "1" / "notes.xml").write_text("<notes/>", encoding="utf-8")
    return folder


def test_load_rebuilds_text(tmp_path: Path) -> None:
    docs = load_ecbplus(_write(tmp_path))
    assert [(d.doc_id, d.topic, d.half, d.gold_cluster) for d in docs] == [
        ("1_1ecb", "1", "ecb", "1_ecb"),
        ("1_2ecbplus", "1", "ecbplus", "1_ecbplus"),
    ]
    assert docs[0].text == "Reid entered rehab .\nAT&T said"


# Gold: a, b, c report one event, d, e the other; the system puts c with d and e.
GOLD = {"a": "1_ecb", "b": "1_ecb", "c": "1_ecb", "d": "1_ecbplus", "e": "1_ecbplus"}
SYSTEM = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}


def test_perfect_system() -> None:
    m = score_clusters(GOLD, GOLD).metrics
    assert m["B-cubed F1"] == m["pairwise F1"] == 1.0


def test_hand_worked_example() -> None:
    result = score_clusters(GOLD, SYSTEM)
    m = result.metrics
    # precision per document: a 1, b 1, c 1/3, d 2/3, e 2/3 -> 11/15
    # recall per document: a 2/3, b 2/3, c 1/3, d 1, e 1 -> 11/15
    assert (m["B-cubed precision"], m["B-cubed recall"], m["B-cubed F1"]) == (
        0.7333,
        0.7333,
        0.7333,
    )
    # pairs: gold {ab, ac, bc, de}, system {ab, cd, ce, de}, shared {ab, de}
    assert (m["pairwise precision"], m["pairwise recall"]) == (0.5, 0.5)
    assert result.details["topics"] == [
        {
            "topic": "1",
            "documents": 5,
            "purity": 0.7333,
            "completeness": 0.7333,
            "system clusters": 2,
        }
    ]
    [misplaced] = result.details["misplaced"]
    assert (misplaced["doc"], misplaced["why"]) == ("c", "merged and split")


def test_missing_documents_are_singletons() -> None:
    m = score_clusters(GOLD, {"zzz": "x"}).metrics
    # recall per document: a, b, c 1/3; d, e 1/2 -> 2/5
    assert (m["B-cubed precision"], m["B-cubed recall"]) == (1.0, 0.4)
    assert m["pairwise recall"] == 0.0
    assert m["system clusters"] == 5.0


def test_one_big_cluster() -> None:
    m = score_clusters(GOLD, dict.fromkeys(GOLD, "all")).metrics
    # precision per document: 3/5 for a, b, c and 2/5 for d, e -> 13/25
    assert (m["B-cubed precision"], m["B-cubed recall"]) == (0.52, 1.0)
    assert (m["pairwise precision"], m["pairwise recall"]) == (0.4, 1.0)


def test_run(tmp_path: Path) -> None:
    folder = _write(tmp_path)
    result = run_ecbplus(folder, None)
    assert "clusters" in result.unavailable
    assert result.metrics == {"gold documents": 2.0, "gold topics": 1.0, "gold clusters": 2.0}
    by_topic = run_ecbplus(folder, lambda docs: {d.doc_id: d.topic for d in docs})
    assert (by_topic.metrics["B-cubed precision"], by_topic.metrics["B-cubed recall"]) == (0.5, 1.0)


def test_real_ecbplus(shared_dir: Path) -> None:
    folder = shared_dir / "benchmarks" / "ecbplus"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    docs = load_ecbplus(folder)
    assert len(docs) > 500
    assert all(d.text.strip() for d in docs)
    halves: dict[str, set[str]] = {}
    for d in docs:
        halves.setdefault(d.topic, set()).add(d.half)
    assert len(halves) > 20
    assert all(h == {"ecb", "ecbplus"} for h in halves.values())


def test_empty_gold_is_an_error() -> None:
    with pytest.raises(UsageError):
        score_clusters({}, {"a": "x"})
