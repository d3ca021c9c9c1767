"""Timing of workflow steps through stdlib logging.

Every step logs one record on the ``triangulate.workflow`` logger with its name and
seconds in `extra` (``record.step``, ``record.seconds``), so benchmarks and users
read where the time went without patching anything.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

logger = logging.getLogger("triangulate.workflow")


@contextmanager
def timed(step: str, **details: object) -> Iterator[None]:
    """Log how long the block took as workflow step `step` (also when it raises)."""
    start = time.perf_counter()
    try:
        yield
    finally:
        seconds = time.perf_counter() - start
        logger.info(
            "%s took %.3f s", step, seconds, extra={"step": step, "seconds": seconds, **details}
        )
