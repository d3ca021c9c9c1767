"""Which reports are independent of each other: one origin per report.

Corroboration only means something when the agreeing reports did not copy
each other. A report's origin is:

1. the origin of its original, when it is a near-duplicate (`duplicate_of`);
2. otherwise the wire agency it credits as the source of its copy, when it
   credits one other than its own outlet: an agency tag in the dateline
   ("KYIV, Aug 14 (AFP) -", "/TASS/"), a credit line on its own
   ("— AFP", "Source: Xinhua", "(Reuters)"), "AFP contributed to this report",
   "with reporting by / additional reporting from Reuters", "(with AFP)";
3. otherwise its own outlet (`source`);
4. otherwise the report itself (an unknown outlet is its own origin).

Naming an agency inside a sentence ("according to AFP", "told Reuters",
"video posted by AFP", "AFP reported") is citing it for one piece of
information, not taking its copy: the report stays its own origin, and the
claim groups give such a claim the cited outlet's origin instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from triangulate.models import Row
from triangulate.resources.outlets import OutletLexicon, load_outlets

# Evidence rules of the cleaner that name the outlet whose copy the report is.
_CREDIT_RULES = ("dateline agency tag", "source credit", "closing credit")
_HEAD_CHARS = 160
_BUNDLED = load_outlets()


@dataclass(frozen=True)
class Origin:
    """A report's origin key and why: the rule and the credit that decided it."""

    key: str
    rule: str
    surface: str = ""


def independent_origins(
    documents: Iterable[Row], lexicon: OutletLexicon | None = None
) -> dict[str, str]:
    """doc_id -> origin key; reports with the same key are not independent of each other."""
    return {doc_id: origin.key for doc_id, origin in explain_origins(documents, lexicon).items()}


def explain_origins(
    documents: Iterable[Row], lexicon: OutletLexicon | None = None
) -> dict[str, Origin]:
    """doc_id -> Origin with the rule that decided it (see the module docstring)."""
    docs = {d["id"]: d for d in documents}
    base = lexicon or _BUNDLED
    lexicon = base.copy()
    for doc in docs.values():
        if doc.get("source"):
            lexicon.names.setdefault(str(doc["source"]).casefold(), str(doc["source"]))
            lexicon.spellings.add(str(doc["source"]))
    credits = _credit_patterns(lexicon.pattern)
    own = {doc_id: _own_origin(doc, lexicon, credits) for doc_id, doc in docs.items()}
    found: dict[str, Origin] = {}
    for doc_id in docs:
        root, seen = doc_id, {doc_id}
        while (parent := docs.get(root, {}).get("duplicate_of")) and parent in docs:
            if parent in seen:
                break
            seen.add(parent)
            root = parent
        if root == doc_id:
            found[doc_id] = own[doc_id]
        else:
            found[doc_id] = Origin(own[root].key, "near-duplicate of " + root, own[root].surface)
    return found


def outlet_origin(name: str | None, lexicon: OutletLexicon | None = None) -> str | None:
    """The origin key of an outlet named in a text (a cited agency), None if not an outlet."""
    return (lexicon or _BUNDLED).canonical(name) if name else None


def _credit_patterns(outlets: str) -> list[tuple[str, re.Pattern[str]]]:
    name = rf"(?P<name>{outlets})"
    return [
        ("dateline agency tag", re.compile(rf"^[^\n]{{0,80}}?[(/]\s*{name}\s*[)/]")),
        (
            "credit line",
            re.compile(
                rf"^\s*(?:[—–-]+|source\s*:|credit\s*:)?\s*\(?{name}\)?\s*$",
                re.IGNORECASE | re.MULTILINE,
            ),
        ),
        ("contributed", re.compile(rf"\b{name}\s+contributed\b")),
        (
            "reporting by",
            re.compile(rf"\b(?:additional |with )?reporting (?:by|from) {name}\b", re.IGNORECASE),
        ),
        ("with agency", re.compile(rf"\(\s*with {name}\s*\)")),
    ]


def _own_origin(
    doc: Row, lexicon: OutletLexicon, credits: list[tuple[str, re.Pattern[str]]]
) -> Origin:
    source = doc.get("source")
    source_key = (lexicon.canonical(str(source)) or str(source)) if source else None
    evidence = doc.get("source_evidence") or {}
    if source_key and evidence.get("rule") in _CREDIT_RULES:
        return Origin(source_key, str(evidence["rule"]), str(evidence.get("surface") or ""))
    for rule, surface, name in _credits(doc, credits):
        wire = lexicon.canonical(name) or name
        if wire != source_key:
            return Origin(wire, "credits " + rule, surface)
    if source_key:
        return Origin(source_key, "own outlet", str(source))
    return Origin("doc:" + str(doc["id"]), "unknown outlet")


def _credits(
    doc: Row, credits: list[tuple[str, re.Pattern[str]]]
) -> Iterable[tuple[str, str, str]]:
    """(rule, surface, outlet) of each wire credit in the text, its dateline and dropped lines."""
    text = str(doc.get("text") or "")
    metadata = doc.get("metadata") or {}
    dropped = [
        str(d.get("text") or "")
        for d in metadata.get("dropped") or ()
        if isinstance(d, Mapping) and "credit" in str(d.get("reason") or "")
    ]
    places = [("head", text[:_HEAD_CHARS]), ("body", text), *(("dropped", d) for d in dropped)]
    for where, chunk in places:
        for rule, pattern in credits:
            if (rule == "dateline agency tag") != (where == "head"):
                continue
            if match := pattern.search(chunk):
                yield rule, match.group(0).strip(), match.group("name")
