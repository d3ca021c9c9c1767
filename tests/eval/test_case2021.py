"""CASE 2021 task 2 scoring: weighted and macro F1, the confusion, reading the snippets."""

from __future__ import annotations

from pathlib import Path

import pytest

from triangulate.errors import InputError
from triangulate.eval.case2021 import confusion, load_snippets, run_case2021, score_types


def test_weighted_and_macro_f1_from_hand_counts() -> None:
    gold = ["a", "a", "a", "b"]
    predicted = ["a", "a", "b", "b"]
    scores = score_types(gold, predicted, "x")
    # a: P 1, R 2/3, F1 0.8; b: P 1/2, R 1, F1 2/3.
    assert scores["x weighted F1"] == round((0.8 * 3 + 2 / 3) / 4, 4)
    assert scores["x macro F1"] == round((0.8 + 2 / 3) / 2, 4)
    assert scores["x accuracy"] == 0.75
    assert confusion(gold, predicted)[0] == {"gold": "a", "predicted": "b", "count": 1}


def _write(path: Path, rows: list[tuple[str, str]]) -> Path:
    lines = ["id\tEventSnippet\tSubType"] + [f"{n}\t{t}\t{k}" for n, (t, k) in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_bad_label_names_the_line(tmp_path: Path) -> None:
    _write(tmp_path / "snippets.tsv", [("Police arrested two men.", "ARRESTED")])
    with pytest.raises(InputError, match="line 2"):
        load_snippets(tmp_path)


def test_a_run_reports_rules_cross_validation_and_the_shipped_model(tmp_path: Path) -> None:
    from triangulate.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    rows = [(f"Police arrested {n} men in Harsk.", "ARREST") for n in range(2, 8)] + [
        (f"A grenade was hurled at {n} soldiers.", "GRENADE") for n in range(2, 8)
    ]
    result = run_case2021(_write(tmp_path / "s.tsv", rows), lambda texts: list(nlp.pipe(texts)))
    assert result.metrics["snippets"] == 12
    assert result.metrics["rules weighted F1"] == 1.0
    assert 0.0 <= result.metrics["5-fold cross-validated model weighted F1"] <= 1.0
    assert "shipped model (trained on the dev half) weighted F1" in result.metrics
    assert "confusion (rules)" in result.details


def test_the_dev_half_reads_as_510_snippets_of_30_types(shared_dir: Path) -> None:
    snippets = load_snippets(shared_dir / "benchmarks" / "case2021-task2")
    assert len(snippets) == 510 and len({s.label for s in snippets}) == 30
