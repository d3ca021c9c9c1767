"""Train the learned cue model shipped as src/triangulate/data/attribution_cues.npz.

Usage: python scripts/train_attribution_cues.py ../shared/benchmarks/polnear

Reads PolNeAR's train split only (dev and the held-out half stay unseen). A row is a
verb the lexicon does not make a cue (`finder.cue_candidates`), labelled by whether
it lies in a gold cue. The threshold is chosen on a fifth of the train texts held
out (seed 0) by the content-overlap F1 of all attributions, rules and model
together; the model is then fitted on every train text and saved with it.
"""

from __future__ import annotations

import random
import sys
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc

from triangulate.eval.polnear import PolnearDoc, load_polnear, score_attributions
from triangulate.eval.runner import parse_for_attribution, scored_attributions
from triangulate.nlp.pipeline import load_pipeline
from triangulate.nlp.quotes.finder import cue_candidates
from triangulate.nlp.quotes.learned import MODEL_FILE, CueModel, features

THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
C = 0.5  # inverse L2 strength


def rows(texts: list[tuple[PolnearDoc, Doc]]) -> tuple[list[list[str]], list[bool]]:
    found: list[list[str]] = []
    labels: list[bool] = []
    for gold, doc in texts:
        cues = [fragment for a in gold.attributions for fragment in a.cue]
        for token in cue_candidates(doc):
            found.append(features(token))
            labels.append(any(start <= token.idx < end for start, end in cues))
    return found, labels


def content_f1(texts: list[tuple[PolnearDoc, Doc]], model: CueModel) -> float:
    gold = {g.name: g.attributions for g, _ in texts}
    system = {g.name: scored_attributions(doc, model) for g, doc in texts}
    return score_attributions(gold, system).metrics["content overlap F1"]


def main(folder: str) -> None:
    nlp = load_pipeline()
    texts = [(g, parse_for_attribution(nlp, g.text)) for g in load_polnear(Path(folder), "train")]
    order = list(range(len(texts)))
    random.Random(0).shuffle(order)
    held = set(order[: len(texts) // 5])
    fit = CueModel.fit(*rows([t for i, t in enumerate(texts) if i not in held]), C)
    check = [t for i, t in enumerate(texts) if i in held]
    scores = {th: content_f1(check, CueModel(fit.weights, fit.intercept, th)) for th in THRESHOLDS}
    threshold = max(scores, key=lambda th: scores[th])
    final = CueModel.fit(*rows(texts), C)
    model = CueModel(final.weights, final.intercept, threshold)
    target = Path(str(resources.files("triangulate.data").joinpath(MODEL_FILE)))
    model.save(target)
    shown = ", ".join(f"{th}: {f1:.4f}" for th, f1 in scores.items())
    print(f"{len(texts)} texts, {len(model.weights)} weights, threshold {threshold} ({shown})")
    print(f"-> {target}")


if __name__ == "__main__":
    main(sys.argv[1])
