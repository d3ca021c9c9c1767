"""Expand what the user typed (paths, folders, globs, URLs, ``-``) into single inputs.

Expansion is separate from reading so a progress bar can count inputs
cheaply, and so every spec that matches nothing can be reported by name.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from triangulate.models import ItemError

STDIN = "-"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class Source:
    """One input to read: `name` is the path, URL or ``-`` shown to the user."""

    name: str
    kind: Literal["file", "url", "stdin"]


def expand(specs: Iterable[str]) -> Iterator[Source | ItemError]:
    """Sources in the order given; folders and globs sorted, each file at most once.

    Hidden files and folders are skipped inside folders and globs, but a
    hidden file named explicitly is read.
    """
    seen: set[str] = set()
    for spec in specs:
        for source in _expand_one(spec):
            if isinstance(source, Source):
                key = os.path.realpath(source.name) if source.kind == "file" else source.name
                if key in seen:
                    continue
                seen.add(key)
            yield source


def _expand_one(spec: str) -> Sequence[Source | ItemError]:
    if spec == STDIN:
        return [Source(STDIN, "stdin")]
    scheme = _SCHEME.match(spec)
    if scheme:
        if scheme.group(1).lower() in ("http", "https"):
            return [Source(spec, "url")]
        return [ItemError(spec, f"unsupported URL scheme '{scheme.group(1)}'; use http(s)")]
    if os.path.isdir(spec):
        files, nothing = _walk(spec), "folder has no files (hidden files are skipped)"
    elif os.path.exists(spec):
        return [Source(spec, "file")]
    elif _GLOB_CHARS.search(spec):
        files, nothing = _glob(spec), "no files match this pattern"
    else:
        return [ItemError(spec, "no such file or folder")]
    return files or [ItemError(spec, nothing)]


def _glob(pattern: str) -> list[Source]:
    return [
        source
        for match in sorted(glob.glob(pattern, recursive=True))
        for source in (_walk(match) if os.path.isdir(match) else [Source(match, "file")])
    ]


def _walk(folder: str) -> list[Source]:
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [os.path.join(root, f) for f in files if not f.startswith(".")]
    return [Source(path, "file") for path in sorted(found)]
