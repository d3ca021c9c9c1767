"""How each outlet names the same things: lexicon terms and outlet-typical wording per story.

Two kinds of rows, both shaped like the `framing` export table:

- `lexicon`: occurrences of the terms of a documented lexicon (bundled
  `data/framing.csv`, extended by user CSVs; see `resources.framing`), each term
  filed under the referent it names ("Kiev regime" -> "Ukrainian government").
- `typical`: word uni- and bigrams one outlet uses markedly more than the
  other outlets of the story, by the log-odds ratio with an informative
  Dirichlet prior (Monroe, Colaresi and Quinn 2008, "Fightin' Words").
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from triangulate.corpus.sentences import SentenceSpan, sentence_of, sentence_spans
from triangulate.models import FramingRow
from triangulate.resources.framing import MASK, FramingLexicon, LexiconEntry, load_lexicon

UNATTRIBUTED = "(unattributed)"
TYPICAL_REFERENT = "typical wording"

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W\d_]|[^\W\d_]")


def frame_story(
    story_id: str | None,
    documents: Iterable[dict[str, Any]],
    lexicon: FramingLexicon | None = None,
    *,
    min_count: int = 3,
    max_typical: int = 10,
    max_examples: int = 5,
    prior: float | None = None,
) -> list[FramingRow]:
    """Framing rows of one story from its documents (dicts with id, text, source and
    sentences: the stored spaCy sentence spans, `corpus.sentences.with_sentences`).

    A lexicon term's context (which referent it names) is the sentence it stands in,
    and its example carries that sentence's span. A document without stored sentences
    has its lines as units instead (`corpus.sentences.sentence_spans`).
    Copies (`duplicate_of` set) are skipped so a reprint does not count twice.
    """
    lexicon = lexicon or load_lexicon()
    docs = [d for d in documents if not d.get("duplicate_of") and d.get("text")]
    rows = _lexicon_rows(story_id, docs, lexicon, max_examples)
    rows += typical_terms(
        story_id,
        docs,
        min_count=min_count,
        max_terms=max_typical,
        max_examples=max_examples,
        prior=prior,
    )
    return rows


def typical_terms(
    story_id: str | None,
    documents: Sequence[dict[str, Any]],
    *,
    min_count: int = 3,
    max_terms: int = 10,
    max_examples: int = 5,
    prior: float | None = None,
    z_min: float = 1.96,
) -> list[FramingRow]:
    """Uni/bigrams each attributed outlet over-uses against the story's other outlets.

    The prior is the story's own n-gram distribution scaled to `prior` pseudo-counts
    (by default a tenth of the story's n-gram count, so the data outweighs the prior);
    a term is kept when its z-score exceeds `z_min` and the outlet used it `min_count` times.
    An outlet's own name is left out: it is a credit line, not wording.
    """
    grams: dict[str, dict[str, list[tuple[str, int, int, str]]]] = defaultdict(dict)
    for doc in documents:
        source = doc.get("source")
        if not source:
            continue
        for gram, hit in _ngrams(doc["id"], doc["text"]):
            grams[source].setdefault(gram, []).append(hit)
    if len(grams) < 2:
        return []
    counts = {s: Counter({g: len(h) for g, h in found.items()}) for s, found in grams.items()}
    rows: list[FramingRow] = []
    for source, own in counts.items():
        others: Counter[str] = Counter()
        for other, found in counts.items():
            if other != source:
                others.update(found)
        own_name = {w.casefold() for w in _WORD.findall(source)}
        scored = []
        for order in (1, 2):
            scored += _log_odds(own, others, order, prior, min_count, own_name)
        scored = [s for s in scored if s[0] >= z_min]
        scored.sort(key=lambda s: (-s[0], s[1]))
        for _, gram in scored[:max_terms]:
            hits = grams[source][gram]
            examples = [_example(d, s, e, surface, None) for d, s, e, surface in hits]
            rows.append(
                FramingRow(
                    story_id,
                    source,
                    TYPICAL_REFERENT,
                    gram,
                    len(hits),
                    "typical",
                    examples[:max_examples],
                )
            )
    return rows


def _lexicon_rows(
    story_id: str | None,
    documents: Sequence[dict[str, Any]],
    lexicon: FramingLexicon,
    max_examples: int,
) -> list[FramingRow]:
    found: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for doc in documents:
        text: str = doc["text"]
        source = doc.get("source") or UNATTRIBUTED
        sentences = sentence_spans(text, doc.get("sentences"))
        for start, end, entry in _matches(text, lexicon, sentences):
            if entry.referent == MASK:
                continue
            sentence = sentence_of(sentences, start, end)
            key = (entry.referent, source, entry.term)
            found.setdefault(key, []).append(
                _example(doc["id"], start, end, text[start:end], sentence)
            )
    return [
        FramingRow(story_id, source, referent, term, len(hits), "lexicon", hits[:max_examples])
        for (referent, source, term), hits in sorted(
            found.items(), key=lambda item: (item[0][0], item[0][1], -len(item[1]), item[0][2])
        )
    ]


def _matches(
    text: str, lexicon: FramingLexicon, sentences: list[SentenceSpan]
) -> list[tuple[int, int, LexiconEntry]]:
    """Non-overlapping lexicon hits, longest first at each place; context picks the row."""
    folded = text.casefold()
    candidates = [
        (m.start(), m.end(), rows)
        for pattern, rows, literal in lexicon.patterns
        if literal in folded
        for m in pattern.finditer(text)
    ]
    candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
    taken: list[tuple[int, int, LexiconEntry]] = []
    cursor = 0
    for start, end, rows in candidates:
        if start < cursor or (text[start:end].isupper() and not rows[0].term.isupper()):
            continue  # overlapped, or a dateline or headline in capitals ("MOSCOW, July 17")
        s_start, s_end = sentence_of(sentences, start, end) or (start, end)
        sentence = text[s_start:s_end]
        entry = next(
            (r for r in rows if r.context_pattern is None or r.context_pattern.search(sentence)),
            None,
        )
        if entry is not None:
            taken.append((start, end, entry))
            cursor = end
    return taken


def _log_odds(
    own: Counter[str],
    others: Counter[str],
    order: int,
    prior: float | None,
    min_count: int,
    skip: set[str],
) -> list[tuple[float, str]]:
    """z-scores of the log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008)."""
    vocab = [g for g in set(own) | set(others) if g.count(" ") == order - 1]
    n_own = sum(own[g] for g in vocab)
    n_other = sum(others[g] for g in vocab)
    total = n_own + n_other
    if not n_own or not n_other:
        return []
    scored = []
    for gram in vocab:
        y_i, y_j = own[gram], others[gram]
        if y_i < min_count or set(gram.split()) & skip:
            continue
        alpha_0 = prior or 0.1 * total
        alpha = alpha_0 * (y_i + y_j) / total
        delta = math.log((y_i + alpha) / (n_own + alpha_0 - y_i - alpha)) - math.log(
            (y_j + alpha) / (n_other + alpha_0 - y_j - alpha)
        )
        variance = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
        scored.append((delta / math.sqrt(variance), gram))
    return scored


def _ngrams(doc_id: str, text: str) -> Iterable[tuple[str, tuple[str, int, int, str]]]:
    """Content unigrams and bigrams of adjacent words (no stop word at either end)."""
    previous: re.Match[str] | None = None
    for match in _WORD.finditer(text):
        word = match.group().casefold().replace("’", "'")
        content = len(word) > 2 and word not in ENGLISH_STOP_WORDS
        if content:
            yield word, (doc_id, match.start(), match.end(), match.group())
            if previous is not None and text[previous.end() : match.start()] == " ":
                first = previous.group().casefold().replace("’", "'")
                yield (
                    f"{first} {word}",
                    (doc_id, previous.start(), match.end(), text[previous.start() : match.end()]),
                )
        previous = match if content else None


def _example(
    doc_id: str, start: int, end: int, surface: str, sentence: SentenceSpan | None
) -> dict[str, Any]:
    example: dict[str, Any] = {"doc_id": doc_id, "start": start, "end": end, "surface": surface}
    if sentence:
        example["sentence_start"], example["sentence_end"] = sentence
    return example
