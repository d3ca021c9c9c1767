"""Score attribution finding (who said what) on PolNeAR's brat standoff files.

Gold: each brat event (``E``) joins a ``Source``, a ``Cue`` and one or more
``Content`` text-bound annotations; a role may be discontinuous (``"s e;s e"``),
so a role is a set of character fragments (several ``Content`` arguments of one
event are pooled). ``Discuss``/``Discard`` spans belong to no event and are
ignored. A text annotated by several annotators (PolNeAR's agreement sample)
is scored against one of them: the first .ann file in name order.

Matching is done per role, independently: the source of every attribution is
one item, likewise its cue and its content (an attribution without that role
adds no item). Within a document a system item matches a gold item of the same
role when their fragments share a character (overlap mode) or are the same
characters (exact mode). Pairs are taken greedily, most shared characters
first, each item in at most one pair; matches are true positives, unmatched
system items false alarms, unmatched gold items misses.

Speech-like attributions, scored on their own as well: the cue contains
"according to" or a word that is a form of one of ``SAYING_VERBS``. Gold is
restricted to speech-like attributions, the system to those whose cue is
speech-like by the same test.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from triangulate.eval.result import PRF, EvalResult, gold_counts_then_score

DETAIL_CAP = 200
ROLES = ("source", "cue", "content")

Span = tuple[int, int]

# Verbs of saying, by lemma (the brief list plus common reporting verbs); forms come from
# _inflections. Verbs of belief or perception (think, believe, know, see) are left out.
# fmt: off
SAYING_VERBS = (
    "say", "tell", "state", "add", "claim", "announce", "report", "note", "explain", "warn",
    "insist", "argue", "write", "ask", "reply", "respond", "acknowledge", "admit", "deny",
    "confirm", "suggest", "predict", "declare", "testify", "tweet", "speak", "comment", "remark",
    "mention", "stress", "emphasize", "assert", "contend", "allege", "reiterate", "disclose",
    "reveal", "recall", "concede", "complain", "boast", "vow", "pledge", "promise", "urge",
    "caution", "quote", "describe", "recount", "answer", "assure", "inform", "advise", "retort",
    "quip", "joke", "call", "cite", "criticize", "demand", "condemn", "propose", "question",
    "echo", "discuss", "chant",
)
# fmt: on
# Past forms that replace the regular -ed one.
_IRREGULAR_PAST = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "speak": ("spoke", "spoken"),
}
_DOUBLING = {"admit": "admitt", "quip": "quipp"}


def _inflections(lemma: str) -> set[str]:
    """The base, third-person, past and -ing forms of a verb."""
    stem = _DOUBLING.get(lemma, lemma)
    if lemma.endswith("e"):
        third, past, ing = lemma + "s", lemma + "d", lemma[:-1] + "ing"
    elif re.search(r"[^aeiou]y$", lemma):
        third, past, ing = lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"
    elif re.search(r"(s|sh|ch|x|z|o)$", lemma):
        third, past, ing = lemma + "es", lemma + "ed", lemma + "ing"
    else:
        third, past, ing = lemma + "s", stem + "ed", stem + "ing"
    return {lemma, third, ing, *_IRREGULAR_PAST.get(lemma, (past,))}


SAYING_FORMS = frozenset(form for lemma in SAYING_VERBS for form in _inflections(lemma))


def is_speech_like(cue_text: str) -> bool:
    """Whether a cue reports speech: "according to" or a form of a verb of saying."""
    lowered = cue_text.lower()
    if re.search(r"\baccording\s+to\b", lowered):
        return True
    return any(word in SAYING_FORMS for word in re.findall(r"[a-z]+", lowered))


@dataclass(frozen=True)
class Attribution:
    """One attribution: character fragments of its source, cue and content, and their texts."""

    source: tuple[Span, ...] = ()
    cue: tuple[Span, ...] = ()
    content: tuple[Span, ...] = ()
    source_text: str = ""
    cue_text: str = ""
    content_text: str = ""

    @property
    def speech_like(self) -> bool:
        return is_speech_like(self.cue_text)

    def spans(self, role: str) -> tuple[Span, ...]:
        spans: tuple[Span, ...] = getattr(self, role)
        return spans

    def text(self, role: str) -> str:
        text: str = getattr(self, f"{role}_text")
        return text


@dataclass(frozen=True)
class PolnearDoc:
    """A text and its gold attributions; ``annotation`` names the .ann file used."""

    name: str
    text: str
    annotation: str
    attributions: list[Attribution]


_TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_EVENT = re.compile(r"^E\d+\t(.*)$")


def _merge(fragments: Iterable[Span]) -> tuple[Span, ...]:
    """Sorted fragments with overlapping or touching ones joined."""
    merged: list[Span] = []
    for start, end in sorted(fragments):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def parse_ann(ann: str, text: str) -> list[Attribution]:
    """Attributions of one brat .ann file over its text, in the order of the events.

    Events may name text-bound annotations defined further down, so those are
    read first. Lines that are neither (notes, and the continuation lines of
    annotation texts that contain a line break) are skipped.
    """
    lines = ann.splitlines()
    spans = {
        match[1]: [(int(s), int(e)) for s, e in (f.split() for f in match[3].split(";"))]
        for match in map(_TEXT_BOUND.match, lines)
        if match
    }
    attributions = []
    for match in map(_EVENT.match, lines):
        if not match:
            continue
        roles: dict[str, list[Span]] = {role: [] for role in ROLES}
        for argument in match[1].split()[1:]:
            role, _, ref = argument.partition(":")
            role = role.rstrip("0123456789").lower()
            if role in roles:
                roles[role] += spans[ref]
        merged = {role: _merge(fragments) for role, fragments in roles.items()}
        texts = {role: " ".join(text[s:e] for s, e in merged[role]) for role in ROLES}
        attributions.append(
            Attribution(
                source=merged["source"],
                cue=merged["cue"],
                content=merged["content"],
                source_text=texts["source"],
                cue_text=texts["cue"],
                content_text=texts["content"],
            )
        )
    return attributions


def load_polnear(folder: Path, split: str = "dev") -> list[PolnearDoc]:
    """Every annotated text of ``folder/split`` with the attributions of its first .ann file.

    An .ann file is named after its text plus ``_ANNOTATOR``; a text without one is skipped.
    """
    anns: dict[str, list[Path]] = {}
    for ann in sorted((folder / split / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    docs = []
    for path in sorted((folder / split / "text").glob("*.txt")):
        if path.stem in anns:
            text = path.read_text(encoding="utf-8")
            ann = anns[path.stem][0]
            attributions = parse_ann(ann.read_text(encoding="utf-8"), text)
            docs.append(PolnearDoc(path.stem, text, ann.stem, attributions))
    return docs


def _shared(a: tuple[Span, ...], b: tuple[Span, ...]) -> int:
    """Characters two merged fragment sets have in common."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _match(
    gold: list[tuple[Span, ...]], system: list[tuple[Span, ...]], exact: bool
) -> list[tuple[int, int]]:
    """Greedy one-to-one (gold index, system index) pairs, most shared characters first."""
    if exact:
        unmatched: dict[tuple[Span, ...], list[int]] = {}
        for i, g in enumerate(gold):
            unmatched.setdefault(g, []).append(i)
        return [(unmatched[s].pop(0), j) for j, s in enumerate(system) if unmatched.get(s)]
    candidates = sorted(
        (-n, i, j)
        for i, g in enumerate(gold)
        for j, s in enumerate(system)
        if g[0][0] < s[-1][1] and s[0][0] < g[-1][1] and (n := _shared(g, s)) > 0
    )
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_gold and j not in used_system:
            used_gold.add(i)
            used_system.add(j)
            pairs.append((i, j))
    return pairs


def _row(doc: str, role: str, attribution: Attribution) -> dict[str, Any]:
    return {
        "doc": doc,
        "role": role,
        "spans": [list(span) for span in attribution.spans(role)],
        "text": attribution.text(role),
        "cue": attribution.cue_text,
    }


def _role_pairs(
    gold: list[Attribution], system: list[Attribution], role: str, exact: bool
) -> tuple[list[Attribution], list[Attribution], list[tuple[int, int]]]:
    """The attributions that have ``role`` on each side, and their matched index pairs."""
    g = [a for a in gold if a.spans(role)]
    s = [a for a in system if a.spans(role)]
    pairs = _match([_merge(a.spans(role)) for a in g], [_merge(a.spans(role)) for a in s], exact)
    return g, s, pairs


def score_attributions(
    gold: dict[str, list[Attribution]], system: dict[str, list[Attribution]]
) -> EvalResult:
    """P/R/F1 per role, overlap and exact, for all and for speech-like attributions.

    Documents are the union of both dicts: one the system left out has no
    system attributions, one absent from gold only false alarms. Details list
    the overlap-mode misses and false alarms over all attributions, and the
    overlap matches whose spans differ (boundary errors).
    """
    tallies: dict[str, list[int]] = {}
    misses: list[dict[str, Any]] = []
    false_alarms: list[dict[str, Any]] = []
    boundaries: list[dict[str, Any]] = []
    for doc in sorted(gold.keys() | system.keys()):
        doc_gold, doc_system = gold.get(doc, []), system.get(doc, [])
        subsets = {
            "": (doc_gold, doc_system),
            "speech-like ": (
                [a for a in doc_gold if a.speech_like],
                [a for a in doc_system if a.speech_like],
            ),
        }
        for subset, (sub_gold, sub_system) in subsets.items():
            for role in ROLES:
                for mode in ("overlap", "exact"):
                    g, s, pairs = _role_pairs(sub_gold, sub_system, role, mode == "exact")
                    tally = tallies.setdefault(f"{subset}{role} {mode}", [0, 0, 0])
                    tally[0] += len(pairs)
                    tally[1] += len(s) - len(pairs)
                    tally[2] += len(g) - len(pairs)
        for role in ROLES:
            g, s, pairs = _role_pairs(doc_gold, doc_system, role, exact=False)
            hit_gold = {i for i, _ in pairs}
            hit_system = {j for _, j in pairs}
            misses += [_row(doc, role, a) for i, a in enumerate(g) if i not in hit_gold]
            false_alarms += [_row(doc, role, a) for j, a in enumerate(s) if j not in hit_system]
            boundaries += [
                {
                    **_row(doc, role, g[i]),
                    "system spans": [list(span) for span in s[j].spans(role)],
                    "system text": s[j].text(role),
                }
                for i, j in pairs
                if _merge(g[i].spans(role)) != _merge(s[j].spans(role))
            ]
    metrics = {
        "gold attributions": float(sum(len(v) for v in gold.values())),
        "gold speech-like attributions": float(
            sum(a.speech_like for v in gold.values() for a in v)
        ),
        "system attributions": float(sum(len(v) for v in system.values())),
    }
    for prefix, (tp, fp, fn) in tallies.items():
        metrics |= PRF(tp, fp, fn).as_metrics(prefix)
    details = {
        "misses": misses[:DETAIL_CAP],
        "false alarms": false_alarms[:DETAIL_CAP],
        "boundary errors": boundaries[:DETAIL_CAP],
    }
    return EvalResult("polnear", metrics=metrics, details=details)


def run_polnear(
    folder: Path, extractor: Callable[[str], list[Attribution]] | None, split: str = "dev"
) -> EvalResult:
    """Run ``extractor(text)`` on every text of the split and score it; without one, say so."""
    docs = load_polnear(folder, split)
    counts = {
        "gold documents": float(len(docs)),
        "gold attributions": float(sum(len(d.attributions) for d in docs)),
    }
    score: Callable[[], EvalResult] | None = (
        None
        if extractor is None
        else (
            lambda: score_attributions(
                {d.name: d.attributions for d in docs}, {d.name: extractor(d.text) for d in docs}
            )
        )
    )
    missing = ("attributions", "no attribution stage is built yet")
    return gold_counts_then_score("polnear", counts, score, missing)
