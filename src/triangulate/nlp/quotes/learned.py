"""A learned cue detector beside the lexicon: which other verbs attribute something to
their subject ("is promoting her plans", "offered no proof that ...", "linked X to Y").

PolNeAR counts far more verbs as attribution cues than a lexicon can list; most are
cues only in some frames ("sent a letter" is, "sent troops" is not). A logistic model
over the verb's lemma, its arguments and its subject scores each verb the lexicon
does not know (`finder.cue_candidates`). It is trained by
`scripts/train_attribution_cues.py` on PolNeAR's train split and shipped as
`data/attribution_cues.npz`: feature names, float16 weights, the intercept and the
threshold chosen on train, as plain arrays (loaded without pickle). Without the file
the rules alone decide.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Token

from triangulate.errors import InputError
from triangulate.nlp.quotes.cues import PERSON_PRONOUNS, ROLE_NOUNS
from triangulate.resources.bundled import load_bundled

MODEL_FILE = "attribution_cues.npz"
# Dependents of a verb that carry what it attributes (its content).
ARGUMENTS = frozenset({"dobj", "ccomp", "xcomp", "prep", "dative", "attr", "oprd", "acomp"})


def features(token: Token) -> list[str]:
    """What the model reads of a verb: its lemma alone and with each argument, its place
    in the parse, and what kind of subject it has."""
    lemma = token.lemma_.lower()
    found = [f"l={lemma}", f"dep={token.dep_}", f"tag={token.tag_}", f"hdep={token.head.pos_}"]
    subject = None
    for child in token.children:
        dep = child.dep_
        if dep in ARGUMENTS:
            word = f"{dep}:{child.lower_}" if dep == "prep" else dep
            found += [f"a={word}", f"l={lemma}|a={word}"]
            if dep == "ccomp":
                found.append(f"mark={'that' in (c.lower_ for c in child.children)}")
        elif dep in ("prt", "neg"):
            found.append(f"{dep}={child.lower_}")
        elif dep in ("nsubj", "nsubjpass") and subject is None:
            subject = child
    if subject is None:
        found.append("subject=none")
    else:
        found.append(f"subject={subject.dep_}")
        if subject.lower_ in PERSON_PRONOUNS or subject.lower_ in ("they", "we", "i", "you"):
            found.append("subject=pronoun")
        elif subject.ent_type_:
            found.append(f"subject={subject.ent_type_}")
        elif subject.lower_ in ROLE_NOUNS:
            found.append("subject=role")
        else:
            found.append(f"subject={subject.pos_}|{subject.lemma_.lower()}")
    return found


@dataclass(frozen=True)
class CueModel:
    """Feature weights of a logistic model and the probability from which a verb is a cue."""

    weights: dict[str, float]
    intercept: float
    threshold: float

    def probability(self, token: Token) -> float:
        score = self.intercept + sum(self.weights.get(f, 0.0) for f in features(token))
        return 1.0 / (1.0 + math.exp(-score))

    def is_cue(self, token: Token) -> bool:
        return self.probability(token) >= self.threshold

    @classmethod
    def fit(cls, rows: list[list[str]], labels: list[bool], c: float = 0.5) -> CueModel:
        """An L2 logistic regression over the binary features of `rows`."""
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        vectorizer = DictVectorizer()
        matrix = vectorizer.fit_transform([dict.fromkeys(row, 1.0) for row in rows])
        regression = LogisticRegression(C=c, max_iter=2000).fit(matrix, labels)
        names = vectorizer.get_feature_names_out()
        weights = {
            str(name): float(w) for name, w in zip(names, regression.coef_[0], strict=True) if w
        }
        return cls(weights, float(regression.intercept_[0]), 0.5)

    def save(self, path: Path) -> None:
        names = sorted(self.weights)
        np.savez_compressed(
            path,
            names=np.array(names),
            weights=np.array([self.weights[n] for n in names], dtype=np.float16),
            intercept=np.array([self.intercept, self.threshold], dtype=np.float32),
        )

    @classmethod
    def load(cls, path: Path | Any) -> CueModel:
        try:
            with np.load(path, allow_pickle=False) as arrays:
                names, weights = arrays["names"], arrays["weights"].astype(np.float64)
                intercept, threshold = (float(v) for v in arrays["intercept"])
        except (OSError, ValueError, KeyError) as exc:
            raise InputError(
                str(path),
                f"cannot be read as an attribution cue model ({exc}); "
                "re-train it with scripts/train_attribution_cues.py",
            ) from exc
        return cls(dict(zip((str(n) for n in names), weights.tolist(), strict=True)),
                   intercept, threshold)  # fmt: skip


@lru_cache(maxsize=1)
def bundled_model() -> CueModel | None:
    """The shipped model, or None when the package has none (the rules then decide)."""
    return load_bundled(MODEL_FILE, CueModel.load)
