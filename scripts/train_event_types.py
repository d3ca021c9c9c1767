"""Train the sub-event type model shipped as src/triangulate/data/event_types.npz.

Usage: python scripts/train_event_types.py ../shared/benchmarks/case2021-task2

It trains on every snippet of the folder (CASE 2021 task 2, the dev half: the
only labelled data the project has); `triangulate eval case2021 PATH` reports
the same model 5-fold cross-validated on it, and the cue rules beside it.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from triangulate.eval.case2021 import load_snippets
from triangulate.nlp.events.classify import MODEL_FILE, EventTypeModel, features
from triangulate.nlp.pipeline import load_pipeline


def main(folder: str) -> None:
    snippets = load_snippets(Path(folder))
    nlp = load_pipeline()
    found = [features(doc) for doc in nlp.pipe([s.text for s in snippets])]
    model = EventTypeModel.fit(found, [s.label for s in snippets])
    target = Path(str(resources.files("triangulate.data").joinpath(MODEL_FILE)))
    model.save(target)
    print(f"{len(snippets)} snippets, {len(model.classes)} types -> {target}")


if __name__ == "__main__":
    main(sys.argv[1])
