"""Stable document ids: the same article text gives the same id on every run."""

from __future__ import annotations

import hashlib

from triangulate.clean.normalize import fold_for_matching


def document_id(text: str) -> str:
    """A 16-hex-digit id from the folded clean text, blind to quote style, case and spacing."""
    return hashlib.sha256(fold_for_matching(text).encode("utf-8")).hexdigest()[:16]
