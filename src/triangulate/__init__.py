"""triangulate: a sourced, claim-by-claim record from noisy conflict reporting."""

__version__ = "0.1.0"
