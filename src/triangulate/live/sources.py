"""What to watch: feed URLs, site section URLs and local folders, each with an optional
outlet name and side.

A sources file has one source a line, ``location[, outlet[, side]]`` (CSV, so a
field with a comma is quoted); blank lines and lines starting with ``#`` are skipped.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from triangulate.errors import UsageError

_URL = re.compile(r"^https?://", re.IGNORECASE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True)
class WatchSource:
    """One thing to poll: a URL (feed or section page) or a local folder."""

    location: str
    outlet: str | None = None
    side: str | None = None

    @property
    def is_folder(self) -> bool:
        return not _URL.match(self.location)


def parse_sources(specs: Iterable[str]) -> list[WatchSource]:
    """Sources from command-line arguments: URLs and folders as given, any other existing
    file read as a sources file; each location once, in order."""
    found: dict[str, WatchSource] = {}
    for spec in specs:
        for source in _sources_of(spec):
            found.setdefault(source.location, source)
    if not found:
        raise UsageError(
            "nothing to watch: give feed URLs, section URLs, folders or a sources file"
        )
    return list(found.values())


def _sources_of(spec: str) -> list[WatchSource]:
    if _URL.match(spec) or os.path.isdir(spec):
        return [_source(spec, None, None, spec)]
    if _SCHEME.match(spec):
        raise UsageError(f"{spec}: unsupported URL scheme; watch http(s) URLs or folders")
    path = Path(spec)
    if not path.is_file():
        raise UsageError(f"{spec}: no such URL, folder or sources file")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the sources file {spec}: {exc}") from exc
    sources = []
    for number, row in enumerate(csv.reader(lines, skipinitialspace=True), start=1):
        fields = [f.strip() for f in row]
        if not fields or not fields[0] or fields[0].startswith("#"):
            continue
        if len(fields) > 3:
            raise UsageError(
                f"{spec}:{number}: expected `location[, outlet[, side]]`, got {len(fields)} "
                "fields; quote a field that holds a comma"
            )
        location = fields[0]
        if not _URL.match(location) and not os.path.isabs(location):
            location = str(path.parent / location)  # folders relative to the sources file
        outlet, side = (fields[1:] + [None, None])[:2]
        sources.append(_source(location, outlet or None, side or None, f"{spec}:{number}"))
    return sources


def _source(location: str, outlet: str | None, side: str | None, where: str) -> WatchSource:
    if not _URL.match(location):
        if _SCHEME.match(location):
            raise UsageError(f"{where}: unsupported URL scheme in {location}; use http(s)")
        if not os.path.isdir(location):
            raise UsageError(f"{where}: {location} is neither an http(s) URL nor a folder")
        location = os.path.abspath(location)
    return WatchSource(location, outlet, side)
