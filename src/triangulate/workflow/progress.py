"""Progress reporting as a callback, so the library renders nothing itself.

A `Progress` is called with a label and a total (None when unknown) and returns a
function that wraps an iterable, advancing whatever it shows per item. The CLI
passes one that draws a bar on a terminal; the default shows nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
Advance = Callable[[Iterable[Any]], Iterable[Any]]
Progress = Callable[[str, int | None], AbstractContextManager[Advance]]


@contextmanager
def no_progress(label: str, total: int | None) -> Iterator[Advance]:
    """The default: items pass through untouched."""
    yield lambda items: items


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of `size` items (the last may be shorter)."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
