"""Score what is found across documents against a gold file's `cross_source` part,
and the inferred publication dates (rules: gold README, docs/evaluation.md).

- conflicts: found when one claim group with status `conflict` holds, for every
  gold side, a member with the side's value (within 1%) whose claimant names
  the gold claimant (entity, words or side) and whose documents cover the
  side's documents.
- corroborations: found when a claim group with status `corroborated`, a
  timeline entry with two or more sources, or a corroborated statement group
  (speaker and words) covers the gold documents, has the
  gold date when one is given, and shares at least a third of the content
  words of the gold "what" with its measured text or summary.
- unit_consistency: found when a claim of the document written as the gold
  "b" (or "a") restates the other and its `consistent` flag equals the gold's.
- storyline: the gold documents' stories all carry one storyline id.
- framing_terms: the share of gold (outlet, term) pairs among the framing rows.
- published_inferred: accuracy of the inferred date on the documents the gold
  gives one for.
"""

from __future__ import annotations

from triangulate.clean.normalize import fold_for_matching
from triangulate.eval.gold_names import NameIndex, names_match
from triangulate.eval.gold_statements import EVENT_WORD_SHARE, values_close, word_stems
from triangulate.eval.result import EvalResult
from triangulate.models import Row


def _share(result: EvalResult, name: str, found: int, due: int, misses: list[Row]) -> None:
    if due:
        result.metrics[name] = round(found / due, 4)
        result.details[f"{name.split()[0]} missed"] = misses


def score_published_inferred(
    result: EvalResult, gold: dict[str, Row], documents: dict[str, Row]
) -> None:
    due = {name: g["published_inferred"] for name, g in gold.items() if g.get("published_inferred")}
    misses = [
        {"document": name, "expected": date, "got": documents[name]["published_inferred"]}
        for name, date in due.items()
        if documents[name]["published_inferred"] != date
    ]
    _share(result, "published_inferred accuracy", len(due) - len(misses), len(due), misses)


def score_conflicts(
    result: EvalResult,
    conflicts: list[Row],
    groups: list[Row],
    doc_ids: dict[str, str],
    names: NameIndex,
) -> None:
    def side_found(side: Row, group: Row) -> bool:
        members = [
            m
            for m in group["members"]
            if values_close(
                side["value"], m.get("value") if m.get("value") is not None else m.get("value_low")
            )
            and any(
                names_match(
                    c.strip(), m.get("claimant"), m.get("claimant_entity_id"), names, sides=True
                )
                for c in side["claimant"].split("/")
            )
        ]
        wanted = {doc_ids.get(d) for d in side.get("docs", [])}
        return bool(members) and wanted <= {m["doc_id"] for m in members}

    misses = [
        c
        for c in conflicts
        if not any(
            g["status"] == "conflict"
            and g["unit"] == c["unit"]
            and all(side_found(s, g) for s in c["sides"])
            for g in groups
        )
    ]
    _share(result, "conflicts found", len(conflicts) - len(misses), len(conflicts), misses)


def score_corroborations(
    result: EvalResult,
    corroborations: list[Row],
    groups: list[Row],
    timeline: list[Row],
    statements: list[Row],
    doc_ids: dict[str, str],
) -> None:
    candidates = (
        [
            (
                {m["doc_id"] for m in g["members"]},
                {m.get("date") for m in g["members"]},
                g.get("measured") or "",
            )
            for g in groups
            if g["status"] == "corroborated"
        ]
        + [
            (set(t["doc_ids"]), {t["date"]}, t["summary"])
            for t in timeline
            if len(set(t["sources"])) >= 2
        ]
        + [
            (
                {m["doc_id"] for m in g["members"]},
                set(),
                " ".join([g["speaker"] or "", *(m["text"] or "" for m in g["members"])]),
            )
            for g in statements
        ]
    )

    def found(gold: Row) -> bool:
        wanted_docs = {doc_ids.get(d) for d in gold["docs"]}
        wanted_words = word_stems(gold["what"])
        for docs, dates, text in candidates:
            if not wanted_docs <= docs:
                continue
            if gold.get("date") and not any((d or "").startswith(gold["date"]) for d in dates):
                continue
            if len(wanted_words & word_stems(text)) >= EVENT_WORD_SHARE * len(wanted_words):
                return True
        return False

    misses = [c for c in corroborations if not found(c)]
    _share(
        result,
        "corroborations found",
        len(corroborations) - len(misses),
        len(corroborations),
        misses,
    )


def score_unit_consistency(
    result: EvalResult, checks: list[Row], claims: dict[str, list[Row]], doc_ids: dict[str, str]
) -> None:
    def found(check: Row) -> bool:
        rows = claims.get(doc_ids.get(check["doc"], ""), [])
        written = (fold_for_matching(check["a"]), fold_for_matching(check["b"]))
        for row in rows:
            if not row.get("alternative"):
                continue
            pair = (fold_for_matching(row["surface"]), fold_for_matching(row["alternative"]))
            if all(w in s or s in w for w, s in zip(written, pair, strict=True)):
                return bool(row["consistent"]) == bool(check["consistent"])
        return False

    misses = [c for c in checks if not found(c)]
    _share(result, "unit_consistency checked", len(checks) - len(misses), len(checks), misses)


def score_storyline(result: EvalResult, doc_ids: dict[str, str], stories: list[Row]) -> None:
    story_of = {d: s for s in stories for d in s["doc_ids"]}
    wanted = [story_of.get(d) for d in doc_ids.values()]
    if not doc_ids:
        return
    stories_found = {s["id"] for s in wanted if s}
    lines = {s["storyline_id"] for s in wanted if s}
    result.metrics["stories among gold documents"] = float(len(stories_found))
    result.metrics["storyline linked"] = float(None not in lines and len(lines) == 1)


def score_framing(result: EvalResult, terms: dict[str, list[str]], framing: list[Row]) -> None:
    seen = {(fold_for_matching(r["source"]), fold_for_matching(r["term"])) for r in framing}
    due = [(outlet, term) for outlet, listed in terms.items() for term in listed]
    misses = [
        {"outlet": o, "term": t}
        for o, t in due
        if (fold_for_matching(o), fold_for_matching(t)) not in seen
    ]
    _share(result, "framing_terms found", len(due) - len(misses), len(due), misses)
