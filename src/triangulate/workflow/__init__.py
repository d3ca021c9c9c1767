"""The one place that orders the steps: ingest (read, clean, store, link copies) and
analyze (NLP, entities, stories, inferred dates, re-dating, per-story results).

Each step module does one job over the store; `analyze.py` and `ingest.py` say in
which order they run. `triangulate.api` is a thin facade over this package.
"""
