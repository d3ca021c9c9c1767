"""The run settings a store was analysed with, saved in the store and reused.

Model, user gazetteers, outlet list and framing lexicons all change what the
analysis stores. They are saved with the store (`corpus_state["run.settings"]`) and
hashed, file contents included, into the pipeline id, so a later command that does
not repeat them analyses with the same ones, and a changed file re-analyses what it
must instead of silently mixing two gazetteers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from triangulate.errors import UsageError
from triangulate.store import Store

STATE_KEY = "run.settings"


@dataclass(frozen=True)
class RunSettings:
    """What the analysis depends on besides the documents."""

    model: str | None = None
    gazetteers: tuple[Path, ...] = ()
    outlets: Path | None = None
    framing: tuple[Path, ...] = ()

    def digest(self) -> str:
        """A short hash of the settings and the contents of every file they name."""
        h = hashlib.sha256(str(self.model or "").encode())
        for kind, paths in (
            ("gazetteer", self.gazetteers),
            ("outlets", (self.outlets,) if self.outlets else ()),
            ("framing", self.framing),
        ):
            for path in paths:
                h.update(f"\0{kind}\0".encode())
                h.update(_read(path, kind))
        return h.hexdigest()[:12]

    def to_state(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "gazetteers": [str(p) for p in self.gazetteers],
            "outlets": str(self.outlets) if self.outlets else None,
            "framing": [str(p) for p in self.framing],
        }


def resolve_settings(
    store: Store,
    *,
    model: str | None = None,
    gazetteers: Sequence[Path] = (),
    outlets: Path | None = None,
    framing: Sequence[Path] = (),
) -> RunSettings:
    """The settings given, each one not given taken from what the store was last run with."""
    saved = store.state(STATE_KEY) or {}
    return RunSettings(
        model=model or saved.get("model"),
        gazetteers=tuple(Path(p) for p in (gazetteers or saved.get("gazetteers") or ())),
        outlets=outlets or (Path(saved["outlets"]) if saved.get("outlets") else None),
        framing=tuple(Path(p) for p in (framing or saved.get("framing") or ())),
    )


def save_settings(store: Store, settings: RunSettings) -> None:
    store.set_state(STATE_KEY, settings.to_state())


def _read(path: Path, kind: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(
            f"the {kind} file {path} cannot be read ({exc.strerror or exc}); this store was "
            f"analysed with it: give it again, or give the {kind} file to use instead"
        ) from exc
