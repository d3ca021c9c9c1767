"""Model files shipped inside the package (`triangulate/data/`), read one way."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def load_bundled(name: str, load: Callable[[Path], T]) -> T | None:
    """The shipped file `name` read by `load`, or None when the package has none (the
    rules then decide alone)."""
    resource = resources.files("triangulate.data").joinpath(name)
    if not resource.is_file():
        return None
    with resources.as_file(resource) as path:
        return load(path)
