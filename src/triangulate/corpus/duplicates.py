"""Near-duplicate detection with MinHash-LSH: syndicated wire copies and light reprints.

Candidates come from LSH bands kept in the store (`Store.band_candidates`); their
signatures then decide. Copies are linked, never dropped: each member of a group points through
`duplicate_of` at the group's original, the earliest-dated copy (the first
stored on a tie), so the analyst still sees every outlet that ran the story
while corroboration can count it once.
"""

from __future__ import annotations

from datasketch import MinHash

from triangulate.clean.boilerplate import tokens
from triangulate.clean.normalize import fold_for_matching

SHINGLE_WORDS = 4
NUM_PERM = 128
THRESHOLD = 0.6
# Stored signatures are only comparable under the scheme that made them.
SCHEME = "affine32"
# LSH banding: datasketch's MinHashLSH optimum for THRESHOLD and NUM_PERM (18 bands of 7
# rows). The bands are kept in the store (`document_bands`), so that a new document
# finds its candidates with one lookup instead of an index rebuilt from every signature.
BANDS, ROWS = 18, 7


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


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal hash values."""
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def copies_among(minhash: MinHash, candidates: list[tuple[str, list[int]]]) -> list[str]:
    """The candidates (doc id, signature) whose estimated similarity reaches the threshold."""
    values = [int(v) for v in minhash.hashvalues]
    return sorted(d for d, other in candidates if similarity(values, list(other)) >= THRESHOLD)
