"""Score quotes, quantitative claims and events against a gold file (rules: gold README).

Each scorer reads the export rows of the documents the gold names and counts,
micro-averaged over documents: a system item is correct when it matches at
least one gold item of its document, a gold item is found when at least one
system item matches it. This is what the rules ask for where one gold quote
may be found as two (a quote split by "the spokeswoman added"), and where two
gold quotes may share words (a direct quote and the reported speech around it).

- Quotes: the speaker names the same entity (`gold_names.names_match`), and the
  content contains the gold string or holds at least half of its tokens.
- Claims: value within 1% (ranges: both ends), same canonical unit, claimant
  matching by entity or, for collectives, by side. Claims that restate another
  claim of the sentence in another unit ("386 square miles" after "1,000 km2")
  are unit checks, not claims of their own, and are left out; a figure's
  conversion kept as a claim of its own right after it ("converted-unit twin
  claims") is counted, and should be 0.
- Events: only dated events are timeline events; undated happenings (which
  the timeline uses to add a source to another report's dated entry) are left
  out. The system date cut to the gold date's length equals it (the gold
  granularity), and the system event's sentence states the gold event: at
  least a third of the content words of the gold "what" (compared by their
  first five letters, a crude stem) occur in the sentence. The gold gives no
  sentence offsets, so this word overlap stands in for "the same sentence".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from triangulate.clean.normalize import fold_for_matching
from triangulate.eval.gold_names import NameIndex, names_match
from triangulate.eval.result import PRF, EvalResult
from triangulate.models import Row

RELATIVE_TOLERANCE = 0.01
EVENT_WORD_SHARE = 1 / 3
_TOKEN = re.compile(r"\w+")
_STOPWORD_TEXT = """a an the of in on at to for from by with and or that this its it is are
was were be been has have had says said say will would into over after since as"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())

Matcher = Callable[[Row, Row], bool]


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold_for_matching(text))


def word_stems(text: str) -> set[str]:
    return {t[:5] for t in _tokens(text) if t not in _STOPWORDS}


def _content_matches(gold: str, content: str) -> bool:
    if fold_for_matching(gold) in fold_for_matching(content):
        return True
    wanted, found = _tokens(gold), set(_tokens(content))
    return bool(wanted) and sum(t in found for t in wanted) * 2 >= len(wanted)


def values_close(expected: float | None, got: float | None) -> bool:
    if expected is None or got is None:
        return False
    return abs(expected - got) <= RELATIVE_TOLERANCE * max(abs(expected), 1e-9)


def _values_match(gold: Row, claim: Row) -> bool:
    if "value" in gold:
        point = claim["value"] if claim["value"] is not None else claim["value_low"]
        single = claim["value_low"] is None or claim["value_low"] == claim["value_high"]
        return single and values_close(gold["value"], point)
    return values_close(gold.get("value_low"), claim["value_low"]) and values_close(
        gold.get("value_high"), claim["value_high"]
    )


def _score(
    result: EvalResult,
    name: str,
    gold_by_doc: dict[str, list[Row]],
    system_by_doc: dict[str, list[Row]],
    matches: Matcher,
    describe: Callable[[Row], Row],
) -> None:
    """Count hits both ways per document and record misses and false alarms; nothing
    when the gold lists no item of this kind (a score then says nothing)."""
    if not any(gold_by_doc.values()):
        return
    tp_system = fp = tp_gold = fn = 0
    misses: list[Row] = []
    false_alarms: list[Row] = []
    for doc, golds in gold_by_doc.items():
        systems = system_by_doc.get(doc, [])
        for gold in golds:
            if any(matches(gold, s) for s in systems):
                tp_gold += 1
            else:
                fn += 1
                misses.append({"document": doc, **gold})
        for system in systems:
            if any(matches(g, system) for g in golds):
                tp_system += 1
            else:
                fp += 1
                false_alarms.append({"document": doc, **describe(system)})
    precision = PRF(tp_system, fp, 0).precision
    recall = PRF(tp_gold, 0, fn).recall
    f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    result.metrics.update(
        {
            f"{name} precision": round(precision, 4),
            f"{name} recall": round(recall, 4),
            f"{name} F1": round(f1, 4),
        }
    )
    result.details[f"{name} missed"] = misses
    result.details[f"{name} false alarms"] = false_alarms


def score_quotes(
    result: EvalResult,
    gold_by_doc: dict[str, list[Row]],
    quotes: dict[str, list[Row]],
    names: NameIndex,
) -> None:
    def matches(gold: Row, quote: Row) -> bool:
        return names_match(
            gold["speaker"], quote["speaker"], quote["speaker_entity_id"], names
        ) and _content_matches(gold["contains"], quote["text"])

    _score(result, "quotes", gold_by_doc, quotes, matches, _describe_quote)
    matched_kinds = [
        gold["kind"] == quote["kind"]
        for doc, golds in gold_by_doc.items()
        for gold in golds
        for quote in quotes.get(doc, [])
        if "kind" in gold and matches(gold, quote)
    ]
    if matched_kinds:
        result.metrics["quotes kind accuracy"] = round(sum(matched_kinds) / len(matched_kinds), 4)


def score_claims(
    result: EvalResult,
    gold_by_doc: dict[str, list[Row]],
    claims: dict[str, list[Row]],
    names: NameIndex,
) -> None:
    def matches(gold: Row, claim: Row) -> bool:
        return (
            gold["unit"] == claim["unit"]
            and _values_match(gold, claim)
            and names_match(
                gold["claimant"], claim["claimant"], claim["claimant_entity_id"], names, sides=True
            )
        )

    own = {doc: [c for c in rows if not c["restates"]] for doc, rows in claims.items()}
    _score(result, "claims", gold_by_doc, own, matches, _describe_claim)
    twins = [
        {"document": doc, "claim": first["surface"], "twin": second["surface"]}
        for doc, rows in own.items()
        if doc in gold_by_doc
        for first, second in zip(rows, rows[1:], strict=False)
        if _converted_twin(first, second)
    ]
    result.metrics["converted-unit twin claims"] = float(len(twins))
    result.details["converted-unit twin claims"] = twins


TWIN_GAP = 3  # " (" between a figure and its conversion


def _converted_twin(first: Row, second: Row) -> bool:
    """`second` is `first` converted to another unit, kept as a claim of its own: the same
    quantity right after it in the sentence, in brackets, written in another unit."""
    return (
        first.get("sentence_start") is not None
        and first.get("sentence_start") == second.get("sentence_start")
        and first.get("unit") == second.get("unit")
        and (first.get("surface_unit") or "").lower() != (second.get("surface_unit") or "").lower()
        and 0 <= second["start"] - first["end"] <= TWIN_GAP
    )


def score_events(
    result: EvalResult,
    gold_by_doc: dict[str, list[Row]],
    events: dict[str, list[Row]],
    texts: dict[str, str],
) -> None:
    def matches(gold: Row, event: Row) -> bool:
        date = event["date"] or ""
        if date[: len(gold["date"])] != gold["date"]:
            return False
        wanted = word_stems(gold.get("what", ""))
        sentence = texts[event["doc_id"]][event["sentence_start"] : event["sentence_end"]]
        return not wanted or len(wanted & word_stems(sentence)) >= EVENT_WORD_SHARE * len(wanted)

    dated = {doc: [e for e in rows if e["date"]] for doc, rows in events.items()}
    _score(result, "events", gold_by_doc, dated, matches, _describe_event)


def _describe_quote(row: Row) -> Row:
    return {"speaker": row["speaker"], "kind": row["kind"], "text": row["text"][:160]}


def _describe_claim(row: Row) -> Row:
    keys = ("surface", "value", "value_low", "value_high", "unit", "claimant", "measured")
    return {k: row[k] for k in keys}


def _describe_event(row: Row) -> Row:
    return {"date": row["date"], "type": row["type"], "summary": row["summary"][:160]}
