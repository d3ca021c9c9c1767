"""The NewsQuant scorer's matching rules on a made-up file, and the task on the shared set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from triangulate.errors import InputError
from triangulate.eval.newsquant import Quantity, load_newsquant, run_newsquant


def _write(tmp_path: Path) -> Path:
    data = [
        {"text": "Up 5% to $10.", "quantities": [
            {"value": "5.0", "unit": "%", "normalized_unit": "percentage", "change": "up",
             "referred_concepts": "-"},
            {"value": "10", "unit": "$", "normalized_unit": "dollar", "change": "=",
             "referred_concepts": "-"}]},
        {"text": "From 2 to 3 good speakers.", "quantities": [
            {"value": "2.0-3.0", "unit": "speakers", "normalized_unit": "good speaker",
             "change": "=", "referred_concepts": "-"}]},
    ]  # fmt: skip
    path = tmp_path / "NewsQuant.json"
    path.write_text(json.dumps(data))
    return tmp_path


def test_value_unit_and_change_are_scored_separately(tmp_path: Path) -> None:
    def extract(texts: list[str]) -> list[list[Quantity]]:
        assert len(texts) == 2
        return [
            [Quantity(5, 5, "percentage", "="), Quantity(10, 10, "euro", "="),
             Quantity(7, 7, "-", "=")],
            [Quantity(2, 3, "speaker", "=", count=True)],
        ]  # fmt: skip

    metrics = run_newsquant(_write(tmp_path), extract).metrics
    assert metrics["value precision"] == 0.75 and metrics["value recall"] == 1.0
    assert metrics["value+unit recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert metrics["value+change recall"] == pytest.approx(2 / 3, abs=1e-4)


def test_ranges_and_broken_files(tmp_path: Path) -> None:
    (_, golds), (_, ranged) = load_newsquant(_write(tmp_path))
    assert (ranged[0].low, ranged[0].high) == (2.0, 3.0) and golds[0].change == "up"
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    with pytest.raises(InputError):
        load_newsquant(bad)


def test_the_shared_benchmark_reaches_its_value_target(shared_dir: Path) -> None:
    from triangulate.eval.runner import evaluate

    metrics = evaluate("newsquant", shared_dir / "benchmarks" / "newsquant").metrics
    assert metrics["value F1"] >= 0.93
    assert metrics["value+unit F1"] >= 0.85
    assert metrics["value+change F1"] >= 0.86
