"""`triangulate eval TASK PATH`: one entry point for every evaluation task."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from triangulate.errors import UsageError
from triangulate.eval.gold import load_gold, score_gold
from triangulate.eval.result import EvalResult
from triangulate.store import Store


def run_gold(path: Path, *, db: Path | None = None, corpus: Path | None = None) -> EvalResult:
    """Ingest `corpus` (into `db`, or a throw-away database) and score it against the gold file."""
    from triangulate import api  # imported here: the API itself imports this module

    gold = load_gold(path)
    if corpus is None and db is None:
        raise UsageError("eval gold needs --corpus FOLDER (the documents it names) or --db FILE")
    with tempfile.TemporaryDirectory(prefix="triangulate-eval-") as tmp:
        database = db or Path(tmp) / "eval.duckdb"
        if corpus is not None:
            if not corpus.is_dir():
                raise UsageError(f"--corpus {corpus} is not a folder")
            api.ingest([str(corpus)], database, fetch_links=False)
        with Store(database) as store:
            documents = list(store.documents())
    return score_gold(gold, documents)


TASKS: dict[str, Callable[..., EvalResult]] = {"gold": run_gold}


def evaluate(task: str, path: Path, **options: Path | None) -> EvalResult:
    if task not in TASKS:
        raise UsageError(f"unknown eval task {task!r}; choose one of: {', '.join(TASKS)}")
    if not path.exists():
        raise UsageError(f"{path} does not exist")
    return TASKS[task](path, **options)
