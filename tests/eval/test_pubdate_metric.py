"""The publication-date metric on cases whose score is known by hand."""

import gzip
from pathlib import Path

from triangulate.eval.pubdate import PubdateMiss, run_pubdate, score_dates

GOLD_JSON = """{
 "https://a.example/1": {"file": "1.html", "date": "2020-06-07"},
 "https://b.example/2": {"file": "2.html", "date": "2020-01-31"},
 "https://c.example/3": {"file": "3.html", "date": NaN},
 "https://d.example/4": {"file": "4.html.gz", "date": "2019-12-24"}
}"""
ANSWERS = {"1": "2020-06-07", "2": "2020-01-31", "3": None, "4": "2019-12-24"}


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "html").mkdir()
    (tmp_path / "gold.json").write_text(GOLD_JSON, encoding="utf-8")
    for name in ("1", "2", "3"):
        (tmp_path / "html" / f"{name}.html").write_text(f"<p>page {name}</p>", encoding="utf-8")
    (tmp_path / "html" / "4.html.gz").write_bytes(gzip.compress(b"<p>page 4</p>"))
    return tmp_path


def _page(html: str) -> str:
    return html.removeprefix("<p>page ").removesuffix("</p>")


def test_perfect_system_scores_one_and_nan_gold_means_no_date(tmp_path: Path) -> None:
    score = run_pubdate(_folder(tmp_path), lambda html, url: ANSWERS[_page(html)])
    assert (score.accuracy, score.n, score.misses) == (1.0, 4, [])
    assert (score.no_date, score.gold_no_date) == (1, 1)


def test_system_without_dates_is_right_only_on_the_dateless_page(tmp_path: Path) -> None:
    score = run_pubdate(_folder(tmp_path), lambda html, url: None)
    assert score.accuracy == 0.25
    assert score.no_date == 4
    assert PubdateMiss("https://a.example/1", "2020-06-07", None) in score.misses


def test_half_right_system(tmp_path: Path) -> None:
    def half(html: str, url: str | None) -> str | None:
        return ANSWERS[_page(html)] if url and url[8] in "ab" else "2021-01-01"

    score = run_pubdate(_folder(tmp_path), half)
    assert score.accuracy == 0.5
    assert [miss.url for miss in score.misses] == ["https://c.example/3", "https://d.example/4"]


def test_score_dates_on_rows() -> None:
    score = score_dates([("u", "2020-01-01", "2020-01-02"), ("v", None, None)])
    assert score.accuracy == 0.5
    assert score.misses == [PubdateMiss("u", "2020-01-01", "2020-01-02")]
