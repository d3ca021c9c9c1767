"""One sub-event type for a whole report or snippet: a linear model over words, characters,
the lead sentence, the ACLED cue counts and the parse, beside the cue rules alone.

The model is trained by `scripts/train_event_types.py` and shipped as
`data/event_types.npz`: vocabularies, IDF weights and coefficients as plain
arrays (loaded without pickle, so a file cannot run code and a scikit-learn
upgrade cannot break it). Without the file, `snippet_type` falls back to the
rules (`acled.rule_type`), which is also the figure reported beside the model's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC
from spacy.tokens import Doc

from triangulate.errors import InputError
from triangulate.nlp import extensions
from triangulate.nlp.events.acled import actor_side, cue_scores, rule_type
from triangulate.resources.bundled import load_bundled

MODEL_FILE = "event_types.npz"
#: Clause dependents whose lemma pairs with the verb's as a parse feature.
ARGUMENT_DEPS = frozenset(["dobj", "nsubjpass", "nsubj", "pobj"])


@dataclass(frozen=True)
class Features:
    """What the model reads of one parsed text."""

    lemmas: str
    text: str
    lead: str
    cues: dict[str, float]
    syntax: dict[str, float]


def features(doc: Doc) -> Features:
    """The features of a parsed text; the lead is its first sentence."""
    tokens = list(doc)
    lead = next(iter(doc.sents), doc[:])
    cues = {code: math.log1p(score) for code, score in cue_scores(tokens).items()}
    cues["rule=" + rule_type(tokens)] = 1.0
    return Features(
        lemmas=" ".join(t.lemma_.lower() for t in doc if not (t.is_punct or t.is_space)),
        text=extensions.text(doc),
        lead=" ".join(t.lemma_.lower() for t in lead if not (t.is_punct or t.is_space)),
        cues=cues,
        syntax=_syntax(lead),
    )


def _syntax(sentence: Any) -> dict[str, float]:
    """The lead's verbs, each verb with its arguments' lemmas, and the side of who acted."""
    found: dict[str, float] = {}
    for token in sentence:
        if token.pos_ != "VERB":
            continue
        verb = token.lemma_.lower()
        found["v=" + verb] = 1.0
        for child in token.children:
            if child.dep_ in ARGUMENT_DEPS:
                found[f"{child.dep_}={verb}>{child.lemma_.lower()}"] = 1.0
            if child.dep_ in ("nsubj", "agent"):
                side = actor_side(list(child.subtree))
                if side:
                    found[f"side={verb}>{side}"] = 1.0
    return found


# (feature, vectorizer settings, weight): the weights balance the blocks against each other.
BLOCKS: tuple[tuple[str, dict[str, Any], float], ...] = (
    ("lemmas", {"ngram_range": (1, 2)}, 1.0),
    ("text", {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 2}, 1.0),
    ("lead", {}, 0.5),
    ("cues", {}, 0.2),
    ("syntax", {}, 0.2),
)
DICT_BLOCKS = frozenset(["cues", "syntax"])


def _vectorizer(name: str, settings: dict[str, Any]) -> TfidfVectorizer | DictVectorizer:
    if name in DICT_BLOCKS:
        return DictVectorizer()
    return TfidfVectorizer(sublinear_tf=True, **settings)


class EventTypeModel:
    """A linear classifier of sub-event types over `Features`."""

    def __init__(
        self,
        vectorizers: Sequence[TfidfVectorizer | DictVectorizer],
        coef: np.ndarray,
        intercept: np.ndarray,
        classes: Sequence[str],
    ) -> None:
        self.vectorizers = list(vectorizers)
        self.coef = coef
        self.intercept = intercept
        self.classes = list(classes)

    @classmethod
    def fit(
        cls, found: Sequence[Features], labels: Sequence[str], c: float = 0.5
    ) -> EventTypeModel:
        """Train on parsed texts and their sub-type codes (classes weighted by frequency)."""
        vectorizers = [_vectorizer(name, settings) for name, settings, _ in BLOCKS]
        matrix = hstack(
            [
                v.fit_transform([getattr(f, name) for f in found]) * weight
                for v, (name, _, weight) in zip(vectorizers, BLOCKS, strict=True)
            ]
        ).tocsr()
        svm = LinearSVC(C=c, class_weight="balanced").fit(matrix, list(labels))
        coef, intercept = svm.coef_, svm.intercept_
        if len(svm.classes_) == 2:  # one row scores the second class against the first
            coef, intercept = np.vstack([-coef, coef]), np.hstack([-intercept, intercept])
        return cls(vectorizers, coef, intercept, [str(k) for k in svm.classes_])

    def _matrix(self, found: Sequence[Features]) -> csr_matrix:
        return hstack(
            [
                v.transform([getattr(f, name) for f in found]) * weight
                for v, (name, _, weight) in zip(self.vectorizers, BLOCKS, strict=True)
            ]
        ).tocsr()

    def predict(self, found: Sequence[Features]) -> list[str]:
        """The best-scoring sub-type code of each text."""
        if not found:
            return []
        scores = self._matrix(found) @ self.coef.T + self.intercept
        return [self.classes[int(i)] for i in np.asarray(scores).argmax(axis=1)]

    def save(self, path: Path) -> None:
        """Plain arrays only (float16 coefficients keep the file a few MB)."""
        arrays: dict[str, np.ndarray] = {
            "classes": np.array(self.classes),
            "coef": self.coef.astype(np.float16),
            "intercept": self.intercept.astype(np.float32),
        }
        for (name, _, _), vectorizer in zip(BLOCKS, self.vectorizers, strict=True):
            arrays[f"{name}.terms"] = np.array([str(t) for t in vectorizer.get_feature_names_out()])
            if isinstance(vectorizer, TfidfVectorizer):
                arrays[f"{name}.idf"] = vectorizer.idf_.astype(np.float32)
        np.savez_compressed(path, **arrays)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path | Any) -> EventTypeModel:
        """A model saved by `save`; `path` may be a package resource."""
        try:
            with np.load(path, allow_pickle=False) as arrays:
                data = {key: arrays[key] for key in arrays.files}
        except (OSError, ValueError, KeyError) as exc:
            raise InputError(
                str(path),
                f"cannot be read as an event type model ({exc}); "
                "re-train it with scripts/train_event_types.py",
            ) from exc
        vectorizers: list[TfidfVectorizer | DictVectorizer] = []
        for name, settings, _ in BLOCKS:
            terms = [str(t) for t in data[f"{name}.terms"]]
            vectorizer = _vectorizer(name, settings)
            if isinstance(vectorizer, DictVectorizer):
                vectorizer.feature_names_ = terms
                vectorizer.vocabulary_ = {t: i for i, t in enumerate(terms)}
            else:
                vectorizer.set_params(vocabulary={t: i for i, t in enumerate(terms)}, min_df=1)
                vectorizer.idf_ = data[f"{name}.idf"].astype(np.float64)
            vectorizers.append(vectorizer)
        return cls(
            vectorizers,
            data["coef"].astype(np.float64),
            data["intercept"].astype(np.float64),
            [str(k) for k in data["classes"]],
        )


@lru_cache(maxsize=1)
def bundled_model() -> EventTypeModel | None:
    """The shipped model, or None when the package has none (the rules then decide)."""
    return load_bundled(MODEL_FILE, EventTypeModel.load)


def snippet_types(docs: Sequence[Doc], model: EventTypeModel | None = None) -> list[str]:
    """One sub-type code per parsed text: the model's when there is one, else the rules'."""
    model = model or bundled_model()
    if model is None:
        return [rule_type(list(doc)) for doc in docs]
    return model.predict([features(doc) for doc in docs])
