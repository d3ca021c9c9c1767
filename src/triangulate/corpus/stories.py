"""Stories and storylines: reports of one developing story grouped across outlets and days.

Incremental by design. A document is a hashed TF-IDF vector (``HashingVectorizer``:
no vocabulary to refit, document frequencies kept beside the index and updated as
documents arrive) joined with an IDF-weighted vector of its canonical entity ids.
A story keeps the sum of its members' unit vectors, so the mean cosine of a new
document to the members (average linkage) is one sparse dot product; a new
document joins the best story within ``max_gap_days`` of its date, or starts
its own. Stories that grew alike are then merged (average linkage again), and
stories are linked into storylines at a lower threshold, whatever the date gap.
docs/stories.md explains the choices and the figures.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction.text import HashingVectorizer

from triangulate.corpus.sentences import SentenceSpan, sentence_spans

TEXT_FEATURES = 2**20
ENTITY_FEATURES = 2**18
_OPENER = re.compile(r"[\s\"'`(\[]*\w+")  # a sentence's first word, after quotes or brackets
_NAME_OR_NUMBER = re.compile(
    r"\b[A-Z][\w'-]*[a-z][\w'-]*(?:\s+[A-Z][\w'-]*[a-z][\w'-]*)*|\b\d[\d,.]*\d\b|\b\d\b"
)
_TITLE_CHARS = 120

Vector = tuple[NDArray[np.int64], NDArray[np.float64]]


@dataclass(frozen=True)
class StoryDoc:
    """What story clustering needs of one document; ``date`` is YYYY-MM-DD or None;
    ``sentences`` are the stored spaCy sentence spans of ``text`` (only read for the
    title of an untitled story; none: its lines, see `corpus.sentences`)."""

    doc_id: str
    title: str
    text: str
    date: str | None = None
    source: str | None = None
    entity_ids: tuple[str, ...] = ()
    sentences: tuple[SentenceSpan, ...] = ()


@dataclass(frozen=True)
class StoryParams:
    """Thresholds and weights; docs/stories.md says how they were chosen."""

    join: float = 0.15  # mean cosine to a story's members for a document to join it
    merge: float = 0.25  # mean cosine between the members of two stories to merge them
    storyline: float = 0.08  # mean cosine between two stories to link them into one storyline
    entity_weight: float = 0.3  # share of the entity vector in the cosine
    max_gap_days: int = 10  # a dated document joins only stories within this many days
    title_weight: float = 2.0  # the title counts as this many copies in the text vector
    min_entity: float = 0.1  # least mean entity similarity when both sides have entities


@dataclass(eq=False)
class Story:
    """One story: its members, their summed unit vectors and what is shown of it (compared by
    identity)."""

    id: str
    members: list[dict[str, Any]] = field(default_factory=list)
    indices: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64))
    values: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0, np.float64))
    title: str = ""
    title_score: float = -1.0
    storyline_id: str = ""

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def dates(self) -> list[str]:
        return sorted(m["date"] for m in self.members if m.get("date"))

    @property
    def start_date(self) -> str | None:
        dates = self.dates
        return dates[0] if dates else None

    @property
    def end_date(self) -> str | None:
        dates = self.dates
        return dates[-1] if dates else None

    @property
    def doc_ids(self) -> list[str]:
        return [m["doc_id"] for m in self.members]

    def state(self) -> dict[str, Any]:
        return {
            "members": self.members,
            "indices": self.indices.tolist(),
            "values": [round(v, 6) for v in self.values.tolist()],
            "title": self.title,
            "title_score": self.title_score,
        }

    @classmethod
    def from_state(cls, story_id: str, storyline_id: str, state: dict[str, Any]) -> Story:
        return cls(
            story_id,
            list(state["members"]),
            np.asarray(state["indices"], np.int64),
            np.asarray(state["values"], np.float64),
            state.get("title", ""),
            float(state.get("title_score", -1.0)),
            storyline_id,
        )


def story_id_for(doc_id: str) -> str:
    """A story's id: stable, from the document that started it."""
    return "s-" + hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:12]


def _day(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return Date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def _add(a: Vector, b: Vector) -> Vector:
    """The sum of two sparse vectors (sorted indices in, sorted indices out)."""
    indices, inverse = np.unique(np.concatenate([a[0], b[0]]), return_inverse=True)
    values = np.bincount(inverse, np.concatenate([a[1], b[1]]), minlength=len(indices))
    return indices.astype(np.int64), values.astype(np.float64)


def _first_sentence(doc: StoryDoc) -> str:
    """A title for an untitled story: the first sentence of six words or more (not a
    dateline) among those starting in the first 2,000 characters, cut to a whole word."""
    spans = sentence_spans(doc.text, doc.sentences)
    sentences = [t for s, e in spans if s < 2000 and (t := doc.text[s:e].strip())]
    sentence = next(
        (s for s in sentences if len(s.split()) >= 6), sentences[0] if sentences else ""
    )
    return sentence if len(sentence) <= _TITLE_CHARS else sentence[:_TITLE_CHARS].rsplit(" ", 1)[0]


class StoryIndex:
    """Stories of every document added so far; ``add`` updates them in place."""

    def __init__(self, params: StoryParams | None = None) -> None:
        self.params = params or StoryParams()
        self.n_docs = 0
        self.df: dict[int, int] = {}
        self.stories: dict[str, Story] = {}
        self.doc_story: dict[str, str] = {}
        self._text = HashingVectorizer(
            n_features=TEXT_FEATURES,
            alternate_sign=False,
            norm=None,
            stop_words="english",
            token_pattern=r"(?u)\b\w\w+\b",
        )
        self._entities = HashingVectorizer(
            n_features=ENTITY_FEATURES, alternate_sign=False, norm=None, analyzer=_identity
        )
        self._by_day: dict[int, set[str]] = {}
        self._undated: set[str] = set()
        self._scratch = np.zeros(TEXT_FEATURES + ENTITY_FEATURES, np.float64)
        self._title_counts: dict[str, Vector] = {}  # titles are scored again and again

    # -- state -------------------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """The corpus-wide part of the state (story states are per story: `Story.state`)."""
        return {
            "n_docs": self.n_docs,
            "df": {str(k): v for k, v in self.df.items()},
            "params": self.params.__dict__,
        }

    @classmethod
    def from_state(cls, state: dict[str, Any] | None, stories: Iterable[Story] = ()) -> StoryIndex:
        """An index from `state()` and its stories, as `load_story_index` reads them."""
        params = StoryParams(**state["params"]) if state and "params" in state else None
        index = cls(params)
        if state:
            index.n_docs = int(state["n_docs"])
            index.df = {int(k): int(v) for k, v in state["df"].items()}
        for story in stories:
            index.stories[story.id] = story
            index._place(story)
            for doc_id in story.doc_ids:
                index.doc_story[doc_id] = story.id
        return index

    def storylines(self) -> dict[str, list[str]]:
        """Storyline id -> its story ids."""
        found: dict[str, list[str]] = {}
        for story in self.stories.values():
            found.setdefault(story.storyline_id, []).append(story.id)
        return found

    # -- vectors -----------------------------------------------------------------------------

    def _counts(self, docs: Sequence[StoryDoc]) -> list[Vector]:
        """Raw term counts (sublinear) of each document's title and text, and its entity ids."""
        weight = self.params.title_weight
        texts = [f"{(d.title + ' ') * round(weight)}{d.text}" if d.title else d.text for d in docs]
        text_matrix = self._text.transform(texts).tocsr()
        entity_matrix = self._entities.transform([list(d.entity_ids) for d in docs]).tocsr()
        found = []
        for row in range(len(docs)):
            t, e = text_matrix.getrow(row), entity_matrix.getrow(row)
            t.sort_indices()
            e.sort_indices()
            indices = np.concatenate([t.indices, e.indices + TEXT_FEATURES]).astype(np.int64)
            values = np.concatenate([1.0 + np.log(t.data), np.ones(len(e.data))])
            found.append((indices, values))
        return found

    def _unit(self, counts: Vector) -> Vector:
        """TF-IDF with the current document frequencies; text and entity parts each of norm 1."""
        indices, values = counts
        df = np.fromiter((self.df.get(int(i), 0) for i in indices), np.float64, len(indices))
        weights = values * (np.log((1.0 + self.n_docs) / (1.0 + df)) + 1.0)
        is_entity = indices >= TEXT_FEATURES
        text_norm = float(np.linalg.norm(weights[~is_entity])) or 1.0
        entity_norm = float(np.linalg.norm(weights[is_entity])) or 1.0
        return indices, weights / np.where(is_entity, entity_norm, text_norm)

    def _scores(
        self, vector: Vector, size: int, stories: Iterable[Story]
    ) -> list[tuple[float, Story]]:
        """Mean similarity of `size` summed vectors to each story's members, or -1 when the
        entity part is present on both sides and too weak (below ``min_entity``)."""
        p = self.params
        self._scratch[vector[0]] = vector[1]
        has_entities = bool(len(vector[0])) and int(vector[0][-1]) >= TEXT_FEATURES
        found = []
        for story in stories:
            products = self._scratch[story.indices] * story.values
            split = int(np.searchsorted(story.indices, TEXT_FEATURES))
            norm = size * story.size
            text, entity = products[:split].sum() / norm, products[split:].sum() / norm
            both = has_entities and split < len(story.indices)
            if not both:
                found.append((float(text), story))
            elif entity < p.min_entity:
                found.append((-1.0, story))
            else:
                found.append(
                    (float((1 - p.entity_weight) * text + p.entity_weight * entity), story)
                )
        self._scratch[vector[0]] = 0.0
        return found

    # -- candidates --------------------------------------------------------------------------

    def _span(self, story: Story) -> tuple[int, int] | None:
        days = [d for d in (_day(x) for x in story.dates) if d is not None]
        return (min(days), max(days)) if days else None

    def _place(self, story: Story) -> None:
        span = self._span(story)
        if span is None:
            self._undated.add(story.id)
            return
        for day in range(span[0], span[1] + 1):
            self._by_day.setdefault(day, set()).add(story.id)

    def _unplace(self, story: Story) -> None:
        self._undated.discard(story.id)
        span = self._span(story)
        if span is not None:
            for day in range(span[0], span[1] + 1):
                self._by_day.get(day, set()).discard(story.id)

    def _near(self, span: tuple[int, int] | None) -> list[Story]:
        """Stories a document or story of this day span may join: close in time, or undated."""
        if span is None:
            return list(self.stories.values())
        gap = self.params.max_gap_days
        ids = set(self._undated)
        for day in range(span[0] - gap, span[1] + gap + 1):
            ids.update(self._by_day.get(day, ()))
        return [self.stories[i] for i in sorted(ids)]

    # -- adding ------------------------------------------------------------------------------

    def add(self, docs: Sequence[StoryDoc]) -> set[str]:
        """Add documents (already-known ids are skipped); the ids of stories changed or removed.

        Document frequencies take in the whole batch first; documents are then placed
        in date order, undated ones last, so that an undated report joins by content.
        """
        docs = [d for d in _unique(docs) if d.doc_id not in self.doc_story]
        if not docs:
            return set()
        counts = self._counts(docs)
        for indices, _ in counts:
            for i in indices.tolist():
                self.df[i] = self.df.get(i, 0) + 1
        self.n_docs += len(docs)
        order = sorted(range(len(docs)), key=lambda n: (docs[n].date is None, docs[n].date or ""))
        changed: set[str] = set()
        vectors = {}
        for n in order:
            vectors[docs[n].doc_id] = vector = self._unit(counts[n])
            changed.add(self._place_document(docs[n], vector))
        changed |= self._refine(vectors)
        changed |= self._merge(changed)
        changed |= self._link(changed & self.stories.keys())
        return changed

    def _place_document(self, doc: StoryDoc, vector: Vector) -> str:
        day = _day(doc.date)
        near = self._near(None if day is None else (day, day))
        best_score, best = max(self._scores(vector, 1, near), default=(-1.0, None), key=_first)
        member = {"doc_id": doc.doc_id, "date": doc.date, "title": doc.title, "source": doc.source}
        if best is None or best_score < self.params.join:
            best = Story(story_id_for(doc.doc_id))
            best.storyline_id = best.id
            self.stories[best.id] = best
            best_score = 1.0
        else:
            self._unplace(best)
        best.members.append({**member, "score": round(best_score, 4)})
        best.indices, best.values = _add((best.indices, best.values), vector)
        self._place(best)
        self.doc_story[doc.doc_id] = best.id
        self._retitle(best, doc)
        return best.id

    def _refine(self, vectors: dict[str, Vector]) -> set[str]:
        """One pass moving each new document to the story it now fits best, so that a batch
        depends less on its order (a document placed early saw only the stories before it)."""
        moved: set[str] = set()
        for doc_id, vector in vectors.items():
            home = self.stories[self.doc_story[doc_id]]
            if home.size == 1:
                continue
            member = next(m for m in home.members if m["doc_id"] == doc_id)
            self._unplace(home)
            home.members.remove(member)
            home.indices, home.values = _add((home.indices, home.values), (vector[0], -vector[1]))
            self._place(home)
            day = _day(member["date"])
            near = self._near(None if day is None else (day, day))
            if home not in near:  # its other members may have drifted out of the date window
                near.append(home)
            scores = self._scores(vector, 1, near)
            own = next(score for score, story in scores if story is home)
            best_score, best = max(scores, key=_first)
            target = best if best_score > own and best_score >= self.params.join else home
            self._unplace(target)
            target.members.append({**member, "score": round(max(best_score, own), 4)})
            target.indices, target.values = _add((target.indices, target.values), vector)
            self._place(target)
            self.doc_story[doc_id] = target.id
            if target is not home:
                moved |= {home.id, target.id}
                if home.title == member["title"]:
                    self._best_title(home)
                self._retitle(target, StoryDoc(doc_id, member["title"], ""))
        return moved

    def _best_title(self, story: Story) -> None:
        """Choose the story's title afresh among all its members' titles."""
        story.title, story.title_score = "", -1.0
        for member in story.members:
            self._retitle(story, StoryDoc(member["doc_id"], member["title"] or "", ""))

    def _retitle(self, story: Story, doc: StoryDoc) -> None:
        """Keep the headline closest to the story: the current one or the newcomer's."""
        candidates = [t for t in (story.title, doc.title) if t]
        if not candidates:
            story.title = _first_sentence(doc) if not story.title else story.title
            return
        scored = []
        for title in dict.fromkeys(candidates):
            if title not in self._title_counts:
                self._title_counts[title] = self._counts([StoryDoc("", "", title)])[0]
            vector = self._unit(self._title_counts[title])
            scored.append((self._scores(vector, story.size, [story])[0][0], title))
        story.title_score, story.title = max(scored)

    def _merge(self, changed: set[str]) -> set[str]:
        """Merge changed stories into close ones (average linkage) until none is left."""
        removed: set[str] = set()
        queue = sorted(changed)
        while queue:
            story = self.stories.get(queue.pop())
            if story is None:
                continue
            near = [s for s in self._near(self._span(story)) if s.id != story.id]
            scores = self._scores((story.indices, story.values), story.size, near)
            best_score, best = max(scores, default=(-1.0, None), key=_first)
            if best is None or best_score < self.params.merge:
                continue
            keep, drop = sorted((story, best), key=lambda s: (-s.size, s.id))
            self._unplace(keep)
            self._unplace(drop)
            keep.members += drop.members
            keep.indices, keep.values = _add(
                (keep.indices, keep.values), (drop.indices, drop.values)
            )
            if drop.title_score > keep.title_score:
                keep.title, keep.title_score = drop.title, drop.title_score
            del self.stories[drop.id]
            for member in drop.members:
                self.doc_story[member["doc_id"]] = keep.id
            self._relabel(drop.storyline_id, keep.storyline_id, changed)
            self._place(keep)
            removed.add(drop.id)
            changed.add(keep.id)
            queue.append(keep.id)
        return removed | changed

    def _relabel(self, old: str, new: str, changed: set[str]) -> None:
        if old == new:
            return
        for story in self.stories.values():
            if story.storyline_id == old:
                story.storyline_id = new
                changed.add(story.id)

    def _link(self, changed: set[str]) -> set[str]:
        """Join the storylines of changed stories with those of stories close enough to them."""
        touched = set(changed)
        for story_id in sorted(changed):
            story = self.stories[story_id]
            others = [s for s in self.stories.values() if s.storyline_id != story.storyline_id]
            for score, other in self._scores((story.indices, story.values), story.size, others):
                if score >= self.params.storyline:
                    if other.storyline_id == story.storyline_id:
                        continue
                    first, second = sorted(
                        (story.storyline_id, other.storyline_id),
                        key=lambda line: self._line_start(line),
                    )
                    self._relabel(second, first, touched)
        return touched

    def _line_start(self, line: str) -> tuple[str, str]:
        dates = [s.start_date for s in self.stories.values() if s.storyline_id == line]
        known = [d for d in dates if d]
        return (min(known) if known else "9999", line)


def _first(pair: tuple[float, Any]) -> float:
    return pair[0]


def _identity(values: list[str]) -> list[str]:
    return values


def _unique(docs: Sequence[StoryDoc]) -> list[StoryDoc]:
    seen: dict[str, StoryDoc] = {}
    for doc in docs:
        seen.setdefault(doc.doc_id, doc)
    return list(seen.values())


def surface_keys(text: str, sentences: Iterable[SentenceSpan] | None = None) -> tuple[str, ...]:
    """Cheap stand-ins for entity ids where no entity resolution ran: runs of capitalised
    words (names of people, places, organisations; a sentence's first word left out) and
    numbers.

    `sentences` are the text's sentence spans; without them each line is one (ECB+
    texts, which `cluster_texts` reads, hold one sentence per line).
    """
    openers = {
        m.end() for start, _ in sentence_spans(text, sentences) if (m := _OPENER.match(text, start))
    }
    keys = set()
    for match in _NAME_OR_NUMBER.finditer(text):
        words = match.group(0).split()
        if match.start() + len(words[0]) in openers and not words[0][0].isdigit():
            words = words[1:]
        if words:
            keys.add("k:" + " ".join(words).casefold().replace(",", ""))
    return tuple(sorted(keys))


def cluster_texts(texts: dict[str, str], params: StoryParams | None = None) -> dict[str, str]:
    """Story labels of undated, untitled texts in one pass: the ECB+ clusterer (one
    sentence per line, see `surface_keys`)."""
    index = StoryIndex(params)
    index.add([StoryDoc(doc_id, "", t, entity_ids=surface_keys(t)) for doc_id, t in texts.items()])
    return dict(index.doc_story)
