"""Quotes: quoted stretches, verbs of saying and the speaker each quote is credited to."""
