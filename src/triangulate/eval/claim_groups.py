"""Precision of claim-group statuses against a judged sample an analyst can extend.

The judgement file is JSON Lines, one judged group a line:
`{"members": [{"doc": URL or path, "sentence": text}, ...], "judgement": "conflict" |
"corroborated" | "series" | "agree" | "not comparable" | null, "reason": "..."}`. Members are
named by their document and sentence, not by ids, so a file survives a re-ingest. A
stored group is judged when its members' (document, sentence) set equals a judged
group's; a document is named by its URL, its path, or its file name (so a file judged
on one machine matches a store built on another); precision per status is the share of
judged groups of that status whose judgement is that status. Judgements that match no
stored group are counted apart: they were drawn from another run, or the grouping changed.
Other keys of a line ("figure", "claimant", "system_status", ...) are read by people, not
by the scorer.

A member may name its sentence by a hash instead of its text, so a judged file for a
corpus that may not be copied (a public benchmark kept outside the repository) quotes
none of it: `{"doc": ..., "sentence_sha1": "<40 hex digits>"}`. The hash is SHA-1 of the
sentence's UTF-8 bytes after normalisation: every run of whitespace characters becomes
one space (U+0020) and leading and trailing whitespace is removed, i.e. Python's
`" ".join(sentence.split())`. Whitespace is what `str.isspace()` accepts: U+0009-U+000D,
U+001C-U+001F, U+0020, U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F,
U+205F and U+3000 (not U+200B ZERO WIDTH SPACE); nothing else is changed (no case
folding, no Unicode normalisation, quotes and dashes kept). In the shell:
`printf '%s' "$sentence" | sha1sum` for a sentence already on one line with single
spaces. The same normalisation applies to a `"sentence"` text, so both forms of one
member match the same stored group and a file may mix them, line by line or member by
member. A member with both must give the same sentence twice.

A line whose judgement is `null` is a group drawn to judge and not judged yet: scoring
skips it (it is no error and counts nowhere), and a later judged line for the same group
wins over it. `draw_unjudged` draws such lines (`triangulate eval claim-groups FILE --db DB
--draw N`): stored groups no line of the file names yet (judged or pending), at random
from a seed; every unjudged conflict, corroborated and series group comes before any
"agree" group, and "single" groups are never drawn.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import Any

from triangulate.errors import InputError
from triangulate.eval.result import EvalResult
from triangulate.models import Row

JUDGEMENTS = frozenset({"conflict", "corroborated", "series", "agree", "not comparable"})
SCORED_STATUSES = ("conflict", "corroborated", "series")
DRAWN_STATUSES = (*SCORED_STATUSES, "agree")

MemberKey = frozenset[tuple[str, str]]
"""A group's members as (document, SHA-1 of the normalised sentence) pairs."""

_SHA1 = re.compile(r"[0-9a-f]{40}")


def normalise_sentence(text: str) -> str:
    """The sentence as it is hashed and compared: whitespace runs as one space, stripped."""
    return " ".join(text.split())


def sentence_sha1(text: str) -> str:
    """Hex SHA-1 of the normalised sentence's UTF-8 bytes (a member's `sentence_sha1`)."""
    return hashlib.sha1(normalise_sentence(text).encode("utf-8")).hexdigest()


def _member_hash(member: dict[str, Any]) -> str:
    """A judged member's sentence hash, from its text or its `sentence_sha1`."""
    given = member.get("sentence_sha1")
    if "sentence" in member:
        digest = sentence_sha1(str(member["sentence"]))
        if given is not None and str(given).strip().lower() != digest:
            raise ValueError("sentence and sentence_sha1 name different sentences")
        return digest
    if given is None:
        raise KeyError("sentence or sentence_sha1")
    digest = str(given).strip().lower()
    if not _SHA1.fullmatch(digest):
        raise ValueError(f"sentence_sha1 {given!r} is not 40 hex digits")
    return digest


def load_judgements(path: Path) -> dict[MemberKey, dict[str, Any]]:
    """Judged groups by their members' (document, sentence hash) set; a line not judged
    yet (`"judgement": null`) is kept with judgement None."""
    judged: dict[MemberKey, dict[str, Any]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            members = frozenset((str(m["doc"]), _member_hash(m)) for m in row["members"])
            judgement = row["judgement"]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InputError(
                f"{path}:{number}",
                "not a judged group: each line needs members (doc, and sentence or "
                f"sentence_sha1) and a judgement ({exc})",
            ) from exc
        if judgement is None:
            judged.setdefault(members, row)  # a judged line for the group wins
            continue
        if str(judgement) not in JUDGEMENTS:
            raise InputError(
                f"{path}:{number}", f"judgement {judgement!r} is not one of {sorted(JUDGEMENTS)}"
            )
        judged[members] = {**row, "judgement": str(judgement)}
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
    """A judged group's members as (stored document id, sentence hash)."""
    return frozenset(
        (index.get(doc) or index.get(PurePath(doc).name) or doc, sentence)
        for doc, sentence in judged
    )


def _sentence(member: Row, doc: Row) -> str:
    text = str(doc.get("text") or "")
    start, end = member.get("sentence_start"), member.get("sentence_end")
    return normalise_sentence(text[start:end]) if start is not None and end is not None else ""


def group_keys(groups: Iterable[Row], documents: Iterable[Row]) -> list[tuple[Row, MemberKey]]:
    """Each stored group with its members' (document id, sentence hash) set."""
    docs = {d["id"]: d for d in documents}
    keyed = []
    for group in groups:
        members = set()
        for m in group.get("members") or []:
            sentence = _sentence(m, docs.get(m.get("doc_id"), {}))
            members.add((str(m.get("doc_id")), sentence_sha1(sentence)))
        keyed.append((group, frozenset(members)))
    return keyed


def score_claim_groups(
    judged: dict[MemberKey, dict[str, Any]], groups: Iterable[Row], documents: Iterable[Row]
) -> EvalResult:
    """Precision per status over the stored groups that have a judgement (lines not
    judged yet are skipped)."""
    documents = list(documents)
    index = _doc_index(documents)
    judged = {
        _resolve(key, index): row for key, row in judged.items() if row.get("judgement") is not None
    }
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


def _doc_names(documents: list[Row]) -> dict[str, str]:
    """Stored document id -> the name a drawn member gives it: its URL, else its file
    name, else its path; a URL or file name another document shares is passed over, so
    the drawn line names the one document."""
    candidates = [
        (str(d["id"]), [d.get("url"), PurePath(str(d.get("path") or "")).name, d.get("path")])
        for d in documents
    ]
    taken = Counter(str(name) for _, names in candidates for name in set(names[:2]) if name)
    names: dict[str, str] = {}
    for doc_id, (url, file_name, doc_path) in candidates:
        unique = [n for n in (url, file_name) if n and taken[str(n)] == 1]
        names[doc_id] = str(unique[0] if unique else doc_path or file_name or url or doc_id)
    return names


def draw_unjudged(
    judged: dict[MemberKey, dict[str, Any]],
    groups: Iterable[Row],
    documents: Iterable[Row],
    n: int,
    seed: int = 0,
    *,
    claims: Iterable[Row] = (),
    hashed: bool = False,
) -> list[dict[str, Any]]:
    """Up to `n` stored groups no line of `judged` names yet, as lines of a judgement
    file with `"judgement": null`, for an analyst to judge.

    Drawn at random with `seed` (the same store, file and seed draw the same lines):
    every unjudged conflict, corroborated and series group is eligible first, in random
    order, then "agree" groups fill the rest. `claims` (rows of the claims table) give
    each member's "figure", the claim's surface. With `hashed` a member names its
    sentence by `sentence_sha1` instead of quoting it.
    """
    documents = list(documents)
    docs = {str(d["id"]): d for d in documents}
    names = _doc_names(documents)
    index = _doc_index(documents)
    named = {_resolve(key, index) for key in judged}
    surfaces = {str(c.get("id")): c.get("surface") for c in claims}
    eligible: dict[str, list[Row]] = {"scored": [], "agree": []}
    keyed = sorted(group_keys(groups, documents), key=lambda pair: str(pair[0].get("id")))
    for group, key in keyed:
        status = group.get("status")
        if not key or key in named or status not in DRAWN_STATUSES:
            continue
        eligible["agree" if status == "agree" else "scored"].append(group)
    rng = random.Random(seed)
    for pool in eligible.values():
        rng.shuffle(pool)
    drawn = (eligible["scored"] + eligible["agree"])[: max(n, 0)]
    return [_drawn_line(group, docs, names, surfaces, hashed) for group in drawn]


def _drawn_line(
    group: Row,
    docs: dict[str, Row],
    names: dict[str, str],
    surfaces: dict[str, Any],
    hashed: bool,
) -> dict[str, Any]:
    members = []
    for m in group.get("members") or []:
        doc_id = str(m.get("doc_id"))
        sentence = _sentence(m, docs.get(doc_id, {}))
        member: dict[str, Any] = {"doc": names.get(doc_id, doc_id)}
        if hashed:
            member["sentence_sha1"] = sentence_sha1(sentence)
        else:
            member["sentence"] = sentence
        member["figure"] = surfaces.get(str(m.get("claim_id")))
        member["claimant"] = m.get("claimant")
        members.append(member)
    return {
        "members": members,
        "judgement": None,
        "reason": "",
        "system_status": group.get("status"),
        "system_rule": group.get("rule"),
        "group_id": group.get("id"),
    }
