"""The lexicon of news outlets and agencies used to recognise who published a report.

The bundled list covers the big wires and outlets; users add their own with a
CSV of the same columns (name, aliases, domains; lists separated by `|`).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from triangulate.errors import UsageError


@dataclass
class OutletLexicon:
    """Maps every spelling and domain of an outlet to its canonical name."""

    names: dict[str, str] = field(default_factory=dict)
    domains: dict[str, str] = field(default_factory=dict)
    spellings: set[str] = field(default_factory=set)

    @classmethod
    def bundled(cls) -> OutletLexicon:
        text = resources.files("triangulate.data").joinpath("outlets.csv").read_text("utf-8")
        lexicon = cls()
        lexicon.add_rows(csv.DictReader(text.splitlines()))
        return lexicon

    def with_file(self, path: Path) -> OutletLexicon:
        """A copy of this lexicon extended by a user CSV (name, aliases, domains).

        `credit_tags` and `domain` are accepted as other names for the last two columns.
        """
        extended = OutletLexicon(dict(self.names), dict(self.domains), set(self.spellings))
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                extended.add_rows(csv.DictReader(handle))
        except (OSError, KeyError, csv.Error) as exc:
            raise UsageError(
                f"cannot read outlet list {path}: {exc}; "
                "give a CSV with columns name, aliases, domains"
            ) from exc
        return extended

    def add_rows(self, rows: Iterable[dict[str, str]]) -> None:
        for row in rows:
            name = row["name"].strip()
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


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]
