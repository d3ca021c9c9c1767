"""Near-duplicate detection with MinHash-LSH: syndicated wire copies and light reprints.

Copies are linked, never dropped: each member of a group points through
`duplicate_of` at the group's original, the earliest-dated copy (the first
stored on a tie), so the analyst still sees every outlet that ran the story
while corroboration can count it once.
"""

from __future__ import annotations

from datasketch import MinHash, MinHashLSH

from triangulate.clean.boilerplate import tokens
from triangulate.clean.normalize import fold_for_matching

SHINGLE_WORDS = 4
NUM_PERM = 128
THRESHOLD = 0.6
# Stored signatures are only comparable under the scheme that made them.
SCHEME = "affine32"


def signature(text: str) -> MinHash:
    """MinHash of the text's word 4-shingles, after the gold matching normalisation."""
    words = tokens(fold_for_matching(text))
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)
    }
    for shingle in shingles or {" ".join(words)}:
        minhash.update(shingle.encode("utf-8"))
    return minhash


def from_hashvalues(values: list[int]) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME)


class NearDuplicateIndex:
    """An LSH index over stored signatures that answers 'which documents is this a copy of?'."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._signatures

    def add(self, doc_id: str, minhash: MinHash) -> None:
        if doc_id not in self._signatures:
            self._lsh.insert(doc_id, minhash)
            self._signatures[doc_id] = minhash

    def copies_of(self, minhash: MinHash) -> list[str]:
        """Stored documents whose estimated Jaccard similarity reaches the threshold."""
        return sorted(
            doc_id
            for doc_id in self._lsh.query(minhash)
            if self._signatures[doc_id].jaccard(minhash) >= self.threshold
        )
