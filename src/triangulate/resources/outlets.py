"""The lexicon of news outlets and agencies: who published a report, and on which side.

The bundled list covers the big wires and outlets; users add their own with a
CSV of the same columns (name, aliases, domains; lists separated by `|`; an
optional `side` or `country` column places the outlet for reports).
`load_outlets` is the one way to read them, for cleaning, entity tagging,
source independence and reports alike.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from triangulate.errors import UsageError


@dataclass
class OutletLexicon:
    """Maps every spelling and domain of an outlet to its canonical name, and names to sides."""

    names: dict[str, str] = field(default_factory=dict)
    domains: dict[str, str] = field(default_factory=dict)
    spellings: set[str] = field(default_factory=set)
    sides: dict[str, str] = field(default_factory=dict)

    def copy(self) -> OutletLexicon:
        """A copy to extend: `load_outlets` shares its lexicons, which must stay unchanged."""
        return OutletLexicon(
            dict(self.names), dict(self.domains), set(self.spellings), dict(self.sides)
        )

    def add_rows(self, rows: Iterable[dict[str, str]]) -> None:
        for row in rows:
            name = row["name"].strip()
            side = (row.get("side") or row.get("country") or "").strip()
            if name and side:
                self.sides[name] = side
            aliases = _split(row.get("aliases")) + _split(row.get("credit_tags"))
            for spelling in [name, *(a.strip("/()[]—–- ") for a in aliases)]:
                self.names[spelling.casefold()] = name
                self.spellings.add(spelling)
            for domain in _split(row.get("domains")) + _split(row.get("domain")):
                self.domains[domain.casefold().removeprefix("www.")] = name
        self.__dict__.pop("pattern", None)

    def canonical(self, surface: str) -> str | None:
        """The canonical outlet for a spelling, or None when it is not an outlet we know."""
        return self.names.get(surface.strip().strip(".,:;()/[]—–- ").casefold())

    def from_url(self, url: str | None) -> str | None:
        """The outlet owning the URL's domain (subdomains included)."""
        if not url:
            return None
        host = (urlsplit(url).hostname or "").casefold().removeprefix("www.")
        while host:
            if host in self.domains:
                return self.domains[host]
            host = host.partition(".")[2]
        return None

    @cached_property
    def pattern(self) -> str:
        """A case-sensitive regex alternation of every known spelling, longest first."""
        return "|".join(re.escape(s) for s in sorted(self.spellings, key=len, reverse=True))


def load_outlets(*paths: str | Path) -> OutletLexicon:
    """The bundled outlet list extended by user CSVs, in order; shared, so do not change it.

    A user CSV has the columns name, aliases, domains (`credit_tags` and `domain`
    are accepted as other names for the last two) and optionally side or country.
    """
    return _load(tuple(Path(p) for p in paths))


@lru_cache(maxsize=16)
def _load(paths: tuple[Path, ...]) -> OutletLexicon:
    lexicon = OutletLexicon()
    text = resources.files("triangulate.data").joinpath("outlets.csv").read_text("utf-8")
    lexicon.add_rows(csv.DictReader(text.splitlines()))
    for path in paths:
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                lexicon.add_rows(csv.DictReader(handle))
        except (OSError, KeyError, csv.Error) as exc:
            raise UsageError(
                f"cannot read outlet list {path}: {exc}; "
                "give a CSV with columns name, aliases, domains[, side]"
            ) from exc
    return lexicon


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]
