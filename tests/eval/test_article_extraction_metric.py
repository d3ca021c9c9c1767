"""The article-extraction metric on cases whose score is known by hand."""

import gzip
import json
from pathlib import Path

import pytest

from triangulate.eval.article_extraction import (
    run_article_extraction,
    score_page,
    score_pages,
    shingles,
)

GOLD = "the quick brown fox jumps over the lazy dog"  # 9 tokens, 6 shingles


def test_shingles_keep_case_and_count_repeats() -> None:
    assert shingles("A b c d A b c d") == {
        ("A", "b", "c", "d"): 2,
        ("b", "c", "d", "A"): 1,
        ("c", "d", "A", "b"): 1,
        ("d", "A", "b", "c"): 1,
    }
    assert ("a", "b", "c", "d") not in shingles("A b c d")


def test_short_text_is_one_shingle() -> None:
    assert shingles("two words") == {("two", "words"): 1}
    assert shingles("  ,, ") == {}


def test_perfect_system_scores_one() -> None:
    score = score_pages(
        [("1", GOLD, GOLD), ("2", "Hello there, world of news", "Hello there world of news")]
    )
    assert (score.precision, score.recall, score.f1, score.n) == (1.0, 1.0, 1.0, 2)


def test_empty_system_scores_zero_recall_and_is_left_out_of_precision() -> None:
    score = score_pages([("1", "", GOLD), ("2", "", GOLD)])
    assert score.recall == 0.0
    assert score.precision == 0.0  # no page counts for precision at all
    assert score.f1 == 0.0
    assert [(p.precision, p.recall) for p in score.pages] == [(None, 0.0), (None, 0.0)]


def test_half_right_system() -> None:
    # first half of the gold tokens: 3 of the 6 gold shingles, nothing extra
    half = score_page("1", "the quick brown fox jumps over", GOLD)
    assert (half.precision, half.recall) == (1.0, 0.5)
    # the gold text plus as many noise tokens: 18 tokens make 15 shingles, 6 of them right
    noisy = score_page("2", GOLD + " one two three four five six seven eight nine", GOLD)
    assert noisy.recall == 1.0
    assert noisy.precision == pytest.approx(6 / 15)


def test_precision_and_recall_are_means_over_pages_and_f1_of_the_means() -> None:
    score = score_pages([("perfect", GOLD, GOLD), ("half", "the quick brown fox jumps over", GOLD)])
    assert score.precision == 1.0
    assert score.recall == 0.75
    assert score.f1 == pytest.approx(2 * 1.0 * 0.75 / 1.75)


def test_empty_gold_page_counts_for_precision_only() -> None:
    score = score_pages([("1", "some extra words here", ""), ("2", GOLD, GOLD)])
    assert score.pages[0].precision == 0.0 and score.pages[0].recall is None
    assert score.precision == 0.5
    assert score.recall == 1.0


def test_both_empty_page_is_left_out() -> None:
    score = score_pages([("1", "", ""), ("2", GOLD, GOLD)])
    assert (score.precision, score.recall, score.n) == (1.0, 1.0, 2)


def test_run_reads_gzipped_pages_and_ground_truth(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    truth = {"a": {"articleBody": GOLD, "url": "https://example.org/a"}}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    (tmp_path / "html" / "a.html.gz").write_bytes(gzip.compress(f"<p>{GOLD}</p>".encode()))
    seen: list[str | None] = []

    def extractor(html: str, url: str | None) -> str:
        seen.append(url)
        return html.removeprefix("<p>").removesuffix("</p>")

    score = run_article_extraction(tmp_path, extractor)
    assert seen == ["https://example.org/a"]
    assert score.f1 == 1.0
