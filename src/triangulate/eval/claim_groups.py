"""Precision of claim-group statuses against a judged sample an analyst can extend.

The judgement file is JSON Lines, one judged group a line:
`{"members": [{"doc": URL or path, "sentence": text}, ...], "judgement": "conflict" |
"corroborated" | "series" | "agree" | "not comparable", "reason": "..."}`. Members are
named by their document and sentence, not by ids, so a file survives a re-ingest. A
stored group is judged when its members' (document, sentence) set equals a judged
group's; a document is named by its URL, its path, or its file name (so a file judged
on one machine matches a store built on another); precision per status is the share of
judged groups of that status whose judgement is that status. Judgements that match no
stored group are counted apart: they were drawn from another run, or the grouping changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import Any

from triangulate.errors import InputError
from triangulate.eval.result import EvalResult
from triangulate.models import Row

JUDGEMENTS = frozenset({"conflict", "corroborated", "series", "agree", "not comparable"})
SCORED_STATUSES = ("conflict", "corroborated", "series")

MemberKey = frozenset[tuple[str, str]]


def _sentence_key(text: str) -> str:
    return " ".join(text.split())


def load_judgements(path: Path) -> dict[MemberKey, dict[str, Any]]:
    """Judged groups by their members' (document, sentence) set."""
    judged: dict[MemberKey, dict[str, Any]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            members = frozenset(
                (str(m["doc"]), _sentence_key(str(m["sentence"]))) for m in row["members"]
            )
            judgement = str(row["judgement"])
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(
                f"{path}:{number}",
                "not a judged group: each line needs members (doc, sentence) "
                f"and a judgement ({exc})",
            ) from exc
        if judgement not in JUDGEMENTS:
            raise InputError(
                f"{path}:{number}", f"judgement {judgement!r} is not one of {sorted(JUDGEMENTS)}"
            )
        judged[members] = row
    return judged


def _doc_index(documents: Iterable[Row]) -> dict[str, str]:
    """URL, path and file name of each stored document -> its id."""
    index: dict[str, str] = {}
    for doc in documents:
        for name in (doc.get("path"), PurePath(str(doc.get("path") or "")).name, doc.get("url")):
            if name:
                index[str(name)] = str(doc["id"])
    return index


def _resolve(judged: MemberKey, index: dict[str, str]) -> MemberKey:
    """A judged group's members as (stored document id, sentence)."""
    return frozenset(
        (index.get(doc) or index.get(PurePath(doc).name) or doc, sentence)
        for doc, sentence in judged
    )


def group_keys(groups: Iterable[Row], documents: Iterable[Row]) -> list[tuple[Row, MemberKey]]:
    """Each stored group with its members' (document id, sentence) set."""
    docs = {d["id"]: d for d in documents}
    keyed = []
    for group in groups:
        members = set()
        for m in group.get("members") or []:
            doc = docs.get(m.get("doc_id"), {})
            text = str(doc.get("text") or "")
            start, end = m.get("sentence_start"), m.get("sentence_end")
            sentence = text[start:end] if start is not None and end is not None else ""
            members.add((str(m.get("doc_id")), _sentence_key(sentence)))
        keyed.append((group, frozenset(members)))
    return keyed


def score_claim_groups(
    judged: dict[MemberKey, dict[str, Any]], groups: Iterable[Row], documents: Iterable[Row]
) -> EvalResult:
    """Precision per status over the stored groups that have a judgement."""
    documents = list(documents)
    index = _doc_index(documents)
    judged = {_resolve(key, index): row for key, row in judged.items()}
    result = EvalResult("claim-groups")
    matched: set[MemberKey] = set()
    counts: dict[str, list[int]] = {s: [0, 0, 0] for s in SCORED_STATUSES}  # right, judged, all
    wrong: list[dict[str, Any]] = []
    for group, key in group_keys(groups, documents):
        status = str(group.get("status"))
        if key in judged:
            matched.add(key)  # an "agree" group judged matches, though it is not scored
        if status not in counts:
            continue
        counts[status][2] += 1
        if key not in judged:
            continue
        judgement = judged[key]["judgement"]
        counts[status][1] += 1
        if judgement == status:
            counts[status][0] += 1
        else:
            wrong.append(
                {"id": group.get("id"), "status": status, "judgement": judgement,
                 "reason": judged[key].get("reason"), "rule": group.get("rule")}
            )  # fmt: skip
    for status, (right, n, total) in counts.items():
        result.metrics[f"{status} groups"] = float(total)
        result.metrics[f"{status} judged"] = float(n)
        if n:
            result.metrics[f"{status} precision"] = round(right / n, 4)
        else:
            result.unavailable[f"{status} precision"] = "no judged group of this status"
    result.metrics["judgements matching no group"] = float(len(set(judged) - matched))
    result.details["wrong"] = wrong
    return result
