"""Data every layer reads: gazetteers, the outlet list, units, the framing lexicon, number words.

Each resource is read one way, by one loader here, so that clean/, nlp/,
corpus/ and report/ agree on what a name, an outlet or a unit is. This package
imports only `models`, `errors` and libraries.
"""
