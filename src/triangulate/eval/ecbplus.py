"""Score story clustering on ECB+: which documents report the same event.

ECB+ gives each topic two similar but distinct events: the documents of
``TOPIC_Necb.xml`` report one, those of ``TOPIC_Necbplus.xml`` the other. The
gold cluster of a document is therefore (topic, half); the documents of all
topics are clustered together as one corpus.

A document's plain text is rebuilt from its tokens: tokens in file order,
stripped of surrounding whitespace (a few carry tabs) and dropped when blank,
joined by one space within a sentence, sentences joined by a newline.

Scores are over the gold documents. A gold document the system gave no
cluster is a singleton; system labels for documents not in gold are ignored.
B-cubed (Bagga and Baldwin 1998): per document, precision = share of its
system cluster in its gold cluster, recall = share of its gold cluster in its
system cluster, each averaged over documents, F1 from the two averages.
Pairwise: the document pairs put together by the system (precision) or by gold
(recall) that both put together.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from triangulate.errors import InputError, UsageError
from triangulate.eval.result import PRF, EvalResult, gold_counts_then_score, parse_xml

DETAIL_CAP = 200

_FILE_NAME = re.compile(r"(\d+)_\d+(ecb|ecbplus)\.xml")


@dataclass(frozen=True)
class EcbDoc:
    """One ECB+ document: id (file name without .xml), topic, half and plain text."""

    doc_id: str
    topic: str
    half: str
    text: str

    @property
    def gold_cluster(self) -> str:
        return f"{self.topic}_{self.half}"


def parse_ecb(path: Path) -> EcbDoc:
    """Read one ECB+ file named ``TOPIC_Necb.xml`` or ``TOPIC_Necbplus.xml``."""
    match = _FILE_NAME.fullmatch(path.name)
    if match is None:
        raise InputError(
            str(path), "not an ECB+ document name (TOPIC_Necb.xml or TOPIC_Necbplus.xml)"
        )
    sentences: dict[str, list[str]] = {}
    for token in parse_xml(path).iter("token"):
        word = (token.text or "").strip()
        if word:
            sentences.setdefault(token.get("sentence", ""), []).append(word)
    text = "\n".join(" ".join(words) for words in sentences.values())
    return EcbDoc(path.name.removesuffix(".xml"), match[1], match[2], text)


def load_ecbplus(folder: Path) -> list[EcbDoc]:
    """Every ECB+ document in the topic folders of ``folder``, in path order."""
    return [
        parse_ecb(path)
        for path in sorted(folder.glob("*/*.xml"))
        if _FILE_NAME.fullmatch(path.name)
    ]


def _members(labels: dict[str, str]) -> dict[str, set[str]]:
    clusters: dict[str, set[str]] = defaultdict(set)
    for doc, label in labels.items():
        clusters[label].add(doc)
    return clusters


def _pairs(clusters: dict[str, set[str]]) -> int:
    return sum(len(c) * (len(c) - 1) // 2 for c in clusters.values())


def _bcubed(docs: list[str], gold: dict[str, str], system: dict[str, str]) -> tuple[float, float]:
    """Mean B-cubed precision and recall over ``docs``."""
    gold_members, system_members = _members(gold), _members(system)
    precision = recall = 0.0
    for doc in docs:
        g, s = gold_members[gold[doc]], system_members[system[doc]]
        precision += len(g & s) / len(s)
        recall += len(g & s) / len(g)
    return precision / len(docs), recall / len(docs)


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _majority(labels: list[str]) -> str:
    """The most frequent label, the smallest one among ties (for repeatable output)."""
    counts = Counter(labels)
    return min(counts, key=lambda label: (-counts[label], label))


def _misplaced(
    gold: dict[str, str], labels: dict[str, str], system: dict[str, str]
) -> list[dict[str, Any]]:
    """Documents in a cluster mostly of another event, or away from most of their own event."""
    owner = {s: _majority([gold[d] for d in members]) for s, members in _members(labels).items()}
    home = {g: _majority([labels[d] for d in members]) for g, members in _members(gold).items()}
    rows = []
    for doc in sorted(gold):
        why = [
            reason
            for reason, wrong in (
                ("merged", owner[labels[doc]] != gold[doc]),
                ("split", home[gold[doc]] != labels[doc]),
            )
            if wrong
        ]
        if why:
            rows.append(
                {
                    "doc": doc,
                    "gold": gold[doc],
                    "system": system.get(doc),
                    "cluster mostly": owner[labels[doc]],
                    "why": " and ".join(why),
                }
            )
    return rows


def _topics(gold: dict[str, str], labels: dict[str, str]) -> list[dict[str, Any]]:
    """Per topic: B-cubed precision and recall over its documents, and its system clusters."""
    by_topic: dict[str, list[str]] = defaultdict(list)
    for doc in sorted(gold):
        by_topic[gold[doc].split("_", 1)[0]].append(doc)
    rows = []
    for topic, docs in sorted(by_topic.items(), key=lambda t: (len(t[0]), t[0])):
        p, r = _bcubed(docs, gold, labels)
        rows.append(
            {
                "topic": topic,
                "documents": len(docs),
                "purity": round(p, 4),
                "completeness": round(r, 4),
                "system clusters": len({labels[d] for d in docs}),
            }
        )
    return rows


def score_clusters(gold: dict[str, str], system: dict[str, str]) -> EvalResult:
    """B-cubed and pairwise figures, per-topic purity and the misplaced documents.

    ``gold`` maps a document id to its gold cluster (``TOPIC_HALF``, the topic is
    read before the first ``_``), ``system`` to any label. Empty gold raises.

    Details: ``topics`` gives for each topic B-cubed precision (purity: how much
    of a document's system cluster shares its event) and recall (completeness),
    averaged over the topic's documents, and how many system clusters they went
    to. ``misplaced`` lists the documents whose system cluster is mostly another
    event ("merged"), or is not the cluster holding most of their own event
    ("split"); an unclustered document shows ``system`` None.
    """
    if not gold:
        raise UsageError("no gold documents to score: is this the ECB+ folder?")
    docs = sorted(gold)
    # A unique label per unclustered document: the NUL byte keeps it apart from real labels.
    labels = {doc: system.get(doc, f"\0{doc}") for doc in docs}
    precision, recall = _bcubed(docs, gold, labels)
    gold_members, system_members = _members(gold), _members(labels)
    together = sum(n * (n - 1) // 2 for n in Counter((gold[d], labels[d]) for d in docs).values())
    pairwise = PRF(together, _pairs(system_members) - together, _pairs(gold_members) - together)
    metrics = {
        "gold documents": float(len(docs)),
        "gold clusters": float(len(gold_members)),
        "system clusters": float(len(system_members)),
        "B-cubed precision": round(precision, 4),
        "B-cubed recall": round(recall, 4),
        "B-cubed F1": round(_f1(precision, recall), 4),
        **pairwise.as_metrics("pairwise"),
    }
    details = {
        "topics": _topics(gold, labels)[:DETAIL_CAP],
        "misplaced": _misplaced(gold, labels, system)[:DETAIL_CAP],
    }
    return EvalResult("ecbplus", metrics=metrics, details=details)


def run_ecbplus(
    folder: Path, clusterer: Callable[[list[EcbDoc]], dict[str, str]] | None
) -> EvalResult:
    """Run ``clusterer(docs)`` on the whole corpus and score it; without one, say so."""
    docs = load_ecbplus(folder)
    counts = {
        "gold documents": float(len(docs)),
        "gold topics": float(len({d.topic for d in docs})),
        "gold clusters": float(len({d.gold_cluster for d in docs})),
    }
    score: Callable[[], EvalResult] | None = (
        None
        if clusterer is None
        else (lambda: score_clusters({d.doc_id: d.gold_cluster for d in docs}, clusterer(docs)))
    )
    missing = ("clusters", "no story-clustering stage is built yet")
    return gold_counts_then_score("ecbplus", counts, score, missing)
