"""Step timings of a triangulate run, read from the workflow's own log records
(``triangulate.workflow`` logger; see src/triangulate/workflow/timing.py)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

CORPUS_STEPS = ("stories", "inferred dates", "story results")


class StepTimes(logging.Handler):
    """Sums the seconds of each workflow step."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.seconds: dict[str, float] = {}

    def emit(self, record: logging.LogRecord) -> None:
        step = getattr(record, "step", None)
        if step is not None:
            self.seconds[step] = self.seconds.get(step, 0.0) + float(record.seconds)

    def get(self, *steps: str) -> float:
        return sum(self.seconds.get(step, 0.0) for step in steps)


@contextmanager
def step_times() -> Iterator[StepTimes]:
    """Collect the step timings of what runs inside the block."""
    handler = StepTimes()
    logger = logging.getLogger("triangulate.workflow")
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # timings are data here, not messages for the terminal
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
