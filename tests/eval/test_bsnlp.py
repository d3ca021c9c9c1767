"""The BSNLP scorer's rules on a made-up topic, and the shared set's layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from triangulate.errors import InputError
from triangulate.eval.bsnlp import load_bsnlp, run_bsnlp
from triangulate.nlp.ruuk.mention import Mention

TEXT = "Иван Орлов приехал в Тверь.\nОрлов и Тверь, снова Тверь."


def _topic(tmp_path: Path, gold: str) -> Path:
    for kind, name, content in (
        ("raw", "doc_1.txt", f"ru-1\nru\n2020-01-01\nhttp://example.org\n{TEXT}\n"),
        ("annotated", "doc_1.out", f"ru-1\n{gold}"),
    ):
        folder = tmp_path / "made_up" / kind / "ru"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    return tmp_path


GOLD = (
    "Иван Орлов\tИван Орлов\tPER\tPER-Orlov\n"
    "Орлов\tОрлов\tPER\tPER-Orlov\n"
    "Тверь\tТверь\tLOC\tGPE-Tver\n"
)


def _found(text: str, form: str, label: str, base: str, key: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(form, start + 1)
    return Mention(start, start + len(form), form, label, base, base, key)


def test_relaxed_needs_one_occurrence_and_strict_every_one(tmp_path: Path) -> None:
    def extract(text: str, language: str) -> list[Mention]:
        assert language == "ru" and text.startswith("Иван Орлов")
        return [
            _found(text, "Иван Орлов", "PER", "Иван Орлов", "orlov"),
            _found(text, "Орлов", "PER", "Орлов", "orlov", nth=1),
            _found(text, "Тверь", "LOC", "Тверь", "tver"),  # the two later ones missed
            _found(text, "Иван", "LOC", "Иван", "ivan"),  # a false alarm
        ]

    metrics = run_bsnlp(_topic(tmp_path, GOLD), extract).metrics
    assert metrics["ru recognition relaxed recall"] == 1.0
    assert metrics["ru recognition relaxed precision"] == 0.75
    # Тверь is tagged once of three times; Орлов inside "Иван Орлов" does not count
    assert metrics["ru recognition strict recall"] == round(2 / 3, 4)
    assert metrics["ru normalisation accuracy"] == 1.0
    assert metrics["linking B-cubed F1"] == 1.0


def test_a_wrong_base_form_and_a_split_entity_are_scored(tmp_path: Path) -> None:
    def extract(text: str, language: str) -> list[Mention]:
        return [
            _found(text, "Иван Орлов", "PER", "Иван Орлов", "ivan orlov"),
            _found(text, "Орлов", "PER", "Орлова", "orlov", nth=1),
            _found(text, "Тверь", "LOC", "Тверь", "tver"),
        ]

    metrics = run_bsnlp(_topic(tmp_path, GOLD), extract).metrics
    assert metrics["ru normalisation accuracy"] == round(2 / 3, 4)
    assert metrics["linking B-cubed precision"] == 1.0
    assert metrics["linking B-cubed recall"] == round((0.5 + 0.5 + 1) / 3, 4)
    assert metrics["ru PER recognition relaxed F1"] == 1.0


def test_a_gold_file_without_its_text_is_counted_not_scored(tmp_path: Path) -> None:
    path = _topic(tmp_path, GOLD)
    (path / "made_up" / "annotated" / "ru" / "doc_2.out").write_text("ru-2\nТверь\tТверь\tLOC\t1\n")
    docs, unscored = load_bsnlp(path)
    assert [d.id for d in docs] == ["ru-1"] and unscored == 1


def test_a_folder_without_topics_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no BSNLP topic"):
        load_bsnlp(tmp_path)


def test_the_shared_dev_topics_are_read(shared_dir: Path) -> None:
    docs, unscored = load_bsnlp(shared_dir / "benchmarks" / "bsnlp")
    assert {d.topic for d in docs} >= {"asia_bibi", "brexit"}
    assert all(d.gold for d in docs) and unscored >= 0


def test_a_type_the_system_never_tags_is_not_available_not_zero(tmp_path: Path) -> None:
    gold = GOLD + "Кубок Твери\tКубок Твери\tEVT\tEVT-Cup\n"
    result = run_bsnlp(_topic(tmp_path, gold), lambda text, language: [])
    assert "EVT recognition" in result.unavailable
    assert "ru EVT recognition relaxed F1" not in result.metrics
    assert result.metrics["ru all types recognition relaxed recall"] == 0.0
