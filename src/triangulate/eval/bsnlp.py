"""Score Russian and Ukrainian names on BSNLP (the Slav-NER shared task's data).

Layout: `TOPIC/raw/LANG/*.txt` (lines: id, language, date, URL, title, then the text)
and `TOPIC/annotated/LANG/*.out` (first line the id, then `form<TAB>base<TAB>type<TAB>
entity id`, one line per distinct form of a document). Raw and annotated files are
paired by id; an annotated document without its raw text is counted, not scored.

Matching (the benchmarks README and the shared task), per document, forms compared
case-blind:
- recognition relaxed: a gold (form, type) is found when the system tags that form with
  that type somewhere in the document; precision is over the system's distinct
  (form, type) pairs;
- recognition strict: also every occurrence of the form (one not inside a longer gold
  form) is tagged, with that type;
- normalisation: of the forms found (relaxed), the share whose system base form is
  the gold one;
- linking: B-cubed over the forms found, across documents and languages of a topic,
  gold clusters by entity id, system clusters by the mention's key.
Each figure is given for PER/LOC/ORG (the targets) and for every type, and recognition
per type.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from triangulate.errors import InputError
from triangulate.eval.result import PRF, EvalResult
from triangulate.nlp.ruuk.mention import LABELS, Mention

MAIN = ("PER", "LOC", "ORG")
LANGUAGES = ("ru", "uk")
DETAIL_CAP = 300

Extractor = Callable[[str, str], list[Mention]]


@dataclass(frozen=True)
class GoldName:
    form: str
    base: str
    label: str
    entity: str


@dataclass(frozen=True)
class BsnlpDoc:
    topic: str
    language: str
    id: str
    text: str  # the title, a line break, then the body
    gold: tuple[GoldName, ...]


def load_bsnlp(path: Path) -> tuple[list[BsnlpDoc], int]:
    """The documents with raw text and gold names, and how many gold files lack their text."""
    topics = sorted(p for p in path.iterdir() if (p / "annotated").is_dir())
    if not topics:
        raise InputError(str(path), "holds no BSNLP topic (TOPIC/annotated/LANG/*.out)")
    docs, unscored = [], 0
    for topic in topics:
        for language in LANGUAGES:
            texts = {doc_id: text for doc_id, text in _raw(topic / "raw" / language)}
            for file in sorted((topic / "annotated" / language).glob("*")):
                doc_id, gold = _annotated(file)
                if doc_id not in texts:
                    unscored += 1
                    continue
                docs.append(BsnlpDoc(topic.name, language, doc_id, texts[doc_id], gold))
    return docs, unscored


def _read(file: Path) -> list[str]:
    try:
        return file.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(file), f"cannot be read ({exc})") from exc


def _raw(folder: Path) -> Iterable[tuple[str, str]]:
    for file in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
        lines = _read(file)
        if len(lines) < 5:
            raise InputError(str(file), "is not a BSNLP raw file (id, language, date, URL, title)")
        yield lines[0].strip(), "\n".join([lines[4], *lines[5:]])


def _annotated(file: Path) -> tuple[str, tuple[GoldName, ...]]:
    lines = _read(file)
    if not lines:
        raise InputError(str(file), "is empty (a BSNLP .out file starts with the document id)")
    names = []
    for number, line in enumerate(lines[1:], 2):
        fields = line.split("\t")
        if not line.strip():
            continue
        if len(fields) < 3:
            raise InputError(f"{file}:{number}", "needs form, base form, type (and entity id)")
        entity = fields[3].strip() if len(fields) > 3 else f"{file.name}:{fields[1]}"
        names.append(GoldName(fields[0].strip(), fields[1].strip(), fields[2].strip(), entity))
    return lines[0].strip(), tuple(names)


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())


def _occurrences(text: str, form: str) -> list[tuple[int, int]]:
    pattern = rf"(?<!\w){re.escape(form)}(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]


@dataclass
class _Doc:
    """One document's gold and system names, restricted to some types, keyed by
    (folded form, type)."""

    doc: BsnlpDoc
    gold: dict[tuple[str, str], GoldName]
    system: dict[tuple[str, str], list[Mention]]

    def found(self) -> list[tuple[str, str]]:
        return [pair for pair in self.gold if pair in self.system]

    def strictly_found(self) -> list[tuple[str, str]]:
        """Found forms tagged, with their type, wherever they stand on their own."""
        golds = [_occurrences(self.doc.text, g.form) for g in self.gold.values()]
        spans = {span for spans in golds for span in spans}
        tagged = {(m.start, m.end, m.label) for ms in self.system.values() for m in ms}
        hits = []
        for pair, occurrences in zip(self.gold, golds, strict=True):
            alone = [
                (s, e)
                for s, e in occurrences
                if not any(a <= s and e <= b and (a, b) != (s, e) for a, b in spans)
            ]
            if pair in self.system and all((s, e, pair[1]) in tagged for s, e in alone):
                hits.append(pair)
        return hits


def _restrict(doc: BsnlpDoc, mentions: list[Mention], labels: tuple[str, ...]) -> _Doc:
    gold = {(_fold(g.form), g.label): g for g in doc.gold if g.label in labels}
    system: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.label in labels:
            system[(_fold(m.text), m.label)].append(m)
    return _Doc(doc, gold, dict(system))


def _bcubed(items: list[tuple[str, str]], prefix: str) -> dict[str, float]:
    """B-cubed precision, recall and F1 of items given as (gold cluster, system cluster)."""
    gold_sizes: Counter[str] = Counter(g for g, _ in items)
    system_sizes: Counter[str] = Counter(s for _, s in items)
    both: Counter[tuple[str, str]] = Counter(items)
    n = len(items) or 1
    precision = sum(both[(g, s)] / system_sizes[s] for g, s in items) / n
    recall = sum(both[(g, s)] / gold_sizes[g] for g, s in items) / n
    f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    return {
        f"{prefix} B-cubed precision": round(precision, 4),
        f"{prefix} B-cubed recall": round(recall, 4),
        f"{prefix} B-cubed F1": round(f1, 4),
    }


def _score(
    scored: list[tuple[BsnlpDoc, list[Mention]]],
    labels: tuple[str, ...],
    name: str,
    errors: list[dict[str, object]],
    linking: bool,
) -> dict[str, float]:
    """Recognition and normalisation figures over `labels`, each named with `name` after
    the language ("ru PER recognition relaxed F1"), and with `linking` the B-cubed
    figures; base-form errors are added to `errors`."""
    metrics: dict[str, float] = {}
    links: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for language in LANGUAGES:
        docs = [_restrict(d, ms, labels) for d, ms in scored if d.language == language]
        if not docs:
            continue
        relaxed, strict, right, total = [0, 0, 0], [0, 0, 0], 0, 0
        for doc in docs:
            found, strictly = doc.found(), doc.strictly_found()
            for counts, hits in ((relaxed, found), (strict, strictly)):
                counts[0] += len(hits)
                counts[1] += len(doc.system) - len(hits)
                counts[2] += len(doc.gold) - len(hits)
            for pair in found:
                gold, system = doc.gold[pair], doc.system[pair][0]
                total += 1
                right += _fold(gold.base) == _fold(system.base)
                if _fold(gold.base) != _fold(system.base) and len(errors) < DETAIL_CAP:
                    errors.append({"doc": f"{language}/{doc.doc.id}", "form": gold.form,
                                   "gold": gold.base, "system": system.base,
                                   "type": gold.label})  # fmt: skip
                topic = doc.doc.topic
                links[language].append((f"{topic}/{gold.entity}", f"{topic}/{system.key}"))
        prefix = f"{language} {name}".strip()
        metrics.update(PRF(*relaxed).as_metrics(f"{prefix} recognition relaxed"))
        metrics.update(PRF(*strict).as_metrics(f"{prefix} recognition strict"))
        if total:
            metrics[f"{prefix} normalisation accuracy"] = round(right / total, 4)
    if linking:
        linked = f"linking {name}".strip()
        for language, items in links.items():
            metrics.update(_bcubed(items, f"{language} {linked}"))
        metrics.update(_bcubed([item for items in links.values() for item in items], linked))
    return metrics


def run_bsnlp(path: Path, extract: Extractor) -> EvalResult:
    """Recognition (relaxed, strict), normalisation and linking, by language and type."""
    docs, unscored = load_bsnlp(path)
    result = EvalResult("bsnlp")
    for language in LANGUAGES:
        mine = [d for d in docs if d.language == language]
        result.metrics[f"{language} documents"] = float(len(mine))
        result.metrics[f"{language} gold names"] = float(sum(len(d.gold) for d in mine))
    result.metrics["annotated documents without raw text (not scored)"] = float(unscored)
    scored = [(doc, extract(doc.text, doc.language)) for doc in docs]
    errors: list[dict[str, object]] = []
    result.metrics.update(_score(scored, MAIN, "", errors, linking=True))
    result.metrics.update(_score(scored, LABELS, "all types", [], linking=True))
    emitted = {m.label for _, mentions in scored for m in mentions}
    for label in LABELS:
        if label in emitted:
            result.metrics.update(_score(scored, (label,), label, [], linking=False))
        else:  # counted as misses under "all types", not scored as a stage of its own
            result.unavailable[f"{label} recognition"] = f"the system tags no {label} names yet"
    result.details["normalisation errors (PER/LOC/ORG)"] = errors
    result.details["missed (PER/LOC/ORG)"] = _misses(scored)
    return result


def _misses(scored: list[tuple[BsnlpDoc, list[Mention]]]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for doc, mentions in scored:
        restricted = _restrict(doc, mentions, MAIN)
        for pair, gold in restricted.gold.items():
            if pair not in restricted.system and len(rows) < DETAIL_CAP:
                rows.append({"doc": f"{doc.language}/{doc.id}", "form": gold.form,
                             "type": gold.label})  # fmt: skip
    return rows
