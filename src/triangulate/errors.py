"""Named exceptions. Each message says what went wrong and what to do about it."""

from __future__ import annotations


class TriangulateError(Exception):
    """Base class for every error the library raises on purpose."""


class InputError(TriangulateError):
    """One input item cannot be read or cleaned; the run goes on with the others."""

    def __init__(self, item: str, reason: str) -> None:
        super().__init__(f"{item}: {reason}")
        self.item = item
        self.reason = reason


class UsageError(TriangulateError):
    """The request itself is wrong (unknown table, bad format, missing path)."""


class StoreError(TriangulateError):
    """The database file cannot be opened or migrated."""


class StoreBusy(StoreError):
    """Another process held the database for longer than the lock timeout (exit code 3)."""


class MissingExtra(UsageError):
    """An optional dependency group is not installed; the message names the pip command."""

    def __init__(self, extra: str, purpose: str) -> None:
        super().__init__(f"{purpose} needs the {extra} extra: pip install 'triangulate[{extra}]'")
        self.extra = extra


class NoPipeline(UsageError):
    """A document is in a language no pipeline analyses; it is stored, not analysed."""

    def __init__(self, language: str | None) -> None:
        super().__init__(f"not analysed: no pipeline for {language}")
        self.language = language
