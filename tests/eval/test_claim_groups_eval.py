"""The claim-groups evaluation: judged groups matched by document and sentence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from triangulate.errors import InputError
from triangulate.eval.claim_groups import load_judgements, score_claim_groups

TEXT = "Kyiv says it holds 1,000 km2. Analysts say 800 km2. Ten people were killed."
DOCS = [
    {"id": "d1", "path": "/data/run1/001_wire.txt", "url": None, "text": TEXT},
    {"id": "d2", "path": "/data/run1/002_post.txt", "url": "https://post.example/a", "text": TEXT},
]


def member(doc_id: str, start: int, end: int) -> dict[str, object]:
    return {"doc_id": doc_id, "sentence_start": start, "sentence_end": end}


GROUPS = [
    {"id": "g1", "status": "conflict", "members": [member("d1", 0, 29), member("d2", 30, 51)]},
    {"id": "g2", "status": "corroborated", "members": [member("d1", 52, 76), member("d2", 52, 76)]},
    {"id": "g3", "status": "single", "members": [member("d1", 30, 51)]},
]


def write(tmp_path: Path, rows: list[dict[str, object]]) -> Path:
    path = tmp_path / "judged.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_precision_per_status_from_judgements_named_by_file_name_or_url(tmp_path: Path) -> None:
    judged = write(
        tmp_path,
        [
            {
                "members": [
                    {"doc": "001_wire.txt", "sentence": "Kyiv says it holds 1,000 km2."},
                    {"doc": "https://post.example/a", "sentence": "Analysts say  800 km2."},
                ],
                "judgement": "conflict",
                "reason": "same area, two claimants",
            },
            {
                "members": [
                    {"doc": "/elsewhere/001_wire.txt", "sentence": "Ten people were killed."},
                    {"doc": "002_post.txt", "sentence": "Ten people were killed."},
                ],
                "judgement": "not comparable",
                "reason": "two different attacks",
            },
            {
                "members": [{"doc": "003_gone.txt", "sentence": "Gone."}],
                "judgement": "series",
                "reason": "from another run",
            },
        ],
    )
    result = score_claim_groups(load_judgements(judged), GROUPS, DOCS)
    assert result.metrics["conflict precision"] == 1.0
    assert result.metrics["corroborated precision"] == 0.0
    assert result.metrics["corroborated judged"] == 1.0
    assert result.metrics["judgements matching no group"] == 1.0
    assert "series precision" in result.unavailable
    assert result.details["wrong"][0]["id"] == "g2"


def test_a_line_without_a_known_judgement_is_named(tmp_path: Path) -> None:
    judged = write(tmp_path, [{"members": [], "judgement": "maybe"}])
    with pytest.raises(InputError, match="judged.jsonl:1"):
        load_judgements(judged)


def test_a_judged_group_of_an_unscored_status_still_matches(tmp_path: Path) -> None:
    judged = write(
        tmp_path,
        [{"members": [{"doc": "001_wire.txt", "sentence": "Analysts say 800 km2."}],
          "judgement": "agree", "reason": "g3, a single claim"}],
    )  # fmt: skip
    result = score_claim_groups(load_judgements(judged), GROUPS, DOCS)
    assert result.metrics["judgements matching no group"] == 0.0
    assert result.metrics["conflict judged"] == result.metrics["corroborated judged"] == 0.0
