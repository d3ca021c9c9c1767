"""Evaluations against the public benchmarks in ``shared/benchmarks``."""
