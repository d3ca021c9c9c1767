"""The claim-groups evaluation: judged groups matched by document and sentence."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from triangulate.errors import InputError
from triangulate.eval.claim_groups import (
    draw_unjudged,
    load_judgements,
    score_claim_groups,
    sentence_sha1,
)

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


def sha1(sentence: str) -> str:
    return hashlib.sha1(sentence.encode("utf-8")).hexdigest()


def test_the_sentence_hash_is_sha1_of_the_sentence_with_whitespace_collapsed() -> None:
    assert sentence_sha1(" Analysts\u00a0 say\n\t800 km2. ") == sha1("Analysts say 800 km2.")
    assert sentence_sha1("Analysts say 800 km2.") != sha1("analysts say 800 km2.")


def test_hashed_members_match_the_group_text_members_match(tmp_path: Path) -> None:
    conflict = [("001_wire.txt", "Kyiv says it holds 1,000 km2."),
                ("https://post.example/a", "Analysts say 800 km2.")]  # fmt: skip
    as_text = [{"doc": doc, "sentence": sentence} for doc, sentence in conflict]
    as_hash = [{"doc": doc, "sentence_sha1": sha1(sentence)} for doc, sentence in conflict]
    mixed = [as_text[0], {**as_hash[1], "sentence_sha1": sha1(conflict[1][1]).upper()}]
    results = []
    for members in (as_text, as_hash, mixed):
        judged = write(tmp_path, [{"members": members, "judgement": "conflict"}])
        assert len(load_judgements(judged)) == 1
        results.append(score_claim_groups(load_judgements(judged), GROUPS, DOCS).metrics)
    assert results[0] == results[1] == results[2]
    assert results[0]["conflict judged"] == 1.0
    assert results[0]["judgements matching no group"] == 0.0
    text_and_hash = write(
        tmp_path,
        [{"members": as_text, "judgement": "conflict"}, {"members": as_hash, "judgement": "agree"}],
    )
    assert len(load_judgements(text_and_hash)) == 1  # the same group, judged twice


@pytest.mark.parametrize(
    "member",
    [
        {"doc": "001_wire.txt"},
        {"doc": "001_wire.txt", "sentence_sha1": "not-a-hash"},
        {"doc": "001_wire.txt", "sentence": "Gone.", "sentence_sha1": sha1("Other.")},
    ],
)
def test_a_member_without_one_sentence_is_named(tmp_path: Path, member: dict[str, str]) -> None:
    judged = write(tmp_path, [{"members": [member], "judgement": "conflict"}])
    with pytest.raises(InputError, match="judged.jsonl:1.*sentence_sha1"):
        load_judgements(judged)


def test_lines_not_judged_yet_are_skipped_and_a_judged_line_wins(tmp_path: Path) -> None:
    g1 = [{"doc": "001_wire.txt", "sentence": "Kyiv says it holds 1,000 km2."},
          {"doc": "002_post.txt", "sentence": "Analysts say 800 km2."}]  # fmt: skip
    g2 = [{"doc": "001_wire.txt", "sentence": "Ten people were killed."},
          {"doc": "002_post.txt", "sentence": "Ten people were killed."}]  # fmt: skip
    gone = [{"doc": "003_gone.txt", "sentence": "Gone."}]
    judged = write(
        tmp_path,
        [
            {"members": g1, "judgement": None, "reason": ""},
            {"members": g1, "judgement": "conflict", "reason": "judged later"},
            {"members": g2, "judgement": "corroborated"},
            {"members": g2, "judgement": None},
            {"members": gone, "judgement": None},
        ],
    )
    result = score_claim_groups(load_judgements(judged), GROUPS, DOCS)
    assert result.metrics["conflict precision"] == 1.0
    assert result.metrics["corroborated precision"] == 1.0
    assert result.metrics["judgements matching no group"] == 0.0  # the pending line is none
    pending = write(tmp_path, [{"members": g1, "judgement": None}])
    result = score_claim_groups(load_judgements(pending), GROUPS, DOCS)
    assert result.metrics["conflict judged"] == 0.0
    assert result.metrics["judgements matching no group"] == 0.0
    with pytest.raises(InputError, match="judged.jsonl:1"):
        load_judgements(write(tmp_path, [{"members": g1, "judgement": "null"}]))
    with pytest.raises(InputError, match="judged.jsonl:1"):
        load_judgements(write(tmp_path, [{"members": g1}]))


SENTENCES = [f"Claim number {i} is {i * 10} km2." for i in range(12)]
MANY_TEXT = " ".join(SENTENCES)
MANY_DOCS = [
    {"id": "m1", "path": "/data/wire.txt", "url": "https://wire.example/1", "text": MANY_TEXT},
    {"id": "m2", "path": "/data/post.txt", "url": None, "text": MANY_TEXT},
]
_starts = [MANY_TEXT.index(s) for s in SENTENCES]
STATUSES = ["conflict", "agree", "series", "single", "corroborated", "agree",
            "conflict", "agree", "corroborated", "series", "agree", "conflict"]  # fmt: skip
MANY_GROUPS = [
    {"id": f"g{i:02d}", "status": status, "rule": f"rule {i}",
     "members": [{**member("m1", _starts[i], _starts[i] + len(SENTENCES[i])), "claim_id": f"c{i}",
                  "claimant": "Kyiv"},
                 {**member("m2", _starts[i], _starts[i] + len(SENTENCES[i])), "claim_id": f"d{i}",
                  "claimant": "analysts"}]}
    for i, status in enumerate(STATUSES)
]  # fmt: skip
CLAIMS = [{"id": f"c{i}", "surface": f"{i * 10} km2"} for i in range(12)]


def test_draw_gives_unjudged_groups_scored_statuses_first(tmp_path: Path) -> None:
    judged_ids = {"g00", "g01", "g04"}
    judged = write(
        tmp_path,
        [
            {"members": [{"doc": "wire.txt", "sentence": SENTENCES[i]},
                         {"doc": "post.txt", "sentence_sha1": sha1(SENTENCES[i])}],
             "judgement": None if i == 4 else "conflict"}
            for i in (0, 1, 4)
        ],
    )  # fmt: skip
    loaded = load_judgements(judged)
    drawn = draw_unjudged(loaded, MANY_GROUPS, MANY_DOCS, 100, seed=0, claims=CLAIMS)
    ids = [line["group_id"] for line in drawn]
    scored = {g["id"] for g in MANY_GROUPS if g["status"] in ("conflict", "corroborated", "series")}
    agree = {g["id"] for g in MANY_GROUPS if g["status"] == "agree"}
    assert len(ids) == len(set(ids)) == len((scored | agree) - judged_ids)
    assert set(ids[:5]) == scored - judged_ids  # every unjudged scored group before any agree
    assert set(ids[5:]) == agree - judged_ids
    first = drawn[0]
    group = next(g for g in MANY_GROUPS if g["id"] == first["group_id"])
    assert first["judgement"] is None and first["reason"] == ""
    assert first["system_status"] == group["status"] and first["system_rule"] == group["rule"]
    i = int(group["id"][1:])
    assert first["members"] == [
        {"doc": "https://wire.example/1", "sentence": SENTENCES[i], "figure": f"{i * 10} km2",
         "claimant": "Kyiv"},
        {"doc": "post.txt", "sentence": SENTENCES[i], "figure": None, "claimant": "analysts"},
    ]  # fmt: skip
    three = draw_unjudged(loaded, MANY_GROUPS, MANY_DOCS, 3, seed=0, claims=CLAIMS)
    assert three == drawn[:3]
    assert all(line["system_status"] != "agree" for line in three)
    again = draw_unjudged(loaded, list(reversed(MANY_GROUPS)), MANY_DOCS, 3, seed=0, claims=CLAIMS)
    assert again == three  # the same seed draws the same groups, whatever the store's order
    orders = {
        tuple(line["group_id"] for line in draw_unjudged(loaded, MANY_GROUPS, MANY_DOCS, 9, seed))
        for seed in range(8)
    }
    assert len(orders) > 1


def test_drawn_lines_are_a_judgement_file_hashed_or_not(tmp_path: Path) -> None:
    for hashed in (False, True):
        drawn = draw_unjudged({}, MANY_GROUPS, MANY_DOCS, 100, seed=3, hashed=hashed)
        if hashed:
            assert all("sentence" not in m and len(m["sentence_sha1"]) == 40
                       for line in drawn for m in line["members"])  # fmt: skip
        pending = write(tmp_path, drawn)
        assert (
            score_claim_groups(load_judgements(pending), MANY_GROUPS, MANY_DOCS).metrics[
                "conflict judged"
            ]
            == 0.0
        )
        assert draw_unjudged(load_judgements(pending), MANY_GROUPS, MANY_DOCS, 100) == []
        judged = write(tmp_path, [{**line, "judgement": line["system_status"]} for line in drawn])
        result = score_claim_groups(load_judgements(judged), MANY_GROUPS, MANY_DOCS)
        assert result.metrics["judgements matching no group"] == 0.0
        for status in ("conflict", "corroborated", "series"):
            assert result.metrics[f"{status} judged"] == result.metrics[f"{status} groups"] > 0
            assert result.metrics[f"{status} precision"] == 1.0


def test_the_shipped_syria_judgements_are_all_judged_and_quote_no_sentence() -> None:
    path = Path(__file__).parents[2] / "benchmarks" / "judgements"
    path /= "timeline17-syria-claim-groups.jsonl"
    judged = load_judgements(path)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(judged) == len(rows) >= 60
    assert all(row["judgement"] and row["reason"] for row in rows)
    assert not any("sentence" in m for row in rows for m in row["members"])
