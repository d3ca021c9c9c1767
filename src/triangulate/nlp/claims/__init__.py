"""Quantitative claims: figures, units, qualifiers and who claims them."""
